"""Web Annotation export: valid against a JSON schema of the W3C model, selectors that hold the text."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from annotator.core.model import Document
from annotator.formats.webanno import document_iri
from annotator.services.exporting import export_project
from annotator.store.project import Project
from tests.formats.sample_sets import fill

SCHEMA = json.loads((Path(__file__).parent / "web_annotation.schema.json").read_text(encoding="utf-8"))


@pytest.fixture
def filled(project: Project, french_doc: Document, emoji_doc: Document) -> dict[str, str]:
    return fill(project, french_doc, emoji_doc)


def validate(value: object) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA).validate(value)


def source_id(annotation: dict) -> str:
    source = annotation["target"]["source"]
    return source if isinstance(source, str) else source["id"]


def standalone_texts(collection: dict) -> dict[str, str]:
    """Each document's text as the file gives it, by source IRI; each is given exactly once."""
    texts: dict[str, str] = {}
    for annotation in collection["first"]["items"]:
        source = annotation["target"]["source"] if isinstance(annotation["target"], dict) else None
        if isinstance(source, dict):
            assert source["id"] not in texts
            assert (source["type"], source["format"]) == ("TextualBody", "text/plain")
            texts[source["id"]] = source["value"]
        elif source is not None:
            assert source in texts  # named after the annotation that embeds it
    return texts


def test_export_validates_and_selectors_hold_the_text(project: Project, filled: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "set.jsonld"
    report = export_project(project, "webanno", out, statuses=None)
    collection = json.loads(out.read_text(encoding="utf-8"))
    validate(collection)
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection" and collection["first"]["type"] == "AnnotationPage"
    items = collection["first"]["items"]
    spans = [a for a in items if a["motivation"] == "tagging"]
    assert len(spans) == report.spans == 7 and collection["total"] == len(items) == 9
    texts = standalone_texts(collection)  # from the file alone
    assert texts == {document_iri(project.document(i).sha256): project.document_text(i) for i in project.document_ids()}
    for annotation in spans:
        span = project.span(annotation["id"].removeprefix("urn:uuid:"))
        position, quote = annotation["target"]["selector"]
        text = texts[source_id(annotation)]
        assert (position["start"], position["end"]) == (span.start, span.end)
        assert text[position["start"] : position["end"]] == quote["exact"] == span.text
        assert text[: span.start].endswith(quote["prefix"]) and text[span.end :].startswith(quote["suffix"])
        assert annotation["body"][0] == {"type": "TextualBody", "purpose": "tagging", "value": span.label}
        assert annotation["creator"]["nickname"] == span.annotator
    by_text = {a["target"]["selector"][1]["exact"]: a for a in spans}
    shells = by_text["1\u202f000 obus"]
    assert "🚀" in shells["target"]["selector"][1]["prefix"]  # code points: the emoji count as one each
    actor = next(a for a in spans if a["id"] == f"urn:uuid:{filled['actor']}")
    assert {"type": "TextualBody", "purpose": "commenting", "value": "État « voyou » ?"} in actor["body"]
    assert {"type": "TextualBody", "purpose": "identifying", "value": "Corée du Nord"} in actor["body"]
    assessment = by_text["les experts estiment que c’est un risque"]
    assert {"type": "TextualBody", "purpose": "classifying", "value": "confidence=low"} in assessment["body"]
    links = [a for a in items if a["motivation"] == "linking"]
    assert {(a["target"], a["body"][0]["value"], a["body"][1]["source"]) for a in links} == {
        (f"urn:uuid:{filled['transfer']}", "supplier", f"urn:uuid:{filled['actor']}"),
        (f"urn:uuid:{filled['assessment']}", "about", f"urn:uuid:{filled['transfer']}"),
    }
    assert document_iri("ab") == "urn:sha256:ab"


def test_schema_rejects_what_the_model_forbids(project: Project, filled: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "set.jsonld"
    export_project(project, "webanno", out)
    good = json.loads(out.read_text(encoding="utf-8"))
    annotation = good["first"]["items"][0]

    def broken(change) -> dict:
        copy = json.loads(json.dumps(good))
        change(copy["first"]["items"][0])
        return copy

    for change in (
        lambda a: a.pop("target"),
        lambda a: a.__setitem__("type", "Note"),
        lambda a: a["target"]["selector"][0].__setitem__("start", -1),
        lambda a: a["target"]["selector"][1].pop("exact"),
        lambda a: a.__setitem__("motivation", "liking"),
        lambda a: a["body"][0].pop("value"),
    ):
        with pytest.raises(jsonschema.ValidationError):
            validate(broken(change))
    with pytest.raises(jsonschema.ValidationError):
        validate({**good, "@context": "http://example.org/context.jsonld"})
    assert annotation["type"] == "Annotation"


def test_same_project_same_bytes(project: Project, filled: dict[str, str], tmp_path: Path) -> None:
    export_project(project, "webanno", tmp_path / "a.jsonld")
    export_project(project, "webanno", tmp_path / "b.jsonld")
    assert (tmp_path / "a.jsonld").read_bytes() == (tmp_path / "b.jsonld").read_bytes()


def test_the_file_stands_alone_with_each_text_once(project: Project, tmp_path: Path) -> None:
    text = "Le Hezbollah a reçu 200 drones 🛩️ de l’Iran.\nFin."
    document, _ = project.add_document("Drones", text, language="fr")
    other, _ = project.add_document("Autre", "Rien à signaler ici, sinon Paris.")
    for phrase, label in (("Le Hezbollah", "actor"), ("200 drones", "quantity"), ("l’Iran", "actor")):
        start = text.index(phrase)
        project.add_span(document.id, start, start + len(phrase), label)
    project.add_span(other.id, 27, 32, "actor")
    out = tmp_path / "alone.jsonld"
    export_project(project, "webanno", out)
    collection = json.loads(out.read_text(encoding="utf-8"))
    validate(collection)
    texts = standalone_texts(collection)
    assert texts == {document_iri(document.sha256): text, document_iri(other.sha256): other.text}
    items = collection["first"]["items"]
    assert items[0]["target"]["source"]["language"] == "fr" and "language" not in items[3]["target"]["source"]
    assert out.read_text(encoding="utf-8").count(json.dumps(text, ensure_ascii=False)) == 1  # the text once
    for annotation in items:
        position, quote = annotation["target"]["selector"]
        assert texts[source_id(annotation)][position["start"] : position["end"]] == quote["exact"]
    embedded = items[0]["target"]["source"]
    for change in (lambda s: s.pop("id"), lambda s: s.pop("value"), lambda s: s.__setitem__("type", "Text")):
        broken = json.loads(json.dumps(collection))
        change(broken["first"]["items"][0]["target"]["source"])
        with pytest.raises(jsonschema.ValidationError):
            validate(broken)
    assert embedded["id"] == document_iri(document.sha256)
