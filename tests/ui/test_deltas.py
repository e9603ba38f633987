"""The window follows changes by delta: what an edit changed, never the whole document again.

Counted, not timed: calls to the store's whole-document span read, the rows the span table inserts
or removes, and the work the views hidden behind another tab receive.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor

from annotator.store.project import Change, ChangeKind, Project
from annotator.ui.main_window import MainWindow
from annotator.ui.models import SpanIdRole
from annotator.ui.views.suggestions import CONTROLLER_NAME, SuggestionsController

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

WORDS = [
    "la",
    "Corée",
    "du",
    "Nord",
    "a",
    "livré",
    "des",
    "obus",
    "à",
    "la",
    "Russie",
    "selon",
    "les",
    "services",
    "de",
    "renseignement",
    "sud-coréens",
    "l’artillerie",
    "les",
    "munitions",
    "d’après",
    "le",
    "ministère",
    "de",
    "la",
    "Défense",
    "était",
    "préoccupé",
    "près",
    "très",
    "déjà",
    "même",
]
SPANS = 20_000


def long_text(words: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    out, line = [], []
    for n in range(words):
        line.append(rng.choice(WORDS))
        if n % 17 == 16:
            out.append(" ".join(line) + ".")
            line = []
    out.append(" ".join(line) + ".")
    # A name the rest of the text never has, at the end (after the spans): three mentions.
    out.append("Le port de Zanzibar, puis Zanzibar encore ; enfin Zanzibar.")
    return "\n".join(out) + "\n"


def fill(path: Path, spans: int = SPANS) -> int:
    """A project with one long document and ``spans`` spans on it, one per word; returns the document id."""
    text = long_text(spans + 200)
    with Project(path) as project:
        doc, _ = project.add_document("Long", text)
        import re

        words = [m.span() for m in re.finditer(r"\w[\w’-]*", text)][:spans]
        labels = ("actor", "transfer", "quantity", "assessment")
        with project.transaction():
            for n, (start, end) in enumerate(words):
                project.insert_span_row(project.make_span(doc.id, start, end, labels[n % 4], annotator="ana"))
        project.add_document("Brève", "La Russie a reçu des obus.\n")
    return doc.id


class SpanReads:
    """Counts the calls of Project.spans (the store's read of a document's spans, or of every span)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple] = []
        original = Project.spans

        def counting(project: Project, *args, **kwargs):
            self.calls.append((args, kwargs))
            return original(project, *args, **kwargs)

        monkeypatch.setattr(Project, "spans", counting)


@pytest.fixture
def long_window(qtbot, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[MainWindow, int]]:
    doc_id = fill(db_path)
    window = MainWindow(db_path, annotator="tester", poll_interval_ms=0)
    window.informed = []
    monkeypatch.setattr(window, "inform", lambda title, text, **_: window.informed.append(text))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    window.open_document(doc_id)
    qtbot.wait(0)
    yield window, doc_id
    controller = window.findChild(SuggestionsController, CONTROLLER_NAME)
    if controller is not None:
        controller.wait()


