"""``check_external_changes`` reports every commit of another connection, whatever this one wrote meanwhile."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.store.errors import NotFound
from annotator.store.project import Change, ChangeKind, Project
from tests.conftest import FRENCH


def test_own_commits_never_hide_another_connection_s_commit(db_path: Path) -> None:
    with Project(db_path) as ours, Project(db_path) as theirs:
        seen: list[str] = []
        ours.add_listener(lambda change: seen.append(change.kind))
        document, _ = ours.add_document("Corée", FRENCH)
        assert not ours.check_external_changes()
        theirs.add_span(document.id, 6, 9, "actor", annotator="other")
        ours.add_span(document.id, 16, 32, "actor", annotator="me")  # before we look
        ours.update_document(document.id, title="Corée du Nord")
        assert ours.check_external_changes()
        assert seen[-1] == ChangeKind.EXTERNAL
        assert not ours.check_external_changes()
        # Our own writes alone are never reported as external.
        ours.add_span(document.id, 44, 53, "actor", annotator="me")
        assert not ours.check_external_changes()


def test_a_document_deleted_elsewhere_reads_as_gone_after_the_poll(db_path: Path) -> None:
    with Project(db_path) as ours, Project(db_path) as theirs:
        document, _ = ours.add_document("Corée", FRENCH)
        assert ours.document_text(document.id) == FRENCH  # cached
        theirs.delete_document(document.id)
        assert ours.check_external_changes()
        with pytest.raises(NotFound):
            ours.document_text(document.id)


def test_telling_our_own_change_does_not_count_as_a_poll(db_path: Path) -> None:
    with Project(db_path) as ours, Project(db_path) as theirs:
        document, _ = ours.add_document("Corée", FRENCH)
        theirs.add_span(document.id, 6, 9, "actor", annotator="other")
        told: list[Change] = []
        ours.add_listener(told.append)
        ours.retire_label("actor", False)  # a write of ours, told to listeners
        assert told
        assert ours.check_external_changes()
