"""What brat itself writes (issue 13, defect 3): events without arguments (with a trailing space), notes on
events and relations, attributes on events, nested events, an .ann without its .txt. Checked on brat's own
example data (tests/formats/data/brat) and small files shaped like it.
"""

from __future__ import annotations

import json
from pathlib import Path

from annotator.services.exporting import export_project
from annotator.services.importing import import_paths
from annotator.services.merging import import_set
from annotator.store.project import Project
from tests.formats.test_document_identity import check_brat_folder

DATA = Path(__file__).parent / "data" / "brat"


def document_of(project: Project, txt: Path) -> int:
    [(doc_id, _)] = project.document_ids_with_source(str(txt.resolve()))
    return doc_id


def test_events_without_arguments_written_with_a_trailing_space_are_read(project: Project) -> None:
    folder = DATA / "bionlp-id"
    assert "E1\tProcess:T18 \n" in (folder / "PMC2266911-00-TIAB.ann").read_text(encoding="utf-8")
    report = import_set(project, folder, annotator="brat", unknown_labels="add")
    assert report.skipped == [] and report.orphans == []
    assert check_brat_folder(project, folder) == 1
    doc_id = document_of(project, folder / "PMC2266911-00-TIAB.txt")
    spans = {s.id: s for s in project.spans(doc_id)}
    # E2 Process:T19 Participant:T17 is the one argument in the file: a link from the trigger.
    [link] = project.links(doc_id)
    assert (spans[link.from_span].text, spans[link.to_span].text, link.role) == (
        "virulence",
        "P. luminescens",
        "Participant",
    )
    assert spans[link.from_span].start == 2107


def test_notes_on_events_and_relations_become_notes_on_their_links(project: Project, tmp_path: Path) -> None:
    folder = DATA / "tutorials" / "news"
    report = import_set(project, folder, annotator="brat", unknown_labels="add")
    assert report.orphans == [] and report.skipped == []
    assert check_brat_folder(project, folder) == 3
    doc_id = document_of(project, folder / "110-note_annotation.txt")
    spans = {s.id: s for s in project.spans(doc_id)}
    notes = {
        (spans[lk.from_span].text, spans[lk.from_span].start, spans[lk.to_span].text, lk.role): lk.note
        for lk in project.links(doc_id)
    }
    event_note = "Annotate as one merge event with three participants or two events with two participants each?"
    assert notes[("merged", 495, "YouTube", "Org-Arg")] == event_note  # E1 Merge-org:T5 Org-Arg:T2 …
    assert notes[("merged", 495, "DoubleClick", "Org-Arg")] == event_note
    assert notes[("merged", 495, "Google", "Org-Arg")] == event_note
    assert notes[("merged", 726, "Google", "Org-Arg")] == ""
    assert (
        notes[("Orville Wright", 520, "Wilbur Wright", "Family")]
        == "Should this be marked? It's not explicitly stated."
    )
    assert sum(1 for note in notes.values() if note) == 4  # the second merge event and R2 carry none
    assert {(s.start, s.note) for s in project.spans(doc_id) if s.note} == {
        (412, "Should fictional places be annotated?")
    }
    # Written back: brat notes on R lines, jsonl notes on links; jsonl export -> import -> export is exact.
    export_project(project, "brat", tmp_path / "brat", statuses=None)
    ann = next((tmp_path / "brat").glob("110-note_annotation-*.ann")).read_text(encoding="utf-8")
    relation_ids = {line.split("\t")[0]: line for line in ann.splitlines() if line.startswith("R")}
    note_lines = [line.split("\t") for line in ann.splitlines() if line.startswith("#")]
    on_relations = [(relation_ids[target.split()[1]], note) for _, target, note in note_lines if " R" in target]
    assert len(on_relations) == 4
    assert any("Family Arg1:" in rel and note.startswith("Should this be marked") for rel, note in on_relations)
    first, second = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    export_project(project, "jsonl", first, statuses=None)
    assert '"note": "Should this be marked?' in first.read_text(encoding="utf-8")
    with Project(tmp_path / "copy.db") as copy:
        import_set(copy, first)
        export_project(copy, "jsonl", second, statuses=None)
    assert first.read_bytes() == second.read_bytes()
    # The brat export read back keeps the link notes too.
    with Project(tmp_path / "from-brat.db") as again:
        import_set(again, tmp_path / "brat", annotator="brat", unknown_labels="add")
        assert sorted(lk.note for lk in again.links() if lk.note) == sorted(
            lk.note for lk in project.links() if lk.note
        )


