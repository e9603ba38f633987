"""File → Export: choose a format, filters and where to write; a progress bar on long exports.

The dialog offers the same choices as ``annotator export``: format, annotators, labels, statuses
and documents. ``show_export_dialog(window)`` opens it without blocking and returns it; ``run_export``
(the Export button) writes the file with a cancellable ``QProgressDialog`` that appears when an
export takes longer than ``progress_minimum_ms``. Errors stay in the dialog; warnings (formats that
cannot hold links, CoNLL overlaps) are listed in a message box that does not block.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TR_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import STATUSES, ValidationError
from annotator.services.exporting import FORMATS, ExportReport, export_project
from annotator.store.errors import EnvironmentFault, StoreError
from annotator.ui.accessibility import name_widgets
from annotator.ui.i18n import tr_, trn_
from annotator.ui.plain_text import make_plain, plain_label
from annotator.ui.reports import export_headline, export_summary

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

FORMAT_NAMES = {
    "jsonl": QT_TR_NOOP("Native JSON Lines (lossless, for re-import)"),
    "csv": QT_TR_NOOP("CSV spreadsheet (one row per span)"),
    "brat": QT_TR_NOOP("brat standoff (folder of .txt and .ann)"),
    "conll": QT_TR_NOOP("CoNLL (tokens with IOB2 tags)"),
    "webanno": QT_TR_NOOP("W3C Web Annotation (JSON-LD)"),
    "spacy": QT_TR_NOOP("spaCy DocBin (.spacy)"),
    "labelstudio": QT_TR_NOOP("Label Studio JSON (tasks with annotations)"),
}
SUFFIXES = {
    "jsonl": ".jsonl",
    "csv": ".csv",
    "brat": "",
    "conll": ".conll",
    "webanno": ".jsonld",
    "spacy": ".spacy",
    "labelstudio": ".json",
}
FOLDER_KEY = "export/folder"
FORMAT_KEY = "export/format"


class ExportCancelled(Exception):
    """The user cancelled a running export."""


class ExportDialog(QDialog):
    """The export choices of one project window."""

    progressed = Signal(int, int)  # done, total: after each document written
    exported = Signal(object)  # the ExportReport of a finished export

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("export-dialog")
        self.setWindowTitle(tr_("Export"))
        self.window_ = window
        self.project = window.project
        self.progress_minimum_ms = 400
        self.last_report: ExportReport | None = None
        self._path_edited = False
        self._confirmed_path: Path | None = None  # chosen in the save dialog, which asked before replacing it
        self._progress: QProgressDialog | None = None

        path_row = self._build_format_and_path()
        status_row = self._build_statuses()
        only_current = self._build_lists(window)
        self._build_error_label()
        form, filters = self._build_form(path_row, status_row, only_current)
        self._build_buttons()
        self._lay_out(form, filters)

        self.format_box.currentIndexChanged.connect(self._format_changed)
        self._format_changed()
        name_widgets(self)

    # -- building ------------------------------------------------------------------------------

    def _build_format_and_path(self) -> QHBoxLayout:
        """The format choice (the last one used first), and the path field with its Choose button."""
        self.format_box = QComboBox(self)
        self.format_box.setObjectName("export-format")
        for fmt in FORMATS:
            self.format_box.addItem(tr_(FORMAT_NAMES[fmt]), fmt)
        saved = str(self._settings_value(FORMAT_KEY, "jsonl"))
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(saved)))

        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("export-path")
        self.path_edit.textEdited.connect(self._mark_path_edited)
        browse = QPushButton(tr_("Choose…"), self)
        browse.setObjectName("export-browse")
        browse.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        return path_row

    def _build_statuses(self) -> QHBoxLayout:
        """One box per span status (accepted only, to begin with)."""
        self.status_boxes: dict[str, QCheckBox] = {}
        status_row = QHBoxLayout()
        for status in STATUSES:
            box = QCheckBox(tr_(status), self)  # the value as the language says it
            box.setObjectName(f"export-status-{status}")
            box.setChecked(status == "accepted")
            self.status_boxes[status] = box
            status_row.addWidget(box)
        status_row.addStretch(1)
        return status_row

    def _build_lists(self, window: MainWindow) -> QPushButton:
        """The annotator, label and document filters; returns the "Current document only" button."""
        self.annotator_list = self._checklist("export-annotators", [(n, n) for n in self.project.annotators()])
        self.label_list = self._checklist("export-labels", [(lab.name, lab.name) for lab in self.project.labels()])
        self.document_list = self._checklist(
            "export-documents", [(f"{d.id}  {d.title}", d.id) for d in self.project.documents()]
        )
        current = window.current_document_id() if hasattr(window, "current_document_id") else None
        only_current = QPushButton(tr_("Current document only"), self)
        only_current.setObjectName("export-current-document")
        only_current.setEnabled(current is not None)
        only_current.clicked.connect(lambda: self._check_only(self.document_list, current))
        return only_current

    def _build_error_label(self) -> None:
        self.error_label = plain_label("", self, name="export-error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #B00020")
        self.error_label.hide()

    def _build_form(
        self, path_row: QHBoxLayout, status_row: QHBoxLayout, only_current: QPushButton
    ) -> tuple[QFormLayout, QHBoxLayout]:
        """The format, path and status rows; the filter lists side by side."""
        form = QFormLayout()
        form.addRow(tr_("Format:"), self.format_box)
        form.addRow(tr_("Write to:"), path_row)
        form.addRow(tr_("Statuses:"), status_row)
        filters = QHBoxLayout()
        filters.addWidget(self._group(tr_("Annotators"), self.annotator_list), 1)
        filters.addWidget(self._group(tr_("Labels"), self.label_list), 1)
        documents_box = self._group(tr_("Documents"), self.document_list)
        documents_box.layout().addWidget(only_current)
        filters.addWidget(documents_box, 2)
        return form, filters

    def _build_buttons(self) -> None:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        export_button = self.buttons.addButton(tr_("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        export_button.setObjectName("export-run")
        export_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _lay_out(self, form: QFormLayout, filters: QHBoxLayout) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(filters, 1)
        hint = QLabel(
            tr_("Nothing checked in a list means no filter there. brat writes a folder; the others a file."), self
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def _settings_value(self, key: str, default: str) -> Any:
        settings = getattr(self.window_, "settings", None)
        return settings.value(key, default) if settings is not None else default

    def _checklist(self, name: str, entries: list[tuple[str, Any]]) -> QListWidget:
        widget = QListWidget(self)
        widget.setObjectName(name)
        for text, data in entries:
            item = QListWidgetItem(text, widget)
            item.setData(Qt.ItemDataRole.UserRole, data)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        return widget

    def _group(self, title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title, self)
        layout = QVBoxLayout(box)
        layout.addWidget(widget)
        return box

    @staticmethod
    def _check_only(widget: QListWidget, data: Any) -> None:
        for row in range(widget.count()):
            item = widget.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) == data
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    @staticmethod
    def _checked(widget: QListWidget) -> list[Any] | None:
        values = [
            widget.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(widget.count())
            if widget.item(row).checkState() == Qt.CheckState.Checked
        ]
        return values or None

    def _mark_path_edited(self) -> None:
        self._path_edited = True

    def _format_changed(self) -> None:
        """Suggest an output path for the format, unless the user typed one."""
        fmt = self.format()
        if self._path_edited and self.path_edit.text():
            current = Path(self.path_edit.text())
            stem = current.stem if current.suffix else current.name
            self.path_edit.setText(str(current.with_name(stem + SUFFIXES[fmt])))
            return
        folder = Path(str(self._settings_value(FOLDER_KEY, str(Path.home())) or Path.home()))
        stem = self.project.path.stem
        name = f"{stem}-brat" if fmt == "brat" else f"{stem}{SUFFIXES[fmt]}"
        self.path_edit.setText(str(folder / name))

    # -- choices -------------------------------------------------------------------------------

    def format(self) -> str:
        """The chosen format."""
        return str(self.format_box.currentData())

    def set_format(self, fmt: str) -> None:
        """Choose a format (as the combo box does)."""
        index = self.format_box.findData(fmt)
        if index < 0:
            raise ValueError(f"unknown format {fmt!r}")
        self.format_box.setCurrentIndex(index)

    def output_path(self) -> Path:
        """Where the export goes."""
        return Path(self.path_edit.text().strip()).expanduser()

    def set_output_path(self, path: str | Path) -> None:
        """Choose where the export goes (as typing it does)."""
        self.path_edit.setText(str(path))
        self._path_edited = True

    def filters(self) -> dict[str, Any]:
        """The keyword filters of ``export_project`` as chosen."""
        statuses = [s for s, box in self.status_boxes.items() if box.isChecked()]
        return {
            "annotators": self._checked(self.annotator_list),
            "labels": self._checked(self.label_list),
            "statuses": statuses,
            "documents": self._checked(self.document_list),
        }

    def browse(self) -> None:
        """Choose the output file (or folder, for brat) in a file dialog."""
        fmt = self.format()
        start = str(self.output_path())
        if fmt == "brat":
            chosen = QFileDialog.getExistingDirectory(self, tr_("Export brat files into"), start)
        else:
            chosen, _ = QFileDialog.getSaveFileName(self, tr_("Export to"), start)
        if chosen:
            self.set_output_path(chosen)
            if fmt != "brat":
                self._confirmed_path = self.output_path()  # the save dialog asked before replacing it

    # -- running -------------------------------------------------------------------------------

    def show_error(self, text: str) -> None:
        """Say what went wrong, in the dialog (which stays open)."""
        self.error_label.setText(text)
        self.error_label.show()

    def accept(self) -> None:
        """Export; close the dialog only when the export succeeded."""
        if self.run_export() is not None:
            super().accept()

    def run_export(self) -> ExportReport | None:
        """Write the export as chosen; returns its report, or None (error shown, or cancelled)."""
        self.error_label.hide()
        fmt = self.format()
        if not self.path_edit.text().strip():
            self.show_error(tr_("Choose where to write the export."))
            return None
        filters = self.filters()
        if not filters["statuses"]:
            self.show_error(tr_("Choose at least one status to export."))
            return None
        out = self.output_path()
        if fmt == "brat" and out.exists() and not out.is_dir():
            self.show_error(tr_("{path} is a file: brat writes a folder of .txt and .ann files.").format(path=out))
            return None
        if fmt != "brat" and out.is_dir():
            self.show_error(
                tr_("{path} is a folder: choose a file name for the {format} export.").format(path=out, format=fmt)
            )
            return None
        if not self._may_replace(fmt, out):
            return None
        progress = self._make_progress()
        try:
            report = export_project(self.project, fmt, out, progress=self._progress_callback, **filters)
        except ExportCancelled:
            self.window_.show_message(tr_("Export cancelled"))
            return None
        except EnvironmentFault as fault:
            self.show_error(tr_("The export could not be written: {reason}").format(reason=fault))
            return None
        except (ValidationError, StoreError) as exc:
            self.show_error(str(exc))
            return None
        except OSError as exc:
            self.show_error(
                tr_("The export could not be written: {reason} ({path})").format(
                    reason=exc.strerror or exc, path=exc.filename or out
                )
            )
            return None
        finally:
            progress.hide()  # not close(): closing cancels and resets the bar
        settings = getattr(self.window_, "settings", None)
        if settings is not None:
            settings.setValue(FOLDER_KEY, str(out.parent))
            settings.setValue(FORMAT_KEY, fmt)
        self.last_report = report
        self.window_.show_message(export_summary(report))
        if report.warnings:
            self._show_warnings(report)
        self.exported.emit(report)
        return report

    def _may_replace(self, fmt: str, out: Path) -> bool:
        """Whether writing ``out`` may go ahead: what is there already is replaced only after asking (the file
        dialog asks for a file chosen in it; a suggested or typed name is asked about here)."""
        if fmt == "brat":
            existing = [*out.glob("annotation.conf"), *out.glob("*.ann")] if out.is_dir() else []
            if not existing:
                return True
            question = trn_(
                "The folder {path} already holds a brat export (%n file(s)): replace its files?", "", len(existing)
            ).format(path=out)
        else:
            if not out.exists() or out == self._confirmed_path:
                return True
            question = tr_("{path} already exists. Replace it with this export?").format(path=out)
        confirm = getattr(self.window_, "confirm", None)
        if confirm is None or confirm(tr_("Export"), question, tr_("Replace")):
            return True
        self.show_error(tr_("Not exported: choose another name, or confirm replacing the existing one."))
        return False

    def _make_progress(self) -> QProgressDialog:
        """The dialog's one progress dialog, reset for a new export (its cancel flag cleared)."""
        progress = self._progress
        if progress is None:
            progress = QProgressDialog(tr_("Exporting…"), tr_("Cancel"), 0, 1, self)
            progress.setObjectName("export-progress")
            progress.setWindowTitle(tr_("Export"))
            progress.setWindowModality(Qt.WindowModality.WindowModal)
            progress.setAutoClose(False)
            progress.setAutoReset(False)
            self._progress = progress
        progress.reset()
        progress.setMinimumDuration(self.progress_minimum_ms)
        progress.setRange(0, 1)
        progress.setValue(0)
        return progress

    def _progress_callback(self, done: int, total: int) -> None:
        progress = self._progress
        assert progress is not None
        if progress.wasCanceled():
            raise ExportCancelled
        progress.setMaximum(max(total, 1))
        progress.setValue(done)
        progress.setLabelText(tr_("Exporting document {done} of {total}…").format(done=done, total=total))
        self.progressed.emit(done, total)
        QApplication.processEvents()
        if progress.wasCanceled():
            raise ExportCancelled

    def _show_warnings(self, report: ExportReport) -> None:
        box = QMessageBox(self.window_)
        box.setObjectName("export-warnings")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr_("Export"))
        shown = report.warnings[:8]
        more = len(report.warnings) - len(shown)
        # The path on a line of its own, its spaces unbreakable: the box wraps words, never a path.
        where = str(report.path).replace(" ", "\u00a0")
        count = trn_("%n warning(s)", "", len(report.warnings))
        lines = [tr_("{headline} ({warnings}) to:").format(headline=export_headline(report), warnings=count), where, ""]
        lines += shown
        box.setText("\n".join(lines) + ("\n" + trn_("… and %n more", "", more) if more > 0 else ""))
        box.setDetailedText("\n".join([str(report.path), *report.warnings, *report.details]))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        make_plain(box)  # the warnings quote span texts
        box.open()


def show_export_dialog(window: MainWindow) -> ExportDialog:
    """Open File → Export for ``window`` without blocking; returns the dialog."""
    existing = window.findChild(ExportDialog, "export-dialog")
    if existing is not None and existing.isVisible():
        existing.raise_()
        existing.activateWindow()
        return existing
    dialog = ExportDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
