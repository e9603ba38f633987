"""A seeded random-action driver of the real MainWindow, with another program writing to the same project.

``generate(seed, count)`` draws a list of ``Action``s: a kind and four numbers in [0, 1) that are read only when
the action runs (which span, which label, how far), so that any sub-list of actions still means something and a
failing run can be shrunk. ``Run`` opens the real window on a fresh copy of the starting project and plays the
actions through real key presses and mouse clicks (QTest), the window's own actions, and the command line in a
child process (``python -m annotator spans add/delete``), the way a user and a script would.

Every ``check_every`` actions (a ``check`` step of the sequence) and at the end it polls like the window's timer
and checks: ``PRAGMA
integrity_check`` and ``foreign_key_check``, every span's offsets covering its text, and every panel equal to
the database (document list and counts, reader text and spans, span table, Links view, selected span). Anything
the window would show as our bug fails the run: an exception in a slot, a log record at WARNING or above, a Qt
warning, an "Unexpected error" box, an environment fault. At the end every edit is undone (then redone and undone
again) and the window's layer of the project must be the starting one, exactly.

The command line writes its own layer (annotator ``cli``): it adds spans anywhere and deletes only its own, so
the window's undo history stays exact while the window still meets spans deleted under it (it relabels, links,
deletes the command line's spans). With ``hostile=True`` it also deletes the window's spans; undo-all must then
run to the bottom of the stack (steps over deleted spans skipped, with a message) but cannot restore them.
"""

from __future__ import annotations

import json
import logging
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QAction, QInputMethodEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QTableWidget,
    QWidget,
)

from annotator.core.model import text_sha256
from annotator.ui.app import settings_path
from annotator.ui.main_window import SAVE_COPY, MainWindow
from tests.monkey.corpus import HAZARDS, build_start_project, import_file
from tests.monkey.invariants import connect, database_problems, panel_problems, reader_spans
from tests.processes import child_env

ANNOTATOR = "monkey"
CLI_ANNOTATOR = "cli"
LABELS = ("actor", "transfer", "quantity", "assessment")
KEYS_OF_LABELS = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4)
NO_MODS = Qt.KeyboardModifier.NoModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
# Boxes a run may legitimately show: an undo step skipped because another program changed its span.
EXPECTED_BOXES = ("That edit cannot be undone any more", "That edit cannot be redone any more", "Import")
QT_NOISE = ("propagateSizeHints", "does not support raise()")
HAZARD_CHARS = frozenset("".join(HAZARDS)) - frozenset("abcdefghijklmnopqrstuvwxyzONU0123456789’«» ")

# How often each kind of action is drawn (the command line's kinds only when it takes part).
WEIGHTS: dict[str, int] = {
    "select": 20,
    "hotkey": 12,
    "label_button": 3,
    "tab": 6,
    "click_span": 5,
    "boundary": 5,
    "delete_key": 3,
    "note": 3,
    "suggestion_key": 4,
    "undo": 6,
    "redo": 4,
    "switch_document": 4,
    "table": 5,
    "link": 4,
    "entity": 2,
    "attribute": 3,
    "view": 6,
    "suggest": 2,
    "review_all": 2,
    "auto_propagate": 1,
    "delete_document": 1,
    "import": 1,
    "filter": 1,
    "document_edit": 1,
    "poll": 3,
}
CLI_WEIGHTS: dict[str, int] = {"cli_add": 4, "cli_delete": 3}


@dataclass(frozen=True, slots=True)
class Action:
    """One step of a run: what to do, and four numbers in [0, 1) that say with what, read when it runs."""

    kind: str
    p: tuple[float, float, float, float]

    def __str__(self) -> str:
        return f"{self.kind}({', '.join(f'{x:.3f}' for x in self.p)})"

    def to_json(self) -> list[Any]:
        return [self.kind, *self.p]

    @staticmethod
    def from_json(value: list[Any]) -> Action:
        return Action(str(value[0]), tuple(float(x) for x in value[1:5]))  # type: ignore[arg-type]


CHECK = Action("check", (0.0, 0.0, 0.0, 0.0))


def generate(seed: int, count: int, *, cli: bool = True, check_every: int = 20) -> list[Action]:
    """``count`` actions drawn from ``seed``, with a ``check`` after every ``check_every`` of them.

    Checks are steps of the sequence like the others (a check polls, as the window's timer does), so that a
    replay of the sequence, or of any part of it, polls at the same places as the run it comes from.
    """
    rng = random.Random(f"actions-{seed}")
    weights = dict(WEIGHTS)
    if cli:
        weights.update(CLI_WEIGHTS)
    kinds = list(weights)
    chosen = rng.choices(kinds, weights=[weights[k] for k in kinds], k=count)
    actions = []
    for number, kind in enumerate(chosen):
        actions.append(Action(kind, (rng.random(), rng.random(), rng.random(), rng.random())))
        if (number + 1) % check_every == 0:
            actions.append(CHECK)
    return actions


class Failure(Exception):
    """The run broke an invariant; ``kind`` names the defect for shrinking, ``index`` the action it showed at."""

    def __init__(self, kind: str, detail: str, index: int) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail
        self.index = index


@dataclass
class Stats:
    """What a run did."""

    actions: int = 0
    checks: int = 0
    cli_writes: int = 0
    undo_steps: int = 0
    skipped_steps: int = 0
    stack_end: int = 0  # commands on the undo stack when the actions were done
    stack_max: int = 0
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    skip_reasons: dict[str, int] = field(default_factory=dict)  # why undo or redo steps were skipped


