"""``annotator agreement``: tables with three decimals, JSON, defaults, disagreements, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.store.project import Project
from tests.processes import run_cli

# Tokens: Alice(0,5) gave(6,10) Bob(11,14) ten(15,18) shells(19,25) .(26,27)
TEXT = "Alice gave Bob ten shells ."


@pytest.fixture
def db(db_path: Path) -> Path:
    with Project(db_path) as project:
        doc, _ = project.add_document("Example", TEXT)
        other, _ = project.add_document("Untouched", "Nobody tagged this one.")
        for start, end, label, name in [
            (0, 5, "actor", "alice"),
            (11, 14, "actor", "alice"),
            (15, 25, "quantity", "alice"),
            (0, 5, "actor", "bob"),
            (6, 10, "transfer", "bob"),
            (11, 18, "actor", "bob"),
            (19, 25, "quantity", "bob"),
            (0, 5, "actor", "gold"),
        ]:
            project.add_span(doc.id, start, end, label, annotator=name)
        project.add_span(doc.id, 26, 27, "assessment", annotator="bob", status="suggested")
        assert other.id != doc.id
    return db_path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["agreement", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_table_with_three_decimals_and_gold_left_out(capsys, db: Path) -> None:
    code, out, err = run(capsys, "--db", str(db))
    assert (code, err) == (0, "")
    assert "annotators: alice, bob" in out
    # Only the document with spans counts: 6 tokens.
    assert "documents: 1; tokens: 6" in out
    overall = next(line for line in out.splitlines() if line.startswith("overall"))
    # The values worked out in tests/core/test_agreement.py: 2/7, 6/7, 7/13, 0.56.
    assert overall.split() == ["overall", "3", "4", "0.286", "0.857", "0.538", "0.560"]
    assessment = next(line for line in out.splitlines() if line.startswith("assessment"))
    assert assessment.split() == ["assessment", "0", "0", "–", "–", "–", "–"]


def test_json_output(capsys, db: Path) -> None:
    code, out, _ = run(capsys, "--db", str(db), "--json", "--label", "actor", "--annotators", "alice", "bob")
    assert code == 0
    data = json.loads(out)
    assert data["annotators"] == ["alice", "bob"]
    assert data["labels"] == ["actor"]
    assert data["overall"]["exact_f1"] == pytest.approx(0.5)
    assert data["overall"]["overlap_f1"] == pytest.approx(1.0)
    assert data["overall"]["kappa"] == pytest.approx(2 / 3)
    assert [p["annotators"] for p in data["pairs"]] == [["alice", "bob"], ["alice", "bob"]]


def test_three_annotators_list_pairs(capsys, db: Path) -> None:
    code, out, _ = run(capsys, "--db", str(db), "--annotators", "alice", "bob", "gold")
    assert code == 0
    assert "alice – gold" in out and "bob – gold" in out
    data = json.loads(run(capsys, "--db", str(db), "--annotators", "alice", "bob", "gold", "--json")[1])
    # alice–bob 2/7; alice–gold 2·1/(3+1) = 1/2; bob–gold 2·1/(4+1) = 2/5: mean (2/7 + 1/2 + 2/5) / 3.
    assert data["overall"]["exact_f1"] == pytest.approx((2 / 7 + 1 / 2 + 2 / 5) / 3)
    assert data["overall"]["kappa"] is None


def test_disagreements_listed(capsys, db: Path) -> None:
    code, out, _ = run(capsys, "--db", str(db), "--disagreements", "--json")
    places = json.loads(out)["disagreements"]
    assert [(p["start"], p["end"], p["kind"]) for p in places] == [(6, 10, "missing"), (11, 25, "boundary")]
    assert places[0]["versions"]["alice"] == []
    assert places[0]["versions"]["bob"][0]["text"] == "gave"
    assert code == 0
    code, out, _ = run(capsys, "--db", str(db), "--disagreements")
    assert code == 0
    assert "transfer “gave”" in out and "(nothing)" in out


def test_errors_are_one_line(capsys, db: Path, db_path: Path, tmp_path: Path) -> None:
    code, out, err = run(capsys, "--db", str(db), "--annotators", "alice", "nobody")
    assert code == 2 and out == "" and err.count("\n") == 1 and "nobody" in err
    code, _, err = run(capsys, "--db", str(db), "--label", "weather")
    assert code == 2 and "unknown label weather" in err
    code, _, err = run(capsys, "--db", str(db), "--doc", "99")
    assert code == 2 and "no document 99" in err
    empty = tmp_path / "empty.db"
    Project(empty).close()
    code, _, err = run(capsys, "--db", str(empty))
    assert code == 2 and "at least two annotators" in err
    new = tmp_path / "new.db"  # agreement only reads: a --db that does not exist is refused, never created
    code, _, err = run(capsys, "--db", str(new))
    assert code == 2 and err.count("\n") == 1 and "no project at" in err
    assert not new.exists()


def test_real_command_in_a_child_process(db: Path) -> None:
    result = run_cli("agreement", "--db", str(db), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["overall"]["alpha"] == pytest.approx(0.56)
    help_text = run_cli("agreement", "--help").stdout
    assert "gold" in help_text and "–" in help_text
