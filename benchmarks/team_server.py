"""Team server figures, on a throwaway local PostgreSQL server (the test suite's): what the database-side
rules and notifications cost, and how fast changes and searches come back.

    python benchmarks/team_server.py [--quick]

- notify: a span committed by one client until another client's ChangeListener has it (300 writes).
- integrity: inserting 20,000 spans into a 1 MB document in one transaction, one multi-row statement, with
  the database's rules (offsets cover their text, change notifications) against the same insert with those
  triggers disabled (the floor: table, keys and checks only); and row by row (executemany), as an
  unbatched client would.
- search: the same 30 words searched in the same 2,000 articles on the server and in a project file (FTS5).
- store: ``Project`` on the server against ``Project`` on a file: ``add_span`` (validation and durable commit,
  one at a time), ``annotator copy`` of 2,000 articles with 20,000 spans from the file to the server and back,
  and the native jsonl export of each side (checked to be the same bytes).

Needs PostgreSQL's server programs (``make test`` installs them) and psycopg (the ``team`` extra).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE.parent))

import psycopg  # noqa: E402
import synthetic  # noqa: E402
from tests.pgcluster import Cluster, NoServerPrograms, throwaway_cluster  # noqa: E402

from annotator.core.model import text_sha256  # noqa: E402
from annotator.services.copying import copy_project  # noqa: E402
from annotator.services.exporting import export_project  # noqa: E402
from annotator.store.postgres import search, team  # noqa: E402
from annotator.store.postgres.notify import ChangeListener  # noqa: E402
from annotator.store.project import Project  # noqa: E402

NOW = "2026-01-01T00:00:00.000Z"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def add_document(conn: Any, title: str, text: str) -> int:
    row = conn.execute(
        "INSERT INTO documents (title, text, sha256, language, added_at) VALUES (%s, %s, %s, 'fr', %s) RETURNING id",
        (title, text, text_sha256(text), NOW),
    ).fetchone()
    return int(row[0])


def bench_notify(cluster: Cluster, db: str, writes: int) -> dict[str, float]:
    alice = cluster.conninfo(db, user="alice", password="pw")
    with cluster.admin(db) as admin:
        doc = add_document(admin, "notify", "Selon l’ONU, la Corée du Nord a livré des obus.\n")
    write_ms, delivery_ms = [], []
    with ChangeListener(alice) as listener, psycopg.connect(alice, autocommit=True) as writer:
        for _ in range(writes):
            started = time.perf_counter()
            writer.execute(
                'INSERT INTO annotations (id, document_id, start, "end", label, text, annotator, created, updated) '
                "VALUES (%s, %s, 8, 11, 'actor', 'ONU', 'alice', %s, %s)",
                (str(uuid.uuid4()), doc, NOW, NOW),
            )
            committed = time.perf_counter()
            events = listener.wait(5.0)
            received = time.perf_counter()
            assert events, "a notification was lost"
            write_ms.append((committed - started) * 1000)
            delivery_ms.append((received - committed) * 1000)
    return {
        "write p50 ms": statistics.median(write_ms),
        "write p95 ms": percentile(write_ms, 95),
        "commit to listener p50 ms": statistics.median(delivery_ms),
        "commit to listener p95 ms": percentile(delivery_ms, 95),
        "commit to listener max ms": max(delivery_ms),
    }


def bench_integrity(cluster: Cluster, db: str, size: int, count: int) -> dict[str, float]:
    text = synthetic.french_text(size, seed=3)
    spans = synthetic.random_spans(text, count, seed=4)
    results: dict[str, float] = {}
    with cluster.admin(db) as conn:
        doc = add_document(conn, "long", text)

        def insert_all(label: str) -> None:
            ids = [str(uuid.uuid4()) for _ in spans]
            with conn.transaction():
                started = time.perf_counter()
                conn.execute(
                    'INSERT INTO annotations (id, document_id, start, "end", label, text, annotator, created, updated) '
                    "SELECT i, %s, s, e, l, t, 'bench', %s, %s "
                    "FROM unnest(%s::text[], %s::bigint[], %s::bigint[], %s::text[], %s::text[]) AS u(i, s, e, l, t)",
                    (
                        doc, NOW, NOW, ids, [s.start for s in spans], [s.end for s in spans],
                        [s.label for s in spans], [s.text for s in spans],
                    ),
                )  # fmt: skip
                results[label] = time.perf_counter() - started
            conn.execute("DELETE FROM annotations WHERE document_id = %s", (doc,))

        insert_all("one statement, with rules s")
        conn.execute("ALTER TABLE annotations DISABLE TRIGGER USER")
        insert_all("one statement, floor s")
        conn.execute("ALTER TABLE annotations ENABLE TRIGGER USER")
        rows = [
            (str(uuid.uuid4()), doc, s.start, s.end, s.label, s.text, "bench", NOW, NOW) for s in spans[: count // 4]
        ]
        with conn.transaction():
            started = time.perf_counter()
            with conn.cursor() as cur:
                cur.executemany(
                    'INSERT INTO annotations (id, document_id, start, "end", label, text, annotator, created, updated) '
                    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    rows,
                )
            results[f"row by row ({len(rows):,} spans), with rules s"] = time.perf_counter() - started
    results["rules / floor"] = results["one statement, with rules s"] / results["one statement, floor s"]
    return results


def bench_search(cluster: Cluster, db: str, documents: int, queries: int) -> dict[str, float]:
    rng = random.Random(5)
    texts = [synthetic.french_text(3000, seed=100 + i) for i in range(documents)]
    words = sorted({w for text in texts[:50] for w in text.replace(".", " ").split() if w.isalpha() and len(w) > 3})
    chosen = rng.sample(words, min(queries, len(words)))
    server_ms, file_ms = [], []
    with tempfile.TemporaryDirectory() as folder, Project(Path(folder) / "file.db") as project:
        with cluster.admin(db) as conn, conn.transaction():
            for i, text in enumerate(texts):
                add_document(conn, f"article {i}", text)
        with project.transaction():
            for i, text in enumerate(texts):
                synthetic.insert_document(project, f"article {i}", text)
        with psycopg.connect(cluster.conninfo(db)) as conn:
            for word in chosen:
                started = time.perf_counter()
                on_server = search.search(conn, word)
                server_ms.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                in_file = project.search(word)
                file_ms.append((time.perf_counter() - started) * 1000)
                assert len(on_server) == len(in_file), word
                every = {h.title for h in search.search(conn, word, limit=documents + 10)}
                assert every == {h.title for h in project.search(word, limit=documents + 10)}, word
    return {
        "server p50 ms": statistics.median(server_ms),
        "server p95 ms": percentile(server_ms, 95),
        "file (FTS5) p50 ms": statistics.median(file_ms),
        "file (FTS5) p95 ms": percentile(file_ms, 95),
    }


def _timed_add_spans(project: Project, document_id: int, text: str, count: int) -> list[float]:
    bounds = synthetic.word_bounds(text)
    times = []
    for i in range(count):
        start, end = bounds[(i * 7) % len(bounds)]
        started = time.perf_counter()
        project.add_span(document_id, start, end, "actor", annotator="bench")
        times.append((time.perf_counter() - started) * 1000)
    return times


def bench_store(cluster: Cluster, db: str, documents: int, spans_each: int) -> dict[str, float]:
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        with Project(work / "source.db") as source, Project(cluster.conninfo(db)) as server:
            with source.transaction():
                for i in range(documents):
                    text = synthetic.french_text(1500, seed=300 + i)
                    document_id = synthetic.insert_document(source, f"article {i}", text)
                    synthetic.insert_spans(source, document_id, synthetic.random_spans(text, spans_each, seed=i))
            started = time.perf_counter()
            copy_project(source, server)
            figures["copy file -> server s"] = time.perf_counter() - started
            started = time.perf_counter()
            with Project(work / "back.db") as back:
                copy_project(server, back)
            figures["copy server -> file s"] = time.perf_counter() - started
            exported = {}
            for name, project in (("file", source), ("server", server)):
                started = time.perf_counter()
                export_project(project, "jsonl", work / f"{name}.jsonl", statuses=("all",))
                figures[f"native export from the {name} s"] = time.perf_counter() - started
                exported[name] = (work / f"{name}.jsonl").read_bytes()
            assert exported["file"] == exported["server"], "the two exports differ"
            text = synthetic.french_text(20_000, seed=9)
            for name, project in (("file", source), ("server", server)):
                document, _ = project.add_document("timed", text)
                times = _timed_add_spans(project, int(document.id or 0), text, 200)
                figures[f"add_span on the {name} p50 ms"] = statistics.median(times)
                figures[f"add_span on the {name} p95 ms"] = percentile(times, 95)
    return figures


def run_sections(cluster: Cluster, *, quick: bool) -> None:
    """Every section on ``cluster``, its figures printed."""
    sections: dict[str, dict[str, float]] = {}
    with cluster.database("bench_notify") as db:
        team.init_team(cluster.conninfo(db))
        team.add_user(cluster.conninfo(db), "alice", "annotator", "pw")
        with cluster.admin(db) as conn:
            version = conn.execute("SHOW server_version").fetchone()[0]
        print(f"PostgreSQL {version}, psycopg {psycopg.__version__}, local Unix socket, fsync off")
        sections["notify (300 writes)"] = bench_notify(cluster, db, 30 if quick else 300)
    with cluster.database("bench_integrity") as db:
        team.init_team(cluster.conninfo(db))
        sections["integrity (1 MB, 20,000 spans)"] = bench_integrity(
            cluster, db, 20_000 if quick else 1_000_000, 400 if quick else 20_000
        )
    with cluster.database("bench_search") as db:
        team.init_team(cluster.conninfo(db))
        sections["search (2,000 articles, 30 words)"] = bench_search(cluster, db, 50 if quick else 2000, 30)
    with cluster.database("bench_store") as db:
        sections["store (2,000 articles, 20,000 spans)"] = bench_store(cluster, db, 40 if quick else 2000, 10)
    for title, figures in sections.items():
        print(f"\n{title}")
        for name, value in figures.items():
            print(f"  {name:<45} {value:10.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small data: a smoke run, not a measurement")
    args = parser.parse_args(argv)
    try:
        with throwaway_cluster() as cluster:
            run_sections(cluster, quick=args.quick)
    except NoServerPrograms as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
