"""The reader shows where each page of an imported PDF starts, and a span's page in its tooltip."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor
from tests.formats.pdf_samples import TITLE, two_column_report

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def show_offset(qtbot, reader, offset: int) -> None:
    cursor = reader.textCursor()
    cursor.setPosition(reader.to_utf16(offset))
    reader.setTextCursor(cursor)
    reader.centerCursor()
    reader.viewport().repaint()


def test_page_starts_are_marked_in_the_reader(qtbot, window, tmp_path: Path) -> None:
    report = window.import_files([two_column_report(tmp_path / "note.pdf")])
    assert report is not None and report.documents[0][1] == TITLE
    doc_id = report.documents[0][0]
    reader = window.reader
    assert reader.document_id() == doc_id
    starts = window.project.document(doc_id).metadata["page_starts"]
    assert reader.page_marks.starts == starts
    show_offset(qtbot, reader, starts[1])
    [(_page, rect)] = [(page, rect) for page, rect in reader.page_marks.drawn if page == 2]
    assert reader.viewport().rect().contains(rect.toRect())
    # The mark is drawn where page 2's first character is.
    cursor_rect = reader.cursorRect(reader.textCursor())
    assert abs(rect.top() - cursor_rect.top()) <= 2
    # Hovering shows the page, with the spans there.
    text = reader.text()
    start = text.index("Washington")
    window.project.add_span(doc_id, start, start + len("Washington"), "actor", annotator="tester")
    cursor = reader.textCursor()
    cursor.setPosition(reader.to_utf16(start + 2))
    reader.setTextCursor(cursor)
    rect = reader.cursorRect(cursor)
    tip = reader.tooltip_at(QPoint(rect.center().x() + 2, rect.center().y()))
    assert "page 2" in tip and "actor" in tip
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    reader.setTextCursor(cursor)
    assert reader.tooltip_at(reader.cursorRect(cursor).center()).startswith("<i>page 1</i>")


def test_a_document_without_pages_has_no_marks(qtbot, window) -> None:
    document, _ = window.project.add_document("Brève", "Moscou a livré des drones.\n")
    window.open_document(int(document.id or 0))
    window.reader.viewport().repaint()
    assert window.reader.page_marks.starts == [] and window.reader.page_marks.drawn == []
