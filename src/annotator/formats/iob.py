"""IOB / CoNLL token files read as an annotation set: one token per line, the tag in the last column.

Layouts read: CoNLL-2002/2003 (``-DOCSTART-`` lines, any number of columns separated by spaces, the NER
tag last), WNUT-2016/2017 (``token<TAB>tag``), our own ``conll`` export (``TOKEN TAG``, tokens that may
hold a no-break space) — any column count with the tag last. A line with a tab is split on tabs, any
other on runs of plain spaces (U+0020), so a no-break space stays inside its token. A blank line ends a
sentence; a line whose first column is ``-DOCSTART-`` starts a new document (a file without one is one
document). A line starting with ``#`` whose last column is no tag is a comment.

Tags: ``O``, or a prefix and a label joined by ``-``: IOB1, IOB2 (``B-`` ``I-``) and BIOES/BILOU (``S-``
``E-``, ``U-`` ``L-``). ``B-`` and ``S-`` always begin an entity; ``I-`` and ``E-`` continue the entity
of the same label on the token before in the same sentence, and begin one otherwise (IOB1, where
entities begin with ``I-``; in IOB2 an ``I-`` after ``O`` or another label is ill-formed and read as
``B-``, with a warning counting them); ``E-`` and ``S-`` end their entity.

Detokenisation (stated, so offsets are exact): the tokens of a sentence are joined by one space,
sentences by one line break; no text is guessed (``d ’ artillerie`` stays as it was tokenised). A
span covers its tokens and the single spaces between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.model import ValidationError, check_label_name
from annotator.formats.annotation_set import AnnotationSet, SetDocument, SetSpan, read_set_text
from annotator.formats.documents import readable_name

DOCSTART = "-DOCSTART-"
SUFFIXES = (".conll", ".iob", ".iob1", ".iob2", ".bio", ".bioes", ".bilou")
_TAG = re.compile(r"^(?:O|([BIESLU])[-_](\S+))$")
_SPACES = re.compile(r" +")
_BEGIN, _INSIDE, _END, _SINGLE = "B", "I", "E", "S"
_PREFIX = {"B": _BEGIN, "I": _INSIDE, "E": _END, "L": _END, "S": _SINGLE, "U": _SINGLE}


def split_line(line: str) -> list[str]:
    """The columns of one line: split on tabs if it has any, else on runs of plain spaces."""
    if "\t" in line:
        return [column.strip(" ") for column in line.strip("\t").split("\t")]
    return _SPACES.split(line.strip(" "))


def parse_tag(tag: str) -> tuple[str, str] | None:
    """``(prefix, label)`` of a tag (prefix B, I, E or S; ``("O", "")`` for O), or None if it is no tag."""
    match = _TAG.match(tag)
    if match is None:
        return None
    if match.group(1) is None:
        return "O", ""
    return _PREFIX[match.group(1)], match.group(2)


def looks_like_iob(head: bytes) -> bool:
    """Whether a file's first bytes are unambiguously token-per-line IOB: a ``-DOCSTART-`` first line, or
    at least two lines, every one with a token and a tag in its last column and at least one entity tag."""
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not a character cut at the end of the head
            return False
        text = head[: exc.start].decode("utf-8-sig", "ignore")
    lines = text.replace("\r", "").split("\n")
    if len(head) >= 4096 and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut short
    filled = [line for line in lines if line.strip()]
    if not filled:
        return False
    if split_line(filled[0])[0] == DOCSTART:
        return True
    entity = False
    for line in filled:
        columns = split_line(line)
        parsed = parse_tag(columns[-1]) if len(columns) >= 2 else None
        if parsed is None:
            return False
        entity = entity or parsed[0] != "O"
    return entity and len(filled) >= 2


@dataclass(slots=True)
class _Document:
    number: int
    line: int
    sentences: list[list[tuple[str, str, str, int]]] = field(default_factory=list)  # (token, prefix, label, line)


def _read_lines(path: Path, lines: list[str]) -> list[_Document]:
    name = path.name
    documents: list[_Document] = []
    current = _Document(1, 1)
    sentence: list[tuple[str, str, str, int]] = []
    checked: set[str] = set()  # labels already found valid
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            if sentence:
                current.sentences.append(sentence)
                sentence = []
            continue
        columns = split_line(line)
        if columns[0] == DOCSTART:
            if sentence:
                current.sentences.append(sentence)
                sentence = []
            if current.sentences:
                documents.append(current)
            current = _Document(len(documents) + 1, number)
            continue
        parsed = parse_tag(columns[-1]) if len(columns) >= 2 else None
        if parsed is None:
            if line.startswith("#"):
                continue  # a comment line (CoNLL-U style)
            if len(columns) < 2:
                raise ValidationError(f"{name} line {number}: expected a token and a tag, found {line.strip()!r}")
            raise ValidationError(
                f"{name} line {number}: {columns[-1]!r} is not an IOB tag "
                "(expected O or B-, I-, E-, S- followed by a label, in the last column)"
            )
        prefix, label = parsed
        if label and label not in checked:
            try:
                check_label_name(label)
            except ValidationError as exc:
                raise ValidationError(f"{name} line {number}: {exc}") from None
            checked.add(label)
        token = columns[0]
        if not token:
            raise ValidationError(f"{name} line {number}: the token is empty")
        sentence.append((token, prefix, label, number))
    if sentence:
        current.sentences.append(sentence)
    if current.sentences:
        documents.append(current)
    return documents


@dataclass(slots=True)
class _Scheme:
    """What the tags of a file show, to tell IOB1 from IOB2 and count ill-formed tags."""

    bioes: bool = False  # S- or E- tags are used
    begun_by_inside: int = 0  # I- (or E-) tags that begin an entity
    begin_after_other: int = 0  # B- after O, another label or at a sentence start: IOB2 (IOB1 never does)


def _decode(sentence: list[tuple[str, str, str, int]], scheme: _Scheme) -> list[tuple[int, int, str, int]]:
    """Entities of one sentence as (first token, last token, label, line of the first token)."""
    entities: list[tuple[int, int, str, int]] = []
    current: tuple[int, int, str, int] | None = None  # (first, last, label, line) of the entity still open
    previous = ""  # the label of the token before, "" after O or at the start

    def close() -> None:
        nonlocal current
        if current is not None:
            entities.append(current)
            current = None

    for k, (_token, prefix, label, line) in enumerate(sentence):
        if prefix == "O":
            close()
        elif prefix in (_BEGIN, _SINGLE):
            if prefix == _BEGIN and previous != label:
                scheme.begin_after_other += 1
            close()
            current = (k, k, label, line)
        elif current is not None and current[2] == label:  # I- or E- continuing its entity
            current = (current[0], k, label, current[3])
        else:  # I- or E- with no entity of its label open: it begins one
            close()
            scheme.begun_by_inside += 1
            current = (k, k, label, line)
        if prefix in (_END, _SINGLE):
            close()
        previous = label
    close()
    return entities


def read(path: Path) -> AnnotationSet:
    """Read an IOB/CoNLL token file as an annotation set (see the module's docstring); ValidationError names
    the line of anything malformed."""
    content = read_set_text(path)
    documents = _read_lines(path, content.split("\n"))
    if not documents:
        raise ValidationError(f"{path.name}: no token lines (an IOB file has one token and its tag per line)")
    aset = AnnotationSet(path.name, "iob")
    scheme = _Scheme()
    for document in documents:
        if any(prefix in (_END, _SINGLE) for sentence in document.sentences for _, prefix, _, _ in sentence):
            scheme.bioes = True
    stem = readable_name(path.stem)
    for document in documents:
        title = stem if len(documents) == 1 else f"{stem} {document.number}"
        where = f"{path.name} line {document.line}"
        parts: list[str] = []
        spans: list[SetSpan] = []
        offset = 0
        for s, sentence in enumerate(document.sentences):
            if s:
                parts.append("\n")
                offset += 1
            starts = []
            for k, (token, _, _, _) in enumerate(sentence):
                if k:
                    parts.append(" ")
                    offset += 1
                starts.append(offset)
                parts.append(token)
                offset += len(token)
            for first, last, label, line in _decode(sentence, scheme):
                start, end = starts[first], starts[last] + len(sentence[last][0])
                spans.append(
                    SetSpan(key=f"L{line}", start=start, end=end, label=label, where=f"{path.name} line {line}")
                )
        aset.documents.append(SetDocument(where=where, title=title, text="".join(parts), spans=spans))
    if scheme.bioes and scheme.begun_by_inside:
        aset.warnings.append(
            f"{path.name}: {scheme.begun_by_inside} I- or E- tags begin an entity (no B- before them, "
            "ill-formed BIOES): each read as the start of one"
        )
    elif scheme.begun_by_inside and scheme.begin_after_other:
        # B- after O says IOB2, where an entity never begins with I-: an ill-formed tag, read as B-.
        aset.warnings.append(
            f"{path.name}: {scheme.begun_by_inside} I- tags follow O or another label (ill-formed IOB2): "
            "each read as B-, the start of an entity"
        )
    return aset
