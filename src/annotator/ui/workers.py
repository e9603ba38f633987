"""Thread pools for background work in the window, all waited for before the interpreter exits.

A pool thread still running Python code while the interpreter finalises crashes the process (a
backup started at open, then a script or a test that ends without closing the window). Every pool
made here is waited for by one ``atexit`` handler, which runs before finalisation.
"""

from __future__ import annotations

import atexit
import weakref

from PySide6.QtCore import QObject, QThreadPool

EXIT_WAIT_MS = 30_000

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
