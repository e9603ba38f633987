"""A window on a team project: another user's edits appear within a second, the window's own are not told twice,
undo skips a span someone else changed, and a connection cut on the server is shown, refused and recovered.

Real parts throughout: the suite's throwaway PostgreSQL server, team logins made by ``annotator team``'s code,
the window on ``Project("host=… dbname=…")`` and a second user's own ``Project`` on the same server.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel
from tests.monkey.invariants import annotation_table_ids, reader_spans
from tests.store.postgres.conftest import team_addresses

from annotator.store.project import Project
from annotator.ui.commands import AddSpanCommand
from annotator.ui.main_window import MainWindow

psycopg = pytest.importorskip("psycopg")
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TEXT = "Selon l’ONU, la Corée du Nord a fourni à la Russie des munitions d’artillerie.\u00a0Plus de 10\u00a0000 hommes."


@pytest.fixture
def server(pg_cluster, pg_database) -> dict[str, Any]:
    """A team project with alice and bob (annotators) and one French document."""
    addresses: dict[str, Any] = team_addresses(pg_cluster, pg_database, {"alice": "pw-a", "bob": "pw-b"})
    with Project(addresses["admin"]) as project:
        document, _ = project.add_document("Corée", TEXT)
    addresses["doc"] = int(document.id)
    return addresses


@pytest.fixture
def alice(qtbot, server, monkeypatch) -> Any:
    """Alice's window on the team project (what it would tell her lands in ``window.informed``)."""
    window = MainWindow(server["alice"], annotator="alice", poll_interval_ms=0)
    window.informed = []
    monkeypatch.setattr(window, "inform", lambda title, text, **_: window.informed.append(text))
    monkeypatch.setattr(window, "ask", lambda *a, **k: None)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    assert window.current_document_id() == server["doc"]
    yield window
    window.close()


def test_bobs_tag_appears_in_alices_reader_and_table_within_a_second(qtbot, alice, server) -> None:
    status = alice.findChild(QLabel, "teamConnectionStatus")
    assert status is not None and status.text() == "Team server: connected"
    assert alice.poll_timer.isActive() is False  # heard, not polled
    onu = TEXT.index("ONU")
    with Project(server["bob"]) as bob:
        started = time.monotonic()
        span = bob.add_span(server["doc"], onu, onu + 3, "actor")
        qtbot.waitUntil(lambda: span.id in reader_spans(alice), timeout=1000)
        delay = time.monotonic() - started
        assert span.annotator == "bob" and reader_spans(alice)[span.id] == (onu, onu + 3, "actor", "accepted")
        assert span.id in annotation_table_ids(alice)
        bob.update_span(span.id, label="transfer")
        qtbot.waitUntil(lambda: reader_spans(alice)[span.id][2] == "transfer", timeout=1000)
        bob.delete_span(span.id)
        qtbot.waitUntil(lambda: span.id not in reader_spans(alice), timeout=1000)
        assert span.id not in annotation_table_ids(alice)
    assert delay < 1.0, delay


def test_alices_own_tag_is_not_told_back_to_her_but_reaches_bob(qtbot, alice, server) -> None:
    from annotator.store.postgres.notify import ChangeListener

    feed = alice.team.feed
    heard: list[Any] = []
    feed.changes.connect(heard.append)
    coree = TEXT.index("Corée")
    with ChangeListener(server["bob"]) as bob:
        with qtbot.waitSignal(feed.eventsArrived, timeout=1000):
            assert alice.run_command(AddSpanCommand(alice.project, server["doc"], coree, coree + 5, "actor"))
        [event] = bob.wait(1.0)
    assert heard == []  # the server's message was the window's own echo
    assert (event.table, event.op, event.user) == ("annotations", "insert", "alice")
    assert len(reader_spans(alice)) == 1 and len(annotation_table_ids(alice)) == 1


def test_undo_skips_a_span_another_user_changed_meanwhile(qtbot, alice, server) -> None:
    onu = TEXT.index("ONU")
    command = AddSpanCommand(alice.project, server["doc"], onu, onu + 3, "actor")
    assert alice.run_command(command)
    span_id = command.span.id
    with Project(server["bob"]) as bob:
        bob.update_span(span_id, review="approved", reviewer="bob")  # bob reviews alice's span
    qtbot.waitUntil(lambda: alice.project.span(span_id).review == "approved", timeout=1000)
    assert not alice.undo()  # undoing would throw bob's review away: skipped, with the reason
    assert any("changed meanwhile" in text for text in alice.informed)
    assert alice.project.span(span_id).review == "approved" and span_id in reader_spans(alice)


