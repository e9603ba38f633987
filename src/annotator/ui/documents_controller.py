"""Document commands of the window: rename, delete (confirmed, undoable), mark done, and moving through the list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from annotator.store.project import DocumentSummary
from annotator.ui.commands import DeleteDocumentCommand, UpdateDocumentCommand
from annotator.ui.i18n import tr_
from annotator.ui.models import spans_phrase

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow


class DocumentsController(QObject):
    """Document → Rename, Delete, Mark done, Next and Previous document."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("documents")
        self.window = window

    def rename_document(self) -> bool:
        """Rename the current document (undoable)."""
        summary = self._current_summary()
        if summary is None:
            return False
        title = self.window.ask_text(tr_("Rename document"), tr_("Title:"), summary.title)
        if title is None or not title.strip() or title.strip() == summary.title:
            return False
        return self.window.run_command(
            UpdateDocumentCommand(
                self.window.project,
                summary.id,
                tr_("Rename “{title}”").format(title=summary.title),
                title=title.strip(),
            )
        )

    def delete_document(self) -> bool:
        """Delete the current document with its spans, after asking (undoable)."""
        summary = self._current_summary()
        if summary is None:
            return False
        question = tr_("Delete “{title}” and its {spans}?\n\nYou can undo this with Edit → Undo.").format(
            title=summary.title, spans=spans_phrase(summary.span_count)
        )
        if not self.window.confirm(tr_("Delete document"), question, tr_("Delete")):
            return False
        return self.window.run_command(DeleteDocumentCommand(self.window.project, summary.id))

    def toggle_done(self) -> bool:
        """Mark the current document done, or not done."""
        summary = self._current_summary()
        if summary is None:
            self.window.status.update_document_actions()
            return False
        done = not summary.done
        text = (tr_("Mark “{title}” done") if done else tr_("Mark “{title}” not done")).format(title=summary.title)
        ok = self.window.run_command(UpdateDocumentCommand(self.window.project, summary.id, text, done=done))
        self.window.status.update_document_actions()
        return ok

    def next_document(self) -> bool:
        """Open the next document of the (filtered) list."""
        return self._step_document(+1)

    def previous_document(self) -> bool:
        """Open the previous document of the (filtered) list."""
        return self._step_document(-1)

    def _step_document(self, step: int) -> bool:
        ids = self.window.document_panel.visible_document_ids()
        if not ids:
            return False
        current = self.window.current_document_id()
        index = ids.index(current) + step if current in ids else (0 if step > 0 else len(ids) - 1)
        if not 0 <= index < len(ids):
            self.window.show_message(tr_("No more documents in this direction"))
            return False
        return self.window.open_document(ids[index])

    def _current_summary(self) -> DocumentSummary | None:
        if self.window.current_document_id() is None:
            self.window.show_message(tr_("Open a document first"))
            return None
        return self.window.document_model.summary(self.window.current_document_id())
