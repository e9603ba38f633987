"""The window never shows a stale project: another program's writes are picked up whatever the window wrote
in between, and every key on a span another program deleted says so instead of failing.

The other program is the real command line in a child process (``python -m annotator spans add/delete``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QListWidget, QPushButton, QTableView, QWidget
from tests.monkey.invariants import database_problems, panel_problems, reader_spans
from tests.processes import run_cli

from annotator.store.project import Project
from annotator.ui.main_window import MainWindow

pytestmark = [pytest.mark.qt_log_ignore("propagateSizeHints"), pytest.mark.slow]

TEXT = (
    "Selon l’ONU, la Corée du Nord 🇰🇵 a fourni à la Russie des munitions d’artillerie.\n"
    "Plus de 10\u00a0000 soldats 👩‍👩‍👧 nord-coréens sont déployés ; les experts estiment que c’est un risque.\n"
)
OTHER = "Moscou et Pyongyang ont signé un accord 😀 de défense mutuelle en juin.\n"
GONE = "this span was deleted elsewhere"


@pytest.fixture
def docs(db_path: Path) -> dict[str, int]:
    with Project(db_path) as project:
        first, _ = project.add_document("Corée", TEXT)
        second, _ = project.add_document("Accord", OTHER)
    return {"first": int(first.id), "second": int(second.id)}


@pytest.fixture
def make_window(qtbot, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., MainWindow]]:
    made: list[MainWindow] = []

    def make(path: Path) -> MainWindow:
        window = MainWindow(path, annotator="tester", poll_interval_ms=0)
        window.informed = []  # type: ignore[attr-defined]
        monkeypatch.setattr(window, "inform", lambda title, text, **_: window.informed.append((title, text)))
        monkeypatch.setattr(window, "ask", lambda *a, **k: None)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):
            window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()


def cli(db_path: Path, *args: str) -> str:
    """Run the command line on the project in a child process; its standard output."""
    result = run_cli("spans", "--db", str(db_path), *args)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def cli_add(db_path: Path, doc: int, phrase: str, label: str = "actor") -> str:
    start = TEXT.index(phrase) if phrase in TEXT else OTHER.index(phrase)
    return cli(
        db_path,
        "add",
        "--doc",
        str(doc),
        "--start",
        str(start),
        "--end",
        str(start + len(phrase)),
        "--label",
        label,
        "--annotator",
        "cli",
    )


def select_phrase(window: MainWindow, phrase: str) -> None:
    start = window.reader.text().index(phrase)
    cursor = window.reader.textCursor()
    cursor.setPosition(window.reader.to_utf16(start))
    cursor.setPosition(window.reader.to_utf16(start + len(phrase)), QTextCursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)


def tag(qtbot, window: MainWindow, phrase: str, key: Qt.Key = Qt.Key.Key_1) -> None:
    select_phrase(window, phrase)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, key)


def converged(window: MainWindow, db_path: Path) -> list[str]:
    return database_problems(db_path) + panel_problems(window, db_path)


# -- 1. a local edit never swallows another program's change ----------------------------------------------


def test_a_span_added_by_the_command_line_survives_a_window_edit_before_the_poll(
    qtbot, make_window, db_path: Path, docs
) -> None:
    window = make_window(db_path)
    window.open_document(docs["first"])
    added = cli_add(db_path, docs["first"], "la Russie")
    tag(qtbot, window, "la Corée du Nord")  # the window writes before its next poll
    assert window.poll_external_changes()
    assert added in reader_spans(window)
    assert converged(window, db_path) == []
    # Tab reaches the command line's span like any other.
    window.reader.select_span(None)
    cursor = window.reader.textCursor()
    cursor.setPosition(0)
    window.reader.setTextCursor(cursor)
    seen = []
    for _ in range(3):
        qtbot.keyClick(window.reader, Qt.Key.Key_Tab)
        seen.append(window.reader.selected_span_id())
    assert added in seen


def test_a_span_deleted_by_the_command_line_goes_from_every_panel_despite_window_edits(
    qtbot, make_window, db_path: Path, docs
) -> None:
    window = make_window(db_path)
    window.open_document(docs["first"])
    doomed = cli_add(db_path, docs["first"], "la Russie")
    assert window.poll_external_changes()
    window.reader.select_span(doomed)
    cli(db_path, "delete", doomed)
    # Edits in two documents, an undo and a redo, all before the poll.
    tag(qtbot, window, "la Corée du Nord")
    window.open_document(docs["second"])
    tag(qtbot, window, "Moscou")
    assert window.undo() and window.redo()
    window.open_document(docs["first"])
    assert window.poll_external_changes()
    assert doomed not in reader_spans(window)
    assert converged(window, db_path) == []
    # Tab never lands on the ghost.
    for _ in range(4):
        qtbot.keyClick(window.reader, Qt.Key.Key_Tab)
        assert window.reader.selected_span_id() != doomed
    assert not window.poll_external_changes()  # nothing more to tell


def test_the_document_list_counts_follow_the_command_line_through_window_edits(
    qtbot, make_window, db_path: Path, docs
) -> None:
    window = make_window(db_path)
    window.open_document(docs["first"])
    cli_add(db_path, docs["second"], "Pyongyang")
    cli_add(db_path, docs["second"], "Moscou")
    tag(qtbot, window, "la Russie")
    window.open_document(docs["second"])  # opening reads the document, not the other program's counts
    assert window.poll_external_changes()
    assert converged(window, db_path) == []
    assert window.document_model.summary(docs["second"]).span_count == 2


def test_a_second_window_s_write_is_seen_after_the_first_window_wrote(qtbot, make_window, db_path: Path, docs) -> None:
    first = make_window(db_path)
    second = make_window(db_path)
    tag(qtbot, second, "la Russie")
    tag(qtbot, first, "la Corée du Nord")
    assert first.poll_external_changes()
    assert second.poll_external_changes()
    assert converged(first, db_path) == [] and converged(second, db_path) == []


# -- 2. keys on a span another program deleted -------------------------------------------------------------


def ready_on_deleted_span(qtbot, window: MainWindow, db_path: Path, docs, phrase: str, label: str = "actor") -> str:
    """A span of the window's, selected in the reader, then deleted by the command line (no poll yet)."""
    window.open_document(docs["first"])
    select_phrase(window, phrase)
    assert window.tag_with_label(label)
    span_id = window.reader.selected_span_id()
    assert span_id is not None
    cli(db_path, "delete", span_id)
    window.reader.setFocus()
    return span_id


