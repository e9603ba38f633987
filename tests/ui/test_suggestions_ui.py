"""Assisted annotation through the real window: Tools menu actions, Enter/Backspace in the reader,
accept-all as one undo step, named entities on a worker thread, automatic propagation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QTextCursor

from annotator.core.suggest import ner
from annotator.services.suggesting import NER_MODEL_SETTING
from annotator.ui.views.suggestions import CONTROLLER_NAME, SuggestionsController

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

FRENCH = (
    "Selon l’ONU, la Corée du Nord 🚀 a fourni à la Russie plus de 10\u00a0000 soldats.\n"
    "La Russie aurait livré un million de barils ; les experts estiment que la Corée du Nord en profite.\n"
)
ENGLISH = (
    "Russia shipped 1.2 million barrels of oil to North Korea, and North Korea sent more than 10,000 troops "
    "to the front. The Kremlin says that the troops were not sent by Pyongyang and that the war goes on.\n"
)


@pytest.fixture
def window(make_window):
    window = make_window()
    yield window
    controller(window).wait()


@pytest.fixture
def docs(window) -> dict[str, int]:
    fr, _ = window.project.add_document("fr", FRENCH)
    en, _ = window.project.add_document("en", ENGLISH)
    window.open_document(fr.id)
    return {"fr": fr.id, "en": en.id}


def controller(window) -> SuggestionsController:
    found = window.findChild(SuggestionsController, CONTROLLER_NAME)
    assert found is not None
    return found


def action(window, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    assert found in window.menu("&Tools").actions()
    return found


def pending(window, **filters) -> list:
    return window.project.spans(statuses=["suggested"], **filters)


def drawn_statuses(window) -> dict[str, str]:
    reader = window.reader
    reader.viewport().repaint()
    return {piece.info.id: piece.info.status for piece in reader.span_painter.last_plan.pieces}


def select_text(window, phrase: str) -> None:
    reader = window.reader
    text = window.project.document_text(window.current_document_id())
    start = text.index(phrase)
    utf16 = reader.offset_map()
    cursor = reader.textCursor()
    cursor.setPosition(utf16.to_utf16(start))
    cursor.setPosition(utf16.to_utf16(start + len(phrase)), QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)


def test_tools_menu_has_every_action(window) -> None:
    names = [
        "action-suggest-quantities",
        "action-propagate-mentions",
        "action-suggest-entities",
        "action-ner-model",
        "action-accept-suggestions",
        "action-reject-suggestions",
        "action-auto-propagate",
    ]
    for name in names:
        assert action(window, name).text()


def test_suggested_quantities_are_drawn_and_enter_accepts_backspace_rejects(qtbot, window, docs) -> None:
    action(window, "action-suggest-quantities").trigger()
    suggested = pending(window, documents=[docs["fr"]])
    assert [s.text for s in suggested] == ["plus de 10\u00a0000 soldats", "un million de barils"]
    assert {s.source for s in suggested} == {"quantity"} and {s.annotator for s in suggested} == {"tester"}
    assert {s.text for s in pending(window, documents=[docs["en"]])} == {
        "1.2 million barrels",
        "more than 10,000 troops",
    }
    assert window.project.stats()["spans"] == 0
    styles = drawn_statuses(window)
    assert all(styles[s.id] == "suggested" for s in suggested)

    reader = window.reader
    reader.setFocus()
    reader.select_span(suggested[0].id)
    qtbot.keyClick(reader, Qt.Key.Key_Return)
    accepted = window.project.span(suggested[0].id)
    assert (accepted.status, accepted.source) == ("accepted", "quantity")  # the source is kept
    assert reader.selected_span_id() == suggested[1].id  # on to the next suggestion
    qtbot.keyClick(reader, Qt.Key.Key_Backspace)
    assert window.project.span(suggested[1].id).status == "rejected"
    assert suggested[1].id not in drawn_statuses(window)  # a rejected suggestion is not drawn
    assert window.project.stats()["per_label"]["quantity"] == 1

    # Running again proposes nothing new here: the rejected one stays rejected.
    action(window, "action-suggest-quantities").trigger()
    assert [s.status for s in window.project.spans(docs["fr"], statuses=None)] == ["accepted", "rejected"]
    assert "No new suggestions" in window.statusBar().currentMessage()


def test_a_suggestion_run_is_one_undo_step(window, docs) -> None:
    action(window, "action-suggest-quantities").trigger()
    ids = {s.id for s in pending(window)}
    assert len(ids) == 4
    assert window.undo_stack.undoText() == "Suggest quantities"
    window.undo_stack.undo()
    assert pending(window) == []
    window.undo_stack.redo()
    assert {s.id for s in pending(window)} == ids
    count = window.undo_stack.count()
    action(window, "action-suggest-quantities").trigger()  # nothing new: no empty step on the stack
    assert window.undo_stack.count() == count


def test_propagation_from_the_menu_reaches_every_document(window, docs) -> None:
    text = FRENCH
    start = text.index("la Corée du Nord")
    window.project.add_span(docs["fr"], start, start + len("la Corée du Nord"), "actor", annotator="tester")
    start = ENGLISH.index("Russia")
    window.project.add_span(docs["en"], start, start + len("Russia"), "actor", annotator="tester")
    action(window, "action-propagate-mentions").trigger()
    found = {(s.document_id, s.text) for s in pending(window)}
    assert found == {(docs["fr"], "la Corée du Nord")}  # "Russia" has no other mention; "la Russie" differs
    assert {s.source for s in pending(window)} == {"propagation"}


def test_accept_all_of_a_label_is_one_undoable_command(window, docs, monkeypatch) -> None:
    action(window, "action-suggest-quantities").trigger()
    ids = {s.id for s in pending(window)}
    asked: list[list[str]] = []

    def choose(title: str, label: str, items):
        asked.append(list(items))
        return next(item for item in items if item.startswith("quantity"))

    monkeypatch.setattr(window, "choose_item", choose)
    action(window, "action-accept-suggestions").trigger()
    assert asked == [["quantity (4)"]]
    assert pending(window) == []
    assert {s.id for s in window.project.spans(statuses=["accepted"])} == ids
    assert window.undo_stack.undoText() == "Accept 4 quantity suggestions"
    window.undo_stack.undo()
    assert {s.id for s in pending(window)} == ids
    window.undo_stack.redo()
    assert pending(window) == []
    assert window.project.stats()["per_label"]["quantity"] == 4


def test_undoing_accept_all_is_whole_or_not_at_all(window, docs, monkeypatch, db_path) -> None:
    from annotator.store.project import Project

    action(window, "action-suggest-quantities").trigger()
    ids = sorted(s.id for s in pending(window))
    monkeypatch.setattr(window, "choose_item", lambda title, label, items: next(iter(items)))
    monkeypatch.setattr(window, "inform", lambda *a, **k: None)
    action(window, "action-accept-suggestions").trigger()
    macro = window.undo_stack.command(window.undo_stack.index() - 1)
    last_undone = macro.commands[0].span_id  # undo goes backwards: the others are undone before it
    with Project(db_path) as other:  # another program notes it meanwhile
        other.update_span(last_undone, note="vérifié ailleurs")
    window.poll_external_changes()
    assert window.undo() is False
    statuses = {s.id: s.status for s in window.project.spans()}
    assert [statuses[i] for i in ids] == ["accepted"] * len(ids)  # none undone, not some
    assert window.project.span(last_undone).note == "vérifié ailleurs"
    assert pending(window) == []  # what the window shows matches the file


def test_reject_all_and_cancelling_the_choice(window, docs, monkeypatch) -> None:
    action(window, "action-suggest-quantities").trigger()
    monkeypatch.setattr(window, "choose_item", lambda *a: None)
    action(window, "action-reject-suggestions").trigger()
    assert len(pending(window)) == 4
    monkeypatch.setattr(window, "choose_item", lambda title, label, items: items[0])
    action(window, "action-reject-suggestions").trigger()
    assert pending(window) == []
    assert len(window.project.spans(statuses=["rejected"])) == 4
    action(window, "action-suggest-quantities").trigger()
    assert pending(window) == []  # rejected suggestions are never proposed again


def test_named_entities_are_found_on_a_worker_thread(qtbot, window, docs) -> None:
    if not ner.spacy_available() or not ner.model_installed(ner.DEFAULT_MODEL):
        pytest.fail(f"spaCy and {ner.DEFAULT_MODEL} are needed: {ner.INSTALL_HINT}")
    ner_action = action(window, "action-suggest-entities")
    with qtbot.waitSignal(controller(window).nerFinished, timeout=120_000) as finished:
        ner_action.trigger()
        # The window is free while the worker runs: nothing is stored until the results come back.
        assert not ner_action.isEnabled()
        assert pending(window) == []
    report = finished.args[0]
    assert report is not None and report.per_source["ner"] >= 3
    assert ner_action.isEnabled()
    texts = {s.text for s in pending(window) if s.source == "ner"}
    assert {"ONU", "la Corée du Nord", "la Russie"} <= texts
    assert {s.document_id for s in pending(window)} == {docs["fr"]}  # the English text is not French
    assert window.undo_stack.undoText() == "Suggest named entities"
    assert all(status == "suggested" for status in drawn_statuses(window).values())


def test_a_missing_pipeline_is_explained(qtbot, window, docs) -> None:
    window.project.set_setting(NER_MODEL_SETTING, "xx_not_installed_pipeline")
    with qtbot.waitSignal(controller(window).nerFinished, timeout=30_000) as finished:
        action(window, "action-suggest-entities").trigger()
    assert finished.args[0] is None
    assert any("pip install annotator[ner]" in text for text in window.informed)
    assert pending(window) == []
    assert action(window, "action-suggest-entities").isEnabled()


def test_the_pipeline_name_is_chosen_and_stored_in_the_project(window, monkeypatch) -> None:
    monkeypatch.setattr(window, "ask_text", lambda title, label, text="": "fr_core_news_md")
    action(window, "action-ner-model").trigger()
    assert window.project.setting(NER_MODEL_SETTING) == "fr_core_news_md"


def test_automatic_propagation_after_tagging_by_hand(qtbot, window, docs) -> None:
    auto = action(window, "action-auto-propagate")
    auto.setChecked(True)
    assert window.settings.value("suggest/auto-propagate", type=bool) is True
    reader = window.reader
    reader.setFocus()
    select_text(window, "la Corée du Nord")
    qtbot.keyClick(reader, "1")  # the first label: actor
    tagged = window.project.spans(docs["fr"], statuses=["accepted"])
    assert [s.text for s in tagged] == ["la Corée du Nord"]
    qtbot.waitUntil(lambda: len(pending(window)) == 1)
    [proposed] = pending(window)
    assert (proposed.text, proposed.source, proposed.start) == (
        "la Corée du Nord",
        "propagation",
        FRENCH.rindex("la Corée du Nord"),
    )
    # Undo takes back the propagation first, then the tag; redo of the tag proposes nothing by itself.
    window.undo_stack.undo()
    assert pending(window) == []
    window.undo_stack.undo()
    assert window.project.spans(statuses=None) == []
    window.undo_stack.redo()
    qtbot.wait(0)
    assert pending(window) == []
    auto.setChecked(False)
    select_text(window, "ONU")
    qtbot.keyClick(reader, "1")
    qtbot.wait(0)
    assert pending(window) == []


def test_closing_the_window_while_entities_are_found_drops_the_late_results(qtbot, window, docs) -> None:
    from PySide6.QtCore import QCoreApplication

    found = controller(window)
    reports: list[object] = []
    found.nerFinished.connect(reports.append)
    assert found.suggest_entities()
    window.close()
    assert found.wait(120_000)
    for _ in range(5):
        QCoreApplication.processEvents()
    assert reports == []  # nothing was stored into the closed project, and nothing failed
    assert window.informed == []
