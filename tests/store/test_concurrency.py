"""Two processes on one project file at once: every write lands, nothing is corrupted, changes are seen."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from annotator.store.project import Change, ChangeKind, Project
from tests.conftest import FRENCH
from tests.processes import child_env, run_cli

WRITER = textwrap.dedent(
    """
    import sys
    from annotator.store.project import Project

    path, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with Project(path, timeout=30) as project:
        text = project.document_text(1)
        sys.stdin.readline()  # wait for the parent's go, so the writers really overlap
        for i in range(count):
            start = i % (len(text) - 5)
            span = project.add_span(1, start, start + 5, "actor", annotator=name, note=str(i))
            print(span.id, flush=True)
    """
)


@pytest.mark.slow
def test_two_processes_and_the_cli_write_at_once(db_path: Path) -> None:
    with Project(db_path) as project:
        project.add_document("Corée", FRENCH)
    count = 150
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), name, str(count)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=child_env(),
        )
        for name in ("alice", "bob")
    ]
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    # Meanwhile, the command line adds spans to the same file.
    cli_ids = []
    for i in range(4):
        result = run_cli(
            *("spans", "--db", str(db_path), "add", "--doc", "1", "--start", str(16 + i), "--end", "29"),
            *("--label", "actor", "--annotator", "cli", "--json"),
        )
        assert result.returncode == 0, result.stderr
        cli_ids.append(json.loads(result.stdout)["id"])
    printed = []
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        printed.extend(out.split())
    assert len(printed) == 2 * count
    with sqlite3.connect(db_path) as conn:
        stored = {r[0] for r in conn.execute("SELECT id FROM annotations")}
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        per_annotator = dict(conn.execute("SELECT annotator, count(*) FROM annotations GROUP BY annotator"))
    assert stored == set(printed) | set(cli_ids)
    assert per_annotator == {"alice": count, "bob": count, "cli": 4}


def test_another_connections_commit_is_seen_through_data_version(db_path: Path) -> None:
    with Project(db_path) as mine, Project(db_path) as theirs:
        heard: list[Change] = []
        mine.add_listener(heard.append)
        assert mine.check_external_changes() is False
        document, _ = mine.add_document("Corée", FRENCH)
        assert mine.check_external_changes() is False  # our own commits are not "external"
        heard.clear()
        span = theirs.add_span(int(document.id or 0), 8, 11, "actor")
        assert mine.check_external_changes() is True
        assert [c.kind for c in heard] == [ChangeKind.EXTERNAL]
        assert mine.span(span.id).text == "ONU"
        assert mine.check_external_changes() is False
        theirs.add_label("weapon")
        assert mine.check_external_changes() is True
        assert "weapon" in [lab.name for lab in mine.labels()]  # the label cache was dropped


def test_a_write_from_another_process_is_seen(db_path: Path) -> None:
    with Project(db_path) as mine:
        mine.add_document("Corée", FRENCH)
        result = run_cli(
            "spans", "--db", str(db_path), "add", "--doc", "1", "--start", "8", "--end", "11", "--label", "actor"
        )
        assert result.returncode == 0, result.stderr
        assert mine.check_external_changes() is True
        assert [s.id for s in mine.spans()] == [result.stdout.strip()]


def test_opening_a_second_project_in_the_same_process_keeps_the_first_ones_locks(db_path: Path, tmp_path: Path) -> None:
    # POSIX drops every lock a process holds on a file when any descriptor of that file is closed. If opening
    # a project (the background backup does) opened and closed the file itself, the CLI would then believe it
    # was alone, checkpoint and delete the WAL under the app, and the app's next writes would be lost.
    from annotator.store.backup import rotating_backup

    app = Project(db_path)
    try:
        doc = app.add_document("Corée", FRENCH)[0]
        app.add_span(doc.id, 16, 29, "actor", annotator="app")
        rotating_backup(db_path, tmp_path / "backups")
        with Project(db_path, read_only=True) as other:
            assert len(other.spans(doc.id)) == 1
        assert run_cli("stats", "--db", str(db_path)).returncode == 0
        app.add_span(doc.id, 36, 42, "transfer", annotator="app")
        added = run_cli(
            "spans",
            "--db",
            str(db_path),
            "add",
            "--doc",
            str(doc.id),
            "--start",
            "0",
            "--end",
            "5",
            "--label",
            "actor",
            "--annotator",
            "cli",
        )
        assert added.returncode == 0, added.stderr
        app.add_span(doc.id, 45, 54, "actor", annotator="app")
        assert Path(str(db_path) + "-wal").exists()  # still the file the app writes to, not a deleted one
    finally:
        app.close()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT annotator, start FROM annotations ORDER BY start").fetchall()
    assert rows == [("cli", 0), ("app", 16), ("app", 36), ("app", 45)]


def test_writes_stop_once_the_file_is_moved_away(db_path: Path, tmp_path: Path) -> None:
    from annotator.store.errors import ProjectFileGone

    with Project(db_path) as project:
        doc = project.add_document("Corée", FRENCH)[0]
        project.add_span(doc.id, 16, 29, "actor", annotator="app")
        moved = tmp_path / "moved.db"
        db_path.rename(moved)
        with pytest.raises(ProjectFileGone, match="moved or deleted"):
            project.add_span(doc.id, 36, 42, "transfer", annotator="app")
        with pytest.raises(ProjectFileGone):
            project.check_external_changes()
        assert len(project.spans(doc.id)) == 1  # reading goes on
        moved.rename(db_path)  # put back: the same file again, writes resume
        project.add_span(doc.id, 36, 42, "transfer", annotator="app")
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == 2
