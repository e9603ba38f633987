"""Label Studio: its JSON export and JSON-MIN read, our export read back by the same reader.

``data/labelstudio/export.json`` is written in the exact shape of Label Studio's JSON export (the keys of the
export fixtures in Label Studio's own converter tests, for a NER project); no NER export ships in the
label-studio packages. ``export-min.json`` is what Label Studio's converter makes of it (JSON-MIN). Task 12
was counted in UTF-16 units, as Label Studio did before 2022; the others in code points, as it does now.
"""

from __future__ import annotations

import json
from pathlib import Path

from annotator.services.exporting import export_project
from annotator.services.merging import import_set
from annotator.store.project import Project
from tests.formats.sample_sets import fill

DATA = Path(__file__).parent / "data" / "labelstudio"


def expected_regions(path: Path) -> dict[str, set[tuple[str, str, str, str]]]:
    """text (\\r\\n made \\n) -> {(covered text, label, author, status)} from the export, read here on its own."""
    out: dict[str, set] = {}
    for task in json.loads(path.read_text(encoding="utf-8")):
        text = task["data"]["text"].replace("\r\n", "\n")
        regions = out.setdefault(text, set())
        for key, status in (("annotations", "accepted"), ("predictions", "suggested")):
            for entry in task.get(key, []):
                if entry.get("was_cancelled"):
                    continue
                author = entry["completed_by"]["email"] if key == "annotations" else entry["model_version"]
                for result in entry["result"]:
                    if result.get("type") == "labels":
                        regions.add((result["value"]["text"], result["value"]["labels"][0], author, status))
    return out


def stored(project: Project) -> dict[str, set[tuple[str, str, str, str]]]:
    out = {}
    for doc_id in project.document_ids():
        text = project.document_text(doc_id)
        spans = project.spans(doc_id, statuses=None)
        for span in spans:
            assert text[span.start : span.end] == span.text
        out[text] = {(s.text, s.label, s.annotator, s.status) for s in spans}
    return out


def test_label_studio_export_every_span_on_the_text_it_names(project: Project) -> None:
    report = import_set(project, DATA / "export.json", unknown_labels="add")
    assert report.skipped == [] and report.orphans == []
    assert stored(project) == expected_regions(DATA / "export.json")
    assert report.new_documents == 4
    # Relations are links; the note of a region is the span's note.
    [doc_id] = [d for d in project.document_ids() if "Selon" in project.document_text(d)]
    spans = {s.id: s for s in project.spans(doc_id)}
    links = {(spans[lk.from_span].text, lk.role, spans[lk.to_span].text, lk.annotator) for lk in project.links(doc_id)}
    assert links == {
        ("a livré des obus", "supplier", "la Corée du Nord", "ana@example.org"),
        ("a livré des obus", "recipient", "la Russie", "ana@example.org"),
    }
    assert {s.note for s in spans.values() if s.note} == {"livraison confirmée ?"}
    # Task 12 was counted in UTF-16 units, the others in code points: said per file.
    [note] = report.notes
    assert "UTF-16 units (JavaScript) in 1 document (line " in note and "code points in 1 document" in note
    [warning] = [w for w in report.warnings if w.startswith("export.json: left out")]
    assert "1 cancelled annotations" in warning and "1 results of type choices" in warning
    # Imported again: nothing new.
    again = import_set(project, DATA / "export.json")
    assert (again.new_documents, again.spans_added, again.links_added) == (0, 0, 0)


def test_label_studio_json_min_export(project: Project) -> None:
    report = import_set(project, DATA / "export-min.json", unknown_labels="add")
    assert report.skipped == [] and report.orphans == []
    expected = expected_regions(DATA / "export.json")
    # JSON-MIN holds annotations only (no predictions, no relations).
    expected = {t: {r for r in regions if r[3] == "accepted"} for t, regions in expected.items()}
    assert stored(project) == {t: r for t, r in expected.items() if r}
    assert project.links() == []


def test_our_label_studio_export_reads_back_exactly(project: Project, french_doc, emoji_doc, tmp_path: Path) -> None:
    fill(project, french_doc, emoji_doc)
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    report = export_project(project, "labelstudio", first, statuses=["accepted", "suggested"])
    assert any("reviews, attributes and canonical entities" in w for w in report.warnings)
    tasks = json.loads(first.read_text(encoding="utf-8"))
    assert [t["data"]["title"] for t in tasks] == ["Corée", "Emoji"]
    # Offsets are code points (Label Studio counts them so): after the emoji, value.text is text[start:end].
    for task in tasks:
        for entry in task["annotations"] + task["predictions"]:
            for result in entry["result"]:
                if result["type"] == "labels":
                    value = result["value"]
                    assert task["data"]["text"][value["start"] : value["end"]] == value["text"]
    with Project(tmp_path / "copy.db") as copy:
        again = import_set(copy, first, unknown_labels="add")
        assert again.skipped == [] and again.orphans == []

        def spans_of(p: Project) -> set:
            return {
                (s.id, s.start, s.end, s.label, s.text, s.annotator, s.status, s.note) for s in p.spans(statuses=None)
            }

        assert spans_of(copy) == spans_of(project) - {
            (s.id, s.start, s.end, s.label, s.text, s.annotator, s.status, s.note)
            for s in project.spans(statuses=["rejected"])
        }
        assert {(lk.from_span, lk.to_span, lk.role) for lk in copy.links()} == {
            (lk.from_span, lk.to_span, lk.role) for lk in project.links()
        }
        export_project(copy, "labelstudio", second, statuses=["accepted", "suggested"])
    assert second.read_bytes() == first.read_bytes()
