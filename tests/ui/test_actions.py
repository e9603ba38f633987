"""The action table: the window's menus and keys, the reader's keys, Help → Keyboard shortcuts and the README's
keys table all come from ``annotator.ui.actions``."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QFontMetrics, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QMenu, QTableView, QWidget

from annotator.store.project import Project
from annotator.ui.actions import (
    READER_KEYS,
    VIEW_ACTIONS,
    VIEW_KEYS,
    WINDOW_ACTIONS,
    markdown_keys_table,
    resolve,
    view_binding,
)
from annotator.ui.main_window import MainWindow

# The offscreen platform cannot pass size hints on to a window system: a no-op there, said once per process.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ROOT = Path(__file__).resolve().parents[2]
TEXT = "La Russie a livré 12 chars à l’Ukraine en mars. Le Canada a promis 3 avions."


def _dialog_rows(window: MainWindow) -> tuple[object, list[tuple[str, str]]]:
    dialog = window.show_shortcuts()
    table = dialog.findChild(QTableView, "shortcuts-table")
    model = table.model()
    rows = [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]
    return dialog, rows


def _window_with_document(make_window, db_path: Path) -> MainWindow:
    with Project(db_path) as project:
        project.add_document("Livraisons", TEXT)
    return make_window()


def test_readme_keys_table_is_the_generated_one() -> None:
    spec = importlib.util.spec_from_file_location("keys_table", ROOT / "scripts" / "keys_table.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert module.readme_with_table(readme) == readme, "run: python scripts/keys_table.py --write"
    assert markdown_keys_table() in readme


def test_every_declared_window_action_is_in_the_window_with_its_keys_and_menu(make_window, db_path) -> None:
    window = make_window()
    for item in WINDOW_ACTIONS:
        if item.kind == "submenu":
            assert isinstance(window.findChild(QMenu, item.object_name), QMenu), item.id
            continue
        action = window.findChild(QAction, item.object_name)
        assert action is not None, item.id
        assert [s.toString() for s in action.shortcuts()] == [QKeySequence(k).toString() for k in item.shortcuts]
        if item.menu is not None and "/" not in item.menu:
            assert action in window.menu(item.menu).actions(), item.id
    # Menus in the declared order, one separator between sections.
    file_menu = [a.objectName() or ("—" if a.isSeparator() else a.text()) for a in window.menu("File").actions()]
    assert file_menu[:4] == ["action-new-project", "action-open-project", "Open &recent", "—"]
    assert file_menu.index("action-import") < file_menu.index("action-export") < file_menu.index("action-quit")
    view_actions = [a for a in VIEW_ACTIONS if a.id.startswith("attribute-")]
    assert {window.findChild(QAction, a.object_name).shortcut().toString() for a in view_actions} == {
        f"Alt+{n}" for n in range(10)
    }


def test_the_table_runs_the_window_actions(make_window, db_path) -> None:
    window = _window_with_document(make_window, db_path)
    window.findChild(QAction, "action-zoom-reset").trigger()
    window.findChild(QAction, "action-zoom-in").trigger()
    assert window.zoom_level == 1
    window.findChild(QAction, "action-show-mine").trigger()
    assert window.annotation_model.annotator_filter() == "tester"
    window.findChild(QAction, "action-show-all").trigger()
    assert window.annotation_model.annotator_filter() is None


def test_shortcuts_dialog_names_undo_plainly_and_lists_labels_in_hotkey_order(qtbot, make_window, db_path) -> None:
    window = _window_with_document(make_window, db_path)
    reader = window.reader
    cursor = reader.textCursor()
    cursor.setPosition(3)
    cursor.setPosition(9, QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    qtbot.keyClick(reader, "1")
    assert window.action_undo.text().replace("&", "").startswith("Undo ")  # the menu names the edit
    dialog, rows = _dialog_rows(window)
    try:
        whats = [what for _, what in rows]
        assert ("Ctrl+Z", "Undo") in rows and ("Ctrl+Shift+Z, Ctrl+Y", "Redo") in rows
        assert not any(what.startswith(("Undo ", "Redo ")) for what in whats)
        labels = [keys for keys, what in rows if what.startswith("Tag the selection as ")]
        assert labels == ["1", "2", "3", "4"]
        assert [what.split(" as ")[1].split(",")[0] for _, what in rows if what.startswith("Tag the selection")] == [
            "actor",
            "transfer",
            "quantity",
            "assessment",
        ]
        # The nine attribute keys are one row; Alt+0 its own.
        attribute_rows = [keys for keys, _ in rows if keys.startswith("Alt+") and keys[4:5].isdigit()]
        assert attribute_rows.count("Alt+1…9") == 1 and "Alt+0" in attribute_rows
        assert not any(keys in ("Alt+2", "Alt+5", "Alt+9") for keys, _ in rows)
        assert len(rows) == len(set(rows))
        for keys_text, description in reader.shortcut_descriptions():
            assert (keys_text, description) in rows
    finally:
        dialog.close()


def test_shortcuts_dialog_rows_are_sized_to_their_text(qtbot, make_window, db_path) -> None:
    window = make_window()
    dialog, rows = _dialog_rows(window)
    try:
        with qtbot.waitExposed(dialog):
            dialog.show()
        table = dialog.findChild(QTableView, "shortcuts-table")
        metrics = QFontMetrics(table.font())
        longest_keys = max(rows, key=lambda row: metrics.horizontalAdvance(row[0]))[0]
        assert table.columnWidth(0) >= metrics.horizontalAdvance(longest_keys)
        smallest = table.verticalHeader().minimumSectionSize()
        for row in range(table.model().rowCount()):  # tall enough for its (wrapped) text, no taller
            assert table.sizeHintForRow(row) <= table.rowHeight(row) <= max(table.sizeHintForRow(row), smallest) + 1
    finally:
        dialog.close()


def test_the_reader_dispatches_its_keys_from_the_table(qtbot, make_window, db_path) -> None:
    window = _window_with_document(make_window, db_path)
    reader = window.reader
    for item in READER_KEYS:
        if item.handler is not None:
            assert callable(getattr(reader, item.handler)), item.id
    cursor = reader.textCursor()
    cursor.setPosition(3)
    cursor.setPosition(9, QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    qtbot.keyClick(reader, "1")
    span = window.project.spans()[0]
    reader.select_span(span.id)
    qtbot.keyClick(reader, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    moved = window.project.span(span.id)
    assert moved.start == span.start and moved.end > span.end
    qtbot.keyClick(reader, Qt.Key.Key_Escape)
    assert reader.selected_span_id() is None
    qtbot.keyClick(reader, Qt.Key.Key_Tab)
    assert reader.selected_span_id() == span.id
    qtbot.keyClick(reader, Qt.Key.Key_Delete)
    assert window.project.spans() == []


def test_the_views_keys_are_declared_listed_and_found_by_their_view(qtbot, make_window, db_path) -> None:
    """Keys that work inside one view (review A/R/C/M, the transfers map's +/-, Ctrl+3 for the workspace) come
    from the action table: Help → Keyboard shortcuts lists them and each view finds its keys there."""
    window = _window_with_document(make_window, db_path)
    dialog, rows = _dialog_rows(window)
    for item in VIEW_KEYS:
        assert (item.keys, item.listed) in rows, item.id
    assert ("Ctrl+3", "Transfers workspace") in rows
    dialog.close()
    workspace = window.findChild(QAction, "action-show-transfers-workspace")
    assert [s.toString() for s in workspace.shortcuts()] == ["Ctrl+3"]
    for item in VIEW_KEYS:
        view = window.findChild(QWidget, item.where)
        assert view is not None, item.where
        if item.handler is not None:
            assert callable(resolve(view, item.handler)), item.id

    def key(k: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier, text: str = "") -> QKeyEvent:
        return QKeyEvent(QEvent.Type.KeyPress, k, mods, text)

    every = Qt.KeyboardModifier.KeyboardModifierMask
    shift = Qt.KeyboardModifier.ShiftModifier
    assert view_binding("transfers-map", key(Qt.Key.Key_Plus, shift, "+"), ignoring=every).id == "map-zoom-in"
    assert view_binding("transfers-map", key(Qt.Key.Key_Equal, text="="), ignoring=every).id == "map-zoom-in"
    assert view_binding("transfers-map", key(Qt.Key.Key_0, text="0"), ignoring=every).id == "map-fit"
    assert view_binding("review-view", key(Qt.Key.Key_A, shift, "A"), ignoring=shift).id == "review-approve"
    assert view_binding("review-view", key(Qt.Key.Key_A, shift, "A")) is None  # Shift counts unless ignored
    assert view_binding("review-view", key(Qt.Key.Key_L, text="l")) is None  # another view's key
    assert view_binding("transfers-table", key(Qt.Key.Key_L, text="l")).id == "transfers-link-missing"


def test_a_review_key_runs_the_declared_handler(qtbot, make_window, db_path) -> None:
    window = _window_with_document(make_window, db_path)
    review = window.findChild(QWidget, "review-view")
    ran: list[str] = []
    for name in ("approve", "reject", "correct", "comment"):
        setattr(review, name, lambda name=name: ran.append(name))
    for letter in "ARCMX":
        key = getattr(Qt.Key, f"Key_{letter}")
        review.review_key(QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, letter.lower()))
    review.review_key(QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier, "a"))
    assert ran == ["approve", "reject", "correct", "comment"]


def test_the_find_bar_keys_come_from_the_table(qtbot, make_window, db_path) -> None:
    window = _window_with_document(make_window, db_path)
    bar = window.find_bar
    ran: list[str] = []
    for name in ("find_next", "find_previous", "close_bar"):
        setattr(bar, name, lambda name=name: ran.append(name))
    none, shift = Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier
    ctrl = Qt.KeyboardModifier.ControlModifier
    for key, mods in (
        (Qt.Key.Key_Return, none),
        (Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier),
        (Qt.Key.Key_Return, shift),
        (Qt.Key.Key_Return, ctrl | shift),  # other modifiers do not matter
        (Qt.Key.Key_Escape, none),
        (Qt.Key.Key_A, none),
    ):
        bar.eventFilter(bar.box, QKeyEvent(QEvent.Type.KeyPress, key, mods))
    assert ran == ["find_next", "find_next", "find_previous", "find_previous", "close_bar"]
