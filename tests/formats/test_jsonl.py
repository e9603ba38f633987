"""Native jsonl: header, every field, byte-identical round trip, idempotent import, malformed sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.model import Document, ValidationError
from annotator.services.exporting import FORMATS, export_project
from annotator.services.merging import import_set
from annotator.store.project import Project
from tests.formats.sample_sets import fill
from tests.raw_sql import raw_connection


@pytest.fixture
def filled(project: Project, french_doc: Document, emoji_doc: Document) -> Project:
    fill(project, french_doc, emoji_doc)
    return project


def test_header_then_one_line_per_document_in_id_order(filled: Project, tmp_path: Path) -> None:
    out = tmp_path / "set.jsonl"
    report = export_project(filled, "jsonl", out, statuses=None)
    data = out.read_bytes()
    assert b"\r" not in data and data.endswith(b"\n")
    lines = data.decode("utf-8").splitlines()
    header = json.loads(lines[0])
    assert list(header) == ["format", "version", "labels", "link_types", "entities"]
    assert header["format"] == "annotator" and header["version"] == 1
    assert [lab["name"] for lab in header["labels"]] == [lab.name for lab in filled.labels()]
    assert list(header["labels"][0]) == ["name", "color", "hotkey", "guideline", "retired", "attributes"]
    assert {"role": "supplier", "from": "transfer", "to": ["actor"]} in header["link_types"]
    assert header["entities"][0]["name"] == "Corée du Nord"
    documents = [json.loads(line) for line in lines[1:]]
    assert [d["id"] for d in documents] == sorted(filled.document_ids())
    assert report.documents == 2 and report.spans == 7
    assert "’" in lines[1] and "\\u" not in lines[1]  # UTF-8, not escaped


def test_every_field_of_every_span_with_offsets_that_hold_the_text(filled: Project, tmp_path: Path) -> None:
    out = tmp_path / "set.jsonl"
    export_project(filled, "jsonl", out, statuses=["all"])
    documents = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()[1:]]
    for document in documents:
        assert list(document) == [
            "id", "title", "text", "sha256", "source_path", "language", "added_at", "metadata", "done", "spans",
            "links",
        ]  # fmt: skip
        keys = [(s["start"], s["end"], s["label"], s["id"]) for s in document["spans"]]
        assert keys == sorted(keys)
        for span in document["spans"]:
            assert document["text"][span["start"] : span["end"]] == span["text"]
            stored = filled.span(span["id"])
            assert (span["annotator"], span["status"], span["source"], span["note"]) == (
                stored.annotator,
                stored.status,
                stored.source,
                stored.note,
            )
            assert (span["created"], span["updated"], span["review"]) == (stored.created, stored.updated, stored.review)
    french = documents[0]
    assert french["metadata"] == {"date": "2024-11-02", "source": "Le Monde"} and french["done"] is True
    by_text = {s["text"]: s for s in french["spans"]}
    assert by_text["la Corée du Nord"]["entity"] == "Corée du Nord"
    assert by_text["la Corée du Nord"]["note"] == "État « voyou » ?"
    assessment = by_text["les experts estiment que c’est un risque"]
    assert assessment["attributes"] == {"confidence": "low"}
    assert (assessment["reviewer"], assessment["review_comment"]) == ("chief", "ok")
    assert {lk["role"] for lk in french["links"]} == {"supplier", "about"}
    emoji = documents[1]
    for span in emoji["spans"]:  # code points: the flag and emoji before do not shift offsets
        assert emoji["text"][span["start"] : span["end"]] == span["text"]
    assert [s["text"] for s in emoji["spans"]] == ["la Corée du Nord", "1\u202f000 obus"]


def test_status_filter_defaults_to_accepted(filled: Project, tmp_path: Path) -> None:
    out = tmp_path / "accepted.jsonl"
    report = export_project(filled, "jsonl", out)
    statuses = {
        s["status"] for line in out.read_text(encoding="utf-8").splitlines()[1:] for s in json.loads(line)["spans"]
    }
    assert statuses == {"accepted"} and report.spans == 5


def test_filters_by_annotator_label_and_document(filled: Project, french_doc: Document, tmp_path: Path) -> None:
    out = tmp_path / "bob.jsonl"
    report = export_project(filled, "jsonl", out, annotators=["bob"], statuses=["suggested"], documents=[french_doc.id])
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and report.spans == 1
    [span] = json.loads(lines[1])["spans"]
    assert (span["annotator"], span["text"]) == ("bob", "la Russie")
    report = export_project(filled, "jsonl", out, labels=["quantity"])
    assert report.spans == 1  # the emoji document's; the French one is rejected
    # A link is only written when both its spans are.
    assert all(not json.loads(line)["links"] for line in out.read_text(encoding="utf-8").splitlines()[1:])


def test_unknown_filters_are_refused_by_name(filled: Project, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="'weapon'"):
        export_project(filled, "jsonl", tmp_path / "x.jsonl", labels=["weapon"])
    with pytest.raises(ValidationError, match="'maybe'"):
        export_project(filled, "jsonl", tmp_path / "x.jsonl", statuses=["maybe"])
    with pytest.raises(ValidationError, match="999"):
        export_project(filled, "jsonl", tmp_path / "x.jsonl", documents=[999])
    with pytest.raises(ValidationError, match="format"):
        export_project(filled, "xml", tmp_path / "x.xml")
    assert not list(tmp_path.glob("x.*"))
    assert FORMATS == ("jsonl", "csv", "brat", "conll", "webanno", "spacy", "labelstudio")


def test_same_project_same_bytes_and_progress(filled: Project, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    export_project(filled, "jsonl", tmp_path / "a.jsonl", statuses=None, progress=lambda d, t: calls.append((d, t)))
    export_project(filled, "jsonl", tmp_path / "b.jsonl", statuses=None)
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert calls == [(0, 2), (1, 2), (2, 2)]


def test_round_trip_into_an_empty_project_is_byte_identical(filled: Project, tmp_path: Path) -> None:
    filled.edit_label("actor", color="#123456", guideline="Qui agit ?")
    out = tmp_path / "set.jsonl"
    export_project(filled, "jsonl", out, statuses=None)
    with Project(tmp_path / "copy.db") as copy:
        report = import_set(copy, out)
        assert (report.new_documents, report.spans_added, report.links_added) == (2, 7, 2)
        again = tmp_path / "again.jsonl"
        export_project(copy, "jsonl", again, statuses=None)
        assert again.read_bytes() == out.read_bytes()
        assert copy.label("actor").color == "#123456"


def test_importing_the_same_set_twice_changes_nothing(filled: Project, tmp_path: Path) -> None:
    out = tmp_path / "set.jsonl"
    export_project(filled, "jsonl", out, statuses=None)
    with Project(tmp_path / "copy.db") as copy:
        import_set(copy, out)
        first = tmp_path / "first.jsonl"
        export_project(copy, "jsonl", first, statuses=None)
        version = raw_connection(copy).execute("SELECT count(*), max(updated) FROM annotations").fetchone()
        changes: list = []
        copy.add_listener(changes.append)
        report = import_set(copy, out)
        assert (report.new_documents, report.existing_documents) == (0, 2)
        assert (report.spans_added, report.spans_updated, report.spans_unchanged, report.links_added) == (0, 0, 7, 0)
        assert report.conflicts == [] and changes == []
        assert raw_connection(copy).execute("SELECT count(*), max(updated) FROM annotations").fetchone() == version
        second = tmp_path / "second.jsonl"
        export_project(copy, "jsonl", second, statuses=None)
    assert second.read_bytes() == first.read_bytes()
    # And into the project it came from: nothing new either.
    report = import_set(filled, out)
    assert report.spans_added == 0 and report.spans_unchanged == 7


def test_malformed_line_changes_nothing_and_names_the_line(filled: Project, tmp_path: Path) -> None:
    out = tmp_path / "set.jsonl"
    export_project(filled, "jsonl", out, statuses=None)
    lines = out.read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "broken.jsonl"
    broken.write_text("\n".join([*lines, '{"text": "Un autre texte.", "spans": [{"start": 5}]}']) + "\n", "utf-8")
    with Project(tmp_path / "copy.db") as copy:
        with pytest.raises(ValidationError, match=r"broken\.jsonl line 4.*'end' is missing"):
            import_set(copy, broken)
        assert copy.document_ids() == [] and copy.spans() == []
        broken.write_text("\n".join([lines[0], lines[1], "{not json"]) + "\n", "utf-8")
        with pytest.raises(ValidationError, match=r"broken\.jsonl line 3, column 2: not JSON"):
            import_set(copy, broken)
        assert copy.document_ids() == []


def test_a_span_whose_offsets_fail_mid_set_rolls_back_the_whole_set(filled: Project, tmp_path: Path) -> None:
    out = tmp_path / "set.jsonl"
    export_project(filled, "jsonl", out, statuses=None)
    lines = out.read_text(encoding="utf-8").splitlines()
    last = json.loads(lines[2])
    last["spans"][0]["status"] = "maybe"
    lines[2] = json.dumps(last, ensure_ascii=False)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", "utf-8")
    with Project(tmp_path / "copy.db") as copy:
        with pytest.raises(ValidationError, match=r"bad\.jsonl line 3, span 1: status 'maybe'"):
            import_set(copy, bad)
        assert copy.document_ids() == []


def test_newer_version_of_a_span_wins_and_the_conflict_is_listed(filled: Project, tmp_path: Path) -> None:
    out = tmp_path / "set.jsonl"
    export_project(filled, "jsonl", out, statuses=None)
    with Project(tmp_path / "copy.db") as copy:
        import_set(copy, out)
        [span] = [s for s in copy.spans() if s.text == "la Corée du Nord" and s.document_id == 1]
        copy.update_span(span.id, note="edited in the copy")  # newer than the set's version
        report = import_set(copy, out)
        assert copy.span(span.id).note == "edited in the copy"
        assert len(report.conflicts) == 1 and "ours" in report.conflicts[0] and span.id in report.conflicts[0]
        newer = tmp_path / "newer.jsonl"
        export_project(copy, "jsonl", newer, statuses=None)
    # Back in the original project the copy's edit is newer: it wins there.
    report = import_set(filled, newer)
    assert filled.span(span.id).note == "edited in the copy"
    assert report.spans_updated == 1 and len(report.conflicts) == 1
    assert len(filled.spans()) == 7
