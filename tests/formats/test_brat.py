"""brat standoff: export read back by an independent brat reader (bratly), import of brat folders."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from annotator.core.model import Document, ValidationError
from annotator.formats.brat import file_stem
from annotator.services.exporting import export_project
from annotator.services.merging import import_set
from annotator.store.project import Project
from tests.formats.sample_sets import add, fill


@pytest.fixture
def filled(project: Project, french_doc: Document, emoji_doc: Document) -> dict[str, str]:
    return fill(project, french_doc, emoji_doc)


def brat_reader():
    """bratly's file reader: a brat standoff parser that shares no code with ours."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its pydantic models use deprecated class-based config
        from bratly import EntityAnnotation, NormalizationAnnotation, NoteAnnotation, RelationAnnotation
        from bratly.io import parse_ann_file, read_from_file
    return parse_ann_file, read_from_file, EntityAnnotation, RelationAnnotation, NoteAnnotation, NormalizationAnnotation


def test_independent_reader_finds_every_span_at_code_point_offsets(
    project: Project, filled: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parse_ann_file, read_from_file, Entity, Relation, Note, Normalization = brat_reader()
    folder = tmp_path / "brat"
    report = export_project(project, "brat", folder)
    names = sorted(p.name for p in folder.iterdir())
    # Document 1 has a date and a source: they ride beside its pair in a file brat ignores.
    assert names == [
        "Coree-1.ann",
        "Coree-1.metadata.json",
        "Coree-1.txt",
        "Emoji-2.ann",
        "Emoji-2.txt",
        "annotation.conf",
    ]
    for document_id in project.document_ids():
        document = project.document(document_id)
        stem = folder / file_stem(document.title, document_id)
        text = read_from_file(str(stem.with_suffix(".txt")))
        assert text == document.text
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            collection = parse_ann_file(
                read_from_file(str(stem.with_suffix(".ann"))),
                str(stem.with_suffix(".ann")),
                no_duplicates=False,
                sorting=False,
                renumerotize=False,
            )
        entities = [a for a in collection.annotations if isinstance(a, Entity)]
        expected = project.spans(document_id, statuses=["accepted"])
        assert len(entities) == len(expected)
        for entity, span in zip(entities, expected, strict=True):
            assert (entity.label, entity.get_start(), entity.get_end(), entity.content) == (
                span.label,
                span.start,
                span.end,
                span.text,
            )
            assert text[entity.get_start() : entity.get_end()] == entity.content
        if document_id == 1:
            relations = [a for a in collection.annotations if isinstance(a, Relation)]
            assert sorted(r.label for r in relations) == ["about", "supplier"]
            notes = [a for a in collection.annotations if isinstance(a, Note)]
            assert [n.value for n in notes] == ["État « voyou » ?"]
            normalisations = [a for a in collection.annotations if isinstance(a, Normalization)]
            assert [n.content for n in normalisations] == ["Corée du Nord"]
    assert "Issue with parsing" not in capsys.readouterr().out  # the reader rejected no line
    assert any("annotator, status" in w for w in report.warnings)
    conf = (folder / "annotation.conf").read_text(encoding="utf-8")
    assert "[entities]\nactor\n" in conf and "supplier\tArg1:transfer, Arg2:actor" in conf
    assert "confidence\tArg:assessment, Value:low|medium|high" in conf


def test_file_names_never_leave_the_folder(project: Project, tmp_path: Path) -> None:
    document, _ = project.add_document("../../etc/passwd Été\\x/..", "Un texte.\n")
    folder = tmp_path / "out"
    export_project(project, "brat", folder)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "project.db" and "project.db" not in p.name) == [
        "out"
    ]
    assert sorted(p.name for p in folder.iterdir()) == [
        "annotation.conf",
        f"etc_passwd_Ete_x-{document.id}.ann",
        f"etc_passwd_Ete_x-{document.id}.txt",
    ]
    assert file_stem("", 3) == "document-3" and file_stem("…", 4) == "document-4"


def test_span_across_a_line_break_is_written_as_fragments_and_read_back_whole(project: Project, tmp_path: Path) -> None:
    text = "Les obus\nnord-coréens arrivent.\r\n"
    document, _ = project.add_document("Lignes", text.replace("\r\n", "\n"))
    span_id = add(project, document, "obus\nnord-coréens", "transfer")
    folder = tmp_path / "brat"
    export_project(project, "brat", folder)
    ann = (folder / f"Lignes-{document.id}.ann").read_text(encoding="utf-8")
    assert ann == "T1\ttransfer 4 8;9 21\tobus nord-coréens\n"
    with Project(tmp_path / "copy.db") as copy:
        import_set(copy, folder, annotator="ann")
        [span] = copy.spans()
        assert (span.start, span.end, span.text) == (4, 21, project.span(span_id).text)


