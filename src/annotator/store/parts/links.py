"""Links between spans."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from annotator.core.model import Document as Document
from annotator.core.model import (
    Link,
    ValidationError,
    new_span_id,
    utc_now,
)
from annotator.store.changes import Change, ChangeKind
from annotator.store.errors import (
    LinkNotFound,
)
from annotator.store.parts.base import PartBase
from annotator.store.records import (
    LinkEnd,
)


class LinksPart(PartBase):
    """The links table: typed, directed links between two spans of one document."""

    # -- links ---------------------------------------------------------------------------

    @staticmethod
    def _link_from_row(r: Sequence[Any]) -> Link:
        return Link(
            id=r[0], from_span=r[1], to_span=r[2], role=r[3], annotator=r[4], created=r[5], updated=r[6], note=r[7]
        )

    _LINK_COLUMNS = "id, from_span, to_span, role, annotator, created, updated, note"

    def _insert_link(self, link: Link) -> None:
        self._sql.execute(
            f"INSERT INTO links ({self._LINK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [link.id, link.from_span, link.to_span, link.role, link.annotator, link.created, link.updated, link.note],
        )

    def _changed_link(self, sql: str, params: Sequence[Any]) -> None:
        """Run an update or delete of one link (its id last in ``params``); a server's refusal raised."""
        if not self._sql.execute(sql, params):
            link_id = params[-1]
            refusal = self._sql.refused("links", "id", link_id, f"link {link_id}")
            if refusal is not None:
                raise refusal

    def insert_link_row(self, link: Link) -> None:
        """Write a link as it is, inside the caller's transaction (set import; the schema is checked there)."""
        self._insert_link(link)

    def check_link(self, from_span: str, to_span: str, role: str) -> None:
        """Raise unless the schema allows ``role`` from the first span's label to the second's."""
        source, target = self.span(from_span), self.span(to_span)
        if source.document_id != target.document_id:
            raise ValidationError("a link joins two spans of the same document")
        types = [lt for lt in self.link_types() if lt.role == role]
        if not types:
            raise ValidationError(f"unknown link role {role!r}")
        if not any(lt.from_label == source.label and target.label in lt.to_labels for lt in types):
            allowed = "; ".join(f"{lt.from_label} → {'/'.join(lt.to_labels)}" for lt in types)
            raise ValidationError(f"role {role!r} cannot link {source.label} → {target.label} (allowed: {allowed})")

    def add_link(
        self,
        from_span: str,
        to_span: str,
        role: str,
        *,
        annotator: str | None = None,
        link_id: str | None = None,
        created: str | None = None,
        updated: str | None = None,
        note: str = "",
    ) -> Link:
        """Link two spans of one document with a role the schema allows."""
        self.check_link(from_span, to_span, role)
        now = utc_now()
        link = Link(
            id=link_id or new_span_id(),
            from_span=from_span,
            to_span=to_span,
            role=role,
            annotator=annotator or self.annotator,
            created=created or now,
            updated=updated or created or now,
            note=note,
        )
        with self.transaction():
            self._insert_link(link)
        self._emit(Change(ChangeKind.LINKS_CHANGED, self.span(from_span).document_id, (link.id,), links_after=(link,)))
        return link

    def link(self, link_id: str) -> Link:
        """One link by id."""
        rows = self._read(f"SELECT {self._LINK_COLUMNS} FROM links WHERE id = ?", (link_id,))
        if not rows:
            raise LinkNotFound(f"no link with id {link_id}")
        return self._link_from_row(rows[0])

    def find_link(self, link_id: str) -> Link | None:
        """One link by id, or None."""
        rows = self._read(f"SELECT {self._LINK_COLUMNS} FROM links WHERE id = ?", (link_id,))
        return self._link_from_row(rows[0]) if rows else None

    def link_between(self, from_span: str, to_span: str, role: str) -> Link | None:
        """The link with this role from one span to the other, if there is one (by index)."""
        rows = self._read(
            f"SELECT {self._LINK_COLUMNS} FROM links WHERE from_span = ? AND to_span = ? AND role = ? LIMIT 1",
            (from_span, to_span, role),
        )
        return self._link_from_row(rows[0]) if rows else None

    def links(self, document_id: int | None = None, *, span_ids: Iterable[str] | None = None) -> list[Link]:
        """Links of a document, or touching any of ``span_ids``, or all; in the order they were made."""
        sql = "SELECT l.id, l.from_span, l.to_span, l.role, l.annotator, l.created, l.updated, l.note FROM links l"
        params: list[Any] = []
        if document_id is not None:
            sql += " JOIN annotations a ON a.id = l.from_span WHERE a.document_id = ?"
            params.append(document_id)
        elif span_ids is not None:
            ids = list(span_ids)
            marks = ", ".join("?" for _ in ids)
            sql += f" WHERE l.from_span IN ({marks}) OR l.to_span IN ({marks})"
            params.extend(ids + ids)
        sql += f" ORDER BY l.created, l.{self._sql.rowid}"
        return [self._link_from_row(r) for r in self._read(sql, params)]

    def link_ends(self, label: str, documents: Sequence[int] | None = None) -> list[LinkEnd]:
        """Every link with a span of ``label`` at one end (in the given documents), seen from that span, with
        the other end's fields: one query, no span built, for reports over thousands of links."""
        other = 'o.id, o.text, o.entity_id, o.status, o.start, o."end", o.label'
        where = "t.label = ?"
        params: list[Any] = [label]
        if documents is not None:
            ids = list(documents)
            where += f" AND t.document_id IN ({', '.join('?' for _ in ids)})"
            params += ids
        sql = (
            f"SELECT l.from_span, 1, l.role, {other} FROM links l JOIN annotations t ON t.id = l.from_span "
            f"JOIN annotations o ON o.id = l.to_span WHERE {where} "
            f"UNION ALL SELECT l.to_span, 0, l.role, {other} FROM links l JOIN annotations t ON t.id = l.to_span "
            f"JOIN annotations o ON o.id = l.from_span WHERE {where}"
        )
        make = LinkEnd._make
        return [make(r) for r in self._read(sql, params + params)]

    def update_link(self, link_id: str, *, role: str | None = None, to_span: str | None = None) -> tuple[Link, Link]:
        """Change a link's role or target; returns (before, after)."""
        before = self.link(link_id)
        new_role = role or before.role
        new_to = to_span or before.to_span
        self.check_link(before.from_span, new_to, new_role)
        after = Link(
            before.id, before.from_span, new_to, new_role, before.annotator, before.created, utc_now(), before.note
        )
        with self.transaction():
            self._changed_link(
                "UPDATE links SET role = ?, to_span = ?, updated = ? WHERE id = ?",
                [after.role, after.to_span, after.updated, link_id],
            )
        self._emit(
            Change(
                ChangeKind.LINKS_CHANGED,
                self.span(after.from_span).document_id,
                (link_id,),
                links_before=(before,),
                links_after=(after,),
            )
        )
        return before, after

    def set_link_note(self, link_id: str, note: str) -> tuple[Link, Link]:
        """Give a link a note (empty: none); returns (before, after)."""
        before = self.link(link_id)
        after = replace(before, note=note, updated=utc_now())
        with self.transaction():
            self._changed_link("UPDATE links SET note = ?, updated = ? WHERE id = ?", [note, after.updated, link_id])
        self._emit(Change(ChangeKind.LINKS_CHANGED, self.span(after.from_span).document_id, (link_id,)))
        return before, after

    def delete_link(self, link_id: str) -> Link:
        """Delete a link; returns it for undo."""
        link = self.link(link_id)
        document_id = self.span(link.from_span).document_id
        with self.transaction():
            self._changed_link("DELETE FROM links WHERE id = ?", [link_id])
        self._emit(Change(ChangeKind.LINKS_CHANGED, document_id, (link_id,), links_before=(link,)))
        return link

    def restore_link(self, link: Link) -> Link:
        """Undo ``delete_link`` (or ``update_link``, given the link before)."""
        rows = self._read(f"SELECT {self._LINK_COLUMNS} FROM links WHERE id = ?", (link.id,))
        with self.transaction():
            self._sql.execute("DELETE FROM links WHERE id = ?", [link.id])
            self._insert_link(link)
        self._emit(
            Change(
                ChangeKind.LINKS_CHANGED,
                self.span(link.from_span).document_id,
                (link.id,),
                links_before=tuple(self._link_from_row(r) for r in rows),
                links_after=(link,),
            )
        )
        return link
