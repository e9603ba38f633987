"""Agreement scope defaults, disagreements in a real project, and adjudication into the gold layer."""

from __future__ import annotations

import json

import pytest

from annotator.core.model import ValidationError
from annotator.services.curation import (
    adjudicated_flags,
    apply_adjudication,
    default_annotators,
    is_adjudicated,
    plan_adjudication,
    project_agreement,
    project_disagreements,
    resolve_scope,
)
from annotator.services.exporting import export_project
from tests.conftest import FRENCH


def add(project, doc, phrase: str, label: str, annotator: str, **fields):
    start = doc.text.index(phrase)
    return project.add_span(doc.id, start, start + len(phrase), label, annotator=annotator, **fields)


@pytest.fixture
def team(project, french_doc):
    add(project, french_doc, "la Corée du Nord", "actor", "alice")
    add(project, french_doc, "la Russie", "actor", "alice", note="destinataire")
    add(project, french_doc, "la Corée du Nord", "actor", "bob")
    add(project, french_doc, "Russie", "actor", "bob")
    add(project, french_doc, "10\u00a0000 soldats", "quantity", "bob")
    add(project, french_doc, "l’ONU", "actor", "carol", status="suggested")
    project.add_document("Untouched", "Rien ici.\n")
    return french_doc


def test_defaults_leave_gold_out_unless_too_few(project, team) -> None:
    assert default_annotators(project) == ["alice", "bob"]  # carol only has a suggestion
    add(project, team, "la Russie", "actor", "gold")
    assert default_annotators(project) == ["alice", "bob"]
    scope = resolve_scope(project)
    assert scope.documents == (team.id,)  # the untouched document is left out
    assert scope.labels == ("actor", "transfer", "quantity", "assessment")


def test_gold_is_compared_only_when_chosen(project, french_doc) -> None:
    add(project, french_doc, "la Russie", "actor", "gold")
    add(project, french_doc, "la Russie", "actor", "alice")
    assert default_annotators(project) == ["alice"]
    with pytest.raises(ValidationError, match=r"at least two annotators .*found: alice"):
        resolve_scope(project)
    assert resolve_scope(project, ["alice", "gold"]).annotators == ("alice", "gold")


def test_scope_errors(project, team) -> None:
    with pytest.raises(ValidationError, match="no spans by zoe"):
        resolve_scope(project, ["alice", "zoe"])
    with pytest.raises(ValidationError, match="at least two"):
        resolve_scope(project, ["alice"])
    with pytest.raises(ValidationError, match="unknown label"):
        resolve_scope(project, labels=["weather"])


def test_agreement_and_disagreements_on_french_text(project, team) -> None:
    report = project_agreement(project, resolve_scope(project))
    # alice: 2 actors; bob: 2 actors + 1 quantity. Exact: "la Corée du Nord" only: 2·1/(2+3) = 0.4.
    assert report.overall.exact_f1 == pytest.approx(0.4)
    # Overlap: "la Russie"–"Russie" too: 2·2/5 = 0.8.
    assert report.overall.overlap_f1 == pytest.approx(0.8)
    places = project_disagreements(project, resolve_scope(project))
    assert [(p.describe("alice"), p.describe("bob"), p.kind) for p in places] == [
        ("actor “la Russie”", "actor “Russie”", "boundary"),
        ("(nothing)", "quantity “10\u00a0000 soldats”", "missing"),
    ]


def test_adjudication_keep_one_both_or_new(project, team) -> None:
    scope = resolve_scope(project)
    russia = project_disagreements(project, scope)[0]
    assert not is_adjudicated(project, russia)
    [kept] = apply_adjudication(project, plan_adjudication(project, russia, keep=["alice"]))
    assert (kept.text, kept.annotator, kept.source, kept.status, kept.note) == (
        "la Russie",
        "gold",
        "curation",
        "accepted",
        "destinataire",
    )
    assert is_adjudicated(project, russia)
    assert adjudicated_flags(project, project_disagreements(project, scope)) == [True, False]
    # Adjudicating again replaces the earlier choice: keep both versions.
    both = apply_adjudication(project, plan_adjudication(project, russia, keep=["alice", "bob"]))
    assert sorted(s.text for s in both) == ["Russie", "la Russie"]
    gold = project.spans(annotators=["gold"])
    assert sorted(s.text for s in gold) == ["Russie", "la Russie"]
    # A new version written by the adjudicator.
    start = team.text.index("Russie")
    plan = plan_adjudication(project, russia, new=[(start, start + 6, "actor")])
    assert len(plan.remove) == 2
    apply_adjudication(project, plan)
    assert [s.text for s in project.spans(annotators=["gold"])] == ["Russie"]
    with pytest.raises(ValidationError):
        plan_adjudication(project, russia, keep=["zoe"])
    with pytest.raises(ValidationError):
        plan_adjudication(project, russia, new=[(0, 10**6, "actor")])


def test_curated_layer_exports_like_any_annotator(project, team, tmp_path) -> None:
    russia = project_disagreements(project, resolve_scope(project))[0]
    apply_adjudication(project, plan_adjudication(project, russia, keep=["bob"]))
    out = tmp_path / "gold.jsonl"
    report = export_project(project, "jsonl", out, annotators=["gold"])
    assert report.spans == 1
    documents = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()[1:]]
    [document] = [d for d in documents if d["spans"]]
    [span] = document["spans"]
    assert (span["text"], span["annotator"], span["source"]) == ("Russie", "gold", "curation")
    assert document["text"] == FRENCH
