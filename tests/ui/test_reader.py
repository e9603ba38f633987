"""The reader through real widgets on a real project file: select by keyboard and mouse, tag with hotkeys,
relabel, delete, edit notes, move boundaries, undo and redo; the database is read back after every step."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor, QUndoStack

from annotator.store.project import Project
from annotator.ui.commands import AddSpanCommand, push_command
from annotator.ui.reader import ReaderView
from annotator.ui.signals import ProjectSignals

# Showing a widget on the offscreen platform logs this harmless warning.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = (
    "Selon l’ONU, la Corée du Nord a fourni à la Russie des munitions d’artillerie.\n"
    "Plus de 10\u00a0000 soldats nord-coréens sont déployés ; les experts estiment que c’est un risque.\n"
)
EMOJI = "Le drapeau 🇰🇵 et 😀 : la Corée du Nord 🚀 a livré plus de 1\u202f000 obus à la Russie.\n"
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


class Harness:
    """A reader on its own, with the project, signals and undo stack a window would give it."""

    def __init__(self, qtbot: Any, db_path: Path, text: str = TEXT, annotator: str = "tester") -> None:
        self.db_path = db_path
        self.project = Project(db_path)
        self.signals = ProjectSignals(self.project)
        self.stack = QUndoStack()
        self.reader = ReaderView(self.project, self.signals, self.stack, annotator)
        qtbot.addWidget(self.reader)
        self.reader.resize(760, 520)
        with qtbot.waitExposed(self.reader):
            self.reader.show()
        self.doc_id = self.project.add_document("Corée", text)[0].id
        self.reader.set_document(self.doc_id)
        self.reader.setFocus()

    @property
    def text(self) -> str:
        return self.project.document_text(self.doc_id)

    def rows(self) -> list[tuple]:
        """Spans as stored, read through a separate connection: (start, end, label, text, note, status)."""
        conn = sqlite3.connect(self.db_path)
        try:
            return conn.execute(
                'SELECT start, "end", label, text, note, status FROM annotations ORDER BY start, "end", label'
            ).fetchall()
        finally:
            conn.close()

    def span_of(self, phrase: str, label: str = "actor", occurrence: int = 0, **fields: Any) -> str:
        start = -1
        for _ in range(occurrence + 1):
            start = self.text.index(phrase, start + 1)
        command = AddSpanCommand(
            self.project, self.doc_id, start, start + len(phrase), label, **{"annotator": "tester", **fields}
        )
        push_command(self.stack, command)
        assert command.span is not None
        return command.span.id

    def select(self, start: int, end: int) -> None:
        """Put a text selection on code points [start, end) the way the keyboard would leave it."""
        offsets = self.reader.offset_map()
        cursor = self.reader.textCursor()
        cursor.setPosition(offsets.to_utf16(start))
        cursor.setPosition(offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.reader.setTextCursor(cursor)

    def point_of(self, codepoint: int) -> QPoint:
        """The viewport point of the caret at code point ``codepoint``."""
        cursor = QTextCursor(self.reader.document())
        cursor.setPosition(self.reader.offset_map().to_utf16(codepoint))
        return self.reader.cursorRect(cursor).center()

    def point_inside(self, codepoint: int) -> QPoint:
        """A viewport point on the character at ``codepoint`` (between its caret positions)."""
        left, right = self.point_of(codepoint), self.point_of(codepoint + 1)
        return QPoint((left.x() + right.x()) // 2, left.y())

    def close(self) -> None:
        self.signals.detach()
        self.project.close()


@pytest.fixture
def harness(qtbot, db_path: Path) -> Iterator[Harness]:
    h = Harness(qtbot, db_path)
    yield h
    h.close()


def label_for(project: Project, hotkey: str) -> str:
    return next(label.name for label in project.labels(include_retired=False) if label.hotkey == hotkey)


# -- showing and tagging --------------------------------------------------------------------------------


def test_shows_the_document_read_only_with_a_visible_cursor(harness: Harness) -> None:
    reader = harness.reader
    assert reader.objectName() == "reader"
    assert reader.document().toRawText().replace("\u2029", "\n") == TEXT  # toPlainText() turns U+00A0 into spaces
    assert reader.isReadOnly()
    flags = reader.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert reader.document_id() == harness.doc_id
    assert reader.offset_map().length == len(TEXT)
    assert reader.font().pointSizeF() >= 12  # comfortable by default
    base = reader.font().pointSizeF()
    reader.zoom_in()
    assert reader.font().pointSizeF() == base + 1
    reader.zoom_out(2)
    assert reader.font().pointSizeF() == base - 1
    reader.set_document(None)
    assert reader.toPlainText() == "" and reader.document_id() is None


def test_select_with_shift_arrows_and_tag_with_the_hotkey(qtbot, harness: Harness) -> None:
    reader = harness.reader
    start = TEXT.index("la Corée")
    cursor = reader.textCursor()
    cursor.setPosition(start)
    reader.setTextCursor(cursor)
    for _ in range(len("la Cor")):  # part of a word: snapping takes the whole word
        qtbot.keyClick(reader, Qt.Key.Key_Right, SHIFT)
    assert reader.selection_codepoints() == (start, start + len("la Corée"))
    seen: list[object] = []
    reader.selectedSpanChanged.connect(seen.append)
    qtbot.keyClick(reader, "1")
    assert harness.rows() == [(start, start + 8, label_for(harness.project, "1"), "la Corée", "", "accepted")]
    # The text selection is gone and the new span is selected.
    assert not reader.textCursor().hasSelection()
    [span] = harness.project.spans(harness.doc_id)
    assert reader.selected_span_id() == span.id and seen == [span.id]
    assert span.annotator == "tester" and span.source == "manual"
    # Undo and redo through the stack.
    harness.stack.undo()
    assert harness.rows() == [] and reader.selected_span_id() is None
    harness.stack.redo()
    assert harness.rows() == [(start, start + 8, "actor", "la Corée", "", "accepted")]


def test_select_by_dragging_the_mouse_and_tag(qtbot, harness: Harness) -> None:
    reader = harness.reader
    start = TEXT.index("la Russie")
    end = start + len("la Russie")
    viewport = reader.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=harness.point_of(start))
    qtbot.mouseMove(viewport, harness.point_of(end - 2))
    qtbot.mouseMove(viewport, harness.point_of(end))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=harness.point_of(end))
    assert reader.textCursor().hasSelection()
    assert reader.selection_codepoints() == (start, end)
    qtbot.keyClick(reader, "2")
    assert harness.rows() == [(start, end, "transfer", "la Russie", "", "accepted")]


def test_a_failing_command_runner_leaves_nothing_selected(qtbot, harness: Harness) -> None:
    reader = harness.reader
    ran: list[object] = []
    reader.command_runner = lambda command: ran.append(command) or False  # a window that refused the edit
    harness.select(0, 5)
    assert not reader.tag_selection("actor")
    assert len(ran) == 1 and isinstance(ran[0], AddSpanCommand)
    assert reader.selected_span_id() is None and harness.rows() == []


def test_an_edit_the_store_refuses_is_not_stacked(qtbot, harness: Harness) -> None:
    harness.select(0, 5)
    assert not harness.reader.tag_selection("no-such-label")
    assert harness.rows() == [] and harness.stack.count() == 0


def test_word_snapping_on_french_text(qtbot, harness: Harness) -> None:
    reader = harness.reader
    onu = TEXT.index("ONU")
    harness.select(onu + 1, onu + 2)  # "N" of "l’ONU": the word is "ONU", the apostrophe ends it
    assert reader.selection_codepoints() == (onu, onu + 3)
    qtbot.keyClick(reader, "1")
    assert harness.rows()[-1][3] == "ONU"
    number = TEXT.index("10\u00a0000")
    harness.select(number + 4, number + 5)  # one zero of "000": "10 000" with a no-break space is one word
    assert reader.selection_codepoints() == (number, number + 6)
    qtbot.keyClick(reader, "3")
    assert ("10\u00a0000", "quantity") in [(r[3], r[2]) for r in harness.rows()]
    # Surrounding white space is trimmed.
    word = TEXT.index("soldats")
    harness.select(word - 1, word + len("soldats") + 1)
    assert reader.selection_codepoints() == (word, word + len("soldats"))


def test_snapping_off_by_setting_or_with_alt(qtbot, harness: Harness) -> None:
    reader = harness.reader
    start = TEXT.index("Corée")
    reader.set_word_snapping(False)
    harness.select(start, start + 3)
    assert reader.selection_codepoints() == (start, start + 3)
    reader.set_word_snapping(True)
    harness.select(start, start + 3)
    assert reader.selection_codepoints() == (start, start + 5)
    qtbot.keyClick(reader, "1", ALT)  # Alt with the hotkey: exactly as selected
    assert harness.rows() == [(start, start + 3, "actor", "Cor", "", "accepted")]


def test_retired_labels_have_no_hotkey(qtbot, harness: Harness) -> None:
    reader = harness.reader
    transfer_key = next(label.hotkey for label in harness.project.labels() if label.name == "transfer")
    assert reader.hotkeys()[transfer_key] == "transfer"
    harness.project.retire_label("transfer")
    assert transfer_key not in reader.hotkeys()
    harness.select(0, 5)
    qtbot.keyClick(reader, transfer_key)
    assert harness.rows() == []
    qtbot.keyClick(reader, "1")
    assert [r[2] for r in harness.rows()] == ["actor"]


def test_hotkeys_without_a_selection_do_nothing(qtbot, harness: Harness) -> None:
    qtbot.keyClick(harness.reader, "1")
    assert harness.rows() == []


# -- emoji and flags: code points in the store, UTF-16 on screen -------------------------------------------


def test_emoji_before_the_selection(qtbot, db_path: Path) -> None:
    h = Harness(qtbot, db_path, text=EMOJI + "Deuxième ligne 😀.\n")
    try:
        reader = h.reader
        start = h.text.index("la Corée du Nord")
        end = start + len("la Corée du Nord")
        offsets = reader.offset_map()
        assert offsets.to_utf16(start) == start + 3  # 🇰🇵 is two astral characters, 😀 one
        cursor = reader.textCursor()
        cursor.setPosition(offsets.to_utf16(start))
        reader.setTextCursor(cursor)
        for _ in range(len("la Corée du Nord")):
            qtbot.keyClick(reader, Qt.Key.Key_Right, SHIFT)
        qtbot.keyClick(reader, "1")
        [row] = h.rows()
        assert row[:4] == (start, end, "actor", "la Corée du Nord")
        assert h.text[row[0] : row[1]] == "la Corée du Nord"
        # A span after the rocket too, selected with the mouse.
        word = h.text.index("livré")
        qtbot.mousePress(reader.viewport(), Qt.MouseButton.LeftButton, pos=h.point_of(word))
        qtbot.mouseMove(reader.viewport(), h.point_of(word + 5))
        qtbot.mouseRelease(reader.viewport(), Qt.MouseButton.LeftButton, pos=h.point_of(word + 5))
        qtbot.keyClick(reader, "2")
        assert [r[3] for r in h.rows()] == ["la Corée du Nord", "livré"]
        # Reopened: the highlight sits at the right UTF-16 place.
        reader.set_document(None)
        reader.set_document(h.doc_id)
        reader.viewport().repaint()
        plan = reader.span_painter.last_plan
        pieces = [p for p in plan.pieces if p.info.start == start]
        assert len(pieces) == 1
        caret = QTextCursor(reader.document())
        caret.setPosition(reader.offset_map().to_utf16(start))
        expected_left = reader.cursorRect(caret).center().x()
        caret.setPosition(reader.offset_map().to_utf16(end))
        expected_right = reader.cursorRect(caret).center().x()
        assert abs(pieces[0].rect.left() - expected_left) <= 2
        assert abs(pieces[0].rect.right() - expected_right) <= 2
        # Clicking on the highlight selects it.
        reader.click_at(h.point_inside(start + 3))
        assert h.project.span(reader.selected_span_id()).text == "la Corée du Nord"
    finally:
        h.close()


def test_a_selection_ending_inside_a_surrogate_pair_takes_the_whole_character(qtbot, db_path: Path) -> None:
    h = Harness(qtbot, db_path, text="A 😀B c\n")
    try:
        reader = h.reader
        reader.set_word_snapping(False)
        cursor = reader.textCursor()
        cursor.setPosition(2)
        cursor.setPosition(3, QTextCursor.MoveMode.KeepAnchor)  # half of the emoji
        reader.setTextCursor(cursor)
        assert reader.selection_codepoints() == (2, 3)
        qtbot.keyClick(reader, "1")
        assert h.rows() == [(2, 3, "actor", "😀", "", "accepted")]
    finally:
        h.close()
