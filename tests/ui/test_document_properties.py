"""Document → Properties in the real window: what a saved page said, shown and corrected, each change undoable."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def open_properties(qtbot, window) -> QDialog:
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
    [dialog] = [d for d in window.findChildren(QDialog, "document-properties") if d.isVisible()]
    return dialog


def field(dialog: QDialog, name: str) -> QLineEdit:
    edit = dialog.findChild(QLineEdit, name)
    assert edit is not None, name
    return edit


def test_a_saved_page_s_metadata_is_shown_and_edited(qtbot, window) -> None:
    report = window.import_files([FIXTURES / "news_page.html"])
    assert report is not None and report.new_documents == 1
    doc_id = report.documents[0][0]
    assert window.current_document_id() == doc_id
    dialog = open_properties(qtbot, window)
    assert field(dialog, "document-author").text() == "Philippe Mesmer"
    assert field(dialog, "document-date").text() == "2024-10-30"
    assert field(dialog, "document-source").text() == "Le Monde.fr"
    assert field(dialog, "document-url").text().startswith("https://www.lemonde.fr/international/article/2024/10/30/")
    assert dialog.findChild(QLabel, "document-file").text().endswith("news_page.html")
    field(dialog, "document-source").setText("Le Monde")
    field(dialog, "document-author").setText("Philippe Mesmer (Tokyo)")
    field(dialog, "document-date").setText("2024-10-31T08:00:00+01:00")
    qtbot.keyClick(field(dialog, "document-url"), Qt.Key.Key_Return)
    metadata = window.project.document(doc_id).metadata
    assert (metadata["source"], metadata["author"], metadata["date"]) == (
        "Le Monde",
        "Philippe Mesmer (Tokyo)",
        "2024-10-31T08:00:00+01:00",
    )
    window.undo_stack.undo()  # one step for the whole dialog
    metadata = window.project.document(doc_id).metadata
    restored = (metadata["source"], metadata["author"], metadata["date"])
    assert restored == ("Le Monde.fr", "Philippe Mesmer", "2024-10-30")
    window.undo_stack.redo()
    assert window.project.document(doc_id).metadata["source"] == "Le Monde"


def test_a_date_that_is_none_is_refused_and_nothing_stored(qtbot, window) -> None:
    document, _ = window.project.add_document("Brève", "Moscou a livré des drones à Pyongyang.\n")
    window.open_document(int(document.id or 0))
    dialog = open_properties(qtbot, window)
    field(dialog, "document-date").setText("la semaine dernière")
    field(dialog, "document-author").setText("Élise")
    qtbot.keyClick(field(dialog, "document-author"), Qt.Key.Key_Return)
    assert dialog.isVisible()  # still open, to correct the date
    assert window.project.document(int(document.id or 0)).metadata == {}
    assert window.undo_stack.count() == 0
    field(dialog, "document-date").setText("")
    field(dialog, "document-url").setText("https://example.org/breve")
    qtbot.keyClick(field(dialog, "document-url"), Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert window.project.document(int(document.id or 0)).metadata == {
        "author": "Élise",
        "url": "https://example.org/breve",
    }
