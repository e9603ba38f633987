"""Where views live in the window: plug-in views found in ``annotator.ui.views`` (one place), as tabs of the views
panel, and workspaces shown instead of the reader."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from annotator.ui.actions import VIEW_ACTIONS, ActionSpec, make_action
from annotator.ui.i18n import tr_

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

log = logging.getLogger(__name__)

VIEWS_HEIGHT = 230
VIEWS_MIN_HEIGHT = 150


class ViewHost(QObject):
    """Installs the plug-in views and switches between the reader and the workspaces."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("view-host")
        self.window = window
        self.workspace_actions: dict[QWidget, QAction] = {}
        self.views_shown_in_reader = False
        self.workspace_menu_anchor: QAction | None = None  # workspaces go before it in the View menu

    def install_views(self) -> None:
        """Call ``install(window)`` of every plug-in view module; a broken one is reported, never fatal."""
        from annotator.ui import views

        try:
            modules = views.view_modules()
        except Exception:  # one module fails to import: load the others one by one
            log.exception("loading the plug-in views")
            modules = views.load_view_modules(on_error=self._plugin_failed)
        for module in modules:
            try:
                module.install(self.window)
            except Exception as exc:
                self._plugin_failed(module.__name__.rsplit(".", 1)[-1], exc)
        if self.window.view_tabs.count():
            self.window.view_tabs.setCurrentIndex(0)

    def _plugin_failed(self, name: str, exc: BaseException) -> None:
        log.exception("the %s view could not be installed", name, exc_info=exc)
        message = tr_("The {name} view could not be loaded: {error}").format(name=name, error=exc)
        self.window.plugin_errors.append(message)
        self.window.show_message(message)

    def add_view(self, widget: QWidget, title: str) -> int:
        """Add ``widget`` as a tab of the views panel; returns its tab index."""
        # A view may ask for a tall minimum (charts, forms); it must not push the reader aside, so the views
        # panel can be made as short as a strip and the view scrolls or squeezes inside it.
        if widget.minimumSizeHint().height() > VIEWS_MIN_HEIGHT and widget.minimumHeight() == 0:
            widget.setMinimumHeight(VIEWS_MIN_HEIGHT)
        index = self.window.view_tabs.addTab(widget, title)
        if not self.window.view_dock.isVisible() and not self.window.settings.value(
            "window/views-hidden", False, type=bool
        ):
            self.window.view_dock.show()
            if not self.window.settings_ctl.layout_restored:
                # The reader stays the main thing: the views start as a strip under it.
                self.window.resizeDocks([self.window.view_dock], [VIEWS_HEIGHT], Qt.Orientation.Vertical)
        return index

    def show_view(self, widget: QWidget) -> None:
        """Bring the views panel forward on ``widget``'s tab (back in the reader), or show the workspace
        that holds ``widget``."""
        index = self.window.view_tabs.indexOf(widget)
        if index >= 0:
            self.show_reader()
            self.window.view_dock.show()
            self.window.view_dock.raise_()
            self.window.view_tabs.setCurrentIndex(index)
            return
        for workspace in self.workspace_actions:
            if workspace is widget or workspace.isAncestorOf(widget):
                self.show_workspace(workspace)
                return

    def add_workspace(self, widget: QWidget, title: str, shortcut: str | None = None) -> QAction:
        """Add ``widget`` as a main view the analyst switches to instead of the reader (View menu, with
        ``shortcut``); returns its action."""
        self.window.central_stack.addWidget(widget)
        name = widget.objectName() or title.lower().replace(" ", "-")
        declared = next((item for item in VIEW_ACTIONS if item.id == f"show-{name}"), None)  # its keys, if declared
        item = ActionSpec(
            f"show-{name}",
            tr_("{title} workspace").format(title=title),  # the title comes translated
            shortcuts=declared.shortcuts if declared is not None else (shortcut,) if shortcut else (),
            checkable=True,
            description=tr_("Show the {title} workspace").format(title=title),
        )
        action = make_action(self.window, item, lambda: self.show_workspace(widget))
        self.window.workspace_group.addAction(action)
        self.window.menu("&View").insertAction(self.workspace_menu_anchor, action)
        self.workspace_actions[widget] = action
        return action

    def current_workspace(self) -> QWidget | None:
        """The workspace shown instead of the reader, if any."""
        current = self.window.central_stack.currentWidget()
        return None if current is self.window.splitter else current

    def show_workspace(self, widget: QWidget) -> None:
        """Show a workspace in place of the reader; the views panel steps aside while it is shown."""
        if widget not in self.workspace_actions:
            return
        if self.current_workspace() is None:
            self.views_shown_in_reader = self.window.view_dock.isVisible()
            self.window.view_dock.hide()
        self.window.central_stack.setCurrentWidget(widget)
        self.workspace_actions[widget].setChecked(True)
        widget.setFocus()

    def show_reader(self) -> None:
        """Back to the reader (and the views panel as it was)."""
        if self.current_workspace() is None:
            return
        self.window.central_stack.setCurrentWidget(self.window.splitter)
        self.window.action_show_reader.setChecked(True)
        if self.views_shown_in_reader:
            self.window.view_dock.show()
        self.window.reader.setFocus()
