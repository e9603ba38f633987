"""The main window through real widgets on a real project file; the database is checked after each step."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTableView,
)
from tests.raw_sql import raw_connection

from annotator.store.project import Project
from annotator.ui.commands import AddSpanCommand, UpdateSpanCommand
from annotator.ui.main_window import SAVE_COPY, MainWindow
from annotator.ui.models import DoneRole, SpanCountRole, SpanIdRole

# Showing a window on the offscreen platform logs this harmless warning.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = (
    "Selon l’ONU, la Corée du Nord 🚀 a fourni à la Russie des munitions d’artillerie.\n"
    "Plus de 10\u00a0000 soldats nord-coréens sont déployés ; les experts estiment que c’est un risque.\n"
)
OTHER = "Moscou et Pyongyang ont signé un accord 😀 de défense mutuelle en juin.\n"


class Answers:
    """Replaces the window's questions: records them and answers from a script."""

    def __init__(self, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
        self.asked: list[tuple[str, str, list[str]]] = []
        self.informed: list[tuple[str, str]] = []
        self.answer: str | None = None
        self.text: str | None = None
        self.item: str | None = None
        self.save_path: Path | None = None
        self.open_path: Path | None = None
        self.folder: Path | None = None
        monkeypatch.setattr(window, "ask", self._ask)
        monkeypatch.setattr(window, "inform", self._inform)
        monkeypatch.setattr(window, "ask_text", lambda *a, **k: self.text)
        monkeypatch.setattr(window, "choose_item", lambda *a, **k: self.item)
        monkeypatch.setattr(window, "choose_save_path", lambda *a, **k: self.save_path)
        monkeypatch.setattr(window, "choose_open_path", lambda *a, **k: self.open_path)
        monkeypatch.setattr(window, "choose_folder", lambda *a, **k: self.folder)

    def _ask(self, title: str, text: str, buttons: Any, **_: Any) -> str | None:
        self.asked.append((title, text, list(buttons)))
        return self.answer

    def _inform(self, title: str, text: str, **_: Any) -> None:
        self.informed.append((title, text))


@pytest.fixture
def make_window(qtbot, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., tuple[MainWindow, Answers]]]:
    made: list[MainWindow] = []

    def make(path: Path, annotator: str | None = "tester", **kwargs: Any) -> tuple[MainWindow, Answers]:
        kwargs.setdefault("poll_interval_ms", 0)
        window = MainWindow(path, annotator=annotator, **kwargs)
        qtbot.addWidget(window)
        answers = Answers(window, monkeypatch)
        with qtbot.waitActive(window):
            window.show()
        made.append(window)
        return window, answers

    yield make
    for window in made:
        window.close()


@pytest.fixture
def docs(db_path: Path) -> dict[str, int]:
    with Project(db_path) as project:
        first, _ = project.add_document("Corée", TEXT)
        second, _ = project.add_document("Accord", OTHER)
    return {"first": int(first.id), "second": int(second.id)}


