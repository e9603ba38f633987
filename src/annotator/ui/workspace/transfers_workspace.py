"""The Transfers workspace: who supplies what to whom, when, and how credibly, at a glance.

A main view (View → Transfers workspace, Ctrl+3; Ctrl+1 goes back to the reader) with three linked parts:
the network map, the timeline of transfers per month, and the transfers table. One filter bar (actor, what,
period, confidence, annotator, document) narrows the three together, and brushing a period on the timeline
sets the period. A click on an arrow of the map lists its transfers beside it; a click on one of them opens
its sentence in the reader with the transfer selected (its links drawn). Node positions are kept in the
project, so the map opens as the analyst left it. Exports: GraphML, GEXF, CSV of nodes and edges, PNG and
SVG of the map and of the timeline.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import QT_TR_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import ValidationError
from annotator.services.transfer_graph import (
    BOTH,
    CONFIDENCES,
    RECIPIENT,
    ROLE_COLORS,
    SUPPLIER,
    ActorInfo,
    TransferEdge,
    TransferFilter,
    TransferGraph,
    actor_index,
    build_graph,
    compute_layout,
    edges_csv_text,
    gexf_text,
    graphml_text,
    layout_for,
    nodes_csv_text,
    shorten,
    store_layout,
    write_text_file,
)
from annotator.services.transfers import TransferRow
from annotator.store.errors import EnvironmentFault, StoreError
from annotator.store.project import Project
from annotator.ui.commands import MergeEntitiesCommand
from annotator.ui.i18n import number, tr_, trn_
from annotator.ui.plain_text import tooltip
from annotator.ui.workspace.transfers_map import ROLE_NAMES, TransfersMap
from annotator.ui.workspace.transfers_timeline import TransfersTimeline, stack_name

log = logging.getLogger(__name__)

DETAILS_HINT = QT_TR_NOOP("Click an arrow to list its transfers, a node to see its names.")
FILTER_DELAY_MS = 200  # typing in a filter box redraws once the typing pauses
EMPTY_MAP = QT_TR_NOOP(
    "No transfer shown has both a supplier and a recipient.\n"
    "Link them in the reader (L on a transfer), or select a row of the table below and press L."
)
# (key, menu text, suggested file name, file filter); texts marked here, translated where shown.
EXPORTS = (
    ("graphml", QT_TR_NOOP("GraphML (networkx, yEd, Cytoscape)…"), "transfers.graphml", "GraphML (*.graphml)"),
    ("gexf", QT_TR_NOOP("GEXF (Gephi)…"), "transfers.gexf", "GEXF (*.gexf)"),
    ("csv", QT_TR_NOOP("CSV of nodes and edges (Gephi)…"), "transfers-nodes.csv", "CSV (*.csv)"),
    ("map-png", QT_TR_NOOP("Map as PNG…"), "transfers-map.png", QT_TR_NOOP("PNG image (*.png)")),
    ("map-svg", QT_TR_NOOP("Map as SVG…"), "transfers-map.svg", QT_TR_NOOP("SVG drawing (*.svg)")),
    ("timeline-png", QT_TR_NOOP("Timeline as PNG…"), "transfers-timeline.png", QT_TR_NOOP("PNG image (*.png)")),
    ("timeline-svg", QT_TR_NOOP("Timeline as SVG…"), "transfers-timeline.svg", QT_TR_NOOP("SVG drawing (*.svg)")),
)


def ask_save_path(parent: QWidget, title: str, suggested: str, file_filter: str) -> str | None:
    """Ask where to save an export (a file dialog); None when cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path or None


