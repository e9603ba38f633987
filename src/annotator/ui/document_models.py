"""Qt item models of the document list: every document of the project, and the list filtered by title."""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QSortFilterProxyModel, Qt

from annotator.store.errors import StoreError
from annotator.store.project import RELOAD_KINDS, SPAN_KINDS, Change, ChangeKind, DocumentSummary, Project
from annotator.ui.i18n import tr_, trn_
from annotator.ui.model_common import (
    DocumentIdRole,
    DoneRole,
    SpanCountRole,
    _Index,
    fold,
    spans_phrase,
)
from annotator.ui.plain_text import tooltip


class DocumentListModel(QAbstractListModel):
    """Every document of the project, in id order: title, accepted span count, done flag."""

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._rows: list[DocumentSummary] = []
        self._index: dict[int, int] = {}
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
            self._index = {summary.id: row for row, summary in enumerate(self._rows)}
            self.endResetModel()

    def refresh_counts(self, document_id: int) -> None:
        """Re-read one document's row (its span count after spans of it changed)."""
        self.refresh_document(document_id)

    def refresh_document(self, document_id: int) -> None:
        """Re-read one document's row: updated, inserted in id order, or removed if it is gone."""
        summary = self.project.document_summary(document_id)
        row = self.row_of(document_id)
        if summary is None:
            if row is not None:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self._index = {s.id: r for r, s in enumerate(self._rows)}
                self.endRemoveRows()
            return
        if row is not None:
            if self._rows[row] != summary:
                self._rows[row] = summary
                index = self.index(row, 0)
                self.dataChanged.emit(index, index)
            return
        row = bisect_left([s.id for s in self._rows], document_id)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, summary)
        self._index = {s.id: r for r, s in enumerate(self._rows)}
        self.endInsertRows()

    def _count_delta(self, change: Change) -> None:
        moved: dict[int, int] = {}
        for before, after in change.span_pairs():
            if before is not None and before.status == "accepted":
                moved[before.document_id] = moved.get(before.document_id, 0) - 1
            if after is not None and after.status == "accepted":
                moved[after.document_id] = moved.get(after.document_id, 0) + 1
        for document_id, delta in moved.items():
            row = self.row_of(document_id)
            if not delta or row is None:
                continue
            old = self._rows[row]
            self._rows[row] = dataclasses.replace(old, span_count=old.span_count + delta)
            index = self.index(row, 0)
            self.dataChanged.emit(index, index)

    def on_change(self, change: Change) -> None:
        """Follow the project's changes: span counts by delta, a document's row by reading that row."""
        kind = change.kind
        if kind in SPAN_KINDS:
            if change.has_rows:
                self._count_delta(change)
            elif change.document_id is not None:
                self.refresh_document(change.document_id)
            else:
                self.reload()
        elif kind == ChangeKind.DOCUMENTS_CHANGED and change.documents:
            for document_id in change.documents:
                self.refresh_document(document_id)
        elif kind in (ChangeKind.DOCUMENTS_CHANGED, *RELOAD_KINDS):
            self.reload()

    def summaries(self) -> list[DocumentSummary]:
        """The rows, in order."""
        return list(self._rows)

    def document_ids(self) -> list[int]:
        """The documents' ids, in order."""
        return [summary.id for summary in self._rows]

    def row_of(self, document_id: int) -> int | None:
        """The row showing ``document_id``, or None."""
        return self._index.get(document_id)

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
            state = tr_("done") if doc.done else tr_("not done")
            characters = trn_("%Ln character(s)", "", doc.length)
            facts = f"{doc.title}\n{spans_phrase(doc.span_count)} · {state} · {characters}"
            if doc.source_path:  # the title comes from the document; the file it was read from, here
                facts += "\n" + tr_("File: {name}").format(name=Path(doc.source_path).name)
            return tooltip(facts)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            done = tr_(", done") if doc.done else ""
            return f"{doc.title}, {spans_phrase(doc.span_count)}{done}"
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

