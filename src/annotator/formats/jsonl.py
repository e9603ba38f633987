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

from annotator.core.model import REVIEWS, SOURCES, STATUSES, LinkType, ValidationError, check_color, check_label_name
from annotator.formats.annotation_set import (
    AnnotationSet,
    SetDocument,
    SetLink,
    SetSpan,
    check_set_offsets,
    checked_field,
    choice,
)
from annotator.formats.base import DocumentExport, ExportReport, atomic_file
from annotator.formats.limits import check_span_count, json_loads
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


def document_record(item: DocumentExport) -> dict[str, Any]:
    """One document line."""
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


def write(project: Project, items: Iterable[DocumentExport], out: Path, report: ExportReport) -> None:
    """Write the header and one line per document to ``out``."""

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


# -- reading ----------------------------------------------------------------------------------


def parses_as_native_header(line: str) -> bool:
    """Whether ``line`` is the header line of a native set."""
    try:
        value = json_loads(line, "")
    except ValidationError:
        return False
    return isinstance(value, dict) and value.get("format") == "annotator"


def read_native(path: Path, lines: list[str]) -> AnnotationSet:
    """Read a native set from its lines (the file at ``path``); ValidationError names the first fault."""
    aset = AnnotationSet(path.name, "jsonl")
    header_seen = False
    seen_span_ids: set[str] = set()
    seen_link_ids: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path.name} line {number}"
        obj = json_loads(line, where)
        if not isinstance(obj, dict):
            raise ValidationError(f"{where}: expected a JSON object")
        if not header_seen:
            header_seen = True
            version = obj.get("version")
            if not isinstance(version, int) or version > FORMAT_VERSION:
                raise ValidationError(
                    f"{where}: format version {version!r} is newer than this app reads ({FORMAT_VERSION})"
                )
            _read_header(obj, aset, where)
            continue
        document = _read_native_document(obj, where)
        check_span_count(len(document.spans), len(document.text), where)  # before the next line is read
        for span in document.spans:
            if span.id in seen_span_ids:
                raise ValidationError(f"{where}: span id {span.id} appears twice in the set")
            seen_span_ids.add(span.id or "")
        for link in document.links:
            if link.id in seen_link_ids:
                raise ValidationError(f"{where}: link id {link.id} appears twice in the set")
            seen_link_ids.add(link.id or "")
        aset.documents.append(document)
    return aset


def _read_header(obj: dict[str, Any], aset: AnnotationSet, where: str) -> None:
    labels = checked_field(obj, "labels", list, where) or []
    aset.labels = []
    for entry in labels:
        if not isinstance(entry, dict):
            raise ValidationError(f"{where}: each label must be an object")
        name = checked_field(entry, "name", str, where, required=True)
        try:
            check_label_name(name)
            color = check_color(entry["color"]) if entry.get("color") is not None else None
        except ValidationError as exc:
            raise ValidationError(f"{where}: {exc}") from None
        attributes = checked_field(entry, "attributes", dict, where) or {}
        if not all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in attributes.values()):
            raise ValidationError(f"{where}: attributes of label {name!r} must map names to lists of values")
        hotkey = checked_field(entry, "hotkey", str, where)
        aset.labels.append(
            {
                "name": name,
                "color": color,
                "hotkey": hotkey if hotkey and len(hotkey) == 1 else None,
                "guideline": checked_field(entry, "guideline", str, where) or "",
                "retired": bool(entry.get("retired")),
                "attributes": {str(k): [str(x) for x in v] for k, v in attributes.items()},
            }
        )
    aset.link_types = []
    for entry in checked_field(obj, "link_types", list, where) or []:
        if not isinstance(entry, dict):
            raise ValidationError(f"{where}: each link type must be an object")
        to = entry.get("to")
        to_labels = tuple(to) if isinstance(to, list) else (to,)
        try:
            aset.link_types.append(LinkType(str(entry.get("role")), str(entry.get("from")), to_labels))
        except (ValidationError, TypeError) as exc:
            raise ValidationError(f"{where}: link type {entry!r}: {exc}") from None
    for entry in checked_field(obj, "entities", list, where) or []:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise ValidationError(f"{where}: each entity must be an object with a name")
        aset.entities.append(
            {"name": entry["name"].strip(), "label": entry.get("label"), "created": entry.get("created") or None}
        )


