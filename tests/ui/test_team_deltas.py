"""The deltas a team server's messages become bring every panel of a window up to date with another user's writes.

Another connection writes to the project (here a second ``Project`` on the same file); the window hears of it only
through the messages a team server would send for those writes (table, operation, document, row keys), turned
into deltas by the team feed's translation and told by the window's team controller. The panels must then match
the database: the document list and its counts, the reader's spans and the span table.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.monkey.invariants import annotation_table_ids, panel_problems, reader_spans

from annotator.services.team_changes import changes_from_events
from annotator.store.postgres.notify import ChangeEvent
from annotator.store.project import Project

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TEXT = "Selon l’ONU, la Corée du Nord a fourni à la Russie des munitions d’artillerie.\u00a0Plus de 10\u00a0000 hommes."
OTHER_PID = 4242


def told(window, *events: tuple[str, str, int | None, tuple[str, ...] | None]) -> None:
    """Tell the window what the server would have announced for another user's writes."""
    batch = [ChangeEvent(table, op, doc, ids, len(ids or ()), "bob", OTHER_PID) for table, op, doc, ids in events]
    window.team.tell(changes_from_events(batch, own_pids={1}))


def test_another_users_edits_reach_the_reader_table_and_document_list(qtbot, make_window, db_path: Path) -> None:
    with Project(db_path) as project:
        doc, _ = project.add_document("Corée", TEXT)
    doc_id = int(doc.id)
    window = make_window()
    assert window.current_document_id() == doc_id
    with Project(db_path) as bob:
        onu = TEXT.index("ONU")
        span = bob.add_span(doc_id, onu, onu + 3, "actor", annotator="bob")
        assert span.id not in reader_spans(window)
        told(window, ("annotations", "insert", doc_id, (span.id,)))
        assert reader_spans(window)[span.id] == (onu, onu + 3, "actor", "accepted")
        assert span.id in annotation_table_ids(window)
        assert panel_problems(window, db_path) == []

        bob.update_span(span.id, label="transfer")
        told(window, ("annotations", "update", doc_id, (span.id,)))
        assert reader_spans(window)[span.id][2] == "transfer"
        assert panel_problems(window, db_path) == []

        coree = TEXT.index("Corée")
        second = bob.add_span(doc_id, coree, coree + 5, "actor", annotator="bob")
        bob.delete_span(span.id)
        told(window, ("annotations", "insert", doc_id, (second.id,)), ("annotations", "delete", doc_id, (span.id,)))
        assert span.id not in reader_spans(window) and second.id in reader_spans(window)
        assert span.id not in annotation_table_ids(window)
        assert panel_problems(window, db_path) == []

        bob.add_label("lieu", "#336699")
        told(window, ("labels", "insert", None, ("lieu",)))
        assert "lieu" in [label.name for label in window.project.labels()]

        new, _ = bob.add_document("Accord", "Moscou et Pyongyang ont signé un accord en juin.")
        told(window, ("documents", "insert", int(new.id), (str(new.id),)))
        assert window.document_model.row_of(int(new.id)) is not None
        assert panel_problems(window, db_path) == []
