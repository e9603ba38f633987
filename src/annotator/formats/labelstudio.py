"""Label Studio: its JSON export (tasks with annotations and predictions), its JSON-MIN export, and an export
that Label Studio imports (tasks with annotations and pre-annotations).

Reading the JSON export, a list of tasks ``{"data": {"text": …}, "annotations": [{"result": [...]}],
"predictions": [...]}`` (``completions``, the older name of annotations, too):

- each task is a document (its text is ``data.text``, or the only text field of ``data``; other data fields
  become metadata, ``data.title`` its title);
- each ``labels`` result is a span per label: ``value.start``/``value.end``, ``value.text`` the text it
  names; its region note (``meta.text``) is the span's note; its ``id`` is kept as the span's id when it is
  a UUID (as in annotator's own export), otherwise the span is known by document, offsets, label and author;
- each ``relation`` result (``from_id``, ``to_id``, its first label as the role, ``relation`` without one)
  is a link;
- an annotation's author is ``completed_by.email`` (exported "with annotator details"), else its
  ``created_username``, else ``labelstudio-<user id>``; cancelled (skipped) annotations are left out;
- predictions are pre-annotations: their spans come in as ``suggested``, their author the ``model_version``;
- results of other types (choices, text areas, HyperText regions…) are counted in a warning and left out.

JSON-MIN is one row per annotation: the task's data fields, ``annotator``, and per labeling control a list of
regions ``{"start", "end", "text", "labels"}``; it holds no relations and no region ids.

Offsets: Label Studio's current frontend counts code points, as annotator does; versions before 2022 counted
UTF-16 units (JavaScript string positions), which differ after a character outside the BMP. Each document is
read the way its spans fit their ``value.text`` (see ``annotator.core.offsets.read_tool_offsets``;
``import --offsets`` decides when asked).

Writing (``export --format labelstudio``): a JSON list of tasks in document order, each
``{"data": {"text", "title"}, "annotations": [...], "predictions": [...]}``. Accepted spans are one
annotation per annotator (``created_username`` names the annotator, ``ground_truth`` is true for ``gold``),
suggested spans one prediction per annotator (``model_version``). Each span is a ``labels`` result with
``from_name`` ``label`` and ``to_name`` ``text`` (Label Studio's NER template: ``<Labels name="label"
toName="text">`` and ``<Text name="text" value="$text"/>``), offsets in code points, ``value.text`` the
covered text, the span's UUID as the region id and its note as the region's ``meta.text``; links between
spans of one annotation are ``relation`` results. Label Studio holds no rejected spans, review, attributes,
canonical entities, span sources or time stamps: the export report says what it left out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.model import Span, ValidationError, check_label_name
from annotator.formats.annotation_set import AnnotationSet, JsonRow, SetDocument, SetLink, SetSpan, check_set_offsets
from annotator.formats.base import DocumentExport, ExportReport, atomic_file
from annotator.store.project import Project

FROM_NAME = "label"
TO_NAME = "text"
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_ANNOTATION_KEYS = ("annotations", "completions", "predictions")
# JSON-MIN fields that are Label Studio's own, not the task's data.
_MIN_FIELDS = {"id", "annotator", "annotation_id", "created_at", "updated_at", "lead_time", "agreement"}


# -- reading --------------------------------------------------------------------------------------


def _is_region(item: Any) -> bool:
    return isinstance(item, dict) and "start" in item and "end" in item and isinstance(item.get("labels"), list)


def recognises_tasks(rows: list[JsonRow]) -> bool:
    """Label Studio's JSON export: tasks with a ``data`` object and annotations or predictions."""
    return any(
        isinstance(row.value, dict)
        and isinstance(row.value.get("data"), dict)
        and any(isinstance(row.value.get(key), list) for key in _ANNOTATION_KEYS)
        for row in rows
    )


def recognises_min(rows: list[JsonRow]) -> bool:
    """Label Studio's JSON-MIN export: rows with a list of regions ``{start, end, labels}``."""
    return any(
        isinstance(row.value, dict)
        and any(isinstance(v, list) and v and all(_is_region(x) for x in v) for v in row.value.values())
        for row in rows
    )


