"""The example browser through the real window: rows in context, sorting, filters, activation, handouts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QTableView, QWidget

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

FIRST = "Selon l’ONU, la Corée du Nord 🚀 a fourni à la Russie des munitions d’artillerie.\n"
SECOND = "Pyongyang dément ; <b>Moscou</b> & la Corée du Nord auraient signé un accord.\n"


@pytest.fixture
def corpus(window) -> dict[str, str]:
    project = window.project
    first, _ = project.add_document("Premier", FIRST)
    second, _ = project.add_document("Second", SECOND)
    ids = {}
    for doc, phrase, name, status in [
        (first, "la Corée du Nord", "alice", "accepted"),
        (first, "la Russie", "bob", "accepted"),
        (second, "Pyongyang", "alice", "accepted"),
        (second, "<b>Moscou</b>", "bob", "accepted"),
        (second, "la Corée du Nord", "bob", "suggested"),
    ]:
        start = doc.text.index(phrase)
        ids[phrase + name] = project.add_span(
            doc.id, start, start + len(phrase), "actor", annotator=name, status=status
        ).id
    return ids


def open_examples(window) -> tuple[QWidget, QTableView]:
    view = window.findChild(QWidget, "examples-view")
    window.show_view(view)
    view.findChild(QComboBox, "examples-label").setCurrentText("actor")
    return view, view.findChild(QTableView, "examples-table")


def column(table: QTableView, col: int) -> list[str]:
    model = table.model()
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_rows_in_context_and_alignment(window, corpus) -> None:
    view, table = open_examples(window)
    # Sorted by document (then position); the suggestion is not shown by default.
    assert column(table, 1) == ["la Corée du Nord", "la Russie", "Pyongyang", "<b>Moscou</b>"]
    assert column(table, 0)[1] == "Selon l’ONU, la Corée du Nord 🚀 a fourni à "
    assert column(table, 2)[1] == " des munitions d’artillerie."
    assert table.model().index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert view.findChild(QLabel, "examples-count").text() == "4 examples"


def test_sorting_by_context_words(window, corpus) -> None:
    _, table = open_examples(window)
    # Left context by the words nearest the span, accents and case ignored:
    # "" < "a fourni" (à) < "dement pyongyang" < "onu l selon".
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert column(table, 1) == ["Pyongyang", "la Russie", "<b>Moscou</b>", "la Corée du Nord"]
    # Right context: "a fourni" < "dement" < "des munitions" < "la coree".
    table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert column(table, 1) == ["la Corée du Nord", "Pyongyang", "la Russie", "<b>Moscou</b>"]
    table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    assert column(table, 4) == ["bob", "bob", "alice", "alice"]


def test_filters_by_annotator_and_status(window, corpus) -> None:
    view, table = open_examples(window)
    view.findChild(QComboBox, "examples-annotator").setCurrentText("bob")
    assert sorted(column(table, 1)) == ["<b>Moscou</b>", "la Russie"]
    view.findChild(QComboBox, "examples-status").setCurrentText("suggested")
    assert column(table, 1) == ["la Corée du Nord"]
    assert column(table, 5) == ["suggested"]


def test_activating_a_row_opens_the_document_at_the_span(qtbot, window, corpus) -> None:
    _, table = open_examples(window)
    table.setFocus()
    table.setCurrentIndex(table.model().index(2, 1))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.reader.selected_span_id() == corpus["Pyongyangalice"]
    assert window.current_document_id() == window.project.span(corpus["Pyongyangalice"]).document_id


def test_refreshes_on_project_changes(window, corpus) -> None:
    _, table = open_examples(window)
    window.project.delete_span(corpus["la Russiebob"])
    assert "la Russie" not in column(table, 1)


def test_export_selected_rows_as_html_and_markdown(window, corpus, monkeypatch, tmp_path: Path) -> None:
    view, table = open_examples(window)
    selection = table.selectionModel()
    for row in (1, 3):
        selection.select(
            table.model().index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    monkeypatch.setattr(window, "choose_save_path", lambda title, suggested, file_filter="": tmp_path / "actor.html")
    path = view.export_dialog()
    content = path.read_text(encoding="utf-8")
    assert "la Russie" in content and "&lt;b&gt;Moscou&lt;/b&gt;" in content
    assert "Pyongyang</td>" not in content  # not selected
    assert "A state, organisation" in content  # the label's guideline
    monkeypatch.setattr(window, "choose_save_path", lambda *a: tmp_path / "actor")
    selection.clearSelection()
    md = view.export_dialog()
    assert md.suffix == ".md"
    assert md.read_text(encoding="utf-8").count("\n| ") == 1 + 4  # header + every row when none is selected
    monkeypatch.setattr(window, "choose_save_path", lambda *a: None)
    assert view.export_dialog() is None