def test_attributes_on_events_go_to_their_trigger_and_nested_events_link_triggers(project: Project) -> None:
    folder = DATA / "tutorials" / "news"
    report = import_set(project, folder, annotator="brat", unknown_labels="add")
    doc_id = document_of(project, folder / "100-attribute_annotation.txt")
    spans = project.spans(doc_id)
    attributes = project.all_attributes(doc_id)
    by_start = {s.start: s for s in spans}
    assert attributes[by_start[506].id] == {"Confidence": "Neutral"}  # A1 Confidence E1 Neutral, E1's trigger T17
    assert attributes[by_start[531].id] == {"Confidence": "Low"}  # A2 on E2 (trigger T18 "merge")
    assert attributes[by_start[497].id] == {"Individual": "true"}  # A4 Individual T1 (a binary attribute)
    # E1 Report:T17 … Event-Arg:E2: a link from "twitted" to E2's trigger "merge".
    links = {(by_id.text, to.text, lk.role) for lk in project.links(doc_id)
             for by_id in spans if by_id.id == lk.from_span for to in spans if to.id == lk.to_span}  # fmt: skip
    assert ("twitted", "merge", "Event-Arg") in links
    warning = next(w for w in report.warnings if w.startswith("100-attribute_annotation.ann:"))
    assert "4 event arguments that are events linked to the trigger span" in warning
    assert "5 attributes of events kept on the trigger span" in warning


def test_an_ann_without_its_txt_is_named_as_skipped(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "a.txt").write_text("Moscou paie.", encoding="utf-8")
    (folder / "a.ann").write_text("T1\tactor 0 6\tMoscou\n", encoding="utf-8")
    (folder / "b.ann").write_text("T1\tactor 0 4\tKiev\n", encoding="utf-8")
    report = import_paths(project, [folder], annotator="ann")
    assert report.new_documents == 1
    assert [(Path(path).name, why) for path, why in report.skipped] == [
        ("b.ann", "a brat .ann file without its .txt: not imported")
    ]
    # A folder of .ann files alone is no brat folder: each is named.
    lone = tmp_path / "lone"
    lone.mkdir()
    (lone / "c.ann").write_text("T1\tactor 0 4\tKiev\n", encoding="utf-8")
    report = import_paths(project, [lone])
    assert [(Path(path).name, why) for path, why in report.skipped] == [
        ("c.ann", "c.ann: a brat .ann file without its .txt: not imported")
    ]


def test_two_events_on_one_trigger_that_disagree_on_an_attribute_are_counted(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "d.txt").write_text("Moscou paie Kiev.", encoding="utf-8")
    (folder / "d.ann").write_text(
        "T1\tactor 0 6\tMoscou\nT2\ttransfer 7 11\tpaie\nT3\tactor 12 16\tKiev\n"
        "E1\ttransfer:T2 supplier:T1\nE2\ttransfer:T2 recipient:T3\n"
        "A1\tstatus E1 done\nA2\tstatus E2 planned\n*\tEquiv T1 T3\n#1\tAnnotatorNotes E2\tà vérifier\n",
        encoding="utf-8",
    )
    report = import_set(project, folder, annotator="ann", unknown_labels="add")
    [doc_id] = project.document_ids()
    assert project.all_attributes(doc_id) == {}
    [warning] = [w for w in report.warnings if w.startswith("d.ann:")]
    assert "1 attribute left out where events sharing a trigger disagree" in warning
    assert "1 equivalence (*) line left out" in warning
    notes = {lk.role: lk.note for lk in project.links(doc_id)}
    assert notes == {"supplier": "", "recipient": "à vérifier"}
    assert json.dumps(notes)  # plain strings