class FilterBar(QWidget):
    """The filters the map, the timeline and the table share (objectName ``transfers-filters``)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transfers-filters")
        self.actor = QComboBox(objectName="transfers-filter-actor")
        self.actor.setEditable(True)
        self.actor.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.actor.lineEdit().setPlaceholderText(tr_("Any actor"))
        self.actor.setMinimumContentsLength(14)
        self.actor.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.what = QLineEdit(objectName="transfers-filter-what")
        self.what.setPlaceholderText(tr_("What (words of the transfer)"))
        self.what.setClearButtonEnabled(True)
        self.since = QLineEdit(objectName="transfers-filter-since")
        self.since.setPlaceholderText(tr_("from YYYY-MM"))
        self.until = QLineEdit(objectName="transfers-filter-until")
        self.until.setPlaceholderText(tr_("to YYYY-MM"))
        for box in (self.since, self.until):
            box.setMaximumWidth(110)
            box.setClearButtonEnabled(True)
        self.confidence = QComboBox(objectName="transfers-filter-confidence")
        self.confidence.addItem(tr_("Any confidence"), "")
        for level in CONFIDENCES:
            self.confidence.addItem(stack_name(level), level)
        self.annotator = QComboBox(objectName="transfers-filter-annotator")
        self.document = QComboBox(objectName="transfers-filter-document")
        self.document.setMaximumWidth(240)
        self.clear_button = QPushButton(tr_("Clear filters"), objectName="transfers-filter-clear")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, widget, stretch in (
            (tr_("Actor"), self.actor, 2),
            (tr_("What"), self.what, 2),
            (tr_("Period"), self.since, 0),
            ("–", self.until, 0),
            ("", self.confidence, 0),
            ("", self.annotator, 0),
            ("", self.document, 1),
        ):
            if text:
                label = QLabel(text)
                label.setBuddy(widget)
                layout.addWidget(label)
            layout.addWidget(widget, stretch)
        layout.addWidget(self.clear_button)
        self.set_choices([], [], [])
        self.actor.currentTextChanged.connect(lambda _t: self.changed.emit())
        self.what.textChanged.connect(lambda _t: self.changed.emit())
        self.since.textChanged.connect(lambda _t: self.changed.emit())
        self.until.textChanged.connect(lambda _t: self.changed.emit())
        for combo in (self.confidence, self.annotator, self.document):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.clear_button.clicked.connect(self.clear)

    def set_choices(self, actors: list[str], annotators: list[str], documents: list[tuple[int, str]]) -> None:
        """Offer these actors, annotators and documents (keeping what is chosen)."""
        with _blocked(self.actor, self.annotator, self.document):
            typed = self.actor.currentText()
            self.actor.clear()
            self.actor.addItems(["", *actors])
            self.actor.setCurrentText(typed)
            chosen = self.annotator.currentData()
            self.annotator.clear()
            self.annotator.addItem(tr_("Any annotator"), "")
            for name in annotators:
                self.annotator.addItem(name, name)
            self.annotator.setCurrentIndex(max(0, self.annotator.findData(chosen)))
            chosen_doc = self.document.currentData()
            self.document.clear()
            self.document.addItem(tr_("Any document"), None)
            for doc_id, title in documents:
                self.document.addItem(shorten(title, 60), doc_id)
                self.document.setItemData(self.document.count() - 1, tooltip(title), Qt.ItemDataRole.ToolTipRole)
            self.document.setCurrentIndex(max(0, self.document.findData(chosen_doc)))

    def current_filter(self) -> TransferFilter:
        """The filter as set; raises ValidationError for a period that is not a date (naming it)."""
        actor = self.actor.currentText().strip()
        confidence = self.confidence.currentData()
        annotator = self.annotator.currentData()
        document = self.document.currentData()
        return TransferFilter.of(
            actors=[actor] if actor else None,
            what=self.what.text(),
            since=self.since.text(),
            until=self.until.text(),
            confidences=[confidence] if confidence else None,
            annotators=[annotator] if annotator else None,
            documents=[document] if document is not None else None,
        )

    def set_period(self, first: str | None, last: str | None) -> None:
        """Set the period boxes (from a brush on the timeline) with one change told."""
        with _blocked(self.since, self.until):
            self.since.setText(first or "")
            self.until.setText(last or "")
        self.changed.emit()

    def set_actor(self, name: str) -> None:
        """Show only the transfers of actor ``name``."""
        self.actor.setCurrentText(name)

    def clear(self) -> None:
        """Every filter off."""
        with _blocked(self.actor, self.what, self.since, self.until, self.confidence, self.annotator, self.document):
            self.actor.setCurrentText("")
            self.what.clear()
            self.since.clear()
            self.until.clear()
            for combo in (self.confidence, self.annotator, self.document):
                combo.setCurrentIndex(0)
        self.changed.emit()

    def mark_invalid(self, message: str | None) -> None:
        """Show (or clear) a bad period on the period boxes."""
        for box in (self.since, self.until):
            box.setStyleSheet("QLineEdit { border: 1px solid #D55E00; }" if message else "")
            box.setToolTip(tooltip(message) if message else "")


class _blocked:
    """Block the signals of some widgets for the length of a ``with``."""

    def __init__(self, *widgets: QWidget) -> None:
        self.widgets = widgets

    def __enter__(self) -> None:
        self.previous = [w.blockSignals(True) for w in self.widgets]

    def __exit__(self, *exc: object) -> None:
        for widget, previous in zip(self.widgets, self.previous, strict=True):
            widget.blockSignals(previous)


class TransfersWorkspace(QWidget):
    """Map, timeline and table of the transfers, with shared filters (objectName ``transfers-workspace``)."""

    def __init__(self, window, table_view) -> None:  # the main window and its TransfersView
        super().__init__(window)
        self.setObjectName("transfers-workspace")
        self.window_ = window
        self.project: Project = window.project
        self.table_view = table_view
        self.actors: dict[str, ActorInfo] = {}
        self.graph = TransferGraph()
        self.row_filter = TransferFilter()
        self.last_apply_seconds = 0.0
        self._dirty = True

        self.filters = FilterBar(self)
        self._build_buttons()
        self.map = TransfersMap(self)
        side = self._build_side_panel()
        timeline_box = self._build_timeline()
        top = self._build_top_row()
        self._lay_out(top, side, timeline_box, table_view)
        self._connect(window, table_view)

    # -- building --------------------------------------------------------------------------------

    def _build_buttons(self) -> None:
        """Back to the reader, lay out again, and the Export menu (one action per export)."""
        self.back_button = QPushButton(tr_("← Reader (Ctrl+1)"), objectName="transfers-back")
        self.relayout_button = QPushButton(tr_("Lay out again"), objectName="transfers-relayout")
        self.relayout_button.setToolTip(tr_("Forget where the nodes were put and lay the map out afresh"))
        self.export_button = QToolButton(objectName="transfers-export")
        self.export_button.setText(tr_("Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export_menu = QMenu(self.export_button)
        export_menu.setObjectName("transfers-export-menu")
        for key, text, _suggested, _filter in EXPORTS:
            action = export_menu.addAction(tr_(text))
            action.setObjectName(f"transfers-export-{key}")
            action.triggered.connect(lambda _checked=False, k=key: self.export(k))
        self.export_button.setMenu(export_menu)

    def _build_side_panel(self) -> QWidget:
        """The side of the map: legend, summary, and the details of the clicked arrow or node."""
        self.legend = QLabel(objectName="transfers-map-legend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)  # our own fixed text: coloured discs for the roles
        self.legend.setWordWrap(True)
        self.legend.setText(
            " &nbsp; ".join(
                f"<span style='color:rgb{ROLE_COLORS[role]}'>●</span> {escape(tr_(ROLE_NAMES[role]))}"
                for role in (SUPPLIER, RECIPIENT, BOTH)
            )
            + "<br>"
            + escape(tr_("Disc size: mentions in the corpus; arrow width: transfers."))
        )
        self.summary = QLabel(objectName="transfers-map-summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.details_title = QLabel(tr_(DETAILS_HINT))
        self.details_title.setObjectName("transfers-details-title")
        self.details_title.setTextFormat(Qt.TextFormat.PlainText)
        self.details_title.setWordWrap(True)
        self.edge_list = QListWidget(objectName="transfers-edge-list")
        self.edge_list.setWordWrap(True)
        self.edge_list.setToolTip(tr_("Click a transfer to open its sentence in the reader"))
        self.aliases = QListWidget(objectName="transfers-node-aliases")
        self.aliases.hide()
        for widget in (self.legend, self.summary, self.details_title, self.edge_list, self.aliases):
            # Long names and sentences wrap inside the side panel instead of widening it over the map.
            widget.setSizePolicy(QSizePolicy.Policy.Ignored, widget.sizePolicy().verticalPolicy())
        side = QWidget(self)
        side.setObjectName("transfers-side")
        side.setMinimumWidth(260)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(4, 0, 0, 0)
        side_layout.addWidget(self.legend)
        side_layout.addWidget(self.summary)
        side_layout.addWidget(self.details_title)
        side_layout.addWidget(self.edge_list, 1)
        side_layout.addWidget(self.aliases, 1)
        return side

    def _build_timeline(self) -> QWidget:
        """The timeline under its heading, with its period, clear and stack-by controls."""
        self.timeline = TransfersTimeline(self)
        timeline_box = QWidget(self)
        timeline_box.setObjectName("transfers-timeline-box")
        timeline_top = QHBoxLayout()
        timeline_top.setContentsMargins(0, 0, 0, 0)
        timeline_heading = QLabel(tr_("Transfers per month (document date) — drag across bars to pick a period"))
        timeline_heading.setObjectName("panel-heading")
        timeline_top.addWidget(timeline_heading, 1)
        timeline_top.addWidget(self.timeline.period)
        timeline_top.addWidget(self.timeline.clear_button)
        timeline_top.addWidget(self.timeline.stack_by)
        timeline_layout = QVBoxLayout(timeline_box)
        timeline_layout.setContentsMargins(0, 0, 0, 0)
        timeline_layout.setSpacing(2)
        timeline_layout.addLayout(timeline_top)
        timeline_layout.addWidget(self.timeline, 1)
        timeline_layout.addWidget(self.timeline.note)
        return timeline_box

    def _build_top_row(self) -> QHBoxLayout:
        """The heading between the Back button and the Lay out again / Export buttons."""
        top = QHBoxLayout()
        heading = QLabel(tr_("Transfers: who supplies what to whom, when, how credibly"))
        heading.setObjectName("panel-heading")
        top.addWidget(self.back_button)
        top.addWidget(heading, 1)
        top.addWidget(self.relayout_button)
        top.addWidget(self.export_button)
        return top

    def _lay_out(self, top: QHBoxLayout, side: QWidget, timeline_box: QWidget, table_view: QWidget) -> None:
        """Map and side panel over the timeline over the table, in resizable splitters."""
        upper = QSplitter(Qt.Orientation.Horizontal, self)
        upper.setObjectName("transfers-upper-splitter")
        upper.addWidget(self.map)
        upper.addWidget(side)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 1)
        upper.setSizes([900, 300])
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("transfers-splitter")
        self.splitter.addWidget(upper)
        self.splitter.addWidget(timeline_box)
        self.splitter.addWidget(table_view)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([430, 190, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)

    def _connect(self, window, table_view) -> None:
        """Filters apply after a pause; the map, the timeline and the lists drive the filters and the details."""
        self.filter_timer = QTimer(self)
        self.filter_timer.setSingleShot(True)
        self.filter_timer.setInterval(FILTER_DELAY_MS)
        self.filter_timer.timeout.connect(self.apply_filters)
        self.filters.changed.connect(self.filter_timer.start)
        self.timeline.periodBrushed.connect(self.filters.set_period)
        self.map.edgeClicked.connect(self.show_edge)
        self.map.nodeClicked.connect(self.show_node)
        self.map.nodeActivated.connect(self.filters.set_actor)
        self.map.nodesMoved.connect(self._keep_positions)
        self.map.mergeRequested.connect(self.merge_actors)
        self.map.backgroundClicked.connect(self._clear_details)
        self.edge_list.itemClicked.connect(self._open_item)
        self.edge_list.itemActivated.connect(self._open_item)
        self.back_button.clicked.connect(window.show_reader)
        self.relayout_button.clicked.connect(self.lay_out_again)
        table_view.model.modelReset.connect(self._rows_changed)

    # -- following the project -------------------------------------------------------------------

    def _rows_changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The table (a child) was shown first and caught up; its reset already refreshed this if needed.
        if self._dirty:
            self.refresh()

    def refresh(self) -> None:
        """Re-read the actors (mentions, aliases) and redraw the three parts from the table's rows."""
        self._dirty = False
        try:
            self.actors = actor_index(self.project)
            documents = [(d.id, d.title) for d in self.project.documents()]
        except StoreError as exc:
            self.window_.show_message(tr_("Cannot read the project: {error}").format(error=exc))
            return
        rows = self.rows()
        parties = {name for r in rows if r.suppliers and r.recipients for name in (*r.suppliers, *r.recipients)}
        annotators = sorted({r.annotator for r in rows}, key=str.casefold)
        with_transfers = {r.document_id for r in rows}
        self.filters.set_choices(
            sorted(parties, key=str.casefold), annotators, [d for d in documents if d[0] in with_transfers]
        )
        self.apply_filters()

    def rows(self) -> list[TransferRow]:
        """Every transfer row of the table (before filters)."""
        return self.table_view.model.rows

    def apply_filters(self) -> None:
        """Narrow the map, the timeline and the table to the filters."""
        self.filter_timer.stop()
        started = time.perf_counter()
        try:
            row_filter = self.filters.current_filter().resolved(self.actors)
        except ValidationError as exc:
            said = tr_("Not a period: write YYYY, YYYY-MM or YYYY-MM-DD, the start before the end ({reason})")
            self.filters.mark_invalid(said.format(reason=exc))
            self.window_.show_message(said.format(reason=exc))
            return
        self.filters.mark_invalid(None)
        self.row_filter = row_filter
        rows = self.rows()
        shown = row_filter.apply(rows)
        self.graph = build_graph(shown, self.actors)
        positions = self._positions(self.graph)
        self.map.set_graph(self.graph, positions, empty_message=tr_(EMPTY_MAP))
        period = None
        if row_filter.since or row_filter.until:
            period = ((row_filter.since or "0001-01")[:7], (row_filter.until or "9999-12")[:7])
        self.timeline.set_rows(row_filter.without_period().apply(rows), period)
        self.table_view.set_row_filter(row_filter)
        self._update_summary(len(rows), shown)
        self._clear_details()
        self.last_apply_seconds = time.perf_counter() - started

    def _positions(self, graph: TransferGraph) -> dict[str, tuple[float, float]]:
        positions, computed = layout_for(self.project, graph, store=False)
        if computed:
            self._store(positions)
        return positions

    def _store(self, positions: dict[str, tuple[float, float]]) -> None:
        if self.project.read_only or not positions:
            return
        try:
            store_layout(self.project, positions)
        except (StoreError, EnvironmentFault, ValidationError) as exc:  # the map still works; only its memory fails
            log.warning("the map's layout was not kept: %s", exc)

    def _keep_positions(self, moved: dict[str, tuple[float, float]]) -> None:
        self._store(moved)

    def lay_out_again(self) -> None:
        """Forget the kept positions of the actors shown and lay them out afresh."""
        positions = compute_layout(self.graph)
        self._store(positions)
        self.map.set_graph(self.graph, positions, empty_message=tr_(EMPTY_MAP))
        self.map.fit()

    def _update_summary(self, total: int, shown: list[TransferRow]) -> None:
        placed = len(shown) - len(self.graph.unplaced)
        parts = [
            tr_("{actors}, {pairs}, {transfers} on the map").format(
                actors=trn_("%Ln actor(s)", "", len(self.graph.nodes)),
                pairs=trn_("%Ln pair(s)", "", len(self.graph.edges)),
                transfers=trn_("%Ln transfer(s)", "", placed),
            ),
        ]
        if self.map.hidden_arrows:
            drawn = len(self.graph.edges) - self.map.hidden_arrows
            parts.append(
                trn_("The %Ln busiest pairs are drawn: narrow the filters to see the other {hidden}", "", drawn).format(
                    hidden=number(self.map.hidden_arrows)
                )
            )
        if len(shown) != total:
            parts.append(
                trn_("{shown} of %Ln transfer(s) pass the filters", "", total).format(shown=number(len(shown)))
            )
        if self.graph.unplaced:
            parts.append(
                trn_(
                    "%Ln [lacks|lack] a supplier or a recipient (see the table: select one and press L)",
                    "",
                    len(self.graph.unplaced),
                )
            )
        self.summary.setText(". ".join(parts) + ".")

    # -- details beside the map ------------------------------------------------------------------

    def _clear_details(self) -> None:
        self.details_title.setText(tr_(DETAILS_HINT))
        self.edge_list.clear()
        self.edge_list.show()
        self.aliases.hide()

    def show_edge(self, edge: TransferEdge) -> None:
        """List the transfers of an arrow; a click on one opens it in the reader."""
        self.details_title.setText(
            trn_("{source} → {target}: %n transfer(s) (click one to read it)", "", edge.count).format(
                source=edge.source, target=edge.target
            )
        )
        self.aliases.hide()
        self.edge_list.show()
        self.edge_list.clear()
        for row in edge.rows:
            where = row.document + (f", {row.date}" if row.date else "")
            amount = f" — {row.amount}" if row.amount else ""
            item = QListWidgetItem(f"{row.what}{amount}\n{where} · {stack_name(row.confidence)}")
            item.setData(Qt.ItemDataRole.UserRole, row.span_id)
            item.setToolTip(tooltip(self.table_view.model.sentence(row)))
            self.edge_list.addItem(item)

    def show_node(self, name: str) -> None:
        """Show an actor's role, mentions and the names the documents use for it."""
        node = self.graph.nodes.get(name)
        if node is None:
            return
        self.details_title.setText(
            tr_(
                "{name}: {role} ({supplied} supplied, {received} received); {mentions}. Named in the documents as:"
            ).format(
                name=name,
                role=tr_(ROLE_NAMES[node.role]),
                supplied=node.supplies,
                received=node.receives,
                mentions=trn_("%n mention(s)", "", node.mentions),
            )
        )
        self.edge_list.hide()
        self.aliases.clear()
        self.aliases.addItems(list(node.aliases) or [name])
        self.aliases.show()

    def _open_item(self, item: QListWidgetItem) -> None:
        self.open_transfer(item.data(Qt.ItemDataRole.UserRole))

    def open_transfer(self, span_id: str) -> bool:
        """Open the transfer's sentence in the reader with the transfer selected (and its links drawn)."""
        return bool(self.window_.select_span(span_id))

    def merge_actors(self, keep: str, merge: str) -> bool:
        """Merge the canonical entity of actor ``merge`` into ``keep``'s (one undoable step)."""
        kept, merged = self.graph.nodes.get(keep), self.graph.nodes.get(merge)
        if kept is None or merged is None or kept.entity_id is None or merged.entity_id is None:
            self.window_.show_message(tr_("Only actors with a canonical entity can be merged (E on a span gives one)."))
            return False
        command = MergeEntitiesCommand(self.project, kept.entity_id, merged.entity_id)
        if not self.window_.run_command(command):
            return False
        self.window_.show_message(
            tr_("“{merged}” is now “{kept}” (Ctrl+Z splits them again)").format(merged=merge, kept=keep)
        )
        return True

    # -- exports ---------------------------------------------------------------------------------

    def export(self, key: str, path: str | Path | None = None) -> Path | None:
        """Write one export (``graphml``, ``gexf``, ``csv``, ``map-png``, ``map-svg``, ``timeline-png``,
        ``timeline-svg``) of what is shown; asks where when ``path`` is None. Returns the path written."""
        spec = next(e for e in EXPORTS if e[0] == key)
        if path is None:
            title = tr_("Export {what}").format(what=tr_(spec[1]).rstrip("…"))
            chosen = ask_save_path(self, title, spec[2], tr_(spec[3]))
            if chosen is None:
                return None
            path = chosen
        target = Path(path)
        writers: dict[str, Callable[[Path], object]] = {
            "graphml": lambda p: write_text_file(p, graphml_text(self.graph)),
            "gexf": lambda p: write_text_file(p, gexf_text(self.graph)),
            "csv": self._write_csv,
            "map-png": lambda p: _saved(self.map.save_png(p), p),
            "map-svg": lambda p: _saved(self.map.save_svg(p), p),
            "timeline-png": lambda p: _saved(self.timeline.save_png(p), p),
            "timeline-svg": lambda p: _saved(self.timeline.save_svg(p), p),
        }
        try:
            from annotator.services.exporting import checked_output

            checked_output(self.project, target, key)
            writers[key](target)
        except (OSError, ValidationError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.window_.show_message(tr_("Cannot write {file}: {error}").format(file=target.name, error=reason))
            return None
        self.window_.show_message(tr_("Exported the transfers to {file}").format(file=target.name))
        return target

    def _write_csv(self, path: Path) -> None:
        """Nodes to ``path`` and edges beside it (``…-edges.csv``), as Gephi's spreadsheet import reads them."""
        stem = path.stem.removesuffix("-nodes")
        write_text_file(path, nodes_csv_text(self.graph))
        write_text_file(path.with_name(f"{stem}-edges{path.suffix or '.csv'}"), edges_csv_text(self.graph))


def _saved(ok: bool, path: Path) -> None:
    if not ok:
        raise OSError(0, tr_("the picture could not be written"), str(path))


__all__ = ["FilterBar", "TransfersWorkspace", "ask_save_path"]
