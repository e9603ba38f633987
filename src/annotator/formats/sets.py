"""Import and merge annotation sets: native jsonl, doccano JSONL, brat standoff folders.

The kind of set is told by content, not by suffix: a folder with ``.txt`` files beside ``.ann``
files is brat; a file whose first line is the native header is native jsonl; a file of JSON
objects with a ``text`` (and ``label`` or ``entities``) is doccano. Every set is read whole and
checked first (a malformed line raises ``ValidationError("file line N: …")``), then merged in
one transaction:

- documents are matched by the sha256 of their (``\\n``-normalised) text; a document with the
  same source path or title but another text is the "same" document in another version: its
  spans are re-anchored by their quoted text and context, or reported as orphaned, never stored
  at offsets that no longer hold their text; other documents are added (keeping their id when free);
- a span whose UUID is already stored is not duplicated: equal content is left alone, different
  content is a conflict, listed in the report, and the version with the newer ``updated`` wins;
  spans without an id (doccano, brat) are matched by document, offsets, label and annotator;
- labels the project lacks are added (``unknown_labels="add"``) or the set is refused naming them;
  by default a native set's declared schema is taken into a project that has no documents yet;
- text with ``\\r\\n`` line ends is normalised to ``\\n`` and its offsets remapped in the same step.

Importing the same set twice changes nothing the second time.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.model import (
    REVIEWS,
    SOURCES,
    STATUSES,
    Link,
    LinkType,
    Span,
    ValidationError,
    check_color,
    check_label_name,
    new_span_id,
    text_sha256,
    utc_now,
)
from annotator.core.offsets import AUTO, CODEPOINTS, OFFSET_MODES, UTF16, quote_matches, read_tool_offsets
from annotator.formats.limits import TooLarge, check_set_size, check_span_count, json_loads, row_number_counter
from annotator.importing import ImportReport
from annotator.store.project import EXTRA_COLORS, SPAN_COLUMNS, Change, ChangeKind, Project, default_annotator

CONTEXT = 40  # code points of left and right context used to re-anchor a span


# -- the set as read, before merging ------------------------------------------------------------


@dataclass(slots=True)
class SetSpan:
    """A span as a set gives it: offsets into the set's own (normalised) text."""

    key: str  # identifies the span inside the set (its UUID, a brat T id, a doccano index)
    start: int
    end: int
    label: str
    quote: str | None = None  # the covered text the set claims, if it gives one
    id: str | None = None  # a UUID that identifies the span across projects
    annotator: str | None = None
    note: str = ""
    status: str = "accepted"
    source: str = "import"
    review: str = "unreviewed"
    reviewer: str | None = None
    review_comment: str | None = None
    entity: str | None = None
    created: str | None = None
    updated: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    where: str = ""


@dataclass(slots=True)
class SetLink:
    """A link between two spans of one set document (by their keys)."""

    from_key: str
    to_key: str
    role: str
    id: str | None = None
    annotator: str | None = None
    created: str | None = None
    updated: str | None = None
    where: str = ""
    note: str = ""


@dataclass(slots=True)
class SetDocument:
    """A document of a set with its spans and links."""

    where: str
    title: str
    text: str
    id: int | None = None
    source_path: str | None = None
    language: str | None = None
    added_at: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    done: bool = False
    spans: list[SetSpan] = field(default_factory=list)
    links: list[SetLink] = field(default_factory=list)


@dataclass(slots=True)
class AnnotationSet:
    """A whole set: its schema (native sets only), entities and documents."""

    name: str
    kind: str
    labels: list[dict[str, Any]] | None = None
    link_types: list[LinkType] | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    documents: list[SetDocument] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (where, why) of documents left out whole
    notes: list[str] = field(default_factory=list)  # what the import decided (how offsets were counted)
    tool_offsets: bool = False  # offsets may be counted in UTF-16 units (written by a web tool)


# -- line ends --------------------------------------------------------------------------------


def normalise_newlines(text: str) -> tuple[str, list[int]]:
    """``text`` with ``\\r\\n`` and lone ``\\r`` as ``\\n``, and the new offset of every old offset (0..len)."""
    if "\r" not in text:
        return text, []
    mapping = []
    out = []
    removed = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        mapping.append(i - removed)
        if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
            removed += 1  # the \r goes; the \n that follows stays
        elif ch == "\r":
            out.append("\n")
        else:
            out.append(ch)
        i += 1
    mapping.append(n - removed)
    return "".join(out), mapping


def check_set_offsets(start: int, end: int, where: str) -> None:
    """A set span's offsets on their own: not negative, not empty, not reversed (the text is checked later)."""
    if start < 0:
        raise ValidationError(f"{where}: span {start}–{end} lies outside the text (negative offset)")
    if end <= start:
        raise ValidationError(f"{where}: span {start}–{end} is empty or reversed")


def _check_bounds(document: SetDocument) -> None:
    """Every span of a set lies inside the set's own text; else the set is malformed."""
    check_span_count(len(document.spans), len(document.text), document.where)
    for span in document.spans:
        if span.end > len(document.text):  # the readers already refused negative and reversed offsets
            raise ValidationError(
                f"{span.where}: span {span.start}–{span.end} lies outside the text (length {len(document.text)})"
            )


def _normalise_document(document: SetDocument) -> None:
    """Normalise a set document's line ends and remap its spans' offsets in the same step."""
    text, mapping = normalise_newlines(document.text)
    if not mapping:
        return
    document.text = text
    for span in document.spans:
        if 0 <= span.start <= len(mapping) - 1 and 0 <= span.end <= len(mapping) - 1:
            span.start, span.end = mapping[span.start], mapping[span.end]
        if span.quote is not None:
            span.quote = span.quote.replace("\r\n", "\n").replace("\r", "\n")


