"""The project schema on PostgreSQL: the same tables, rules and versions as the SQLite file, on a real server."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

from annotator.store import migrations
from annotator.store.errors import EnvironmentFault, NewerSchema, NotADatabase
from annotator.store.postgres import schema
from annotator.store.project import Project
from tests.conftest import EMOJI, FRENCH
from tests.store.postgres.conftest import NOW, add_document, add_label, add_span

psycopg = pytest.importorskip("psycopg")


def test_server_schema_keeps_the_file_schema_version() -> None:
    # A new SQLite migration needs its PostgreSQL twin in store/postgres/schema.py STEPS (same number).
    assert schema.SCHEMA_VERSION == migrations.SCHEMA_VERSION
    assert len(schema.STEPS) == len(migrations.SCHEMA_STEPS)


def sqlite_columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, bool, str | None, bool]]:
    rows = conn.execute(f"PRAGMA table_info({table})").fetchall()
    return [(r[1], bool(r[3]) or bool(r[5]), _default(r[4]), bool(r[5])) for r in rows]


def pg_columns(conn: Any, table: str) -> list[tuple[str, bool, str | None, bool]]:
    rows = conn.execute(
        """
        SELECT c.column_name, c.is_nullable = 'NO', c.column_default,
               EXISTS (SELECT 1 FROM information_schema.key_column_usage k
                       JOIN information_schema.table_constraints t ON t.constraint_name = k.constraint_name
                       WHERE t.constraint_type = 'PRIMARY KEY' AND k.table_name = c.table_name
                         AND k.column_name = c.column_name)
        FROM information_schema.columns c
        WHERE c.table_schema = 'public' AND c.table_name = %s AND c.column_name <> 'seq'
        ORDER BY c.ordinal_position
        """,
        (table,),
    ).fetchall()
    return [(r[0], r[1], _default(r[2]), r[3]) for r in rows]


def _default(value: str | None) -> str | None:
    if value is None:
        return None
    return value.removesuffix("::text")


def sqlite_indexes(conn: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    names = [
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchall()
    ]
    return {n: tuple(r[2] for r in conn.execute(f"PRAGMA index_info({n})").fetchall()) for n in names}


def pg_indexes(conn: Any) -> dict[str, tuple[str, ...]]:
    rows = conn.execute(
        """
        SELECT i.relname, array_agg(a.attname ORDER BY k.ord)
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_class t ON t.oid = x.indrelid
        CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
        WHERE t.relnamespace = 'public'::regnamespace AND NOT x.indisprimary AND NOT x.indisunique
        GROUP BY i.relname
        """
    ).fetchall()
    return {r[0]: tuple(r[1]) for r in rows}


def test_tables_columns_and_indexes_match_the_file(schema_db, tmp_path: Path) -> None:
    path = tmp_path / "file.db"
    Project(path).close()
    with sqlite3.connect(path) as lite:
        file_tables = {
            r[0]
            for r in lite.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE 'documents_fts%'"
            )
        }
        assert file_tables == set(schema.PROJECT_TABLES)
        server_tables = {
            r[0] for r in schema_db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
        }
        assert server_tables == set(schema.PROJECT_TABLES) | {"schema_version", "documents_search"}
        for table in schema.PROJECT_TABLES:
            file_cols = sqlite_columns(lite, table)
            server_cols = pg_columns(schema_db, table)
            # Identities stand for INTEGER PRIMARY KEY AUTOINCREMENT: no default value to compare.
            assert [c[:2] + c[3:] for c in server_cols] == [c[:2] + c[3:] for c in file_cols], table
            assert [c[2] for c in server_cols] == [c[2] for c in file_cols], table
        file_indexes = sqlite_indexes(lite)
    server_indexes = pg_indexes(schema_db)
    for name, columns in file_indexes.items():
        assert server_indexes.get(name) == columns, name


@pytest.fixture
def both(schema_db, tmp_path: Path):
    """The same starting rows in a SQLite project file and on the server: a label, a document, a span."""
    path = tmp_path / "file.db"
    Project(path).close()
    lite = sqlite3.connect(path, isolation_level=None)
    lite.execute("PRAGMA foreign_keys = ON")
    for conn, mark in ((lite, "?"), (schema_db, "%s")):
        run = _runner(conn, mark)
        run("INSERT INTO labels (name, color) VALUES (%s, %s) ON CONFLICT DO NOTHING", ("actor", "#E69F00"))
        run("INSERT INTO documents (id, title, text, sha256, added_at) VALUES (1, %s, %s, %s, %s)",
            ("fr", FRENCH, "sha-fr", NOW))  # fmt: skip
        run(
            'INSERT INTO annotations (id, document_id, start, "end", label, text, annotator, created, updated) '
            "VALUES ('s1', 1, 8, 11, 'actor', 'ONU', 'alice', %s, %s)",
            (NOW, NOW),
        )
    yield {"sqlite": _runner(lite, "?"), "postgresql": _runner(schema_db, "%s")}
    lite.close()


def _runner(conn: Any, mark: str):
    def run(sql: str, params: tuple = ()) -> None:
        conn.execute(sql.replace("%s", mark), params)

    return run


SPAN_COLUMNS = 'id, document_id, start, "end", label, text, annotator, status, source, review, created, updated'


def span_row(**changes: Any) -> tuple[str, tuple]:
    """An INSERT of a span valid but for ``changes`` (over "ONU" of document 1)."""
    row: dict[str, Any] = {
        "id": "x", "document_id": 1, "start": 8, "end": 11, "label": "actor", "text": "ONU", "annotator": "bob",
        "status": "accepted", "source": "manual", "review": "unreviewed", "created": NOW, "updated": NOW,
    }  # fmt: skip
    row.update(changes)
    marks = ", ".join("%s" for _ in row)
    return f"INSERT INTO annotations ({SPAN_COLUMNS}) VALUES ({marks})", tuple(row.values())


REFUSED = {
    "unknown status": span_row(status="maybe"),
    "unknown source": span_row(source="guess"),
    "unknown review": span_row(review="perhaps"),
    "empty span": span_row(end=8, text=""),
    "negative start": span_row(start=-1, end=2, text="Sel"),
    "text longer than its offsets": span_row(text="ONU,"),
    "unknown label": span_row(label="nope"),
    "unknown document": span_row(document_id=99),
    "same span id": span_row(id="s1"),
    "link to itself": (
        "INSERT INTO links (id, from_span, to_span, role, annotator, created, updated) "
        "VALUES ('l', 's1', 's1', 'r', 'a', '', '')",
        (),
    ),
    "same document text": (
        "INSERT INTO documents (title, text, sha256, added_at) VALUES ('again', 'x', 'sha-fr', '')",
        (),
    ),
    "annotated text changed": ("UPDATE documents SET text = %s WHERE id = 1", (FRENCH + "!",)),
    "missing title": ("INSERT INTO documents (title, text, sha256, added_at) VALUES (NULL, 'y', 'sha-y', '')", ()),
}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@pytest.mark.parametrize("case", sorted(REFUSED))
def test_both_databases_refuse_the_same_rows(both, backend: str, case: str) -> None:
    sql, params = REFUSED[case]
    errors = (sqlite3.IntegrityError, psycopg.IntegrityError)
    with pytest.raises(errors):
        both[backend](sql, params)


def test_offsets_are_code_points_and_must_cover_the_span_text(schema_db) -> None:
    add_label(schema_db)
    doc = add_document(schema_db, EMOJI)
    start = EMOJI.index("la Corée")
    assert EMOJI.encode("utf-16-le").find("la Corée".encode("utf-16-le")) // 2 != start  # emoji before it
    add_span(schema_db, "ok", doc, start, start + 8, "la Corée", "alice")
    utf16_start = len(EMOJI[:start].encode("utf-16-le")) // 2
    with pytest.raises(psycopg.errors.CheckViolation, match="does not cover its text"):
        add_span(schema_db, "utf16", doc, utf16_start, utf16_start + 8, "la Corée", "alice")
    with pytest.raises(psycopg.errors.CheckViolation, match="outside the text"):
        add_span(schema_db, "past-end", doc, len(EMOJI) - 2, len(EMOJI) + 1, "x\n!", "alice")
    with pytest.raises(psycopg.errors.CheckViolation, match="does not cover"):
        schema_db.execute('UPDATE annotations SET start = start + 1, "end" = "end" + 1 WHERE id = \'ok\'')
    row = schema_db.execute("SELECT start, \"end\", text FROM annotations WHERE id = 'ok'").fetchone()
    assert row == (start, start + 8, "la Corée")


def test_a_huge_offset_is_refused_not_overflowed(schema_db) -> None:
    add_label(schema_db)
    doc = add_document(schema_db, FRENCH)
    with pytest.raises(psycopg.errors.CheckViolation, match="outside the text"):
        add_span(schema_db, "huge", doc, 2**40, 2**40 + 3, "ONU", "alice")


def test_text_is_frozen_only_once_annotated(schema_db) -> None:
    add_label(schema_db)
    doc = add_document(schema_db, FRENCH)
    schema_db.execute("UPDATE documents SET text = %s WHERE id = %s", (FRENCH.upper(), doc))
    add_span(schema_db, "s", doc, 8, 11, "ONU", "alice")
    with pytest.raises(psycopg.errors.CheckViolation, match="never changes"):
        schema_db.execute("UPDATE documents SET text = %s WHERE id = %s", (FRENCH, doc))
    schema_db.execute("UPDATE documents SET title = 'renamed', done = 1 WHERE id = %s", (doc,))  # the rest may change


def test_deleting_a_document_takes_its_spans_links_attributes_and_search_entry(schema_db) -> None:
    add_label(schema_db)
    doc = add_document(schema_db, FRENCH)
    add_span(schema_db, "a", doc, 8, 11, "ONU", "alice")
    coree = FRENCH.index("Corée")
    add_span(schema_db, "b", doc, coree, coree + 5, "Corée", "alice")
    schema_db.execute(
        "INSERT INTO links (id, from_span, to_span, role, annotator, created, updated) "
        "VALUES ('l', 'a', 'b', 'r', 'alice', '', '')"
    )
    schema_db.execute("INSERT INTO attributes (span_id, name, value) VALUES ('a', 'k', 'v')")
    schema_db.execute("DELETE FROM documents WHERE id = %s", (doc,))
    for table in ("annotations", "links", "attributes", "documents_search"):
        assert schema_db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table


def test_a_new_database_gets_the_latest_version_and_a_second_run_changes_nothing(pg_cluster, pg_database) -> None:
    with psycopg.connect(pg_cluster.conninfo(pg_database)) as conn:
        assert schema.schema_version(conn) == 0
        assert schema.migrate(conn) == (0, schema.SCHEMA_VERSION)
        assert schema.migrate(conn) == (schema.SCHEMA_VERSION, schema.SCHEMA_VERSION)
        assert schema.schema_version(conn) == schema.SCHEMA_VERSION


def test_two_programs_migrating_at_once_both_succeed_once(pg_cluster, pg_database) -> None:
    results: list[Any] = []
    barrier = threading.Barrier(2)

    def run() -> None:
        with psycopg.connect(pg_cluster.conninfo(pg_database)) as conn:
            barrier.wait()
            try:
                results.append(schema.migrate(conn))
            except Exception as exc:  # reported below
                results.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(results) == [(0, schema.SCHEMA_VERSION), (schema.SCHEMA_VERSION, schema.SCHEMA_VERSION)]


def test_an_older_schema_is_upgraded_in_place_keeping_its_rows(pg_cluster, pg_database) -> None:
    with psycopg.connect(pg_cluster.conninfo(pg_database), autocommit=True) as conn:
        conn.execute(schema._VERSION_TABLE)
        for statement in schema.STEPS[0]:
            conn.execute(statement)
        conn.execute("INSERT INTO schema_version (version) VALUES (1)")
        add_label(conn)
        doc = add_document(conn, FRENCH)
        add_span(conn, "s", doc, 8, 11, "ONU", "alice")
    with psycopg.connect(pg_cluster.conninfo(pg_database)) as conn:
        assert schema.migrate(conn) == (1, schema.SCHEMA_VERSION)
        assert conn.execute("SELECT text FROM annotations WHERE id = 's'").fetchone() == ("ONU",)
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute("UPDATE documents SET text = 'changed' WHERE id = %s", (doc,))


def test_a_newer_schema_is_refused_and_left_untouched(pg_cluster, pg_database) -> None:
    with psycopg.connect(pg_cluster.conninfo(pg_database), autocommit=True) as conn:
        conn.execute(schema._VERSION_TABLE)
        conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (schema.SCHEMA_VERSION + 1,))
    with psycopg.connect(pg_cluster.conninfo(pg_database)) as conn:
        with pytest.raises(NewerSchema, match="newer version"):
            schema.migrate(conn)
        conn.rollback()
        assert schema.schema_version(conn) == schema.SCHEMA_VERSION + 1
        assert conn.execute("SELECT to_regclass('public.documents')").fetchone() == (None,)


def test_a_database_of_another_program_is_refused(pg_cluster, pg_database) -> None:
    with psycopg.connect(pg_cluster.conninfo(pg_database), autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id int)")
    with psycopg.connect(pg_cluster.conninfo(pg_database)) as conn:
        with pytest.raises(NotADatabase, match="another program"):
            schema.migrate(conn)
        conn.rollback()
        assert conn.execute("SELECT to_regclass('public.documents')").fetchone() == (None,)


def test_a_database_that_is_not_utf8_is_refused(pg_cluster) -> None:
    with pg_cluster.admin() as conn:
        conn.execute("CREATE DATABASE latin1_project ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0")
    try:
        with (
            psycopg.connect(pg_cluster.conninfo("latin1_project")) as conn,
            pytest.raises(EnvironmentFault, match="UTF8"),
        ):
            schema.migrate(conn)
    finally:
        with pg_cluster.admin() as conn:
            conn.execute("DROP DATABASE latin1_project")


def insert_many(conn: Any, doc: int, spans: list[tuple[str, int, int, str]]) -> None:
    """One INSERT statement for every span (as a bulk import sends them)."""
    conn.execute(
        'INSERT INTO annotations (id, document_id, start, "end", label, text, annotator, created, updated) '
        "SELECT i, %s, s, e, 'actor', t, 'alice', '', '' "
        "FROM unnest(%s::text[], %s::bigint[], %s::bigint[], %s::text[]) AS u(i, s, e, t)",
        (doc, [s[0] for s in spans], [s[1] for s in spans], [s[2] for s in spans], [s[3] for s in spans]),
    )


def test_many_spans_in_one_statement_are_checked_like_one(schema_db) -> None:
    import random
    import re

    add_label(schema_db)
    text = (FRENCH + EMOJI) * 300  # about 50,000 code points, emoji outside the BMP all along
    doc = add_document(schema_db, text)
    spans = [(f"s{n}", m.start(), m.end(), m.group()) for n, m in enumerate(re.finditer(r"Corée|🚀|10\u00a0000", text))]
    assert len(spans) > 800 and spans[-1][1] > 40_000
    random.Random(3).shuffle(spans)  # in no particular order
    count = "SELECT count(*) FROM annotations"
    wrong = list(spans)
    _id, start, end, covered = wrong[400]
    wrong[400] = (_id, start + 1, end + 1, covered)
    with pytest.raises(psycopg.errors.CheckViolation, match="does not cover its text"):
        insert_many(schema_db, doc, wrong)
    outside = [*spans, ("past", len(text) - 1, len(text) + 4, "Corée")]
    with pytest.raises(psycopg.errors.CheckViolation, match="outside the text"):
        insert_many(schema_db, doc, outside)
    assert schema_db.execute(count).fetchone() == (0,)
    insert_many(schema_db, doc, spans)
    assert schema_db.execute(count).fetchone() == (len(spans),)
    # Moving them all by one character in one statement is refused too; a review of them all is no text change.
    with pytest.raises(psycopg.errors.CheckViolation, match="does not cover"):
        schema_db.execute('UPDATE annotations SET start = start + 1, "end" = "end" + 1')
    schema_db.execute("UPDATE annotations SET review = 'approved', reviewer = 'carol'")
