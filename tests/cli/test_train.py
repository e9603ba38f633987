"""``annotator train`` and ``annotator suggest --source model`` in real child processes, never online."""

from __future__ import annotations

import json
import re
from pathlib import Path

from annotator.store.project import Project
from tests.processes import child_env, run_cli
from tests.test_training import make_corpus


def offline_env() -> dict[str, str]:
    # Any attempt to reach the network through a proxy-aware client fails at once.
    return child_env(HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9", NO_PROXY="")


def test_train_then_suggest_from_the_model_on_a_blank_base(db_path: Path) -> None:
    make_corpus(db_path).close()
    result = run_cli("train", "--db", str(db_path), "--base", "blank:fr", env=offline_env(), timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["label", "precision", "recall", "F1", "gold", "predicted"]
    quantity = next(line for line in lines if line.startswith("quantity"))
    assert re.match(r"quantity\s+(\d\.\d{3}|–)\s+\d\.\d{3}\s+(\d\.\d{3}|–)\s+\d+\s+\d+$", quantity)
    assert any(line.startswith("overall") for line in lines)
    assert re.search(r"training data sha256: [0-9a-f]{64}", result.stdout)
    assert (db_path.parent / "project.db.models" / "current").is_file()

    suggested = run_cli("suggest", "--db", str(db_path), "--source", "model", "--json", env=offline_env())
    assert suggested.returncode == 0, suggested.stderr
    report = json.loads(suggested.stdout)
    assert report["suggested"] == {"model": report["total"]} and report["total"] > 0
    with Project(db_path) as project:
        spans = project.spans(statuses=["suggested"])
        assert {s.source for s in spans} == {"model"}
        assert set(project.span_scores()) == set(report["span_ids"])


def test_train_json_reports_the_model_and_its_scores(db_path: Path) -> None:
    make_corpus(db_path).close()
    result = run_cli("train", "--db", str(db_path), "--base", "blank:fr", "--labels", "quantity", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["labels"] == ["quantity"] and Path(report["model"]).is_dir()
    assert set(report["scores"]["quantity"]) >= {"precision", "recall", "f1", "support"}


def test_bad_input_is_one_line_and_exit_2(db_path: Path, tmp_path: Path) -> None:
    make_corpus(db_path).close()
    for args in (
        ["--labels", "nope"],
        ["--base", "blank:zz-nope"],
        ["--annotator", "nobody"],
    ):
        result = run_cli("train", "--db", str(db_path), *args)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    missing = run_cli("train", "--db", str(tmp_path / "missing.db"))
    assert missing.returncode == 2 and not (tmp_path / "missing.db").exists()
    assert not (tmp_path / "project.db.models").exists()


def test_suggest_from_a_model_that_was_never_trained_says_so(db_path: Path) -> None:
    make_corpus(db_path).close()
    result = run_cli("suggest", "--db", str(db_path), "--source", "model")
    assert result.returncode == 1
    assert "no trained model" in result.stderr and result.stderr.count("\n") == 1
