"""The commands on a team project (``--db`` a server address) against the test PostgreSQL server: they work as
on a file, French text and code-point offsets included, and their output is the file's, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from tests.conftest import EMOJI, FRENCH

psycopg = pytest.importorskip("psycopg")

EXPORT_FORMATS = ("jsonl", "csv", "brat", "conll", "webanno", "spacy", "labelstudio")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in err
    return out


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder with a French article (’, accents, no-break spaces) and one with emoji before its words."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "coree.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "emoji.txt").write_text(EMOJI, encoding="utf-8")
    return folder


def fill(capsys: pytest.CaptureFixture[str], db: str, corpus: Path) -> dict[str, str]:
    """Import, label and tag through the command line; the ids of the spans made."""
    run(capsys, "import", "--db", db, str(corpus))
    docs = {d["title"]: d["id"] for d in json.loads(run(capsys, "docs", "--db", db, "--json"))}
    run(capsys, "labels", "--db", db, "add", "arme", "--color", "#112233", "--guideline", "munitions, obus…")
    made = {}
    for name, doc, text, needle, label in (
        ("onu", docs["coree"], FRENCH, "l’ONU", "actor"),
        ("soldats", docs["coree"], FRENCH, "10\u00a0000 soldats", "quantity"),
        ("coree", docs["emoji"], EMOJI, "la Corée du Nord", "actor"),
        ("obus", docs["emoji"], EMOJI, "1\u202f000 obus", "arme"),
    ):
        start = text.index(needle)  # code points: the emoji before count one each (a flag two)
        out = run(capsys, "spans", "--db", db, "add", "--doc", str(doc), "--start", str(start),
                  "--end", str(start + len(needle)), "--label", label, "--note", "vérifié", "--json")  # fmt: skip
        made[name] = json.loads(out)["id"]
    return made


def test_the_commands_on_a_server_as_on_a_file(capsys, pg_cluster, pg_database, corpus: Path, tmp_path: Path) -> None:
    server = pg_cluster.url(pg_database)
    file = str(tmp_path / "project.db")
    for db in (file, server):
        fill(capsys, db, corpus)
    spans = json.loads(run(capsys, "spans", "--db", server, "list", "--json"))
    assert sorted(s["text"] for s in spans) == sorted(
        ["l’ONU", "10\u00a0000 soldats", "la Corée du Nord", "1\u202f000 obus"]
    )
    by_text = {s["text"]: s for s in spans}
    assert by_text["la Corée du Nord"]["start"] == EMOJI.index("la Corée du Nord")  # code points, not UTF-16
    assert {s["annotator"] for s in spans} == {"postgres"}  # on a server, the login's layer (not ANNOTATOR_NAME)
    stats = json.loads(run(capsys, "stats", "--db", server, "--json"))
    assert stats["documents"] == 2 and stats["per_label"]["arme"] == 1
    hits = run(capsys, "search", "--db", server, "coree")
    assert "Corée" in hits and "emoji" in hits
    assert "ONU" in run(capsys, "search", "--db", server, "l’onu")
    labels = json.loads(run(capsys, "labels", "--db", server, "list", "--json"))
    assert [lab["name"] for lab in labels][-1] == "arme"
    for db in (file, server):
        run(capsys, "labels", "--db", db, "retire", "arme")
        assert "arme" in run(capsys, "labels", "--db", db, "list")


def test_every_export_format_writes_the_same_bytes_from_a_server_and_from_a_file(
    capsys, pg_cluster, pg_database, corpus: Path, tmp_path: Path
) -> None:
    source = str(tmp_path / "source.db")
    fill(capsys, source, corpus)
    server = pg_cluster.conninfo(pg_database)
    run(capsys, "copy", "--db", source, "--to", server)
    file = str(tmp_path / pg_database)  # named as the database: webanno names the project in its output
    run(capsys, "copy", "--db", server, "--to", file)
    for fmt in EXPORT_FORMATS:
        outputs = []
        for name, db in (("file", file), ("server", server)):
            out = tmp_path / f"{name}-{fmt}" / ("set" if fmt == "brat" else f"set.{fmt}")
            out.parent.mkdir()
            run(capsys, "export", "--db", db, "--format", fmt, "--status", "all", "--out", str(out))
            files = sorted(out.rglob("*")) if out.is_dir() else [out]
            outputs.append([(f.relative_to(out.parent).as_posix(), f.read_bytes()) for f in files if f.is_file()])
        assert outputs[0] == outputs[1], fmt
        assert outputs[0] and all(content for _, content in outputs[0]), fmt


def test_agreement_and_deleting_spans_on_a_server(capsys, pg_cluster, pg_database, corpus: Path) -> None:
    server = pg_cluster.url(pg_database)
    made = fill(capsys, server, corpus)
    docs = json.loads(run(capsys, "docs", "--db", server, "--json"))
    coree = next(d["id"] for d in docs if d["title"] == "coree")
    start = FRENCH.index("l’ONU")
    run(capsys, "spans", "--db", server, "add", "--doc", str(coree), "--start", str(start), "--end", str(start + 5),
        "--label", "actor", "--annotator", "sam")  # fmt: skip
    report = json.loads(run(capsys, "agreement", "--db", server, "--annotators", "postgres", "sam", "--json"))
    assert report["annotators"] == ["postgres", "sam"]
    suggested = json.loads(run(capsys, "suggest", "--db", server, "--source", "quantity", "--json"))
    assert suggested, "quantity suggestions on a server"
    assert run(capsys, "transfers", "--db", server, "--format", "csv").splitlines()[0].count(",") >= 3  # a header
    run(capsys, "spans", "--db", server, "delete", made["onu"])
    left = json.loads(
        run(capsys, "spans", "--db", server, "list", "--annotator", "postgres", "--status", "accepted", "--json")
    )
    assert made["onu"] not in {s["id"] for s in left} and len(left) == 3


def test_a_command_that_only_reads_never_makes_a_project_in_an_empty_database(capsys, pg_cluster, pg_database) -> None:
    server = pg_cluster.url(pg_database)
    assert main(["docs", "--db", server]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "holds no annotator project yet" in err
    with psycopg.connect(pg_cluster.conninfo(pg_database)) as conn:
        assert conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone() == (0,)
    run(capsys, "labels", "--db", server, "add", "rumeur")  # a command that writes sets the project up
    assert "rumeur" in run(capsys, "labels", "--db", server, "list")


def test_a_refused_login_is_one_line_without_the_password(capsys, pg_cluster, pg_database) -> None:
    admin = pg_cluster.conninfo(pg_database)
    assert main(["team", "init", "--db", admin]) == 0
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("CREATE ROLE mallory LOGIN PASSWORD 'right-one'")
    capsys.readouterr()
    wrong = pg_cluster.conninfo(pg_database, user="mallory", password="wr0ng-pw")
    assert main(["stats", "--db", wrong]) == 1
    err = capsys.readouterr().err
    assert err.startswith("annotator: cannot connect to the team server") and err.count("\n") == 1, err
    assert "wr0ng-pw" not in err
    outsider = pg_cluster.conninfo(pg_database, user="mallory", password="right-one")  # no role in the team
    assert main(["docs", "--db", outsider]) == 1
    err = capsys.readouterr().err
    assert "permission denied" in err and err.count("\n") == 1 and "Traceback" not in err, err