# -- reading sets -------------------------------------------------------------------------------


def read_set(path: Path) -> AnnotationSet:
    """Read and check an annotation set of any kind annotator reads; ValidationError names what is wrong."""
    if path.is_dir():
        from annotator.formats import brat

        return brat.read_folder(path)
    try:
        check_set_size(path.stat().st_size, path.name)
        raw = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(f"{path.name}: not UTF-8 text (byte {exc.start})") from None
    del raw  # the file is held once as text, not also as bytes
    lines = content.split("\n")
    first = next((line for line in lines if line.strip()), "")
    if not first:
        raise ValidationError(f"{path.name}: the file is empty")
    if _parses_as_native_header(first):
        return _read_native(path, lines)
    rows, bad = json_rows(content, path.name)
    if not rows:
        raise ValidationError(bad[0][0] + ": " + bad[0][1] if bad else f"{path.name}: no JSON object in the file")
    for reader in SET_READERS:
        if reader.recognises(rows):
            aset = reader.read(path, rows)
            aset.skipped[:0] = bad
            return aset
    raise ValidationError(
        f"{path.name}: not an annotation set annotator reads (expected the native jsonl header, doccano JSON "
        "or JSONL with text and label or entities, a Label Studio JSON or JSON-MIN export, or a brat folder)"
    )


def _parses_as_native_header(line: str) -> bool:
    try:
        value = json_loads(line, "")
    except ValidationError:
        return False
    return isinstance(value, dict) and value.get("format") == "annotator"


@dataclass(slots=True)
class JsonRow:
    """One object of a JSON set file and where it starts (``name line N``)."""

    where: str
    value: Any


_SPACE = re.compile(r"[ \t\r\n]*")
_OBJECT_LINE = re.compile(r"\n[ \t\r]*(?=\{)")


def json_rows(content: str, name: str) -> tuple[list[JsonRow], list[tuple[str, str]]]:
    """The objects of a JSON set file, each with the line it starts on, and the parts that are not JSON.

    Reads JSON Lines, pretty-printed objects one after another, and a JSON array of objects (its items
    are the rows). A part that does not parse is reported by line, and reading goes on at the next line
    that starts an object, so one broken row never hides the others.
    """
    counter = row_number_counter(len(content), name)
    decoder = json.JSONDecoder(parse_int=counter) if counter is not None else json.JSONDecoder()
    rows: list[JsonRow] = []
    bad: list[tuple[str, str]] = []
    line_starts = [0] + [m.end() for m in re.finditer("\n", content)]

    def where(pos: int) -> str:
        return f"{name} line {bisect.bisect_right(line_starts, pos)}"

    def resync(pos: int) -> int:
        """The next line after ``pos`` that starts (after blanks) with an object."""
        match = _OBJECT_LINE.search(content, pos)
        return match.end() if match else len(content)

    pos = _SPACE.match(content, 0).end()  # type: ignore[union-attr]
    in_array = content.startswith("[", pos)
    if in_array:
        pos = _SPACE.match(content, pos + 1).end()  # type: ignore[union-attr]
    while pos < len(content):
        if in_array and content.startswith("]", pos):
            pos = _SPACE.match(content, pos + 1).end()  # type: ignore[union-attr]
            if pos < len(content):
                bad.append((where(pos), "text after the end of the JSON array"))
            break
        if counter is not None:  # each row counted on its own, named by the line it starts on
            counter.left, counter.where = counter.limit, where(pos)
        try:
            value, end = decoder.raw_decode(content, pos)
        except TooLarge:
            raise
        except RecursionError:
            raise TooLarge(
                f"{where(pos)}: JSON nested too deeply (no annotation set nests more than a few levels)"
            ) from None
        except ValueError as exc:
            message = getattr(exc, "msg", str(exc))
            error = getattr(exc, "pos", pos)
            stripped = content[pos:error].rstrip()
            if "\n" not in stripped and "\n" in content[pos + len(stripped) : error]:
                error = pos + len(stripped)  # a one-line row that ended early: the break is at its end
            line = bisect.bisect_right(line_starts, error)
            column = f"column {error - line_starts[line - 1] + 1}"  # code points, counted from 1
            if line != bisect.bisect_right(line_starts, pos):  # a row over several lines: where it breaks
                bad.append((where(pos), f"not JSON ({message} at line {line}, {column}): left out"))
            else:
                bad.append((f"{where(pos)}, {column}", f"not JSON ({message}): left out"))
            pos = resync(pos)
            continue
        if isinstance(value, list) and not in_array and not rows:
            # A JSON array written after blank lines or a byte-order mark: its items are the rows.
            rows.extend(JsonRow(where(pos), item) for item in value)
        else:
            rows.append(JsonRow(where(pos), value))
        pos = _SPACE.match(content, end).end()  # type: ignore[union-attr]
        if in_array and content.startswith(",", pos):
            pos = _SPACE.match(content, pos + 1).end()  # type: ignore[union-attr]
    return rows, bad


@dataclass(frozen=True, slots=True)
class SetReader:
    """A kind of JSON annotation set: how to recognise its rows and how to read them."""

    name: str
    recognises: Any  # Callable[[list[JsonRow]], bool]
    read: Any  # Callable[[Path, list[JsonRow]], AnnotationSet]


def _labelstudio(name: str) -> Any:
    def call(*args: Any) -> Any:
        from annotator.formats import labelstudio

        return getattr(labelstudio, name)(*args)

    return call


def _doccano_recognises(rows: list[JsonRow]) -> bool:
    from annotator.formats.doccano import recognises

    return recognises(rows)


def _doccano_read(path: Path, rows: list[JsonRow]) -> AnnotationSet:
    from annotator.formats.doccano import read_rows

    return read_rows(path, rows)


