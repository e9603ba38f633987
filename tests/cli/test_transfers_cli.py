"""``annotator transfers`` in a child process, on the sample documents and their gold set: every format,
filters, the GraphML read back by networkx, the GEXF checked against its schemas, and one-line errors."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from annotator.services.samples import seed_with_samples
from annotator.store.project import Project
from tests.processes import run_cli

GEXF_SCHEMAS = Path(__file__).resolve().parents[1] / "formats" / "gexf-1.3"


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample documents with their gold set, as the default project is seeded; two documents dated."""
    path = tmp_path_factory.mktemp("samples") / "samples.db"
    with Project(path) as project:
        seed_with_samples(project)
        by_title = {Path(d.source_path or "").stem: d.id for d in project.documents()}
        project.update_document(by_title["coree-russie-industrie-defense"], metadata={"date": "2024-11-21"})
        project.update_document(by_title["en-shells-for-oil"], metadata={"date": "2024-09-03"})
    return path


def ok(*args: str) -> str:
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def table_pairs(db: Path, *filters: str) -> list[tuple[str, str]]:
    """(supplier, recipient) of every transfer of the JSON listing with both, one per pair of parties."""
    rows = json.loads(ok("transfers", "--db", str(db), "--json", *filters))
    return [(s, r) for row in rows for s in row["supplier"] for r in row["recipient"]]


def test_the_table_names_russia_and_north_korea_and_says_why_cells_are_empty(sample_db: Path) -> None:
    out = ok("transfers", "--db", str(sample_db))
    lines = out.splitlines()
    assert lines[0].split() == ["supplier", "recipient", "what", "amount", "confidence", "date", "document"]
    assert any(line.startswith("North Korea") and "Russia" in line for line in lines)
    assert "(no supplier linked)" in out and "(no recipient linked)" in out
    assert "2024-11-21" in out


def test_graphml_has_the_same_nodes_and_edges_as_the_table(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "transfers.graphml"
    said = ok("transfers", "--db", str(sample_db), "--format", "graphml", "--out", str(out))
    total = len(json.loads(ok("transfers", "--db", str(sample_db), "--json")))
    assert said.startswith(f"wrote 6 of {total} transfers (2 actors, 2 pairs)")
    graph = nx.read_graphml(out)
    pairs = table_pairs(sample_db)
    assert set(graph.nodes) == {"North Korea", "Russia"} == {n for pair in pairs for n in pair}
    assert sorted(graph.edges()) == sorted(pairs)
    assert graph.is_directed()
    # Without --out the same document goes to the standard output.
    assert nx.read_graphml(io.BytesIO(ok("transfers", "--db", str(sample_db), "--format", "graphml").encode()))


def test_filters_narrow_every_format_alike(sample_db: Path, tmp_path: Path) -> None:
    everything = json.loads(ok("transfers", "--db", str(sample_db), "--json"))
    assert len(everything) >= 26  # the gold set's, and the trainees' of the sample project
    dated = json.loads(ok("transfers", "--db", str(sample_db), "--json", "--since", "2024-10"))
    assert {r["date"] for r in dated} == {"2024-11-21"} and len(dated) == 6
    until = json.loads(ok("transfers", "--db", str(sample_db), "--json", "--until", "2024-09-30"))
    assert {r["document"] for r in until} == {"North Korea ships shells to Russia as oil flows back to Pyongyang"}
    # "Pyongyang" is an alias of North Korea: every transfer with North Korea as a party.
    by_alias = json.loads(ok("transfers", "--db", str(sample_db), "--json", "--actor", "Pyongyang"))
    assert by_alias and all("North Korea" in r["supplier"] + r["recipient"] for r in by_alias)
    assert len(by_alias) == 6
    out = tmp_path / "korea.graphml"
    ok("transfers", "--db", str(sample_db), "--format", "graphml", "--out", str(out), "--actor", "Pyongyang")
    assert sorted(nx.read_graphml(out).edges()) == sorted(table_pairs(sample_db, "--actor", "Pyongyang"))
    jsonl = ok("transfers", "--db", str(sample_db), "--format", "jsonl", "--what", "munitions")
    assert [json.loads(line)["what"] for line in jsonl.splitlines()] == [
        r["what"] for r in everything if "munitions" in r["what"]
    ]
    assert json.loads(ok("transfers", "--db", str(sample_db), "--json", "--actor", "Atlantis")) == []


def test_gexf_validates_against_the_gexf_1_3_schemas(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "transfers.gexf"
    summary = json.loads(ok("transfers", "--db", str(sample_db), "--format", "gexf", "--out", str(out), "--json"))
    total = len(json.loads(ok("transfers", "--db", str(sample_db), "--json")))
    assert summary == {
        "path": str(out),
        "format": "gexf",
        "transfers": total,
        "on_graph": 6,
        "actors": 2,
        "pairs": 2,
    }
    document = etree.parse(str(out))
    xsd = etree.XMLSchema(etree.parse(str(GEXF_SCHEMAS / "gexf.xsd")))
    rng = etree.RelaxNG(etree.parse(str(GEXF_SCHEMAS / "gexf.rng")))
    assert xsd.validate(document), xsd.error_log
    assert rng.validate(document), rng.error_log


def test_csv_to_a_file_and_to_the_terminal(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "transfers.csv"
    ok("transfers", "--db", str(sample_db), "--format", "csv", "--out", str(out))
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    total = len(json.loads(ok("transfers", "--db", str(sample_db), "--json")))
    assert len(rows) == total and rows[0]["document"] == "Principaux renseignements"
    printed = list(csv.DictReader(io.StringIO(ok("transfers", "--db", str(sample_db), "--format", "csv"))))
    assert printed == rows


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--since", "2024-13"], "month"),
        (["--since", "2024-06", "--until", "2024-05"], "starts"),
        (["--confidence", "sure"], "confidence"),
        (["--format", "pdf"], "--format"),
        (["--format", "gexf", "--json"], "--json"),
    ],
)
def test_bad_usage_is_one_line_exit_2(sample_db: Path, args: list[str], fragment: str) -> None:
    result = run_cli("transfers", "--db", str(sample_db), *args)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("annotator: ") and result.stderr.count("\n") == 1
    assert fragment in result.stderr and "Traceback" not in result.stderr


def test_a_missing_project_is_refused_and_never_created(tmp_path: Path) -> None:
    for db in (str(tmp_path / "missing.db"), f"file:{tmp_path / 'missing-uri.db'}?mode=ro"):
        result = run_cli("transfers", "--db", db)
        assert result.returncode == 2 and "no project at" in result.stderr, result.stderr
    assert sorted(os.listdir(tmp_path)) == []
    empty = tmp_path / "empty.db"
    empty.touch()
    result = run_cli("transfers", "--db", str(empty))
    assert result.returncode == 2 and empty.stat().st_size == 0


def test_the_project_itself_is_never_the_output(sample_db: Path) -> None:
    before = sample_db.read_bytes()
    result = run_cli("transfers", "--db", str(sample_db), "--format", "csv", "--out", str(sample_db))
    assert result.returncode == 2 and "overwrite the project" in result.stderr
    assert sample_db.read_bytes() == before
