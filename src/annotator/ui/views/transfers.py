"""The transfers table: every transfer of the corpus, filterable, sortable, exportable.

One row per transfer (see ``annotator.services.transfers``); activating a row (double click, Enter) opens
the document at the transfer span. An empty cell says why it is empty ("no recipient linked"), and
``L`` on a row links the first missing party (supplier, recipient, then amount) from a list of the
document's spans, nearest first: one undoable step. A document's date and source are edited in place
in the table or through Document → Properties; both are undoable. The table is the lower part of the
Transfers workspace (``annotator.ui.workspace``), whose filters it shares with the map and the timeline.
"""

from __future__ import annotations

import math
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TR_NOOP,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Span, ValidationError
from annotator.services.transfer_graph import TransferFilter
from annotator.services.transfers import (
    AMOUNT_ROLE,
    RECIPIENT_ROLE,
    SUPPLIER_ROLE,
    SentenceFinder,
    TransferRow,
    export_transfers,
    metadata_with,
    sentence_finder,
    transfer_rows,
)
from annotator.store.project import Change, ChangeKind, Project
from annotator.ui.actions import view_binding
from annotator.ui.commands import AddLinkCommand, UpdateDocumentCommand
from annotator.ui.dialogs.document_properties import show_properties
from annotator.ui.i18n import tr_, trn_
from annotator.ui.plain_text import tooltip
from annotator.ui.views._lazy import RefreshWhenShown

ORDER = 70
# (header, row attribute); date and source are editable document metadata.
COLUMNS = (
    (QT_TR_NOOP("Supplier"), "supplier"),
    (QT_TR_NOOP("Recipient"), "recipient"),
    (QT_TR_NOOP("What"), "what"),
    (QT_TR_NOOP("Amount"), "amount"),
    (QT_TR_NOOP("Status"), "status"),
    (QT_TR_NOOP("Assessments"), "assessment_text"),
    (QT_TR_NOOP("Sentence"), "sentence"),
    (QT_TR_NOOP("Document"), "document"),
    (QT_TR_NOOP("Date"), "date"),
    (QT_TR_NOOP("Source"), "source"),
    (QT_TR_NOOP("Annotator"), "annotator"),
)
# Why a cell is empty, as ``TransferRow.missing`` says it (English), shown in the window's language.
MISSING_REASONS = (
    QT_TR_NOOP("no supplier linked"),
    QT_TR_NOOP("no recipient linked"),
    QT_TR_NOOP("no amount linked"),
    QT_TR_NOOP("status not set"),
    QT_TR_NOOP("no assessment about it"),
    QT_TR_NOOP("document has no date"),
    QT_TR_NOOP("document has no source"),
)
# The parties a picker links, as named in its role list.
PARTY_NAMES = (QT_TR_NOOP("supplier"), QT_TR_NOOP("recipient"), QT_TR_NOOP("amount"))
FIELD_NAMES = (QT_TR_NOOP("date"), QT_TR_NOOP("source"))  # the editable document fields, in undo texts
EDITABLE = {"date", "source"}
INSTANT_REFRESH_SECONDS = 0.05
SPAN_ID_ROLE = Qt.ItemDataRole.UserRole
REASON_ROLE = Qt.ItemDataRole.UserRole + 1  # why the cell is empty ("no recipient linked"), else None
_Index = QModelIndex | QPersistentModelIndex
# Widest a column grows when sized to its contents (pixels): long texts stay readable without pushing the
# other columns out of sight; the full text is in the tooltip.
COLUMN_CAPS = {"what": 440, "sentence": 560, "document": 280, "assessment_text": 300, "source": 220}
COLUMN_CAP = 240
# A missing party is linked from the row: the role, and the label of the spans it links to.
FIXABLE = (
    (SUPPLIER_ROLE, "supplier", "actor"),
    (RECIPIENT_ROLE, "recipient", "actor"),
    (AMOUNT_ROLE, "amount", "quantity"),
)


def ask_export_path(parent: QWidget, fmt: str) -> str | None:
    """Ask where to save the export (a file dialog); None when cancelled."""
    title = tr_("Export transfers as {format}").format(format=fmt.upper())
    path, _ = QFileDialog.getSaveFileName(parent, title, f"transfers.{fmt}")
    return path or None


