"""The Entities panel in the real window: entities across documents with their aliases and every mention
with its document, a mention opened in the reader, and merging (several at once) undone by Ctrl+Z."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QTableWidget, QWidget

from annotator.store.project import Project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def korea(db_path: Path) -> dict:
    """One actor under three entities in three documents, two languages."""
    with Project(db_path) as project:
        docs = [
            project.add_document("Brève FR", "Selon Séoul, la Corée du Nord a livré des obus ; Pyongyang dément.\n")[0],
            project.add_document("EN brief", "North Korea shipped shells to Russia.\n")[0],
            project.add_document("Autre", "Pyongyang a reçu du pétrole.\n")[0],
        ]
        ids = {name: project.add_entity(name).id for name in ("Corée du Nord", "North Korea", "Pyongyang")}
        spans = {}
        for doc, phrase, entity in (
            (docs[0], "la Corée du Nord", "Corée du Nord"),
            (docs[0], "Pyongyang", "Corée du Nord"),
            (docs[1], "North Korea", "North Korea"),
            (docs[2], "Pyongyang", "Pyongyang"),
        ):
            start = doc.text.index(phrase)
            spans[(doc.title, phrase)] = project.add_span(
                doc.id, start, start + len(phrase), "actor", entity_id=ids[entity]
            ).id
    return {"docs": docs, "ids": ids, "spans": spans}


def panel_of(window) -> QWidget:
    panel = window.findChild(QWidget, "entities-view")
    window.show_view(panel)
    return panel


def test_an_entity_lists_its_aliases_and_every_mention_with_its_document(qtbot, make_window, korea) -> None:
    window = make_window()
    panel = panel_of(window)
    listing = window.findChild(QListWidget, "entities-list")
    assert [listing.item(i).text() for i in range(listing.count())] == [
        "Corée du Nord  (2 mentions)",
        "North Korea  (1 mention)",
        "Pyongyang  (1 mention)",
    ]
    assert panel.select_entity("Corée du Nord")
    aliases = window.findChild(QListWidget, "entities-aliases")
    assert sorted(aliases.item(i).text() for i in range(aliases.count())) == ["Pyongyang  ×1", "la Corée du Nord  ×1"]
    mentions = window.findChild(QTableWidget, "entities-mentions")
    rows = [tuple(mentions.item(r, c).text() for c in range(2)) for r in range(mentions.rowCount())]
    assert rows == [("la Corée du Nord", "Brève FR"), ("Pyongyang", "Brève FR")]
    assert "[Pyongyang] dément" in mentions.item(1, 2).text()
    assert "2 mentions in 1 document" in window.findChild(QLabel, "entities-title").text()
    mentions.setCurrentCell(1, 0)
    mentions.cellActivated.emit(1, 0)
    assert window.reader.selected_span_id() == korea["spans"][("Brève FR", "Pyongyang")]


def test_merging_three_entities_is_one_step_undone_by_ctrl_z(qtbot, make_window, korea, monkeypatch) -> None:
    window = make_window()
    panel = panel_of(window)
    listing = window.findChild(QListWidget, "entities-list")
    for i in range(listing.count()):
        listing.item(i).setSelected(True)
    button = window.findChild(QPushButton, "entities-merge")
    assert button.isEnabled()
    asked = []
    monkeypatch.setattr(window, "choose_item", lambda title, label, items: asked.append(items) or "North Korea")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked == [["Corée du Nord", "North Korea", "Pyongyang"]]
    project = window.project
    assert [e.name for e in project.entities()] == ["North Korea"]
    assert [listing.item(i).text() for i in range(listing.count())] == ["North Korea  (4 mentions)"]
    aliases = window.findChild(QListWidget, "entities-aliases")
    assert sorted(aliases.item(i).text() for i in range(aliases.count())) == [
        "North Korea  ×1",
        "Pyongyang  ×2",
        "la Corée du Nord  ×1",
    ]
    mentions = window.findChild(QTableWidget, "entities-mentions")
    assert {mentions.item(r, 1).text() for r in range(mentions.rowCount())} == {"Brève FR", "EN brief", "Autre"}
    window.undo()  # one step for the three
    assert [e.name for e in project.entities()] == ["Corée du Nord", "North Korea", "Pyongyang"]
    panel.refresh()
    assert listing.count() == 3
    window.redo()
    assert [e.name for e in project.entities()] == ["North Korea"]


def test_merge_needs_two(qtbot, make_window, korea) -> None:
    window = make_window()
    panel = panel_of(window)
    panel.select_entity("Pyongyang")
    assert not window.findChild(QPushButton, "entities-merge").isEnabled()
    assert not panel.merge_selected("Pyongyang")
    assert len(window.project.entities()) == 3