# Tried in order on the rows of a JSON file that is not a native set; the first that recognises them reads them.
SET_READERS: list[SetReader] = [
    SetReader("labelstudio", _labelstudio("recognises_tasks"), _labelstudio("read_tasks")),
    SetReader("labelstudio-min", _labelstudio("recognises_min"), _labelstudio("read_min")),
    SetReader("doccano", _doccano_recognises, _doccano_read),
]


def checked_field(
    obj: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str, *, required: bool = False
) -> Any:
    """``obj[key]`` checked to be of ``kind`` (None when absent and not required); else ValidationError at ``where``."""
    value = obj.get(key)
    if value is None:
        if required:
            raise ValidationError(f"{where}: {key!r} is missing")
        return None
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValidationError(f"{where}: {key!r} must be an integer, not {value!r}")
    if not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        raise ValidationError(f"{where}: {key!r} must be {names}, not {type(value).__name__}")
    return value


def _choice(obj: dict[str, Any], key: str, choices: tuple[str, ...], default: str, where: str) -> str:
    value = obj.get(key)
    if value is None:
        return default
    if value not in choices:
        raise ValidationError(f"{where}: {key} {value!r} is not one of {', '.join(choices)}")
    return str(value)


def _read_native(path: Path, lines: list[str]) -> AnnotationSet:
    from annotator.formats.jsonl import FORMAT_VERSION

    aset = AnnotationSet(path.name, "jsonl")
    header_seen = False
    seen_span_ids: set[str] = set()
    seen_link_ids: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path.name} line {number}"
        obj = json_loads(line, where)
        if not isinstance(obj, dict):
            raise ValidationError(f"{where}: expected a JSON object")
        if not header_seen:
            header_seen = True
            version = obj.get("version")
            if not isinstance(version, int) or version > FORMAT_VERSION:
                raise ValidationError(
                    f"{where}: format version {version!r} is newer than this app reads ({FORMAT_VERSION})"
                )
            _read_header(obj, aset, where)
            continue
        document = _read_native_document(obj, where)
        check_span_count(len(document.spans), len(document.text), where)  # before the next line is read
        for span in document.spans:
            if span.id in seen_span_ids:
                raise ValidationError(f"{where}: span id {span.id} appears twice in the set")
            seen_span_ids.add(span.id or "")
        for link in document.links:
            if link.id in seen_link_ids:
                raise ValidationError(f"{where}: link id {link.id} appears twice in the set")
            seen_link_ids.add(link.id or "")
        aset.documents.append(document)
    return aset


def _read_header(obj: dict[str, Any], aset: AnnotationSet, where: str) -> None:
    labels = checked_field(obj, "labels", list, where) or []
    aset.labels = []
    for entry in labels:
        if not isinstance(entry, dict):
            raise ValidationError(f"{where}: each label must be an object")
        name = checked_field(entry, "name", str, where, required=True)
        try:
            check_label_name(name)
            color = check_color(entry["color"]) if entry.get("color") is not None else None
        except ValidationError as exc:
            raise ValidationError(f"{where}: {exc}") from None
        attributes = checked_field(entry, "attributes", dict, where) or {}
        if not all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in attributes.values()):
            raise ValidationError(f"{where}: attributes of label {name!r} must map names to lists of values")
        hotkey = checked_field(entry, "hotkey", str, where)
        aset.labels.append(
            {
                "name": name,
                "color": color,
                "hotkey": hotkey if hotkey and len(hotkey) == 1 else None,
                "guideline": checked_field(entry, "guideline", str, where) or "",
                "retired": bool(entry.get("retired")),
                "attributes": {str(k): [str(x) for x in v] for k, v in attributes.items()},
            }
        )
    aset.link_types = []
    for entry in checked_field(obj, "link_types", list, where) or []:
        if not isinstance(entry, dict):
            raise ValidationError(f"{where}: each link type must be an object")
        to = entry.get("to")
        to_labels = tuple(to) if isinstance(to, list) else (to,)
        try:
            aset.link_types.append(LinkType(str(entry.get("role")), str(entry.get("from")), to_labels))
        except (ValidationError, TypeError) as exc:
            raise ValidationError(f"{where}: link type {entry!r}: {exc}") from None
    for entry in checked_field(obj, "entities", list, where) or []:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise ValidationError(f"{where}: each entity must be an object with a name")
        aset.entities.append(
            {"name": entry["name"].strip(), "label": entry.get("label"), "created": entry.get("created") or None}
        )


