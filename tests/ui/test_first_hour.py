"""A newcomer's first hour, through the real window: suggestions reviewed from the span table, the find
highlight, search hits opened at their occurrence, counts that agree."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QPalette, QTextCursor
from PySide6.QtWidgets import QWidget

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = (
    "Selon l’ONU, la Corée du Nord a fourni à la Russie plus de 10\u00a0000 soldats.\n"
    "La Russie aurait livré un million de barils ; les experts estiment que la Corée du Nord en profite.\n"
)


@pytest.fixture
def doc(window) -> int:
    document, _ = window.project.add_document("Corée", TEXT)
    window.open_document(document.id)
    return document.id


def add(window, doc: int, phrase: str, label: str, status: str = "accepted", nth: int = 0):
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(phrase, start + 1)
    return window.project.add_span(doc, start, start + len(phrase), label, status=status)


def row_of(window, span_id: str) -> int:
    row = window.annotation_table.model().row_of(span_id)
    assert row is not None
    return row


def test_enter_in_the_span_table_accepts_backspace_rejects(qtbot, window, doc) -> None:
    add(window, doc, "la Corée du Nord", "actor")
    first = add(window, doc, "plus de 10\u00a0000 soldats", "quantity", "suggested")
    second = add(window, doc, "un million de barils", "quantity", "suggested")
    third = add(window, doc, "Russie", "actor", "suggested", nth=1)
    qtbot.waitUntil(lambda: window.annotation_table.model().rowCount() == 4)
    table = window.annotation_table
    assert window.annotation_panel.heading.text() == "Spans — 1 span · 3 suggestions"
    assert window.status_spans.text().startswith("1 span (1 mine) · 3 suggestions")

    table.setFocus()
    table.setCurrentIndex(table.model().index(row_of(window, first.id), 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.project.span(first.id).status == "accepted"
    # The status bar and the heading follow at once, with the same counts.
    assert window.status_spans.text().startswith("2 spans (2 mine) · 2 suggestions")
    assert window.annotation_panel.heading.text() == "Spans — 2 spans · 2 suggestions"

    next_id = window.reader.selected_span_id()
    assert next_id in (second.id, third.id)
    table.setCurrentIndex(table.model().index(row_of(window, next_id), 0))
    qtbot.keyClick(table, Qt.Key.Key_Backspace)
    assert window.project.span(next_id).status == "rejected"
    assert window.status_spans.text().startswith("2 spans (2 mine) · 1 suggestion")
    assert window.annotation_panel.heading.text() == "Spans — 2 spans · 1 suggestion"

    # On an accepted span Enter only jumps to it, and Backspace changes nothing.
    table.setCurrentIndex(table.model().index(row_of(window, first.id), 0))
    qtbot.keyClick(table, Qt.Key.Key_Backspace)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.project.span(first.id).status == "accepted"
    assert window.reader.selected_span_id() == first.id


def test_a_click_on_a_suggestion_inside_a_span_selects_the_suggestion(qtbot, window, doc) -> None:
    outer = add(window, doc, "à la Russie plus de 10\u00a0000 soldats", "transfer")
    inner = add(window, doc, "10\u00a0000", "quantity", "suggested")
    reader = window.reader
    reader.select_span(outer.id)
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.to_utf16(inner.start + 1))
    rect = reader.cursorRect(cursor)
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.right() + 2, rect.center().y()))
    assert reader.selected_span_id() == inner.id
    qtbot.keyClick(reader, Qt.Key.Key_Return)
    assert window.project.span(inner.id).status == "accepted"
    assert window.status_spans.text().startswith("2 spans")


def highlight_pixels(reader, rect) -> int:
    """Pixels of the platform highlight colour inside ``rect`` (viewport coordinates), slightly enlarged."""
    image: QImage = reader.viewport().grab().toImage()
    wanted = reader.palette().color(QPalette.ColorRole.Highlight).rgb() & 0xFFFFFF
    count = 0
    area = rect.adjusted(-3, -3, 3, 3)
    for x in range(max(0, area.left()), min(image.width(), area.right() + 1)):
        for y in range(max(0, area.top()), min(image.height(), area.bottom() + 1)):
            if image.pixel(x, y) & 0xFFFFFF == wanted:
                count += 1
    return count


def test_find_matches_are_outlined_in_the_highlight_colour_and_go_with_the_bar(qtbot, window, doc) -> None:
    reader = window.reader
    add(window, doc, "la Russie", "actor", nth=0)
    window.find_bar.open_bar()
    window.find_bar.box.setText("Russie")
    starts = [s for s, _ in reader.find_matches()]
    assert len(starts) == 2
    other = starts[1] if reader.textCursor().selectionStart() == reader.to_utf16(starts[0]) else starts[0]
    rect = reader.span_painter.rect_for_range(other, other + len("Russie"))
    assert rect is not None
    assert highlight_pixels(reader, rect) > 10  # outlined in the highlight colour, a look no label has
    # Closing find by any means takes the highlight away.
    window.find_bar.hide()
    assert not reader.has_find_matches()
    assert highlight_pixels(reader, rect) == 0


def test_a_search_hit_opens_at_the_occurrence_of_its_snippet(qtbot, window) -> None:
    filler = " ".join(f"phrase{i} sans rapport." for i in range(200))
    text = f"La Russie ouvre le texte. {filler} Plus loin, la Russie livre des obus à la Corée du Nord.\n"
    document, _ = window.project.add_document("Long", text)
    hits = window.run_search("obus Russie")
    assert hits
    item = window.search_results.item(0)
    window.open_search_result(item)
    assert window.current_document_id() == document.id
    reader = window.reader
    cursor = reader.textCursor()
    start = reader.to_codepoint(cursor.selectionStart())
    snippet_term = item.data(Qt.ItemDataRole.UserRole + 1)
    assert text[start : start + len(snippet_term)].lower() == snippet_term.lower()
    assert start > len(filler)  # the occurrence the snippet shows, not the first in the document
    # The find bar closes: no highlight is left behind.
    window.find_bar.close_bar()
    assert not reader.has_find_matches()


def test_the_document_list_shows_the_headline_and_the_file_name_in_its_tooltip(qtbot, window, tmp_path) -> None:
    from annotator.services.importing import import_paths

    path = tmp_path / "en-shells-2023.txt"
    path.write_text("North Korea ships shells to Russia\nShells went by rail.\n", encoding="utf-8")
    import_paths(window.project, [path])
    window.poll_external_changes()
    view = window.findChild(QWidget, "document-list")
    model = view.model()
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    index = model.index(0, 0)
    assert index.data() == "North Korea ships shells to Russia"
    assert "File: en-shells-2023.txt" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_every_bar_of_spans_per_document_has_room_for_its_name(qtbot, window) -> None:
    from PySide6.QtCharts import QChartView

    from annotator.ui.views import statistics as statistics_view

    for i in range(40):
        document, _ = window.project.add_document(
            f"Article numéro {i} sur les livraisons d’obus à la Russie", TEXT + f"{i}\n"
        )
        window.project.add_span(document.id, 0, 5, "actor")
    view = window.findChild(QWidget, "statistics-view")
    window.show_view(view)
    chart = view.findChild(QChartView, "statistics-documents")
    qtbot.waitUntil(lambda: bool(chart.chart().series()))
    [axis] = [a for a in chart.chart().axes() if a.metaObject().className() == "QBarCategoryAxis"]
    assert len(axis.categories()) == 21  # the top twenty and the others summed
    assert all(len(name) <= statistics_view.TITLE_WIDTH for name in axis.categories())  # long headlines cut
    qtbot.waitUntil(lambda: chart.chart().plotArea().height() > 0)
    # Each bar gets at least a line of text: QtCharts drops category names that would overlap.
    assert chart.chart().plotArea().height() / 21 >= chart.fontMetrics().height()
    assert "40 documents (0 done), 40 accepted spans, 0 suggestions, 0 links" in (
        view.findChild(QWidget, "statistics-summary").text()
    )


def test_the_note_column_is_wide_enough_for_its_notes(qtbot, window, doc) -> None:
    note = "selon des sources militaires"
    add_noted = window.project.add_span
    start = TEXT.index("la Russie")
    add_noted(doc, start, start + len("la Russie"), "actor", note=note)
    table = window.annotation_table
    qtbot.waitUntil(lambda: table.model().rowCount() == 1)
    header = table.horizontalHeader()
    assert header.model().headerData(2, Qt.Orientation.Horizontal) == "Note"
    width = table.fontMetrics().horizontalAdvance(note)
    qtbot.waitUntil(lambda: table.columnWidth(2) >= min(width, table.viewport().width() // 3))
    assert table.columnWidth(2) >= header.sectionSizeHint(2) - 1  # the header is never clipped


def test_the_link_picker_tells_two_identical_mentions_apart(qtbot, window) -> None:
    from PySide6.QtWidgets import QDialog, QListWidget

    text = (
        "La Corée du Nord a fourni à la Russie des obus.\n"
        "En échange, la Russie livre du pétrole à Pyongyang.\n"
    )
    document, _ = window.project.add_document("Deux mentions", text)
    first = text.index("la Russie")
    second = text.index("la Russie", first + 1)
    transfer = window.project.add_span(document.id, text.index("a fourni"), text.index(" des obus"), "transfer")
    ids = [window.project.add_span(document.id, s, s + len("la Russie"), "actor").id for s in (first, second)]
    window.open_document(document.id)
    window.select_span(transfer.id)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_L)
    [picker] = [p for p in window.findChildren(QDialog, "link-picker") if p.isVisible()]
    listing = picker.findChild(QListWidget, "link-picker-list")
    shown = {listing.item(i).data(Qt.ItemDataRole.UserRole): listing.item(i).text() for i in range(listing.count())}
    assert shown[ids[0]] != shown[ids[1]]
    assert shown[ids[0]] == "actor: la Russie — line 1: La Corée du Nord a fourni à [la Russie] des obus."
    assert shown[ids[1]] == "actor: la Russie — line 2: En échange, [la Russie] livre du pétrole à Pyongyang."
    assert "[la Russie] livre du pétrole" in listing.item(list(shown).index(ids[1])).toolTip()
    picker.reject()


def test_a_repaint_after_undo_covers_every_pixel_the_selected_outline_drew(qtbot, window, doc) -> None:
    from annotator.ui import span_painter

    reader = window.reader
    start = TEXT.index("La Russie aurait")  # the first line of the second paragraph: the outline rises above it
    span = window.project.add_span(doc, start, start + len("La Russie"), "actor")
    reader.select_span(span.id)
    reader.viewport().repaint()
    pieces = [p for p in reader.span_painter.last_plan.pieces if p.info.id == span.id and p.selected]
    assert pieces
    dx, dy = span_painter.SELECTED_OUTSET
    reach = span_painter.SELECTED_PEN_WIDTH / 2 + 1  # half the pen, and a pixel of antialiasing
    repainted = reader.span_painter.rect_for_range(span.start, span.end)
    assert repainted is not None
    for piece in pieces:
        drawn = piece.rect.adjusted(-dx - reach, -dy - reach, dx + reach, dy + reach).toAlignedRect()
        assert repainted.contains(drawn.intersected(reader.viewport().rect())), (drawn, repainted)
