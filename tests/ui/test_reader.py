"""The reader through real widgets on a real project file: select by keyboard and mouse, tag with hotkeys,
relabel, delete, edit notes, move boundaries, undo and redo; the database is read back after every step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QInputDialog
from reader_harness import TEXT, Harness

from annotator.store.project import Project
from annotator.ui.commands import AddSpanCommand, push_command

# Showing a widget on the offscreen platform logs this harmless warning.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

EMOJI = "Le drapeau 🇰🇵 et 😀 : la Corée du Nord 🚀 a livré plus de 1\u202f000 obus à la Russie.\n"
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


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


# -- a selected span: relabel, delete, note, boundaries, suggestions ------------------------------------------


def test_relabel_delete_undo_redo_with_keys(qtbot, harness: Harness) -> None:
    reader = harness.reader
    span_id = harness.span_of("la Russie")
    reader.select_span(span_id)
    assert reader.selected_span_id() == span_id
    start = TEXT.index("la Russie")
    qtbot.keyClick(reader, "2")
    assert harness.rows() == [(start, start + 9, "transfer", "la Russie", "", "accepted")]
    qtbot.keyClick(reader, Qt.Key.Key_Delete)
    assert harness.rows() == []
    assert reader.selected_span_id() is None
    harness.stack.undo()
    assert harness.rows() == [(start, start + 9, "transfer", "la Russie", "", "accepted")]
    harness.stack.undo()
    assert harness.rows() == [(start, start + 9, "actor", "la Russie", "", "accepted")]
    harness.stack.redo()
    harness.stack.redo()
    assert harness.rows() == []
    harness.stack.undo()
    assert len(harness.rows()) == 1


def test_edit_a_note_with_n_and_f2(qtbot, harness: Harness) -> None:
    reader = harness.reader
    span_id = harness.span_of("la Corée du Nord")
    reader.select_span(span_id)
    qtbot.keyClick(reader, Qt.Key.Key_N)
    dialog = reader.findChild(QInputDialog, "note-editor")
    assert dialog is not None and dialog.isVisible()
    assert dialog.textValue() == ""
    dialog.setTextValue("  source : ONU  ")
    dialog.accept()
    assert harness.rows()[0][4] == "source : ONU"
    # F2 opens it again with the stored note; Escape leaves it unchanged.
    qtbot.keyClick(reader, Qt.Key.Key_F2)
    dialog = next(d for d in reader.findChildren(QInputDialog, "note-editor") if d.isVisible())
    assert dialog.textValue() == "source : ONU"
    dialog.reject()
    assert harness.rows()[0][4] == "source : ONU"
    harness.stack.undo()
    assert harness.rows()[0][4] == ""
    harness.stack.redo()
    assert harness.rows()[0][4] == "source : ONU"


def test_move_boundaries_by_a_word(qtbot, harness: Harness) -> None:
    reader = harness.reader
    span_id = harness.span_of("Corée du")
    start = TEXT.index("Corée du")

    def stored() -> str:
        return harness.project.span(span_id).text

    reader.select_span(span_id)
    qtbot.keyClick(reader, Qt.Key.Key_Left, ALT)
    assert stored() == "la Corée du"
    qtbot.keyClick(reader, Qt.Key.Key_Right, ALT | SHIFT)
    assert stored() == "la Corée du Nord"
    qtbot.keyClick(reader, Qt.Key.Key_Right, ALT)
    assert stored() == "Corée du Nord"
    qtbot.keyClick(reader, Qt.Key.Key_Left, ALT | SHIFT)
    assert stored() == "Corée du"
    qtbot.keyClick(reader, Qt.Key.Key_Left, ALT | SHIFT)
    assert stored() == "Corée"
    # Never empty: the end cannot pass the start, nor the start the end.
    qtbot.keyClick(reader, Qt.Key.Key_Left, ALT | SHIFT)
    qtbot.keyClick(reader, Qt.Key.Key_Right, ALT)
    assert stored() == "Corée"
    row = harness.rows()[0]
    assert row[:4] == (start, start + 5, "actor", "Corée")
    for _ in range(5):
        harness.stack.undo()
    assert stored() == "Corée du"
    assert reader.selected_span_id() == span_id


def test_suggestions_accepted_with_enter_rejected_with_backspace(qtbot, harness: Harness) -> None:
    reader = harness.reader
    first = harness.span_of("la Corée du Nord", status="suggested", source="ner")
    second = harness.span_of("la Russie", status="suggested", source="ner")
    third = harness.span_of("soldats", "quantity", status="suggested", source="quantity")
    reader.select_span(first)
    qtbot.keyClick(reader, Qt.Key.Key_Return)
    assert harness.project.span(first).status == "accepted"
    assert reader.selected_span_id() == second  # on to the next suggestion
    qtbot.keyClick(reader, Qt.Key.Key_Backspace)
    assert harness.project.span(second).status == "rejected"
    assert reader.selected_span_id() == third
    reader.viewport().repaint()
    drawn = {piece.info.id for piece in reader.span_painter.last_plan.pieces}
    assert second not in drawn and first in drawn and third in drawn  # rejected spans are never drawn
    assert [r[5] for r in harness.rows()] == ["accepted", "rejected", "suggested"]
    # Enter and Backspace on an accepted span change nothing.
    reader.select_span(first)
    qtbot.keyClick(reader, Qt.Key.Key_Backspace)
    qtbot.keyClick(reader, Qt.Key.Key_Return)
    assert [r[5] for r in harness.rows()] == ["accepted", "rejected", "suggested"]
    harness.stack.undo()
    assert harness.project.span(second).status == "suggested"
    harness.stack.undo()
    assert harness.project.span(first).status == "suggested"
    reader.viewport().repaint()
    styles = {piece.info.id: piece.info.status for piece in reader.span_painter.last_plan.pieces}
    assert styles == {first: "suggested", second: "suggested", third: "suggested"}


def test_a_rejected_span_cannot_be_selected(harness: Harness) -> None:
    rejected = harness.span_of("la Russie", status="rejected", source="ner")
    harness.reader.select_span(rejected)
    assert harness.reader.selected_span_id() is None


# -- overlapping and nested spans, clicks, Tab ----------------------------------------------------------------


def test_nested_and_overlapping_spans_are_stored_drawn_apart_and_cycled_by_clicks(qtbot, harness: Harness) -> None:
    reader = harness.reader
    outer_start = TEXT.index("a fourni")
    outer_end = TEXT.index(" des munitions")
    reader.set_word_snapping(True)
    harness.select(outer_start, outer_end)
    qtbot.keyClick(reader, "2")
    inner_start = TEXT.index("la Russie")
    harness.select(inner_start, inner_start + 9)
    qtbot.keyClick(reader, "1")
    cross_start = TEXT.index("Russie des")
    harness.select(cross_start, cross_start + len("Russie des munitions"))
    qtbot.keyClick(reader, "2")
    assert [r[3] for r in harness.rows()] == ["a fourni à la Russie", "la Russie", "Russie des munitions"]
    spans = {s.text: s.id for s in harness.project.spans(harness.doc_id)}
    reader.viewport().repaint()
    levels = {p.info.id: p.level for p in reader.span_painter.last_plan.pieces}
    assert len(set(levels.values())) == 3  # three spans sharing "Russie": three underline levels
    # A click on "Russie" selects the smallest span there, clicks again cycle through the others.
    point = harness.point_inside(TEXT.index("Russie") + 2)
    clicked = []
    for _ in range(4):
        qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
        clicked.append(reader.selected_span_id())
    assert clicked[0] == spans["la Russie"]
    assert set(clicked[:3]) == set(spans.values())
    assert clicked[3] == clicked[0]
    # A click where there is no span clears the span selection.
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=harness.point_inside(2))
    assert reader.selected_span_id() is None
    # Each is editable on its own: delete the one selected by a click.
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.keyClick(reader, Qt.Key.Key_Delete)
    assert [r[3] for r in harness.rows()] == ["a fourni à la Russie", "Russie des munitions"]


def test_tab_and_shift_tab_walk_the_spans_escape_clears(qtbot, harness: Harness) -> None:
    reader = harness.reader
    ids = [harness.span_of(p) for p in ("la Corée du Nord", "la Russie", "soldats")]
    reader.select_span(None)
    cursor = reader.textCursor()
    cursor.setPosition(0)
    reader.setTextCursor(cursor)
    walked = []
    for _ in range(3):
        qtbot.keyClick(reader, Qt.Key.Key_Tab)
        walked.append(reader.selected_span_id())
    assert walked == ids
    assert reader.hasFocus()  # Tab stays in the reader
    qtbot.keyClick(reader, Qt.Key.Key_Tab)
    assert reader.selected_span_id() == ids[2]  # no further span
    qtbot.keyClick(reader, Qt.Key.Key_Backtab, SHIFT)
    assert reader.selected_span_id() == ids[1]
    qtbot.keyClick(reader, Qt.Key.Key_Escape)
    assert reader.selected_span_id() is None


def test_a_text_selection_replaces_the_span_selection(qtbot, harness: Harness) -> None:
    reader = harness.reader
    first = harness.span_of("la Corée du Nord")
    reader.select_span(first)
    qtbot.keyClick(reader, Qt.Key.Key_Right, SHIFT)  # the user starts selecting text
    assert reader.selected_span_id() is None
    word = TEXT.index("Russie")
    harness.select(word, word + 6)
    qtbot.keyClick(reader, "1")  # tags the selection, does not relabel the earlier span
    assert [(r[3], r[2]) for r in harness.rows()] == [("la Corée du Nord", "actor"), ("Russie", "actor")]


def test_select_span_scrolls_to_a_span_far_down(qtbot, db_path: Path) -> None:
    text = "".join(f"Paragraphe {i} : la Corée du Nord et la Russie.\n" for i in range(400))
    h = Harness(qtbot, db_path, text=text)
    try:
        start = text.index("Paragraphe 350")
        command = AddSpanCommand(h.project, h.doc_id, start, start + 14, "actor", annotator="tester")
        push_command(h.stack, command)
        assert command.span is not None
        h.reader.select_span(command.span.id)
        assert h.reader.viewport().rect().contains(h.point_of(start))
        h.reader.viewport().repaint()
        assert any(p.selected for p in h.reader.span_painter.last_plan.pieces)
    finally:
        h.close()


# -- context menu -----------------------------------------------------------------------------------------------


def menu_actions(menu) -> dict[str, Any]:
    found = {}
    for action in menu.actions():
        if action.menu() is not None:
            for inner in action.menu().actions():
                found[f"{action.text()}/{inner.text().split(chr(9))[0]}"] = inner
        elif action.text():
            found[action.text()] = action
    return found


def test_context_menu_tags_the_selection_and_edits_the_span_under_the_mouse(qtbot, harness: Harness) -> None:
    reader = harness.reader
    start = TEXT.index("la Russie")
    harness.select(start, start + 9)
    menu = reader.context_menu_for(harness.point_inside(start + 1))
    actions = menu_actions(menu)
    assert "Tag selection as/retired" not in actions
    actions["Tag selection as/transfer"].trigger()
    menu.deleteLater()
    assert harness.rows() == [(start, start + 9, "transfer", "la Russie", "", "accepted")]
    reader.select_span(None)
    menu = reader.context_menu_for(harness.point_inside(start + 1))
    actions = menu_actions(menu)
    assert reader.selected_span_id() is not None  # the span under the mouse is selected
    assert not actions["Relabel as/transfer"].isEnabled()
    actions["Relabel as/actor"].trigger()
    assert harness.rows()[0][2] == "actor"
    actions["Delete span"].trigger()
    menu.deleteLater()
    assert harness.rows() == []
    harness.stack.undo()
    assert harness.rows()[0][2] == "actor"
