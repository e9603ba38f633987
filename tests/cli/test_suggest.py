"""``annotator suggest`` in a real child process, on a real project file."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.store.project import Project
from tests.conftest import EMOJI, FRENCH
from tests.processes import run_cli

ENGLISH = "Russia shipped 1.2 million barrels to North Korea. North Korea sent more than 10,000 troops.\n"


def make_project(path: Path) -> tuple[int, int, int]:
    with Project(path) as project:
        fr, _ = project.add_document("fr", FRENCH)
        en, _ = project.add_document("en", ENGLISH)
        emoji, _ = project.add_document("emoji", EMOJI)
        start = FRENCH.index("la Corée du Nord")
        project.add_span(fr.id, start, start + len("la Corée du Nord"), "actor", annotator="alice")
        return fr.id, en.id, emoji.id


def suggest_json(db: Path, *args: str) -> dict:
    result = run_cli("suggest", "--db", str(db), "--json", *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def test_default_sources_store_quantities_and_propagation_as_suggestions(db_path: Path) -> None:
    fr, en, emoji = make_project(db_path)
    report = suggest_json(db_path)
    assert report["documents"] == 3
    assert set(report["suggested"]) == {"quantity", "propagation"}
    with Project(db_path) as project:
        suggested = project.spans(statuses=["suggested"])
        assert {s.id for s in suggested} == set(report["span_ids"])
        texts = {(s.document_id, s.text, s.label, s.source) for s in suggested}
        assert (fr, "Plus de 10\u00a0000 soldats", "quantity", "quantity") in texts
        assert (en, "1.2 million barrels", "quantity", "quantity") in texts
        assert (en, "more than 10,000 troops", "quantity", "quantity") in texts
        assert (emoji, "plus de 1\u202f000 obus", "quantity", "quantity") in texts
        # "la Corée du Nord" tagged in one document is proposed in the other one that mentions it.
        assert (emoji, "la Corée du Nord", "actor", "propagation") in texts
        assert {s.annotator for s in suggested} == {"tester"}
        for span in suggested:
            assert project.document_text(span.document_id)[span.start : span.end] == span.text
        assert project.stats()["spans"] == 1  # suggestions are not annotations


def test_running_again_adds_nothing_and_a_rejected_suggestion_stays_rejected(db_path: Path) -> None:
    make_project(db_path)
    first = suggest_json(db_path, "--source", "quantity")
    with Project(db_path) as project:
        rejected = first["span_ids"][0]
        project.update_span(rejected, status="rejected")
    again = suggest_json(db_path, "--source", "quantity")
    assert again["total"] == 0
    assert again["already_present"] == first["total"]
    with Project(db_path) as project:
        assert project.span(rejected).status == "rejected"
        assert len(project.spans(labels=["quantity"], statuses=None)) == first["total"]


def test_sources_and_documents_can_be_chosen_and_the_table_has_counts(db_path: Path) -> None:
    _, en, _ = make_project(db_path)
    result = run_cli("suggest", "--db", str(db_path), "--source", "quantity", "--doc", str(en))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["source", "new", "suggestions"]
    assert lines[2].split() == ["quantity", "2"]
    assert "propagation" not in result.stdout
    with Project(db_path) as project:
        assert {s.document_id for s in project.spans(statuses=["suggested"])} == {en}


def test_named_entities_with_the_french_pipeline(db_path: Path) -> None:
    fr, _, _ = make_project(db_path)
    report = suggest_json(db_path, "--source", "ner", "--doc", str(fr))
    assert report["suggested"]["ner"] >= 2
    with Project(db_path) as project:
        texts = {s.text for s in project.spans(statuses=["suggested"]) if s.source == "ner"}
    assert {"la Russie", "ONU"} <= texts
    # The tagged span itself is not proposed again.
    assert "la Corée du Nord" not in texts


def test_errors_are_one_line_with_the_right_exit_code(db_path: Path) -> None:
    make_project(db_path)
    for args, code, fragment in (
        (["--source", "magic"], 2, "invalid choice"),
        (["--doc", "999"], 2, "no document with id 999"),
        (["--doc", "x"], 2, "invalid int value"),
        (["--source", "ner", "--model", "xx_missing_pipeline"], 1, "pip install annotator[ner]"),
    ):
        result = run_cli("suggest", "--db", str(db_path), *args)
        assert result.returncode == code, (args, result.stderr)
        assert result.stderr.startswith("annotator: ") and result.stderr.count("\n") == 1, result.stderr
        assert fragment in result.stderr
        assert "Traceback" not in result.stderr
    with Project(db_path) as project:
        assert project.spans(statuses=["suggested"]) == []
