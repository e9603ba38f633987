"""Attributes through the real window: Alt+digit sets the first declared attribute of the selected span,
the panel's combo boxes set any of them, and each change is one undoable step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel

# Showing a window on the offscreen platform logs this harmless warning.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "Le drapeau 🇰🇵 : la Corée du Nord a livré plus de 1\u202f000 obus ; les experts estiment que c’est grave.\n"


@pytest.fixture
def spans(window) -> dict[str, str]:
    project = window.project
    document, _ = project.add_document("Emoji", TEXT)

    def add(phrase: str, label: str) -> str:
        start = TEXT.index(phrase)
        return project.add_span(document.id, start, start + len(phrase), label, expected_text=phrase).id

    ids = {
        "actor": add("la Corée du Nord", "actor"),
        "transfer": add("a livré plus de 1\u202f000 obus", "transfer"),
        "assessment": add("les experts estiment que c’est grave", "assessment"),
    }
    window.open_document(document.id)
    return ids


def alt_digit(qtbot, window, digit: int) -> None:
    window.reader.setFocus()
    qtbot.keyClick(window.reader, getattr(Qt.Key, f"Key_{digit}"), Qt.KeyboardModifier.AltModifier)


def test_alt_digits_set_the_first_attribute_and_undo(qtbot, window, spans) -> None:
    project = window.project
    window.select_span(spans["assessment"])
    combo = window.findChild(QComboBox, "attribute-confidence")
    assert [combo.itemText(i) for i in range(combo.count())] == ["—", "low", "medium", "high"]
    alt_digit(qtbot, window, 3)
    assert project.attributes(spans["assessment"]) == {"confidence": "high"}
    assert window.findChild(QComboBox, "attribute-confidence").currentText() == "high"
    alt_digit(qtbot, window, 1)
    assert project.attributes(spans["assessment"]) == {"confidence": "low"}
    alt_digit(qtbot, window, 7)  # there is no seventh value: nothing changes
    assert project.attributes(spans["assessment"]) == {"confidence": "low"}
    alt_digit(qtbot, window, 0)
    assert project.attributes(spans["assessment"]) == {}
    window.undo_stack.undo()
    assert project.attributes(spans["assessment"]) == {"confidence": "low"}
    window.undo_stack.undo()
    assert project.attributes(spans["assessment"]) == {"confidence": "high"}
    assert window.findChild(QComboBox, "attribute-confidence").currentText() == "high"


def test_combo_box_sets_the_transfer_status(qtbot, window, spans) -> None:
    project = window.project
    window.select_span(spans["transfer"])
    assert window.findChild(QLabel, "attributes-span").text() == "transfer: “a livré plus de 1\u202f000 obus”"
    combo = window.findChild(QComboBox, "attribute-status")
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert project.attributes(spans["transfer"]) == {"status": "reported"}
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert project.attributes(spans["transfer"]) == {"status": "confirmed"}
    window.undo_stack.undo()
    assert project.attributes(spans["transfer"]) == {"status": "reported"}


def test_a_label_without_attributes_shows_none(qtbot, window, spans) -> None:
    window.select_span(spans["actor"])
    assert window.findChild(QComboBox, "attribute-confidence") is None
    alt_digit(qtbot, window, 1)
    assert window.project.all_attributes() == {}
    assert "has no attributes" in window.statusBar().currentMessage()
