"""The native annotation-set format: JSON Lines, lossless, byte-stable.

Line 1 is a header::

    {"format": "annotator", "version": 1, "labels": [...], "link_types": [...], "entities": [...]}

with the label schema in display order (name, color, hotkey, guideline, retired, attributes), the
link types (role, from, to) and the canonical entities (name, label, created) by name. Every
further line is one document, in id order::

    {"id", "title", "text", "sha256", "source_path", "language", "added_at", "metadata", "done",
     "spans": [{"id", "start", "end", "label", "text", "annotator", "note", "status", "source",
                "review", "reviewer", "review_comment", "entity", "created", "updated", "attributes"}],
     "links": [{"id", "from", "to", "role", "annotator", "created", "updated"[, "note"]}]}

A link's ``note`` is written only when it has one. Spans are in (start, end, label, id) order, links
in (created, id) order; ``entity`` is the
entity's name (names are unique, ids are not portable). Keys keep this order, text is UTF-8 (not
escaped), lines end with ``\\n``: the same project always gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.store.project import Project

FORMAT_NAME = "annotator"
FORMAT_VERSION = 1

SPAN_KEYS = (
    "id",
    "start",
    "end",
    "label",
    "text",
    "annotator",
    "note",
    "status",
    "source",
    "review",
    "reviewer",
    "review_comment",
    "entity",
    "created",
    "updated",
    "attributes",
)
LINK_KEYS = ("id", "from", "to", "role", "annotator", "created", "updated", "note")  # note: when given
DOCUMENT_KEYS = (
    "id",
    "title",
    "text",
    "sha256",
    "source_path",
    "language",
    "added_at",
    "metadata",
    "done",
    "spans",
    "links",
)


def dumps(value: Any) -> str:
    """One JSON line: keys in the order given, nested plain dicts sorted, UTF-8 not escaped."""
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _sorted_deep(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _sorted_deep(value[k]) for k in sorted(value, key=str)}
    if isinstance(value, list | tuple):
        return [_sorted_deep(v) for v in value]
    return value


def header(project: Project) -> dict[str, Any]:
    """The header object: format, version, labels, link types and entities."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "labels": [
            {
                "name": lab.name,
                "color": lab.color,
                "hotkey": lab.hotkey,
                "guideline": lab.guideline,
                "retired": lab.retired,
                "attributes": {name: list(values) for name, values in sorted(lab.attributes.items())},
            }
            for lab in project.labels()
        ],
        "link_types": [
            {"role": lt.role, "from": lt.from_label, "to": list(lt.to_labels)} for lt in project.link_types()
        ],
        "entities": [
            {"name": e.name, "label": e.label, "created": e.created}
            for e in sorted(project.entities(), key=lambda e: e.name)
        ],
    }


def document_record(item: Any) -> dict[str, Any]:
    """One document line (``item`` is an ``annotator.exporting.DocumentExport``)."""
    document = item.document
    spans = [
        {
            "id": s.id,
            "start": s.start,
            "end": s.end,
            "label": s.label,
            "text": s.text,
            "annotator": s.annotator,
            "note": s.note,
            "status": s.status,
            "source": s.source,
            "review": s.review,
            "reviewer": s.reviewer,
            "review_comment": s.review_comment,
            "entity": item.entity_names.get(s.entity_id) if s.entity_id is not None else None,
            "created": s.created,
            "updated": s.updated,
            "attributes": dict(sorted(item.attributes.get(s.id, {}).items())),
        }
        for s in item.spans
    ]
    links = [
        {
            "id": lk.id,
            "from": lk.from_span,
            "to": lk.to_span,
            "role": lk.role,
            "annotator": lk.annotator,
            "created": lk.created,
            "updated": lk.updated,
            # Written only when there is one: a set without link notes keeps the bytes it always had.
            **({"note": lk.note} if lk.note else {}),
        }
        for lk in sorted(item.links, key=lambda lk: (lk.created, lk.id))
    ]
    return {
        "id": document.id,
        "title": document.title,
        "text": document.text,
        "sha256": document.sha256,
        "source_path": document.source_path,
        "language": document.language,
        "added_at": document.added_at,
        "metadata": _sorted_deep(document.metadata),
        "done": document.done,
        "spans": spans,
        "links": links,
    }


def write(project: Project, items: Iterable[Any], out: Path, report: Any) -> None:
    """Write the header and one line per document to ``out``."""
    from annotator.exporting import atomic_file

    with atomic_file(out, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(dumps(header(project)) + "\n")
        for item in items:
            handle.write(dumps(document_record(item)) + "\n")


def is_native_header(first_line: str) -> bool:
    """Whether a first line is the header of this format."""
    try:
        value = json.loads(first_line)
    except ValueError:
        return False
    return isinstance(value, dict) and value.get("format") == FORMAT_NAME
