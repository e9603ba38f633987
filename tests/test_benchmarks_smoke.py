"""Smoke run of the benchmark harness: every scenario runs on small data and is reported (no timing asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "benchmarks" / "run.py"


def _scenarios() -> list[str]:
    listed = subprocess.run([sys.executable, str(RUN), "--list"], capture_output=True, text=True, check=True)
    return [line.split()[0] for line in listed.stdout.splitlines() if line.strip()]


def test_scenario_list_covers_every_target() -> None:
    assert set(_scenarios()) >= {"open", "tag", "scroll", "startup", "search", "export", "import", "memory", "store"}


def test_quick_run_reports_every_scenario(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--json", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["quick"] is True
    assert report["machine"]["cpu"] and report["machine"]["python"] and report["machine"]["sqlite"]
    results = report["results"]
    assert {r["scenario"] for r in results} == set(_scenarios())
    for result in results:
        assert not result["measure"].startswith("FAILED"), result
        assert result["ours"] is not None and result["ours"] > 0, result
        assert result["met"] in (True, False, None), result
    # Every scenario line is printed with its figures.
    for name in _scenarios():
        assert any(line.startswith(name) for line in done.stdout.splitlines()), name
    # The search scenario lists its hits with context (the matched word in brackets).
    search = [r for r in results if r["scenario"] == "search" and "hits" in r["measure"]]
    assert any("[" in r["measure"] for r in search)


def test_only_runs_the_named_scenario(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--only", "search", "--json", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert {r["scenario"] for r in json.loads(out.read_text(encoding="utf-8"))["results"]} == {"search"}


def test_unknown_scenario_is_a_usage_error() -> None:
    done = subprocess.run(
        [sys.executable, str(RUN), "--only", "nonesuch"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert "nonesuch" in done.stderr
