"""View → Theme: Follow system / Light / Dark / High contrast, stored in the settings and applied at once.

The menu and its actions come from the action table (``annotator.ui.actions``); they run ``set_theme``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from annotator.ui import theme as themes

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow


class _Follower(QObject):
    """Repaints one window when the theme changes (a child of the window: gone with it)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window

    def changed(self, _name: str) -> None:
        _repaint(self.window_)


def install(window: MainWindow) -> None:
    """Check the stored theme in View → Theme (its actions are declared in ``annotator.ui.actions``), apply it and
    follow its changes."""
    mode = themes.saved_mode(window.settings)
    window.theme_actions = {key: getattr(window, f"action_theme_{key}") for key in themes.MODES}
    for key, action in window.theme_actions.items():
        action.setChecked(key == mode)
    follower = _Follower(window)
    themes.notifier().changed.connect(follower.changed)
    themes.apply_saved(window.settings)


def set_theme(window: MainWindow, mode: str) -> None:
    """Use and remember the theme ``mode`` (system, light, dark, contrast)."""
    window.settings.setValue(themes.THEME_KEY, mode)
    window.settings.sync()
    themes.apply_theme(mode)
    action = getattr(window, "theme_actions", {}).get(mode)
    if action is not None:
        action.setChecked(True)
    _repaint(window)


def _repaint(window: MainWindow) -> None:
    try:
        window.label_bar.restyle()
        window.reader.viewport().update()
    except RuntimeError:  # the window was closed and its widgets deleted
        pass