def select_free_word(window: MainWindow) -> tuple[int, int]:
    """Select, in the reader, the first stretch of text on screen that no span covers (a space before a line end)."""
    reader = window.reader
    text = reader.text()
    stored = {(s.start, s.end) for s in window.project.spans(window.current_document_id())}
    # The text has one span per word: a new span over two words is free.
    start = next(i for i in range(len(text)) if text[i] == " " and i > 0)
    first = text.index(" ", start + 1)
    span = (0, first)
    assert span not in stored
    cursor = reader.textCursor()
    cursor.setPosition(reader.to_utf16(span[0]))
    cursor.setPosition(reader.to_utf16(span[1]), QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    return span


class Rows:
    """Counts the rows a model inserts and removes, and its resets."""

    def __init__(self, model) -> None:
        self.inserted: list[tuple[int, int]] = []
        self.removed: list[tuple[int, int]] = []
        self.moved = 0
        self.resets = 0
        model.rowsInserted.connect(lambda _parent, first, last: self.inserted.append((first, last)))
        model.rowsRemoved.connect(lambda _parent, first, last: self.removed.append((first, last)))
        model.rowsMoved.connect(lambda *_: setattr(self, "moved", self.moved + 1))
        model.modelReset.connect(lambda: setattr(self, "resets", self.resets + 1))


def assert_table_matches_the_file(window: MainWindow) -> None:
    """Every row of the span table, in order, is the stored span (not rejected) in text order."""
    doc_id = window.current_document_id()
    with Project(window.project.path) as other:
        stored = [s.id for s in other.spans(doc_id) if s.status != "rejected"]
    assert [s.id for s in window.annotation_model.spans()] == stored


def view_work(window: MainWindow) -> dict[str, int]:
    """How often each view of the views dock refreshed (counted through its refresh method)."""
    counts: dict[str, int] = {}
    for index in range(window.view_tabs.count()):
        view = window.view_tabs.widget(index)
        name = view.objectName()
        counts[name] = 0
        for method in ("refresh", "set_span", "compute", "fill_choices"):
            original = getattr(view, method, None)
            if callable(original):

                def counting(*args, _original=original, _name=name, **kwargs):
                    counts[_name] += 1
                    return _original(*args, **kwargs)

                setattr(view, method, counting)
    return counts


def test_one_tag_in_a_20000_span_document_reads_no_document_and_inserts_one_row(
    qtbot, long_window, monkeypatch
) -> None:
    window, doc_id = long_window
    # Every view of the dock shown once, then back on the first (the links panel): the others are hidden.
    for index in range(window.view_tabs.count()):
        window.view_tabs.setCurrentIndex(index)
        qtbot.wait(0)
    window.view_tabs.setCurrentIndex(0)
    qtbot.wait(0)
    hidden = [
        window.view_tabs.widget(i).objectName()
        for i in range(window.view_tabs.count())
        if not window.view_tabs.widget(i).isVisible()
    ]
    assert len(hidden) >= 5  # review, examples, statistics, transfers, agreement, attributes…
    model = window.annotation_model
    rows_before = model.rowCount()
    assert rows_before == SPANS
    start, end = select_free_word(window)
    reads = SpanReads(monkeypatch)
    rows = Rows(model)
    documents = Rows(window.document_model)
    work = view_work(window)
    heard: list[Change] = []
    window.signals.changed.connect(heard.append)
    window.reader.setFocus()
    assert window.tag_with_label("actor")
    qtbot.wait(0)

    assert [c.kind for c in heard] == [ChangeKind.SPANS_ADDED]
    assert reads.calls == []  # no panel read the document's spans again
    # One row, in text order: after the first word's span, which starts at the same place and ends sooner.
    assert rows.inserted == [(1, 1)] and rows.removed == [] and rows.resets == 0
    assert model.rowCount() == rows_before + 1
    assert model.index(1, 1).data() == window.reader.text()[start:end]
    assert documents.resets == 0 and documents.inserted == []
    # A hidden view received no work (the attributes panel follows the selected span, one span: not counted).
    assert {name: n for name, n in work.items() if name in hidden and name != "attributes-view"} == {
        name: 0 for name in hidden if name != "attributes-view"
    }
    # What the window shows agrees with the file.
    summary = window.document_model.summary(doc_id)
    assert summary is not None and summary.span_count == SPANS + 1
    assert window.status_spans.text().startswith(f"{SPANS + 1} spans")

    # Relabel, delete, undo and redo: rows move, go and come back, one at a time.
    new_id = window.reader.selected_span_id()
    assert new_id is not None
    assert window.tag_with_label("quantity")
    assert window.delete_span(new_id)
    assert rows.removed == [(1, 1)]
    assert window.undo() and window.undo() and window.redo()  # back, relabelled actor, then quantity again
    qtbot.wait(0)
    assert model.rowCount() == rows_before + 1 and model.row_of(new_id) == 1
    assert model.index(1, 0).data() == "quantity"
    assert window.undo() and window.undo()  # relabel, then the tag itself
    qtbot.wait(0)
    assert reads.calls == [] and rows.resets == 0
    assert model.rowCount() == rows_before and model.row_of(new_id) is None
    assert rows.removed == [(1, 1), (1, 1)] and rows.inserted == [(1, 1), (1, 1)]
    assert_table_matches_the_file(window)


def test_the_table_lists_20000_rows_without_reading_them(qtbot, db_path: Path, monkeypatch) -> None:
    from annotator.ui.models import AnnotationTableModel

    doc_id = fill(db_path, spans=SPANS)
    with Project(db_path) as project:
        model = AnnotationTableModel(project)
        model.set_document(doc_id)
        assert model.rowCount() == SPANS and model.page_reads == 0
        last = model.index(SPANS - 1, 1).data()
        assert last == project.spans(doc_id)[-1].text
        assert model.page_reads == 1  # one page of rows, read by range
        assert len(model._pages) == 1 and len(model._pages[max(model._pages)]) <= 16 * model.PAGE


def test_accept_all_and_its_undo_are_told_once(qtbot, long_window, monkeypatch) -> None:
    window, doc_id = long_window
    project = window.project
    text = project.document_text(doc_id)
    # 1,000 suggestions: quantities over the words "obus" and "Russie" not tagged yet (on the short document too).
    other = next(s.id for s in window.document_model.summaries() if s.id != doc_id)
    wanted = []
    for n, start in enumerate(i for i in range(len(text)) if text.startswith("Russie", i)):
        if n >= 999:
            break
        wanted.append(project.make_span(doc_id, start, start + 6, "quantity", annotator="ner", status="suggested"))
    wanted.append(project.make_span(other, 3, 9, "quantity", annotator="ner", status="suggested"))
    project.add_spans(wanted)
    qtbot.wait(0)
    model = window.annotation_model
    shown = model.rowCount()
    reads = SpanReads(monkeypatch)
    heard: list[Change] = []
    window.signals.changed.connect(heard.append)
    rows = Rows(model)
    monkeypatch.setattr(window, "choose_item", lambda title, label, items: next(i for i in items if "quantity" in i))
    suggestions = window.findChild(SuggestionsController, CONTROLLER_NAME)
    assert suggestions.review_label(True)
    assert [c.kind for c in heard] == [ChangeKind.SPANS_UPDATED] and len(heard[0].ids) == len(wanted)
    assert window.undo()
    assert [c.kind for c in heard] == [ChangeKind.SPANS_UPDATED, ChangeKind.SPANS_UPDATED]
    assert window.redo()
    assert len(heard) == 3
    # Suggested → accepted keeps every row where it is: edits in place, no row moved, no reset.
    assert rows.inserted == rows.removed == [] and rows.resets == 0 and model.rowCount() == shown
    # The only whole reads are the suggestion controller's own list of pending suggestions (corpus-wide).
    assert all(kwargs.get("statuses") == ["suggested"] for _args, kwargs in reads.calls)
    assert window.counts.total("accepted") == SPANS + len(wanted) - 1
    assert_table_matches_the_file(window)


def test_automatic_propagation_does_not_reload_the_panels(qtbot, long_window, monkeypatch) -> None:
    window, _doc_id = long_window
    suggestions = window.findChild(SuggestionsController, CONTROLLER_NAME)
    suggestions.set_auto_propagate(True)
    reads = SpanReads(monkeypatch)
    rows = Rows(window.annotation_model)
    documents = Rows(window.document_model)
    heard: list[Change] = []
    window.signals.changed.connect(heard.append)
    reader = window.reader
    text = reader.text()
    start = text.index("Zanzibar")
    reader.select_span(None)
    cursor = reader.textCursor()
    cursor.setPosition(reader.to_utf16(start))
    cursor.setPosition(reader.to_utf16(start + len("Zanzibar")), QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    # Tagged by hand in the window; the two other mentions are proposed at once.
    assert reader.tag_selection("actor", snap=False)
    with qtbot.waitSignal(suggestions.propagated, timeout=5000) as propagated:
        pass
    report = propagated.args[0]
    assert report is not None and report.total == 2
    assert [c.kind for c in heard] == [ChangeKind.SPANS_ADDED, ChangeKind.SPANS_ADDED]
    assert reads.calls == []  # neither the panels nor propagation read a document's spans whole
    assert rows.resets == 0 and documents.resets == 0
    assert len(rows.inserted) == 1 + report.total and all(first == last for first, last in rows.inserted)
    assert_table_matches_the_file(window)


def test_panels_converge_to_the_file_after_another_program_writes(qtbot, long_window, db_path: Path) -> None:
    window, doc_id = long_window
    with Project(db_path) as other:
        text = other.document_text(doc_id)
        start = text.index("Russie")
        other.add_span(doc_id, start, start + 6, "transfer", annotator="cli")
        other.delete_spans([s.id for s in other.spans(doc_id)[:3]])
    assert window.poll_external_changes()
    with Project(db_path) as other:
        stored = [s.id for s in other.spans(doc_id)]
    model = window.annotation_model
    assert model.rowCount() == len(stored)
    assert [model.index(r, 0).data(SpanIdRole) for r in range(5)] == stored[:5]
    assert window.document_model.summary(doc_id).span_count == len(stored)
    assert window.counts.total("accepted") == len(stored)
