"""The transfers table in the real window: rows from the seed article, filter, sort, export, activation
opens the document at the span, and document date and source edited in place or in Document → Properties."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QPushButton, QTableView, QWidget

from annotator.services.importing import import_paths
from annotator.ui.views import transfers as transfers_view

# Showing a window on the offscreen platform logs this harmless warning.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SEED = Path(__file__).resolve().parents[2] / "sample_docs" / "coree-russie-industrie-defense.txt"
HEADERS = [
    "Supplier",
    "Recipient",
    "What",
    "Amount",
    "Status",
    "Assessments",
    "Sentence",
    "Document",
    "Date",
    "Source",
    "Annotator",
]


@pytest.fixture
def seed(window) -> dict:
    """The seed article with two transfers linked by hand, and a second document with one more."""
    project = window.project
    doc_id = import_paths(project, [SEED]).documents[0][0]
    other, _ = project.add_document("Brève", "Moscou a livré 😀 des drones à Pyongyang.\n")

    def tag(document_id: int, phrase: str, label: str, after: str = "", **fields) -> str:
        text = project.document_text(document_id)
        start = text.index(phrase, text.index(after) if after else 0)
        return project.add_span(document_id, start, start + len(phrase), label, expected_text=phrase, **fields).id

    dprk = project.add_entity("Corée du Nord")
    ids = {
        "doc": doc_id,
        "other": other.id,
        "t1": tag(doc_id, "fourni à la Russie des munitions d’artillerie", "transfer"),
        "t2": tag(doc_id, "acquis d’importantes quantités de produits pétroliers russes", "transfer"),
        "t3": tag(other.id, "a livré 😀 des drones", "transfer"),
    }
    supplier = tag(doc_id, "la Corée du Nord", "actor", after="Outre les troupes", entity_id=dprk.id)
    project.add_link(ids["t1"], supplier, "supplier")
    project.add_link(ids["t1"], tag(doc_id, "la Russie", "actor", after="a fourni à"), "recipient")
    project.add_link(ids["t2"], tag(doc_id, "les pétroliers nord-coréens", "actor", entity_id=dprk.id), "recipient")
    project.add_link(ids["t2"], tag(doc_id, "le million de barils", "quantity"), "amount")
    assessment = tag(doc_id, "Les experts craignent", "assessment")
    project.add_link(assessment, ids["t1"], "about")
    project.set_attribute(assessment, "confidence", "high")
    project.add_link(ids["t3"], tag(other.id, "Moscou", "actor"), "supplier")
    project.add_link(ids["t3"], tag(other.id, "Pyongyang", "actor", entity_id=dprk.id), "recipient")
    project.update_document(doc_id, metadata={"date": "2024-11-21", "source": "Japan Times"})
    table = window.findChild(QTableView, "transfers-table")
    window.findChild(transfers_view.TransfersView).refresh()
    assert table.model().rowCount() == 3
    return ids


def cells(table: QTableView, column: str) -> list[str]:
    model = table.model()
    col = HEADERS.index(column)
    return [model.index(row, col).data() for row in range(model.rowCount())]


def test_rows_shown_as_the_fixture_says(qtbot, window, seed) -> None:
    table = window.findChild(QTableView, "transfers-table")
    model = table.model()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == HEADERS
    assert cells(table, "Supplier") == ["Corée du Nord", "", "Moscou"]
    assert cells(table, "Recipient") == ["la Russie", "Corée du Nord", "Corée du Nord"]
    assert cells(table, "What") == [
        "fourni à la Russie des munitions d’artillerie",
        "acquis d’importantes quantités de produits pétroliers russes",
        "a livré 😀 des drones",
    ]
    assert cells(table, "Amount") == ["", "le million de barils", ""]
    assert cells(table, "Assessments") == ["Les experts craignent (high)", "", ""]
    assert cells(table, "Date") == ["2024-11-21", "2024-11-21", ""]
    assert cells(table, "Source") == ["Japan Times", "Japan Times", ""]
    assert cells(table, "Sentence")[2] == "Moscou a livré 😀 des drones à Pyongyang."
    assert cells(table, "Annotator") == ["tester", "tester", "tester"]
    assert window.findChild(QLabel, "transfers-count").text() == "3 transfers"


def test_filter_and_sort(qtbot, window, seed) -> None:
    table = window.findChild(QTableView, "transfers-table")
    box = window.findChild(QLineEdit, "transfers-filter")
    qtbot.keyClicks(box, "japan")
    assert cells(table, "What") == [
        "fourni à la Russie des munitions d’artillerie",
        "acquis d’importantes quantités de produits pétroliers russes",
    ]
    assert window.findChild(QLabel, "transfers-count").text() == "2 of 3"
    box.clear()
    qtbot.keyClicks(box, "MOSCOU")
    assert cells(table, "What") == ["a livré 😀 des drones"]
    box.clear()
    window.show_view(window.findChild(transfers_view.TransfersView))
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(HEADERS.index("Supplier")) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert cells(table, "Supplier") == ["", "Corée du Nord", "Moscou"]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert cells(table, "Supplier") == ["Moscou", "Corée du Nord", ""]


def test_activating_a_row_opens_the_document_at_the_span(qtbot, window, seed) -> None:
    table = window.findChild(QTableView, "transfers-table")
    window.show_view(window.findChild(transfers_view.TransfersView))
    window.open_document(seed["doc"])
    table.setFocus()
    table.setCurrentIndex(table.model().index(2, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.current_document_id() == seed["other"]
    assert window.reader.selected_span_id() == seed["t3"]
    index = table.model().index(1, 2)
    rect = table.visualRect(index)
    # A double click as the platform delivers it: a click, then the second press as a double click.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_document_id() == seed["doc"]
    assert window.reader.selected_span_id() == seed["t2"]


def test_export_buttons_write_the_rows_as_shown(qtbot, window, seed, tmp_path: Path, monkeypatch) -> None:
    targets = {"csv": tmp_path / "t.csv", "jsonl": tmp_path / "t.jsonl"}
    monkeypatch.setattr(transfers_view, "ask_export_path", lambda parent, fmt: str(targets[fmt]))
    qtbot.keyClicks(window.findChild(QLineEdit, "transfers-filter"), "japan")
    qtbot.mouseClick(window.findChild(QPushButton, "transfers-export-csv"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.findChild(QPushButton, "transfers-export-jsonl"), Qt.MouseButton.LeftButton)
    with targets["csv"].open(encoding="utf-8-sig", newline="") as fh:
        records = list(csv.DictReader(fh))
    assert [r["what"] for r in records] == [
        "fourni à la Russie des munitions d’artillerie",
        "acquis d’importantes quantités de produits pétroliers russes",
    ]
    assert records[0]["assessments"] == "Les experts craignent (high)"
    lines = [json.loads(line) for line in targets["jsonl"].read_text(encoding="utf-8").splitlines()]
    assert [line["span_id"] for line in lines] == [seed["t1"], seed["t2"]]
    assert "Exported 2 transfers" in window.statusBar().currentMessage()


def test_export_cancelled_writes_nothing(qtbot, window, seed, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(transfers_view, "ask_export_path", lambda parent, fmt: None)
    qtbot.mouseClick(window.findChild(QPushButton, "transfers-export-csv"), Qt.MouseButton.LeftButton)
    assert list(tmp_path.glob("*.csv")) == []


def test_date_edited_in_the_table_and_undone(qtbot, window, seed) -> None:
    project = window.project
    table = window.findChild(QTableView, "transfers-table")
    view = window.findChild(transfers_view.TransfersView)
    window.show_view(view)
    index = table.model().index(2, HEADERS.index("Date"))
    table.setFocus()
    table.setCurrentIndex(index)
    qtbot.keyClick(table, "2")  # typing in a date cell starts editing it
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "2"
    qtbot.keyClicks(editor, "024-12-01")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on the next turn of the event loop.
    qtbot.waitUntil(lambda: project.document(seed["other"]).metadata == {"date": "2024-12-01"}, timeout=1000)
    qtbot.waitUntil(lambda: cells(table, "Date")[2] == "2024-12-01", timeout=1000)
    window.undo_stack.undo()
    assert project.document(seed["other"]).metadata == {}
    view.refresh()
    assert cells(table, "Date")[2] == ""


def test_document_properties_dialog(qtbot, window, seed) -> None:
    project = window.project
    window.show_view(window.findChild(transfers_view.TransfersView))
    window.open_document(seed["other"])
    assert "action-document-properties" in [a.objectName() for a in window.menu("&Document").actions()]
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
    [dialog] = [d for d in window.findChildren(QDialog, "document-properties") if d.isVisible()]
    qtbot.keyClicks(dialog.findChild(QLineEdit, "document-date"), "2024-10-30")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "document-source"), "Yonhap")
    dialog.findChild(QLineEdit, "document-title").setText("Brève Yonhap")
    qtbot.keyClick(dialog.findChild(QLineEdit, "document-source"), Qt.Key.Key_Return)
    document = project.document(seed["other"])
    assert (document.title, document.metadata) == ("Brève Yonhap", {"date": "2024-10-30", "source": "Yonhap"})
    table = window.findChild(QTableView, "transfers-table")
    qtbot.waitUntil(lambda: cells(table, "Source")[2] == "Yonhap", timeout=1000)
    assert cells(table, "Document")[2] == "Brève Yonhap"
    window.undo_stack.undo()  # one step for the whole dialog
    document = project.document(seed["other"])
    assert (document.title, document.metadata) == ("Brève", {})


def test_table_follows_edits_of_links(qtbot, window, seed, monkeypatch) -> None:
    project = window.project
    table = window.findChild(QTableView, "transfers-table")
    view = window.findChild(transfers_view.TransfersView)
    window.show_view(view)
    [link] = [lk for lk in project.links(seed["other"]) if lk.role == "supplier"]
    project.delete_link(link.id)
    qtbot.waitUntil(lambda: cells(table, "Supplier")[2] == "", timeout=1000)
    # Hidden, it computes nothing and catches up when shown.
    window.show_view(window.findChild(QWidget, "links-view"))  # another tab in front
    assert not view.isVisible()
    recipient = project.links(seed["other"])[0].to_span
    project.add_link(seed["t3"], recipient, "supplier")
    assert cells(table, "Supplier")[2] == ""
    window.show_view(view)
    assert cells(table, "Supplier")[2] == "Corée du Nord"
    # Shown, a small table follows at once.
    project.delete_link(project.links(seed["other"])[-1].id)
    assert cells(table, "Supplier")[2] == ""
    project.add_link(seed["t3"], recipient, "supplier")
    assert cells(table, "Supplier")[2] == "Corée du Nord"
    project.delete_link(project.links(seed["other"])[-1].id)
    assert cells(table, "Supplier")[2] == ""
    monkeypatch.setattr(transfers_view, "INSTANT_REFRESH_SECONDS", 0.0)
    # Shown, it is rebuilt once per burst of changes, on the next turn of the event loop.
    project.add_link(seed["t3"], recipient, "supplier")
    assert cells(table, "Supplier")[2] == ""
    qtbot.waitUntil(lambda: cells(table, "Supplier")[2] == "Corée du Nord", timeout=1000)
