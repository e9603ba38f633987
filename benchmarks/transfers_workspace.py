"""Benchmark of the Transfers workspace: 10,000 transfers among 500 actors.

Builds a project of 1,000 French-like articles of ten sentences, each sentence a transfer linked to its
supplier, recipient and amount (actors drawn with a heavy tail, as real coverage has a few great powers
and many minor parties; each actor a canonical entity named two ways; one transfer in five assessed),
dated over three years. Then, each in a fresh process, opens the real window and switches to the
workspace, timing until the map, the timeline and the table are drawn:

- the first time: nothing kept, so the map is laid out (ForceAtlas2) and its positions stored;
- after that: positions read back from the project (best of three fresh processes).

Run: ``python benchmarks/transfers_workspace.py`` (``--quick`` for a smoke run on 1,000 transfers among
100 actors; ``--json FILE`` keeps the figures). Targets: <= 5 s the first time, <= 1 s after.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

FIRST_TARGET = 5.0
CACHED_TARGET = 1.0
GOODS = (
    "des obus d’artillerie",
    "des missiles balistiques",
    "des drones",
    "du pétrole brut",
    "des pièces détachées",
    "des soldats",
    "des systèmes de défense aérienne",
    "des devises",
)
VERBS = ("a livré", "a fourni", "a vendu", "a expédié", "a transféré")
AMOUNTS = ("10\u00a0000", "1\u202f000", "plus de 200", "3,5\u00a0millions de", "40", "des centaines de")
SYLLABLES = ("zor", "va", "nie", "kal", "mé", "tra", "bel", "os", "ri", "ga", "lune", "dor", "sé", "quim", "pa")


def actor_names(count: int, rng: random.Random) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        names.add(stem.capitalize() + rng.choice(("ie", "ande", "stan", "ovie", "a")))
    return sorted(names)


def build(path: Path, transfers: int, actors: int, seed: int = 11) -> dict[str, int]:
    """Write the benchmark project; returns its counts."""
    from annotator.store.project import Project

    rng = random.Random(seed)
    names = actor_names(actors, rng)
    weights = [1 / (i + 1) ** 0.9 for i in range(actors)]
    per_document = 10
    with Project(path) as project:
        entity_ids = {}
        with project.transaction():
            for name in names:
                entity_ids[name] = project.add_entity(name).id
        links: list[tuple[str, str, str]] = []
        assessed: list[tuple[str, str]] = []
        counts = {"documents": 0, "transfers": 0, "spans": 0}
        with project.transaction():
            for doc_index in range(transfers // per_document):
                sentences, pieces = [], []
                offset = 0
                for _ in range(per_document):
                    supplier, recipient = rng.choices(names, weights=weights, k=2)
                    while recipient == supplier:
                        recipient = rng.choices(names, weights=weights, k=1)[0]
                    a = f"la {supplier}" if rng.random() < 0.5 else supplier
                    b = f"la {recipient}" if rng.random() < 0.5 else recipient
                    verb, amount, goods = rng.choice(VERBS), rng.choice(AMOUNTS), rng.choice(GOODS)
                    lead = "Selon les experts, " if rng.random() < 0.2 else "D’après Séoul, "
                    sentence = f"{lead}{a} {verb} {amount} {goods} à {b}."
                    base = offset
                    marks = {
                        "supplier": (base + len(lead), a),
                        "transfer": (base + len(lead) + len(a) + 1, f"{verb} {amount} {goods}"),
                        "amount": (base + len(lead) + len(a) + 1 + len(verb) + 1, amount),
                        "recipient": (base + len(sentence) - 1 - len(b), b),
                        "assessment": (base, lead.rstrip(", ")) if lead.startswith("Selon") else None,
                    }
                    pieces.append((marks, supplier, recipient))
                    sentences.append(sentence)
                    offset += len(sentence) + 1
                text = "\n".join(sentences) + "\n"
                year, month = 2022 + doc_index % 3, 1 + (doc_index // 3) % 12
                document, _ = project.add_document(
                    f"Dépêche {doc_index + 1}", text, metadata={"date": f"{year}-{month:02d}-{1 + doc_index % 28:02d}"}
                )
                counts["documents"] += 1
                spans = []
                for marks, supplier, recipient in pieces:
                    made = {}
                    for role, label, entity in (
                        ("supplier", "actor", entity_ids[supplier]),
                        ("recipient", "actor", entity_ids[recipient]),
                        ("transfer", "transfer", None),
                        ("amount", "quantity", None),
                        ("assessment", "assessment", None),
                    ):
                        if marks[role] is None:
                            continue
                        start, phrase = marks[role]
                        assert text[start : start + len(phrase)] == phrase, (role, phrase)
                        span = project.make_span(
                            document.id, start, start + len(phrase), label, annotator="bench", entity_id=entity
                        )
                        spans.append(span)
                        made[role] = span.id
                    links += [(made["transfer"], made[r], r) for r in ("supplier", "recipient", "amount")]
                    if "assessment" in made:
                        links.append((made["assessment"], made["transfer"], "about"))
                        assessed.append((made["assessment"], rng.choice(("low", "medium", "high"))))
                    counts["transfers"] += 1
                project.add_spans(spans)
                counts["spans"] += len(spans)
            for from_span, to_span, role in links:
                project.add_link(from_span, to_span, role, annotator="bench")
            for span_id, level in assessed:
                project.set_attribute(span_id, "confidence", level)
        counts["links"] = len(links)
        counts["actors"] = actors
    return counts


def measure(path: Path) -> dict[str, float]:
    """In this process: open the window, switch to the workspace, time until everything is drawn."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QWidget

    from annotator.services.transfer_graph import LAYOUT_SETTING
    from annotator.ui import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow(path, annotator="bench", poll_interval_ms=0)
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    kept_before = window.project.setting(LAYOUT_SETTING) is not None
    workspace = window.findChild(QWidget, "transfers-workspace")
    started, cpu_started = time.perf_counter(), time.process_time()
    window.show_workspace(workspace)
    app.processEvents()
    workspace.map.viewport().repaint()
    workspace.timeline.viewport().repaint()
    elapsed = time.perf_counter() - started
    result = {
        "seconds": elapsed,
        "cpu_seconds": time.process_time() - cpu_started,
        "layout_was_kept": float(kept_before),
        "layout_kept_after": float(window.project.setting(LAYOUT_SETTING) is not None),
        "rows": float(len(workspace.rows())),
        "nodes": float(len(workspace.map.nodes)),
        "edges": float(len(workspace.map.edges)),
        "table_rows": float(workspace.table_view.proxy.rowCount()),
        "months": float(len(workspace.timeline.months())),
        "table_refresh_seconds": workspace.table_view.last_refresh_seconds,
        "draw_seconds": workspace.last_apply_seconds,
    }
    window.show_reader()
    app.processEvents()
    started = time.perf_counter()
    window.show_workspace(workspace)
    app.processEvents()
    workspace.map.viewport().repaint()
    result["again_in_session_seconds"] = time.perf_counter() - started
    window.close()
    return result


