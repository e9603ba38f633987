"""Merge an annotation set into a project, in one transaction.

- documents are matched by the sha256 of their (``\\n``-normalised) text; a document with the
  same source path or title but another text is the "same" document in another version: its
  spans are re-anchored by their quoted text and context, or reported as orphaned, never stored
  at offsets that no longer hold their text; other documents are added (keeping their id when free);
- a span whose UUID is already stored is not duplicated: equal content is left alone, different
  content is a conflict, listed in the report, and the version with the newer ``updated`` wins;
  spans without an id (doccano, brat) are matched by document, offsets, label and annotator;
- labels the project lacks are added (``unknown_labels="add"``) or the set is refused naming them;
  by default a native set's declared schema is taken into a project that has no documents yet;
- text with ``\\r\\n`` line ends is normalised to ``\\n`` and its offsets remapped in the same step.

Importing the same set twice changes nothing the second time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.model import Link, Span, ValidationError, new_span_id, text_sha256, utc_now
from annotator.core.offsets import AUTO, CODEPOINTS, OFFSET_MODES, UTF16, quote_matches, read_tool_offsets
from annotator.core.reanchor import contexts, reanchor
from annotator.formats.annotation_set import (
    AnnotationSet,
    SetDocument,
    SetLink,
    SetSpan,
    check_bounds,
    normalise_document,
)
from annotator.formats.base import ImportReport
from annotator.formats.sets import read_set
from annotator.store.columns import SPAN_FIELDS
from annotator.store.project import EXTRA_COLORS, Project

# A span's content, as a merge compares it: the id names it, the text follows from the offsets, times are not content.
SPAN_CONTENT_FIELDS = tuple(name for name in SPAN_FIELDS if name not in {"id", "text", "created", "updated"})


@dataclass(slots=True)
class _Merge:
    project: Project
    aset: AnnotationSet
    annotator: str
    unknown_labels: str
    report: ImportReport
    changed: bool = False
    labels: dict[str, dict[str, Any]] = field(default_factory=dict)  # name → declared attributes etc.
    entity_ids: dict[str, int] = field(default_factory=dict)
    added: set[int] = field(default_factory=set)  # documents this import added
    added_spans: set[str] = field(default_factory=set)  # spans this import added
    claimed: set[int] = field(default_factory=set)  # documents a set document was merged into (or added as)
    set_shas: set[str] = field(default_factory=set)  # the texts of the set
    set_paths: dict[str, int] = field(default_factory=dict)  # source path → how many set documents have it


def import_set(
    project: Project,
    path: str | Path,
    *,
    annotator: str | None = None,
    unknown_labels: str | None = None,
    offsets: str = AUTO,
    reader: Callable[[Path], AnnotationSet] | None = None,
) -> ImportReport:
    """Read the annotation set at ``path`` and merge it into ``project`` in one transaction.

    ``reader`` reads a kind of set that the file's content alone does not tell (IOB, WebAnno TSV);
    by default ``read_set`` decides.

    ``annotator`` names the author of spans that carry none (doccano, brat). ``unknown_labels`` is
    ``"add"`` (labels the project lacks are added) or ``"refuse"`` (the set is refused, naming them);
    by default (None) a native set's own declared schema is taken into a project with no documents
    yet (so export → import into an empty project → export gives the same bytes), and refused otherwise.
    ``offsets`` says how doccano and Label Studio sets count (``auto``, ``utf16``, ``codepoints``): by
    default each document is read the way its spans fit; a document that fits neither way is left out
    and listed in ``report.skipped``, and ``report.notes`` says which reading each file got.
    """
    if unknown_labels not in (None, "add", "refuse"):
        raise ValueError(f"unknown_labels must be 'add' or 'refuse', not {unknown_labels!r}")
    if offsets not in OFFSET_MODES:
        raise ValueError(f"offsets must be one of {', '.join(OFFSET_MODES)}, not {offsets!r}")
    aset = (reader or read_set)(Path(path))
    if unknown_labels is None:
        unknown_labels = "add" if aset.labels is not None and _has_no_documents(project) else "refuse"
    if aset.tool_offsets:
        _read_tool_offsets(aset, offsets)
    for document in aset.documents:
        check_bounds(document)
        normalise_document(document)
    report = ImportReport()
    report.warnings.extend(aset.warnings)
    report.skipped.extend(aset.skipped)
    report.notes.extend(aset.notes)
    merge = _Merge(project, aset, annotator or project.annotator, unknown_labels, report)
    with project.bulk_write() as bulk:
        _merge(merge)
        bulk.changed = merge.changed
    return report


_READING_NAMES = {CODEPOINTS: "code points", UTF16: "UTF-16 units (JavaScript)"}


def _read_tool_offsets(aset: AnnotationSet, mode: str) -> None:
    """Turn a web tool's offsets into code points, document by document (see ``read_tool_offsets``).

    A document whose offsets fit no reading, or fit both at different places, is left out whole and
    listed in ``aset.skipped``; ``aset.notes`` gets one line saying how the file was read.
    """
    kept: list[SetDocument] = []
    readings: dict[str, list[str]] = {CODEPOINTS: [], UTF16: [], "same": []}
    for document in aset.documents:
        pairs = [(s.start, s.end) for s in document.spans]
        try:
            reading, converted = read_tool_offsets(document.text, pairs, [s.quote for s in document.spans], mode)
        except ValidationError as exc:
            aset.skipped.append((document.where, f"document not imported: {exc}"))
            continue
        for span, (start, end) in zip(document.spans, converted, strict=True):
            span.start, span.end = start, end
            covered = document.text[start:end] if end <= len(document.text) else None
            if span.quote is not None and covered is not None and quote_matches(covered, span.quote):
                span.quote = covered  # the tool's way of quoting (line breaks as \n) names this very text
        readings[reading].append(document.where)
        kept.append(document)
    aset.documents = kept
    if mode != AUTO:
        aset.notes.append(f"{aset.name}: offsets read as {_READING_NAMES[mode]} (as asked)")
        return
    parts = []
    for reading in (UTF16, CODEPOINTS):
        wheres = readings[reading]
        if wheres:
            listed = ", ".join(w.removeprefix(f"{aset.name} ") for w in wheres[:5]) + (" …" if len(wheres) > 5 else "")
            parts.append(f"as {_READING_NAMES[reading]} in {len(wheres)} document{'s' * (len(wheres) != 1)} ({listed})")
    lines = ["offsets read " + "; ".join(parts)] if parts else []
    if readings["same"]:
        n = len(readings["same"])
        lines.append(
            f"{n} document{'s' * (n != 1)} read the same either way (no character outside the BMP before a span)"
        )
    if lines:
        aset.notes.append(f"{aset.name}: " + "; ".join(lines))


def _merge(m: _Merge) -> None:
    for document in m.aset.documents:
        m.set_shas.add(text_sha256(document.text))
        if document.source_path:
            m.set_paths[document.source_path] = m.set_paths.get(document.source_path, 0) + 1
    _merge_labels(m)
    _merge_entities(m)
    for document in m.aset.documents:
        _merge_document(m, document)


def _has_no_documents(project: Project) -> bool:
    return not project.has_documents()


def _merge_labels(m: _Merge) -> None:
    project = m.project
    known = project.label_records()
    used = {s.label for d in m.aset.documents for s in d.spans}
    declared = {lab["name"]: lab for lab in (m.aset.labels or [])}
    missing = sorted(used - set(known))
    if m.unknown_labels == "add":
        missing = sorted((used | set(declared)) - set(known))
    elif missing:
        raise ValidationError(
            f"{m.aset.name}: unknown label{'s' * (len(missing) > 1)} {', '.join(missing)}: "
            "add them to the project first, or import with unknown labels added (--unknown-labels add)"
        )
    empty = _has_no_documents(m.project)
    if empty and m.aset.labels is not None:
        # An empty project takes the set's schema as it is: colours, keys, guidelines, order, link types.
        order = [lab["name"] for lab in m.aset.labels if lab["name"] in known or lab["name"] in missing]
        order += [name for name in known if name not in order]
        hotkeys_taken = {
            lab["hotkey"] for lab in m.aset.labels if lab["hotkey"] and (lab["name"] in known or lab["name"] in missing)
        }
        for position, name in enumerate(order):
            row = dict(known.get(name) or {"name": name, "color": EXTRA_COLORS[position % len(EXTRA_COLORS)]})
            if name in declared:
                lab = declared[name]
                row.update(
                    color=lab["color"] or row["color"],
                    hotkey=lab["hotkey"],
                    guideline=lab["guideline"],
                    retired=lab["retired"],
                    attributes=lab["attributes"],
                )
            elif row.get("hotkey") in hotkeys_taken:
                row["hotkey"] = None
            row["position"] = position
            _write_label(m, row, known.get(name))
        if m.aset.link_types is not None:
            wanted = [
                (lt.role, lt.from_label, to)
                for lt in m.aset.link_types
                for to in lt.to_labels
                if lt.from_label in order and to in order
            ]
            if project.link_type_rows() != wanted:
                project.write_link_type_rows(wanted)
                m.changed = True
    else:
        taken = {row["hotkey"] for row in known.values() if row["hotkey"]}
        position = max((row["position"] for row in known.values()), default=-1) + 1
        colors = {row["color"] for row in known.values()}
        for name in missing:
            lab = declared.get(name, {})
            hotkey = lab.get("hotkey") if lab.get("hotkey") not in taken else None
            color = lab.get("color") or next((c for c in EXTRA_COLORS if c not in colors), EXTRA_COLORS[0])
            row = {
                "name": name,
                "color": color,
                "hotkey": hotkey,
                "guideline": lab.get("guideline", ""),
                "retired": lab.get("retired", False),
                "position": position,
                "attributes": lab.get("attributes", {}),
            }
            _write_label(m, row, None)
            taken.add(hotkey)
            colors.add(color)
            position += 1
            m.report.warnings.append(f"label {name!r} added to the project")
        if m.aset.link_types:
            names = set(known) | set(missing)
            existing = set(project.link_type_rows())
            for lt in m.aset.link_types:
                for to in lt.to_labels:
                    key = (lt.role, lt.from_label, to)
                    if key not in existing and lt.from_label in names and to in names:
                        project.add_link_type_rows([key])
                        existing.add(key)
                        m.changed = True
    m.labels = project.label_records()


def _write_label(m: _Merge, row: dict[str, Any], before: dict[str, Any] | None) -> None:
    if m.project.write_label_record(row, before):
        m.changed = True


def _merge_entities(m: _Merge) -> None:
    m.entity_ids = m.project.entity_ids_by_name()
    wanted = {e["name"]: e for e in m.aset.entities}
    for document in m.aset.documents:
        for span in document.spans:
            if span.entity and span.entity not in wanted:
                wanted[span.entity] = {"name": span.entity, "label": span.label, "created": None}
    for name, entry in sorted(wanted.items()):
        if name in m.entity_ids:
            continue
        label = entry.get("label")
        new_id = m.project.insert_entity_row(
            name, label if isinstance(label, str) else None, entry.get("created") or utc_now()
        )
        m.entity_ids[name] = new_id
        m.changed = True


def _find_document(m: _Merge, document: SetDocument) -> tuple[int, str, bool] | None:
    """Our document for a set document: (id, text, exact), or None when it is a new document.

    A document is its text: the same text (sha256) is the same document. A set document with another
    text is another version of one of ours only when both came from the same source file: exactly one
    of our documents has its source path, no other document of the set has it, and that document is not
    itself in the set. A title is never a key: two texts with one title are two documents.
    """
    project = m.project
    found = project.document_id_by_sha256(text_sha256(document.text))
    if found is not None:
        return found, document.text, True
    path = document.source_path
    if not path or m.set_paths.get(path, 0) > 1:
        return None
    candidates = project.document_ids_with_source(path)
    if len(candidates) != 1:
        return None
    doc_id, sha = candidates[0]
    if doc_id in m.claimed or sha in m.set_shas:
        return None
    return doc_id, project.document_text(doc_id), False


def _title_for(m: _Merge, document: SetDocument) -> str:
    """The display title of a new document: the set's, made unique when another document shows it.

    A native set is a copy of a project: its own documents keep their titles even when two share one
    (export → import into an empty project → export gives the same bytes); a title that a document
    already in the project shows is made unique. Other sets' titles are always made unique.
    """
    title = document.title if document.title.strip() else "untitled"
    if m.aset.kind == "jsonl" and all(i in m.added for i in m.project.document_ids_with_title(title)):
        return title
    return m.project.unique_title(title)


def _add_document(m: _Merge, document: SetDocument) -> int:
    new_id = m.project.insert_document_row(
        title=_title_for(m, document),
        text=document.text,
        source_path=document.source_path,
        language=document.language,
        added_at=document.added_at or utc_now(),
        metadata=document.metadata or {},
        done=document.done,
        document_id=document.id if document.id is not None and document.id > 0 else None,
    )
    m.added.add(new_id)
    m.changed = True
    return new_id


def _merge_document(m: _Merge, document: SetDocument) -> None:
    found = _find_document(m, document)
    if found is None:
        doc_id, our_text, exact = _add_document(m, document), document.text, True
        m.report.new_documents += 1
    else:
        doc_id, our_text, exact = found
        m.report.existing_documents += 1
        if not exact:
            m.report.warnings.append(
                f"{document.where}: document {document.title!r} is another version of ours (id {doc_id}, same "
                f"source {document.source_path}): spans re-anchored"
            )
    m.claimed.add(doc_id)
    m.report.documents.append((doc_id, m.project.document_title(doc_id)))
    stored: dict[str, str] = {}  # set span key → stored span id
    for span in document.spans:
        span_id = _merge_span(m, document, span, doc_id, our_text, exact)
        if span_id is not None:
            stored[span.key] = span_id
    for link in document.links:
        _merge_link(m, link, stored)


def _anchor(document: SetDocument, span: SetSpan, our_text: str, exact: bool) -> tuple[int, int] | None:
    """Offsets of a set span in our text, or None (orphaned)."""
    set_text = document.text
    in_range = span.end <= len(set_text)
    quote = set_text[span.start : span.end] if in_range else None
    if span.quote is not None and quote != span.quote:
        quote = span.quote  # the set's offsets do not hold its own quote: trust the quote
        in_range = False
    if exact and in_range and our_text[span.start : span.end] == quote:
        return span.start, span.end
    if quote is None:
        return None
    rivals: list[tuple[str, str]] = []
    if in_range:
        left, right = contexts(set_text, span.start, span.end)
        rivals = [
            contexts(set_text, m.start(), m.end())
            for m in re.finditer(re.escape(quote), set_text)
            if m.start() != span.start
        ]
    else:
        left = right = ""
    start = reanchor(our_text, quote, left, right, hint=span.start, rivals=rivals)
    if start is None:
        return None
    return start, start + len(quote)


def _span_content(span: Span, attributes: dict[str, str]) -> tuple[Any, ...]:
    """What two versions of one span are compared on: every field but its identity, text and times."""
    return (*(getattr(span, name) for name in SPAN_CONTENT_FIELDS), tuple(sorted(attributes.items())))


def _merge_span(m: _Merge, document: SetDocument, span: SetSpan, doc_id: int, our_text: str, exact: bool) -> str | None:
    """Merge one span of the set into document ``doc_id``: added, updated, unchanged, in conflict or orphaned;
    returns the id it has in the project (None when it found no place)."""
    anchored = _anchor(document, span, our_text, exact)
    quote = span.quote if span.quote is not None else document.text[span.start : span.end]
    if anchored is None:
        m.report.orphans.append(
            f"{span.where}: {span.label} “{quote}” ({span.id or span.key}) has no place in document {doc_id}: "
            "not imported"
        )
        return None
    start, end = anchored
    if span.label not in m.labels:  # only possible when refused labels slipped through; never store it
        raise ValidationError(f"{span.where}: unknown label {span.label!r}")
    entity_id = m.entity_ids.get(span.entity) if span.entity else None
    candidate = _candidate_span(m, span, doc_id, start, end, entity_id)
    attributes = _valid_attributes(m, span)
    existing, candidate = _existing_span(m, span, doc_id, candidate)
    if existing is None:
        _insert_span(m, candidate)
        _write_attributes(m, candidate.id, attributes, replace=False)
        m.report.spans_added += 1
        return candidate.id
    if span.id is None:
        return _merge_unnamed_span(m, span, existing, candidate, attributes, entity_id)
    return _merge_named_span(m, span, existing, candidate, attributes)


def _candidate_span(m: _Merge, span: SetSpan, doc_id: int, start: int, end: int, entity_id: int | None) -> Span:
    """The set's span as the project would store it at ``start``–``end`` (checked, not stored)."""
    try:
        return m.project.make_span(
            doc_id,
            start,
            end,
            span.label,
            annotator=span.annotator or m.annotator,
            note=span.note,
            status=span.status,
            source=span.source,
            span_id=span.id or new_span_id(),
            created=span.created,
            updated=span.updated,
            review=span.review,
            reviewer=span.reviewer,
            review_comment=span.review_comment,
            entity_id=entity_id,
            allow_retired=True,
        )
    except ValidationError as exc:
        raise ValidationError(f"{span.where}: {exc}") from None


