"""Qt item models over store queries: the document list, the span table of one document, its counts.

The models follow the project's change notifications (``ProjectSignals.changed``): a change carries
the rows it changed (before and after), and each model updates only the rows concerned. A change
without rows (another process wrote to the file: ``ChangeKind.EXTERNAL``; a bulk import: ``RESET``)
makes them read again what they show.

The document list models live in ``document_models``, the roles and phrases they share in ``model_common``;
every name stays importable from here.
"""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QT_TR_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from annotator.core.model import Span
from annotator.store.errors import StoreError
from annotator.store.project import (
    RELOAD_KINDS,
    SPAN_KINDS,
    Change,
    ChangeKind,
    Project,
    SpanHistogram,
)
from annotator.ui.document_models import DocumentFilterModel, DocumentListModel
from annotator.ui.i18n import label_display, tr_
from annotator.ui.model_common import (
    SPAN_CHANGES,
    DocumentIdRole,
    DoneRole,
    SpanCountRole,
    SpanIdRole,
    SpanRole,
    _Index,
    _one_line,
    counts_phrase,
    fold,
    histogram_width,
    spans_phrase,
    suggestions_phrase,
)
from annotator.ui.plain_text import tooltip

__all__ = [
    "SPAN_CHANGES",
    "AnnotationTableModel",
    "DocumentCounts",
    "DocumentFilterModel",
    "DocumentIdRole",
    "DocumentListModel",
    "DoneRole",
    "SpanCountRole",
    "SpanIdRole",
    "SpanRole",
    "counts_phrase",
    "fold",
    "histogram_width",
    "spans_phrase",
    "suggestions_phrase",
]

_GREY = QColor("#999999")
_ITALIC: list[QFont] = []  # made on first use (a font needs the application)
_TABLE_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ToolTipRole,
        SpanIdRole,
        SpanRole,
    }
)


