"""Document metadata and pages in every export that can hold them: jsonl, CSV, brat, Web Annotation."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from annotator.formats.brat import file_stem
from annotator.services.exporting import export_project
from annotator.services.importing import import_paths
from annotator.store.project import Project

TEXT = "Page un : la Corée du Nord.\nPage deux : la Russie reçoit des obus.\nPage trois : fin.\n"
METADATA = {
    "title": "Rapport sur les transferts",
    "author": "Élise Martin",
    "date": "2024-11-02",
    "source": "Le Monde",
    "url": "https://www.lemonde.fr/international/article/2024/11/02/rapport.html",
    "page_starts": [0, 28, 67, 67],  # page 3 is a figure without text
}


@pytest.fixture
def paged(project: Project) -> tuple[int, list[str]]:
    document, _ = project.add_document("rapport", TEXT, metadata=METADATA)
    doc_id = int(document.id or 0)
    ids = [
        project.add_span(doc_id, TEXT.index("Corée"), TEXT.index("Corée") + 14, "actor", annotator="ana").id,
        project.add_span(doc_id, TEXT.index("Russie"), TEXT.index("Russie") + 6, "actor", annotator="ana").id,
        project.add_span(doc_id, TEXT.index("fin"), TEXT.index("fin") + 3, "assessment", annotator="ana").id,
    ]
    other, _ = project.add_document("sans pages", "La Chine aussi.\n")
    project.add_span(int(other.id or 0), 3, 8, "actor", annotator="ana")
    return doc_id, ids


def test_csv_rows_carry_the_page_and_the_document_metadata(project: Project, paged, tmp_path: Path) -> None:
    out = tmp_path / "spans.csv"
    export_project(project, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    assert [(r["text"], r["page"]) for r in rows] == [
        ("Corée du Nord.", "1"),
        ("Russie", "2"),
        ("fin", "4"),
        ("Chine", ""),
    ]
    first = rows[0]
    assert (first["document_date"], first["document_source"], first["document_author"], first["document_url"]) == (
        "2024-11-02",
        "Le Monde",
        "Élise Martin",
        METADATA["url"],
    )
    assert rows[3]["document_source"] == "" and rows[3]["document_date"] == ""


def test_jsonl_keeps_the_metadata_and_pages_byte_for_byte(project: Project, paged, tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    export_project(project, "jsonl", first, statuses=["all"])
    lines = first.read_text(encoding="utf-8").splitlines()
    document = json.loads(lines[1])
    assert document["metadata"] == METADATA
    assert "page" not in document["spans"][0]  # spans keep their fixed keys: the page comes from the document
    with Project(tmp_path / "copy.db") as copy:
        import_paths(copy, [first])
        assert copy.document(1).metadata == METADATA
        export_project(copy, "jsonl", second, statuses=["all"])
    assert first.read_bytes() == second.read_bytes()


def test_brat_metadata_rides_beside_the_pair_and_comes_back(project: Project, paged, tmp_path: Path) -> None:
    doc_id, _ = paged
    folder = tmp_path / "brat"
    export_project(project, "brat", folder)
    stem = file_stem("rapport", doc_id)
    assert sorted(p.name for p in folder.iterdir()) == [
        "annotation.conf",
        f"{stem}.ann",
        f"{stem}.metadata.json",
        f"{stem}.txt",
        "sans_pages-2.ann",
        "sans_pages-2.txt",
    ]
    described = json.loads((folder / f"{stem}.metadata.json").read_text(encoding="utf-8"))
    assert described == {"title": "rapport", "metadata": METADATA}
    assert (folder / f"{stem}.txt").read_text(encoding="utf-8") == TEXT  # the text itself is untouched
    with Project(tmp_path / "copy.db") as copy:
        report = import_paths(copy, [folder], annotator="ana")
        assert report.new_documents == 2, report.skipped
        restored = copy.document(report.documents[0][0])
        assert (restored.title, restored.metadata) == ("rapport", METADATA)


def test_a_damaged_brat_metadata_file_is_reported_and_the_pair_still_read(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "doc-1.txt").write_text("La Corée du Nord.\n", encoding="utf-8")
    (folder / "doc-1.ann").write_text("T1\tactor 3 17\tCorée du Nord\n", encoding="utf-8")
    (folder / "doc-1.metadata.json").write_text("{not json", encoding="utf-8")
    report = import_paths(project, [folder], annotator="ana")
    assert report.new_documents == 1 and report.spans_added == 1
    assert any("doc-1.metadata.json" in w for w in report.warnings)
    assert project.document(report.documents[0][0]).title == "doc-1"


def test_web_annotation_describes_each_document_in_dublin_core(project: Project, paged, tmp_path: Path) -> None:
    out = tmp_path / "spans.jsonld"
    export_project(project, "webanno", out)
    collection = json.loads(out.read_text(encoding="utf-8"))
    described, plain = collection["dcterms:references"]
    sha = project.document(paged[0]).sha256
    assert described == {
        "id": f"urn:sha256:{sha}",
        "type": "Text",
        "dcterms:title": "Rapport sur les transferts",
        "dcterms:creator": "Élise Martin",
        "dcterms:date": "2024-11-02",
        "dcterms:publisher": "Le Monde",
        "dcterms:source": METADATA["url"],
        "dcterms:extent": "4 pages",
    }
    assert plain["dcterms:title"] == "sans pages" and "dcterms:date" not in plain
    # Every span's target names its document by the same IRI, so the description is found from it.
    sources = {
        source if isinstance(source, str) else source["id"]  # the first annotation embeds the text itself
        for source in (item["target"]["source"] for item in collection["first"]["items"])
    }
    assert f"urn:sha256:{sha}" in sources
