"""The window's undo policy: a step that can never be taken again is dropped from the stack (its command marks
itself obsolete), a fault of the file leaves the stack as it was, a refused edit never reaches the stack."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.store.errors import DiskFull
from annotator.store.project import Project
from annotator.ui.commands import AddSpanCommand
from annotator.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TEXT = "La Russie a livré 12 chars à l’Ukraine en mars. Le Canada a promis 3 avions."


@pytest.fixture
def tagged(make_window, db_path: Path) -> tuple[MainWindow, list[str]]:
    """A window with two spans tagged one after the other (two steps on the stack)."""
    with Project(db_path) as project:
        document, _ = project.add_document("Livraisons", TEXT)
    window = make_window()
    window.ask = lambda *args, **kwargs: "Close"  # the fault's question, answered
    ids = []
    for start, end, label in ((3, 9, "actor"), (48, 57, "actor")):
        command = AddSpanCommand(window.project, int(document.id), start, end, label)
        assert window.run_command(command)
        assert command.span is not None
        ids.append(command.span.id)
    return window, ids


def test_a_refused_edit_never_reaches_the_stack(tagged) -> None:
    window, _ = tagged
    document = window.current_document_id()
    assert not window.run_command(AddSpanCommand(window.project, document, 5, 500, "actor"))  # past the end
    assert window.undo_stack.count() == 2 and window.undo_stack.index() == 2


def test_a_step_that_cannot_be_undone_any_more_is_dropped_and_the_one_before_still_undoes(tagged, db_path) -> None:
    window, (first, second) = tagged
    with Project(db_path) as other:
        other.delete_span(second)  # another program deleted the span of the last step
    window.poll_external_changes()
    assert window.undo() is False
    assert "cannot be undone" in window.informed[-1]
    # Dropped, not merely passed over: nothing to redo, one step left.
    assert window.undo_stack.count() == 1 and window.undo_stack.index() == 1
    assert not window.undo_stack.canRedo()
    assert window.undo() is True
    assert window.project.spans() == []
    assert window.redo() is True
    assert [s.id for s in window.project.spans()] == [first]


def test_a_fault_of_the_file_on_undo_leaves_the_stack_as_it_was(tagged, monkeypatch: pytest.MonkeyPatch) -> None:
    window, (first, second) = tagged
    real_delete = window.project.delete_span

    def full(span_id: str) -> None:
        raise DiskFull("the disk is full")

    monkeypatch.setattr(window.project, "delete_span", full)
    assert window.undo() is False
    assert window.undo_stack.count() == 2 and window.undo_stack.index() == 2
    assert sorted(s.id for s in window.project.spans()) == sorted([first, second])
    assert window.findChild(type(window.status_saved), "status-saved").text() == "Last change not saved"
    # Once the disk has room again, the same step undoes, and redoes.
    monkeypatch.setattr(window.project, "delete_span", real_delete)
    assert window.undo() is True
    assert [s.id for s in window.project.spans()] == [first]
    assert window.redo() is True
    assert sorted(s.id for s in window.project.spans()) == sorted([first, second])
