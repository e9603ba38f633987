"""Fixtures shared by the UI tests: a real MainWindow, shown, whose message boxes never block; a reader on its own."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from reader_harness import Harness

from annotator.ui.main_window import MainWindow


@pytest.fixture
def make_window(qtbot, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., MainWindow]:
    """Build and show the real window on ``db_path``; what it would tell the user lands in ``window.informed``."""

    def make(annotator: str = "tester") -> MainWindow:
        window = MainWindow(db_path, annotator=annotator, poll_interval_ms=0)
        window.informed = []
        monkeypatch.setattr(window, "inform", lambda title, text, **_: window.informed.append(text))
        qtbot.addWidget(window)
        with qtbot.waitActive(window):
            window.show()
        return window

    return make


@pytest.fixture
def window(make_window: Callable[..., MainWindow]) -> MainWindow:
    """The real window of user ``tester`` on an empty project."""
    return make_window()


@pytest.fixture
def harness(qtbot, db_path: Path) -> Iterator[Harness]:
    """A reader on its own over the French test text, closed after the test."""
    h = Harness(qtbot, db_path)
    yield h
    h.close()
