"""Page marks in the reader: where each page of a paginated document (a PDF) starts.

The page starts come from the document's metadata (``page_starts``, code points). Over the text, where a
page starts at the beginning of a line, a thin dashed rule runs across the reader above that line; where
it starts inside a line (a paragraph running on from the page before), a short upright tick stands before
its first character. Either way a small ``p. N`` label sits in the right margin. Only the marks in the
visible blocks are drawn, found by bisection in the page starts.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from annotator.core.metadata import page_starts

if TYPE_CHECKING:
    from annotator.ui.reader import ReaderView
    from annotator.ui.span_painter import _VisibleBlock

MARK_COLOR = QColor(120, 120, 140, 170)
LABEL_POINT_SIZE = 7.5


class PageMarks:
    """The page starts of the document a reader shows, and their drawing."""

    def __init__(self, view: ReaderView) -> None:
        self.view = view
        self.starts: list[int] = []
        # What the last paint drew: (page number, label rectangle in viewport coordinates).
        self.drawn: list[tuple[int, QRectF]] = []

    def load(self, metadata: dict[str, Any]) -> None:
        """Take the page starts of a newly shown document (none for a document without pages)."""
        starts = page_starts(metadata)
        self.starts = starts if len(starts) > 1 else []
        self.drawn = []

    def page_at(self, codepoint: int) -> int | None:
        """The page that holds ``codepoint``, or None for a document without pages."""
        from annotator.core.metadata import page_of

        return page_of(self.starts, codepoint) if self.starts else None

    def draw(self, painter: QPainter, clip: QRect) -> None:
        """Draw the marks of the pages that start in the blocks intersecting ``clip``."""
        self.drawn = []
        if not self.starts:
            return
        view = self.view
        width = view.viewport().width()
        pen = QPen(MARK_COLOR, 1.0, Qt.PenStyle.DashLine)
        font = QFont(view.font())
        font.setPointSizeF(LABEL_POINT_SIZE)
        painter.save()
        painter.setFont(font)
        text_length = len(view.text())
        for item in view.span_painter.visible_blocks(clip):
            index = bisect_left(self.starts, item.start)
            while index < len(self.starts) and self.starts[index] <= item.end:
                start = self.starts[index]
                # Pages without text share their start with the next: the mark names the page whose text is here.
                while index + 1 < len(self.starts) and self.starts[index + 1] == start:
                    index += 1
                index += 1
                if start == 0 or start >= text_length:
                    continue
                self._draw_mark(painter, pen, item, start, index, width)
        painter.restore()

    def _draw_mark(self, painter: QPainter, pen: QPen, item: _VisibleBlock, start: int, page: int, width: int) -> None:
        block = item.block
        position = self.view.to_utf16(start) - block.position()
        layout = block.layout()
        line = layout.lineForTextPosition(position)
        if not line.isValid():
            return
        top = item.origin.y() + line.y()
        x = item.origin.x() + line.cursorToX(position)[0]
        painter.setPen(pen)
        if position <= line.textStart():
            painter.drawLine(QPointF(0, top), QPointF(width, top))
        else:
            painter.drawLine(QPointF(x - 1.5, top), QPointF(x - 1.5, top + line.height()))
        label = f"p. {page}"
        metrics = painter.fontMetrics()
        rect = QRectF(
            width - metrics.horizontalAdvance(label) - 6, top, metrics.horizontalAdvance(label) + 4, metrics.height()
        )
        painter.setPen(MARK_COLOR)
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, label)
        self.drawn.append((page, rect))
