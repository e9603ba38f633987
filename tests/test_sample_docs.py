"""The sample articles and their gold set: well-formed, current, and usable by demos and tests."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_docs"
GOLD = SAMPLES / "gold.jsonl"
SEED = "coree-russie-industrie-defense.txt"
SEED_SHA256 = "d7311984cbd426d9218cff311436abc7e70fd74d5f7e3088bd7b7837b6d7932d"
LABELS = ("actor", "transfer", "quantity", "assessment")


def _articles() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))


def _gold_documents() -> list[dict]:
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines[1:]]


def _load_build_gold():
    spec = importlib.util.spec_from_file_location("build_gold", ROOT / "scripts" / "build_gold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def test_the_seed_article_is_kept_byte_for_byte() -> None:
    assert hashlib.sha256((SAMPLES / SEED).read_bytes()).hexdigest() == SEED_SHA256


def test_articles_are_utf8_with_unix_line_endings_in_english_and_french() -> None:
    names = [p.name for p in _articles()]
    assert SEED in names
    assert sum(n.startswith("en-") for n in names) >= 2
    assert sum(n.startswith("fr-") for n in names) >= 2
    for path in _articles():
        data = path.read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf"), path.name
        assert b"\r" not in data, path.name
        text = data.decode("utf-8")
        if path.name != SEED:
            assert 200 <= len(text.split()) <= 400, path.name
        if path.name.startswith("fr-"):
            # French typography: typographic apostrophes and no-break spaces in numbers and before colons.
            assert "’" in text and "'" not in text, path.name
            assert "\u00a0:" in text, path.name
            assert any(f"{d}\u00a0000" in text or f"{d}\u202f000" in text for d in "0123456789"), path.name


def test_gold_imports_into_an_empty_project_with_every_span_on_its_text(project) -> None:
    from annotator.services.importing import import_paths

    report = import_paths(project, [GOLD])
    assert not report.skipped
    documents = _gold_documents()
    assert report.new_documents == len(documents) == len(_articles())
    spans = project.spans(statuses=None)
    assert len(spans) == sum(len(d["spans"]) for d in documents) > 150
    assert {s.annotator for s in spans} == {"gold"}
    assert {s.status for s in spans} == {"accepted"}
    for span in spans:
        assert project.document_text(span.document_id)[span.start : span.end] == span.text
    # The texts in the gold set are the articles' texts, so seeding matches them by content.
    stored = {project.document(i).sha256 for i in project.document_ids()}
    from annotator.formats.documents import read_document

    assert stored == {hashlib.sha256(read_document(p).text.encode()).hexdigest() for p in _articles()}


def test_every_gold_span_text_matches_its_document_in_the_file() -> None:
    for document in _gold_documents():
        text = document["text"]
        for span in document["spans"]:
            assert text[span["start"] : span["end"]] == span["text"], span


def test_every_label_has_at_least_five_examples_in_both_languages() -> None:
    per_language: dict[str, Counter] = {"en": Counter(), "fr": Counter()}
    for document in _gold_documents():
        language = "en" if document["source_path"].startswith("en-") else "fr"
        per_language[language].update(span["label"] for span in document["spans"])
    for label in LABELS:
        assert per_language["en"][label] + per_language["fr"][label] >= 5, label
        assert per_language["en"][label] >= 2 and per_language["fr"][label] >= 2, label


def test_the_seed_article_is_tagged_thoroughly_with_links_attributes_and_entities(project) -> None:
    from annotator.services.importing import import_paths

    import_paths(project, [GOLD])
    seed_id = next(d.id for d in project.documents() if Path(d.source_path or "").stem == Path(SEED).stem)
    spans = project.spans(seed_id)
    counts = Counter(s.label for s in spans)
    assert counts["actor"] >= 30 and counts["transfer"] >= 5 and counts["assessment"] >= 5
    assert counts["quantity"] >= 2
    by_id = {s.id: s for s in spans}
    links = project.links(seed_id)
    transfers = [s for s in spans if s.label == "transfer"]
    for transfer in transfers:
        roles = {link.role: by_id[link.to_span] for link in links if link.from_span == transfer.id}
        assert {"supplier", "recipient"} <= set(roles), transfer.text
        assert roles["supplier"].label == roles["recipient"].label == "actor"
        assert roles["supplier"].entity_id != roles["recipient"].entity_id, transfer.text
    assert any(link.role == "amount" for link in links)
    assert any(link.role == "about" for link in links)
    assert any(project.attributes(s.id).get("confidence") for s in spans if s.label == "assessment")
    assert any(project.attributes(s.id).get("status") for s in transfers)
    # Canonical entities: every way of naming North Korea or Russia points to one entity each.
    entity_names = {e.id: e.name for e in project.entities()}
    north_korea = {s.text for s in project.spans(labels=["actor"]) if entity_names.get(s.entity_id) == "North Korea"}
    russia = {s.text for s in project.spans(labels=["actor"]) if entity_names.get(s.entity_id) == "Russia"}
    assert {"la Corée du Nord", "Pyongyang", "North Korea"} <= north_korea
    assert {"la Russie", "Moscou", "Russia", "the Kremlin"} <= russia


@pytest.mark.parametrize("phrase", ["plus de 10 000 soldats", "dépassant le million de barils"])
def test_seed_quantities_are_in_the_gold_set(phrase: str) -> None:
    seed = next(d for d in _gold_documents() if d["source_path"] == SEED)
    assert any(s["label"] == "quantity" and s["text"] == phrase for s in seed["spans"])


def test_the_gold_file_is_what_the_build_script_makes(tmp_path: Path) -> None:
    """The tables in scripts/build_gold.py and sample_docs/gold.jsonl never drift apart."""
    build_gold = _load_build_gold()
    out = tmp_path / "gold.jsonl"
    build_gold.build(out)
    assert out.read_bytes() == GOLD.read_bytes(), "sample_docs/gold.jsonl is out of date: run scripts/build_gold.py"


TRAINEES = SAMPLES / "trainees.jsonl"


def _load_build_trainees():
    spec = importlib.util.spec_from_file_location("build_trainee_sets", ROOT / "scripts" / "build_trainee_sets.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_trainee_file_is_what_the_build_script_makes(tmp_path: Path) -> None:
    out = tmp_path / "trainees.jsonl"
    _load_build_trainees().build(out)
    assert out.read_bytes() == TRAINEES.read_bytes(), "sample_docs/trainees.jsonl is out of date"


def test_two_trainees_annotate_an_english_and_a_french_article_and_really_disagree() -> None:
    lines = TRAINEES.read_text(encoding="utf-8").splitlines()
    documents = [json.loads(line) for line in lines[1:]]
    gold = {d["sha256"]: d for d in _gold_documents()}
    assert {d["source_path"][:3] for d in documents} == {"en-", "fr-"}
    for document in documents:
        assert document["sha256"] in gold  # the same texts as the sample articles: seeding matches them
        spans = document["spans"]
        assert {s["annotator"] for s in spans} == {"camille", "sam"}
        for span in spans:
            assert document["text"][span["start"] : span["end"]] == span["text"]
        by = {
            name: {(s["start"], s["end"], s["label"]) for s in spans if s["annotator"] == name}
            for name in ("camille", "sam")
        }
        # Real disagreements of every kind, and real agreement: neither identical nor unrelated.
        assert 0.3 < len(by["camille"] & by["sam"]) / len(by["camille"] | by["sam"]) < 0.8
        for label in LABELS:
            mine = {k for k in by["camille"] if k[2] == label}
            theirs = {k for k in by["sam"] if k[2] == label}
            assert mine and theirs and mine != theirs, (document["title"], label)


def test_the_default_project_shows_agreement_on_first_start() -> None:
    from tests.processes import run_cli

    result = run_cli("agreement", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["annotators"] == ["camille", "sam"]  # gold is left out unless chosen, as in the window
    assert [row["label"] for row in report["per_label"]] == list(LABELS)
    assert all(row["exact_f1"] is not None and 0 < row["exact_f1"] < 1 for row in report["per_label"])
    with_gold = run_cli("agreement", "--annotators", "gold", "camille", "--json")
    assert with_gold.returncode == 0 and json.loads(with_gold.stdout)["annotators"] == ["gold", "camille"]
