"""What changed in a project, as told to listeners: a kind, the document, the ids and the rows before and after."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from annotator.core.model import Link, Span


class ChangeKind(enum.StrEnum):
    """What a committed change is about (a string enum: ``ChangeKind.SPANS_ADDED == "spans_added"``)."""

    SPANS_ADDED = "spans_added"
    SPANS_UPDATED = "spans_updated"
    SPANS_DELETED = "spans_deleted"
    SPANS_CHANGED = "spans_changed"  # one step that added, deleted and updated spans (a macro step)
    DOCUMENTS_CHANGED = "documents_changed"
    LABELS_CHANGED = "labels_changed"
    LINKS_CHANGED = "links_changed"
    ENTITIES_CHANGED = "entities_changed"
    EXTERNAL = "external"  # another process changed the file: re-read what is shown
    RESET = "reset"  # a bulk write (import): re-read what is shown


SPAN_KINDS = frozenset(
    {ChangeKind.SPANS_ADDED, ChangeKind.SPANS_UPDATED, ChangeKind.SPANS_DELETED, ChangeKind.SPANS_CHANGED}
)
RELOAD_KINDS = frozenset({ChangeKind.EXTERNAL, ChangeKind.RESET})


@dataclass(frozen=True, slots=True)
class Change:
    """A committed change, as told to listeners: what changed, with the rows before and after (a delta).

    - spans_added: ``after`` holds the new spans; spans_deleted: ``before`` the deleted ones (and
      ``links_before`` the links that went with them); spans_updated: both, in the same order (an
      attribute change gives the same span twice). ``ids`` are the span ids, in that order.
    - spans_changed (a step that did several of these at once, told as one change): ``before`` and
      ``after`` side by side, None where the span did not exist (added: before is None; deleted: after is).
    - links_changed: ``links_before`` / ``links_after`` (a link absent from one side was added or deleted).
    - documents_changed: ``documents`` (and ``document_id`` when it is one) names the documents.
    - external and reset carry nothing: whoever shows project data reads it again.

    ``document_id`` is the one document every span of the change belongs to, None when several. A change
    built without its rows (``Change(ChangeKind.SPANS_ADDED, 3)``) has ``has_rows`` False: a
    listener then reads again what it shows of that document.
    """

    kind: ChangeKind
    document_id: int | None = None
    ids: tuple[str, ...] = ()
    before: tuple[Span | None, ...] = ()  # None only in spans_changed
    after: tuple[Span | None, ...] = ()
    links_before: tuple[Link, ...] = ()
    links_after: tuple[Link, ...] = ()
    documents: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.kind, ChangeKind):
            object.__setattr__(self, "kind", ChangeKind(self.kind))
        if not self.documents and self.document_id is not None and self.kind == ChangeKind.DOCUMENTS_CHANGED:
            object.__setattr__(self, "documents", (self.document_id,))

    @property
    def has_rows(self) -> bool:
        """Whether the change carries the span rows it is about (else listeners must re-read)."""
        kind = self.kind
        if kind in SPAN_KINDS and not self.ids:
            return False
        if kind == ChangeKind.SPANS_ADDED:
            return len(self.after) == len(self.ids)
        if kind == ChangeKind.SPANS_DELETED:
            return len(self.before) == len(self.ids)
        if kind in (ChangeKind.SPANS_UPDATED, ChangeKind.SPANS_CHANGED):
            return len(self.before) == len(self.after) == len(self.ids)
        return kind not in RELOAD_KINDS

    def span_pairs(self) -> list[tuple[Span | None, Span | None]]:
        """(before, after) of every span of the change: (None, s) added, (s, None) deleted."""
        if self.kind == ChangeKind.SPANS_ADDED:
            return [(None, s) for s in self.after]
        if self.kind == ChangeKind.SPANS_DELETED:
            return [(s, None) for s in self.before]
        if self.kind in (ChangeKind.SPANS_UPDATED, ChangeKind.SPANS_CHANGED):
            return list(zip(self.before, self.after, strict=False))
        return []

    def touches_document(self, document_id: int | None) -> bool:
        """Whether the change may concern ``document_id`` (a change of several documents says which)."""
        if document_id is None:
            return False
        if self.kind in RELOAD_KINDS:
            return True
        if self.kind == ChangeKind.DOCUMENTS_CHANGED:
            return not self.documents or document_id in self.documents
        if self.document_id is not None:
            return self.document_id == document_id
        if self.kind in SPAN_KINDS and self.has_rows:
            return any(s is not None and s.document_id == document_id for s in (*self.before, *self.after))
        return True  # several documents, rows unknown: it may


def _net(pairs: Iterable[tuple[str, Any, Any]]) -> dict[str, list[Any]]:
    """Net (first before, last after) per id of a sequence of (id, before, after) row changes."""
    net: dict[str, list[Any]] = {}
    for key, before, after in pairs:
        if key in net:
            net[key][1] = after
        else:
            net[key] = [before, after]
    return net


def merge_changes(changes: Sequence[Change]) -> list[Change]:
    """The changes of one transaction as few notifications: at most one per kind, spans and links by net effect.

    A span added then deleted in the same step is not told at all; updated twice, it is told once with
    its first ``before`` and last ``after``.
    """
    if any(c.kind in RELOAD_KINDS for c in changes):
        external = any(c.kind == ChangeKind.EXTERNAL for c in changes)
        return [Change(ChangeKind.EXTERNAL if external else ChangeKind.RESET)]
    step = _Step()
    for change in changes:
        step.add(change)
    merged: list[Change] = []
    # Every span change of the step in one notification: listeners read the file in its state after the
    # whole step, so they must hear of the whole step at once.
    spans = _net_span_change(step.span_rows)
    if spans is not None:
        merged.append(spans)
    links = [(b, a) for b, a in _net(step.link_rows).values() if not (b is None and a is None)]
    if links:
        merged.append(
            Change(
                ChangeKind.LINKS_CHANGED,
                step.link_docs.pop() if len(step.link_docs) == 1 else None,
                tuple((a or b).id for b, a in links),
                links_before=tuple(b for b, _ in links if b is not None),
                links_after=tuple(a for _, a in links if a is not None),
            )
        )
    if step.whole_documents or step.documents:
        merged.append(
            Change(
                ChangeKind.DOCUMENTS_CHANGED,
                step.documents[0] if len(step.documents) == 1 and not step.whole_documents else None,
                documents=() if step.whole_documents else tuple(step.documents),
            )
        )
    merged.extend(Change(kind) for kind in step.flags)
    merged.extend(step.passed)
    return merged


class _Step:
    """The changes of one transaction gathered by what they touch, for ``merge_changes``."""

    def __init__(self) -> None:
        self.span_rows: list[tuple[str, Span | None, Span | None]] = []
        self.link_rows: list[tuple[str, Link | None, Link | None]] = []
        self.link_docs: set[int | None] = set()
        self.documents: list[int] = []
        self.whole_documents = False
        self.passed: list[Change] = []  # changes without rows: told as they are
        self.flags: list[ChangeKind] = []

    def add(self, change: Change) -> None:
        kind = change.kind
        if kind in SPAN_KINDS:
            if not change.has_rows:
                self.passed.append(change)
                return
            self.span_rows.extend((s.id if s is not None else t.id, s, t) for s, t in change.span_pairs())  # type: ignore[union-attr]
            if change.links_before or change.links_after:
                self.link_docs.add(change.document_id)
            self.add_links(change)
        elif kind == ChangeKind.LINKS_CHANGED:
            if not (change.links_before or change.links_after):
                self.passed.append(change)
                return
            self.link_docs.add(change.document_id)
            self.add_links(change)
        elif kind == ChangeKind.DOCUMENTS_CHANGED:
            if change.documents:
                self.documents.extend(d for d in change.documents if d not in self.documents)
            else:
                self.whole_documents = True
        elif kind not in self.flags:
            self.flags.append(kind)

    def add_links(self, change: Change) -> None:
        self.link_rows.extend((lk.id, lk, None) for lk in change.links_before)
        self.link_rows.extend((lk.id, None, lk) for lk in change.links_after)


def _net_span_change(span_rows: list[tuple[str, Span | None, Span | None]]) -> Change | None:
    """One change for the net effect of the step on spans (None when nothing is left of it), of the kind
    that says it all: added, deleted or updated when every span was, else changed."""
    pairs = [(b, a) for b, a in _net(span_rows).values() if not (b is None and a is None)]
    if not pairs:
        return None
    added = all(b is None for b, _ in pairs)
    deleted = all(a is None for _, a in pairs)
    updated = all(b is not None and a is not None for b, a in pairs)
    kind = (
        ChangeKind.SPANS_ADDED
        if added
        else ChangeKind.SPANS_DELETED
        if deleted
        else ChangeKind.SPANS_UPDATED
        if updated
        else ChangeKind.SPANS_CHANGED
    )
    rows = [a if a is not None else b for b, a in pairs]
    docs = {row.document_id for row in rows if row is not None}
    return Change(
        kind,
        docs.pop() if len(docs) == 1 else None,
        tuple(row.id for row in rows if row is not None),
        before=tuple(b for b, _ in pairs) if kind != ChangeKind.SPANS_ADDED else (),
        after=tuple(a for _, a in pairs) if kind != ChangeKind.SPANS_DELETED else (),
    )