def _read_native_document(obj: dict[str, Any], where: str) -> SetDocument:
    text = checked_field(obj, "text", str, where, required=True)
    if not text:
        raise ValidationError(f"{where}: the document text is empty")
    metadata = checked_field(obj, "metadata", dict, where) or {}
    document = SetDocument(
        where=where,
        title=checked_field(obj, "title", str, where) or "untitled",
        text=text,
        id=checked_field(obj, "id", int, where),
        source_path=checked_field(obj, "source_path", str, where),
        language=checked_field(obj, "language", str, where),
        added_at=checked_field(obj, "added_at", str, where),
        metadata=metadata,
        done=bool(obj.get("done")),
    )
    for k, entry in enumerate(checked_field(obj, "spans", list, where) or []):
        span_where = f"{where}, span {k + 1}"
        if not isinstance(entry, dict):
            raise ValidationError(f"{span_where}: expected an object")
        span_id = checked_field(entry, "id", str, span_where) or None
        attributes = checked_field(entry, "attributes", dict, span_where) or {}
        if not all(isinstance(v, str) for v in attributes.values()):
            raise ValidationError(f"{span_where}: attribute values must be strings")
        start = checked_field(entry, "start", int, span_where, required=True)
        end = checked_field(entry, "end", int, span_where, required=True)
        check_set_offsets(start, end, span_where)
        label = checked_field(entry, "label", str, span_where, required=True)
        try:
            check_label_name(label)
        except ValidationError as exc:
            raise ValidationError(f"{span_where}: {exc}") from None
        document.spans.append(
            SetSpan(
                key=span_id or f"#{k}",
                start=start,
                end=end,
                label=label,
                quote=checked_field(entry, "text", str, span_where),
                id=span_id,
                annotator=checked_field(entry, "annotator", str, span_where) or None,
                note=checked_field(entry, "note", str, span_where) or "",
                status=_choice(entry, "status", STATUSES, "accepted", span_where),
                source=_choice(entry, "source", SOURCES, "import", span_where),
                review=_choice(entry, "review", REVIEWS, "unreviewed", span_where),
                reviewer=checked_field(entry, "reviewer", str, span_where),
                review_comment=checked_field(entry, "review_comment", str, span_where),
                entity=checked_field(entry, "entity", str, span_where),
                created=checked_field(entry, "created", str, span_where),
                updated=checked_field(entry, "updated", str, span_where),
                attributes=dict(attributes),
                where=span_where,
            )
        )
    keys = {s.key for s in document.spans}
    for k, entry in enumerate(checked_field(obj, "links", list, where) or []):
        link_where = f"{where}, link {k + 1}"
        if not isinstance(entry, dict):
            raise ValidationError(f"{link_where}: expected an object")
        frm = checked_field(entry, "from", str, link_where, required=True)
        to = checked_field(entry, "to", str, link_where, required=True)
        for end_id in (frm, to):
            if end_id not in keys:
                raise ValidationError(f"{link_where}: span {end_id} is not a span of this document")
        role = checked_field(entry, "role", str, link_where, required=True)
        try:
            check_label_name(role)
        except ValidationError as exc:
            raise ValidationError(f"{link_where}: {exc}") from None
        document.links.append(
            SetLink(
                from_key=frm,
                to_key=to,
                role=role,
                id=checked_field(entry, "id", str, link_where) or None,
                annotator=checked_field(entry, "annotator", str, link_where) or None,
                created=checked_field(entry, "created", str, link_where),
                updated=checked_field(entry, "updated", str, link_where),
                where=link_where,
                note=checked_field(entry, "note", str, link_where) or "",
            )
        )
    return document


# -- re-anchoring -------------------------------------------------------------------------------


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _context_score(text: str, pos: int, length: int, left: str, right: str) -> int:
    """How many code points of context ``left``/``right`` the occurrence at ``pos`` shares."""
    return _common_suffix(text[max(0, pos - len(left)) : pos], left) + _common_prefix(
        text[pos + length : pos + length + len(right)], right
    )


def reanchor(
    text: str,
    quote: str,
    left: str,
    right: str,
    hint: int | None = None,
    rivals: Sequence[tuple[str, str]] = (),
) -> int | None:
    """Where ``quote`` sits in ``text``: the occurrence whose context best matches ``left``/``right``.

    ``rivals`` are the contexts of the set's other occurrences of the same quote: the place chosen must
    match the annotated occurrence better than any of them, or it is another mention of the same words.
    Returns the start offset, or None when the quote is absent, two places match equally well, or the
    best place belongs to a rival (a guess could store the span at the wrong place).
    """
    if not quote:
        return None
    found = [m.start() for m in re.finditer(re.escape(quote), text)]
    if not found:
        return None
    scored = sorted(((_context_score(text, pos, len(quote), left, right), pos) for pos in found), reverse=True)
    best_score, best = scored[0]
    if len(scored) > 1 and scored[1][0] == best_score:
        tied = [pos for score, pos in scored if score == best_score]
        if hint is None or best_score == 0 or hint not in tied:
            return None
        best = hint
    if any(_context_score(text, best, len(quote), *rival) >= best_score for rival in rivals):
        return None
    return best


# -- merging ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Merge:
    project: Project
    aset: AnnotationSet
    annotator: str
    unknown_labels: str
    report: ImportReport
    changed: bool = False
    labels: dict[str, dict[str, Any]] = field(default_factory=dict)  # name → declared attributes etc.
    entity_ids: dict[str, int] = field(default_factory=dict)
    added: set[int] = field(default_factory=set)  # documents this import added
    added_spans: set[str] = field(default_factory=set)  # spans this import added
    claimed: set[int] = field(default_factory=set)  # documents a set document was merged into (or added as)
    set_shas: set[str] = field(default_factory=set)  # the texts of the set
    set_paths: dict[str, int] = field(default_factory=dict)  # source path → how many set documents have it


def import_set(
    project: Project,
    path: str | Path,
    *,
    annotator: str | None = None,
    unknown_labels: str | None = None,
    offsets: str = AUTO,
    reader: Callable[[Path], AnnotationSet] | None = None,
) -> ImportReport:
    """Read the annotation set at ``path`` and merge it into ``project`` in one transaction.

    ``reader`` reads a kind of set that the file's content alone does not tell (IOB, WebAnno TSV);
    by default ``read_set`` decides.

    ``annotator`` names the author of spans that carry none (doccano, brat). ``unknown_labels`` is
    ``"add"`` (labels the project lacks are added) or ``"refuse"`` (the set is refused, naming them);
    by default (None) a native set's own declared schema is taken into a project with no documents
    yet (so export → import into an empty project → export gives the same bytes), and refused otherwise.
    ``offsets`` says how doccano and Label Studio sets count (``auto``, ``utf16``, ``codepoints``): by
    default each document is read the way its spans fit; a document that fits neither way is left out
    and listed in ``report.skipped``, and ``report.notes`` says which reading each file got.
    """
    if unknown_labels not in (None, "add", "refuse"):
        raise ValueError(f"unknown_labels must be 'add' or 'refuse', not {unknown_labels!r}")
    if offsets not in OFFSET_MODES:
        raise ValueError(f"offsets must be one of {', '.join(OFFSET_MODES)}, not {offsets!r}")
    aset = (reader or read_set)(Path(path))
    if unknown_labels is None:
        unknown_labels = "add" if aset.labels is not None and _has_no_documents(project) else "refuse"
    if aset.tool_offsets:
        _read_tool_offsets(aset, offsets)
    for document in aset.documents:
        _check_bounds(document)
        _normalise_document(document)
    report = ImportReport()
    report.warnings.extend(aset.warnings)
    report.skipped.extend(aset.skipped)
    report.notes.extend(aset.notes)
    merge = _Merge(project, aset, annotator or default_annotator(), unknown_labels, report)
    try:
        with project.large_cache(), project.transaction():
            _merge(merge)
    finally:
        project.invalidate_caches()  # labels may have been written (or rolled back) below the cache
    if merge.changed:
        project.notify(Change(ChangeKind.RESET))
    return report


