"""Speed benchmarks: our time against a floor measured in the same run, on the same data.

    python benchmarks/run.py [--quick] [--only NAME ...] [--list]

``make bench`` runs the full set. Each scenario prints our time, the floor (what a plain Qt widget or
raw sqlite3 takes for the same work), their ratio and whether the target is met. ``--quick`` runs every
scenario on small data (a smoke run of the harness, not a measurement). The UI scenarios use real
widgets on Qt's offscreen platform unless QT_QPA_PLATFORM says otherwise.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import itertools
import json
import os
import platform
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import synthetic  # noqa: E402

from annotator.store.project import JOURNAL_SUFFIXES, SPAN_COLUMNS, Project  # noqa: E402


@dataclass(frozen=True)
class Sizes:
    """How big the data of each scenario is."""

    text: int  # code points of the long document
    spans: int  # spans on it
    few_spans: int  # tag cost, small end
    many_spans: int  # tag cost, large end
    tag_repeats: int
    corpus: int  # documents in the corpus project
    export_spans: int
    export_documents: int
    open_repeats: int
    scroll_repeats: int
    scale_documents: tuple[int, int] = (2_500, 25_000)  # native import, small and large end
    scale_spans_per_document: int = 4


FULL = Sizes(1_000_000, 20_000, 2_000, 50_000, 200, 10_000, 100_000, 100, 5, 5)
QUICK = Sizes(40_000, 800, 200, 2_000, 10, 200, 2_000, 10, 1, 1, (100, 1_000))


@dataclass
class Result:
    """One line of the report."""

    scenario: str
    measure: str
    ours: float | None  # seconds, or MB for memory
    floor: float | None
    target: str
    met: bool | None
    unit: str = "s"
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.floor:
            return None
        return self.ours / self.floor


class Bench:
    """Shared state of one run: the temporary folder, the Qt application, data built once."""

    def __init__(self, sizes: Sizes, workdir: Path) -> None:
        self.sizes = sizes
        self.workdir = workdir
        self._app: Any = None
        self._long: dict[int, tuple[Path, int]] = {}
        self._corpus: Path | None = None
        self._export: Path | None = None

    # -- data ---------------------------------------------------------------------------------------

    def long_document(self, span_count: int) -> tuple[Path, int]:
        """A project with the long document and ``span_count`` spans on it: (path, document id)."""
        if span_count not in self._long:
            path = self.workdir / f"long-{span_count}.db"
            with Project(path) as project:
                doc_id = synthetic.build_long_document(project, self.sizes.text, span_count)
            self._long[span_count] = (path, doc_id)
        return self._long[span_count]

    def corpus(self) -> Path:
        """A project of ``sizes.corpus`` articles (a few spans each)."""
        if self._corpus is None:
            path = self.workdir / "corpus.db"
            with Project(path) as project:
                synthetic.build_corpus(project, self.sizes.corpus, spans_per_document=5)
            self._corpus = path
        return self._corpus

    def export_project(self) -> Path:
        """A project with ``sizes.export_spans`` spans over ``sizes.export_documents`` documents."""
        if self._export is None:
            path = self.workdir / "export.db"
            per_doc = self.sizes.export_spans // self.sizes.export_documents
            with Project(path) as project, project.transaction():
                for n in range(self.sizes.export_documents):
                    text = synthetic.french_text(per_doc * 12, seed=100 + n)
                    doc_id = synthetic.insert_document(project, f"Export {n + 1}", text)
                    synthetic.insert_spans(project, doc_id, synthetic.random_spans(text, per_doc, seed=200 + n))
            self._export = path
        return self._export

    # -- Qt -----------------------------------------------------------------------------------------

    def app(self) -> Any:
        if self._app is None:
            from PySide6.QtWidgets import QApplication

            self._app = QApplication.instance() or QApplication([])
        return self._app

    def process_events(self) -> None:
        self.app().processEvents()


# -- helpers ------------------------------------------------------------------------------------------


def timed(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def best_of(repeats: int, action: Callable[[], Any]) -> float:
    return min(timed(action) for _ in range(repeats))


def reader_font_like(widget: Any, reader_class: Any) -> None:
    """Give a plain QPlainTextEdit the reader's font and margins, so the floor lays out the same lines."""
    from annotator.ui import reader as reader_module

    font = widget.font()
    font.setFamilies(reader_module.READING_FONTS)
    font.setPointSizeF(reader_module.READING_POINT_SIZE)
    widget.setFont(font)
    widget.document().setDocumentMargin(reader_module.DOCUMENT_MARGIN)
    widget.setFrameShape(reader_class.Shape.NoFrame)
    widget.setReadOnly(True)


