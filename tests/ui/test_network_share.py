"""The window on a project file on a network share: a lasting safe-mode warning, edits and backups still work."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from annotator.store import shares
from annotator.store.project import Project
from annotator.ui.views import safety

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def share_table(tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = tmp_path / "mountinfo"
    table.write_text(
        f"22 1 259:2 / / rw - ext4 /dev/root rw\n"
        f"99 22 0:50 / {db_path.parent} rw - cifs //nas.example.org/team rw,vers=3.1.1\n",
        encoding="utf-8",
    )
    monkeypatch.setenv(shares.MOUNT_TABLE_VARIABLE, str(table))


def test_the_window_says_it_is_in_safe_mode_and_keeps_working(qtbot, share_table, make_window, db_path: Path) -> None:
    with Project(db_path) as project:
        project.add_document("Corée", "Selon l’ONU, la Corée du Nord a livré des obus.\n")
    window = make_window()
    indicator = window.findChild(QLabel, "safe-mode-indicator")
    assert indicator is not None and indicator.isVisible()
    assert "cifs share //nas.example.org/team" in indicator.toolTip()
    assert "team server" in indicator.toolTip()
    assert "network share" in window.statusBar().currentMessage()

    span = window.project.add_span(1, 8, 11, "actor", annotator="tester")
    assert window.project.span(span.id).text == "ONU"

    # The automatic backup goes through the window's own connection (no other can read the locked file).
    controller = window.findChild(QObject, safety.CONTROLLER_NAME)
    assert isinstance(controller, safety.SafetyController)
    qtbot.waitUntil(lambda: controller.last_backup is not None, timeout=10_000)
    with Project(controller.last_backup, read_only=True) as copy:
        assert copy.documents()[0].title == "Corée"


def test_a_local_project_shows_no_safe_mode(make_window) -> None:
    window = make_window()
    assert window.findChild(QLabel, "safe-mode-indicator") is None
