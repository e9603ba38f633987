"""The reader's finding, tooltips, annotator filter, live updates, and the cost of painting."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QTextCursor
from reader_harness import TEXT, Harness
from tests.raw_sql import raw_connection

from annotator.core.model import Span
from annotator.store.project import Project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def drawn(reader) -> dict[str, object]:
    """Span id -> the piece drawn for it, after a full repaint."""
    reader.viewport().repaint()
    return {piece.info.id: piece for piece in reader.span_painter.last_plan.pieces}


# -- find in document ------------------------------------------------------------------------------------


def test_find_counts_highlights_and_moves(qtbot, harness: Harness) -> None:
    reader = harness.reader
    assert reader.find_text("LA ") == TEXT.lower().count("la ")
    matches = reader.find_matches()
    assert [TEXT[s:e].lower() for s, e in matches] == ["la "] * len(matches)
    reader.viewport().repaint()
    assert len(reader.span_painter.last_plan.find_rects) >= len(matches)
    first = reader.selection_codepoints(snap=False)
    assert first == (matches[0][0], matches[0][0] + 2)  # trimmed: "la"
    assert reader.find_next()
    assert reader.offset_map().to_codepoint(reader.textCursor().selectionStart()) == matches[1][0]
    assert reader.find_previous()
    assert reader.offset_map().to_codepoint(reader.textCursor().selectionStart()) == matches[0][0]
    assert reader.find_previous()  # wraps to the last
    assert reader.offset_map().to_codepoint(reader.textCursor().selectionStart()) == matches[-1][0]
    # A match is a text selection: a hotkey tags it.
    qtbot.keyClick(reader, "1")
    assert harness.rows()[-1][3] == TEXT[matches[-1][0] : matches[-1][0] + 2]
    assert reader.find_text("introuvable") == 0 and not reader.find_next()
    assert reader.find_text("") == 0
    reader.viewport().repaint()
    assert reader.span_painter.last_plan.find_rects == []


def test_find_counts_code_points_after_emoji(qtbot, db_path: Path) -> None:
    h = Harness(qtbot, db_path, text="😀🇰🇵 Corée, Corée du Nord.\n")
    try:
        assert h.reader.find_text("corée") == 2
        assert h.reader.find_matches() == [(4, 9), (11, 16)]
        cursor = h.reader.textCursor()
        assert cursor.selectedText() == "Corée"
    finally:
        h.close()


# -- tooltips ----------------------------------------------------------------------------------------------


def test_tooltip_names_label_note_annotator_and_status(harness: Harness) -> None:
    reader = harness.reader
    harness.span_of("la Russie", note="destinataire")
    harness.span_of("a fourni à la Russie", "transfer", status="suggested", source="quantity")
    tip = reader.tooltip_at(harness.point_inside(TEXT.index("Russie") + 1))
    assert "actor" in tip and "destinataire" in tip and "tester" in tip
    assert "transfer" in tip and "suggested" in tip
    assert tip.index("actor") < tip.index("transfer")  # smallest first
    assert reader.tooltip_at(harness.point_inside(TEXT.index("Selon"))) == ""
    assert reader.tooltip_at(QPoint(reader.viewport().width() - 3, reader.viewport().height() - 3)) == ""


# -- annotator filter ----------------------------------------------------------------------------------------


def test_annotator_filter_and_others_drawn_differently(harness: Harness) -> None:
    reader = harness.reader
    mine = harness.span_of("la Corée du Nord")
    theirs = harness.span_of("la Russie", annotator="gold")
    pieces = drawn(reader)
    assert set(pieces) == {mine, theirs}
    assert pieces[mine].mine and not pieces[theirs].mine
    reader.set_annotator_filter("mine")
    assert set(drawn(reader)) == {mine}
    reader.set_annotator_filter("one", "gold")
    assert set(drawn(reader)) == {theirs}
    # Clicks and Tab only reach the spans shown.
    reader.click_at(harness_point(harness, "la Corée du Nord"))
    assert reader.selected_span_id() is None
    reader.click_at(harness_point(harness, "la Russie"))
    assert reader.selected_span_id() == theirs
    reader.set_annotator_filter("mine")
    assert reader.selected_span_id() is None  # the selected span is no longer shown
    reader.set_annotator_filter("all")
    assert set(drawn(reader)) == {mine, theirs}
    with pytest.raises(ValueError):
        reader.set_annotator_filter("some")


def harness_point(harness: Harness, phrase: str) -> QPoint:
    return harness.point_inside(TEXT.index(phrase) + 1)


# -- live updates ---------------------------------------------------------------------------------------------


def test_changes_from_the_store_update_the_index_and_repaint_only_their_rows(qtbot, harness: Harness) -> None:
    reader = harness.reader
    project = harness.project
    start = TEXT.index("soldats")
    span = project.add_span(harness.doc_id, start, start + 7, "quantity", annotator="gold")
    assert span.id in drawn(reader)
    rect = reader.span_painter.rect_for_range(span.start, span.end)
    assert rect is not None and rect.height() < reader.viewport().height() / 2  # only its rows
    project.update_span(span.id, label="actor")
    assert drawn(reader)[span.id].info.label == "actor"
    project.update_span(span.id, status="rejected")
    assert span.id not in drawn(reader)
    project.update_span(span.id, status="suggested")
    assert drawn(reader)[span.id].info.status == "suggested"
    reader.select_span(span.id)
    project.delete_span(span.id)
    assert span.id not in drawn(reader) and reader.selected_span_id() is None
    # Spans of another document do not touch this one.
    other, _ = project.add_document("Autre", "Un autre texte.\n")
    project.add_span(other.id, 0, 5, "actor", annotator="gold")
    assert drawn(reader) == {}


def test_a_change_made_by_another_process_is_seen_after_reload(qtbot, harness: Harness) -> None:
    reader = harness.reader
    with Project(harness.db_path) as elsewhere:
        span = elsewhere.add_span(harness.doc_id, 0, 5, "actor", annotator="gold")
    assert harness.project.check_external_changes()
    assert span.id in drawn(reader)
    reader.select_span(span.id)
    reader.reload()
    assert reader.selected_span_id() == span.id


def test_labels_changed_recolours_and_rereads_hotkeys(harness: Harness) -> None:
    reader = harness.reader
    span_id = harness.span_of("la Russie")
    harness.project.edit_label("actor", color="#112233", hotkey="9")
    assert reader.hotkeys()["9"] == "actor" and "1" not in reader.hotkeys()
    assert reader.span_painter.color("actor").name() == "#112233"
    assert span_id in drawn(reader)


# -- cost follows the screen ----------------------------------------------------------------------------------


def big_document(project: Project, spans: int = 20_000) -> tuple[int, str]:
    paragraph = "Selon l’ONU, la Corée du Nord 🚀 a fourni à la Russie des munitions d’artillerie. " * 6 + "\n"
    text = paragraph * (1_000_000 // len(paragraph) + 1)
    doc, _ = project.add_document("Gros", text)
    step = len(text) // spans
    made = [
        Span(
            id=str(uuid.uuid4()),
            document_id=doc.id,
            start=i * step,
            end=i * step + 12,
            label="actor",
            text=text[i * step : i * step + 12],
            annotator="gold",
            status="suggested" if i % 3 == 0 else "accepted",
        )
        for i in range(spans)
    ]
    project.add_spans(made)
    return doc.id, text


def test_painting_looks_only_at_the_visible_blocks(qtbot, harness: Harness) -> None:
    reader = harness.reader
    doc_id, text = big_document(harness.project)
    reader.set_document(doc_id)
    reader.viewport().repaint()
    plan = reader.span_painter.last_plan
    assert 0 < plan.blocks < 20
    assert 0 < plan.spans < 400  # of 20,000
    # Far down the document too.
    reader.verticalScrollBar().setValue(reader.verticalScrollBar().maximum() // 2)
    reader.viewport().repaint()
    plan = reader.span_painter.last_plan
    assert 0 < plan.blocks < 20 and 0 < plan.spans < 400
    # Scrolling back over painted blocks reuses their geometry: no span is looked up again.
    reader.viewport().repaint()
    assert reader.span_painter.last_plan.spans == 0 and reader.span_painter.last_plan.pieces
    # The full index is there for everything else (Tab from the end, say).
    assert len(reader.spans.ensure_complete()) == 20_000
    cursor = reader.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    reader.setTextCursor(cursor)
    assert reader.select_neighbour_span(-1)
    assert reader.spans.get(reader.selected_span_id()).start == (20_000 - 1) * (len(text) // 20_000)


def test_the_first_screen_is_drawn_before_every_span_is_read(qtbot, harness: Harness) -> None:
    reader = harness.reader
    doc_id, _ = big_document(harness.project, spans=5_000)
    reader.set_document(doc_id)
    assert not reader.spans.complete  # only the first screens' spans so far
    reader.viewport().repaint()
    assert reader.span_painter.last_plan.pieces
    qtbot.waitUntil(lambda: reader.spans.complete)  # the zero-interval load timer finishes the job
    assert len(reader.spans) == 5_000


def visible_stored_ids(reader, project: Project, doc_id: int) -> set[str]:
    blocks = reader.span_painter.visible_blocks(reader.viewport().rect())
    start, end = blocks[0].start, blocks[-1].end + 1
    rows = raw_connection(project).execute(
        "SELECT id FROM annotations WHERE document_id = ? AND start < ? AND \"end\" > ? AND status != 'rejected'",
        (doc_id, end, start),
    )
    return {row[0] for row in rows}


def test_any_screen_of_a_long_document_is_fully_drawn_at_its_first_paint(harness: Harness) -> None:
    reader = harness.reader
    doc_id, _ = big_document(harness.project, spans=20_000)
    reader.set_document(doc_id)
    assert not reader.spans.complete and len(reader.spans) < 2_000  # the top only
    assert set(drawn(reader)) == visible_stored_ids(reader, harness.project, doc_id) != set()
    bar = reader.verticalScrollBar()
    for fraction in (0.97, 0.31, 0.62, 1.0):
        bar.setValue(int(bar.maximum() * fraction))
        assert set(drawn(reader)) == visible_stored_ids(reader, harness.project, doc_id) != set()
    assert not reader.spans.complete  # the screens seen were read, not the whole document


def test_selecting_a_span_not_read_yet_scrolls_to_it(harness: Harness) -> None:
    reader = harness.reader
    doc_id, _ = big_document(harness.project, spans=2_000)
    reader.set_document(doc_id)
    far = raw_connection(harness.project).execute(
        "SELECT id, start FROM annotations WHERE document_id = ? ORDER BY start DESC LIMIT 1", (doc_id,)
    ).fetchone()
    assert reader.spans.get(far[0]) is None
    reader.select_span(far[0])
    assert reader.selected_span_id() == far[0]
    assert far[0] in drawn(reader)
    assert drawn(reader)[far[0]].selected


def test_painting_after_the_project_is_closed_draws_the_text_alone(qtbot, harness: Harness, caplog) -> None:
    reader = harness.reader
    doc_id, _ = big_document(harness.project, spans=2_000)
    reader.set_document(doc_id)
    harness.project.close()
    bar = reader.verticalScrollBar()
    bar.setValue(bar.maximum())
    with caplog.at_level("WARNING"):
        reader.viewport().repaint()  # the spans down there cannot be read: no exception escapes the paint
    assert reader.span_painter.last_plan.pieces == []
    assert "cannot read the spans" in caplog.text


def pixels(reader, codepoint_start: int, codepoint_end: int) -> list[int]:
    """The colours of the viewport's pixels over a span's text, read from a real rendering."""
    image = reader.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    start, end = harness_rect(reader, codepoint_start), harness_rect(reader, codepoint_end)
    y = int((start.top() + start.bottom()) / 2 * ratio)
    return [image.pixel(int(x * ratio), y) for x in range(start.left() + 1, end.left() - 1)]


def harness_rect(reader, codepoint: int) -> QRect:
    cursor = reader.textCursor()
    cursor.setPosition(reader.to_utf16(codepoint))
    return reader.cursorRect(cursor)


def test_what_is_drawn_follows_selection_and_colours(harness: Harness) -> None:
    reader = harness.reader
    reader.setCursorWidth(0)  # the text cursor moves with the selection: keep it out of the pixels
    span_id = harness.span_of("la Corée du Nord")
    start = TEXT.index("la Corée du Nord")
    end = start + len("la Corée du Nord")
    plain_text_pixels = pixels(reader, TEXT.index("Selon"), TEXT.index("Selon") + 4)
    unselected = pixels(reader, start, end)
    assert unselected != plain_text_pixels[: len(unselected)]  # the fill is there
    reader.select_span(span_id)
    selected = pixels(reader, start, end)
    assert selected != unselected  # drawn again with the selection, not replayed from before
    reader.select_span(None)
    assert pixels(reader, start, end) == unselected
    reader.span_painter.set_label_colors({"actor": "#ff0000"})
    reader.viewport().update()
    red = pixels(reader, start, end)
    assert red != unselected
    assert sum(QColor(p).red() - QColor(p).blue() for p in red) > sum(
        QColor(p).red() - QColor(p).blue() for p in unselected
    )


def test_repaint_rectangles_are_limited_to_the_screen(harness: Harness) -> None:
    reader = harness.reader
    doc_id, text = big_document(harness.project, spans=100)
    reader.set_document(doc_id)
    assert reader.span_painter.rect_for_range(len(text) - 20, len(text)) is None  # off screen: nothing
    whole = reader.span_painter.rect_for_range(0, len(text))
    assert whole is not None and QRect(reader.viewport().rect()).adjusted(0, -1, 0, 1).contains(whole)


def test_many_qt_calls_returning_none_survive(harness: Harness) -> None:
    # Guards against the reference-count crash of PySide6 6.12 on methods that return None.
    reader = harness.reader
    cursor = reader.textCursor()
    viewport = reader.viewport()
    for i in range(50_000):
        viewport.update()
        cursor.setPosition(i % 50)
    for _ in range(50_000):
        reader.setTextCursor(cursor) if _ % 1000 == 0 else viewport.update(0, 0, 1, 1)
    assert reader.isVisible()
    reader.viewport().repaint()


def test_filter_key_for_other_annotators_is_documented() -> None:
    from annotator.ui.reader import ReaderView

    doc = ReaderView.set_annotator_filter.__doc__ or ""
    assert "dotted underline" in doc and "lighter fill" in doc


def test_shortcut_descriptions_cover_the_reader_keys(harness: Harness) -> None:
    rows = harness.reader.shortcut_descriptions()
    keys = " | ".join(k for k, _ in rows)
    for key in ("Tab", "Delete", "F2", "Alt+Left", "Alt+Shift+Right", "Enter", "Backspace", "Escape"):
        assert key in keys
    assert all(isinstance(k, str) and isinstance(d, str) and d for k, d in rows)


def test_keyboard_zoom_without_a_window(qtbot, harness: Harness) -> None:
    reader = harness.reader
    base = reader.font().pointSizeF()
    qtbot.keyClick(reader, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert reader.font().pointSizeF() == base + 1
    qtbot.keyClick(reader, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert reader.font().pointSizeF() == base


def test_a_small_repaint_plans_only_the_lines_it_covers(harness: Harness) -> None:
    reader = harness.reader
    doc_id, _ = big_document(harness.project, spans=20_000)
    reader.set_document(doc_id)
    full = reader.span_painter.plan(reader.viewport().rect())
    first = full.pieces[0].rect
    line = QRect(0, int(first.top()), reader.viewport().width(), int(first.height()))
    small = reader.span_painter.plan(line)
    assert 0 < len(small.pieces) < len(full.pieces) / 3
    assert all(piece.rect.intersects(QRectF(line).adjusted(0, -3, 0, 3)) for piece in small.pieces)
    # Every piece of the full plan on that line is in the small one.
    on_line = [p for p in full.pieces if p.rect.top() == first.top()]
    assert {(p.info.id, p.rect.left()) for p in on_line} <= {(p.info.id, p.rect.left()) for p in small.pieces}


def test_a_new_span_recomputes_only_its_own_block(qtbot, harness: Harness) -> None:
    reader = harness.reader
    doc_id, text = big_document(harness.project, spans=20_000)
    reader.set_document(doc_id)
    reader.spans.ensure_complete()
    reader.viewport().repaint()
    full = reader.span_painter.last_plan
    assert full.blocks > 1 and full.spans > 0
    reader.viewport().repaint()
    assert reader.span_painter.last_plan.spans == 0  # all cached
    first_block_end = text.index("\n")
    harness.select(3, 9)
    qtbot.keyClick(reader, "2")
    new_id = reader.selected_span_id()
    assert harness.project.span(new_id).label == "transfer"
    reader.viewport().repaint()
    plan = reader.span_painter.last_plan
    assert new_id in {p.info.id for p in plan.pieces}
    in_first_block = len(reader.spans.touching(0, first_block_end))
    assert 0 < plan.spans <= in_first_block < full.spans  # only the first block was looked up again
