"""CLI output fit for a terminal: long texts cut to the width, each document printed once."""

from __future__ import annotations

import json
from pathlib import Path

from tests.processes import child_env, run_cli

ROOT = Path(__file__).resolve().parents[2]
LONG = "les experts estiment que la véritable préoccupation réside dans la modernisation " * 3


def _project_with_a_long_span(tmp_path: Path) -> str:
    db = str(tmp_path / "p.db")
    text = tmp_path / "long.txt"
    text.write_text(f"Titre\n{LONG}\n", encoding="utf-8")
    assert run_cli("import", "--db", db, str(text)).returncode == 0
    added = run_cli(
        "spans",
        "--db",
        db,
        "add",
        "--doc",
        "1",
        "--start",
        "6",
        "--end",
        str(6 + len(LONG.strip())),
        "--label",
        "assessment",
    )
    assert added.returncode == 0, added.stderr
    return db


def test_spans_list_cuts_the_text_column_to_the_terminal_width(tmp_path: Path) -> None:
    db = _project_with_a_long_span(tmp_path)
    for columns in (110, 140):  # the id, offsets, label, annotator and status columns take 88
        result = run_cli("spans", "--db", db, "list", env=child_env(COLUMNS=str(columns)))
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert all(len(line) <= columns for line in lines), [len(line) for line in lines]
        assert "…" in lines[2] and "les experts" in lines[2]
    whole = json.loads(run_cli("spans", "--db", db, "list", "--json", env=child_env(COLUMNS="80")).stdout)
    assert whole[0]["text"] == LONG.strip()


def test_import_prints_each_document_once(tmp_path: Path) -> None:
    db = str(tmp_path / "p.db")
    result = run_cli("import", "--db", db, str(ROOT / "sample_docs"))
    assert result.returncode == 0, result.stderr
    listed = [line.split("\t")[0] for line in result.stdout.splitlines() if line[:1].isdigit()]
    assert listed == sorted(set(listed), key=int) and len(listed) == 5
    data = json.loads(run_cli("import", "--db", db, "--json", str(ROOT / "sample_docs")).stdout)
    assert [d["id"] for d in data["documents"]] == [1, 2, 3, 4, 5]
