"""A short random-action run of the real window in every test run: two seeds, one with the command line writing
to the same project from a child process and one without (there undo-all must restore the project exactly,
with nothing else in play). ``make monkey`` runs long ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.monkey.driver import Options, run_seed

pytestmark = pytest.mark.slow

SHORT_RUNS = [(101, 150, True), (202, 150, False)]


@pytest.mark.parametrize(("seed", "count", "cli"), SHORT_RUNS, ids=["with-cli", "window-only"])
def test_a_short_random_run_keeps_every_invariant(qapp, tmp_path: Path, seed: int, count: int, cli: bool) -> None:
    lines: list[str] = []
    outcome = run_seed(
        seed,
        count,
        tmp_path,
        Options(check_every=10, cli=cli, long_document=False),
        shrink_budget_s=120,
        say=lines.append,
    )
    if outcome.failure is not None:
        pytest.fail(f"random run, seed {seed} (cli={cli}):\n" + "\n".join(lines), pytrace=False)
    assert outcome.stats.actions == count
    assert outcome.stats.checks >= count // 10
    if cli:
        assert outcome.stats.cli_writes > 0
    assert outcome.stats.undo_steps > 0
