"""spaCy export: a ``.spacy`` DocBin (spaCy 3), behind the optional ``spacy`` extra.

Each document becomes a ``Doc`` whose text is the document text exactly: tokens are those of
``annotator.core.tokens``, further split at every span boundary, so every span is a whole number of
tokens and its character offsets are kept exactly; white space other than one plain space after a
token becomes a white-space token, as spaCy does. Every span is in ``doc.spans["sc"]`` (label, and
the span UUID as ``id``); ``doc.ents`` holds those that do not overlap (the longest wins, ties by the
earliest start, as in CoNLL); a span's canonical entity is its ``kb_id_``. ``doc.user_data``
keeps the document's title, id and sha256, and ``{"annotator": {span id: {"annotator", "status",
"note"}}}``. Links and attributes are left out (the export report says so).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from annotator.core.model import ValidationError
from annotator.core.tokens import tokenize
from annotator.formats.base import DocumentExport, ExportReport, atomic_file, extras, report_left_out
from annotator.store.project import Project

SPAN_KEY = "sc"


class MissingSpacy(ValidationError):
    """spaCy is not installed: the spacy format cannot be written."""


def require_spacy() -> ModuleType:
    """Import spaCy, or raise a clear error saying how to install it."""
    try:
        import spacy
    except ImportError:
        raise MissingSpacy(
            "the spacy format needs spaCy 3, which is not installed: pip install 'annotator[spacy]'"
        ) from None
    return spacy


def segments(text: str, cuts: Iterable[int]) -> tuple[list[str], list[bool]]:
    """spaCy words and trailing-space flags that rebuild ``text`` exactly, split at ``cuts`` too."""
    bounds = {0, len(text)}
    for start, end in tokenize(text):
        bounds.update((start, end))
    bounds.update(c for c in cuts if 0 <= c <= len(text))
    points = sorted(bounds)
    words: list[str] = []
    spaces: list[bool] = []
    for a, b in itertools.pairwise(points):
        piece = text[a:b]
        if piece.isspace():
            if words and not spaces[-1] and piece.startswith(" ") and not words[-1].isspace():
                spaces[-1] = True
                piece = piece[1:]
            if piece:
                words.append(piece)
                spaces.append(False)
        else:
            words.append(piece)
            spaces.append(False)
    return words, spaces


def write(project: Project, items: Iterable[DocumentExport], out: Path, report: ExportReport) -> None:
    """Write a DocBin of every selected document to ``out``."""
    spacy = require_spacy()
    from spacy.tokens import Doc, DocBin, Span

    from annotator.formats.conll import resolve_overlaps

    vocab = spacy.blank("xx").vocab
    docbin = DocBin(store_user_data=True)
    left_out = {"links": 0, "attributes": 0}
    for item in items:
        text = item.document.text
        cuts = [c for span in item.spans for c in (span.start, span.end)]
        words, spaces = segments(text, cuts)
        doc = Doc(vocab, words=words, spaces=spaces)
        if doc.text != text:  # cannot happen: the words are cut from the text itself
            raise ValidationError(f"document {item.document.id}: spaCy tokens do not rebuild the text")
        group = []
        for span in item.spans:
            piece = doc.char_span(span.start, span.end, label=span.label, alignment_mode="strict")
            if piece is None:
                report.warnings.append(
                    f"document {item.document.id}: {span.label} “{span.text}” {span.start}–{span.end} "
                    "does not fall on token boundaries: left out of the spaCy file"
                )
                continue
            entity = item.entity_names.get(span.entity_id, "") if span.entity_id is not None else ""
            group.append(Span(doc, piece.start, piece.end, label=span.label, kb_id=entity, span_id=span.id))
        doc.spans[SPAN_KEY] = group
        kept, _dropped = resolve_overlaps(item.spans)
        by_id = {s.id_: s for s in group}
        doc.ents = [by_id[s.id] for s in kept if s.id in by_id]
        doc.user_data["title"] = item.document.title
        doc.user_data["document_id"] = item.document.id
        doc.user_data["sha256"] = item.document.sha256
        doc.user_data["annotator"] = {
            s.id: {"annotator": s.annotator, "status": s.status, "note": s.note} for s in item.spans
        }
        docbin.add(doc)
        counts = extras(item)
        left_out["links"] += counts["links"]
        left_out["attributes"] += counts["attributes"]
    with atomic_file(out, "wb") as handle:
        handle.write(docbin.to_bytes())
    report_left_out(report, "spacy", **left_out)