def said_gone(window: MainWindow) -> bool:
    return GONE in window.statusBar().currentMessage()


def check_refused(window: MainWindow, db_path: Path, span_id: str, caplog: pytest.LogCaptureFixture) -> None:
    assert said_gone(window), window.statusBar().currentMessage()
    assert window.reader.selected_span_id() != span_id
    assert window.informed == []  # a status message, not a box
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    assert converged(window, db_path) == []  # the window caught up with the deletion at once


KEYS: dict[str, tuple[Qt.Key, Qt.KeyboardModifier]] = {
    "relabel": (Qt.Key.Key_2, Qt.KeyboardModifier.NoModifier),
    "delete": (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
    "note": (Qt.Key.Key_N, Qt.KeyboardModifier.NoModifier),
    "note-f2": (Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier),
    "start-left": (Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier),
    "start-right": (Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier),
    "end-left": (Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier),
    "end-right": (Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier),
    "link": (Qt.Key.Key_L, Qt.KeyboardModifier.NoModifier),
    "entity": (Qt.Key.Key_E, Qt.KeyboardModifier.NoModifier),
    "attribute": (Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier),
    "attribute-clear": (Qt.Key.Key_0, Qt.KeyboardModifier.AltModifier),
}


@pytest.mark.parametrize("key", list(KEYS))
def test_a_key_on_a_span_deleted_elsewhere_says_so(
    qtbot, make_window, db_path: Path, docs, key: str, caplog: pytest.LogCaptureFixture
) -> None:
    window = make_window(db_path)
    window.open_document(docs["first"])
    select_phrase(window, "la Russie")
    assert window.tag_with_label("actor")  # something to link to
    # A transfer has an attribute (status) and links (supplier, recipient, amount); an actor takes an entity.
    label, phrase = ("actor", "la Corée du Nord") if key == "entity" else ("transfer", "a fourni")
    span_id = ready_on_deleted_span(qtbot, window, db_path, docs, phrase, label)
    caplog.clear()
    qtbot.keyClick(window.reader, KEYS[key][0], KEYS[key][1])
    check_refused(window, db_path, span_id, caplog)


@pytest.mark.parametrize("accept", [True, False])
def test_accepting_a_suggestion_deleted_elsewhere_says_so(
    qtbot, make_window, db_path: Path, docs, accept: bool, caplog: pytest.LogCaptureFixture
) -> None:
    with Project(db_path) as other:
        start = TEXT.index("la Russie")
        suggestion = other.add_span(docs["first"], start, start + 9, "actor", status="suggested", source="propagation")
    window = make_window(db_path)
    window.open_document(docs["first"])
    window.reader.select_span(suggestion.id)
    assert window.reader.selected_span_id() == suggestion.id
    cli(db_path, "delete", suggestion.id)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Return if accept else Qt.Key.Key_Backspace)
    check_refused(window, db_path, suggestion.id, caplog)


