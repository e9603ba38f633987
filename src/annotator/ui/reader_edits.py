"""The reader's edits: tagging the text selection and editing the selected span (relabel, delete, note, boundaries,
accept or reject a suggestion), each a command from ``ui/commands.py`` run through ``command_runner``.

A base of ``ReaderView``: it uses the reader's project, span index, selection and positions.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog

from annotator.core.model import ValidationError
from annotator.core.offsets import (
    next_word_boundary,
    snap_to_words,
    trim_whitespace,
    word_end_after,
    word_end_before,
)
from annotator.store.errors import NotFound, StoreError
from annotator.ui.commands import (
    AddSpanCommand,
    DeleteSpansCommand,
    ProjectCommand,
    UpdateSpanCommand,
    push_command,
)
from annotator.ui.i18n import label_display, tr_
from annotator.ui.plain_text import make_plain

if TYPE_CHECKING:
    from annotator.core.model import Span

log = logging.getLogger(__name__)

_ALT = Qt.KeyboardModifier.AltModifier


class SpanEditing:
    """Tagging and the edits of the selected span (a base of ``ReaderView``)."""

    # -- text selection and tagging -----------------------------------------------------------------------

    def set_word_snapping(self, enabled: bool) -> None:
        """Snap tagged selections outwards to whole words (True, the default) or take them as they are."""
        self._snap = bool(enabled)

    def word_snapping(self) -> bool:
        """Whether selections snap to words."""
        return self._snap

    def selection_codepoints(self, snap: bool | None = None) -> tuple[int, int] | None:
        """The text selection as a code-point range, snapped to words (unless off) and trimmed; None if empty."""
        cursor = self.textCursor()
        if self._doc_id is None or not cursor.hasSelection():
            return None
        start, end = self._map.range_to_codepoints(cursor.selectionStart(), cursor.selectionEnd())
        if snap is None:
            snap = self._snap
        start, end = snap_to_words(self._text, start, end) if snap else trim_whitespace(self._text, start, end)
        return (start, end) if end > start else None

    def tag_selection(self, label: str, *, snap: bool | None = None) -> bool:
        """Store the selection as a span of ``label`` (undoable), then select the new span.

        Holding Alt (while pressing the hotkey or clicking a label button) takes the selection as it is.
        """
        if snap is None:
            snap = self._snap and not (QApplication.keyboardModifiers() & _ALT)
        selection = self.selection_codepoints(snap)
        if selection is None or self._doc_id is None:
            return False
        command = AddSpanCommand(self.project, self._doc_id, *selection, label, annotator=self.annotator)
        if not self._run(command) or command.span is None:
            return False
        cursor = self.textCursor()
        self._moving_cursor = True
        try:
            cursor.setPosition(cursor.selectionEnd())
            self.setTextCursor(cursor)
        finally:
            self._moving_cursor = False
        if self.spans.get(command.span.id) is not None:
            self._set_selected(command.span.id, scroll=False)
        return True

    # -- edits of the selected span ----------------------------------------------------------------------

    def _selected_span(self) -> Span | None:
        """The selected span read again from the file; None if there is none, or if it was deleted
        elsewhere (``spanGone`` then tells the window, which says so)."""
        gone = self._selected
        if gone is None:
            return None
        try:
            return self.project.span(gone)
        except NotFound:
            self._set_selected(None, scroll=False)
            self.spanGone.emit(gone)
            return None

    def relabel_selected(self, label: str) -> bool:
        """Give the selected span ``label``."""
        span = self._selected_span()
        if span is None:
            return False
        if span.label == label:
            return True
        return self._run(
            UpdateSpanCommand(
                self.project,
                span.id,
                tr_("Relabel “{text}” as {label}").format(text=span.text[:30], label=label_display(label)),
                label=label,
            )
        )

    def delete_selected(self) -> bool:
        """Delete the selected span."""
        span = self._selected_span()
        if span is None:
            return False
        return self._run(DeleteSpansCommand.of(self.project, span))

    def set_selected_note(self, note: str) -> bool:
        """Store ``note`` on the selected span."""
        span = self._selected_span()
        if span is None:
            return False
        if span.note == note:
            return True
        text = tr_("Note on “{text}”").format(text=span.text[:30])
        return self._run(UpdateSpanCommand(self.project, span.id, text, note=note))

    def edit_note(self) -> QInputDialog | None:
        """Open a small editor (objectName ``note-editor``) for the selected span's note; Enter stores it."""
        span = self._selected_span()
        if span is None:
            return None
        if self._note_dialog is not None:
            self._note_dialog.close()
        dialog = QInputDialog(self)
        dialog.setObjectName("note-editor")
        dialog.setWindowTitle(tr_("Note"))
        dialog.setLabelText(tr_("Note on {label} “{text}”:").format(label=span.label, text=span.text[:60]))
        dialog.setTextValue(span.note)
        make_plain(dialog)  # the prompt quotes the span's text
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        span_id = span.id

        def store(value: str) -> None:
            if self._selected != span_id:
                self._set_selected(span_id, scroll=False)
            self.set_selected_note(value.strip())
            self.setFocus()

        dialog.textValueSelected.connect(store)
        dialog.finished.connect(self._note_dialog_closed)
        self._note_dialog = dialog
        dialog.open()
        return dialog

    def _note_dialog_closed(self, _result: int) -> None:
        self._note_dialog = None
        self.setFocus()

    def move_selected_boundary(self, which: str, direction: int) -> bool:
        """Move the selected span's ``which`` ("start" or "end") by one word; the span never becomes empty."""
        span = self._selected_span()
        if span is None:
            return False
        text = self._text
        if which == "start":
            start = next_word_boundary(text, span.start, direction)
            if direction < 0 and start == span.start:
                return False
            start, end = start, span.end
        else:
            end = word_end_after(text, span.end) if direction > 0 else word_end_before(text, span.end)
            start = span.start
        if end <= start or (start, end) == (span.start, span.end):
            return False
        step = tr_("Move start of “{text}”") if which == "start" else tr_("Move end of “{text}”")
        return self._run(
            UpdateSpanCommand(self.project, span.id, step.format(text=span.text[:30]), start=start, end=end)
        )

    def review_selected_suggestion(self, accept: bool) -> bool:
        """Accept (or reject) the selected suggestion, then select the next suggestion, if any."""
        span = self._selected_span()
        if span is None or span.status != "suggested":
            return False
        status = "accepted" if accept else "rejected"
        step = (tr_("Accept “{text}”") if accept else tr_("Reject “{text}”")).format(text=span.text[:30])
        entry = (span.start, span.end, span.id)
        if not self._run(UpdateSpanCommand(self.project, span.id, step, status=status)):
            return False
        index = self.spans.ensure_complete()
        following = index.next_after(entry)
        while following is not None:
            info = self.spans.get(following[2])
            if info is not None and info.status == "suggested" and self.is_shown(info):
                self._set_selected(info.id, scroll=True)
                return True
            following = index.next_after(following)
        if not accept:
            self._set_selected(None, scroll=False)
        return True

    def _push_on_stack(self, command: ProjectCommand) -> bool:
        push_command(self.undo_stack, command)
        return True

    def _run(self, command: ProjectCommand) -> bool:
        try:
            return bool(self.command_runner(command))
        except (ValidationError, StoreError) as exc:
            # Only without a window: the window's run_command reports refusals itself.
            log.info("edit refused: %s", exc)
            return False
