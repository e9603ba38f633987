"""Spans: made, checked, stored, read one by one, changed, deleted and restored."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from annotator.core.model import Document as Document
from annotator.core.model import (
    Link,
    Span,
    ValidationError,
    check_offsets,
    new_span_id,
    utc_now,
)
from annotator.store.changes import Change, ChangeKind
from annotator.store.columns import SPAN_COLUMNS, SPAN_FIELDS, span_from_row, span_values
from annotator.store.errors import (
    SpanNotFound,
)
from annotator.store.parts.base import PartBase
from annotator.store.records import (
    DeletedSpan,
    unique_links,
)

# What update_span may change: every field but the span's identity, document, covered text (it follows from the
# offsets) and creation time.
_CHANGEABLE = frozenset(SPAN_FIELDS) - {"id", "document_id", "text", "created"}
_ROWS_PER_INSERT = 500  # x 16 columns: within SQLite's limit of 32,766 parameters a statement

class SpansPart(PartBase):
    """The annotations table: one span per row."""

    # -- spans ---------------------------------------------------------------------------

    @staticmethod
    def _span_from_row(r: Sequence[Any]) -> Span:
        return span_from_row(r)

    def make_span(
        self,
        document_id: int,
        start: int,
        end: int,
        label: str,
        *,
        annotator: str,
        note: str = "",
        status: str = "accepted",
        source: str = "manual",
        span_id: str | None = None,
        created: str | None = None,
        updated: str | None = None,
        review: str = "unreviewed",
        reviewer: str | None = None,
        review_comment: str | None = None,
        entity_id: int | None = None,
        expected_text: str | None = None,
        allow_retired: bool = False,
    ) -> Span:
        """Build a validated span of a stored document (not stored yet)."""
        text = self.document_text(document_id)
        check_offsets(text, start, end)
        covered = text[start:end]
        if expected_text is not None and expected_text != covered:
            raise ValidationError(
                f"span {start}–{end} covers {covered!r} in document {document_id}, not {expected_text!r}"
            )
        known = self._labels()
        if label not in known:
            raise ValidationError(f"unknown label {label!r}: known labels are {', '.join(known)}")
        if known[label].retired and not allow_retired:
            raise ValidationError(f"label {label!r} is retired: no new spans can use it")
        now = utc_now()
        return Span(
            id=span_id or new_span_id(),
            document_id=document_id,
            start=start,
            end=end,
            label=label,
            text=covered,
            annotator=annotator,
            note=note or "",
            status=status,
            source=source,
            review=review,
            reviewer=reviewer,
            review_comment=review_comment,
            entity_id=entity_id,
            created=created or now,
            updated=updated or created or now,
        )

    def insert_span_row(self, span: Span) -> None:
        """Write a validated span as a new row, inside the caller's ``transaction()`` (bulk imports, undo).

        No listener is told: the caller notifies once for the whole batch.
        """
        self._sql.execute(
            f"INSERT INTO annotations ({SPAN_COLUMNS}) VALUES ({', '.join('?' * len(SPAN_COLUMNS.split(',')))})",
            span_values(span),
        )

    def insert_span_rows(self, spans: Sequence[Span]) -> None:
        """Write validated spans as new rows, a few hundred per statement, inside the caller's ``transaction()``
        (a copy of a project: on a server, each statement is one run of the integrity trigger and one
        notification, not one per span). No listener is told."""
        width = len(SPAN_FIELDS)
        for first in range(0, len(spans), _ROWS_PER_INSERT):
            chunk = spans[first : first + _ROWS_PER_INSERT]
            rows = ", ".join(f"({', '.join('?' * width)})" for _ in chunk)
            self._sql.execute(
                f"INSERT INTO annotations ({SPAN_COLUMNS}) VALUES {rows}", [v for s in chunk for v in span_values(s)]
            )

    def overwrite_span_row(self, span: Span) -> None:
        """Replace every column of the stored span with ``span``'s values, inside the caller's ``transaction()``.

        SpanNotFound (rolling the transaction back) if the span is not stored: deleted meanwhile elsewhere.
        """
        columns = [c.strip() for c in SPAN_COLUMNS.split(",")][1:]
        changed = self._sql.execute(
            f"UPDATE annotations SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
            [*span_values(span)[1:], span.id],
        )
        if changed == 0:
            raise self._sql.refused("annotations", "id", span.id, f"span {span.id}") or SpanNotFound(
                f"no span with id {span.id}"
            )

    def add_span(self, document_id: int, start: int, end: int, label: str, **fields: Any) -> Span:
        """Validate and store one span; durable when this returns. See ``make_span`` for the fields."""
        if not fields.get("annotator"):
            fields["annotator"] = self.annotator
        span = self.make_span(document_id, start, end, label, **fields)
        with self.transaction():
            self.insert_span_row(span)
        self._emit(Change(ChangeKind.SPANS_ADDED, document_id, (span.id,), after=(span,)))
        return span

    def add_spans(self, spans: Iterable[Span]) -> list[Span]:
        """Store many ready-made spans in one transaction, each checked against its document's text."""
        stored = []
        with self.transaction():
            for span in spans:
                checked = self.make_span(
                    span.document_id,
                    span.start,
                    span.end,
                    span.label,
                    annotator=span.annotator,
                    note=span.note,
                    status=span.status,
                    source=span.source,
                    span_id=span.id,
                    created=span.created or None,
                    updated=span.updated or None,
                    review=span.review,
                    reviewer=span.reviewer,
                    review_comment=span.review_comment,
                    entity_id=span.entity_id,
                    expected_text=span.text,
                    allow_retired=True,
                )
                self.insert_span_row(checked)
                stored.append(checked)
        if stored:
            self._emit(
                Change(
                    ChangeKind.SPANS_ADDED,
                    stored[0].document_id if len({s.document_id for s in stored}) == 1 else None,
                    tuple(s.id for s in stored),
                    after=tuple(stored),
                )
            )
        return stored

    def spans_at(self, document_id: int, start: int, end: int, label: str, annotator: str) -> list[Span]:
        """The spans of a document at these offsets with this label by this annotator (by index)."""
        rows = self._read(
            f'SELECT {SPAN_COLUMNS} FROM annotations WHERE document_id = ? AND start = ? AND "end" = ? '
            "AND label = ? AND annotator = ? ORDER BY created, id",
            (document_id, start, end, label, annotator),
        )
        return [self._span_from_row(r) for r in rows]

    def span(self, span_id: str) -> Span:
        """One span by id; NotFound if there is none."""
        rows = self._read(f"SELECT {SPAN_COLUMNS} FROM annotations WHERE id = ?", (span_id,))
        if not rows:
            raise SpanNotFound(f"no span with id {span_id}")
        return self._span_from_row(rows[0])

    def find_span(self, span_id: str) -> Span | None:
        """One span by id, or None if there is none."""
        rows = self._read(f"SELECT {SPAN_COLUMNS} FROM annotations WHERE id = ?", (span_id,))
        return self._span_from_row(rows[0]) if rows else None

    def has_span(self, span_id: str) -> bool:
        """Whether a span with this id is stored."""
        return bool(self._read("SELECT 1 FROM annotations WHERE id = ?", (span_id,)))

    def spans(
        self,
        document_id: int | None = None,
        *,
        labels: Iterable[str] | None = None,
        annotators: Iterable[str] | None = None,
        statuses: Iterable[str] | None = ("suggested", "accepted", "rejected"),
        documents: Iterable[int] | None = None,
        reviews: Iterable[str] | None = None,
    ) -> list[Span]:
        """Spans in (document, start, end, label, id) order, filtered by any of the arguments.

        ``statuses=None`` or the default mean every status.
        """
        where: list[str] = []
        params: list[Any] = []

        def restrict(column: str, values: Iterable[Any] | None) -> None:
            if values is None:
                return
            values = list(values)
            where.append(f"{column} IN ({', '.join('?' for _ in values)})" if values else "1 = 0")
            params.extend(values)

        if document_id is not None:
            where.append("document_id = ?")
            params.append(document_id)
        restrict("document_id", documents)
        restrict("label", labels)
        restrict("annotator", annotators)
        if statuses is not None and set(statuses) != {"suggested", "accepted", "rejected"}:
            restrict("status", statuses)
        restrict("review", reviews)
        sql = f"SELECT {SPAN_COLUMNS} FROM annotations"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += ' ORDER BY document_id, start, "end", label, id'
        return [self._span_from_row(r) for r in self._read(sql, params)]

    def annotators(self, status: str | None = None) -> list[str]:
        """Names of everyone who has spans in the project (spans with ``status``, if given), sorted."""
        if status is None:
            return [r[0] for r in self._read("SELECT DISTINCT annotator FROM annotations ORDER BY annotator")]
        rows = self._read("SELECT DISTINCT annotator FROM annotations WHERE status = ? ORDER BY annotator", (status,))
        return [r[0] for r in rows]

    def update_span(self, span_id: str, **changes: Any) -> tuple[Span, Span]:
        """Change a span's label, offsets, note, status, review fields or entity; returns (before, after).

        New offsets are checked against the text and the covered text is recomputed.
        """
        unknown = set(changes) - _CHANGEABLE
        if unknown:
            raise ValidationError(f"cannot change {', '.join(sorted(unknown))} of a span")
        before = self.span(span_id)
        start = changes.get("start", before.start)
        end = changes.get("end", before.end)
        text = self.document_text(before.document_id)
        check_offsets(text, start, end)
        if "label" in changes and changes["label"] != before.label:
            label = self._labels().get(changes["label"])
            if label is None:
                raise ValidationError(f"unknown label {changes['label']!r}")
            if label.retired:
                raise ValidationError(f"label {label.name!r} is retired: no new spans can use it")
        after = before.with_changes(text=text[start:end], updated=changes.pop("updated", None) or utc_now(), **changes)
        with self.transaction():
            self.overwrite_span_row(after)
        self._emit(Change(ChangeKind.SPANS_UPDATED, after.document_id, (span_id,), (before,), (after,)))
        return before, after

    def restore_span_state(self, span: Span) -> Span:
        """Put a stored span back exactly as ``span`` (undo of an update)."""
        before = self.span(span.id)
        with self.transaction():
            self.overwrite_span_row(span)
        self._emit(Change(ChangeKind.SPANS_UPDATED, span.document_id, (span.id,), (before,), (span,)))
        return span

    def _deleted_span_record(self, span: Span) -> DeletedSpan:
        return DeletedSpan(
            span=span,
            links=tuple(self.links(span_ids=[span.id])),
            attributes=tuple(sorted(self.attributes(span.id).items())),
        )

    def delete_span(self, span_id: str) -> DeletedSpan:
        """Delete a span with its links and attributes (in one step); returns what undo needs."""
        return self.delete_spans([span_id])[0]

    def delete_spans(self, span_ids: Iterable[str]) -> list[DeletedSpan]:
        """Delete several spans in one transaction."""
        records = [self._deleted_span_record(self.span(sid)) for sid in span_ids]
        with self.transaction():
            for record in records:
                if not self._sql.execute("DELETE FROM annotations WHERE id = ?", [record.span.id]):
                    refusal = self._sql.refused("annotations", "id", record.span.id, f"span {record.span.id}")
                    if refusal is not None:
                        raise refusal
        docs = {r.span.document_id for r in records}
        if records:
            self._emit(
                Change(
                    ChangeKind.SPANS_DELETED,
                    docs.pop() if len(docs) == 1 else None,
                    tuple(r.span.id for r in records),
                    before=tuple(r.span for r in records),
                    links_before=unique_links(link for r in records for link in r.links),
                )
            )
        return records

    def restore_span(self, deleted: DeletedSpan) -> Span:
        """Undo ``delete_span``: the span, its links and attributes come back with the same ids."""
        return self.restore_spans([deleted])[0]

    def restore_spans(self, records: Sequence[DeletedSpan]) -> list[Span]:
        """Undo ``delete_spans``."""
        restored: list[Link] = []
        with self.transaction():
            for record in records:
                self.insert_span_row(record.span)
            for record in records:
                restored.extend(self._restore_span_extras(record))
        docs = {r.span.document_id for r in records}
        if records:
            self._emit(
                Change(
                    ChangeKind.SPANS_ADDED,
                    docs.pop() if len(docs) == 1 else None,
                    tuple(r.span.id for r in records),
                    after=tuple(r.span for r in records),
                    links_after=tuple(restored),
                )
            )
        return [r.span for r in records]

    def _restore_span_extras(self, record: DeletedSpan) -> list[Link]:
        """Put a restored span's attributes and links back; returns the links restored."""
        restored = []
        for name, value in record.attributes:
            self._sql.upsert(
                "attributes", {"span_id": record.span.id, "name": name, "value": value}, ("span_id", "name")
            )
        for link in record.links:
            if (
                not self._read("SELECT 1 FROM links WHERE id = ?", (link.id,))
                and self.has_span(link.from_span)
                and self.has_span(link.to_span)
            ):
                self._insert_link(link)
                restored.append(link)
        return restored
