"""A team server's change notifications as the store's ``Change`` deltas, for windows and tools.

The server announces every committed write as a small message naming the table, the operation, the
document and the changed rows' keys (``store.postgres.notify.ChangeEvent``). The window follows the
project through ``Change`` deltas (``store.changes``); this module turns one batch of messages into the few
deltas that say the same: which spans, links, documents, labels or entities changed, and where.

The deltas carry ids, not rows (a message carries no rows): each view then reads again those rows only
(the reader's span index the spans with those ids, the document list that document's row). A message too
large to list its ids becomes an ``external`` change (read again what is shown), as does a reconnection
after which messages may have been missed.

Messages from the window's own connections are skipped: their changes were told already, with their rows,
when the window made them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from annotator.store.changes import Change, ChangeKind
from annotator.store.postgres.notify import ChangeEvent

# Tables whose changes are about spans of a document (attributes: the spans whose attributes changed).
SPAN_TABLES = frozenset({"annotations", "attributes"})
DOCUMENT_TABLES = frozenset({"documents", "document_sources"})
LABEL_TABLES = frozenset({"labels", "link_types"})


@dataclass
class _Batch:
    """The changes of one batch of messages, gathered per document."""

    span_ops: dict[int, set[str]] = field(default_factory=dict)  # document -> operations on its spans
    span_ids: dict[int, list[str]] = field(default_factory=dict)  # document -> span ids, in order, once
    link_ids: dict[int | None, list[str]] = field(default_factory=dict)
    documents: list[int] = field(default_factory=list)
    labels: bool = False
    entities: bool = False
    reload: bool = False

    def add_spans(self, event: ChangeEvent) -> None:
        if event.document_id is None or event.ids is None:
            self.reload = True
            return
        op = "update" if event.table == "attributes" else event.op
        self.span_ops.setdefault(event.document_id, set()).add(op)
        known = self.span_ids.setdefault(event.document_id, [])
        known.extend(i for i in event.ids if i not in known)

    def add_links(self, event: ChangeEvent) -> None:
        if event.ids is None:
            self.reload = True
            return
        known = self.link_ids.setdefault(event.document_id, [])
        known.extend(i for i in event.ids if i not in known)

    def add_documents(self, event: ChangeEvent) -> None:
        if event.ids is None:
            self.reload = True
            return
        for key in event.ids:
            document = int(key)
            if document not in self.documents:
                self.documents.append(document)

    def changes(self) -> list[Change]:
        if self.reload:
            return [Change(ChangeKind.EXTERNAL)]
        changes: list[Change] = []
        if self.documents:
            changes.append(Change(ChangeKind.DOCUMENTS_CHANGED, documents=tuple(self.documents)))
        if self.labels:
            changes.append(Change(ChangeKind.LABELS_CHANGED))
        for document, ids in self.span_ids.items():
            changes.append(Change(_span_kind(self.span_ops[document]), document, tuple(ids)))
        for link_document, link_ids in self.link_ids.items():
            changes.append(Change(ChangeKind.LINKS_CHANGED, link_document, tuple(link_ids)))
        if self.entities:
            changes.append(Change(ChangeKind.ENTITIES_CHANGED))
        return changes


def _span_kind(ops: set[str]) -> ChangeKind:
    if ops == {"insert"}:
        return ChangeKind.SPANS_ADDED
    if ops == {"delete"}:
        return ChangeKind.SPANS_DELETED
    if ops == {"update"}:
        return ChangeKind.SPANS_UPDATED
    return ChangeKind.SPANS_CHANGED


def changes_from_events(events: Iterable[ChangeEvent], own_pids: Collection[int] = ()) -> list[Change]:
    """The ``Change`` deltas a batch of server messages stands for, skipping those of ``own_pids``.

    Spans come as one change per document (added, deleted, updated, or changed when the batch mixed
    them), links as one per document, documents and labels as one change each; nothing for messages that
    concern none of what a window shows (project settings).
    """
    batch = _Batch()
    seen = False
    for event in events:
        if event.pid in own_pids:
            continue
        table = event.table
        if table in SPAN_TABLES:
            batch.add_spans(event)
        elif table == "links":
            batch.add_links(event)
        elif table in DOCUMENT_TABLES:
            batch.add_documents(event)
        elif table in LABEL_TABLES:
            batch.labels = True
        elif table == "entities":
            batch.entities = True
        else:
            continue
        seen = True
    return batch.changes() if seen else []


__all__ = ["changes_from_events"]
