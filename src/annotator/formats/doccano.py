"""doccano JSONL: ``{"text": …, "label": [[start, end, "label"], …]}`` per line, read as an annotation set.

Also read: the newer ``entities`` variant (``[{"id", "start_offset", "end_offset", "label"}]``)
with its ``relations`` (``[{"from_id", "to_id", "type"}]``, imported as links), ``labels`` as a
synonym of ``label``, and a JSON array of such objects. Offsets are code points into ``text``.
A line's ``title`` (or ``name``) names the document, else its first line does; other plain
fields (``id``, ``meta``…) become the document's metadata. Spans carry no author: the importer
names one (``--annotator``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.core.model import ValidationError, check_label_name
from annotator.formats.documents import readable_name
from annotator.formats.limits import check_span_count, json_loads
from annotator.formats.sets import AnnotationSet, SetDocument, SetLink, SetSpan, check_set_offsets, checked_field


def read_document(obj: Any, where: str, number: int, stem: str) -> SetDocument:
    if not isinstance(obj, dict):
        raise ValidationError(f"{where}: expected a JSON object")
    text = checked_field(obj, "text", str, where, required=True)
    if not text:
        raise ValidationError(f"{where}: the text is empty")
    title = obj.get("title") or obj.get("name")
    if not isinstance(title, str) or not title.strip():
        first_line = text.strip().split("\n", 1)[0].strip()
        title = (first_line[:60] + "…") if len(first_line) > 60 else (first_line or f"{stem} {number}")
    metadata = {
        k: v
        for k, v in obj.items()
        if k not in ("text", "label", "labels", "entities", "relations", "title", "name")
        and isinstance(v, str | int | float | bool | type(None) | dict | list)
    }
    document = SetDocument(where=where, title=title, text=text, metadata=metadata, match_by_title=False)
    spans_by_entity_id: dict[Any, str] = {}
    raw_labels = obj.get("label", obj.get("labels"))
    if raw_labels is not None:
        if not isinstance(raw_labels, list):
            raise ValidationError(f"{where}: 'label' must be a list of [start, end, label]")
        for k, item in enumerate(raw_labels):
            if not (
                isinstance(item, list | tuple)
                and len(item) >= 3
                and all(isinstance(x, int) and not isinstance(x, bool) for x in item[:2])
                and isinstance(item[2], str)
            ):
                raise ValidationError(f'{where}: label {k + 1} must be [start, end, "label"], not {item!r}')
            document.spans.append(make_span(f"L{k}", item[0], item[1], item[2], where))
    for k, item in enumerate(checked_field(obj, "entities", list, where) or []):
        if not isinstance(item, dict):
            raise ValidationError(f"{where}: entity {k + 1} must be an object")
        start = checked_field(item, "start_offset", int, where, required=True)
        end = checked_field(item, "end_offset", int, where, required=True)
        label = checked_field(item, "label", str, where, required=True)
        key = f"E{k}"
        spans_by_entity_id[item.get("id", k)] = key
        document.spans.append(make_span(key, start, end, label, where))
    for k, item in enumerate(checked_field(obj, "relations", list, where) or []):
        if not isinstance(item, dict):
            raise ValidationError(f"{where}: relation {k + 1} must be an object")
        frm, to = spans_by_entity_id.get(item.get("from_id")), spans_by_entity_id.get(item.get("to_id"))
        role = item.get("type")
        if frm is None or to is None or not isinstance(role, str):
            raise ValidationError(f"{where}: relation {k + 1} must join two entities of the line with a type")
        document.links.append(SetLink(frm, to, role, where=f"{where}, relation {k + 1}"))
    return document


def make_span(key: str, start: int, end: int, label: str, where: str) -> SetSpan:
    check_set_offsets(start, end, where)
    try:
        check_label_name(label)
    except ValidationError as exc:
        raise ValidationError(f"{where}: {exc}") from None
    return SetSpan(key=key, start=start, end=end, label=label, where=where)


def read_lines(path: Path, lines: list[str]) -> AnnotationSet:
    aset = AnnotationSet(path.name, "doccano")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path.name} line {number}"
        obj = json_loads(line, where)
        document = read_document(obj, where, number, readable_name(path.stem))
        check_span_count(len(document.spans), len(document.text), where)  # before the next line is read
        aset.documents.append(document)
    return aset


def read_array(path: Path, content: str) -> AnnotationSet:
    value = json_loads(content, path.name, several_lines=True)
    if not isinstance(value, list):
        raise ValidationError(f"{path.name}: expected a list of documents")
    aset = AnnotationSet(path.name, "doccano")
    for k, obj in enumerate(value, start=1):
        document = read_document(obj, f"{path.name} item {k}", k, readable_name(path.stem))
        check_span_count(len(document.spans), len(document.text), document.where)
        aset.documents.append(document)
    return aset