def test_a_cut_connection_refuses_edits_then_recovers_without_losing_anything(qtbot, alice, server) -> None:
    onu, coree = TEXT.index("ONU"), TEXT.index("Corée")
    assert alice.run_command(AddSpanCommand(alice.project, server["doc"], onu, onu + 3, "actor"))
    status = alice.findChild(QLabel, "teamConnectionStatus")
    with psycopg.connect(server["admin"], autocommit=True) as admin:
        # Every connection of alice's ends, as in a server restart: the window's and the listener's.
        with qtbot.waitSignal(alice.team.feed.connectionChanged, timeout=3000):
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'alice'")
        assert status.property("problem") is True
        # Whether the retry has already come back or not, an edit is refused or goes through whole; never half.
        tried = alice.run_command(AddSpanCommand(alice.project, server["doc"], coree, coree + 5, "actor"))
        qtbot.waitUntil(lambda: alice.team.feed.connected, timeout=5000)
        if not tried:
            assert alice.run_command(AddSpanCommand(alice.project, server["doc"], coree, coree + 5, "actor"))
        with Project(server["bob"]) as bob:
            bob_span = bob.add_span(server["doc"], onu, onu + 3, "quantity")
        qtbot.waitUntil(lambda: bob_span.id in reader_spans(alice), timeout=1000)
        stored = admin.execute("SELECT annotator, start FROM annotations ORDER BY annotator, start").fetchall()
    assert stored == [("alice", onu), ("alice", coree), ("bob", onu)]
    assert status.property("problem") is False and len(reader_spans(alice)) == 3


def test_a_cut_project_connection_alone_is_noticed_and_replaced(qtbot, alice, server) -> None:

    onu = TEXT.index("ONU")
    own = alice.project._server.conn.info.backend_pid
    with psycopg.connect(server["admin"], autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (own,))
    # The next edit finds it broken: refused and explained (nothing written), the connection shown lost.
    assert not alice.run_command(AddSpanCommand(alice.project, server["doc"], onu, onu + 3, "actor"))
    assert alice.informed == [] and "nothing was written" in alice.statusBar().currentMessage()
    qtbot.waitUntil(lambda: alice.team.feed.connected and alice.project.connected, timeout=5000)
    assert alice.project._server.conn.info.backend_pid != own
    assert alice.run_command(AddSpanCommand(alice.project, server["doc"], onu, onu + 3, "actor"))
    with psycopg.connect(server["admin"]) as admin:
        assert admin.execute("SELECT count(*) FROM annotations").fetchone()[0] == 1


def test_the_gui_entry_opens_a_team_project_and_remembers_it_without_its_password(
    qtbot, qapp, server, monkeypatch
) -> None:
    from PySide6.QtWidgets import QApplication

    from annotator.ui import app as app_module
    from annotator.ui.dialogs.team_project import recent_team_projects

    recoveries: list[str] = []
    monkeypatch.setattr(app_module, "execute", lambda app: 0)
    monkeypatch.setattr(app_module, "ask_recovery", lambda message, parent=None: recoveries.append(message))
    assert app_module.run_app(server["alice"], annotator="alice") == 0
    [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    try:
        assert recoveries == [] and window.project.server and window.current_document_id() == server["doc"]
        assert window.findChild(QLabel, "teamConnectionStatus").text() == "Team server: connected"
        recent = recent_team_projects(window.settings)
        assert recent and "pw-a" not in recent[0] and "user=alice" in recent[0]
        assert str(window.project.path) not in window.recent_projects()  # not listed among project files
    finally:
        window.close()


def test_file_open_team_project_opens_the_address_typed(qtbot, alice, server) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def answer() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "teamProjectDialog")
        dialog.findChild(type(dialog.edit), "teamConnectionEdit").setText(server["bob"])
        dialog.accept()

    QTimer.singleShot(0, answer)
    new = alice.team.open_team_project()
    try:
        assert new is not None and new is not alice and new.project.annotator == "bob"
        assert new.findChild(QLabel, "teamConnectionStatus").text() == "Team server: connected"
    finally:
        if new is not None:
            new.close()


def test_bobs_link_appears_in_alices_links_view(qtbot, alice, server) -> None:
    from tests.monkey.invariants import links_view_ids

    if links_view_ids(alice) is None:
        pytest.skip("no Links view shown in this window layout")
    russie, fourni = TEXT.index("Russie"), TEXT.index("fourni")
    with Project(server["bob"]) as bob:
        source = bob.add_span(server["doc"], fourni, fourni + 6, "transfer")
        target = bob.add_span(server["doc"], russie, russie + 6, "actor")
        link = bob.add_link(source.id, target.id, "recipient")
    qtbot.waitUntil(lambda: link.id in (links_view_ids(alice) or []), timeout=2000)
