"""Arcs in the reader between the selected span and the spans it is linked to, each named by its role.

Only the selected span's links are drawn: a whole document's links as arcs would bury the text. No arc
crosses a line of text. While arcs are shown, the line where each end of a link starts gets a free band
above it (``line_bands``): an arc leaves the top of one span into that band, and when the other span is
on the same line runs along the band to it; when it is on another line it runs along the band to the
left margin, down or up the margin, and along the other line's band to the other span. The arrowhead is
on the link's target, the role written on the band. When the other span is above or below the screen the
arc runs up or down the margin to that edge of the viewport, so the direction still shows.

Opening and closing the bands moves the lines below them: the selected span is kept where it was on the
screen (to the nearest line), so the text one is working on does not jump away.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
)

from annotator.core.contrast import relative_luminance
from annotator.store.errors import NotFound, StoreError
from annotator.ui import theme as themes
from annotator.ui.line_bands import install_bands

if TYPE_CHECKING:
    from annotator.ui.reader import ReaderView

log = logging.getLogger(__name__)

ARC_COLOR = QColor(60, 60, 70)
LABEL_BACKGROUND = QColor(255, 255, 255, 235)
ARROW_SIZE = 6.0
LABEL_SCALE = 0.62  # the role's size against the reader's
LABEL_MIN_POINTS = 7.0
BAND_PADDING = 6.0  # pixels of the band besides the role's box: one above it, five under it (the lower level)
LANE_STEP = 4.0  # pixels between the arcs' runs in the left margin
LANES = 4
CORNER = 4.0


def label_font(reader_font: QFont) -> QFont:
    """The font the roles are written in: the reader's, smaller (never below 7 points)."""
    font = QFont(reader_font)
    size = reader_font.pointSizeF() if reader_font.pointSizeF() > 0 else 13.0
    font.setPointSizeF(max(LABEL_MIN_POINTS, size * LABEL_SCALE))
    return font


def band_height(reader_font: QFont) -> float:
    """The room left above a line an arc runs along: a role's box and a little air."""
    return QFontMetricsF(label_font(reader_font)).height() + BAND_PADDING


class LinkArc(NamedTuple):
    """One link of the selected span, with where its two ends are (code points)."""

    link_id: str
    role: str
    from_span: str
    to_span: str
    from_range: tuple[int, int]
    to_range: tuple[int, int]


class DrawnArc(NamedTuple):
    """Where an arc was drawn in the last paint (viewport coordinates), for tests and hit checks."""

    link_id: str
    role: str
    start: QPointF
    end: QPointF
    label_rect: QRectF
    path: QPainterPath


class End(NamedTuple):
    """Where an arc meets one of its spans: the top of the span's first line and the band above it, or
    (off screen) the top or bottom edge of the viewport.

    The band above a line has two levels: the roles' level at the top, along which an arc runs where its
    role is written, and under it, just over the text, the level along which the arcs leave the selected
    span for the margin, so that the two never run together."""

    point: QPointF
    label_y: float  # the middle of the roles' level of the band (on screen)
    trunk_y: float  # the level just over the text (on screen)
    on_screen: bool


