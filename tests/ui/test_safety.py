"""The safety plug-in: background rotating backup at start-up, and changed source files on opening."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu

from annotator.core.model import ValidationError
from annotator.services.importing import import_paths
from annotator.services.integrity import CHANGED, SUPERSEDED, UNCHANGED
from annotator.store.errors import EnvironmentFault
from annotator.store.project import Project
from annotator.ui.commands import ProjectCommand, push_command
from annotator.ui.signals import ProjectSignals
from annotator.ui.views import safety

TEXT = "Selon l’ONU, la Corée du Nord a livré 10\u00a0000 obus 🚀 à la Russie.\n"


class StandInWindow(QMainWindow):
    """The part of MainWindow's agreed API the plug-in uses, for testing it on its own."""

    documentOpened = Signal(int)

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.project = Project(db_path)
        self.signals = ProjectSignals(self.project, self)
        self.undo_stack = QUndoStack(self)
        self.annotator = "tester"
        self._menus: dict[str, QMenu] = {}
        self._current: int | None = None
        self.messages: list[str] = []

    def menu(self, name: str) -> QMenu:
        if name not in self._menus:
            self._menus[name] = self.menuBar().addMenu(name)
        return self._menus[name]

    def open_document(self, doc_id: int) -> None:
        self._current = doc_id
        self.documentOpened.emit(doc_id)

    def current_document_id(self) -> int | None:
        return self._current

    def show_message(self, text: str) -> None:
        self.messages.append(text)
        self.statusBar().showMessage(text)

    def run_command(self, command: ProjectCommand) -> bool:
        try:
            push_command(self.undo_stack, command)
        except (EnvironmentFault, ValidationError) as exc:
            self.show_message(str(exc))
            return False
        return True


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "sources" / "article.txt"
    path.parent.mkdir()
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def window(qtbot, db_path: Path, source: Path) -> Iterator[StandInWindow]:
    with Project(db_path) as project:
        import_paths(project, [source])
    win = StandInWindow(db_path)
    qtbot.addWidget(win)
    controller = safety.install(win)
    yield win
    controller.wait()
    win.signals.detach()
    win.project.close()


def controller_of(window: QObject) -> safety.SafetyController:
    found = window.findChild(QObject, safety.CONTROLLER_NAME)
    assert isinstance(found, safety.SafetyController)
    return found


def test_a_backup_is_taken_in_the_background_at_start(qtbot, window: StandInWindow) -> None:
    controller = controller_of(window)
    with qtbot.waitSignal(controller.backupFinished, timeout=20_000) as blocker:
        pass
    target = Path(blocker.args[0])
    assert target.parent == safety.backup_folder()
    assert safety.backup_folder() == Path(Path.home() / "data" / "annotator" / "backups")
    with Project(target, read_only=True) as copy:
        assert copy.document_text(1) == TEXT


