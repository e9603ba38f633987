"""The agreement view through the real window: metrics, disagreements side by side, adjudication, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QCheckBox, QLabel, QListWidget, QPushButton, QTableWidget, QTextBrowser, QWidget

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "Selon l’ONU, la Corée du Nord 🚀 a fourni à la Russie des munitions d’artillerie.\n"


@pytest.fixture
def window(make_window):
    return make_window("judge")


@pytest.fixture
def doc(window):
    project = window.project
    document, _ = project.add_document("Corée", TEXT)

    def add(phrase: str, label: str, name: str) -> None:
        start = TEXT.index(phrase)
        project.add_span(document.id, start, start + len(phrase), label, annotator=name)

    add("la Corée du Nord", "actor", "alice")
    add("la Russie", "actor", "alice")
    add("la Corée du Nord", "actor", "bob")
    add("Russie", "actor", "bob")
    add("des munitions", "quantity", "bob")
    return document


def open_view(window) -> QWidget:
    view = window.findChild(QWidget, "agreement-view")
    window.findChild(type(window.menu("&View").actions()[0]), "action-show-agreement").trigger()
    return view


def cells(table: QTableWidget, row: int) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]


def test_metrics_per_label_and_overall(window, doc) -> None:
    view = open_view(window)
    table = view.findChild(QTableWidget, "agreement-table")
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["Label", "Spans alice", "Spans bob", "Exact F1", "Overlap F1", "Kappa", "Alpha"]
    rows = {cells(table, r)[0]: cells(table, r) for r in range(table.rowCount())}
    # actor: exact 2·1/(2+2) = 0.5; overlap 2·2/4 = 1.
    assert rows["actor"][:5] == ["actor", "2", "2", "0.500", "1.000"]
    # Overall: exact 2·1/(2+3) = 0.4, overlap 2·2/5 = 0.8; transfer: nothing to compare.
    assert rows["overall"][:5] == ["overall", "2", "3", "0.400", "0.800"]
    assert rows["transfer"][3:] == ["–", "–", "–", "–"]
    assert "2 disagreements" in view.findChild(QLabel, "agreement-message").text()


def test_choosing_labels_and_too_few_annotators(window, doc) -> None:
    view = open_view(window)
    view.set_choice(labels=["quantity"])
    assert view.compute()
    table = view.findChild(QTableWidget, "agreement-table")
    assert [cells(table, r)[0] for r in range(table.rowCount())] == ["quantity", "overall"]
    view.set_choice(annotators=["alice"])
    assert not view.compute()
    assert "at least two" in view.findChild(QLabel, "agreement-message").text()
    assert table.rowCount() == 0
    names = view.findChild(QListWidget, "agreement-annotators")
    assert [names.item(i).text() for i in range(names.count())] == ["alice", "bob"]


def test_activating_a_disagreement_shows_both_versions_and_opens_the_reader(qtbot, window, doc) -> None:
    view = open_view(window)
    places = view.findChild(QTableWidget, "agreement-disagreements")
    assert places.rowCount() == 2
    assert cells(places, 0)[2:] == ["boundary", "", "actor “la Russie”", "actor “Russie”"]
    places.setFocus()
    places.setCurrentCell(0, 0)
    qtbot.keyClick(places, Qt.Key.Key_Return)
    assert window.current_document_id() == doc.id
    assert window.project.span(window.reader.selected_span_id()).text == "la Russie"
    alice = view.findChild(QTextBrowser, "agreement-version-alice")
    bob = view.findChild(QTextBrowser, "agreement-version-bob")
    assert "alice: actor “la Russie”" in alice.toPlainText()
    assert "Corée du Nord 🚀 a fourni à la Russieactor des munitions" in bob.toPlainText()
    assert alice.isReadOnly() and bob.isReadOnly()


def test_keep_one_version_then_both_then_undo(window, doc) -> None:
    project = window.project
    view = open_view(window)
    places = view.findChild(QTableWidget, "agreement-disagreements")
    view.open_disagreement(0)
    view.findChild(QPushButton, "adjudicate-keep-bob").click()
    assert window.informed == []
    [gold] = project.spans(annotators=["gold"])
    assert (gold.text, gold.source, gold.status, gold.label) == ("Russie", "curation", "accepted", "actor")
    assert places.item(0, 3).text() == "yes"
    assert places.currentRow() == 1  # moved on to the next disagreement
    view.open_disagreement(0)
    view.findChild(QPushButton, "adjudicate-keep-all").click()
    assert sorted(s.text for s in project.spans(annotators=["gold"])) == ["Russie", "la Russie"]
    # Each adjudication is one undo step: back to bob's version, then to nothing.
    window.undo_stack.undo()
    assert [s.text for s in project.spans(annotators=["gold"])] == ["Russie"]
    window.undo_stack.undo()
    assert project.spans(annotators=["gold"]) == []
    window.undo_stack.redo()
    assert [s.text for s in project.spans(annotators=["gold"])] == ["Russie"]


def test_new_version_from_the_reader_selection(window, doc, monkeypatch) -> None:
    project = window.project
    view = open_view(window)
    view.open_disagreement(1)  # "des munitions": bob only
    monkeypatch.setattr(window, "choose_item", lambda title, label, items: "transfer")
    reader = window.reader
    start = TEXT.index("a fourni")
    end = TEXT.index("d’artillerie") + len("d’artillerie")
    offsets = reader.offset_map()
    cursor = reader.textCursor()
    cursor.setPosition(offsets.to_utf16(start))
    cursor.setPosition(offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    view.findChild(QPushButton, "adjudicate-new").click()
    [gold] = project.spans(annotators=["gold"])
    assert (gold.text, gold.label) == ("a fourni à la Russie des munitions d’artillerie", "transfer")
    # Without a selection nothing is written.
    cursor.clearSelection()
    reader.setTextCursor(cursor)
    assert not view.adjudicate_new()


def test_gold_counts_as_an_annotator_once_it_exists(window, doc) -> None:
    view = open_view(window)
    view.open_disagreement(0)
    view.findChild(QPushButton, "adjudicate-keep-alice").click()
    assert "Compute again" in view.findChild(QLabel, "agreement-message").text()
    view.set_choice(annotators=["alice", "gold"])
    assert view.compute()
    table = view.findChild(QTableWidget, "agreement-table")
    overall = cells(table, table.rowCount() - 1)
    # gold holds alice's "la Russie" only: 2·1/(2+1).
    assert overall[:4] == ["overall", "2", "1", "0.667"]


def test_only_the_open_document(window, doc) -> None:
    project = window.project
    other, _ = project.add_document("Autre", "Moscou et Pyongyang.\n")
    project.add_span(other.id, 0, 6, "actor", annotator="alice")
    view = open_view(window)
    view.findChild(QCheckBox, "agreement-current-document").setChecked(True)
    window.open_document(None)
    assert not view.compute()
    assert "no document is open" in view.findChild(QLabel, "agreement-message").text()
    window.open_document(other.id)
    assert view.compute()
    assert view.report.documents == (other.id,)
    # alice's "Moscou" against nothing from bob: 2·0/(1+0).
    assert view.report.overall.exact_f1 == 0.0
    view.findChild(QCheckBox, "agreement-current-document").setChecked(False)
    assert view.compute()
    assert view.report.documents == (doc.id, other.id)


def test_the_sample_project_compares_the_two_trainees_with_every_label(qtbot) -> None:
    """On first start the window and the CLI compare the same annotators: the trainees, not gold."""
    from annotator.services.samples import open_default_project
    from annotator.store.location import default_project_path
    from annotator.ui.main_window import MainWindow

    open_default_project().close()  # seeded with the sample articles, gold and the trainees
    window = MainWindow(default_project_path(), annotator="trainer", poll_interval_ms=0)
    qtbot.addWidget(window)
    window.show()
    view = open_view(window)
    names = view.findChild(QListWidget, "agreement-annotators")
    items = [names.item(i) for i in range(names.count())]
    checked = [item.text() for item in items if item.checkState() == Qt.CheckState.Checked]
    assert checked == ["camille", "sam"]
    assert "gold" in [names.item(i).text() for i in range(names.count())]
    table = view.findChild(QTableWidget, "agreement-table")
    rows = [cells(table, r) for r in range(table.rowCount())]
    assert [row[0] for row in rows] == ["actor", "transfer", "quantity", "assessment", "overall"]
    assert all(row[3] not in ("–", "1.000") for row in rows)  # real, imperfect agreement on every label
