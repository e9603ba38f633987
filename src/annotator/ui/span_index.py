"""The spans of the document shown in the reader, indexed for painting and kept current from Change events.

Only what painting and hit-testing need is held in memory (offsets, label, annotator, status), read with
plain queries; notes and the rest are read from the project when a tooltip or an edit needs them.
Rejected spans are never drawn, so they are not indexed.

A long document's spans are read **by range, on demand**: the text is cut into chunks of ``CHUNK``
code points, and the spans starting in a chunk are read (through the covering index on
``(document_id, start, end, …)``) the first time a look-up reaches it. Spans longer than the index's
long threshold are read once, when the document is opened, so that a chunk read is always enough to
answer "which spans touch [a, b)?" exactly. Opening costs the spans on screen, not the whole document;
``load_more`` reads the rest a chunk at a time from the reader's idle timer, and
``ensure_complete`` reads it at once when something needs every span (next/previous span).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import NamedTuple

from annotator.core.intervals import IntervalIndex
from annotator.core.model import Span
from annotator.store.project import RELOAD_KINDS, SPAN_KINDS, Change, ChangeKind, Project

# Above this many changed ids, re-reading the whole document is cheaper than one query per span.
BULK_RELOAD = 200
# Code points per load unit: about a screenful of dense text, a few hundred spans at most.
CHUNK = 16_384
FIRST_CHUNKS = 2  # read when the document is opened


class SpanInfo(NamedTuple):
    """What the painter needs to know about one span (made on demand from the stored row)."""

    id: str
    start: int
    end: int
    label: str
    annotator: str
    status: str


class DocumentSpans:
    """The drawable spans of one document: an interval index plus a small record per span, read by range."""

    def __init__(self, project: Project, document_id: int | None, *, length: int | None = None) -> None:
        """Prepare the spans of ``document_id``; with ``length`` (of its text), read them by range on demand.

        Without a length every span is read at once.
        """
        self.project = project
        self.document_id = document_id
        self.index = IntervalIndex()
        self.rows: dict[str, tuple] = {}  # id -> (id, start, end, label, annotator, status)
        self.generation = 0  # bumped when everything is dropped and read again, so caches know
        self._threshold = self.index.long_threshold
        self._length = length
        self._chunks = 0  # how many chunks the text has
        self._loaded: set[int] = set()
        self.chunk_reads = 0  # queries made for chunks (tests and benchmarks look at it)
        if length is None or document_id is None:
            self.reload()
        else:
            self._start_lazy(length)

    # -- loading ---------------------------------------------------------------------------------------

    def _start_lazy(self, length: int) -> None:
        self.generation += 1
        self._length = length
        self._chunks = -(-length // CHUNK)
        self._loaded = set()
        # Long spans are few; reading them now keeps every chunk read exact.
        rows = self.project.drawn_spans_longer_than(self.document_id, self._threshold)
        self.rows = {r[0]: r for r in rows}
        self.index.reset([(r[1], r[2], r[0]) for r in rows])
        # The top of the document (several screens; all of most articles) is read now, so that the first
        # paint finds its spans in memory.
        self._load_chunks(0, FIRST_CHUNKS - 1)

    def reload(self) -> None:
        """Drop what was read; read every drawable span again (by range again, if the document is read so)."""
        if self._length is not None and self.document_id is not None:
            self._start_lazy(self._length)
            return
        self.generation += 1
        rows = [] if self.document_id is None else self.project.drawn_spans(self.document_id)
        self.rows = {r[0]: r for r in rows}
        self.index.reset([(r[1], r[2], r[0]) for r in rows])
        self._chunks = 0
        self._loaded = set()

    @property
    def complete(self) -> bool:
        """Whether every drawable span of the document is in memory."""
        return len(self._loaded) >= self._chunks

    def _read_chunks(self, first: int, last: int) -> None:
        """Read the short spans starting in chunks ``first`` to ``last`` (inclusive), none of them read yet."""
        rows = self.project.drawn_spans_starting(self.document_id, first * CHUNK, (last + 1) * CHUNK, self._threshold)
        self.chunk_reads += 1
        self._loaded.update(range(first, last + 1))
        if rows:
            self.rows.update((r[0], r) for r in rows)
            self.index.extend([(r[1], r[2], r[0]) for r in rows])

    def _load_chunks(self, first: int, last: int) -> None:
        """Make sure chunks ``first`` to ``last`` are read, one query per run of missing chunks."""
        loaded = self._loaded
        last = min(last, self._chunks - 1)
        k = max(first, 0)
        while k <= last:
            if k in loaded:
                k += 1
                continue
            run_end = k
            while run_end + 1 <= last and run_end + 1 not in loaded:
                run_end += 1
            self._read_chunks(k, run_end)
            k = run_end + 1

    def load_range(self, start: int, end: int) -> None:
        """Make sure every span touching code points [start, end) is in memory."""
        if self.complete:
            return
        end = max(end, start + 1)
        # A short span touching ``start`` starts at most ``threshold`` code points before it.
        self._load_chunks(max(0, start - self._threshold) // CHUNK, (end - 1) // CHUNK)

    def load_more(self, budget_ms: float = 8.0) -> bool:
        """Read chunks not read yet, in text order, for about ``budget_ms`` (at least one read); True when complete."""
        deadline = time.perf_counter() + budget_ms / 1000
        k = 0
        while not self.complete:
            while k in self._loaded:
                k += 1
            self._load_chunks(k, k)  # one chunk a read: a pass stays short, whatever the document
            if time.perf_counter() >= deadline:
                break
        return self.complete

    def ensure_complete(self) -> IntervalIndex:
        """Read every span not read yet; returns the index, now holding every drawable span."""
        if not self.complete:
            self._load_chunks(0, self._chunks - 1)
        return self.index

    def ensure_span(self, start: int, end: int) -> None:
        """Make sure the span at [start, end) is in memory (long spans always are)."""
        if end - start <= self._threshold:
            self.load_range(start, end)

    # -- look-ups --------------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.rows)

    def __contains__(self, span_id: object) -> bool:
        return span_id in self.rows

    def get(self, span_id: str | None) -> SpanInfo | None:
        """The record of a drawn span, if it is one and has been read."""
        row = self.rows.get(span_id) if span_id is not None else None
        return SpanInfo._make(row) if row is not None else None

    def touching(self, start: int, end: int) -> list[SpanInfo]:
        """Spans that share a position with [start, end), in text order (read first if need be)."""
        self.load_range(start, end)
        rows = self.rows
        return [SpanInfo._make(rows[key]) for _, _, key in self.index.overlapping(start, end)]

    def _in_memory_range(self, start: int, end: int) -> bool:
        """Whether a span at [start, end) belongs to what has been read (long spans always do)."""
        if self.complete or end - start > self._threshold:
            return True
        return start // CHUNK in self._loaded

    def apply(self, change: Change) -> list[tuple[int, int]] | None:
        """Bring the index up to date after ``change``.

        Returns the code-point ranges whose drawing changed (old and new places), or None when
        everything may have changed (a reload). A change carrying its rows is applied from them, without
        reading the project; one without (from older callers) reads the changed spans by id.
        """
        if self.document_id is None:
            return []
        kind = change.kind
        if kind in RELOAD_KINDS or kind == ChangeKind.LABELS_CHANGED:
            self.reload()
            return None
        if kind not in SPAN_KINDS or not change.touches_document(self.document_id):
            return []
        if change.has_rows:
            return self._apply_rows(change.span_pairs())
        if len(change.ids) > BULK_RELOAD:
            self.reload()
            return None
        dirty = self._forget(change.ids)
        if kind == ChangeKind.SPANS_DELETED or not change.ids:
            return dirty
        rows = self.project.drawn_spans_with_ids(self.document_id, tuple(change.ids))
        for row in rows:
            dirty.append((row[1], row[2]))
            self._take(row)
        return dirty

    def _forget(self, span_ids: Iterable[str]) -> list[tuple[int, int]]:
        dirty: list[tuple[int, int]] = []
        for span_id in span_ids:
            old = self.rows.pop(span_id, None)
            if old is not None:
                self.index.remove(span_id)
                dirty.append((old[1], old[2]))
        return dirty

    def _take(self, row: tuple) -> None:
        """Index a drawable span's row; where the text has not been read yet, its chunk is read now (the
        span with its neighbours: the change is committed)."""
        if self._in_memory_range(row[1], row[2]):
            self.rows[row[0]] = row
            self.index.add(row[1], row[2], row[0])
        else:
            self.ensure_span(row[1], row[2])

    def _apply_rows(self, pairs: list[tuple[Span | None, Span | None]]) -> list[tuple[int, int]]:
        mine = self.document_id
        pairs = [
            (b, a)
            for b, a in pairs
            if (b is not None and b.document_id == mine) or (a is not None and a.document_id == mine)
        ]
        dirty = self._forget((b or a).id for b, a in pairs)  # type: ignore[union-attr]
        for before, after in pairs:
            if before is not None and before.status != "rejected":
                dirty.append((before.start, before.end))
            if after is None or after.status == "rejected":
                continue
            dirty.append((after.start, after.end))
            self._take((after.id, after.start, after.end, after.label, after.annotator, after.status))
        return dirty
