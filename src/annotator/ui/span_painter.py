"""Paints spans and find matches in the reader's viewport, for the blocks on screen only.

A character format holds one background and one underline, so spans are painted instead of formatted:
the reader's paint event asks the painter for a *plan* (the rectangles of every span piece in the visible
blocks, from the block layouts' lines), draws the fills under the text, lets QPlainTextEdit draw the text,
then draws underlines and outlines over it. Work is proportional to what is on screen: the blocks walked
are the visible ones, and the spans looked up are those the interval index returns for them. A block's
decorations are grouped once by brush and pen, in block coordinates, and drawn with one translation and one
``drawRects`` per group while the block stays the same; a small repaint (a tagged line) draws only the
pieces of the lines it covers.

Look:
- an accepted span: a translucent fill in its label colour and an underline; overlapping and nested
  spans each get a *level* (lowest free level in text order): level 0 is underlined, level 1 overlined,
  level 2 underlined a step higher, level 3 overlined a step lower, and each level's fill is a little
  shorter than the one below it (nested boxes), so overlaps stay visibly distinct;
- a span of another annotator (when everyone's spans are shown): a lighter fill and a dotted underline;
- a suggestion: a dashed outline in the label colour, no fill;
- the selected span: a strong outline and a stronger fill;
- find matches: a rounded outline in the platform's highlight colour (no fill, no underline: a look no
  label has), thicker on the current match, which is also the text selection.
Rejected spans are never drawn (they are not in the index).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen, QTextBlock

from annotator.core.contrast import mark_color, relative_luminance
from annotator.store.errors import StoreError
from annotator.ui import theme as themes

if TYPE_CHECKING:
    from annotator.ui.reader import ReaderView
    from annotator.ui.span_index import SpanInfo

log = logging.getLogger(__name__)

UNDERLINE_STEP = 3.0
UNDERLINE_HEIGHT = 2.0
FILL_INSET = 1.5
MAX_LEVELS = 4
FIND_PEN_WIDTH = 2.0
FIND_CURRENT_PEN_WIDTH = 3.0
FIND_RADIUS = 3.0
FALLBACK_COLOR = "#888888"
BLOCK_CACHE_LIMIT = 4000
SELECTED_OUTSET = (1.0, 0.5)  # how far the selected span's outline rect lies outside its line (x, y)
SELECTED_PEN_WIDTH = 2.0
# Pixels a repaint reaches above and below the rows of a change: the selected outline's pen (half its width
# past the outset rect) plus a pixel of antialiasing, rounded up; less left a 1-px trail after an undo.
REPAINT_MARGIN = 3


@dataclass(slots=True)
class SpanPiece:
    """One line's worth of a span: where it is and how it is drawn."""

    rect: QRectF
    info: SpanInfo
    level: int
    mine: bool
    selected: bool


class Layers(NamedTuple):
    """Span pieces ready to draw: their rectangles grouped by how they are drawn (one Qt call per group)."""

    fills: list[tuple[QColor, list[QRectF]]]
    underlines: list[tuple[QBrush, list[QRectF]]]
    outlines: list[tuple[QPen, list[QRectF]]]
    selected: list[tuple[QPen, QRectF]]


class BlockDrawing:
    """The cached decorations of one block: its span pieces, and their draw groups, in block coordinates.

    Drawing a block is then a translation plus one ``drawRects`` per group, however many spans the block
    holds, where drawing piece by piece costs several Python-level calls per piece on every scroll step.
    The groups bake in which span is selected, so they are made again when that changes.
    """

    __slots__ = ("ids", "layers", "selected", "spans")

    def __init__(self, spans: list[tuple[SpanInfo, int, list[QRectF]]]) -> None:
        self.spans = spans
        self.ids = {info.id for info, _, _ in spans}
        self.selected: str | None = None
        self.layers: Layers | None = None

    def __len__(self) -> int:
        return len(self.spans)


@dataclass(slots=True)
class PaintPlan:
    """Everything one paint event draws; also what the last paint looked at (for tests and benchmarks)."""

    drawings: list[tuple[QPointF, BlockDrawing]] = field(default_factory=list)
    find_rects: list[tuple[QRectF, bool]] = field(default_factory=list)
    blocks: int = 0
    spans: int = 0  # spans looked up for blocks whose geometry was not cached
    annotator: str = ""
    selected: str | None = None
    # A small repaint (one tagged line) draws the pieces of the lines it covers only: [top, bottom] in the viewport.
    clip: tuple[float, float] | None = None
    _pieces: list[SpanPiece] | None = None

    @property
    def pieces(self) -> list[SpanPiece]:
        """The span pieces this paint draws, in viewport coordinates (made on demand)."""
        if self._pieces is None:
            self._pieces = [
                piece
                for origin, drawing in self.drawings
                for piece in block_pieces(drawing, self.annotator, self.selected, origin, self.clip)
            ]
        return self._pieces

    def has_decorations(self) -> bool:
        """Whether anything is drawn over the plain text."""
        return bool(self.find_rects) or any(drawing.spans for _, drawing in self.drawings)


