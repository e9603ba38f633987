"""View → Theme: Follow system / Light / Dark / High contrast, stored in the settings and applied at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup

from annotator.ui import theme as themes


class _Follower(QObject):
    """Repaints one window when the theme changes (a child of the window: gone with it)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window_ = window

    def changed(self, _name: str) -> None:
        _repaint(self.window_)


def install(window: Any) -> None:
    """Add the Theme submenu to the window's View menu, apply the stored theme and follow its changes."""
    menu = window.menu("&View").addMenu(QCoreApplication.translate("", "&Theme"))
    menu.setObjectName("menu-theme")
    group = QActionGroup(window)
    window.theme_actions = {}
    mode = themes.saved_mode(window.settings)
    for key in themes.MODES:
        action = QAction(QCoreApplication.translate("", _SOURCE[key]), window)
        action.setObjectName(f"action-theme-{key}")
        action.setCheckable(True)
        action.setChecked(key == mode)
        action.triggered.connect(lambda _checked=False, chosen=key: set_theme(window, chosen))
        group.addAction(action)
        menu.addAction(action)
        window.theme_actions[key] = action
    themes.apply_saved(window.settings)
    follower = _Follower(window)
    themes.notifier().changed.connect(follower.changed)


_SOURCE = {
    "system": "Follow &system",
    "light": "&Light",
    "dark": "&Dark",
    "contrast": "&High contrast",
}


def set_theme(window: Any, mode: str) -> None:
    """Use and remember the theme ``mode`` (system, light, dark, contrast)."""
    window.settings.setValue(themes.THEME_KEY, mode)
    window.settings.sync()
    themes.apply_theme(mode)
    action = getattr(window, "theme_actions", {}).get(mode)
    if action is not None:
        action.setChecked(True)
    _repaint(window)


def _repaint(window: Any) -> None:
    try:
        window.label_bar.restyle()
        window.reader.viewport().update()
    except RuntimeError:  # the window was closed and its widgets deleted
        pass