class AnnotationTableModel(QAbstractTableModel):
    """The spans of one document in text order: label, covered text, note, annotator.

    Rejected suggestions are not listed (the reader does not draw them either); suggestions are
    shown in italics. ``set_annotator_filter`` follows the reader's "show spans of" choice.

    The model is virtual: it knows where pages of about ``PAGE`` rows begin (one pass over the span index
    in SQLite when a document is shown) and reads a page of rows, sorted in SQL, when a view asks for one
    of its rows; only the last pages read stay in memory. A change of the project arrives as a delta:
    each added, removed or moved span becomes one beginInsertRows / beginRemoveRows / beginMoveRows, an
    edit in place one dataChanged, so the view keeps its scroll position and selection.
    """

    COLUMNS = (QT_TR_NOOP("Label"), QT_TR_NOOP("Text"), QT_TR_NOOP("Note"), QT_TR_NOOP("Annotator"))
    PAGE = 64
    CACHED_PAGES = 96
    BULK = 400  # more rows added or removed than this in one change: the pages are counted again
    COUNTED = 32  # up to this many rows added (or removed) in one change are placed by counting in the index

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.document_id: int | None = None
        self._filter: tuple[str, str | None] = ("all", None)
        self._colors: dict[str, QColor] = {}
        self._starts: list[int] = []  # first start of each page; page 0 also takes anything before it
        self._sizes: list[int] = []  # rows in each page
        self._offsets: list[int] | None = None  # rows before each page (recomputed when sizes change)
        self._total = 0
        self._pages: OrderedDict[int, list[Span]] = OrderedDict()
        self.page_reads = 0  # pages read from the project (tests and benchmarks look at it)
        self._stale = False
        self._width = 1024  # code points per stretch of the span histogram (see ``histogram_width``)
        self._holding = False  # while a change is applied, no page leaves the cache
        self._row_cache: dict[int, tuple[Span, tuple[str, ...]]] = {}  # rows shown since the rows last changed
        for signal in (
            self.modelAboutToBeReset,
            self.modelReset,
            self.rowsAboutToBeInserted,
            self.rowsInserted,
            self.rowsAboutToBeRemoved,
            self.rowsRemoved,
            self.rowsAboutToBeMoved,
            self.rowsMoved,
        ):
            signal.connect(self._forget_rows)

    # -- what is shown -------------------------------------------------------------------------

    def set_document(self, document_id: int | None, histogram: SpanHistogram | None = None) -> None:
        """Show the spans of ``document_id`` (None: nothing); ``histogram`` (of that document), if the caller
        has it, saves counting them again."""
        self.document_id = document_id
        self.reload(histogram)

    def set_annotator_filter(self, annotator: str | None) -> None:
        """Only spans of ``annotator`` (None: everyone's)."""
        self._filter = ("all", None) if annotator is None else ("one", annotator)
        self.reload()

    def annotator_filter(self) -> str | None:
        """The annotator whose spans are listed (None: everyone's)."""
        return self._filter[1]

    def reload(self, histogram: SpanHistogram | None = None) -> None:
        """Count the document's listed spans and where their pages begin again; rows are read as shown."""
        self.beginResetModel()
        try:
            self._stale = False
            self._pages.clear()
            self._offsets = None
            self._colors = {lab.name: QColor(lab.color) for lab in self.project.labels()}
            self._starts, self._sizes, self._total = [], [], 0
            if self.document_id is not None:
                who = self._filter[1]
                if histogram is None:
                    histogram = self.project.span_histogram(self.document_id, self._width)
                self._width = histogram.width
                # Stretches of text merged into pages of at least PAGE rows; the first page starts at 0.
                for start, count in histogram.listed(who):
                    if not self._starts or self._sizes[-1] >= self.PAGE:
                        self._starts.append(0 if not self._starts else start)
                        self._sizes.append(0)
                    self._sizes[-1] += count
                    self._total += count
        except StoreError:
            self._starts, self._sizes, self._total = [], [], 0
            raise
        finally:
            self.endResetModel()

    def _listed(self, span: Span | None) -> bool:
        return (
            span is not None
            and span.document_id == self.document_id
            and span.status != "rejected"
            and (self._filter[1] is None or span.annotator == self._filter[1])
        )

    def _forget_rows(self, *_args: object) -> None:
        self._row_cache.clear()

    # -- pages -----------------------------------------------------------------------------------

    def _page_of_start(self, start: int) -> int:
        return max(0, bisect_right(self._starts, start) - 1)

    def _read_page(self, page: int) -> list[Span]:
        assert self.document_id is not None
        low = self._starts[page] if page > 0 else 0
        high = self._starts[page + 1] if page + 1 < len(self._starts) else None
        self.page_reads += 1
        return self.project.listed_spans_starting(self.document_id, low, high, self._filter[1])

    def _keep(self, page: int, rows: list[Span]) -> list[Span]:
        self._pages[page] = rows
        if not self._holding:
            while len(self._pages) > self.CACHED_PAGES:
                self._pages.popitem(last=False)
        return rows

    def _page_rows(self, page: int) -> list[Span]:
        rows = self._pages.get(page)
        if rows is not None:
            self._pages.move_to_end(page)
            return rows
        rows = self._read_page(page)
        if len(rows) != self._sizes[page]:
            # The file changed under us (another program, not told yet): count again once the view is done,
            # and show what is there meanwhile.
            self._schedule_reload()
            return (rows + rows[-1:] * self._sizes[page])[: self._sizes[page]]
        return self._keep(page, rows)

    def _schedule_reload(self) -> None:
        if not self._stale:
            self._stale = True
            QTimer.singleShot(0, self._reload_if_stale)

    def _reload_if_stale(self) -> None:
        if self._stale:
            with contextlib.suppress(StoreError):
                self.reload()

    def _page_offsets(self) -> list[int]:
        if self._offsets is None:
            self._offsets = [0, *itertools.accumulate(self._sizes)]
        return self._offsets

    def _locate(self, row: int) -> tuple[int, int]:
        offsets = self._page_offsets()
        page = bisect_right(offsets, row) - 1
        while page < len(self._sizes) - 1 and self._sizes[page] == 0:
            page += 1
        return page, row - offsets[page]

    @staticmethod
    def _key(span: Span) -> tuple[int, int, str, str]:
        return (span.start, span.end, span.label, span.id)

    def _find(self, span: Span) -> tuple[int, int] | None:
        """(page, index in page) of the listed row of ``span`` as stored (its key), or None."""
        if not self._starts:
            return None
        page = self._page_of_start(span.start)
        rows = self._page_rows(page)
        key = self._key(span)
        keys = [self._key(s) if s is not None else (-1, -1, "", "") for s in rows]
        i = bisect_left(keys, key)
        if i < len(rows) and rows[i] is not None and rows[i].id == span.id:
            return page, i
        for i, row in enumerate(rows):  # the cached row is older than the key we were given
            if row is not None and row.id == span.id:
                return page, i
        return None

    def _insertion(self, span: Span) -> tuple[int, int]:
        """(page, index in page) where ``span`` goes."""
        if not self._starts:
            return 0, 0
        page = self._page_of_start(span.start)
        rows = self._page_rows(page)
        keys = [self._key(s) for s in rows if s is not None]
        return page, bisect_left(keys, self._key(span))

    def _global(self, page: int, index: int) -> int:
        return self._page_offsets()[page] + index

    def _resize_page(self, page: int, delta: int) -> None:
        self._sizes[page] += delta
        self._total += delta
        self._offsets = None

    def _split_if_large(self, page: int) -> None:
        rows = self._pages.get(page)
        if rows is None or len(rows) <= 4 * self.PAGE:
            return
        middle = len(rows) // 2
        cut = next((k for k in range(middle, len(rows)) if rows[k].start != rows[k - 1].start), None)
        if cut is None:
            return
        self._starts.insert(page + 1, rows[cut].start)
        self._sizes[page : page + 1] = [cut, len(rows) - cut]
        self._offsets = None
        # Pages after this one move up by one: the cache is keyed by page number.
        self._pages = OrderedDict((k + 1 if k > page else k, v) for k, v in self._pages.items() if k != page)
        self._pages[page] = rows[:cut]
        self._pages[page + 1] = rows[cut:]

    # -- deltas ----------------------------------------------------------------------------------

    def on_change(self, change: Change) -> None:
        """Follow the project's changes: deltas of this document's spans row by row, anything else by reloading."""
        kind = change.kind
        if kind in SPAN_KINDS:
            if not change.touches_document(self.document_id):
                return
            if not change.has_rows:
                self.reload()
                return
            self.apply_pairs(change.span_pairs())
        elif kind in (ChangeKind.LABELS_CHANGED, *RELOAD_KINDS) or (
            kind == ChangeKind.DOCUMENTS_CHANGED and change.touches_document(self.document_id)
        ):
            self.reload()

    def apply_pairs(self, pairs: list[tuple[Span | None, Span | None]]) -> None:
        """Apply (before, after) span rows: inserts, removals, moves and edits in place."""
        listed = self._listed
        pairs = [(b, a) for b, a in pairs if listed(b) or listed(a)]
        if not pairs:
            return
        in_place = [listed(b) and listed(a) and self._key(b) == self._key(a) for b, a in pairs]  # type: ignore[arg-type]
        if len(pairs) - sum(in_place) > self.BULK:
            self.reload()
            return
        moving = [pair for pair, same in zip(pairs, in_place, strict=True) if not same]
        inserts = all(not listed(b) for b, _ in pairs)
        removals = all(not listed(a) for _, a in pairs)
        if len(pairs) <= self.COUNTED and (inserts or removals):
            # Rows only in, or only out (a tag, a deletion, their undo, a few suggestions): each row's place is
            # counted in the index, in text order, so a page that is not in memory need not be read. The rows
            # of the change before it are already in (or out of) both the file and the table.
            for before, after in sorted(pairs, key=lambda pair: self._key(pair[1] or pair[0])):  # type: ignore[arg-type]
                self._insert_or_remove_one(before, after)
            return
        self._holding = True
        try:
            if not self._pages_before(moving):
                self.reload()
                return
            changed_rows: list[int] = []
            for (before, after), same in zip(pairs, in_place, strict=True):
                if same:
                    found = self._cached_position(before)  # type: ignore[arg-type]
                    if found is not None:
                        page, i = found
                        self._pages[page][i] = after  # type: ignore[assignment]
                        changed_rows.append(self._global(page, i))
                        self._row_cache.pop(changed_rows[-1], None)
                elif listed(before) and listed(after):
                    self._move(before, after)  # type: ignore[arg-type]
                elif listed(before):
                    self._remove(before)  # type: ignore[arg-type]
                else:
                    self._insert(after)  # type: ignore[arg-type]
        finally:
            self._holding = False
        while len(self._pages) > self.CACHED_PAGES:
            self._pages.popitem(last=False)
        if changed_rows:
            self.dataChanged.emit(
                self.index(min(changed_rows), 0), self.index(max(changed_rows), len(self.COLUMNS) - 1)
            )

    def _insert_or_remove_one(self, before: Span | None, after: Span | None) -> None:
        span = after if self._listed(after) else before
        assert span is not None and self.document_id is not None
        if not self._starts:
            self._starts, self._sizes, self._offsets = [0], [0], None
            self._pages[0] = []
        page = self._page_of_start(span.start)
        low = self._starts[page] if page > 0 else 0
        high = self._starts[page + 1] if page + 1 < len(self._starts) else None
        # Counted in the file, where the change is already made: the rows before it are the same either way.
        index = self.project.listed_spans_before(self.document_id, low, high, self._key(span), self._filter[1])
        row = self._global(page, index)
        rows = self._pages.get(page)
        if span is after:
            self.beginInsertRows(QModelIndex(), row, row)
            if rows is not None:
                rows.insert(index, span)
            self._resize_page(page, +1)
            self.endInsertRows()
            self._split_if_large(page)
            return
        if index >= self._sizes[page] or (rows is not None and (index >= len(rows) or rows[index].id != span.id)):
            self._schedule_reload()  # the table was behind the file
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        if rows is not None:
            del rows[index]
        self._resize_page(page, -1)
        self.endRemoveRows()

    def _pages_before(self, pairs: Iterable[tuple[Span | None, Span | None]]) -> bool:
        """Bring into memory, as they were before the change, the pages the change moves rows in or out of.

        The change is already committed, so a page read now shows it done: its rows are put back as they
        were (the new ones out, the old ones in). False if a page does not add up (the file changed
        otherwise too): the caller then counts everything again.
        """
        pairs = list(pairs)
        if not self._starts:
            return True
        touched: dict[int, list[tuple[Span | None, Span | None]]] = {}
        for before, after in pairs:
            for span in (before, after):
                if self._listed(span):
                    touched.setdefault(self._page_of_start(span.start), []).append((before, after))  # type: ignore[union-attr]
        for page in touched:
            if page in self._pages:
                continue
            rows = self._read_page(page)
            new_ids = {a.id for b, a in pairs if self._listed(a) and self._page_of_start(a.start) == page}  # type: ignore[union-attr]
            rows = [row for row in rows if row.id not in new_ids]
            rows += [b for b, a in pairs if self._listed(b) and self._page_of_start(b.start) == page]  # type: ignore[misc, union-attr]
            rows.sort(key=self._key)
            if len(rows) != self._sizes[page]:
                return False
            self._keep(page, rows)
        return True

    def _cached_position(self, span: Span) -> tuple[int, int] | None:
        """Where ``span`` sits in a page in memory (a page not in memory is read fresh when shown)."""
        if not self._starts:
            return None
        page = self._page_of_start(span.start)
        if page not in self._pages:
            return None
        return self._find(span)

    def _insert(self, span: Span) -> None:
        if not self._starts:
            self._starts, self._sizes, self._offsets = [0], [0], None
            self._pages[0] = []
        page, i = self._insertion(span)
        row = self._global(page, i)
        self.beginInsertRows(QModelIndex(), row, row)
        self._pages[page].insert(i, span)
        self._resize_page(page, +1)
        self.endInsertRows()
        self._split_if_large(page)

    def _remove(self, span: Span) -> None:
        found = self._find(span)
        if found is None:
            self._schedule_reload()
            return
        page, i = found
        row = self._global(page, i)
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._pages[page][i]
        self._resize_page(page, -1)
        self.endRemoveRows()

    def _move(self, before: Span, after: Span) -> None:
        found = self._find(before)
        if found is None:
            self._schedule_reload()
            return
        old_page, old_i = found
        source = self._global(old_page, old_i)
        new_page, new_i = self._insertion(after)  # among the rows as they are, the old one included
        target = self._global(new_page, new_i)
        if target in (source, source + 1):
            self._pages[old_page][old_i] = after
            self._row_cache.pop(source, None)
            self.dataChanged.emit(self.index(source, 0), self.index(source, len(self.COLUMNS) - 1))
            return
        self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), target)
        rows_new = self._page_rows(new_page)
        rows_new.insert(new_i, after)
        self._resize_page(new_page, +1)
        rows_old = self._pages[old_page]
        del rows_old[old_i + 1 if (old_page == new_page and new_i <= old_i) else old_i]
        self._resize_page(old_page, -1)
        self.endMoveRows()
        self._split_if_large(new_page)

    # -- reading -------------------------------------------------------------------------------

    def spans(self) -> list[Span]:
        """Every listed span, in text order (reads every page: for tests and small documents)."""
        return [span for row in range(self._total) if (span := self.span_at(row)) is not None]

    def row_of(self, span_id: str) -> int | None:
        """The row of ``span_id``, or None (one indexed look-up of the span, and its page)."""
        try:
            span = self.project.span(span_id)
        except StoreError:
            return None
        return self.row_of_span(span)

    def row_of_span(self, span: Span) -> int | None:
        """The row of ``span`` (as stored), or None if it is not listed."""
        if not self._listed(span):
            return None
        found = self._find(span)
        return None if found is None else self._global(*found)

    def span_at(self, row: int) -> Span | None:
        """The span on ``row``, or None."""
        if not 0 <= row < self._total:
            return None
        page, i = self._locate(row)
        rows = self._page_rows(page)
        return rows[i] if 0 <= i < len(rows) else None

    # -- Qt model API ----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr_(self.COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every cell at each repaint: roles not shown are answered before any look-up,
        # and a row's four texts are made once, when a view first asks for the row.
        if role not in _TABLE_ROLES:
            return None
        row = index.row()
        cells = self._row_cache.get(row)
        if cells is None:
            if not index.isValid():
                return None
            try:
                span = self.span_at(row)
            except (StoreError, sqlite3.Error):  # unreadable, or closed under a view still painting
                return None
            if span is None:
                return None
            if len(self._row_cache) > 512:
                self._row_cache.clear()
            cells = self._row_cache[row] = (
                span,
                (label_display(span.label), _one_line(span.text), _one_line(span.note), span.annotator),
            )
        span = cells[0]
        if role == Qt.ItemDataRole.DisplayRole:
            return cells[1][index.column()]
        if role == SpanIdRole:
            return span.id
        if role == SpanRole:
            return span
        if role == Qt.ItemDataRole.DecorationRole:
            return self._colors.get(span.label, _GREY) if index.column() == 0 else None
        if role == Qt.ItemDataRole.FontRole:
            if span.status != "suggested":
                return None
            if not _ITALIC:
                _ITALIC.append(QFont())
                _ITALIC[0].setItalic(True)
            return _ITALIC[0]
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [
                tr_("{label}: “{text}”").format(label=label_display(span.label), text=span.text),
                tr_("by {annotator} · {status} · {source}").format(
                    annotator=span.annotator, status=tr_(span.status), source=span.source
                ),
            ]
            if span.note:
                lines.append(tr_("Note: {note}").format(note=span.note))
            return tooltip("\n".join(lines))
        return None