_READING_NAMES = {CODEPOINTS: "code points", UTF16: "UTF-16 units (JavaScript)"}


def _read_tool_offsets(aset: AnnotationSet, mode: str) -> None:
    """Turn a web tool's offsets into code points, document by document (see ``read_tool_offsets``).

    A document whose offsets fit no reading, or fit both at different places, is left out whole and
    listed in ``aset.skipped``; ``aset.notes`` gets one line saying how the file was read.
    """
    kept: list[SetDocument] = []
    readings: dict[str, list[str]] = {CODEPOINTS: [], UTF16: [], "same": []}
    for document in aset.documents:
        pairs = [(s.start, s.end) for s in document.spans]
        try:
            reading, converted = read_tool_offsets(document.text, pairs, [s.quote for s in document.spans], mode)
        except ValidationError as exc:
            aset.skipped.append((document.where, f"document not imported: {exc}"))
            continue
        for span, (start, end) in zip(document.spans, converted, strict=True):
            span.start, span.end = start, end
            covered = document.text[start:end] if end <= len(document.text) else None
            if span.quote is not None and covered is not None and quote_matches(covered, span.quote):
                span.quote = covered  # the tool's way of quoting (line breaks as \n) names this very text
        readings[reading].append(document.where)
        kept.append(document)
    aset.documents = kept
    if mode != AUTO:
        aset.notes.append(f"{aset.name}: offsets read as {_READING_NAMES[mode]} (as asked)")
        return
    parts = []
    for reading in (UTF16, CODEPOINTS):
        wheres = readings[reading]
        if wheres:
            listed = ", ".join(w.removeprefix(f"{aset.name} ") for w in wheres[:5]) + (" …" if len(wheres) > 5 else "")
            parts.append(f"as {_READING_NAMES[reading]} in {len(wheres)} document{'s' * (len(wheres) != 1)} ({listed})")
    lines = ["offsets read " + "; ".join(parts)] if parts else []
    if readings["same"]:
        n = len(readings["same"])
        lines.append(
            f"{n} document{'s' * (n != 1)} read the same either way (no character outside the BMP before a span)"
        )
    if lines:
        aset.notes.append(f"{aset.name}: " + "; ".join(lines))


def _merge(m: _Merge) -> None:
    for document in m.aset.documents:
        m.set_shas.add(text_sha256(document.text))
        if document.source_path:
            m.set_paths[document.source_path] = m.set_paths.get(document.source_path, 0) + 1
    _merge_labels(m)
    _merge_entities(m)
    for document in m.aset.documents:
        _merge_document(m, document)


def _has_no_documents(project: Project) -> bool:
    return project.db.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is None


def _label_rows(m: _Merge) -> dict[str, dict[str, Any]]:
    rows = m.project.db.execute(
        "SELECT name, color, hotkey, guideline, retired, position, attributes FROM labels ORDER BY position, name"
    ).fetchall()
    return {
        r[0]: {
            "name": r[0],
            "color": r[1],
            "hotkey": r[2],
            "guideline": r[3],
            "retired": bool(r[4]),
            "position": r[5],
            "attributes": json.loads(r[6] or "{}"),
        }
        for r in rows
    }