def make_reader(project: Project) -> Any:
    from PySide6.QtGui import QUndoStack

    from annotator.ui.reader import ReaderView
    from annotator.ui.signals import ProjectSignals

    signals = ProjectSignals(project)
    stack = QUndoStack()
    reader = ReaderView(project, signals, stack, "bench")
    reader._bench_keep = (signals, stack)  # keep the Python owners alive as long as the widget
    reader.resize(900, 700)
    reader.show()
    return reader


class PaintCounter:
    """Counts the paint events a widget receives (an event filter that lets every event through)."""

    def __init__(self, widget: Any) -> None:
        from PySide6.QtCore import QEvent, QObject

        counter = self

        class _Filter(QObject):
            def eventFilter(self, _watched: Any, event: Any) -> bool:
                if event.type() == QEvent.Type.Paint:
                    counter.count += 1
                return False

        self.count = 0
        self._filter = _Filter(widget)
        widget.installEventFilter(self._filter)


def finish_loading(bench: Bench, reader: Any) -> None:
    """Run the event loop until the reader has read every span, then paint once, synchronously."""
    bench.process_events()
    while not reader.spans.complete:
        bench.process_events()
    reader.viewport().repaint()


def close_widget(widget: Any) -> None:
    widget.close()
    widget.deleteLater()


# -- scenarios -------------------------------------------------------------------------------------


def visible_span_check(reader: Any, project: Project, doc_id: int) -> tuple[int, int]:
    """(spans drawn in the last paint, spans stored that touch the visible text); the two must be equal."""
    blocks = reader.span_painter.visible_blocks(reader.viewport().rect())
    start, end = blocks[0].start, max(blocks[-1].end, blocks[-1].start + 1)
    stored = {
        row[0]
        for row in synthetic.raw_connection(project).execute(
            "SELECT id FROM annotations WHERE document_id = ? AND start < ? AND \"end\" > ? AND status != 'rejected'",
            (doc_id, end, start),
        )
    }
    drawn = {piece.info.id for piece in reader.span_painter.last_plan.pieces}
    if drawn != stored:
        raise AssertionError(f"not fully highlighted: {len(stored - drawn)} visible spans not drawn")
    return len(drawn), len(stored)


def scenario_open(bench: Bench) -> list[Result]:
    """Open the long document until shown and fully highlighted, against QPlainTextEdit.setPlainText."""
    from PySide6.QtWidgets import QPlainTextEdit

    sizes = bench.sizes
    path, doc_id = bench.long_document(sizes.spans)
    bench.app()
    ours: list[float] = []
    floors: list[float] = []
    jumps: list[float] = []
    jump_floors: list[float] = []
    backgrounds: list[float] = []
    parts: list[list[float]] = []
    drawn = 0
    with Project(path) as project:
        text = project.document_text(doc_id)
        for _ in range(sizes.open_repeats):
            plain = QPlainTextEdit()
            reader_font_like(plain, QPlainTextEdit)
            plain.resize(900, 700)
            plain.show()
            bench.process_events()

            def floor_open(plain: Any = plain) -> None:
                plain.setPlainText(text)
                bench.process_events()
                plain.viewport().repaint()

            def floor_jump(plain: Any = plain) -> None:
                bar = plain.verticalScrollBar()
                bar.setValue(bar.maximum())
                plain.viewport().repaint()

            floors.append(timed(floor_open))
            jump_floors.append(timed(floor_jump))
            close_widget(plain)

            project._text_cache.clear()  # read the text from the file, as on a real open
            reader = make_reader(project)
            bench.process_events()

            def our_open(reader: Any = reader) -> None:
                marks = [time.perf_counter()]
                reader.set_document(doc_id)
                marks.append(time.perf_counter())
                bench.process_events()
                marks.append(time.perf_counter())
                reader.viewport().repaint()
                marks.append(time.perf_counter())
                parts.append([b - a for a, b in itertools.pairwise(marks)])

            def our_jump(reader: Any = reader) -> None:
                bar = reader.verticalScrollBar()
                bar.setValue(bar.maximum())
                reader.viewport().repaint()

            ours.append(timed(our_open))
            drawn, _ = visible_span_check(reader, project, doc_id)
            jumps.append(timed(our_jump))  # the end of the document: its spans are read by this paint
            visible_span_check(reader, project, doc_id)

            def background(reader: Any = reader) -> None:
                while not reader.spans.complete:
                    bench.process_events()

            backgrounds.append(timed(background))
            stored = synthetic.raw_connection(project).execute(
                "SELECT count(*) FROM annotations WHERE document_id = ? AND status != 'rejected'", (doc_id,)
            ).fetchone()[0]
            if len(reader.spans) != stored:
                raise AssertionError(f"{len(reader.spans)} spans read of {stored}")
            close_widget(reader)
            bench.process_events()
    our, floor = min(ours), min(floors)
    jump, jump_floor = min(jumps), min(jump_floors)
    return [
        Result(
            "open",
            f"open {len(text):,} chars / {sizes.spans:,} spans, shown with every visible span highlighted "
            f"({drawn} on the first screen, checked against the file)",
            our,
            floor,
            "ratio <= 2",
            our / floor <= 2,
        ),
        *[
            Result("open", f"  of which: {what}", statistics.median(p[i] for p in parts), None, "", None)
            for i, what in enumerate(
                (
                    "ReaderView.set_document (text, offsets, setPlainText, long spans, spans of the first chunks)",
                    "event loop (first paint)",
                    "synchronous repaint",
                )
            )
        ],
        Result(
            "open",
            "  then jump to the end and paint, reading the spans there on demand (floor: the same jump, plain)",
            jump,
            jump_floor,
            "ratio <= 2",
            jump / jump_floor <= 2,
        ),
        Result(
            "open",
            "  then the rest of the spans read by the idle timer (from 150 ms after the open, 4 ms per pass)",
            min(backgrounds),
            None,
            "",
            None,
        ),
    ]


