"""Training a suggester from a project's annotations, keeping it with the project, and suggesting from it."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

from annotator.core.suggest import spanmodel
from annotator.services import training
from annotator.services.suggesting import suggest
from annotator.store.project import Project

SENTENCES = [
    ("Moscou a livré {} à Pyongyang.", "300 obus"),
    ("L’armée a reçu {} en mars.", "12 chars"),
    ("Le port a expédié {} vers le nord.", "40 conteneurs"),
    ("Les douanes ont saisi {} hier.", "900 fusils"),
    ("La marine a perdu {} au large.", "deux navires"),
    ("Le régiment compte {} aguerris.", "800 soldats"),
    ("Kyiv a obtenu {} de plus.", "50 missiles"),
    ("Le convoi transportait {} selon la police.", "70 camions"),
]
UNSEEN = "Le pays a reçu 200 drones. Le port a expédié 60 wagons vers le sud."


def make_corpus(path: Path) -> Project:
    """A project whose gold annotator tagged the quantities of a few short French documents."""
    project = Project(path)
    for n in range(0, len(SENTENCES), 2):
        text, spans = "", []
        for template, amount in SENTENCES[n : n + 2]:
            sentence = template.format(amount)
            start = len(text) + sentence.index(amount)
            spans.append((start, start + len(amount)))
            text += sentence + " "
        document, _ = project.add_document(f"doc{n}", text.strip() + "\n")
        for start, end in spans:
            project.add_span(document.id, start, end, "quantity", annotator="gold")
    project.add_document("unseen", UNSEEN + "\n")
    return project


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with a tiny model trained on a blank French base (a few seconds), copied per test."""
    folder = tmp_path_factory.mktemp("trained")
    with make_corpus(folder / "corpus.db") as project:
        training.train_project(project, base="blank:fr")
    return folder


@pytest.fixture
def corpus(trained: Path, tmp_path: Path) -> Path:
    for item in trained.iterdir():
        (shutil.copytree if item.is_dir() else shutil.copy2)(item, tmp_path / item.name)
    return tmp_path / "corpus.db"


def test_a_tiny_model_is_kept_beside_the_project_with_its_data_hash_and_scores(corpus: Path) -> None:
    model = training.current_model(corpus)
    assert model is not None and model.path.parent == corpus.with_name("corpus.db.models")
    assert (model.pipeline / "config.cfg").is_file()
    meta = json.loads((model.path / "meta.json").read_text(encoding="utf-8"))
    assert meta["labels"] == ["quantity"] and meta["annotators"] == ["gold"] and meta["base"] == "blank:fr"
    assert len(meta["data_hash"]) == 64 and meta["texts"]["eval"] >= 1
    with Project(corpus) as project:
        assert meta["data_hash"] == training.prepare(project, base="blank:fr").data_hash  # same data, same hash
    score = meta["scores"]["quantity"]
    assert score["support"] >= 1 and {"precision", "recall", "f1"} <= set(score)
    assert not [p for p in model.path.parent.iterdir() if p.name.startswith(".")]


def test_suggestions_from_the_model_have_source_model_and_a_confidence(corpus: Path) -> None:
    with Project(corpus) as project:
        report = suggest(project, ["model"], annotator="tester")
        assert report.per_source["model"] == report.total > 0
        suggested = project.spans(statuses=["suggested"])
        assert {s.source for s in suggested} == {"model"} and {s.label for s in suggested} == {"quantity"}
        unseen = next(d.id for d in project.documents() if d.title == "unseen")
        assert {"200 drones", "60 wagons"} & {s.text for s in suggested if s.document_id == unseen}
        scores = project.span_scores()
        assert set(scores) == {s.id for s in suggested}
        assert all(spanmodel.THRESHOLD <= p <= 1.0 for p in scores.values())
        assert suggest(project, ["model"]).total == 0  # nothing proposed twice


