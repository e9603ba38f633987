"""Thread pools for background work in the window, all waited for before the interpreter exits.

A pool thread still running Python code while the interpreter finalises crashes the process (a
backup started at open, then a script or a test that ends without closing the window). Every pool
made here is waited for by one ``atexit`` handler, which runs before finalisation.
"""

from __future__ import annotations

import atexit
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

EXIT_WAIT_MS = 30_000
WINDOW_CLOSE_WAIT_MS = 10_000  # what each part of a closing window may take to finish

_pools: weakref.WeakSet[QThreadPool] = weakref.WeakSet()


def background_pool(parent: QObject, max_threads: int) -> QThreadPool:
    """A thread pool owned by ``parent`` whose running jobs end before the process exits."""
    pool = QThreadPool(parent)
    pool.setMaxThreadCount(max_threads)
    _pools.add(pool)
    return pool


def wait_for_background_work(msecs: int = EXIT_WAIT_MS) -> None:
    """Wait for every live pool's running jobs (called at exit)."""
    for pool in list(_pools):
        try:
            pool.waitForDone(msecs)
        except RuntimeError:  # its C++ side is already gone with its parent: nothing runs there
            continue


atexit.register(wait_for_background_work)


class WorkerRegistry:
    """The background work of one window's parts: the window waits for each before closing its project."""

    def __init__(self) -> None:
        self._waiters: list[Callable[[], object]] = []

    def add(self, waiter: Callable[[], object]) -> None:
        """Call ``waiter`` (it waits for a part's threads, within its own limit) when the window closes."""
        self._waiters.append(waiter)

    def wait_all(self) -> None:
        """Wait for every registered part's work."""
        for waiter in self._waiters:
            try:
                waiter()
            except RuntimeError:  # its C++ side is gone already: nothing of it runs any more
                continue


def wait_at_close(window: object, waiter: Callable[[], object]) -> None:
    """Have ``window`` call ``waiter`` (waiting for a part's threads) before it closes its project; a window
    without a ``workers`` registry (a stand-in in a test) has nothing to register with."""
    registry = getattr(window, "workers", None)
    if isinstance(registry, WorkerRegistry):
        registry.add(waiter)


class Relay(QObject):
    """Carries a worker's result back to the main thread (a queued signal)."""

    finished = Signal(object)
    failed = Signal(str)


class Job(QRunnable):
    """Runs ``work()`` on a pool thread and reports through a relay; never touches the project."""

    def __init__(self, work: Callable[[], Any], relay: Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay  # kept alive by the job until it has reported
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # reported to the user; a background job must never take the app down
            self.relay.failed.emit(str(exc) or type(exc).__name__)
            return
        self.relay.finished.emit(result)
