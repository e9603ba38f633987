"""The transfers timeline: transfers per month of their document's date, as stacked bars (a QChartView).

Stacked by confidence (the highest an assessment about the transfer gives) or by pair of actors. Dragging
across the bars (or clicking one) brushes a period, told through ``periodBrushed`` so that the map and the
table narrow to it; Escape or the Clear button lifts it. Transfers whose document has no date are counted
under the chart, not drawn.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QStackedBarSeries, QValueAxis
from PySide6.QtCore import QT_TR_NOOP, QMargins, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QPen
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QComboBox, QGraphicsRectItem, QLabel, QPushButton, QWidget

from annotator.services.transfer_graph import NO_PAIR, OTHER_PAIRS, Timeline, timeline
from annotator.services.transfers import NOT_ASSESSED, TransferRow
from annotator.ui.actions import resolve, view_binding
from annotator.ui.i18n import tr_, trn_

STACK_COLORS = {
    "high": QColor(0, 158, 115),
    "medium": QColor(230, 159, 0),
    "low": QColor(213, 94, 0),
    NOT_ASSESSED: QColor(176, 180, 188),
    OTHER_PAIRS: QColor(150, 150, 160),
    NO_PAIR: QColor(205, 205, 212),
}
# The stacks that are the window's words, not data (actors' names, the schema's confidence values): translated.
STACK_WORDS = (
    QT_TR_NOOP("not assessed"),
    QT_TR_NOOP("other pairs"),
    QT_TR_NOOP("supplier or recipient missing"),
)


def stack_name(stack: str) -> str:
    """A stack's name as shown: a remainder in the window's language; a pair or a confidence value as is."""
    return tr_(stack) if stack in STACK_WORDS else stack


PAIR_COLORS = (
    QColor(0, 114, 178),
    QColor(213, 94, 0),
    QColor(0, 158, 115),
    QColor(204, 121, 167),
    QColor(230, 159, 0),
    QColor(86, 180, 233),
    QColor(120, 94, 240),
    QColor(240, 228, 66),
)
BRUSH_FILL = QColor(0, 114, 178, 40)
BRUSH_EDGE = QColor(0, 114, 178, 160)


class TransfersTimeline(QChartView):
    """Transfers per month as stacked bars (objectName ``transfers-timeline``, a QChartView); a drag across
    the bars brushes a range of months.

    Its controls (``stack_by``, ``clear_button``, ``period``, ``note``) are made here and laid out by the
    workspace around the chart.
    """

    periodBrushed = Signal(object, object)  # first and last month ("YYYY-MM"), or None, None when lifted

    def __init__(self, parent: QWidget | None = None) -> None:
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        super().__init__(chart, parent)
        self.setObjectName("transfers-timeline")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(150)
        self.data = Timeline()
        self._rows: list[TransferRow] = []
        self._anchor: int | None = None
        self.selection: tuple[int, int] | None = None
        self.band = QGraphicsRectItem()
        self.band.setBrush(QBrush(BRUSH_FILL))
        self.band.setPen(QPen(BRUSH_EDGE, 1.0))
        self.band.setZValue(50)
        self.band.hide()
        chart.scene().addItem(self.band)
        chart.plotAreaChanged.connect(lambda _rect: self._draw_band())
        self.stack_by = QComboBox(objectName="transfers-timeline-stack")
        self.stack_by.addItem(tr_("Stacked by confidence"), "confidence")
        self.stack_by.addItem(tr_("Stacked by pair of actors"), "pair")
        self.note = QLabel(objectName="transfers-timeline-note")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.period = QLabel(objectName="transfers-timeline-period")
        self.period.setTextFormat(Qt.TextFormat.PlainText)
        self.clear_button = QPushButton(tr_("Whole period"), objectName="transfers-timeline-clear")
        self.clear_button.setToolTip(tr_("Lift the period brushed on the timeline (Esc on the chart)"))
        self.clear_button.setEnabled(False)
        self.stack_by.currentIndexChanged.connect(lambda _i: self._redraw(self.brushed_period()))
        self.clear_button.clicked.connect(self.clear_period)

    # -- content ---------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[TransferRow], period: tuple[str, str] | None = None) -> None:
        """Show ``rows`` per month; ``period`` (first and last month) is drawn as the brushed band."""
        self._rows = list(rows)
        self._redraw(period)

    def months(self) -> list[str]:
        """The months on the axis, first to last."""
        return list(self.data.months)

    def stacks(self) -> list[str]:
        """The stacks drawn (confidence levels or pairs), in order."""
        return list(self.data.stacks)

    def counts(self) -> dict[str, list[int]]:
        """Per stack, one count per month (as drawn)."""
        return {k: list(v) for k, v in self.data.counts.items()}

    def _redraw(self, period: tuple[str, str] | None = None) -> None:
        self.data = timeline(self._rows, self.stack_by.currentData() or "confidence")
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        months = self.data.months
        if months:
            series = QStackedBarSeries()
            series.setBarWidth(0.8)
            for index, stack in enumerate(self.data.stacks):
                bar = QBarSet(html.escape(stack_name(stack), quote=False))  # the legend draws its labels as markup
                bar.setColor(STACK_COLORS.get(stack, PAIR_COLORS[index % len(PAIR_COLORS)]))
                bar.setBorderColor(QColor(255, 255, 255))
                bar.append([float(c) for c in self.data.counts[stack]])
                series.append(bar)
            chart.addSeries(series)
            x_axis = QBarCategoryAxis()
            x_axis.append(months)
            if len(months) > 12:
                x_axis.setLabelsAngle(-90)
            chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
            series.attachAxis(x_axis)
            y_axis = QValueAxis()
            highest = max((sum(c[i] for c in self.data.counts.values()) for i in range(len(months))), default=1)
            y_axis.setRange(0, max(1, highest))
            y_axis.setLabelFormat("%d")
            y_axis.setTruncateLabels(False)
            x_axis.setTruncateLabels(False)
            y_axis.setTickCount(min(5, max(2, highest + 1)))
            y_axis.applyNiceNumbers()  # whole, evenly spaced counts on the axis
            chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
            series.attachAxis(y_axis)
            chart.legend().show()
        else:
            chart.legend().hide()
        if period is not None and months:
            first = _month_index(months, period[0], first=True)
            last = _month_index(months, period[1], first=False)
            self.set_selection((first, last) if first is not None and last is not None else None)
        else:
            self.set_selection(None)
        self._update_labels()

    def _update_labels(self) -> None:
        notes = []
        if not self.data.months:
            notes.append(tr_("No transfer shown has a dated document: set dates in Document → Properties (Alt+Enter)."))
        if self.data.undated:
            notes.append(trn_("%n transfer(s) without a document date [is|are] not drawn.", "", self.data.undated))
        self.note.setText(" ".join(notes))
        self.note.setVisible(bool(notes))
        brushed = self.brushed_period()
        self.period.setText(tr_("{first} to {last}").format(first=brushed[0], last=brushed[1]) if brushed else "")
        self.clear_button.setEnabled(brushed is not None)

    # -- brushing --------------------------------------------------------------------------------

    def month_at(self, pos: QPointF) -> int | None:
        """The index of the month under a point of the view (clamped to the months shown)."""
        if not self.data.months:
            return None
        chart = self.chart()
        value = chart.mapToValue(chart.mapFromScene(self.mapToScene(pos.toPoint())))
        return min(max(round(value.x()), 0), len(self.data.months) - 1)

    def month_x(self, index: float) -> float:
        """The x (view coordinates) of a month index's place on the category axis."""
        chart = self.chart()
        return self.mapFromScene(chart.mapToScene(chart.mapToPosition(QPointF(index, 0)))).x()

    def set_selection(self, selection: tuple[int, int] | None) -> None:
        """Draw the band over months ``selection`` (first, last index), or none."""
        self.selection = selection
        self._draw_band()

    def _draw_band(self) -> None:
        if self.selection is None or not self.data.months:
            self.band.hide()
            return
        chart = self.chart()
        first, last = self.selection
        area = chart.plotArea()
        left = max(chart.mapToPosition(QPointF(first - 0.5, 0)).x(), area.left())
        right = min(chart.mapToPosition(QPointF(last + 0.5, 0)).x(), area.right())
        self.band.setRect(chart.mapRectToScene(QRectF(left, area.top(), right - left, area.height())))
        self.band.show()

    def brushed_period(self) -> tuple[str, str] | None:
        """The brushed months (first, last), if any."""
        if self.selection is None or not self.data.months:
            return None
        first, last = self.selection
        return self.data.months[first], self.data.months[last]

    def brush(self, first: str, last: str) -> None:
        """Brush the months from ``first`` to ``last`` (as a drag over the bars does)."""
        months = self.data.months
        a, b = _month_index(months, first, first=True), _month_index(months, last, first=False)
        if a is None or b is None:
            return
        self.set_selection((min(a, b), max(a, b)))
        self._brushed()

    def clear_period(self) -> None:
        """Lift the brushed period."""
        self.set_selection(None)
        self._update_labels()
        self.periodBrushed.emit(None, None)

    def _brushed(self) -> None:
        self._update_labels()
        period = self.brushed_period()
        if period is not None:
            self.periodBrushed.emit(*period)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.data.months:
            self._anchor = self.month_at(event.position())
            if self._anchor is not None:
                self.set_selection((self._anchor, self._anchor))
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._anchor is not None:
            here = self.month_at(event.position())
            if here is not None:
                self.set_selection((min(self._anchor, here), max(self._anchor, here)))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._anchor is not None and event.button() == Qt.MouseButton.LeftButton:
            self._anchor = None
            self._brushed()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Escape (declared in the action table) clears a chosen period.
        item = view_binding(self.objectName(), event, ignoring=Qt.KeyboardModifier.KeyboardModifierMask)
        if item is not None and item.handler is not None and self.selection is not None:
            resolve(self, item.handler)(*item.args)
            return
        super().keyPressEvent(event)

    # -- pictures --------------------------------------------------------------------------------

    def save_png(self, path: str | Path, scale: float = 2.0) -> bool:
        """Write the chart as a PNG."""
        size = self.size()
        image = QImage(
            QSize(math.ceil(size.width() * scale), math.ceil(size.height() * scale)), QImage.Format.Format_ARGB32
        )
        image.fill(QColor(255, 255, 255))
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        painter.scale(scale, scale)
        self.render(painter)
        painter.end()
        return image.save(str(path), "PNG")

    def save_svg(self, path: str | Path) -> bool:
        """Write the chart as an SVG drawing."""
        size = self.size()
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(size)
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        generator.setTitle(tr_("Transfers per month"))
        painter = QPainter()
        if not painter.begin(generator):
            return False
        self.render(painter)
        return painter.end()


def _month_index(months: list[str], month: str, *, first: bool) -> int | None:
    """Index of ``month`` on the axis, or of the nearest month inside the axis on the period's side."""
    if not months:
        return None
    if month in months:
        return months.index(month)
    if first:
        later = [i for i, m in enumerate(months) if m >= month]
        return later[0] if later else None
    earlier = [i for i, m in enumerate(months) if m <= month]
    return earlier[-1] if earlier else None
