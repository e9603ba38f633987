"""CSV export: one row per span, safe to open in a spreadsheet.

Columns: document, start, end, label, text, left_context, right_context, annotator, note, status,
then document_id, span_id, review, reviewer, review_comment, then page (the page the span starts on, in a
paginated document such as a PDF; empty otherwise) and the document's metadata: document_date,
document_source, document_author, document_url. Offsets are code points; the contexts are the
``CONTEXT`` code points before and after the span. The file is UTF-8 with a byte-order mark
(so spreadsheets read accents) and CRLF row ends (RFC 4180). A text cell that a spreadsheet would
read as a formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.metadata import AUTHOR, DATE, SOURCE, URL, page_of, page_starts
from annotator.formats.base import DocumentExport, ExportReport, atomic_file, extras, report_left_out
from annotator.store.project import Project

CONTEXT = 40
COLUMNS = (
    "document",
    "start",
    "end",
    "label",
    "text",
    "left_context",
    "right_context",
    "annotator",
    "note",
    "status",
    "document_id",
    "span_id",
    "review",
    "reviewer",
    "review_comment",
    "page",
    "document_date",
    "document_source",
    "document_author",
    "document_url",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_HEADER = ",".join(COLUMNS).encode("ascii")


def is_export(head: bytes) -> bool:
    """Whether a file's first bytes are this export's header row (so ``import`` can say what it is)."""
    return head.removeprefix(b"\xef\xbb\xbf").startswith(_HEADER)


def neutralise(value: Any) -> Any:
    """A text cell that cannot start a formula; numbers pass unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def rows(item: DocumentExport) -> Iterable[list[Any]]:
    """The rows of one exported document."""
    document = item.document
    text = document.text
    starts = page_starts(document.metadata)
    described = [_text(document.metadata.get(key)) for key in (DATE, SOURCE, AUTHOR, URL)]
    for span in item.spans:
        yield [
            neutralise(value)
            for value in (
                document.title,
                span.start,
                span.end,
                span.label,
                span.text,
                text[max(0, span.start - CONTEXT) : span.start],
                text[span.end : span.end + CONTEXT],
                span.annotator,
                span.note,
                span.status,
                document.id,
                span.id,
                span.review,
                span.reviewer or "",
                span.review_comment or "",
                page_of(starts, span.start) or "",
                *described,
            )
        ]


def _text(value: Any) -> str:
    """A metadata value as one cell."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def write(project: Project, items: Iterable[DocumentExport], out: Path, report: ExportReport) -> None:
    """Write the header row and one row per span to ``out``."""

    left_out = {"links": 0, "attributes": 0, "entities": 0}
    with atomic_file(out, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for item in items:
            writer.writerows(rows(item))
            for key, n in extras(item).items():
                left_out[key] += n
    report_left_out(report, "csv", **left_out)