def test_a_label_button_on_a_span_deleted_elsewhere_says_so(
    qtbot, make_window, db_path: Path, docs, caplog: pytest.LogCaptureFixture
) -> None:
    window = make_window(db_path)
    span_id = ready_on_deleted_span(qtbot, window, db_path, docs, "la Russie")
    window.tag_with_label("transfer")
    check_refused(window, db_path, span_id, caplog)


@pytest.mark.parametrize("how", ["enter", "delete", "click"])
def test_the_span_table_on_a_row_deleted_elsewhere_says_so(
    qtbot, make_window, db_path: Path, docs, how: str, caplog: pytest.LogCaptureFixture
) -> None:
    window = make_window(db_path)
    span_id = ready_on_deleted_span(qtbot, window, db_path, docs, "la Russie")
    table = window.findChild(QTableView, "annotation-table")
    table.setFocus()
    index = table.model().index(0, 1)
    table.setCurrentIndex(index)
    if how == "click":
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
    else:
        qtbot.keyClick(table, Qt.Key.Key_Return if how == "enter" else Qt.Key.Key_Delete)
    check_refused(window, db_path, span_id, caplog)


@pytest.mark.parametrize("key", ["A", "R", "C", "M"])
def test_a_review_key_on_a_span_deleted_elsewhere_says_so(
    qtbot, make_window, db_path: Path, docs, key: str, caplog: pytest.LogCaptureFixture
) -> None:
    from annotator.ui.views.review import ReviewView

    window = make_window(db_path)
    window.open_document(docs["first"])
    select_phrase(window, "la Russie")
    assert window.tag_with_label("actor")
    span_id = window.reader.selected_span_id()
    review = window.findChild(ReviewView, "review-view")
    window.show_view(review)
    review.refresh()
    review.select_row(review.queue().index(span_id))
    cli(db_path, "delete", span_id)
    review.table.setFocus()
    qtbot.keyClick(review.table, getattr(Qt.Key, f"Key_{key}"))
    assert said_gone(window), window.statusBar().currentMessage()
    assert window.informed == []
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert span_id not in review.queue()
    assert converged(window, db_path) == []


def test_a_link_picker_open_when_its_span_is_deleted_elsewhere_says_so(
    qtbot, make_window, db_path: Path, docs, caplog: pytest.LogCaptureFixture
) -> None:
    from annotator.ui.views.links import LinkPicker

    window = make_window(db_path)
    window.open_document(docs["first"])
    select_phrase(window, "la Russie")
    assert window.tag_with_label("actor")
    select_phrase(window, "a fourni")
    assert window.tag_with_label("transfer")
    source = window.reader.selected_span_id()
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_L)
    picker = window.findChild(LinkPicker, "link-picker")
    assert picker is not None and picker.isVisible()
    cli(db_path, "delete", source)
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)  # the first candidate; then the role, if asked
    if picker.isVisible():
        qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert said_gone(window), window.statusBar().currentMessage()
    assert not picker.isVisible()
    assert window.informed == []
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert converged(window, db_path) == []


def test_an_entity_picker_open_when_its_span_is_deleted_elsewhere_says_so(
    qtbot, make_window, db_path: Path, docs, caplog: pytest.LogCaptureFixture
) -> None:
    from annotator.ui.views.entities import EntityPicker

    window = make_window(db_path)
    window.open_document(docs["first"])
    select_phrase(window, "la Russie")
    assert window.tag_with_label("actor")
    span_id = window.reader.selected_span_id()
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_E)
    picker = window.findChild(EntityPicker, "entity-picker")
    assert picker is not None and picker.isVisible()
    cli(db_path, "delete", span_id)
    qtbot.keyClicks(picker.filter, "Russia")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert said_gone(window), window.statusBar().currentMessage()
    assert window.informed == []
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert converged(window, db_path) == []
    with Project(db_path) as project:
        assert project.entities() == []  # the entity made for it went back too