def db_rows(db_path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def select_phrase(window: MainWindow, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    """Select ``phrase`` in the reader as a user would; returns its code-point range."""
    text = window.project.document_text(window.current_document_id())
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    end = start + len(phrase)
    offsets = window.reader.offset_map()
    cursor = window.reader.textCursor()
    cursor.setPosition(offsets.to_utf16(start))
    cursor.setPosition(offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    return start, end


def action(window: MainWindow, name: str) -> QAction:
    found = window.findChild(QAction, f"action-{name}")
    assert found is not None, name
    return found


def add_span(window: MainWindow, phrase: str, label: str, **fields: Any) -> str:
    doc = window.current_document_id()
    text = window.project.document_text(doc)
    start = text.index(phrase)
    command = AddSpanCommand(window.project, doc, start, start + len(phrase), label, annotator="tester", **fields)
    assert window.run_command(command)
    assert command.span is not None
    return command.span.id


def table_rows(window: MainWindow) -> list[tuple[str, str, str, str]]:
    model = window.findChild(QTableView, "annotation-table").model()
    return [
        tuple(str(model.index(r, c).data() or "") for c in range(model.columnCount()))  # type: ignore[misc]
        for r in range(model.rowCount())
    ]


# -- opening -----------------------------------------------------------------------------------------


def test_a_new_path_becomes_an_empty_project_with_the_default_labels(make_window, tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    window, _ = make_window(path)
    assert path.exists()
    assert db_rows(path, "SELECT count(*) FROM documents") == [(0,)]
    assert [r[0] for r in db_rows(path, "SELECT name FROM labels ORDER BY position")] == [
        "actor",
        "transfer",
        "quantity",
        "assessment",
    ]
    assert window.current_document_id() is None
    assert window.findChild(QListView, "document-list").model().rowCount() == 0
    assert window.findChild(QLabel, "status-document").text() == "No document open"


def test_the_window_has_its_widgets_by_object_name(make_window, db_path: Path, docs) -> None:
    window, _ = make_window(db_path)
    assert isinstance(window.findChild(QListView, "document-list"), QListView)
    assert isinstance(window.findChild(QPlainTextEdit, "reader"), QPlainTextEdit)
    assert window.findChild(QPlainTextEdit, "reader") is window.reader
    assert isinstance(window.findChild(QTableView, "annotation-table"), QTableView)
    assert isinstance(window.findChild(QLineEdit, "search-box"), QLineEdit)
    for name in ("actor", "transfer", "quantity", "assessment"):
        button = window.findChild(QPushButton, f"label-{name}")
        assert button is not None, name
        assert button.toolTip() == window.project.label(name).guideline
        assert window.project.label(name).hotkey in button.text()
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles[:4] == ["File", "Edit", "Document", "View"]
    assert titles[-1] == "Help"
    assert window.menu("Tools") is window.menu("&Tools")
    assert [a.text().replace("&", "") for a in window.menuBar().actions()][-2:] == ["Tools", "Help"]


def test_retired_labels_get_no_button(make_window, db_path: Path, docs) -> None:
    with Project(db_path) as project:
        project.retire_label("assessment")
    window, _ = make_window(db_path)
    assert window.findChild(QPushButton, "label-assessment") is None
    assert window.findChild(QPushButton, "label-actor") is not None


def test_open_document_shows_the_text_and_tells_the_plug_ins(qtbot, make_window, db_path: Path, docs) -> None:
    window, _ = make_window(db_path)
    with qtbot.waitSignal(window.documentOpened) as opened:
        assert window.open_document(docs["second"])
    assert opened.args == [docs["second"]]
    assert window.reader.toPlainText() == OTHER
    assert window.current_document_id() == docs["second"]
    assert "Accord" in window.windowTitle()
    assert window.findChild(QLabel, "status-document").text() == "Accord"
    assert window.findChild(QLabel, "status-saved").text() == "Saved"
    listing = window.findChild(QListView, "document-list")
    assert listing.currentIndex().data() == "Accord"
    assert not window.open_document(999)
    assert window.current_document_id() == docs["second"]


def test_choosing_in_the_document_list_opens_the_document(qtbot, make_window, db_path: Path, docs) -> None:
    window, _ = make_window(db_path)
    window.open_document(docs["first"])
    listing = window.findChild(QListView, "document-list")
    listing.setFocus()
    qtbot.keyClick(listing, Qt.Key.Key_Down)
    assert window.current_document_id() == docs["second"]
    assert window.reader.toPlainText() == OTHER


def test_the_last_document_is_reopened(make_window, db_path: Path, docs) -> None:
    window, _ = make_window(db_path)
    assert window.current_document_id() == docs["first"]
    window.open_document(docs["second"])
    window.close()
    again, _ = make_window(db_path)
    assert again.current_document_id() == docs["second"]


def test_the_filter_box_ignores_case_and_accents(qtbot, make_window, db_path: Path, docs) -> None:
    window, _ = make_window(db_path)
    listing = window.findChild(QListView, "document-list")
    box = window.findChild(QLineEdit, "document-filter")
    qtbot.keyClicks(box, "COREE")
    assert [listing.model().index(r, 0).data() for r in range(listing.model().rowCount())] == ["Corée"]
    box.clear()
    assert listing.model().rowCount() == 2


# -- tagging through the label bar ---------------------------------------------------------------------


def test_a_label_button_tags_the_selection_after_an_emoji(qtbot, make_window, db_path: Path, docs) -> None:
    window, _ = make_window(db_path)
    window.open_document(docs["first"])
    start, end = select_phrase(window, "la Russie")
    qtbot.mouseClick(window.findChild(QPushButton, "label-actor"), Qt.MouseButton.LeftButton)
    rows = db_rows(db_path, 'SELECT start, "end", label, text, annotator FROM annotations')
    assert rows == [(start, end, "actor", "la Russie", "tester")]
    assert TEXT[start:end] == "la Russie"
    assert table_rows(window) == [("actor", "la Russie", "", "tester")]
    listing = window.findChild(QListView, "document-list")
    counts = {listing.model().index(r, 0).data(): listing.model().index(r, 0).data(SpanCountRole) for r in range(2)}
    assert counts == {"Corée": 1, "Accord": 0}
    assert window.findChild(QLabel, "status-spans").text().startswith("1 span")


def test_a_label_button_relabels_the_selected_span(qtbot, make_window, db_path: Path, docs) -> None:
    window, _ = make_window(db_path)
    span_id = add_span(window, "la Corée du Nord", "transfer")
    window.select_span(span_id)
    qtbot.mouseClick(window.findChild(QPushButton, "label-actor"), Qt.MouseButton.LeftButton)
    assert db_rows(db_path, "SELECT id, label FROM annotations") == [(span_id, "actor")]
    window.undo()
    assert db_rows(db_path, "SELECT id, label FROM annotations") == [(span_id, "transfer")]


def test_a_label_button_without_selection_only_says_so(qtbot, make_window, db_path: Path, docs) -> None:
    window, _ = make_window(db_path)
    qtbot.mouseClick(window.findChild(QPushButton, "label-actor"), Qt.MouseButton.LeftButton)
    assert db_rows(db_path, "SELECT count(*) FROM annotations") == [(0,)]
    assert "Select some text" in window.statusBar().currentMessage()


# -- the span table ------------------------------------------------------------------------------------


def test_the_span_table_lists_spans_in_text_order(make_window, db_path: Path, docs) -> None:
    window, _ = make_window(db_path)
    add_span(window, "les experts estiment que c’est un risque", "assessment", note="source : ONU")
    add_span(window, "la Russie", "actor")
    add_span(window, "Plus de 10\u00a0000 soldats", "quantity")
    add_span(window, "la Corée du Nord", "actor")
    assert [row[:3] for row in table_rows(window)] == [
        ("actor", "la Corée du Nord", ""),
        ("actor", "la Russie", ""),
        ("quantity", "Plus de 10\u00a0000 soldats", ""),
        ("assessment", "les experts estiment que c’est un risque", "source : ONU"),
    ]
    # Suggestions are listed, rejected suggestions are not.
    suggestion = add_span(window, "des munitions", "transfer", status="suggested", source="quantity")
    rejected = add_span(window, "nord-coréens", "actor", status="rejected", source="ner")
    ids = [window.annotation_model.index(r, 0).data(SpanIdRole) for r in range(window.annotation_model.rowCount())]
    assert suggestion in ids and rejected not in ids


@pytest.fixture
def table_of_two(make_window, db_path: Path, docs) -> tuple[MainWindow, QTableView, str, str]:
    """The window with two spans in the first document, and its span table focused."""
    window, _ = make_window(db_path)
    first = add_span(window, "la Corée du Nord", "actor")
    second = add_span(window, "la Russie", "actor")
    table = window.findChild(QTableView, "annotation-table")
    table.setFocus()
    return window, table, first, second


def test_enter_or_a_click_on_a_row_selects_the_span_in_the_reader(qtbot, table_of_two) -> None:
    window, table, first, second = table_of_two
    table.setCurrentIndex(table.model().index(1, 1))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.reader.selected_span_id() == second
    table.setCurrentIndex(table.model().index(0, 1))
    qtbot.keyClick(table, Qt.Key.Key_Enter)
    assert window.reader.selected_span_id() == first
    rect = table.visualRect(table.model().index(1, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.reader.selected_span_id() == second
    # Selecting in the reader selects the row.
    window.reader.select_span(first)
    assert table.currentIndex().row() == 0


def test_delete_on_a_row_deletes_that_span_undoably(qtbot, table_of_two, db_path: Path, docs) -> None:
    window, table, first, second = table_of_two
    table.setCurrentIndex(table.model().index(1, 1))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    with sqlite3.connect(db_path) as conn:  # the stored file, through another connection
        assert [r[0] for r in conn.execute("SELECT id FROM annotations")] == [first]
    assert table.model().rowCount() == 1
    qtbot.keyClick(table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)  # not the plain key: nothing
    assert [s.id for s in window.project.spans(docs["first"])] == [first]
    window.undo_stack.undo()
    assert {s.id for s in window.project.spans(docs["first"])} == {first, second}
    assert table.model().rowCount() == 2


def test_select_span_opens_the_span_s_document(make_window, db_path: Path, docs) -> None:
    with Project(db_path) as project:
        span = project.add_span(docs["second"], 0, 6, "actor", annotator="gold")
    window, _ = make_window(db_path)
    window.open_document(docs["first"])
    assert window.select_span(span.id)
    assert window.current_document_id() == docs["second"]
    assert window.reader.selected_span_id() == span.id
    assert not window.select_span("no-such-span")


def test_next_and_previous_span(make_window, db_path: Path, docs) -> None:
    window, _ = make_window(db_path)
    a = add_span(window, "la Corée du Nord", "actor")
    b = add_span(window, "la Russie", "actor")
    window.reader.select_span(None)
    cursor = window.reader.textCursor()
    cursor.setPosition(0)
    window.reader.setTextCursor(cursor)
    action(window, "next-span").trigger()
    assert window.reader.selected_span_id() == a
    action(window, "next-span").trigger()
    assert window.reader.selected_span_id() == b
    assert not window.next_span()
    action(window, "previous-span").trigger()
    assert window.reader.selected_span_id() == a


# -- documents: rename, delete, done, next/previous --------------------------------------------------------


def test_rename_through_the_action_is_undoable(make_window, db_path: Path, docs) -> None:
    window, answers = make_window(db_path)
    answers.text = "Corée du Nord et Russie"
    action(window, "rename-document").trigger()
    assert db_rows(db_path, "SELECT title FROM documents WHERE id = ?", (docs["first"],)) == [
        ("Corée du Nord et Russie",)
    ]
    assert window.findChild(QListView, "document-list").currentIndex().data() == "Corée du Nord et Russie"
    action(window, "undo").trigger()
    assert db_rows(db_path, "SELECT title FROM documents WHERE id = ?", (docs["first"],)) == [("Corée",)]


def test_delete_asks_first_and_can_be_undone(make_window, db_path: Path, docs) -> None:
    window, answers = make_window(db_path)
    span_id = add_span(window, "la Corée du Nord", "actor", note="pays")
    answers.answer = "Cancel"
    action(window, "delete-document").trigger()
    assert len(answers.asked) == 1 and "Corée" in answers.asked[0][1]
    assert db_rows(db_path, "SELECT count(*) FROM documents") == [(2,)]

    answers.answer = "Delete"
    action(window, "delete-document").trigger()
    assert db_rows(db_path, "SELECT id FROM documents") == [(docs["second"],)]
    assert db_rows(db_path, "SELECT count(*) FROM annotations") == [(0,)]
    assert window.current_document_id() == docs["second"]
    assert window.findChild(QListView, "document-list").model().rowCount() == 1

    action(window, "undo").trigger()
    assert db_rows(db_path, "SELECT id, title FROM documents ORDER BY id") == [
        (docs["first"], "Corée"),
        (docs["second"], "Accord"),
    ]
    assert db_rows(db_path, "SELECT id, note FROM annotations") == [(span_id, "pays")]
    assert window.findChild(QListView, "document-list").model().rowCount() == 2
    action(window, "redo").trigger()
    assert db_rows(db_path, "SELECT id FROM documents") == [(docs["second"],)]


def test_mark_done_shows_in_the_list(make_window, db_path: Path, docs) -> None:
    window, _ = make_window(db_path)
    done = action(window, "mark-done")
    assert not done.isChecked()
    done.trigger()
    assert db_rows(db_path, "SELECT done FROM documents WHERE id = ?", (docs["first"],)) == [(1,)]
    assert done.isChecked()
    listing = window.findChild(QListView, "document-list")
    assert listing.model().index(0, 0).data(DoneRole) is True
    assert "done" in listing.model().index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    window.open_document(docs["second"])
    assert not done.isChecked()
    window.open_document(docs["first"])
    assert done.isChecked()
    done.trigger()
    assert db_rows(db_path, "SELECT done FROM documents WHERE id = ?", (docs["first"],)) == [(0,)]
    assert listing.model().index(0, 0).data(DoneRole) is False


def test_next_and_previous_document(make_window, db_path: Path, docs) -> None:
    window, _ = make_window(db_path)
    assert action(window, "next-document").shortcut().toString() == "Ctrl+PgDown"
    action(window, "next-document").trigger()
    assert window.current_document_id() == docs["second"]
    assert not window.next_document()
    action(window, "previous-document").trigger()
    assert window.current_document_id() == docs["first"]


def test_undo_works_after_switching_documents(make_window, db_path: Path, docs) -> None:
    window, _ = make_window(db_path)
    span_id = add_span(window, "la Russie", "actor")
    window.open_document(docs["second"])
    action(window, "undo").trigger()
    assert db_rows(db_path, "SELECT count(*) FROM annotations") == [(0,)]
    action(window, "redo").trigger()
    assert db_rows(db_path, "SELECT id, label FROM annotations") == [(span_id, "actor")]
    assert window.current_document_id() == docs["second"]
    window.open_document(docs["first"])
    assert [row[1] for row in table_rows(window)] == ["la Russie"]


# -- importing -------------------------------------------------------------------------------------------


def test_import_a_folder_through_the_menu(make_window, db_path: Path, tmp_path: Path) -> None:
    window, answers = make_window(db_path)
    folder = tmp_path / "articles"
    (folder / "inner").mkdir(parents=True)
    (folder / "séoul.txt").write_text("Séoul s’inquiète 🚀 des livraisons.\n", encoding="utf-8")
    (folder / "inner" / "kyiv.md").write_text("# Kyiv\n\nKyiv dénonce les obus.\n", encoding="utf-8")
    (folder / "notes.xyz").write_text("not an article", encoding="utf-8")
    answers.folder = folder
    action(window, "import-folder").trigger()
    titles = sorted(r[0] for r in db_rows(db_path, "SELECT title FROM documents"))
    assert len(titles) == 2
    assert window.findChild(QListView, "document-list").model().rowCount() == 2
    assert window.current_document_id() is not None
    # The skipped file is named in the report.
    assert answers.informed and "notes.xyz" in answers.informed[-1][1]
    assert "2 new documents" in answers.informed[-1][1]


def test_dropping_files_imports_them(make_window, db_path: Path, tmp_path: Path) -> None:
    window, _ = make_window(db_path)
    article = tmp_path / "drop.txt"
    article.write_text("Pyongyang a livré 😀 des missiles.\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(article))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window, event)
    assert db_rows(db_path, "SELECT title, text FROM documents") == [("drop", "Pyongyang a livré 😀 des missiles.\n")]
    assert window.reader.toPlainText() == "Pyongyang a livré 😀 des missiles.\n"
    # Dropped on the reader, too.
    second = tmp_path / "second.txt"
    second.write_text("Séoul répond.\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(second))])
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window.reader.viewport(), enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window.reader.viewport(), event)
    assert len(db_rows(db_path, "SELECT id FROM documents")) == 2
    assert window.reader.toPlainText() == "Séoul répond.\n"


# -- external changes and faults -------------------------------------------------------------------------


def test_a_change_from_another_connection_is_picked_up(make_window, db_path: Path, docs) -> None:
    window, _ = make_window(db_path)
    assert not window.poll_external_changes()
    with Project(db_path) as other:
        other.add_span(docs["first"], TEXT.index("la Russie"), TEXT.index("la Russie") + 9, "actor", annotator="cli")
        other.add_document("Troisième", "Un troisième article 🚀.\n")
    assert table_rows(window) == []
    assert window.poll_external_changes()
    assert table_rows(window) == [("actor", "la Russie", "", "cli")]
    assert window.findChild(QListView, "document-list").model().rowCount() == 3
    assert not window.poll_external_changes()


def test_the_poll_timer_is_injectable(make_window, db_path: Path, docs) -> None:
    window, _ = make_window(db_path, poll_interval_ms=0)
    assert not window.poll_timer.isActive()
    active, _ = make_window(db_path, poll_interval_ms=1500)
    assert active.poll_timer.isActive() and active.poll_timer.interval() == 1500


def test_a_document_deleted_elsewhere_is_closed_here(make_window, db_path: Path, docs) -> None:
    window, _ = make_window(db_path)
    window.open_document(docs["second"])
    with Project(db_path) as other:
        other.delete_document(docs["second"])
    window.poll_external_changes()
    assert window.current_document_id() == docs["first"]
    assert window.reader.document().toRawText().replace("\u2029", "\n") == TEXT


def fill_to_the_limit(window: MainWindow) -> None:
    conn = raw_connection(window.project)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_is_explained_and_a_copy_can_be_saved(make_window, db_path: Path, docs, tmp_path: Path) -> None:
    window, answers = make_window(db_path)
    kept = add_span(window, "la Corée du Nord", "actor")
    fill_to_the_limit(window)
    answers.answer = SAVE_COPY
    answers.save_path = tmp_path / "elsewhere" / "copy.db"
    doc = window.current_document_id()
    start = TEXT.index("la Russie")
    command = AddSpanCommand(window.project, doc, start, start + 9, "actor", annotator="tester", note="x" * 300_000)
    assert window.run_command(command) is False
    title, text, buttons = answers.asked[-1]
    assert title == "The disk is full"
    assert "not saved" in text and SAVE_COPY in buttons
    assert window.findChild(QLabel, "status-saved").text() == "Last change not saved"
    assert not window.undo_stack.canRedo() and window.undo_stack.count() == 1
    # The copy holds everything saved before.
    with Project(answers.save_path) as copy:
        assert [s.id for s in copy.spans()] == [kept]
    assert db_rows(db_path, "SELECT id FROM annotations") == [(kept,)]
    # The window keeps running; once there is room again, edits are saved.
    raw_connection(window.project).execute("PRAGMA max_page_count = 1073741823")
    select_phrase(window, "la Russie")
    assert window.tag_with_label("actor")
    assert len(db_rows(db_path, "SELECT id FROM annotations")) == 2
    assert window.findChild(QLabel, "status-saved").text() == "Saved"


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_a_project_file_deleted_or_replaced_while_open_stops_writes_and_its_work_can_be_saved(
    make_window, db_path: Path, docs, tmp_path: Path, how: str
) -> None:
    import os

    window, answers = make_window(db_path)
    kept = add_span(window, "la Corée du Nord", "actor")
    if how == "deleted":
        os.remove(db_path)
    else:
        other = tmp_path / "other.db"
        with sqlite3.connect(other) as conn:
            conn.execute("CREATE TABLE t (x)")
        os.replace(other, db_path)
    answers.answer = "Close"
    window.poll_external_changes()
    title, text, buttons = answers.asked[-1]
    assert title == "The project file was moved, deleted or replaced" and SAVE_COPY in buttons
    assert str(db_path) in text
    assert window.findChild(QLabel, "status-saved").text() == "Last change not saved"
    window.poll_external_changes()
    assert len(answers.asked) == 1  # told once, not at every tick of the timer
    # A tag is refused rather than written where nobody would find it again.
    select_phrase(window, "la Russie")
    assert not window.tag_with_label("actor")
    assert answers.asked[-1][0] == "The project file was moved, deleted or replaced"
    # Everything made before is still in the open connection and goes into the copy.
    answers.save_path = tmp_path / "rescued.db"
    assert window.save_copy_elsewhere() == answers.save_path
    with Project(answers.save_path) as copy:
        assert [s.id for s in copy.spans()] == [kept]


def test_a_read_only_database_is_explained_and_undo_is_refused_cleanly(make_window, db_path: Path, docs) -> None:
    window, answers = make_window(db_path)
    span_id = add_span(window, "la Russie", "actor")
    raw_connection(window.project).execute("PRAGMA query_only = ON")  # SQLite now refuses every write
    select_phrase(window, "la Corée du Nord")
    answers.answer = "Close"
    assert not window.tag_with_label("actor")
    assert answers.asked[-1][0] == "The project file is read-only"
    # A refused undo leaves the span and the stack as they were.
    assert not window.undo()
    assert window.undo_stack.index() == 1
    assert db_rows(db_path, "SELECT id FROM annotations") == [(span_id,)]
    raw_connection(window.project).execute("PRAGMA query_only = OFF")
    assert window.undo()
    assert db_rows(db_path, "SELECT count(*) FROM annotations") == [(0,)]


def test_a_busy_database_is_explained(make_window, db_path: Path, docs) -> None:
    window, answers = make_window(db_path)
    raw_connection(window.project).execute("PRAGMA busy_timeout = 50")
    blocker = sqlite3.connect(db_path, isolation_level=None)
    try:
        blocker.execute("BEGIN IMMEDIATE")
        select_phrase(window, "la Russie")
        assert not window.tag_with_label("actor")
        assert answers.asked[-1][0].startswith("The project is busy")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert window.tag_with_label("actor")
    assert db_rows(db_path, "SELECT text FROM annotations") == [("la Russie",)]


def test_a_refused_edit_shows_the_reason(make_window, db_path: Path, docs) -> None:
    window, answers = make_window(db_path)
    command = UpdateSpanCommand(window.project, "no-such-span", label="actor")
    assert window.run_command(command) is False
    # A span that is not there (deleted elsewhere) is said in the status bar, not in a box.
    assert window.statusBar().currentMessage() == "Not done: this span was deleted elsewhere"
    assert answers.informed == []
    command = AddSpanCommand(window.project, docs["first"], 0, 5, "no_such_label", annotator="tester")
    assert window.run_command(command) is False
    assert "no_such_label" in answers.informed[-1][1]
    assert window.undo_stack.count() == 0


# -- view: zoom, filter, find, search --------------------------------------------------------------------


def test_zoom_is_remembered(make_window, db_path: Path, docs) -> None:
    window, _ = make_window(db_path)
    base = window.reader.font().pointSizeF()
    action(window, "zoom-in").trigger()
    action(window, "zoom-in").trigger()
    assert window.reader.font().pointSizeF() == base + 2
    window.close()
    again, _ = make_window(db_path)
    assert again.zoom_level == 2
    assert again.reader.font().pointSizeF() == base + 2
    action(again, "zoom-out").trigger()
    assert again.reader.font().pointSizeF() == base + 1


def test_splitter_positions_are_remembered(qtbot, make_window, db_path: Path, docs) -> None:
    window, _ = make_window(db_path)
    window.resize(780, 560)  # inside the offscreen screen, so that restoring the geometry keeps it
    splitter = window.splitter
    splitter.setSizes([400, 600, 300])
    sizes = splitter.sizes()
    window.close()
    again, _ = make_window(db_path)
    assert again.splitter.sizes() == sizes


def test_show_spans_of_mine_or_one_annotator(make_window, db_path: Path, docs) -> None:
    with Project(db_path) as project:
        start = TEXT.index("la Russie")
        project.add_span(docs["first"], start, start + 9, "actor", annotator="gold")
    window, answers = make_window(db_path)
    add_span(window, "la Corée du Nord", "actor")
    assert len(table_rows(window)) == 2
    action(window, "show-mine").trigger()
    assert [r[3] for r in table_rows(window)] == ["tester"]
    assert window.reader.annotator_filter() == ("mine", None)
    answers.item = "gold"
    action(window, "show-one").trigger()
    assert [r[3] for r in table_rows(window)] == ["gold"]
    assert window.reader.annotator_filter() == ("one", "gold")
    action(window, "show-all").trigger()
    assert len(table_rows(window)) == 2


def test_find_in_document_opens_a_bar(qtbot, make_window, db_path: Path, docs) -> None:
    window, _ = make_window(db_path)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    box = window.findChild(QLineEdit, "find-box")
    assert box.isVisible() and box.hasFocus()
    qtbot.keyClicks(box, "la")
    count = window.findChild(QLabel, "find-count").text()
    assert count and count != "No match"
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert not box.isVisible()


def test_the_search_box_lists_results_and_opens_a_document(qtbot, make_window, db_path: Path, docs) -> None:
    window, _ = make_window(db_path)
    box = window.findChild(QLineEdit, "search-box")
    box.setFocus()
    qtbot.keyClicks(box, "Pyongyang")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    results = window.findChild(QListWidget, "search-results")
    assert results.isVisible() and results.count() == 1
    assert results.item(0).text().startswith("Accord\n")
    assert "[Pyongyang]" in results.item(0).text()
    rect = results.visualItemRect(results.item(0))
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_document_id() == docs["second"]
    assert window.findChild(QLineEdit, "find-box").text() == "Pyongyang"
    box.clear()
    assert not results.isVisible()
    assert window.run_search("introuvable") == []


# -- projects, plug-ins, help -----------------------------------------------------------------------------


def test_open_project_refuses_a_bad_file_and_keeps_running(make_window, db_path: Path, docs, tmp_path) -> None:
    window, answers = make_window(db_path)
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"these are not the droids\n" * 10)
    answers.open_path = bad
    assert window.open_project() is None
    assert answers.informed and "not an annotator project" in answers.informed[-1][1]
    assert bad.read_bytes() == b"these are not the droids\n" * 10
    assert window.isVisible()
    add_span(window, "la Russie", "actor")


def test_open_and_new_project_replace_the_window_and_are_remembered(qtbot, make_window, db_path, docs, tmp_path):
    window, answers = make_window(db_path)
    answers.save_path = tmp_path / "typed folder" / "second.db"  # File → New makes the folder it was given
    second = window.new_project()
    assert second is not None and second is not window
    qtbot.addWidget(second)
    assert not window.isVisible() and second.isVisible()
    assert second.project.path == answers.save_path
    assert str(answers.save_path.resolve()) == second.recent_projects()[0]
    assert str(db_path.resolve()) in second.recent_projects()
    second.recent_menu.aboutToShow.emit()
    entries = [a.text() for a in second.recent_menu.actions()]
    assert str(db_path.resolve()) in entries
    second.close()


def test_a_broken_plug_in_is_reported_not_fatal(make_window, db_path: Path, docs, monkeypatch) -> None:
    from types import SimpleNamespace

    from annotator.ui import views

    def broken(window: Any) -> None:
        raise RuntimeError("kaboom")

    def fine(window: Any) -> None:
        window.add_view(QLabel("hello"), "Fine")

    monkeypatch.setattr(
        views,
        "view_modules",
        lambda: [
            SimpleNamespace(__name__="x.broken", install=broken),
            SimpleNamespace(__name__="x.fine", install=fine),
        ],
    )
    window, _ = make_window(db_path)
    assert any("broken" in e and "kaboom" in e for e in window.plugin_errors)
    assert window.view_tabs.tabText(window.view_tabs.count() - 1) == "Fine"


def test_keyboard_shortcuts_are_listed(make_window, db_path: Path, docs) -> None:
    window, _ = make_window(db_path)
    dialog = window.show_shortcuts()
    try:
        table = dialog.findChild(QTableView, "shortcuts-table")
        rows = [(table.model().index(r, 0).data(), table.model().index(r, 1).data()) for r in range(table.rowCount())]
        keys = {k for k, _ in rows}
        descriptions = " | ".join(d for _, d in rows)
        assert "Ctrl+Z" in keys and "Ctrl+F" in keys and "Ctrl+PgDown" in keys
        assert "1" in keys and "Tag the selection as actor" in descriptions
        for keys_text, description in window.reader.shortcut_descriptions():
            assert (keys_text, description) in rows
    finally:
        dialog.close()


def test_menus_exist_for_every_documented_action(make_window, db_path: Path, docs) -> None:
    window, _ = make_window(db_path)
    file_texts = [a.text().replace("&", "") for a in window.menu("&File").actions()]
    for text in ("New project…", "Open project…", "Open recent", "Import files…", "Export…", "Backup copy…", "Quit"):
        assert text in file_texts
    assert isinstance(window.findChild(QMenu, "menu-recent"), QMenu)


def test_backup_copy_from_the_menu(make_window, db_path: Path, docs, tmp_path: Path) -> None:
    window, answers = make_window(db_path)
    add_span(window, "la Russie", "actor")
    answers.save_path = tmp_path / "backup.db"
    action(window, "backup").trigger()
    with Project(answers.save_path) as copy:
        assert [s.text for s in copy.spans()] == ["la Russie"]


def test_a_read_only_project_opens_for_reading_and_offers_a_copy(
    make_window, db_path: Path, docs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import functools

    from annotator.ui import main_window as module

    monkeypatch.setattr(module, "Project", functools.partial(Project, read_only=True))
    before = db_path.read_bytes()
    window, answers = make_window(db_path)
    assert window.project.read_only
    assert window.findChild(QLabel, "status-saved").text() == "Read-only"
    assert "read-only" in window.statusBar().currentMessage()
    assert window.reader.toPlainText()  # readable
    select_phrase(window, "la Russie")
    answers.answer = SAVE_COPY
    answers.save_path = tmp_path / "copy.db"
    assert not window.tag_with_label("actor")
    assert answers.asked[-1][0] == "The project file is read-only"
    with Project(answers.save_path) as copy:
        assert [d.title for d in copy.documents()] == ["Corée", "Accord"]
    assert db_path.read_bytes() == before


def test_ctrl_wheel_zooms_and_is_remembered(make_window, db_path: Path, docs) -> None:
    from PySide6.QtCore import QPoint as Point
    from PySide6.QtGui import QWheelEvent

    window, _ = make_window(db_path)
    base = window.reader.font().pointSizeF()
    viewport = window.reader.viewport()
    wheel = QWheelEvent(
        QPointF(30, 30),
        QPointF(viewport.mapToGlobal(Point(30, 30))),
        Point(0, 0),
        Point(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, wheel)
    assert window.zoom_level == 1
    assert window.reader.font().pointSizeF() == base + 1
    assert window.settings.value("view/zoom") in (1, "1")


def test_export_opens_the_export_dialog(make_window, db_path: Path, docs, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    from types import ModuleType

    window, _ = make_window(db_path)
    opened: list[object] = []
    fake = ModuleType("annotator.ui.dialogs.export_dialog")
    fake.show_export_dialog = opened.append  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "annotator.ui.dialogs.export_dialog", fake)
    action(window, "export").trigger()
    assert opened == [window]
    assert action(window, "export").shortcut().toString() == "Ctrl+E"


def test_about_names_the_project(make_window, db_path: Path, docs) -> None:
    window, answers = make_window(db_path)
    action(window, "about").trigger()
    assert answers.informed[-1][0] == "About annotator"
    assert str(db_path) in answers.informed[-1][1]


def test_f6_moves_the_focus_through_the_panes(qtbot, make_window, db_path: Path, docs) -> None:
    window, _ = make_window(db_path)
    window.view_dock.hide()
    window.reader.setFocus()
    assert window.reader.hasFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F6)
    table = window.findChild(QTableView, "annotation-table")
    assert table.hasFocus()
    qtbot.keyClick(table, Qt.Key.Key_F6)
    listing = window.findChild(QListView, "document-list")
    assert listing.hasFocus()
    qtbot.keyClick(listing, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert table.hasFocus()


def test_two_windows_on_one_file_lose_nothing(make_window, db_path: Path, docs) -> None:
    first, _ = make_window(db_path, annotator="ana")
    second, _ = make_window(db_path, annotator="ben")
    select_phrase(first, "la Russie")
    assert first.tag_with_label("actor")
    assert second.poll_external_changes()
    assert [r[1] for r in table_rows(second)] == ["la Russie"]
    select_phrase(second, "la Corée du Nord")
    assert second.tag_with_label("actor")
    assert first.poll_external_changes()
    assert [(r[1], r[3]) for r in table_rows(first)] == [("la Corée du Nord", "ben"), ("la Russie", "ana")]
    assert sorted(db_rows(db_path, "SELECT annotator FROM annotations")) == [("ana",), ("ben",)]
    assert db_rows(db_path, "PRAGMA integrity_check") == [("ok",)]


def test_a_plug_in_module_that_fails_to_import_leaves_the_others(
    make_window, db_path: Path, docs, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.ui import views

    def broken_discovery() -> list[Any]:
        raise ImportError("one module is broken")

    monkeypatch.setattr(views, "view_modules", broken_discovery)
    window, _ = make_window(db_path)
    # The modules are then loaded one by one: the real plug-ins are still there.
    assert window.view_tabs.count() >= 1


def test_an_edit_that_cannot_be_undone_any_more_is_skipped(make_window, db_path: Path, docs) -> None:
    window, answers = make_window(db_path)
    answers.text = "Titre"
    action(window, "rename-document").trigger()
    span_id = add_span(window, "la Russie", "actor")
    with Project(db_path) as other:
        other.delete_span(span_id)  # another window removed it meanwhile
    window.poll_external_changes()
    assert window.undo() is False
    assert answers.informed[-1][0] == "That edit cannot be undone any more"
    assert window.undo_stack.index() == 1
    # The edit before it is still undone normally.
    assert window.undo()
    assert db_rows(db_path, "SELECT title FROM documents WHERE id = ?", (docs["first"],)) == [("Corée",)]
    assert window.redo()
    assert db_rows(db_path, "SELECT title FROM documents WHERE id = ?", (docs["first"],)) == [("Titre",)]


def test_undo_and_redo_never_throw_away_another_program_s_edit_of_the_span(make_window, db_path: Path, docs) -> None:
    window, answers = make_window(db_path)
    span_id = add_span(window, "la Russie", "actor")
    assert window.run_command(UpdateSpanCommand(window.project, span_id, "Relabel", label="transfer"))
    with Project(db_path) as other:
        other.update_span(span_id, note="vu par l’équipe")  # another program annotates the same span
    window.poll_external_changes()
    assert window.undo() is False  # the relabel: refused, the other program's note is kept
    assert answers.informed[-1][0] == "That edit cannot be undone any more"
    assert db_rows(db_path, "SELECT label, note FROM annotations") == [("transfer", "vu par l’équipe")]
    assert window.undo() is False  # the tag itself: not deleted over the other program's edit either
    assert db_rows(db_path, "SELECT label, note FROM annotations") == [("transfer", "vu par l’équipe")]
    # Edits of our own in between are undone in order, and then the tag goes as usual.
    second = add_span(window, "la Corée du Nord", "actor")
    assert window.run_command(UpdateSpanCommand(window.project, second, "Note", note="à vérifier"))
    assert window.undo() and window.undo()
    assert db_rows(db_path, "SELECT count(*) FROM annotations WHERE id = ?", (second,)) == [(0,)]
    # Redo checks the same way.
    assert window.redo()
    with Project(db_path) as other:
        other.update_span(second, label="quantity")
    window.poll_external_changes()
    assert window.redo() is False
    assert db_rows(db_path, "SELECT label, note FROM annotations WHERE id = ?", (second,)) == [("quantity", "")]


def test_corpus_views_compute_nothing_until_shown(
    qtbot, db_path: Path, make_window: Callable[..., tuple[MainWindow, Answers]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.ui.views import examples, review, statistics, transfers

    view_classes = [examples.ExamplesView, review.ReviewView, statistics.StatisticsView, transfers.TransfersView]
    refreshed: list[str] = []
    for cls in view_classes:
        original = cls.refresh

        def counting(self, *args: Any, _original: Any = original, **kwargs: Any) -> None:
            refreshed.append(type(self).__name__)
            _original(self, *args, **kwargs)

        monkeypatch.setattr(cls, "refresh", counting)
    with Project(db_path) as project:
        doc = project.add_document("Corée", TEXT)[0]
        project.add_span(doc.id, 16, 29, "actor", annotator="ana")
    window, _ = make_window(db_path)
    window.project.add_span(doc.id, 36, 51, "transfer", annotator="ana")  # a change while every view is hidden
    assert refreshed == []
    for cls in view_classes:
        view = window.findChild(cls)
        window.show_view(view)
        qtbot.waitUntil(lambda name=cls.__name__: name in refreshed, timeout=1000)
    assert sorted(refreshed) == sorted(cls.__name__ for cls in view_classes)  # each once, when first shown
