"""Undo commands: every edit of the project goes through one of these on the window's QUndoStack.

Each command calls the store in ``redo`` and the inverse store call in ``undo``; the store notifies
listeners, so views refresh themselves. A command whose first ``redo`` fails raises, and is not pushed (see
``push_command``); one that fails a later step is marked obsolete, and the stack drops it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.model import Link, Span, ValidationError
from annotator.store.errors import EnvironmentFault, SpanNotFound
from annotator.store.project import DeletedDocument, DeletedSpan, EntityMerge, Project
from annotator.ui.i18n import label_display, tr_, trn_


def push_command(stack: QUndoStack, command: ProjectCommand) -> ProjectCommand:
    """Run ``command`` once, then put it on ``stack`` (a refused edit raises its error and never sits on the
    stack; the stack's own first ``redo`` finds the edit applied and does nothing)."""
    command.redo()
    if command.failure is not None:
        raise command.failure
    stack.push(command)
    return command


class ProjectCommand(QUndoCommand):
    """Base: a project edit. Subclasses define ``apply`` (make the edit) and ``revert`` (reverse it).

    ``redo``/``undo`` are the stack's entry points. They know whether the edit is in the project (``applied``),
    so a step the stack takes over an edit already there (or already gone) does nothing. A step that fails keeps
    its error in ``failure``: a refused first run, or an edit that can no longer be stepped over (its span was
    changed or deleted elsewhere), marks the command obsolete and the stack drops it; a fault of the file or the
    disk (``EnvironmentFault``) leaves it as it was, to be tried again.
    """

    def __init__(self, project: Project, text: str) -> None:
        super().__init__(text)
        self.project = project
        self.applied = False
        self.failure: Exception | None = None
        self._ran = False  # applied once: from then on only an obsolete edit is dropped

    def redo(self) -> None:
        if not self.applied:
            self._step(self.apply, applied=True)

    def undo(self) -> None:
        if self.applied:
            self._step(self.revert, applied=False)

    def _step(self, run: Callable[[], object], *, applied: bool) -> None:
        self.failure = None
        try:
            run()
        except Exception as exc:  # the window reads ``failure`` and explains it
            self.failure = exc
            if not self._ran or not isinstance(exc, EnvironmentFault):
                self.setObsolete(True)
            return
        self.applied = applied
        self._ran = True

    def apply(self) -> None:
        """Make the edit in the project (every command defines it)."""
        raise TypeError(f"{type(self).__name__} does not define apply()")

    def revert(self) -> None:
        """Reverse the edit (every command defines it)."""
        raise TypeError(f"{type(self).__name__} does not define revert()")

    def expect_unchanged(self, span: Span) -> None:
        """Refuse to step over ``span`` if it is no longer as this command left it.

        Another window or program may have edited it since; undoing or redoing over that edit would
        silently throw it away. ValidationError makes the window skip this step with a message. Only the
        content counts: a redo of an earlier command may have stamped the same content with a new time.
        """
        if dataclasses.replace(self.project.span(span.id), updated=span.updated) != span:
            raise ValidationError(
                tr_("the span was changed meanwhile, by another window or program; that change is kept")
            )

    def expect_link_unchanged(self, link: Link) -> None:
        """Refuse to step over ``link`` if it is gone (LinkNotFound) or no longer as this command left it."""
        if dataclasses.replace(self.project.link(link.id), updated=link.updated) != link:
            raise ValidationError(
                tr_("the link was changed meanwhile, by another window or program; that change is kept")
            )

    def expect_spans(self, *span_ids: str) -> None:
        """Refuse (SpanNotFound, in words) to bring back something that needs a span deleted meanwhile."""
        for span_id in span_ids:
            self.project.span(span_id)


class AddSpanCommand(ProjectCommand):
    """Add one span (or restore a given one on redo after undo)."""

    def __init__(self, project: Project, document_id: int, start: int, end: int, label: str, **fields: Any) -> None:
        text = project.document_text(document_id)[start:end][:30]
        super().__init__(project, tr_("Tag “{text}” as {label}").format(text=text, label=label_display(label)))
        self.args = (document_id, start, end, label)
        self.fields = fields
        self.span: Span | None = None

    def apply(self) -> None:
        if self.span is None:
            self.span = self.project.add_span(*self.args, **self.fields)
        else:
            self.project.document(self.span.document_id)  # NotFound, in words, if it went meanwhile
            self.project.restore_span(DeletedSpan(self.span))

    def revert(self) -> None:
        assert self.span is not None
        self.expect_unchanged(self.span)
        self.project.delete_span(self.span.id)


class DeleteSpansCommand(ProjectCommand):
    """Delete spans with their links and attributes; undo brings all of it back."""

    def __init__(self, project: Project, span_ids: list[str], text: str | None = None) -> None:
        super().__init__(
            project, text or (trn_("Delete %n span(s)", "", len(span_ids)) if len(span_ids) > 1 else tr_("Delete span"))
        )
        self.span_ids = list(span_ids)
        self.records: list[DeletedSpan] = []

    @classmethod
    def of(cls, project: Project, span: Span) -> DeleteSpansCommand:
        """Delete one span, named by its text in the undo history."""
        return cls(project, [span.id], tr_("Delete “{text}”").format(text=span.text[:30]))

    def apply(self) -> None:
        for record in self.records:  # a redo: the spans must be as the undo put them back
            self.expect_unchanged(record.span)
        self.records = self.project.delete_spans(self.span_ids)

    def revert(self) -> None:
        for document_id in {record.span.document_id for record in self.records}:
            self.project.document(document_id)  # NotFound, in words, if it went meanwhile
        self.project.restore_spans(self.records)


class UpdateSpanCommand(ProjectCommand):
    """Change fields of a span: label, offsets, note, status, review, entity."""

    def __init__(self, project: Project, span_id: str, text: str = "", **changes: Any) -> None:
        text = text or tr_("Edit span")
        super().__init__(project, text)
        self.span_id = span_id
        self.changes = changes
        self.before: Span | None = None
        self.after: Span | None = None

    def apply(self) -> None:
        if self.after is None:
            self.before, self.after = self.project.update_span(self.span_id, **self.changes)
        else:
            assert self.before is not None
            self.expect_unchanged(self.before)
            self.project.restore_span_state(self.after)

    def revert(self) -> None:
        if self.before is None or self.after is None:  # never made: its span was gone already
            raise SpanNotFound(f"no span with id {self.span_id}")
        self.expect_unchanged(self.after)
        self.project.restore_span_state(self.before)


class AddLinkCommand(ProjectCommand):
    """Link two spans with a role."""

    def __init__(self, project: Project, from_span: str, to_span: str, role: str, annotator: str | None = None) -> None:
        super().__init__(project, tr_("Link as {role}").format(role=role))
        self.args = (from_span, to_span, role)
        self.annotator = annotator
        self.link: Link | None = None

    def apply(self) -> None:
        if self.link is None:
            self.link = self.project.add_link(*self.args, annotator=self.annotator)
        else:
            self.expect_spans(self.link.from_span, self.link.to_span)
            self.project.restore_link(self.link)

    def revert(self) -> None:
        assert self.link is not None
        self.project.delete_link(self.link.id)


class DeleteLinkCommand(ProjectCommand):
    """Delete a link."""

    def __init__(self, project: Project, link_id: str) -> None:
        super().__init__(project, tr_("Delete link"))
        self.link_id = link_id
        self.link: Link | None = None

    def apply(self) -> None:
        self.link = self.project.delete_link(self.link_id)

    def revert(self) -> None:
        assert self.link is not None
        self.expect_spans(self.link.from_span, self.link.to_span)
        self.project.restore_link(self.link)


class UpdateLinkCommand(ProjectCommand):
    """Change a link's role or target."""

    def __init__(self, project: Project, link_id: str, *, role: str | None = None, to_span: str | None = None) -> None:
        super().__init__(project, tr_("Edit link"))
        self.link_id = link_id
        self.role = role
        self.to_span = to_span
        self.before: Link | None = None
        self.after: Link | None = None

    def apply(self) -> None:
        if self.after is None:
            self.before, self.after = self.project.update_link(self.link_id, role=self.role, to_span=self.to_span)
        else:
            assert self.before is not None
            self.expect_link_unchanged(self.before)  # never brings back a link deleted elsewhere
            self.expect_spans(self.after.from_span, self.after.to_span)
            self.project.restore_link(self.after)

    def revert(self) -> None:
        assert self.before is not None and self.after is not None
        self.expect_link_unchanged(self.after)
        self.expect_spans(self.before.from_span, self.before.to_span)
        self.project.restore_link(self.before)


class SetAttributeCommand(ProjectCommand):
    """Set or clear one attribute of a span."""

    def __init__(self, project: Project, span_id: str, name: str, value: str | None) -> None:
        super().__init__(project, tr_("Set {name}").format(name=name))
        self.span_id = span_id
        self.name = name
        self.value = value
        self.previous: str | None = None

    def apply(self) -> None:
        self.previous = self.project.set_attribute(self.span_id, self.name, self.value)

    def revert(self) -> None:
        self.project.set_attribute(self.span_id, self.name, self.previous)


class UpdateDocumentCommand(ProjectCommand):
    """Rename a document, mark it done, or change its metadata."""

    def __init__(self, project: Project, document_id: int, text: str = "", **changes: Any) -> None:
        text = text or tr_("Edit document")
        super().__init__(project, text)
        self.document_id = document_id
        self.changes = changes
        self.before: dict[str, Any] = {}

    def apply(self) -> None:
        doc = self.project.document(self.document_id)
        self.before = {key: getattr(doc, key) for key in self.changes}
        self.project.update_document(self.document_id, **self.changes)

    def revert(self) -> None:
        self.project.update_document(self.document_id, **self.before)


class DeleteDocumentCommand(ProjectCommand):
    """Delete a document with everything on it; undo restores it with the same id."""

    def __init__(self, project: Project, document_id: int) -> None:
        super().__init__(project, tr_("Delete document"))
        self.document_id = document_id
        self.deleted: DeletedDocument | None = None

    def apply(self) -> None:
        self.deleted = self.project.delete_document(self.document_id)

    def revert(self) -> None:
        assert self.deleted is not None
        self.project.restore_document(self.deleted)


class MacroCommand(ProjectCommand):
    """Several commands as one undo step (accept all suggestions of a label, say)."""

    def __init__(self, project: Project, text: str, commands: list[ProjectCommand]) -> None:
        super().__init__(project, text)
        self.commands = commands
        self.gone_parts = 0  # parts passed over by the last step: their span was deleted elsewhere

    def apply(self) -> None:
        self._all_or_nothing([(command, command.apply) for command in self.commands])

    def revert(self) -> None:
        self._all_or_nothing([(command, command.revert) for command in reversed(self.commands)])

    def _all_or_nothing(self, steps: list[tuple[ProjectCommand, Callable[[], object]]]) -> None:
        # One transaction: a part refused half-way (a span changed meanwhile, a full disk) rolls back the
        # parts before it, so the step is whole or absent, never half done under a "skipped" message. Listeners
        # hear of the step once, after its commit (the store merges its parts' changes), and of nothing when
        # it was rolled back.
        # A status or label change of a span deleted elsewhere since has nothing left to change or to
        # overwrite: it is passed over (and counted), so that one deleted span does not keep the other
        # parts (accept all: the other suggestions) from being undone. A deletion or addition is never
        # passed over: undoing it over a span deleted elsewhere could bring that span back.
        gone = 0
        with self.project.transaction():
            for command, step in steps:
                try:
                    step()
                except SpanNotFound:
                    if not isinstance(command, UpdateSpanCommand):
                        raise
                    gone += 1
            if gone and gone == len(steps):
                raise SpanNotFound("every span of this step was deleted elsewhere")
        self.gone_parts = gone


class MergeEntitiesCommand(ProjectCommand):
    """Merge one canonical entity into another (its mentions move; it is deleted); undo splits them again."""

    def __init__(self, project: Project, keep_id: int, merged_id: int) -> None:
        kept, merged = project.entity(keep_id), project.entity(merged_id)
        super().__init__(project, tr_("Merge “{merged}” into “{kept}”").format(merged=merged.name, kept=kept.name))
        self.keep_id = keep_id
        self.merged_id = merged_id
        self.merge: EntityMerge | None = None

    def apply(self) -> None:
        self.merge = self.project.merge_entities(self.keep_id, self.merged_id)

    def revert(self) -> None:
        assert self.merge is not None
        self.project.unmerge_entities(self.merge)
