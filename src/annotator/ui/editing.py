"""Editing policy of the window: every edit runs as an undo command; refusals and faults are explained.

A refused edit (disk full, read-only file, busy database) is explained, with an offer to save a copy elsewhere,
and the window keeps running; everything stored before stays stored. Undo and redo step the window's QUndoStack:
a step that fails for good is dropped from the stack (the command marks itself obsolete), a fault of the file
leaves the stack as it was (see ``annotator.ui.commands.ProjectCommand``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QUndoCommand
from PySide6.QtWidgets import QToolBar

from annotator.core.model import Span, ValidationError
from annotator.store.backup import backup_project
from annotator.store.errors import (
    DatabaseBusy,
    DiskFull,
    EnvironmentFault,
    LinkNotFound,
    NewerSchema,
    NotADatabase,
    NotFound,
    ProjectFileGone,
    ReadOnlyDatabase,
    SpanNotFound,
    StoreError,
)
from annotator.ui.commands import ProjectCommand, push_command
from annotator.ui.i18n import tr_
from annotator.ui.plain_text import tooltip

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

log = logging.getLogger(__name__)

SAVE_COPY = "Save a copy elsewhere…"
SPAN_GONE = "Not done: this span was deleted elsewhere"
LINK_GONE = "Not done: this link was deleted elsewhere"


def fault_headline(fault: EnvironmentFault) -> str:
    """A one-line name for an environment fault, for the title of its message."""
    if isinstance(fault, DiskFull):
        return "The disk is full"
    if isinstance(fault, ReadOnlyDatabase):
        return "The project file is read-only"
    if isinstance(fault, DatabaseBusy):
        return "The project is busy: another program is holding it"
    if isinstance(fault, NotADatabase):
        return "The project file is damaged or is not a project"
    if isinstance(fault, NewerSchema):
        return "The project was written by a newer version of annotator"
    if isinstance(fault, ProjectFileGone):
        return "The project file was moved, deleted or replaced"
    return "The project file cannot be written"


def _name_action(action: QAction, verb: str, what: str) -> None:
    """Name the undo or redo action after the edit (a title may be in it): its ``&`` shown as written, its
    tooltip plain text."""
    action.setText(f"{verb} {what.replace('&', '&&')}".strip())
    action.setToolTip(tooltip(f"{verb.replace('&', '')} {what}".strip()))


class EditingController(QObject):
    """Runs the window's edits, undo and redo, and tells the user what the file refused."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("editing")
        self.window = window
        self.saved_ok = True
        self._saved_shown: tuple[bool, str, bool] | None = None

    def attach_undo_actions(self, undo: QAction, redo: QAction, toolbar: QToolBar) -> None:
        """Edit → Undo / Redo named after the edit they would step over; short fixed buttons in ``toolbar``."""
        stack = self.window.undo_stack
        stack.canUndoChanged.connect(undo.setEnabled)
        stack.canRedoChanged.connect(redo.setEnabled)
        stack.undoTextChanged.connect(lambda text: _name_action(undo, tr_("&Undo"), text))
        stack.redoTextChanged.connect(lambda text: _name_action(redo, tr_("&Redo"), text))
        undo.setEnabled(False)
        redo.setEnabled(False)
        for name, menu_action, slot in (("undo", undo, self.window.undo), ("redo", redo, self.window.redo)):
            button = QAction(tr_("Undo") if name == "undo" else tr_("Redo"), self.window)
            button.setObjectName(f"toolbar-{name}")
            button.setEnabled(False)
            button.triggered.connect(lambda _checked=False, run=slot: run())
            menu_action.enabledChanged.connect(button.setEnabled)
            # The menu action's tooltip names what would be undone ("Rename “<title>”"), as plain text.
            menu_action.changed.connect(lambda b=button, a=menu_action: b.setToolTip(a.toolTip()))
            toolbar.addAction(button)

    def run_command(self, command: QUndoCommand) -> bool:
        """Run an edit and put it on the undo stack; a refused edit is explained and False returned."""
        if self.window.team.refuse_edit():  # a team project whose server connection is down
            return False
        try:
            if isinstance(command, ProjectCommand):
                push_command(self.window.undo_stack, command)
            else:
                self.window.undo_stack.push(command)
        except EnvironmentFault as fault:
            if not self.window.team.edit_failed(fault):  # a team server connection that broke: said and retried
                self.report_fault(fault)
            return False
        except SpanNotFound:  # deleted elsewhere since the window last looked
            self.span_gone()
            return False
        except NotFound as exc:
            self.poll_external_changes()
            gone = LINK_GONE if isinstance(exc, LinkNotFound) else f"Not done: {exc}; it was deleted elsewhere"
            self.window.show_message(gone)
            return False
        except (ValidationError, StoreError) as exc:
            if not (isinstance(exc, StoreError) and self.window.team.edit_failed(exc)):
                self.window.inform("The change was not made", str(exc), icon="warning")
            return False
        except Exception as exc:  # our bug: say so, keep the window and the stored work
            log.exception("edit failed")
            self.window.inform("The change was not made", f"Unexpected error: {exc}", icon="critical")
            return False
        self.set_saved(True)
        return True

    def undo(self) -> bool:
        """Undo the last edit (in whichever document).

        If the disk or the file refuses, the fault is explained and the stack stays as it was (try again
        later). If the edit cannot be undone any more (another window deleted its span, say), it is
        skipped, with a message, so that the edits before it can still be undone.
        """
        return self._step_stack(undo=True)

    def redo(self) -> bool:
        """Redo the last undone edit (same rules as ``undo``)."""
        return self._step_stack(undo=False)

    def _step_stack(self, *, undo: bool) -> bool:
        stack = self.window.undo_stack
        if not (stack.canUndo() if undo else stack.canRedo()):
            return False
        if self.window.team.refuse_edit():
            return False
        command = stack.command(stack.index() - 1 if undo else stack.index())
        text = command.text()
        verb = "Undone" if undo else "Redone"
        stack.undo() if undo else stack.redo()
        failure = getattr(command, "failure", None)  # a failed step is kept there (see ProjectCommand)
        if isinstance(failure, EnvironmentFault):
            # Nothing changed in the file: put the stack back (the command knows its edit is still as it was).
            stack.redo() if undo else stack.undo()
            self.report_fault(failure)
            return False
        if failure is not None:  # the command is obsolete: the stack dropped it, the steps before it remain
            if not isinstance(failure, (ValidationError, StoreError)):
                log.error("undo step failed", exc_info=failure)
            self.window.inform(
                f"That edit cannot be {verb.lower()} any more",
                f"“{text}” cannot be {verb.lower()}: {failure}\n\nIt was skipped; the project is unchanged.",
                icon="warning",
            )
            return False
        self.set_saved(True)
        gone = getattr(command, "gone_parts", 0)
        if gone:
            self.poll_external_changes()  # another program deleted them: show the file as it is now
        note = f" ({gone} of its spans were deleted elsewhere and stay so)" if gone else ""
        self.window.show_message(f"{verb}: {text}{note}")
        return True

    def live_span(self, span_id: str) -> Span | None:
        """The span read again from the file before an action on it; None, with the reason in the status bar,
        if it is gone (another window or program deleted it: the window then catches up at once) or the
        project cannot be read."""
        try:
            return self.window.project.span(span_id)
        except NotFound:
            self.span_gone(span_id)
        except StoreError as exc:
            self.window.show_message(tr_("Cannot read the project: {error}").format(error=exc))
        return None

    def span_gone(self, span_id: str | None = None) -> None:
        """Say that the span acted on was deleted elsewhere, and bring every panel up to date with the file."""
        if span_id is not None and self.window.reader.selected_span_id() == span_id:
            self.window.reader.select_span(None)
        self.poll_external_changes()
        self.window.show_message(SPAN_GONE)

    def poll_external_changes(self) -> bool:
        """Pick up changes another process made to the file (what the timer calls); True if there were any."""
        if self.window._closed:
            return False
        try:
            if self.window.team.catch_up():  # a team project: what the server announced and is not read yet
                return True
            return self.window.project.check_external_changes()
        except ProjectFileGone as fault:
            if self.saved_ok:  # once, not at every tick of the timer
                self.report_fault(fault)
            return False
        except StoreError as exc:
            self.window.show_message(tr_("Cannot read the project: {error}").format(error=exc))
            return False

    def report_fault(self, fault: EnvironmentFault) -> None:
        """Explain an environment fault and offer to save a copy of the project elsewhere."""
        self.set_saved(False, str(fault))
        headline = fault_headline(fault)
        self.window.show_message(f"Not saved: {fault}", 0)
        answer = self.window.ask(
            headline,
            f"{headline}. The last change was not saved.\n\n{fault}",
            [SAVE_COPY, "Close"],
            icon="critical",
            informative=(
                "Everything saved before is still in the project file. You can go on reading, save a copy "
                "of the project elsewhere, and continue there once the problem is solved."
            ),
        )
        if answer == SAVE_COPY:
            self.save_copy_elsewhere()

    def save_copy_elsewhere(self) -> Path | None:
        """Write a consistent copy of the project where the user chooses."""
        target = self.window.choose_save_path("Save a copy of the project", f"{self.window.project.path.stem}-copy.db")
        if target is None:
            return None
        try:
            written = backup_project(self.window.project, target)
        except EnvironmentFault as fault:
            self.window.inform("The copy could not be written", str(fault), icon="critical")
            return None
        self.window.show_message(tr_("Copy saved to {path}").format(path=written))
        self.window.inform(
            "Copy saved", f"A copy of the project was saved to\n{written}\n\nOpen it with File → Open project."
        )
        return written

    def set_saved(self, ok: bool, problem: str = "") -> None:
        self.saved_ok = ok
        state = (ok, problem, self.window.project.read_only)
        if state == self._saved_shown:
            return  # said already: no restyling of the status bar at every edit
        self._saved_shown = state
        if self.window.project.read_only:
            self.window.status_saved.setText(tr_("Read-only"))
            self.window.status_saved.setToolTip(
                tooltip(f"{self.window.project.path} is open read-only: edits cannot be saved")
            )
        elif ok:
            self.window.status_saved.setText(tr_("Saved"))
            where = getattr(self.window.project, "location", self.window.project.path)  # a file, or a team server
            self.window.status_saved.setToolTip(tooltip(f"Every edit is saved at once to {where}"))
        else:
            self.window.status_saved.setText(tr_("Last change not saved"))
            self.window.status_saved.setToolTip(tooltip(problem))
        self.window.status_saved.setProperty("problem", not ok or self.window.project.read_only)
        self.window.status_saved.style().unpolish(self.window.status_saved)
        self.window.status_saved.style().polish(self.window.status_saved)
