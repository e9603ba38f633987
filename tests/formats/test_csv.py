"""CSV export: one row per span, offsets into the text, spreadsheet-safe cells, BOM."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from annotator.core.model import Document
from annotator.formats.csv_export import COLUMNS, neutralise
from annotator.services.exporting import export_project
from annotator.store.project import Project
from tests.formats.sample_sets import fill


@pytest.fixture
def filled(project: Project, french_doc: Document, emoji_doc: Document) -> Project:
    fill(project, french_doc, emoji_doc)
    return project


def read_rows(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheets need to read UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_one_row_per_span_with_offsets_and_context_that_match_the_text(filled: Project, tmp_path: Path) -> None:
    out = tmp_path / "spans.csv"
    report = export_project(filled, "csv", out, statuses=["all"])
    rows = read_rows(out)
    assert list(rows[0]) == list(COLUMNS)
    assert COLUMNS[:10] == (
        "document", "start", "end", "label", "text", "left_context", "right_context", "annotator", "note", "status",
    )  # fmt: skip
    assert len(rows) == 7 == report.spans
    for row in rows:
        text = filled.document_text(int(row["document_id"]))
        start, end = int(row["start"]), int(row["end"])
        assert text[start:end] == row["text"]
        assert text[:start].endswith(row["left_context"]) and text[end:].startswith(row["right_context"])
        assert len(row["left_context"]) == min(40, start)
        assert row["document"] == filled.document(int(row["document_id"])).title
        assert filled.span(row["span_id"]).label == row["label"]
    texts = {row["text"] for row in rows}
    assert {"1\u202f000 obus", "10\u00a0000 soldats", "les experts estiment que c’est un risque"} <= texts
    emoji_row = next(row for row in rows if row["text"] == "1\u202f000 obus")
    assert "🚀" in emoji_row["left_context"]
    note_row = next(row for row in rows if row["note"])
    assert note_row["note"] == "État « voyou » ?"
    # csv cannot hold links, attributes or entities: said so, with counts.
    assert report.warnings == ["csv holds no links, attributes, entities: left out 2 links, 1 attributes, 1 entities"]


def test_cells_that_would_start_a_formula_are_neutralised(project: Project, tmp_path: Path) -> None:
    text = "=SUM(A1) et +33 puis -5 ou @cmd\tfin.\n"
    document, _ = project.add_document('=HYPERLINK("x")', text)
    for phrase in ("=SUM(A1)", "+33", "-5", "@cmd"):
        start = text.index(phrase)
        project.add_span(document.id, start, start + len(phrase), "quantity", note="-note")
    out = tmp_path / "spans.csv"
    export_project(project, "csv", out)
    rows = read_rows(out)
    assert {row["text"] for row in rows} == {"'=SUM(A1)", "'+33", "'-5", "'@cmd"}
    assert {row["document"] for row in rows} == {'\'=HYPERLINK("x")'}
    assert {row["note"] for row in rows} == {"'-note"}
    assert all(not row["right_context"].startswith(("=", "+", "-", "@", "\t")) for row in rows)
    assert neutralise(12) == 12 and neutralise("\tx") == "'\tx" and neutralise("a=b") == "a=b"


def test_filters_select_rows(filled: Project, tmp_path: Path) -> None:
    out = tmp_path / "spans.csv"
    export_project(filled, "csv", out, annotators=["bob"], statuses=["suggested", "accepted"])
    assert [row["text"] for row in read_rows(out)] == ["la Russie"]
    export_project(filled, "csv", out, labels=["actor"])
    assert [row["text"] for row in read_rows(out)] == ["la Corée du Nord", "la Corée du Nord"]


def test_our_csv_export_given_to_import_is_refused_clearly(tmp_path: Path, capsys) -> None:
    """Regression (issue 13, defect 8): the CSV export became a plain-text document called "set"."""
    from annotator.cli import main
    from annotator.services.importing import import_paths

    db = tmp_path / "p.db"
    with Project(db) as project:
        document, _ = project.add_document("Corée", "La Corée du Nord livre des obus.")
        project.add_span(document.id, 3, 16, "actor")
        export_project(project, "csv", tmp_path / "set.csv")
        export_project(project, "csv", tmp_path / "set", statuses=None)  # no suffix: read by content
    for name in ("set.csv", "set"):
        assert main(["import", "--db", str(tmp_path / "other.db"), str(tmp_path / name)]) == 2
        captured = capsys.readouterr()
        assert "annotator's CSV export (one row per span) holds no document text" in captured.out + captured.err
    with Project(tmp_path / "other.db") as other:
        assert other.document_ids() == []
        # In a folder, beside a document: named, and the document imported.
        folder = tmp_path / "folder"
        folder.mkdir()
        (tmp_path / "set.csv").rename(folder / "set.csv")
        (folder / "note.txt").write_text("Un texte.", encoding="utf-8")
        (folder / "other.csv").write_text("a,b\n1,2\n", encoding="utf-8")
        report = import_paths(other, [folder])
        assert report.new_documents == 1
        reasons = {Path(path).name: why for path, why in report.skipped}
        assert reasons["set.csv"].startswith("set.csv: annotator's CSV export")
        assert reasons["other.csv"] == "not a document or annotation set annotator reads"
