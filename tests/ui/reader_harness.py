"""The reader on its own, with what a window would give it: the harness the reader tests share."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor, QUndoStack

from annotator.store.project import Project
from annotator.ui.commands import AddSpanCommand, push_command
from annotator.ui.reader import ReaderView
from annotator.ui.signals import ProjectSignals

TEXT = (
    "Selon l’ONU, la Corée du Nord a fourni à la Russie des munitions d’artillerie.\n"
    "Plus de 10\u00a0000 soldats nord-coréens sont déployés ; les experts estiment que c’est un risque.\n"
)


class Harness:
    """A reader on its own, with the project, signals and undo stack a window would give it."""

    def __init__(self, qtbot: Any, db_path: Path, text: str = TEXT, annotator: str = "tester") -> None:
        self.db_path = db_path
        self.project = Project(db_path)
        self.signals = ProjectSignals(self.project)
        self.stack = QUndoStack()
        self.reader = ReaderView(self.project, self.signals, self.stack, annotator)
        qtbot.addWidget(self.reader)
        self.reader.resize(760, 520)
        with qtbot.waitExposed(self.reader):
            self.reader.show()
        self.doc_id = self.project.add_document("Corée", text)[0].id
        self.reader.set_document(self.doc_id)
        self.reader.setFocus()

    @property
    def text(self) -> str:
        return self.project.document_text(self.doc_id)

    def rows(self) -> list[tuple]:
        """Spans as stored, read through a separate connection: (start, end, label, text, note, status)."""
        conn = sqlite3.connect(self.db_path)
        try:
            return conn.execute(
                'SELECT start, "end", label, text, note, status FROM annotations ORDER BY start, "end", label'
            ).fetchall()
        finally:
            conn.close()

    def span_of(self, phrase: str, label: str = "actor", occurrence: int = 0, **fields: Any) -> str:
        start = -1
        for _ in range(occurrence + 1):
            start = self.text.index(phrase, start + 1)
        command = AddSpanCommand(
            self.project, self.doc_id, start, start + len(phrase), label, **{"annotator": "tester", **fields}
        )
        push_command(self.stack, command)
        assert command.span is not None
        return command.span.id

    def select(self, start: int, end: int) -> None:
        """Put a text selection on code points [start, end) the way the keyboard would leave it."""
        offsets = self.reader.offset_map()
        cursor = self.reader.textCursor()
        cursor.setPosition(offsets.to_utf16(start))
        cursor.setPosition(offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.reader.setTextCursor(cursor)

    def point_of(self, codepoint: int) -> QPoint:
        """The viewport point of the caret at code point ``codepoint``."""
        cursor = QTextCursor(self.reader.document())
        cursor.setPosition(self.reader.offset_map().to_utf16(codepoint))
        return self.reader.cursorRect(cursor).center()

    def point_inside(self, codepoint: int) -> QPoint:
        """A viewport point on the character at ``codepoint`` (between its caret positions)."""
        left, right = self.point_of(codepoint), self.point_of(codepoint + 1)
        return QPoint((left.x() + right.x()) // 2, left.y())

    def close(self) -> None:
        self.signals.detach()
        self.project.close()
