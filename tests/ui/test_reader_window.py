"""The reader inside the real main window: its keys win over window shortcuts only where they should."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QInputDialog, QWidget

from annotator.ui.commands import AddSpanCommand

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = (
    "Selon l’ONU, la Corée du Nord 🚀 a fourni à la Russie des munitions d’artillerie.\n"
    "Plus de 10\u00a0000 soldats nord-coréens sont déployés ; les experts estiment que c’est un risque.\n"
)
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(make_window):
    window = make_window()
    document, _ = window.project.add_document("Corée", TEXT)
    window.open_document(document.id)
    window.reader.setFocus()
    return window


def rows(db_path: Path) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute('SELECT start, "end", label, text, note, status FROM annotations ORDER BY start').fetchall()
    finally:
        conn.close()


def select(window, phrase: str, cut: int = 0) -> tuple[int, int]:
    start = TEXT.index(phrase)
    end = start + len(phrase) - cut
    offsets = window.reader.offset_map()
    cursor = window.reader.textCursor()
    cursor.setPosition(offsets.to_utf16(start))
    cursor.setPosition(offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    return start, start + len(phrase)


def test_hotkey_tags_in_the_window_and_undo_redo_with_the_window_keys(qtbot, window, db_path: Path) -> None:
    reader = window.reader
    assert window.findChild(type(reader), "reader") is reader
    start, end = select(window, "la Russie", cut=3)  # "la Rus": snapped to "la Russie"
    qtbot.keyClick(reader, "1")
    assert rows(db_path) == [(start, end, "actor", "la Russie", "", "accepted")]
    assert reader.selected_span_id() is not None
    qtbot.keyClick(reader, "2")  # relabel the new span
    assert rows(db_path)[0][2] == "transfer"
    qtbot.keyClick(reader, Qt.Key.Key_Z, CTRL)
    assert rows(db_path)[0][2] == "actor"
    qtbot.keyClick(reader, Qt.Key.Key_Z, CTRL)
    assert rows(db_path) == []
    qtbot.keyClick(reader, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert rows(db_path) == [(start, end, "actor", "la Russie", "", "accepted")]


def test_alt_hotkey_tags_exactly_as_selected_even_with_alt_digit_window_shortcuts(qtbot, window, db_path) -> None:
    start, _ = select(window, "Corée", cut=2)
    qtbot.keyClick(window.reader, "1", ALT)
    assert rows(db_path) == [(start, start + 3, "actor", "Cor", "", "accepted")]


def note_through_the_editor(qtbot, window, key: Qt.Key, note: str) -> None:
    """Tag "la Corée du Nord", open the note editor with ``key`` in the reader, write ``note`` and accept."""
    reader = window.reader
    start = TEXT.index("la Corée du Nord")
    command = AddSpanCommand(window.project, window.current_document_id(), start, start + 16, "actor", annotator="t")
    assert window.run_command(command)
    window.select_span(command.span.id)
    reader.setFocus()
    qtbot.keyClick(reader, key)
    dialog = next(d for d in reader.findChildren(QInputDialog, "note-editor") if d.isVisible())
    dialog.setTextValue(note)
    dialog.accept()


def test_f2_edits_the_note_of_a_selected_span_and_renames_the_document_otherwise(qtbot, window, db_path) -> None:
    note_through_the_editor(qtbot, window, Qt.Key.Key_F2, "fournisseur")
    assert rows(db_path)[0][4] == "fournisseur"
    window.undo_stack.undo()
    assert rows(db_path)[0][4] == ""


def test_window_keys_work_again_as_soon_as_the_note_editor_closes(qtbot, window, db_path) -> None:
    reader = window.reader
    note_through_the_editor(qtbot, window, Qt.Key.Key_N, "fournisseur")
    assert rows(db_path)[0][4] == "fournisseur"
    qtbot.keyClick(reader, Qt.Key.Key_Z, CTRL)  # a window shortcut, right after the dialog
    assert rows(db_path)[0][4] == ""
    qtbot.keyClick(reader, Qt.Key.Key_F, CTRL)
    assert window.findChild(QWidget, "find-bar").isVisible()


def test_window_keys_work_again_as_soon_as_a_message_box_closes(qtbot, window, db_path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def press_delete() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        next(b for b in box.buttons() if b.text() == "Delete").click()

    QTimer.singleShot(100, press_delete)
    assert window.delete_document()
    assert window.project.documents() == []
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, CTRL)  # a window shortcut, right after the box
    assert [d.title for d in window.project.documents()] == ["Corée"]


def test_delete_enter_and_backspace_with_the_reader_focused(qtbot, window, db_path) -> None:
    reader = window.reader
    doc = window.current_document_id()
    made = []
    for phrase, status in (("la Corée du Nord", "suggested"), ("la Russie", "suggested"), ("soldats", "accepted")):
        start = TEXT.index(phrase)
        command = AddSpanCommand(
            window.project, doc, start, start + len(phrase), "actor", annotator="ner", status=status, source="ner"
        )
        assert window.run_command(command)
        made.append(command.span.id)
    window.select_span(made[0])
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_Return)
    qtbot.keyClick(reader, Qt.Key.Key_Backspace)
    assert [r[5] for r in rows(db_path)] == ["accepted", "rejected", "accepted"]
    window.select_span(made[2])
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_Delete)
    assert [r[3] for r in rows(db_path)] == ["la Corée du Nord", "la Russie"]
    window.undo_stack.undo()
    assert len(rows(db_path)) == 3


def test_a_refused_edit_goes_through_the_window(qtbot, window, db_path, monkeypatch) -> None:
    reported = []
    monkeypatch.setattr(window, "run_command", lambda command: reported.append(command) or False)
    window.reader.command_runner = window.run_command
    select(window, "la Russie")
    qtbot.keyClick(window.reader, "1")
    assert len(reported) == 1 and rows(db_path) == []
