"""Labels and the link schema: the project's annotation scheme."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from annotator.core.model import Document as Document
from annotator.core.model import (
    Label,
    LinkType,
    ValidationError,
    check_color,
    check_label_name,
)
from annotator.store.changes import Change, ChangeKind
from annotator.store.errors import (
    NotFound,
)
from annotator.store.parts.base import PartBase

# Further colours for labels a project adds (Okabe–Ito, then Tol's muted scheme).
EXTRA_COLORS = (
    "#0072B2",
    "#D55E00",
    "#F0E442",
    "#882255",
    "#44AA99",
    "#999933",
    "#AA4499",
    "#332288",
    "#DDCC77",
    "#117733",
)


class LabelsPart(PartBase):
    """Labels (names, colours, keys, guidelines, attributes) and link types."""

    # -- labels --------------------------------------------------------------------------

    def _labels(self) -> dict[str, Label]:
        if self._label_cache is None:
            rows = self._read(
                "SELECT name, color, hotkey, guideline, retired, position, attributes FROM labels "
                "ORDER BY position, name"
            )
            self._label_cache = {
                r[0]: Label(
                    name=r[0],
                    color=r[1],
                    hotkey=r[2],
                    guideline=r[3],
                    retired=bool(r[4]),
                    position=r[5],
                    attributes={k: tuple(v) for k, v in json.loads(r[6] or "{}").items()},
                )
                for r in rows
            }
        return self._label_cache

    def labels(self, include_retired: bool = True) -> list[Label]:
        """The project's labels in display order."""
        return [lab for lab in self._labels().values() if include_retired or not lab.retired]

    def label(self, name: str) -> Label:
        """One label by name; NotFound if there is none."""
        try:
            return self._labels()[name]
        except KeyError:
            raise NotFound(f"unknown label {name!r}") from None

    def _insert_label(self, label: Label) -> None:
        self._sql.insert(
            "labels",
            {
                "name": label.name,
                "color": label.color,
                "hotkey": label.hotkey,
                "guideline": label.guideline,
                "retired": int(label.retired),
                "position": label.position,
                "attributes": json.dumps({k: list(v) for k, v in label.attributes.items()}, ensure_ascii=False),
            }
        )

    def _check_hotkey_free(self, hotkey: str | None, owner: str | None) -> None:
        if not hotkey:
            return
        for other in self._labels().values():
            if other.hotkey == hotkey and other.name != owner and not other.retired:
                raise ValidationError(f"hotkey {hotkey!r} is already used by label {other.name!r}")

    def add_label(
        self,
        name: str,
        color: str | None = None,
        hotkey: str | None = None,
        guideline: str = "",
        attributes: dict[str, Sequence[str]] | None = None,
    ) -> Label:
        """Add a label to the schema. Without a colour, one of a colour-blind-safe palette is picked."""
        check_label_name(name)
        existing = self._labels()
        if name in existing:
            raise ValidationError(f"label {name!r} already exists")
        self._check_hotkey_free(hotkey, None)
        if color is None:
            used = {lab.color for lab in existing.values()}
            color = next((c for c in EXTRA_COLORS if c not in used), EXTRA_COLORS[len(existing) % len(EXTRA_COLORS)])
        position = max((lab.position for lab in existing.values()), default=-1) + 1
        label = Label(
            name=name,
            color=check_color(color),
            hotkey=hotkey or None,
            guideline=guideline,
            position=position,
            attributes={k: tuple(v) for k, v in (attributes or {}).items()},
        )
        with self.transaction():
            self._insert_label(label)
        self._label_cache = None
        self._emit(Change(ChangeKind.LABELS_CHANGED))
        return label

    def edit_label(
        self,
        name: str,
        *,
        new_name: str | None = None,
        color: str | None = None,
        hotkey: str | None = None,
        guideline: str | None = None,
        attributes: dict[str, Sequence[str]] | None = None,
    ) -> Label:
        """Rename, recolour, re-key or re-describe a label; its spans follow a rename."""
        label = self.label(name)
        changes: dict[str, Any] = {}
        if new_name is not None and new_name != name:
            check_label_name(new_name)
            if new_name in self._labels():
                raise ValidationError(f"label {new_name!r} already exists")
            changes["name"] = new_name
        if color is not None:
            changes["color"] = check_color(color)
        if hotkey is not None:
            self._check_hotkey_free(hotkey or None, name)
            if hotkey and len(hotkey) != 1:
                raise ValidationError(f"hotkey must be one character, got {hotkey!r}")
            changes["hotkey"] = hotkey or None
        if guideline is not None:
            changes["guideline"] = guideline
        if attributes is not None:
            changes["attributes"] = json.dumps({k: list(v) for k, v in attributes.items()}, ensure_ascii=False)
        if not changes:
            return label
        with self.transaction():
            self._sql.update("labels", "name", name, changes)
        self._label_cache = None
        self._emit(Change(ChangeKind.LABELS_CHANGED))
        return self.label(changes.get("name", name))

    def retire_label(self, name: str, retired: bool = True) -> Label:
        """Retire a label (no new spans; existing spans stay), or bring it back."""
        self.label(name)
        with self.transaction():
            self._sql.update("labels", "name", name, {"retired": int(retired)})
        self._label_cache = None
        self._emit(Change(ChangeKind.LABELS_CHANGED))
        return self.label(name)

    def label_records(self) -> dict[str, dict[str, Any]]:
        """Every label as a plain record (attributes as lists), in display order: what a set merge edits."""
        rows = self._read(
            "SELECT name, color, hotkey, guideline, retired, position, attributes FROM labels ORDER BY position, name"
        )
        return {
            r[0]: {
                "name": r[0],
                "color": r[1],
                "hotkey": r[2],
                "guideline": r[3],
                "retired": bool(r[4]),
                "position": r[5],
                "attributes": json.loads(r[6] or "{}"),
            }
            for r in rows
        }

    def write_label_record(self, record: dict[str, Any], before: dict[str, Any] | None) -> bool:
        """Insert or overwrite one label from a record (see ``label_records``), inside the caller's transaction.

        ``before`` is the label's record as read (None for a new label): nothing is written when it already
        holds these values, and False is returned. A hotkey the label takes is freed from any other label
        first, so that no two labels ever hold it. No listener is told: the caller notifies once.
        """
        values = {
            "name": record["name"],
            "color": record["color"],
            "hotkey": record.get("hotkey"),
            "guideline": record.get("guideline", ""),
            "retired": int(bool(record.get("retired"))),
            "position": record["position"],
            "attributes": json.dumps(record.get("attributes", {}), ensure_ascii=False),
        }
        if before is not None:
            old = dict(before, retired=int(bool(before["retired"])))
            old["attributes"] = json.dumps(before["attributes"], ensure_ascii=False)
            if all(old.get(k) == v for k, v in values.items()):
                return False
            self._sql.execute("UPDATE labels SET hotkey = NULL WHERE name = ?", [record["name"]])
        if values["hotkey"]:
            self._sql.execute(
                "UPDATE labels SET hotkey = NULL WHERE hotkey = ? AND name <> ?", [values["hotkey"], record["name"]]
            )
        self._sql.upsert("labels", values, ("name",))
        self._label_cache = None
        return True

    def delete_unused_labels(self, keep: Iterable[str]) -> list[str]:
        """Delete the labels not in ``keep`` that no span uses, inside the caller's transaction (their link
        types with them); returns their names. A copy of a project makes its scheme the source's."""
        wanted = set(keep)
        gone = [name for name in self._labels() if name not in wanted]
        for name in gone:
            self._sql.execute("DELETE FROM link_types WHERE from_label = ? OR to_label = ?", [name, name])
            self._sql.execute(
                "DELETE FROM labels WHERE name = ? AND NOT EXISTS (SELECT 1 FROM annotations WHERE label = ?)",
                [name, name],
            )
        self._label_cache = None
        return gone

    def write_label_attributes(self, name: str, attributes: dict[str, list[str]]) -> None:
        """Replace the attributes a label declares, inside the caller's transaction (no listener told)."""
        self._sql.execute(
            "UPDATE labels SET attributes = ? WHERE name = ?", [json.dumps(attributes, ensure_ascii=False), name]
        )
        self._label_cache = None

    def link_type_rows(self) -> list[tuple[str, str, str]]:
        """The link schema as (role, from label, to label) rows, in the order they were written."""
        return [
            (r[0], r[1], r[2])
            for r in self._read(f"SELECT role, from_label, to_label FROM link_types ORDER BY {self._sql.rowid}")
        ]

    def write_link_type_rows(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """Replace the link schema with these rows, inside the caller's transaction (no listener told)."""
        self._sql.execute("DELETE FROM link_types")
        self.add_link_type_rows(rows)

    def add_link_type_rows(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """Add (role, from label, to label) rows to the link schema, inside the caller's transaction."""
        self._sql.executemany("INSERT INTO link_types (role, from_label, to_label) VALUES (?, ?, ?)", list(rows))

    def allows_link(self, role: str, from_label: str, to_label: str) -> bool:
        """Whether the link schema has ``role`` from ``from_label`` to ``to_label``."""
        return bool(
            self._read(
                "SELECT 1 FROM link_types WHERE role = ? AND from_label = ? AND to_label = ?",
                (role, from_label, to_label),
            )
        )

    def link_types(self) -> list[LinkType]:
        """The link roles the schema allows, grouped per (role, from label)."""
        grouped: dict[tuple[str, str], list[str]] = {}
        for role, from_label, to_label in self._read(
            f"SELECT role, from_label, to_label FROM link_types ORDER BY {self._sql.rowid}"
        ):
            grouped.setdefault((role, from_label), []).append(to_label)
        return [LinkType(role, frm, tuple(tos)) for (role, frm), tos in grouped.items()]

    def _write_link_types(self, link_types: Iterable[LinkType]) -> None:
        self._sql.execute("DELETE FROM link_types")
        for lt in link_types:
            for to_label in lt.to_labels:
                self._sql.insert("link_types", {"role": lt.role, "from_label": lt.from_label, "to_label": to_label})

    def set_link_types(self, link_types: Iterable[LinkType]) -> None:
        """Replace the link schema."""
        link_types = list(link_types)
        names = set(self._labels())
        for lt in link_types:
            unknown = {lt.from_label, *lt.to_labels} - names
            if unknown:
                raise ValidationError(f"link role {lt.role!r} names unknown labels: {', '.join(sorted(unknown))}")
        with self.transaction():
            self._write_link_types(link_types)
        self._emit(Change(ChangeKind.LABELS_CHANGED))
