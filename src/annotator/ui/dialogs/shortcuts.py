"""Help → Keyboard shortcuts: every shortcut of the window, the reader and the labels, generated from the action
table (``annotator.ui.actions``): label hotkeys in hotkey order, then the reader's keys, the span table's, the menus
in order and the views' actions."""

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

from annotator.ui.models import fold
from annotator.ui.plain_text import tooltip


class ShortcutsDialog(QDialog):
    """A filterable table of (keys, what they do)."""

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("shortcuts-dialog")
        self.setWindowTitle("Keyboard shortcuts")
        rows: list[tuple[str, str, str]] = window.shortcut_rows()
        self.rows: list[tuple[str, str]] = [(keys, what) for keys, what, _ in rows]
        self.filter_box = QLineEdit(self)
        self.filter_box.setObjectName("shortcuts-filter")
        self.filter_box.setPlaceholderText("Filter")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self._filter)
        self.table = QTableWidget(len(self.rows), 2, self)
        self.table.setObjectName("shortcuts-table")
        self.table.setHorizontalHeaderLabels(["Keys", "Action"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        for row, (keys, what, description) in enumerate(rows):
            keys_item = QTableWidgetItem(keys)
            what_item = QTableWidgetItem(what)
            what_item.setToolTip(tooltip(description))
            self.table.setItem(row, 0, keys_item)
            self.table.setItem(row, 1, what_item)
        # Each row as tall as its text: the keys column as wide as its longest keys, the actions wrapped.
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(680, 600)

    def _filter(self, text: str) -> None:
        words = fold(text).split()
        for row, (keys, description) in enumerate(self.rows):
            haystack = fold(f"{keys} {description}")
            self.table.setRowHidden(row, not all(w in haystack for w in words))
