"""The window's questions and messages, in one place so that tests (and scripts) can answer them.

Every modal dialog runs through ``_run_modal``, which gives the window the keyboard back afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TR_NOOP, QEventLoop
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QInputDialog, QMessageBox

from annotator.formats.documents import DOCUMENT_SUFFIXES
from annotator.services.importing import SET_SUFFIXES
from annotator.ui.i18n import tr_
from annotator.ui.plain_text import make_plain, window_title

if TYPE_CHECKING:
    from annotator.store.project import Project

PROJECT_FILTER = QT_TR_NOOP("Annotator projects (*.db *.sqlite *.annotator);;All files (*)")
IMPORT_PATTERNS = " ".join(f"*{s}" for s in (*DOCUMENT_SUFFIXES, *SET_SUFFIXES))
IMPORT_FILTER = QT_TR_NOOP("Documents and annotation sets ({patterns});;All files (*)")

_ICONS = {
    "information": QMessageBox.Icon.Information,
    "question": QMessageBox.Icon.Question,
    "warning": QMessageBox.Icon.Warning,
    "critical": QMessageBox.Icon.Critical,
}


class WindowDialogs:
    """Message boxes, text and item questions and file choosers: a base of ``MainWindow`` (a QWidget with a
    ``project``)."""

    project: Project

    def ask(
        self, title: str, text: str, buttons: Sequence[str], *, icon: str = "question", informative: str = ""
    ) -> str | None:
        """Ask with a message box; returns the text of the chosen button (None: dismissed)."""
        box = QMessageBox(self)
        box.setIcon(_ICONS.get(icon, QMessageBox.Icon.Question))
        box.setWindowTitle(title)
        box.setText(text)
        if informative:
            box.setInformativeText(informative)
        make_plain(box)
        made = [box.addButton(label, QMessageBox.ButtonRole.AcceptRole) for label in buttons]
        if made:
            box.setDefaultButton(made[0])
        self._run_modal(box.exec)
        clicked = box.clickedButton()
        for label, button in zip(buttons, made, strict=True):
            if clicked is button:
                return label
        return None

    def inform(self, title: str, text: str, *, icon: str = "information", details: str = "") -> None:
        """Tell the user something that needs attention (a message box)."""
        box = QMessageBox(self)
        box.setIcon(_ICONS.get(icon, QMessageBox.Icon.Information))
        box.setWindowTitle(title)
        box.setText(text)
        if details:
            box.setDetailedText(details)
        make_plain(box)
        self._run_modal(box.exec)

    def _run_modal(self, show: Callable[..., Any], *args: Any) -> Any:
        """Run a modal dialog to its end, then make sure the window has the keyboard again.

        Some platforms (the offscreen one among them) leave no window active when a modal dialog closes,
        and the window's shortcuts (undo, find, link…) would then be dead until the next click.
        """
        try:
            return show(*args)
        finally:
            if QApplication.activeWindow() is None and self.isVisible():
                self.activateWindow()
                # Activation is an event of the window system: take it now, so that the next key press finds
                # the window active (user input waits for the next turn of the event loop as usual).
                QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    def confirm(self, title: str, text: str, action: str) -> bool:
        """Ask before doing something; True if the user chose ``action``."""
        return self.ask(title, text, [action, tr_("Cancel")], icon="warning") == action

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        """A line of text from the user (None: cancelled)."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle(window_title(title))
        dialog.setLabelText(label)
        dialog.setTextValue(text)
        make_plain(dialog)
        ok = self._run_modal(dialog.exec) == QDialog.DialogCode.Accepted
        value = dialog.textValue()
        dialog.deleteLater()
        return value if ok else None

    def choose_item(self, title: str, label: str, items: Sequence[str]) -> str | None:
        """One of ``items`` (None: cancelled)."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle(window_title(title))
        dialog.setLabelText(label)
        dialog.setComboBoxItems(list(items))
        dialog.setComboBoxEditable(False)
        make_plain(dialog)
        ok = self._run_modal(dialog.exec) == QDialog.DialogCode.Accepted
        value = dialog.textValue()
        dialog.deleteLater()
        return value if ok else None

    def choose_open_path(self, title: str, file_filter: str = "") -> Path | None:
        """An existing file (None: cancelled; the filter defaults to project files)."""
        file_filter = file_filter or tr_(PROJECT_FILTER)
        path, _ = self._run_modal(QFileDialog.getOpenFileName, self, title, str(self.project.path.parent), file_filter)
        return Path(path) if path else None

    def choose_save_path(self, title: str, suggested: str, file_filter: str = "") -> Path | None:
        """A file to write (None: cancelled; the filter defaults to project files)."""
        file_filter = file_filter or tr_(PROJECT_FILTER)
        start = str(Path.home() / suggested)
        path, _ = self._run_modal(QFileDialog.getSaveFileName, self, title, start, file_filter)
        return Path(path) if path else None

    def choose_import_paths(self) -> list[Path]:
        """Files to import (empty: cancelled)."""
        file_filter = tr_(IMPORT_FILTER).format(patterns=IMPORT_PATTERNS)
        paths, _ = self._run_modal(
            QFileDialog.getOpenFileNames, self, tr_("Import files"), str(Path.home()), file_filter
        )
        return [Path(p) for p in paths]

    def choose_folder(self, title: str) -> Path | None:
        """A folder (None: cancelled)."""
        path = self._run_modal(QFileDialog.getExistingDirectory, self, title, str(Path.home()))
        return Path(path) if path else None