def test_brat_folder_with_crlf_events_and_discontinuous_spans(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "hand"
    folder.mkdir()
    text = "Ligne une.\r\nLa Russie reçoit 😀 des obus de Pyongyang.\r\n"
    (folder / "doc.txt").write_bytes(text.encode("utf-8"))
    russie = text.index("La Russie")
    obus = text.index("des obus")
    pyong = text.index("Pyongyang")
    (folder / "doc.ann").write_text(
        f"#1\tAnnotatorNotes T1\tcapitale\n"  # a note before the span it annotates
        f"T1\tactor {pyong} {pyong + 9}\tPyongyang\n"
        f"T2\ttransfer {obus} {obus + 8}\tdes obus\n"
        f"T3\tactor {russie} {russie + 9}\tLa Russie\n"
        f"T4\tactor 0 5;13 15\tLigne La\n"
        "E1\ttransfer:T2 supplier:T1 recipient:T3\n"
        "A1\tstatus T2 confirmed\n"
        "N1\tReference T1 wiki:Q18808\tPyongyang (ville)\n"
        "*\tAlias T1 T3\n",
        encoding="utf-8",
    )
    report = import_set(project, folder, annotator="brat-user")
    [doc_id] = project.document_ids()
    stored = project.document_text(doc_id)
    assert "\r" not in stored
    spans = {s.text: s for s in project.spans()}
    assert set(spans) == {"Pyongyang", "des obus", "La Russie"}
    for span in spans.values():
        assert stored[span.start : span.end] == span.text and span.annotator == "brat-user"
        assert span.source == "import"
    assert spans["Pyongyang"].note == "capitale"
    assert project.entity(spans["Pyongyang"].entity_id).name == "Pyongyang (ville)"
    assert project.attributes(spans["des obus"].id) == {"status": "confirmed"}
    roles = {(project.span(lk.from_span).text, lk.role, project.span(lk.to_span).text) for lk in project.links()}
    assert roles == {("des obus", "supplier", "Pyongyang"), ("des obus", "recipient", "La Russie")}
    assert any("T4" in w and "discontinuous" in w for w in report.warnings)
    assert any("*" in w for w in report.warnings)
    again = import_set(project, folder, annotator="brat-user")
    assert (again.spans_added, again.links_added, again.spans_unchanged) == (0, 0, 3)


def test_malformed_ann_line_is_named_and_changes_nothing(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "a.txt").write_text("Un texte sur la Russie.\n", encoding="utf-8")
    (folder / "a.ann").write_text("T1\tactor 13 22\tla Russie\nT2\tactor twelve 20\tx\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"a\.ann line 2"):
        import_set(project, folder)
    assert project.document_ids() == []


def test_unknown_brat_labels_are_refused_by_name_or_added(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "set"
    folder.mkdir()
    (folder / "a.txt").write_text("Des missiles et des drones.\n", encoding="utf-8")
    (folder / "a.ann").write_text("T1\tweapon 4 12\tmissiles\nT2\tweapon 20 26\tdrones\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="weapon"):
        import_set(project, folder)
    assert project.document_ids() == [] and "weapon" not in {lab.name for lab in project.labels()}
    report = import_set(project, folder, unknown_labels="add")
    assert report.spans_added == 2 and project.label("weapon").name == "weapon"


def test_notes_with_line_breaks_and_tabs_stay_one_field_and_are_reported(project: Project, tmp_path: Path) -> None:
    document, _ = project.add_document("Notes", "La Corée du Nord livre des obus.\n")
    span_id = add(project, document, "La Corée du Nord", "actor")
    project.update_span(span_id, note='fournisseur\r\nvoir «\u00a0rapport\u00a0»\tp. 3 "cité"')
    folder = tmp_path / "brat"
    report = export_project(project, "brat", folder)
    ann = (folder / f"Notes-{document.id}.ann").read_text(encoding="utf-8")
    note_line = next(line for line in ann.splitlines() if line.startswith("#"))
    assert note_line.split("\t") == ["#1", "AnnotatorNotes T1", 'fournisseur  voir «\u00a0rapport\u00a0» p. 3 "cité"']
    assert any("1 notes had line breaks or tabs" in w for w in report.warnings)
    # A tab inside a note written by another tool is kept whole on import.
    (folder / f"Notes-{document.id}.ann").write_text(
        "T1\tactor 0 16\tLa Corée du Nord\n#1\tAnnotatorNotes T1\tavant\taprès\n", encoding="utf-8"
    )
    with Project(tmp_path / "copy.db") as copy:
        import_set(copy, folder, annotator="ann")
        [span] = copy.spans()
        assert span.note == "avant\taprès"


def test_offsets_that_miss_the_named_text_are_placed_by_the_text(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "utf16"
    folder.mkdir()
    text = "🇰🇵 Pyongyang livre des obus à Moscou.\n"
    (folder / "flag.txt").write_text(text, encoding="utf-8")
    # Offsets counted in UTF-16 units by another tool: each flag letter counts twice.
    (folder / "flag.ann").write_text("T1\tactor 5 14\tPyongyang\nT2\tactor 32 38\tMoscou\n", encoding="utf-8")
    report = import_set(project, folder, annotator="ann")
    spans = sorted(project.spans(), key=lambda s: s.start)
    assert [(s.start, s.end, s.text) for s in spans] == [(3, 12, "Pyongyang"), (30, 36, "Moscou")]
    assert sum("placed by its text" in w for w in report.warnings) == 2
