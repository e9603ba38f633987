"""The spans of the document shown in the reader, indexed for painting and kept current from Change events.

Only what painting and hit-testing need is held in memory (offsets, label, annotator, status), read with
one plain query; notes and the rest are read from the project when a tooltip or an edit needs them.
Rejected spans are never drawn, so they are not indexed.
"""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from annotator.core.intervals import IntervalIndex
from annotator.store.errors import translate_sqlite_error
from annotator.store.project import Change, Project

# Above this many changed ids, re-reading the whole document is cheaper than one query per span.
BULK_RELOAD = 200


class SpanInfo(NamedTuple):
    """What the painter needs to know about one span (made on demand from the stored row)."""

    id: str
    start: int
    end: int
    label: str
    annotator: str
    status: str


def _read(project: Project, sql: str, params: tuple) -> list[tuple]:
    try:
        return project.db.conn.execute(sql, params).fetchall()
    except sqlite3.Error as exc:
        error = translate_sqlite_error(exc, str(project.path))
        if error is None:
            raise
        raise error from None


_COLUMNS = 'id, start, "end", label, annotator, status'


class DocumentSpans:
    """The drawable spans of one document: an interval index plus a small record per span."""

    def __init__(self, project: Project, document_id: int | None, *, first_until: int | None = None) -> None:
        """Read the document's spans; with ``first_until``, only those starting before that code point.

        A partial load is enough to draw the top of the document at once; ``ensure_complete`` (called
        by every look-up that could reach further) reads the rest.
        """
        self.project = project
        self.document_id = document_id
        self.index = IntervalIndex()
        self.rows: dict[str, tuple] = {}  # id -> (id, start, end, label, annotator, status)
        self.generation = 0  # bumped on every (re)load, so caches know when to drop everything
        self.complete = False
        self.loaded_until = 0
        if first_until is None or document_id is None:
            self.reload()
        else:
            self._load_first(first_until)

    def _load_first(self, until: int) -> None:
        self.generation += 1
        rows = _read(
            self.project,
            f"SELECT {_COLUMNS} FROM annotations WHERE document_id = ? AND start < ? AND status != 'rejected'",
            (self.document_id, until),
        )
        self.rows = {r[0]: r for r in rows}
        self.index.reset([(r[1], r[2], r[0]) for r in rows])
        self.loaded_until = until
        total = _read(self.project, "SELECT length(text) FROM documents WHERE id = ?", (self.document_id,))
        self.complete = not total or (total[0][0] or 0) <= until

    def reload(self) -> None:
        """Read every drawable span of the document again."""
        self.generation += 1
        if self.document_id is None:
            rows: list[tuple] = []
        else:
            rows = _read(self.project, self._load_query(), (self.document_id,))
        self.rows = {r[0]: r for r in rows}
        self.index.reset([(r[1], r[2], r[0]) for r in rows])
        self.complete = True

    def ensure_complete(self) -> IntervalIndex:
        """Finish a partial load; returns the index, now holding every drawable span."""
        if not self.complete:
            # Only the spans not read yet: those starting at or after the first load's limit.
            self.generation += 1
            rows = _read(
                self.project,
                f"SELECT {_COLUMNS} FROM annotations WHERE document_id = ? AND start >= ? AND status != 'rejected'",
                (self.document_id, self.loaded_until),
            )
            self.rows.update((r[0], r) for r in rows)
            self.index.reset([(r[1], r[2], r[0]) for r in self.rows.values()])
            self.complete = True
        return self.index

    def _load_query(self) -> str:
        """The query for all drawable spans of the document (answered from the covering index alone)."""
        return f"SELECT {_COLUMNS} FROM annotations WHERE document_id = ? AND status != 'rejected'"

    def __len__(self) -> int:
        return len(self.rows)

    def __contains__(self, span_id: object) -> bool:
        return span_id in self.rows

    def get(self, span_id: str | None) -> SpanInfo | None:
        """The record of a drawn span, if it is one."""
        row = self.rows.get(span_id) if span_id is not None else None
        return SpanInfo._make(row) if row is not None else None

    def touching(self, start: int, end: int) -> list[SpanInfo]:
        """Spans that share a position with [start, end), in text order."""
        if not self.complete and end > self.loaded_until:
            self.ensure_complete()
        rows = self.rows
        return [SpanInfo._make(rows[key]) for _, _, key in self.index.overlapping(start, end)]

    def apply(self, change: Change) -> list[tuple[int, int]] | None:
        """Bring the index up to date after ``change``.

        Returns the code-point ranges whose drawing changed (old and new places), or None when
        everything may have changed (a reload).
        """
        if self.document_id is None:
            return []
        kind = change.kind
        if kind in ("external", "reset", "labels_changed"):
            self.reload()
            return None
        if kind not in ("spans_added", "spans_updated", "spans_deleted"):
            return []
        if change.document_id is not None and change.document_id != self.document_id:
            return []
        if len(change.ids) > BULK_RELOAD:
            self.reload()
            return None
        dirty: list[tuple[int, int]] = []
        for span_id in change.ids:
            old = self.rows.pop(span_id, None)
            if old is not None:
                self.index.remove(span_id)
                dirty.append((old[1], old[2]))
        if kind == "spans_deleted":
            return dirty
        ids = tuple(change.ids)
        if not ids:
            return dirty
        marks = ", ".join("?" for _ in ids)
        rows = _read(
            self.project,
            f"SELECT {_COLUMNS} FROM annotations WHERE id IN ({marks}) AND document_id = ? AND status != 'rejected'",
            (*ids, self.document_id),
        )
        for row in rows:
            self.rows[row[0]] = row
            self.index.add(row[1], row[2], row[0])
            dirty.append((row[1], row[2]))
        return dirty
