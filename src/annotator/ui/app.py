"""The application: QApplication set-up, settings, style sheet, and the ``annotator-gui`` entry point."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

import platformdirs
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from annotator import __version__
from annotator.services.samples import open_default_project
from annotator.store.errors import StoreError
from annotator.store.location import default_project_path
from annotator.store.postgres import is_server_address
from annotator.ui.display import missing_display
from annotator.ui.plain_text import make_plain

ORGANIZATION = "annotator"
APPLICATION = "annotator"
log = logging.getLogger(__name__)


def settings_path() -> Path:
    """The settings file: ``annotator/annotator.ini`` in the user config folder (read at every call)."""
    return Path(platformdirs.user_config_dir(APPLICATION, appauthor=False)) / f"{APPLICATION}.ini"


def app_settings() -> QSettings:
    """The user's settings (window layout, zoom, recent projects, preferences).

    An INI file under the user config folder, located afresh each time, so that a process (or a
    test) pointing HOME / XDG_CONFIG_HOME elsewhere never touches the user's own settings.
    """
    return QSettings(str(settings_path()), QSettings.Format.IniFormat)


def style_sheet() -> str:
    """The application style sheet (``resources/style.qss``), or "" if it is missing."""
    try:
        return resources.files("annotator.resources").joinpath("style.qss").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return ""


def ensure_application(argv: Sequence[str] | None = None) -> QApplication:
    """The running QApplication, created and set up (names, font, style sheet) if there is none."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else [sys.argv[0] if sys.argv else APPLICATION])
        setup_application(app)
    assert isinstance(app, QApplication)
    return app


def setup_application(app: QApplication) -> None:
    """Names (for QSettings and the desktop), a readable default font, the style sheet."""
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Annotator")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("annotator")
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
        app.setFont(font)
    from annotator.ui import i18n, theme

    i18n.apply_saved(app_settings())  # before any window is made: its texts are translated as they are set
    theme.apply_theme(theme.saved_mode(app_settings()), app)  # the style sheet, in the chosen colours
    icon = app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)


def app_icon() -> QIcon:
    """The application icon (``resources/annotator.svg``)."""
    try:
        path = resources.files("annotator.resources").joinpath("annotator.svg")
        return QIcon(str(path)) if path.is_file() else QIcon()
    except (FileNotFoundError, OSError):
        return QIcon()


# -- interaction points, replaced in tests so that nothing ever waits on a modal dialog ---------------


def ask_recovery(message: str, parent: QWidget | None = None) -> Path | None:
    """Tell the user the project could not be opened; return another project to open, or None to quit."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Cannot open the project", message, parent=parent)
    box.setInformativeText("The file was left untouched. You can open another project or create a new one.")
    open_button = box.addButton("Open another project…", QMessageBox.ButtonRole.AcceptRole)
    new_button = box.addButton("Create a new project…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    make_plain(box)  # the message names the file and quotes SQLite: text, not markup
    box.exec()
    clicked = box.clickedButton()
    if clicked is open_button:
        path, _ = QFileDialog.getOpenFileName(parent, "Open project", "", "Annotator projects (*.db);;All files (*)")
        return Path(path) if path else None
    if clicked is new_button:
        path, _ = QFileDialog.getSaveFileName(parent, "New project", "project.db", "Annotator projects (*.db)")
        return Path(path) if path else None
    return None


def execute(app: QApplication) -> int:
    """Run the event loop (replaced in tests)."""
    return app.exec()


def run_app(
    db_path: str | Path | None = None,
    annotator: str | None = None,
    files: Sequence[str | Path] = (),
    *,
    recover: Callable[[str, QWidget | None], Path | None] | None = None,
) -> int:
    """Open the window on ``db_path`` (default: the user's project, seeded on first start) and run.

    FILES are imported first and the first of them is opened. A project that cannot be opened
    (not a database, corrupt, newer, missing folder, read-only upgrade) is explained, and the user
    may choose another one; nothing is written to the refused file. Returns the exit code.
    """
    from annotator.ui.main_window import MainWindow

    app = ensure_application()
    recover = recover or ask_recovery
    path: str | Path | None = None
    if db_path is not None:  # a team server's address opens as it is; anything else names a file
        path = str(db_path) if is_server_address(str(db_path)) else Path(db_path)
    if path is None:
        try:
            open_default_project().close()  # seeds the sample documents the first time
            path = default_project_path()
        except StoreError as exc:
            path = recover(f"The default project could not be opened.\n\n{exc}", None)
            if path is None:
                return 1
    window = None
    while window is None:
        try:
            window = MainWindow(path, annotator=annotator)
        except StoreError as exc:
            log.warning("cannot open %s: %s", "the team project" if isinstance(path, str) else path, exc)
            path = recover(str(exc), None)
            if path is None:
                return 1
    window.show()
    if files:
        report = window.import_files([Path(f) for f in files])
        if report is not None and report.documents:
            window.open_document(report.documents[0][0])
    return execute(app)


def main(argv: Sequence[str] | None = None) -> int:
    """``annotator-gui [--db FILE] [--annotator NAME] [FILES…]``."""
    parser = argparse.ArgumentParser(prog="annotator-gui", description="Open the annotator window.")
    parser.add_argument("--db", metavar="FILE", help="project file (default: your default project)")
    parser.add_argument("--annotator", metavar="NAME", help="your name on the spans you make")
    parser.add_argument("files", nargs="*", metavar="FILES", help="documents or annotation sets to import and open")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    problem = missing_display()
    if problem:
        print(f"annotator-gui: {problem}", file=sys.stderr)
        return 1
    return run_app(db_path=getattr(args, "db", None), annotator=args.annotator, files=args.files)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
