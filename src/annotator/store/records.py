"""The values the store hands out and takes back: summaries, deletion records (for undo), search hits."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from annotator.core.model import Document, Entity, Link, Span
from annotator.store.errors import NotADatabase


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A document without its text, for lists of thousands."""

    id: int
    title: str
    sha256: str
    span_count: int
    done: bool
    added_at: str
    source_path: str | None
    language: str | None
    length: int


@dataclass(frozen=True, slots=True)
class SpanHistogram:
    """How a document's spans are spread over its text (see ``Project.span_histogram``).

    ``rows``: (stretch, status, annotator, spans) for each stretch of ``width`` code points (by start) that
    has spans, in text order.
    """

    width: int
    rows: tuple[tuple[int, str, str, int], ...]

    def total(self, status: str, annotator: str | None = None) -> int:
        """Spans with ``status`` (of ``annotator`` only, if given)."""
        return sum(n for _, st, who, n in self.rows if st == status and annotator in (None, who))

    def listed(self, annotator: str | None = None) -> list[tuple[int, int]]:
        """(first code point of the stretch, spans starting in it that are not rejected), of ``annotator``
        only if given, for the stretches that have some."""
        found: dict[int, int] = {}
        for stretch, status, who, n in self.rows:
            if status != "rejected" and annotator in (None, who):
                found[stretch] = found.get(stretch, 0) + n
        return [(stretch * self.width, n) for stretch, n in found.items()]


@dataclass(frozen=True, slots=True)
class DeletedSpan:
    """What deleting a span removed, enough to restore it exactly (undo)."""

    span: Span
    links: tuple[Link, ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class DeletedDocument:
    """What deleting a document removed, enough to restore it exactly (undo)."""

    document: Document
    spans: tuple[DeletedSpan, ...] = ()
    source: tuple[Any, ...] | None = None  # its document_sources row, if an import recorded its file


@dataclass(frozen=True, slots=True)
class EntityMerge:
    """What merging one canonical entity into another changed, enough to undo it exactly."""

    kept: Entity
    merged: Entity
    # The spans that pointed to the merged entity, each with its ``updated`` time before the merge.
    spans: tuple[tuple[str, str], ...] = ()
    documents: tuple[int, ...] = ()  # the documents of those spans


class LinkEnd(NamedTuple):
    """A link seen from one of its spans: the role, which way it points, and the span at the other end."""

    span_id: str
    outgoing: int  # 1: the link goes from ``span_id`` to the other span; 0: it comes from it
    role: str
    other_id: str
    other_text: str
    other_entity_id: int | None
    other_status: str
    other_start: int
    other_end: int
    other_label: str

    @property
    def other_sort_key(self) -> tuple[int, int, str, str]:
        """The other span's text order (start, end, label, id), as ``Span.sort_key``."""
        return (self.other_start, self.other_end, self.other_label, self.other_id)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A full-text search result: the document and a snippet of context around the match."""

    document_id: int
    title: str
    snippet: str
    rank: float


@dataclass(slots=True)
class BulkWrite:
    """What a ``Project.bulk_write()`` block reports back: whether it wrote anything."""

    changed: bool = False


def default_annotator() -> str:
    """The annotator name to use when none is given: ANNOTATOR_NAME, else the login name."""
    name = os.environ.get("ANNOTATOR_NAME")
    if name:
        return name
    try:
        import getpass

        return getpass.getuser() or "annotator"
    except (OSError, KeyError, ImportError):
        return "annotator"


def stored_metadata(document_id: int, raw: str | None) -> dict[str, Any]:
    """A document's metadata as stored; a value no version of the app writes (a hand-made or damaged file)
    is a store error that names the document, never a crash further on."""
    try:
        value = json.loads(raw or "{}")
    except (ValueError, RecursionError):
        value = None
    if not isinstance(value, dict):
        raise NotADatabase(f"document {document_id} has damaged metadata (not a JSON object); the project is damaged")
    return value




def unique_links(links: Iterable[Link]) -> tuple[Link, ...]:
    """Links without repeats (a link between two deleted spans is recorded with each), in order."""
    return tuple({link.id: link for link in links}.values())
