"""Live team work: a team server's notifications reach the window's feed as deltas, and a lost connection comes back.

Real connections to the suite's throwaway PostgreSQL server: one user writes with plain SQL on a connection of
its own, the feed (a Qt socket notifier on its listening connection) receives the server's messages.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from tests.conftest import FRENCH
from tests.store.postgres.conftest import add_document, add_span, team_addresses

from annotator.services.team_changes import changes_from_events
from annotator.store.changes import ChangeKind
from annotator.store.postgres import team
from annotator.store.postgres.notify import ChangeEvent
from annotator.ui.team_live import TeamChangeFeed, TeamStatus

psycopg = pytest.importorskip("psycopg")

ONU = (FRENCH.index("ONU"), FRENCH.index("ONU") + 3, "ONU")
COREE = (FRENCH.index("Corée"), FRENCH.index("Corée") + 5, "Corée")


@pytest.fixture
def server(pg_cluster, pg_database) -> dict[str, Any]:
    """A team database with alice and bob (annotators) and one French document."""
    addresses: dict[str, Any] = team_addresses(pg_cluster, pg_database, {"alice": "pw-a", "bob": "pw-b"})
    with psycopg.connect(addresses["admin"], autocommit=True) as conn:
        addresses["doc"] = add_document(conn, FRENCH, "Corée")
    return addresses


@pytest.fixture
def feed(qtbot, server):
    """Alice's window feed, connected (fast retries for the tests)."""
    feed = TeamChangeFeed(server["alice"], retry_ms=(50, 100, 200), heartbeat_ms=0)
    assert feed.start()
    yield feed
    feed.close()


def test_another_users_tag_reaches_the_feed_as_a_delta_within_a_second(qtbot, feed, server) -> None:
    with psycopg.connect(server["bob"], autocommit=True) as bob:
        with qtbot.waitSignal(feed.changes, timeout=1000) as blocker:
            started = time.monotonic()
            add_span(bob, "s-bob", server["doc"], *ONU, "bob")
        delay = time.monotonic() - started
    [change] = blocker.args[0]
    assert (change.kind, change.document_id, change.ids) == (ChangeKind.SPANS_ADDED, server["doc"], ("s-bob",))
    assert change.touches_document(server["doc"]) and not change.touches_document(server["doc"] + 1)
    assert delay < 1.0


def test_the_windows_own_writes_are_not_told_again(qtbot, server) -> None:
    alice, bob_address = server["alice"], server["bob"]
    with psycopg.connect(alice, autocommit=True) as own, psycopg.connect(bob_address, autocommit=True) as bob:
        feed = TeamChangeFeed(server["alice"], own_pids=lambda: {own.info.backend_pid}, heartbeat_ms=0)
        assert feed.start()
        told: list[list[Any]] = []
        feed.changes.connect(told.append)
        try:
            with qtbot.waitSignal(feed.eventsArrived, timeout=1000):
                add_span(own, "s-own", server["doc"], *ONU, "alice")
            assert told == []  # the message came (and was the window's own echo)
            with qtbot.waitSignal(feed.changes, timeout=1000):
                add_span(bob, "s-bob", server["doc"], *COREE, "bob")
            assert [c.ids for batch in told for c in batch] == [("s-bob",)]
        finally:
            feed.close()


def test_updates_deletions_attributes_and_labels_become_deltas(qtbot, feed, server) -> None:
    doc = server["doc"]
    with psycopg.connect(server["admin"], autocommit=True) as admin:
        with qtbot.waitSignal(feed.changes, timeout=1000):
            add_span(admin, "a", doc, *ONU, "alice")
        batches: list[list[Any]] = []
        feed.changes.connect(batches.append)
        with qtbot.waitSignal(feed.changes, timeout=1000):
            admin.execute("UPDATE annotations SET label = 'actor', note = 'vu' WHERE id = 'a'")
        with qtbot.waitSignal(feed.changes, timeout=1000):
            admin.execute("INSERT INTO labels (name, color) VALUES ('lieu', '#123456')")
        with qtbot.waitSignal(feed.changes, timeout=1000):
            admin.execute("DELETE FROM annotations WHERE id = 'a'")
    kinds = [(c.kind, c.document_id, c.ids) for batch in batches for c in batch]
    assert (ChangeKind.SPANS_UPDATED, doc, ("a",)) in kinds
    assert (ChangeKind.LABELS_CHANGED, None, ()) in kinds
    assert kinds[-1] == (ChangeKind.SPANS_DELETED, doc, ("a",))


