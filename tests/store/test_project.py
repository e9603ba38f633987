"""The store API on a real SQLite file and on a real PostgreSQL server (``tests/store/conftest.py``): documents,
labels, spans, durability, search, statistics."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.core.model import Document, ValidationError
from annotator.store.errors import NotFound
from annotator.store.project import Change, ChangeKind, Project
from tests.conftest import EMOJI, FRENCH
from tests.raw_sql import raw_connection


def second_connection(path: Path) -> sqlite3.Connection:
    """An independent connection, as another process would open the file."""
    return sqlite3.connect(path)


Reopen = Callable[[], Project]


def stored_spans(reopen: Reopen) -> list[tuple]:
    """The spans as another connection reads them (another program on the file, another client of the server)."""
    with reopen() as other:
        spans = sorted(other.spans(statuses=None), key=lambda s: (s.start, s.id))
        return [(s.id, s.start, s.end, s.label, s.text, s.status) for s in spans]


# -- the file ----------------------------------------------------------------------------------------------


@pytest.mark.file_only
def test_pragmas_wal_foreign_keys_synchronous_full(project: Project) -> None:
    conn = raw_connection(project)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    with second_connection(project.path) as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # WAL is a property of the file


@pytest.mark.file_only
def test_tables_and_indexes(project: Project) -> None:
    names = {r[0] for r in raw_connection(project).execute("SELECT name FROM sqlite_master")}
    assert {"documents", "labels", "annotations", "links", "attributes", "documents_fts"} <= names
    plan = " ".join(
        str(r[-1])
        for r in raw_connection(project).execute(
            'EXPLAIN QUERY PLAN SELECT * FROM annotations WHERE document_id = 1 ORDER BY start, "end"'
        )
    )
    assert "annotations_by_document" in plan


# -- documents ---------------------------------------------------------------------------------------------


def test_add_document_and_read_it_back(project: Project, reopen: Reopen) -> None:
    document, created = project.add_document("Corée", FRENCH, language="fr", metadata={"author": "Élise"})
    assert created
    again = project.document(int(document.id or 0))
    assert again.text == FRENCH
    assert again.metadata == {"author": "Élise"}
    assert again.sha256 == Document(None, "x", FRENCH).sha256
    with reopen() as other:
        assert [(d.title, other.document(d.id).text) for d in other.documents()] == [("Corée", FRENCH)]


def test_same_text_is_not_duplicated(project: Project) -> None:
    first, created = project.add_document("A", FRENCH)
    second, created_again = project.add_document("B (same text)", FRENCH)
    assert created and not created_again
    assert second.id == first.id
    assert len(project.documents()) == 1


def test_empty_document_refused(project: Project) -> None:
    with pytest.raises(ValidationError, match="empty"):
        project.add_document("Rien", "")
    assert project.documents() == []


def test_documents_summary_rename_done_delete_restore(project: Project, reopen: Reopen, french_doc: Document) -> None:
    doc_id = int(french_doc.id or 0)
    project.add_span(doc_id, 8, 11, "actor")
    [summary] = project.documents()
    assert (summary.id, summary.title, summary.span_count, summary.done, summary.length) == (
        doc_id,
        "Corée",
        1,
        False,
        len(FRENCH),
    )
    project.update_document(doc_id, title="Corée du Nord", done=True)
    assert project.document(doc_id).title == "Corée du Nord" and project.document(doc_id).done
    with pytest.raises(ValidationError):
        project.update_document(doc_id, title="  ")
    deleted = project.delete_document(doc_id)
    assert project.documents() == [] and stored_spans(reopen) == []
    restored = project.restore_document(deleted)
    assert restored.id == doc_id
    assert [s.text for s in project.spans(doc_id)] == ["ONU"]
    with pytest.raises(NotFound):
        project.document(999)


# -- labels ------------------------------------------------------------------------------------------------


def test_default_labels(project: Project) -> None:
    labels = project.labels()
    assert [lab.name for lab in labels] == ["actor", "transfer", "quantity", "assessment"]
    assert len({lab.color for lab in labels}) == 4
    assert [lab.hotkey for lab in labels] == ["1", "2", "3", "4"]
    assert all(lab.guideline for lab in labels)


def test_add_rename_recolour_retire_label(project: Project, reopen: Reopen, french_doc: Document) -> None:
    doc_id = int(french_doc.id or 0)
    label = project.add_label("weapon", hotkey="5", guideline="Un type d’arme")
    assert label.color.startswith("#") and label.color not in {lab.color for lab in project.labels()[:4]}
    start = FRENCH.index("munitions")
    span = project.add_span(doc_id, start, start + len("munitions d’artillerie"), "weapon")
    assert span.text == "munitions d’artillerie"

    renamed = project.edit_label("weapon", new_name="arme", color="#123abc")
    assert renamed.name == "arme" and renamed.color == "#123ABC"
    assert project.span(span.id).label == "arme"  # spans follow a rename
    assert stored_spans(reopen)[0][3] == "arme"

    retired = project.retire_label("arme")
    assert retired.retired
    assert project.span(span.id).label == "arme"  # retiring never deletes annotations
    assert "arme" in [lab.name for lab in project.labels()]
    assert "arme" not in [lab.name for lab in project.labels(include_retired=False)]
    with pytest.raises(ValidationError, match="retired"):
        project.add_span(doc_id, 0, 5, "arme")
    project.retire_label("arme", retired=False)
    assert project.add_span(doc_id, 0, 5, "arme").text == "Selon"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda p: p.add_label("actor"), "already exists"),
        (lambda p: p.add_label("9lives"), "invalid label name"),
        (lambda p: p.add_label("bad name "), "invalid label name"),
        (lambda p: p.add_label("new", color="red"), "invalid colour"),
        (lambda p: p.add_label("new", hotkey="1"), "already used"),
        (lambda p: p.edit_label("actor", new_name="transfer"), "already exists"),
        (lambda p: p.edit_label("actor", hotkey="12"), "one character"),
    ],
)
def test_bad_label_edits_are_refused(project: Project, call, message: str) -> None:
    before = project.labels()
    with pytest.raises(ValidationError, match=message):
        call(project)
    assert project.labels() == before


def test_unknown_label_to_edit(project: Project) -> None:
    with pytest.raises(NotFound, match="unknown label"):
        project.edit_label("nope", color="#000000")


# -- spans -------------------------------------------------------------------------------------------------


def test_add_span_is_durable_and_covers_its_text(project: Project, reopen: Reopen, french_doc: Document) -> None:
    doc_id = int(french_doc.id or 0)
    span = project.add_span(doc_id, 16, 29, "actor", note="État", annotator="alice")
    assert span.text == "Corée du Nord" == FRENCH[16:29]
    # Right after the call returns, another connection sees it.
    assert stored_spans(reopen) == [(span.id, 16, 29, "actor", "Corée du Nord", "accepted")]
    assert project.span(span.id) == span


def test_emoji_offsets_are_code_points(project: Project, emoji_doc: Document) -> None:
    doc_id = int(emoji_doc.id or 0)
    start = EMOJI.index("Corée")
    span = project.add_span(doc_id, start, start + len("Corée du Nord"), "actor")
    assert span.text == "Corée du Nord"
    flag = project.add_span(doc_id, EMOJI.index("🇰🇵"), EMOJI.index("🇰🇵") + 2, "actor")
    assert flag.text == "🇰🇵"
    quantity = EMOJI.index("1\u202f000")
    assert project.add_span(doc_id, quantity, quantity + 5, "quantity").text == "1\u202f000"


@pytest.mark.parametrize(
    ("start", "end", "label", "message"),
    [
        (-1, 3, "actor", "outside the text"),
        (0, len(FRENCH) + 1, "actor", "outside the text"),
        (5, 5, "actor", "empty"),
        (9, 4, "actor", "empty or reversed"),
        (0, 5, "weapon", "unknown label 'weapon'"),
        (0, 5.0, "actor", "integers"),
    ],
)
def test_bad_spans_are_refused_with_clear_errors(
    project: Project, reopen: Reopen, french_doc: Document, start, end, label: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        project.add_span(int(french_doc.id or 0), start, end, label)
    assert stored_spans(reopen) == []


def test_span_of_unknown_document(project: Project) -> None:
    with pytest.raises(NotFound):
        project.add_span(42, 0, 1, "actor")


def test_update_delete_restore_span(project: Project, reopen: Reopen, french_doc: Document) -> None:
    doc_id = int(french_doc.id or 0)
    fourni = FRENCH.index("fourni")
    transfer = project.add_span(doc_id, fourni, fourni + 6, "transfer")
    russie = FRENCH.index("la Russie")
    target = project.add_span(doc_id, russie, russie + 9, "assessment")
    assert (transfer.text, target.text) == ("fourni", "la Russie")
    before, after = project.update_span(transfer.id, start=fourni - 2, end=fourni + 6, label="quantity", note="n")
    assert before == transfer
    assert (after.start, after.end, after.label, after.text, after.note) == (
        fourni - 2,
        fourni + 6,
        "quantity",
        "a fourni",
        "n",
    )
    assert stored_spans(reopen)[0][4] == "a fourni"
    with pytest.raises(ValidationError, match="outside"):
        project.update_span(transfer.id, end=10_000)
    with pytest.raises(ValidationError, match="cannot change"):
        project.update_span(transfer.id, text="forged")
    assert project.span(transfer.id) == after

    project.set_attribute(target.id, "confidence", "high")
    deleted = project.delete_span(transfer.id)
    assert not project.has_span(transfer.id)
    assert transfer.id not in [row[0] for row in stored_spans(reopen)]
    project.restore_span(deleted)
    assert project.span(transfer.id) == after


def test_restore_brings_back_links_and_attributes(project: Project, reopen: Reopen, french_doc: Document) -> None:
    doc_id = int(french_doc.id or 0)
    transfer = project.add_span(doc_id, 30, 39, "transfer")
    actor = project.add_span(doc_id, 16, 29, "actor")
    link = project.add_link(transfer.id, actor.id, "supplier")
    project.set_attribute(transfer.id, "status", "confirmed")
    record = project.delete_span(transfer.id)
    with reopen() as other:
        assert other.links() == [] and other.all_attributes() == {}
    project.restore_span(record)
    assert project.links(doc_id) == [link]
    assert project.attributes(transfer.id) == {"status": "confirmed"}


def test_covered_text_always_matches_the_document(
    project: Project, reopen: Reopen, french_doc: Document, emoji_doc
) -> None:
    for doc in (french_doc, emoji_doc):
        text = doc.text
        for start in range(0, len(text) - 3, 7):
            project.add_span(int(doc.id or 0), start, start + 3, "actor")
    with reopen() as other:
        rows = [(other.document_text(s.document_id), s.start, s.end, s.text) for s in other.spans()]
    assert len(rows) > 20
    assert all(text[start:end] == covered for text, start, end, covered in rows)


@pytest.mark.file_only
def test_the_file_itself_refuses_a_span_whose_text_does_not_fit(project: Project, french_doc: Document) -> None:
    with second_connection(project.path) as other, pytest.raises(sqlite3.IntegrityError):
        other.execute(
            'INSERT INTO annotations (id, document_id, start, "end", label, text, annotator, created, updated) '
            "VALUES ('x', ?, 0, 5, 'actor', 'too long', 'a', 'now', 'now')",
            (french_doc.id,),
        )


def test_listeners_hear_committed_changes(project: Project, french_doc: Document) -> None:
    heard: list[Change] = []
    project.add_listener(heard.append)
    span = project.add_span(int(french_doc.id or 0), 8, 11, "actor")
    project.delete_span(span.id)
    project.add_label("weapon")
    project.remove_listener(heard.append)
    project.add_label("other")
    assert [c.kind for c in heard] == [ChangeKind.SPANS_ADDED, ChangeKind.SPANS_DELETED, ChangeKind.LABELS_CHANGED]
    assert heard[0].ids == (span.id,) and heard[0].document_id == french_doc.id


def test_filters_of_spans(project: Project, french_doc: Document) -> None:
    doc_id = int(french_doc.id or 0)
    a = project.add_span(doc_id, 8, 11, "actor", annotator="alice")
    b = project.add_span(doc_id, 16, 29, "actor", annotator="bob", status="suggested", source="ner")
    c = project.add_span(doc_id, 30, 39, "transfer", annotator="alice")
    assert [s.id for s in project.spans(doc_id)] == [a.id, b.id, c.id]
    assert [s.id for s in project.spans(annotators=["alice"])] == [a.id, c.id]
    assert [s.id for s in project.spans(labels=["transfer"])] == [c.id]
    assert [s.id for s in project.spans(statuses=["suggested"])] == [b.id]
    assert project.spans(labels=[]) == []
    assert project.annotators() == ["alice", "bob"]
    assert project.annotators(status="accepted") == ["alice"]  # bob only suggested
    assert project.annotators(status="rejected") == []


# -- search and statistics ---------------------------------------------------------------------------------


def test_search_ignores_accents_and_case(project: Project, french_doc: Document) -> None:
    project.add_document("Other", "Nothing about that country here.\n")
    hits = project.search("coree")
    assert [h.document_id for h in hits] == [french_doc.id]
    assert "[Corée]" in hits[0].snippet
    assert [h.document_id for h in project.search("CORÉE nord")] == [french_doc.id]
    assert project.search("") == []
    assert project.search('"') == []
    assert project.search("zzzz") == []


def test_search_survives_fts_syntax(project: Project, french_doc: Document) -> None:
    for query in ("AND", "NOT coree", "corée*", "(", "l’ONU", "title:coree", "'; DROP TABLE documents; --"):
        project.search(query)  # never an SQL or FTS syntax error
    assert project.documents()


def test_stats(project: Project, french_doc: Document, emoji_doc: Document) -> None:
    doc_id = int(french_doc.id or 0)
    project.add_span(doc_id, 8, 11, "actor", annotator="alice")
    project.add_span(doc_id, 16, 29, "actor", annotator="bob")
    project.add_span(doc_id, 30, 39, "transfer", annotator="alice")
    project.add_span(doc_id, 40, 45, "quantity", annotator="ner", status="suggested", source="ner")
    project.update_document(int(emoji_doc.id or 0), done=True)
    stats = project.stats()
    assert stats["documents"] == 2 and stats["documents_done"] == 1
    assert stats["spans"] == 3
    assert stats["per_label"] == {"actor": 2, "transfer": 1, "quantity": 0, "assessment": 0}
    assert stats["per_annotator"] == {"alice": 2, "bob": 1}
    assert stats["per_status"] == {"accepted": 3, "suggested": 1}
    assert stats["per_document"] == {doc_id: 3, emoji_doc.id: 0}


def test_settings_round_trip(project: Project, reopen: Reopen) -> None:
    assert project.setting("x") is None
    project.set_setting("x", "é")
    project.set_setting("x", "ü")
    with reopen() as again:
        assert again.setting("x") == "ü"


def test_reopen_keeps_everything(db_path: Path) -> None:
    with Project(db_path) as project:
        doc, _ = project.add_document("Corée", FRENCH)
        span = project.add_span(int(doc.id or 0), 8, 11, "actor")
        project.add_label("weapon", color="#000000")
    with Project(db_path) as project:
        assert project.span(span.id) == span
        assert project.label("weapon").color == "#000000"
        with raw_connection(project):
            assert raw_connection(project).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.file_only
def test_the_text_of_an_annotated_document_is_frozen_in_the_file(project: Project, french_doc: Document) -> None:
    other, _ = project.add_document("Brouillon", "Texte provisoire.\n")
    with second_connection(project.path) as conn:
        conn.execute("UPDATE documents SET text = 'Texte corrigé.' WHERE id = ?", (other.id,))  # no spans yet: allowed
    project.add_span(int(french_doc.id or 0), 8, 11, "actor")
    conn = second_connection(project.path)
    with pytest.raises(sqlite3.IntegrityError, match="never changes"):
        conn.execute("UPDATE documents SET text = 'Autre chose' WHERE id = ?", (french_doc.id,))
    conn.execute("UPDATE documents SET title = 'Renommé' WHERE id = ?", (french_doc.id,))  # the title may change
    conn.commit()
    conn.close()
    assert project.document(int(french_doc.id or 0)).text == FRENCH


def test_label_names_may_hold_single_spaces_between_words(project: Project) -> None:
    """doccano and Label Studio labels have spaces ("Disease Class"): kept as they are."""
    assert project.add_label("Disease Class").name == "Disease Class"
    for bad in (" Disease", "Disease  Class", "Disease\tClass", "Disease Class "):
        with pytest.raises(ValidationError, match="invalid label name"):
            project.add_label(bad)