def block_pieces(
    drawing: BlockDrawing,
    annotator: str,
    selected: str | None,
    origin: QPointF | None = None,
    clip: tuple[float, float] | None = None,
) -> list[SpanPiece]:
    """The pieces of a block's spans, moved to ``origin`` (block coordinates without), within ``clip`` if given."""
    dx, dy = (origin.x(), origin.y()) if origin is not None else (0.0, 0.0)
    pieces = []
    for info, level, rects in drawing.spans:
        mine = info.annotator == annotator
        chosen = info.id == selected
        for rect in rects:
            if clip is not None and (rect.bottom() + dy < clip[0] or rect.top() + dy > clip[1]):
                continue  # a line of this block outside the area being repainted
            pieces.append(SpanPiece(rect.translated(dx, dy) if origin is not None else rect, info, level, mine, chosen))
    return pieces


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
        self._fills: dict[tuple[str, int], QColor] = {}
        self._pens: dict[tuple[str, str], QPen] = {}
        self._brushes: dict[tuple[str, bool], QBrush] = {}
        self._block_cache: dict[int, BlockDrawing] = {}
        self._cache_key: tuple | None = None

    def set_label_colors(self, colors: dict[str, str]) -> None:
        """Colours by label name (#RRGGBB)."""
        self._colors = {name: QColor(value) for name, value in colors.items()}
        self._forget_styles()

    def _forget_styles(self) -> None:
        self._fills.clear()
        self._pens.clear()
        self._brushes.clear()
        self._block_cache.clear()  # the cached draw groups hold the old colours

    def mark_color(self, label: str) -> QColor:
        """The colour of ``label``'s underline and outline: its colour, made to stand out from the theme's
        reader background (``Theme.mark``)."""
        background = self.background()
        return QColor(mark_color(self.color(label).name(), background, themes.current().mark_contrast))

    def background(self) -> str:
        """The reader's background as drawn (#rrggbb): the theme's, or whatever palette the reader was given."""
        return self.view.viewport().palette().color(QPalette.ColorRole.Base).name()

    def dark_background(self) -> bool:
        """Whether the reader's background is dark (marks are then made lighter, not darker)."""
        return relative_luminance(self.background()) < 0.18

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
        count = layout.lineCount()
        if count == 0 or u_end <= u_start:
            return rects
        first = layout.lineForTextPosition(u_start)
        i = first.lineNumber() if first.isValid() else 0
        while i < count:
            line = layout.lineAt(i)
            i += 1
            line_start = line.textStart()
            if line_start >= u_end:
                break
            start = max(u_start, line_start)
            end = min(u_end, line_start + line.textLength())
            if end <= start:
                continue
            x1 = line.cursorToX(start)[0]
            x2 = line.cursorToX(end)[0]
            left, right = (x1, x2) if x1 <= x2 else (x2, x1)
            rects.append(QRectF(left + origin.x(), line.y() + origin.y(), max(1.0, right - left), line.height()))
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
        if area is None:
            return None
        # Outlines reach past the rows: the selected span's 2-px pen, antialiased, on a rect 0.5 px outside.
        margin = REPAINT_MARGIN
        return area.toAlignedRect().adjusted(0, -margin, 0, margin).intersected(view.viewport().rect())

    # -- planning ---------------------------------------------------------------------------------

    def plan(self, clip: QRect) -> PaintPlan:
        """The decorations to draw for the blocks intersecting ``clip``.

        The span geometry of a block (its spans, their levels and line rectangles relative to the
        block) is cached while the layout and the spans stay the same, so scrolling only moves it.
        """
        view = self.view
        plan = PaintPlan(annotator=view.annotator, selected=view.selected_span_id())
        blocks = self.visible_blocks(clip)
        plan.blocks = len(blocks)
        if not blocks:
            self.last_plan = plan
            return plan
        self._check_cache_key()
        if clip.height() < view.viewport().height():
            plan.clip = (clip.top() - 3.0, clip.bottom() + 3.0)  # the margin keeps outlines just outside a line
        offsets = view.offset_map()
        selected = plan.selected
        finding = view.has_find_matches()
        for item in blocks:
            number = item.block.blockNumber()
            drawing = self._block_cache.get(number)
            if drawing is None:
                try:
                    drawing = BlockDrawing(self._block_geometry(item))
                except StoreError as exc:  # spans unreadable right now: draw the text alone, try next paint
                    log.warning("cannot read the spans to draw: %s", exc)
                    continue
                if len(self._block_cache) > BLOCK_CACHE_LIMIT:
                    self._block_cache.clear()
                self._block_cache[number] = drawing
                plan.spans += len(drawing)
            wanted = selected if selected in drawing.ids else None
            if drawing.selected != wanted:
                drawing.selected = wanted
                drawing.layers = None
            plan.drawings.append((item.origin, drawing))
            if finding:
                block_u = item.block.position()
                for start, end, current in view.find_matches_between(item.start, item.end):
                    u_start = offsets.to_utf16(start) - block_u
                    u_end = offsets.to_utf16(end) - block_u
                    for rect in self.line_rects(item.block, item.origin, u_start, u_end):
                        plan.find_rects.append((rect, current))
        self.last_plan = plan
        return plan

    def _block_geometry(self, item: _VisibleBlock) -> list[tuple[SpanInfo, int, list[QRectF]]]:
        view = self.view
        offsets = view.offset_map()
        spans = [info for info in view.spans.touching(item.start, max(item.end, item.start + 1)) if view.is_shown(info)]
        levels = assign_levels(spans)
        block_u = item.block.position()
        origin = QPointF(0, 0)
        entry = []
        for info in spans:
            u_start = max(0, offsets.to_utf16(max(info.start, item.start)) - block_u)
            u_end = offsets.to_utf16(min(info.end, item.end)) - block_u
            rects = self.line_rects(item.block, origin, u_start, u_end)
            if rects:
                entry.append((info, levels[info.id], rects))
        return entry

    def _check_cache_key(self) -> None:
        view = self.view
        key = (
            view.document_id(),
            view.spans.generation,
            id(view.spans),
            view.annotator_filter(),
            view.annotator,
            view.viewport().width(),
            view.font().key(),
            view.document().documentMargin(),
            themes.current().name,
            self.background(),
        )
        if key != self._cache_key:
            if self._cache_key is not None and self._cache_key[-2:] != key[-2:]:
                self._forget_styles()  # another theme: other mark colours
            self._cache_key = key
            self._block_cache.clear()

    def forget(self, start: int, end: int) -> None:
        """Drop the cached geometry of the blocks that hold code points [start, end) (a span changed there)."""
        if not self._block_cache:
            return
        offsets = self.view.offset_map()
        document = self.view.document()
        first = document.findBlock(offsets.to_utf16(start)).blockNumber()
        last = document.findBlock(offsets.to_utf16(end)).blockNumber()
        if first < 0:
            first = 0
        if last < 0:
            last = document.blockCount() - 1
        if last - first + 1 > len(self._block_cache):
            for number in [n for n in self._block_cache if first <= n <= last]:
                del self._block_cache[number]
        else:
            for number in range(first, last + 1):
                self._block_cache.pop(number, None)

    def invalidate(self) -> None:
        """Forget the cached geometry (the reader calls this when anything it draws changed)."""
        self._block_cache.clear()
        self._cache_key = None

    # -- drawing ----------------------------------------------------------------------------------

    def draw_under(self, painter: QPainter, plan: PaintPlan) -> None:
        """Fills, drawn before the text."""
        if plan.clip is not None:
            draw_fills(painter, self.layers(plan.pieces))
        else:
            self._draw_blocks(painter, plan, draw_fills)

    def draw_over(self, painter: QPainter, plan: PaintPlan) -> None:
        """Underlines and outlines, drawn over the text."""
        if plan.clip is not None:
            draw_marks(painter, self.layers(plan.pieces))
        else:
            self._draw_blocks(painter, plan, draw_marks)
        if plan.find_rects:
            self._draw_find(painter, plan.find_rects)

    def _draw_find(self, painter: QPainter, rects: list[tuple[QRectF, bool]]) -> None:
        """Outline find matches in the platform's highlight colour, rounded: no span is drawn so."""
        colour = self.view.palette().color(QPalette.ColorRole.Highlight)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect, current in rects:
            width = FIND_CURRENT_PEN_WIDTH if current else FIND_PEN_WIDTH
            painter.setPen(QPen(colour, width))
            inset = width / 2
            painter.drawRoundedRect(rect.adjusted(-inset - 1, inset, inset + 1, -inset), FIND_RADIUS, FIND_RADIUS)
        painter.restore()

    def _draw_blocks(self, painter: QPainter, plan: PaintPlan, draw: Callable[[QPainter, Layers], None]) -> None:
        """Draw each block's cached groups at the block's place (one translation per block)."""
        x = y = 0.0
        for origin, drawing in plan.drawings:
            if not drawing.spans:
                continue
            layers = drawing.layers
            if layers is None:
                layers = drawing.layers = self.layers(block_pieces(drawing, plan.annotator, drawing.selected))
            dx, dy = origin.x(), origin.y()
            painter.translate(dx - x, dy - y)
            x, y = dx, dy
            draw(painter, layers)
        painter.translate(-x, -y)

    def layers(self, pieces: list[SpanPiece]) -> Layers:
        """Group the pieces' rectangles by brush and pen.

        Fills: a translucent label colour (stronger for one's own spans and the selected one), none for
        suggestions, nested spans as nested boxes. Underlines: filled 2-pixel bars, solid for one's own spans,
        a dotted pattern for other annotators'. Suggestions: a dashed cosmetic outline. The selected span: a
        strong rounded outline.
        """
        fills: dict[tuple[str, int], list[QRectF]] = {}
        underlines: dict[tuple[str, bool], list[QRectF]] = {}
        outlines: dict[str, list[QRectF]] = {}
        selected: list[tuple[QPen, QRectF]] = []
        for piece in pieces:
            label = piece.info.label
            rect = piece.rect
            if piece.info.status == "suggested":
                outlines.setdefault(label, []).append(rect.adjusted(0.5, 0.5, -0.5, -0.5))
            else:
                alpha = 110 if piece.selected else (70 if piece.mine else 32)
                level = min(piece.level, MAX_LEVELS)
                inset = level * FILL_INSET
                fills.setdefault((label, alpha), []).append(rect.adjusted(0, inset, 0, -inset) if level else rect)
                underlines.setdefault((label, piece.mine), []).append(marker_rect(rect, piece.level))
            if piece.selected:
                dx, dy = SELECTED_OUTSET
                selected.append((self._pen(label, "selected"), rect.adjusted(-dx, -dy, dx, dy)))
        return Layers(
            [(self._fill(label, alpha), rects) for (label, alpha), rects in fills.items()],
            [(self._underline(label, mine), rects) for (label, mine), rects in underlines.items()],
            [(self._pen(label, "suggested"), rects) for label, rects in outlines.items()],
            selected,
        )

    def _underline(self, label: str, mine: bool) -> QBrush:
        key = (label, mine)
        brush = self._brushes.get(key)
        if brush is None:
            color = self.mark_color(label)
            brush = QBrush(color, Qt.BrushStyle.SolidPattern if mine else Qt.BrushStyle.Dense4Pattern)
            self._brushes[key] = brush
        return brush

    def _fill(self, label: str, alpha: int) -> QColor:
        key = (label, alpha)
        color = self._fills.get(key)
        if color is None:
            color = self.color(label)
            # The same opacity on every theme: on a dark background the fill already stands out more (1.7:1
            # against 1.25:1 on white for one's own spans) and light text keeps at least 5.4:1 on the selected one.
            color.setAlpha(alpha)
            self._fills[key] = color
        return color

    def _pen(self, label: str, kind: str) -> QPen:
        key = (label, kind)
        pen = self._pens.get(key)
        if pen is None:
            color = self.mark_color(label)
            if kind == "suggested":
                pen = QPen(color, 1.5 if themes.current().name == "contrast" else 1, Qt.PenStyle.DashLine)
                pen.setCosmetic(True)
            else:
                strong = color.lighter(150) if self.dark_background() else color.darker(150)
                pen = QPen(strong, SELECTED_PEN_WIDTH, Qt.PenStyle.SolidLine)
            self._pens[key] = pen
        return pen


