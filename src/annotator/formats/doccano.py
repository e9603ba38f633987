"""doccano: ``{"text": …, "label": [[start, end, "label"], …]}`` per row, read as an annotation set.

What doccano 1.x writes and reads: JSON Lines (one row per line), the same rows pretty-printed over several
lines, or a JSON array of rows (its JSON export); versions before 1.5 named the text ``data``. A row's spans
are ``label`` (or ``labels``) as ``[start, end, label]`` triples, or ``entities`` as ``{"id", "start_offset",
"end_offset", "label"}`` objects (the relation-extraction export, whose ``relations`` — ``{"from_id", "to_id",
"type"}`` — are imported as links) or as triples. A ``label`` list of plain strings is a text-classification
row: the categories are kept in the document's metadata. A row's ``title`` (or ``name``) names the document,
else its first line does; other plain fields (``id``, ``meta``, ``Comments``…) become its metadata. Spans
carry no author: the importer names one (``--annotator``). Label names are kept as they are, spaces included.
doccano's web interface counts offsets in UTF-16 units: ``annotator.formats.sets`` decides per document how
they were counted.

Each row is a document, imported whole or not at all: a row that cannot be read (no ``text``, a
malformed span) is reported by its line and the other rows are imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.core.model import ValidationError, check_label_name
from annotator.formats.annotation_set import (
    AnnotationSet,
    JsonRow,
    SetDocument,
    SetLink,
    SetSpan,
    check_set_offsets,
    checked_field,
)
from annotator.formats.documents import readable_name
from annotator.formats.limits import TooLarge, check_span_count

SPAN_KEYS = ("label", "labels", "entities")
_NOT_METADATA = {"text", "label", "labels", "entities", "relations", "title", "name"}


def recognises(rows: list[JsonRow]) -> bool:
    """Rows of objects with a text, or with doccano's span fields (a row that lost its text included)."""
    return any(
        isinstance(row.value, dict)
        and (
            isinstance(row.value.get("text"), str)
            or isinstance(row.value.get("data"), str)
            or any(k in row.value for k in SPAN_KEYS)
        )
        for row in rows
    )


def _is_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _triple(item: Any) -> bool:
    return (
        isinstance(item, list | tuple)
        and len(item) >= 3
        and _is_number(item[0])
        and _is_number(item[1])
        and isinstance(item[2], str)
    )


def read_document(obj: Any, where: str, number: int, stem: str) -> SetDocument:
    """One row as a document; ValidationError (prefixed with ``where``) when it cannot be read whole."""
    if not isinstance(obj, dict):
        raise ValidationError(f"{where}: expected a JSON object")
    text = obj.get("text")
    if text is None and isinstance(obj.get("data"), str):
        text = obj["data"]  # doccano before 1.5 exported the text as "data"
    if text is None:
        raise ValidationError(f"{where}: 'text' is missing")
    if not isinstance(text, str):
        raise ValidationError(f"{where}: 'text' must be a string, not {type(text).__name__}")
    if not text:
        raise ValidationError(f"{where}: the text is empty")
    title = obj.get("title") or obj.get("name")
    if not isinstance(title, str) or not title.strip():
        first_line = text.strip().split("\n", 1)[0].strip()
        title = (first_line[:60] + "…") if len(first_line) > 60 else (first_line or f"{stem} {number}")
    metadata = {
        k: v
        for k, v in obj.items()
        if k not in _NOT_METADATA
        and not (k == "data" and v is text)
        and isinstance(v, str | int | float | bool | type(None) | dict | list)
    }
    document = SetDocument(where=where, title=title, text=text, metadata=metadata)
    raw_labels = obj.get("label", obj.get("labels"))
    if raw_labels is not None:
        if not isinstance(raw_labels, list):
            raise ValidationError(f"{where}: 'label' must be a list of [start, end, label]")
        if raw_labels and all(isinstance(item, str) for item in raw_labels):
            document.metadata["categories"] = list(raw_labels)  # a text-classification row: no spans
        else:
            for k, item in enumerate(raw_labels):
                if not _triple(item):
                    raise ValidationError(f'{where}: label {k + 1} must be [start, end, "label"], not {item!r}')
                document.spans.append(make_span(f"L{k}", item[0], item[1], item[2], where))
    spans_by_entity_id: dict[Any, str] = {}
    for k, item in enumerate(checked_field(obj, "entities", list, where) or []):
        key = f"E{k}"
        if _triple(item):
            document.spans.append(make_span(key, item[0], item[1], item[2], where))
            continue
        if not isinstance(item, dict):
            raise ValidationError(f"{where}: entity {k + 1} must be an object or [start, end, label]")
        start = checked_field(item, "start_offset", int, where, required=True)
        end = checked_field(item, "end_offset", int, where, required=True)
        label = checked_field(item, "label", str, where, required=True)
        spans_by_entity_id[item.get("id", k)] = key
        document.spans.append(make_span(key, start, end, label, where))
    for k, item in enumerate(checked_field(obj, "relations", list, where) or []):
        if not isinstance(item, dict):
            raise ValidationError(f"{where}: relation {k + 1} must be an object")
        frm, to = spans_by_entity_id.get(item.get("from_id")), spans_by_entity_id.get(item.get("to_id"))
        role = item.get("type")
        if frm is None or to is None or not isinstance(role, str):
            raise ValidationError(f"{where}: relation {k + 1} must join two entities of the row with a type")
        try:
            check_label_name(role)
        except ValidationError as exc:
            raise ValidationError(f"{where}: relation {k + 1}: {exc}") from None
        document.links.append(SetLink(frm, to, role, where=f"{where}, relation {k + 1}"))
    return document


def make_span(key: str, start: int, end: int, label: str, where: str) -> SetSpan:
    check_set_offsets(start, end, where)
    try:
        check_label_name(label)
    except ValidationError as exc:
        raise ValidationError(f"{where}: {exc}") from None
    return SetSpan(key=key, start=start, end=end, label=label, where=where)


def read_rows(path: Path, rows: list[JsonRow]) -> AnnotationSet:
    """Every row that can be read whole, and the others listed in ``skipped`` by line."""
    aset = AnnotationSet(path.name, "doccano", tool_offsets=True)
    stem = readable_name(path.stem)
    for number, row in enumerate(rows, start=1):
        try:
            document = read_document(row.value, row.where, number, stem)
            check_span_count(len(document.spans), len(document.text), row.where)
            aset.documents.append(document)
        except TooLarge:
            raise  # a file beyond the limits is refused whole
        except ValidationError as exc:
            aset.skipped.append((row.where, f"{str(exc).removeprefix(row.where + ': ')}: row not imported"))
    categories = sum(1 for d in aset.documents if "categories" in d.metadata)
    if categories:
        aset.warnings.append(
            f"{path.name}: {categories} row{'s' * (categories != 1)} of document categories (text "
            "classification): kept in the documents' metadata, not as spans"
        )
    return aset
