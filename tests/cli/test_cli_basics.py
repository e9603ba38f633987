"""The real console command in a child process: every command, JSON outputs, one-line errors, exit codes."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

import pytest

from annotator import __version__
from annotator.cli import build_parser
from annotator.store.migrations import SCHEMA_VERSION
from tests.conftest import EMOJI, FRENCH
from tests.processes import run_cli


def ok(*args: str) -> str:
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def ok_json(*args: str) -> object:
    return json.loads(ok(*args))


def assert_one_line_error(result, code: int, *fragments: str) -> None:
    assert result.returncode == code, (result.stdout, result.stderr)
    assert result.stderr.startswith("annotator: ")
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for fragment in fragments:
        assert fragment in result.stderr


def test_version() -> None:
    assert ok("--version").strip() == f"annotator {__version__}"


def command_paths() -> list[tuple[str, ...]]:
    parser = build_parser()
    paths: list[tuple[str, ...]] = []
    for name in sorted(parser.command_names()):
        paths.append((name,))
        sub = parser._subparsers._group_actions[0].choices[name]  # the command's own parser
        for action in sub._actions:
            if action.__class__.__name__ == "_SubParsersAction":
                paths.extend((name, child) for child in action.choices)
    return paths


def test_every_command_of_the_interface_exists() -> None:
    names = build_parser().command_names()
    assert {"gui", "import", "docs", "spans", "labels", "search", "stats", "backup"} <= names


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p))
def test_help_on_each_command(path: tuple[str, ...]) -> None:
    out = ok(*path, "--help")
    assert out.startswith("usage: annotator " + " ".join(path))


def test_a_named_database_starts_empty_with_default_labels(tmp_path: Path) -> None:
    db = str(tmp_path / "new.db")
    assert run_cli("labels", "--db", db, "add", "weather").returncode == 0  # a command that writes creates it
    assert ok_json("docs", "--db", db, "--json") == []
    labels = ok_json("labels", "--db", db, "list", "--json")
    assert [lab["name"] for lab in labels] == ["actor", "transfer", "quantity", "assessment", "weather"]
    assert all(lab["spans"] == 0 and not lab["retired"] for lab in labels)


def test_the_default_project_is_seeded_with_the_sample_documents(tmp_path: Path) -> None:
    import os

    default = Path(os.environ["ANNOTATOR_DB"])
    assert not default.exists()
    docs = ok_json("docs", "--json")
    assert default.exists()
    assert len(docs) >= 1
    seed_titles = {d["title"] for d in docs}
    # Second start: seeded once only.
    assert {d["title"] for d in ok_json("docs", "--json")} == seed_titles
    assert len(ok_json("docs", "--json")) == len(docs)


def test_import_docs_spans_labels_search_stats_backup(tmp_path: Path) -> None:
    db = str(tmp_path / "p.db")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "coree.txt").write_bytes(FRENCH.replace("\n", "\r\n").encode("utf-8"))
    (corpus / "emoji.txt").write_bytes(b"\xff\xfe" + EMOJI.encode("utf-16-le"))
    (corpus / "bad.txt").write_bytes(b"\x00\x01" * 100)

    out = ok("import", "--db", db, str(corpus)).splitlines()
    assert out[0] == "1\tcoree" and out[1] == "2\temoji"
    assert out[2].startswith("skipped\t") and "bad.txt" in out[2]
    assert out[-1] == "imported: 2 new documents, 1 skipped"
    again = ok_json("import", "--db", db, "--json", str(corpus / "coree.txt"))
    assert again["new_documents"] == 0 and again["documents"] == [{"id": 1, "title": "coree"}]

    docs = ok_json("docs", "--db", db, "--json")
    assert [(d["id"], d["title"], d["spans"], d["done"]) for d in docs] == [
        (1, "coree", 0, False),
        (2, "emoji", 0, False),
    ]
    table = ok("docs", "--db", db).splitlines()
    assert table[0].split() == ["id", "title", "spans", "done", "sha256"]
    assert docs[0]["sha256"][:12] in table[2]

    onu = ok("spans", "--db", db, "add", "--doc", "1", "--start", "8", "--end", "11", "--label", "actor").strip()
    assert str(uuid.UUID(onu)) == onu
    start = EMOJI.index("Corée")
    added = ok_json(
        *("spans", "--db", db, "add", "--doc", "2", "--start", str(start), "--end", str(start + 13)),
        *("--label", "actor", "--annotator", "alice", "--note", "État", "--json"),
    )
    assert (added["text"], added["annotator"], added["note"], added["status"]) == (
        "Corée du Nord",
        "alice",
        "État",
        "accepted",
    )
    spans = ok_json("spans", "--db", db, "list", "--json")
    assert [(s["document_id"], s["text"]) for s in spans] == [(1, "ONU"), (2, "Corée du Nord")]
    assert ok_json("spans", "--db", db, "list", "--annotator", "alice", "--json")[0]["id"] == added["id"]
    assert (
        ok_json("spans", "--db", db, "list", "--doc", "1", "--label", "actor", "--status", "accepted", "--json")[0][
            "id"
        ]
        == onu
    )
    assert ok_json("spans", "--db", db, "list", "--status", "suggested", "--json") == []
    assert "ONU" in ok("spans", "--db", db, "list")

    assert ok(
        "labels", "--db", db, "add", "weapon", "--color", "#123456", "--hotkey", "5", "--guideline", "Arme"
    ).startswith("added label weapon")
    ok("labels", "--db", db, "edit", "weapon", "--rename", "arme", "--color", "#654321")
    ok("spans", "--db", db, "add", "--doc", "1", "--start", "0", "--end", "5", "--label", "arme")
    assert "retired" in ok("labels", "--db", db, "retire", "arme")
    labels = {lab["name"]: lab for lab in ok_json("labels", "--db", db, "list", "--json")}
    assert labels["arme"]["retired"] and labels["arme"]["color"] == "#654321" and labels["arme"]["spans"] == 1
    assert len(ok_json("spans", "--db", db, "list", "--label", "arme", "--json")) == 1  # retiring kept the span

    hits = ok_json("search", "--db", db, "coree", "--json")
    assert {h["document_id"] for h in hits} == {1, 2}
    assert any("[Corée]" in h["snippet"] for h in hits)
    assert "coree" in ok("search", "--db", db, "coree")

    stats = ok_json("stats", "--db", db, "--json")
    assert stats["documents"] == 2 and stats["spans"] == 3
    assert stats["per_label"]["actor"] == 2 and stats["per_annotator"]["alice"] == 1
    assert "documents: 2" in ok("stats", "--db", db)

    assert ok("spans", "--db", db, "delete", onu).strip() == "deleted 1 span"
    assert onu not in ok("spans", "--db", db, "list")

    copy = tmp_path / "copy.db"
    assert str(copy) in ok("backup", "--db", db, "--out", str(copy))
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == 2


@pytest.fixture
def db_with_doc(tmp_path: Path) -> str:
    db = str(tmp_path / "p.db")
    (tmp_path / "a.txt").write_text(FRENCH, encoding="utf-8")
    ok("import", "--db", db, str(tmp_path / "a.txt"))
    return db


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("spans", "add", "--doc", "1", "--start", "5", "--end", "999", "--label", "actor"), "outside the text"),
        (("spans", "add", "--doc", "1", "--start", "5", "--end", "5", "--label", "actor"), "empty"),
        (("spans", "add", "--doc", "1", "--start", "0", "--end", "5", "--label", "weapon"), "unknown label"),
        (("spans", "add", "--doc", "9", "--start", "0", "--end", "5", "--label", "actor"), "no document with id 9"),
        (("spans", "add", "--doc", "x", "--start", "0", "--end", "5", "--label", "actor"), "invalid int"),
        (("spans", "add", "--doc", "1", "--label", "actor"), "required"),
        (("spans", "add", "--doc", "9" * 20, "--start", "0", "--end", "5", "--label", "actor"), "out of range"),
        (("spans", "add", "--doc", "1", "--start", "0", "--end", "9" * 20, "--label", "actor"), "out of range"),
        (("spans", "list", "--doc", "-" + "9" * 20), "out of range"),
        (("suggest", "--doc", "9" * 20), "out of range"),
        (("export", "--format", "jsonl", "--out", "x.jsonl", "--doc", "9" * 20), "out of range"),
        (("spans",), "required: ACTION"),
        (("labels",), "required: ACTION"),
        (
            ("spans", "add", "--doc", "1", "--start", "0", "--end", "5", "--label", "actor", "--note", "a\udcffb"),
            "not valid UTF-8",
        ),
        (("search", "\udcff"), "not valid UTF-8"),
        (("spans", "delete", "not-a-span"), "no span with id not-a-span"),
        (("spans", "list", "--status", "maybe"), "unknown status"),
        (("labels", "add", "actor"), "already exists"),
        (("labels", "add", "new", "--color", "red"), "invalid colour"),
        (("labels", "add", "new one"), "invalid label name"),
        (("labels", "edit", "nope", "--color", "#000000"), "unknown label"),
        (("labels", "retire", "nope"), "unknown label"),
    ],
    ids=lambda v: v if isinstance(v, str) else " ".join(v[:2]),
)
def test_bad_input_is_one_line_and_exit_2(db_with_doc: str, args: tuple[str, ...], fragment: str) -> None:
    before = Path(db_with_doc).read_bytes()
    command, rest = args[0], args[1:]
    assert_one_line_error(run_cli(command, "--db", db_with_doc, *rest), 2, fragment)
    assert Path(db_with_doc).read_bytes() == before


def test_usage_errors_exit_2() -> None:
    assert_one_line_error(run_cli("frobnicate"), 2, "unknown command")
    result = run_cli("docs", "--bogus")
    assert_one_line_error(result, 2, "unrecognized arguments: --bogus")
    assert "annotator: annotator" not in result.stderr
    assert_one_line_error(run_cli("spans", "--db"), 2)
    assert_one_line_error(run_cli("export-everything", "--now"), 2)


def test_import_of_nothing_readable_exits_2(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"")
    result = run_cli("import", "--db", str(tmp_path / "p.db"), str(tmp_path / "bad.txt"))
    assert result.returncode == 2
    assert "skipped" in result.stdout and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda p: p.write_text("hello, I am a text file\n"), "not an annotator project"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\xa5" * 3000), "corrupt"),
        (lambda p: p.mkdir(), "folder"),
    ],
    ids=["text-file", "corrupt", "folder"],
)
def test_bad_database_exits_1_and_is_untouched(tmp_path: Path, make, fragment: str) -> None:
    path = tmp_path / "bad.db"
    make(path)
    before = path.read_bytes() if path.is_file() else None
    for args in (("docs",), ("spans", "list")):
        assert_one_line_error(run_cli(args[0], "--db", str(path), *args[1:]), 1, fragment)
    if before is not None:
        assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.db"]


def test_newer_database_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    assert_one_line_error(run_cli("docs", "--db", str(path)), 1, "newer version")
    assert path.read_bytes() == before


@pytest.mark.slow
def test_a_database_kept_busy_exits_1_after_the_timeout(db_with_doc: str) -> None:
    blocker = sqlite3.connect(db_with_doc, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        result = run_cli(
            "spans", "--db", db_with_doc, "add", "--doc", "1", "--start", "8", "--end", "11", "--label", "actor"
        )
        assert_one_line_error(result, 1, "busy")
        assert ok_json("spans", "--db", db_with_doc, "list", "--json") == []  # reading still works
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
