"""WebAnno / INCEpTION TSV 3 (``#FORMAT=WebAnno TSV 3.x``) read as an annotation set: one file, one document.

The text is rebuilt as INCEpTION rebuilds it: each sentence is its ``#Text=`` lines (unescaped), each
followed by a line break; before a sentence's first token the text is padded with spaces up to the
token's begin offset, or loses the line break of the sentence before when the token begins inside it
("one" "two" with no space between). Offsets in the file count UTF-16 units (Java strings): they are
converted to code points, and every token's offsets must cover its own text, else the file is refused
(a file whose offsets count code points is read as such, with a warning).

Span layers (``#T_SP=``): the named-entity layer (``…ner.type.NamedEntity``) and custom layers are read;
DKPro's linguistic layers (POS, lemma, morphology, syntax…) are not (a warning names them). A span's
label is its layer's ``value`` feature, else its first feature; a null value (``*``) or a layer without
features gives the layer's short name (``NamedEntity``). The layer's other features become attributes.
Multi-unit spans (``PER[3]`` on several tokens, across sentences too) cover from their first unit's
begin to their last unit's end; stacked annotations (``PER[1]|LOC[2]``) are separate spans; sub-token
units (``1-3.1``) give spans inside tokens. Relation layers (``#T_RL=``) whose base layer is read
become links (role: the relation's ``value`` feature, else its first feature, else the layer's short
name). Not kept, each counted in a
warning: chains, slot features, zero-width spans (our spans are never empty), other relation features.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.model import ValidationError, check_label_name
from annotator.core.offsets import Utf16Map
from annotator.formats.annotation_set import AnnotationSet, SetDocument, SetLink, SetSpan, read_set_text
from annotator.formats.documents import readable_name

FORMAT_PREFIX = "#FORMAT=WebAnno TSV "
NAMED_ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
LINGUISTIC = (
    "de.tudarmstadt.ukp.dkpro.core.api.lexmorph.",
    "de.tudarmstadt.ukp.dkpro.core.api.segmentation.",
    "de.tudarmstadt.ukp.dkpro.core.api.syntax.",
    "de.tudarmstadt.ukp.dkpro.core.api.semantics.",
    "de.tudarmstadt.ukp.dkpro.core.api.coref.",
)
_UNIT = re.compile(r"^(\d+)-(\d+)(?:\.(\d+))?$")
_OFFSETS = re.compile(r"^(\d+)-(\d+)$")
_REF = re.compile(r"^(\d+-\d+(?:\.\d+)?)(?:\[(\d+)_(\d+)\])?$")
_VALUE_ESCAPES = {"\\": "\\", "[": "[", "]": "]", "|": "|", "_": "_", ";": ";", "*": "*", "t": "\t", "n": "\n"}
_TEXT_ESCAPES = {"t": "\t", "n": "\n", "f": "\f", "r": "\r", "b": "\b", "\\": "\\"}


@dataclass(slots=True)
class _Layer:
    kind: str  # SP, RL or CH
    type_name: str
    features: list[str]
    first_column: int

    @property
    def short_name(self) -> str:
        return self.type_name.rsplit(".", 1)[-1]

    @property
    def width(self) -> int:
        return max(1, len(self.features))


@dataclass(slots=True)
class _Unit:
    unit_id: str
    begin: int  # in the file's units until converted
    end: int
    token: str
    columns: list[str]
    line: int


@dataclass(slots=True)
class _Annotation:
    layer: _Layer
    values: list[str]  # one per feature (raw, escaped), "*" for null
    units: list[_Unit] = field(default_factory=list)
    line: int = 0


def unescape_value(raw: str) -> str:
    """A feature value as written (``\\|``, ``\\[``, ``\\->``… escaped) to its text."""
    if "\\" not in raw:
        return raw
    out = []
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch == "\\" and i + 1 < len(raw):
            nxt = raw[i + 1]
            if raw.startswith("->", i + 1):
                out.append("->")
                i += 3
                continue
            if nxt in _VALUE_ESCAPES:
                out.append(_VALUE_ESCAPES[nxt])
                i += 2
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def unescape_text(raw: str, minor: int) -> str:
    """A ``#Text=`` line to its text: ``\\t`` ``\\n`` ``\\r`` ``\\f`` ``\\b`` ``\\\\`` and a backslash before a
    control character (3.2 and later); Java escapes, ``\\uXXXX`` included, in 3.0 and 3.1."""
    if "\\" not in raw:
        return raw
    out = []
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch == "\\" and i + 1 < len(raw):
            nxt = raw[i + 1]
            if nxt in _TEXT_ESCAPES:
                out.append(_TEXT_ESCAPES[nxt])
                i += 2
                continue
            if minor >= 2 and ord(nxt) < 32:
                out.append(nxt)
                i += 2
                continue
            if minor < 2 and nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", raw[i + 2 : i + 6]):
                out.append(chr(int(raw[i + 2 : i + 6], 16)))
                i += 6
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def _unescaped_positions(raw: str) -> list[int]:
    """Indexes of the characters of ``raw`` that are not part of an escape (``\\x``)."""
    positions = []
    i = 0
    while i < len(raw):
        if raw[i] == "\\" and i + 1 < len(raw):
            i += 3 if raw.startswith("->", i + 1) else 2
            continue
        positions.append(i)
        i += 1
    return positions


def split_stack(raw: str) -> list[str]:
    """A column's stacked values, split at every ``|`` that is not escaped."""
    cuts = [i for i in _unescaped_positions(raw) if raw[i] == "|"]
    parts, start = [], 0
    for cut in cuts:
        parts.append(raw[start:cut])
        start = cut + 1
    parts.append(raw[start:])
    return parts


def split_id(raw: str) -> tuple[str, str | None]:
    """A stacked value and its disambiguation id: ``PER[3]`` → (``PER``, ``3``); an escaped ``\\[`` is text."""
    match = re.search(r"\[(\d+)\]$", raw)
    if match and match.start() in _unescaped_positions(raw):
        return raw[: match.start()], match.group(1)
    return raw, None


class _Reader:
    def __init__(self, path: Path, lines: list[str]) -> None:
        self.path = path
        self.name = path.name
        self.lines = lines
        self.layers: list[_Layer] = []
        self.minor = 0
        self.units: list[_Unit] = []
        self.warnings: list[str] = []

    def where(self, line: int) -> str:
        return f"{self.name} line {line}"

    def read_header(self) -> int:
        """Reads the format line and the layer declarations; returns the index of the first body line."""
        first = self.lines[0].lstrip("\ufeff") if self.lines else ""
        match = re.match(r"^#FORMAT=WebAnno TSV (\d+)\.(\d+)\s*$", first)
        if match is None:
            raise ValidationError(f"{self.name} line 1: expected '#FORMAT=WebAnno TSV 3.x'")
        if match.group(1) != "3":
            raise ValidationError(
                f"{self.name}: WebAnno TSV {match.group(1)}.{match.group(2)} is not read (only TSV 3.x, "
                "which INCEpTION and WebAnno 3 export)"
            )
        self.minor = int(match.group(2))
        column = 0
        k = 1
        while k < len(self.lines) and self.lines[k].startswith(("#T_SP=", "#T_RL=", "#T_CH=")):
            kind = self.lines[k][3:5]
            fields = self.lines[k][6:].split("|")
            layer = _Layer(kind, fields[0], fields[1:], column)
            self.layers.append(layer)
            column += layer.width
            k += 1
        self.column_count = column
        return k

    def read_body(self, k: int) -> list[tuple[str, list[_Unit]]]:
        """The sentences: (their text, with a line break after each #Text line; their units in order)."""
        sentences: list[tuple[str, list[_Unit]]] = []
        texts: list[str] = []
        units: list[_Unit] = []
        for number in range(k + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if not line.strip():
                if units:
                    sentences.append(("".join(texts), units))
                    texts, units = [], []
                elif texts:
                    raise ValidationError(f"{self.where(number)}: a sentence with no token lines")
                continue
            if line.startswith("#"):
                if units:
                    raise ValidationError(f"{self.where(number)}: a sentence header after token lines")
                if line.startswith("#Text="):
                    texts.append(unescape_text(line[len("#Text=") :], self.minor) + "\n")
                continue
            if not texts:
                raise ValidationError(f"{self.where(number)}: a token line before any #Text= line")
            fields = line.split("\t")
            if len(fields) < 3 + self.column_count:
                raise ValidationError(
                    f"{self.where(number)}: expected {3 + self.column_count} tab-separated fields "
                    f"(id, offsets, token and one per declared column), found {len(fields)}"
                )
            unit_match, offsets = _UNIT.match(fields[0]), _OFFSETS.match(fields[1])
            if unit_match is None or offsets is None:
                raise ValidationError(f"{self.where(number)}: expected 'sentence-token<TAB>begin-end' at the start")
            begin, end = int(offsets.group(1)), int(offsets.group(2))
            if end < begin:
                raise ValidationError(f"{self.where(number)}: offsets {begin}-{end} are reversed")
            if unit_match.group(3) is None and units and units[-1].unit_id.split(".")[0] == fields[0]:
                raise ValidationError(f"{self.where(number)}: token {fields[0]} appears twice")
            unit = _Unit(fields[0], begin, end, fields[2], fields[3 : 3 + self.column_count], number)
            units.append(unit)
            self.units.append(unit)
        if units:
            sentences.append(("".join(texts), units))
        elif texts:
            raise ValidationError(f"{self.name}: the last sentence has no token lines")
        return sentences

    @staticmethod
    def rebuild(sentences: list[tuple[str, list[_Unit]]], utf16: bool) -> str | None:
        """The document text as INCEpTION rebuilds it, counting offsets in UTF-16 units or code points;
        None when the offsets do not fit (a token begins before the text rebuilt so far)."""
        parts: list[str] = []
        length = 0

        def size(text: str) -> int:
            return len(text.encode("utf-16-le")) // 2 if utf16 else len(text)

        for text, units in sentences:
            begin = units[0].begin
            if length > begin:
                if length != begin + 1 or not parts or not parts[-1].endswith("\n"):
                    return None
                parts[-1] = parts[-1][:-1]
                length -= 1
            if length < begin:
                parts.append(" " * (begin - length))
                length = begin
            parts.append(text)
            length += size(text)
        return "".join(parts)

    def place_units(self, text: str, utf16: bool) -> bool:
        """Convert every unit's offsets to code points; False if one does not cover its token's text."""
        table = Utf16Map(text)
        placed = []
        for unit in self.units:
            begin, end = unit.begin, unit.end
            if utf16:
                if begin > table.length_utf16 or end > table.length_utf16:
                    return False
                begin, end = table.to_codepoint(begin), table.to_codepoint(end)
                if table.to_utf16(begin) != unit.begin or table.to_utf16(end) != unit.end:
                    return False  # inside a surrogate pair
            if end > len(text):
                return False
            covered = text[begin:end]
            if covered != unit.token and covered != unescape_value(unit.token):
                return False
            placed.append((begin, end))
        for unit, (begin, end) in zip(self.units, placed, strict=True):
            unit.begin, unit.end = begin, end
        return True


def read(path: Path) -> AnnotationSet:
    """Read a WebAnno TSV 3 file as a one-document annotation set (see the module's docstring)."""
    content = read_set_text(path, why_utf8=", as WebAnno TSV always is")
    lines = [line.removesuffix("\r") for line in content.split("\n")]
    reader = _Reader(path, lines)
    body = reader.read_header()
    sentences = reader.read_body(body)
    if not sentences:
        raise ValidationError(f"{path.name}: no sentence (#Text= and token lines) in the file")
    text = reader.rebuild(sentences, utf16=True)
    if text is None or not reader.place_units(text, utf16=True):
        # Not as INCEpTION writes; a file whose offsets count code points (some other writers) still fits.
        text = reader.rebuild(sentences, utf16=False)
        if text is None or not reader.place_units(text, utf16=False):
            raise ValidationError(
                f"{path.name}: the token offsets do not match the #Text= lines (read as UTF-16 units, as "
                "INCEpTION writes them, and as code points): the text cannot be rebuilt exactly"
            )
        reader.warnings.append(f"{path.name}: offsets count code points, not UTF-16 units as INCEpTION writes them")
    aset = AnnotationSet(path.name, "webanno-tsv")
    document = SetDocument(where=path.name, title=readable_name(path.stem), text=text)
    aset.documents.append(document)
    _read_annotations(reader, document)
    aset.warnings.extend(reader.warnings)
    return aset


def _label_feature(layer: _Layer) -> int | None:
    """Index of the feature that names a span's label: ``value``, else the first plain feature."""
    plain = [k for k, f in enumerate(layer.features) if f and not f.startswith("ROLE_") and "." not in f]
    if "value" in layer.features:
        return layer.features.index("value")
    return plain[0] if plain else None


def _read_annotations(reader: _Reader, document: SetDocument) -> None:
    counts: dict[str, int] = {}

    def count(what: str, n: int = 1) -> None:
        counts[what] = counts.get(what, 0) + n

    span_layers = [
        layer for layer in reader.layers if layer.kind == "SP" and not layer.type_name.startswith(LINGUISTIC)
    ]
    annotations: dict[tuple[str, str], _Annotation] = {}  # (layer, key) → annotation
    on_unit: dict[tuple[str, str], list[tuple[str, str | None]]] = {}  # (layer, unit) → (key, id) in stack order
    for unit in reader.units:
        for layer in reader.layers:
            cells = unit.columns[layer.first_column : layer.first_column + layer.width]
            if all(cell in ("_", "") for cell in cells):
                continue
            if layer.kind == "CH":
                count(f"chain layer {layer.short_name}")
                continue
            if layer.kind == "SP" and layer not in span_layers:
                count(f"layer {layer.short_name}")
                continue
            if layer.kind == "RL":
                continue  # read once the spans are known
            stacks = [split_stack(cell) for cell in cells]
            depth = max(len(stack) for stack in stacks)
            for k in range(depth):
                values, disambiguation = [], None
                for feature, stack in zip(layer.features or [""], stacks, strict=False):
                    value, ann_id = split_id(stack[k] if k < len(stack) else "*")
                    disambiguation = disambiguation or ann_id
                    if feature.startswith("ROLE_") or (feature and "." in feature):
                        if value not in ("*", "_", ""):
                            count("slot feature values")
                        value = "*"
                    values.append(value)
                key = f"#{disambiguation}" if disambiguation else f"@{unit.unit_id}/{k}"
                annotation = annotations.setdefault((layer.type_name, key), _Annotation(layer, values, line=unit.line))
                annotation.units.append(unit)
                on_unit.setdefault((layer.type_name, unit.unit_id), []).append((key, disambiguation))
    keys: dict[tuple[str, str], str] = {}
    for (type_name, key), annotation in annotations.items():
        begin = min(unit.begin for unit in annotation.units)
        end = max(unit.end for unit in annotation.units)
        if begin == end:
            count("zero-width spans")
            continue
        layer = annotation.layer
        index = _label_feature(layer)
        raw_label = annotation.values[index] if index is not None else "*"
        label = layer.short_name if raw_label == "*" else unescape_value(raw_label)
        where = reader.where(annotation.line)
        try:
            check_label_name(label)
        except ValidationError as exc:
            raise ValidationError(f"{where}: {exc}") from None
        attributes = {
            feature: unescape_value(value)
            for k, (feature, value) in enumerate(zip(layer.features, annotation.values, strict=False))
            if k != index and value != "*" and feature and not feature.startswith("ROLE_") and "." not in feature
        }
        span_key = f"{type_name}{key}"
        keys[(type_name, key)] = span_key
        document.spans.append(
            SetSpan(key=span_key, start=begin, end=end, label=label, attributes=attributes, where=where)
        )
    _read_relations(reader, document, on_unit, keys, count)
    for what, n in sorted(counts.items()):
        reader.warnings.append(f"{reader.name}: {n} {what} not imported")


def _read_relations(
    reader: _Reader,
    document: SetDocument,
    on_unit: dict[tuple[str, str], list[tuple[str, str | None]]],
    keys: dict[tuple[str, str], str],
    count: Callable[..., None],
) -> None:
    """Links from the relation layers whose base span layer was read."""
    read_types = {layer.type_name for layer in reader.layers if layer.kind == "SP"}
    for unit in reader.units:
        for layer in reader.layers:
            if layer.kind != "RL":
                continue
            cells = unit.columns[layer.first_column : layer.first_column + layer.width]
            if all(cell in ("_", "") for cell in cells):
                continue
            base = layer.features[-1].removeprefix("BT_") if layer.features else ""
            stacks = [split_stack(cell) for cell in cells]
            refs = stacks[-1]
            if base not in read_types or not any(t == base for t, _ in keys):
                count(f"relations of layer {layer.short_name} (between annotations not imported)", len(refs))
                continue
            for k, ref in enumerate(refs):
                match = _REF.match(ref)
                if match is None:
                    raise ValidationError(f"{reader.where(unit.line)}: {ref!r} is not a relation source")
                source = _find(on_unit, keys, base, match.group(1), match.group(2))
                target = _find(on_unit, keys, base, unit.unit_id, match.group(3))
                if source is None or target is None:
                    count(f"relations of layer {layer.short_name} (an end is not an imported span)")
                    continue
                index = _label_feature(_Layer(layer.kind, layer.type_name, layer.features[:-1], 0))
                stack = stacks[index] if index is not None else []
                raw_role = stack[k] if k < len(stack) else "*"
                role = layer.short_name if raw_role in ("*", "") else unescape_value(raw_role)
                where = reader.where(unit.line)
                try:
                    check_label_name(role)
                except ValidationError as exc:
                    raise ValidationError(f"{where}: relation role: {exc}") from None
                extra = [
                    other[k]
                    for j, other in enumerate(stacks[:-1])
                    if j != index and k < len(other) and other[k] not in ("*", "_")
                ]
                if extra:
                    count("relation feature values", len(extra))
                document.links.append(SetLink(source, target, role, where=where))


def _find(
    on_unit: dict[tuple[str, str], list[tuple[str, str | None]]],
    keys: dict[tuple[str, str], str],
    type_name: str,
    unit_id: str,
    ann_id: str | None,
) -> str | None:
    """The set key of the span of ``type_name`` on a unit: the one with id ``ann_id``, else the only one."""
    stack = on_unit.get((type_name, unit_id), [])
    wanted = ann_id if ann_id not in (None, "0") else None
    found = [key for key, ident in stack if wanted is None or ident == wanted]
    if len(found) != 1:
        return None
    return keys.get((type_name, found[0]))
