"""Load on one team server: 20 annotators and a curator writing at once, and a listener watching.

    python benchmarks/team_load.py [--users 20] [--seconds 60] [--quick] [--backend auto|project|sql]

Starts a throwaway local PostgreSQL server (the test suite's ``tests/pgcluster.py``), sets a team project up
with the app's own code (``annotator team init`` / ``add-user``: one login per annotator, role annotator, and a
curator), loads 40 French-like articles, then runs for ``--seconds``:

- ``--users`` annotator processes, each on its own login, tagging (a new span of its layer), relabelling one
  of its spans and undoing its last edit, as fast as the server takes them;
- one curator process adjudicating: copying an annotator's span into the ``gold`` layer, or undoing that;
- one listener process, as another window: the window's ``TeamChangeFeed`` in a Qt event loop, recording when
  each change is delivered to it.

Each writer logs every edit the server acknowledged (the call returned: committed). At the end the script
replays the logs and checks the server's table row by row: every acknowledged edit present as its last
acknowledged state (zero lost), no row that no acknowledged edit explains and no row twice (zero duplicated).
It prints the edit latency (start of the call until the commit is acknowledged, p50/p95/max) and the time
until the listening window's feed had each change (from the start of the write; p50/p95/max).

``--backend project`` writes through ``Project(address)``, the store API the window uses; ``sql`` through
plain statements (the rows the store would write); ``auto`` takes the project when it opens server addresses.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing as mp
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE.parent))

import synthetic  # noqa: E402

LABELS = ("actor", "transfer", "quantity", "assessment")
DOCUMENTS = 40
NOW = "2026-01-01T00:00:00.000Z"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else float("nan")


# -- the writers' two ways to the server ------------------------------------------------------------------


class SqlSession:
    """Writes the rows the store writes, as plain statements (each edit one committed transaction)."""

    name = "sql"

    def __init__(self, address: str, user: str) -> None:
        import psycopg

        self.conn = psycopg.connect(address, autocommit=True)
        self.user = user

    def tag(self, document: int, start: int, end: int, label: str, text: str, annotator: str) -> str:
        span_id = str(uuid.uuid4())
        self.conn.execute(
            'INSERT INTO annotations (id, document_id, start, "end", label, text, annotator, created, updated) '
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (span_id, document, start, end, label, text, annotator, NOW, NOW),
        )
        return span_id

    def relabel(self, span_id: str, label: str) -> None:
        self.conn.execute("UPDATE annotations SET label = %s, updated = %s WHERE id = %s", (label, NOW, span_id))

    def delete(self, span_id: str) -> None:
        self.conn.execute("DELETE FROM annotations WHERE id = %s", (span_id,))

    def candidates(self, document: int) -> list[tuple[Any, ...]]:
        return self.conn.execute(
            'SELECT id, document_id, start, "end", label, text FROM annotations '
            "WHERE annotator <> 'gold' AND document_id = %s",
            (document,),
        ).fetchall()

    def close(self) -> None:
        self.conn.close()


class ProjectSession:
    """Writes through ``Project(address)``: the store API the window's edits use."""

    name = "project"

    def __init__(self, address: str, user: str) -> None:
        from annotator.store.project import Project

        self.project = Project(address)
        self.user = user

    def tag(self, document: int, start: int, end: int, label: str, text: str, annotator: str) -> str:
        return self.project.add_span(document, start, end, label, annotator=annotator).id

    def relabel(self, span_id: str, label: str) -> None:
        self.project.update_span(span_id, label=label)

    def delete(self, span_id: str) -> None:
        self.project.delete_span(span_id)

    def candidates(self, document: int) -> list[tuple[Any, ...]]:
        spans = self.project.spans(document)
        return [(s.id, s.document_id, s.start, s.end, s.label, s.text) for s in spans if s.annotator != "gold"]

    def close(self) -> None:
        self.project.close()


def open_session(backend: str, address: str, user: str) -> SqlSession | ProjectSession:
    return ProjectSession(address, user) if backend == "project" else SqlSession(address, user)


def project_opens_servers(address: str) -> bool:
    """Whether ``Project`` opens a server address (the store's server backend is there)."""
    from annotator.store.project import Project

    try:
        with contextlib.closing(Project(address)):
            return True
    except Exception:  # any refusal means: not this way
        return False


