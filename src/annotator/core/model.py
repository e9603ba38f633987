"""Plain values of the annotation domain: documents, labels, spans, links.

Every value is a small frozen dataclass that validates itself on creation, so an impossible
value (an empty span, an unknown status) can never travel further than where it was made.
Offsets are Unicode code points into the stored document text.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

STATUSES = ("suggested", "accepted", "rejected")
REVIEWS = ("unreviewed", "approved", "rejected")
SOURCES = ("manual", "import", "quantity", "propagation", "ner", "model", "curation")
GOLD_ANNOTATOR = "gold"

# Words of letters, digits, "_" and "-", separated by single spaces (doccano and Label Studio labels have them).
_LABEL_NAME = re.compile(r"^[^\W\d][\w\-]*(?: [\w\-]+)*$")
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")


class ValidationError(ValueError):
    """A value that the domain refuses: bad offsets, unknown label, malformed field."""


def utc_now() -> str:
    """The current time as ISO 8601 in UTC, to the millisecond."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_span_id() -> str:
    """A fresh span or link identifier (UUID4, canonical string form)."""
    return str(uuid.uuid4())


def text_sha256(text: str) -> str:
    """Hex sha256 of the UTF-8 encoding of ``text``: the identity of a document."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_label_name(name: str) -> str:
    """Return ``name`` if it is a usable label name (a word, hyphens allowed), else raise."""
    if not isinstance(name, str) or not _LABEL_NAME.match(name):
        raise ValidationError(
            f"invalid label name {name!r}: use letters, digits, '_' or '-' (words may be separated by single "
            "spaces), starting with a letter"
        )
    return name


def check_color(color: str) -> str:
    """Return ``color`` normalised to upper-case ``#RRGGBB``, else raise."""
    if not isinstance(color, str) or not _COLOR.match(color):
        raise ValidationError(f"invalid colour {color!r}: expected #RRGGBB")
    return color.upper()


def check_offsets(text: str, start: int, end: int) -> None:
    """Raise unless ``start``/``end`` delimit a non-empty span inside ``text``."""
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
        raise ValidationError(f"offsets must be integers, got {start!r}, {end!r}")
    if start < 0 or end > len(text):
        raise ValidationError(f"span {start}–{end} lies outside the text (length {len(text)})")
    if end <= start:
        raise ValidationError(f"span {start}–{end} is empty or reversed")


@dataclass(frozen=True, slots=True)
class Document:
    """An imported text. ``text`` never changes once the document carries spans."""

    id: int | None
    title: str
    text: str
    source_path: str | None = None
    sha256: str = ""
    language: str | None = None
    added_at: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    done: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise ValidationError("document text must be a string")
        if not self.sha256:
            object.__setattr__(self, "sha256", text_sha256(self.text))


@dataclass(frozen=True, slots=True)
class Label:
    """A span label of the project's schema."""

    name: str
    color: str
    hotkey: str | None = None
    guideline: str = ""
    retired: bool = False
    position: int = 0
    attributes: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_label_name(self.name)
        object.__setattr__(self, "color", check_color(self.color))
        if self.hotkey is not None and (not isinstance(self.hotkey, str) or len(self.hotkey) != 1):
            raise ValidationError(f"hotkey of {self.name!r} must be one character, got {self.hotkey!r}")
        attrs = {str(k): tuple(str(v) for v in vals) for k, vals in dict(self.attributes).items()}
        object.__setattr__(self, "attributes", attrs)


@dataclass(frozen=True, slots=True)
class LinkType:
    """A role that links a span of one label to a span of one of several labels."""

    role: str
    from_label: str
    to_labels: tuple[str, ...]

    def __post_init__(self) -> None:
        check_label_name(self.role)
        check_label_name(self.from_label)
        object.__setattr__(self, "to_labels", tuple(self.to_labels))
        for name in self.to_labels:
            check_label_name(name)


@dataclass(frozen=True, slots=True)
class Span:
    """One annotation: a labelled code-point range of a document."""

    id: str
    document_id: int
    start: int
    end: int
    label: str
    text: str
    annotator: str
    note: str = ""
    status: str = "accepted"
    source: str = "manual"
    review: str = "unreviewed"
    reviewer: str | None = None
    review_comment: str | None = None
    entity_id: int | None = None
    created: str = ""
    updated: str = ""

    def __post_init__(self) -> None:
        if self.end <= self.start or self.start < 0:
            raise ValidationError(f"span {self.start}–{self.end} is empty or reversed")
        if len(self.text) != self.end - self.start:
            raise ValidationError(
                f"span text {self.text!r} does not cover {self.start}–{self.end} ({self.end - self.start} code points)"
            )
        if self.status not in STATUSES:
            raise ValidationError(f"unknown status {self.status!r}: expected one of {', '.join(STATUSES)}")
        if self.source not in SOURCES:
            raise ValidationError(f"unknown source {self.source!r}: expected one of {', '.join(SOURCES)}")
        if self.review not in REVIEWS:
            raise ValidationError(f"unknown review {self.review!r}: expected one of {', '.join(REVIEWS)}")
        if not self.annotator:
            raise ValidationError("a span needs an annotator name")

    def with_changes(self, **changes: Any) -> Span:
        """A copy with ``changes`` applied (and validated)."""
        return replace(self, **changes)

    @property
    def sort_key(self) -> tuple[int, int, str, str]:
        """Text order: start, end, label, id."""
        return (self.start, self.end, self.label, self.id)


@dataclass(frozen=True, slots=True)
class Link:
    """A directed, typed relation from one span to another (a transfer to its supplier, say)."""

    id: str
    from_span: str
    to_span: str
    role: str
    annotator: str
    created: str = ""
    updated: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        if self.from_span == self.to_span:
            raise ValidationError("a link cannot join a span to itself")
        check_label_name(self.role)


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity that actor spans can point to ("la Corée du Nord" = "Pyongyang")."""

    id: int | None
    name: str
    label: str | None = None
    created: str = ""
