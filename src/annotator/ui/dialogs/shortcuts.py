"""Help → Keyboard shortcuts: every shortcut of the window, the reader and the labels, generated from the action
table (``annotator.ui.actions``): label hotkeys in hotkey order, then the reader's keys, the span table's, the menus
in order and the views' actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
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
from annotator.ui.actions import READER_KEYS, TABLE_KEYS, VIEW_ACTIONS, VIEW_KEYS, WINDOW_ACTIONS, label_rows
from annotator.ui.i18n import tr_
from annotator.ui.models import fold
from annotator.ui.plain_text import tooltip

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow


def shortcut_rows(window: MainWindow) -> list[tuple[str, str, str]]:
    """Every keyboard shortcut of ``window``, its reader and its labels, as (keys, what, description): label
    hotkeys in hotkey order, the reader's keys, the span table's, the views' own keys, then the menus in order and
    the views' actions; a family of keys (Alt+1…9) is one row, and undo and redo are named without the edit they
    would undo; in the window's language."""
    rows: list[tuple[str, str, str]] = []
    for keys, what in label_rows(window.project.labels(include_retired=False)):
        rows.append((keys, what, what))
    for item in (*READER_KEYS, *TABLE_KEYS, *VIEW_KEYS):
        if item.keys and item.listed_in_help:
            rows.append((item.shown_keys, item.shown_listed, item.shown_description))
    declared = {item.object_name: item for item in (*WINDOW_ACTIONS, *VIEW_ACTIONS)}
    for action in window.findChildren(QAction):
        shortcuts = [s for s in action.shortcuts() if not s.isEmpty()]
        if not shortcuts:
            continue
        item = declared.get(action.objectName())
        native = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in shortcuts)
        if item is not None:
            rows.append((item.shown_keys if item.keys_label else native, item.shown_listed, item.shown_description))
        else:  # a plug-in's own action
            name = action.text().replace("&", "").rstrip("…").strip() or action.objectName()
            rows.append((native, name, action.statusTip() or name))
    unique: list[tuple[str, str, str]] = []
    for row in rows:
        if all(row[:2] != seen[:2] for seen in unique):
            unique.append(row)
    return unique


class ShortcutsDialog(QDialog):
    """A filterable table of (keys, what they do)."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("shortcuts-dialog")
        self.setWindowTitle(tr_("Keyboard shortcuts"))
        rows = shortcut_rows(window)
        self.rows: list[tuple[str, str]] = [(keys, what) for keys, what, _ in rows]
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
        name_widgets(self)

    def _filter(self, text: str) -> None:
        words = fold(text).split()
        for row, (keys, description) in enumerate(self.rows):
            haystack = fold(f"{keys} {description}")
            self.table.setRowHidden(row, not all(w in haystack for w in words))