def marker_rect(rect: QRectF, level: int) -> QRectF:
    """Where the underline of a span piece at ``level`` goes: even levels under the text (stacking up
    from the line's bottom), odd levels over it (stacking down from the line's top)."""
    level = min(level, MAX_LEVELS)
    step = (level // 2) * UNDERLINE_STEP
    y = rect.bottom() - UNDERLINE_HEIGHT - step if level % 2 == 0 else rect.top() + step
    return QRectF(rect.left(), y, rect.width(), UNDERLINE_HEIGHT)


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


def draw_fills(painter: QPainter, layers: Layers) -> None:
    """The fills of ``layers``, one ``drawRects`` per colour."""
    if not layers.fills:
        return
    painter.setPen(Qt.PenStyle.NoPen)
    for color, rects in layers.fills:
        painter.setBrush(color)
        painter.drawRects(rects)


def draw_marks(painter: QPainter, layers: Layers) -> None:
    """The underlines and outlines of ``layers``; the selected span's outline last, on top."""
    if layers.underlines:
        painter.setPen(Qt.PenStyle.NoPen)
        for brush, rects in layers.underlines:
            painter.setBrush(brush)
            painter.drawRects(rects)
    if layers.outlines:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for pen, rects in layers.outlines:
            painter.setPen(pen)
            painter.drawRects(rects)
    if layers.selected:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for pen, rect in layers.selected:
            painter.setPen(pen)
            painter.drawRoundedRect(rect, 2.5, 2.5)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