@dataclass
class Options:
    """How a run is played and checked."""

    check_every: int = 20
    progress_every: int = 0  # print a progress line every N actions (0: never)
    cli: bool = True
    hostile: bool = False
    undo_all: bool = True
    long_document: bool = True  # a fifth document of 44,000 characters, read by range


def pick(items: list[Any] | tuple[Any, ...], p: float) -> Any:
    """The item at fraction ``p`` of ``items`` (None if empty)."""
    return items[min(int(p * len(items)), len(items) - 1)] if items else None


def settle() -> None:
    """Let queued events, zero-delay timers and deferred deletions run, as the event loop would."""
    for _ in range(3):
        QApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def alive(widget: QWidget | None) -> bool:
    """Whether ``widget`` is still there and shown (a dialog closed with WA_DeleteOnClose is gone)."""
    return widget is not None and shiboken6.isValid(widget) and widget.isVisible()


def commit_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` as an input method does (QTest cannot type non-ASCII text)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


# -- the window's layer of the project, for the undo-all check -------------------------------------------------


def layer(path: Path, start_shas: set[str], excluded_shas: set[str], *, hostile: bool) -> dict[str, Any]:
    """What undo must restore: the documents of the start (by content), every span not made by the command line
    with its links, attributes and entity, and the labels; documents in ``excluded_shas`` left out."""
    conn = connect(path)
    try:
        docs = {
            row[0]: row[1:]
            for row in conn.execute("SELECT id, sha256, title, done, metadata, source_path FROM documents")
        }
        shas = {doc: values[0] for doc, values in docs.items()}
        spans = {}
        for row in conn.execute(
            'SELECT id, document_id, start, "end", label, text, annotator, note, status, source, review, reviewer, '
            "review_comment, entity_id, created, updated FROM annotations"
        ):
            sha = shas.get(row[1])
            if row[6] == CLI_ANNOTATOR or sha in excluded_shas:
                continue
            spans[row[0]] = (sha, *row[2:])
        links = {
            row[0]: row[1:]
            for row in conn.execute("SELECT id, from_span, to_span, role, annotator, created, updated FROM links")
            if row[1] in spans and row[2] in spans
        }
        attributes = {
            (row[0], row[1]): row[2]
            for row in conn.execute("SELECT span_id, name, value FROM attributes")
            if row[0] in spans
        }
        used = {values[12] for values in spans.values() if values[12] is not None}
        entities = {row[0]: row[1:] for row in conn.execute("SELECT id, name, label FROM entities") if row[0] in used}
        documents = {values[0]: values[1:] for values in docs.values() if values[0] in start_shas - excluded_shas}
        labels = conn.execute("SELECT * FROM labels ORDER BY name").fetchall()
    finally:
        conn.close()
    if hostile:  # the command line deleted some of them: only what is left can be compared
        return {"documents": documents, "labels": labels}
    return {
        "documents": documents,
        "spans": spans,
        "links": links,
        "attributes": attributes,
        "entities": entities,
        "labels": labels,
    }


def layer_difference(before: dict[str, Any], after: dict[str, Any]) -> str:
    """A short account of how two layers differ ("" if they do not)."""
    parts = []
    for key in before:
        a, b = before[key], after.get(key)
        if a == b:
            continue
        if isinstance(a, dict) and isinstance(b, dict):
            lost = sorted(set(a) - set(b), key=str)[:4]
            extra = sorted(set(b) - set(a), key=str)[:4]
            changed = [(k, a[k], b[k]) for k in sorted(set(a) & set(b), key=str) if a[k] != b[k]][:3]
            parts.append(f"{key}: missing {lost}, extra {extra}, changed {changed}")
        else:
            parts.append(f"{key}: {a!r:.200} != {b!r:.200}")
    return "; ".join(parts)


# -- one run ---------------------------------------------------------------------------------------------------


class Run:
    """The real window on a fresh copy of the starting project, played one action at a time."""

    def __init__(self, start_db: Path, workdir: Path, options: Options, log: Callable[[str], None] = print) -> None:
        self.options = options
        self.workdir = workdir
        self.say = log
        self.began = time.perf_counter()
        workdir.mkdir(parents=True, exist_ok=True)
        self.db_path = workdir / "project.db"
        for stale in workdir.glob("project.db*"):
            stale.unlink()
        shutil.copyfile(start_db, self.db_path)
        self.stats = Stats()
        self.history: list[str] = []  # actions and what the window said, for the failure report
        self.errors: list[tuple[str, str]] = []
        self.index = -1
        self.p: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
        self.import_serial = 0
        self.import_rng = random.Random(f"imports-{start_db.name}")
        with closing(connect(self.db_path)) as conn:
            rows = conn.execute("SELECT sha256, text FROM documents ORDER BY id").fetchall()
        self.start_shas = {row[0] for row in rows}
        self.excluded_shas: set[str] = set()
        # The start documents as files, so that an import can bring one back after it was deleted.
        self.start_files = []
        for number, (_sha, text) in enumerate(rows):
            path = workdir / f"start-{number + 1}.txt"
            path.write_text(text, encoding="utf-8")
            self.start_files.append(path)
        self.start_layer = layer(self.db_path, self.start_shas, set(), hostile=options.hostile)
        self.window: MainWindow | None = None

    # -- set-up and tear-down ----------------------------------------------------------------------------------

    @contextmanager
    def watching(self) -> Iterator[None]:
        """Record, as errors of the run, exceptions in slots, warnings logged, and Qt warnings."""
        run = self

        class Recorder(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                text = record.getMessage()
                if record.exc_info:
                    text += "\n" + "".join(traceback.format_exception(*record.exc_info))
                run.errors.append((f"log:{record.levelname}:{record.name}", text))

        def excepthook(kind: type[BaseException], value: BaseException, tb: Any) -> None:
            run.errors.append((f"exception:{kind.__name__}", "".join(traceback.format_exception(kind, value, tb))))

        def qt_messages(mode: QtMsgType, context: Any, message: str) -> None:
            if mode != QtMsgType.QtDebugMsg and mode != QtMsgType.QtInfoMsg and not any(n in message for n in QT_NOISE):
                run.errors.append((f"qt:{mode.name}", message))

        handler = Recorder(logging.WARNING)
        root = logging.getLogger()
        root.addHandler(handler)
        previous_hook = sys.excepthook
        sys.excepthook = excepthook
        previous_handler = qInstallMessageHandler(qt_messages)
        try:
            yield
        finally:
            qInstallMessageHandler(previous_handler)
            sys.excepthook = previous_hook
            root.removeHandler(handler)

    def open_window(self) -> MainWindow:
        """The real window on the copy, its questions answered by the run (never a modal box)."""
        settings = settings_path()
        if settings.exists():
            settings.unlink()  # every run starts from the same preferences
        window = MainWindow(self.db_path, annotator=ANNOTATOR, poll_interval_ms=0)
        window.inform = self._inform  # type: ignore[method-assign]
        window.ask = self._ask  # type: ignore[method-assign]
        window.ask_text = lambda *_a, **_k: self._text_answer()  # type: ignore[method-assign]
        window.choose_item = lambda _t, _l, items: self._choose(items)  # type: ignore[method-assign]
        window.choose_save_path = lambda *_a, **_k: None  # type: ignore[method-assign]
        window.choose_open_path = lambda *_a, **_k: None  # type: ignore[method-assign]
        window.choose_folder = lambda *_a, **_k: None  # type: ignore[method-assign]
        window.choose_import_paths = self._import_paths  # type: ignore[method-assign]
        window.statusBar().messageChanged.connect(lambda text: text and self.history.append(f"    status: {text}"))
        window.show()
        QTest.qWaitForWindowActive(window, 2000)
        settle()
        self.window = window
        return window

    def close(self) -> None:
        """Close the window (and with it the project)."""
        if self.window is not None:
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, QDialog) and widget.isVisible():
                    widget.reject()
            self.window.close()
            self.window.deleteLater()
            settle()
            self.window = None

    # -- the window's questions --------------------------------------------------------------------------------

    def _inform(self, title: str, text: str, **_: Any) -> None:
        self.history.append(f"    box: {title}: {text[:160]!r}")
        if title in ("That edit cannot be undone any more", "That edit cannot be redone any more"):
            self.stats.skipped_steps += 1
            reason = re.sub(r"“.*?”|[0-9a-f]{8}-[0-9a-f-]{27}|\d+", "…", text.split("\n")[0])
            reason = reason.split(": ", 1)[-1]
            self.stats.skip_reasons[reason] = self.stats.skip_reasons.get(reason, 0) + 1
        if "Unexpected error" in text or title not in EXPECTED_BOXES:
            self.errors.append((f"box:{title}", text))

    def _ask(self, title: str, text: str, buttons: Any, **_: Any) -> str | None:
        self.history.append(f"    asked: {title}: {list(buttons)}")
        if SAVE_COPY in buttons:  # an environment fault: nothing in a run should cause one
            self.errors.append((f"fault:{title}", text))
            return "Close"
        return buttons[0] if self.p[3] < 0.8 else None  # mostly yes, sometimes cancelled

    def _text_answer(self) -> str | None:
        if self.p[3] < 0.15:
            return None
        return pick(["vérifié", "à revoir 🇰🇵", "", "source : l’AFP", "e\u0301te\u0301 👩‍👩‍👧"], self.p[2])

    def _choose(self, items: Any) -> str | None:
        return None if self.p[3] < 0.1 else pick(list(items), self.p[2])

    def _import_paths(self) -> list[Path]:
        assert self.window is not None
        if self.p[1] < 0.35:  # a start document's file again: a no-op, or a new copy if it was deleted
            path = pick(self.start_files, self.p[2])
            sha = text_sha256(path.read_text(encoding="utf-8"))
            with closing(connect(self.db_path)) as conn:
                present = conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha,)).fetchone()
            if not present:
                # Its deletion can no longer be undone (README): the undo-all check leaves that document out.
                self.excluded_shas.add(sha)
            return [path]
        self.import_serial += 1
        return [import_file(self.workdir, self.import_rng, self.import_serial)]

    # -- running -----------------------------------------------------------------------------------------------

    def play(self, actions: list[Action]) -> None:
        """Run ``actions`` (their checks included), then check once more; raises Failure."""
        for index, action in enumerate(actions):
            self.index = index
            if action.kind == "check":
                self.history.append(f"{index:5d} check")
                self.check()
            else:
                self.step(action)
                every = self.options.progress_every
                if every and self.stats.actions % every == 0:
                    assert self.window is not None
                    self.say(
                        f"    {self.stats.actions} actions, {time.perf_counter() - self.began:.0f} s, "
                        f"{self.stats.cli_writes} CLI writes, undo stack {self.window.undo_stack.count()}"
                    )
        self.check()

    def step(self, action: Action) -> None:
        """Run one action, then let the window settle; raises Failure if it broke something."""
        assert self.window is not None
        self.history.append(f"{self.index:5d} {action}")
        self.p = action.p
        self.stats.actions += 1
        self.stats.counts[action.kind] = self.stats.counts.get(action.kind, 0) + 1
        self._close_modal_dialogs()
        try:
            getattr(self, f"do_{action.kind}")(*action.p)
        except Failure:
            raise
        except Exception as exc:  # the driver or the window raised straight through a call
            self.errors.append((f"exception:{type(exc).__name__}", traceback.format_exc()))
        settle()
        self.stats.stack_max = max(self.stats.stack_max, self.window.undo_stack.count())
        self.raise_errors()

    def raise_errors(self) -> None:
        """Turn what was recorded during the last step into a Failure."""
        if self.errors:
            kind, detail = self.errors[0]
            more = f" (and {len(self.errors) - 1} more)" if len(self.errors) > 1 else ""
            self.errors = []
            raise Failure(kind, detail + more, self.index)

    def check(self) -> None:
        """Poll as the window's timer does, then check the file and every panel against it."""
        assert self.window is not None
        self.window.poll_external_changes()
        settle()
        self.raise_errors()
        self.stats.checks += 1
        problems = database_problems(self.db_path)
        if problems:
            raise Failure("database", "; ".join(problems), self.index)
        problems = panel_problems(self.window, self.db_path)
        if problems:
            raise Failure(
                "panels:" + problems[0].split(" ")[0] + " " + problems[0].split(" ")[1], "; ".join(problems), self.index
            )

    def finish(self) -> None:
        """Undo everything, redo everything, undo everything again: the window's layer must be the start's."""
        assert self.window is not None
        self.index += 1
        self.history.append(f"{self.index:5d} undo-all")
        self.stats.stack_end = self.window.undo_stack.index()
        self._close_modal_dialogs()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        settle()
        for attempt in range(2):
            self._undo_all()
            self.check()
            if self.options.undo_all:
                after = layer(self.db_path, self.start_shas, self.excluded_shas, hostile=self.options.hostile)
                before = layer_difference(self._start_layer_without_excluded(), after)
                if before:
                    raise Failure("undo-all", f"the window's layer differs from the start: {before}", self.index)
            if attempt == 0:
                stack = self.window.undo_stack
                while stack.canRedo():
                    self.window.redo()
                    settle()
                    self.raise_errors()
                self.check()

    def _start_layer_without_excluded(self) -> dict[str, Any]:
        if not self.excluded_shas:
            return self.start_layer
        result = dict(self.start_layer)
        result["documents"] = {sha: v for sha, v in result["documents"].items() if sha not in self.excluded_shas}
        if "spans" in result:
            spans = {k: v for k, v in result["spans"].items() if v[0] not in self.excluded_shas}
            result["spans"] = spans
            result["links"] = {k: v for k, v in result["links"].items() if v[0] in spans and v[1] in spans}
            result["attributes"] = {k: v for k, v in result["attributes"].items() if k[0] in spans}
            used = {v[12] for v in spans.values() if v[12] is not None}
            result["entities"] = {k: v for k, v in result["entities"].items() if k in used}
        return result

    def _undo_all(self) -> None:
        assert self.window is not None
        stack = self.window.undo_stack
        guard = stack.count() + 5
        while stack.canUndo() and guard > 0:
            guard -= 1
            self.window.undo()
            self.stats.undo_steps += 1
            settle()
            self.raise_errors()
        if stack.canUndo():
            raise Failure("undo-all", f"the stack did not reach its bottom (index {stack.index()})", self.index)

    # -- helpers -----------------------------------------------------------------------------------------------

    def _close_modal_dialogs(self) -> None:
        modal = QApplication.activeModalWidget()
        while modal is not None:
            self.history.append(f"    closed a modal {modal.objectName() or type(modal).__name__}")
            if isinstance(modal, QDialog):
                modal.reject()
            else:
                modal.close()
            settle()
            if QApplication.activeModalWidget() is modal:
                break
            modal = QApplication.activeModalWidget()

    def _focus_reader(self) -> QWidget:
        window = self.window
        assert window is not None
        if QApplication.activeWindow() is not window:
            window.activateWindow()
            window.raise_()
            settle()
        window.reader.setFocus()
        return window.reader

    def _key(self, widget: QWidget, key: Qt.Key, mods: Qt.KeyboardModifier = NO_MODS) -> None:
        QTest.keyClick(widget, key, mods)
        settle()

    def _action(self, name: str) -> QAction:
        assert self.window is not None
        found = self.window.findChild(QAction, name)
        assert found is not None, name
        return found

    def _spans_of_reader(self, status: str | None = None) -> list[tuple[str, tuple[int, int, str, str]]]:
        assert self.window is not None
        spans = sorted(reader_spans(self.window).items(), key=lambda item: (item[1][0], item[1][1], item[0]))
        return [item for item in spans if status is None or item[1][3] == status]

    def _click_codepoint(self, position: int) -> None:
        """A left click on the character at code point ``position`` of the reader, scrolled into view."""
        assert self.window is not None
        reader = self.window.reader
        cursor = QTextCursor(reader.document())
        cursor.setPosition(reader.to_utf16(position))
        if not reader.viewport().rect().contains(reader.cursorRect(cursor)):
            reader.setTextCursor(cursor)
            reader.centerCursor()
            settle()
        left = reader.cursorRect(cursor)
        cursor.setPosition(reader.to_utf16(min(position + 1, len(reader.text()))))
        right = reader.cursorRect(cursor)
        x = (
            (left.left() + right.left()) // 2
            if right.top() == left.top() and right.left() > left.left()
            else left.left() + 2
        )
        QTest.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, NO_MODS, QPoint(x, left.center().y()))
        settle()

    def _hazard_sites(self, text: str) -> list[int]:
        return [i for i, ch in enumerate(text) if ch in HAZARD_CHARS or ord(ch) > 0xFFFF or 0x300 <= ord(ch) < 0x370]

    # -- the actions -------------------------------------------------------------------------------------------

    def do_select(self, where: float, length: float, how: float, back: float) -> None:
        """A text selection, often starting or ending next to a surrogate pair, flag, ZWJ or combining mark."""
        assert self.window is not None
        reader = self._focus_reader()
        text = self.window.reader.text()
        if not text:
            return
        sites = self._hazard_sites(text)
        if sites and where < 0.6:
            anchor = pick(sites, where / 0.6) + (1 if back < 0.5 else 0)
        else:
            anchor = int(where * len(text))
        anchor = max(0, min(anchor, len(text)))
        steps = 1 + int(length * 14)
        backwards = back < 0.3
        cursor = self.window.reader.textCursor()
        cursor.setPosition(self.window.reader.to_utf16(anchor))
        if how < 0.4:  # the keyboard: Shift+arrows (Qt moves by whole characters, as a user sees them)
            self.window.reader.setTextCursor(cursor)
            key = Qt.Key.Key_Left if backwards else Qt.Key.Key_Right
            for _ in range(steps):
                QTest.keyClick(reader, key, SHIFT)
            if how < 0.1:  # and by words
                QTest.keyClick(reader, key, SHIFT | CTRL)
        elif how < 0.75:
            move = QTextCursor.MoveOperation.PreviousCharacter if backwards else QTextCursor.MoveOperation.NextCharacter
            if how > 0.65:
                move = QTextCursor.MoveOperation.PreviousWord if backwards else QTextCursor.MoveOperation.NextWord
            cursor.movePosition(move, QTextCursor.MoveMode.KeepAnchor, steps)
            self.window.reader.setTextCursor(cursor)
        else:  # code-point positions, as a find or a script would set them
            end = max(0, min(len(text), anchor + (-steps if backwards else steps)))
            cursor.setPosition(self.window.reader.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
            self.window.reader.setTextCursor(cursor)

    def do_hotkey(self, which: float, alt: float, _c: float, _d: float) -> None:
        """A label hotkey in the reader: tags the selection, or relabels the selected span (Alt: exact)."""
        self._key(self._focus_reader(), pick(KEYS_OF_LABELS, which), ALT if alt < 0.15 else NO_MODS)

    def do_label_button(self, which: float, _b: float, _c: float, _d: float) -> None:
        """A click on a label button."""
        assert self.window is not None
        button = self.window.findChild(QPushButton, f"label-{pick(LABELS, which)}")
        if button is not None and button.isVisible():
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    def do_tab(self, back: float, count: float, _c: float, _d: float) -> None:
        """Tab / Shift+Tab in the reader: next / previous span."""
        reader = self._focus_reader()
        for _ in range(1 + int(count * 3)):
            QTest.keyClick(
                reader, Qt.Key.Key_Backtab if back < 0.35 else Qt.Key.Key_Tab, SHIFT if back < 0.35 else NO_MODS
            )

    def do_click_span(self, which: float, whose: float, _c: float, _d: float) -> None:
        """A click on a span's highlight in the reader (again on the same place cycles through overlaps); now and
        then on one of the command line's spans, which it may delete under the window."""
        assert self.window is not None
        spans = self._spans_of_reader()
        if whose < 0.3:
            info = self.window.reader.spans.get
            theirs = [item for item in spans if (found := info(item[0])) and found.annotator == CLI_ANNOTATOR]
            spans = theirs or spans
        chosen = pick(spans, which)
        if chosen is not None:
            self._focus_reader()
            self._click_codepoint(chosen[1][0])

    def do_boundary(self, which: float, direction: float, _c: float, _d: float) -> None:
        """Alt+Left/Right (start) or Alt+Shift+Left/Right (end) on the selected span."""
        key = Qt.Key.Key_Left if direction < 0.5 else Qt.Key.Key_Right
        self._key(self._focus_reader(), key, ALT | SHIFT if which < 0.5 else ALT)

    def do_delete_key(self, *_p: float) -> None:
        """Delete on the selected span."""
        self._key(self._focus_reader(), Qt.Key.Key_Delete)

    def do_note(self, how: float, _b: float, text: float, keep: float) -> None:
        """N (or F2) on the selected span, a note typed (accents through the input method), Enter or Escape."""
        reader = self._focus_reader()
        self._key(reader, Qt.Key.Key_N if how < 0.7 else Qt.Key.Key_F2)
        assert self.window is not None
        dialog = self.window.findChild(QInputDialog, "note-editor")
        if not alive(dialog):
            return
        line = dialog.findChild(QLineEdit)
        assert line is not None
        line.selectAll()
        commit_text(line, pick(["à vérifier", "d’après l’AFP 🇰🇵", "", "n°\u00a010", "e\u0301 👩‍👩‍👧"], text))
        self._key(line, Qt.Key.Key_Escape if keep < 0.2 else Qt.Key.Key_Return)

    def do_suggestion_key(self, which: float, accept: float, _c: float, _d: float) -> None:
        """Click a suggestion in the reader, then Enter (accept) or Backspace (reject)."""
        spans = self._spans_of_reader("suggested")
        chosen = pick(spans, which)
        reader = self._focus_reader()
        if chosen is not None:
            self._click_codepoint(chosen[1][0])
        self._key(reader, Qt.Key.Key_Return if accept < 0.6 else Qt.Key.Key_Backspace)

    def do_undo(self, count: float, _b: float, _c: float, _d: float) -> None:
        """A burst of Ctrl+Z."""
        reader = self._focus_reader()
        for _ in range(1 + int(count**3 * 12)):  # mostly one or two, now and then a dozen
            self._key(reader, Qt.Key.Key_Z, CTRL)

    def do_redo(self, count: float, _b: float, _c: float, _d: float) -> None:
        """A burst of Ctrl+Shift+Z."""
        reader = self._focus_reader()
        for _ in range(1 + int(count**3 * 10)):
            self._key(reader, Qt.Key.Key_Z, CTRL | SHIFT)

    def do_switch_document(self, how: float, which: float, _c: float, _d: float) -> None:
        """Ctrl+PgDown / Ctrl+PgUp, or a click in the document list."""
        assert self.window is not None
        if how < 0.5:
            key = Qt.Key.Key_PageDown if how < 0.3 else Qt.Key.Key_PageUp
            self._key(self._focus_reader(), key, CTRL)
            return
        view = self.window.document_panel.view
        model = view.model()
        if model.rowCount():
            index = model.index(min(int(which * model.rowCount()), model.rowCount() - 1), 0)
            view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
            QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, NO_MODS, view.visualRect(index).center())

    def do_table(self, which: float, then: float, _c: float, _d: float) -> None:
        """A click on a row of the span table (it goes to the span), then maybe Enter or Delete there."""
        assert self.window is not None
        table = self.window.findChild(QTableView, "annotation-table")
        model = table.model()
        if not model.rowCount():
            return
        index = model.index(min(int(which * model.rowCount()), model.rowCount() - 1), 1)
        table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        settle()
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, NO_MODS, table.visualRect(index).center())
        settle()
        if then < 0.25:
            table.setFocus()
            self._key(table, Qt.Key.Key_Delete)
        elif then < 0.45:
            table.setFocus()
            self._key(table, Qt.Key.Key_Return)

    def do_link(self, target: float, role: float, how: float, _d: float) -> None:
        """L on the selected span, then a target and a role from the picker (or Escape, or left open)."""
        self._key(self._focus_reader(), Qt.Key.Key_L)
        assert self.window is not None
        picker = self.window.findChild(QDialog, "link-picker")
        if not alive(picker):
            return
        line = picker.findChild(QLineEdit, "link-picker-filter")
        if how < 0.1:
            self._key(line, Qt.Key.Key_Escape)
            return
        if how < 0.2:
            return  # left open: a later click or Tab in the reader picks the target
        for _ in range(int(target * 6)):
            QTest.keyClick(line, Qt.Key.Key_Down)
        self._key(line, Qt.Key.Key_Return)
        if alive(picker):
            for _ in range(int(role * 3)):
                QTest.keyClick(line, Qt.Key.Key_Down)
            self._key(line, Qt.Key.Key_Return)

    def do_entity(self, name: float, how: float, _c: float, _d: float) -> None:
        """E on the selected span, then an entity typed (existing or new) and Enter, or Escape."""
        self._key(self._focus_reader(), Qt.Key.Key_E)
        assert self.window is not None
        picker = self.window.findChild(QDialog, "entity-picker")
        if not alive(picker):
            return
        line = picker.findChild(QLineEdit, "entity-picker-filter")
        if how < 0.15:
            self._key(line, Qt.Key.Key_Escape)
            return
        commit_text(line, pick(["Corée du Nord", "Russie", "Séoul 🇰🇷", "", "Pyongyang"], name))
        self._key(line, Qt.Key.Key_Return)
        if alive(picker):
            self._key(line, Qt.Key.Key_Escape)

    def do_attribute(self, value: float, _b: float, _c: float, _d: float) -> None:
        """Alt+0…4 on the selected span: a value of its first attribute (0 clears)."""
        self._key(self._focus_reader(), getattr(Qt.Key, f"Key_{int(value * 5)}"), ALT)

    def do_view(self, which: float, row: float, what: float, then: float) -> None:
        """A tab of the Views dock, and something done there."""
        assert self.window is not None
        tabs = self.window.view_tabs
        if not tabs.count():
            return
        if not self.window.view_dock.isVisible():
            self.window.view_dock.show()
        index = min(int(which * tabs.count()), tabs.count() - 1)
        bar = tabs.tabBar()
        QTest.mouseClick(bar, Qt.MouseButton.LeftButton, NO_MODS, bar.tabRect(index).center())
        settle()
        view = tabs.currentWidget()
        name = view.objectName()
        if name == "review-view":
            table = view.findChild(QTableView, "review-table")
            if table.model().rowCount():
                target = table.model().index(min(int(row * table.model().rowCount()), table.model().rowCount() - 1), 2)
                table.scrollTo(target, QAbstractItemView.ScrollHint.EnsureVisible)
                settle()
                QTest.mouseClick(
                    table.viewport(), Qt.MouseButton.LeftButton, NO_MODS, table.visualRect(target).center()
                )
                settle()
            table.setFocus()
            self._key(table, pick([Qt.Key.Key_A, Qt.Key.Key_R, Qt.Key.Key_C, Qt.Key.Key_M], what))
        elif name == "links-view":
            listing = view.findChild(QAbstractItemView, "links-list")
            model = listing.model()
            if model.rowCount():
                target = model.index(min(int(row * model.rowCount()), model.rowCount() - 1), 0)
                QTest.mouseClick(
                    listing.viewport(), Qt.MouseButton.LeftButton, NO_MODS, listing.visualRect(target).center()
                )
                settle()
                if what < 0.3:
                    button = view.findChild(QPushButton, "link-delete")
                    if button.isEnabled():
                        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
                elif what < 0.5:
                    combo = view.findChild(QComboBox, "link-role")
                    if combo.isEnabled() and combo.count():
                        combo.activated.emit(min(int(then * combo.count()), combo.count() - 1))
        elif name == "attributes-view":
            combos = [c for c in view.findChildren(QComboBox) if c.isVisible()]
            combo = pick(combos, what)
            if combo is not None and combo.count():
                index = min(int(then * combo.count()), combo.count() - 1)
                combo.setCurrentIndex(index)
                combo.activated.emit(index)
        elif name == "agreement-view":  # compute, pick a disagreement, adjudicate it into the gold layer
            if what < 0.3 or not view.findChild(QTableWidget, "agreement-disagreements").rowCount():
                names = view.findChild(QListWidget, "agreement-annotators")
                for number in range(names.count()):  # the window's and the command line's spans compared
                    item = names.item(number)
                    wanted = item.text() in (ANNOTATOR, CLI_ANNOTATOR)
                    item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
                QTest.mouseClick(view.findChild(QPushButton, "agreement-compute"), Qt.MouseButton.LeftButton)
                settle()
            table = view.findChild(QTableWidget, "agreement-disagreements")
            if table.rowCount():
                target = table.model().index(min(int(row * table.rowCount()), table.rowCount() - 1), 0)
                table.scrollTo(target, QAbstractItemView.ScrollHint.EnsureVisible)
                settle()
                QTest.mouseClick(
                    table.viewport(), Qt.MouseButton.LeftButton, NO_MODS, table.visualRect(target).center()
                )
                settle()
                buttons = [
                    b
                    for b in view.findChildren(QPushButton)
                    if b.objectName().startswith("adjudicate-") and b.isVisible() and b.isEnabled()
                ]
                button = pick(buttons, then)
                if button is not None and what > 0.2:
                    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        else:  # the corpus views: a click on a row, which opens its span where they do
            tables = [t for t in view.findChildren(QAbstractItemView) if t.isVisible() and t.model() is not None]
            table = pick(tables, what)
            if table is not None and table.model().rowCount():
                model = table.model()
                target = model.index(min(int(row * model.rowCount()), model.rowCount() - 1), 0)
                table.scrollTo(target, QAbstractItemView.ScrollHint.EnsureVisible)
                settle()
                rect = table.visualRect(target)
                if rect.isValid():
                    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, NO_MODS, rect.center())

    def do_suggest(self, which: float, _b: float, _c: float, _d: float) -> None:
        """Tools → Suggest quantities / Propagate tagged mentions."""
        self._action("action-suggest-quantities" if which < 0.5 else "action-propagate-mentions").trigger()

    def do_review_all(self, accept: float, _b: float, _c: float, _d: float) -> None:
        """Tools → Accept / Reject all suggestions of a label (the label chosen in the question)."""
        self._action("action-accept-suggestions" if accept < 0.6 else "action-reject-suggestions").trigger()

    def do_auto_propagate(self, *_p: float) -> None:
        """Tools → Propagate new tags automatically, on or off."""
        self._action("action-auto-propagate").trigger()

    def do_delete_document(self, *_p: float) -> None:
        """Document → Delete (confirmed, mostly)."""
        self._action("action-delete-document").trigger()

    def do_import(self, *_p: float) -> None:
        """File → Import files: a new document, or a start document's file again."""
        self._action("action-import").trigger()

    def do_filter(self, which: float, *_p: float) -> None:
        """View → Show spans of: everyone, or mine."""
        self._action("action-show-all" if which < 0.6 else "action-show-mine").trigger()

    def do_document_edit(self, which: float, *_p: float) -> None:
        """Document → Rename, or Mark done."""
        self._action("action-rename-document" if which < 0.5 else "action-mark-done").trigger()

    def do_poll(self, *_p: float) -> None:
        """What the window's timer does every second and a half."""
        assert self.window is not None
        self.window.poll_external_changes()

    # -- the other program -------------------------------------------------------------------------------------

    def _cli(self, *args: str) -> None:
        began = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "annotator", "spans", *args, "--db", str(self.db_path)],
            capture_output=True,
            text=True,
            env=child_env(ANNOTATOR_NAME=CLI_ANNOTATOR),
            timeout=120,
        )
        self.stats.cli_writes += 1
        self.history.append(
            f"    cli {' '.join(args)} -> {result.returncode} {result.stdout.strip()[:60]} "
            f"({time.perf_counter() - began:.2f} s)"
        )
        if result.returncode != 0 or result.stderr.strip():
            self.errors.append(("cli", f"exit {result.returncode}: {result.stderr.strip()}"))

    def do_cli_add(self, doc: float, where: float, length: float, label: float) -> None:
        """``annotator spans add`` in a child process: a word-snapped span of the command line's own."""
        from annotator.core.offsets import snap_to_words

        with closing(connect(self.db_path)) as conn:
            docs = conn.execute("SELECT id, text FROM documents ORDER BY id").fetchall()
        chosen = pick(docs, doc)
        if chosen is None or not chosen[1].strip():
            return
        text = chosen[1]
        at = int(where * len(text))
        start, end = snap_to_words(text, at, min(len(text), at + 1 + int(length * 20)))
        if end <= start:
            return
        self._cli(
            "add",
            "--doc",
            str(chosen[0]),
            "--start",
            str(start),
            "--end",
            str(end),
            "--label",
            pick(LABELS, label),
            "--annotator",
            CLI_ANNOTATOR,
        )

    def do_cli_delete(self, which: float, aim: float, _c: float, _d: float) -> None:
        """``annotator spans delete`` in a child process: one of its own spans (any span, if hostile), often the
        one selected in the window, so that the window's next key meets a span deleted under it."""
        assert self.window is not None
        who = "" if self.options.hostile else "WHERE annotator = ?"
        with closing(connect(self.db_path)) as conn:
            rows = [
                row[0]
                for row in conn.execute(
                    f'SELECT id FROM annotations {who} ORDER BY document_id, start, "end", label, text, id',
                    () if self.options.hostile else (CLI_ANNOTATOR,),
                )
            ]
        selected = self.window.reader.selected_span_id()
        chosen = selected if aim < 0.5 and selected in rows else pick(rows, which)
        if chosen is not None:
            self._cli("delete", chosen)


# -- whole runs, shrinking, reports ------------------------------------------------------------------------------


@dataclass
class Outcome:
    """How a run ended."""

    failure: Failure | None
    stats: Stats
    history: list[str]


def play(
    start_db: Path,
    workdir: Path,
    actions: list[Action],
    options: Options,
    say: Callable[[str], None] = print,
) -> Outcome:
    """Play ``actions`` on a fresh copy of ``start_db`` in the real window, then undo everything."""
    began = time.perf_counter()
    run = Run(start_db, workdir, options, say)
    failure: Failure | None = None
    with run.watching():
        try:
            run.open_window()
            run.play(actions)
            if options.undo_all:
                run.finish()
        except Failure as caught:
            failure = caught
        finally:
            run.close()
            try:
                run.raise_errors()
            except Failure as late:  # something went wrong while closing
                failure = failure or late
    run.stats.seconds = time.perf_counter() - began
    return Outcome(failure, run.stats, run.history)


def shrink(
    start_db: Path,
    workdir: Path,
    actions: list[Action],
    failure: Failure,
    options: Options,
    *,
    budget_s: float = 600.0,
    say: Callable[[str], None] = print,
) -> list[Action]:
    """The smallest sub-list of ``actions`` found (delta debugging) that fails the same way, each try replayed
    from a fresh copy of the starting project (checks are actions too: a shorter list may check elsewhere)."""
    deadline = time.monotonic() + budget_s
    tries = 0
    quick = Options(
        check_every=options.check_every,
        cli=options.cli,
        hostile=options.hostile,
        undo_all=failure.kind == "undo-all",
        long_document=options.long_document,
    )

    def fails(candidate: list[Action]) -> bool:
        nonlocal tries
        tries += 1
        outcome = play(start_db, workdir / "shrink", candidate, quick)
        return outcome.failure is not None and outcome.failure.kind == failure.kind

    current = actions[: failure.index + 1] if failure.kind != "undo-all" else list(actions)
    if not fails(current):
        say("    the failure does not reproduce on replay; not shrunk")
        return current
    chunks = 2
    while len(current) >= 2 and time.monotonic() < deadline:
        size = max(1, len(current) // chunks)
        reduced = False
        for begin in range(0, len(current), size):
            if time.monotonic() >= deadline:
                break
            candidate = current[:begin] + current[begin + size :]
            if candidate and fails(candidate):
                current = candidate
                chunks = max(chunks - 1, 2)
                reduced = True
                break
        if not reduced:
            if size == 1:
                break
            chunks = min(len(current), chunks * 2)
    say(f"    shrunk to {len(current)} actions in {tries} replays")
    return current


def start_project(folder: Path, seed: int, *, long_document: bool = True) -> Path:
    """The starting project of ``seed`` (built once, copied for every run and replay)."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"start-{seed}{'' if long_document else '-short'}"
    path = folder / f"{name}.db"
    if not path.exists():
        partial = folder / f"{name}.building.db"
        for stale in folder.glob(partial.name + "*"):
            stale.unlink()
        build_start_project(partial, seed, long_document=long_document)
        with closing(sqlite3.connect(partial)) as conn:  # the last connection: the journal files go with it
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        partial.rename(path)
    return path


def run_seed(
    seed: int,
    count: int,
    folder: Path,
    options: Options,
    *,
    shrink_budget_s: float = 600.0,
    say: Callable[[str], None] = print,
) -> Outcome:
    """Generate and play ``count`` actions of ``seed``; on failure print the seed, the action log and a shrunk
    sequence, and save the actions to replay them (``python -m tests.monkey --replay FILE``)."""
    start_db = start_project(folder, seed, long_document=options.long_document)
    actions = generate(seed, count, cli=options.cli, check_every=options.check_every)
    outcome = play(start_db, folder / f"run-{seed}", actions, options, say)
    if outcome.failure is None:
        return outcome
    failure = outcome.failure
    say(f"FAILED seed {seed} at action {failure.index}: {failure.kind}\n{failure.detail}")
    say("action log (last 60 lines):")
    for line in outcome.history[-60:]:
        say("  " + line)
    smallest = shrink(start_db, folder, actions, failure, options, budget_s=shrink_budget_s, say=say)
    saved = folder / f"failure-seed{seed}.json"
    saved.write_text(
        json.dumps(
            {
                "seed": seed,
                "kind": failure.kind,
                "cli": options.cli,
                "hostile": options.hostile,
                "long_document": options.long_document,
                "actions": [a.to_json() for a in smallest],
            },
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    say(f"shrunk sequence ({len(smallest)} actions), saved to {saved}:")
    for action in smallest:
        say(f"  {action}")
    return outcome


def replay(path: Path, folder: Path, *, say: Callable[[str], None] = print) -> Outcome:
    """Play a saved failing sequence again (its checks where they were) and print its log."""
    data = json.loads(path.read_text(encoding="utf-8"))
    options = Options(cli=data["cli"], hostile=data["hostile"], long_document=data["long_document"])
    start_db = start_project(folder, int(data["seed"]), long_document=options.long_document)
    outcome = play(start_db, folder / "replay", [Action.from_json(a) for a in data["actions"]], options)
    for line in outcome.history:
        say("  " + line)
    say(f"replay: {outcome.failure or 'passed'}")
    return outcome