def _existing_span(m: _Merge, span: SetSpan, doc_id: int, candidate: Span) -> tuple[Span | None, Span]:
    """Our version of the set's span (by id, else its twin), and the candidate taking a twin's identity."""
    project = m.project
    existing: Span | None = None
    if span.id is not None:
        existing = project.find_span(span.id)
    if existing is None and not (span.id is not None and doc_id in m.added):
        # The same document, offsets, label and annotator is the same annotation, whatever its id: spans
        # without one (doccano, brat), and a set from another project that imported the same set (other
        # UUIDs). A set's own spans with ids stay apart: the set is a copy, duplicates included.
        twins = [
            twin
            for twin in project.spans_at(doc_id, candidate.start, candidate.end, span.label, candidate.annotator)
            if span.id is None or twin.id not in m.added_spans
        ]
        if twins:
            existing = twins[0]
            candidate = candidate.with_changes(
                id=existing.id,
                created=existing.created,
                updated=candidate.updated if span.id is not None else span.updated or existing.updated,
            )
    return existing, candidate


def _merge_unnamed_span(
    m: _Merge, span: SetSpan, existing: Span, candidate: Span, attributes: dict[str, str], entity_id: int | None
) -> str:
    """A span without an id over our twin: its note, entity and attributes are added to ours, the rest is ours."""
    ours_attributes = m.project.attributes(existing.id)
    merged_attributes = {**ours_attributes, **attributes}
    changed_note = span.note and span.note != existing.note
    if (
        merged_attributes == ours_attributes
        and not changed_note
        and existing.entity_id == (entity_id if entity_id is not None else existing.entity_id)
    ):
        m.report.spans_unchanged += 1
        return existing.id
    candidate = candidate.with_changes(
        note=span.note or existing.note,
        entity_id=entity_id if entity_id is not None else existing.entity_id,
        status=existing.status,
        source=existing.source,
        review=existing.review,
        reviewer=existing.reviewer,
        review_comment=existing.review_comment,
        updated=utc_now(),
    )
    _update_span(m, candidate)
    _write_attributes(m, existing.id, attributes, replace=False)
    m.report.spans_updated += 1
    return existing.id


