"""Links are not followed out of a received folder, and no temporary or export name is written through a link
someone planted there: the analyst's own files are never read into a project nor overwritten."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from annotator.core.model import Label
from annotator.services.handouts import KwicRow, write_handout
from annotator.store.backup import backup_project, rotating_backup
from annotator.store.project import Project
from tests.conftest import FRENCH
from tests.processes import run_cli

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")

SECRET = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n"


@pytest.fixture
def secrets(tmp_path: Path) -> Path:
    """The analyst's own files, outside anything received."""
    folder = tmp_path / "home" / ".ssh"
    folder.mkdir(parents=True)
    (folder / "id_rsa.txt").write_text(SECRET, encoding="utf-8")
    (folder / "notes.md").write_text("Mes notes privées.\n", encoding="utf-8")
    return folder


def all_texts(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        texts = "\n".join(r[0] for r in conn.execute("SELECT title || ' ' || text FROM documents"))
    conn.close()
    return texts


def test_import_of_a_received_folder_skips_and_names_links_that_leave_it(tmp_path: Path, secrets: Path) -> None:
    received = tmp_path / "received"
    (received / "articles").mkdir(parents=True)
    (received / "articles" / "article.txt").write_text(FRENCH, encoding="utf-8")
    (received / "copie.txt").symlink_to(received / "articles" / "article.txt")  # inside: followed
    (received / "cle.txt").symlink_to(secrets / "id_rsa.txt")  # a file link out
    (received / "dossier").symlink_to(secrets, target_is_directory=True)  # a folder link out
    (received / "perdu.txt").symlink_to(tmp_path / "nowhere.txt")  # dangling
    db = tmp_path / "p.db"
    result = run_cli("import", "--db", str(db), str(received))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "PRIVATE KEY" not in all_texts(db) and "privées" not in all_texts(db)
    shown = result.stdout + result.stderr
    for name in ("cle.txt", "dossier", "perdu.txt"):
        assert name in shown
    assert "outside the imported folder" in shown
    with Project(db) as project:
        assert len(project.documents()) == 1  # the article (its inner link is the same text)


def test_a_brat_folder_with_a_planted_link_imports_the_rest_only(tmp_path: Path, secrets: Path) -> None:
    received = tmp_path / "brat"
    received.mkdir()
    (received / "article.txt").write_text(FRENCH, encoding="utf-8")
    (received / "article.ann").write_text("T1\tactor 8 11\tONU\n", encoding="utf-8")
    (received / "cle.txt").symlink_to(secrets / "id_rsa.txt")
    (received / "cle.ann").write_text("T1\tactor 0 5\t-----\n", encoding="utf-8")
    db = tmp_path / "p.db"
    result = run_cli("import", "--db", str(db), "--unknown-labels", "add", str(received))
    assert result.returncode == 0, result.stderr
    assert "PRIVATE KEY" not in all_texts(db)
    assert "cle.txt" in result.stdout + result.stderr
    with Project(db) as project:
        assert [s.text for s in project.spans(1)] == ["ONU"]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "p.db"
    with Project(path) as project:
        document, _ = project.add_document("Corée", FRENCH)
        project.add_span(document.id, 8, 11, "actor", annotator="ann")
    return path


def test_brat_export_replaces_planted_links_and_never_writes_through_them(
    db: Path, tmp_path: Path, secrets: Path
) -> None:
    out = tmp_path / "export"
    out.mkdir()
    victim_conf = secrets / "id_rsa.txt"
    victim_text = secrets / "notes.md"
    (out / "annotation.conf").symlink_to(victim_conf)
    (out / "Coree-1.txt").symlink_to(victim_text)
    (out / "Coree-1.ann").symlink_to(tmp_path / "created-by-the-export")
    result = run_cli("export", "--db", str(db), "--format", "brat", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "AssertionError" not in result.stderr and "unexpected" not in result.stderr
    assert "were links in the export folder" in result.stderr + result.stdout
    assert victim_conf.read_text(encoding="utf-8") == SECRET
    assert victim_text.read_text(encoding="utf-8") == "Mes notes privées.\n"
    assert not (tmp_path / "created-by-the-export").exists()
    for name in ("annotation.conf", "Coree-1.txt", "Coree-1.ann"):
        assert not (out / name).is_symlink() and (out / name).is_file()
    assert (out / "Coree-1.txt").read_text(encoding="utf-8") == FRENCH


def test_an_export_named_as_a_link_by_the_user_still_writes_its_target(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "real.jsonl"
    chosen = tmp_path / "chosen.jsonl"
    chosen.symlink_to(target)
    result = run_cli("export", "--db", str(db), "--format", "jsonl", "--out", str(chosen))
    assert result.returncode == 0, result.stderr
    assert chosen.is_symlink() and target.read_text(encoding="utf-8").startswith('{"format": "annotator"')


def test_backup_never_creates_anything_through_a_planted_link(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "copies"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere.db"
    for name in ("copy.db.partial", ".copy.db.partial", "copy.db.partial-journal"):
        (out / name).symlink_to(elsewhere)
    result = run_cli("backup", "--db", str(db), "--out", str(out / "copy.db"))
    assert result.returncode == 0, result.stderr
    assert not elsewhere.exists()
    with sqlite3.connect(out / "copy.db") as conn:
        assert conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == 1
    conn.close()
    names = {p.name for p in out.iterdir()}
    assert names == {"copy.db", "copy.db.partial", ".copy.db.partial", "copy.db.partial-journal"}


def test_a_backup_target_that_is_a_link_is_replaced_not_written_through(db: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("à garder\n", encoding="utf-8")
    planted = tmp_path / "backups" / "p-20250101T000000000000Z.db"
    planted.parent.mkdir()
    planted.symlink_to(victim)
    with Project(db) as project:
        backup_project(project, planted)
    assert victim.read_text(encoding="utf-8") == "à garder\n"
    assert not planted.is_symlink()
    rotating_backup(db, tmp_path / "backups")
    assert victim.read_text(encoding="utf-8") == "à garder\n"


def test_a_handout_never_writes_through_a_link_at_its_temporary_name(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("à garder\n", encoding="utf-8")
    path = tmp_path / "handout.md"
    (tmp_path / "handout.md.part").symlink_to(victim)
    label = Label("actor", "#56B4E9", guideline="Un acteur.")
    row = KwicRow("s1", 1, "Corée", "actor", "ann", "accepted", "unreviewed", 8, 11, "Selon l’", "ONU", ", la Corée")
    write_handout(path, label, [row])
    assert victim.read_text(encoding="utf-8") == "à garder\n"
    assert "ONU" in path.read_text(encoding="utf-8")