def test_a_note_editor_open_when_its_span_is_deleted_elsewhere_says_so(
    qtbot, make_window, db_path: Path, docs, caplog: pytest.LogCaptureFixture
) -> None:
    window = make_window(db_path)
    window.open_document(docs["first"])
    select_phrase(window, "la Russie")
    assert window.tag_with_label("actor")
    span_id = window.reader.selected_span_id()
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_N)
    editor = window.findChild(QDialog, "note-editor")
    assert editor is not None and editor.isVisible()
    cli(db_path, "delete", span_id)
    editor.setTextValue("vu")
    editor.accept()
    assert said_gone(window), window.statusBar().currentMessage()
    assert window.informed == []
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert converged(window, db_path) == []


def test_an_attribute_chosen_in_the_panel_for_a_span_deleted_elsewhere_says_so(
    qtbot, make_window, db_path: Path, docs, caplog: pytest.LogCaptureFixture
) -> None:
    window = make_window(db_path)
    span_id = ready_on_deleted_span(qtbot, window, db_path, docs, "a fourni", "transfer")
    panel = window.findChild(QWidget, "attributes-view")
    window.show_view(panel)
    combo = panel.findChild(QComboBox, "attribute-status")
    assert combo is not None
    combo.activated.emit(1)  # what choosing the first value does
    check_refused(window, db_path, span_id, caplog)


@pytest.mark.parametrize("how", ["click", "delete", "role"])
def test_the_links_view_on_a_link_deleted_elsewhere_says_so(
    qtbot, make_window, db_path: Path, docs, how: str, caplog: pytest.LogCaptureFixture
) -> None:
    from annotator.ui.commands import AddLinkCommand

    window = make_window(db_path)
    window.open_document(docs["first"])
    select_phrase(window, "la Russie")
    assert window.tag_with_label("actor")
    actor = window.reader.selected_span_id()
    select_phrase(window, "a fourni")
    assert window.tag_with_label("transfer")
    transfer = window.reader.selected_span_id()
    assert window.run_command(AddLinkCommand(window.project, transfer, actor, "recipient"))
    panel = window.findChild(QWidget, "links-view")
    window.show_view(panel)
    listing = panel.findChild(QListWidget, "links-list")
    assert listing.count() == 1
    with Project(db_path) as other:  # another program deletes the link (not its spans)
        other.delete_link(other.links(docs["first"])[0].id)
    caplog.clear()
    if how == "click":
        item = listing.item(0)
        qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=listing.visualItemRect(item).center())
    elif how == "delete":
        listing.setCurrentRow(0)
        qtbot.mouseClick(panel.findChild(QPushButton, "link-delete"), Qt.MouseButton.LeftButton)
    else:
        listing.setCurrentRow(0)
        panel.findChild(QComboBox, "link-role").activated.emit(0)
    assert "this link was deleted elsewhere" in window.statusBar().currentMessage()
    assert window.informed == []
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert converged(window, db_path) == []
    assert listing.count() == 0


def test_undoing_a_document_deletion_after_the_file_was_imported_again_is_refused_as_documented(
    make_window, db_path: Path, docs, tmp_path: Path
) -> None:
    source = tmp_path / "accord.txt"
    source.write_text(OTHER, encoding="utf-8")
    window = make_window(db_path)
    window.open_document(docs["second"])
    select_phrase(window, "Moscou")
    assert window.tag_with_label("actor")
    window.ask = lambda *a, **k: "Delete"  # type: ignore[method-assign]
    assert window.delete_document()
    report = window.import_files([source])
    assert report is not None and len(report.documents) == 1
    again = report.documents[0][0]
    assert again != docs["second"]
    assert window.undo() is False  # the deletion: refused, the document exists
    assert window.informed[-1][0] == "That edit cannot be undone any more"
    with Project(db_path) as project:
        assert [d.id for d in project.documents()] == [docs["first"], again]
        assert project.spans() == []  # the old copy's span did not come back
    assert window.undo() is False  # the tag before it: its span is gone with the old copy
    assert not window.undo_stack.canUndo()
    assert converged(window, db_path) == []


