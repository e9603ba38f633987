"""Roles the database enforces: hand-written SQL by each team member against a real server.

Every refused write is tried with the member's own login, as any program could send it; a refusal is either
an error (row-level security on a new row, the update rules, table privileges) or a statement that finds no
row it may touch — in both cases the row is checked afterwards to be exactly as it was.
"""

from __future__ import annotations

from typing import Any

import pytest

from annotator.store.errors import PermissionDenied, ServerUnavailable
from annotator.store.postgres import connection, team
from tests.conftest import FRENCH
from tests.store.postgres.conftest import NOW, add_document, add_span

psycopg = pytest.importorskip("psycopg")
Refused = psycopg.errors.InsufficientPrivilege

PASSWORDS = {"alice": "alice’s secret", "bob": "b0b-pw", "carol": "carol pw", "rita": "r"}
ONU = (FRENCH.index("ONU"), FRENCH.index("ONU") + 3, "ONU")
COREE = (FRENCH.index("Corée"), FRENCH.index("Corée") + 5, "Corée")
RUSSIE = (FRENCH.index("Russie"), FRENCH.index("Russie") + 6, "Russie")


class Team:
    """A team database with alice and bob (annotators), carol (curator), rita (reader) and some rows."""

    def __init__(self, cluster: Any, database: str) -> None:
        self.cluster = cluster
        self.database = database
        self.admin_conninfo = cluster.conninfo(database)
        self.setup = team.init_team(self.admin_conninfo)
        for name, role in (("alice", "annotator"), ("bob", "annotator"), ("carol", "curator"), ("rita", "reader")):
            assert team.add_user(self.admin_conninfo, name, role, PASSWORDS[name])
        with self.admin() as conn:
            self.doc = add_document(conn, FRENCH, "Corée")
            add_span(conn, "alice-1", self.doc, *ONU, "alice")
            add_span(conn, "bob-1", self.doc, *COREE, "bob")
            add_span(conn, "bob-2", self.doc, *RUSSIE, "bob")
            add_span(conn, "gold-1", self.doc, *COREE, "gold")
            conn.execute(
                "INSERT INTO links (id, from_span, to_span, role, annotator, created, updated) "
                "VALUES ('bob-link', 'bob-1', 'bob-2', 'supplier', 'bob', %s, %s)",
                (NOW, NOW),
            )
            conn.execute("INSERT INTO attributes (span_id, name, value) VALUES ('bob-1', 'certainty', 'high')")

    def admin(self) -> Any:
        return psycopg.connect(self.admin_conninfo, autocommit=True)

    def login(self, name: str) -> Any:
        return psycopg.connect(
            self.cluster.conninfo(self.database, user=name, password=PASSWORDS[name]), autocommit=True
        )

    def row(self, table: str, key: str, value: str) -> tuple | None:
        with self.admin() as conn:
            return conn.execute(f"SELECT * FROM {table} WHERE {key} = %s", (value,)).fetchone()


@pytest.fixture
def crew(pg_cluster, pg_database) -> Team:
    return Team(pg_cluster, pg_database)


def refused_or_untouched(crew: Team, conn: Any, sql: str, params: tuple, table: str, key: str, value: str) -> None:
    """``sql`` either fails or changes nothing; the row ``table.key = value`` stays exactly as it was."""
    before = crew.row(table, key, value)
    try:
        count = conn.execute(sql, params).rowcount
    except (Refused, psycopg.errors.CheckViolation):
        count = 0
    assert count == 0, sql
    assert crew.row(table, key, value) == before


def new_span(conn: Any, crew: Team, span_id: str, annotator: str, where: tuple = RUSSIE) -> None:
    add_span(conn, span_id, crew.doc, *where, annotator)


# -- annotators ---------------------------------------------------------------------------------------


def test_an_annotator_writes_her_own_layer(crew: Team) -> None:
    with crew.login("alice") as alice:
        new_span(alice, crew, "alice-2", "alice")
        alice.execute("UPDATE annotations SET label = 'actor', note = 'sure' WHERE id = 'alice-2'")
        alice.execute(
            "INSERT INTO links (id, from_span, to_span, role, annotator, created, updated) "
            "VALUES ('alice-link', 'alice-2', 'alice-1', 'supplier', 'alice', '', '')"
        )
        alice.execute("INSERT INTO attributes (span_id, name, value) VALUES ('alice-2', 'certainty', 'low')")
        alice.execute("UPDATE attributes SET value = 'high' WHERE span_id = 'alice-2'")
        alice.execute("INSERT INTO entities (name, label, created) VALUES ('Pyongyang', 'actor', '')")
        assert alice.execute("DELETE FROM annotations WHERE id = 'alice-2'").rowcount == 1
    assert crew.row("links", "id", "alice-link") is None  # went with her span
    assert crew.row("annotations", "id", "alice-1") is not None