# -- the processes ----------------------------------------------------------------------------------------


def annotator_worker(job: dict[str, Any]) -> None:
    """Tag, relabel and undo until the end time; log every acknowledged edit as a JSON line."""
    rng = random.Random(job["seed"])
    texts: dict[int, str] = job["texts"]
    words = {doc: synthetic.word_bounds(text) for doc, text in texts.items()}
    session = open_session(job["backend"], job["address"], job["user"])
    history: list[dict[str, Any]] = []  # the undo stack: acknowledged edits not undone
    live: dict[str, str] = {}  # span id -> label, of this user's spans
    with open(job["log"], "w", encoding="utf-8") as log:
        _wait_until(job["start"])
        while time.time() < job["end"]:
            roll = rng.random()
            edit: dict[str, Any]
            t0 = time.time()
            try:
                if roll < 0.5 or not live:
                    doc = rng.choice(list(texts))
                    first = rng.randrange(len(words[doc]))
                    last = min(len(words[doc]) - 1, first + rng.randint(0, 3))
                    start, end = words[doc][first][0], words[doc][last][1]
                    label = rng.choice(LABELS)
                    span_id = session.tag(doc, start, end, label, texts[doc][start:end], job["user"])
                    edit = {"op": "tag", "id": span_id, "doc": doc, "start": start, "end": end, "label": label}
                    live[span_id] = label
                elif roll < 0.8:
                    span_id = rng.choice(list(live))
                    label = rng.choice([x for x in LABELS if x != live[span_id]])
                    session.relabel(span_id, label)
                    edit = {"op": "relabel", "id": span_id, "label": label, "before": live[span_id]}
                    live[span_id] = label
                else:
                    if not history:
                        continue
                    last_edit = history.pop()
                    if last_edit["op"] == "tag":
                        session.delete(last_edit["id"])
                        edit = {"op": "undo-tag", "id": last_edit["id"]}
                        live.pop(last_edit["id"], None)
                    else:
                        session.relabel(last_edit["id"], last_edit["before"])
                        edit = {"op": "undo-relabel", "id": last_edit["id"], "label": last_edit["before"]}
                        live[last_edit["id"]] = last_edit["before"]
            except Exception as exc:  # a refused edit is logged as such, never as acknowledged
                log.write(json.dumps({"op": "refused", "error": str(exc)[:200], "t0": t0}) + "\n")
                continue
            edit.update(t0=t0, t1=time.time(), user=job["user"])
            if edit["op"] in ("tag", "relabel"):
                history.append(edit)
            log.write(json.dumps(edit) + "\n")
            if job["pace"]:
                time.sleep(rng.uniform(0.5, 1.5) * job["pace"])
    session.close()


def curator_worker(job: dict[str, Any]) -> None:
    """Adjudicate document by document: copy annotators' spans into the gold layer, or undo the last copy."""
    rng = random.Random(job["seed"])
    session = open_session(job["backend"], job["address"], job["user"])
    copies: list[str] = []
    queue: list[tuple[Any, ...]] = []  # spans of the document being adjudicated
    with open(job["log"], "w", encoding="utf-8") as log:
        _wait_until(job["start"])
        while time.time() < job["end"]:
            t0 = time.time()
            try:
                if copies and rng.random() < 0.25:
                    span_id = copies.pop()
                    session.delete(span_id)
                    edit: dict[str, Any] = {"op": "undo-tag", "id": span_id}
                else:
                    if not queue:  # the next document: read its spans once, adjudicate a few of them
                        found = session.candidates(rng.randint(1, DOCUMENTS))
                        queue = rng.sample(found, min(20, len(found)))
                        if not queue:
                            time.sleep(0.05)
                            continue
                    _, doc, start, end, label, text = queue.pop()
                    span_id = session.tag(doc, start, end, label, text, "gold")
                    copies.append(span_id)
                    edit = {"op": "tag", "id": span_id, "doc": doc, "start": start, "end": end, "label": label}
            except Exception as exc:  # a refusal (say, the same gold span twice) is no acknowledgement
                log.write(json.dumps({"op": "refused", "error": str(exc)[:200], "t0": t0}) + "\n")
                continue
            edit.update(t0=t0, t1=time.time(), user="gold")
            log.write(json.dumps(edit) + "\n")
            if job["pace"]:
                time.sleep(rng.uniform(0.5, 1.5) * job["pace"])
    session.close()


