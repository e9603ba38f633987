"""The transfers table: every transfer of the corpus, filterable, sortable, exportable.

One row per transfer (see ``annotator.transfers``); activating a row (double click, Enter) opens
the document at the transfer span. A document's date and source are edited in place in the table
or through Document → Properties; both are undoable.
"""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import ValidationError
from annotator.store.project import Change, ChangeKind, Project
from annotator.transfers import TransferRow, export_transfers, metadata_with, transfer_rows
from annotator.ui.commands import UpdateDocumentCommand
from annotator.ui.dialogs.document_properties import show_properties
from annotator.ui.plain_text import tooltip
from annotator.ui.views._lazy import RefreshWhenShown

ORDER = 70
# (header, row attribute); date and source are editable document metadata.
COLUMNS = (
    ("Supplier", "supplier"),
    ("Recipient", "recipient"),
    ("What", "what"),
    ("Amount", "amount"),
    ("Status", "status"),
    ("Assessments", "assessment_text"),
    ("Sentence", "sentence"),
    ("Document", "document"),
    ("Date", "date"),
    ("Source", "source"),
    ("Annotator", "annotator"),
)
EDITABLE = {"date", "source"}
INSTANT_REFRESH_SECONDS = 0.05
SPAN_ID_ROLE = Qt.ItemDataRole.UserRole
_Index = QModelIndex | QPersistentModelIndex


def ask_export_path(parent: QWidget, fmt: str) -> str | None:
    """Ask where to save the export (a file dialog); None when cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, f"Export transfers as {fmt.upper()}", f"transfers.{fmt}")
    return path or None


def edit_metadata(window, document_id: int, **values: str) -> bool:
    """Set document metadata keys (``date``, ``source``) as one undoable step."""
    project: Project = window.project
    document = project.document(document_id)
    metadata = metadata_with(document.metadata, **values)
    if metadata == document.metadata:
        return False
    text = f"Edit {', '.join(values)} of “{document.title}”"
    return window.run_command(UpdateDocumentCommand(project, document_id, text, metadata=metadata))


class TransfersModel(QAbstractTableModel):
    """Rows of ``annotator.transfers`` as a table."""

    def __init__(self, window) -> None:
        super().__init__()
        self.window_ = window
        self.project: Project = window.project
        self.rows: list[TransferRow] = []
        self.sentences: dict = {}  # a document's text never changes: its sentences are split once

    def refresh(self) -> None:
        """Rebuild the rows from the project."""
        self.beginResetModel()
        self.rows = transfer_rows(self.project, sentence_cache=self.sentences)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][1]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return getattr(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(row.sentence if key != "assessment_text" else row.assessment_text)
        if role == SPAN_ID_ROLE:
            return row.span_id
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and COLUMNS[index.column()][1] in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        key = COLUMNS[index.column()][1]
        if key not in EDITABLE:
            return False
        # The store tells every view; the table refreshes itself from that notification.
        return edit_metadata(self.window_, self.rows[index.row()].document_id, **{key: str(value)})


class TransfersView(RefreshWhenShown):
    """The transfers table with its filter box and export buttons."""

    def __init__(self, window, *, refresh_delay_ms: int = 0) -> None:
        super().__init__()
        self.setObjectName("transfers-view")
        self.window_ = window
        self.model = TransfersModel(window)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortLocaleAware(True)
        self.filter = QLineEdit(objectName="transfers-filter")
        self.filter.setPlaceholderText("Filter transfers (supplier, recipient, what, document…)")
        self.filter.setClearButtonEnabled(True)
        self.table = QTableView(objectName="transfers-table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # text order until a header is clicked
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        # Double click and Enter open the transfer; typing in (or clicking) a selected date or source cell edits it.
        self.table.setEditTriggers(QTableView.EditTrigger.AnyKeyPressed | QTableView.EditTrigger.SelectedClicked)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.count = QLabel(objectName="transfers-count")
        self.csv_button = QPushButton("Export CSV…", objectName="transfers-export-csv")
        self.jsonl_button = QPushButton("Export JSONL…", objectName="transfers-export-jsonl")
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)
        top.addWidget(self.csv_button)
        top.addWidget(self.jsonl_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.filter.textChanged.connect(self._filter_changed)
        self.table.activated.connect(self.open_row)
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.jsonl_button.clicked.connect(lambda: self.export("jsonl"))
        # Coalesces a burst of changes (an import, a macro command) into one rebuild.
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(refresh_delay_ms)
        self.refresh_timer.timeout.connect(self.refresh)
        self.last_refresh_seconds = math.inf  # cost unknown until the first rebuild
        window.signals.changed.connect(self._on_change)

    def _on_change(self, change: Change) -> None:
        if change.kind == ChangeKind.ENTITIES_CHANGED and not self.model.rows:
            return
        # Hidden, nothing is computed: the table is rebuilt when it is shown again. Shown, a cheap table is
        # rebuilt at once, so it is never behind; a costly one (a large corpus) once per burst of changes.
        editing = self.table.state() == QTableView.State.EditingState  # never reset under an open editor
        if not self.isVisible() and not editing:
            self._dirty = True
        elif self.last_refresh_seconds < INSTANT_REFRESH_SECONDS and not editing:
            self.refresh()
        else:
            self.refresh_timer.start()

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{shown} of {total}" if shown != total else f"{total} transfers")

    def refresh(self) -> None:
        """Rebuild the table now."""
        self.refresh_timer.stop()
        self._dirty = False
        started = time.perf_counter()
        self.model.refresh()
        self.last_refresh_seconds = time.perf_counter() - started
        self._update_count()

    def visible_rows(self) -> list[TransferRow]:
        """The rows as shown: filtered and in the table's sort order."""
        source_rows = (self.proxy.mapToSource(self.proxy.index(r, 0)).row() for r in range(self.proxy.rowCount()))
        return [self.model.rows[r] for r in source_rows]

    def open_row(self, index: QModelIndex) -> None:
        """Open the document at the row's transfer span."""
        if index.isValid():
            self.window_.select_span(index.data(SPAN_ID_ROLE))

    def export(self, fmt: str, path: str | Path | None = None) -> Path | None:
        """Export the rows as shown (filtered, sorted) to CSV or JSONL; asks for the path if none is given."""
        if path is None:
            path = ask_export_path(self, fmt)
            if path is None:
                return None
        path = Path(path)
        try:
            n = export_transfers(self.visible_rows(), path, fmt)
        except OSError as exc:
            self.window_.show_message(f"Cannot write {path.name}: {exc.strerror or exc}")
            return None
        except ValidationError as exc:
            self.window_.show_message(str(exc))
            return None
        self.window_.show_message(f"Exported {n} transfer{'s' * (n != 1)} to {path.name}")
        return path


def install(window) -> None:
    """Add the transfers table and Document → Properties."""
    view = TransfersView(window)
    window.add_view(view, "Transfers")
    action = QAction("&Properties…", window)
    action.setObjectName("action-document-properties")
    action.setShortcut(QKeySequence("Alt+Return"))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda: show_properties(window))
    window.menu("&Document").addAction(action)