def _random_word_selection(reader: Any, words: list[tuple[int, int]], rng: random.Random) -> None:
    from PySide6.QtGui import QTextCursor

    start, end = rng.choice(words)
    cursor = reader.textCursor()
    cursor.setPosition(reader.to_utf16(start))
    cursor.setPosition(reader.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)


def _tag_times(bench: Bench, counts: tuple[int, ...]) -> tuple[dict[int, list[float]], list[float]]:
    """Per-tag time (store commit + redraw) in a reader on each document, and the floor.

    The documents are tagged in turn (one tag on each, then the next round), so that a slow moment of
    the machine or of the disk falls on every size alike rather than on one of them.
    The floor: the same kind of row inserted and committed through raw sqlite3 with the store's
    durability settings, plus the paint of one line of a plain text widget showing the same text.
    """
    from PySide6.QtWidgets import QPlainTextEdit

    bench.app()
    opened = []
    for count in counts:
        path, doc_id = bench.long_document(count)
        project = Project(path)
        text = project.document_text(doc_id)
        reader = make_reader(project)
        reader.set_document(doc_id)
        finish_loading(bench, reader)
        reader._bench_paints = PaintCounter(reader.viewport())
        opened.append((count, project, reader, synthetic.word_bounds(text), random.Random(count)))
    ours: dict[int, list[float]] = {count: [] for count in counts}
    for _ in range(bench.sizes.tag_repeats):
        for count, _project, reader, words, rng in opened:
            _random_word_selection(reader, words, rng)
            bench.process_events()
            reader.viewport().repaint()

            def tag(reader: Any = reader) -> None:
                paints = reader._bench_paints
                before = paints.count
                if not reader.tag_selection("actor", snap=False):
                    raise RuntimeError("the reader refused to tag the selection")
                # The event loop delivers the change and paints the region it dirtied, as in the app;
                # if it painted nothing (the span off screen), paint the viewport once so a redraw is timed.
                bench.process_events()
                if paints.count == before:
                    reader.viewport().repaint()

            ours[count].append(timed(tag))
    for _count, project, reader, _words, _rng in opened:
        close_widget(reader)
        bench.process_events()
        project.close()

    path, doc_id = bench.long_document(counts[0])
    floors: list[float] = []
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = FULL")
    text = conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
    plain = QPlainTextEdit()
    reader_font_like(plain, QPlainTextEdit)
    plain.resize(900, 700)
    plain.setPlainText(text)
    plain.show()
    bench.process_events()
    span_rows = synthetic.random_spans(text, bench.sizes.tag_repeats, seed=counts[0] + 1)
    for row in synthetic.span_tuples(doc_id, span_rows, "floor"):

        def insert(row: tuple = row) -> None:
            conn.execute(f"INSERT INTO annotations ({SPAN_COLUMNS}) VALUES ({', '.join('?' * 16)})", row)
            conn.commit()
            viewport = plain.viewport()
            viewport.update(0, viewport.height() // 2, viewport.width(), 24)  # one line, as a tag dirties
            bench.process_events()

        floors.append(timed(insert))
    conn.close()
    close_widget(plain)
    bench.process_events()
    return ours, floors


def scenario_tag(bench: Bench) -> list[Result]:
    """Tag one span (commit + redraw), median of N, at the document's size and at few/many spans."""
    sizes = bench.sizes
    counts = (sizes.few_spans, sizes.spans, sizes.many_spans)
    ours, floors = _tag_times(bench, counts)
    floor = statistics.median(floors)
    medians = {count: statistics.median(times) for count, times in ours.items()}
    results = [
        Result(
            "tag",
            f"tag one span with {count:,} spans (median of {len(ours[count])}; p90 {_p90(ours[count]) * 1000:.1f} ms)",
            medians[count],
            floor,
            "<= 16 ms",
            medians[count] <= 0.016,
        )
        for count in counts
    ]
    growth = medians[sizes.many_spans] / medians[sizes.few_spans]
    results.append(
        Result(
            "tag",
            f"tag cost growth {sizes.few_spans:,} -> {sizes.many_spans:,} spans",
            medians[sizes.many_spans],
            medians[sizes.few_spans],
            "ratio <= 1.5",
            growth <= 1.5,
            note="floor column: the same median at the small end",
        )
    )
    return results


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]


