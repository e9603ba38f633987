"""Smoke run of the Transfers workspace benchmark on small data: it builds its project, opens the workspace
in fresh processes with and without a kept layout, and reports (no timing asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "transfers_workspace.py"


@pytest.mark.slow
def test_quick_run_reports_both_openings(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--json", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=300,
        check=False,
    )
    assert done.returncode in (0, 1), done.stdout[-2000:] + done.stderr[-2000:]  # 1: a target missed
    assert "Traceback" not in done.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["counts"]["transfers"] == 1000 and figures["counts"]["actors"] == 100
    first, cached = figures["first"], figures["cached"]
    assert not first["layout_was_kept"] and first["layout_kept_after"]
    assert len(cached) == 3 and all(run["layout_was_kept"] for run in cached)
    assert first["rows"] == first["table_rows"] == 1000 and first["nodes"] == 100
    assert "open the workspace again" in done.stdout