def _merge_labels(m: _Merge) -> None:
    db = m.project.db
    known = _label_rows(m)
    used = {s.label for d in m.aset.documents for s in d.spans}
    declared = {lab["name"]: lab for lab in (m.aset.labels or [])}
    missing = sorted(used - set(known))
    if m.unknown_labels == "add":
        missing = sorted((used | set(declared)) - set(known))
    elif missing:
        raise ValidationError(
            f"{m.aset.name}: unknown label{'s' * (len(missing) > 1)} {', '.join(missing)}: "
            "add them to the project first, or import with unknown labels added (--unknown-labels add)"
        )
    empty = _has_no_documents(m.project)
    if empty and m.aset.labels is not None:
        # An empty project takes the set's schema as it is: colours, keys, guidelines, order, link types.
        order = [lab["name"] for lab in m.aset.labels if lab["name"] in known or lab["name"] in missing]
        order += [name for name in known if name not in order]
        hotkeys_taken = {
            lab["hotkey"] for lab in m.aset.labels if lab["hotkey"] and (lab["name"] in known or lab["name"] in missing)
        }
        for position, name in enumerate(order):
            row = dict(known.get(name) or {"name": name, "color": EXTRA_COLORS[position % len(EXTRA_COLORS)]})
            if name in declared:
                lab = declared[name]
                row.update(
                    color=lab["color"] or row["color"],
                    hotkey=lab["hotkey"],
                    guideline=lab["guideline"],
                    retired=lab["retired"],
                    attributes=lab["attributes"],
                )
            elif row.get("hotkey") in hotkeys_taken:
                row["hotkey"] = None
            row["position"] = position
            _write_label(m, row, known.get(name))
        if m.aset.link_types is not None:
            wanted = [
                (lt.role, lt.from_label, to)
                for lt in m.aset.link_types
                for to in lt.to_labels
                if lt.from_label in order and to in order
            ]
            current = [tuple(r) for r in db.execute("SELECT role, from_label, to_label FROM link_types ORDER BY rowid")]
            if current != wanted:
                db.execute("DELETE FROM link_types")
                for role, frm, to in wanted:
                    db.execute("INSERT INTO link_types (role, from_label, to_label) VALUES (?, ?, ?)", [role, frm, to])
                m.changed = True
    else:
        taken = {row["hotkey"] for row in known.values() if row["hotkey"]}
        position = max((row["position"] for row in known.values()), default=-1) + 1
        colors = {row["color"] for row in known.values()}
        for name in missing:
            lab = declared.get(name, {})
            hotkey = lab.get("hotkey") if lab.get("hotkey") not in taken else None
            color = lab.get("color") or next((c for c in EXTRA_COLORS if c not in colors), EXTRA_COLORS[0])
            row = {
                "name": name,
                "color": color,
                "hotkey": hotkey,
                "guideline": lab.get("guideline", ""),
                "retired": lab.get("retired", False),
                "position": position,
                "attributes": lab.get("attributes", {}),
            }
            _write_label(m, row, None)
            taken.add(hotkey)
            colors.add(color)
            position += 1
            m.report.warnings.append(f"label {name!r} added to the project")
        if m.aset.link_types:
            names = set(known) | set(missing)
            existing = {tuple(r) for r in db.execute("SELECT role, from_label, to_label FROM link_types")}
            for lt in m.aset.link_types:
                for to in lt.to_labels:
                    key = (lt.role, lt.from_label, to)
                    if key not in existing and lt.from_label in names and to in names:
                        db.execute("INSERT INTO link_types (role, from_label, to_label) VALUES (?, ?, ?)", list(key))
                        existing.add(key)
                        m.changed = True
    m.labels = _label_rows(m)
    m.project.invalidate_caches()  # make_span must see the labels written above


def _write_label(m: _Merge, row: dict[str, Any], before: dict[str, Any] | None) -> None:
    values = {
        "name": row["name"],
        "color": row["color"],
        "hotkey": row.get("hotkey"),
        "guideline": row.get("guideline", ""),
        "retired": int(bool(row.get("retired"))),
        "position": row["position"],
        "attributes": json.dumps(row.get("attributes", {}), ensure_ascii=False),
    }
    if before is not None:
        old = dict(before, retired=int(bool(before["retired"])))
        old["attributes"] = json.dumps(before["attributes"], ensure_ascii=False)
        if all(old.get(k) == v for k, v in values.items()):
            return
        m.project.db.execute("UPDATE labels SET hotkey = NULL WHERE name = ?", [row["name"]])
    # A hotkey moving between labels: free it first so no two labels hold it at once.
    if values["hotkey"]:
        m.project.db.execute(
            "UPDATE labels SET hotkey = NULL WHERE hotkey = ? AND name <> ?", [values["hotkey"], row["name"]]
        )
    m.project.db["labels"].upsert(values, pk="name")
    m.changed = True


def _merge_entities(m: _Merge) -> None:
    db = m.project.db
    m.entity_ids = {r[1]: r[0] for r in db.execute("SELECT id, name FROM entities")}
    wanted = {e["name"]: e for e in m.aset.entities}
    for document in m.aset.documents:
        for span in document.spans:
            if span.entity and span.entity not in wanted:
                wanted[span.entity] = {"name": span.entity, "label": span.label, "created": None}
    for name, entry in sorted(wanted.items()):
        if name in m.entity_ids:
            continue
        label = entry.get("label")
        new_id = (
            db["entities"]
            .insert(
                {
                    "name": name,
                    "label": label if isinstance(label, str) else None,
                    "created": entry.get("created") or utc_now(),
                }
            )
            .last_pk
        )
        m.entity_ids[name] = int(new_id)
        m.changed = True


def _find_document(m: _Merge, document: SetDocument) -> tuple[int, str, bool] | None:
    """Our document for a set document: (id, text, exact), or None when it is a new document.

    A document is its text: the same text (sha256) is the same document. A set document with another
    text is another version of one of ours only when both came from the same source file: exactly one
    of our documents has its source path, no other document of the set has it, and that document is not
    itself in the set. A title is never a key: two texts with one title are two documents.
    """
    project = m.project
    found = project.document_id_by_sha256(text_sha256(document.text))
    if found is not None:
        return found, document.text, True
    path = document.source_path
    if not path or m.set_paths.get(path, 0) > 1:
        return None
    candidates = project.document_ids_with_source(path)
    if len(candidates) != 1:
        return None
    doc_id, sha = candidates[0]
    if doc_id in m.claimed or sha in m.set_shas:
        return None
    return doc_id, project.document_text(doc_id), False


def _title_for(m: _Merge, document: SetDocument) -> str:
    """The display title of a new document: the set's, made unique when another document shows it.

    A native set is a copy of a project: its own documents keep their titles even when two share one
    (export → import into an empty project → export gives the same bytes); a title that a document
    already in the project shows is made unique. Other sets' titles are always made unique.
    """
    title = document.title if document.title.strip() else "untitled"
    if m.aset.kind == "jsonl" and all(i in m.added for i in m.project.document_ids_with_title(title)):
        return title
    return m.project.unique_title(title)