def scenario_store_add_span(bench: Bench) -> list[Result]:
    """Project.add_span alone (validation + durable commit) at few and many spans, against a raw insert.

    Both sizes are measured in turn, one span each, so that disk hiccups fall on both alike.
    """
    sizes = bench.sizes
    counts = (sizes.few_spans, sizes.many_spans)
    opened = []
    for count in counts:
        path, doc_id = bench.long_document(count)
        project = Project(path)
        rows = synthetic.random_spans(project.document_text(doc_id), sizes.tag_repeats, seed=count + 3)
        opened.append((count, project, doc_id, rows))
    ours: dict[int, list[float]] = {count: [] for count in counts}
    floors: dict[int, list[float]] = {count: [] for count in counts}
    insert_sql = f"INSERT INTO annotations ({SPAN_COLUMNS}) VALUES ({', '.join('?' * 16)})"
    for i in range(sizes.tag_repeats):
        for count, project, doc_id, rows in opened:
            row = rows[i]
            ours[count].append(
                timed(lambda p=project, d=doc_id, r=row: p.add_span(d, r.start, r.end, r.label, annotator="bench"))
            )
            raw = next(synthetic.span_tuples(doc_id, [row], "floor"))
            connection = synthetic.raw_connection(project)

            def insert(conn: sqlite3.Connection = connection, raw: tuple = raw) -> None:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(insert_sql, raw)
                conn.execute("COMMIT")

            floors[count].append(timed(insert))
    for _count, project, _doc_id, _rows in opened:
        project.close()
    medians = {count: statistics.median(times) for count, times in ours.items()}
    results = [
        Result(
            "store",
            f"Project.add_span with {count:,} spans (median of {len(ours[count])})",
            medians[count],
            statistics.median(floors[count]),
            "(informative)",
            None,
        )
        for count in counts
    ]
    growth = medians[sizes.many_spans] / medians[sizes.few_spans]
    results.append(
        Result(
            "store",
            f"add_span growth {sizes.few_spans:,} -> {sizes.many_spans:,} spans",
            medians[sizes.many_spans],
            medians[sizes.few_spans],
            "ratio <= 1.5",
            growth <= 1.5,
            note="floor column: the same median at the small end",
        )
    )
    return results


def scenario_scroll(bench: Bench) -> list[Result]:
    """Scroll the long document top to bottom a page at a time, repainting each step."""
    from PySide6.QtWidgets import QPlainTextEdit

    sizes = bench.sizes
    path, doc_id = bench.long_document(sizes.spans)
    bench.app()

    def scroll(widget: Any) -> tuple[float, int]:
        bar = widget.verticalScrollBar()
        bar.setValue(0)
        bench.process_events()
        widget.viewport().repaint()
        steps = 0
        start = time.perf_counter()
        value = 0
        while True:
            value = min(bar.maximum(), value + bar.pageStep())
            bar.setValue(value)
            widget.viewport().repaint()
            steps += 1
            if value >= bar.maximum():
                break
        return time.perf_counter() - start, steps

    with Project(path) as project:
        text = project.document_text(doc_id)
        reader = make_reader(project)
        reader.set_document(doc_id)
        finish_loading(bench, reader)
        plain = QPlainTextEdit()
        reader_font_like(plain, QPlainTextEdit)
        plain.resize(900, 700)
        plain.setPlainText(text)
        plain.show()
        bench.process_events()
        scroll(reader)  # lay out every block once in both widgets
        scroll(plain)
        # Passes alternate between the two widgets, so that a busy moment of the machine falls on both alike.
        ours_runs: list[float] = []
        floor_runs: list[float] = []
        for _ in range(sizes.scroll_repeats):
            ours_time, steps = scroll(reader)
            floor_time, floor_steps = scroll(plain)
            ours_runs.append(ours_time)
            floor_runs.append(floor_time)
        ours, floor = min(ours_runs), min(floor_runs)
        close_widget(reader)
        close_widget(plain)
        bench.process_events()
    return [
        Result(
            "scroll",
            f"scroll top to bottom, {steps:,} pages ({floor_steps:,} without highlights), repaint each "
            f"(best of {sizes.scroll_repeats} alternating passes)",
            ours,
            floor,
            "ratio <= 1.5",
            ours / floor <= 1.5,
        )
    ]


