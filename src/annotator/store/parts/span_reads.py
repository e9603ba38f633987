"""Reads of spans by range, for views that show part of a long document, and spans with their links."""

from __future__ import annotations

import bisect
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from annotator.core.model import Document as Document
from annotator.core.model import (
    Link,
    Span,
)
from annotator.store.columns import SPAN_COLUMNS
from annotator.store.errors import (
    StoreError,
)
from annotator.store.parts.base import PartBase
from annotator.store.records import (
    SpanHistogram,
)

_HISTOGRAM_SQL = (
    "SELECT start / ? AS stretch, status, annotator, count(*) FROM annotations WHERE document_id = ? "
    "GROUP BY stretch, status, annotator ORDER BY stretch"
)


class SpanReadsPart(PartBase):
    """Range reads: what a view on screen needs of a long document, and no more."""

    # -- reads by range, for views that show part of a long document ------------------------
    # Each goes through the covering index on (document_id, start, "end", status, label, annotator, id), so its
    # cost follows what it returns, not the document's size.

    @staticmethod
    def _listed(annotator: str | None) -> tuple[str, list[Any]]:
        """The WHERE part for a document's listed spans (not rejected; of one annotator, if given)."""
        if annotator is None:
            return "document_id = ? AND status != 'rejected'", []
        return "document_id = ? AND status != 'rejected' AND annotator = ?", [annotator]

    def listed_spans_before(
        self,
        document_id: int,
        start: int,
        end: int | None,
        key: tuple[int, int, str, str],
        annotator: str | None = None,
    ) -> int:
        """How many listed spans (not rejected; of ``annotator``, if given) starting in [start, end) come before
        ``key`` = (start, end, label, id) in text order: a row's place in a page of the span table."""
        where, extra = self._listed(annotator)
        sql = (
            f"SELECT count(*) FROM annotations WHERE {where} AND start >= ? "
            'AND (start, "end", label, id) < (?, ?, ?, ?)'
        )
        params: list[Any] = [document_id, *extra, start, *key]
        if end is not None:
            sql += " AND start < ?"
            params.append(end)
        return int(self._read(sql, params)[0][0])

    def span_histogram(self, document_id: int, width: int = 4096) -> SpanHistogram:
        """How a document's spans are spread: per stretch of ``width`` code points (by start), how many spans
        each (status, annotator) has.

        One pass over the span index inside SQLite: what opening a document needs to show its span counts
        and to page its span table, without bringing the spans into Python.
        """
        rows = self._read(_HISTOGRAM_SQL, (int(width), document_id))
        return SpanHistogram(int(width), tuple((r[0], r[1], r[2], r[3]) for r in rows))

    def span_histogram_soon(self, document_id: int, width: int = 4096) -> Callable[[], SpanHistogram]:
        """Start ``span_histogram`` on a second, read-only connection in a thread; returns a function that
        waits for it and gives the result.

        Opening a long document counts its spans while the caller lays its text out: SQLite works without
        Python's lock, so the count runs on the other core. When a second connection cannot be had (the
        file replaced, moved, unreadable), the count is made on this connection when the result is asked.
        """
        result: list[SpanHistogram] = []
        if self._sql.server:  # a server counts while the window lays the text out anyway
            return lambda: self.span_histogram(document_id, width)
        try:
            self.check_file()
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
        except (StoreError, OSError):
            return lambda: self.span_histogram(document_id, width)

        def count() -> None:
            try:
                conn = sqlite3.connect(uri, uri=True, timeout=self.timeout, check_same_thread=False)
                try:
                    rows = conn.execute(_HISTOGRAM_SQL, (int(width), document_id)).fetchall()
                finally:
                    conn.close()
            except sqlite3.Error:
                return  # counted again below, on this connection
            result.append(SpanHistogram(int(width), tuple((r[0], r[1], r[2], r[3]) for r in rows)))

        worker = threading.Thread(target=count, name="span-histogram", daemon=True)
        worker.start()

        def wait() -> SpanHistogram:
            worker.join()
            return result[0] if result else self.span_histogram(document_id, width)

        return wait


    def listed_spans_starting(
        self, document_id: int, start: int, end: int | None, annotator: str | None = None
    ) -> list[Span]:
        """Listed spans (see ``listed_span_pages``) starting in [start, end) (end None: to the end), in
        (start, end, label, id) order."""
        where, extra = self._listed(annotator)
        sql = f"SELECT {SPAN_COLUMNS} FROM annotations WHERE {where} AND start >= ?"
        params: list[Any] = [document_id, *extra, start]
        if end is not None:
            sql += " AND start < ?"
            params.append(end)
        sql += ' ORDER BY start, "end", label, id'
        return [self._span_from_row(r) for r in self._read(sql, params)]

    def spans_overlapping(
        self, document_id: int, ranges: Iterable[tuple[int, int]], *, long_span: int = 2000
    ) -> list[tuple[str, int, int, str, str]]:
        """(id, start, end, label, status) of the spans (any status) sharing a position with any of ``ranges``.

        Nearby ranges are read together; spans longer than ``long_span`` are found by a second look-up, so
        that the first one stays a short walk of the index.
        """
        ordered = sorted((int(a), max(int(b), int(a) + 1)) for a, b in ranges)
        if not ordered:
            return []
        clusters: list[list[int]] = []
        for start, end in ordered:
            if clusters and start - clusters[-1][1] <= 16_384:
                clusters[-1][1] = max(clusters[-1][1], end)
            else:
                clusters.append([start, end])
        found: dict[str, tuple[str, int, int, str, str]] = {}
        columns = 'id, start, "end", label, status'
        for low, high in clusters:
            for row in self._read(
                f'SELECT {columns} FROM annotations WHERE document_id = ? AND start >= ? AND start < ? AND "end" > ?',
                (document_id, low - long_span, high, low),
            ):
                found[row[0]] = (row[0], row[1], row[2], row[3], row[4])
        # Long spans starting further back: the narrow (document_id, start, end) index is walked from the
        # document's start, cheaply (three integers an entry), and only the long ones are read.
        for row in self._read(
            f"SELECT {columns} FROM annotations {self._sql.indexed_by('annotations_by_document')} "
            'WHERE document_id = ? AND start < ? AND "end" > ? AND "end" - start > ?',
            (document_id, clusters[-1][1], clusters[0][0], long_span),
        ):
            found[row[0]] = (row[0], row[1], row[2], row[3], row[4])
        starts = [start for start, _ in ordered]
        result = []
        for hit in found.values():
            # Some range must start before the span ends and end after it starts.
            upto = bisect.bisect_left(starts, hit[2])
            if any(ordered[i][1] > hit[1] for i in range(upto - 1, -1, -1)):
                result.append(hit)
        return sorted(result, key=lambda r: (r[1], r[2], r[0]))

    _DRAWN_COLUMNS = 'id, start, "end", label, annotator, status'
    _DRAWN = f"SELECT {_DRAWN_COLUMNS} FROM annotations WHERE document_id = ? AND status != 'rejected'"

    def _read_drawn(self, sql: str, params: Sequence[Any]) -> list[tuple[str, int, int, str, str, str]]:
        # StoreError once the project was closed under a view still on screen.
        return [(r[0], r[1], r[2], r[3], r[4], r[5]) for r in self._sql.read(sql, params)]

    def drawn_spans(self, document_id: int) -> list[tuple[str, int, int, str, str, str]]:
        """(id, start, end, label, annotator, status) of every span of a document but the rejected ones.

        The reads by range below give the same rows for part of a document; StoreError once the project is
        closed (a view still on screen).
        """
        return self._read_drawn(self._DRAWN, (document_id,))

    def drawn_spans_longer_than(self, document_id: int, length: int) -> list[tuple[str, int, int, str, str, str]]:
        """The drawn spans (see ``drawn_spans``) of a document covering more than ``length`` code points."""
        return self._read_drawn(f'{self._DRAWN} AND "end" - start > ?', (document_id, length))

    def drawn_spans_starting(
        self, document_id: int, low: int, high: int, longest: int
    ) -> list[tuple[str, int, int, str, str, str]]:
        """The drawn spans starting in [low, high) and covering at most ``longest`` code points."""
        return self._read_drawn(
            f'{self._DRAWN} AND start >= ? AND start < ? AND "end" - start <= ?', (document_id, low, high, longest)
        )

    def drawn_spans_with_ids(
        self, document_id: int, span_ids: Sequence[str]
    ) -> list[tuple[str, int, int, str, str, str]]:
        """The drawn spans of a document among ``span_ids``."""
        marks = ", ".join("?" for _ in span_ids)
        return self._read_drawn(f"{self._DRAWN} AND id IN ({marks})", (document_id, *span_ids))

    def accepted_texts(self) -> list[tuple[str, str]]:
        """(covered text, label) of every accepted span, each pair once, by label and text."""
        return [
            (r[0], r[1])
            for r in self._read(
                "SELECT DISTINCT text, label FROM annotations WHERE status = 'accepted' ORDER BY label, text"
            )
        ]

    def entity_spans(self) -> list[tuple[str, str, int]]:
        """(text, label, entity id) of the accepted spans that point to an entity (through the entity index)."""
        return [
            (r[0], r[1], r[2])
            for r in self._read(
                "SELECT text, label, entity_id FROM annotations "
                "WHERE entity_id >= -9223372036854775808 AND status = 'accepted'"
            )
        ]

    def _links_with_spans(self, where: str, params: Sequence[Any]) -> list[tuple[Link, Span, Span]]:
        link_columns = ", ".join(f"l.{c.strip()}" for c in self._LINK_COLUMNS.split(","))
        span_columns = [c.strip() for c in SPAN_COLUMNS.split(",")]
        source = ", ".join(f"s.{c}" for c in span_columns)
        target = ", ".join(f"t.{c}" for c in span_columns)
        rows = self._read(
            f"SELECT {link_columns}, {source}, {target} FROM links l "
            f"JOIN annotations s ON s.id = l.from_span JOIN annotations t ON t.id = l.to_span WHERE {where}",
            params,
        )
        n, k = len(span_columns), self._LINK_COLUMNS.count(",") + 1
        return [
            (self._link_from_row(r[:k]), self._span_from_row(r[k : k + n]), self._span_from_row(r[k + n :]))
            for r in rows
        ]

    def links_near(
        self, document_id: int, start: int, end: int, *, long_span: int = 2000
    ) -> list[tuple[Link, Span, Span]]:
        """Links of a document with a span (at either end) that touches [start, end), each with its two spans.

        Through the span index and the link indexes: the cost follows the links of that stretch of text
        (spans longer than ``long_span`` starting before it are not looked for).
        """
        near = 'a.document_id = ? AND a.start >= ? AND a.start < ? AND a."end" > ?'
        params = [document_id, start - long_span, max(end, start + 1), start]
        return self._links_with_spans(
            f"l.id IN (SELECT l2.id FROM annotations a JOIN links l2 ON l2.from_span = a.id WHERE {near} "
            f"UNION SELECT l3.id FROM annotations a JOIN links l3 ON l3.to_span = a.id WHERE {near})",
            params + params,
        )

    def links_of_spans(self, span_ids: Iterable[str]) -> list[tuple[Link, Span, Span]]:
        """Links touching any of ``span_ids``, each with its two spans."""
        ids = list(dict.fromkeys(span_ids))
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        return self._links_with_spans(f"l.from_span IN ({marks}) OR l.to_span IN ({marks})", ids + ids)

