"""The example browser: every span of a label across the corpus as keyword in context.

Rows are ``left context | span | right context`` (left context right-aligned), sortable by any column
(the context columns by their words nearest the span), filtered by annotator and status. Activating
a row opens its document at the span. The selected rows (all rows when none is selected) can be
exported with the label's guideline as a Markdown or HTML handout for training.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TR_NOOP, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
)

from annotator.core.model import STATUSES
from annotator.services.handouts import KwicRow, kwic_rows, write_handout
from annotator.store.project import ChangeKind
from annotator.ui.i18n import label_display, tr_, trn_
from annotator.ui.plain_text import tooltip
from annotator.ui.row_model import RowTableModel
from annotator.ui.views._lazy import RefreshWhenShown

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

ORDER = 82
ALL = QT_TR_NOOP("(all)")
COLUMNS = (
    QT_TR_NOOP("Left context"),
    QT_TR_NOOP("Span"),
    QT_TR_NOOP("Right context"),
    QT_TR_NOOP("Document"),
    QT_TR_NOOP("Annotator"),
    QT_TR_NOOP("Status"),
)
SPAN_ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
HANDOUT_FILTER = "Markdown (*.md);;HTML (*.html)"
_Index = QModelIndex | QPersistentModelIndex


def _fold(text: str) -> str:
    """A sort key that ignores case and accents ("à" sorts with "a")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class KwicModel(RowTableModel):
    """Keyword-in-context rows."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, self.cell, parent)

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role == SPAN_ID_ROLE:
            return row.span_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = (row.left, row.keyword, row.right, row.document, row.annotator, tr_(row.status))[column]
            return tooltip(value) if role == Qt.ItemDataRole.ToolTipRole else value
        if role == SORT_ROLE:
            if column == 0:
                return _fold(" ".join(row.left_key))
            if column == 2:
                return _fold(" ".join(row.right_key))
            if column == 3:
                return f"{_fold(row.document)}\x00{row.start:012d}"
            return _fold({1: row.keyword, 4: row.annotator, 5: row.status}[column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == 0:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == 1:
                return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and column == 1:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None


class ElideLeftDelegate(QStyledItemDelegate):
    """Cuts long text on the left, so the words next to the span stay visible."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft


class ExamplesView(RefreshWhenShown):
    """Label, annotator and status filters over a sortable keyword-in-context table."""

    IGNORED_CHANGES = frozenset({ChangeKind.LINKS_CHANGED, ChangeKind.ENTITIES_CHANGED})

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.setObjectName("examples-view")
        self.window_ = window
        self.project = window.project
        self._dirty = True
        self.label_combo = QComboBox(objectName="examples-label")
        self.annotator_combo = QComboBox(objectName="examples-annotator")
        self.status_combo = QComboBox(objectName="examples-status")
        for status in (*STATUSES, ALL):
            self.status_combo.addItem(tr_(status), status)
        self.status_combo.setCurrentIndex(self.status_combo.findData("accepted"))
        bar = QHBoxLayout()
        for caption, combo in (
            (QT_TR_NOOP("Label"), self.label_combo),
            (QT_TR_NOOP("Annotator"), self.annotator_combo),
            (QT_TR_NOOP("Status"), self.status_combo),
        ):
            bar.addWidget(QLabel(tr_(caption)))
            bar.addWidget(combo)
            combo.currentIndexChanged.connect(self.refresh)
        bar.addStretch(1)
        self.count_label = QLabel(objectName="examples-count")
        bar.addWidget(self.count_label)
        self.export_button = QPushButton(tr_("Export handout…"), objectName="examples-export")
        self.export_button.clicked.connect(self.export_dialog)
        bar.addWidget(self.export_button)
        self.model = KwicModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(objectName="examples-table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 340)
        header.resizeSection(1, 180)
        header.resizeSection(2, 340)
        header.setStretchLastSection(True)
        self.table.setItemDelegateForColumn(0, ElideLeftDelegate(self.table))
        self.table.activated.connect(self.open_row)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        window.signals.changed.connect(self._on_change)
        # Rows are built when the view is first shown, not while the window starts.
        self._dirty = True

    def _fill(self, combo: QComboBox, items: list[str], shown: Callable[[str], str] = str) -> None:
        """Items are values (names, ``ALL``); ``ALL`` is shown in the window's language."""
        current = combo.currentData()
        if [combo.itemData(i) for i in range(combo.count())] == items:
            return
        combo.blockSignals(True)
        combo.clear()
        for item in items:
            combo.addItem(tr_(item) if item == ALL else shown(item), item)
        combo.setCurrentIndex(items.index(current) if current in items else 0)
        combo.blockSignals(False)

    def refresh(self) -> None:
        """Reload the rows for the chosen label and filters."""
        self._dirty = False
        self._fill(self.label_combo, [label.name for label in self.project.labels()] or [""], label_display)
        self._fill(self.annotator_combo, [ALL, *self.project.annotators()])
        label = self.label_combo.currentData() or ""
        annotator = self.annotator_combo.currentData()
        status = self.status_combo.currentData()
        rows = (
            kwic_rows(
                self.project,
                label,
                annotators=None if annotator == ALL else [annotator],
                statuses=None if status == ALL else [status],
            )
            if label
            else []
        )
        self.model.set_rows(rows)
        self.count_label.setText(trn_("%n example(s)", "", len(rows)))

    def visible_rows(self) -> list[KwicRow]:
        """The rows in display order."""
        return [
            self.model.rows[self.proxy.mapToSource(self.proxy.index(r, 0)).row()] for r in range(self.proxy.rowCount())
        ]

    def selected_rows(self) -> list[KwicRow]:
        """The selected rows in display order (all rows when none is selected)."""
        selected = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        if not selected:
            return self.visible_rows()
        return [self.model.rows[self.proxy.mapToSource(self.proxy.index(r, 0)).row()] for r in selected]

    def open_row(self, index: QModelIndex) -> None:
        """Open the row's document at its span."""
        span_id = index.data(SPAN_ID_ROLE)
        if span_id:
            self.window_.select_span(span_id)

    def export_handout(self, path: str | Path) -> Path:
        """Write the selected rows with the label's guideline as a handout (.md or .html)."""
        label = self.project.label(self.label_combo.currentText())
        written = write_handout(path, label, self.selected_rows())
        self.window_.show_message(tr_("Handout written to {path}").format(path=written))
        return written

    def export_dialog(self) -> Path | None:
        """Ask where to write the handout, then write it."""
        label = self.label_combo.currentText() or "examples"
        path = self.window_.choose_save_path(tr_("Export handout"), f"{label}-examples.md", HANDOUT_FILTER)
        if path is None:
            return None
        if path.suffix.lower() not in (".md", ".html", ".htm"):
            path = path.with_suffix(".md")
        try:
            return self.export_handout(path)
        except OSError as exc:
            self.window_.inform(tr_("The handout was not written"), str(exc), icon="warning")
            return None


def install(window: MainWindow) -> None:
    """Add the example browser as a view, with View → Examples."""
    view = ExamplesView(window)
    window.add_view(view, tr_("Examples"))
    action = window.menu("&View").addAction(tr_("&Examples (keyword in context)"))
    action.setObjectName("action-show-examples")
    action.triggered.connect(lambda: window.show_view(view))