def edit_metadata(window, document_id: int, **values: str) -> bool:
    """Set document metadata keys (``date``, ``source``) as one undoable step."""
    project: Project = window.project
    document = project.document(document_id)
    metadata = metadata_with(document.metadata, **values)
    if metadata == document.metadata:
        return False
    text = tr_("Edit {fields} of “{title}”").format(fields=", ".join(tr_(key) for key in values), title=document.title)
    return window.run_command(UpdateDocumentCommand(project, document_id, text, metadata=metadata))


class TransfersModel(QAbstractTableModel):
    """Rows of ``annotator.services.transfers`` as a table."""

    def __init__(self, window) -> None:
        super().__init__()
        self.window_ = window
        self.project: Project = window.project
        self.rows: list[TransferRow] = []
        self.sentences: dict = {}  # a document's text never changes: its sentences are split once
        self._sentence_of: dict[tuple[str, int, int], str] = {}
        self._shas: dict[int, str] = {}

    def refresh(self) -> None:
        """Rebuild the rows from the project; sentences are found when a row is shown (most of the cost)."""
        self.beginResetModel()
        self.rows = transfer_rows(self.project, sentence_cache=self.sentences, with_sentences=False)
        self._shas = {doc_id: header[1] for doc_id, header in self.project.document_headers().items()}
        self.endResetModel()

    def sentence(self, row: TransferRow) -> str:
        """The sentence a transfer stands in (found once)."""
        key = (row.span_id, row.start, row.end)
        found = self._sentence_of.get(key)
        if found is None:
            sha256 = self._shas.get(row.document_id, "")
            finder = sentence_finder(self.project, row.document_id, sha256, self.sentences)
            found = self._sentence_of[key] = finder.around(row.start, row.end)
        return found

    def value(self, row: TransferRow, key: str) -> str:
        """A cell's text."""
        return self.sentence(row) if key == "sentence" else getattr(row, key)

    def complete(self, row: TransferRow) -> TransferRow:
        """The row with its sentence, for exports."""
        return row if row.sentence else replace(row, sentence=self.sentence(row))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr_(COLUMNS[section][0])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][1]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.value(row, key)
        if role == REASON_ROLE:
            reason = None if key == "sentence" or getattr(row, key) else row.missing().get(key)
            return tr_(reason) if reason else None
        if role == Qt.ItemDataRole.ToolTipRole:
            value = str(self.value(row, key))
            reason = None if value else row.missing().get(key)
            if reason:
                fix = tr_(" — press L to link one") if key in ("supplier", "recipient", "amount") else ""
                empty = tr_("Empty: {reason}{fix}.").format(reason=tr_(reason), fix=fix)
                return tooltip(f"{empty}\n\n{self.sentence(row)}")
            return tooltip(self.sentence(row) if key != "assessment_text" else row.assessment_text)
        if role == SPAN_ID_ROLE:
            return row.span_id
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and COLUMNS[index.column()][1] in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        key = COLUMNS[index.column()][1]
        if key not in EDITABLE:
            return False
        # The store tells every view; the table refreshes itself from that notification.
        return edit_metadata(self.window_, self.rows[index.row()].document_id, **{key: str(value)})


class TransfersProxy(QSortFilterProxyModel):
    """Sorts the rows and keeps those that pass the workspace's filters and the table's own filter box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row_filter = TransferFilter()

    def set_row_filter(self, row_filter: TransferFilter) -> None:
        """Keep only the rows ``row_filter`` accepts (the filters the map and the timeline share)."""
        if row_filter == self.row_filter:
            return
        self.beginFilterChange()
        self.row_filter = row_filter
        self._active = not row_filter.is_empty()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    _active = False

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._active:
            model = self.sourceModel()
            if isinstance(model, TransfersModel) and not self.row_filter.accepts(model.rows[source_row]):
                return False
        return super().filterAcceptsRow(source_row, source_parent)


class ReasonDelegate(QStyledItemDelegate):
    """Draws why an empty cell is empty, in grey italics, where the value would be."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        super().paint(painter, option, index)
        reason = index.data(REASON_ROLE)
        if not reason:
            return
        painter.save()
        font = QFont(option.font)
        font.setItalic(True)
        painter.setFont(font)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(option.palette.highlightedText().color() if selected else QColor(128, 128, 136))
        rect = QRect(option.rect).adjusted(4, 0, -4, 0)
        text = painter.fontMetrics().elidedText(reason, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), text)  # plain text
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        size = super().sizeHint(option, index)
        reason = index.data(REASON_ROLE)
        if reason:
            font = QFont(option.font)
            font.setItalic(True)
            size.setWidth(max(size.width(), QFontMetrics(font).horizontalAdvance(reason) + 14))
        return size


