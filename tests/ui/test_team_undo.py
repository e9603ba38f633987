"""The window's undo conflict checks hold across two clients of one team project: an undo never throws away
what another client changed meanwhile (the same checks as between two windows on a file)."""

from __future__ import annotations

import pytest
from tests.conftest import FRENCH

from annotator.core.model import ValidationError
from annotator.store.errors import SpanNotFound
from annotator.store.project import Project
from annotator.ui.commands import AddSpanCommand, UpdateSpanCommand

pytest.importorskip("psycopg")


@pytest.fixture
def clients(qapp, pg_cluster, pg_database):
    """Two clients (camille and sam's windows) of one server project holding the French document."""
    address = pg_cluster.conninfo(pg_database)
    with Project(address, annotator="camille") as first, Project(address, annotator="sam") as second:
        document, _ = first.add_document("Corée", FRENCH)
        yield first, second, int(document.id or 0)


def test_undo_skips_a_span_another_client_changed(clients) -> None:
    first, second, doc = clients
    start = FRENCH.index("la Corée")
    command = UpdateSpanCommand(first, first.add_span(doc, start, start + 16, "actor").id, label="assessment")
    command.redo()
    assert command.applied and command.failure is None
    second.update_span(command.span_id, note="vu par sam")  # the other client, after the edit
    command.undo()
    assert isinstance(command.failure, ValidationError) and "changed meanwhile" in str(command.failure)
    assert command.isObsolete()
    kept = first.span(command.span_id)
    assert (kept.label, kept.note) == ("assessment", "vu par sam")  # sam's change and the edit both kept


def test_undo_of_a_tag_deleted_by_another_client_says_so(clients) -> None:
    first, second, doc = clients
    start = FRENCH.index("l’ONU")
    command = AddSpanCommand(first, doc, start, start + 5, "actor")
    command.redo()
    assert command.span is not None and second.span(command.span.id).text == "l’ONU"
    second.delete_span(command.span.id)
    command.undo()
    assert isinstance(command.failure, SpanNotFound)
    assert not first.has_span(command.span.id)