def _text_field(data: dict[str, Any], where: str, exclude: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    """The name of the field that holds the task's text: ``text``, or the only text field."""
    if isinstance(data.get("text"), str):
        return "text"
    names = [k for k, v in data.items() if isinstance(v, str) and k not in exclude and k != "title"]
    if len(names) == 1:
        return names[0]
    if not names:
        raise ValidationError(f"{where}: the task has no text (data.text is missing)")
    raise ValidationError(f"{where}: the task has no data.text and several text fields ({', '.join(names)})")


def _author(annotation: dict[str, Any]) -> str | None:
    """Who made an annotation, as Label Studio exports it."""
    completed_by = annotation.get("completed_by")
    if isinstance(completed_by, dict):
        email = completed_by.get("email")
        if isinstance(email, str) and email.strip():
            return email.strip()
        completed_by = completed_by.get("id")
    username = annotation.get("created_username")
    if isinstance(username, str) and username.strip():
        # Label Studio writes "email, id"; annotator's export writes the name alone.
        name, _, number = username.strip().rpartition(", ")
        return name if name and number.isdigit() else username.strip()
    if isinstance(completed_by, int) and not isinstance(completed_by, bool):
        return f"labelstudio-{completed_by}"
    if isinstance(completed_by, str) and completed_by.strip():
        return completed_by.strip()
    return None


class _Reading:
    """One document being read, with the counts of what was left out."""

    def __init__(self, document: SetDocument, left_out: dict[str, int]) -> None:
        self.document = document
        self.left_out = left_out
        self.keys: set[str] = set()

    def region(
        self,
        value: dict[str, Any],
        region_id: Any,
        where: str,
        *,
        annotator: str | None,
        status: str,
        note: str = "",
    ) -> list[str]:
        """The spans of one labelled region (one per label); their keys."""
        start, end = value.get("start"), value.get("end")
        offsets_are_ints = all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end))
        if not offsets_are_ints or not isinstance(start, int) or not isinstance(end, int):
            # HyperText regions give XPath positions: not plain text offsets.
            self.left_out["regions without plain text offsets"] = (
                self.left_out.get("regions without plain text offsets", 0) + 1
            )
            return []
        check_set_offsets(start, end, where)
        labels = value.get("labels") or []
        quote = value.get("text") if isinstance(value.get("text"), str) else None
        keys = []
        for n, label in enumerate(labels):
            if not isinstance(label, str):
                raise ValidationError(f"{where}: label {label!r} is not a name")
            try:
                check_label_name(label)
            except ValidationError as exc:
                raise ValidationError(f"{where}: {exc}") from None
            rid = str(region_id) if region_id is not None else f"#{len(self.document.spans)}"
            key = f"{annotator}\t{status}\t{rid}" + (f"\t{n}" if n else "")
            if key in self.keys:
                continue  # one region listed twice
            self.keys.add(key)
            span_id = rid if n == 0 and _UUID.match(rid) else None
            self.document.spans.append(
                SetSpan(
                    key=key,
                    start=start,
                    end=end,
                    label=label,
                    quote=quote,
                    id=span_id,
                    annotator=annotator,
                    note=note,
                    status=status,
                    where=where,
                )
            )
            keys.append(key)
        return keys


def _note_of(result: dict[str, Any]) -> str:
    meta = result.get("meta")
    if isinstance(meta, dict) and isinstance(meta.get("text"), list):
        return "\n".join(str(x) for x in meta["text"] if isinstance(x, str))
    return ""


def _read_task(obj: Any, where: str, left_out: dict[str, int]) -> SetDocument:
    if not isinstance(obj, dict):
        raise ValidationError(f"{where}: expected a task object")
    data = obj.get("data")
    if not isinstance(data, dict):
        raise ValidationError(f"{where}: the task has no data object")
    field = _text_field(data, where)
    text = data[field]
    if not text:
        raise ValidationError(f"{where}: the text is empty")
    document = _task_document(obj, data, field, text, where)
    if isinstance(obj.get("meta"), dict) and obj["meta"]:
        document.metadata["labelstudio_meta"] = obj["meta"]
    reading = _Reading(document, left_out)
    for key in _ANNOTATION_KEYS:
        entries = obj.get(key)
        if entries is None:
            continue
        if not isinstance(entries, list):
            raise ValidationError(f"{where}: {key!r} must be a list")
        for k, annotation in enumerate(entries, start=1):
            if not isinstance(annotation, dict):
                raise ValidationError(f"{where}: {key} {k} must be an object")
            if annotation.get("was_cancelled") or annotation.get("skipped"):
                left_out["cancelled annotations"] = left_out.get("cancelled annotations", 0) + 1
                continue
            if key == "predictions":
                version = annotation.get("model_version")
                author: str | None = (
                    str(version) if isinstance(version, str | int) and str(version).strip() else "labelstudio-model"
                )
                status = "suggested"
            else:
                author, status = _author(annotation), "accepted"
            _read_results(reading, annotation.get("result"), f"{where}, {key[:-1]} {k}", author, status)
    return document


