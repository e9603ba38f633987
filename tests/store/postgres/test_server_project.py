"""``Project`` on a team server: the file's schema rules, the login's layer, and the server's refusals as one
clear error (row-level security, table privileges), never a traceback, nothing written."""

from __future__ import annotations

from typing import Any

import pytest

from annotator.core.model import ValidationError
from annotator.store.errors import NewerSchema, NotADatabase, PermissionDenied, ReadOnlyDatabase
from annotator.store.postgres import schema
from annotator.store.project import Project
from tests.conftest import FRENCH
from tests.processes import run_cli
from tests.store.postgres.conftest import add_document, add_label, add_span
from tests.store.postgres.test_roles import COREE, ONU, PASSWORDS, RUSSIE, Team

psycopg = pytest.importorskip("psycopg")


@pytest.fixture
def crew(pg_cluster, pg_database) -> Team:
    return Team(pg_cluster, pg_database)


def member(crew: Team, name: str) -> Project:
    """The project as ``name`` opens it, with no annotator name given: their login is their layer."""
    return Project(crew.cluster.conninfo(crew.database, user=name, password=PASSWORDS[name]))


# -- opening ------------------------------------------------------------------------------------------------


def test_an_empty_database_becomes_a_project_with_the_default_labels(pg_cluster, pg_database) -> None:
    with Project(pg_cluster.conninfo(pg_database)) as project:
        assert project.server and project.address is not None
        assert [label.name for label in project.labels()] == ["actor", "transfer", "quantity", "assessment"]
        assert project.link_types()
        assert project.path.name == pg_database  # what the window shows; trained models are kept beside it
    with psycopg.connect(pg_cluster.conninfo(pg_database)) as conn:
        assert schema.schema_version(conn) == schema.SCHEMA_VERSION


def test_an_older_schema_is_upgraded_in_one_step_keeping_its_rows(pg_cluster, pg_database) -> None:
    with psycopg.connect(pg_cluster.conninfo(pg_database), autocommit=True) as conn:
        conn.execute(schema._VERSION_TABLE)
        for step in schema.STEPS[:3]:
            for statement in step:
                conn.execute(statement)
        conn.execute("INSERT INTO schema_version (version) VALUES (3)")
        add_label(conn)
        doc = add_document(conn, FRENCH)
        add_span(conn, "s", doc, *ONU, "alice")
    with Project(pg_cluster.conninfo(pg_database)) as project:
        assert project.span("s").text == "ONU"
        assert project.add_span(doc, *COREE[:2], "actor").text == "Corée"  # the covering index of step 3
    with psycopg.connect(pg_cluster.conninfo(pg_database)) as conn:
        assert schema.schema_version(conn) == schema.SCHEMA_VERSION
        assert [r[0] for r in conn.execute("SELECT name FROM labels").fetchall()] == ["actor"]  # not seeded again


def test_a_newer_schema_is_refused_and_left_untouched(pg_cluster, pg_database) -> None:
    with psycopg.connect(pg_cluster.conninfo(pg_database), autocommit=True) as conn:
        conn.execute(schema._VERSION_TABLE)
        conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (schema.SCHEMA_VERSION + 1,))
    with pytest.raises(NewerSchema, match="newer version"):
        Project(pg_cluster.conninfo(pg_database))
    with psycopg.connect(pg_cluster.conninfo(pg_database)) as conn:
        assert schema.schema_version(conn) == schema.SCHEMA_VERSION + 1
        assert conn.execute("SELECT to_regclass('public.documents')").fetchone() == (None,)


def test_a_database_of_another_program_is_refused(pg_cluster, pg_database) -> None:
    with psycopg.connect(pg_cluster.conninfo(pg_database), autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id int)")
    with pytest.raises(NotADatabase, match="another program"):
        Project(pg_cluster.conninfo(pg_database))


def test_a_member_cannot_upgrade_and_is_told_who_can(crew: Team) -> None:
    with crew.admin() as conn:
        conn.execute("UPDATE schema_version SET version = %s", (schema.SCHEMA_VERSION - 1,))
    with pytest.raises(PermissionDenied, match="team init"):
        member(crew, "alice")


def test_read_only_refuses_writes_clearly(pg_cluster, pg_database) -> None:
    Project(pg_cluster.conninfo(pg_database)).close()
    with Project(pg_cluster.conninfo(pg_database), read_only=True) as project, pytest.raises(ReadOnlyDatabase):
        project.add_document("Corée", FRENCH)


# -- the login's layer, and what the server refuses ---------------------------------------------------------


def test_a_member_writes_her_layer_by_default(crew: Team) -> None:
    with member(crew, "alice") as alice:
        assert alice.annotator == "alice"
        span = alice.add_span(crew.doc, *RUSSIE[:2], "transfer", note="cible")
        assert span.annotator == "alice" and span.text == "Russie"
        link = alice.add_link(span.id, "alice-1", "supplier")
        assert link.annotator == "alice"
        _, after = alice.update_span(span.id, label="assessment")
        assert after.label == "assessment"
        alice.delete_span(span.id)
        assert not alice.has_span(span.id)
    with Project(crew.admin_conninfo, annotator="gold") as curator_like:
        assert curator_like.annotator == "gold"