def _add_document(m: _Merge, document: SetDocument) -> int:
    new_id = m.project.insert_document_row(
        title=_title_for(m, document),
        text=document.text,
        source_path=document.source_path,
        language=document.language,
        added_at=document.added_at or utc_now(),
        metadata=document.metadata or {},
        done=document.done,
        document_id=document.id if document.id is not None and document.id > 0 else None,
    )
    m.added.add(new_id)
    m.changed = True
    return new_id


def _merge_document(m: _Merge, document: SetDocument) -> None:
    found = _find_document(m, document)
    if found is None:
        doc_id, our_text, exact = _add_document(m, document), document.text, True
        m.report.new_documents += 1
    else:
        doc_id, our_text, exact = found
        m.report.existing_documents += 1
        if not exact:
            m.report.warnings.append(
                f"{document.where}: document {document.title!r} is another version of ours (id {doc_id}, same "
                f"source {document.source_path}): spans re-anchored"
            )
    m.claimed.add(doc_id)
    m.report.documents.append((doc_id, m.project.document_title(doc_id)))
    stored: dict[str, str] = {}  # set span key → stored span id
    for span in document.spans:
        span_id = _merge_span(m, document, span, doc_id, our_text, exact)
        if span_id is not None:
            stored[span.key] = span_id
    for link in document.links:
        _merge_link(m, link, stored)


def _contexts(text: str, start: int, end: int) -> tuple[str, str]:
    return text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


def _anchor(document: SetDocument, span: SetSpan, our_text: str, exact: bool) -> tuple[int, int] | None:
    """Offsets of a set span in our text, or None (orphaned)."""
    set_text = document.text
    in_range = span.end <= len(set_text)
    quote = set_text[span.start : span.end] if in_range else None
    if span.quote is not None and quote != span.quote:
        quote = span.quote  # the set's offsets do not hold its own quote: trust the quote
        in_range = False
    if exact and in_range and our_text[span.start : span.end] == quote:
        return span.start, span.end
    if quote is None:
        return None
    rivals: list[tuple[str, str]] = []
    if in_range:
        left, right = _contexts(set_text, span.start, span.end)
        rivals = [
            _contexts(set_text, m.start(), m.end())
            for m in re.finditer(re.escape(quote), set_text)
            if m.start() != span.start
        ]
    else:
        left = right = ""
    start = reanchor(our_text, quote, left, right, hint=span.start, rivals=rivals)
    if start is None:
        return None
    return start, start + len(quote)


def _span_content(span: Span, attributes: dict[str, str]) -> tuple:
    return (
        span.document_id,
        span.start,
        span.end,
        span.label,
        span.annotator,
        span.note,
        span.status,
        span.source,
        span.review,
        span.reviewer,
        span.review_comment,
        span.entity_id,
        tuple(sorted(attributes.items())),
    )


def _attributes_of(m: _Merge, span_id: str) -> dict[str, str]:
    return dict(m.project.db.execute("SELECT name, value FROM attributes WHERE span_id = ?", [span_id]).fetchall())


def _merge_span(m: _Merge, document: SetDocument, span: SetSpan, doc_id: int, our_text: str, exact: bool) -> str | None:
    project, db = m.project, m.project.db
    anchored = _anchor(document, span, our_text, exact)
    quote = span.quote if span.quote is not None else document.text[span.start : span.end]
    if anchored is None:
        m.report.orphans.append(
            f"{span.where}: {span.label} “{quote}” ({span.id or span.key}) has no place in document {doc_id}: "
            "not imported"
        )
        return None
    start, end = anchored
    if span.label not in m.labels:  # only possible when refused labels slipped through; never store it
        raise ValidationError(f"{span.where}: unknown label {span.label!r}")
    try:
        entity_id = m.entity_ids.get(span.entity) if span.entity else None
        candidate = project.make_span(
            doc_id,
            start,
            end,
            span.label,
            annotator=span.annotator or m.annotator,
            note=span.note,
            status=span.status,
            source=span.source,
            span_id=span.id or new_span_id(),
            created=span.created,
            updated=span.updated,
            review=span.review,
            reviewer=span.reviewer,
            review_comment=span.review_comment,
            entity_id=entity_id,
            allow_retired=True,
        )
    except ValidationError as exc:
        raise ValidationError(f"{span.where}: {exc}") from None
    attributes = _valid_attributes(m, span)
    existing: Span | None = None
    if span.id is not None:
        row = db.execute(f"SELECT {SPAN_COLUMNS} FROM annotations WHERE id = ?", [span.id]).fetchone()
        existing = project.span_from_row(row) if row else None
    if existing is None and not (span.id is not None and doc_id in m.added):
        # The same document, offsets, label and annotator is the same annotation, whatever its id: spans
        # without one (doccano, brat), and a set from another project that imported the same set (other
        # UUIDs). A set's own spans with ids stay apart: the set is a copy, duplicates included.
        twins = [
            twin
            for twin in project.spans_at(doc_id, start, end, span.label, candidate.annotator)
            if span.id is None or twin.id not in m.added_spans
        ]
        if twins:
            existing = twins[0]
            candidate = candidate.with_changes(
                id=existing.id,
                created=existing.created,
                updated=candidate.updated if span.id is not None else span.updated or existing.updated,
            )
    if existing is None:
        _insert_span(m, candidate)
        _write_attributes(m, candidate.id, attributes, replace=False)
        m.report.spans_added += 1
        return candidate.id
    ours_attributes = _attributes_of(m, existing.id)
    if span.id is None:
        merged_attributes = {**ours_attributes, **attributes}
        changed_note = span.note and span.note != existing.note
        if (
            merged_attributes == ours_attributes
            and not changed_note
            and existing.entity_id == (entity_id if entity_id is not None else existing.entity_id)
        ):
            m.report.spans_unchanged += 1
            return existing.id
        candidate = candidate.with_changes(
            note=span.note or existing.note,
            entity_id=entity_id if entity_id is not None else existing.entity_id,
            status=existing.status,
            source=existing.source,
            review=existing.review,
            reviewer=existing.reviewer,
            review_comment=existing.review_comment,
            updated=utc_now(),
        )
        _update_span(m, candidate)
        _write_attributes(m, existing.id, attributes, replace=False)
        m.report.spans_updated += 1
        return existing.id
    if _span_content(existing, ours_attributes) == _span_content(candidate, attributes):
        m.report.spans_unchanged += 1
        return existing.id
    theirs_newer = (candidate.updated or "") > (existing.updated or "")
    describe = f"{span.label} “{candidate.text}” ({existing.id})"
    if theirs_newer:
        _update_span(m, candidate)
        _write_attributes(m, existing.id, attributes, replace=True)
        m.report.spans_updated += 1
        m.report.conflicts.append(
            f"{span.where}: {describe} differs from ours: the set's version (updated {candidate.updated}) "
            f"replaced ours (updated {existing.updated})"
        )
    else:
        m.report.conflicts.append(
            f"{span.where}: {describe} differs from ours: ours (updated {existing.updated}) kept over "
            f"the set's (updated {candidate.updated})"
        )
    return existing.id