def scenario_startup(bench: Bench) -> list[Result]:
    """Start-up on a project of many documents until the window is interactive, against an empty QMainWindow."""
    from PySide6.QtWidgets import QMainWindow

    from annotator.ui.main_window import MainWindow

    path = bench.corpus()
    bench.app()
    # Warm-up: the first window pays for plug-in imports and font loading once per process.
    warm = MainWindow(path, "bench", poll_interval_ms=0)
    warm.show()
    bench.process_events()
    warm.close()
    bench.process_events()

    def floor_start() -> None:
        window = QMainWindow()
        window.resize(1200, 800)
        window.show()
        bench.process_events()
        floor_start.window = window  # type: ignore[attr-defined]

    floor = timed(floor_start)
    floor_start.window.close()  # type: ignore[attr-defined]

    holder: dict[str, Any] = {}

    def our_start() -> None:
        window = MainWindow(path, "bench", poll_interval_ms=0)
        window.show()
        bench.process_events()
        if window.reader.document_id() is not None:
            finish_loading(bench, window.reader)
        holder["window"] = window

    ours = timed(our_start)
    window = holder["window"]
    shown = window.document_model.rowCount() if hasattr(window, "document_model") else None
    window.close()
    bench.process_events()
    parts = _startup_parts(bench, path)
    return [
        Result(
            "startup",
            f"start-up on {bench.sizes.corpus:,} documents to an interactive window ({shown} listed)",
            ours,
            floor,
            "<= 1 s",
            ours <= 1.0,
        ),
        *parts,
    ]


def _startup_parts(bench: Bench, path: Path) -> list[Result]:
    """Where start-up goes: the window without its plug-in views, then each view's ``install`` in turn."""
    from annotator.ui import main_window
    from annotator.ui.views import view_modules

    install_views = getattr(main_window.MainWindow, "_install_views", None)
    if install_views is None:
        return []
    main_window.MainWindow._install_views = lambda self: None  # type: ignore[method-assign]
    try:
        holder: dict[str, Any] = {}

        def bare() -> None:
            holder["window"] = main_window.MainWindow(path, "bench", poll_interval_ms=0)
            holder["window"].show()
            bench.process_events()

        results = [Result("startup", "  of which: the window without plug-in views", timed(bare), None, "", None)]
    finally:
        main_window.MainWindow._install_views = install_views  # type: ignore[method-assign]
    window = holder["window"]
    for module in view_modules():
        install = getattr(module, "install", None)
        if install is None:
            continue

        def run(install: Callable[[Any], Any] = install) -> None:
            install(window)
            bench.process_events()

        name = module.__name__.rsplit(".", 1)[-1]
        results.append(Result("startup", f"  of which: views/{name}.py install()", timed(run), None, "", None))
    window.close()
    bench.process_events()
    return results


def scenario_search(bench: Bench) -> list[Result]:
    """Project.search across the corpus (FTS5, snippets with context), against the same ranked match, ids only."""
    path = bench.corpus()
    queries = ("Russie", "munitions l’artillerie", "Zanzibar", "corée nord", "forêt", "introuvable")
    results = []
    with Project(path) as project:
        project.search("warm")
        raw = sqlite3.connect(path)
        for query in queries:
            hits = project.search(query)
            ours = statistics.median(timed(lambda q=query: project.search(q)) for _ in range(7))
            match = " ".join(f'"{t}"' for t in query.split())
            floor = statistics.median(
                timed(
                    lambda m=match: raw.execute(
                        "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rank LIMIT 50", (m,)
                    ).fetchall()
                )
                for _ in range(7)
            )
            with_context = all("[" in hit.snippet for hit in hits) if hits else True
            example = f"; first: {hits[0].title!r}: {hits[0].snippet[:60]!r}" if hits else ""
            results.append(
                Result(
                    "search",
                    f"search {query!r}: {len(hits)} hits with context{example}",
                    ours,
                    floor,
                    "<= 100 ms",
                    ours <= 0.1 and with_context,
                )
            )
        raw.close()
    return results


