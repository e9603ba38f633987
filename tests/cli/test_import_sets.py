"""``annotator import`` of annotation sets in a child process: jsonl round trip, doccano, brat, refusals."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.store.project import Project
from tests.conftest import FRENCH
from tests.processes import run_cli


def make_project(path: Path) -> None:
    with Project(path) as project:
        document, _ = project.add_document("Corée", FRENCH)
        for phrase, label in (("la Corée du Nord", "actor"), ("10\u00a0000 soldats", "quantity")):
            start = FRENCH.index(phrase)
            project.add_span(document.id, start, start + len(phrase), label, annotator="ann", note="vérifié")


def test_jsonl_export_import_export_is_byte_identical_through_the_cli(tmp_path: Path) -> None:
    source, copy = tmp_path / "a.db", tmp_path / "b.db"
    make_project(source)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    assert (
        run_cli("export", "--db", str(source), "--format", "jsonl", "--status", "all", "--out", str(first)).returncode
        == 0
    )
    result = run_cli("import", "--db", str(copy), "--json", str(first))
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["new_documents"], summary["spans_added"]) == (1, 2)
    assert (
        run_cli("export", "--db", str(copy), "--format", "jsonl", "--status", "all", "--out", str(second)).returncode
        == 0
    )
    assert second.read_bytes() == first.read_bytes()
    again = json.loads(run_cli("import", "--db", str(copy), "--json", str(first)).stdout)
    assert (again["new_documents"], again["spans_added"], again["spans_updated"]) == (0, 0, 0)


def test_a_native_set_with_labels_of_its_own_round_trips_into_an_empty_project(tmp_path: Path) -> None:
    source, copy, busy = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "c.db"
    make_project(source)
    with Project(source) as project:
        project.add_label("Émotion-x_2", color="#123456", hotkey="7", guideline="ton de l’article")
        document = project.documents()[0]
        project.add_span(document.id, 0, 5, "Émotion-x_2", annotator="ann")
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    run_cli("export", "--db", str(source), "--format", "jsonl", "--status", "all", "--out", str(first))
    result = run_cli("import", "--db", str(copy), str(first))  # no option: the set's own schema is taken
    assert result.returncode == 0, result.stdout + result.stderr
    run_cli("export", "--db", str(copy), "--format", "jsonl", "--status", "all", "--out", str(second))
    assert second.read_bytes() == first.read_bytes()
    # Into a project that already has documents, a label it lacks is still refused unless asked for.
    with Project(busy) as project:
        project.add_document("Autre", "Un autre texte.\n")
    refused = run_cli("import", "--db", str(busy), str(first))
    assert refused.returncode == 2 and "Émotion-x_2" in refused.stdout
    assert run_cli("import", "--db", str(copy), "--unknown-labels", "refuse", str(first)).returncode == 0


def test_doccano_with_annotator_and_unknown_labels(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    text = "Téhéran livre des drones Shahed à Moscou.\n"
    path = tmp_path / "doccano.jsonl"
    path.write_text(
        json.dumps({"text": text, "label": [[0, 7, "actor"], [18, 31, "weapon"]]}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    refused = run_cli("import", "--db", str(db), str(path))
    assert refused.returncode == 2
    assert "weapon" in refused.stdout + refused.stderr and "--unknown-labels add" in refused.stdout + refused.stderr
    result = run_cli("import", "--db", str(db), "--annotator", "dora", "--unknown-labels", "add", "--json", str(path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["spans_added"] == 2
    with Project(db) as project:
        assert {(s.text, s.label, s.annotator) for s in project.spans()} == {
            ("Téhéran", "actor", "dora"),
            ("drones Shahed", "weapon", "dora"),
        }


def test_brat_folder_round_trip_through_the_cli(tmp_path: Path) -> None:
    source, copy = tmp_path / "a.db", tmp_path / "b.db"
    make_project(source)
    folder = tmp_path / "brat"
    assert run_cli("export", "--db", str(source), "--format", "brat", "--out", str(folder)).returncode == 0
    result = run_cli("import", "--db", str(copy), "--annotator", "ann", "--json", str(folder))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["spans_added"] == 2
    with Project(source) as a, Project(copy) as b:
        assert [(s.start, s.end, s.label, s.text, s.note, s.annotator) for s in a.spans()] == [
            (s.start, s.end, s.label, s.text, s.note, s.annotator) for s in b.spans()
        ]


def test_malformed_set_names_the_line_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    path = tmp_path / "bad.jsonl"
    # A native set is a lossless copy: one bad line and none of it is imported.
    header = '{"format": "annotator", "version": 1}\n'
    path.write_text(header + '{"text": "Un texte.", "spans": [{"start": 0, "end": 2}]}\n', "utf-8")
    result = run_cli("import", "--db", str(db), str(path))
    assert result.returncode == 2
    assert "bad.jsonl line 2" in result.stdout + result.stderr
    with Project(db) as project:
        assert project.document_ids() == []
    # A doccano row is one document: the bad one is named by its line, the others are imported.
    path.write_text('{"text": "Un texte.", "label": [[0, 2, "actor"]]}\n{"text": "Deux", "label": "x"}\n', "utf-8")
    result = run_cli("import", "--db", str(db), str(path))
    assert result.returncode == 0
    assert "skipped\tbad.jsonl line 2\t'label' must be a list" in result.stdout
    with Project(db) as project:
        assert [project.document_text(i) for i in project.document_ids()] == ["Un texte."]
