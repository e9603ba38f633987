"""Paints spans and find matches in the reader's viewport, for the blocks on screen only.

A character format holds one background and one underline, so spans are painted instead of formatted:
the reader's paint event asks the painter for a *plan* (the rectangles of every span piece in the visible
blocks, from the block layouts' lines), draws the fills under the text, lets QPlainTextEdit draw the text,
then draws underlines and outlines over it. Work is proportional to what is on screen: the blocks walked
are the visible ones, and the spans looked up are those the interval index returns for them.

Look:
- an accepted span: a translucent fill in its label colour and an underline; overlapping and nested
  spans each get a *level* (lowest free level in text order), and level k draws its underline k steps
  higher and its fill that much shorter, so overlaps stay visibly distinct;
- a span of another annotator (when everyone's spans are shown): a lighter fill and a dotted underline;
- a suggestion: a dashed outline in the label colour, no fill;
- the selected span: a strong outline and a stronger fill;
- find matches: a neutral amber fill, the current match outlined.
Rejected spans are never drawn (they are not in the index).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QTextBlock

if TYPE_CHECKING:
    from annotator.ui.reader import ReaderView
    from annotator.ui.span_index import SpanInfo

UNDERLINE_STEP = 2.5
MAX_LEVELS = 4
FIND_FILL = QColor(255, 200, 40, 120)
FIND_CURRENT = QColor(200, 110, 0)
FALLBACK_COLOR = "#888888"


@dataclass(slots=True)
class SpanPiece:
    """One line's worth of a span: where it is and how it is drawn."""

    rect: QRectF
    info: SpanInfo
    level: int
    mine: bool
    selected: bool


@dataclass(slots=True)
class PaintPlan:
    """Everything one paint event draws; also what the last paint looked at (for tests and benchmarks)."""

    pieces: list[SpanPiece] = field(default_factory=list)
    find_rects: list[tuple[QRectF, bool]] = field(default_factory=list)
    blocks: int = 0
    spans: int = 0


@dataclass(slots=True)
class _VisibleBlock:
    block: QTextBlock
    origin: QPointF
    start: int  # code points
    end: int