def test_a_window_with_automatic_propagation_on_is_deleted_without_an_error(qtbot, db_path: Path, docs) -> None:
    # Found by the random-action run: the undo stack empties itself while the window is destroyed, and the
    # propagation hook then read the half-deleted stack (a traceback on stderr at every close).
    from PySide6.QtCore import QCoreApplication, QEvent

    window = MainWindow(db_path, annotator="tester", poll_interval_ms=0)
    window.show()
    window.findChild(QAction, "action-auto-propagate").trigger()
    select_phrase(window, "la Corée du Nord")
    assert window.tag_with_label("actor")
    qtbot.wait(10)  # the propagation of the new tag runs
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    # pytest-qt fails the test on an exception raised in a slot meanwhile.


def test_undoing_accept_all_passes_over_a_suggestion_deleted_elsewhere(
    make_window, db_path: Path, docs, caplog: pytest.LogCaptureFixture
) -> None:
    # Found by the random-action run: one accepted suggestion deleted by another program kept the whole
    # "Accept all" from being undone, so every other suggestion stayed accepted.
    with Project(db_path) as other:
        made = [
            other.add_span(
                doc,
                text.index(word),
                text.index(word) + len(word),
                "actor",
                status="suggested",
                source="propagation",
                annotator="tester",
            )
            for doc, text, word in (
                (docs["first"], TEXT, "la Russie"),
                (docs["first"], TEXT, "la Corée du Nord"),
                (docs["second"], OTHER, "Moscou"),
                (docs["second"], OTHER, "Pyongyang"),
            )
        ]
    window = make_window(db_path)
    window.choose_item = lambda _title, _label, items: items[0]  # type: ignore[method-assign]
    window.findChild(QAction, "action-accept-suggestions").trigger()
    statuses = lambda: {s.id: s.status for s in Project(db_path, read_only=True).spans()}  # noqa: E731
    assert set(statuses().values()) == {"accepted"}
    gone = made[1].id
    cli(db_path, "delete", gone)
    assert window.undo()
    assert "1 of its spans were deleted elsewhere" in window.statusBar().currentMessage()
    assert statuses() == {s.id: "suggested" for s in made if s.id != gone}
    assert window.redo()
    assert statuses() == {s.id: "accepted" for s in made if s.id != gone}
    assert window.informed == []
    assert converged(window, db_path) == []
    # Every part gone: the step cannot be undone, and says so.
    for span in made:
        if span.id != gone:
            cli(db_path, "delete", span.id)
    assert window.undo() is False
    assert window.informed[-1][0] == "That edit cannot be undone any more"
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_redoing_a_tag_on_a_document_deleted_elsewhere_says_the_document_is_gone(
    make_window, db_path: Path, docs
) -> None:
    window = make_window(db_path)
    window.open_document(docs["second"])
    select_phrase(window, "Moscou")
    assert window.tag_with_label("actor")
    assert window.undo()
    with Project(db_path) as other:
        other.delete_document(docs["second"])
    assert window.redo() is False  # before the window's poll too
    title, text = window.informed[-1]
    assert title == "That edit cannot be redone any more"
    assert f"no document with id {docs['second']}" in text  # not an integrity rule of the file


