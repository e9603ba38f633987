"""The learning suggester in the real window: Train suggester (progress, cancel, failure), suggestions
from the model as one undo step, the next most useful document, retraining in the background."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from tests.test_training import make_corpus

from annotator.services import training
from annotator.ui.views.training import ACTION_NAMES, CONTROLLER_NAME, TrainingController

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
TIMEOUT = 120_000


@pytest.fixture(scope="module")
def trained_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("trained-ui")
    with make_corpus(folder / "project.db") as project:
        training.train_project(project, base="blank:fr")
    return folder


@pytest.fixture
def corpus(db_path: Path) -> Path:
    make_corpus(db_path).close()
    return db_path


@pytest.fixture
def with_model(trained_corpus: Path, db_path: Path) -> Path:
    for item in trained_corpus.iterdir():
        (shutil.copytree if item.is_dir() else shutil.copy2)(item, db_path.parent / item.name)
    return db_path


def controller(window) -> TrainingController:
    found = window.findChild(TrainingController, CONTROLLER_NAME)
    assert found is not None
    return found


def action(window, key: str) -> QAction:
    found = window.findChild(QAction, ACTION_NAMES[key])
    assert found is not None and found in window.menu("&Tools").actions()
    return found


def listing(db_path: Path) -> list[str]:
    folder = training.models_dir(db_path)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_train_suggester_runs_in_the_background_and_shows_the_scores(qtbot, corpus: Path, make_window) -> None:
    window = make_window()
    action(window, "train").trigger()
    dialog = controller(window).dialog
    assert dialog is not None and dialog.isVisible() and dialog.objectName() == "train-dialog"
    assert "No model" in dialog.status.text()
    dialog.base.setCurrentText("blank:fr")
    progress: list[tuple[int, int]] = []
    controller(window).trainingProgress.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(controller(window).trainingFinished, timeout=TIMEOUT) as finished:
        assert dialog.start()
        assert controller(window).training()  # returned at once: the window is not blocked
        assert not dialog.start_button.isEnabled() and dialog.cancel_button.isEnabled()
    model = finished.args[0]
    assert training.current_model(corpus) == model
    assert progress and progress[-1][0] == progress[-1][1]
    labels = [dialog.scores.item(r, 0).text() for r in range(dialog.scores.rowCount())]
    assert labels == ["quantity", "overall"]
    f1 = dialog.scores.item(0, 3).text()
    assert f1 == "–" or (len(f1) == 5 and f1[1] == ".")
    assert dialog.start_button.isEnabled() and not dialog.cancel_button.isEnabled()
    assert "held-out F1" in window.statusBar().currentMessage()


def test_cancelling_keeps_the_previous_model_and_writes_nothing(qtbot, with_model: Path, make_window) -> None:
    window = make_window()
    before, files = training.current_model(with_model), listing(with_model)
    dialog = controller(window).show_dialog()
    dialog.base.setCurrentText("blank:fr")
    controller(window).trainingProgress.connect(lambda *_: dialog.cancel_button.click())
    with qtbot.waitSignal(controller(window).trainingCancelled, timeout=TIMEOUT):
        assert dialog.start()
    assert "cancelled" in dialog.status.text()
    assert training.current_model(with_model) == before and listing(with_model) == files
    assert dialog.start_button.isEnabled()


def test_a_training_that_fails_says_why_and_leaves_nothing_half_written(qtbot, with_model: Path, make_window) -> None:
    window = make_window()
    dialog = controller(window).show_dialog()
    # A base that does not exist: refused before anything starts.
    dialog.base.setCurrentText("blank:zz-nope")
    with qtbot.waitSignal(controller(window).trainingFailed, timeout=5000):
        assert not dialog.start()
    assert "unknown language" in dialog.status.text()
    # A failure at the end (the model cannot be made current): the new model does not stay.
    folder = training.models_dir(with_model)
    (folder / "current").unlink()
    (folder / "current").mkdir()
    files = listing(with_model)
    dialog.base.setCurrentText("blank:fr")
    with qtbot.waitSignal(controller(window).trainingFailed, timeout=TIMEOUT) as failed:
        assert dialog.start()
    assert failed.args[0]
    assert dialog.status.text().startswith("Training failed:")
    assert listing(with_model) == files
    assert dialog.start_button.isEnabled() and not controller(window).training()


def test_suggestions_from_the_model_are_one_undoable_step(qtbot, with_model: Path, make_window) -> None:
    window = make_window()
    with qtbot.waitSignal(controller(window).suggestFinished, timeout=TIMEOUT) as done:
        action(window, "suggest").trigger()
    report = done.args[0]
    assert report is not None and report.total > 0
    suggested = window.project.spans(statuses=["suggested"])
    assert {s.source for s in suggested} == {"model"} and len(suggested) == report.total
    assert set(window.project.span_scores()) == {s.id for s in suggested}
    window.undo_stack.undo()
    assert window.project.spans(statuses=["suggested"]) == []
    window.undo_stack.redo()
    assert len(window.project.spans(statuses=["suggested"])) == report.total


def test_without_a_model_the_actions_say_what_to_do(qtbot, corpus: Path, make_window) -> None:
    window = make_window()
    with qtbot.waitSignal(controller(window).suggestFinished, timeout=5000):
        action(window, "suggest").trigger()
    assert "Train suggester" in window.statusBar().currentMessage()
    with qtbot.waitSignal(controller(window).usefulFound, timeout=5000):
        action(window, "useful").trigger()
    assert "Train suggester" in window.statusBar().currentMessage()


def test_ctrl_shift_n_opens_the_document_the_model_is_least_sure_about(qtbot, with_model: Path, make_window) -> None:
    window = make_window()
    unseen = next(d.id for d in window.project.documents() if d.title == "unseen")
    window.project.add_document("plain", "Rien à signaler dans ce texte.\n")
    annotated = next(d.id for d in window.project.documents() if d.span_count)
    window.open_document(annotated)
    assert action(window, "useful").shortcut().toString() == "Ctrl+Shift+N"
    with qtbot.waitSignal(controller(window).usefulFound, timeout=TIMEOUT) as found:
        modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        qtbot.keyClick(window.reader, Qt.Key.Key_N, modifiers)
    assert found.args[0].document_id == unseen == window.current_document_id()
    message = window.statusBar().currentMessage()
    assert message.startswith("Next most useful document: “unseen”") and "uncertainty" in message


def test_the_model_is_retrained_in_the_background_after_every_n_accepted_spans(
    qtbot, with_model: Path, make_window
) -> None:
    window = make_window()
    before = training.current_model(with_model)
    dialog = controller(window).show_dialog()
    dialog.retrain.setValue(2)
    assert window.project.setting(training.RETRAIN_SETTING) == "2"
    controller(window).retrain_delay_ms = 0
    window.project.set_setting(training.BASE_SETTING, "blank:fr")
    unseen = next(d.id for d in window.project.documents() if d.title == "unseen")
    text = window.project.document_text(unseen)
    start = text.index("200 drones")
    window.project.add_span(unseen, start, start + len("200 drones"), "quantity", annotator="gold")
    qtbot.wait(50)
    assert not controller(window).training()  # one accepted span is not enough
    with qtbot.waitSignal(controller(window).trainingFinished, timeout=TIMEOUT) as finished:
        start = text.index("60 wagons")
        window.project.add_span(unseen, start, start + len("60 wagons"), "quantity", annotator="gold")
    assert finished.args[0].name != before.name
    assert finished.args[0].meta["accepted_spans"] == window.project.span_count("accepted")
    assert "Retrained" in window.statusBar().currentMessage()
