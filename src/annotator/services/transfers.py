"""The transfers table: every transfer of the corpus as who supplies what to whom, and how much.

One row per transfer span, built from the links the analyst drew: ``supplier`` and ``recipient``
(actor spans, named by their canonical entity when they have one, else by their text), ``amount``
(quantity spans), the assessments linked to the transfer with ``about`` (with their confidence),
the transfer's own attributes, the sentence it sits in, and its document's title, date and source
(document metadata keys ``date`` and ``source``). Pure: no Qt, so the CLI and the window share it.
"""

from __future__ import annotations

import csv
import io
import json
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from annotator.core.model import Span, ValidationError
from annotator.core.tokens import sentences
from annotator.store.project import LinkEnd, Project

TRANSFER_LABEL = "transfer"
SUPPLIER_ROLE = "supplier"
RECIPIENT_ROLE = "recipient"
AMOUNT_ROLE = "amount"
ABOUT_ROLE = "about"
CONFIDENCE_ATTRIBUTE = "confidence"
# Highest first: a transfer's confidence is the highest one an assessment about it gives.
CONFIDENCE_LEVELS = ("high", "medium", "low")
NOT_ASSESSED = "not assessed"
METADATA_KEYS = ("date", "source")

# Column keys of the CSV export, in order; the JSONL export uses the same keys (lists stay lists).
CSV_COLUMNS = (
    "supplier",
    "recipient",
    "what",
    "amount",
    "status",
    "assessments",
    "sentence",
    "document",
    "date",
    "source",
    "document_id",
    "span_id",
    "start",
    "end",
    "annotator",
)
LIST_SEPARATOR = "; "
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class Assessment:
    """An assessment span linked to a transfer with ``about``."""

    span_id: str
    text: str
    confidence: str | None = None

    def display(self) -> str:
        """``text (confidence)`` or the text alone."""
        return f"{self.text} ({self.confidence})" if self.confidence else self.text


