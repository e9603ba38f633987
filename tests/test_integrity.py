"""Document integrity: a changed source file is noticed; a new version never moves the old spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.model import ValidationError
from annotator.services.importing import import_paths
from annotator.services.integrity import (
    CHANGED,
    MISSING,
    NO_SOURCE,
    SUPERSEDED,
    UNCHANGED,
    UNREADABLE,
    check_source,
    import_new_version,
    versions,
)
from annotator.store.project import Project
from tests.raw_sql import raw_connection

TEXT = "Selon l’ONU, la Corée du Nord a livré 10\u00a0000 obus 🚀 à la Russie.\r\nFin.\r\n"


@pytest.fixture
def imported(project: Project, tmp_path: Path) -> tuple[Project, Path, int]:
    source = tmp_path / "article.txt"
    source.write_bytes(TEXT.encode("utf-8"))
    report = import_paths(project, [source])
    assert report.new_documents == 1
    return project, source, report.documents[0][0]


def test_import_records_the_source_fingerprint(imported: tuple[Project, Path, int]) -> None:
    project, source, doc_id = imported
    row = raw_connection(project).execute(
        "SELECT path, sha256, size FROM document_sources WHERE document_id = ?", [doc_id]
    ).fetchone()
    import hashlib

    assert row == (str(source.resolve()), hashlib.sha256(source.read_bytes()).hexdigest(), source.stat().st_size)


def test_an_untouched_file_is_unchanged(imported: tuple[Project, Path, int]) -> None:
    project, _, doc_id = imported
    status = check_source(project, doc_id)
    assert status.state == UNCHANGED
    assert not status.changed


def test_saved_again_with_the_same_text_is_unchanged(imported: tuple[Project, Path, int]) -> None:
    project, source, doc_id = imported
    # Other bytes (LF instead of CRLF, a BOM), same normalised text.
    source.write_bytes(b"\xef\xbb\xbf" + TEXT.replace("\r\n", "\n").encode("utf-8"))
    assert check_source(project, doc_id).state == UNCHANGED


def test_a_changed_file_is_reported_and_can_be_imported_as_a_new_version(
    imported: tuple[Project, Path, int],
) -> None:
    project, source, doc_id = imported
    span = project.add_span(doc_id, 8, 11, "actor")
    old_text = project.document_text(doc_id)
    # Text inserted before the span: its offsets would shift if anything remapped them.
    source.write_text("MISE À JOUR. " + TEXT, encoding="utf-8")
    status = check_source(project, doc_id)
    assert status.state == CHANGED and status.changed
    assert "changed on disk" in status.message

    document, created = import_new_version(project, doc_id, status)
    assert created and document.id != doc_id
    assert document.metadata["previous_version"] == doc_id
    assert document.text.startswith("MISE À JOUR. Selon")
    assert versions(project, int(document.id or 0)) == [doc_id]
    # The old document and its span did not move.
    assert project.document_text(doc_id) == old_text
    assert project.span(span.id) == span
    assert project.spans(int(document.id or 0)) == []
    # The new version is tracked against the file as it is now; the old one now points to it.
    assert check_source(project, int(document.id or 0)).state == UNCHANGED
    superseded = check_source(project, doc_id)
    assert superseded.state == SUPERSEDED
    assert f"document {document.id}" in superseded.message


def test_import_new_version_refuses_an_unchanged_file(imported: tuple[Project, Path, int]) -> None:
    project, _, doc_id = imported
    with pytest.raises(ValidationError, match="nothing to import"):
        import_new_version(project, doc_id)
    assert project.document_ids() == [doc_id]


def test_a_missing_file_is_reported(imported: tuple[Project, Path, int]) -> None:
    project, source, doc_id = imported
    source.unlink()
    status = check_source(project, doc_id)
    assert status.state == MISSING
    assert str(source.resolve()) in status.message


def test_a_file_that_became_unreadable_is_reported(imported: tuple[Project, Path, int]) -> None:
    project, source, doc_id = imported
    source.write_bytes(b"\x00\x01\x02binary\x00" * 100)
    status = check_source(project, doc_id)
    assert status.state == UNREADABLE
    assert "binary" in status.message


def test_a_document_without_a_file(project: Project) -> None:
    document, _ = project.add_document("Pasted", "Texte collé.")
    assert check_source(project, int(document.id or 0)).state == NO_SOURCE


def test_a_source_path_without_a_fingerprint_recorded_here_is_never_read(project: Project, tmp_path: Path) -> None:
    # A source path that came with a set, or a document of a schema-1 project: a record, not a file to open.
    source = tmp_path / "old.txt"
    source.write_text("Un texte ancien.\n", encoding="utf-8")
    document, _ = project.add_document("old", "Un texte ancien.\n", source_path=str(source))
    source.write_text("Un texte modifié.\n", encoding="utf-8")
    status = check_source(project, int(document.id or 0))
    assert status.state == NO_SOURCE and status.new_text is None
    assert "not opened" in status.message


def test_undoing_a_deletion_keeps_the_source_tracked(imported: tuple[Project, Path, int]) -> None:
    project, source, doc_id = imported
    project.restore_document(project.delete_document(doc_id))
    assert check_source(project, doc_id).state == UNCHANGED
    source.write_text("Un autre texte.\n", encoding="utf-8")
    assert check_source(project, doc_id).state == CHANGED


def test_deleting_a_document_deletes_its_fingerprint(imported: tuple[Project, Path, int]) -> None:
    project, _, doc_id = imported
    project.delete_document(doc_id)
    assert raw_connection(project).execute("SELECT count(*) FROM document_sources").fetchone()[0] == 0


def test_a_document_from_an_annotation_set_has_no_document_file(project: Project, tmp_path: Path) -> None:
    annotation_set = tmp_path / "set.jsonl"
    annotation_set.write_text('{"text": "Texte."}\n', encoding="utf-8")
    document, _ = project.add_document("from a set", "Texte.", source_path=str(annotation_set))
    status = check_source(project, int(document.id or 0))
    assert status.state == NO_SOURCE
    assert "set.jsonl" in status.message