def _raw_export_floor(path: Path) -> float:
    """Raw sqlite3 read of the documents and their spans, one json.dumps per document line."""
    columns = [c.strip().strip('"') for c in SPAN_COLUMNS.split(",")]

    def run() -> None:
        conn = sqlite3.connect(path)
        spans: dict[int, list[dict[str, Any]]] = {}
        for row in conn.execute(f"SELECT {SPAN_COLUMNS} FROM annotations ORDER BY document_id, start"):
            spans.setdefault(row[1], []).append(dict(zip(columns, row, strict=True)))
        lines = [
            json.dumps(
                {"id": r[0], "title": r[1], "text": r[2], "sha256": r[3], "spans": spans.get(r[0], [])},
                ensure_ascii=False,
            )
            for r in conn.execute("SELECT id, title, text, sha256 FROM documents ORDER BY id")
        ]
        conn.close()
        run.size = sum(map(len, lines))  # type: ignore[attr-defined]

    return best_of(2, run)


def _raw_import_floor(exported: Path, workdir: Path) -> float:
    """json.loads of every line plus a raw executemany insert of documents and spans into an empty project."""
    target = workdir / "import-floor.db"
    target.unlink(missing_ok=True)
    Project(target).close()

    def run() -> None:
        conn = sqlite3.connect(target)
        records = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()[1:]]
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO documents (id, title, text, sha256, added_at, metadata, done) VALUES (?, ?, ?, ?, ?, '{}', 0)",
            [(d["id"], d["title"], d["text"], d["sha256"], d["added_at"]) for d in records],
        )
        conn.executemany(
            f"INSERT INTO annotations ({SPAN_COLUMNS}) VALUES ({', '.join('?' * 16)})",
            [
                (
                    s["id"],
                    d["id"],
                    s["start"],
                    s["end"],
                    s["label"],
                    s["text"],
                    s["annotator"],
                    s["note"],
                    s["status"],
                    s["source"],
                    s["review"],
                    s["reviewer"],
                    s["review_comment"],
                    None,
                    s["created"],
                    s["updated"],
                )
                for d in records
                for s in d["spans"]
            ],
        )
        conn.execute("COMMIT")
        conn.close()

    return timed(run)


def scenario_export(bench: Bench) -> list[Result]:
    """jsonl export of every span, against a raw sqlite3 read + json.dumps of the same rows."""
    from annotator.services.exporting import export_project

    path = bench.export_project()
    out = bench.workdir / "export.jsonl"
    floor = _raw_export_floor(path)
    with Project(path) as project:
        report: Any = None

        def run() -> None:
            nonlocal report
            report = export_project(project, "jsonl", out, statuses=None)

        ours = best_of(2, run)
    return [
        Result(
            "export",
            f"jsonl export of {report.spans:,} spans in {report.documents:,} documents",
            ours,
            floor,
            "ratio <= 3",
            ours / floor <= 3,
        )
    ]


def scenario_import(bench: Bench) -> list[Result]:
    """jsonl import of every span into an empty project, against json.loads + raw executemany."""
    from annotator.services.exporting import export_project
    from annotator.services.merging import import_set

    path = bench.export_project()
    exported = bench.workdir / "export.jsonl"
    if not exported.exists():
        with Project(path) as project:
            export_project(project, "jsonl", exported, statuses=None)
    floor = _raw_import_floor(exported, bench.workdir)
    target = bench.workdir / "import.db"
    target.unlink(missing_ok=True)
    with Project(target) as project:
        report: Any = None

        def run() -> None:
            nonlocal report
            report = import_set(project, exported)

        ours = timed(run)
        count = synthetic.raw_connection(project).execute("SELECT count(*) FROM annotations").fetchone()[0]
    return [
        Result(
            "import",
            f"jsonl import of {count:,} spans into an empty project",
            ours,
            floor,
            "ratio <= 3",
            ours / floor <= 3,
        )
    ]