def test_accepted_and_rejected_suggestions_feed_the_next_training(corpus: Path) -> None:
    with Project(corpus) as project:
        before = training.prepare(project, base="blank:fr")
        suggest(project, ["model"], annotator="tester")
        first, *rest = project.spans(statuses=["suggested"])
        project.update_span(first.id, status="rejected")
        for span in rest:
            project.update_span(span.id, status="accepted")
        after = training.prepare(project, base="blank:fr", annotators=None)
    assert after.data_hash != before.data_hash
    negatives = [(t.text[s:e], label) for t in after.texts for s, e, label in t.negatives]
    assert (first.text, "quantity") in negatives
    if rest:
        # gold only by default: accepted suggestions of "tester" count once everyone's spans are chosen
        everyone = training.prepare(Project(corpus), annotators=["gold", "tester"], base="blank:fr")
        learnt = {t.text[s:e] for t in everyone.texts for s, e, _ in t.spans}
        assert {span.text for span in rest} <= learnt


def test_a_cancelled_training_keeps_the_previous_model_and_leaves_nothing_behind(corpus: Path) -> None:
    before = training.current_model(corpus)
    folder = training.models_dir(corpus)
    listing = sorted(p.name for p in folder.iterdir())
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        cancel.set()

    with Project(corpus) as project, pytest.raises(spanmodel.Cancelled):
        training.train_project(project, base="blank:fr", progress=progress, cancel=cancel)
    assert sorted(p.name for p in folder.iterdir()) == listing
    assert training.current_model(corpus) == before


def test_a_training_that_cannot_be_kept_leaves_nothing_half_written(corpus: Path) -> None:
    folder = training.models_dir(corpus)
    before = training.current_model(corpus)
    assert before is not None
    (folder / "current").unlink()
    (folder / "current").mkdir()  # the pointer cannot be replaced: the new model must not stay
    listing = sorted(p.name for p in folder.iterdir())
    with Project(corpus) as project, pytest.raises(OSError):
        training.train_project(project, base="blank:fr")
    assert sorted(p.name for p in folder.iterdir()) == listing


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"base": "blank:zz-nope"}, "unknown language"),
        ({"base": "no_such_pipeline"}, "neither blank:LANG nor an installed"),
        ({"labels": ["nope"]}, "unknown or retired label"),
        ({"annotators": ["nobody"]}, "no spans by annotator"),
        ({"labels": ["actor"]}, "no accepted spans"),
    ],
)
def test_bad_requests_are_refused_before_anything_is_trained(corpus: Path, kwargs: dict, message: str) -> None:
    with Project(corpus) as project, pytest.raises(spanmodel.TrainingError, match=message):
        training.prepare(project, **{"base": "blank:fr", **kwargs})


def test_without_spacy_training_says_what_to_install(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spanmodel, "spacy_available", lambda: False)
    with Project(corpus) as project, pytest.raises(spanmodel.TrainingUnavailable, match=r"annotator\[spacy\]"):
        training.prepare(project)


def test_the_next_most_useful_document_is_the_unannotated_one_the_model_doubts_most(corpus: Path) -> None:
    with Project(corpus) as project:
        unseen = next(d.id for d in project.documents() if d.title == "unseen")
        extra, _ = project.add_document("plain", "Rien à signaler dans ce texte sans chiffres.\n")
        documents = training.unannotated_documents(project)
        assert set(documents) == {unseen, extra.id}
    _, nlp = training.load_model(corpus)
    best = training.most_useful(nlp, documents)
    assert best is not None and best.document_id == unseen
    assert "unseen" in best.reason() and "uncertainty" in best.reason()


def test_retraining_is_due_after_enough_newly_accepted_spans(corpus: Path) -> None:
    with Project(corpus) as project:
        assert not training.retrain_due(project)  # off by default
        project.set_setting(training.RETRAIN_SETTING, "2")
        assert not training.retrain_due(project)
        doc = next(d.id for d in project.documents() if d.title == "unseen")
        text = project.document_text(doc)
        for amount in ("200 drones", "60 wagons"):
            start = text.index(amount)
            project.add_span(doc, start, start + len(amount), "quantity", annotator="gold")
        assert training.retrain_due(project)