def test_an_annotator_cannot_write_into_another_layer_or_gold(crew: Team) -> None:
    with crew.login("alice") as alice:
        for layer in ("bob", "gold", "carol", "proj_annotator"):
            with pytest.raises(Refused, match="row-level security"):
                new_span(alice, crew, f"forged-{layer}", layer)
        assert crew.row("annotations", "id", "forged-bob") is None


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE annotations SET label = 'quantity' WHERE id = %s",
        "UPDATE annotations SET annotator = 'alice' WHERE id = %s",
        'UPDATE annotations SET start = start + 1, "end" = "end" + 1, text = \'orée\' WHERE id = %s',
        "UPDATE annotations SET note = 'mine now' WHERE id = %s",
        "UPDATE annotations SET status = 'rejected' WHERE id = %s",
        "DELETE FROM annotations WHERE id = %s",
    ],
)
@pytest.mark.parametrize("victim", ["bob-1", "gold-1"])
def test_an_annotator_cannot_change_or_delete_another_layers_span(crew: Team, sql: str, victim: str) -> None:
    with crew.login("alice") as alice:
        refused_or_untouched(crew, alice, sql, (victim,), "annotations", "id", victim)


def test_an_annotator_cannot_move_her_span_to_another_layer(crew: Team) -> None:
    with crew.login("alice") as alice:
        for layer in ("bob", "gold"):
            refused_or_untouched(
                crew, alice, "UPDATE annotations SET annotator = %s WHERE id = 'alice-1'", (layer,),
                "annotations", "id", "alice-1",
            )  # fmt: skip


def test_an_annotator_cannot_touch_another_layers_links_and_attributes(crew: Team) -> None:
    with crew.login("alice") as alice:
        for sql in ("UPDATE links SET role = 'buyer' WHERE id = %s", "DELETE FROM links WHERE id = %s"):
            refused_or_untouched(crew, alice, sql, ("bob-link",), "links", "id", "bob-link")
        with pytest.raises(Refused):
            alice.execute(
                "INSERT INTO links (id, from_span, to_span, role, annotator, created, updated) "
                "VALUES ('x', 'bob-2', 'bob-1', 'supplier', 'bob', '', '')"
            )
        for sql in (
            "UPDATE attributes SET value = 'low' WHERE span_id = %s",
            "DELETE FROM attributes WHERE span_id = %s",
        ):
            refused_or_untouched(crew, alice, sql, ("bob-1",), "attributes", "span_id", "bob-1")
        with pytest.raises(Refused):
            alice.execute("INSERT INTO attributes (span_id, name, value) VALUES ('bob-1', 'note', 'x')")
        with pytest.raises(Refused):
            alice.execute("INSERT INTO attributes (span_id, name, value) VALUES ('gold-1', 'note', 'x')")


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO labels (name, color) VALUES ('rumour', '#000000')",
        "UPDATE labels SET color = '#000000'",
        "DELETE FROM link_types",
        "INSERT INTO documents (title, text, sha256, added_at) VALUES ('t', 'x', 'sha-x', '')",
        "UPDATE documents SET title = 'mine'",
        "DELETE FROM documents",
        "DELETE FROM entities",
        "INSERT INTO settings (key, value) VALUES ('k', 'v')",
        "UPDATE schema_version SET version = 99",
        "DELETE FROM documents_search",
        "UPDATE team_roles SET name = 'x'",
    ],
)
def test_an_annotator_cannot_manage_the_project(crew: Team, sql: str) -> None:
    with crew.login("alice") as alice, pytest.raises(Refused, match="permission denied"):
        alice.execute(sql)


def test_a_member_cannot_become_someone_else_with_set_role(crew: Team) -> None:
    with crew.login("alice") as alice:
        for other in ("bob", "carol", crew.setup.groups["curator"]):
            with pytest.raises(Refused):
                alice.execute(f'SET ROLE "{other}"')
        alice.execute(f'SET ROLE "{crew.setup.groups["annotator"]}"')  # a group she is in: still her own layer only
        with pytest.raises(Refused):
            new_span(alice, crew, "as-group", crew.setup.groups["annotator"])
        new_span(alice, crew, "still-alice", "alice")


