"""A document is its text (plus, for a re-imported set, its source file): never its title.

Regressions of issue 13, defect 1: brat files ``name-1`` and ``name-2``, the same file name in two
folders, and native jsonl whose titles are equal were matched by title and merged into one document.
"""

from __future__ import annotations

import json
from pathlib import Path

from annotator.cli import main
from annotator.services.exporting import export_project
from annotator.services.importing import import_paths
from annotator.services.merging import import_set
from annotator.store.project import Project

DATA = Path(__file__).parent / "data"


def brat_t_lines(ann: Path) -> set[tuple[str, int, int, str]]:
    """(label, start, end, covered text) of every contiguous T line, read here without the importer."""
    found = set()
    for line in ann.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        _, type_and_offsets, covered = line.split("\t")[:3]
        label, offsets = type_and_offsets.split(" ", 1)
        if ";" not in offsets:
            start, end = map(int, offsets.split())
            found.add((label, start, end, covered))
    return found


def check_brat_folder(project: Project, folder: Path) -> int:
    """Every document of a brat folder is its own document, with exactly the spans its .ann names."""
    checked = 0
    for txt in sorted(folder.glob("*.txt")):
        ann = txt.with_suffix(".ann")
        text = txt.read_text(encoding="utf-8")
        [(doc_id, _sha)] = project.document_ids_with_source(str(txt.resolve()))
        assert project.document_text(doc_id) == text
        stored = {(s.label, s.start, s.end, s.text) for s in project.spans(doc_id, statuses=None)}
        expected = brat_t_lines(ann)
        for _, start, end, covered in expected:
            assert text[start:end] == covered
        assert stored == expected, txt.name
        checked += 1
    return checked


def test_brat_files_numbered_like_name_1_and_name_2_stay_apart(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "brat"
    folder.mkdir()
    texts = {"rapport-1": "Moscou paie.", "rapport-2": "Pyongyang livre.", "rapport-10": "Kiev reçoit."}
    for stem, text in texts.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
        word = text.split()[0]
        (folder / f"{stem}.ann").write_text(f"T1\tactor 0 {len(word)}\t{word}\n", encoding="utf-8")
    report = import_set(project, folder, annotator="ann")
    assert (report.new_documents, report.spans_added, report.orphans) == (3, 3, [])
    assert sorted(title for _, title in report.documents) == ["rapport-1", "rapport-10", "rapport-2"]
    for doc_id, title in report.documents:
        [span] = project.spans(doc_id)
        assert span.text == texts[title].split()[0]


def test_real_brat_corpora_with_numbered_names_and_one_name_in_two_folders(project: Project) -> None:
    folders = [DATA / "brat" / "conll02-esp", DATA / "brat" / "tutorials" / "news", DATA / "brat" / "tutorials" / "bio"]
    report = import_paths(project, folders, annotator="brat", unknown_labels="add")
    assert report.skipped == [] and report.orphans == []
    assert sum(check_brat_folder(project, folder) for folder in folders) == 9 == report.new_documents
    titles = sorted(d.title for d in project.documents())
    # The same file name in the news and bio tutorials: two documents, each shown under a name of its own.
    assert titles.count("110-note_annotation") == 1 and "110-note_annotation (2)" in titles
    assert {"esp.train-doc-29", "esp.train-doc-100", "esp.train-doc-1400"} <= set(titles)
    # Imported again: nothing changes, nothing is duplicated.
    again = import_paths(project, folders, annotator="brat", unknown_labels="add")
    assert (again.new_documents, again.existing_documents, again.spans_added) == (0, 9, 0)
    assert again.spans_unchanged == report.spans_added


def test_native_jsonl_with_equal_titles_round_trips_byte_for_byte(project: Project, tmp_path: Path) -> None:
    # doccano titles are the first 60 characters of the first line: these two documents share theirs.
    common = "Le ministère de la Défense a publié ce matin un communiqué sur les livraisons"
    doccano = tmp_path / "d.jsonl"
    lines = [
        {"text": f"{common} d’obus.\nMoscou paie.", "label": [[len(common) + 5, len(common) + 9, "transfer"]]},
        {"text": f"{common} de drones.\nKiev reçoit.", "label": [[len(common) + 16, len(common) + 20, "actor"]]},
    ]
    doccano.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    import_set(project, doccano, annotator="dora")
    titles = [d.title for d in project.documents()]
    assert titles[0] != titles[1] and titles[1] == titles[0] + " (2)"
    # A project where two documents show one title (renamed by hand) exports and imports as it is.
    first, second = project.document_ids()
    project.update_document(second, title=project.document(first).title)
    out1, out2 = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    export_project(project, "jsonl", out1, statuses=None)
    with Project(tmp_path / "copy.db") as copy:
        report = import_set(copy, out1)
        assert (report.new_documents, report.spans_added, report.orphans) == (2, 2, [])
        export_project(copy, "jsonl", out2, statuses=None)
    assert out2.read_bytes() == out1.read_bytes()


def test_a_native_title_taken_by_another_document_of_the_project_is_made_unique(
    project: Project, tmp_path: Path
) -> None:
    project.add_document("Rapport", "Un texte déjà là.")
    path = tmp_path / "set.jsonl"
    rows = [
        {"format": "annotator", "version": 1},
        {"title": "Rapport", "text": "A."},
        {"title": "Rapport", "text": "B."},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    report = import_set(project, path)
    assert [title for _, title in report.documents] == ["Rapport (2)", "Rapport (3)"]


def test_documents_imported_with_one_title_get_names_of_their_own(project: Project, tmp_path: Path) -> None:
    for folder in ("a", "b", "c"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "note.txt").write_text(f"Texte {folder}.", encoding="utf-8")
    report = import_paths(project, [tmp_path / f for f in ("a", "b", "c")])
    assert [title for _, title in report.documents] == ["note", "note (2)", "note (3)"]
    # The same text again is already there, under its own name.
    again = import_paths(project, [tmp_path / "b" / "note.txt"])
    assert again.documents == [(report.documents[1][0], "note (2)")] and again.existing_documents == 1


def test_cli_import_of_brat_folders_prints_each_document_once(tmp_path: Path, capsys) -> None:
    db = tmp_path / "p.db"
    folders = [str(DATA / "brat" / "tutorials" / "news"), str(DATA / "brat" / "tutorials" / "bio")]
    assert main(["import", "--db", str(db), "--unknown-labels", "add", *folders]) == 0
    out = capsys.readouterr().out.splitlines()
    listed = [line.split("\t") for line in out if line[:1].isdigit()]
    assert len(listed) == 6 and len({doc_id for doc_id, _ in listed}) == 6