def _read_results(reading: _Reading, results: Any, where: str, author: str | None, status: str) -> None:
    if results is None:
        return
    if not isinstance(results, list):
        raise ValidationError(f"{where}: 'result' must be a list")
    regions: dict[str, list[str]] = {}
    relations = []
    for n, result in enumerate(results, start=1):
        if not isinstance(result, dict):
            raise ValidationError(f"{where}, result {n}: expected an object")
        kind = result.get("type")
        if kind == "relation":
            relations.append((n, result))
            continue
        value = result.get("value")
        if kind != "labels" or not isinstance(value, dict):
            name = f"results of type {kind}" if isinstance(kind, str) else "results without a type"
            reading.left_out[name] = reading.left_out.get(name, 0) + 1
            continue
        keys = reading.region(
            value, result.get("id"), f"{where}, result {n}", annotator=author, status=status, note=_note_of(result)
        )
        if result.get("id") is not None:
            regions.setdefault(str(result["id"]), []).extend(keys)
    for n, result in relations:
        frm, to = regions.get(str(result.get("from_id"))), regions.get(str(result.get("to_id")))
        labels = result.get("labels") or []
        role = labels[0] if labels and isinstance(labels[0], str) else "relation"
        if not frm or not to:
            reading.left_out["relations to regions that were not read"] = (
                reading.left_out.get("relations to regions that were not read", 0) + 1
            )
            continue
        try:
            check_label_name(role)
        except ValidationError as exc:
            raise ValidationError(f"{where}, result {n}: {exc}") from None
        source, target = (frm[0], to[0]) if result.get("direction") != "left" else (to[0], frm[0])
        reading.document.links.append(SetLink(source, target, role, annotator=author, where=f"{where}, result {n}"))
        if result.get("direction") == "bi":
            reading.document.links.append(SetLink(target, source, role, annotator=author, where=f"{where}, result {n}"))


def _read_min_row(obj: Any, where: str, left_out: dict[str, int]) -> SetDocument:
    if not isinstance(obj, dict):
        raise ValidationError(f"{where}: expected an object")
    controls = [k for k, v in obj.items() if isinstance(v, list) and v and all(_is_region(x) for x in v)]
    data = {k: v for k, v in obj.items() if k not in _MIN_FIELDS and k not in controls}
    field = _text_field(data, where)
    text = data[field]
    if not text:
        raise ValidationError(f"{where}: the text is empty")
    document = _task_document(obj, data, field, text, where)
    annotator = obj.get("annotator")
    author = (
        f"labelstudio-{annotator}"
        if isinstance(annotator, int) and not isinstance(annotator, bool)
        else annotator.strip()
        if isinstance(annotator, str) and annotator.strip()
        else None
    )
    reading = _Reading(document, left_out)
    for control in controls:
        for n, value in enumerate(obj[control], start=1):
            reading.region(value, f"{control}-{n}", f"{where}, {control} {n}", annotator=author, status="accepted")
    return document


def _read(path: Path, rows: list[JsonRow], read_row: Any, kind: str) -> AnnotationSet:
    aset = AnnotationSet(path.name, kind, tool_offsets=True)
    left_out: dict[str, int] = {}
    for row in rows:
        try:
            aset.documents.append(read_row(row.value, row.where, left_out))
        except ValidationError as exc:
            aset.skipped.append((row.where, f"{str(exc).removeprefix(row.where + ': ')}: task not imported"))
    if left_out:
        counted = "; ".join(f"{n} {name}" for name, n in sorted(left_out.items()))
        aset.warnings.append(f"{path.name}: left out (annotator reads text spans and their relations): {counted}")
    return aset


def read_tasks(path: Path, rows: list[JsonRow]) -> AnnotationSet:
    """A Label Studio JSON export: every task that can be read whole; the others listed in ``skipped``."""
    return _read(path, rows, _read_task, "labelstudio")


