"""The panels and item models on their own: document list, span table, label bar."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QPushButton

from annotator.store.project import Change, ChangeKind, Project
from annotator.ui.models import (
    AnnotationTableModel,
    DocumentFilterModel,
    DocumentListModel,
    DoneRole,
    SpanCountRole,
    SpanIdRole,
    fold,
)
from annotator.ui.panels.annotation_panel import AnnotationPanel
from annotator.ui.panels.document_list import DocumentListPanel
from annotator.ui.panels.label_bar import LabelBar, tint

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
TEXT = "Selon l’ONU, la Corée du Nord 🚀 a livré 10\u00a0000 obus à la Russie.\n"


@pytest.fixture
def filled(project: Project) -> dict[str, object]:
    first, _ = project.add_document("Corée du Nord", TEXT)
    second, _ = project.add_document("Séoul", "Séoul s’inquiète.\n")
    start = TEXT.index("la Russie")
    russia = project.add_span(first.id, start, start + 9, "actor", annotator="ana")
    start = TEXT.index("la Corée du Nord")
    korea = project.add_span(first.id, start, start + 16, "actor", annotator="ben", note="pays\nà suivre")
    start = TEXT.index("10\u00a0000 obus")
    shells = project.add_span(first.id, start, start + 11, "quantity", annotator="ana", status="suggested")
    return {"first": first.id, "second": second.id, "russia": russia, "korea": korea, "shells": shells}


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Corée DU Nord") == "coree du nord"
    assert fold("ŒUVRE") == "œuvre"


def test_document_model_rows_counts_and_done(qtbot, project: Project, filled) -> None:
    model = DocumentListModel(project)
    assert model.rowCount() == 2
    first = model.index(0, 0)
    assert first.data() == "Corée du Nord"
    assert first.data(SpanCountRole) == 2  # accepted spans only
    assert first.data(DoneRole) is False
    project.update_document(filled["first"], done=True)
    model.on_change(Change(ChangeKind.DOCUMENTS_CHANGED, filled["first"]))
    assert model.index(0, 0).data(DoneRole) is True
    with qtbot.waitSignal(model.dataChanged):
        project.add_span(filled["second"], 0, 5, "actor", annotator="ana")
        model.on_change(Change(ChangeKind.SPANS_ADDED, filled["second"]))
    assert model.index(1, 0).data(SpanCountRole) == 1


def test_document_filter_keeps_matching_titles(project: Project, filled) -> None:
    model = DocumentListModel(project)
    proxy = DocumentFilterModel()
    proxy.setSourceModel(model)
    proxy.set_filter_text("seoul")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Séoul"]
    proxy.set_filter_text("nord corée")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Corée du Nord"]
    proxy.set_filter_text("")
    assert proxy.rowCount() == 2


def test_annotation_model_in_text_order_with_suggestions_in_italics(project: Project, filled) -> None:
    model = AnnotationTableModel(project)
    model.set_document(filled["first"])
    ids = [model.index(r, 0).data(SpanIdRole) for r in range(model.rowCount())]
    assert ids == [filled["korea"].id, filled["shells"].id, filled["russia"].id]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == ["Label", "Text", "Note", "Annotator"]
    assert model.index(0, 2).data() == "pays à suivre"  # one line in the table
    assert model.index(1, 1).data() == "10\u00a0000 obus"  # the no-break space is kept
    assert model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) == QColor(project.label("actor").color)
    font = model.index(1, 1).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.italic()
    assert model.index(0, 1).data(Qt.ItemDataRole.FontRole) is None
    assert "pays\nà suivre" in model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    model.set_annotator_filter("ana")
    assert model.rowCount() == 2
    model.set_annotator_filter(None)
    project.update_span(filled["shells"].id, status="rejected")
    model.on_change(Change(ChangeKind.SPANS_UPDATED, filled["first"]))
    assert model.rowCount() == 2
    model.on_change(Change(ChangeKind.SPANS_ADDED, filled["second"]))  # another document: nothing to do
    assert model.rowCount() == 2


def test_span_table_enter_and_click_ask_to_go_to_the_span(qtbot, project: Project, filled) -> None:
    model = AnnotationTableModel(project)
    model.set_document(filled["first"])
    panel = AnnotationPanel(model)
    qtbot.addWidget(panel)
    panel.resize(500, 300)
    panel.show()
    table = panel.table
    assert panel.heading.text() == "Spans — 3 spans"
    table.setCurrentIndex(model.index(2, 1))
    with qtbot.waitSignal(table.spanActivated) as activated:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert activated.args == [filled["russia"].id]
    rect = table.visualRect(model.index(0, 1))
    with qtbot.waitSignal(table.spanActivated) as activated:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert activated.args == [filled["korea"].id]
    with qtbot.assertNotEmitted(table.spanActivated):
        table.show_span(filled["shells"].id)
    assert table.currentIndex().row() == 1


def test_document_panel_emits_the_chosen_document(qtbot, project: Project, filled) -> None:
    panel = DocumentListPanel(DocumentListModel(project))
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.assertNotEmitted(panel.documentChosen):
        panel.select_document(filled["second"])
    with qtbot.waitSignal(panel.documentChosen) as chosen:
        qtbot.keyClicks(panel.filter_box, "coree")
        qtbot.keyClick(panel.filter_box, Qt.Key.Key_Return)
    assert chosen.args == [filled["first"]]
    assert panel.visible_document_ids() == [filled["first"]]
    # The delegate draws rows with counts and done marks without error.
    project.update_document(filled["first"], done=True)
    panel.model.reload()
    assert not panel.view.grab().isNull()


def test_label_bar_buttons(qtbot, project: Project) -> None:
    bar = LabelBar()
    qtbot.addWidget(bar)
    project.retire_label("assessment")
    bar.set_labels(project.labels())
    names = [b.objectName() for b in bar.findChildren(QPushButton)]
    assert sorted(names) == ["label-actor", "label-quantity", "label-transfer"]
    button = bar.findChild(QPushButton, "label-transfer")
    assert button.text().endswith("2")
    assert project.label("transfer").color in button.styleSheet()
    assert button.focusPolicy() == Qt.FocusPolicy.NoFocus
    bar.show()
    with qtbot.waitSignal(bar.labelClicked) as clicked:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert clicked.args == ["transfer"]
    bar.set_labels(project.labels(include_retired=False)[:1])
    assert [b.objectName() for b in bar.buttons.values()] == ["label-actor"]


def test_tint_mixes_with_white() -> None:
    assert tint("#000000", 0.0) == "#FFFFFF"
    assert tint("#56B4E9", 1.0) == "#56B4E9"
    assert tint("#000000", 0.5) == "#808080"


def test_models_read_the_project_path(db_path: Path) -> None:
    with Project(db_path) as project:
        assert DocumentListModel(project).rowCount() == 0


def test_search_results_show_the_match_in_bold(qtbot) -> None:
    from PySide6.QtWidgets import QListWidgetItem

    from annotator.ui.panels.search_results import SearchResultDelegate, SearchResultList, snippet_html

    assert snippet_html("Corée <1>", "…la [Corée] du Nord…") == (
        "<div style='font-weight:600'>Corée &lt;1&gt;</div><div>…la <b>Corée</b> du Nord…</div>"
    )
    listing = SearchResultList()
    qtbot.addWidget(listing)
    item = QListWidgetItem("Corée\n…la [Corée] du Nord…")
    item.setData(SearchResultDelegate.HTML_ROLE, snippet_html("Corée", "…la [Corée] du Nord… " * 8))
    listing.addItem(item)
    listing.resize(220, 300)
    listing.show()
    one_line = listing.fontMetrics().height()
    assert listing.visualItemRect(item).height() > 3 * one_line  # wrapped to the width
    assert not listing.grab().isNull()