def _many_documents_set(bench: Bench, documents: int) -> Path:
    """A native jsonl export of ``documents`` short articles with a few spans each (built once per size)."""
    exported = bench.workdir / f"scale-{documents}.jsonl"
    if exported.exists():
        return exported
    from annotator.services.exporting import export_project

    path = bench.workdir / f"scale-{documents}.db"
    per_doc = bench.sizes.scale_spans_per_document
    with Project(path) as project:
        with project.transaction():
            for n in range(documents):
                text = synthetic.french_text(400 + (n % 7) * 50, seed=1_000 + n)
                doc_id = synthetic.insert_document(project, f"Dépêche {n + 1}", text)
                synthetic.insert_spans(project, doc_id, synthetic.random_spans(text, per_doc, seed=5_000 + n))
        export_project(project, "jsonl", exported, statuses=None)
    path.unlink()
    return exported


def scenario_import_scale(bench: Bench) -> list[Result]:
    """native jsonl import of many short documents, against json.loads + raw executemany; per-document growth."""
    from annotator.services.merging import import_set

    results: list[Result] = []
    per_document: list[float] = []
    for documents in bench.sizes.scale_documents:
        exported = _many_documents_set(bench, documents)
        floor = min(_raw_import_floor(exported, bench.workdir) for _ in range(2))
        target = bench.workdir / f"scale-import-{documents}.db"
        counts: list[int] = []

        def run(target: Path = target, exported: Path = exported, counts: list[int] = counts) -> None:
            for suffix in ("", *JOURNAL_SUFFIXES):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            with Project(target) as project:
                import_set(project, exported)
                conn = synthetic.raw_connection(project)
                tables = ("documents", "annotations")
                counts[:] = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables]

        ours = best_of(2, run)  # a fresh project each time; the better of two runs on a shared machine
        stored, spans = counts
        if stored != documents:
            raise RuntimeError(f"{stored} documents stored out of {documents}")
        per_document.append(ours / documents)
        results.append(
            Result(
                "import-scale",
                f"jsonl import of {documents:,} documents / {spans:,} spans into an empty project",
                ours,
                floor,
                "ratio <= 3",
                ours / floor <= 3,
            )
        )
    small, large = bench.sizes.scale_documents
    growth = per_document[1] / per_document[0]
    results.append(
        Result(
            "import-scale",
            f"time per document at {large:,} documents (ours) against {small:,} (floor column): growth",
            per_document[1],
            per_document[0],
            "growth <= 1.2",
            growth <= 1.2,
        )
    )
    return results


