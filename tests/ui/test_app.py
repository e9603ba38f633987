"""The application entry points: run_app, main and ``annotator gui``, on good and bad project files."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from annotator.store.project import Project
from annotator.ui import app as app_module
from annotator.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def open_windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


@pytest.fixture
def no_event_loop(qapp, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """run_app returns at once instead of running the event loop; windows are closed afterwards."""
    recoveries: list[str] = []
    monkeypatch.setattr(app_module, "execute", lambda app: 0)
    monkeypatch.setattr(app_module, "ask_recovery", lambda message, parent=None: recoveries.append(message))
    yield recoveries
    for window in open_windows():
        window.close()


def test_settings_live_under_the_test_home() -> None:
    path = app_module.settings_path()
    assert path.is_relative_to(Path(os.environ["HOME"]))
    settings = app_module.app_settings()
    settings.setValue("probe", "1")
    settings.sync()
    assert path.exists()


def test_run_app_opens_the_window_on_a_project(no_event_loop, db_path: Path) -> None:
    with Project(db_path) as project:
        project.add_document("Corée", "La Corée du Nord 🚀 a livré des obus.\n")
    assert app_module.run_app(db_path, annotator="zoé") == 0
    [window] = open_windows()
    assert window.project.path == db_path
    assert window.annotator == "zoé"
    assert window.current_document_id() == 1
    assert app_module.ensure_application() is QApplication.instance()


def test_run_app_imports_the_files_given_and_opens_the_first(no_event_loop, db_path: Path, tmp_path: Path) -> None:
    first = tmp_path / "premier.txt"
    first.write_text("Premier article 😀 sur Séoul.\n", encoding="utf-8")
    second = tmp_path / "second.md"
    second.write_text("Second article sur Kyiv.\n", encoding="utf-8")
    assert app_module.run_app(db_path, files=[str(first), str(second)]) == 0
    [window] = open_windows()
    with sqlite3.connect(db_path) as conn:
        titles = [r[0] for r in conn.execute("SELECT title FROM documents ORDER BY id")]
    conn.close()
    assert len(titles) == 2 and titles[0] == "premier"
    assert window.current_document_id() == 1


def test_run_app_without_a_path_opens_the_seeded_default_project(no_event_loop) -> None:
    assert app_module.run_app() == 0
    [window] = open_windows()
    assert window.project.path == Path(os.environ["ANNOTATOR_DB"])
    titles = [d.title for d in window.project.documents()]
    assert titles, "the default project is seeded with the sample documents"
    assert window.current_document_id() is not None


def test_a_file_that_is_not_a_project_is_explained_and_left_alone(no_event_loop, tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    content = b"Ceci n'est pas une base.\n" * 20
    bad.write_bytes(content)
    assert app_module.run_app(bad) == 1
    assert no_event_loop and "not an annotator project" in no_event_loop[0]
    assert bad.read_bytes() == content
    assert open_windows() == []


def test_a_newer_project_is_explained_and_another_can_be_chosen(
    no_event_loop, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project(db_path):
        pass
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    other = tmp_path / "other.db"
    messages: list[str] = []

    def recover(message: str, parent: object = None) -> Path:
        messages.append(message)
        return other

    monkeypatch.setattr(app_module, "ask_recovery", recover)
    assert app_module.run_app(db_path) == 0
    assert "newer version" in messages[0]
    assert db_path.read_bytes() == before
    [window] = open_windows()
    assert window.project.path == other


def test_a_missing_folder_that_cannot_be_made_is_explained(no_event_loop, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    assert app_module.run_app(blocker / "project.db") == 1
    assert "is not a folder" in no_event_loop[0]


def test_a_mistyped_project_folder_is_not_created(no_event_loop, tmp_path: Path) -> None:
    assert app_module.run_app(tmp_path / "typo" / "project.db") == 1
    assert "does not exist" in no_event_loop[0]
    assert not (tmp_path / "typo").exists()


def test_a_broken_default_project_offers_another(
    no_event_loop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = Path(os.environ["ANNOTATOR_DB"])
    broken.write_bytes(b"garbage" * 100)
    replacement = tmp_path / "replacement.db"
    messages: list[str] = []
    monkeypatch.setattr(app_module, "ask_recovery", lambda m, p=None: messages.append(m) or replacement)
    assert app_module.run_app() == 0
    assert messages[0].startswith("The default project could not be opened")
    assert broken.read_bytes() == b"garbage" * 100
    [window] = open_windows()
    assert window.project.path == replacement


def test_main_parses_its_arguments(no_event_loop, db_path: Path) -> None:
    assert app_module.main(["--db", str(db_path), "--annotator", "analyste"]) == 0
    [window] = open_windows()
    assert window.project.path == db_path and window.annotator == "analyste"


def test_the_gui_command_opens_the_window(no_event_loop, db_path: Path, tmp_path: Path) -> None:
    from annotator.cli import main as cli_main

    article = tmp_path / "article.txt"
    article.write_text("Pyongyang et Moscou.\n", encoding="utf-8")
    assert cli_main(["gui", "--db", str(db_path), str(article)]) == 0
    [window] = open_windows()
    assert [d.title for d in window.project.documents()] == ["article"]


def test_the_style_sheet_is_shipped() -> None:
    sheet = app_module.style_sheet()
    assert "QPlainTextEdit#reader" in sheet


@pytest.mark.parametrize("argv", [[], ["gui"], ["gui", "--annotator", "ana"]])
def test_the_command_line_opens_the_default_project_without_db(
    argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`annotator` and `annotator gui` without --db reach the window with the default project (db_path None)."""
    import annotator.ui.app as app_module
    from annotator.cli import main as cli_main

    calls: list[dict] = []
    monkeypatch.setattr(app_module, "run_app", lambda **kwargs: calls.append(kwargs) or 0)
    assert cli_main(argv) == 0
    assert calls == [{"db_path": None, "annotator": "ana" if "ana" in argv else None, "files": []}]