def test_one_batch_of_messages_gives_one_delta_per_document() -> None:
    events = [
        ChangeEvent("annotations", "insert", 1, ("x", "y"), 2, "bob", 10),
        ChangeEvent("attributes", "insert", 1, ("x",), 1, "bob", 10),
        ChangeEvent("annotations", "delete", 2, ("z",), 1, "bob", 10),
        ChangeEvent("documents", "update", 3, ("3",), 1, "bob", 10),
        ChangeEvent("settings", "update", None, ("k",), 1, "bob", 10),
        ChangeEvent("annotations", "insert", 1, ("mine",), 1, "alice", 11),
    ]
    changes = changes_from_events(events, own_pids={11})
    told = [(c.kind, c.document_id, c.ids, c.documents) for c in changes]
    assert told == [
        (ChangeKind.DOCUMENTS_CHANGED, None, (), (3,)),
        (ChangeKind.SPANS_CHANGED, 1, ("x", "y"), ()),
        (ChangeKind.SPANS_DELETED, 2, ("z",), ()),
    ]
    assert not any(c.has_rows for c in changes if c.kind != ChangeKind.DOCUMENTS_CHANGED)
    too_many = ChangeEvent("annotations", "insert", 1, None, 900, "bob", 10)
    assert [c.kind for c in changes_from_events([too_many])] == [ChangeKind.EXTERNAL]
    assert changes_from_events([events[4]]) == []


def test_a_terminated_connection_is_shown_retried_and_reloaded(qtbot, feed, server) -> None:
    parent = _parent(qtbot)
    status = TeamStatus(feed, parent)
    assert status.label.objectName() == "teamConnectionStatus"
    assert "connected" in status.label.text() and not status.label.property("problem")
    states: list[bool] = []
    feed.connectionChanged.connect(lambda up, _why: states.append(up))
    batches: list[list[Any]] = []
    feed.changes.connect(batches.append)
    with psycopg.connect(server["admin"], autocommit=True) as admin:
        with qtbot.waitSignal(feed.connectionChanged, timeout=3000, check_params_cb=lambda up, _why: not up):
            admin.execute("SELECT pg_terminate_backend(%s)", (feed.listener.conn.info.backend_pid,))
        # Shown at once, whatever the retry does next.
        assert states[0] is False
        assert status.label.property("problem") is True and "lost" in status.label.text()
        assert feed.problem
        # Bob writes while alice's window hears nothing.
        with psycopg.connect(server["bob"], autocommit=True) as bob:
            add_span(bob, "meanwhile", server["doc"], *ONU, "bob")
        qtbot.waitUntil(lambda: feed.connected, timeout=5000)
    assert states[-1] is True
    assert "connected" in status.label.text() and not status.label.property("problem")
    # Back: the window reads again what it shows (the span written meanwhile included).
    assert any(c.kind == ChangeKind.EXTERNAL for batch in batches for c in batch)
    with psycopg.connect(server["bob"], autocommit=True) as bob, qtbot.waitSignal(feed.changes, timeout=1000) as got:
        add_span(bob, "after", server["doc"], *COREE, "bob")
    assert got.args[0][0].ids == ("after",)


def test_a_server_that_cannot_be_reached_is_retried_with_a_growing_wait(qtbot, pg_cluster) -> None:
    address = pg_cluster.conninfo("no_such_database_here")
    feed = TeamChangeFeed(address, retry_ms=(40, 80, 160), heartbeat_ms=0)
    reasons: list[str] = []
    feed.connectionChanged.connect(lambda _up, why: reasons.append(why))
    try:
        assert not feed.start()
        waits = [feed.next_retry_ms()]
        qtbot.waitUntil(lambda: feed.attempts >= 3, timeout=3000)
        waits.append(feed.next_retry_ms())
        assert waits == [40, 160] and not feed.connected
        assert reasons and all("no_such_database_here" in r for r in reasons)
    finally:
        feed.close()
    attempts = feed.attempts
    qtbot.wait(300)
    assert feed.attempts == attempts  # closed: no more tries


def _parent(qtbot) -> Any:
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def own_server(pg_cluster):
    """A server of this test's own, to stop and start again (the session's server stays up for the others)."""
    from tests.pgcluster import Cluster

    cluster = Cluster(pg_cluster.bindir)
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.mark.slow
def test_a_server_restart_is_shown_and_the_feed_comes_back_with_a_reload(qtbot, own_server) -> None:
    with own_server.database("restarted") as db:
        admin = own_server.conninfo(db)
        team.init_team(admin)
        with psycopg.connect(admin, autocommit=True) as conn:
            doc = add_document(conn, FRENCH, "Corée")
        feed = TeamChangeFeed(admin, retry_ms=(100, 200, 400), heartbeat_ms=0)
        batches: list[list[Any]] = []
        feed.changes.connect(batches.append)
        try:
            assert feed.start()
            with qtbot.waitSignal(feed.connectionChanged, timeout=5000, check_params_cb=lambda up, _why: not up):
                own_server.pg_ctl("-m", "fast", "stop")
            qtbot.waitUntil(lambda: feed.attempts >= 2, timeout=5000)  # tried again, and again: still down
            assert not feed.connected and feed.problem
            own_server.pg_ctl("start")
            qtbot.waitUntil(lambda: feed.connected, timeout=10000)
            assert any(c.kind == ChangeKind.EXTERNAL for batch in batches for c in batch)
            with psycopg.connect(admin, autocommit=True) as conn, qtbot.waitSignal(feed.changes, timeout=1000) as got:
                add_span(conn, "after-restart", doc, *ONU, "alice")
            assert got.args[0][0].ids == ("after-restart",)
        finally:
            feed.close()