def _merge_named_span(m: _Merge, span: SetSpan, existing: Span, candidate: Span, attributes: dict[str, str]) -> str:
    """A span with our version of it: unchanged, or the newer version wins and the difference is reported."""
    ours_attributes = m.project.attributes(existing.id)
    if _span_content(existing, ours_attributes) == _span_content(candidate, attributes):
        m.report.spans_unchanged += 1
        return existing.id
    theirs_newer = (candidate.updated or "") > (existing.updated or "")
    describe = f"{span.label} “{candidate.text}” ({existing.id})"
    if theirs_newer:
        _update_span(m, candidate)
        _write_attributes(m, existing.id, attributes, replace=True)
        m.report.spans_updated += 1
        m.report.conflicts.append(
            f"{span.where}: {describe} differs from ours: the set's version (updated {candidate.updated}) "
            f"replaced ours (updated {existing.updated})"
        )
    else:
        m.report.conflicts.append(
            f"{span.where}: {describe} differs from ours: ours (updated {existing.updated}) kept over "
            f"the set's (updated {candidate.updated})"
        )
    return existing.id


def _valid_attributes(m: _Merge, span: SetSpan) -> dict[str, str]:
    """The span's attributes its label declares; undeclared ones are declared (adding labels) or reported."""
    result: dict[str, str] = {}
    label = m.labels[span.label]
    for name, value in sorted(span.attributes.items()):
        declared = label["attributes"].get(name)
        if declared is not None and (not declared or value in declared):
            result[name] = value
            continue
        if m.unknown_labels == "add":
            label["attributes"].setdefault(name, [])
            if label["attributes"][name] and value not in label["attributes"][name]:
                label["attributes"][name].append(value)
            m.project.write_label_attributes(span.label, label["attributes"])
            m.changed = True
            m.report.warnings.append(f"{span.where}: attribute {name}={value} declared for label {span.label!r}")
            result[name] = value
        else:
            m.report.warnings.append(
                f"{span.where}: attribute {name}={value!r} is not declared for label {span.label!r}: not imported"
            )
    return result