class LinkArcs:
    """Reads and draws the arcs of the selected span of one ReaderView, and keeps room for them."""

    def __init__(self, view: ReaderView) -> None:
        self.view = view
        self.arcs: list[LinkArc] = []
        self.last_drawn: list[DrawnArc] = []
        self._following = False
        self._anchor: int | None = None  # the selected span's start when the bands were set (code point)
        self.bands = install_bands(view, band_height)

    def refresh(self) -> bool:
        """Read the selected span's links again; True if what is drawn may have changed."""
        before = self.arcs
        self.arcs = self._read()
        self._follow_scrolling(bool(self.arcs))
        self._set_bands()
        return bool(before or self.arcs)

    def _follow_scrolling(self, on: bool) -> None:
        # Scrolling moves the painted pixels and repaints the uncovered strip only, so an arc clamped to the
        # viewport's edge would be left behind: while there are arcs, a scroll repaints the whole view.
        # Connected only then, so that scrolling without arcs costs nothing more.
        if on == self._following:
            return
        bar = self.view.verticalScrollBar()
        if on:
            bar.valueChanged.connect(self._repaint)
        else:
            bar.valueChanged.disconnect(self._repaint)
        self._following = on

    def _repaint(self, _value: int) -> None:
        self.view.viewport().update()

    def _read(self) -> list[LinkArc]:
        view = self.view
        selected = view.selected_span_id()
        if selected is None:
            return []
        project = view.project
        try:
            links = project.links(span_ids=[selected])
            arcs = []
            for link in links:
                ends = []
                for span_id in (link.from_span, link.to_span):
                    span = project.span(span_id)
                    if span.document_id != view.document_id() or span.status == "rejected":
                        break
                    ends.append((span.start, span.end))
                else:
                    arcs.append(LinkArc(link.id, link.role, link.from_span, link.to_span, ends[0], ends[1]))
            return arcs
        except NotFound:  # an end deleted meanwhile: the change that follows reads them again
            return []
        except StoreError as exc:
            log.warning("cannot read the links of the selected span: %s", exc)
            return []

    def span_at(self, pos: QPointF) -> str | None:
        """The span a click at viewport point ``pos`` goes to: the other end of the arc whose role is written
        there (None off every role)."""
        selected = self.view.selected_span_id()
        for drawn in self.last_drawn:
            if drawn.label_rect.contains(pos):
                arc = next((a for a in self.arcs if a.link_id == drawn.link_id), None)
                if arc is not None:
                    return arc.to_span if arc.from_span == selected else arc.from_span
        return None

    # -- room between lines -------------------------------------------------------------------------

    def _set_bands(self) -> None:
        """A band above the line where each end of each arc starts, none elsewhere; the selected span (or,
        when the selection is gone, the span that was selected) stays where it is on the screen."""
        view = self.view
        positions = {view.to_utf16(r[0]) for arc in self.arcs for r in (arc.from_range, arc.to_range)}
        info = view.spans.get(view.selected_span_id())
        anchor = info.start if info is not None else self._anchor
        before = self._line_top(anchor) if anchor is not None else None
        if not self.bands.set_bands(positions):
            return
        self._anchor = info.start if info is not None else None
        view.span_painter.invalidate()  # the span geometry cached per block holds the old line positions
        view.viewport().update()
        if anchor is not None and before is not None and 0 <= before < view.viewport().height():
            self._keep_in_place(anchor, before)

    def _line_top(self, codepoint: int) -> float | None:
        view = self.view
        position = view.to_utf16(codepoint)
        block = view.document().findBlock(position)
        if not block.isValid():
            return None
        origin = view.blockBoundingGeometry(block).translated(view.contentOffset())
        line = block.layout().lineForTextPosition(position - block.position())
        return origin.top() + line.y() if line.isValid() else None

    def _keep_in_place(self, codepoint: int, before: float) -> None:
        """Scroll by whole lines (as the reader scrolls) so that the line of ``codepoint`` is as near as can
        be to where it was, ``before`` (viewport y), with the band above it on screen."""
        view = self.view
        bar = view.verticalScrollBar()
        height = view.viewport().height()
        band = self.bands.band()
        pitch = max(1.0, QFontMetricsF(view.font()).lineSpacing())

        def cost() -> float:
            after = self._line_top(codepoint)
            if after is None:
                return float("inf")
            cut = 1000.0 if after - band < 0 or after > height - pitch else 0.0
            return abs(after - before) + cut

        value = bar.value()
        after = self._line_top(codepoint)
        if after is None:
            return
        guess = value + round((after - before) / pitch)
        best = (cost(), value)
        for candidate in sorted({guess - 1, guess, guess + 1} - {value}):
            if bar.minimum() <= candidate <= bar.maximum():
                bar.setValue(candidate)
                best = min(best, (cost(), candidate))
        bar.setValue(best[1])

    # -- drawing ------------------------------------------------------------------------------------

    def end_of(self, start: int, end: int) -> End:
        """Where an arc meets the span at code points [start, end): the top of its first line, mid-way
        along the span on that line; the top or bottom edge of the viewport when that line is off screen."""
        view = self.view
        height = float(view.viewport().height())
        lane = self.lane_x(0)
        position = view.to_utf16(start)
        block = view.document().findBlock(position)
        origin = view.blockBoundingGeometry(block).translated(view.contentOffset()).topLeft()
        layout = block.layout()
        line = layout.lineForTextPosition(position - block.position())
        if not line.isValid():
            return End(QPointF(lane, 0.0), 0.0, 0.0, False)
        top = origin.y() + line.y()
        if top + line.height() <= 0:
            return End(QPointF(lane, 0.0), 0.0, 0.0, False)
        if top >= height:
            return End(QPointF(lane, height), height, height, False)
        x1 = line.cursorToX(position - block.position())[0]
        last = min(view.to_utf16(end), block.position() + line.textStart() + line.textLength()) - block.position()
        x2 = line.cursorToX(max(last, position - block.position()))[0]
        x = origin.x() + (x1 + x2) / 2
        label_y = top - self.bands.band() + 1 + self._label_height() / 2
        return End(QPointF(x, top - 1.0), label_y, top - 3.0, True)  # a pixel clear of the line

    def _label_height(self) -> float:
        return max(4.0, self.bands.band() - BAND_PADDING)

    def lane_x(self, index: int) -> float:
        """The x of the ``index``-th run in the left margin (the innermost first)."""
        margin = self.view.document().documentMargin()
        return max(2.0, margin - 6.0 - LANE_STEP * (index % LANES))

    def draw(self, painter: QPainter) -> None:
        """Draw every arc of the selected span (nothing when it has no links)."""
        self.last_drawn = []
        if not self.arcs:
            return
        view = self.view
        font = label_font(view.font())
        metrics = QFontMetricsF(font)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(font)
        arc_color, label_background = self._colors()
        band = self.bands.band()
        width = (1.5 if band < 24 else 2.0) + (0.5 if themes.current().name == "contrast" else 0.0)
        pen = QPen(arc_color, width)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        arrow = max(5.0, band * 0.35)
        selected = view.selected_span_id()
        placed: list[QRectF] = []
        arrows: list[QPolygonF] = []
        for arc, start, end, lane in self._routes():
            points = route(start, end, lane, arc.from_span == selected)
            if len(points) < 2:
                continue
            path = rounded_path(points, max(CORNER, band / 4))
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            arrows.append(arrowhead(points[-2], points[-1], arrow))
            label = self._label_rect(arc, start, end, lane, metrics, placed)
            placed.append(label)
            self.last_drawn.append(DrawnArc(arc.link_id, arc.role, start.point, end.point, label, path))
        # The roles over the arcs, the arrowheads over everything: a role never hides where an arc lands.
        for drawn in self.last_drawn:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(label_background)
            painter.drawRoundedRect(drawn.label_rect, 3, 3)
            painter.setPen(arc_color)
            painter.drawText(drawn.label_rect, Qt.AlignmentFlag.AlignCenter, drawn.role)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(arc_color))
        for polygon in arrows:
            painter.drawPolygon(polygon)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)

    def _colors(self) -> tuple[QColor, QColor]:
        # On a light reader the dark grey arcs; on a dark one (a dark theme or palette) the text colour, on a
        # label box of the background.
        palette = self.view.viewport().palette()
        background = palette.color(QPalette.ColorRole.Base)
        if relative_luminance(background.name()) < 0.18:
            box = QColor(background)
            box.setAlpha(235)
            return palette.color(QPalette.ColorRole.Text), box
        return ARC_COLOR, LABEL_BACKGROUND

    def _routes(self) -> list[tuple[LinkArc, End, End, float]]:
        """Each arc with its two ends and the margin lane it runs in (the shortest runs nearest the text);
        arcs with neither end on screen on one side of it are left out."""
        found = []
        for arc in self.arcs:
            start = self.end_of(*arc.from_range)
            end = self.end_of(*arc.to_range)
            if not start.on_screen and not end.on_screen and start.point.y() == end.point.y():
                continue
            found.append((arc, start, end))
        crossing = sorted(
            (abs(s.point.y() - e.point.y()), i)
            for i, (_, s, e) in enumerate(found)
            if not (s.on_screen and e.on_screen and s.point.y() == e.point.y())
        )
        lanes = {i: self.lane_x(rank) for rank, (_, i) in enumerate(crossing)}
        return [(arc, s, e, lanes.get(i, 0.0)) for i, (arc, s, e) in enumerate(found)]

    def _label_rect(
        self, arc: LinkArc, start: End, end: End, lane: float, metrics: QFontMetricsF, placed: list[QRectF]
    ) -> QRectF:
        """Where the role goes: on the band next to the other span (the one not selected), or on the one
        band on screen; moved right past the roles already placed."""
        width = metrics.horizontalAdvance(arc.role) + 6
        height = self._label_height()
        selected = self.view.selected_span_id()
        other, mine = (start, end) if arc.from_span != selected else (end, start)
        if start.on_screen and end.on_screen and start.point.y() == end.point.y():
            # Next to the other span, on the selected span's side: where arcs on one line overlap, each
            # role still sits by the span it names.
            gap = abs(start.point.x() - end.point.x())
            if gap < width + 12:
                x = (start.point.x() + end.point.x()) / 2 - width / 2
            elif other.point.x() < mine.point.x():
                x = other.point.x() + 6
            else:
                x = other.point.x() - width - 6
            y = start.label_y
        elif other.on_screen:
            # On the run just before the other span; past it when the run is too short to hold the role.
            x = other.point.x() - width - 6
            if x < lane + 4:
                x = other.point.x() + 6
            y = other.label_y
        elif mine.on_screen:
            x = lane + 4
            y = mine.label_y
        else:
            return QRectF()
        rect = QRectF(x, y - height / 2, width, height)
        for _ in range(len(placed) + 1):
            hit = next((r for r in placed if r.intersects(rect)), None)
            if hit is None:
                break
            rect.moveLeft(hit.right() + 4)
        right = float(self.view.viewport().width()) - 2
        if rect.right() > right:
            rect.moveRight(right)
        return rect


