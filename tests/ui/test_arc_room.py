"""Link arcs never cross a line of text: bands open above the lines the arcs run along, the margin carries
them between lines, and the lines move back when the arcs go."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import QListWidget
from reader_harness import Harness
from test_themes import restore_theme  # noqa: F401 (the fixture that puts the theme back)

from annotator.core.contrast import relative_luminance
from annotator.ui import theme as themes
from annotator.ui.reader import reading_point_size

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

# One long paragraph (wrapped over many lines), a short one, and a far one: the transfer is linked to an
# actor on its own line, to one several wrapped lines down, to one in another paragraph and, the other
# way, from an assessment further down.
FILLER = "Les analystes suivent les livraisons par rail et par mer depuis des mois sans relâche. "
TEXT = (
    "Selon l’ONU, la Corée du Nord a fourni à la Russie des munitions d’artillerie en grande quantité. "
    + FILLER * 5
    + "Les obus arrivent ensuite au front, où Moscou les emploie.\n"
    + "Un court paragraphe entre les deux.\n"
    + FILLER * 2
    + "Plus de 3 000 conteneurs sont partis depuis.\n"
    + "Les experts jugent ce soutien décisif pour l’effort de guerre.\n"
)


def build(h: Harness) -> tuple[str, dict[str, str]]:
    """The spans and links of TEXT; returns the transfer's id and the other ends' ids by role."""
    transfer = h.span_of("a fourni à la Russie des munitions", "transfer")
    ends = {
        "supplier": h.span_of("la Corée du Nord"),
        "recipient": h.span_of("Moscou"),
        "amount": h.span_of("3 000 conteneurs", "quantity"),
    }
    for role, span in ends.items():
        h.project.add_link(transfer, span, role, annotator="tester")
    assessment = h.span_of("Les experts jugent ce soutien décisif", "assessment")
    h.project.add_link(assessment, transfer, "about", annotator="tester")
    ends["about"] = assessment
    return transfer, ends


def render(reader) -> QImage:
    reader.viewport().repaint()
    return reader.viewport().grab().toImage()


def arc_pixels(reader, monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """The pixels the arcs change: the view drawn with and without them, the same layout both times."""
    with_arcs = render(reader)
    with monkeypatch.context() as patch:
        patch.setattr(reader.link_arcs, "draw", lambda painter: None)
        without = render(reader)
    assert with_arcs.size() == without.size()
    changed = np.nonzero((pixels_of(with_arcs) != pixels_of(without)).any(axis=2))
    return [(int(x), int(y)) for y, x in zip(*changed, strict=True)]


def pixels_of(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    rows = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 4].reshape(image.height(), image.width(), 4).copy()


def line_boxes(reader) -> list[QRect]:
    """The box of every line of text on screen (from its left to the end of its text, top to bottom of
    the line as laid out), in viewport pixels, widened to whole pixels."""
    boxes = []
    offset = reader.contentOffset()
    block = reader.firstVisibleBlock()
    height = reader.viewport().height()
    while block.isValid():
        origin = reader.blockBoundingGeometry(block).translated(offset)
        if origin.top() > height:
            break
        layout = block.layout()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if line.textLength() == 0:
                continue
            rect = QRectF(origin.left() + line.x(), origin.top() + line.y(), line.naturalTextWidth(), line.height())
            left, top = math.floor(rect.left()), math.floor(rect.top())
            boxes.append(QRect(left, top, math.ceil(rect.right()) - left, math.ceil(rect.bottom()) - top))
        block = block.next()
    return boxes


def inside(pixels: list[tuple[int, int]], boxes: list[QRect]) -> list[tuple[int, int]]:
    return [(x, y) for x, y in pixels if any(box.contains(x, y) for box in boxes)]


def set_zoom(reader, percent: int) -> None:
    font = reader.font()
    font.setPointSizeF(reading_point_size() * percent / 100)
    reader.setFont(font)


@pytest.fixture
def arc_harness(qtbot, db_path: Path) -> Iterator[Harness]:
    """A reader on TEXT with no caret drawn (its blinking would change pixels between two renderings)."""
    h = Harness(qtbot, db_path, text=TEXT)
    h.reader.setCursorWidth(0)
    try:
        yield h
    finally:
        h.close()


@pytest.mark.parametrize("percent", [100, 200])
def test_no_arc_pixel_lands_on_a_line_of_text(arc_harness: Harness, monkeypatch, percent: int) -> None:
    h = arc_harness
    reader = h.reader
    reader.resize(620 * percent // 100, 520 * percent // 100)
    set_zoom(reader, percent)
    transfer, _ = build(h)
    reader.select_span(transfer)
    reader.verticalScrollBar().setValue(0)
    drawn = {arc.role: arc for arc in (render(reader) and reader.link_arcs.last_drawn)}
    assert set(drawn) == {"supplier", "recipient", "amount", "about"}
    # One on the transfer's own line, the others on lines below it.
    assert drawn["supplier"].start.y() == drawn["supplier"].end.y()
    assert drawn["recipient"].end.y() > drawn["recipient"].start.y()
    assert drawn["amount"].end.y() > drawn["recipient"].end.y()
    pixels = arc_pixels(reader, monkeypatch)
    boxes = line_boxes(reader)
    assert len(boxes) > 8 and len(pixels) > 200
    assert inside(pixels, boxes) == []
    for arc in drawn.values():  # the roles too sit between lines
        assert not any(QRectF(box).intersects(arc.label_rect) for box in boxes), arc.role


def test_arcs_stay_off_the_text_through_zoom_scroll_and_resize(arc_harness: Harness, monkeypatch) -> None:
    h = arc_harness
    reader = h.reader
    transfer, _ = build(h)
    reader.select_span(transfer)
    band = reader.link_arcs.bands.band()
    for percent in (150, 50, 200):  # the bands follow the zoom: Qt lays the text out again
        set_zoom(reader, percent)
        reader.verticalScrollBar().setValue(0)
        pixels = arc_pixels(reader, monkeypatch)
        assert pixels and inside(pixels, line_boxes(reader)) == [], percent
    assert reader.link_arcs.bands.band() > band  # larger at 200 % than at 100 %
    set_zoom(reader, 100)
    reader.resize(430, 400)  # narrower: the paragraph wraps again, the ends move to other lines
    reader.verticalScrollBar().setValue(0)
    pixels = arc_pixels(reader, monkeypatch)
    assert pixels and inside(pixels, line_boxes(reader)) == []
    # Scrolled until the transfer is above the screen: the arcs come down the margin from the top edge.
    bar = reader.verticalScrollBar()
    bar.setValue(bar.maximum())
    drawn = arcs_of(reader)
    assert drawn["recipient"].start.y() == 0 or drawn["amount"].start.y() == 0
    pixels = arc_pixels(reader, monkeypatch)
    assert pixels and inside(pixels, line_boxes(reader)) == []


def arcs_of(reader) -> dict:
    render(reader)
    return {arc.role: arc for arc in reader.link_arcs.last_drawn}


def test_the_check_sees_an_arc_over_text(arc_harness: Harness, monkeypatch) -> None:
    """The same check on arcs drawn without room (no bands): they cross the text, and the check says so."""
    h = arc_harness
    reader = h.reader
    transfer, _ = build(h)
    reader.select_span(transfer)
    monkeypatch.setattr(reader.link_arcs.bands, "band", lambda: 0.0)
    reader.link_arcs.bands.set_bands([])
    reader.span_painter.invalidate()
    assert inside(arc_pixels(reader, monkeypatch), line_boxes(reader))


def test_bands_open_with_the_arcs_and_close_after_them(harness: Harness) -> None:
    reader = harness.reader
    transfer = harness.span_of("a fourni à la Russie des munitions", "transfer")
    actor = harness.span_of("les experts")  # on the second line
    plain = [reader.blockBoundingGeometry(b).height() for b in (reader.document().firstBlock(),)]
    layout = reader.document().documentLayout()
    reader.select_span(transfer)
    assert layout.positions() == frozenset()  # no link yet: the text as Qt lays it out
    harness.project.add_link(transfer, actor, "supplier", annotator="tester")
    band = layout.band()
    assert band > 8
    assert len(layout.positions()) == 2
    first, second = reader.document().firstBlock(), reader.document().firstBlock().next()
    assert reader.blockBoundingGeometry(first).height() == plain[0] + band
    assert second.layout().lineAt(0).y() == band
    # Clicks still find the text where it is now drawn.
    point = harness.point_inside(harness.text.index("experts") + 2)
    assert reader.codepoint_at(point) == harness.text.index("experts") + 2
    reader.select_span(None)
    assert layout.positions() == frozenset()
    assert reader.blockBoundingGeometry(first).height() == plain[0]
    assert second.layout().lineAt(0).y() == 0


def test_the_selected_span_stays_put_when_the_bands_open(qtbot, db_path: Path) -> None:
    text = "".join(f"Ligne {i} : la Corée du Nord livre des obus à la Russie.\n" for i in range(80))
    h = Harness(qtbot, db_path, text=text)
    try:
        reader = h.reader
        first = h.span_of("la Russie", occurrence=3)
        far = h.span_of("livre des obus", "transfer", occurrence=12)
        near = h.span_of("la Corée du Nord", occurrence=10)
        h.project.add_link(far, first, "recipient", annotator="tester")
        h.project.add_link(far, near, "supplier", annotator="tester")
        reader.verticalScrollBar().setValue(2)
        before = reader.cursorRect(cursor_at(reader, h.text.index("la Corée du Nord", h.text.index("Ligne 12 ")))).top()
        reader.select_span(far)
        after = reader.cursorRect(cursor_at(reader, h.text.index("la Corée du Nord", h.text.index("Ligne 12 ")))).top()
        line = reader.fontMetrics().lineSpacing()
        assert abs(after - before) <= line
        reader.select_span(None)
        assert abs(reader.cursorRect(cursor_at(reader, h.text.index("Ligne 12 "))).top() - before) <= line
    finally:
        h.close()


def cursor_at(reader, codepoint: int):
    cursor = reader.textCursor()
    cursor.setPosition(reader.to_utf16(codepoint))
    return cursor


@pytest.mark.usefixtures("restore_theme")
@pytest.mark.parametrize("mode", ["dark", "contrast"])
def test_arcs_stay_off_the_text_in_the_dark_themes(qtbot, db_path: Path, monkeypatch, mode: str) -> None:
    themes.apply_theme(mode)
    h = Harness(qtbot, db_path, text=TEXT)
    try:
        reader = h.reader
        reader.setCursorWidth(0)
        transfer, _ = build(h)
        reader.select_span(transfer)
        reader.verticalScrollBar().setValue(0)
        pixels = arc_pixels(reader, monkeypatch)
        assert len(pixels) > 200
        assert inside(pixels, line_boxes(reader)) == []
        # Drawn in the theme's text colour, which stands out from its dark background.
        image = render(reader)
        palette = reader.viewport().palette()
        text = palette.color(QPalette.ColorRole.Text)
        assert relative_luminance(palette.color(QPalette.ColorRole.Base).name()) < 0.05
        assert any(image.pixelColor(x, y) == text for x, y in pixels)
    finally:
        h.close()


def test_a_link_chosen_in_the_links_view_shows_its_arcs_off_the_text(qtbot, window, monkeypatch) -> None:
    """Through the window: a click on a link in the Links view selects its source; its arcs keep off the text
    and a click on a linked span in the reader, now moved by the bands, still finds that span."""
    project = window.project
    document, _ = project.add_document("Transferts", TEXT)

    def add(phrase: str, label: str) -> str:
        start = TEXT.index(phrase)
        return project.add_span(document.id, start, start + len(phrase), label, expected_text=phrase).id

    transfer = add("a fourni à la Russie des munitions", "transfer")
    moscow = add("Moscou", "actor")
    quantity = add("3 000 conteneurs", "quantity")
    project.add_link(transfer, moscow, "recipient", annotator="tester")
    project.add_link(transfer, quantity, "amount", annotator="tester")
    window.open_document(document.id)
    reader = window.reader
    reader.setCursorWidth(0)
    panel = window.findChild(QListWidget, "links-list")
    qtbot.waitUntil(lambda: panel.count() == 2)
    rect = panel.visualItemRect(panel.item(0))
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert reader.selected_span_id() == transfer
    reader.verticalScrollBar().setValue(0)
    assert sorted(arcs_of(reader)) == ["amount", "recipient"]
    pixels = arc_pixels(reader, monkeypatch)
    assert pixels and inside(pixels, line_boxes(reader)) == []
    start = TEXT.index("Moscou")
    cursor = reader.textCursor()
    cursor.setPosition(reader.to_utf16(start + 2))
    point = reader.cursorRect(cursor).center()
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point + QPoint(2, 0))
    assert reader.selected_span_id() == moscow


def test_a_click_on_a_role_selects_the_span_it_names(qtbot, db_path: Path) -> None:
    h = Harness(qtbot, db_path, text=TEXT)
    try:
        reader = h.reader
        transfer, ends = build(h)
        reader.select_span(transfer)
        drawn = arcs_of(reader)
        point = drawn["recipient"].label_rect.center().toPoint()
        assert reader.codepoint_at(point) is None  # between lines: no text there
        qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
        assert reader.selected_span_id() == ends["recipient"]
        # From the recipient, its one arc leads back to the transfer.
        qtbot.mouseClick(
            reader.viewport(), Qt.MouseButton.LeftButton, pos=arcs_of(reader)["recipient"].label_rect.center().toPoint()
        )
        assert reader.selected_span_id() == transfer
        # A click between lines away from any role still clears the selection.
        qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(reader.viewport().width() - 8, 2))
        assert reader.selected_span_id() is None
    finally:
        h.close()
