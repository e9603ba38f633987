"""The reader's keys, looked up in the action table (``annotator.ui.actions.READER_KEYS``): label hotkeys tag the
text selection or relabel the selected span; the span's own keys win over window shortcuts while it is selected.

A base of ``ReaderView``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QKeyEvent,
)

from annotator.ui.actions import reader_binding, reader_rows

_NO_MODIFIERS = Qt.KeyboardModifier.NoModifier
_ALT = Qt.KeyboardModifier.AltModifier
_CTRL = Qt.KeyboardModifier.ControlModifier
_META = Qt.KeyboardModifier.MetaModifier
_KEYPAD = Qt.KeyboardModifier.KeypadModifier


def _modifiers(event: QKeyEvent) -> Qt.KeyboardModifier:
    return event.modifiers() & ~_KEYPAD


class ReaderKeys:
    """Which reader key does what, and running it (a base of ``ReaderView``)."""

    def _hotkey_label(self, event: QKeyEvent) -> str | None:
        if _modifiers(event) & (_CTRL | _META):
            return None
        key = event.key()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 or Qt.Key.Key_A <= key <= Qt.Key.Key_Z:
            char = chr(int(key)).lower()
        else:
            char = event.text().lower()
        return self._hotkeys.get(char) if char else None

    def _key_matches(self, name: str, event: QKeyEvent) -> tuple[Any, ...] | None:
        """The arguments of a key that depends on the project (see ``actions.READER_KEYS``), None: no match."""
        mods = _modifiers(event)
        if name == "note_key":  # N edits the note unless a label took N as its hotkey
            return () if event.key() == Qt.Key.Key_N and mods == _NO_MODIFIERS and "n" not in self._hotkeys else None
        label = self._hotkey_label(event)
        if label is None:
            return None
        if name == "relabel_key":
            return None if mods & _ALT else (label,)
        return (label, self._snap and not mods & _ALT)  # tag_key: Alt tags exactly as selected

    def _key_state(self, *, for_override: bool = False) -> str:
        text = self.textCursor().hasSelection()
        if self._selected is not None:
            # Over a window shortcut, only the span's own keys win while a span is selected.
            return "both" if text and not for_override else "span"
        return "text" if text else "none"

    def _takes_key(self, event: QKeyEvent) -> bool:
        """Keys the reader handles itself even if a window-wide shortcut uses them (F2, Alt+hotkey...)."""
        binding = reader_binding(event, self._key_state(for_override=True), self._key_matches)
        return binding is not None and binding[0].overrides

    def _run_key(self, event: QKeyEvent, *, early: bool = False) -> bool:
        binding = reader_binding(event, self._key_state(), self._key_matches, early=early)
        if binding is None:
            return False
        item, args = binding
        getattr(self, str(item.handler))(*args)
        event.accept()
        return True

    def clear_span_selection(self) -> None:
        """Select no span (Escape)."""
        self._set_selected(None, scroll=False)

    def clear_text_selection(self) -> None:
        """Drop the text selection, keeping the cursor where it is (Escape)."""
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def tag_by_key(self, label: str, snap: bool) -> bool:
        """Tag the text selection as ``label`` (a label hotkey; ``snap`` to words unless Alt was held)."""
        return self.tag_selection(label, snap=snap)

    def shortcut_descriptions(self) -> list[tuple[str, str]]:
        """The reader's own keys, as (keys, what they do), for Help → Keyboard shortcuts."""
        return reader_rows()
