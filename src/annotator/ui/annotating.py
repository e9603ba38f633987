"""Tagging from the window: label buttons, moving between spans, whose spans are shown, and the span selected."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from annotator.store.errors import StoreError
from annotator.ui.commands import DeleteSpansCommand, UpdateSpanCommand
from annotator.ui.i18n import label_display, tr_

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow


class AnnotatingController(QObject):
    """Label buttons, Next / Previous span, View → Show spans of, and the status line of the selected span."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("annotating")
        self.window = window

    def tag_with_label(self, label: str) -> bool:
        """What a label button does: tag the reader's selection, or relabel the selected span."""
        if self.window.current_document_id() is None:
            self.window.show_message(tr_("Open a document first"))
            return False
        selection = self.window.reader.selection_codepoints()
        selected_span = self.window.reader.selected_span_id()
        if selected_span is not None:
            span = self.window.live_span(selected_span)
            if span is None:
                return False
            if selection is None or tuple(selection) == (span.start, span.end):
                if span.label == label:
                    return True
                return self.window.run_command(
                    UpdateSpanCommand(
                        self.window.project,
                        span.id,
                        tr_("Relabel “{text}” as {label}").format(text=span.text[:30], label=label_display(label)),
                        label=label,
                    )
                )
        if selection is None:
            self.window.show_message(tr_("Select some text to tag, or a span to relabel"))
            return False
        done = bool(self.window.reader.tag_selection(label))
        self.window.reader.setFocus()
        return done

    def next_span(self) -> bool:
        """Select the span after the selected one (or after the cursor)."""
        return self._step_span(+1)

    def previous_span(self) -> bool:
        """Select the span before the selected one (or before the cursor)."""
        return self._step_span(-1)

    def _step_span(self, step: int) -> bool:
        # Through the reader's index of the document's spans (text order, the same annotator filter).
        if self.window.current_document_id() is None or self.window.annotation_model.rowCount() == 0:
            self.window.show_message(tr_("This document has no spans"))
            return False
        if not self.window.reader.select_neighbour_span(step):
            self.window.show_message(tr_("No more spans in this direction"))
            return False
        self.window.annotation_table.show_span(self.window.reader.selected_span_id())
        return True

    def set_annotator_filter(self, mode: str, name: str | None = None) -> None:
        """Show the spans of everyone ("all"), mine ("mine") or one annotator ("one", name)."""
        self.window.reader.set_annotator_filter(mode, name)
        who = {"all": None, "mine": self.window.annotator, "one": name}.get(mode)
        self.window.annotation_model.set_annotator_filter(who)
        action = {
            "all": self.window.action_show_all,
            "mine": self.window.action_show_mine,
            "one": self.window.action_show_one,
        }[mode]
        action.setChecked(True)
        self.window.show_message(
            tr_("Showing everyone's spans") if who is None else tr_("Showing the spans of {who}").format(who=who)
        )
        self.window.status.update_status()

    def choose_annotator_filter(self) -> None:
        """Ask which annotator's spans to show."""
        names = self.window.project.annotators()
        if not names:
            self.window.show_message(tr_("Nobody has made spans yet"))
            self.set_annotator_filter("all")
            return
        name = self.window.choose_item(tr_("Show spans of"), tr_("Annotator:"), names)
        if name is None:
            self.set_annotator_filter("all")
        else:
            self.set_annotator_filter("one", name)

    def set_annotator(self, name: str) -> None:
        """Make new spans under ``name`` from now on."""
        name = name.strip()
        if not name:
            return
        self.window.annotator = name
        if hasattr(self.window.reader, "annotator"):
            self.window.reader.annotator = name
        if self.window.action_show_mine.isChecked():
            self.set_annotator_filter("mine")
        self.window.status.update_status()

    def span_selected_in_reader(self, span_id: object) -> None:
        self.window.annotation_table.show_span(str(span_id) if span_id else None)
        if span_id:
            try:
                span = self.window.project.span(str(span_id))
            except StoreError:
                return
            note = f" — {span.note}" if span.note else ""
            status = "" if span.status == "accepted" else f" ({tr_(span.status)})"
            self.window.show_message(
                tr_("{label}{status}: “{text}” by {annotator}{note}").format(
                    label=label_display(span.label),
                    status=status,
                    text=span.text,
                    annotator=span.annotator,
                    note=note,
                )
            )

    def select_span(self, span_id: str) -> bool:
        """Open the span's document if needed, scroll to the span and select it."""
        span = self.window.live_span(span_id)
        if span is None:
            return False
        self.window.show_reader()  # a span is seen in the reader, whichever workspace asked for it
        if span.document_id != self.window.current_document_id():
            self.window.open_document(span.document_id)
        self.window.reader.select_span(span_id)
        self.window.annotation_table.show_span(span_id)
        return True

    def review_suggestion(self, span_id: str, accept: bool) -> bool:
        """Accept (or reject) suggestion ``span_id`` as in the reader, then select the next suggestion."""
        if not self.select_span(span_id):
            return False
        done = self.window.reader.review_selected_suggestion(accept)
        self.window.status.update_status()
        return done

    def delete_span(self, span_id: str) -> bool:
        """Delete one span (with its links and attributes) as an undoable edit."""
        span = self.window.live_span(span_id)
        if span is None:
            return False
        return self.window.run_command(DeleteSpansCommand.of(self.window.project, span))