class SpanPainter:
    """Plans and draws the span decorations of one ReaderView."""

    def __init__(self, view: ReaderView) -> None:
        self.view = view
        self.last_plan = PaintPlan()
        self._colors: dict[str, QColor] = {}

    def set_label_colors(self, colors: dict[str, str]) -> None:
        """Colours by label name (#RRGGBB)."""
        self._colors = {name: QColor(value) for name, value in colors.items()}

    def color(self, label: str) -> QColor:
        """The colour of ``label`` (grey for a label the project no longer has)."""
        return QColor(self._colors.get(label) or QColor(FALLBACK_COLOR))

    # -- geometry ---------------------------------------------------------------------------------

    def visible_blocks(self, clip: QRect | None = None) -> list[_VisibleBlock]:
        """The blocks that intersect ``clip`` (default: the whole viewport), top to bottom."""
        view = self.view
        viewport = view.viewport()
        area = QRectF(clip) if clip is not None else QRectF(viewport.rect())
        offset = view.contentOffset()
        offsets = view.offset_map()
        blocks: list[_VisibleBlock] = []
        block = view.firstVisibleBlock()
        while block.isValid():
            geometry = view.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > area.bottom():
                break
            if geometry.bottom() >= area.top() and block.isVisible():
                position = block.position()
                start = offsets.to_codepoint(position)
                end = offsets.to_codepoint(position + max(0, block.length() - 1))
                blocks.append(_VisibleBlock(block, geometry.topLeft(), start, end))
            block = block.next()
        return blocks

    @staticmethod
    def line_rects(block: QTextBlock, origin: QPointF, u_start: int, u_end: int) -> list[QRectF]:
        """Rectangles covering UTF-16 positions [u_start, u_end) of ``block`` (block-relative), one per line."""
        layout = block.layout()
        rects: list[QRectF] = []
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            line_start = line.textStart()
            line_end = line_start + line.textLength()
            start = max(u_start, line_start)
            end = min(u_end, line_end)
            if end <= start:
                continue
            x1 = line.cursorToX(start)[0]
            x2 = line.cursorToX(end)[0]
            left, right = min(x1, x2), max(x1, x2)
            rects.append(QRectF(left, line.y(), max(1.0, right - left), line.height()).translated(origin))
        return rects

    def rect_for_range(self, start: int, end: int) -> QRect | None:
        """The part of the viewport where code points [start, end) are drawn (whole block rows), or None."""
        view = self.view
        offsets = view.offset_map()
        document = view.document()
        first = view.firstVisibleBlock()
        if not first.isValid():
            return None
        block = document.findBlock(offsets.to_utf16(start))
        if not block.isValid() or block.blockNumber() < first.blockNumber():
            block = first
        u_end = offsets.to_utf16(end)
        offset = view.contentOffset()
        height = view.viewport().height()
        width = view.viewport().width()
        area: QRectF | None = None
        while block.isValid() and block.position() <= u_end:
            geometry = view.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > height:
                break
            if geometry.bottom() >= 0:
                row = QRectF(0, geometry.top(), width, geometry.height())
                area = row if area is None else area.united(row)
            block = block.next()
        return area.toAlignedRect().adjusted(0, -1, 0, 1) if area is not None else None

    # -- planning ---------------------------------------------------------------------------------

    def plan(self, clip: QRect) -> PaintPlan:
        """The decorations to draw for the blocks intersecting ``clip``."""
        view = self.view
        plan = PaintPlan()
        blocks = self.visible_blocks(clip)
        plan.blocks = len(blocks)
        if not blocks:
            self.last_plan = plan
            return plan
        offsets = view.offset_map()
        first, last = blocks[0].start, max(blocks[-1].end, blocks[-1].start + 1)
        spans = [info for info in view.spans.touching(first, last) if view.is_shown(info)]
        plan.spans = len(spans)
        levels = assign_levels(spans)
        selected = view.selected_span_id()
        for item in blocks:
            block_u = item.block.position()
            for info in spans:
                if info.end <= item.start or info.start >= max(item.end, item.start + 1):
                    continue
                u_start = max(0, offsets.to_utf16(max(info.start, item.start)) - block_u)
                u_end = offsets.to_utf16(min(info.end, item.end)) - block_u
                for rect in self.line_rects(item.block, item.origin, u_start, u_end):
                    plan.pieces.append(
                        SpanPiece(rect, info, levels[info.id], info.annotator == view.annotator, info.id == selected)
                    )
            for start, end, current in view.find_matches_between(item.start, item.end):
                u_start = offsets.to_utf16(start) - block_u
                u_end = offsets.to_utf16(end) - block_u
                for rect in self.line_rects(item.block, item.origin, u_start, u_end):
                    plan.find_rects.append((rect, current))
        self.last_plan = plan
        return plan

    # -- drawing ----------------------------------------------------------------------------------

    def draw_under(self, painter: QPainter, plan: PaintPlan) -> None:
        """Fills, drawn before the text."""
        painter.setPen(Qt.PenStyle.NoPen)
        for rect, _current in plan.find_rects:
            painter.fillRect(rect, FIND_FILL)
        for piece in plan.pieces:
            if piece.info.status == "suggested":
                continue
            color = self.color(piece.info.label)
            color.setAlpha(110 if piece.selected else (70 if piece.mine else 32))
            rect = QRectF(piece.rect)
            rect.setBottom(rect.bottom() - min(piece.level, MAX_LEVELS) * UNDERLINE_STEP)
            painter.fillRect(rect, color)

    def draw_over(self, painter: QPainter, plan: PaintPlan) -> None:
        """Underlines and outlines, drawn over the text."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for piece in plan.pieces:
            color = self.color(piece.info.label)
            rect = piece.rect
            if piece.info.status == "suggested":
                pen = QPen(color.darker(115), 1.3, Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 2.0, 2.0)
            else:
                style = Qt.PenStyle.SolidLine if piece.mine else Qt.PenStyle.DotLine
                pen = QPen(color.darker(125), 1.6, style)
                pen.setCapStyle(Qt.PenCapStyle.FlatCap)
                painter.setPen(pen)
                y = rect.bottom() - 1.0 - min(piece.level, MAX_LEVELS) * UNDERLINE_STEP
                painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            if piece.selected:
                pen = QPen(color.darker(170), 2.0, Qt.PenStyle.SolidLine)
                painter.setPen(pen)
                painter.drawRoundedRect(rect.adjusted(-1.0, -0.5, 1.0, 0.5), 2.5, 2.5)
        for rect, current in plan.find_rects:
            if current:
                painter.setPen(QPen(FIND_CURRENT, 1.6))
                painter.drawRoundedRect(rect.adjusted(-0.5, 0, 0.5, 0), 2.0, 2.0)


def assign_levels(spans: list[SpanInfo]) -> dict[str, int]:
    """A level per span so that spans sharing a position never share a level (lowest free level, text order)."""
    levels: dict[str, int] = {}
    ends: list[int] = []  # ends[level]: where the span holding that level ends
    for info in sorted(spans, key=lambda s: (s.start, -s.end, s.id)):
        for level, end in enumerate(ends):
            if end <= info.start:
                ends[level] = info.end
                levels[info.id] = level
                break
        else:
            levels[info.id] = len(ends)
            ends.append(info.end)
    return levels
