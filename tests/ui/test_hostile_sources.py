"""A source path that came from elsewhere is a record: the window never reads the local file it names.

A set (or a project) written by someone else may name any local file as a document's source; only a
file an import on this machine fingerprinted is ever opened to see whether it changed.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from tests.conftest import FRENCH
from tests.processes import run_cli

import annotator.services.integrity as integrity
from annotator.services.integrity import NO_SOURCE
from annotator.store.project import Project
from annotator.ui.main_window import MainWindow
from annotator.ui.views import safety

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "home" / "private" / "journal.txt"
    path.parent.mkdir(parents=True)
    path.write_text("Mes notes privées, à ne jamais partager.\n", encoding="utf-8")
    return path


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file the source check opens (fingerprint or parse)."""
    opened: list[str] = []
    fingerprint, read = integrity.file_fingerprint, integrity.read_documents

    def recording_fingerprint(path):
        opened.append(str(path))
        return fingerprint(path)

    def recording_read(path, *args, **kwargs):
        opened.append(str(path))
        return read(path, *args, **kwargs)

    monkeypatch.setattr(integrity, "file_fingerprint", recording_fingerprint)
    monkeypatch.setattr(integrity, "read_documents", recording_read)
    return opened


def checked_status(qtbot, db: Path):
    window = MainWindow(db, annotator="tester", poll_interval_ms=0)
    qtbot.addWidget(window)
    window.show()
    controller = window.findChild(QObject, safety.CONTROLLER_NAME)
    with qtbot.waitSignal(controller.sourceChecked, timeout=10_000) as blocker:
        controller.check_document(1)
    controller.wait()
    return blocker.args[0], controller


def test_a_source_path_from_a_received_set_is_never_read(qtbot, tmp_path: Path, secret: Path, reads) -> None:
    origin = tmp_path / "origin.db"
    with Project(origin) as project:
        project.add_document("Corée", FRENCH)
    exported = tmp_path / "set.jsonl"
    assert run_cli("export", "--db", str(origin), "--format", "jsonl", "--out", str(exported)).returncode == 0
    header, line = exported.read_text(encoding="utf-8").splitlines()
    document = json.loads(line)
    document["source_path"] = str(secret)  # what a stranger's set may claim
    exported.write_text(header + "\n" + json.dumps(document, ensure_ascii=False) + "\n", encoding="utf-8")
    db = tmp_path / "mine.db"
    assert run_cli("import", "--db", str(db), str(exported)).returncode == 0
    status, controller = checked_status(qtbot, db)
    assert status.state == NO_SOURCE and "not opened" in status.message
    assert not controller.import_action.isEnabled()
    assert str(secret) not in reads


def test_a_fingerprint_recorded_on_another_machine_is_never_read(qtbot, tmp_path: Path, secret: Path, reads) -> None:
    db = tmp_path / "received.db"
    article = tmp_path / "article.txt"
    article.write_text(FRENCH, encoding="utf-8")
    assert run_cli("import", "--db", str(db), str(article)).returncode == 0
    with sqlite3.connect(db) as conn:  # as the sender's project holds it: their machine, a path of ours
        conn.execute(
            "UPDATE document_sources SET path = ?, machine = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5'", [str(secret)]
        )
    conn.close()
    status, controller = checked_status(qtbot, db)
    assert status.state == NO_SOURCE
    assert reads == [] and not controller.import_action.isEnabled()


def test_a_file_imported_here_is_still_watched(qtbot, tmp_path: Path, reads) -> None:
    db = tmp_path / "mine.db"
    article = tmp_path / "article.txt"
    article.write_text(FRENCH, encoding="utf-8")
    assert run_cli("import", "--db", str(db), str(article)).returncode == 0  # the same installation
    article.write_text("Mise à jour. " + FRENCH, encoding="utf-8")
    status, controller = checked_status(qtbot, db)
    assert status.state == integrity.CHANGED and controller.import_action.isEnabled()
    assert str(article.resolve()) in reads
