"""The span table of the current document: clicking a row, or Enter on it, jumps to the span; Delete deletes it.

On a suggestion's row Enter also accepts it and Backspace rejects it (as in the reader)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from annotator.ui.actions import is_key, spec
from annotator.ui.i18n import tr_
from annotator.ui.models import AnnotationTableModel, SpanIdRole, SpanRole, counts_phrase, spans_phrase

NOTE_COLUMN = 2


class AnnotationTable(QTableView):
    """A QTableView whose Enter and click say "go to this span" (``spanActivated(id)``) and whose Delete says
    "delete this span" (``spanDeleteRequested(id)``); on a suggestion Enter and Backspace say "accept" or
    "reject this suggestion" (``suggestionReviewed(id, accept)``)."""

    spanActivated = Signal(str)
    spanDeleteRequested = Signal(str)
    suggestionReviewed = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotation-table")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Columns sized to their contents look at the rows on screen only (Qt's default reads up to 1,000
        # rows around them at every change: the model reads its rows by range, on demand).
        self.verticalHeader().setResizeContentsPrecision(0)
        self.horizontalHeader().setResizeContentsPrecision(0)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setAccessibleName(tr_("Spans of this document"))
        self.clicked.connect(self._activate_index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The keys are the span table's in the action table (TABLE_KEYS); Enter accepts a suggestion, else goes
        # to the span.
        index = self.currentIndex()
        if index.isValid() and not event.modifiers():
            span = index.siblingAtColumn(0).data(SpanRole)
            suggested = span is not None and getattr(span, "status", None) == "suggested"
            accept = is_key(spec("table-accept-suggestion"), event)
            if suggested and (accept or is_key(spec("table-reject-suggestion"), event)):
                self.suggestionReviewed.emit(str(span.id), accept)
                event.accept()
                return
            if is_key(spec("table-go-to-span"), event):
                self._activate_index(index)
                event.accept()
                return
            if is_key(spec("table-delete-span"), event):
                span_id = index.siblingAtColumn(0).data(SpanIdRole)
                if span_id:
                    self.spanDeleteRequested.emit(str(span_id))
                event.accept()
                return
        super().keyPressEvent(event)

    def _activate_index(self, index: QModelIndex) -> None:
        span_id = index.siblingAtColumn(0).data(SpanIdRole)
        if span_id:
            self.spanActivated.emit(str(span_id))

    def show_span(self, span_id: str | None) -> None:
        """Select the row of ``span_id`` (or nothing) without emitting ``spanActivated``."""
        model = self.model()
        if not isinstance(model, AnnotationTableModel):
            return
        row = None if span_id is None else model.row_of(span_id)
        if row is None:
            self.clearSelection()
            return
        index = model.index(row, 0)
        self.selectionModel().setCurrentIndex(
            index,
            self.selectionModel().SelectionFlag.ClearAndSelect | self.selectionModel().SelectionFlag.Rows,
        )
        self.scrollTo(index)


class AnnotationPanel(QWidget):
    """Heading with the span count, and the span table."""

    def __init__(self, model: AnnotationTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotation-panel")
        self.model = model
        self.heading = QLabel(tr_("Spans"), self)
        self.heading.setObjectName("panel-heading")
        self.table = AnnotationTable(self)
        self.table.setModel(model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NOTE_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(NOTE_COLUMN, header.sectionSizeHint(NOTE_COLUMN))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        self._counts: tuple[int | None, int, int] | None = None
        model.modelReset.connect(self._update_heading)
        # The Note column follows the notes on screen (up to a cap), once the rows are laid out.
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(0)
        self._note_timer.timeout.connect(self.size_note_column)
        for signal in (model.modelReset, model.rowsInserted, model.dataChanged, model.layoutChanged):
            signal.connect(self._note_timer.start)
        self._update_heading()

    def size_note_column(self) -> None:
        """The Note column as wide as the notes of the rows on screen and its header, at most a third of the table."""
        header = self.table.horizontalHeader()
        if header.sectionResizeMode(NOTE_COLUMN) != QHeaderView.ResizeMode.Interactive:
            return
        cap = max(header.sectionSizeHint(NOTE_COLUMN), self.table.viewport().width() // 3)
        wanted = max(header.sectionSizeHint(NOTE_COLUMN), self.table.sizeHintForColumn(NOTE_COLUMN))
        header.resizeSection(NOTE_COLUMN, min(wanted, cap))

    def show_counts(self, accepted: int, suggested: int) -> None:
        """Head the table with the counts the status bar shows: spans, and suggestions apart."""
        self._counts = (self.model.document_id, accepted, suggested)
        self._update_heading()

    def _update_heading(self) -> None:
        if self.model.document_id is None:
            self.heading.setText(tr_("Spans"))
            return
        if self._counts is not None and self._counts[0] == self.model.document_id:
            self.heading.setText(tr_("Spans — {count}").format(count=counts_phrase(self._counts[1], self._counts[2])))
            return
        self.heading.setText(tr_("Spans — {count}").format(count=spans_phrase(self.model.rowCount())))
