"""The formats table: export and import both find every format through it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from annotator.formats.registry import EVERYTHING, EXPORT_FORMATS, FORMATS_TABLE, refused_formats, set_format
from annotator.services import exporting
from annotator.services.importing import import_paths
from annotator.store.project import Project


def test_the_export_formats_are_the_rows_with_a_writer_in_the_documented_order() -> None:
    assert EXPORT_FORMATS == ("jsonl", "csv", "brat", "conll", "webanno", "spacy", "labelstudio")
    assert exporting.FORMATS == EXPORT_FORMATS


@pytest.mark.parametrize("row", FORMATS_TABLE, ids=lambda row: row.name)
def test_every_row_names_real_functions_and_keeps_spans(row) -> None:
    assert {"labels", "spans"} <= row.keeps <= EVERYTHING
    if row.reader is not None:
        assert callable(row.read())
    if row.writer is not None and (row.name != "spacy" or importlib.util.find_spec("spacy")):
        assert callable(row.write())
    with pytest.raises(KeyError):
        set_format("no-such-format")


def test_only_the_native_format_keeps_everything() -> None:
    assert [row.name for row in FORMATS_TABLE if row.keeps == EVERYTHING] == ["jsonl"]


def test_each_writer_export_is_found_through_its_row(project: Project, french_doc, tmp_path: Path) -> None:
    project.add_span(french_doc.id, 0, 5, "actor", annotator="ana")
    for name in EXPORT_FORMATS:
        if name == "spacy" and not importlib.util.find_spec("spacy"):
            continue
        out = tmp_path / name / ("set" if set_format(name).folder else f"set.{name}")
        report = exporting.export_project(project, name, out)
        assert report.spans == 1 and out.exists(), name


def test_a_refused_format_is_refused_on_import_with_its_reason(project: Project, french_doc, tmp_path: Path) -> None:
    project.add_span(french_doc.id, 0, 5, "actor", annotator="ana")
    out = tmp_path / "spans.csv"
    exporting.export_project(project, "csv", out)
    assert [row.name for row in refused_formats()] == ["csv"]
    report = import_paths(project, [out])
    assert report.skipped and "holds no document text" in report.skipped[0][1]