# -- reviews ------------------------------------------------------------------------------------------


def test_an_annotator_reviews_another_layer_signing_with_her_own_name(crew: Team) -> None:
    with crew.login("alice") as alice:
        alice.execute(
            "UPDATE annotations SET review = 'approved', reviewer = 'alice', review_comment = 'ok', updated = %s "
            "WHERE id = 'bob-1'",
            (NOW,),
        )
        with pytest.raises(Refused, match="signed with your own name"):
            alice.execute("UPDATE annotations SET review = 'rejected', reviewer = 'carol' WHERE id = 'bob-2'")
        with pytest.raises(Refused, match="signed with your own name"):
            alice.execute("UPDATE annotations SET review = 'rejected' WHERE id = 'bob-2'")  # reviewer left empty
        refused_or_untouched(
            crew, alice, "UPDATE annotations SET review = 'approved', reviewer = 'alice' WHERE id = %s", ("gold-1",),
            "annotations", "id", "gold-1",
        )  # fmt: skip
        # Undo of her own review: back to unreviewed.
        alice.execute(
            "UPDATE annotations SET review = 'unreviewed', reviewer = NULL, review_comment = NULL WHERE id = 'bob-1'"
        )
    assert crew.row("annotations", "id", "bob-1")[10:13] == ("unreviewed", None, None)


def test_a_review_stays_its_reviewers_even_for_the_spans_author(crew: Team) -> None:
    with crew.login("alice") as alice:
        alice.execute("UPDATE annotations SET review = 'rejected', reviewer = 'alice' WHERE id = 'bob-1'")
    with crew.login("bob") as bob:
        with pytest.raises(Refused, match="reviewed by alice"):
            bob.execute("UPDATE annotations SET review = 'approved', reviewer = 'bob' WHERE id = 'bob-1'")
        with pytest.raises(Refused, match="reviewed by alice"):
            bob.execute("UPDATE annotations SET review = 'unreviewed', reviewer = NULL WHERE id = 'bob-1'")
        bob.execute("UPDATE annotations SET note = 'checked again' WHERE id = 'bob-1'")  # his span otherwise
    assert crew.row("annotations", "id", "bob-1")[10:12] == ("rejected", "alice")


# -- curators and readers -----------------------------------------------------------------------------


def test_a_curator_adjudicates_into_gold_and_manages_the_project(crew: Team) -> None:
    with crew.login("carol") as carol:
        # Adjudication: the gold span at the place replaced by the chosen version.
        carol.execute("DELETE FROM annotations WHERE id = 'gold-1'")
        add_span(carol, "gold-2", crew.doc, *COREE, "gold")
        carol.execute("UPDATE annotations SET label = 'actor', source = 'curation' WHERE id = 'gold-2'")
        carol.execute("INSERT INTO attributes (span_id, name, value) VALUES ('gold-2', 'certainty', 'high')")
        carol.execute(
            "INSERT INTO links (id, from_span, to_span, role, annotator, created, updated) "
            "VALUES ('gold-link', 'gold-2', 'alice-1', 'supplier', 'gold', '', '')"
        )
        # Reviews of anyone's span, over another reviewer's verdict.
        carol.execute("UPDATE annotations SET review = 'rejected', reviewer = 'alice' WHERE id = 'bob-2'")
        carol.execute("UPDATE annotations SET review = 'approved', reviewer = 'carol' WHERE id = 'bob-2'")
        # Labels, documents, entities, settings.
        carol.execute("INSERT INTO labels (name, color) VALUES ('rumour', '#000000')")
        carol.execute("UPDATE labels SET name = 'acteur' WHERE name = 'actor'")  # spans of every layer follow
        other = add_document(carol, "Another article.\n", "Autre")
        carol.execute("UPDATE documents SET done = 1 WHERE id = %s", (other,))
        carol.execute("INSERT INTO settings (key, value) VALUES ('ner_model', 'fr_core_news_sm')")
        entity = carol.execute("INSERT INTO entities (name, created) VALUES ('RPDC', '') RETURNING id").fetchone()[0]
        carol.execute("DELETE FROM entities WHERE id = %s", (entity,))
    assert crew.row("annotations", "id", "gold-2")[4] == "acteur"
    assert crew.row("annotations", "id", "bob-1")[4] == "acteur"
    assert crew.row("annotations", "id", "bob-2")[10:12] == ("approved", "carol")


