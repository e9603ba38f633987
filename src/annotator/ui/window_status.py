"""The window's title, status bar and the document actions' state, kept up to date with the project."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSignalBlocker

from annotator.store.project import DocumentSummary
from annotator.ui.i18n import tr_, trn_
from annotator.ui.models import spans_phrase, suggestions_phrase
from annotator.ui.plain_text import plain_label, tooltip, window_title

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow


class StatusController(QObject):
    """The title, the permanent status-bar fields (document, spans, saved) and Document actions' enabled state."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("status")
        self.window = window

    def build(self) -> None:
        """The permanent fields of the status bar."""
        bar = self.window.statusBar()
        bar.setObjectName("status-bar")
        # Plain text: a document title is whatever its author wrote (an <img src> there is not an image).
        self.window.status_document = plain_label("", self.window, name="status-document")
        self.window.status_spans = plain_label("", self.window, name="status-spans")
        self.window.status_saved = plain_label("", self.window, name="status-saved")
        bar.addPermanentWidget(self.window.status_document)
        bar.addPermanentWidget(self.window.status_spans)
        bar.addPermanentWidget(self.window.status_saved)

    def _summary(self) -> DocumentSummary | None:
        current = self.window.current_document_id()
        return None if current is None else self.window.document_model.summary(current)

    def update_title(self) -> None:
        """The window title: the document's and the project's names."""
        name = self.window.project.path.name
        summary = self._summary()
        self.window.setWindowTitle(
            window_title(f"{summary.title} — {name} — Annotator" if summary else f"{name} — Annotator")
        )

    def update_status(self) -> None:
        """The status bar's document and span counts (counted once per document, then kept by delta)."""
        summary = self._summary()
        if summary is None:
            self.window.status_document.setText(tr_("No document open"))
            self.window.status_spans.setText(trn_("%n document(s)", "", len(self.window.document_model.summaries())))
        else:
            mark = tr_("  ✓ done") if summary.done else ""
            self.window.status_document.setText(f"{summary.title}{mark}")
            # Counted once per document, then kept by delta (never by reading the spans again).
            who = self.window.annotation_model.annotator_filter()
            accepted = self.window.counts.total("accepted", who)
            suggested = self.window.counts.total("suggested", who)
            mine = (
                self.window.counts.total("accepted", self.window.annotator)
                if who in (None, self.window.annotator)
                else 0
            )
            text = tr_("{spans} ({mine} mine)").format(spans=spans_phrase(accepted), mine=mine)
            if suggested:
                text += f" · {suggestions_phrase(suggested)}"
            self.window.annotation_panel.show_counts(accepted, suggested)
            if self.window.status_spans.text() != text:
                self.window.status_spans.setText(text)
        self.window.editing.set_saved(self.window.editing.saved_ok)

    def update_document_actions(self) -> None:
        """Document → Rename, Delete and Mark done: enabled with a document open, Mark done checked if done."""
        summary = self._summary()
        has_document = summary is not None
        for action in (self.window.action_rename, self.window.action_delete, self.window.action_done):
            action.setEnabled(has_document)
        with QSignalBlocker(self.window.action_done):
            self.window.action_done.setChecked(bool(summary and summary.done))

    def tell_project_state(self) -> None:
        """Say in the status bar that the project is read-only, was upgraded, or is on a network share."""
        project = self.window.project
        if project.read_only:
            self.window.show_message(
                tr_(
                    "{file} is read-only: you can read it, but edits cannot be saved. "
                    "File → Backup copy makes a copy you can work on."
                ).format(file=project.path.name),
                0,
            )
        elif project.migration_backup is not None:
            self.window.show_message(
                tr_("Project upgraded; the file as it was is kept in {path}").format(path=project.migration_backup), 0
            )
        warning = project.safe_mode_warning
        if warning is not None:
            # A project on a network share: say so for as long as it is open, and why, once in full.
            indicator = plain_label(tr_("⚠ Network share: safe mode"), self.window, name="safe-mode-indicator")
            if project.network_share is not None:
                warning = tr_(
                    "{path} is on a network share ({share}): opened in safe mode, one program at a time (rollback "
                    "journal, exclusive lock); for a team, use a team server (annotator team)"
                ).format(path=project.path, share=project.network_share.describe())
            indicator.setToolTip(tooltip(warning))
            self.window.statusBar().addPermanentWidget(indicator)
            if not project.read_only and project.migration_backup is None:
                self.window.show_message(warning, 0)
