"""Accessibility through the real window: every interactive widget has a name and a description (the widget
tree walked through Qt's accessibility interfaces), the reader says which span is under the cursor, the whole
workflow (open, select, tag, link, review, export) is done with the keyboard alone, and 200 % zoom clips
nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QFont, QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit, QListWidget, QPushButton, QTabBar, QWidget

from annotator.store.project import Project
from annotator.ui.accessibility import accessible_text, interactive_widgets, missing_names
from annotator.ui.dialogs.document_properties import DocumentPropertiesDialog
from annotator.ui.dialogs.export_dialog import ExportDialog
from annotator.ui.dialogs.preferences import PreferencesDialog
from annotator.ui.dialogs.shortcuts import ShortcutsDialog
from annotator.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

FIRST = "A short note about nothing in particular.\n"
TEXT = (
    "Selon l’ONU, la Corée du Nord a fourni à la Russie des munitions d’artillerie.\n"
    "Plus de 10\u00a0000 soldats sont déployés ; les experts estiment que c’est un risque.\n"
)
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, db_path: Path) -> MainWindow:
    with Project(db_path) as project:
        project.add_document("Note", FIRST)
        project.add_document("Corée", TEXT)
    window = MainWindow(db_path, annotator="tester", poll_interval_ms=0)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    with qtbot.waitActive(window):
        window.show()
    return window


def test_every_interactive_widget_has_a_name_and_a_description(window: MainWindow, qtbot) -> None:
    window.view_dock.show()
    assert len(interactive_widgets(window)) > 50
    assert missing_names(window) == []
    # Set on the widgets themselves too, whatever reads them.
    unset = [
        w.objectName() or type(w).__name__
        for w in interactive_widgets(window)
        if not isinstance(w, QTabBar) and not (w.accessibleName() and w.accessibleDescription())
    ]
    assert unset == []
    # The main objects by the names a screen reader says.
    assert accessible_text(window.reader)[0] == "Document"
    assert accessible_text(window.findChild(QLineEdit, "search-box"))[0] == "Search all documents"
    assert accessible_text(window.label_bar.buttons["actor"])[0].startswith("Tag as actor")
    doc_id = window.current_document_id()
    assert doc_id is not None
    for dialog in (
        PreferencesDialog(window),
        ExportDialog(window),
        ShortcutsDialog(window),
        DocumentPropertiesDialog(window, doc_id),
    ):
        qtbot.addWidget(dialog)
        assert interactive_widgets(dialog)
        assert missing_names(dialog) == [], dialog.objectName()


def _put_cursor(reader, codepoint: int) -> None:
    cursor = reader.textCursor()
    cursor.setPosition(reader.to_utf16(codepoint))
    reader.setTextCursor(cursor)


def test_the_reader_says_the_label_of_the_span_under_the_cursor(window: MainWindow, db_path: Path, qtbot) -> None:
    reader = window.reader
    doc = next(d for d in window.project.documents() if d.title == "Corée")
    window.open_document(doc.id)
    start = TEXT.index("la Corée du Nord")
    window.project.add_span(doc.id, start, start + len("la Corée du Nord"), "actor", annotator="tester")
    window.poll_external_changes()
    reader.spans.ensure_complete()
    resting = reader.accessibleDescription()
    _put_cursor(reader, start + 4)
    assert reader.accessibleDescription() == "actor: “la Corée du Nord”"
    interface = QAccessible.queryAccessibleInterface(reader)
    assert interface.text(QAccessible.Text.Description) == "actor: “la Corée du Nord”"
    _put_cursor(reader, TEXT.index("munitions"))
    assert reader.accessibleDescription() == resting
    # A span selected with Tab is said too.
    _put_cursor(reader, 0)
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_Tab)
    assert reader.selected_span_id() is not None
    assert reader.accessibleDescription() == "actor: “la Corée du Nord”"


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _press(qtbot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(_focused(), key, modifiers)


def _select_words(qtbot, reader, phrase: str) -> None:
    """Move the cursor by words to ``phrase`` and select it with Shift+Ctrl+Right (keys only)."""
    _press(qtbot, Qt.Key.Key_Home, CTRL)
    target = reader.to_utf16(TEXT.index(phrase))
    for _ in range(200):
        if reader.textCursor().position() >= target:
            break
        _press(qtbot, Qt.Key.Key_Right, CTRL)
    assert reader.textCursor().position() == target
    for _ in range(len(phrase.split())):
        _press(qtbot, Qt.Key.Key_Right, CTRL | SHIFT)


def test_the_whole_workflow_with_the_keyboard_alone(window: MainWindow, qtbot, tmp_path: Path) -> None:
    project = window.project
    corea = next(d for d in project.documents() if d.title == "Corée")
    # Open: F6 to the document list, down to the article, Enter.
    window.reader.setFocus()
    for _ in range(4):
        if window.document_panel.view.hasFocus():
            break
        _press(qtbot, Qt.Key.Key_F6)
    assert window.document_panel.view.hasFocus()
    _press(qtbot, Qt.Key.Key_Home)
    for _ in range(3):
        if window.current_document_id() == corea.id:
            break
        _press(qtbot, Qt.Key.Key_Down)
        _press(qtbot, Qt.Key.Key_Return)
    assert window.current_document_id() == corea.id
    # Select and tag: F6 to the reader, words selected with Shift+Ctrl+Right, the label's hotkey.
    while not window.reader.hasFocus():
        _press(qtbot, Qt.Key.Key_F6)
    reader = window.reader
    _select_words(qtbot, reader, "la Corée du Nord")
    _press(qtbot, Qt.Key.Key_1)
    _select_words(qtbot, reader, "a fourni")
    _press(qtbot, Qt.Key.Key_2)
    spans = {s.label: s for s in project.spans(document_id=corea.id)}
    assert spans["actor"].text == "la Corée du Nord"
    assert spans["transfer"].text == "a fourni"
    # Link: the transfer selected (Tab walks the spans), L, the actor chosen in the list, then a role.
    _press(qtbot, Qt.Key.Key_Escape)
    _press(qtbot, Qt.Key.Key_Home, CTRL)
    for _ in range(4):
        _press(qtbot, Qt.Key.Key_Tab)
        if reader.selected_span_id() == spans["transfer"].id:
            break
    assert reader.selected_span_id() == spans["transfer"].id
    _press(qtbot, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: isinstance(_focused(), QLineEdit) and _focused().objectName() == "link-picker-filter")
    assert missing_names(_focused().window()) == []  # the link picker is named too
    qtbot.keyClicks(_focused(), "Cor")
    _press(qtbot, Qt.Key.Key_Return)  # the target: the actor
    picker_list = _focused().window().findChild(QListWidget, "link-picker-list")
    roles = [picker_list.item(i).text() for i in range(picker_list.count())]
    assert any("supplier" in role for role in roles)
    while "supplier" not in picker_list.currentItem().text():
        _press(qtbot, Qt.Key.Key_Down)
    _press(qtbot, Qt.Key.Key_Return)
    links = project.links(span_ids=[spans["transfer"].id])
    assert [(lk.role, lk.to_span) for lk in links] == [("supplier", spans["actor"].id)]
    # Review: Ctrl+Shift+R to the queue, A approves the first span.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.reader)  # back in the reader
    _press(qtbot, Qt.Key.Key_R, CTRL | SHIFT)
    qtbot.waitUntil(lambda: _focused().objectName() == "review-table")
    _press(qtbot, Qt.Key.Key_A)
    reviewed = [s for s in project.spans(document_id=corea.id) if s.review == "approved"]
    assert len(reviewed) == 1 and reviewed[0].reviewer == "tester"
    # Export: Ctrl+E, Tab to the file field, type where, Enter.
    _press(qtbot, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: _focused().window().objectName() == "export-dialog")
    for _ in range(30):
        if _focused().objectName() == "export-path":
            break
        _press(qtbot, Qt.Key.Key_Tab)
    assert _focused().objectName() == "export-path"
    out = tmp_path / "keyboard.jsonl"
    _press(qtbot, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(_focused(), str(out))
    _press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(out.exists)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    exported = [span for line in lines[1:] for span in line.get("spans", [])]
    assert {span["label"] for span in exported} >= {"actor", "transfer"}


def test_zoom_reaches_200_percent_without_clipping(window: MainWindow, qtbot) -> None:
    reader = window.reader
    normal = reader.font().pointSizeF()
    steps = 0
    while reader.font().pointSizeF() < 2 * normal:
        window.action_zoom_in.trigger()
        steps += 1
        assert steps < 40, "the zoom stops before 200 %"
    assert reader.font().pointSizeF() == pytest.approx(2 * normal, abs=1.0)
    qtbot.wait(20)
    # The text wraps inside the reader: no horizontal scrolling, every line inside the viewport.
    assert not reader.horizontalScrollBar().isVisible()
    width = reader.viewport().width()
    block = reader.document().firstBlock()
    while block.isValid():
        layout = block.layout()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            assert line.naturalTextWidth() <= width, (block.text(), i)
        block = block.next()
    # The end of the document can be reached.
    cursor = reader.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    reader.setTextCursor(cursor)
    reader.ensureCursorVisible()
    assert reader.viewport().rect().contains(reader.cursorRect())


def test_a_twice_larger_system_font_clips_no_button(qtbot, db_path: Path) -> None:
    app = QApplication.instance()
    old = QFont(app.font())
    big = QFont(old)
    big.setPointSizeF(old.pointSizeF() * 2)
    app.setFont(big)
    try:
        window = MainWindow(db_path, annotator="tester", poll_interval_ms=0)
        qtbot.addWidget(window)
        window.resize(1400, 900)
        with qtbot.waitActive(window):
            window.show()
        qtbot.wait(20)
        # The reader follows the system's size.
        assert window.reader.font().pointSizeF() >= 13.0 * big.pointSizeF() / 10.0 - 0.01
        for button in window.findChildren(QPushButton):
            if not button.isVisibleTo(window) or not button.text():
                continue
            needed = button.fontMetrics().horizontalAdvance(button.text().replace("&", ""))
            assert button.width() >= needed, (button.objectName(), button.width(), needed)
            assert button.height() >= button.fontMetrics().height(), button.objectName()
    finally:
        app.setFont(old)
