"""Find in document (Ctrl+F): a bar over the reader; the reader highlights every match."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from annotator.ui.actions import resolve, view_binding
from annotator.ui.i18n import tr_, trn_

if TYPE_CHECKING:
    from annotator.ui.reader import ReaderView


class FindBar(QWidget):
    """Search box with previous/next; uses the reader's ``find_text``, ``find_next`` and ``find_previous``."""

    def __init__(self, reader: ReaderView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("find-bar")
        self.reader = reader
        self.box = QLineEdit(self)
        self.box.setObjectName("find-box")
        self.box.setPlaceholderText(tr_("Find in document"))
        self.box.setClearButtonEnabled(True)
        self.box.textChanged.connect(self.search)
        self.box.installEventFilter(self)
        self.count = QLabel("", self)
        self.count.setObjectName("find-count")
        self.previous_button = QToolButton(self)
        self.previous_button.setText("↑")
        self.previous_button.setToolTip(tr_("Previous match (Shift+Enter, Shift+F3)"))
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button = QToolButton(self)
        self.next_button.setText("↓")
        self.next_button.setToolTip(tr_("Next match (Enter, F3)"))
        self.next_button.clicked.connect(self.find_next)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip(tr_("Close (Esc)"))
        self.close_button.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.box, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.close_button)
        self.hide()

    def open_bar(self) -> None:
        """Show the bar with the reader's selected text (if short) and focus the box."""
        selected = self.reader.textCursor().selectedText().replace("\u2029", " ").strip()
        if selected and len(selected) < 80:
            self.box.setText(selected)
        self.show()
        self.box.setFocus()
        self.box.selectAll()
        self.search(self.box.text())

    def close_bar(self) -> None:
        """Hide the bar, clear the highlights and give the focus back to the reader."""
        self.hide()
        self._call("find_text", "")
        self.reader.setFocus()

    def setVisible(self, visible: bool) -> None:
        """Hidden by any means (Esc, the close button, the window), the bar takes its highlights away."""
        super().setVisible(visible)
        if not visible:
            self._call("find_text", "")

    def search(self, text: str) -> None:
        """Highlight every match of ``text`` in the reader and go to the first one."""
        result = self._call("find_text", text)
        if not text:
            self.count.setText("")
        elif isinstance(result, bool) or result is None:
            self.count.setText("" if result or result is None else tr_("No match"))
        elif isinstance(result, int):
            self.count.setText(trn_("%n [match|matches]", "", result) if result else tr_("No match"))
        self.box.setProperty("nomatch", bool(text) and result in (0, False))
        self.box.style().unpolish(self.box)
        self.box.style().polish(self.box)

    def find_next(self) -> None:
        """Go to the next match."""
        self._call("find_next")

    def find_previous(self) -> None:
        """Go to the previous match."""
        self._call("find_previous")

    def _call(self, name: str, *args: Any) -> Any:
        method = getattr(self.reader, name, None)
        return method(*args) if callable(method) else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            # Enter, Shift+Enter, Escape (declared in the action table); other modifiers do not matter.
            others = Qt.KeyboardModifier.KeyboardModifierMask & ~Qt.KeyboardModifier.ShiftModifier
            item = view_binding(self.objectName(), event, ignoring=others)
            if item is not None and item.handler is not None:
                resolve(self, item.handler)(*item.args)
                return True
        return super().eventFilter(watched, event)
