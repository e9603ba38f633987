"""Arcs in the reader between the selected span and the spans it is linked to, each named by its role.

Only the selected span's links are drawn: a whole document's links as arcs would bury the text. An arc
leaves the top of one span's first line, rises above the line and comes down on the other span with an
arrowhead on the link's target; the role is written at the top of the arc. When the other span is above
or below the screen, the arc runs to that edge of the viewport, so the direction still shows.
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
    QTextCursor,
)

from annotator.core.contrast import relative_luminance
from annotator.store.errors import NotFound, StoreError
from annotator.ui import theme as themes

if TYPE_CHECKING:
    from annotator.ui.reader import ReaderView

log = logging.getLogger(__name__)

ARC_COLOR = QColor(60, 60, 70)
LABEL_BACKGROUND = QColor(255, 255, 255, 220)
ARROW_SIZE = 6.0


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


class LinkArcs:
    """Reads and draws the arcs of the selected span of one ReaderView."""

    def __init__(self, view: ReaderView) -> None:
        self.view = view
        self.arcs: list[LinkArc] = []
        self.last_drawn: list[DrawnArc] = []
        self._following = False

    def refresh(self) -> bool:
        """Read the selected span's links again; True if what is drawn may have changed."""
        before = self.arcs
        self.arcs = self._read()
        self._follow_scrolling(bool(self.arcs))
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

    # -- drawing ------------------------------------------------------------------------------------

    def _visible_range(self) -> tuple[int, int]:
        """Code points of the first and last positions on screen."""
        view = self.view
        first = view.firstVisibleBlock()
        start = view.to_codepoint(first.position()) if first.isValid() else 0
        viewport = view.viewport()
        last = view.cursorForPosition(viewport.rect().bottomRight()).position()
        return start, view.to_codepoint(last)

    def anchor(self, start: int, end: int, visible: tuple[int, int]) -> QPointF:
        """Where an arc meets the span at code points [start, end): the top of its first line, mid-span on
        that line; the top or bottom edge of the viewport when the span is off screen."""
        view = self.view
        height = view.viewport().height()
        if end <= visible[0]:
            return QPointF(view.viewport().width() / 2, 0.0)
        if start > visible[1]:
            return QPointF(view.viewport().width() / 2, float(height))
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.to_utf16(max(start, visible[0])))
        first = view.cursorRect(cursor)
        cursor.setPosition(view.to_utf16(end))
        last = view.cursorRect(cursor)
        if last.top() == first.top() and last.left() > first.left():
            x = (first.left() + last.left()) / 2
        else:
            x = first.left() + 10
        return QPointF(x, max(0.0, min(float(height), float(first.top()))))

    def draw(self, painter: QPainter) -> None:
        """Draw every arc of the selected span (nothing when it has no links)."""
        self.last_drawn = []
        if not self.arcs:
            return
        view = self.view
        visible = self._visible_range()
        font = QFont(view.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.7))
        metrics = QFontMetricsF(font)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(font)
        # On a light reader the dark grey arcs; on a dark one (a dark theme or palette) the text colour, on a
        # label box of the background.
        palette = view.viewport().palette()
        background = palette.color(QPalette.ColorRole.Base)
        dark = relative_luminance(background.name()) < 0.18
        arc_color = palette.color(QPalette.ColorRole.Text) if dark else ARC_COLOR
        label_background = (
            QColor(background.red(), background.green(), background.blue(), 220) if dark else LABEL_BACKGROUND
        )
        pen = QPen(arc_color, 2.0 if themes.current().name == "contrast" else 1.5)
        for arc in self.arcs:
            start = self.anchor(*arc.from_range, visible)
            end = self.anchor(*arc.to_range, visible)
            if start == end:
                continue
            lift = min(48.0, 14.0 + abs(end.x() - start.x()) / 5 + abs(end.y() - start.y()) / 8)
            top = max(2.0, min(start.y(), end.y()) - lift)
            path = QPainterPath(start)
            path.cubicTo(QPointF(start.x(), top), QPointF(end.x(), top), end)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            painter.setBrush(QBrush(arc_color))
            painter.drawPolygon(
                QPolygonF(
                    [
                        end,
                        QPointF(end.x() - ARROW_SIZE / 2, end.y() - ARROW_SIZE),
                        QPointF(end.x() + ARROW_SIZE / 2, end.y() - ARROW_SIZE),
                    ]
                )
            )
            middle = path.pointAtPercent(0.5)
            width = metrics.horizontalAdvance(arc.role) + 6
            label = QRectF(middle.x() - width / 2, middle.y() - metrics.height() / 2, width, metrics.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(label_background)
            painter.drawRoundedRect(label, 3, 3)
            painter.setPen(arc_color)
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, arc.role)
            self.last_drawn.append(DrawnArc(arc.link_id, arc.role, start, end, label))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
