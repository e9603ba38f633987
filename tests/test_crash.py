"""A real process killed with SIGKILL mid-work: every acknowledged span survives, the file stays whole."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from annotator.store.project import Project
from tests.conftest import FRENCH
from tests.processes import child_env

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

STORE_WRITER = textwrap.dedent(
    """
    import sys
    from annotator.store.project import Project

    with Project(sys.argv[1]) as project:
        text = project.document_text(1)
        i = 0
        while True:  # until killed
            start = i % (len(text) - 4)
            span = project.add_span(1, start, start + 4, "actor", note=str(i))
            print(span.id, flush=True)  # acknowledged: the call returned
            if i % 7 == 0:
                deleted = project.add_span(1, start, start + 2, "quantity")
                project.delete_span(deleted.id)
            i += 1
    """
)

BULK_WRITER = textwrap.dedent(
    """
    import sys
    from annotator.store.project import Project

    with Project(sys.argv[1]) as project:
        text = project.document_text(1)
        print("ready", flush=True)
        n = 0
        while True:
            n += 1
            with project.transaction() as db:  # rows written under the store, on purpose: a bulk writer
                for i in range(2000):
                    start = i % (len(text) - 4)
                    db.execute(
                        'INSERT INTO annotations (id, document_id, start, "end", label, text, annotator, created, '
                        "updated) VALUES (?, 1, ?, ?, 'actor', ?, 'bulk', 'now', 'now')",
                        [f"{n}-{i}", start, start + 4, text[start : start + 4]],
                    )
            print(n, flush=True)
    """
)


UI_WRITER = textwrap.dedent(
    """
    import re
    import sys

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication(["annotator"])
    from annotator.ui import MainWindow

    window = MainWindow(sys.argv[1], annotator="crash")
    window.show()
    window.open_document(1)
    app.processEvents()
    reader = window.reader
    reader.setFocus()
    text = window.project.document_text(1)
    offsets = reader.offset_map()
    known = {s.id for s in window.project.spans(1)}
    print("ready", flush=True)
    for match in re.finditer(r"\\w+", text):
        cursor = reader.textCursor()
        cursor.setPosition(offsets.to_utf16(match.start()))
        cursor.setPosition(offsets.to_utf16(match.end()), QTextCursor.MoveMode.KeepAnchor)
        reader.setTextCursor(cursor)
        QTest.keyClick(reader, Qt.Key.Key_1)  # the first label's hotkey, as a user types it
        app.processEvents()
        shown = {s.id for s in window.project.spans(1)} - known
        for span_id in sorted(shown):
            print(span_id, flush=True)  # the window has it: acknowledged to the user
        known |= shown
    print("done", flush=True)
    app.exec()  # stay up until killed
    """
)


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    return result


def start_child(script: str, db_path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, str(db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
    )


def kill(child: subprocess.Popen[str]) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    if child.stdout:
        child.stdout.close()
    if child.stderr:
        child.stderr.close()


@pytest.mark.slow
def test_store_killed_mid_work_keeps_every_acknowledged_span(db_path: Path) -> None:
    with Project(db_path) as project:
        project.add_document("Corée", FRENCH)
    for round_ in range(3):
        child = start_child(STORE_WRITER, db_path)
        assert child.stdout is not None
        acknowledged = [child.stdout.readline().strip() for _ in range(60)]
        kill(child)
        assert all(acknowledged), "the child stopped early"
        assert integrity(db_path) == "ok"
        with Project(db_path) as project:
            stored = {s.id for s in project.spans()}
            assert set(acknowledged) <= stored
            assert all(s.text == FRENCH[s.start : s.end] for s in project.spans())
            assert len(stored) >= 60 * (round_ + 1)


@pytest.mark.slow
def test_killed_inside_a_big_transaction_leaves_whole_transactions_only(db_path: Path) -> None:
    with Project(db_path) as project:
        project.add_document("Corée", FRENCH)
    child = start_child(BULK_WRITER, db_path)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    committed = int(child.stdout.readline())
    kill(child)
    assert integrity(db_path) == "ok"
    with sqlite3.connect(db_path) as conn:
        count = conn.execute("SELECT count(*) FROM annotations WHERE annotator = 'bulk'").fetchone()[0]
    conn.close()
    assert count % 2000 == 0  # never part of a transaction
    assert count >= committed * 2000


@pytest.mark.slow
def test_the_app_killed_while_tagging_keeps_every_span_it_showed(db_path: Path) -> None:
    text = FRENCH * 40
    with Project(db_path) as project:
        project.add_document("Corée", text)
    acknowledged: list[str] = []
    for _ in range(2):  # kill, restart on the same file, tag more, kill again
        child = subprocess.Popen(
            [sys.executable, "-c", UI_WRITER, str(db_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=child_env(QT_QPA_PLATFORM="offscreen"),
        )
        assert child.stdout is not None
        first = child.stdout.readline().strip()
        if first != "ready":
            child.kill()
            pytest.fail(f"the window did not start: {first!r} {child.stderr.read() if child.stderr else ''}")
        this_round = []
        while len(this_round) < 25:
            line = child.stdout.readline().strip()
            assert line and line != "done", "the window stopped tagging"
            this_round.append(line)
        kill(child)
        acknowledged.extend(this_round)
        assert integrity(db_path) == "ok"
        with Project(db_path) as project:
            stored = {s.id: s for s in project.spans()}
        assert set(acknowledged) <= set(stored)
        assert all(s.label == "actor" and s.annotator == "crash" for s in stored.values())
        assert all(s.text == text[s.start : s.end] for s in stored.values())
    assert len(set(acknowledged)) == 50
