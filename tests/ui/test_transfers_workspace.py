"""The Transfers workspace in the real window, on the sample documents and their gold set: the map's scene,
clicking through to the sentence, filters narrowing map, timeline and table together, the layout kept in the
project, linking a missing party from the table, merging actors, and every export written and read back."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree
from PySide6.QtCharts import QChartView
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QGraphicsView,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableView,
    QWidget,
)

from annotator.services.samples import seed_with_samples
from annotator.services.transfer_graph import stored_layout
from annotator.store.project import Project
from annotator.ui.views import transfers as transfers_view
from annotator.ui.workspace import transfers_workspace
from annotator.ui.workspace.transfers_map import EdgeItem, NodeItem, TransfersMap

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

GEXF_SCHEMAS = Path(__file__).resolve().parents[1] / "formats" / "gexf-1.3"
SEED_TITLE = "coree-russie-industrie-defense"
WHAT = 2  # column of the table


@pytest.fixture
def samples(db_path: Path) -> dict:
    """The sample project as the default one is seeded, the seed article dated, plus a dated brief of another
    month whose transfer (Iran → Russia) is linked."""
    with Project(db_path) as project:
        seed_with_samples(project)
        docs = {Path(d.source_path or "").stem: d.id for d in project.documents()}  # titles are headlines
        project.update_document(docs[SEED_TITLE], metadata={"date": "2024-11-21", "source": "Japan Times"})
        brief, _ = project.add_document("Brève", "En mai, l’Iran a vendu des drones à la Russie.\n")
        project.update_document(brief.id, metadata={"date": "2024-05-14"})
        text = brief.text

        def tag(phrase: str, label: str) -> str:
            start = text.index(phrase)
            return project.add_span(brief.id, start, start + len(phrase), label, annotator="tester").id

        transfer = tag("a vendu des drones", "transfer")
        project.add_link(transfer, tag("l’Iran", "actor"), "supplier")
        russia = next(e.id for e in project.entities() if e.name == "Russia")
        recipient = tag("la Russie", "actor")
        project.update_span(recipient, entity_id=russia)
        project.add_link(transfer, recipient, "recipient")
    return {"seed": docs[SEED_TITLE], "brief": brief.id, "iran_transfer": transfer}


@pytest.fixture
def workspace(qtbot, make_window, samples):
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    ws = window.findChild(QWidget, "transfers-workspace")
    assert ws.isVisible() and window.current_workspace() is ws
    return window, ws


def the_map(window) -> TransfersMap:
    view = window.findChild(QGraphicsView, "transfers-map")
    assert isinstance(view, TransfersMap)
    return view


def scene_nodes(window) -> dict[str, NodeItem]:
    return {item.name: item for item in the_map(window).scene().items() if isinstance(item, NodeItem)}


def scene_edges(window) -> dict[tuple[str, str], EdgeItem]:
    items = the_map(window).scene().items()
    return {(i.edge.source, i.edge.target): i for i in items if isinstance(i, EdgeItem)}


def table_whats(window) -> list[str]:
    model = window.findChild(QTableView, "transfers-table").model()
    return [model.index(r, WHAT).data() for r in range(model.rowCount())]


def settle(qtbot, ws) -> None:
    """Let the filter timer run (typing redraws once it pauses)."""
    qtbot.waitUntil(lambda: not ws.filter_timer.isActive(), timeout=2000)


def test_the_map_shows_the_seed_articles_transfers_between_russia_and_north_korea(workspace) -> None:
    window, ws = workspace
    ws.filters.document.setCurrentIndex(ws.filters.document.findData(ws.project.documents()[0].id))
    ws.apply_filters()
    nodes = scene_nodes(window)
    assert set(nodes) == {"Russia", "North Korea"}
    edges = scene_edges(window)
    assert set(edges) == {("North Korea", "Russia"), ("Russia", "North Korea")}
    to_russia = edges[("North Korea", "Russia")]
    assert to_russia.edge.count == 3
    assert all("munitions" in r.what or "soldats" in r.what for r in to_russia.edge.rows)
    assert to_russia.label.startswith("3 transfers: ")
    # Both supply and receive: one colour; the bigger disc for the more mentioned actor.
    assert nodes["Russia"].node.role == nodes["North Korea"].node.role == "both"
    assert nodes["Russia"].brush().color() == nodes["North Korea"].brush().color()
    bigger = max(nodes.values(), key=lambda n: n.node.mentions)
    assert bigger.rect().width() == max(n.rect().width() for n in nodes.values())
    assert "North Korea" in nodes["North Korea"].label.text()
    # The opposite arrows curve apart, so both show and both can be clicked.
    assert to_russia.bend and edges[("Russia", "North Korea")].bend
    summary = window.findChild(QLabel, "transfers-map-summary").text()
    assert "2 actors, 2 pairs, 6 transfers on the map" in summary


def click_edge(qtbot, window, key: tuple[str, str]) -> None:
    view = the_map(window)
    item = scene_edges(window)[key]
    point = view.mapFromScene(item.mapToScene(item.path().pointAtPercent(0.5)))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_clicking_an_edge_then_a_transfer_opens_its_sentence_in_the_reader(qtbot, workspace, samples) -> None:
    window, ws = workspace
    click_edge(qtbot, window, ("North Korea", "Russia"))
    listing = window.findChild(QListWidget, "transfers-edge-list")
    assert listing.count() == 3
    assert scene_edges(window)[("North Korea", "Russia")].isSelected()
    first = listing.item(0)
    span_id = first.data(Qt.ItemDataRole.UserRole)
    transfer = ws.project.span(span_id)
    assert first.text().startswith(transfer.text)
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=listing.visualItemRect(first).center())
    assert window.current_workspace() is None and window.reader.isVisible()
    assert window.current_document_id() == samples["seed"]
    assert window.reader.selected_span_id() == span_id
    window.reader.viewport().repaint()
    roles = sorted(arc.role for arc in window.reader.link_arcs.last_drawn)
    assert {"supplier", "recipient"} <= set(roles)  # the transfer's parties drawn, linked to it
    # Ctrl+3 brings the workspace back as it was left.
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_workspace() is ws and listing.count() == 3


def test_filters_narrow_the_map_the_timeline_and_the_table_together(qtbot, workspace, samples) -> None:
    window, ws = workspace
    timeline = window.findChild(QChartView, "transfers-timeline")
    assert timeline.months() == [f"2024-{m:02d}" for m in range(5, 12)]
    assert sum(sum(c) for c in timeline.counts().values()) == 7
    all_rows = len(table_whats(window))
    # An actor, typed by one of its names in the documents: Moscou is Russia.
    actor = window.findChild(QComboBox, "transfers-filter-actor")
    actor.setCurrentText("Iran")
    settle(qtbot, ws)
    assert table_whats(window) == ["a vendu des drones"]
    assert set(scene_nodes(window)) == {"l’Iran", "Russia"}
    assert timeline.months() == ["2024-05"]
    actor.setCurrentText("Moscou")
    settle(qtbot, ws)
    assert len(table_whats(window)) == 7 and set(scene_nodes(window)) == {"l’Iran", "Russia", "North Korea"}
    actor.setCurrentText("")
    # What: free text over the transfer span.
    qtbot.keyClicks(window.findChild(QLineEdit, "transfers-filter-what"), "munitions")
    settle(qtbot, ws)
    with_munitions = sum("munitions" in r.what for r in ws.rows())
    assert all("munitions" in w for w in table_whats(window)) and len(table_whats(window)) == with_munitions >= 4
    assert set(scene_edges(window)) == {("North Korea", "Russia")}
    window.findChild(QLineEdit, "transfers-filter-what").clear()
    settle(qtbot, ws)
    # Brushing November on the timeline narrows the map and the table to the seed article.
    chart = timeline
    x = round(chart.month_x(timeline.months().index("2024-11")))
    y = chart.height() // 2
    qtbot.mousePress(chart.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x - 3, y))
    qtbot.mouseMove(chart.viewport(), pos=QPoint(x + 3, y))
    qtbot.mouseRelease(chart.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x + 3, y))
    settle(qtbot, ws)
    assert timeline.brushed_period() == ("2024-11", "2024-11")
    assert window.findChild(QLineEdit, "transfers-filter-since").text() == "2024-11"
    assert len(table_whats(window)) == 6
    assert set(scene_nodes(window)) == {"Russia", "North Korea"}
    assert timeline.months() == [f"2024-{m:02d}" for m in range(5, 12)]  # the timeline keeps every month
    # Confidence: the highest an assessment about the transfer gives.
    confidence = window.findChild(QComboBox, "transfers-filter-confidence")
    confidence.setCurrentIndex(confidence.findData("low"))
    settle(qtbot, ws)
    assert table_whats(window) == [
        "fourni à la Russie des munitions d’artillerie, des missiles balistiques et des systèmes de roquettes"
    ]
    # Annotator and document.
    window.findChild(QWidget, "transfers-filter-clear").click()
    settle(qtbot, ws)
    assert len(table_whats(window)) == all_rows and timeline.brushed_period() is None
    annotator = window.findChild(QComboBox, "transfers-filter-annotator")
    annotator.setCurrentIndex(annotator.findData("tester"))
    settle(qtbot, ws)
    assert table_whats(window) == ["a vendu des drones"]
    annotator.setCurrentIndex(0)
    document = window.findChild(QComboBox, "transfers-filter-document")
    document.setCurrentIndex(document.findData(samples["seed"]))
    settle(qtbot, ws)
    assert len(table_whats(window)) == 6 and timeline.months() == ["2024-11"]


def test_a_bad_period_is_shown_and_changes_nothing(qtbot, workspace) -> None:
    window, ws = workspace
    before = table_whats(window)
    qtbot.keyClicks(window.findChild(QLineEdit, "transfers-filter-since"), "2024-13")
    settle(qtbot, ws)
    assert table_whats(window) == before
    assert "month" in window.statusBar().currentMessage()


def test_dragged_nodes_stay_where_they_were_put_in_the_project(qtbot, make_window, samples, db_path: Path) -> None:
    window = make_window()
    window.show_workspace(window.findChild(QWidget, "transfers-workspace"))
    view = the_map(window)
    node = scene_nodes(window)["l’Iran"]
    start = view.mapFromScene(node.scenePos())
    end = start + QPoint(60, 40)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(view.viewport(), pos=start + (end - start) * step / 5)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    moved = node.scenePos()
    assert moved != view.mapToScene(start)
    kept = stored_layout(window.project)["l’Iran"]
    assert kept == pytest.approx((moved.x(), moved.y()), abs=0.1)
    window.close()
    again = make_window()
    again.show_workspace(again.findChild(QWidget, "transfers-workspace"))
    assert scene_nodes(again)["l’Iran"].scenePos() == QPointF(*kept)


def test_zoom_pan_and_fit_with_keys(qtbot, workspace) -> None:
    window, _ws = workspace
    view = the_map(window)
    view.setFocus()
    fitted = view.zoom()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.zoom() == pytest.approx(fitted * 1.25)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.zoom() < fitted
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert view.zoom() == pytest.approx(fitted)
    assert view.dragMode() == QGraphicsView.DragMode.ScrollHandDrag  # dragging the background pans


def test_empty_cells_say_why_and_the_table_is_readable(workspace) -> None:
    window, _ws = workspace
    table = window.findChild(QTableView, "transfers-table")
    model = table.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, WHAT).data() == "ships shells to Russia")
    supplier, recipient = model.index(row, 0), model.index(row, 1)
    assert supplier.data() == "" and supplier.data(transfers_view.REASON_ROLE) == "no supplier linked"
    assert recipient.data(transfers_view.REASON_ROLE) == "no recipient linked"
    assert "no recipient linked" in recipient.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, 0).data(transfers_view.REASON_ROLE) is None  # a filled cell has no reason
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    for column in range(model.columnCount()):
        assert table.columnWidth(column) >= header.sectionSizeHint(column) - 1  # no header is clipped
    for name in ("What", "Sentence", "Document"):
        column = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())].index(name)
        assert table.columnWidth(column) >= metrics.horizontalAdvance("coree-russie-industrie")
    # A reason is drawn where the value would be: the empty cell is not blank.
    table.scrollTo(recipient)
    image = table.viewport().grab().toImage()
    rect = table.visualRect(table.model().index(row, 1))
    assert any(
        QImage.pixel(image, x, rect.center().y()) != QImage.pixel(image, rect.right() - 2, rect.center().y())
        for x in range(rect.left() + 4, rect.left() + 60)
    )


def test_l_links_the_missing_party_from_the_row_and_undo_removes_it(qtbot, workspace) -> None:
    window, _ws = workspace
    project = window.project
    table = window.findChild(QTableView, "transfers-table")
    model = table.model()
    row = next(
        r for r in range(model.rowCount()) if model.index(r, WHAT).data() == "shipped artillery shells to Russia"
    )
    table.setFocus()
    table.setCurrentIndex(model.index(row, WHAT))
    qtbot.keyClick(table, Qt.Key.Key_L)
    [picker] = [d for d in window.findChildren(QDialog, "transfers-link-picker") if d.isVisible()]
    role = picker.findChild(QComboBox, "transfers-link-picker-role")
    assert role.currentData() == ("supplier", "actor")
    listing = picker.findChild(QListWidget, "transfers-link-picker-list")
    assert listing.currentItem().data(Qt.ItemDataRole.UserRole + 1) == "North Korea"  # nearest, same sentence
    transfer_id = model.index(row, 0).data(transfers_view.SPAN_ID_ROLE)
    qtbot.keyClick(picker.findChild(QLineEdit, "transfers-link-picker-filter"), Qt.Key.Key_Return)
    [link] = [lk for lk in project.links(span_ids=[transfer_id]) if lk.from_span == transfer_id]
    assert link.role == "supplier" and project.span(link.to_span).text == "North Korea"

    def supplier_cell() -> str:
        r = next(
            r for r in range(model.rowCount()) if model.index(r, 0).data(transfers_view.SPAN_ID_ROLE) == transfer_id
        )
        return model.index(r, 0).data()

    qtbot.waitUntil(lambda: supplier_cell() == "North Korea", timeout=2000)
    window.undo()
    assert project.links(span_ids=[transfer_id]) == []
    qtbot.waitUntil(lambda: supplier_cell() == "", timeout=2000)


def test_merging_two_actors_on_the_map_and_undoing_it(qtbot, make_window, db_path: Path) -> None:
    with Project(db_path) as project:
        fr, _ = project.add_document("FR", "La Corée du Nord a livré des obus à la Russie.\n")
        en, _ = project.add_document("EN", "North Korea shipped shells to <b>Russia</b>.\n")
        coree, north = project.add_entity("Corée du Nord").id, project.add_entity("North Korea").id
        for doc, what, supplier, entity, recipient in (
            (fr, "a livré des obus", "La Corée du Nord", coree, "la Russie"),
            (en, "shipped shells", "North Korea", north, "<b>Russia</b>"),
        ):

            def tag(phrase: str, label: str, doc=doc, **fields) -> str:
                start = doc.text.index(phrase)
                return project.add_span(doc.id, start, start + len(phrase), label, **fields).id

            t = tag(what, "transfer")
            project.add_link(t, tag(supplier, "actor", entity_id=entity), "supplier")
            project.add_link(t, tag(recipient, "actor"), "recipient")
    window = make_window()
    window.show_workspace(window.findChild(QWidget, "transfers-workspace"))
    nodes = scene_nodes(window)
    assert set(nodes) == {"Corée du Nord", "North Korea", "la Russie", "<b>Russia</b>"}
    # A name is shown as written, never as markup.
    assert nodes["<b>Russia</b>"].label.text() == "<b>Russia</b>"
    assert "&lt;b&gt;Russia&lt;/b&gt;" in nodes["<b>Russia</b>"].toolTip()
    view = the_map(window)
    nodes["Corée du Nord"].setSelected(True)
    nodes["North Korea"].setSelected(True)
    menu = view.context_menu(QPointF(view.mapFromScene(nodes["North Korea"].scenePos())))
    [merge] = [a for a in menu.actions() if a.text().startswith("Merge")]
    assert merge.text() == "Merge Corée du Nord into North Korea"
    merge.trigger()
    qtbot.waitUntil(lambda: "Corée du Nord" not in scene_nodes(window), timeout=2000)
    merged = scene_nodes(window)["North Korea"]
    assert merged.node.supplies == 2 and set(merged.node.aliases) == {"La Corée du Nord", "North Korea"}
    window.undo()
    qtbot.waitUntil(lambda: "Corée du Nord" in scene_nodes(window), timeout=2000)
    assert [e.name for e in window.project.entities()] == ["Corée du Nord", "North Korea"]


def test_every_export_is_written_and_reads_back(qtbot, workspace, tmp_path: Path, monkeypatch) -> None:
    window, _ws = workspace
    targets = {
        "graphml": tmp_path / "t.graphml",
        "gexf": tmp_path / "t.gexf",
        "csv": tmp_path / "t-nodes.csv",
        "map-png": tmp_path / "map.png",
        "map-svg": tmp_path / "map.svg",
        "timeline-png": tmp_path / "timeline.png",
        "timeline-svg": tmp_path / "timeline.svg",
    }
    chosen = iter(targets.values())
    monkeypatch.setattr(transfers_workspace, "ask_save_path", lambda *args: str(next(chosen)))
    menu = window.findChild(QWidget, "transfers-export").menu()
    for key in targets:
        [action] = [a for a in menu.actions() if a.objectName() == f"transfers-export-{key}"]
        action.trigger()
    graph = nx.read_graphml(targets["graphml"])
    assert set(graph.nodes) == set(scene_nodes(window)) and graph.number_of_edges() == 7
    xsd = etree.XMLSchema(etree.parse(str(GEXF_SCHEMAS / "gexf.xsd")))
    assert xsd.validate(etree.parse(str(targets["gexf"]))), xsd.error_log
    assert (tmp_path / "t-edges.csv").read_text(encoding="utf-8").startswith("Source,Target,Type,Weight,Label")
    for key in ("map-png", "timeline-png"):
        image = QImage(str(targets[key]))
        assert not image.isNull() and image.width() > 200 and image.height() > 100
    for key in ("map-svg", "timeline-svg"):
        root = ET.parse(targets[key]).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "Russia" in targets["map-svg"].read_text(encoding="utf-8")
    assert "Exported" in window.statusBar().currentMessage()


def test_an_export_onto_the_project_is_refused(qtbot, workspace, db_path: Path, monkeypatch) -> None:
    window, ws = workspace
    before = db_path.stat().st_size
    monkeypatch.setattr(transfers_workspace, "ask_save_path", lambda *args: str(db_path))
    assert ws.export("gexf") is None
    assert "Cannot write" in window.statusBar().currentMessage() and db_path.stat().st_size == before


def test_views_panel_steps_aside_and_comes_back(qtbot, workspace) -> None:
    window, _ws = workspace
    assert not window.view_dock.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_workspace() is None and window.view_dock.isVisible()
    assert QApplication.focusWidget() is window.reader


def test_timeline_by_pair_and_a_double_click_on_a_node_filters_by_it(qtbot, workspace) -> None:
    window, ws = workspace
    timeline = window.findChild(QChartView, "transfers-timeline")
    stack = window.findChild(QComboBox, "transfers-timeline-stack")
    stack.setCurrentIndex(stack.findData("pair"))
    assert timeline.stacks()[:3] == ["North Korea → Russia", "Russia → North Korea", "l’Iran → Russia"]
    assert sum(timeline.counts()["North Korea → Russia"]) == 3
    view = the_map(window)
    node = scene_nodes(window)["l’Iran"]
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(node.scenePos()))
    settle(qtbot, ws)
    assert window.findChild(QComboBox, "transfers-filter-actor").currentText() == "l’Iran"
    assert table_whats(window) == ["a vendu des drones"]
    # Escape on the chart lifts a brushed period.
    timeline.brush("2024-05", "2024-05")
    settle(qtbot, ws)
    assert window.findChild(QLineEdit, "transfers-filter-until").text() == "2024-05"
    timeline.setFocus()
    qtbot.keyClick(timeline, Qt.Key.Key_Escape)
    settle(qtbot, ws)
    assert window.findChild(QLineEdit, "transfers-filter-since").text() == "" and timeline.brushed_period() is None
