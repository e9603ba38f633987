"""File → New from clipboard in the real window: plain text, copied HTML read as a page, identity by content."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TIP = "Selon une source à Séoul, 10\u00a0000 obus ont quitté Rajin.\nLe navire a été suivi jusqu’à Vostotchny.\n"

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def paste(qtbot, window) -> None:
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def test_pasted_text_becomes_a_document_once(qtbot, window) -> None:
    assert "action-new-from-clipboard" in [a.objectName() for a in window.menu("&File").actions()]
    QGuiApplication.clipboard().setText(TIP)
    paste(qtbot, window)
    [doc_id] = window.project.document_ids()
    document = window.project.document(doc_id)
    assert (document.title, document.text, document.source_path) == (
        "Selon une source à Séoul, 10\u00a0000 obus ont quitté Rajin.",
        TIP.rstrip("\n"),
        None,
    )
    assert window.current_document_id() == doc_id
    paste(qtbot, window)  # the same text again: already present
    assert window.project.document_ids() == [doc_id]
    assert "Already present" in window.statusBar().currentMessage()
    window.undo_stack.undo()  # the new document, undone
    assert window.project.document_ids() == []
    window.undo_stack.redo()
    assert window.project.document_ids() == [doc_id]  # back, with its id


def test_copied_html_is_read_as_a_web_page(qtbot, window) -> None:
    data = QMimeData()
    data.setHtml((FIXTURES / "news_page.html").read_text(encoding="utf-8"))
    data.setText("texte brut de la page, menus compris")
    QGuiApplication.clipboard().setMimeData(data)
    paste(qtbot, window)
    [doc_id] = window.project.document_ids()
    document = window.project.document(doc_id)
    assert document.title == "La Corée du Nord a livré plus d’un million d’obus à la Russie, selon Séoul"
    assert document.text.startswith(document.title + "\nLes services sud-coréens estiment")
    assert "S’abonner" not in document.text and "Sur le même sujet" not in document.text
    assert (document.metadata["date"], document.metadata["source"], document.metadata["author"]) == (
        "2024-10-30",
        "Le Monde.fr",
        "Philippe Mesmer",
    )


def test_an_empty_clipboard_makes_nothing(qtbot, window) -> None:
    QGuiApplication.clipboard().clear()
    paste(qtbot, window)
    assert window.project.document_ids() == []
    assert "Nothing pasted" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == 0