def read_min(path: Path, rows: list[JsonRow]) -> AnnotationSet:
    """A Label Studio JSON-MIN export."""
    return _read(path, rows, _read_min_row, "labelstudio-min")


# -- writing --------------------------------------------------------------------------------------


def _span_result(span: Span) -> dict[str, Any]:
    result: dict[str, Any] = {
        "id": span.id,
        "from_name": FROM_NAME,
        "to_name": TO_NAME,
        "type": "labels",
        "origin": "manual" if span.status == "accepted" else "prediction",
        "value": {"start": span.start, "end": span.end, "text": span.text, "labels": [span.label]},
    }
    if span.note:
        result["meta"] = {"text": [span.note]}
    return result


def task(item: DocumentExport, left_out: dict[str, int]) -> dict[str, Any]:
    """One exported document as a Label Studio task."""
    document = item.document
    groups: dict[tuple[str, str], list[Any]] = {}
    for span in item.spans:
        if span.status == "rejected":
            left_out["rejected spans"] = left_out.get("rejected spans", 0) + 1
            continue
        groups.setdefault((span.status, span.annotator), []).append(span)
    group_of = {span.id: key for key, spans in groups.items() for span in spans}
    links: dict[tuple[str, str], list[Any]] = {}
    # Links in the order of what they join (Label Studio keeps no time for them, so an import gives new ones).
    for link in sorted(item.links, key=lambda lk: (lk.from_span, lk.to_span, lk.role)):
        key = group_of.get(link.from_span)
        if key is None or group_of.get(link.to_span) != key:
            left_out["links between spans of two annotators or statuses"] = (
                left_out.get("links between spans of two annotators or statuses", 0) + 1
            )
            continue
        links.setdefault(key, []).append(link)
        if link.note:
            left_out["link notes"] = left_out.get("link notes", 0) + 1
    annotations, predictions = [], []
    for (status, annotator), spans in sorted(groups.items()):
        result = [_span_result(span) for span in spans]
        result += [
            {
                "from_id": lk.from_span,
                "to_id": lk.to_span,
                "type": "relation",
                "direction": "right",
                "labels": [lk.role],
            }
            for lk in links.get((status, annotator), [])
        ]
        if status == "accepted":
            annotations.append(
                {
                    "result": result,
                    "ground_truth": annotator == "gold",
                    "was_cancelled": False,
                    "created_username": annotator,
                }
            )
        else:
            predictions.append({"model_version": annotator, "result": result})
    for span in item.spans:
        if span.review != "unreviewed" or span.entity_id is not None or item.attributes.get(span.id):
            left_out["reviews, attributes and canonical entities of spans"] = (
                left_out.get("reviews, attributes and canonical entities of spans", 0) + 1
            )
    return {
        "data": {"text": document.text, "title": document.title},
        "annotations": annotations,
        "predictions": predictions,
    }


def write(project: Project, items: Iterable[DocumentExport], out: Path, report: ExportReport) -> None:
    """Write the tasks as one JSON list (UTF-8, two-space indent, keys in a fixed order)."""

    del project  # the tasks carry all Label Studio needs
    left_out: dict[str, int] = {}
    with atomic_file(out, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("[")
        for n, item in enumerate(items):
            handle.write(",\n" if n else "\n")
            handle.write(json.dumps(task(item, left_out), ensure_ascii=False, indent=2))
        handle.write("\n]\n")
    if left_out:
        counted = "; ".join(f"{n} {name}" for name, n in sorted(left_out.items()))
        report.warnings.append(f"Label Studio holds none of these: left out {counted}")


def _task_document(obj: dict[str, Any], data: dict[str, Any], field: str, text: str, where: str) -> SetDocument:
    """A task's document: its text, ``data.title`` (else its first line) as title, the other data fields and
    the task id as metadata."""
    title = data.get("title") if isinstance(data.get("title"), str) and data["title"].strip() else None
    first_line = text.strip().split("\n", 1)[0].strip()
    metadata = {k: v for k, v in data.items() if k not in (field, "title")}
    if isinstance(obj.get("id"), int):
        metadata["labelstudio_task"] = obj["id"]
    return SetDocument(
        where=where,
        title=title or ((first_line[:60] + "…") if len(first_line) > 60 else first_line or "task"),
        text=text,
        metadata=metadata,
    )
