"""The window's settings: recent projects and opening others, zoom, the layout and preferences, and the
document each project was last left on."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QObject

from annotator.store.errors import StoreError
from annotator.ui.i18n import tr_

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

RECENT_KEY = "recent/projects"
RECENT_MAX = 10
ZOOM_KEY = "view/zoom"
ZOOM_RANGE = (-6, 24)

# Windows opened from File → Open/New stay alive here until they are closed.
OPEN_WINDOWS: list[MainWindow] = []


def _recent_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


class SettingsController(QObject):
    """Recent projects, File → New / Open, zoom, the saved layout and the preferences of one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("window-settings")
        self.window = window
        self.zoom_level = 0
        self.base_point_size = 12.0
        self.layout_restored = False

    def new_project(self) -> MainWindow | None:
        """File → New project: a new project file in a window of its own."""
        path = self.window.choose_save_path(tr_("New project"), "project.db")
        if path is None:
            return None
        if path.exists():
            self.window.inform(
                tr_("New project"),
                tr_("{path} already exists: use File → Open project to open it.").format(path=path),
                icon="warning",
            )
            return None
        try:  # a folder typed into the dialog is what the user asked for
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.window.inform(
                tr_("New project"),
                tr_("Cannot create the folder {folder}: {error}").format(folder=path.parent, error=exc.strerror),
                icon="critical",
            )
            return None
        return self.open_project_window(path)

    def open_project(self) -> MainWindow | None:
        """File → Open project."""
        path = self.window.choose_open_path(tr_("Open project"))
        return self.open_project_window(path) if path is not None else None

    def open_project_window(self, path: str | Path) -> MainWindow | None:
        """Open ``path`` in a new window that replaces this one; a bad file is explained and left alone."""
        path = Path(path)
        if path.resolve() == self.window.project.path.resolve():
            return self.window
        try:
            window = type(self.window)(
                path, annotator=self.window.annotator, poll_interval_ms=self.window.poll_interval_ms
            )
        except StoreError as exc:
            self.window.inform(
                tr_("Cannot open the project"),
                tr_("This file could not be opened as a project.\n\n{reason}\n\nThe file was left untouched.").format(
                    reason=exc
                ),
                icon="critical",
            )
            return None
        OPEN_WINDOWS.append(window)
        window.show()
        self.window.close()
        return window

    def recent_projects(self) -> list[str]:
        """Recently opened project files, newest first."""
        return _recent_list(self.window.settings.value(RECENT_KEY))

    def add_recent_project(self, path: str | Path) -> None:
        """Put ``path`` first in File → Open recent."""
        entry = str(Path(path).resolve())
        recent = [entry] + [p for p in self.recent_projects() if p != entry]
        self.window.settings.setValue(RECENT_KEY, recent[:RECENT_MAX])

    def fill_recent_menu(self) -> None:
        self.window.recent_menu.clear()
        recent = self.recent_projects()
        for entry in recent:
            action = self.window.recent_menu.addAction(entry)
            action.setEnabled(Path(entry).exists())
            action.triggered.connect(lambda _checked=False, p=entry: self.open_project_window(p))
        if not recent:
            self.window.recent_menu.addAction(tr_("No recent projects")).setEnabled(False)

    def zoom_in(self) -> None:
        """Larger text in the reader (remembered)."""
        self.set_zoom(self.zoom_level + 1)

    def zoom_out(self) -> None:
        """Smaller text in the reader (remembered)."""
        self.set_zoom(self.zoom_level - 1)

    def set_zoom(self, level: int) -> None:
        """Set the reader's zoom: ``level`` points above (or below) its normal size."""
        level = max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], int(level)))
        font = self.window.reader.font()
        font.setPointSizeF(self.base_point_size + level)
        self.window.reader.setFont(font)
        self.zoom_level = level
        self.window.settings.setValue(ZOOM_KEY, level)
        self.window.show_message(
            tr_("Zoom {percent} %").format(percent=round(100 * font.pointSizeF() / self.base_point_size))
            if level
            else tr_("Normal size")
        )

    def restore_layout(self) -> None:
        self.base_point_size = self.window.reader.font().pointSizeF()
        if self.base_point_size <= 0:
            self.base_point_size = 12.0
        geometry = self.window.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.window.restoreGeometry(geometry)
        else:
            self.window.resize(1400, 860)
        state = self.window.settings.value("window/state")
        self.layout_restored = False
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.layout_restored = self.window.restoreState(state)
        splitter = self.window.settings.value("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.window.splitter.restoreState(splitter)
        try:
            zoom = int(self.window.settings.value(ZOOM_KEY, 0) or 0)
        except (TypeError, ValueError):
            zoom = 0
        if zoom:
            font = self.window.reader.font()
            font.setPointSizeF(self.base_point_size + max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], zoom)))
            self.window.reader.setFont(font)
            self.zoom_level = zoom
        self.apply_preferences()

    def apply_preferences(self) -> None:
        """Use the stored preferences: word snapping in the reader."""
        snap = self.window.settings.value("reader/snap_words", True, type=bool)
        setter = getattr(self.window.reader, "set_word_snapping", None)
        if callable(setter):
            setter(bool(snap))
        elif hasattr(self.window.reader, "snap_words"):
            self.window.reader.snap_words = bool(snap)

    def save_layout(self) -> None:
        """Remember the window's geometry, docks and splitter positions."""
        self.window.show_reader()  # the docks as the reader has them, not as a workspace hid them
        self.window.settings.setValue("window/geometry", self.window.saveGeometry())
        self.window.settings.setValue("window/state", self.window.saveState())
        self.window.settings.setValue("window/splitter", self.window.splitter.saveState())
        self.window.settings.sync()

    def initial_document(self) -> int | None:
        ids = [s.id for s in self.window.document_model.summaries()]
        if not ids:
            return None
        last = self.window.settings.value(self.last_document_key())
        with contextlib.suppress(TypeError, ValueError):
            if last is not None and int(last) in ids:
                return int(last)
        return ids[0]

    def last_document_key(self) -> str:
        digest = re.sub(r"[^A-Za-z0-9]", "_", str(self.window.project.path.resolve()))[-120:]
        return f"last-document/{digest}"