def listener_worker(job: dict[str, Any]) -> None:
    """Another window, in a Qt event loop of its own: with ``job["window"]`` the real ``MainWindow`` on the
    team project (a reader's login), else the window's ``TeamChangeFeed`` alone. Records when each span change
    has been handed to the views (the window: after its reader, span table and document list took the deltas;
    the feed: when it has the messages), as span ids, operation and time."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tempfile.mkdtemp(prefix="team-load-home-")  # the window's settings: not the user's
    os.environ.update(HOME=home, XDG_CONFIG_HOME=f"{home}/config", XDG_DATA_HOME=f"{home}/data")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from annotator.ui.team_live import TeamChangeFeed

    app = QApplication([])
    window: Any = None
    if job["window"]:
        from annotator.ui.main_window import MainWindow

        window = MainWindow(job["address"], annotator="watcher", poll_interval_ms=0)
        window.show()
        feed = window.team.feed
    else:
        feed = TeamChangeFeed(job["address"], heartbeat_ms=0)
    arrived: list[Any] = []
    with open(job["log"], "w", encoding="utf-8") as log:

        def handed(_changes: object = None) -> None:
            now = time.time()
            for event in arrived:
                if event.table == "annotations":
                    log.write(json.dumps({"op": event.op, "ids": event.ids, "t": now, "n": event.count}) + "\n")
            arrived.clear()

        feed.eventsArrived.connect(arrived.extend)
        # Connected after the window's own slot: runs once every view has taken the deltas.
        feed.changes.connect(handed)
        if window is None and not feed.start():
            raise SystemExit(f"the listener cannot connect: {feed.problem}")
        Path(job["ready"]).write_text("ok", encoding="utf-8")
        QTimer.singleShot(int((job["end"] + 3.0 - time.time()) * 1000), app.quit)
        app.exec()
        handed()
        if window is not None:
            window.close()
        else:
            feed.close()


def _wait_until(moment: float) -> None:
    time.sleep(max(0.0, moment - time.time()))


# -- checking ---------------------------------------------------------------------------------------------


def read_log(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def expected_rows(logs: list[list[dict[str, Any]]]) -> tuple[dict[str, tuple[Any, ...]], int]:
    """Span id -> (annotator, document, start, end, label) every acknowledged edit leaves, and the edit count."""
    rows: dict[str, tuple[Any, ...]] = {}
    acknowledged = 0
    for log in logs:
        for edit in log:
            op = edit["op"]
            if op == "refused":
                continue
            acknowledged += 1
            if op == "tag":
                rows[edit["id"]] = (edit["user"], edit["doc"], edit["start"], edit["end"], edit["label"])
            elif op in ("relabel", "undo-relabel"):
                rows[edit["id"]] = (*rows[edit["id"]][:4], edit["label"])
            elif op == "undo-tag":
                del rows[edit["id"]]
    return rows, acknowledged


def check(admin: str, logs: list[list[dict[str, Any]]]) -> dict[str, Any]:
    import psycopg

    expected, acknowledged = expected_rows(logs)
    with psycopg.connect(admin) as conn:
        stored = conn.execute('SELECT id, annotator, document_id, start, "end", label FROM annotations').fetchall()
    by_id: dict[str, tuple[Any, ...]] = {}
    twice = 0
    for row in stored:
        if row[0] in by_id:
            twice += 1
        by_id[row[0]] = tuple(row[1:])
    lost = [i for i, row in expected.items() if by_id.get(i) != row]
    unexplained = [i for i in by_id if i not in expected]
    # The same span stored more often than acknowledged edits made it (a write applied twice).
    contents = Counter(row for i, row in by_id.items() if i in expected)
    expected_contents = Counter(expected.values())
    doubled = sum(max(0, n - expected_contents[row]) for row, n in contents.items())
    return {
        "acknowledged": acknowledged,
        "rows": len(stored),
        "expected": len(expected),
        "lost": len(lost),
        "duplicated": twice + len(unexplained) + doubled,
    }


def visibility(writer_logs: list[list[dict[str, Any]]], seen: list[dict[str, Any]]) -> tuple[list[float], int, int]:
    """Seconds from each acknowledged write's start until the listener had it; (delays, matched, missing).

    One user writes each span, one edit at a time, and the server notifies in commit order: the k-th
    message about a span is its k-th acknowledged edit."""
    arrivals: dict[str, list[float]] = defaultdict(list)
    for event in seen:
        for span_id in event["ids"] or ():
            arrivals[span_id].append(event["t"])
    delays: list[float] = []
    missing = 0
    for log in writer_logs:
        per_span: dict[str, int] = defaultdict(int)
        for edit in log:
            if edit["op"] == "refused":
                continue
            k = per_span[edit["id"]]
            per_span[edit["id"]] += 1
            times = arrivals.get(edit["id"], [])
            if k < len(times):
                delays.append(times[k] - edit["t0"])
            else:
                missing += 1
    return delays, len(delays), missing


# -- set-up and run ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--quick", action="store_true", help="3 users for 5 s (a smoke run)")
    parser.add_argument(
        "--pace", type=float, default=0.0, metavar="S", help="each writer waits S seconds between edits (0: flat out)"
    )
    parser.add_argument("--backend", choices=("auto", "project", "sql"), default="auto")
    parser.add_argument(
        "--texts", type=Path, metavar="DIR", help="the .txt articles of DIR (other authors') instead of generated ones"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.users, args.seconds = 3, 5.0

    from tests.pgcluster import NoServerPrograms, throwaway_cluster

    try:
        with throwaway_cluster() as cluster, cluster.database("team_load") as db:
            figures = load(cluster, db, args.users, args.seconds, args.backend, pace=args.pace, texts=args.texts)
    except NoServerPrograms as exc:
        print(f"team_load: {exc}", file=sys.stderr)
        return 1
    report(args, figures["backend"], figures)
    ok = figures["check"]["lost"] == 0 and figures["check"]["duplicated"] == 0 and figures["missing"] == 0
    return 0 if ok else 1


def articles(folder: Path | None) -> list[str]:
    """The texts to annotate: every ``.txt`` of ``folder`` (read as the app's importer reads them is not needed:
    plain UTF-8 articles), else DOCUMENTS generated French-like articles of 3,000 characters."""
    if folder is None:
        return [synthetic.french_text(3000, seed=100 + n) for n in range(DOCUMENTS)]
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"team_load: no .txt article in {folder}")
    return texts


def load(
    cluster: Any,
    db: str,
    user_count: int,
    seconds: float,
    backend: str = "auto",
    *,
    pace: float = 0.0,
    texts: Path | None = None,
) -> dict[str, Any]:
    """Set the team project up in the empty database ``db`` of ``cluster``, run the load, check it: the figures."""
    from annotator.core.model import text_sha256
    from annotator.store.postgres import team

    admin = cluster.conninfo(db)
    team.init_team(admin)
    users = [f"annotator{i:02d}" for i in range(1, user_count + 1)]
    for name in users:
        team.add_user(admin, name, "annotator", f"pw-{name}")
    team.add_user(admin, "curator", "curator", "pw-curator")
    team.add_user(admin, "watcher", "reader", "pw-watcher")
    stored: dict[int, str] = {}
    with cluster.admin(db) as conn:
        for n, text in enumerate(articles(texts)):
            row = conn.execute(
                "INSERT INTO documents (title, text, sha256, language, added_at) "
                "VALUES (%s, %s, %s, 'fr', %s) RETURNING id",
                (f"Article {n + 1}", text, text_sha256(text), NOW),
            ).fetchone()
            stored[int(row[0])] = text
    address = {u: cluster.conninfo(db, user=u, password=f"pw-{u}") for u in [*users, "curator", "watcher"]}
    if backend == "auto":
        backend = "project" if project_opens_servers(address[users[0]]) else "sql"
    figures = run(seconds, admin, users, address, stored, backend, pace)
    figures.update(backend=backend, admin=admin)
    return figures


def run(
    seconds: float,
    admin: str,
    users: list[str],
    address: dict[str, str],
    texts: dict[int, str],
    backend: str,
    pace: float = 0.0,
) -> dict[str, Any]:
    load_before = os.getloadavg()
    context = mp.get_context("spawn")
    folder = Path(tempfile.mkdtemp(prefix="team-load-"))
    print(f"logs in {folder}", file=sys.stderr)
    start = time.time() + 3.0 + 0.1 * len(users)  # every process connected before anyone writes
    end = start + seconds
    common = {"start": start, "end": end, "backend": backend, "window": backend == "project", "pace": pace}
    listener = context.Process(
        target=listener_worker,
        args=({**common, "address": address["watcher"], "log": folder / "seen.jsonl", "ready": folder / "ready"},),
    )
    listener.start()
    while not (folder / "ready").exists():
        time.sleep(0.05)
    jobs = [{"address": address[u], "user": u, "seed": i, "texts": texts} for i, u in enumerate(users)]
    writers = [
        context.Process(target=annotator_worker, args=({**common, **job, "log": folder / f"{job['user']}.jsonl"},))
        for job in jobs
    ]
    curator = {"address": address["curator"], "user": "curator", "seed": 999, "log": folder / "curator.jsonl"}
    writers.append(context.Process(target=curator_worker, args=({**common, **curator},)))
    for process in writers:
        process.start()
    for process in writers:
        process.join()
    listener.join()
    logs = [read_log(folder / f"{u}.jsonl") for u in users] + [read_log(folder / "curator.jsonl")]
    seen = read_log(folder / "seen.jsonl")
    latencies = [e["t1"] - e["t0"] for log in logs for e in log if e["op"] != "refused"]
    refused = [e for log in logs for e in log if e["op"] == "refused"]
    delays, matched, missing = visibility(logs, seen)
    return {
        "check": check(admin, logs),
        "latencies": latencies,
        "refused": len(refused),
        "refusals": Counter(e["error"].split(":")[0] for e in refused).most_common(3),
        "delays": delays,
        "matched": matched,
        "missing": missing,
        "per_op": Counter(e["op"] for log in logs for e in log),
        "curator": Counter(e["op"] for e in logs[-1]),
        "load": (load_before, os.getloadavg()),
        "seconds": seconds,
        "logs": logs,
    }


def report(args: argparse.Namespace, backend: str, f: dict[str, Any]) -> None:
    ms = 1000.0
    lat, delays, check_ = f["latencies"], f["delays"], f["check"]
    pace = f", each writer pausing about {args.pace:g} s between edits" if args.pace else ", flat out"
    listener = "a real window" if backend == "project" else "the window's change feed"
    print(f"team load: {args.users} annotators + 1 curator, {args.seconds:.0f} s{pace}, writes through {backend}")
    print(f"  the other client: {listener}")
    print(
        f"  acknowledged edits: {check_['acknowledged']} ({check_['acknowledged'] / f['seconds']:.0f}/s); "
        f"by kind: {dict(f['per_op'])}"
    )
    curator = f["curator"]
    print(f"  curator: {curator['tag']} spans adjudicated into gold, {curator['undo-tag']} of them undone")
    (before, after) = f["load"]
    print(f"  machine: {os.cpu_count()} cores; load average {before[0]:.1f} before, {after[0]:.1f} after (1 min)")
    print(f"  refused (never acknowledged): {f['refused']} {f['refusals']}")
    print(
        f"  rows checked: {check_['rows']} stored, {check_['expected']} expected; "
        f"lost {check_['lost']}, duplicated {check_['duplicated']}"
    )
    if lat:
        print(
            f"  edit latency: p50 {statistics.median(lat) * ms:.1f} ms, p95 {percentile(lat, 95) * ms:.1f} ms, "
            f"max {max(lat) * ms:.1f} ms"
        )
    if delays:
        print(
            f"  seen by another client (from the write's start): p50 {statistics.median(delays) * ms:.1f} ms, "
            f"p95 {percentile(delays, 95) * ms:.1f} ms, max {max(delays) * ms:.1f} ms; "
            f"{f['matched']} changes seen, {f['missing']} never seen"
        )


if __name__ == "__main__":
    sys.exit(main())