def measure_in_child(path: Path) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run(
        [sys.executable, __file__, "--measure", str(path)], capture_output=True, text=True, env=env, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"measuring failed: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 transfers among 100 actors")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--measure", metavar="DB", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(Path(args.measure))))
        return 0
    transfers, actors = (1_000, 100) if args.quick else (10_000, 500)
    with tempfile.TemporaryDirectory(prefix="transfers-bench-") as folder:
        path = Path(folder) / "bench.db"
        started = time.perf_counter()
        counts = build(path, transfers, actors)
        print(
            f"built {counts['transfers']:,} transfers among {counts['actors']} actors in {counts['documents']:,} "
            f"documents ({counts['spans']:,} spans, {counts['links']:,} links) in {time.perf_counter() - started:.1f} s"
        )
        first = measure_in_child(path)
        assert not first["layout_was_kept"] and first["layout_kept_after"], first
        cached = [measure_in_child(path) for _ in range(3)]
        best = min(cached, key=lambda r: r["seconds"])
    rows = [
        ("open the workspace, first time (layout computed and kept)", first, FIRST_TARGET),
        ("open the workspace again (layout read from the project), best of 3", best, CACHED_TARGET),
    ]
    print(f"{'measure':<70} {'wall':>8} {'cpu':>8} {'target':>9}  met")
    for name, result, target in rows:
        met = "yes" if result["seconds"] <= target else "NO"
        print(
            f"{name:<70} {result['seconds']:>7.2f}s {result['cpu_seconds']:>7.2f}s "
            f"{'<= ' + str(target) + ' s':>9}  {met}"
        )
        print(
            f"{'':<4}of which: map + timeline + filters {result['draw_seconds']:.2f} s (the rest: reading the "
            f"rows and the table); {int(result['rows']):,} transfers, {int(result['nodes'])} actors, "
            f"{int(result['edges']):,} arrows drawn, {int(result['months'])} months"
        )
    runs = ", ".join(f"{r['seconds']:.2f} s (cpu {r['cpu_seconds']:.2f} s)" for r in cached)
    print(f"{'':<4}again, all three runs: {runs}")
    print(
        f"{'back to the workspace from the reader in the same session (Ctrl+1, Ctrl+3)':<70} "
        f"{best['again_in_session_seconds']:>7.2f}s"
    )
    print(
        f"{'':<4}wall: time until drawn; cpu: this process's processor time over it (the wall time of a machine "
        f"with a core to spare; load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    if args.json:
        Path(args.json).write_text(
            json.dumps({"counts": counts, "first": first, "cached": cached}, indent=2) + "\n", encoding="utf-8"
        )
    return 0 if first["seconds"] <= FIRST_TARGET and best["seconds"] <= CACHED_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
