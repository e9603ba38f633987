"""View → Theme: Follow system / Light / Dark / High contrast, stored in the settings and applied at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TR_NOOP, QObject
from PySide6.QtGui import QAction, QActionGroup

from annotator.ui import theme as themes
from annotator.ui.i18n import tr_


class _Follower(QObject):
    """Repaints one window when the theme changes (a child of the window: gone with it)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window_ = window

    def changed(self, _name: str) -> None:
        _repaint(self.window_)


def install(window: Any) -> None:
    """Add the Theme submenu to the window's View menu, apply the stored theme and follow its changes."""
    menu = window.menu("&View").addMenu(tr_("&Theme"))
    menu.setObjectName("menu-theme")
    group = QActionGroup(window)
    window.theme_actions = {}
    mode = themes.saved_mode(window.settings)
    for key in themes.MODES:
        action = QAction(tr_(_SOURCE[key]), window)
        action.setObjectName(f"action-theme-{key}")
        action.setCheckable(True)
        action.setChecked(key == mode)
        action.triggered.connect(lambda _checked=False, chosen=key: set_theme(window, chosen))
        group.addAction(action)
        menu.addAction(action)
        window.theme_actions[key] = action
    follower = _Follower(window)
    themes.notifier().changed.connect(follower.changed)
    themes.apply_saved(window.settings)


_SOURCE = {
    "system": QT_TR_NOOP("Follow &system"),
    "light": QT_TR_NOOP("&Light"),
    "dark": QT_TR_NOOP("&Dark"),
    "contrast": QT_TR_NOOP("&High contrast"),
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
