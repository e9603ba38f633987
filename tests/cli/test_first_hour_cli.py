"""A newcomer's first hour at the terminal: import warnings by kind, summaries that count what was written,
broken JSON named by line and column, suggest and export messages in plain words."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.services.importing import warning_kind, warning_kinds
from annotator.store.project import Project
from tests.processes import run_cli

ROWS = [
    {"text": "La Russie a reçu 300 drones de l’Iran.", "label": [[0, 9, "country"], [17, 27, "weapon"]]},
    {"text": "L’Iran livre des missiles à la Russie.", "label": [[2, 6, "country"], [17, 25, "weapon"]]},
    {"text": "Moscou paie en pétrole.", "label": [[0, 6, "city"], [15, 22, "commodity"]]},
]


def write_rows(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_import_warnings_come_by_kind_with_counts_and_verbose_lists_each(tmp_path: Path) -> None:
    rows = write_rows(tmp_path / "set.jsonl", ROWS)
    db = tmp_path / "p.db"
    result = run_cli("import", "--db", str(db), "--unknown-labels", "add", str(rows))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    warnings = [line for line in lines if line.startswith("warning")]
    # Four labels added: one line for the kind, with its count and the first one, not four lines.
    assert len(warnings) == 1, lines
    assert warnings[0].startswith("warning\t4 × label … added to the project (first: label ")
    assert "--verbose" in warnings[0]
    assert lines[-1] == "imported: 3 new documents, 6 spans added, 4 warnings, 0 skipped"
    # Each document printed once.
    assert [line.split("\t")[0] for line in lines[:3]] == ["1", "2", "3"]

    again = run_cli("import", "--db", str(db), "--verbose", str(rows))
    assert again.returncode == 0, again.stderr
    # Nothing new written: the summary says what was already there.
    assert again.stdout.splitlines()[-1] == (
        "imported: 0 new documents, 3 already present, 0 spans added, 6 already present, 0 skipped"
    )
    with Project(db) as project:
        assert len(project.spans()) == 6


def test_verbose_prints_every_warning(tmp_path: Path) -> None:
    rows = write_rows(tmp_path / "set.jsonl", ROWS)
    result = run_cli("import", "--db", str(tmp_path / "p.db"), "--unknown-labels", "add", "--verbose", str(rows))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stdout.splitlines() if line.startswith("warning")]
    assert sorted(warnings) == sorted(
        f"warning\tlabel {name!r} added to the project" for name in ("country", "weapon", "city", "commodity")
    )


def test_warning_kinds_leave_out_places_names_and_numbers() -> None:
    lines = [
        "a.ann: T3 (actor) has 2 discontinuous fragments: not imported",
        "b.ann: T12 (transfer) has 3 discontinuous fragments: not imported",
        "set.jsonl line 4: attribute certainty=high declared for label 'actor'",
    ]
    assert warning_kind(lines[0]) == warning_kind(lines[1]) == "… (…) has N discontinuous fragments: not imported"
    assert warning_kinds(lines) == [
        ("… (…) has N discontinuous fragments: not imported", 2, lines[0]),
        ("attribute …=… declared for label …", 1, lines[2]),
    ]


def test_a_broken_jsonl_line_is_named_by_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "cassé.jsonl"
    good = json.dumps(ROWS[0], ensure_ascii=False)
    broken = '{"text": "Kiev reçoit.", "label": [[0, 4 "country"]]}'
    path.write_text(f"{good}\n{broken}\n", encoding="utf-8")
    result = run_cli("import", "--db", str(tmp_path / "p.db"), "--unknown-labels", "add", str(path))
    assert result.returncode == 0, result.stderr
    column = broken.index('"country"') + 1
    assert f"skipped\tcassé.jsonl line 2, column {column}\tnot JSON (Expecting ',' delimiter): left out" in (
        result.stdout.splitlines()
    )
    # A line cut short: the column is where it ends, not the start of the next line.
    cut = json.dumps(ROWS[1], ensure_ascii=False)[:-2]
    path.write_text(f"{good}\n{cut}\n", encoding="utf-8")
    result = run_cli("import", "--db", str(tmp_path / "q.db"), "--unknown-labels", "add", str(path))
    assert f"cassé.jsonl line 2, column {len(cut) + 1}\t" in result.stdout


def test_no_new_suggestions_says_why(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    with Project(db) as project:
        project.add_document("calme", "Rien à signaler ce matin.\n")
    first = run_cli("suggest", "--db", str(db), "--source", "quantity")
    assert first.returncode == 0, first.stderr
    assert "No new suggestions in 1 document: the sources found nothing to propose" in first.stdout
    with Project(db) as project:
        project.add_document("chiffres", "Plus de 10\u00a0000 soldats et 300 drones.\n")
    second = run_cli("suggest", "--db", str(db), "--source", "quantity")
    assert "No new suggestions" not in second.stdout
    third = run_cli("suggest", "--db", str(db), "--source", "quantity")
    assert "No new suggestions in 2 documents: 2 already there (not proposed again)" in third.stdout


def test_export_messages_name_the_format_and_count_in_words(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    with Project(db) as project:
        document, _ = project.add_document("Corée", "La Corée du Nord a livré des obus.\n")
        project.add_span(document.id, 0, 16, "actor")
    out = tmp_path / "dossier avec espaces" / "out.conll"
    out.parent.mkdir()
    result = run_cli("export", "--db", str(db), "--format", "conll", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"exported 1 document, 1 span as CoNLL (IOB2) to {out}"


def test_plain_text_documents_are_titled_by_their_headline(tmp_path: Path) -> None:
    headed = tmp_path / "fr-soldats-2024.txt"
    headed.write_text(
        "Koursk\u00a0: ce que révèle l’envoi de soldats nord-coréens\n\nPlus de 10\u00a0000 soldats sont arrivés.\n",
        encoding="utf-8",
    )
    plain = tmp_path / "note-courte.txt"
    plain.write_text("La Russie a reçu des obus.\nLe Kremlin dément.\n", encoding="utf-8")
    listed = tmp_path / "liste.txt"
    listed.write_text("- premier point\n- second point\n", encoding="utf-8")
    db = tmp_path / "p.db"
    result = run_cli("import", "--db", str(db), str(headed), str(plain), str(listed))
    assert result.returncode == 0, result.stderr
    with Project(db) as project:
        titles = {Path(d.source_path or "").name: d.title for d in project.documents()}
    assert titles == {
        "fr-soldats-2024.txt": "Koursk\u00a0: ce que révèle l’envoi de soldats nord-coréens",
        "note-courte.txt": "note-courte",  # a sentence is no headline: the file name stays
        "liste.txt": "liste",
    }