def link_candidates(project: Project, row: TransferRow, label: str, role: str = "") -> list[Span]:
    """Spans of ``label`` in the transfer's document, likeliest first: those of its sentence, then a
    supplier before the transfer (its subject) and a recipient after it (or inside it), then the nearest;
    spans already linked to the transfer come last."""
    text = project.document_text(row.document_id)
    start, end = SentenceFinder(text).bounds(row.start, row.end)
    spans = [s for s in project.spans(documents=[row.document_id], labels=[label]) if s.status != "rejected"]
    linked = {lk.to_span for lk in project.links(span_ids=[row.span_id]) if lk.from_span == row.span_id}

    def likelihood(span: Span) -> tuple[int, int, int, int, int]:
        inside = 0 if span.start >= start and span.end <= end else 1
        if role == SUPPLIER_ROLE:
            side = 0 if span.end <= row.start else 1
        elif role == RECIPIENT_ROLE:
            side = 0 if span.start >= row.start else 1
        else:
            side = 0
        gap = max(row.start - span.end, span.start - row.end, 0)
        return int(span.id in linked), inside, side, gap, span.start

    return sorted(spans, key=likelihood)


class LinkMissingDialog(QDialog):
    """Links a missing party of a transfer: the role, then one of the document's spans (Enter links)."""

    def __init__(self, window, row: TransferRow, roles: list[tuple[str, str, str]]) -> None:
        super().__init__(window)
        self.setObjectName("transfers-link-picker")
        self.window_ = window
        self.row = row
        self.setWindowTitle(tr_("Link the missing party"))
        self.heading = QLabel(objectName="transfers-link-picker-heading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.role = QComboBox(objectName="transfers-link-picker-role")
        for role, name, label in roles:
            self.role.addItem(f"{tr_(name)} ({label})", (role, label))
        self.filter = QLineEdit(objectName="transfers-link-picker-filter")
        self.filter.setPlaceholderText(tr_("Type to filter"))
        self.listing = QListWidget(objectName="transfers-link-picker-list")
        self.hint = QLabel(objectName="transfers-link-picker-hint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.role)
        layout.addWidget(self.filter)
        layout.addWidget(self.listing, 1)
        layout.addWidget(self.hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.choose)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.role.currentIndexChanged.connect(lambda _i: self._fill())
        self.filter.textChanged.connect(self._apply_filter)
        self.listing.itemActivated.connect(lambda _item: self.choose())
        self.filter.returnPressed.connect(self.choose)
        self.resize(520, 380)
        self._fill()

    def _fill(self) -> None:
        role, label = self.role.currentData()
        self.heading.setText(
            tr_("Link the {role} of “{what}” ({document})").format(
                role=tr_(role) if role in PARTY_NAMES else role, what=self.row.what, document=self.row.document
            )
        )
        self.listing.clear()
        candidates = link_candidates(self.window_.project, self.row, label, role)
        text = self.window_.project.document_text(self.row.document_id)
        for span in candidates:
            left = " ".join(text[max(0, span.start - 30) : span.start].split())
            right = " ".join(text[span.end : span.end + 30].split())
            item = QListWidgetItem(f"{span.text}    …{left} [{span.text}] {right}…")
            item.setData(Qt.ItemDataRole.UserRole, span.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, span.text)
            item.setToolTip(tooltip(span.text))
            self.listing.addItem(item)
        if candidates:
            self.listing.setCurrentRow(0)
            self.hint.setText(tr_("Enter links the chosen span; Ctrl+Z undoes it."))
        else:
            self.hint.setText(
                tr_(
                    "No {label} span in this document yet: open the transfer (Enter on its row), tag the {label} "
                    "in the reader, then link it here or with L in the reader."
                ).format(label=label)
            )
        self._apply_filter(self.filter.text())

    def _apply_filter(self, text: str) -> None:
        needle = " ".join(text.split()).casefold()
        first = None
        for index in range(self.listing.count()):
            item = self.listing.item(index)
            hidden = bool(needle) and needle not in str(item.data(Qt.ItemDataRole.UserRole + 1)).casefold()
            item.setHidden(hidden)
            if not hidden and first is None:
                first = index
        current = self.listing.currentItem()
        if first is not None and (current is None or current.isHidden()):
            self.listing.setCurrentRow(first)

    def choose(self) -> None:
        """Link the current span in the chosen role (one undoable step) and close."""
        item = self.listing.currentItem()
        if item is None or item.isHidden():
            return
        role, _label = self.role.currentData()
        command = AddLinkCommand(
            self.window_.project, self.row.span_id, item.data(Qt.ItemDataRole.UserRole), role, self.window_.annotator
        )
        if self.window_.run_command(command):
            self.window_.show_message(
                tr_("Linked {role} “{text}” to “{what}”").format(
                    role=tr_(role) if role in PARTY_NAMES else role,
                    text=item.data(Qt.ItemDataRole.UserRole + 1),
                    what=self.row.what,
                )
            )
            self.accept()


class TransfersTable(QTableView):
    """The table itself: ``L`` on a row links its first missing party (outside the editable cells)."""

    def _is_link_key(self, event: QKeyEvent) -> bool:
        index = self.currentIndex()
        item = view_binding(self.objectName(), event)  # L, declared in the action table
        return (
            item is not None
            and item.id == "transfers-link-missing"
            and index.isValid()
            and COLUMNS[index.column()][1] not in EDITABLE
            and self.state() != QTableView.State.EditingState
        )

    def event(self, event: QEvent) -> bool:
        # L is also the reader's window-wide "link" shortcut: with a row here, the table takes the key.
        if event.type() == QEvent.Type.ShortcutOverride and self._is_link_key(event):  # type: ignore[arg-type]
            event.accept()
            return True
        return super().event(event)

    def link_missing(self) -> bool:
        """Link the current row's first missing party (through the transfers view); False outside one."""
        view = self.parent()
        while view is not None and not isinstance(view, TransfersView):
            view = view.parent()
        if view is None:
            return False
        view.link_missing()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._is_link_key(event) and self.link_missing():
            event.accept()
            return
        super().keyPressEvent(event)


class TransfersView(RefreshWhenShown):
    """The transfers table with its filter box and export buttons."""

    def __init__(self, window, *, refresh_delay_ms: int = 0) -> None:
        super().__init__()
        self.setObjectName("transfers-view")
        self.window_ = window
        self.model = TransfersModel(window)
        self.proxy = TransfersProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortLocaleAware(True)
        self.filter = QLineEdit(objectName="transfers-filter")
        self.filter.setPlaceholderText(tr_("Filter transfers (supplier, recipient, what, document…)"))
        self.filter.setClearButtonEnabled(True)
        self.table = TransfersTable(objectName="transfers-table")
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(ReasonDelegate(self.table))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # text order until a header is clicked
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        # Double click and Enter open the transfer; typing in (or clicking) a selected date or source cell edits it.
        self.table.setEditTriggers(QTableView.EditTrigger.AnyKeyPressed | QTableView.EditTrigger.SelectedClicked)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setResizeContentsPrecision(60)  # sizing to contents reads a sample of rows, not 10,000
        header.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self._sized = False
        self.count = QLabel(objectName="transfers-count")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.fix_button = QPushButton(tr_("Link missing party… (L)"), objectName="transfers-link-missing")
        self.fix_button.setToolTip(tr_("Link the selected transfer’s missing supplier, recipient or amount"))
        self.csv_button = QPushButton(tr_("Export CSV…"), objectName="transfers-export-csv")
        self.jsonl_button = QPushButton(tr_("Export JSONL…"), objectName="transfers-export-jsonl")
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)
        top.addWidget(self.fix_button)
        top.addWidget(self.csv_button)
        top.addWidget(self.jsonl_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.filter.textChanged.connect(self._filter_changed)
        self.table.activated.connect(self.open_row)
        self.fix_button.clicked.connect(self.link_missing)
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.jsonl_button.clicked.connect(lambda: self.export("jsonl"))
        # Coalesces a burst of changes (an import, a macro command) into one rebuild.
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(refresh_delay_ms)
        self.refresh_timer.timeout.connect(self.refresh)
        self.last_refresh_seconds = math.inf  # cost unknown until the first rebuild
        window.signals.changed.connect(self._on_change)

    def _on_change(self, change: Change) -> None:
        if change.kind == ChangeKind.ENTITIES_CHANGED and not self.model.rows:
            return
        # Hidden, nothing is computed: the table is rebuilt when it is shown again. Shown, a cheap table is
        # rebuilt at once, so it is never behind; a costly one (a large corpus) once per burst of changes.
        editing = self.table.state() == QTableView.State.EditingState  # never reset under an open editor
        if not self.isVisible() and not editing:
            self._dirty = True
        elif self.last_refresh_seconds < INSTANT_REFRESH_SECONDS and not editing:
            self.refresh()
        else:
            self.refresh_timer.start()

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(
            tr_("{shown} of {total}").format(shown=shown, total=total)
            if shown != total
            else trn_("%n transfer(s)", "", total)
        )
        rows = self.shown_rows() if shown != total else self.model.rows
        lacking = sum(1 for r in rows if not r.suppliers or not r.recipients)
        self.count.setToolTip(
            tooltip(trn_("%n of these [lacks|lack] a supplier or a recipient: select one and press L", "", lacking))
            if lacking
            else ""
        )

    def set_row_filter(self, row_filter: TransferFilter) -> None:
        """Show only the rows ``row_filter`` accepts (the workspace's shared filters)."""
        self.proxy.set_row_filter(row_filter)
        self._update_count()

    def refresh(self) -> None:
        """Rebuild the table now."""
        self.refresh_timer.stop()
        self._dirty = False
        started = time.perf_counter()
        self.model.refresh()
        self.last_refresh_seconds = time.perf_counter() - started
        self._update_count()
        if not self._sized and self.model.rows:
            self.size_columns()

    def size_columns(self) -> None:
        """Columns as wide as their contents and headers (headers never clipped), long texts capped."""
        self._sized = True
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        for column, (_title, key) in enumerate(COLUMNS):
            wanted = max(self.table.columnWidth(column), header.sectionSizeHint(column))
            cap = max(COLUMN_CAPS.get(key, COLUMN_CAP), header.sectionSizeHint(column))
            self.table.setColumnWidth(column, min(wanted, cap))

    def current_row(self) -> TransferRow | None:
        """The row of the table's current cell, if any."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.rows[self.proxy.mapToSource(index).row()]

    def link_missing(self) -> LinkMissingDialog | None:
        """Open the picker that links the current row's first missing party (L)."""
        row = self.current_row()
        if row is None:
            self.window_.show_message(tr_("Select a transfer in the table first."))
            return None
        missing = row.missing()
        roles = [fix for fix in FIXABLE if fix[1] in missing]
        if not roles:
            self.window_.show_message(tr_("This transfer has its supplier, recipient and amount linked."))
            return None
        dialog = LinkMissingDialog(self.window_, row, roles)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.table.setFocus())
        dialog.show()
        dialog.filter.setFocus()
        return dialog

    def shown_rows(self) -> list[TransferRow]:
        """The rows as shown, without their sentences looked up (cheap)."""
        source_rows = (self.proxy.mapToSource(self.proxy.index(r, 0)).row() for r in range(self.proxy.rowCount()))
        return [self.model.rows[r] for r in source_rows]

    def visible_rows(self) -> list[TransferRow]:
        """The rows as shown: filtered and in the table's sort order."""
        source_rows = (self.proxy.mapToSource(self.proxy.index(r, 0)).row() for r in range(self.proxy.rowCount()))
        return [self.model.complete(self.model.rows[r]) for r in source_rows]

    def open_row(self, index: QModelIndex) -> None:
        """Open the document at the row's transfer span."""
        if index.isValid():
            self.window_.select_span(index.data(SPAN_ID_ROLE))

    def export(self, fmt: str, path: str | Path | None = None) -> Path | None:
        """Export the rows as shown (filtered, sorted) to CSV or JSONL; asks for the path if none is given."""
        if path is None:
            path = ask_export_path(self, fmt)
            if path is None:
                return None
        path = Path(path)
        try:
            n = export_transfers(self.visible_rows(), path, fmt)
        except OSError as exc:
            self.window_.show_message(
                tr_("Cannot write {file}: {error}").format(file=path.name, error=exc.strerror or exc)
            )
            return None
        except ValidationError as exc:
            self.window_.show_message(str(exc))
            return None
        self.window_.show_message(trn_("Exported %n transfer(s) to {file}", "", n).format(file=path.name))
        return path


def install(window) -> None:
    """Add the Transfers workspace (map, timeline and this table; View → Transfers workspace, Ctrl+3) and
    Document → Properties."""
    from annotator.ui.workspace.transfers_workspace import TransfersWorkspace

    view = TransfersView(window)
    workspace = TransfersWorkspace(window, view)
    window.add_workspace(workspace, tr_("Transfers"))  # its keys (Ctrl+3) are in the action table
    window.add_action("document-properties", lambda: show_properties(window))