def test_start_up_does_not_wait_for_the_backup(qtbot, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    started = threading.Event()

    def slow_backup(path: Path, folder: Path, keep: int) -> Path:
        started.set()
        assert release.wait(30)
        return folder / "done.db"

    monkeypatch.setattr(safety, "rotating_backup", slow_backup)
    win = StandInWindow(db_path)
    qtbot.addWidget(win)
    controller = safety.install(win)  # returns while the backup is still running
    assert started.wait(10)
    assert controller.last_backup is None
    with qtbot.waitSignal(controller.backupFinished, timeout=10_000):
        release.set()
    assert controller.last_backup == safety.backup_folder() / "done.db"
    controller.wait()
    win.signals.detach()
    win.project.close()


def test_rotation_keeps_five(qtbot, window: StandInWindow) -> None:
    controller = controller_of(window)
    for _ in range(7):
        with qtbot.waitSignal(controller.backupFinished, timeout=20_000):
            controller.start_backup()
    assert controller.wait()  # the start-up backup may have answered one of the waits above
    assert len(list(safety.backup_folder().glob("project-*.db"))) == 5


def test_a_failed_backup_is_told_not_fatal(qtbot, window: StandInWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    controller = controller_of(window)
    controller.wait()

    def full_disk(path: Path, folder: Path, keep: int) -> Path:
        raise EnvironmentFault("the disk is full; nothing was written")

    monkeypatch.setattr(safety, "rotating_backup", full_disk)
    with qtbot.waitSignal(controller.backupFailed, timeout=10_000):
        controller.start_backup()
    assert window.messages[-1] == "Automatic backup failed: the disk is full; nothing was written"


def test_unchanged_source_says_nothing(qtbot, window: StandInWindow) -> None:
    controller = controller_of(window)
    with qtbot.waitSignal(controller.sourceChecked, timeout=10_000) as blocker:
        window.open_document(1)
    assert blocker.args[0].state == UNCHANGED
    assert not controller.import_action.isEnabled()
    assert not [m for m in window.messages if "source" in m.lower()]


def test_changed_source_is_told_and_imported_as_a_new_version(qtbot, window: StandInWindow, source: Path) -> None:
    controller = controller_of(window)
    span = window.project.add_span(1, 8, 11, "actor")
    source.write_text("Mise à jour. " + TEXT, encoding="utf-8")
    with qtbot.waitSignal(controller.sourceChecked, timeout=10_000) as blocker:
        window.open_document(1)
    assert blocker.args[0].state == CHANGED
    assert "changed on disk" in window.statusBar().currentMessage()
    assert safety.IMPORT_ACTION_TEXT in window.statusBar().currentMessage()
    [action] = [a for a in window.menu("&Document").actions() if a.objectName() == safety.IMPORT_ACTION_NAME]
    assert action.isEnabled()

    with qtbot.waitSignal(controller.sourceChecked, timeout=10_000):
        action.trigger()  # imports, then opens the new version (which is checked in turn)
    new_id = window.current_document_id()
    assert new_id == 2
    new = window.project.document(2)
    assert new.metadata["previous_version"] == 1
    assert new.text == "Mise à jour. " + TEXT
    assert window.project.span(span.id) == span  # the old document's spans did not move
    assert window.project.document_text(1) == TEXT
    assert not action.isEnabled()

    # Undo removes the new version, redo brings it back with the same id.
    window.undo_stack.undo()
    assert window.project.document_ids() == [1]
    window.undo_stack.redo()
    assert window.project.document_ids() == [1, 2]

    with qtbot.waitSignal(controller.sourceChecked, timeout=10_000) as blocker:
        window.open_document(1)
    assert blocker.args[0].state == SUPERSEDED
    assert "document 2" in window.statusBar().currentMessage()
    assert not action.isEnabled()


def test_missing_source_is_told(qtbot, window: StandInWindow, source: Path) -> None:
    controller = controller_of(window)
    source.unlink()
    with qtbot.waitSignal(controller.sourceChecked, timeout=10_000):
        window.open_document(1)
    assert "no longer at" in window.statusBar().currentMessage()
    assert not controller.import_action.isEnabled()


def test_the_real_window_installs_the_plug_in(qtbot, db_path: Path, source: Path) -> None:
    from annotator.ui import MainWindow

    with Project(db_path) as project:
        import_paths(project, [source])
    window = MainWindow(db_path, annotator="tester")
    qtbot.addWidget(window)
    controller = controller_of(window)
    # The window may have opened the document already: let that first check finish and deliver its
    # result before the file changes, so the signal awaited below is the one for the changed file.
    controller.wait()
    QCoreApplication.processEvents()
    source.write_text("Autre texte. " + TEXT, encoding="utf-8")
    with qtbot.waitSignal(controller.sourceChecked, timeout=10_000) as blocker:
        window.open_document(1)
    assert blocker.args[0].state == CHANGED
    assert controller.import_action.isEnabled()
    controller.wait()


def test_periodic_backup_only_after_changes(qtbot, window: StandInWindow) -> None:
    controller = controller_of(window)
    timer = window.findChild(QTimer, "safety-backup-timer")
    assert timer is not None and timer.isActive()
    assert timer.interval() == safety.BACKUP_INTERVAL_MS
    controller.wait()
    qtbot.waitUntil(lambda: controller.last_backup is not None)
    first = controller.last_backup
    assert controller.backup_if_changed() is False  # nothing changed: no new copy
    window.project.add_span(1, 8, 11, "actor")
    with qtbot.waitSignal(controller.backupFinished, timeout=20_000):
        timer.timeout.emit()
    assert controller.last_backup != first
    with Project(controller.last_backup, read_only=True) as copy:
        assert [s.text for s in copy.spans()] == ["ONU"]


def test_a_document_open_before_install_is_checked(qtbot, db_path: Path, source: Path) -> None:
    with Project(db_path) as project:
        import_paths(project, [source])
    source.write_text("Changé. " + TEXT, encoding="utf-8")
    win = StandInWindow(db_path)
    qtbot.addWidget(win)
    win.open_document(1)
    controller = safety.install(win)
    qtbot.waitUntil(lambda: controller.status is not None, timeout=10_000)
    assert controller.status is not None and controller.status.state == CHANGED
    assert controller.import_action.isEnabled()
    controller.wait()
    win.signals.detach()
    win.project.close()
