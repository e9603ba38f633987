"""File → Export through the real window: format, filters, output, progress, errors, warnings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressDialog,
    QPushButton,
)
from tests.conftest import EMOJI, FRENCH

from annotator.store.project import Project
from annotator.ui.dialogs.export_dialog import ExportDialog, show_export_dialog
from annotator.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


@pytest.fixture
def seeded(db_path: Path) -> Path:
    with Project(db_path) as project:
        french, _ = project.add_document("Corée", FRENCH)
        emoji, _ = project.add_document("Emoji", EMOJI)
        for document, phrase, label, annotator in (
            (french, "la Corée du Nord", "actor", "ann"),
            (french, "a fourni à la Russie des munitions d’artillerie", "transfer", "ann"),
            (french, "la Russie", "actor", "ben"),
            (emoji, "1\u202f000 obus", "quantity", "ben"),
        ):
            start = document.text.index(phrase)
            project.add_span(document.id, start, start + len(phrase), label, annotator=annotator)
    return db_path


@pytest.fixture
def window(qtbot, seeded: Path) -> MainWindow:
    window = MainWindow(seeded, poll_interval_ms=0)
    qtbot.addWidget(window)
    return window


def open_dialog(window: MainWindow) -> ExportDialog:
    window.findChild(QAction, "action-export").trigger()
    dialog = window.findChild(ExportDialog, "export-dialog")
    assert dialog is not None and dialog.isVisible()
    return dialog


def check(dialog: ExportDialog, list_name: str, text: str) -> None:
    widget = dialog.findChild(QListWidget, list_name)
    [item] = widget.findItems(text, Qt.MatchFlag.MatchContains)
    item.setCheckState(Qt.CheckState.Checked)


def test_file_export_opens_the_dialog_and_writes_jsonl(qtbot, window: MainWindow, tmp_path: Path) -> None:
    dialog = open_dialog(window)
    assert dialog.findChild(QComboBox, "export-format").count() == 7
    assert dialog.findChild(QCheckBox, "export-status-accepted").isChecked()
    assert not dialog.findChild(QCheckBox, "export-status-suggested").isChecked()
    out = tmp_path / "out.jsonl"
    dialog.findChild(QLineEdit, "export-path").setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=5000) as blocker:
        qtbot.mouseClick(dialog.findChild(QPushButton, "export-run"), Qt.MouseButton.LeftButton)
    report = blocker.args[0]
    assert (report.documents, report.spans) == (2, 4)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["format"] == "annotator" and len(lines) == 3
    assert not dialog.isVisible()
    assert "exported 2 documents, 4 spans" in window.statusBar().currentMessage()


def test_filters_and_format_choice(qtbot, window: MainWindow, tmp_path: Path) -> None:
    dialog = open_dialog(window)
    dialog.set_format("csv")
    assert dialog.findChild(QLineEdit, "export-path").text().endswith(".csv")
    check(dialog, "export-annotators", "ben")
    check(dialog, "export-labels", "actor")
    out = tmp_path / "ben.csv"
    dialog.set_output_path(out)
    report = dialog.run_export()
    assert report is not None and report.spans == 1
    assert "la Russie" in out.read_text(encoding="utf-8-sig")
    dialog.set_format("brat")
    assert dialog.output_path() == tmp_path / "ben"  # the typed name follows the format
    report = dialog.run_export()
    assert report is not None and sorted(p.suffix for p in (tmp_path / "ben").iterdir()) == [
        ".ann",
        ".ann",
        ".conf",
        ".txt",
        ".txt",
    ]


def test_current_document_only_and_statuses(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.open_document(2)
    dialog = open_dialog(window)
    qtbot.mouseClick(dialog.findChild(QPushButton, "export-current-document"), Qt.MouseButton.LeftButton)
    dialog.findChild(QCheckBox, "export-status-accepted").setChecked(False)
    report = dialog.run_export()
    assert report is None
    error = dialog.findChild(QLabel, "export-error")
    assert error.isVisible() and "status" in error.text()
    dialog.findChild(QCheckBox, "export-status-accepted").setChecked(True)
    dialog.set_format("conll")
    dialog.set_output_path(tmp_path / "emoji.conll")
    report = dialog.run_export()
    assert report is not None and report.documents == 1
    assert (tmp_path / "emoji.conll").read_text(encoding="utf-8").count("-DOCSTART-") == 1


def test_errors_stay_in_the_dialog(qtbot, window: MainWindow, tmp_path: Path) -> None:
    dialog = open_dialog(window)
    dialog.set_format("jsonl")
    dialog.set_output_path(tmp_path)  # a folder
    dialog.accept()
    assert dialog.isVisible()
    assert "folder" in dialog.findChild(QLabel, "export-error").text()
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    dialog.set_output_path(blocker / "sub" / "out.jsonl")  # a parent that is a file: cannot be created
    dialog.accept()
    assert dialog.isVisible() and "could not be written" in dialog.findChild(QLabel, "export-error").text()


def test_progress_dialog_follows_the_documents_and_can_cancel(qtbot, window: MainWindow, tmp_path: Path) -> None:
    dialog = show_export_dialog(window)
    assert show_export_dialog(window) is dialog  # a second File → Export raises the open one
    dialog.progress_minimum_ms = 0
    seen: list[tuple[int, int]] = []
    shown: list[bool] = []

    def record(done: int, total: int) -> None:
        seen.append((done, total))
        shown.append(dialog.findChild(QProgressDialog, "export-progress").isVisible())

    dialog.progressed.connect(record)
    dialog.set_output_path(tmp_path / "all.jsonl")
    assert dialog.run_export() is not None
    assert seen == [(0, 2), (1, 2), (2, 2)]
    progress = dialog.findChild(QProgressDialog, "export-progress")
    assert progress.value() == progress.maximum() == 2 and shown[-1] and not progress.isVisible()

    def cancel(done: int, total: int) -> None:
        if done == 1:
            dialog.findChild(QProgressDialog, "export-progress").cancel()

    dialog.progressed.connect(cancel)
    dialog.set_output_path(tmp_path / "cancelled.jsonl")
    assert dialog.run_export() is None
    assert not (tmp_path / "cancelled.jsonl").exists() and not list(tmp_path.glob(".cancelled*"))
    assert "cancelled" in window.statusBar().currentMessage()


def test_warnings_are_shown_without_blocking(qtbot, window: MainWindow, tmp_path: Path) -> None:
    dialog = open_dialog(window)
    dialog.set_format("conll")
    dialog.set_output_path(tmp_path / "o.conll")
    report = dialog.run_export()
    assert report is not None and any("overlaps" in w for w in report.warnings)
    box = window.findChild(QMessageBox, "export-warnings")
    assert box is not None and box.isVisible() and "la Russie" in box.text()
    box.close()
