"""Offsets written by web tools: doccano's UI counts UTF-16 units (JavaScript strings), Python tools count
code points. Regression of issue 13, defect 2: after an emoji "Paris" was stored as "aris ".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.model import ValidationError
from annotator.core.offsets import read_tool_offsets
from annotator.services.merging import import_set
from annotator.store.project import Project

TEXT = "Le lanceur 🚀 décolle de Paris 🇫🇷 vers Moscou, dit l’ONU."


def utf16(text: str, phrase: str) -> list[int]:
    """Offsets of ``phrase`` as JavaScript counts them."""
    start = text.index(phrase)
    before = len(text[:start].encode("utf-16-le")) // 2
    return [before, before + len(phrase.encode("utf-16-le")) // 2]


def cp(text: str, phrase: str) -> list[int]:
    start = text.index(phrase)
    return [start, start + len(phrase)]


def write_lines(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def stored(project: Project) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for doc in project.documents():
        text = project.document_text(doc.id)
        out[text] = sorted(text[s.start : s.end] for s in project.spans(doc.id))
    return out


def test_doccano_utf16_offsets_after_an_emoji_are_read_as_javascript_counts(project: Project, tmp_path: Path) -> None:
    labels = [[*utf16(TEXT, "Paris"), "actor"], [*utf16(TEXT, "Moscou"), "actor"], [*utf16(TEXT, "l’ONU"), "actor"]]
    path = write_lines(tmp_path / "doccano.jsonl", [{"text": TEXT, "label": labels}])
    assert TEXT[labels[0][0] : labels[0][1]] == "aris "  # what was stored before
    report = import_set(project, path, annotator="dora")
    assert stored(project) == {TEXT: ["Moscou", "Paris", "l’ONU"]}
    assert report.notes == ["doccano.jsonl: offsets read as UTF-16 units (JavaScript) in 1 document (line 1)"]


def test_each_document_is_read_its_own_way_and_the_file_says_which(project: Project, tmp_path: Path) -> None:
    second = "Kiev 😀 reçoit des obus 🚀 de Pyongyang."
    rows = [
        {"text": TEXT, "label": [[*utf16(TEXT, "Paris"), "actor"]]},
        {"text": second, "label": [[*cp(second, "des obus"), "quantity"], [*cp(second, "Pyongyang"), "actor"]]},
        {"text": "Sans emoji : Moscou.", "label": [[13, 19, "actor"]]},
    ]
    report = import_set(project, write_lines(tmp_path / "mixed.jsonl", rows), annotator="dora")
    assert stored(project) == {TEXT: ["Paris"], second: ["Pyongyang", "des obus"], "Sans emoji : Moscou.": ["Moscou"]}
    [note] = report.notes
    assert "UTF-16 units (JavaScript) in 1 document (line 1)" in note
    assert "code points in 1 document (line 2)" in note
    assert "1 document read the same either way" in note


def test_a_document_that_fits_neither_reading_is_left_out_whole_and_named(project: Project, tmp_path: Path) -> None:
    rows = [
        {"text": TEXT, "label": [[*utf16(TEXT, "Paris"), "actor"], [13, 16, "actor"]]},  # "éc" of "décolle"
        {"text": "Moscou paie.", "label": [[0, 6, "actor"]]},
    ]
    report = import_set(project, write_lines(tmp_path / "bad.jsonl", rows), annotator="dora")
    assert stored(project) == {"Moscou paie.": ["Moscou"]}
    [(where, why)] = report.skipped
    assert where == "bad.jsonl line 1"
    assert "neither as code points" in why and "nor as UTF-16 units" in why


def test_a_document_that_fits_both_readings_differently_is_refused(project: Project, tmp_path: Path) -> None:
    text = "🚀 a.b"
    assert text[3:4] == "." and text[2:3] == "a"  # [3, 4] is "." as code points, "a" as UTF-16 units
    report = import_set(project, write_lines(tmp_path / "both.jsonl", [{"text": text, "label": [[3, 4, "actor"]]}]))
    assert project.document_ids() == []
    [(where, why)] = report.skipped
    assert where == "both.jsonl line 1" and "both as code points and as UTF-16 units" in why and "--offsets" in why
    # Told how the tool counted, the import takes it.
    report = import_set(project, tmp_path / "both.jsonl", offsets="utf16")
    assert stored(project) == {text: ["a"]} and report.notes == [
        "both.jsonl: offsets read as UTF-16 units (JavaScript) (as asked)"
    ]


def test_read_tool_offsets_rules() -> None:
    text = "x 🚀 Paris"
    assert read_tool_offsets("Paris", [(0, 5)], [None]) == ("same", [(0, 5)])
    assert read_tool_offsets(text, [(5, 10)], [None]) == ("utf16", [(4, 9)])
    assert read_tool_offsets(text, [(4, 9)], [None]) == ("codepoints", [(4, 9)])
    # A quote decides even where both places would lie on word boundaries.
    assert read_tool_offsets(text, [(4, 9)], ["Paris"], "auto") == ("codepoints", [(4, 9)])
    with pytest.raises(ValidationError, match="inside a character"):
        read_tool_offsets(text, [(3, 9)], [None], "utf16")  # 3 falls between the two halves of 🚀
    assert read_tool_offsets(text, [(5, 10)], [None], "codepoints") == ("codepoints", [(5, 10)])


def test_cli_import_offsets_option_and_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_lines(tmp_path / "d.jsonl", [{"text": TEXT, "label": [[*utf16(TEXT, "Moscou"), "actor"]]}])
    db = str(tmp_path / "p.db")
    assert main(["import", "--db", db, "--offsets", "codepoints", str(path)]) == 0
    out = capsys.readouterr().out
    assert "note\td.jsonl: offsets read as code points (as asked)" in out
    assert main(["import", "--db", db, "--offsets", "sometimes", str(path)]) == 2
    db2 = str(tmp_path / "q.db")
    assert main(["import", "--db", db2, "--json", str(path)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["notes"] == ["d.jsonl: offsets read as UTF-16 units (JavaScript) in 1 document (line 1)"]
    with Project(tmp_path / "q.db") as project:
        [span] = project.spans()
        assert span.text == "Moscou"
