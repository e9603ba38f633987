"""The spans of the document shown in the reader, indexed for painting and kept current from Change events.

Only what painting and hit-testing need is held in memory (offsets, label, annotator, status), read with
one plain query; notes and the rest are read from the project when a tooltip or an edit needs them.
Rejected spans are never drawn, so they are not indexed.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from annotator.core.intervals import IntervalIndex
from annotator.store.errors import translate_sqlite_error
from annotator.store.project import Change, Project

# Above this many changed ids, re-reading the whole document is cheaper than one query per span.
BULK_RELOAD = 200


@dataclass(frozen=True, slots=True)
class SpanInfo:
    """What the painter needs to know about one span."""

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

    def __init__(self, project: Project, document_id: int | None) -> None:
        self.project = project
        self.document_id = document_id
        self.index = IntervalIndex()
        self.info: dict[str, SpanInfo] = {}
        self.reload()

    def reload(self) -> None:
        """Read every drawable span of the document again."""
        if self.document_id is None:
            rows: list[tuple] = []
        else:
            rows = _read(
                self.project,
                f"SELECT {_COLUMNS} FROM annotations WHERE document_id = ? AND status != 'rejected' "
                'ORDER BY start, "end", id',
                (self.document_id,),
            )
        self.info = {r[0]: SpanInfo(*r) for r in rows}
        self.index.reset((r[1], r[2], r[0]) for r in rows)

    def __len__(self) -> int:
        return len(self.info)

    def get(self, span_id: str | None) -> SpanInfo | None:
        """The record of a drawn span, if it is one."""
        return self.info.get(span_id) if span_id is not None else None

    def touching(self, start: int, end: int) -> list[SpanInfo]:
        """Spans that share a position with [start, end), in text order."""
        info = self.info
        return [info[key] for _, _, key in self.index.overlapping(start, end)]

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
            old = self.info.pop(span_id, None)
            if old is not None:
                self.index.remove(span_id)
                dirty.append((old.start, old.end))
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
            info = SpanInfo(*row)
            self.info[info.id] = info
            self.index.add(info.start, info.end, info.id)
            dirty.append((info.start, info.end))
        return dirty
