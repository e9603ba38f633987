"""Import and export from the window: files and folders imported on a worker thread with a progress dialog,
the export dialog, backup copies."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, Qt
from PySide6.QtWidgets import QProgressDialog

from annotator.core.model import ValidationError
from annotator.services.importing import ImportReport
from annotator.store.backup import backup_project
from annotator.store.errors import EnvironmentFault, StoreError
from annotator.ui.i18n import tr_, trn_
from annotator.ui.import_job import ImportJob
from annotator.ui.plain_text import make_plain
from annotator.ui.reports import import_summary

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

log = logging.getLogger(__name__)

IMPORT_PROGRESS_DELAY_MS = 400


class ImportExportController(QObject):
    """File → Import files / Import folder / Export / Backup copy, and files dropped on the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("import-export")
        self.window = window
        self.import_job: ImportJob | None = None

    def import_files(self, paths: Sequence[str | Path]) -> ImportReport | None:
        """Import documents and annotation sets (files and folders); tells what was imported and skipped.

        The import runs on a worker thread with a progress dialog (``import-progress``, Cancel stops it
        between files) while the window keeps painting; this call returns when it has ended.
        """
        if not paths:
            return None
        if self.import_job is not None:
            self.window.show_message(tr_("An import is already running"))
            return None
        job = ImportJob(
            self.window.project.path,
            [Path(p) for p in paths],
            annotator=self.window.annotator,
            read_only=self.window.project.read_only,
        )
        outcome: list[object] = []
        loop = QEventLoop(self)
        job.finished.connect(lambda report: (outcome.append(report), loop.quit()))
        job.failed.connect(lambda exc: (outcome.append(exc), loop.quit()))
        progress = QProgressDialog(tr_("Importing…"), tr_("Cancel"), 0, 0, self.window)
        progress.setObjectName("import-progress")
        progress.setWindowTitle(tr_("Import"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(IMPORT_PROGRESS_DELAY_MS)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(job.cancel)
        make_plain(progress)  # its label names the files being imported

        def advance(done: int, total: int, name: str) -> None:
            progress.setMaximum(max(total, 1))
            progress.setValue(done)
            progress.setLabelText(
                tr_("Importing {n} of {total}: {name}").format(n=min(done + 1, total), total=total, name=name)
                if name
                else tr_("Importing…")
            )

        job.progressed.connect(advance)
        self.import_job = job
        job.start()
        try:
            if not job.done or not outcome:
                loop.exec()
        finally:
            self.import_job = None
            progress.hide()
            progress.deleteLater()
            job.deleteLater()
        if self.window._closed:
            return None
        self.window.poll_external_changes()  # what the worker wrote reaches the views the usual way
        return self._tell_import(outcome[0] if outcome else None)

    def _tell_import(self, result: object) -> ImportReport | None:
        """Say what an import did (or why it failed), in the window's language; open its first document."""
        if isinstance(result, EnvironmentFault):
            self.window.report_fault(result)
            return None
        if isinstance(result, (ValidationError, StoreError, OSError)):
            self.window.inform(
                tr_("Import failed"), tr_("Nothing was imported: {reason}").format(reason=result), icon="warning"
            )
            return None
        if not isinstance(result, ImportReport):
            log.error("import failed", exc_info=result if isinstance(result, BaseException) else None)
            self.window.inform(
                tr_("Import failed"),
                tr_("Unexpected error, please report it: {error}").format(error=repr(result)),
                icon="critical",
            )
            return None
        report = result
        summary = import_summary(report)
        self.window.show_message(" — ".join([summary, *report.notes]))
        if report.skipped or report.conflicts or report.warnings or report.orphans:
            # A reason that names its file already is shown as it is ("notes.docx: not a readable .docx file").
            lines = [why if why.startswith(Path(p).name) else f"{Path(p).name}: {why}" for p, why in report.skipped]
            lines += report.orphans + report.conflicts + report.warnings + report.notes
            shown = "\n".join(lines[:12]) + (
                "\n" + trn_("… and %n more", "", len(lines) - 12) if len(lines) > 12 else ""
            )
            said = tr_("{summary}\n\nNot imported, or imported with a warning:\n{lines}").format(
                summary=summary, lines=shown
            )
            self.window.inform(tr_("Import"), said, icon="warning", details="\n".join(lines))
        if report.documents:
            self.window.open_document(report.documents[0][0])
        return report

    def import_files_dialog(self) -> ImportReport | None:
        """File → Import files."""
        return self.import_files(self.window.choose_import_paths())

    def import_folder_dialog(self) -> ImportReport | None:
        """File → Import folder."""
        folder = self.window.choose_folder(tr_("Import a folder"))
        return self.import_files([folder]) if folder is not None else None

    def export_dialog(self) -> None:
        """File → Export."""
        try:
            from annotator.ui.dialogs.export_dialog import show_export_dialog
        except ImportError as exc:
            self.window.inform(
                tr_("Export"), tr_("Exporting is not available: {error}").format(error=exc), icon="warning"
            )
            return
        show_export_dialog(self.window)

    def backup_copy_dialog(self) -> Path | None:
        """File → Backup copy: a consistent copy of the project where the user chooses."""
        target = self.window.choose_save_path(tr_("Backup copy"), f"{self.window.project.path.stem}-backup.db")
        if target is None:
            return None
        try:
            written = backup_project(self.window.project, target)
        except EnvironmentFault as fault:
            self.window.inform(tr_("The backup could not be written"), str(fault), icon="critical")
            return None
        self.window.show_message(tr_("Backup written to {path}").format(path=written))
        return written