@pytest.mark.parametrize(
    ("action", "span_id"),
    [
        (lambda p: p.update_span("bob-1", label="assessment"), "bob-1"),
        (lambda p: p.update_span("gold-1", note="forged"), "gold-1"),
        (lambda p: p.delete_span("bob-1"), "bob-1"),
        (lambda p: p.delete_span("gold-1"), "gold-1"),
        (lambda p: p.delete_link("bob-link"), "bob-1"),
        (lambda p: p.set_attribute("bob-1", "certainty", None), "bob-1"),
        (lambda p: p.add_span(p.documents()[0].id, 0, 5, "actor", annotator="bob"), "bob-1"),
        (lambda p: p.add_document("Autre", "Un autre texte.\n"), "bob-1"),
        (lambda p: p.add_label("arme"), "bob-1"),
    ],
)
def test_another_layer_is_refused_by_the_server_with_one_clear_error(crew: Team, action: Any, span_id: str) -> None:
    before = crew.row("annotations", "id", span_id)
    links, attributes = crew.row("links", "id", "bob-link"), crew.row("attributes", "span_id", "bob-1")
    with member(crew, "alice") as alice:
        heard: list[object] = []
        alice.add_listener(heard.append)
        with pytest.raises(PermissionDenied, match="team server refused") as caught:
            action(alice)
        assert "\n" not in str(caught.value)
        assert heard == []  # nothing was told: nothing was written
        assert alice.span(span_id) is not None  # the connection goes on working
    assert crew.row("annotations", "id", span_id) == before
    assert (crew.row("links", "id", "bob-link"), crew.row("attributes", "span_id", "bob-1")) == (links, attributes)


def test_a_reader_reads_everything_and_writes_nothing(crew: Team) -> None:
    with member(crew, "rita") as rita:
        assert {s.id for s in rita.spans()} >= {"alice-1", "bob-1", "gold-1"}
        assert rita.search("coree")[0].document_id == crew.doc
        with pytest.raises(PermissionDenied):
            rita.add_span(crew.doc, *ONU[:2], "actor")
        with pytest.raises(PermissionDenied):
            rita.set_setting("x", "y")


def test_a_curator_writes_gold_and_manages_labels(crew: Team) -> None:
    with member(crew, "carol") as carol:
        gold = carol.add_span(crew.doc, *RUSSIE[:2], "actor", annotator="gold")
        carol.update_span("gold-1", note="revu")
        carol.add_label("arme", color="#000000")
        assert carol.label("arme").color == "#000000"
        assert carol.span(gold.id).annotator == "gold"
        with pytest.raises(PermissionDenied):
            carol.delete_span("bob-2")  # another annotator's layer stays theirs
        with pytest.raises(ValidationError, match="outside"):
            carol.add_span(crew.doc, 0, len(FRENCH) + 5, "actor", annotator="gold")


def test_the_command_line_says_so_in_one_line(crew: Team) -> None:
    address = crew.cluster.conninfo(crew.database, user="alice", password=PASSWORDS["alice"])
    result = run_cli("spans", "--db", address, "delete", "bob-1")
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stderr.startswith("annotator: ") and result.stderr.count("\n") == 1, result.stderr
    assert "refused" in result.stderr and "Traceback" not in result.stderr
    assert PASSWORDS["alice"] not in result.stderr
    assert crew.row("annotations", "id", "bob-1") is not None
    added = run_cli("spans", "--db", address, "add", "--doc", str(crew.doc), "--start", str(RUSSIE[0]),
                    "--end", str(RUSSIE[1]), "--label", "actor")  # fmt: skip
    assert added.returncode == 0, added.stderr
    with member(crew, "rita") as rita:
        assert [s.annotator for s in rita.spans(labels=["actor"]) if s.id not in ("bob-2",) and s.text == "Russie"] == [
            "alice"
        ]


def test_a_lost_connection_is_one_clear_error_and_reconnect_carries_on(pg_cluster, pg_database) -> None:
    from annotator.store.errors import ServerUnavailable

    with Project(pg_cluster.conninfo(pg_database), annotator="sam") as project:
        document, _ = project.add_document("Corée", FRENCH)
        assert project.connected
        with psycopg.connect(pg_cluster.conninfo(pg_database), autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        with pytest.raises(ServerUnavailable) as lost:
            project.add_span(int(document.id or 0), *ONU[:2], "actor")
        assert "\n" not in str(lost.value)
        assert not project.connected
        project.reconnect()
        assert project.connected
        span = project.add_span(int(document.id or 0), *ONU[:2], "actor")
        assert [s.id for s in project.spans()] == [span.id]  # the refused edit was never half-written


def test_the_server_itself_refuses_a_span_whose_characters_are_not_its_text(pg_cluster, pg_database) -> None:
    """Past the store's own checks (a row written as it is), the server compares the characters themselves."""
    import dataclasses

    with Project(pg_cluster.conninfo(pg_database), annotator="sam") as project:
        document, _ = project.add_document("Corée", FRENCH)
        good = project.make_span(int(document.id or 0), *COREE[:2], "actor", annotator="sam")
        forged = dataclasses.replace(good, id="forged", text="Corea")  # as long, other characters
        with pytest.raises(ValidationError, match="integrity rules"), project.transaction():
            project.insert_span_rows([good, forged])
        assert project.spans() == []  # the whole transaction rolled back, the good span with it
        with project.transaction():
            project.insert_span_rows([good])
        assert project.spans() == [good]
