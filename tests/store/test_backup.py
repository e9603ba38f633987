"""Backups: the online backup of a project in use, and rotating automatic copies."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from annotator.store.backup import backup_project, rotating_backup
from annotator.store.errors import EnvironmentFault
from annotator.store.project import Project
from tests.conftest import FRENCH
from tests.processes import child_env, run_cli

pytestmark = pytest.mark.file_only  # a team server is backed up by its administrator (pg_dump)

WRITER = textwrap.dedent(
    """
    import sys
    from annotator.store.project import Project

    with Project(sys.argv[1], timeout=30) as project:
        text = project.document_text(1)
        for i in range(int(sys.argv[2])):
            start = i % (len(text) - 3)
            print(project.add_span(1, start, start + 3, "actor", note=str(i)).id, flush=True)
    """
)


@pytest.mark.slow
def test_cli_backup_while_another_process_writes(db_path: Path, tmp_path: Path) -> None:
    with Project(db_path) as project:
        project.add_document("Corée", FRENCH)
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path), "400"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    assert writer.stdout is not None
    committed_before = [writer.stdout.readline().strip() for _ in range(40)]
    copy = tmp_path / "copies" / "copy.db"
    result = run_cli("backup", "--db", str(db_path), "--out", str(copy))
    rest, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    assert result.returncode == 0, result.stderr
    assert str(copy) in result.stdout
    all_ids = set(committed_before) | set(rest.split())
    assert len(all_ids) == 400

    assert not copy.with_name("copy.db-wal").exists()
    assert sorted(p.name for p in copy.parent.iterdir()) == ["copy.db"]  # no temporary file left
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        in_copy = {r[0] for r in conn.execute("SELECT id FROM annotations")}
    conn.close()
    assert set(committed_before) <= in_copy <= all_ids
    with Project(copy) as restored:
        assert restored.document_text(1) == FRENCH
        assert all(s.text == FRENCH[s.start : s.end] for s in restored.spans())


def test_backup_into_a_folder_keeps_the_name(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = backup_project(project, folder)
    assert target == folder / project.path.name
    with Project(target) as copy:
        assert [lab.name for lab in copy.labels()] == [lab.name for lab in project.labels()]


def test_backup_never_overwrites_the_project(project: Project) -> None:
    with pytest.raises(EnvironmentFault, match="cannot overwrite"):
        backup_project(project, project.path)


def test_backup_to_an_impossible_place_is_a_clear_failure(db_path: Path, tmp_path: Path) -> None:
    with Project(db_path):
        pass
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = run_cli("backup", "--db", str(db_path), "--out", str(blocker / "copy.db"))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("annotator: ")
    assert "Traceback" not in result.stderr


def test_rotating_backup_keeps_the_newest(project: Project, french_doc, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    made = []
    for i in range(7):
        project.add_span(int(french_doc.id or 0), i, i + 3, "actor")
        made.append(rotating_backup(project.path, folder, keep=5))
    kept = sorted(folder.glob("*.db"))
    assert kept == sorted(made[-5:])
    assert all(p.name.startswith("project-") for p in kept)
    with Project(kept[-1], read_only=True) as newest:
        assert len(newest.spans()) == 7
    with Project(kept[0], read_only=True) as oldest:
        assert len(oldest.spans()) == 3


def test_overlapping_rotations_keep_exactly_the_newest(project: Project, french_doc, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    with ThreadPoolExecutor(max_workers=4) as pool:
        made = list(pool.map(lambda _: rotating_backup(project.path, folder, keep=3), range(8)))
    assert len(set(made)) == 8
    assert sorted(folder.glob("*.db")) == sorted(made)[-3:]


def test_rotation_never_touches_another_projects_copies(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    with Project(tmp_path / "notes.db"), Project(tmp_path / "notes-2024.db"):
        pass
    other = [rotating_backup(tmp_path / "notes-2024.db", folder, keep=2) for _ in range(2)]
    for _ in range(4):
        rotating_backup(tmp_path / "notes.db", folder, keep=2)
    assert all(p.exists() for p in other)
    assert len(list(folder.glob("notes-2*.db"))) == 2 + 2