def _insert_span(m: _Merge, span: Span) -> None:
    m.project.insert_span_row(span)
    m.added_spans.add(span.id)
    m.changed = True


def _update_span(m: _Merge, span: Span) -> None:
    m.project.overwrite_span_row(span)
    m.changed = True


def _write_attributes(m: _Merge, span_id: str, attributes: dict[str, str], *, replace: bool) -> None:
    if not attributes and not replace:
        return
    if m.project.write_attributes(span_id, attributes, replace=replace):
        m.changed = True


def _merge_link(m: _Merge, link: SetLink, stored: dict[str, str]) -> None:
    frm, to = stored.get(link.from_key), stored.get(link.to_key)
    if frm is None or to is None:
        m.report.warnings.append(f"{link.where}: {link.role} link not imported: one of its spans was not imported")
        return
    if frm == to:
        m.report.warnings.append(f"{link.where}: {link.role} link joins a span to itself: not imported")
        return
    ours = m.project.find_link(link.id) if link.id is not None else None
    if ours is not None:
        if (ours.from_span, ours.to_span, ours.role) != (frm, to, link.role):
            m.report.conflicts.append(f"{link.where}: link {link.id} differs from ours: ours kept")
        else:
            _merge_link_note(m, ours.id, ours.note, link.note)
        return
    ours = m.project.link_between(frm, to, link.role)
    if ours is not None:
        _merge_link_note(m, ours.id, ours.note, link.note)
        return
    from_label, to_label = m.project.span(frm).label, m.project.span(to).label
    if not m.project.allows_link(link.role, from_label, to_label):
        if m.unknown_labels == "add":
            m.project.add_link_type_rows([(link.role, from_label, to_label)])
            m.report.warnings.append(f"{link.where}: link role {link.role} ({from_label} → {to_label}) added")
        else:
            m.report.warnings.append(
                f"{link.where}: the schema has no role {link.role!r} from {from_label} to {to_label}: link not imported"
            )
            return
    now = utc_now()
    m.project.insert_link_row(
        Link(
            id=link.id or new_span_id(),
            from_span=frm,
            to_span=to,
            role=link.role,
            annotator=link.annotator or m.annotator,
            created=link.created or now,
            updated=link.updated or link.created or now,
            note=link.note,
        )
    )
    m.changed = True
    m.report.links_added += 1


def _merge_link_note(m: _Merge, link_id: str, ours: str, theirs: str) -> None:
    """A note the set gives a link we have: taken when ours has none, else ours is kept (and said)."""
    if not theirs or theirs == ours:
        return
    if ours:
        m.report.conflicts.append(f"link {link_id}: the set's note differs from ours: ours kept")
        return
    m.project.set_link_note(link_id, theirs)
    m.changed = True
