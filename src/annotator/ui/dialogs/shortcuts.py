"""Help → Keyboard shortcuts: every shortcut of the window, the reader and the labels."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.accessibility import name_widgets
from annotator.ui.i18n import tr_
from annotator.ui.models import fold


class ShortcutsDialog(QDialog):
    """A filterable table of (keys, what they do)."""

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("shortcuts-dialog")
        self.setWindowTitle(tr_("Keyboard shortcuts"))
        self.rows: list[tuple[str, str]] = sorted(window.shortcut_descriptions(), key=lambda r: fold(r[1]))
        self.filter_box = QLineEdit(self)
        self.filter_box.setObjectName("shortcuts-filter")
        self.filter_box.setPlaceholderText(tr_("Filter"))
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self._filter)
        self.table = QTableWidget(len(self.rows), 2, self)
        self.table.setObjectName("shortcuts-table")
        self.table.setHorizontalHeaderLabels([tr_("Keys"), tr_("Action")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        for row, (keys, description) in enumerate(self.rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(description))
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 210)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(680, 600)
        name_widgets(self)

    def _filter(self, text: str) -> None:
        words = fold(text).split()
        for row, (keys, description) in enumerate(self.rows):
            haystack = fold(f"{keys} {description}")
            self.table.setRowHidden(row, not all(w in haystack for w in words))
