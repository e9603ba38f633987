"""Review mode through the real window: A/R/C/M on the queue, moving on, filters, undo, export of the review."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QTableView, QWidget

from annotator.services.exporting import export_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "Selon l’ONU, la Corée du Nord 🚀 a fourni à la Russie des munitions d’artillerie.\n"


@pytest.fixture
def window(make_window):
    return make_window("rita")


@pytest.fixture
def spans(window) -> list[str]:
    project = window.project
    doc, _ = project.add_document("Corée", TEXT)
    ids = []
    for phrase, label, name in [
        ("l’ONU", "actor", "alice"),
        ("la Corée du Nord", "actor", "alice"),
        ("la Russie", "transfer", "bob"),
        ("des munitions", "quantity", "alice"),
    ]:
        start = TEXT.index(phrase)
        ids.append(project.add_span(doc.id, start, start + len(phrase), label, annotator=name).id)
    project.add_span(doc.id, 0, 5, "actor", annotator="alice", status="suggested")
    return ids


def open_review(qtbot, window) -> tuple[QWidget, QTableView]:
    view = window.findChild(QWidget, "review-view")
    window.findChild(type(window.menu("&View").actions()[0]), "action-show-review").trigger()
    table = view.findChild(QTableView, "review-table")
    qtbot.waitUntil(table.isVisible)
    table.setFocus()
    return view, table


def current_text(table: QTableView) -> str:
    return table.model().index(table.currentIndex().row(), 2).data()


def test_approve_and_reject_with_one_key_move_on_and_undo(qtbot, window, spans) -> None:
    project = window.project
    view, table = open_review(qtbot, window)
    # Accepted and unreviewed by default: the suggestion is not in the queue.
    assert view.queue() == spans
    assert view.findChild(QLabel, "review-count").text() == "4 spans"
    assert current_text(table) == "l’ONU"
    qtbot.keyClick(table, Qt.Key.Key_A)
    span = project.span(spans[0])
    assert (span.review, span.reviewer) == ("approved", "rita")
    # It left the "unreviewed" queue; the next span is current.
    assert view.queue() == spans[1:]
    assert current_text(table) == "la Corée du Nord"
    qtbot.keyClick(table, Qt.Key.Key_R)
    assert project.span(spans[1]).review == "rejected"
    assert current_text(table) == "la Russie"
    # Both are undoable, one step each.
    window.undo_stack.undo()
    assert project.span(spans[1]).review == "unreviewed"
    assert spans[1] in view.queue()
    window.undo_stack.undo()
    assert project.span(spans[0]).review == "unreviewed"


def test_the_keys_work_on_the_view_and_its_buttons_not_only_on_the_table(qtbot, window, spans) -> None:
    project = window.project
    view, _ = open_review(qtbot, window)
    qtbot.keyClick(view, Qt.Key.Key_R)  # sent to the review-view widget itself
    assert project.span(spans[0]).review == "rejected"
    qtbot.keyClick(view.findChild(QPushButton, "review-approve"), Qt.Key.Key_A)  # a button passes letters up
    assert project.span(spans[1]).review == "approved"
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # not with Ctrl
    assert project.span(spans[2]).review == "unreviewed"


def test_with_every_review_state_the_queue_keeps_the_span_and_advances(qtbot, window, spans) -> None:
    view, table = open_review(qtbot, window)
    view.findChild(QComboBox, "review-state").setCurrentText("(all)")
    view.select_row(0)
    qtbot.keyClick(table, Qt.Key.Key_A)
    assert view.queue() == spans
    assert view.current_span_id() == spans[1]
    assert table.model().index(0, 5).data() == "approved"


def test_filters(qtbot, window, spans) -> None:
    view, _ = open_review(qtbot, window)
    view.findChild(QComboBox, "review-annotator").setCurrentText("bob")
    assert view.queue() == [spans[2]]
    view.findChild(QComboBox, "review-annotator").setCurrentText("(all)")
    view.findChild(QComboBox, "review-label").setCurrentText("actor")
    assert view.queue() == spans[:2]
    view.findChild(QComboBox, "review-status").setCurrentText("suggested")
    assert len(view.queue()) == 1


def test_correct_relabels_opens_the_reader_and_approves(qtbot, window, spans, monkeypatch) -> None:
    project = window.project
    view, table = open_review(qtbot, window)
    view.select_row(2)  # "la Russie" tagged as a transfer by bob
    asked = []
    monkeypatch.setattr(window, "choose_item", lambda title, label, items: asked.append(list(items)) or "actor")
    qtbot.keyClick(table, Qt.Key.Key_C)
    assert asked[0][0] == "transfer"  # the current label comes first
    span = project.span(spans[2])
    assert (span.label, span.review, span.reviewer) == ("actor", "approved", "rita")
    assert window.reader.selected_span_id() == spans[2]
    window.undo_stack.undo()
    assert project.span(spans[2]).label == "transfer"
    # Cancelling leaves the span as it was, selected in the reader for boundary edits.
    monkeypatch.setattr(window, "choose_item", lambda *a: None)
    view.select_row(0)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_C)
    assert project.span(spans[0]).review == "unreviewed"
    assert window.reader.selected_span_id() == spans[0]


def test_comment_is_stored_and_exported(qtbot, window, spans, monkeypatch, tmp_path: Path) -> None:
    project = window.project
    view, table = open_review(qtbot, window)
    monkeypatch.setattr(window, "ask_text", lambda title, label, text="": "Trop court : « l’ONU » ✔")
    qtbot.keyClick(table, Qt.Key.Key_M)
    span = project.span(spans[0])
    assert (span.review_comment, span.reviewer, span.review) == ("Trop court : « l’ONU » ✔", "rita", "unreviewed")
    assert view.current_span_id() == spans[0]  # a comment does not move on
    view.findChild(QPushButton, "review-approve").click()
    out = tmp_path / "all.jsonl"
    export_project(project, "jsonl", out)
    exported = {
        s["id"]: s for line in out.read_text(encoding="utf-8").splitlines()[1:] for s in json.loads(line)["spans"]
    }
    assert exported[spans[0]]["review"] == "approved"
    assert exported[spans[0]]["review_comment"] == "Trop court : « l’ONU » ✔"
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert project.span(spans[0]).review_comment is None


def test_keys_with_nothing_to_review_do_nothing(qtbot, window) -> None:
    view, table = open_review(qtbot, window)
    assert view.queue() == []
    qtbot.keyClick(table, Qt.Key.Key_A)
    assert window.undo_stack.count() == 0
    assert "Nothing to review" in view.findChild(QLabel, "review-context").text()


def test_ctrl_shift_r_opens_the_queue_from_the_reader_with_the_keyboard(qtbot, window, spans) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.open_document(window.project.documents()[0].id)
    window.reader.setFocus()
    view = window.findChild(QWidget, "review-view")
    table = view.findChild(QTableView, "review-table")
    assert not table.isVisible()
    qtbot.keyClick(window.reader, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(table.isVisible)
    qtbot.waitUntil(table.hasFocus)
    assert view.queue() == spans