@dataclass(frozen=True, slots=True)
class TransferRow:
    """One transfer: who supplies what to whom, how much, and where it is said."""

    span_id: str
    document_id: int
    start: int
    end: int
    what: str
    annotator: str
    suppliers: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    amounts: tuple[str, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    attributes: dict[str, str] = field(default_factory=dict)
    sentence: str = ""
    document: str = ""
    date: str = ""
    source: str = ""
    # The texts of the linked actor spans ("Pyongyang" for the entity North Korea): the aliases a filter
    # by actor also matches. Derived from the links, so they take no part in comparing rows.
    supplier_mentions: tuple[str, ...] = field(default=(), compare=False)
    recipient_mentions: tuple[str, ...] = field(default=(), compare=False)

    @property
    def supplier(self) -> str:
        return LIST_SEPARATOR.join(self.suppliers)

    @property
    def recipient(self) -> str:
        return LIST_SEPARATOR.join(self.recipients)

    @property
    def amount(self) -> str:
        return LIST_SEPARATOR.join(self.amounts)

    @property
    def status(self) -> str:
        """The transfer's ``status`` attribute (reported / confirmed), or empty."""
        return self.attributes.get("status", "")

    @property
    def assessment_text(self) -> str:
        return LIST_SEPARATOR.join(a.display() for a in self.assessments)

    @property
    def confidence(self) -> str:
        """The highest confidence of the assessments about the transfer, or ``NOT_ASSESSED``."""
        given = {a.confidence for a in self.assessments if a.confidence}
        return next((level for level in CONFIDENCE_LEVELS if level in given), NOT_ASSESSED)

    def missing(self) -> dict[str, str]:
        """Why a field of the row is empty, by row attribute: ``{"recipient": "no recipient linked"}``."""
        reasons = {}
        if not self.suppliers:
            reasons["supplier"] = "no supplier linked"
        if not self.recipients:
            reasons["recipient"] = "no recipient linked"
        if not self.amounts:
            reasons["amount"] = "no amount linked"
        if not self.status:
            reasons["status"] = "status not set"
        if not self.assessments:
            reasons["assessment_text"] = "no assessment about it"
        if not self.date:
            reasons["date"] = "document has no date"
        if not self.source:
            reasons["source"] = "document has no source"
        return reasons

    def flat(self) -> dict[str, Any]:
        """The row as one flat mapping of CSV_COLUMNS (lists joined with ``; ``)."""
        return {
            "supplier": self.supplier,
            "recipient": self.recipient,
            "what": self.what,
            "amount": self.amount,
            "status": self.status,
            "assessments": self.assessment_text,
            **self._where(),
        }

    def as_json(self) -> dict[str, Any]:
        """The row as a JSON object: lists stay lists, assessments are objects, every attribute kept."""
        return {
            "supplier": list(self.suppliers),
            "recipient": list(self.recipients),
            "what": self.what,
            "amount": list(self.amounts),
            "attributes": dict(sorted(self.attributes.items())),
            "assessments": [
                {"text": a.text, "confidence": a.confidence, "span_id": a.span_id} for a in self.assessments
            ],
            **self._where(),
        }

    def _where(self) -> dict[str, Any]:
        """Where the transfer stands: its sentence, document and span, and who tagged it."""
        return {
            "sentence": self.sentence,
            "document": self.document,
            "date": self.date,
            "source": self.source,
            "document_id": self.document_id,
            "span_id": self.span_id,
            "start": self.start,
            "end": self.end,
            "annotator": self.annotator,
        }


class SentenceFinder:
    """The sentence around a code-point range of one text (sentences as in ``core.tokens``).

    Sentences never cross a line break, so only the lines a range touches are split, once each.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        self._lines: dict[int, list[tuple[int, int]]] = {}

    def _sentences_of_line(self, line: int) -> list[tuple[int, int]]:
        if line not in self._lines:
            start = self._line_starts[line]
            end = self._line_starts[line + 1] - 1 if line + 1 < len(self._line_starts) else len(self.text)
            self._lines[line] = [(start + s[0][0], start + s[-1][1]) for s in sentences(self.text[start:end])]
        return self._lines[line]

    def around(self, start: int, end: int) -> str:
        """The sentence(s) the range touches, joined as they stand in the text; the range itself if none."""
        s, e = self.bounds(start, end)
        return self.text[s:e]

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """Code-point bounds of ``around(start, end)``."""
        first_line = bisect_right(self._line_starts, start) - 1
        last_line = bisect_right(self._line_starts, max(end - 1, start)) - 1
        touched = [
            (s, e)
            for line in range(first_line, last_line + 1)
            for s, e in self._sentences_of_line(line)
            if s < max(end, start + 1) and e > start
        ]
        if not touched:
            return start, end
        return min(touched[0][0], start), max(touched[-1][1], end)


def document_metadata(project: Project, document_id: int) -> dict[str, str]:
    """The document's ``date`` and ``source`` metadata (empty strings when unset)."""
    metadata = project.document(document_id).metadata
    return {key: str(metadata.get(key) or "") for key in METADATA_KEYS}


def metadata_with(metadata: dict[str, Any], **values: str | None) -> dict[str, Any]:
    """A copy of ``metadata`` with the given keys set (stripped), or removed when empty."""
    result = dict(metadata)
    for key, value in values.items():
        value = (value or "").strip()
        if value:
            result[key] = value
        else:
            result.pop(key, None)
    return result


def sentence_finder(
    project: Project, document_id: int, sha256: str, cache: dict[tuple[int, str], SentenceFinder]
) -> SentenceFinder:
    """The document's SentenceFinder, made once per text (``cache`` is keyed by id and sha256)."""
    key = (document_id, sha256)
    finder = cache.get(key)
    if finder is None:
        finder = cache[key] = SentenceFinder(project.document_text(document_id))
    return finder


def transfer_rows(
    project: Project,
    *,
    documents: Iterable[int] | None = None,
    annotators: Iterable[str] | None = None,
    statuses: Sequence[str] | None = ("accepted",),
    transfer_label: str = TRANSFER_LABEL,
    sentence_cache: dict[tuple[int, str], SentenceFinder] | None = None,
    with_sentences: bool = True,
) -> list[TransferRow]:
    """Every transfer span (of the given documents, annotators, statuses) as a row, in text order.

    Linked spans that were rejected are left out; a linked span of another status counts.
    ``sentence_cache`` (keyed by document id and text sha256) keeps the split sentences between calls.
    Without ``with_sentences`` the rows' ``sentence`` is left empty and no document text is read (splitting
    sentences is most of the cost): ``sentence_finder`` finds one when it is shown.
    """
    transfers = project.spans(
        labels=[transfer_label],
        documents=list(documents) if documents is not None else None,
        annotators=list(annotators) if annotators is not None else None,
        statuses=statuses,
    )
    if not transfers:
        return []
    doc_ids = sorted({s.document_id for s in transfers})
    every_document = documents is None
    ends = _TransferEnds(project, transfer_label, None if every_document else doc_ids)
    finders: dict[int, SentenceFinder] = {}
    cache = sentence_cache if sentence_cache is not None else {}
    docs: dict[int, tuple[str, str, str]] = {}
    headers = project.document_headers(doc_ids)
    rows = []
    for span in transfers:
        if span.document_id not in docs:
            title, sha256, meta = headers[span.document_id]
            docs[span.document_id] = (title, str(meta.get("date") or ""), str(meta.get("source") or ""))
            if with_sentences:
                finders[span.document_id] = sentence_finder(project, span.document_id, sha256, cache)
        sentence = finders[span.document_id].around(span.start, span.end) if with_sentences else ""
        rows.append(ends.row(span, *docs[span.document_id], sentence=sentence))
    return rows


def _linked(ends: list[LinkEnd], role: str) -> list[LinkEnd]:
    """The ends in ``role`` whose other span is not rejected, in text order."""
    found = [e for e in ends if e.role == role and e.other_status != "rejected"]
    if len(found) > 1:
        found.sort(key=lambda e: e.other_sort_key)
    return found


def _unique(names: list[str]) -> tuple[str, ...]:
    return tuple(names) if len(names) < 2 else tuple(dict.fromkeys(names))


class _TransferEnds:
    """What the rows of transfer spans are made of: the links at each transfer, the entities' names and the
    attributes (of every document, or of ``doc_ids``)."""

    def __init__(self, project: Project, transfer_label: str, doc_ids: list[int] | None) -> None:
        self.entities = {e.id: e.name for e in project.entities()}
        if doc_ids is None:
            self.attributes = project.all_attributes()
        else:
            self.attributes = {}
            for doc_id in doc_ids:
                self.attributes.update(project.all_attributes(doc_id))
        self.outgoing: dict[str, list[LinkEnd]] = {}
        self.incoming: dict[str, list[LinkEnd]] = {}
        for end in project.link_ends(transfer_label, doc_ids):
            (self.outgoing if end.outgoing else self.incoming).setdefault(end.span_id, []).append(end)

    def name_of(self, end: LinkEnd) -> str:
        """The linked actor's entity name, else its text."""
        if end.other_entity_id is not None and end.other_entity_id in self.entities:
            return self.entities[end.other_entity_id]
        return end.other_text

    def row(self, span: Span, title: str, date: str, source: str, *, sentence: str) -> TransferRow:
        """The row of one transfer span in a document with this title, date and source."""
        out = self.outgoing.get(span.id, [])
        about = _linked(self.incoming.get(span.id, []), ABOUT_ROLE)
        supplier_spans = _linked(out, SUPPLIER_ROLE)
        recipient_spans = _linked(out, RECIPIENT_ROLE)
        attributes = self.attributes
        return TransferRow(
            span_id=span.id,
            document_id=span.document_id,
            start=span.start,
            end=span.end,
            what=span.text,
            annotator=span.annotator,
            suppliers=_unique([self.name_of(e) for e in supplier_spans]),
            recipients=_unique([self.name_of(e) for e in recipient_spans]),
            amounts=_unique([e.other_text for e in _linked(out, AMOUNT_ROLE)]),
            assessments=tuple(
                Assessment(a.other_id, a.other_text, attributes.get(a.other_id, {}).get(CONFIDENCE_ATTRIBUTE))
                for a in about
            ),
            attributes=dict(attributes.get(span.id, {})),
            sentence=sentence,
            document=title,
            date=date,
            source=source,
            supplier_mentions=_unique([e.other_text for e in supplier_spans]),
            recipient_mentions=_unique([e.other_text for e in recipient_spans]),
        )


def safe_cell(value: Any) -> str:
    """A CSV cell a spreadsheet will not run as a formula: a leading = + - @ (or tab, CR) gets a ``'``."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def write_csv(rows: Iterable[TransferRow], out: TextIO) -> int:
    """Write rows as CSV (header first, formula-safe cells); returns the number of rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    n = 0
    for row in rows:
        flat = row.flat()
        writer.writerow([safe_cell(flat[key]) for key in CSV_COLUMNS])
        n += 1
    return n


def write_jsonl(rows: Iterable[TransferRow], out: TextIO) -> int:
    """Write one JSON object per row; returns the number of rows."""
    n = 0
    for row in rows:
        out.write(json.dumps(row.as_json(), ensure_ascii=False) + "\n")
        n += 1
    return n


def export_transfers(rows: Iterable[TransferRow], path: str | Path, fmt: str | None = None) -> int:
    """Write rows to ``path`` as ``csv`` or ``jsonl`` (from the suffix when ``fmt`` is None)."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in ("csv", "jsonl"):
        raise ValidationError(f"transfers export as csv or jsonl, not {fmt!r}")
    buffer = io.StringIO()
    n = write_csv(rows, buffer) if fmt == "csv" else write_jsonl(rows, buffer)
    # Written whole at the end, so a failed export never leaves half a file behind.
    path.write_text(buffer.getvalue(), encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="")
    return n
