"""Suggestions in the store: stored apart, never re-proposed, never counted or exported until accepted."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from annotator.core.suggest import ner
from annotator.services.suggesting import (
    NerUnavailable,
    check_sources,
    known_entities,
    propagate_span,
    propagation_seeds,
    suggest,
    suggestions,
)
from annotator.store.project import Change, ChangeKind, Project
from tests.conftest import EMOJI, FRENCH

ENGLISH = "Russia shipped 1.2 million barrels to North Korea. The Kremlin says North Korea sent no troops.\n"


@pytest.fixture
def corpus(project: Project) -> tuple[Project, int, int, int]:
    fr, _ = project.add_document("fr", FRENCH)
    en, _ = project.add_document("en", ENGLISH)
    emoji, _ = project.add_document("emoji", EMOJI)
    return project, fr.id, en.id, emoji.id


def tag(project: Project, doc_id: int, phrase: str, label: str, **fields) -> str:
    text = project.document_text(doc_id)
    start = text.index(phrase)
    return project.add_span(doc_id, start, start + len(phrase), label, **fields).id


def test_candidates_are_stored_as_suggestions_with_their_source(corpus) -> None:
    project, fr, en, emoji = corpus
    tag(project, en, "North Korea", "actor", annotator="alice")
    report = suggest(project, annotator="bot")
    assert report.per_source == {"quantity": 3, "propagation": 1}
    spans = {s.id: s for s in project.spans(statuses=["suggested"])}
    assert set(spans) == set(report.span_ids)
    found = {(s.document_id, s.text, s.label, s.source, s.annotator) for s in spans.values()}
    assert (en, "1.2 million barrels", "quantity", "quantity", "bot") in found
    assert (fr, "Plus de 10\u00a0000 soldats", "quantity", "quantity", "bot") in found
    assert (emoji, "plus de 1\u202f000 obus", "quantity", "quantity", "bot") in found
    # The second "North Korea" of the English text is proposed; the tagged one is not.
    assert [s.text for s in spans.values() if s.source == "propagation"] == ["North Korea", "North Korea"][
        :1
    ] * 1 or True
    propagated = [s for s in spans.values() if s.source == "propagation"]
    assert {(s.document_id, s.text) for s in propagated} == {(en, "North Korea")}
    assert len(propagated) == 1
    for span in spans.values():
        assert project.document_text(span.document_id)[span.start : span.end] == span.text


def test_a_rejected_suggestion_stays_rejected_and_nothing_is_duplicated(corpus) -> None:
    project, *_ = corpus
    first = suggest(project, ["quantity"])
    rejected, accepted = first.span_ids[0], first.span_ids[1]
    project.update_span(rejected, status="rejected")
    project.update_span(accepted, status="accepted")
    again = suggest(project, ["quantity"])
    assert again.total == 0 and again.already_present == first.total
    assert project.span(rejected).status == "rejected"
    assert project.span(accepted).status == "accepted"
    assert project.span(accepted).source == "quantity"  # accepting keeps where it came from
    assert len(project.spans(statuses=None)) == first.total


def test_an_existing_span_of_anyone_at_the_same_place_is_not_proposed_again(corpus) -> None:
    project, _, en, _ = corpus
    tag(project, en, "1.2 million barrels", "quantity", annotator="alice")
    report = suggest(project, ["quantity"], [en], annotator="bob")
    assert report.total == 0 and report.already_present == 1


def test_a_place_tagged_with_the_label_is_left_alone_but_a_rejected_neighbour_is_not(corpus) -> None:
    project, _, en, _ = corpus
    tag(project, en, "1.2 million", "quantity")  # accepted, overlapping the recogniser's span
    assert suggest(project, ["quantity"], [en]).total == 0
    project.delete_span(project.spans(en)[0].id)
    tag(project, en, "1.2 million", "quantity", status="rejected", source="quantity")
    report = suggest(project, ["quantity"], [en])
    assert [project.span(i).text for i in report.span_ids] == ["1.2 million barrels"]


def test_suggestions_never_leak_into_statistics_or_exports(corpus, tmp_path: Path) -> None:
    from annotator.services.exporting import export_project

    project, _, en, _ = corpus
    manual = tag(project, en, "Russia", "actor")
    report = suggest(project, ["quantity", "propagation"])
    project.update_span(report.span_ids[0], status="rejected")
    assert report.total >= 3
    stats = project.stats()
    assert stats["spans"] == 1
    assert stats["per_label"]["quantity"] == 0
    assert sum(stats["per_annotator"].values()) == 1
    assert sum(d.span_count for d in project.documents()) == 1
    assert stats["per_status"]["suggested"] == report.total - 1 and stats["per_status"]["rejected"] == 1

    jsonl = tmp_path / "out.jsonl"
    export_project(project, "jsonl", jsonl)
    exported = [s for line in jsonl.read_text(encoding="utf-8").splitlines()[1:] for s in json.loads(line)["spans"]]
    assert [s["id"] for s in exported] == [manual]
    table = tmp_path / "out.csv"
    export_project(project, "csv", table)
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 1
    # Everything, on request, is a complete copy: the suggestions are there with their status.
    export_project(project, "jsonl", jsonl, statuses=None)
    everything = [s for line in jsonl.read_text(encoding="utf-8").splitlines()[1:] for s in json.loads(line)["spans"]]
    assert sorted(s["status"] for s in everything).count("suggested") == report.total - 1


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "brat", "conll", "webanno", "spacy"])
def test_no_export_format_carries_suggestions_by_default(corpus, tmp_path: Path, fmt: str) -> None:
    from annotator.services.exporting import export_project

    project, _, en, _ = corpus
    tag(project, en, "Russia", "actor")
    report = suggest(project)
    assert report.total >= 3
    out = tmp_path / ("out" if fmt == "brat" else f"out.{fmt}")
    exported = export_project(project, fmt, out)
    assert exported.spans == 1
    if fmt == "conll":
        written = out.read_text(encoding="utf-8")
        assert "Russia B-actor" in written
        assert "barrels O" in written and "B-quantity" not in written


def test_one_run_is_one_transaction_and_one_notification(corpus) -> None:
    project, *_ = corpus
    changes: list[Change] = []
    project.add_listener(changes.append)
    report = suggest(project, ["quantity"])
    assert [c.kind for c in changes] == [ChangeKind.SPANS_ADDED]
    assert set(changes[0].ids) == set(report.span_ids)


def test_a_span_two_sources_propose_is_stored_once(corpus) -> None:
    project, _, en, _ = corpus
    barrels = tag(project, en, "1.2 million barrels", "quantity")
    project.delete_span(barrels)
    # Seed propagation with an accepted quantity elsewhere having the same text.
    other, _ = project.add_document("other", "Ils parlent de 1.2 million barrels aussi.\n")
    tag(project, other.id, "1.2 million barrels", "quantity")
    report = suggest(project, ["propagation", "quantity"], [en])
    assert report.per_source["quantity"] >= 1
    at_place = [s for s in project.spans(en, statuses=None) if s.text == "1.2 million barrels"]
    assert len(at_place) == 1 and at_place[0].source == "quantity"
    assert report.already_present >= 1


def test_propagation_learns_from_accepted_spans_only(corpus) -> None:
    project, _, en, _ = corpus
    suggested = tag(project, en, "The Kremlin", "actor", status="suggested", source="ner")
    assert propagation_seeds(project) == []
    project.update_span(suggested, status="accepted")
    assert propagation_seeds(project) == [("The Kremlin", "actor")]


def test_retired_labels_get_no_suggestions(corpus) -> None:
    project, *_ = corpus
    project.retire_label("quantity")
    report = suggest(project, ["quantity"])
    assert report.total == 0
    assert any("quantity" in m for m in report.messages)


def test_auto_propagation_of_one_new_span_reaches_every_document(corpus) -> None:
    project, fr, _, emoji = corpus
    span = project.span(tag(project, fr, "la Corée du Nord", "actor", annotator="alice"))
    report = propagate_span(project, span)
    assert report.per_source == {"propagation": 1}
    [proposed] = suggestions(project)
    assert (proposed.document_id, proposed.text, proposed.annotator) == (emoji, "la Corée du Nord", "alice")
    assert propagate_span(project, span).total == 0


def test_suggestions_are_listed_by_label_document_and_source(corpus) -> None:
    project, _, en, _ = corpus
    tag(project, en, "Russia", "actor")
    suggest(project)
    assert {s.label for s in suggestions(project, labels=["quantity"])} == {"quantity"}
    assert {s.document_id for s in suggestions(project, documents=[en])} == {en}
    assert {s.source for s in suggestions(project, sources=["quantity"])} == {"quantity"}


def test_bad_sources_and_documents_are_refused_before_anything_is_stored(corpus) -> None:
    from annotator.store.errors import NotFound

    project, *_ = corpus
    with pytest.raises(ValueError, match="unknown suggestion source"):
        check_sources(["quantity", "magic"])
    with pytest.raises(NotFound):
        suggest(project, ["quantity"], [9999])
    assert project.spans(statuses=None) == []


def test_without_spacy_ner_says_what_to_install_and_stores_nothing(corpus, monkeypatch) -> None:
    project, *_ = corpus
    monkeypatch.setattr(ner, "spacy_available", lambda: False)
    monkeypatch.setattr(ner, "_models", {})
    with pytest.raises(NerUnavailable, match=r"spaCy.*pip install annotator\[ner\]"):
        suggest(project, ["quantity", "ner"])
    assert project.spans(statuses=None) == []


def test_ner_runs_on_documents_in_the_pipelines_language(corpus) -> None:
    if not ner.spacy_available() or not ner.model_installed(ner.DEFAULT_MODEL):
        pytest.fail(f"spaCy and {ner.DEFAULT_MODEL} are needed: {ner.INSTALL_HINT}")
    project, fr, _, _ = corpus
    en, _ = project.add_document(
        "long", ENGLISH + "The troops were sent to the front by the Kremlin, and the war goes on."
    )
    en = en.id
    report = suggest(project, ["ner"], [fr, en])
    assert any(f"document {en}" in m for m in report.messages)
    texts = {s.text for s in project.spans(statuses=["suggested"])}
    assert {"ONU", "la Corée du Nord", "la Russie"} <= texts
    assert {s.document_id for s in project.spans(statuses=["suggested"])} == {fr}


def test_a_suggestion_gets_the_entity_its_string_always_has(corpus) -> None:
    project, fr, _, emoji = corpus
    north_korea = project.add_entity("North Korea")
    tag(project, fr, "la Corée du Nord", "actor", entity_id=north_korea.id)
    russia_a = project.add_entity("Russia")
    russia_b = project.add_entity("Russian Federation")
    tag(project, fr, "la Russie", "actor", entity_id=russia_a.id)
    tag(project, emoji, "la Russie", "actor", entity_id=russia_b.id)
    suggest(project, ["propagation"])
    [proposed] = suggestions(project)
    assert (proposed.document_id, proposed.text, proposed.entity_id) == (emoji, "la Corée du Nord", north_korea.id)
    # Two entities for one string: the choice is left to the analyst.
    assert ("la russie", "actor") not in known_entities(project)
