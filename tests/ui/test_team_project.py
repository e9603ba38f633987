"""File → Open team project…, the recent team projects (never with a password), and the window's edit policy
while its team server connection is down."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from annotator.store.project import Project
from annotator.ui.commands import AddSpanCommand
from annotator.ui.dialogs.team_project import (
    RECENT_TEAM_KEY,
    TeamProjectDialog,
    add_recent_team_project,
    address_without_password,
    recent_team_projects,
)
from annotator.ui.team_live import TeamChangeFeed, TeamStatus

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TEXT = "La Russie a livré 12 chars à l’Ukraine en mars. Le Canada a promis 3 avions."


@pytest.mark.parametrize(
    ("address", "kept"),
    [
        ("postgresql://alice:s3cret@db.example.org:5433/corpus?sslmode=verify-full", "s3cret"),
        ("host=db.example.org dbname=corpus user=alice password='s3 cret'", "s3 cret"),
        ("service=team password=hunter2", "hunter2"),
    ],
)
def test_a_remembered_address_never_holds_its_password(qtbot, window, address: str, kept: str) -> None:
    pytest.importorskip("psycopg")
    stripped = address_without_password(address)
    assert kept not in stripped and stripped
    add_recent_team_project(window.settings, address)
    stored = window.settings.value(RECENT_TEAM_KEY)
    assert kept not in str(stored)
    assert recent_team_projects(window.settings)[0] == stripped
    assert "corpus" in stripped or "service=team" in stripped


def test_the_dialog_lists_recent_projects_and_accepts_only_server_addresses(qtbot) -> None:
    recent = ["postgresql://alice@db/corpus", "service=team"]
    dialog = TeamProjectDialog(recent)
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "teamProjectDialog"
    edit = dialog.findChild(type(dialog.edit), "teamConnectionEdit")
    assert edit is dialog.edit and edit.text() == recent[0]  # the last one, ready to open again
    assert [dialog.recent.item(i).text() for i in range(dialog.recent.count())] == recent
    dialog.recent.setCurrentRow(1)
    assert edit.text() == "service=team"
    note = dialog.findChild(QLabel, "teamPasswordNote")
    assert ".pgpass" in note.text() and "pg_service.conf" in note.text()
    edit.setText("/home/alice/project.db")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.problem.isVisibleTo(dialog)
    assert "File → Open project" in dialog.problem.text()
    edit.setText("")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    edit.setText("  host=db dbname=corpus  ")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.address() == "host=db dbname=corpus"


def test_file_open_team_project_asks_for_the_address(qtbot, window, monkeypatch) -> None:
    action = window.findChild(type(window.action_open), "action-open-team-project")
    assert action is not None and action in window.menu("File").actions()
    assert window.findChild(QLabel, "teamConnectionStatus") is None  # a project file: no team connection
    seen: list[str] = []

    def answer() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "teamProjectDialog")
        seen.append(dialog.windowTitle())
        dialog.reject()

    QTimer.singleShot(0, answer)
    action.trigger()
    assert seen == ["Open team project"]
    assert window.project.path.exists()  # nothing else opened


@pytest.fixture
def team_window(make_window, db_path: Path, pg_cluster, pg_database):
    """A window whose team connection listens on the throwaway server (its project itself is a file here: what
    is tested is the window's policy while the connection is down)."""
    from annotator.store.postgres import team

    admin = pg_cluster.conninfo(pg_database)
    team.init_team(admin)
    team.add_user(admin, "carol", "annotator", "pw-c")
    carol = pg_cluster.conninfo(pg_database, user="carol", password="pw-c")
    with Project(db_path) as project:
        document, _ = project.add_document("Livraisons", TEXT)
    window = make_window()
    controller = window.team
    controller.feed = TeamChangeFeed(carol, retry_ms=(60_000,), heartbeat_ms=0, parent=controller)
    controller.feed.changes.connect(controller.tell)
    controller.feed.connectionChanged.connect(controller._connection_changed)
    controller.status = TeamStatus(controller.feed, window)
    window.statusBar().addPermanentWidget(controller.status.label)
    assert controller.feed.start()
    yield window, int(document.id), admin
    controller.close()


def test_edits_are_refused_while_the_team_connection_is_down(qtbot, team_window) -> None:
    import psycopg

    window, document, admin = team_window
    assert window.run_command(AddSpanCommand(window.project, document, 3, 9, "actor"))
    feed = window.team.feed
    server = psycopg.connect(admin, autocommit=True)
    server.execute("ALTER ROLE carol NOLOGIN")  # the server stays unreachable for carol until LOGIN again
    with qtbot.waitSignal(feed.connectionChanged, timeout=3000):
        server.execute("SELECT pg_terminate_backend(%s)", (feed.listener.conn.info.backend_pid,))
    status = window.findChild(QLabel, "teamConnectionStatus")
    assert status.property("problem") is True and "lost" in status.text()
    spans_before = window.project.spans(document)
    # A tag, an undo: refused before anything is sent; the stack and the project are as they were.
    assert not window.run_command(AddSpanCommand(window.project, document, 48, 57, "actor"))
    assert not window.undo()
    assert window.project.spans(document) == spans_before and window.undo_stack.count() == 1
    assert "team server connection is lost" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: feed.attempts >= 1, timeout=3000)  # a refused edit asks for a new try at once
    assert not feed.connected and not window.run_command(AddSpanCommand(window.project, document, 48, 57, "actor"))
    # The server takes carol again: the next try connects, and the edit goes through.
    server.execute("ALTER ROLE carol LOGIN")
    server.close()
    qtbot.waitUntil(lambda: feed.connected, timeout=5000)
    assert status.property("problem") is False
    assert window.run_command(AddSpanCommand(window.project, document, 48, 57, "actor"))
    assert len(window.project.spans(document)) == 2
