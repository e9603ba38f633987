"""A view that rebuilds its contents only when it is seen."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from annotator.store.project import Change, ChangeKind


class RefreshWhenShown(QWidget):
    """Base of the corpus-wide views: a change refreshes a visible view at once and only marks a hidden one
    stale; a stale view refreshes when it is shown. So nothing is computed at start-up for tabs nobody opened.

    Subclasses define ``refresh()`` (which clears ``_dirty``), may list change kinds they ignore in
    ``IGNORED_CHANGES``, and connect ``window.signals.changed`` to ``_on_change`` (or to their own policy
    that sets ``_dirty`` where this one would).
    """

    IGNORED_CHANGES: frozenset[ChangeKind] = frozenset()
    _dirty = True

    def refresh(self) -> None:  # pragma: no cover - every subclass defines it
        """Rebuild the view's contents from the project."""
        self._dirty = False

    def _on_change(self, change: Change) -> None:
        if change.kind in self.IGNORED_CHANGES:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()
