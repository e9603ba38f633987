"""A stand-in for ``annotator.ui.reader.ReaderView`` with the agreed API, used only while the real
reader is not in the tree (so that the main window's own tests can run on their own)."""

from __future__ import annotations

import importlib.util
import sys
import types
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from annotator.core.offsets import Utf16Map, snap_to_words
from annotator.ui.commands import AddSpanCommand


class StandInReader(QPlainTextEdit):
    selectedSpanChanged = Signal(object)

    def __init__(self, project: Any, signals: Any, undo_stack: Any, annotator: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.project = project
        self.annotator = annotator
        self.command_runner = None
        self._doc: int | None = None
        self._selected: str | None = None
        self._map = Utf16Map("")
        self._find = ""
        self.filter: tuple[str, str | None] = ("all", None)

    def set_document(self, doc_id: int | None) -> None:
        self._doc = doc_id
        text = self.project.document_text(doc_id) if doc_id is not None else ""
        self._map = Utf16Map(text)
        self.setPlainText(text)
        self.select_span(None)

    def document_id(self) -> int | None:
        return self._doc

    def selected_span_id(self) -> str | None:
        return self._selected

    def select_span(self, span_id: str | None) -> None:
        self._selected = span_id
        if span_id is not None:
            span = self.project.span(span_id)
            cursor = self.textCursor()
            cursor.setPosition(self._map.to_utf16(span.start))
            self.setTextCursor(cursor)
        self.selectedSpanChanged.emit(span_id)

    def offset_map(self) -> Utf16Map:
        return self._map

    def selection_codepoints(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection() or self._doc is None:
            return None
        start, end = self._map.range_to_codepoints(cursor.selectionStart(), cursor.selectionEnd())
        return snap_to_words(self.project.document_text(self._doc), start, end)

    def tag_selection(self, label: str) -> bool:
        selection = self.selection_codepoints()
        if selection is None or self._doc is None:
            return False
        command = AddSpanCommand(self.project, self._doc, *selection, label, annotator=self.annotator)
        return bool(self.command_runner(command))

    def set_annotator_filter(self, mode: str, name: str | None = None) -> None:
        self.filter = (mode, name)

    def find_text(self, text: str) -> int:
        self._find = text
        return self.toPlainText().count(text) if text else 0

    def find_next(self) -> bool:
        return self.find(self._find)

    def find_previous(self) -> bool:
        return self.find(self._find, QTextCursor.FindFlag.FindBackward)  # type: ignore[arg-type]

    def shortcut_descriptions(self) -> list[tuple[str, str]]:
        return [("Delete", "Delete the selected span")]


def install_if_missing() -> None:
    """Make ``annotator.ui.reader`` importable with the stand-in if the real module is not there."""
    if "annotator.ui.reader" in sys.modules or importlib.util.find_spec("annotator.ui.reader") is not None:
        return
    module = types.ModuleType("annotator.ui.reader")
    module.ReaderView = StandInReader  # type: ignore[attr-defined]
    sys.modules["annotator.ui.reader"] = module
