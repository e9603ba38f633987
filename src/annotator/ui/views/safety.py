"""Safety of the analyst's work: automatic backups and changed source files.

- A rotating backup of the opened project is taken on a worker thread at start-up (never delaying
  it), into ``<user data dir>/backups/``, and again every half hour if the project changed meanwhile;
  the newest five are kept.
- When a document is opened, its source file is checked off the main thread; if it changed on disk,
  the status bar says so and Document → "Import changed source as new version" becomes available.
  The stored text and its spans never change: the new text becomes a new document.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
import shiboken6
from PySide6.QtCore import QT_TR_NOOP, QObject, QTimer, Signal
from PySide6.QtGui import QAction

from annotator.core.model import Document, text_sha256
from annotator.services.integrity import (
    CHANGED,
    MISSING,
    SUPERSEDED,
    UNREADABLE,
    SourceStatus,
    check_record,
    file_fingerprint,
    import_new_version,
    record_source,
    resolve_status,
    source_record,
)
from annotator.store.backup import rotating_backup
from annotator.store.location import APP_NAME
from annotator.store.project import DeletedDocument, Project
from annotator.ui.commands import ProjectCommand
from annotator.ui.i18n import tr_
from annotator.ui.workers import WINDOW_CLOSE_WAIT_MS, Job, Relay, background_pool, wait_at_close

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

ORDER = 90
BACKUPS_KEPT = 5
BACKUP_INTERVAL_MS = 30 * 60 * 1000
CONTROLLER_NAME = "safety-controller"
IMPORT_ACTION_NAME = "import-new-version"
IMPORT_ACTION_TEXT = QT_TR_NOOP("Import changed source as new version")


def backup_folder() -> Path:
    """Where automatic backups go: ``backups/`` in the user data folder."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "backups"


class ImportNewVersionCommand(ProjectCommand):
    """Import a changed source file as a new document (``previous_version`` = the old one); undoable."""

    def __init__(self, project: Project, status: SourceStatus) -> None:
        super().__init__(project, IMPORT_ACTION_TEXT)
        self.status = status
        self.document: Document | None = None
        self.created = False
        self.deleted: DeletedDocument | None = None
        self.source: tuple[str, Any] | None = None

    @property
    def document_id(self) -> int | None:
        """Id of the imported (or already present) new version."""
        return int(self.document.id) if self.document is not None and self.document.id is not None else None

    def apply(self) -> None:
        if self.deleted is not None:
            # Redo after undo: the same document comes back with the same id.
            self.document = self.project.restore_document(self.deleted)
            if self.source is not None and self.document_id is not None:
                record_source(self.project, self.document_id, self.source[0], self.source[1])
            self.deleted = None
            return
        self.document, self.created = import_new_version(self.project, self.status.document_id, self.status)
        if self.created and self.status.path and self.document_id is not None:
            self.source = (self.status.path, file_fingerprint(self.status.path))

    def revert(self) -> None:
        if self.created and self.document_id is not None:
            self.deleted = self.project.delete_document(self.document_id)


