"""Canonical entities and the spans that mention them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from annotator.core.model import Document as Document
from annotator.core.model import (
    Entity,
    Span,
    ValidationError,
    utc_now,
)
from annotator.store.changes import Change, ChangeKind
from annotator.store.columns import SPAN_COLUMNS
from annotator.store.errors import (
    NotFound,
)
from annotator.store.parts.base import PartBase
from annotator.store.records import (
    EntityMerge,
)


class EntitiesPart(PartBase):
    """The entities table and entity merges."""

    # -- entities ------------------------------------------------------------------------

    def entities(self) -> list[Entity]:
        """Canonical entities, by name."""
        return [
            Entity(r[0], r[1], r[2], r[3])
            for r in self._read(f"SELECT id, name, label, created FROM entities ORDER BY {self._sql.nocase('name')}")
        ]

    def entity(self, entity_id: int) -> Entity:
        """One entity by id."""
        rows = self._read("SELECT id, name, label, created FROM entities WHERE id = ?", (entity_id,))
        if not rows:
            raise NotFound(f"no entity with id {entity_id}")
        return Entity(*rows[0])

    def add_entity(self, name: str, label: str | None = "actor", *, entity_id: int | None = None) -> Entity:
        """Create a canonical entity, or return the one with that name.

        ``entity_id`` asks for that id when it is free (a redo brings an entity back as it was).
        """
        name = name.strip()
        if not name:
            raise ValidationError("an entity needs a name")
        rows = self._read("SELECT id FROM entities WHERE name = ?", (name,))
        if rows:
            return self.entity(rows[0][0])
        row: dict[str, Any] = {"name": name, "label": label, "created": utc_now()}
        if entity_id is not None and not self._read("SELECT 1 FROM entities WHERE id = ?", (entity_id,)):
            row["id"] = entity_id
        with self.transaction():
            new_id = self._sql.insert("entities", row)
        self._emit(Change(ChangeKind.ENTITIES_CHANGED))
        return self.entity(new_id)

    def entity_ids_by_name(self) -> dict[str, int]:
        """Entity name → id, for every entity."""
        return {r[1]: r[0] for r in self._read("SELECT id, name FROM entities")}

    def insert_entity_row(self, name: str, label: str | None, created: str) -> int:
        """Write a new entity as given, inside the caller's transaction (set import); returns its id."""
        return self._sql.insert("entities", {"name": name, "label": label, "created": created})

    def write_entity_row(self, entity: Entity) -> bool:
        """Store an entity with its id as it is, inside the caller's transaction, unless an entity with that
        id is there already (then False). Spans may point to it afterwards (a copy of the project)."""
        if self._read("SELECT 1 FROM entities WHERE id = ?", (entity.id,)):
            return False
        self._sql.insert(
            "entities", {"id": entity.id, "name": entity.name, "label": entity.label, "created": entity.created}
        )
        return True

    def delete_unused_entity(self, entity_id: int) -> bool:
        """Delete an entity no span points to (undo of its creation); False if it is in use or gone."""
        with self.transaction():
            deleted = (
                self._sql.execute(
                    "DELETE FROM entities WHERE id = ? AND NOT EXISTS (SELECT 1 FROM annotations WHERE entity_id = ?)",
                    [entity_id, entity_id],
                )
                > 0
            )
        if deleted:
            self._emit(Change(ChangeKind.ENTITIES_CHANGED))
        return deleted

    def entity_mentions(self, entity_id: int) -> list[Span]:
        """The spans (every status but rejected) that point to an entity, in document and text order."""
        rows = self._read(
            f"SELECT {SPAN_COLUMNS} FROM annotations WHERE entity_id = ? AND status != 'rejected' "
            'ORDER BY document_id, start, "end", label, id',
            (entity_id,),
        )
        return [self._span_from_row(r) for r in rows]

    def entity_mention_counts(self) -> dict[int, int]:
        """How many spans (every status but rejected) point to each entity that has any."""
        rows = self._read(
            "SELECT entity_id, count(*) FROM annotations WHERE entity_id IS NOT NULL AND status != 'rejected' "
            "GROUP BY entity_id"
        )
        return {int(r[0]): int(r[1]) for r in rows}

    def label_mentions(
        self, label: str, statuses: Sequence[str] | None = ("accepted",)
    ) -> list[tuple[int | None, str]]:
        """(entity id, covered text) of every span of ``label`` (of the given statuses), in no set order:
        what counting an actor's mentions and names needs, without building a span for each."""
        sql = "SELECT entity_id, text FROM annotations WHERE label = ?"
        params: list[Any] = [label]
        if statuses is not None:
            sql += f" AND status IN ({', '.join('?' for _ in statuses)})"
            params += list(statuses)
        return [(r[0], r[1]) for r in self._read(sql, params)]

    def merge_entities(self, keep_id: int, merged_id: int) -> EntityMerge:
        """Point every span of entity ``merged_id`` to ``keep_id`` and delete ``merged_id``, in one step.

        "la Corée du Nord" (entity Corée du Nord) and "Pyongyang" (entity North Korea) become mentions of
        one actor. Returns what ``unmerge_entities`` needs to undo it.
        """
        if keep_id == merged_id:
            raise ValidationError("an entity cannot be merged into itself")
        kept, merged = self.entity(keep_id), self.entity(merged_id)
        now = utc_now()
        with self.transaction():
            rows = self._read("SELECT id, updated, document_id FROM annotations WHERE entity_id = ?", (merged_id,))
            spans = tuple((r[0], r[1]) for r in rows)
            documents = tuple(sorted({int(r[2]) for r in rows}))
            self._sql.execute(
                "UPDATE annotations SET entity_id = ?, updated = ? WHERE entity_id = ?", [keep_id, now, merged_id]
            )
            self._sql.execute("DELETE FROM entities WHERE id = ?", [merged_id])
        merge = EntityMerge(kept, merged, spans, documents)
        self._emit_entity_spans(merge)
        return merge

    def unmerge_entities(self, merge: EntityMerge) -> Entity:
        """Undo ``merge_entities``: the merged entity comes back with its id, name and spans."""
        merged = merge.merged
        if self._read("SELECT 1 FROM entities WHERE id = ? OR name = ?", (merged.id, merged.name)):
            raise ValidationError(f"an entity named {merged.name!r} exists again: the merge cannot be undone")
        with self.transaction():
            self._sql.insert(
                "entities", {"id": merged.id, "name": merged.name, "label": merged.label, "created": merged.created}
            )
            for span_id, updated in merge.spans:
                # Only spans still on the kept entity: one re-pointed since keeps its newer choice.
                self._sql.execute(
                    "UPDATE annotations SET entity_id = ?, updated = ? WHERE id = ? AND entity_id = ?",
                    [merged.id, updated, span_id, merge.kept.id],
                )
        self._emit_entity_spans(merge)
        return self.entity(int(merged.id))  # type: ignore[arg-type]

    def _emit_entity_spans(self, merge: EntityMerge) -> None:
        self._emit(Change(ChangeKind.ENTITIES_CHANGED))
        if merge.spans:
            document = merge.documents[0] if len(merge.documents) == 1 else None
            self._emit(Change(ChangeKind.SPANS_UPDATED, document, tuple(span_id for span_id, _ in merge.spans)))
