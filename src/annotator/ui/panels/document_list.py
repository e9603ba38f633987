"""The document list: a filter box over the project's documents, each with its span count and done mark."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.i18n import tr_
from annotator.ui.models import DocumentFilterModel, DocumentIdRole, DocumentListModel, DoneRole, SpanCountRole

DONE_MARK = "✓"
DONE_COLOR = QColor("#2E7D4F")


class DocumentDelegate(QStyledItemDelegate):
    """Draws a document row: title on the left, done mark and span count on the right."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), option.fontMetrics.height() + 12))

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        metrics = opt.fontMetrics
        rect = opt.rect.adjusted(10, 0, -10, 0)
        count = str(index.data(SpanCountRole) or 0)
        done = bool(index.data(DoneRole))

        painter.save()
        count_width = metrics.horizontalAdvance(count) + 4
        mark_width = metrics.horizontalAdvance(DONE_MARK) + 8
        right = QRect(rect.right() - count_width, rect.top(), count_width, rect.height())
        muted = opt.palette.color(QPalette.ColorGroup.Normal, text_role)
        if not selected:
            muted = QColor("#8A8A85")
        painter.setPen(muted)
        painter.drawText(right, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, count)
        if done:
            mark_rect = QRect(right.left() - mark_width, rect.top(), mark_width, rect.height())
            painter.setPen(opt.palette.color(text_role) if selected else DONE_COLOR)
            painter.drawText(mark_rect, Qt.AlignmentFlag.AlignCenter, DONE_MARK)
        title_rect = QRect(rect.left(), rect.top(), rect.width() - count_width - mark_width - 6, rect.height())
        painter.setPen(opt.palette.color(text_role))
        elided = metrics.elidedText(title, Qt.TextElideMode.ElideRight, title_rect.width())
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
        painter.restore()


class DocumentListPanel(QWidget):
    """Filter box and document list; emits ``documentChosen(id)`` when the user picks a document."""

    documentChosen = Signal(int)

    def __init__(self, model: DocumentListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("document-panel")
        self.model = model
        self.proxy = DocumentFilterModel(self)
        self.proxy.setSourceModel(model)

        self.filter_box = QLineEdit(self)
        self.filter_box.setObjectName("document-filter")
        self.filter_box.setPlaceholderText(tr_("Filter documents"))
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self.proxy.set_filter_text)
        self.filter_box.returnPressed.connect(self._open_first_match)
        self.filter_box.installEventFilter(self)

        self.view = QListView(self)
        self.view.setObjectName("document-list")
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(DocumentDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.activated.connect(self._activated)
        self.view.setAccessibleName(tr_("Documents"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.view, 1)
        self._selecting = False

    def select_document(self, document_id: int | None) -> None:
        """Highlight ``document_id`` in the list (without emitting ``documentChosen``)."""
        self._selecting = True
        try:
            if document_id is None:
                self.view.clearSelection()
                return
            row = self.model.row_of(document_id)
            if row is None:
                return
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
            else:
                self.view.clearSelection()
        finally:
            self._selecting = False

    def visible_document_ids(self) -> list[int]:
        """Ids of the documents the filter lets through, in list order."""
        return [int(self.proxy.index(r, 0).data(DocumentIdRole)) for r in range(self.proxy.rowCount())]

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        self.documentChosen.emit(int(current.data(DocumentIdRole)))

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.documentChosen.emit(int(index.data(DocumentIdRole)))

    def _open_first_match(self) -> None:
        ids = self.visible_document_ids()
        if ids:
            self.documentChosen.emit(ids[0])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down from the filter box walks into the list, as in a combo box.
        if watched is self.filter_box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.proxy.rowCount():
                self.view.setFocus()
                if not self.view.currentIndex().isValid():
                    self.view.setCurrentIndex(self.proxy.index(0, 0))
                return True
        return super().eventFilter(watched, event)
