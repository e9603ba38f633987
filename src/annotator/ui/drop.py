"""Files dragged onto the window (or its reader) are imported; Ctrl+wheel over the reader zooms."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QDragMoveEvent, QDropEvent, QWheelEvent

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

_TAKEN = (QEvent.Type.Wheel, QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


def local_paths(urls: Sequence[QUrl]) -> list[Path]:
    """The local files among dropped ``urls``."""
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile() and url.toLocalFile()]


class DropController(QObject):
    """Takes drops of files on the window and on the reader (which itself only takes text), and Ctrl+wheel."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("drop")
        self.window = window
        window.setAcceptDrops(True)
        self._viewport = window.reader.viewport()
        self._viewport.installEventFilter(self)

    def accepts(self, event: QDragMoveEvent) -> bool:
        """Whether a drag carries local files (then it is accepted)."""
        mime = event.mimeData()
        if mime.hasUrls() and local_paths(mime.urls()):
            event.acceptProposedAction()
            return True
        return False

    def drop(self, event: QDropEvent) -> bool:
        """Import the dropped files; False if the drop has none."""
        paths = local_paths(event.mimeData().urls()) if event.mimeData().hasUrls() else []
        if not paths:
            return False
        event.acceptProposedAction()
        self.window.import_files(paths)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only the event types taken here are looked at: the reader's viewport also sends others while the
        # window is being destroyed, when nothing of it may be called any more.
        kind = event.type()
        if kind not in _TAKEN or watched is not self._viewport:
            return False
        if isinstance(event, QWheelEvent):
            if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                return False
            # Ctrl+wheel zooms like Ctrl+plus/minus, and is remembered the same way.
            delta = event.angleDelta().y()
            if delta:
                self.window.set_zoom(self.window.zoom_level + (1 if delta > 0 else -1))
            return True
        if kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            return self.drop(event)
        return isinstance(event, QDragMoveEvent) and self.accepts(event)