def test_a_disagreement_of_a_document_deleted_since_the_computation_says_so(
    qtbot, make_window, db_path: Path, docs, caplog: pytest.LogCaptureFixture
) -> None:
    # Found by the random-action run: the disagreement list is as computed; a click on a row of a document
    # deleted since raised NotFound in a slot.
    from PySide6.QtWidgets import QListWidget, QTableWidget

    with Project(db_path) as other:
        for name, phrase in (("alice", "Moscou et Pyongyang"), ("bob", "Moscou")):
            start = OTHER.index(phrase)
            other.add_span(docs["second"], start, start + len(phrase), "actor", annotator=name)
    window = make_window(db_path)
    view = window.findChild(QWidget, "agreement-view")
    window.show_view(view)
    names = view.findChild(QListWidget, "agreement-annotators")
    for row in range(names.count()):
        names.item(row).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(view.findChild(QPushButton, "agreement-compute"), Qt.MouseButton.LeftButton)
    places = view.findChild(QTableWidget, "agreement-disagreements")
    assert places.rowCount() == 1
    window.open_document(docs["second"])
    window.ask = lambda *a, **k: "Delete"  # type: ignore[method-assign]
    assert window.delete_document()
    caplog.clear()
    rect = places.visualRect(places.model().index(0, 0))
    qtbot.mouseClick(places.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert "deleted since" in window.statusBar().currentMessage()
    keep = view.findChild(QPushButton, "adjudicate-keep-alice")
    assert keep is not None and not keep.isEnabled()
    assert view.adjudicate(["alice"]) is False  # as a keep button pressed before the row moved
    assert "deleted since" in window.statusBar().currentMessage()
    assert window.informed == []
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    with Project(db_path) as project:
        assert project.spans(annotators=["gold"]) == []


def linked(window: MainWindow) -> tuple[str, str]:
    """A transfer linked to an actor by the window: (transfer id, actor id)."""
    from annotator.ui.commands import AddLinkCommand

    window.open_document(window.project.documents()[0].id)
    select_phrase(window, "la Russie")
    assert window.tag_with_label("actor")
    actor = window.reader.selected_span_id()
    select_phrase(window, "a fourni")
    assert window.tag_with_label("transfer")
    transfer = window.reader.selected_span_id()
    assert window.run_command(AddLinkCommand(window.project, transfer, actor, "recipient"))
    return transfer, actor


def test_undoing_a_role_change_never_brings_back_a_link_deleted_elsewhere(make_window, db_path: Path, docs) -> None:
    # Found while reading the random runs' skipped steps: the undo of a role change put the link back.
    from annotator.ui.commands import UpdateLinkCommand

    window = make_window(db_path)
    linked(window)
    with Project(db_path) as other:
        link = other.links(docs["first"])[0]
    assert window.run_command(UpdateLinkCommand(window.project, link.id, role="supplier"))
    with Project(db_path) as other:
        other.delete_link(link.id)
    assert window.undo() is False
    assert window.informed[-1][0] == "That edit cannot be undone any more"
    with Project(db_path) as project:
        assert project.links(docs["first"]) == []  # still deleted
    window.poll_external_changes()
    assert converged(window, db_path) == []


def test_undo_and_redo_over_a_span_deleted_elsewhere_say_which_span_not_a_file_rule(
    make_window, db_path: Path, docs
) -> None:
    # Seen in the random runs: a redone link or an undone deletion whose span (or document) had gone elsewhere
    # was refused as "FOREIGN KEY constraint failed".
    window = make_window(db_path)
    transfer, actor = linked(window)
    assert window.undo()  # the link
    cli(db_path, "delete", actor)
    assert window.redo() is False
    assert f"no span with id {actor}" in window.informed[-1][1]
    # A deletion whose document went elsewhere meanwhile.
    window.reader.select_span(transfer)
    assert window.delete_span(transfer)
    with Project(db_path) as other:
        other.delete_document(docs["first"])
    assert window.undo() is False
    assert f"no document with id {docs['first']}" in window.informed[-1][1]
    assert all("FOREIGN KEY" not in text for _title, text in window.informed)


def test_a_link_picker_left_open_while_its_span_is_relabelled_checks_the_schema_again(
    qtbot, make_window, db_path: Path, docs, caplog: pytest.LogCaptureFixture
) -> None:
    # Found by the random-action run (seed 8): the picker's list was made when it opened; the source was then
    # relabelled, and picking a target linked with a role the schema no longer allowed (an error box).
    from annotator.ui.views.links import LinkPicker

    window = make_window(db_path)
    window.open_document(docs["first"])
    select_phrase(window, "les experts estiment")
    assert window.tag_with_label("assessment")
    target = window.reader.selected_span_id()
    select_phrase(window, "la Russie")
    assert window.tag_with_label("actor")
    source = window.reader.selected_span_id()
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_L)
    picker = window.findChild(LinkPicker, "link-picker")
    assert picker is not None and target in picker.candidates  # an assessment can be about an actor
    window.activateWindow()
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_4)  # the source becomes an assessment: about → assessment is refused
    assert window.project.span(source).label == "assessment"
    caplog.clear()
    window.reader.select_span(target)  # the target picked by a click in the text
    assert "cannot be linked" in window.statusBar().currentMessage()
    assert window.informed == []
    assert not picker.isVisible()
    assert window.project.links(docs["first"]) == []
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