def route(start: End, end: End, lane: float, selected_starts: bool) -> list[QPointF]:
    """The corners of an arc from ``start`` to ``end``: along the band when both are on one line, else
    along a band to the margin at ``lane``, along the margin, and along the other band (or to the edge).
    Next to the selected span the arc runs along the band's lower level, next to the other along the roles'."""
    if start.on_screen and end.on_screen and start.point.y() == end.point.y():
        if abs(start.point.x() - end.point.x()) < 1:
            return []
        y = start.label_y
        return [start.point, QPointF(start.point.x(), y), QPointF(end.point.x(), y), end.point]
    points: list[QPointF] = []
    if start.on_screen:
        y = start.trunk_y if selected_starts else start.label_y
        points += [start.point, QPointF(start.point.x(), y), QPointF(lane, y)]
    else:
        points.append(QPointF(lane, start.point.y()))
    if end.on_screen:
        y = end.label_y if selected_starts else end.trunk_y
        points += [QPointF(lane, y), QPointF(end.point.x(), y), end.point]
    else:
        points.append(QPointF(lane, end.point.y()))
    return points


def rounded_path(points: list[QPointF], radius: float) -> QPainterPath:
    """A path through ``points`` with its corners rounded (each radius at most half the shorter side)."""
    path = QPainterPath(points[0])
    for i in range(1, len(points) - 1):
        before, corner, after = points[i - 1], points[i], points[i + 1]
        into = _distance(before, corner)
        out = _distance(corner, after)
        r = min(radius, into / 2, out / 2)
        if r <= 0.5:
            path.lineTo(corner)
            continue
        path.lineTo(_towards(corner, before, r))
        path.quadTo(corner, _towards(corner, after, r))
    path.lineTo(points[-1])
    return path


def arrowhead(before: QPointF, tip: QPointF, size: float = ARROW_SIZE) -> QPolygonF:
    """A small triangle at ``tip``, pointing the way from ``before`` (a vertical last segment)."""
    direction = 1.0 if tip.y() >= before.y() else -1.0
    base = tip.y() - direction * size
    return QPolygonF([tip, QPointF(tip.x() - size / 2, base), QPointF(tip.x() + size / 2, base)])


def _distance(a: QPointF, b: QPointF) -> float:
    return abs(a.x() - b.x()) + abs(a.y() - b.y())  # the segments are upright or level


def _towards(origin: QPointF, target: QPointF, length: float) -> QPointF:
    total = _distance(origin, target)
    if total == 0:
        return QPointF(origin)
    return QPointF(
        origin.x() + (target.x() - origin.x()) * length / total,
        origin.y() + (target.y() - origin.y()) * length / total,
    )