def _valid_attributes(m: _Merge, span: SetSpan) -> dict[str, str]:
    """The span's attributes its label declares; undeclared ones are declared (adding labels) or reported."""
    result: dict[str, str] = {}
    label = m.labels[span.label]
    for name, value in sorted(span.attributes.items()):
        declared = label["attributes"].get(name)
        if declared is not None and (not declared or value in declared):
            result[name] = value
            continue
        if m.unknown_labels == "add":
            label["attributes"].setdefault(name, [])
            if label["attributes"][name] and value not in label["attributes"][name]:
                label["attributes"][name].append(value)
            m.project.db.execute(
                "UPDATE labels SET attributes = ? WHERE name = ?",
                [json.dumps(label["attributes"], ensure_ascii=False), span.label],
            )
            m.changed = True
            m.report.warnings.append(f"{span.where}: attribute {name}={value} declared for label {span.label!r}")
            result[name] = value
        else:
            m.report.warnings.append(
                f"{span.where}: attribute {name}={value!r} is not declared for label {span.label!r}: not imported"
            )
    return result


def _insert_span(m: _Merge, span: Span) -> None:
    m.project.insert_span_row(span)
    m.added_spans.add(span.id)
    m.changed = True


def _update_span(m: _Merge, span: Span) -> None:
    m.project.overwrite_span_row(span)
    m.changed = True


def _write_attributes(m: _Merge, span_id: str, attributes: dict[str, str], *, replace: bool) -> None:
    if not attributes and not replace:
        return
    db = m.project.db
    ours = _attributes_of(m, span_id)
    if replace:
        for name in set(ours) - set(attributes):
            db.execute("DELETE FROM attributes WHERE span_id = ? AND name = ?", [span_id, name])
            m.changed = True
    for name, value in attributes.items():
        if ours.get(name) != value:
            db["attributes"].upsert({"span_id": span_id, "name": name, "value": value}, pk=("span_id", "name"))
            m.changed = True


def _merge_link(m: _Merge, link: SetLink, stored: dict[str, str]) -> None:
    db = m.project.db
    frm, to = stored.get(link.from_key), stored.get(link.to_key)
    if frm is None or to is None:
        m.report.warnings.append(f"{link.where}: {link.role} link not imported: one of its spans was not imported")
        return
    if frm == to:
        m.report.warnings.append(f"{link.where}: {link.role} link joins a span to itself: not imported")
        return
    ours = m.project.find_link(link.id) if link.id is not None else None
    if ours is not None:
        if (ours.from_span, ours.to_span, ours.role) != (frm, to, link.role):
            m.report.conflicts.append(f"{link.where}: link {link.id} differs from ours: ours kept")
        else:
            _merge_link_note(m, ours.id, ours.note, link.note)
        return
    ours = m.project.link_between(frm, to, link.role)
    if ours is not None:
        _merge_link_note(m, ours.id, ours.note, link.note)
        return
    from_label = db.execute("SELECT label FROM annotations WHERE id = ?", [frm]).fetchone()[0]
    to_label = db.execute("SELECT label FROM annotations WHERE id = ?", [to]).fetchone()[0]
    allowed = db.execute(
        "SELECT 1 FROM link_types WHERE role = ? AND from_label = ? AND to_label = ?", [link.role, from_label, to_label]
    ).fetchone()
    if not allowed:
        if m.unknown_labels == "add":
            db.execute(
                "INSERT INTO link_types (role, from_label, to_label) VALUES (?, ?, ?)",
                [link.role, from_label, to_label],
            )
            m.report.warnings.append(f"{link.where}: link role {link.role} ({from_label} → {to_label}) added")
        else:
            m.report.warnings.append(
                f"{link.where}: the schema has no role {link.role!r} from {from_label} to {to_label}: link not imported"
            )
            return
    now = utc_now()
    m.project.insert_link_row(
        Link(
            id=link.id or new_span_id(),
            from_span=frm,
            to_span=to,
            role=link.role,
            annotator=link.annotator or m.annotator,
            created=link.created or now,
            updated=link.updated or link.created or now,
            note=link.note,
        )
    )
    m.changed = True
    m.report.links_added += 1


def _merge_link_note(m: _Merge, link_id: str, ours: str, theirs: str) -> None:
    """A note the set gives a link we have: taken when ours has none, else ours is kept (and said)."""
    if not theirs or theirs == ours:
        return
    if ours:
        m.report.conflicts.append(f"link {link_id}: the set's note differs from ours: ours kept")
        return
    m.project.set_link_note(link_id, theirs)
    m.changed = True