class DocumentCounts(QObject):
    """How many spans the shown document has (accepted, suggested; in all and per annotator), kept by delta.

    Counted once in SQLite when a document is shown (from the span histogram the window reads anyway);
    every change then adds or takes away what it changed, so the status bar never reads the spans again.
    """

    changed = Signal()
    STATUSES = ("accepted", "suggested")

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.document_id: int | None = None
        self.counts: dict[tuple[str, str | None], int] = {}

    def set_document(self, document_id: int | None, histogram: SpanHistogram | None = None) -> None:
        """Count the spans of ``document_id`` (None: nothing); ``histogram`` (of that document), if the caller
        has it, saves counting them again."""
        self.document_id = document_id
        self.recount(histogram)

    def recount(self, histogram: SpanHistogram | None = None) -> None:
        """Count again in the project (or take the counts from ``histogram``)."""
        self.counts = {}
        if self.document_id is not None:
            if histogram is None:
                histogram = self.project.span_histogram(self.document_id)
            for _, status, who, n in histogram.rows:
                if status in self.STATUSES:
                    self.counts[(status, None)] = self.counts.get((status, None), 0) + n
                    self.counts[(status, who)] = self.counts.get((status, who), 0) + n
        self.changed.emit()

    def on_change(self, change: Change) -> None:
        """Add and take away what ``change`` changed in the shown document."""
        if self.document_id is None or not change.touches_document(self.document_id):
            return
        if change.kind in SPAN_KINDS and change.has_rows:
            counts = self.counts
            for before, after in change.span_pairs():
                for span, sign in ((before, -1), (after, +1)):
                    if span is None or span.document_id != self.document_id or span.status not in self.STATUSES:
                        continue
                    for key in ((span.status, None), (span.status, span.annotator)):
                        counts[key] = counts.get(key, 0) + sign
            self.changed.emit()
        elif change.kind in (*SPAN_KINDS, *RELOAD_KINDS, ChangeKind.DOCUMENTS_CHANGED):
            self.recount()

    def total(self, status: str, annotator: str | None = None) -> int:
        """Spans with ``status`` (``accepted`` or ``suggested``), of ``annotator`` only if given."""
        return self.counts.get((status, annotator), 0)
