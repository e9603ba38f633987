"""Live changes: a write committed on one connection reaches a listener on another, as a small delta."""

from __future__ import annotations

import select
import time
from typing import Any

import pytest

from annotator.store.errors import ServerUnavailable
from annotator.store.postgres.notify import ChangeEvent, ChangeListener
from tests.conftest import FRENCH
from tests.store.postgres.conftest import NOW, add_document, add_span, team_addresses

psycopg = pytest.importorskip("psycopg")

ONU = (FRENCH.index("ONU"), FRENCH.index("ONU") + 3, "ONU")
COREE = (FRENCH.index("Corée"), FRENCH.index("Corée") + 5, "Corée")


@pytest.fixture
def project(pg_cluster, pg_database) -> dict[str, Any]:
    """A team database with alice (annotator) and a document; addresses of the administrator and alice."""
    addresses: dict[str, Any] = team_addresses(pg_cluster, pg_database, {"alice": "pw"})
    with psycopg.connect(addresses["admin"], autocommit=True) as conn:
        addresses["doc"] = add_document(conn, FRENCH, "Corée")
    return addresses


def collect(listener: ChangeListener, count: int, timeout: float) -> list[ChangeEvent]:
    """At least ``count`` events, waiting up to ``timeout`` seconds in all."""
    deadline = time.monotonic() + timeout
    events: list[ChangeEvent] = []
    while len(events) < count and time.monotonic() < deadline:
        events += listener.wait(deadline - time.monotonic())
    return events


def test_a_span_written_by_one_client_reaches_another_within_a_second(project) -> None:
    with ChangeListener(project["alice"]) as listener, psycopg.connect(project["alice"], autocommit=True) as writer:
        assert listener.pending() == []
        writer_pid = writer.info.backend_pid
        started = time.monotonic()
        add_span(writer, "s1", project["doc"], *ONU, "alice")
        events = listener.wait(1.0)
        elapsed = time.monotonic() - started
    assert events == [
        ChangeEvent("annotations", "insert", project["doc"], ("s1",), 1, "alice", writer_pid)
    ], elapsed
    assert elapsed < 1.0


def test_updates_deletes_and_other_tables_are_announced(project) -> None:
    with ChangeListener(project["alice"]) as listener, psycopg.connect(project["admin"], autocommit=True) as admin:
        doc = project["doc"]
        add_span(admin, "a", doc, *ONU, "alice")
        add_span(admin, "b", doc, *COREE, "alice")
        admin.execute(
            "INSERT INTO links (id, from_span, to_span, role, annotator, created, updated) "
            "VALUES ('l', 'a', 'b', 'supplier', 'alice', %s, %s)",
            (NOW, NOW),
        )
        admin.execute("INSERT INTO attributes (span_id, name, value) VALUES ('a', 'certainty', 'high')")
        admin.execute("UPDATE annotations SET note = 'n' WHERE document_id = %s", (doc,))
        admin.execute("UPDATE labels SET color = '#000000' WHERE name = 'actor'")
        admin.execute("UPDATE documents SET done = 1 WHERE id = %s", (doc,))
        admin.execute("DELETE FROM documents WHERE id = %s", (doc,))
        events = collect(listener, 11, 5.0)
    seen = [(e.table, e.op, e.document_id, e.ids) for e in events]
    assert seen[:7] == [
        ("annotations", "insert", doc, ("a",)),
        ("annotations", "insert", doc, ("b",)),
        ("links", "insert", doc, ("l",)),
        ("attributes", "insert", doc, ("a",)),
        ("annotations", "update", doc, ("a", "b")),
        ("labels", "update", None, ("actor",)),
        ("documents", "update", doc, (str(doc),)),
    ]
    # The deletion cascades: the document, its spans and their attributes and links (order is the server's).
    deleted = {(e.table, e.ids) for e in events[7:] if e.op == "delete"}
    assert ("documents", (str(doc),)) in deleted
    assert ("annotations", ("a", "b")) in deleted
    assert ("links", ("l",)) in deleted
    assert ("attributes", ("a",)) in deleted
    assert all(e.user == "postgres" for e in events)


def test_only_committed_writes_are_announced_at_commit(project) -> None:
    with ChangeListener(project["alice"]) as listener, psycopg.connect(project["alice"]) as writer:
        add_span(writer, "rolled-back", project["doc"], *ONU, "alice")
        writer.rollback()
        add_span(writer, "committed", project["doc"], *ONU, "alice")
        assert listener.wait(0.3) == []  # not yet committed
        writer.commit()
        events = collect(listener, 1, 5.0)
    assert [e.ids for e in events] == [("committed",)]


def bulk(i: int) -> str:
    return "bulk-" + str(i).rjust(36, "0")


def test_a_bulk_write_is_one_message_with_a_count_when_its_ids_do_not_fit(project) -> None:
    with ChangeListener(project["alice"]) as listener, psycopg.connect(project["admin"], autocommit=True) as admin:
        doc = add_document(admin, "x" * 1000, "many")
        collect(listener, 1, 5.0)  # the document
        admin.execute(
            'INSERT INTO annotations (id, document_id, start, "end", label, text, annotator, created, updated) '
            "SELECT 'bulk-' || lpad(i::text, 36, '0'), %s, i, i + 1, 'actor', 'x', 'alice', '', '' "
            "FROM generate_series(0, 499) AS i",
            (doc,),
        )
        admin.execute("UPDATE annotations SET note = 'n' WHERE id IN (%s, %s)", (bulk(1), bulk(2)))
        events = collect(listener, 2, 5.0)
    assert [(e.table, e.op, e.document_id, e.ids, e.count) for e in events] == [
        ("annotations", "insert", doc, None, 500),
        ("annotations", "update", doc, (bulk(1), bulk(2)), 2),
    ]


def test_the_listener_socket_becomes_readable_for_a_qt_socket_notifier(project) -> None:
    with ChangeListener(project["alice"]) as listener, psycopg.connect(project["alice"], autocommit=True) as writer:
        assert select.select([listener], [], [], 0)[0] == []
        add_span(writer, "s", project["doc"], *ONU, "alice")
        ready, _, _ = select.select([listener.fileno()], [], [], 5.0)
        assert ready == [listener.fileno()]
        assert [e.ids for e in listener.pending()] == [("s",)]
        assert listener.pending() == []


def test_a_dropped_connection_is_reported_not_silent(project) -> None:
    with ChangeListener(project["alice"]) as listener, psycopg.connect(project["admin"], autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (listener.conn.info.backend_pid,))
        with pytest.raises(ServerUnavailable, match="lost"):
            listener.wait(5.0)
