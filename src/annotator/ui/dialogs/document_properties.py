"""Document → Properties: what the reader found about a document, and what the analyst corrects.

Title (the document's name), author, date (ISO 8601), source (the outlet) and URL are editable; OK
stores the changes at once as one undoable step. What the file said besides (pages, when it
was made, an e-mail's recipients and attachments, the file it came from) is shown read-only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TR_NOOP, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from annotator.core.metadata import (
    ATTACHMENTS,
    AUTHOR,
    CREATED,
    DATE,
    SOURCE,
    URL,
    iso_date,
    page_starts,
    with_values,
)
from annotator.store.project import Project
from annotator.ui.accessibility import name_widgets
from annotator.ui.commands import UpdateDocumentCommand
from annotator.ui.i18n import tr_
from annotator.ui.plain_text import plain_label, window_title

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

# (metadata key, label, objectName, placeholder) of the editable fields after the title.
FIELDS = (
    (AUTHOR, QT_TR_NOOP("Author:"), "document-author", QT_TR_NOOP("Who wrote it")),
    (DATE, QT_TR_NOOP("Date:"), "document-date", QT_TR_NOOP("YYYY-MM-DD")),
    (SOURCE, QT_TR_NOOP("Source:"), "document-source", QT_TR_NOOP("Publication or outlet")),
    (URL, QT_TR_NOOP("URL:"), "document-url", "https://…"),
)
# Read-only facts, in the order shown: (metadata key, label).
FACTS = (
    (CREATED, QT_TR_NOOP("Created:")),
    ("to", QT_TR_NOOP("To:")),
    ("cc", QT_TR_NOOP("Cc:")),
    ("message_id", QT_TR_NOOP("Message-ID:")),
)


class DocumentPropertiesDialog(QDialog):
    """Title, author, date, source and URL of a document; OK applies them as one undoable step."""

    def __init__(self, window: MainWindow, document_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("document-properties")
        self.window_ = window
        self.document_id = document_id
        document = window.project.document(document_id)
        self.setWindowTitle(window_title(tr_("Properties of “{title}”").format(title=document.title)))
        form = QFormLayout(self)
        self.title = QLineEdit(document.title, objectName="document-title")
        form.addRow(tr_("Title:"), self.title)
        self.edits: dict[str, QLineEdit] = {}
        for key, label, name, placeholder in FIELDS:
            edit = QLineEdit(_shown(document.metadata.get(key)), objectName=name)
            edit.setPlaceholderText(tr_(placeholder))
            form.addRow(tr_(label), edit)
            self.edits[key] = edit
        # Kept for the views and tests that name them.
        self.date, self.source = self.edits[DATE], self.edits[SOURCE]
        for key, label in FACTS:
            value = _shown(document.metadata.get(key))
            if value:
                form.addRow(tr_(label), _fact(value, f"document-{key.replace('_', '-')}"))
        pages = len(page_starts(document.metadata))
        if pages:
            form.addRow(tr_("Pages:"), _fact(str(pages), "document-pages"))
        attachments = document.metadata.get(ATTACHMENTS)
        if isinstance(attachments, list) and attachments:
            names = [str(a.get("name") or tr_("(unnamed)")) if isinstance(a, dict) else str(a) for a in attachments]
            form.addRow(tr_("Attachments:"), _fact("\n".join(names), "document-attachments"))
        if document.source_path:
            form.addRow(tr_("File:"), _fact(document.source_path, "document-file"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        name_widgets(self)

    def apply(self) -> bool:
        """Store the changes (one undo step) and close; an empty title or a date that is none is refused."""
        project: Project = self.window_.project
        document = project.document(self.document_id)
        title = " ".join(self.title.text().split())
        if not title:
            self.window_.show_message(tr_("A document title cannot be empty."))
            return False
        values: dict[str, Any] = {key: edit.text() for key, edit in self.edits.items()}
        date_text = values[DATE].strip()
        if date_text:
            date = iso_date(date_text)
            if date is None:
                self.window_.show_message(tr_("“{text}” is not a date: write it as YYYY-MM-DD.").format(text=date_text))
                self.edits[DATE].setFocus()
                return False
            values[DATE] = date
        changes: dict[str, Any] = {}
        if title != document.title:
            changes["title"] = title  # the document's name; metadata ``title`` keeps the title the source gave
        metadata = with_values(document.metadata, **values)
        if metadata != document.metadata:
            changes["metadata"] = metadata
        if changes and not self.window_.run_command(
            UpdateDocumentCommand(project, self.document_id, tr_("Edit document properties"), **changes)
        ):
            return False
        self.accept()
        return True


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _fact(text: str, name: str) -> QLabel:
    label = plain_label(text, name=name)  # a fact of a received file: never markup
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


def show_properties(window: MainWindow) -> DocumentPropertiesDialog | None:
    """Open Document → Properties for the current document."""
    document_id = window.current_document_id()
    if document_id is None:
        window.show_message(tr_("Open a document first."))
        return None
    dialog = DocumentPropertiesDialog(window, document_id)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


__all__ = ["DocumentPropertiesDialog", "show_properties"]
