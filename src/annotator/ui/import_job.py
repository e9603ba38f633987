"""Imports run off the window's thread, with progress and a Cancel button: the window never freezes.

A received folder may hold a thousand files or one that takes a while to refuse; the window keeps
painting and answering meanwhile. The job opens a ``Project`` of its own on the worker thread (an
SQLite connection is used by the thread that opened it), imports file by file (each file in one
transaction), and the window picks up what was written through its usual external-change path.
Cancel stops between files, and interrupts the SQL of the file under way (rolled back whole).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from annotator.services.importing import ImportCancelled, ImportReport, import_paths
from annotator.store.project import Project

log = logging.getLogger(__name__)


class ImportJob(QObject):
    """One import of ``paths`` into the project file at ``project_path``, run by ``start()`` on a thread.

    Signals (delivered on the window's thread): ``progressed(done, total, name)``, then exactly one of
    ``finished(report)`` or ``failed(exception)``.
    """

    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        project_path: Path,
        paths: Sequence[Path],
        *,
        annotator: str | None,
        read_only: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("import-job")
        self.project_path = project_path
        self.paths = list(paths)
        self.annotator = annotator
        self.read_only = read_only
        self._cancel = threading.Event()
        self._project: Project | None = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.done = False

    def start(self) -> None:
        """Run the import on a worker thread."""
        self._thread = threading.Thread(target=self._run, name="annotator-import", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        """Stop after the file under way; the SQL under way is interrupted and rolled back."""
        self._cancel.set()
        with self._lock:
            if self._project is not None:
                self._project.interrupt()

    @property
    def cancelled(self) -> bool:
        """Whether Cancel was asked for."""
        return self._cancel.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the worker thread to end; True if it did."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _progress(self, done: int, total: int, path: Path | None) -> None:
        if self._cancel.is_set():
            raise ImportCancelled
        self.progressed.emit(done, total, path.name if path is not None else "")

    def _run(self) -> None:
        try:
            project = Project(self.project_path, create=False, read_only=self.read_only)
            with self._lock:
                self._project = project
            try:
                report = import_paths(project, self.paths, annotator=self.annotator, progress=self._progress)
            finally:
                with self._lock:
                    self._project = None
                project.close()
        except BaseException as exc:  # every outcome reaches the window: nothing stops silently
            if self._cancel.is_set() and "interrupt" in str(exc).lower():
                report = ImportReport(cancelled=True)
            else:
                if not isinstance(exc, Exception):
                    log.error("import stopped: %r", exc)
                self.done = True
                self.failed.emit(exc)
                return
        self.done = True
        self.finished.emit(report)


__all__ = ["ImportJob"]