def test_a_curator_cannot_write_an_annotators_layer(crew: Team) -> None:
    with crew.login("carol") as carol:
        with pytest.raises(Refused):
            new_span(carol, crew, "forged", "bob")
        for sql in (
            "UPDATE annotations SET label = 'quantity' WHERE id = %s",
            "DELETE FROM annotations WHERE id = %s",
            "UPDATE annotations SET annotator = 'gold' WHERE id = %s",
        ):
            refused_or_untouched(crew, carol, sql, ("bob-1",), "annotations", "id", "bob-1")


def test_deleting_a_document_takes_everyones_spans_with_it(crew: Team) -> None:
    with crew.login("carol") as carol:
        carol.execute("DELETE FROM documents WHERE id = %s", (crew.doc,))
    with crew.admin() as conn:
        assert conn.execute("SELECT count(*) FROM annotations").fetchone() == (0,)


@pytest.mark.parametrize(
    "sql",
    [
        'INSERT INTO annotations (id, document_id, start, "end", label, text, annotator, created, updated) '
        "VALUES ('r', 1, 0, 1, 'actor', 'S', 'rita', '', '')",
        "UPDATE annotations SET review = 'approved', reviewer = 'rita'",
        "DELETE FROM annotations",
        "DELETE FROM links",
        "INSERT INTO attributes (span_id, name, value) VALUES ('bob-1', 'n', 'v')",
        "INSERT INTO entities (name, created) VALUES ('x', '')",
        "UPDATE documents SET done = 1",
        "INSERT INTO labels (name, color) VALUES ('x', '#000000')",
    ],
)
def test_a_reader_only_reads(crew: Team, sql: str) -> None:
    with crew.login("rita") as rita:
        assert rita.execute("SELECT count(*) FROM annotations").fetchone() == (4,)
        assert rita.execute("SELECT count(*) FROM documents_search").fetchone() == (1,)
        with pytest.raises(Refused, match="permission denied"):
            rita.execute(sql)


def test_someone_without_a_role_cannot_even_connect(crew: Team) -> None:
    with crew.admin() as conn:
        conn.execute("CREATE ROLE mallory LOGIN PASSWORD 'm'")
    with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
        psycopg.connect(crew.cluster.conninfo(crew.database, user="mallory", password="m"))


# -- logging in ---------------------------------------------------------------------------------------


def test_a_password_file_logs_a_member_in_and_a_wrong_password_is_refused(crew: Team, tmp_path) -> None:
    passfile = tmp_path / "pgpass"
    host, port = str(crew.cluster.base), str(crew.cluster.port)
    passfile.write_text(f"{host}:{port}:{crew.database}:alice:{PASSWORDS['alice']}\n", encoding="utf-8")
    passfile.chmod(0o600)
    conn = connection.connect(crew.cluster.conninfo(crew.database, user="alice", passfile=str(passfile)))
    with conn:
        assert conn.execute("SELECT session_user").fetchone() == ("alice",)
    with pytest.raises(ServerUnavailable, match="password authentication failed") as failure:
        connection.connect(crew.cluster.conninfo(crew.database, user="alice", password="wrong"))
    assert "wrong" not in str(failure.value)


def test_sslmode_reaches_libpq(crew: Team) -> None:
    if not crew.cluster.tls:
        pytest.skip("no openssl to make the test server's certificate")
    conninfo = crew.cluster.tcp_conninfo(crew.database, "alice", password=PASSWORDS["alice"], sslmode="require")
    with connection.connect(conninfo) as conn:
        assert conn.pgconn.ssl_in_use
    plain = crew.cluster.tcp_conninfo(crew.database, "alice", password=PASSWORDS["alice"], sslmode="disable")
    with connection.connect(plain) as conn:
        assert not conn.pgconn.ssl_in_use
    strict = crew.cluster.tcp_conninfo(crew.database, "alice", password=PASSWORDS["alice"], sslmode="verify-full")
    with pytest.raises(ServerUnavailable, match="root certificate"):
        connection.connect(strict + " sslrootcert=/nonexistent/root.crt")


def test_refusals_become_store_errors(crew: Team) -> None:
    with crew.login("alice") as alice, pytest.raises(psycopg.Error) as failure:
        alice.execute("UPDATE annotations SET label = 'quantity' WHERE id = 'bob-1'")
    error = connection.translate_error(failure.value)
    assert isinstance(error, PermissionDenied)
    assert "only review" in str(error)
