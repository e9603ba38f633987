"""``annotator export`` in a child process: every format, filters, warnings on stderr, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.store.project import Project
from tests.conftest import EMOJI, FRENCH
from tests.processes import run_cli


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "p.db"
    with Project(path) as project:
        french, _ = project.add_document("Corée", FRENCH)
        emoji, _ = project.add_document("Emoji", EMOJI)

        def add(document, phrase: str, label: str, **fields) -> str:
            start = document.text.index(phrase)
            return project.add_span(document.id, start, start + len(phrase), label, **fields).id

        transfer = add(french, "a fourni à la Russie des munitions d’artillerie", "transfer", annotator="ann")
        actor = add(french, "la Corée du Nord", "actor", annotator="ann")
        add(french, "la Russie", "actor", annotator="ben")  # overlaps the transfer
        add(french, "10\u00a0000 soldats", "quantity", annotator="ben", status="suggested")
        add(emoji, "1\u202f000 obus", "quantity", annotator="ann")
        project.add_link(transfer, actor, "supplier", annotator="ann")
    return path


def export(db: Path, *args: str):
    return run_cli("export", "--db", str(db), *args)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "conll", "webanno", "spacy"])
def test_every_file_format_writes_its_file(db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    result = export(db, "--format", fmt, "--out", str(out))
    assert result.returncode == 0, result.stderr
    written = 3 if fmt == "conll" else 4  # conll cannot hold "la Russie" inside the transfer: the count says so
    assert f"exported 2 documents, {written} spans" in result.stdout
    assert out.is_file() and out.stat().st_size > 0
    assert "Traceback" not in result.stderr


def test_brat_writes_a_folder(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    result = export(db, "--format", "brat", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "Coree-1.ann",
        "Coree-1.txt",
        "Emoji-2.ann",
        "Emoji-2.txt",
        "annotation.conf",
    ]
    assert (out / "Emoji-2.txt").read_text(encoding="utf-8") == EMOJI
    ann = (out / "Emoji-2.ann").read_text(encoding="utf-8")
    start = EMOJI.index("1\u202f000 obus")
    assert ann == f"T1\tquantity {start} {start + 10}\t1\u202f000 obus\n"


def test_filters_repeat_or_take_several_values(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = export(db, "--format", "jsonl", "--out", str(out), "--annotator", "ben", "--status", "all", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["spans"] == 2
    spans = [s for line in out.read_text(encoding="utf-8").splitlines()[1:] for s in json.loads(line)["spans"]]
    assert sorted(s["text"] for s in spans) == ["10\u00a0000 soldats", "la Russie"]
    csv_out = str(tmp_path / "o.csv")
    result = export(db, "--format", "csv", "--out", csv_out, "--label", "actor", "--label", "quantity", "--json")
    assert json.loads(result.stdout)["spans"] == 3  # two actors in the French document, the emoji quantity
    result = export(db, "--format", "csv", "--out", csv_out, "--label", "actor", "quantity", "--doc", "2", "--json")
    assert json.loads(result.stdout)["spans"] == 1
    result = export(db, "--format", "csv", "--out", csv_out, "--status", "suggested", "accepted", "--json")
    assert json.loads(result.stdout)["spans"] == 5


def test_conll_overlaps_are_reported_on_stderr(db: Path, tmp_path: Path) -> None:
    result = export(db, "--format", "conll", "--out", str(tmp_path / "o.conll"))
    assert result.returncode == 0
    [warning] = [line for line in result.stderr.splitlines() if "overlaps" in line]
    assert warning.startswith("annotator: warning: ") and "la Russie" in warning


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--format", "xml", "--out", "x"], "--format"),
        (["--format", "jsonl"], "--out"),
        (["--format", "jsonl", "--out", "OUT/x.jsonl", "--label", "weapon"], "weapon"),
        (["--format", "jsonl", "--out", "OUT/x.jsonl", "--status", "maybe"], "maybe"),
        (["--format", "jsonl", "--out", "OUT/x.jsonl", "--doc", "42"], "42"),
        (["--format", "jsonl", "--out", "OUT/x.jsonl", "--doc", "first"], "--doc"),
        (["--format", "csv", "--out", "OUT"], "folder"),
    ],
)
def test_bad_usage_is_one_line_exit_2(db: Path, tmp_path: Path, args: list[str], fragment: str) -> None:
    result = export(db, *[a.replace("OUT", str(tmp_path)) for a in args])
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("annotator: ") and result.stderr.count("\n") == 1
    assert fragment in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.jsonl").exists()


def test_brat_into_a_file_is_refused(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("keep me", encoding="utf-8")
    result = export(db, "--format", "brat", "--out", str(target))
    assert result.returncode == 2 and "folder" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"


def test_the_project_itself_or_a_device_is_never_the_output(db: Path, tmp_path: Path) -> None:
    before = db.read_bytes()
    for target in (db, Path(str(db) + "-wal"), Path("/dev/null")):
        result = export(db, "--format", "jsonl", "--out", str(target))
        assert result.returncode == 2, (target, result.stdout)
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert db.read_bytes() == before
    assert Path("/dev/null").is_char_device()
    link = tmp_path / "via-link.jsonl"
    link.symlink_to(db)
    assert export(db, "--format", "jsonl", "--out", str(link)).returncode == 2
    assert link.is_symlink() and db.read_bytes() == before


def test_an_export_through_a_link_writes_its_target_with_an_ordinary_mode(db: Path, tmp_path: Path) -> None:
    import os

    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "latest.csv"
    link.symlink_to(real)
    assert export(db, "--format", "csv", "--out", str(link)).returncode == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8-sig").startswith("document,")
    assert real.stat().st_mode & 0o777 == 0o640  # the old file's mode is kept
    fresh = tmp_path / "fresh.jsonl"
    assert export(db, "--format", "jsonl", "--out", str(fresh)).returncode == 0
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask  # as any new file, not private as a temporary file


def test_a_hard_link_or_another_spelling_of_the_project_is_never_the_output(db: Path, tmp_path: Path) -> None:
    import os

    before = db.read_bytes()
    alias = tmp_path / "alias.db"
    os.link(db, alias)
    for target in (alias, db.with_name(db.name.upper())):
        result = export(db, "--format", "jsonl", "--out", str(target))
        assert result.returncode == 2 and "project itself" in result.stderr, target
    assert db.read_bytes() == before


def test_conll_widened_spans_one_warning_line_and_details_with_verbose(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    with Project(db) as project:
        text = "Les patients PWS-affected et anti-PWS vont bien."
        document, _ = project.add_document("Widened", text)
        for start in (text.index("PWS"), text.index("anti-PWS") + 5):
            project.add_span(document.id, start, start + 3, "actor", annotator="ann")
    out = str(tmp_path / "o.conll")
    quiet = export(db, "--format", "conll", "--out", out, "--json")
    assert quiet.returncode == 0, quiet.stderr
    [line] = quiet.stderr.splitlines()
    assert line.startswith("annotator: warning: conll: 2 spans widened to whole tokens")
    report = json.loads(quiet.stdout)
    assert report["spans"] == 2 and len(report["details"]) == 2
    verbose = export(db, "--format", "conll", "--out", out, "--verbose")
    lines = verbose.stderr.splitlines()
    assert len(lines) == 3 and lines[0] == line
    assert "“PWS” 13–16 written as “PWS-affected” 13–25" in lines[1]
    assert "written as “anti-PWS”" in lines[2]
    assert "exported 1 document, 2 spans" in verbose.stdout