def scenario_memory(bench: Bench) -> list[Result]:
    """Peak resident memory of a fresh process that opens the long document in the reader."""
    path, doc_id = bench.long_document(bench.sizes.spans)
    probe = subprocess.run(
        [sys.executable, __file__, "--memory-probe", str(path), str(doc_id)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")},
    )
    if probe.returncode != 0:
        raise RuntimeError(f"memory probe failed: {probe.stderr.strip()[-500:]}")
    figures = json.loads(probe.stdout.strip().splitlines()[-1])
    return [
        Result(
            "memory",
            f"peak RSS opening {bench.sizes.text:,} chars / {bench.sizes.spans:,} spans "
            f"(floor: same process before opening, {figures['python_peak_mb']:.1f} MB Python heap peak)",
            figures["peak_mb"],
            figures["baseline_mb"],
            "<= 300 MB",
            figures["peak_mb"] <= 300,
            unit="MB",
        )
    ]


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB.

    VmHWM belongs to the process's own address space; ru_maxrss is not used where VmHWM exists because
    Linux carries it over from the parent across fork and exec (the child would report the parent's peak).
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory_probe(path: str, doc_id: int) -> None:
    """Child process of the memory scenario: prints peak RSS before and after opening, in MB (JSON)."""
    import tracemalloc

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    bench = Bench(QUICK, Path(path).parent)
    bench._app = app
    import annotator.ui.reader  # noqa: F401  (its import cost belongs to the baseline)

    baseline = peak_rss_mb()
    tracemalloc.start()
    with Project(path) as project:
        reader = make_reader(project)
        reader.set_document(doc_id)
        finish_loading(bench, reader)
        scroll = reader.verticalScrollBar()
        scroll.setValue(scroll.maximum() // 2)
        reader.viewport().repaint()
        _, python_peak = tracemalloc.get_traced_memory()
        peak = peak_rss_mb()
        close_widget(reader)
    print(json.dumps({"baseline_mb": baseline, "peak_mb": peak, "python_peak_mb": python_peak / 2**20}))


def scenario_window(bench: Bench) -> list[Result]:
    """The real MainWindow on 20 KB / 400 to 5 MB / 100,000 spans: open, edits, click, switch, scroll, accept-all."""
    import window

    return window.scenario_window(bench)


SCENARIOS: dict[str, Callable[[Bench], list[Result]]] = {
    "window": scenario_window,
    "search": scenario_search,
    "store": scenario_store_add_span,
    "startup": scenario_startup,
    "open": scenario_open,
    "tag": scenario_tag,
    "scroll": scenario_scroll,
    "memory": scenario_memory,
    "export": scenario_export,
    "import": scenario_import,
    "import-scale": scenario_import_scale,
}


# -- report ----------------------------------------------------------------------------------------


def machine_description() -> dict[str, str]:
    """CPU model, cores, RAM, Python, PySide6, SQLite versions and the date."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 2**20:.1f} GiB"
                break
    except OSError:
        pass
    try:
        import PySide6

        pyside = PySide6.__version__
    except ImportError:
        pyside = "not installed"
    from importlib.metadata import PackageNotFoundError, version

    try:
        sqlite_utils_version = version("sqlite-utils")
    except PackageNotFoundError:
        sqlite_utils_version = "?"
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "ram": ram,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "pyside6": pyside,
        "sqlite": sqlite3.sqlite_version,
        "sqlite-utils": sqlite_utils_version,
        "qt platform": os.environ.get("QT_QPA_PLATFORM", ""),
    }


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value * 1000:.1f} ms" if value < 10 else f"{value:.2f} s"


def print_table(results: list[Result]) -> None:
    header = f"{'scenario':<12} {'ours':>10} {'floor':>10} {'ratio':>7}  {'target':<13} {'met':<4} measure"
    print(header)
    print("-" * len(header))
    for r in results:
        ratio = "–" if r.ratio is None else f"{r.ratio:.2f}"
        met = {True: "yes", False: "NO", None: "–"}[r.met]
        print(
            f"{r.scenario:<12} {format_value(r.ours, r.unit):>10} {format_value(r.floor, r.unit):>10} {ratio:>7}  "
            f"{r.target:<13} {met:<4} {r.measure}" + (f" [{r.note}]" if r.note else ""),
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small data: a smoke run of every scenario")
    parser.add_argument("--only", nargs="+", metavar="NAME", choices=sorted(SCENARIOS), help="run these scenarios")
    parser.add_argument("--list", action="store_true", help="list the scenarios and exit")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--memory-probe", nargs=2, metavar=("DB", "DOC"), help=argparse.SUPPRESS)
    parser.add_argument("--window-memory-probe", nargs=2, metavar=("DB", "DOC"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_probe:
        memory_probe(args.memory_probe[0], int(args.memory_probe[1]))
        return 0
    if args.window_memory_probe:
        import window

        window.memory_probe(args.window_memory_probe[0], int(args.window_memory_probe[1]))
        return 0
    if args.list:
        for name, function in SCENARIOS.items():
            print(f"{name:<12} {(function.__doc__ or '').strip().splitlines()[0]}")
        return 0

    sizes = QUICK if args.quick else FULL
    names = args.only or list(SCENARIOS)
    with tempfile.TemporaryDirectory(prefix="annotator-bench-") as tmp:
        workdir = Path(tmp)
        # Settings and the default project go to the temporary folder, never to the user's.
        for variable, sub in (("HOME", "home"), ("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data")):
            os.environ[variable] = str(workdir / sub)
        os.environ["ANNOTATOR_DB"] = str(workdir / "default.db")
        os.environ.setdefault("ANNOTATOR_NAME", "bench")
        machine = machine_description()
        print("machine: " + "; ".join(f"{k} {v}" for k, v in machine.items()), flush=True)
        print(f"data: {'quick' if args.quick else 'full'} {sizes}", flush=True)
        bench = Bench(sizes, workdir)
        results: list[Result] = []
        failures = 0
        for name in names:
            started = time.perf_counter()
            try:
                scenario_results = SCENARIOS[name](bench)
            except Exception as exc:  # a broken scenario is reported, the others still run
                failures += 1
                scenario_results = [Result(name, f"FAILED: {type(exc).__name__}: {exc}", None, None, "", False)]
            gc.collect()
            results.extend(scenario_results)
            print_table(scenario_results)
            print(f"  ({name}: {time.perf_counter() - started:.1f} s including data set-up)", flush=True)
        print()
        print_table(results)
        if args.json:
            Path(args.json).write_text(
                json.dumps(
                    {
                        "machine": machine,
                        "quick": args.quick,
                        "results": [{**r.__dict__, "ratio": r.ratio} for r in results],
                    },
                    indent=2,
                    ensure_ascii=False,
                ),
                encoding="utf-8",
            )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
