"""Turns the project's change notifications into Qt signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from annotator.store.project import Change, Project


class ProjectSignals(QObject):
    """Emits ``changed(Change)`` after every committed change of one project (ours or another process's)."""

    changed = Signal(object)

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        project.add_listener(self._on_change)

    def _on_change(self, change: Change) -> None:
        self.changed.emit(change)

    def detach(self) -> None:
        """Stop listening (before the project is closed)."""
        self.project.remove_listener(self._on_change)
