"""File → New from clipboard (Ctrl+Shift+V): the copied text, or copied HTML read as a web page, as a document.

A document is its text: pasting a text the project already holds opens that document and says so. A new
document is one undoable step (undo deletes it, redo brings it back with the same id).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TR_NOOP
from PySide6.QtGui import QGuiApplication

from annotator.core.model import ValidationError, text_sha256
from annotator.formats.clipboard import read_clipboard
from annotator.formats.documents import DocumentError, DocumentText
from annotator.store.project import DeletedDocument, Project
from annotator.ui.commands import ProjectCommand
from annotator.ui.i18n import tr_

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

ORDER = 5
# What ``formats.clipboard`` says when there is nothing to paste, shown in the window's language.
NOTHING_TO_PASTE = QT_TR_NOOP("the clipboard holds no text")


class AddDocumentCommand(ProjectCommand):
    """Add a document; undo deletes it, redo restores it with the same id."""

    def __init__(self, project: Project, document: DocumentText) -> None:
        super().__init__(project, tr_("New document “{title}”").format(title=document.title[:40]))
        self.document = document
        self.document_id: int | None = None
        self.deleted: DeletedDocument | None = None

    def apply(self) -> None:
        if self.deleted is not None:
            self.project.restore_document(self.deleted)
            return
        stored, created = self.project.add_document(
            self.document.title,
            self.document.text,
            language=self.document.language,
            metadata=self.document.metadata,
        )
        if not created:  # checked before; another program may have added it since
            raise ValidationError(tr_("this text is already in the project as “{title}”").format(title=stored.title))
        self.document_id = int(stored.id or 0)

    def revert(self) -> None:
        assert self.document_id is not None
        if self.project.spans(self.document_id, statuses=None):
            # Spans made in another window or program since: deleting the document would take them along.
            raise ValidationError(tr_("the pasted document carries spans now; delete it from the Document menu"))
        self.deleted = self.project.delete_document(self.document_id)


def clipboard_contents() -> tuple[str | None, str | None, str | None]:
    """The clipboard's plain text, HTML, and the address the copy came from (when the browser says)."""
    data = QGuiApplication.clipboard().mimeData()
    if data is None:
        return None, None, None
    text = data.text() if data.hasText() else None
    html = data.html() if data.hasHtml() else None
    url = None
    for kind in ("text/x-moz-url-priv", "text/x-moz-url"):
        if data.hasFormat(kind):
            raw = bytes(data.data(kind).data())
            decoded = raw.decode("utf-16-le" if raw[1:2] == b"\x00" else "utf-8", errors="replace")
            url = decoded.split("\n")[0].strip("\x00 \r") or None
            break
    return text, html, url


def new_from_clipboard(window: MainWindow) -> int | None:
    """Make a document of the clipboard's contents and open it; returns its id (None if nothing was made)."""
    text, html, url = clipboard_contents()
    try:
        document = read_clipboard(text, html, url)
    except DocumentError as exc:
        window.show_message(tr_("Nothing pasted: {reason}.").format(reason=tr_(str(exc))))
        return None
    existing = window.project.document_by_sha256(text_sha256(document.text))
    if existing is not None:
        window.open_document(int(existing.id or 0))
        window.show_message(tr_("Already present: this text is the document “{title}”.").format(title=existing.title))
        return int(existing.id or 0)
    command = AddDocumentCommand(window.project, document)
    if not window.run_command(command) or command.document_id is None:
        return None
    window.open_document(command.document_id)
    window.show_message(tr_("New document “{title}” from the clipboard.").format(title=document.title))
    return command.document_id


def install(window: MainWindow) -> None:
    """Add File → New from clipboard."""
    action = window.add_action("new-from-clipboard", lambda: new_from_clipboard(window), before=window.action_import)
    window.action_new_from_clipboard = action
