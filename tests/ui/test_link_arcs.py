"""Arcs between the selected span and its linked spans, drawn in the reader from the stored links."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QRect
from reader_harness import Harness

from annotator.ui.link_arcs import LinkArcs

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def arcs_after_paint(reader) -> list:
    reader.viewport().repaint()
    return reader.link_arcs.last_drawn


def image_row_band(reader) -> list[int]:
    image = reader.viewport().grab().toImage()
    return [image.pixel(x, y) for y in range(0, image.height(), 3) for x in range(0, image.width(), 5)]


def test_selecting_a_linked_span_draws_an_arc_per_link_named_by_role(harness: Harness) -> None:
    reader = harness.reader
    reader.setCursorWidth(0)
    transfer = harness.span_of("a fourni à la Russie des munitions", "transfer")
    supplier = harness.span_of("la Corée du Nord")
    recipient = harness.span_of("la Russie")
    project = harness.project
    project.add_link(transfer, supplier, "supplier", annotator="tester")
    project.add_link(transfer, recipient, "recipient", annotator="tester")
    assert arcs_after_paint(reader) == []
    without = image_row_band(reader)
    reader.select_span(transfer)
    drawn = arcs_after_paint(reader)
    assert sorted(arc.role for arc in drawn) == ["recipient", "supplier"]
    assert image_row_band(reader) != without
    supplier_arc = next(arc for arc in drawn if arc.role == "supplier")
    # From the transfer to "la Corée du Nord", which starts left of it on the same line.
    assert supplier_arc.end.x() < supplier_arc.start.x()
    assert supplier_arc.start.y() == supplier_arc.end.y()
    # Selecting the target shows the same link from the other end; selecting nothing clears the arcs.
    reader.select_span(supplier)
    assert [arc.role for arc in arcs_after_paint(reader)] == ["supplier"]
    reader.select_span(None)
    assert arcs_after_paint(reader) == []
    assert image_row_band(reader) == without


def test_arcs_follow_link_changes(harness: Harness) -> None:
    reader = harness.reader
    transfer = harness.span_of("a fourni à la Russie des munitions", "transfer")
    actor = harness.span_of("la Corée du Nord")
    reader.select_span(transfer)
    assert arcs_after_paint(reader) == []
    link = harness.project.add_link(transfer, actor, "supplier", annotator="tester")
    assert [arc.role for arc in arcs_after_paint(reader)] == ["supplier"]
    harness.project.update_link(link.id, role="recipient")
    assert [arc.role for arc in arcs_after_paint(reader)] == ["recipient"]
    harness.project.delete_span(actor)  # the link goes with it
    assert arcs_after_paint(reader) == []


def test_an_end_off_screen_is_drawn_to_the_viewport_edge(qtbot, db_path: Path) -> None:
    text = "La Corée du Nord a livré des obus.\n" + "Texte de remplissage sans intérêt.\n" * 300
    text += "Le transfert vers la Russie continue.\n"
    h = Harness(qtbot, db_path, text=text)
    try:
        actor = h.span_of("La Corée du Nord")
        transfer = h.span_of("Le transfert vers la Russie", "transfer")
        h.project.add_link(transfer, actor, "supplier", annotator="tester")
        h.reader.select_span(actor)  # at the top: the transfer is far below
        (arc,) = arcs_after_paint(h.reader)
        assert arc.start.y() == h.reader.viewport().height()  # the transfer, below the screen
        assert arc.end.y() < 100  # the actor, at the top
        # A small scroll repaints the whole view while arcs are shown (Qt alone would repaint a strip).
        painted = PaintRects(h.reader.viewport())
        qtbot.wait(20)  # paints already asked for (the selection's) happen first
        painted.rects.clear()
        bar = h.reader.verticalScrollBar()
        bar.setValue(bar.value() + 2)
        qtbot.waitUntil(lambda: bool(painted.rects))
        assert any(rect == h.reader.viewport().rect() for rect in painted.rects)
        h.reader.select_span(transfer)  # scrolls down to it: now the actor is above the screen
        (arc,) = arcs_after_paint(h.reader)
        assert arc.end.y() == 0
        # Without arcs, a small scroll is left to Qt.
        painted.rects.clear()
        h.reader.select_span(None)  # repaints the whole view once (the arcs go, the lines close up)
        qtbot.waitUntil(lambda: h.reader.viewport().rect() in painted.rects)
        qtbot.wait(10)
        painted.rects.clear()
        bar.setValue(bar.value() + 2)
        qtbot.waitUntil(lambda: bool(painted.rects))
        assert all(rect != h.reader.viewport().rect() for rect in painted.rects), painted.rects
    finally:
        h.close()


class PaintRects(QObject):
    """Records the rectangles of the paint events a widget receives."""

    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.rects: list[QRect] = []
        widget.installEventFilter(self)

    def eventFilter(self, _watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.rects.append(QRect(event.rect()))
        return False


def test_link_arcs_read_nothing_without_a_selection(harness: Harness) -> None:
    arcs = LinkArcs(harness.reader)
    assert harness.reader.document_id() == harness.doc_id  # a document is shown, nothing selected
    assert arcs.refresh() is False and arcs.arcs == []
