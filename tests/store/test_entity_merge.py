"""Merging canonical entities in the store: one actor across documents and languages, undone exactly."""

from __future__ import annotations

import pytest

from annotator.core.model import ValidationError
from annotator.store.errors import NotFound
from annotator.store.project import Change, ChangeKind, Project


def mention(project: Project, doc_id: int, phrase: str, entity_id: int | None) -> str:
    text = project.document_text(doc_id)
    start = text.index(phrase)
    return project.add_span(doc_id, start, start + len(phrase), "actor", entity_id=entity_id).id


@pytest.fixture
def korea(project: Project) -> dict:
    fr, _ = project.add_document("FR", "Selon l’ONU, la Corée du Nord a livré des obus ; Pyongyang dément.\n")
    en, _ = project.add_document("EN", "North Korea shipped shells to Russia.\n")
    coree = project.add_entity("Corée du Nord")
    north = project.add_entity("North Korea")
    ids = {
        "fr": fr.id,
        "en": en.id,
        "coree": coree.id,
        "north": north.id,
        "s1": mention(project, fr.id, "la Corée du Nord", coree.id),
        "s2": mention(project, fr.id, "Pyongyang", coree.id),
        "s3": mention(project, en.id, "North Korea", north.id),
    }
    return ids


def test_merge_moves_every_mention_and_deletes_the_merged_entity(project: Project, korea: dict) -> None:
    before = {korea[k]: project.span(korea[k]) for k in ("s1", "s2")}
    changes: list[Change] = []
    project.add_listener(changes.append)
    merge = project.merge_entities(korea["north"], korea["coree"])
    assert [e.name for e in project.entities()] == ["North Korea"]
    mentions = project.entity_mentions(korea["north"])
    assert [(s.document_id, s.text) for s in mentions] == [
        (korea["fr"], "la Corée du Nord"),
        (korea["fr"], "Pyongyang"),
        (korea["en"], "North Korea"),
    ]
    assert project.entity_mention_counts() == {korea["north"]: 3}
    assert {sid for sid, _ in merge.spans} == {korea["s1"], korea["s2"]}
    assert merge.documents == (korea["fr"],)
    assert [c.kind for c in changes] == [ChangeKind.ENTITIES_CHANGED, ChangeKind.SPANS_UPDATED]
    assert set(changes[1].ids) == {korea["s1"], korea["s2"]} and changes[1].document_id == korea["fr"]
    with pytest.raises(NotFound):
        project.entity(korea["coree"])

    project.unmerge_entities(merge)
    assert [e.name for e in project.entities()] == ["Corée du Nord", "North Korea"]
    assert project.entity(korea["coree"]).name == "Corée du Nord"
    for span_id, span in before.items():
        assert project.span(span_id) == span  # entity and time stamp as they were
    assert project.span(korea["s3"]).entity_id == korea["north"]


def test_merge_survives_reopening_and_is_one_transaction(project: Project, korea: dict, reopen) -> None:
    project.merge_entities(korea["north"], korea["coree"])
    with reopen() as other:
        entities = {s.entity_id for s in other.spans(labels=["actor"], statuses=None)}
        assert entities == {korea["north"]}
        assert korea["coree"] not in {e.id for e in other.entities()}


def test_merge_refusals(project: Project, korea: dict) -> None:
    with pytest.raises(ValidationError):
        project.merge_entities(korea["north"], korea["north"])
    with pytest.raises(NotFound):
        project.merge_entities(korea["north"], 999)
    assert len(project.entities()) == 2


def test_unmerge_keeps_a_mention_repointed_since(project: Project, korea: dict) -> None:
    merge = project.merge_entities(korea["north"], korea["coree"])
    project.update_span(korea["s2"], entity_id=None)  # the analyst decided Pyongyang is the city
    project.unmerge_entities(merge)
    assert project.span(korea["s1"]).entity_id == korea["coree"]
    assert project.span(korea["s2"]).entity_id is None


def test_unmerge_refused_when_the_name_was_taken_again(project: Project, korea: dict) -> None:
    merge = project.merge_entities(korea["north"], korea["coree"])
    project.add_entity("Corée du Nord")
    with pytest.raises(ValidationError, match="exists again"):
        project.unmerge_entities(merge)
    assert project.span(korea["s1"]).entity_id == korea["north"]


def test_delete_unused_entity(project: Project, korea: dict) -> None:
    spare = project.add_entity("Spare")
    assert not project.delete_unused_entity(korea["north"])  # in use
    assert project.delete_unused_entity(spare.id)
    assert [e.name for e in project.entities()] == ["Corée du Nord", "North Korea"]
