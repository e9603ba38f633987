"""The statistics view: accepted spans per label, per annotator and per document, drawn as bar charts.

Charts are QtCharts horizontal bars (names stay readable however long). The documents chart shows the
``TOP_DOCUMENTS`` documents with the most spans, the rest summed in one bar. The view refreshes on every
project change while shown, and catches up when shown again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalStackedBarSeries, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QVBoxLayout

from annotator.store.project import ChangeKind, Project
from annotator.ui.i18n import tr_, trn_
from annotator.ui.plain_text import chart_text, plain_label
from annotator.ui.views._lazy import RefreshWhenShown

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

ORDER = 86
TOP_DOCUMENTS = 20
TITLE_WIDTH = 40
BAR_COLOR = "#0072B2"


def statistics(project: Project) -> dict[str, list[tuple[str, int, str]]]:
    """(name, count, colour) rows per label, annotator and document (accepted spans)."""
    stats = project.stats()
    colors = {label.name: label.color for label in project.labels()}
    titles = {d.id: d.title for d in project.documents()}
    per_label = [(name, count, colors.get(name, BAR_COLOR)) for name, count in stats["per_label"].items()]
    per_annotator = [(name, count, BAR_COLOR) for name, count in sorted(stats["per_annotator"].items())]
    per_document = sorted(
        ((titles.get(doc, str(doc)), count) for doc, count in stats["per_document"].items()), key=lambda r: -r[1]
    )
    rows = [(_short(title), count, BAR_COLOR) for title, count in per_document[:TOP_DOCUMENTS]]
    rest = per_document[TOP_DOCUMENTS:]
    if rest:
        rows.append((trn_("%n other document(s)", "", len(rest)), sum(count for _, count in rest), "#999999"))
    return {"labels": per_label, "annotators": per_annotator, "documents": rows}


def _short(title: str) -> str:
    return title if len(title) <= TITLE_WIDTH else title[: TITLE_WIDTH - 1] + "…"


class BarChart(QChartView):
    """One horizontal bar chart of (name, count, colour) rows."""

    def __init__(self, name: str, title: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(180)
        self.title = title
        self.rows: list[tuple[str, int, str]] = []
        chart = QChart()
        chart.setTitle(chart_text(title))
        chart.legend().hide()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.setChart(chart)

    def set_rows(self, rows: list[tuple[str, int, str]]) -> None:
        """Redraw with ``rows`` (top row first)."""
        if rows == self.rows and self.chart().series():
            return
        self.rows = list(rows)
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        series = QHorizontalStackedBarSeries()
        # Bars run bottom-up: reverse so that the first row is on top. Stacked sets, one per colour, give each bar
        # its label's colour (the other sets are 0 there).
        ordered = list(reversed(self.rows))
        colours = list(dict.fromkeys(colour for _, _, colour in ordered))
        for colour in colours:
            bar_set = QBarSet(colour)
            bar_set.setColor(QColor(colour))
            for _, count, row_colour in ordered:
                bar_set.append(count if row_colour == colour else 0)
            series.append(bar_set)
        series.setLabelsVisible(True)
        series.setBarWidth(0.7)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.setTruncateLabels(False)
        # QtCharts draws axis labels and titles as HTML: names are escaped, or an <img src> in a title loads a file.
        categories.append([chart_text(name) for name, _, _ in ordered] or [""])
        values = QValueAxis()
        values.setLabelFormat("%d")
        values.setRange(0, max([count for _, count, _ in self.rows] + [1]))
        values.applyNiceNumbers()
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        series.attachAxis(values)
        chart.setTitle(chart_text(f"{self.title} ({sum(count for _, count, _ in self.rows)})"))
        # QtCharts leaves out category labels that would overlap: a row of text per bar keeps each named.
        self.setMinimumHeight(max(180, 100 + len(self.rows) * (self.fontMetrics().height() + 6)))

    def values(self) -> dict[str, int]:
        """What the chart shows: name → count."""
        return {name: count for name, count, _ in self.rows}


class StatisticsView(RefreshWhenShown):
    """Three charts and a summary line."""

    IGNORED_CHANGES = frozenset({ChangeKind.ENTITIES_CHANGED})

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.setObjectName("statistics-view")
        self.project: Project = window.project
        self._dirty = True
        self.summary = plain_label(name="statistics-summary")
        self.labels_chart = BarChart("statistics-labels", tr_("Spans per label"))
        self.annotators_chart = BarChart("statistics-annotators", tr_("Spans per annotator"))
        self.documents_chart = BarChart("statistics-documents", tr_("Spans per document"))
        grid = QGridLayout()
        grid.addWidget(self.labels_chart, 0, 0)
        grid.addWidget(self.annotators_chart, 0, 1)
        # As many bars as documents, each named: the chart grows and scrolls instead of dropping names.
        self.documents_scroll = QScrollArea(objectName="statistics-documents-scroll")
        self.documents_scroll.setWidgetResizable(True)
        self.documents_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.documents_scroll.setWidget(self.documents_chart)
        grid.addWidget(self.documents_scroll, 1, 0, 1, 2)
        grid.setRowStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(grid, 1)
        window.signals.changed.connect(self._on_change)

    def refresh(self) -> None:
        """Recount and redraw."""
        self._dirty = False
        data = statistics(self.project)
        stats = self.project.stats()
        self.labels_chart.set_rows(data["labels"])
        self.annotators_chart.set_rows(data["annotators"])
        self.documents_chart.set_rows(data["documents"])
        suggested = stats["per_status"].get("suggested", 0)
        self.summary.setText(
            tr_("{documents} {done}, {spans}, {suggestions}, {links}").format(
                documents=trn_("%n document(s)", "", stats["documents"]),
                done=trn_("(%n done)", "", stats["documents_done"]),
                spans=trn_("%n accepted span(s)", "", stats["spans"]),
                suggestions=trn_("%n suggestion(s)", "", suggested),
                links=trn_("%n link(s)", "", stats["links"]),
            )
        )

    def is_stale(self) -> bool:
        """Whether a change is waiting to be drawn (the view was hidden)."""
        return self._dirty


def install(window: MainWindow) -> None:
    """Add the statistics charts as a view, with View → Statistics."""
    view = StatisticsView(window)
    window.add_view(view, tr_("Statistics"))
    action = window.menu("&View").addAction(tr_("&Statistics"))
    action.setObjectName("action-show-statistics")
    action.triggered.connect(lambda: window.show_view(view))
