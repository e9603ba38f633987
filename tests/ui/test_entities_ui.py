"""Canonical entities through the real window: E on an actor opens the picker, suggestions come first,
a new name is created on the spot, and each choice is one undoable step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QListWidget

# Showing a window on the offscreen platform logs this harmless warning.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

FIRST = "Selon l’ONU, la Corée du Nord 🚀 a fourni à la Russie des munitions d’artillerie.\n"
SECOND = "Pyongyang dément ; la Corée du Nord aurait livré des obus à Moscou.\n"


@pytest.fixture
def spans(window) -> dict[str, str]:
    project = window.project
    first, _ = project.add_document("Premier", FIRST)
    second, _ = project.add_document("Second", SECOND)

    def add(document, phrase: str, label: str, **fields) -> str:
        start = document.text.index(phrase)
        return project.add_span(document.id, start, start + len(phrase), label, expected_text=phrase, **fields).id

    dprk = project.add_entity("Corée du Nord")
    project.add_entity("Allemagne")
    project.add_entity("Biélorussie")
    ids = {
        "first": first.id,
        "tagged": add(first, "la Corée du Nord", "actor", entity_id=dprk.id),
        "russia": add(first, "la Russie", "actor"),
        "transfer": add(first, "a fourni à la Russie des munitions d’artillerie", "transfer"),
        "untagged": add(second, "la Corée du Nord", "actor"),
        "pyongyang": add(second, "Pyongyang", "actor"),
    }
    ids["dprk"] = dprk.id
    return ids


def items(listing: QListWidget) -> list[str]:
    return [listing.item(i).text() for i in range(listing.count()) if not listing.item(i).isHidden()]


def press_entity_key(qtbot, window, span_id: str) -> QDialog:
    window.select_span(span_id)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_E)
    [picker] = [p for p in window.findChildren(QDialog, "entity-picker") if p.isVisible()]
    return picker


def test_suggestion_first_then_chosen_with_enter_and_undone(qtbot, window, spans) -> None:
    project = window.project
    picker = press_entity_key(qtbot, window, spans["untagged"])
    listing = picker.findChild(QListWidget, "entity-picker-list")
    # Another span with the same text points to "Corée du Nord": it comes first, then the rest by name.
    assert items(listing) == ["Corée du Nord  (suggested)", "Allemagne", "Biélorussie"]
    qtbot.keyClick(picker.findChild(QLineEdit, "entity-picker-filter"), Qt.Key.Key_Return)
    assert not picker.isVisible()
    assert project.span(spans["untagged"]).entity_id == spans["dprk"]
    assert window.findChild(QLabel, "attributes-entity").text() == "Entity: Corée du Nord"
    window.undo_stack.undo()
    assert project.span(spans["untagged"]).entity_id is None
    window.undo_stack.redo()
    assert project.span(spans["untagged"]).entity_id == spans["dprk"]


def test_typing_filters_and_arrows_choose(qtbot, window, spans) -> None:
    picker = press_entity_key(qtbot, window, spans["pyongyang"])
    listing = picker.findChild(QListWidget, "entity-picker-list")
    filter_box = picker.findChild(QLineEdit, "entity-picker-filter")
    assert items(listing) == ["Allemagne", "Biélorussie", "Corée du Nord"]  # no span "Pyongyang" has one yet
    qtbot.keyClicks(filter_box, "e")
    assert items(listing) == ["Create “e”", "Allemagne", "Biélorussie", "Corée du Nord"]
    qtbot.keyClicks(filter_box, "e du")
    assert items(listing) == ["Create “ee du”"]
    filter_box.clear()
    qtbot.keyClicks(filter_box, "du nord")
    assert items(listing) == ["Create “du nord”", "Corée du Nord"]
    qtbot.keyClick(filter_box, Qt.Key.Key_Down)
    qtbot.keyClick(filter_box, Qt.Key.Key_Return)
    assert window.project.span(spans["pyongyang"]).entity_id == spans["dprk"]


def test_a_new_name_is_created_on_the_spot_and_undo_removes_it(qtbot, window, spans) -> None:
    project = window.project
    picker = press_entity_key(qtbot, window, spans["russia"])
    filter_box = picker.findChild(QLineEdit, "entity-picker-filter")
    qtbot.keyClicks(filter_box, "  Russian   Federation ")
    qtbot.keyClick(filter_box, Qt.Key.Key_Return)
    entity_id = project.span(spans["russia"]).entity_id
    assert project.entity(entity_id).name == "Russian Federation"
    window.undo_stack.undo()
    assert project.span(spans["russia"]).entity_id is None
    assert "Russian Federation" not in [e.name for e in project.entities()]  # made by the step, gone with it
    window.undo_stack.redo()
    assert project.entity(project.span(spans["russia"]).entity_id).name == "Russian Federation"
    # Now a suggestion for the other actor spans with that text? None share it; the entity is listed.
    picker = press_entity_key(qtbot, window, spans["pyongyang"])
    assert "Russian Federation" in items(picker.findChild(QListWidget, "entity-picker-list"))
    qtbot.keyClick(picker.findChild(QLineEdit, "entity-picker-filter"), Qt.Key.Key_Escape)
    assert not picker.isVisible()
    assert project.span(spans["pyongyang"]).entity_id is None


def test_clearing_the_entity(qtbot, window, spans) -> None:
    picker = press_entity_key(qtbot, window, spans["tagged"])
    listing = picker.findChild(QListWidget, "entity-picker-list")
    assert items(listing)[0] == "(no entity)"
    assert "Corée du Nord  (current)" in items(listing)
    qtbot.keyClick(picker.findChild(QLineEdit, "entity-picker-filter"), Qt.Key.Key_Return)
    assert window.project.span(spans["tagged"]).entity_id is None
    window.undo_stack.undo()
    assert window.project.span(spans["tagged"]).entity_id == spans["dprk"]
    assert "Corée du Nord" in [e.name for e in window.project.entities()]  # an entity in use is never removed


def test_entities_are_for_actors_only(qtbot, window, spans) -> None:
    window.select_span(spans["transfer"])
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_E)
    assert window.findChild(QDialog, "entity-picker") is None
    assert "Only actor spans" in window.statusBar().currentMessage()


def test_a_french_name_typed_through_the_input_method(qtbot, window, spans) -> None:
    picker = press_entity_key(qtbot, window, spans["pyongyang"])
    filter_box = picker.findChild(QLineEdit, "entity-picker-filter")
    event = QInputMethodEvent()
    event.setCommitString("République populaire démocratique de Corée")
    QApplication.sendEvent(filter_box, event)
    listing = picker.findChild(QListWidget, "entity-picker-list")
    assert items(listing) == ["Create “République populaire démocratique de Corée”"]
    qtbot.keyClick(filter_box, Qt.Key.Key_Return)
    entity_id = window.project.span(spans["pyongyang"]).entity_id
    assert window.project.entity(entity_id).name == "République populaire démocratique de Corée"


def test_undo_and_redo_over_an_entity_choice_and_a_relabel_all_go_through(window, spans) -> None:
    from annotator.ui.commands import UpdateSpanCommand
    from annotator.ui.views.entities import SetEntityCommand

    project = window.project
    span_id = spans["russia"]
    assert window.run_command(SetEntityCommand(project, span_id, name="Russie"))
    assert window.run_command(UpdateSpanCommand(project, span_id, "Relabel", label="transfer"))
    assert window.undo() and window.undo()
    assert (project.span(span_id).label, project.span(span_id).entity_id) == ("actor", None)
    # The entity choice's redo stamps the span anew; the relabel's redo still sees its own content.
    assert window.redo() and window.redo()
    span = project.span(span_id)
    assert span.label == "transfer" and project.entity(span.entity_id).name == "Russie"
