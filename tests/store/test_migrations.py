"""Migrations: a project written by an older app is upgraded in one transaction, after a backup copy."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from annotator.store import migrations
from annotator.store.errors import NewerSchema
from annotator.store.project import Project
from tests.raw_sql import raw_connection

FRENCH = "Selon l’ONU, la Corée du Nord a fourni à la Russie 10\u00a0000 obus.\n"


def write_v1_project(path: Path) -> None:
    """A project exactly as version 1 of the schema wrote it, with a document, labels and a span."""
    db = sqlite_utils.Database(sqlite3.connect(path))
    conn = db.conn
    for statement in migrations.SCHEMA_STEPS[0]:
        conn.execute(statement)
    db["documents"].enable_fts(
        ["title", "text"], fts_version="FTS5", create_triggers=True, tokenize="unicode61 remove_diacritics 2"
    )
    conn.execute("INSERT INTO labels (name, color, hotkey, position) VALUES ('actor', '#E69F00', '1', 0)")
    conn.execute(
        "INSERT INTO documents (title, source_path, text, sha256, added_at) VALUES (?, ?, ?, ?, ?)",
        ("Corée", None, FRENCH, "sha-of-v1-doc", "2025-01-01T00:00:00.000Z"),
    )
    conn.execute(
        'INSERT INTO annotations (id, document_id, start, "end", label, text, annotator, created, updated) '
        "VALUES ('span-1', 1, 8, 11, 'actor', 'ONU', 'alice', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def user_version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


def test_new_project_gets_the_latest_schema_without_a_backup(db_path: Path) -> None:
    with Project(db_path) as project:
        assert project.migration_backup is None
    assert user_version(db_path) == migrations.SCHEMA_VERSION == 6
    assert "document_sources" in tables(db_path)
    assert list(db_path.parent.glob("*.bak")) == []


def test_v1_project_is_upgraded_after_a_backup_copy(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    write_v1_project(path)
    with Project(path) as project:
        backup = project.migration_backup
        assert backup == tmp_path / "old.db.v1.bak"
        span = project.span("span-1")
        assert span.text == "ONU" == project.document_text(1)[span.start : span.end]
        assert [lab.name for lab in project.labels()] == ["actor"]
    assert user_version(path) == migrations.SCHEMA_VERSION
    assert "document_sources" in tables(path)
    # The backup is the v1 project as it was: same schema version, same content.
    assert user_version(backup) == 1
    assert "document_sources" not in tables(backup)
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT id, text FROM annotations").fetchall() == [("span-1", "ONU")]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # Opening again does not migrate (nor back up) twice.
    with Project(path) as project:
        assert project.migration_backup is None
    assert sorted(p.name for p in tmp_path.glob("*.bak")) == ["old.db.v1.bak"]


def test_an_existing_backup_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    write_v1_project(path)
    (tmp_path / "old.db.v1.bak").write_bytes(b"an earlier backup")
    with Project(path) as project:
        assert project.migration_backup == tmp_path / "old.db.v1.2.bak"
    assert (tmp_path / "old.db.v1.bak").read_bytes() == b"an earlier backup"


def test_upgrade_runs_in_one_transaction(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    write_v1_project(path)
    db = sqlite_utils.Database(sqlite3.connect(path, isolation_level=None))
    statements: list[str] = []
    db.conn.set_trace_callback(lambda sql: statements.append(" ".join(sql.split())))
    migrations.migrate(db, path)
    db.conn.close()
    writes = [s for s in statements if not s.startswith(("PRAGMA user_version", "SELECT"))]
    assert writes[0] == "BEGIN IMMEDIATE"
    assert writes[-1] == "COMMIT"
    assert sum(s in ("BEGIN IMMEDIATE", "COMMIT") for s in writes) == 2
    assert any(s.startswith("CREATE TABLE document_sources") for s in writes)
    assert f"PRAGMA user_version = {migrations.SCHEMA_VERSION}" in statements


def test_a_failing_step_leaves_the_old_schema_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.db"
    write_v1_project(path)
    steps = [*migrations.SCHEMA_STEPS, ["CREATE TABLE broken (x INTEGER)", "INSERT INTO no_such_table VALUES (1)"]]
    monkeypatch.setattr(migrations, "SCHEMA_STEPS", steps)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(steps))
    with pytest.raises(Exception, match="no_such_table"):
        Project(path)
    # Step 2 ran before the failure in step 3, and was rolled back with it.
    assert user_version(path) == 1
    assert not {"document_sources", "broken"} & tables(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == 1
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert (tmp_path / "old.db.v1.bak").exists()


def test_a_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with Project(path):
        pass
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(NewerSchema, match="newer version"):
        Project(path)
    assert path.read_bytes() == before
    assert list(tmp_path.glob("*.bak")) == []


def test_read_only_old_project_is_not_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    write_v1_project(path)
    before = path.read_bytes()
    with pytest.raises(Exception, match="read-only"):
        Project(path, read_only=True)
    assert path.read_bytes() == before
    assert user_version(path) == 1


def test_a_full_disk_during_the_upgrade_leaves_the_old_schema_whole(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    write_v1_project(path)
    db = sqlite_utils.Database(sqlite3.connect(path, isolation_level=None))
    pages = db.conn.execute("PRAGMA page_count").fetchone()[0]
    db.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(sqlite3.OperationalError, match="full"):
        migrations.migrate(db, path)
    db.conn.close()
    assert user_version(path) == 1
    assert "document_sources" not in tables(path)
    assert (tmp_path / "old.db.v1.bak").exists()
    with Project(path) as project:  # with room again, the upgrade runs
        assert project.span("span-1").text == "ONU"
    assert user_version(path) == migrations.SCHEMA_VERSION


def test_v1_project_gains_the_covering_index_and_a_narrower_search_trigger(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    write_v1_project(path)
    with Project(path) as project:
        indexes = {r[0] for r in raw_connection(project).execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "annotations_by_document_covering" in indexes
        plan = " ".join(
            str(r[-1])
            for r in raw_connection(project).execute(
                'EXPLAIN QUERY PLAN SELECT start, "end", status, label, annotator, id FROM annotations '
                "WHERE document_id = 1"
            )
        )
        assert "COVERING INDEX annotations_by_document_covering" in plan
        # Marking a document done leaves the full-text index alone; a new title is searchable at once.
        project.update_document(1, done=True)
        assert [h.document_id for h in project.search("coree")] == [1]
        project.update_document(1, title="Munitions nord-coréennes")
        assert [h.title for h in project.search("munitions")] == ["Munitions nord-coréennes"]


def test_version_4_lets_a_model_propose_spans_and_keeps_their_scores_with_them(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    write_v1_project(path)
    with sqlite3.connect(path) as conn:
        with pytest.raises(sqlite3.IntegrityError):  # the old schema refuses the source 'model'
            conn.execute("UPDATE annotations SET source = 'model' WHERE id = 'span-1'")
        before = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'annotations'").fetchone()[0]
    with Project(path) as project:
        assert user_version(path) == migrations.SCHEMA_VERSION >= 4
        span = project.add_span(1, 26, 36, "actor", annotator="model-run", status="suggested", source="model")
        project.set_span_scores({span.id: 0.75, "span-1": 1.5}, "m1")
        assert project.span_scores() == {span.id: 0.75, "span-1": 1.0}
        assert project.span_scores(document_id=1) == project.span_scores()
        project.delete_span(span.id)
        assert project.span_scores() == {"span-1": 1.0}  # a score goes with its span
        with pytest.raises(sqlite3.IntegrityError):  # the widened check still checks, below the app too
            raw_connection(project).execute("UPDATE annotations SET source = 'telepathy' WHERE id = 'span-1'")
    with sqlite3.connect(path) as conn:
        after = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'annotations'").fetchone()[0]
        assert after == before.replace("'ner', 'curation'", "'ner', 'model', 'curation'")
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT source FROM annotations WHERE id = 'span-1'").fetchone()[0] == "manual"
    # a project created new has the same definition as an upgraded one
    with Project(tmp_path / "new.db"), sqlite3.connect(tmp_path / "new.db") as conn:
        assert conn.execute("SELECT sql FROM sqlite_master WHERE name = 'annotations'").fetchone()[0] == after
