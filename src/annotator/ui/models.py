"""Qt item models over store queries: the document list and the span table of one document.

The models hold plain values read from the project and reload themselves from the project's
change notifications (``ProjectSignals.changed``), so every view over them stays current, also
after another process wrote to the file (``Change("external")``).
"""

from __future__ import annotations

import dataclasses
import unicodedata
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from annotator.core.model import Span
from annotator.store.errors import StoreError
from annotator.store.project import Change, DocumentSummary, Project
from annotator.ui.plain_text import tooltip

DocumentIdRole = Qt.ItemDataRole.UserRole + 1
SpanCountRole = Qt.ItemDataRole.UserRole + 2
DoneRole = Qt.ItemDataRole.UserRole + 3
SpanIdRole = Qt.ItemDataRole.UserRole + 4
SpanRole = Qt.ItemDataRole.UserRole + 5

_Index = QModelIndex | QPersistentModelIndex
SPAN_CHANGES = ("spans_added", "spans_updated", "spans_deleted")


def fold(text: str) -> str:
    """Text for matching: case-folded, accents removed ("Corée" matches "coree")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _one_line(text: str) -> str:
    # Line breaks only: no-break spaces ("10\u00a0000") are part of what was tagged.
    return text.replace("\r", " ").replace("\n", " ").replace("\u2029", " ")


def spans_phrase(count: int) -> str:
    """ "1 span", "3 spans"."""
    return f"{count} span{'s' * (count != 1)}"


class DocumentListModel(QAbstractListModel):
    """Every document of the project, in id order: title, accepted span count, done flag."""

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._rows: list[DocumentSummary] = []
        self.reload()

    # -- reading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the list again from the project."""
        self.beginResetModel()
        try:
            self._rows = self.project.documents()
        except StoreError:
            self._rows = []
            raise
        finally:
            self.endResetModel()

    def refresh_counts(self, document_id: int) -> None:
        """Re-read one document's span count (after spans of it changed)."""
        row = self.row_of(document_id)
        if row is None:
            return
        count = len(self.project.spans(document_id, statuses=("accepted",)))
        old = self._rows[row]
        if old.span_count != count:
            self._rows[row] = dataclasses.replace(old, span_count=count)
            index = self.index(row, 0)
            self.dataChanged.emit(index, index)

    def on_change(self, change: Change) -> None:
        """Follow the project's changes."""
        if change.kind in SPAN_CHANGES and change.document_id is not None:
            self.refresh_counts(change.document_id)
        elif change.kind in (*SPAN_CHANGES, "documents_changed", "external", "reset"):
            self.reload()

    def summaries(self) -> list[DocumentSummary]:
        """The rows, in order."""
        return list(self._rows)

    def row_of(self, document_id: int) -> int | None:
        """The row showing ``document_id``, or None."""
        for row, summary in enumerate(self._rows):
            if summary.id == document_id:
                return row
        return None

    def summary(self, document_id: int) -> DocumentSummary | None:
        """The row's values for ``document_id``, or None."""
        row = self.row_of(document_id)
        return None if row is None else self._rows[row]

    # -- Qt model API ----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        doc = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return doc.title
        if role == DocumentIdRole:
            return doc.id
        if role == SpanCountRole:
            return doc.span_count
        if role == DoneRole:
            return doc.done
        if role == Qt.ItemDataRole.ToolTipRole:
            state = "done" if doc.done else "not done"
            return tooltip(f"{doc.title}\n{spans_phrase(doc.span_count)} · {state} · {doc.length:,} characters")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{doc.title}, {spans_phrase(doc.span_count)}{', done' if doc.done else ''}"
        return None


class DocumentFilterModel(QSortFilterProxyModel):
    """Keeps documents whose title contains every word of the filter (case and accents ignored)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_filter_text(self, text: str) -> None:
        """Filter by ``text`` (empty: show everything)."""
        self.beginFilterChange()
        self._words = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        title = fold(str(model.data(model.index(source_row, 0, source_parent)) or ""))
        return all(word in title for word in self._words)


class AnnotationTableModel(QAbstractTableModel):
    """The spans of one document in text order: label, covered text, note, annotator.

    Rejected suggestions are not listed (the reader does not draw them either); suggestions are
    shown in italics. ``set_annotator_filter`` follows the reader's "show spans of" choice.
    """

    COLUMNS = ("Label", "Text", "Note", "Annotator")

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.document_id: int | None = None
        self._spans: list[Span] = []
        self._filter: tuple[str, str | None] = ("all", None)
        self._colors: dict[str, QColor] = {}

    def set_document(self, document_id: int | None) -> None:
        """Show the spans of ``document_id`` (None: nothing)."""
        self.document_id = document_id
        self.reload()

    def set_annotator_filter(self, annotator: str | None) -> None:
        """Only spans of ``annotator`` (None: everyone's)."""
        self._filter = ("all", None) if annotator is None else ("one", annotator)
        self.reload()

    def reload(self) -> None:
        """Read the document's spans again."""
        self.beginResetModel()
        try:
            self._colors = {lab.name: QColor(lab.color) for lab in self.project.labels()}
            if self.document_id is None:
                self._spans = []
            else:
                annotators = None if self._filter[1] is None else [self._filter[1]]
                self._spans = [
                    s for s in self.project.spans(self.document_id, annotators=annotators) if s.status != "rejected"
                ]
        except StoreError:
            self._spans = []
            raise
        finally:
            self.endResetModel()

    def on_change(self, change: Change) -> None:
        """Follow the project's changes."""
        if change.kind in SPAN_CHANGES:
            if change.document_id is None or change.document_id == self.document_id:
                self.reload()
        elif change.kind in ("labels_changed", "external", "reset") or (
            change.kind == "documents_changed" and change.document_id == self.document_id
        ):
            self.reload()

    def spans(self) -> list[Span]:
        """The listed spans, in text order."""
        return list(self._spans)

    def row_of(self, span_id: str) -> int | None:
        """The row of ``span_id``, or None."""
        for row, span in enumerate(self._spans):
            if span.id == span_id:
                return row
        return None

    def span_at(self, row: int) -> Span | None:
        """The span on ``row``, or None."""
        return self._spans[row] if 0 <= row < len(self._spans) else None

    # -- Qt model API ----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._spans)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._spans):
            return None
        span = self._spans[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return span.label
            if column == 1:
                return _one_line(span.text)
            if column == 2:
                return _one_line(span.note)
            return span.annotator
        if role == SpanIdRole:
            return span.id
        if role == SpanRole:
            return span
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._colors.get(span.label, QColor("#999999"))
        if role == Qt.ItemDataRole.FontRole and span.status == "suggested":
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{span.label}: “{span.text}”", f"by {span.annotator} · {span.status} · {span.source}"]
            if span.note:
                lines.append(f"Note: {span.note}")
            return tooltip("\n".join(lines))
        return None
