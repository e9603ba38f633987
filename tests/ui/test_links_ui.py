"""Links through the real window: L starts a link, the picker and the reader choose its target, the
links panel changes its role and deletes it, and every step is undone and redone on the window's stack."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
)

from annotator.core.model import LinkType
from annotator.ui.views import links as links_view

# Showing a window on the offscreen platform logs this harmless warning.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = (
    "Selon l’ONU, la Corée du Nord 🚀 a fourni à la Russie des munitions d’artillerie.\n"
    "Plus de 10\u00a0000 soldats nord-coréens sont déployés ; les experts estiment que c’est un risque.\n"
)


@pytest.fixture
def spans(window) -> dict[str, str]:
    project = window.project
    document, _ = project.add_document("Corée", TEXT)

    def add(phrase: str, label: str) -> str:
        start = TEXT.index(phrase)
        return project.add_span(document.id, start, start + len(phrase), label, expected_text=phrase).id

    ids = {
        "doc": document.id,
        "dprk": add("la Corée du Nord", "actor"),
        "transfer": add("a fourni à la Russie des munitions d’artillerie", "transfer"),
        "russia": add("la Russie", "actor"),
        "troops": add("Plus de 10\u00a0000 soldats", "quantity"),
        "assessment": add("les experts estiment que c’est un risque", "assessment"),
    }
    window.open_document(document.id)
    return ids


def items(listing: QListWidget) -> list[str]:
    return [listing.item(i).text() for i in range(listing.count()) if not listing.item(i).isHidden()]


def press_link_key(qtbot, window, span_id: str) -> QDialog:
    """Select a span in the reader and press L there; returns the picker that opened."""
    window.select_span(span_id)
    reader = window.reader
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_L)
    [picker] = [p for p in window.findChildren(QDialog, "link-picker") if p.isVisible()]
    return picker


def link_tuples(project) -> set[tuple[str, str, str]]:
    return {(lk.from_span, lk.role, lk.to_span) for lk in project.links()}


def test_link_made_from_the_keyboard_then_undone_and_redone(qtbot, window, spans) -> None:
    project = window.project
    picker = press_link_key(qtbot, window, spans["transfer"])
    listing = picker.findChild(QListWidget, "link-picker-list")
    filter_box = picker.findChild(QLineEdit, "link-picker-filter")
    # Candidates the schema allows for a transfer, nearest first; the transfer itself is not offered.
    assert items(listing) == [
        "actor: la Russie",
        "actor: la Corée du Nord",
        "quantity: Plus de 10\u00a0000 soldats",
        "assessment: les experts estiment que c’est un risque",
    ]
    qtbot.keyClicks(filter_box, "cor")
    assert items(listing) == ["actor: la Corée du Nord"]
    qtbot.keyClick(filter_box, Qt.Key.Key_Return)
    # Two roles fit transfer → actor: the picker asks which.
    assert items(listing) == ["supplier (transfer → actor)", "recipient (transfer → actor)"]
    qtbot.keyClick(filter_box, Qt.Key.Key_Down)
    qtbot.keyClick(filter_box, Qt.Key.Key_Return)
    assert not picker.isVisible()
    assert link_tuples(project) == {(spans["transfer"], "recipient", spans["dprk"])}
    panel = window.findChild(QListWidget, "links-list")
    assert items(panel) == ["a fourni à la Russie des munitions d’ar… —recipient→ la Corée du Nord"]
    assert window.reader.selected_span_id() == spans["transfer"]  # back on the source, ready for the next
    window.undo_stack.undo()
    assert project.links() == [] and items(panel) == []
    window.undo_stack.redo()
    assert link_tuples(project) == {(spans["transfer"], "recipient", spans["dprk"])}
    assert len(items(panel)) == 1


def test_one_fitting_role_is_taken_at_once(qtbot, window, spans) -> None:
    picker = press_link_key(qtbot, window, spans["transfer"])
    filter_box = picker.findChild(QLineEdit, "link-picker-filter")
    qtbot.keyClicks(filter_box, "quantity")
    qtbot.keyClick(filter_box, Qt.Key.Key_Return)
    assert link_tuples(window.project) == {(spans["transfer"], "amount", spans["troops"])}


def click_span(qtbot, window, span_id: str) -> None:
    """Click with the mouse on the second character of a span in the reader."""
    reader = window.reader
    span = window.project.span(span_id)
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.offset_map().to_utf16(span.start + 1))
    point: QPoint = reader.cursorRect(cursor).center() + QPoint(2, 0)  # on the character after the cursor
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_target_clicked_in_the_reader_and_reverse_direction(qtbot, window, spans) -> None:
    # Started from the actor: a click on the transfer links transfer —supplier/recipient→ actor.
    picker = press_link_key(qtbot, window, spans["russia"])
    assert items(picker.findChild(QListWidget, "link-picker-list")) == [
        "transfer: a fourni à la Russie des munitions d’artillerie",
        "assessment: les experts estiment que c’est un risque",
    ]
    click_span(qtbot, window, spans["assessment"])
    # assessment —about→ actor is the only fitting role: made at once.
    assert link_tuples(window.project) == {(spans["assessment"], "about", spans["russia"])}
    assert not picker.isVisible()


def test_a_click_on_a_span_the_schema_refuses_is_ignored(qtbot, window, spans) -> None:
    picker = press_link_key(qtbot, window, spans["dprk"])
    window.reader.select_span(spans["russia"])  # actor → actor: no role allows it
    assert picker.isVisible() and window.project.links() == []
    filter_box = picker.findChild(QLineEdit, "link-picker-filter")
    qtbot.keyClick(filter_box, Qt.Key.Key_Escape)
    assert not picker.isVisible()
    window.reader.select_span(spans["transfer"])  # after Escape, selecting links nothing
    assert window.project.links() == []


def test_link_key_without_a_selected_span_says_so(qtbot, window, spans) -> None:
    window.reader.select_span(None)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_L)
    assert window.findChild(QDialog, "link-picker") is None
    assert window.project.links() == []


def test_panel_selects_changes_role_and_deletes(qtbot, window, spans) -> None:
    project = window.project
    window.select_span(spans["transfer"])
    picker = press_link_key(qtbot, window, spans["transfer"])
    filter_box = picker.findChild(QLineEdit, "link-picker-filter")
    qtbot.keyClicks(filter_box, "russie")
    qtbot.keyClick(filter_box, Qt.Key.Key_Return)
    qtbot.keyClick(filter_box, Qt.Key.Key_Return)  # supplier, the first role
    [link] = project.links()
    assert link.role == "supplier"
    panel = window.findChild(QListWidget, "links-list")
    window.reader.select_span(None)
    rect = panel.visualItemRect(panel.item(0))
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.reader.selected_span_id() == spans["transfer"]  # selecting a link shows its spans
    role = window.findChild(QComboBox, "link-role")
    assert [role.itemText(i) for i in range(role.count())] == ["supplier", "recipient"]
    role.setFocus()
    qtbot.keyClick(role, Qt.Key.Key_Down)
    assert project.link(link.id).role == "recipient"
    assert items(panel) == ["a fourni à la Russie des munitions d’ar… —recipient→ la Russie"]
    window.undo_stack.undo()
    assert project.link(link.id).role == "supplier"
    assert role.currentText() == "supplier"
    panel.setFocus()
    panel.setCurrentRow(0)
    qtbot.keyClick(panel, Qt.Key.Key_Delete)
    assert project.links() == [] and items(panel) == []
    window.undo_stack.undo()
    assert project.links() == [link]
    window.undo_stack.redo()
    assert project.links() == []


def test_deleting_a_linked_span_in_the_reader_takes_the_link_and_undo_brings_it(qtbot, window, spans) -> None:
    project = window.project
    picker = press_link_key(qtbot, window, spans["assessment"])
    filter_box = picker.findChild(QLineEdit, "link-picker-filter")
    qtbot.keyClicks(filter_box, "fourni")
    qtbot.keyClick(filter_box, Qt.Key.Key_Return)
    assert link_tuples(project) == {(spans["assessment"], "about", spans["transfer"])}
    panel = window.findChild(QListWidget, "links-list")
    window.select_span(spans["transfer"])
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Delete)
    assert not project.has_span(spans["transfer"])
    assert project.links() == [] and items(panel) == []
    assert window.statusBar().currentMessage() == "1 link of the deleted span went with it (undo brings it back)"
    window.undo_stack.undo()
    assert link_tuples(project) == {(spans["assessment"], "about", spans["transfer"])}
    assert len(items(panel)) == 1


def test_link_schema_edited_in_its_dialog_and_undone(qtbot, window, spans) -> None:
    project = window.project
    before = project.link_types()
    dialog = links_view.show_link_schema(window)
    table = dialog.findChild(QTableWidget, "link-schema-table")
    assert table.rowCount() == 4
    dialog.findChild(QPushButton, "link-schema-add").click()
    for column, value in enumerate(("source", "assessment", "actor")):
        table.item(4, column).setText(value)
    dialog.apply()
    assert LinkType("source", "assessment", ("actor",)) in project.link_types()
    window.undo_stack.undo()
    assert project.link_types() == before


def test_link_schema_dialog_refuses_a_bad_row(qtbot, window, spans) -> None:
    dialog = links_view.show_link_schema(window)
    table = dialog.findChild(QTableWidget, "link-schema-table")
    table.item(0, 2).setText("nowhere")
    dialog.apply()
    assert dialog.isVisible()
    assert "unknown labels: nowhere" in dialog.findChild(QLabel, "link-schema-error").text()
    assert window.project.link_types()[0].to_labels == ("actor",)


def test_links_of_the_selected_span_are_bold(qtbot, window, spans) -> None:
    project = window.project
    project.add_link(spans["transfer"], spans["dprk"], "supplier")
    project.add_link(spans["assessment"], spans["russia"], "about")
    panel = window.findChild(QListWidget, "links-list")
    window.select_span(spans["dprk"])
    bold = {panel.item(i).text(): panel.item(i).font().bold() for i in range(panel.count())}
    assert bold == {
        "a fourni à la Russie des munitions d’ar… —supplier→ la Corée du Nord": True,
        "les experts estiment que c’est un risque —about→ la Russie": False,
    }


def test_schema_exported_edited_and_imported_from_the_tools_menu(qtbot, window, spans, tmp_path, monkeypatch) -> None:
    project = window.project
    path = tmp_path / "schema.toml"
    chosen = iter([str(path), str(path)])
    monkeypatch.setattr(links_view, "ask_schema_path", lambda parent, saving: next(chosen))
    actions = {a.objectName(): a for a in window.menu("&Tools").actions()}
    actions["action-export-schema"].trigger()
    text = path.read_text(encoding="utf-8")
    assert 'role = "supplier"' in text
    path.write_text(text.replace('role = "supplier"', 'role = "provider"'), encoding="utf-8")
    project.add_link(spans["transfer"], spans["dprk"], "supplier")
    actions["action-import-schema"].trigger()
    assert "provider" in {lt.role for lt in project.link_types()}
    assert "not allowed by the new schema and were kept" in window.statusBar().currentMessage()
    assert len(project.links()) == 1
    window.undo_stack.undo()
    assert "provider" not in {lt.role for lt in project.link_types()}
    assert "supplier" in {lt.role for lt in project.link_types()}


def test_role_chosen_from_the_keyboard_after_a_click_in_the_reader(qtbot, window, spans) -> None:
    picker = press_link_key(qtbot, window, spans["transfer"])
    click_span(qtbot, window, spans["russia"])  # two roles fit: the picker asks, and has the keys again
    listing = picker.findChild(QListWidget, "link-picker-list")
    assert items(listing) == ["supplier (transfer → actor)", "recipient (transfer → actor)"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is picker.findChild(QLineEdit, "link-picker-filter"))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert link_tuples(window.project) == {(spans["transfer"], "recipient", spans["russia"])}
    assert window.reader.selected_span_id() == spans["transfer"]


def test_a_link_the_schema_no_longer_allows_is_flagged(qtbot, window, spans) -> None:
    project = window.project
    project.add_link(spans["transfer"], spans["dprk"], "supplier")
    project.update_span(spans["dprk"], label="quantity")  # relabelled: transfer —supplier→ quantity
    panel = window.findChild(QListWidget, "links-list")
    assert items(panel) == [
        "a fourni à la Russie des munitions d’ar… —supplier→ la Corée du Nord  ⚠ not in the link schema"
    ]
    assert "no role 'supplier' from transfer to quantity" in panel.item(0).toolTip()


def test_a_link_note_from_a_brat_set_shows_in_the_links_view(qtbot, window) -> None:
    from pathlib import Path

    from annotator.services.merging import import_set

    folder = Path(__file__).parent.parent / "formats" / "data" / "brat" / "tutorials" / "news"
    report = import_set(window.project, folder, annotator="brat", unknown_labels="add")
    [doc_id] = [d for d, title in report.documents if title == "110-note_annotation"]
    window.open_document(doc_id)
    listing = window.findChild(QListWidget, "links-list")
    noted = [listing.item(i) for i in range(listing.count()) if listing.item(i).text().endswith("✎")]
    assert len(noted) == 4
    assert any("Note: Should this be marked? It's not explicitly stated." in item.toolTip() for item in noted)
