"""An annotation set as a reader gives it, before it is merged: documents with their spans and links, in the
set's own offsets, plus what every set reader shares (JSON rows with their lines, field checks, line ends).
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.model import LinkType, ValidationError
from annotator.formats.limits import TooLarge, check_set_size, check_span_count, row_number_counter

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


def read_set_text(path: Path, *, why_utf8: str = "") -> str:
    """The text of an annotation set file: within the set size limit, UTF-8 (a byte-order mark dropped);
    ValidationError naming the file otherwise (``why_utf8`` is added to the not-UTF-8 message)."""
    try:
        check_set_size(path.stat().st_size, path.name)
        raw = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(f"{path.name}: not UTF-8 text (byte {exc.start}){why_utf8}") from None


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


def check_bounds(document: SetDocument) -> None:
    """Every span of a set lies inside the set's own text; else the set is malformed."""
    check_span_count(len(document.spans), len(document.text), document.where)
    for span in document.spans:
        if span.end > len(document.text):  # the readers already refused negative and reversed offsets
            raise ValidationError(
                f"{span.where}: span {span.start}–{span.end} lies outside the text (length {len(document.text)})"
            )


def normalise_document(document: SetDocument) -> None:
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


def choice(obj: dict[str, Any], key: str, choices: tuple[str, ...], default: str, where: str) -> str:
    """``obj[key]`` checked to be one of ``choices`` (``default`` when absent); else ValidationError at ``where``."""
    value = obj.get(key)
    if value is None:
        return default
    if value not in choices:
        raise ValidationError(f"{where}: {key} {value!r} is not one of {', '.join(choices)}")
    return str(value)
