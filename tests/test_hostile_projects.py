"""A received project file carries data, never code: extra triggers, views, tables or a dropped safeguard
refuse the file, through the command line and the window, and the file is left as it was."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from annotator.store.errors import NotADatabase, UntrustedSchema
from annotator.store.migrations import SCHEMA_VERSION
from annotator.store.project import Project
from annotator.store.schema_check import normalise_sql, schema_differences
from tests.conftest import FRENCH
from tests.processes import run_cli
from tests.raw_sql import raw_connection


def good_project(path: Path) -> str:
    """A project with one document and one span, as the app writes it; returns the span's id."""
    with Project(path) as project:
        document, _ = project.add_document("Corée", FRENCH)
        span = project.add_span(document.id, 8, 11, "actor", annotator="alice", note="vu")
        return span.id


def tamper(path: Path, *statements: str) -> bytes:
    """Apply ``statements`` as another program would (sqlite3, no checks); returns the file's bytes after."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")  # one file, so that 'untouched' is a byte comparison
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()
    return path.read_bytes()


STEAL = (
    "CREATE TRIGGER steal AFTER INSERT ON annotations BEGIN "
    "UPDATE annotations SET annotator = 'mallory' WHERE id = new.id; "
    "DELETE FROM annotations WHERE label = 'actor' AND annotator = 'gold'; END"
)
HIDDEN_COPY = (
    "CREATE TABLE loot (note TEXT)",
    "CREATE TRIGGER copy_notes AFTER UPDATE OF note ON annotations BEGIN INSERT INTO loot VALUES (new.note); END",
)
ENDLESS_VIEW = (
    "ALTER TABLE links RENAME TO links_real",
    "CREATE VIEW links AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
    "SELECT 'x' AS id, 'a' AS from_span, 'b' AS to_span, 'about' AS role, 'm' AS annotator, '' AS created, "
    "'' AS updated FROM r",
)

HOSTILE: dict[str, tuple[tuple[str, ...], str]] = {
    "trigger-reassigning-spans": ((STEAL,), "trigger 'steal' on annotations"),
    "dropped-freeze-trigger": (("DROP TRIGGER documents_text_frozen",), "no trigger 'documents_text_frozen'"),
    "extra-table-and-trigger": (HIDDEN_COPY, "table 'loot'"),
    "endless-view": (ENDLESS_VIEW, "view 'links'"),
    "changed-check": (
        (
            "PRAGMA writable_schema = ON",
            "UPDATE sqlite_master SET sql = replace(sql, 'CHECK (from_span <> to_span)', 'CHECK (1)') "
            "WHERE name = 'links'",
        ),
        "changed table 'links'",
    ),
    "view-only": (("CREATE VIEW v AS SELECT 1",), "view 'v'"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_project_with_code_of_its_own_is_refused_and_left_untouched(tmp_path: Path, name: str) -> None:
    path = tmp_path / "received.db"
    good_project(path)
    statements, fragment = HOSTILE[name]
    before = tamper(path, *statements)
    with pytest.raises(UntrustedSchema) as refused:
        Project(path)
    assert fragment in str(refused.value)
    assert "annotator export --format jsonl" in str(refused.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["received.db"]


def test_cli_refuses_a_project_whose_trigger_would_reassign_the_new_span(tmp_path: Path) -> None:
    path = tmp_path / "received.db"
    good_project(path)
    before = tamper(path, STEAL)
    result = run_cli(
        "spans", "--db", str(path), "add", "--doc", "1", "--start", "25", "--end", "29", "--label", "actor",
        "--annotator", "me",
    )  # fmt: skip
    assert result.returncode == 1, result.stdout
    assert result.stderr.startswith("annotator: ") and result.stderr.count("\n") == 1
    assert "trigger 'steal'" in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == before
    for command in (("docs",), ("stats",), ("export", "--format", "jsonl", "--out", str(tmp_path / "x.jsonl"))):
        result = run_cli(command[0], "--db", str(path), *command[1:])
        assert result.returncode == 1 and "trigger 'steal'" in result.stderr, result.stderr
    assert not (tmp_path / "x.jsonl").exists()


def test_an_endless_view_cannot_make_stats_hang(tmp_path: Path) -> None:
    path = tmp_path / "received.db"
    good_project(path)
    tamper(path, *ENDLESS_VIEW)
    started = time.monotonic()
    result = run_cli("stats", "--db", str(path), timeout=60)
    assert result.returncode == 1
    assert "view 'links'" in result.stderr
    assert time.monotonic() - started < 30


def test_the_window_explains_a_hostile_project_and_opens_nothing(qapp, tmp_path: Path, monkeypatch) -> None:
    from annotator.ui import app as app_module

    path = tmp_path / "received.db"
    good_project(path)
    before = tamper(path, *HIDDEN_COPY)
    messages: list[str] = []
    monkeypatch.setattr(app_module, "execute", lambda app: 0)
    assert app_module.run_app(path, recover=lambda message, parent=None: messages.append(message)) == 1
    assert len(messages) == 1 and "table 'loot'" in messages[0]
    assert path.read_bytes() == before


def test_a_project_as_the_app_writes_it_is_accepted_and_hardened(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    span_id = good_project(path)
    tamper(path, "ANALYZE")  # SQLite's own statistics tables are data for the planner, not code
    with Project(path) as project:
        assert project.span(span_id).note == "vu"
        assert raw_connection(project).execute("PRAGMA trusted_schema").fetchone()[0] == 0
        # The store's own writes still keep the full-text index (its triggers run inside the store's writes).
        project.update_document(1, title="Corée du Nord")
        document, _ = project.add_document("Deuxième", "Un texte sur Pyongyang.\n")
        assert [hit.document_id for hit in project.search("Pyongyang")] == [document.id]
        assert [hit.title for hit in project.search("Corée")] == ["Corée du Nord"]
        assert raw_connection(project).execute("PRAGMA trusted_schema").fetchone()[0] == 0
        assert schema_differences(raw_connection(project), SCHEMA_VERSION) == []


def test_a_project_with_an_unusable_label_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "received.db"
    good_project(path)
    before = tamper(path, "UPDATE labels SET color = 'red; background-image: url(/dev/zero)' WHERE name = 'actor'")
    with pytest.raises(NotADatabase, match="label or link this app cannot use"):
        Project(path)
    result = run_cli("docs", "--db", str(path))
    assert result.returncode == 1 and "invalid colour" in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("ours", "theirs", "same"),
    [
        ('CREATE TABLE "x" (a  TEXT,\n b INTEGER)', "create table [x](a text, b integer)", True),
        ("CREATE TABLE x (a TEXT CHECK (a IN ('A')))", "CREATE TABLE x (a TEXT CHECK (a IN ('a')))", False),
        ("CREATE TABLE x (a TEXT)", "CREATE TABLE x (a TEXT DEFAULT (random()))", False),
    ],
)
def test_sql_is_compared_by_its_tokens(ours: str, theirs: str, same: bool) -> None:
    assert (normalise_sql(ours) == normalise_sql(theirs)) is same


def test_a_project_of_an_older_schema_version_is_accepted(tmp_path: Path) -> None:
    from tests.store.test_migrations import write_v1_project

    path = tmp_path / "old.db"
    write_v1_project(path)
    with Project(path) as project:
        assert project.migration_backup is not None
        assert project.span("span-1").text == "ONU"


@pytest.mark.parametrize(
    ("statement", "fragment"),
    [
        ("UPDATE documents SET metadata = '" + "[" * 100_000 + "]" * 100_000 + "'", "damaged metadata"),
        ("PRAGMA ignore_check_constraints = ON; UPDATE annotations SET status = 'stolen'", "is damaged"),
    ],
    ids=["metadata-100000-deep", "span-beyond-its-constraints"],
)
def test_rows_no_version_of_the_app_writes_are_a_clear_error(tmp_path: Path, statement: str, fragment: str) -> None:
    path = tmp_path / "received.db"
    good_project(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(statement)
    conn.close()
    out = str(tmp_path / "o.jsonl")
    result = run_cli("export", "--db", str(path), "--format", "jsonl", "--out", out, "--status", "all")
    assert result.returncode == 1 and fragment in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
