"""The statistics view through the real window: charts per label, annotator and document, kept current."""

from __future__ import annotations

import pytest
from PySide6.QtCharts import QChartView
from PySide6.QtWidgets import QLabel, QWidget

from annotator.ui.views import statistics as statistics_view

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "Selon l’ONU, la Corée du Nord 🚀 a fourni à la Russie des munitions d’artillerie.\n"


@pytest.fixture
def filled(window):
    project = window.project
    first, _ = project.add_document("Premier article", TEXT)
    second, _ = project.add_document("Second", TEXT + "Fin.\n")
    for doc, phrase, label, name in [
        (first, "la Corée du Nord", "actor", "alice"),
        (first, "la Russie", "actor", "alice"),
        (first, "des munitions", "quantity", "bob"),
        (second, "l’ONU", "actor", "bob"),
    ]:
        start = TEXT.index(phrase)
        project.add_span(doc.id, start, start + len(phrase), label, annotator=name)
    project.add_span(second.id, 0, 5, "assessment", annotator="bob", status="suggested")
    return first, second


def charts(window) -> tuple[QWidget, dict[str, QChartView]]:
    view = window.findChild(QWidget, "statistics-view")
    window.show_view(view)
    found = {name: view.findChild(QChartView, f"statistics-{name}") for name in ("labels", "annotators", "documents")}
    return view, found


def drawn(chart: QChartView) -> dict[str, int]:
    """What the bars show, read from the chart itself: category → sum of the stacked sets."""
    [series] = chart.chart().series()
    [axis] = [a for a in chart.chart().axes() if a.metaObject().className() == "QBarCategoryAxis"]
    categories = axis.categories()
    return {name: int(sum(bar_set.at(i) for bar_set in series.barSets())) for i, name in enumerate(categories)}


def test_charts_show_accepted_spans(window, filled) -> None:
    view, found = charts(window)
    # Suggestions never count.
    assert drawn(found["labels"]) == {"assessment": 0, "quantity": 1, "transfer": 0, "actor": 3}
    assert drawn(found["annotators"]) == {"bob": 2, "alice": 2}
    assert drawn(found["documents"]) == {"Second": 1, "Premier article": 3}
    # The first row is drawn on top (categories run bottom-up).
    assert found["labels"].chart().axes()[0].categories()[-1] == "actor"
    # Each label's bar has the label's colour.
    colours = {s.label(): s.color().name().upper() for s in found["labels"].chart().series()[0].barSets()}
    assert colours[window.project.label("actor").color] == window.project.label("actor").color
    assert "4 accepted spans, 1 suggestion," in view.findChild(QLabel, "statistics-summary").text()


def test_refreshes_on_changes_and_catches_up_when_shown(window, filled) -> None:
    first, _ = filled
    view, found = charts(window)
    start = TEXT.index("a fourni")
    window.project.add_span(first.id, start, start + 8, "transfer", annotator="carol")
    assert drawn(found["labels"])["transfer"] == 1
    assert drawn(found["annotators"])["carol"] == 1
    window.show_view(window.findChild(QWidget, "review-view"))
    assert not view.isVisible()
    window.project.add_span(first.id, 0, 5, "assessment", annotator="carol")
    assert view.is_stale()
    assert drawn(found["labels"])["assessment"] == 0
    window.show_view(view)
    assert not view.is_stale()
    assert drawn(found["labels"])["assessment"] == 1


def test_many_documents_are_summed_after_the_top_ones(window, monkeypatch) -> None:
    monkeypatch.setattr(statistics_view, "TOP_DOCUMENTS", 2)
    project = window.project
    for n in range(4):
        doc, _ = project.add_document(f"Doc {n} " + "x" * 50, f"mot{n} " * (n + 1))
        for k in range(n + 1):
            project.add_span(doc.id, k * 5, k * 5 + 4, "actor", annotator="alice")
    _, found = charts(window)
    window.findChild(QWidget, "statistics-view").refresh()
    shown = drawn(found["documents"])
    assert shown["2 other documents"] == 1 + 2
    assert [count for name, count in shown.items() if name.startswith("Doc 3")] == [4]
    assert all(len(name) <= statistics_view.TITLE_WIDTH for name in shown)