def _read_native_document(obj: dict[str, Any], where: str) -> SetDocument:
    """One document of a native set: its text and fields, its spans, and its links between those spans."""
    text = checked_field(obj, "text", str, where, required=True)
    if not text:
        raise ValidationError(f"{where}: the document text is empty")
    metadata = checked_field(obj, "metadata", dict, where) or {}
    document = SetDocument(
        where=where,
        title=checked_field(obj, "title", str, where) or "untitled",
        text=text,
        id=checked_field(obj, "id", int, where),
        source_path=checked_field(obj, "source_path", str, where),
        language=checked_field(obj, "language", str, where),
        added_at=checked_field(obj, "added_at", str, where),
        metadata=metadata,
        done=bool(obj.get("done")),
    )
    for k, entry in enumerate(checked_field(obj, "spans", list, where) or []):
        document.spans.append(_read_native_span(entry, k, f"{where}, span {k + 1}"))
    keys = {s.key for s in document.spans}
    for k, entry in enumerate(checked_field(obj, "links", list, where) or []):
        document.links.append(_read_native_link(entry, keys, f"{where}, link {k + 1}"))
    return document


def _read_native_span(entry: Any, k: int, span_where: str) -> SetSpan:
    """The ``k``-th span of a native document (its key is its id, else ``#k``)."""
    if not isinstance(entry, dict):
        raise ValidationError(f"{span_where}: expected an object")
    span_id = checked_field(entry, "id", str, span_where) or None
    attributes = checked_field(entry, "attributes", dict, span_where) or {}
    if not all(isinstance(v, str) for v in attributes.values()):
        raise ValidationError(f"{span_where}: attribute values must be strings")
    start = checked_field(entry, "start", int, span_where, required=True)
    end = checked_field(entry, "end", int, span_where, required=True)
    check_set_offsets(start, end, span_where)
    label = checked_field(entry, "label", str, span_where, required=True)
    try:
        check_label_name(label)
    except ValidationError as exc:
        raise ValidationError(f"{span_where}: {exc}") from None
    return SetSpan(
        key=span_id or f"#{k}",
        start=start,
        end=end,
        label=label,
        quote=checked_field(entry, "text", str, span_where),
        id=span_id,
        annotator=checked_field(entry, "annotator", str, span_where) or None,
        note=checked_field(entry, "note", str, span_where) or "",
        status=choice(entry, "status", STATUSES, "accepted", span_where),
        source=choice(entry, "source", SOURCES, "import", span_where),
        review=choice(entry, "review", REVIEWS, "unreviewed", span_where),
        reviewer=checked_field(entry, "reviewer", str, span_where),
        review_comment=checked_field(entry, "review_comment", str, span_where),
        entity=checked_field(entry, "entity", str, span_where),
        created=checked_field(entry, "created", str, span_where),
        updated=checked_field(entry, "updated", str, span_where),
        attributes=dict(attributes),
        where=span_where,
    )


def _read_native_link(entry: Any, keys: set[str], link_where: str) -> SetLink:
    """A link of a native document, between two of its spans (``keys``)."""
    if not isinstance(entry, dict):
        raise ValidationError(f"{link_where}: expected an object")
    frm = checked_field(entry, "from", str, link_where, required=True)
    to = checked_field(entry, "to", str, link_where, required=True)
    for end_id in (frm, to):
        if end_id not in keys:
            raise ValidationError(f"{link_where}: span {end_id} is not a span of this document")
    role = checked_field(entry, "role", str, link_where, required=True)
    try:
        check_label_name(role)
    except ValidationError as exc:
        raise ValidationError(f"{link_where}: {exc}") from None
    return SetLink(
        from_key=frm,
        to_key=to,
        role=role,
        id=checked_field(entry, "id", str, link_where) or None,
        annotator=checked_field(entry, "annotator", str, link_where) or None,
        created=checked_field(entry, "created", str, link_where),
        updated=checked_field(entry, "updated", str, link_where),
        where=link_where,
        note=checked_field(entry, "note", str, link_where) or "",
    )
