"""doccano 1.8.4's own files (shipped in its package, MIT licence: data/doccano/LICENSE), and the variants
doccano writes: pretty-printed rows, JSON arrays, rows without text, label names with spaces.
"""

from __future__ import annotations

import json
from pathlib import Path

from annotator.services.exporting import export_project
from annotator.services.merging import import_set
from annotator.store.project import Project

DATA = Path(__file__).parent / "data" / "doccano"


def expected_spans(path: Path) -> dict[str, set[tuple[int, int, str]]]:
    """text -> {(start, end, label)} of every row that has a text, read here with json alone."""
    content = path.read_text(encoding="utf-8")
    decoder, rows, pos = json.JSONDecoder(), [], 0
    while pos < len(content.strip()):
        value, pos = decoder.raw_decode(content, pos)
        rows.extend(value if isinstance(value, list) else [value])
        while pos < len(content) and content[pos] in " \n\r\t":
            pos += 1
    out: dict[str, set] = {}
    for row in rows:
        if "text" not in row:
            continue
        spans = set()
        for item in row.get("label", []) if isinstance(row.get("label"), list) else []:
            if isinstance(item, list):
                spans.add(tuple(item[:3]))
        for item in row.get("entities", []):
            spans.add(
                (item["start_offset"], item["end_offset"], item["label"]) if isinstance(item, dict) else tuple(item)
            )
        out[row["text"]] = spans
    return out


def stored(project: Project) -> dict[str, set[tuple[int, int, str]]]:
    out = {}
    for doc_id in project.document_ids():
        text = project.document_text(doc_id)
        spans = project.spans(doc_id)
        for span in spans:
            assert text[span.start : span.end] == span.text
        out[text] = {(s.start, s.end, s.label) for s in spans}
    return out


def test_doccano_sequence_labeling_export(project: Project) -> None:
    path = DATA / "export-sequence-labeling.jsonl"
    report = import_set(project, path, annotator="dora", unknown_labels="add")
    assert report.skipped == [] and stored(project) == expected_spans(path)
    texts = {s.text for s in project.spans()}
    assert texts == {"EU", "German", "Peter Blackburn", "Obama"}


def test_doccano_relation_extraction_export_pretty_printed_over_many_lines(project: Project) -> None:
    path = DATA / "export-relation-extraction.jsonl"
    assert len(path.read_text(encoding="utf-8").splitlines()) > 40  # one object over many lines
    report = import_set(project, path, annotator="dora", unknown_labels="add")
    assert report.skipped == [] and stored(project) == expected_spans(path)
    spans = {s.id: s.text for s in project.spans()}
    links = {(spans[lk.from_span], lk.role, spans[lk.to_span]) for lk in project.links()}
    assert links == {
        ("Google", "foundedAt", "September 4, 1998"),
        ("Google", "foundedBy", "Larry Page"),
        ("Google", "foundedBy", "Sergey Brin"),
    }


def test_doccano_rows_without_text_are_named_by_line_and_the_others_imported(project: Project) -> None:
    report = import_set(project, DATA / "import-sequence-labeling.jsonl", annotator="dora", unknown_labels="add")
    assert report.skipped == [("import-sequence-labeling.jsonl line 3", "'text' is missing: row not imported")]
    assert stored(project) == {"exampleA": {(0, 1, "LOC")}, "exampleB": set()}
    metadata = {d.title: project.document(d.id).metadata for d in project.documents()}
    assert metadata["exampleA"] == {"meta": {"wikiPageID": 1}}
    report = import_set(project, DATA / "import-intent.jsonl", annotator="dora", unknown_labels="add")
    assert report.skipped == [("import-intent.jsonl line 5", "'text' is missing: row not imported")]
    assert stored(project)["exampleC"] == {(0, 1, "LOC")}  # entities as [start, end, label]
    assert project.document(project.document_ids()[-1]).metadata == {}  # exampleD: no spans, no categories


def test_doccano_duplicate_spans_in_one_row_are_one_span(project: Project) -> None:
    report = import_set(project, DATA / "import-overlapping.jsonl", annotator="dora", unknown_labels="add")
    assert (report.spans_added, report.spans_unchanged) == (1, 1)
    assert stored(project) == {"exampleA": {(0, 1, "LOC")}}


def test_doccano_text_classification_json_array_keeps_categories(project: Project) -> None:
    report = import_set(project, DATA / "export-text-classification.json", annotator="dora")
    assert report.new_documents == 3 and project.spans() == []
    categories = {project.document_text(d): project.document(d).metadata["categories"] for d in project.document_ids()}
    assert categories["Terrible customer service."] == ["negative"]
    assert any("kept in the documents' metadata" in w for w in report.warnings)


def test_label_names_with_spaces_are_kept_as_they_are(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    rows = [
        {"text": "Patients with Angelman syndrome were seen.", "label": [[14, 31, "Disease Class"]]},
        {"text": "Le ministère de la Défense", "label": [[3, 26, "Organisation publique"]]},
    ]
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=4), encoding="utf-8")  # a pretty-printed array
    report = import_set(project, path, annotator="dora", unknown_labels="add")
    assert report.skipped == []
    assert {(s.text, s.label) for s in project.spans()} == {
        ("Angelman syndrome", "Disease Class"),
        ("ministère de la Défense", "Organisation publique"),
    }
    # brat types hold no spaces: written with '_', and said so.
    out = export_project(project, "brat", tmp_path / "brat")
    ann = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "brat").glob("*.ann"))
    assert "\tDisease_Class 14 31\tAngelman syndrome" in ann
    assert any("brat types hold no spaces" in w for w in out.warnings)


def test_a_broken_object_in_a_pretty_printed_file_is_named_and_reading_goes_on(
    project: Project, tmp_path: Path
) -> None:
    path = tmp_path / "pretty.jsonl"
    good = json.dumps({"text": "Moscou paie.", "label": [[0, 6, "actor"]]}, indent=2)
    broken = '{\n  "text": "Kiev reçoit.",\n  "label": [[0, 4, "actor"]\n}'
    last = json.dumps({"text": "Minsk regarde.", "label": [[0, 5, "actor"]]}, indent=2)
    path.write_text("\n".join([good, broken, last]) + "\n", encoding="utf-8")
    report = import_set(project, path, annotator="dora")
    assert stored(project) == {"Moscou paie.": {(0, 6, "actor")}, "Minsk regarde.": {(0, 5, "actor")}}
    [(where, why)] = report.skipped
    assert where == "pretty.jsonl line 11"
    assert why == "not JSON (Expecting ',' delimiter at line 14, column 1): left out"


def test_older_doccano_exports_name_the_text_data(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "old.jsonl"
    row = {"id": 4, "data": "EU rejects German call.", "label": [[0, 2, "ORG"]], "user": 1}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    import_set(project, path, annotator="dora", unknown_labels="add")
    assert stored(project) == {"EU rejects German call.": {(0, 2, "ORG")}}
    [doc_id] = project.document_ids()
    assert project.document(doc_id).metadata == {"id": 4, "user": 1}
