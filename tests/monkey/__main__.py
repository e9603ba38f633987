"""Long random-action runs: ``python -m tests.monkey --seeds 1-20 --actions 3000`` (what ``make monkey`` runs).

Runs on Qt's offscreen platform with its own HOME and data folders (never the user's settings or projects),
prints one line per seed and, for a failing seed, the action log and a shrunk sequence saved for ``--replay``.
Exit status 1 if any seed failed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def seed_list(text: str) -> list[int]:
    """``"1-5,9"`` -> [1, 2, 3, 4, 5, 9]."""
    seeds: list[int] = []
    for part in text.split(","):
        if "-" in part.strip("-"):
            low, high = part.split("-", 1)
            seeds.extend(range(int(low), int(high) + 1))
        elif part.strip():
            seeds.append(int(part))
    return seeds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.monkey", description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="1-20", help="seeds, e.g. 1-20 or 3,7,11 (default 1-20)")
    parser.add_argument("--actions", type=int, default=3000, help="actions per seed (default 3000)")
    parser.add_argument("--check-every", type=int, default=20, help="check the invariants every N actions")
    parser.add_argument("--no-cli", action="store_true", help="no writes from the command line")
    parser.add_argument(
        "--no-long-document", action="store_true", help="leave out the 44,000-character document read by range"
    )
    parser.add_argument("--hostile", action="store_true", help="the command line also deletes the window's spans")
    parser.add_argument("--progress", type=int, default=500, help="a progress line every N actions (0: none)")
    parser.add_argument("--shrink-budget", type=float, default=900.0, help="seconds spent shrinking a failure")
    parser.add_argument("--folder", type=Path, help="where projects and failures go (default: a temporary one)")
    parser.add_argument("--replay", type=Path, help="replay a saved failing sequence")
    args = parser.parse_args(argv)

    folder = args.folder or Path(tempfile.mkdtemp(prefix="monkey-"))
    folder = folder.absolute()
    home = folder / "home"
    for name, sub in (
        ("HOME", ""),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        (home / sub).mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(home / sub)
    os.environ["ANNOTATOR_DB"] = str(home / "default.db")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from annotator.ui.app import ensure_application
    from tests.monkey.driver import Options, replay, run_seed

    ensure_application()
    if args.replay:
        return 1 if replay(args.replay, folder).failure else 0

    options = Options(
        check_every=args.check_every,
        progress_every=args.progress,
        cli=not args.no_cli,
        hostile=args.hostile,
        long_document=not args.no_long_document,
    )
    seeds = seed_list(args.seeds)
    print(
        f"monkey: seeds {args.seeds}, {args.actions} actions each, cli={options.cli}, hostile={options.hostile}, "
        f"checks every {options.check_every}; work folder {folder}",
        flush=True,
    )
    began = time.perf_counter()
    failed: list[int] = []
    totals = {"actions": 0, "checks": 0, "cli": 0, "undo": 0, "skipped": 0}
    for seed in seeds:
        outcome = run_seed(
            seed,
            args.actions,
            folder,
            options,
            shrink_budget_s=args.shrink_budget,
            say=lambda line: print(line, flush=True),
        )
        stats = outcome.stats
        totals["actions"] += stats.actions
        totals["checks"] += stats.checks
        totals["cli"] += stats.cli_writes
        totals["undo"] += stats.undo_steps
        totals["skipped"] += stats.skipped_steps
        state = "ok" if outcome.failure is None else f"FAILED ({outcome.failure.kind})"
        print(
            f"seed {seed}: {stats.actions} actions, {stats.checks} checks, {stats.cli_writes} CLI writes, "
            f"stack {stats.stack_end} (max {stats.stack_max}), undo-all {stats.undo_steps} steps "
            f"({stats.skipped_steps} skipped), {stats.seconds:.1f} s: {state}",
            flush=True,
        )
        if stats.skip_reasons:
            reasons = sorted(stats.skip_reasons.items(), key=lambda item: -item[1])
            print("    skipped undo/redo steps: " + "; ".join(f"{n}× {why}" for why, n in reasons), flush=True)
        if outcome.failure is not None:
            failed.append(seed)
    elapsed = time.perf_counter() - began
    print(
        f"total: {len(seeds)} seeds, {totals['actions']} actions, {totals['checks']} invariant checks, "
        f"{totals['cli']} CLI writes, {totals['undo']} undo steps ({totals['skipped']} skipped), "
        f"{elapsed / 60:.1f} min; failed seeds: {failed or 'none'}",
        flush=True,
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
