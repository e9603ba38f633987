"""W3C Web Annotation Data Model export (JSON-LD).

The file is one ``AnnotationCollection`` (``@context`` http://www.w3.org/ns/anno.jsonld) whose first
``AnnotationPage`` holds every annotation:

- a span is an ``Annotation`` with id ``urn:uuid:<span id>``, ``motivation`` tagging, ``creator``
  (the annotator), ``created``/``modified``, and bodies: a ``TextualBody`` with purpose ``tagging``
  and the label as value; its note as a ``TextualBody`` with purpose ``commenting``; each attribute
  as a ``TextualBody`` with purpose ``classifying`` and value ``name=value``; its canonical entity as a
  ``TextualBody`` with purpose ``identifying`` and the entity name as value. Its ``target`` has the
  document as ``source`` (``urn:sha256:<sha256 of the text>``) and two selectors: a
  ``TextPositionSelector`` (start, end in code points) and a ``TextQuoteSelector`` (exact, and
  up to 32 code points of prefix and suffix);
- the document's text is in the file, so it stands alone: the first annotation that targets a
  document gives its source in full, as an embedded ``TextualBody`` with that id, the whole text as
  ``value``, ``format`` text/plain and the document's ``language`` if known (the model allows a
  TextualBody as the source of a SpecificResource); the document's later annotations name the source
  by its id only (in JSON-LD, nodes with one id are one node: the text is written once);
- a link is an ``Annotation`` with motivation ``linking``: its target is the span it goes from
  (``urn:uuid:<span id>``) and its bodies are the role (``TextualBody``, purpose ``tagging``) and the
  span it goes to (a ``SpecificResource`` with purpose ``linking``).

The collection also describes each exported document in Dublin Core terms (the ``dcterms`` prefix is
part of the Web Annotation context): ``dcterms:references`` lists one resource per document, with the
document IRI as ``id``, type ``Text``, and, where known, ``dcterms:title``, ``dcterms:creator``
(author), ``dcterms:date`` (publication or sending date), ``dcterms:publisher`` (outlet),
``dcterms:source`` (the original's URL), ``dcterms:created`` and ``dcterms:extent`` (pages).

The model has no term for a span's status, review or source: they are left out (the export
report says so); the native jsonl format keeps them.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.metadata import AUTHOR, CREATED, DATE, SOURCE, TITLE, URL, page_starts
from annotator.core.model import Document, Link, Span
from annotator.formats.base import DocumentExport, ExportReport, atomic_file
from annotator.store.project import Project

CONTEXT_URL = "http://www.w3.org/ns/anno.jsonld"
QUOTE_CONTEXT = 32


def document_iri(sha256: str) -> str:
    """The IRI naming a document: its text's sha256."""
    return f"urn:sha256:{sha256}"


def document_source(document: Document) -> dict[str, Any]:
    """The document as an embedded textual resource: its IRI, its whole text, its format and language."""
    source: dict[str, Any] = {
        "id": document_iri(document.sha256),
        "type": "TextualBody",
        "value": document.text,
        "format": "text/plain",
    }
    if document.language:
        source["language"] = document.language
    return source


def span_annotation(item: DocumentExport, span: Span, *, embed_text: bool = False) -> dict[str, Any]:
    """The Web Annotation of one span; ``embed_text`` gives the document's source in full (with its text)."""
    text = item.document.text
    bodies: list[dict[str, Any]] = [{"type": "TextualBody", "purpose": "tagging", "value": span.label}]
    if span.note:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": span.note})
    for name, value in sorted(item.attributes.get(span.id, {}).items()):
        bodies.append({"type": "TextualBody", "purpose": "classifying", "value": f"{name}={value}"})
    if span.entity_id is not None and span.entity_id in item.entity_names:
        bodies.append({"type": "TextualBody", "purpose": "identifying", "value": item.entity_names[span.entity_id]})
    return {
        "id": f"urn:uuid:{span.id}",
        "type": "Annotation",
        "motivation": "tagging",
        "creator": {"type": "Person", "nickname": span.annotator},
        "created": span.created,
        "modified": span.updated,
        "body": bodies,
        "target": {
            "source": document_source(item.document) if embed_text else document_iri(item.document.sha256),
            "selector": [
                {"type": "TextPositionSelector", "start": span.start, "end": span.end},
                {
                    "type": "TextQuoteSelector",
                    "exact": text[span.start : span.end],
                    "prefix": text[max(0, span.start - QUOTE_CONTEXT) : span.start],
                    "suffix": text[span.end : span.end + QUOTE_CONTEXT],
                },
            ],
        },
    }


def link_annotation(link: Link) -> dict[str, Any]:
    """The Web Annotation of one link."""
    return {
        "id": f"urn:uuid:{link.id}",
        "type": "Annotation",
        "motivation": "linking",
        "creator": {"type": "Person", "nickname": link.annotator},
        "created": link.created,
        "modified": link.updated,
        "body": [
            {"type": "TextualBody", "purpose": "tagging", "value": link.role},
            {"type": "SpecificResource", "purpose": "linking", "source": f"urn:uuid:{link.to_span}"},
        ],
        "target": f"urn:uuid:{link.from_span}",
    }


# Document metadata key -> Dublin Core term.
DCTERMS = (
    (AUTHOR, "dcterms:creator"),
    (DATE, "dcterms:date"),
    (SOURCE, "dcterms:publisher"),
    (URL, "dcterms:source"),
    (CREATED, "dcterms:created"),
)


def document_description(document: Document) -> dict[str, Any]:
    """A document as a Dublin Core description: its IRI, title and the metadata that has a term."""
    metadata = document.metadata
    described: dict[str, Any] = {
        "id": document_iri(document.sha256),
        "type": "Text",
        "dcterms:title": str(metadata.get(TITLE) or document.title),
    }
    for key, term in DCTERMS:
        value = metadata.get(key)
        if isinstance(value, str | int | float) and str(value).strip():
            described[term] = str(value)
    pages = len(page_starts(metadata))
    if pages:
        described["dcterms:extent"] = f"{pages} page{'s' * (pages != 1)}"
    return described


def write(project: Project, items: Iterable[DocumentExport], out: Path, report: ExportReport) -> None:
    """Write one AnnotationCollection with every span and link to ``out``."""

    annotations: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = []
    for item in items:
        documents.append(document_description(item.document))
        annotations.extend(span_annotation(item, span, embed_text=k == 0) for k, span in enumerate(item.spans))
        annotations.extend(link_annotation(link) for link in sorted(item.links, key=lambda lk: (lk.created, lk.id)))
    collection = {
        "@context": CONTEXT_URL,
        "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, project.path.name)}",
        "type": "AnnotationCollection",
        "label": f"annotator export of {project.path.name}",
        "total": len(annotations),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": annotations},
        "dcterms:references": documents,
    }
    with atomic_file(out, "w", encoding="utf-8", newline="\n") as handle:
        json.dump(collection, handle, ensure_ascii=False, indent=1)
        handle.write("\n")
    if annotations:
        report.warnings.append("webanno holds no span status, review or source: they were left out")
