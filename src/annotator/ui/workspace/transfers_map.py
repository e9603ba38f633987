"""The transfers map: actors as nodes, transfers as arrows from supplier to recipient, on a QGraphicsView.

A node's size follows how often the corpus mentions the actor and its colour its role (supplier, recipient,
both); an arrow's width follows the number of transfers and its label says what (and how much). The wheel
(or ``+``/``-``) zooms, ``0`` fits the map, dragging the background pans and dragging a node moves it (the
new place is told through ``nodesMoved``, for the project to keep). A click on an arrow or a node is told
through ``edgeClicked``/``nodeClicked``. Every text is drawn as plain text.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QT_TR_NOOP, QLineF, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QFont,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSceneHoverEvent,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QMenu,
    QStyleOptionGraphicsItem,
    QWidget,
)

from annotator.services.transfer_graph import (
    BOTH,
    RECIPIENT,
    ROLE_COLORS,
    SUPPLIER,
    ActorNode,
    Positions,
    TransferEdge,
    TransferGraph,
    edge_width,
    node_size,
    shorten,
)
from annotator.ui.actions import resolve, view_binding
from annotator.ui.i18n import tr_, trn_
from annotator.ui.plain_text import tooltip

ROLE_NAMES = {  # marked here, translated where shown
    SUPPLIER: QT_TR_NOOP("supplier"),
    RECIPIENT: QT_TR_NOOP("recipient"),
    BOTH: QT_TR_NOOP("supplier and recipient"),
}
EDGE_COLOR = QColor(90, 96, 110, 170)
EDGE_SELECTED = QColor(230, 159, 0)
LABEL_BACKGROUND = QColor(255, 255, 255, 215)
ARROW = 11.0
BEND = 0.18  # how far a pair's two opposite arrows curve apart, relative to their length
LABEL_LOD = 0.55  # below this zoom, arrow labels are left out (a wide map of hundreds of arrows)
MAX_FIT_SCALE = 1.4
ZOOM_STEP = 1.25
ZOOM_RANGE = (0.02, 12.0)
# Past this many pairs the busiest are drawn and the rest left out (and said so): thousands of arrows are
# neither readable nor quick to draw; the filters bring any of them back.
MAX_ARROWS = 600


def role_color(role: str) -> QColor:
    r, g, b = ROLE_COLORS[role]
    return QColor(r, g, b)


class NodeItem(QGraphicsEllipseItem):
    """An actor: a disc with its name under it."""

    def __init__(self, node: ActorNode, map_view: TransfersMap) -> None:
        diameter = node_size(node.mentions)
        super().__init__(-diameter / 2, -diameter / 2, diameter, diameter)
        self.node = node
        self.name = node.name
        self.map_view = map_view
        self.edges: list[EdgeItem] = []
        # ItemSendsGeometryChanges is set once the node is placed (see ``listen``): building a map of hundreds
        # of nodes should not call back into Python for every property set on the way.
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setBrush(QBrush(role_color(node.role)))
        self.setPen(QPen(QColor(255, 255, 255), 2.0))
        self.setZValue(2)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.label = QGraphicsSimpleTextItem(shorten(node.name, 40), self)
        font = QFont(self.label.font())
        font.setPointSizeF(max(8.0, font.pointSizeF()))
        font.setBold(True)
        self.label.setFont(font)
        width = self.label.boundingRect().width()
        self.label.setPos(-width / 2, diameter / 2 + 2)
        self.label.setBrush(QBrush(QColor(30, 32, 38)))
        aliases = ", ".join(a for a in node.aliases[:8] if a != node.name)
        lines = [
            node.name,
            tr_("{role}: supplies {supplied}, receives {received} (transfers shown)").format(
                role=tr_(ROLE_NAMES[node.role]), supplied=node.supplies, received=node.receives
            ),
            trn_("%n mention(s) in the corpus", "", node.mentions),
        ]
        if aliases:
            lines.append(tr_("also: {names}").format(names=aliases))
        self.setToolTip(tooltip("\n".join(lines)))

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            for edge in self.edges:
                edge.adjust()
            self.map_view.node_moved(self)
        elif change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.setPen(QPen(EDGE_SELECTED if value else QColor(255, 255, 255), 3.0 if value else 2.0))
        return super().itemChange(change, value)

    def listen(self) -> None:
        """From now on, moving the node moves its arrows and is told to the map."""
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges, True)

    def radius(self) -> float:
        return self.rect().width() / 2


class EdgeLabel(QGraphicsSimpleTextItem):
    """What an arrow carries, as plain text on a light plate, at the middle of the arrow."""

    def __init__(self, text: str, parent: QGraphicsItem) -> None:
        super().__init__(text, parent)
        font = QFont(QApplication.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        self.setFont(font)
        self.setBrush(QBrush(QColor(40, 40, 48)))
        self.setZValue(3)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # a click on it is a click on the arrow

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(LABEL_BACKGROUND)
        painter.drawRoundedRect(self.boundingRect().adjusted(-4, -1, 4, 1), 3, 3)
        super().paint(painter, option, widget)

    def boundingRect(self) -> QRectF:
        return super().boundingRect().adjusted(-4, -1, 4, 1)


class EdgeItem(QGraphicsPathItem):
    """The transfers from one actor to another: an arrow, curved when the opposite arrow exists too."""

    def __init__(self, edge: TransferEdge, source: NodeItem, target: NodeItem, bend: float) -> None:
        super().__init__()
        self.edge = edge
        self.source = source
        self.target = target
        self.bend = bend
        self.label = edge.label
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        pen = QPen(EDGE_COLOR, edge_width(edge.count))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self.setPen(pen)
        self.setZValue(1)
        self.setAcceptHoverEvents(True)
        self._hover = False
        self._arrow = QPolygonF()
        self._label_at = QPointF()
        self.label_item: EdgeLabel | None = None  # made when first shown: a wide map hides most labels
        source.edges.append(self)
        if target is not source:
            target.edges.append(self)
        lines = [
            trn_("{source} → {target}: %n transfer(s)", "", edge.count).format(source=edge.source, target=edge.target)
        ]
        lines += [f"• {shorten(r.what, 70)}" + (f" ({r.amount})" if r.amount else "") for r in edge.rows[:6]]
        if edge.count > 6:
            lines.append(trn_("… and %n more", "", edge.count - 6))
        lines.append(tr_("Click to list them; a transfer opens in the reader."))
        self.setToolTip(tooltip("\n".join(lines)))
        self.adjust()

    def adjust(self) -> None:
        """Follow the two nodes (after one was moved)."""
        self.prepareGeometryChange()
        a, b = self.source.pos(), self.target.pos()
        path = QPainterPath()
        if self.source is self.target:  # an actor supplying itself: a loop above it
            r = self.source.radius()
            start = a + QPointF(-r * 0.5, -r * 0.85)
            end = a + QPointF(r * 0.5, -r * 0.85)
            path.moveTo(start)
            path.cubicTo(a + QPointF(-r * 1.6, -r * 3.2), a + QPointF(r * 1.6, -r * 3.2), end)
            tip, before = end, a + QPointF(r * 1.2, -r * 2.2)
            self._label_at = a + QPointF(0, -r * 2.6)
        else:
            line = QLineF(a, b)
            length = max(line.length(), 1e-6)
            normal = QPointF(-(b.y() - a.y()) / length, (b.x() - a.x()) / length)
            control = (a + b) / 2 + normal * (self.bend * length)
            # Leave and arrive at the discs' rims, along the curve's tangents.
            start = _towards(a, control, self.source.radius())
            tip = _towards(b, control, self.target.radius() + 1.5)
            path.moveTo(start)
            path.quadTo(control, tip)
            before = control
            self._label_at = (start + tip) / 4 + control / 2  # the curve's middle point
        self.setPath(path)
        angle = math.atan2(tip.y() - before.y(), tip.x() - before.x())
        size = ARROW + self.pen().widthF()
        left = tip - QPointF(math.cos(angle - 0.42) * size, math.sin(angle - 0.42) * size)
        right = tip - QPointF(math.cos(angle + 0.42) * size, math.sin(angle + 0.42) * size)
        self._arrow = QPolygonF([tip, left, right])
        self._place_label()

    def boundingRect(self) -> QRectF:
        extra = self.pen().widthF() + ARROW
        return super().boundingRect().adjusted(-extra, -extra, extra, extra)

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(max(self.pen().widthF(), 10.0))
        shape = stroker.createStroke(self.path())
        shape.addPolygon(self._arrow)
        return shape

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hover = True
        self._set_label_visible(True)
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hover = False
        self.show_label(self.source.map_view.labels_shown())
        self.update()
        super().hoverLeaveEvent(event)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        color = EDGE_SELECTED if self.isSelected() or self._hover else EDGE_COLOR
        pen = QPen(self.pen())
        pen.setColor(color)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawPolygon(self._arrow)

    def _set_label_visible(self, visible: bool) -> None:
        if self.label_item is None:
            if not visible:
                return
            self.label_item = EdgeLabel(self.label, self)
            self._place_label()
        self.label_item.setVisible(visible)

    def _place_label(self) -> None:
        if self.label_item is not None:
            rect = self.label_item.boundingRect()
            self.label_item.setPos(self._label_at - QPointF(rect.width() / 2 - 4, rect.height() / 2 - 1))

    def show_label(self, shown: bool) -> None:
        """Show the label (always while the arrow is selected or under the mouse)."""
        self._set_label_visible(shown or self.isSelected() or self._hover)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self._set_label_visible(bool(value) or self.source.map_view.labels_shown())
        return super().itemChange(change, value)


def _towards(point: QPointF, other: QPointF, distance: float) -> QPointF:
    line = QLineF(point, other)
    if line.length() <= distance:
        return point
    line.setLength(distance)
    return line.p2()


class TransfersMap(QGraphicsView):
    """The network of transfers (objectName ``transfers-map``)."""

    edgeClicked = Signal(object)  # TransferEdge
    nodeClicked = Signal(str)
    nodeActivated = Signal(str)  # double click
    backgroundClicked = Signal()
    nodesMoved = Signal(dict)  # name -> (x, y), after a drag
    mergeRequested = Signal(str, str)  # keep, merge: two actors with canonical entities

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transfers-map")
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setBackgroundBrush(QBrush(QColor(250, 250, 252)))
        self.setMinimumSize(QSize(240, 180))
        # Dragging the background pans; scroll bars would only take room from the map.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.graph = TransferGraph()
        self.nodes: dict[str, NodeItem] = {}
        self.edges: dict[tuple[str, str], EdgeItem] = {}
        self.few_edges = True
        self.hidden_arrows = 0  # pairs left undrawn (past MAX_ARROWS)
        self._moved: set[str] = set()
        self._placing = False
        self._press: tuple[QPointF, QGraphicsItem | None] | None = None
        self._node_set: frozenset[str] = frozenset()
        self._message: QGraphicsSimpleTextItem | None = None
        self._auto_fit = True  # fit to the view's size until the analyst zooms or pans
        self._labels_were_shown = True

    # -- content ---------------------------------------------------------------------------------

    def set_graph(self, graph: TransferGraph, positions: Positions, *, empty_message: str = "") -> None:
        """Draw ``graph`` with nodes at ``positions``; the view is fitted when the actors shown change."""
        selected_edge = next((key for key, item in self.edges.items() if item.isSelected()), None)
        self._placing = True
        scene = self.scene()
        scene.clear()
        self.nodes.clear()
        self.edges.clear()
        self._message = None
        self.graph = graph
        self.few_edges = len(graph.edges) <= 40
        for name, node in graph.nodes.items():
            item = NodeItem(node, self)
            x, y = positions.get(name, (0.0, 0.0))
            item.setPos(x, y)
            scene.addItem(item)
            self.nodes[name] = item
        drawn = list(graph.edges.items())
        if len(drawn) > MAX_ARROWS:
            drawn = sorted(drawn, key=lambda kv: (-kv[1].count, kv[0]))[:MAX_ARROWS]
        self.hidden_arrows = len(graph.edges) - len(drawn)
        for key, edge in drawn:
            bend = BEND if (edge.target, edge.source) in graph.edges and edge.source != edge.target else 0.0
            item = EdgeItem(edge, self.nodes[edge.source], self.nodes[edge.target], bend)
            scene.addItem(item)
            self.edges[key] = item
        for item in self.nodes.values():
            item.listen()
        if selected_edge in self.edges:
            self.edges[selected_edge].setSelected(True)
        if not graph.nodes and empty_message:
            self._message = scene.addSimpleText(empty_message)
            self._message.setBrush(QBrush(QColor(90, 90, 100)))
        self._placing = False
        node_set = frozenset(graph.nodes)
        rect = scene.itemsBoundingRect().adjusted(-80, -60, 80, 60)
        scene.setSceneRect(rect.adjusted(-rect.width(), -rect.height(), rect.width(), rect.height()))
        if node_set != self._node_set:
            self._node_set = node_set
            self._auto_fit = True
        if self._auto_fit:
            self.fit()
        self._labels_were_shown = not self.labels_shown()  # new items: set every label once
        self._update_labels()

    def node_item(self, name: str) -> NodeItem | None:
        """The drawn node of actor ``name``."""
        return self.nodes.get(name)

    def edge_item(self, source: str, target: str) -> EdgeItem | None:
        """The drawn arrow from ``source`` to ``target``."""
        return self.edges.get((source, target))

    def positions(self) -> Positions:
        """Where every node is now."""
        return {name: (item.pos().x(), item.pos().y()) for name, item in self.nodes.items()}

    def labels_shown(self) -> bool:
        """Whether arrow labels are shown: a few arrows, or zoomed in enough to read them."""
        return self.few_edges or self.zoom() >= LABEL_LOD

    def _update_labels(self) -> None:
        shown = self.labels_shown()
        if shown != self._labels_were_shown:
            self._labels_were_shown = shown
            for item in self.edges.values():
                item.show_label(shown)

    def node_moved(self, item: NodeItem) -> None:
        if not self._placing:
            self._moved.add(item.name)

    # -- zoom and pan ----------------------------------------------------------------------------

    def zoom(self) -> float:
        """The current scale (1.0: scene units are pixels)."""
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        """Zoom in (factor > 1) or out, within bounds."""
        self._auto_fit = False
        target = min(max(self.zoom() * factor, ZOOM_RANGE[0]), ZOOM_RANGE[1])
        factor = target / self.zoom()
        self.scale(factor, factor)
        self._update_labels()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._auto_fit:
            self.fit()

    def fit(self) -> None:
        """Show every node (never blown up past a readable size)."""
        items = self.scene().itemsBoundingRect()
        if items.isEmpty():
            return
        self.fitInView(items.adjusted(-40, -40, 40, 40), Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > MAX_FIT_SCALE:
            self.resetTransform()
            self.scale(MAX_FIT_SCALE, MAX_FIT_SCALE)
            self.centerOn(items.center())
        self._update_labels()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps)
        event.accept()

    def zoom_steps(self, steps: int) -> None:
        """Zoom in (steps > 0) or out by ``ZOOM_STEP`` per step."""
        self.zoom_by(ZOOM_STEP**steps)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The map's keys (+ / = / - / 0, however typed) are declared in the action table.
        item = view_binding(self.objectName(), event, ignoring=Qt.KeyboardModifier.KeyboardModifierMask)
        if item is not None and item.handler is not None:
            resolve(self, item.handler)(*item.args)
        else:
            super().keyPressEvent(event)

    # -- clicks ----------------------------------------------------------------------------------

    def _item_at(self, pos: QPointF) -> QGraphicsItem | None:
        for item in self.items(pos.toPoint()):
            while item is not None and not isinstance(item, NodeItem | EdgeItem):
                item = item.parentItem()
            if item is not None:
                return item
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = (event.position(), self._item_at(event.position()))
            self._moved.clear()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        if event.button() != Qt.MouseButton.LeftButton or press is None:
            return
        if self._moved:
            moved = {name: (self.nodes[name].x(), self.nodes[name].y()) for name in self._moved if name in self.nodes}
            self._moved.clear()
            self.nodesMoved.emit(moved)
            return
        if (event.position() - press[0]).manhattanLength() >= QApplication.startDragDistance():
            self._auto_fit = False  # a pan: the analyst chose where to look
            return
        item = press[1]
        if isinstance(item, EdgeItem):
            if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.scene().clearSelection()
            item.setSelected(True)
            self.edgeClicked.emit(item.edge)
        elif isinstance(item, NodeItem):
            self.nodeClicked.emit(item.name)
        else:
            self.backgroundClicked.emit()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self._item_at(event.position())
        if isinstance(item, NodeItem):
            self.nodeActivated.emit(item.name)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def selected_nodes(self) -> list[NodeItem]:
        """The nodes selected (Ctrl+click adds one)."""
        return [item for item in self.nodes.values() if item.isSelected()]

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu(QPointF(event.pos()))
        if menu is not None:
            menu.exec(event.globalPos())

    def context_menu(self, pos: QPointF) -> QMenu | None:
        """Actions for the node under ``pos``: show only its transfers; merge two selected actors."""
        item = self._item_at(pos)
        if not isinstance(item, NodeItem):
            return None
        menu = QMenu(self)
        menu.setObjectName("transfers-map-menu")
        only = menu.addAction(tr_("Only transfers of {actor}").format(actor=shorten(item.name, 40)))
        only.triggered.connect(lambda: self.nodeActivated.emit(item.name))
        others = [n for n in self.selected_nodes() if n is not item]
        if len(others) == 1 and item.node.entity_id is not None and others[0].node.entity_id is not None:
            other = others[0]
            merge = menu.addAction(
                tr_("Merge {merged} into {kept}").format(merged=shorten(other.name, 30), kept=shorten(item.name, 30))
            )
            merge.triggered.connect(lambda: self.mergeRequested.emit(item.name, other.name))
        return menu

    # -- pictures --------------------------------------------------------------------------------

    def _picture_rect(self) -> QRectF:
        return self.scene().itemsBoundingRect().adjusted(-30, -30, 30, 30)

    def save_png(self, path: str | Path, scale: float = 2.0) -> bool:
        """Write the whole map (not only what is on screen) as a PNG; False if it could not be written."""
        rect = self._picture_rect()
        size = QSize(max(1, math.ceil(rect.width() * scale)), max(1, math.ceil(rect.height() * scale)))
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(QColor(255, 255, 255))
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.scene().render(painter, QRectF(0, 0, size.width(), size.height()), rect)
        painter.end()
        return image.save(str(path), "PNG")

    def save_svg(self, path: str | Path) -> bool:
        """Write the whole map as an SVG drawing."""
        rect = self._picture_rect()
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(QSize(math.ceil(rect.width()), math.ceil(rect.height())))
        generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        generator.setTitle(tr_("Transfers"))
        generator.setDescription(tr_("Transfers between actors: supplier → recipient"))
        painter = QPainter()
        if not painter.begin(generator):
            return False
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.scene().render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        return painter.end()
