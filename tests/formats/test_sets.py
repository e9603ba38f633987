"""Import and merge of annotation sets: doccano, re-anchoring, CRLF, labels, one transaction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.model import Document, ValidationError
from annotator.core.reanchor import reanchor
from annotator.formats.sets import normalise_newlines
from annotator.services.exporting import export_project
from annotator.services.merging import import_set
from annotator.store.project import Project
from tests.formats.sample_sets import add, fill
from tests.raw_sql import raw_connection

TEXT = "La Corée du Nord a livré des obus 🚀 à la Russie.\nLa Russie a payé en pétrole.\n"


def write_lines(path: Path, objects: list[dict]) -> Path:
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects), encoding="utf-8")
    return path


def at(text: str, phrase: str, occurrence: int = 1) -> list:
    start = -1
    for _ in range(occurrence):
        start = text.index(phrase, start + 1)
    return [start, start + len(phrase)]


def test_doccano_jsonl_with_labels_and_the_entities_variant(project: Project, tmp_path: Path) -> None:
    second = "Pyongyang envoie 10\u00a0000 soldats.\n"
    path = write_lines(
        tmp_path / "doccano.jsonl",
        [
            {"text": TEXT, "label": [[*at(TEXT, "La Corée du Nord"), "actor"], [*at(TEXT, "la Russie"), "actor"]]},
            {
                "id": 7,
                "text": second,
                "entities": [
                    {"id": 1, "start_offset": 0, "end_offset": 9, "label": "actor"},
                    {"id": 2, "start_offset": 17, "end_offset": 31, "label": "quantity"},
                    {"id": 3, "start_offset": 10, "end_offset": 31, "label": "transfer"},
                ],
                "relations": [{"id": 1, "from_id": 3, "to_id": 1, "type": "supplier"}],
            },
        ],
    )
    report = import_set(project, path, annotator="dora")
    assert (report.new_documents, report.spans_added, report.links_added) == (2, 5, 1)
    for span in project.spans():
        assert project.document_text(span.document_id)[span.start : span.end] == span.text
        assert (span.annotator, span.source, span.status) == ("dora", "import", "accepted")
    assert sorted(s.text for s in project.spans()) == [
        "10\u00a0000 soldats",
        "La Corée du Nord",
        "Pyongyang",
        "envoie 10\u00a0000 soldats",
        "la Russie",
    ]
    [link] = project.links()
    assert (project.span(link.from_span).text, link.role, project.span(link.to_span).text) == (
        "envoie 10\u00a0000 soldats",
        "supplier",
        "Pyongyang",
    )
    second_id = project.documents()[1].id
    assert project.document(second_id).metadata == {"id": 7}
    again = import_set(project, path, annotator="dora")
    assert (again.spans_added, again.links_added, again.new_documents, again.spans_unchanged) == (0, 0, 0, 5)
    assert len(project.spans()) == 5


def test_doccano_spans_of_another_author_are_kept_apart(project: Project, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "d.jsonl", [{"text": TEXT, "label": [[*at(TEXT, "la Russie"), "actor"]]}])
    import_set(project, path, annotator="ann")
    import_set(project, path, annotator="ben")
    assert sorted(s.annotator for s in project.spans()) == ["ann", "ben"]


def test_crlf_text_offsets_are_remapped_to_the_normalised_text(project: Project, tmp_path: Path) -> None:
    crlf = TEXT.replace("\n", "\r\n")
    path = write_lines(tmp_path / "crlf.jsonl", [{"text": crlf, "label": [[*at(crlf, "La Russie"), "actor"]]}])
    import_set(project, path)
    [document_id] = project.document_ids()
    assert project.document_text(document_id) == TEXT
    [span] = project.spans()
    assert (span.start, span.end, span.text) == (*at(TEXT, "La Russie"), "La Russie")
    assert normalise_newlines("a\r\nb\rc") == ("a\nb\nc", [0, 1, 1, 2, 3, 4, 5])


def test_unknown_labels_are_refused_naming_them_or_added(project: Project, tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "d.jsonl",
        [{"text": TEXT, "label": [[*at(TEXT, "des obus"), "weapon"], [*at(TEXT, "pétrole"), "commodity"]]}],
    )
    with pytest.raises(ValidationError, match="unknown labels commodity, weapon"):
        import_set(project, path)
    assert project.document_ids() == [] and "weapon" not in {lab.name for lab in project.labels()}
    report = import_set(project, path, unknown_labels="add")
    assert report.spans_added == 2
    assert {"weapon", "commodity"} <= {lab.name for lab in project.labels()}


def test_malformed_doccano_rows_are_named_by_line_and_the_others_imported(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    rows = [
        {"text": TEXT, "label": [[0, 16, "actor"]]},
        {"text": "Moscou paie.", "label": [[5]]},
        {"text": "Kiev reçoit.", "label": [[20, 4, "actor"]]},
        {"text": "Minsk regarde.", "label": [[-1, 5, "actor"]]},
        {"text": "court", "label": [[0, 50, "actor"]]},
        {"label": [[0, 5, "actor"]], "meta": {"wikiPageID": 3}},
    ]
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows) + "{pas du json\n", encoding="utf-8"
    )
    report = import_set(project, path)
    assert report.new_documents == 1 and [s.text for s in project.spans()] == ["La Corée du Nord"]
    assert dict(report.skipped) == {
        "d.jsonl line 2": 'label 1 must be [start, end, "label"], not [5]: row not imported',
        "d.jsonl line 3": "span 20–4 is empty or reversed: row not imported",
        "d.jsonl line 4": "span -1–5 lies outside the text (negative offset): row not imported",
        "d.jsonl line 5": "document not imported: its offsets fit the text neither as code points (span 0–50 lies "
        "outside the text (length 5)) nor as UTF-16 units (a span falls inside a character or past the end)",
        "d.jsonl line 6": "'text' is missing: row not imported",
        "d.jsonl line 7, column 2": "not JSON (Expecting property name enclosed in double quotes): left out",
    }
    path.write_text("colonne;autre\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"d\.jsonl line 1, column 1: not JSON"):
        import_set(project, path)


def test_kind_is_told_by_content_not_suffix(project: Project, tmp_path: Path) -> None:
    french = tmp_path / "set.data"
    write_lines(french, [{"text": TEXT, "label": [[*at(TEXT, "la Russie"), "actor"]]}])
    assert import_set(project, french).spans_added == 1
    array = tmp_path / "set.json"
    array.write_text(json.dumps([{"text": "Moscou paie.", "label": [[0, 6, "actor"]]}]), encoding="utf-8")
    assert import_set(project, array).spans_added == 1
    other = tmp_path / "other.jsonl"
    other.write_text('{"name": "x"}\n', encoding="utf-8")
    with pytest.raises(ValidationError, match="not an annotation set"):
        import_set(project, other)


def test_spans_of_a_changed_document_are_reanchored_or_orphaned(
    project: Project, french_doc: Document, emoji_doc: Document, tmp_path: Path
) -> None:
    ids = fill(project, french_doc, emoji_doc)
    out = tmp_path / "set.jsonl"
    export_project(project, "jsonl", out, statuses=None)
    # The French article was imported from a file; the set says so.
    lines = out.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[1])
    record["source_path"] = "/articles/coree.txt"
    out.write_text("\n".join([lines[0], json.dumps(record, ensure_ascii=False), *lines[2:]]) + "\n", encoding="utf-8")
    # Another project holds a revised version of the same file: a sentence added in front (every offset
    # moves) and "les experts" became "des analystes". Same source: the set's spans are re-anchored there.
    revised = "Mise à jour.\n" + french_doc.text.replace("les experts", "des analystes")
    with Project(tmp_path / "other.db") as other:
        document, _ = other.add_document("Corée, révisé", revised, source_path="/articles/coree.txt")
        report = import_set(other, out)
        assert report.new_documents == 1 and report.existing_documents == 1  # the emoji one is new
        spans = other.spans(document.id)
        for span in spans:
            assert revised[span.start : span.end] == span.text  # never at wrong offsets
        assert {s.id for s in spans} == {ids["actor"], ids["transfer"], ids["russia"], ids["troops"]}
        assert other.span(ids["actor"]).start == project.span(ids["actor"]).start + len("Mise à jour.\n")
        [orphan] = report.orphans
        assert "les experts estiment que c’est un risque" in orphan
        # The link to the orphan is reported, the other kept.
        assert [lk.role for lk in other.links()] == ["supplier"]
        assert any("about" in w for w in report.warnings)


def test_reanchoring_picks_the_occurrence_whose_context_matches() -> None:
    text = "la Russie paie. Puis la Russie reçoit des obus. Enfin la Russie signe."
    assert reanchor(text, "la Russie", "obus. Puis ", " reçoit") == text.index("la Russie", 5)
    assert reanchor(text, "la Russie", "Enfin ", " signe.") == text.rindex("la Russie")
    assert reanchor(text, "la Russie", "", "") is None  # three equal candidates: no guess
    assert reanchor(text, "l'Iran", "", "") is None
    assert reanchor("une Russie", "Russie", "xx", "yy") == 4


def test_a_set_span_whose_offsets_miss_its_quote_is_placed_by_the_quote(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    header = {"format": "annotator", "version": 1}
    line = {
        "title": "t",
        "text": TEXT,
        "spans": [
            {"id": "11111111-1111-4111-8111-111111111111", "start": 3, "end": 12, "label": "actor", "text": "la Russie"}
        ],
    }
    write_lines(path, [header, line])
    report = import_set(project, path)
    [span] = project.spans()
    assert (span.start, span.end) == tuple(at(TEXT, "la Russie")) and report.spans_added == 1


def test_failure_in_the_middle_rolls_back_everything(project: Project, french_doc: Document, tmp_path: Path) -> None:
    add(project, french_doc, "la Russie", "actor")
    before = raw_connection(project).execute("SELECT count(*) FROM annotations").fetchone()[0]
    path = write_lines(
        tmp_path / "d.jsonl",
        [
            {"format": "annotator", "version": 1},
            {"text": TEXT, "spans": [{"start": at(TEXT, "la Russie")[0], "end": at(TEXT, "la Russie")[1],
                                      "label": "actor"}]},
            {"text": "x", "spans": [{"start": 0, "end": 5, "label": "actor"}]},
        ],
    )  # fmt: skip
    with pytest.raises(ValidationError, match=r"d\.jsonl line 3"):
        import_set(project, path)
    assert raw_connection(project).execute("SELECT count(*) FROM annotations").fetchone()[0] == before
    assert project.document_ids() == [french_doc.id]


def test_a_fault_while_merging_rolls_back_documents_spans_labels_and_links(
    project: Project, french_doc: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import annotator.services.merging as sets

    path = write_lines(
        tmp_path / "d.jsonl",
        [
            {"text": TEXT, "entities": [{"id": 1, "start_offset": 0, "end_offset": 16, "label": "weapon"},
                                        {"id": 2, "start_offset": 17, "end_offset": 32, "label": "transfer"}],
             "relations": [{"from_id": 2, "to_id": 1, "type": "supplier"}]},
        ],
    )  # fmt: skip
    counts = "SELECT (SELECT count(*) FROM annotations), (SELECT count(*) FROM labels)"
    before = raw_connection(project).execute(counts).fetchone()

    def fail(*args, **kwargs):
        raise ValidationError("disk trouble")

    monkeypatch.setattr(sets, "_merge_link", fail)
    with pytest.raises(ValidationError, match="disk trouble"):
        import_set(project, path, unknown_labels="add")
    after = raw_connection(project).execute(counts).fetchone()
    assert after == before and project.document_ids() == [french_doc.id]
    assert "weapon" not in {lab.name for lab in project.labels()}
    monkeypatch.undo()
    report = import_set(project, path, unknown_labels="add")
    assert (report.spans_added, report.links_added) == (2, 1)


def test_a_unique_place_with_the_context_of_another_mention_is_not_taken(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "set"
    folder.mkdir()
    # Our document came from the brat folder's text file before it changed.
    ours, _ = project.add_document("doc", "A: L’ONU a versé.", source_path=str((folder / "doc-1.txt").resolve()))
    # The set's text has two mentions; its span is on the first, which our text does not have.
    (folder / "doc-1.txt").write_text("Intro L’ONU.\nA: L’ONU a versé.", encoding="utf-8")
    (folder / "doc-1.ann").write_text("T1\tquantity 6 11\tL’ONU\n", encoding="utf-8")
    report = import_set(project, folder, annotator="ann")
    assert project.spans(ours.id) == []
    assert len(report.orphans) == 1 and "L’ONU" in report.orphans[0]
    # The span on the mention our text does have is placed there.
    (folder / "doc-1.ann").write_text("T1\tquantity 16 21\tL’ONU\n", encoding="utf-8")
    import_set(project, folder, annotator="ann")
    [span] = project.spans(ours.id)
    assert (span.start, span.end, span.text) == (3, 8, "L’ONU")
    # One mention in the set and one in ours: the same words moved, whatever the context.
    assert reanchor("tout autre texte, L’ONU", "L’ONU", "Intro ", ".") == 18


def test_a_title_is_never_a_key_two_texts_are_two_documents(project: Project, tmp_path: Path) -> None:
    """Regression: a set document with one of our titles but another text was merged into ours."""
    ours, _ = project.add_document("Rapport", "La Corée du Nord livre des obus.")
    path = tmp_path / "set.jsonl"
    other = "La Russie paie en pétrole."
    write_lines(path, [{"format": "annotator", "version": 1},
                       {"id": 1, "title": "Rapport", "text": other,
                        "spans": [{"start": 3, "end": 9, "label": "actor", "text": "Russie"}]}])  # fmt: skip
    report = import_set(project, path)
    assert (report.new_documents, report.existing_documents, report.orphans) == (1, 0, [])
    [(new_id, title)] = report.documents
    assert new_id != ours.id and title == "Rapport (2)"
    assert project.spans(ours.id) == []
    [span] = project.spans(new_id)
    assert span.text == "Russie" == other[span.start : span.end]
    # The same text again is the same document, whatever its title.
    write_lines(path, [{"format": "annotator", "version": 1}, {"title": "Autre titre", "text": other}])
    report = import_set(project, path)
    assert (report.new_documents, report.existing_documents, report.documents) == (0, 1, [(new_id, "Rapport (2)")])


def test_the_same_span_from_two_projects_is_kept_once(project: Project, tmp_path: Path) -> None:
    """Regression: two projects that imported one doccano set each gave the span a UUID of its own; merging
    both sets stored every span twice."""
    doccano = write_lines(tmp_path / "d.jsonl", [{"text": TEXT, "label": [[*at(TEXT, "la Russie"), "actor"]]}])
    exports = []
    for name in ("a", "b"):
        with Project(tmp_path / f"{name}.db") as other:
            import_set(other, doccano, annotator="dora")
            (span,) = other.spans()
            other.add_span(span.document_id, *at(TEXT, "La Corée du Nord"), "actor", annotator=f"author-{name}")
            export_project(other, "jsonl", tmp_path / f"{name}.jsonl", statuses=None)
            exports.append((tmp_path / f"{name}.jsonl", span.id))
    (first, first_id), (second, second_id) = exports
    assert first_id != second_id
    assert import_set(project, first).spans_added == 2
    report = import_set(project, second)
    assert (report.spans_added, report.spans_unchanged, report.conflicts) == (1, 1, [])
    spans = project.spans()
    assert sorted((s.text, s.annotator) for s in spans) == [
        ("La Corée du Nord", "author-a"),
        ("La Corée du Nord", "author-b"),
        ("la Russie", "dora"),
    ]
    assert [s.id for s in spans if s.annotator == "dora"] == [first_id]
    # Once more: nothing changes.
    again = import_set(project, second)
    assert (again.spans_added, again.spans_unchanged) == (0, 2)


def test_a_set_keeps_its_own_duplicate_spans(project: Project, french_doc: Document, tmp_path: Path) -> None:
    """A native set is a copy: two spans of one project with equal offsets, label and author stay two."""
    start, end = at(french_doc.text, "la Russie")
    project.add_span(french_doc.id, start, end, "actor", annotator="ann")
    project.add_span(french_doc.id, start, end, "actor", annotator="ann")
    out1, out2 = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    export_project(project, "jsonl", out1, statuses=None)
    with Project(tmp_path / "copy.db") as copy:
        assert import_set(copy, out1).spans_added == 2
        export_project(copy, "jsonl", out2, statuses=None)
    assert out1.read_bytes() == out2.read_bytes()