class SafetyController(QObject):
    """Automatic backup and source-file checks for one window (see the module's docstring)."""

    backupFinished = Signal(str)
    backupFailed = Signal(str)
    sourceChecked = Signal(object)

    def __init__(
        self,
        window: MainWindow,
        *,
        folder: Path | None = None,
        keep: int = BACKUPS_KEPT,
        backup_interval_ms: int = BACKUP_INTERVAL_MS,
    ) -> None:
        super().__init__(window)
        self.setObjectName(CONTROLLER_NAME)
        wait_at_close(window, lambda: self.wait(WINDOW_CLOSE_WAIT_MS))  # done before the window closes its project
        self.window = window
        self.folder = folder or backup_folder()
        self.keep = keep
        self.pool = background_pool(self, 2)
        self.status: SourceStatus | None = None
        self.last_backup: Path | None = None
        self._relays: set[Relay] = set()
        self.import_action = QAction(tr_(IMPORT_ACTION_TEXT), self)
        self.import_action.setObjectName(IMPORT_ACTION_NAME)
        self.import_action.setEnabled(False)
        self.import_action.setStatusTip(tr_("The source file changed on disk: import its new text as a new document"))
        self.import_action.triggered.connect(self.import_changed_source)
        window.menu("&Document").addAction(self.import_action)
        window.documentOpened.connect(self.check_document)
        # Periodic backups, only after changes (so five identical copies never push out older history).
        self.changed_since_backup = False
        window.signals.changed.connect(self._project_changed)
        self.backup_timer = QTimer(self)
        self.backup_timer.setObjectName("safety-backup-timer")
        self.backup_timer.setInterval(backup_interval_ms)
        self.backup_timer.timeout.connect(self.backup_if_changed)
        self.backup_timer.start()

    # -- running work off the main thread --------------------------------------------------------

    def _submit(self, work: Callable[[], Any], done: Callable[[Any], None], failed: Callable[[str], None]) -> None:
        relay = Relay()
        self._relays.add(relay)

        # The window (and this controller with it) may be gone when a worker reports: nothing to tell then.
        def finish(result: Any) -> None:
            if shiboken6.isValid(self):
                self._relays.discard(relay)
                done(result)

        def fail(message: str) -> None:
            if shiboken6.isValid(self):
                self._relays.discard(relay)
                failed(message)

        relay.finished.connect(finish)
        relay.failed.connect(fail)
        self.pool.start(Job(work, relay))

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for background work (tests, and closing the window)."""
        return self.pool.waitForDone(msecs)

    # -- backups ---------------------------------------------------------------------------------

    def _project_changed(self, _change: object) -> None:
        self.changed_since_backup = True

    def backup_if_changed(self) -> bool:
        """Take a backup if the project changed since the last one (what the timer calls)."""
        if not self.changed_since_backup:
            return False
        self.start_backup()
        return True

    def start_backup(self) -> None:
        """Take a rotating backup of the opened project on a worker thread."""
        self.changed_since_backup = False
        project = self.window.project
        path = Path(project.path)
        folder, keep = self.folder, self.keep
        if project.network_share is not None:
            # Safe mode: the window's own connection holds the file locked, so the copy goes through it,
            # on this thread, once the window is up.
            QTimer.singleShot(0, self, self._backup_in_place)
            return
        self._submit(lambda: rotating_backup(path, folder, keep), self._backup_done, self._backup_failed)

    def _backup_in_place(self) -> None:
        project = self.window.project
        try:
            target = rotating_backup(project.path, self.folder, self.keep, source=project)
        except Exception as exc:  # reported to the user, as a worker's failure is
            self._backup_failed(str(exc) or type(exc).__name__)
            return
        self._backup_done(target)

    def _backup_done(self, target: Path) -> None:
        self.last_backup = Path(target)
        self.backupFinished.emit(str(target))

    def _backup_failed(self, message: str) -> None:
        self.window.show_message(tr_("Automatic backup failed: {error}").format(error=message))
        self.backupFailed.emit(message)

    # -- source files ----------------------------------------------------------------------------

    def check_document(self, document_id: int) -> None:
        """Check the source file of ``document_id`` in the background; say so if it changed."""
        self.status = None
        self.import_action.setEnabled(False)
        try:
            record = source_record(self.window.project, document_id)
        except Exception as exc:  # a document deleted meanwhile, a database fault: nothing to check
            self.sourceChecked.emit(SourceStatus(document_id, UNREADABLE, None, str(exc)))
            return
        self._submit(lambda: check_record(record), self._source_checked, self._check_failed)

    def _source_checked(self, status: SourceStatus) -> None:
        if self.window.current_document_id() != status.document_id:
            return  # the user moved on to another document meanwhile
        checked = status
        status = resolve_status(self.window.project, status)
        self.status = status
        self.import_action.setEnabled(status.state == CHANGED)
        message = self.status_text(status, checked)
        if status.state == CHANGED:
            self.window.show_message(
                tr_("{message}. Document → {action}").format(message=message, action=tr_(IMPORT_ACTION_TEXT))
            )
        elif status.state in (MISSING, UNREADABLE, SUPERSEDED):
            self.window.show_message(message)
        self.sourceChecked.emit(status)

    def status_text(self, status: SourceStatus, checked: SourceStatus) -> str:
        """What a check found, in the window's language (``checked``: the status before ``resolve_status``)."""
        project = self.window.project
        try:
            title = project.document(status.document_id).title
        except Exception:  # deleted meanwhile: the core's own words
            return status.message[:1].upper() + status.message[1:]
        where = status.path or ""
        if status.state == CHANGED:
            return tr_(
                "The source file of “{title}” changed on disk since it was imported; the stored text and its spans "
                "are kept as they were"
            ).format(title=title)
        if status.state == MISSING:
            return tr_("The source file of “{title}” is no longer at {path}").format(title=title, path=where)
        if status.state == SUPERSEDED and checked.new_text is not None:
            existing = project.document_by_sha256(text_sha256(checked.new_text.text))
            if existing is not None:
                return tr_("The source file changed on disk; its new text is document {id} “{title}”").format(
                    id=existing.id, title=existing.title
                )
        if status.state == UNREADABLE:
            return tr_("The source file of “{title}” cannot be read any more ({path})").format(title=title, path=where)
        return status.message[:1].upper() + status.message[1:]

    def _check_failed(self, message: str) -> None:
        self.window.show_message(tr_("Could not check the source file: {error}").format(error=message))

    def import_changed_source(self) -> bool:
        """Import the current document's changed source as a new document, and open it."""
        status = self.status
        if status is None or status.state != CHANGED:
            return False
        command = ImportNewVersionCommand(self.window.project, status)
        if not self.window.run_command(command):
            return False
        self.import_action.setEnabled(False)
        new_id = command.document_id
        if new_id is not None:
            self.window.open_document(new_id)
            self.window.show_message(
                tr_("Imported the changed source as document {new}; document {old} and its spans are unchanged").format(
                    new=new_id, old=status.document_id
                )
            )
        return True


def install(window: MainWindow) -> SafetyController:
    """Add backups and source-file checks to ``window``; the first backup starts in the background."""
    controller = SafetyController(window)
    controller.start_backup()
    current = window.current_document_id()
    if current is not None:  # a document opened before the plug-ins were installed
        controller.check_document(current)
    return controller
