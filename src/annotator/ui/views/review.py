"""Review mode: step through spans filtered by label, annotator, status and review state.

One key each, with the queue focused: **A** approves, **R** rejects, **C** corrects (opens the span in
the reader and asks for the right label; a corrected span counts as approved; cancelling leaves the
span selected in the reader for boundary edits), **M** writes a review comment. The reviewer is the
window's annotator. Approving and rejecting move to the next item. Every change is one undoable
``UpdateSpanCommand``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TR_NOOP, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from annotator.core.model import REVIEWS, STATUSES, Span
from annotator.services.handouts import context
from annotator.store.project import ChangeKind
from annotator.ui.actions import resolve, view_binding
from annotator.ui.commands import UpdateSpanCommand
from annotator.ui.i18n import label_display, tr_, trn_
from annotator.ui.plain_text import tooltip
from annotator.ui.row_model import RowTableModel
from annotator.ui.views._lazy import RefreshWhenShown

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

ORDER = 80
ALL = QT_TR_NOOP("(all)")
COLUMNS = (
    QT_TR_NOOP("Document"),
    QT_TR_NOOP("Label"),
    QT_TR_NOOP("Text"),
    QT_TR_NOOP("Annotator"),
    QT_TR_NOOP("Status"),
    QT_TR_NOOP("Review"),
    QT_TR_NOOP("Reviewer"),
    QT_TR_NOOP("Comment"),
)
SPAN_ID_ROLE = Qt.ItemDataRole.UserRole
_Index = QModelIndex | QPersistentModelIndex


class ReviewModel(RowTableModel):
    """The review queue: one row per span."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, self.cell, parent)
        self.titles: dict[int, str] = {}

    @property
    def spans(self) -> list[Span]:
        """The spans shown, in row order."""
        return self.rows

    def set_spans(self, spans: list[Span], titles: dict[int, str]) -> None:
        """Show ``spans``, with their documents' ``titles``."""
        self.titles = titles
        self.set_rows(spans)

    def cell(self, row: Any, column: int, role: int) -> Any:
        span: Span = row
        if role == SPAN_ID_ROLE:
            return span.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (
                self.titles.get(span.document_id, str(span.document_id)),
                label_display(span.label),
                span.text if role == Qt.ItemDataRole.ToolTipRole else " ".join(span.text.split())[:80],
                span.annotator,
                tr_(span.status),  # a status and a review state are shown as words of the window's language
                tr_(span.review),
                span.reviewer or "",
                span.review_comment or "",
            )
            return tooltip(values[column]) if role == Qt.ItemDataRole.ToolTipRole else values[column]
        return None


def _combo(name: str, items: list[str]) -> QComboBox:
    """A filter: each item's data is the value (a status, a name, ``ALL``), its text that value as shown."""
    combo = QComboBox()
    combo.setObjectName(name)
    _add_items(combo, items)
    return combo


def _add_items(combo: QComboBox, items: list[str], shown: Callable[[str], str] = str) -> None:
    for item in items:
        combo.addItem(tr_(item) if item == ALL or item in STATUSES or item in REVIEWS else shown(item), item)


class _Keys(QObject):
    """A/R/C/M on the queue table, before the table takes them for its own keyboard search."""

    def __init__(self, view: ReviewView) -> None:
        super().__init__(view)
        self.view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and self.view.review_key(event)


class ReviewView(RefreshWhenShown):
    """The review queue with its filters, the current span in context and the four actions."""

    IGNORED_CHANGES = frozenset({ChangeKind.LINKS_CHANGED, ChangeKind.ENTITIES_CHANGED})

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.setObjectName("review-view")
        self.window_ = window
        self.project = window.project
        self._dirty = True
        filters = QHBoxLayout()
        self.label_filter = _combo("review-label", [ALL])
        self.annotator_filter = _combo("review-annotator", [ALL])
        self.status_filter = _combo("review-status", [*STATUSES, ALL])
        self.status_filter.setCurrentIndex(self.status_filter.findData("accepted"))
        self.review_filter = _combo("review-state", [*REVIEWS, ALL])
        for caption, combo in (
            (QT_TR_NOOP("Label"), self.label_filter),
            (QT_TR_NOOP("Annotator"), self.annotator_filter),
            (QT_TR_NOOP("Status"), self.status_filter),
            (QT_TR_NOOP("Review"), self.review_filter),
        ):
            filters.addWidget(QLabel(tr_(caption)))
            filters.addWidget(combo)
            combo.currentIndexChanged.connect(self.refresh)
        filters.addStretch(1)
        self.count_label = QLabel(objectName="review-count")
        filters.addWidget(self.count_label)
        self.model = ReviewModel(self)
        self.table = QTableView(objectName="review-table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().resizeSection(0, 200)
        self.table.horizontalHeader().resizeSection(2, 260)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(lambda index: self.show_in_reader())
        self.context_label = QLabel(objectName="review-context")
        self.context_label.setWordWrap(True)
        self.context_label.setTextFormat(Qt.TextFormat.RichText)
        buttons = QHBoxLayout()
        for name, caption, slot in (
            ("review-approve", QT_TR_NOOP("&Approve (A)"), self.approve),
            ("review-reject", QT_TR_NOOP("&Reject (R)"), self.reject),
            ("review-correct", QT_TR_NOOP("&Correct (C)"), self.correct),
            ("review-comment", QT_TR_NOOP("Co&mment (M)"), self.comment),
        ):
            button = QPushButton(tr_(caption), objectName=name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.context_label)
        layout.addLayout(buttons)
        self._keys = _Keys(self)
        self.table.installEventFilter(self._keys)
        window.signals.changed.connect(self._on_change)
        # The queue is built when the view is first shown (``_dirty`` is set above), not at start-up.

    def review_key(self, event: QKeyEvent) -> bool:
        """Run the review key ``event`` is (A/R/C/M in the action table, Shift or not, without Ctrl, Alt or Meta);
        True if it was one."""
        if event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
        ):
            return False
        shift_or_keypad = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        item = view_binding(self.objectName(), event, ignoring=shift_or_keypad)
        if item is None or item.handler is None:
            return False
        resolve(self, item.handler)(*item.args)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The view itself, or a child that leaves letters alone (a button, the context label), focused.
        if self.review_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    # -- queue -------------------------------------------------------------------------------------

    def _choice(self, combo: QComboBox) -> list[str] | None:
        value = combo.currentData()
        return None if value in (ALL, "", None) else [str(value)]

    def _fill_combo(self, combo: QComboBox, names: list[str], shown: Callable[[str], str] = str) -> None:
        current = combo.currentData()
        wanted = [ALL, *names]
        if [combo.itemData(i) for i in range(combo.count())] == wanted:
            return
        combo.blockSignals(True)
        combo.clear()
        _add_items(combo, wanted, shown)
        combo.setCurrentIndex(wanted.index(current) if current in wanted else 0)
        combo.blockSignals(False)

    def refresh(self) -> None:
        """Reload the queue, keeping the current span (or its row) current."""
        self._dirty = False
        self._fill_combo(self.label_filter, [label.name for label in self.project.labels()], label_display)
        self._fill_combo(self.annotator_filter, self.project.annotators())
        current = self.current_span_id()
        row = self.table.currentIndex().row()
        statuses = self._choice(self.status_filter)
        spans = self.project.spans(
            labels=self._choice(self.label_filter),
            annotators=self._choice(self.annotator_filter),
            statuses=statuses if statuses is not None else None,
            reviews=self._choice(self.review_filter),
        )
        titles = {d.id: d.title for d in self.project.documents()}
        self.model.set_spans(spans, titles)
        ids = [s.id for s in spans]
        if current in ids:
            self.select_row(ids.index(current))
        elif spans:
            self.select_row(max(0, min(row, len(spans) - 1)))
        else:
            self._current_changed(QModelIndex(), QModelIndex())
        self.count_label.setText(trn_("%n span(s)", "", len(spans)))

    def select_row(self, row: int) -> None:
        """Make ``row`` of the queue current."""
        if 0 <= row < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.scrollTo(self.model.index(row, 0))

    def current_span_id(self) -> str | None:
        """The span of the current row, if any."""
        index = self.table.currentIndex()
        return self.model.data(index, SPAN_ID_ROLE) if index.isValid() else None

    def queue(self) -> list[str]:
        """Ids of the spans in the queue, in order."""
        return [s.id for s in self.model.spans]

    def _current_changed(self, current: _Index, _previous: _Index) -> None:
        if not current.isValid():
            self.context_label.setText(tr_("Nothing to review with these filters."))
            return
        span = self.model.spans[current.row()]
        try:
            text = self.project.document_text(span.document_id)
        except Exception:  # the document went away under us: the next refresh drops the row
            return
        left, right = context(text, span.start, span.end)
        from html import escape

        self.context_label.setText(
            f"{escape(left)}<b style='background:#ffe9a8'>[{escape(span.label)}] {escape(span.text)}</b>{escape(right)}"
        )

    # -- actions -------------------------------------------------------------------------------------

    def _update(self, text: str, advance: bool, **changes: Any) -> bool:
        span_id = self.current_span_id()
        if span_id is None:
            return False
        row = self.table.currentIndex().row()
        command = UpdateSpanCommand(self.project, span_id, text, reviewer=self.window_.annotator, **changes)
        if not self.window_.run_command(command):
            return False
        if not self.isVisible():
            self.refresh()
        ids = self.queue()
        if advance and span_id in ids:
            self.select_row(ids.index(span_id) + 1 if ids.index(span_id) + 1 < len(ids) else ids.index(span_id))
        elif advance:
            self.select_row(min(row, len(ids) - 1))
        return True

    def approve(self) -> bool:
        """Mark the current span approved and move on."""
        return self._update(tr_("Approve span"), True, review="approved")

    def reject(self) -> bool:
        """Mark the current span rejected (by review) and move on."""
        return self._update(tr_("Reject span"), True, review="rejected")

    def comment(self) -> bool:
        """Write or change the review comment of the current span."""
        span_id = self.current_span_id()
        if span_id is None:
            return False
        span = self.window_.live_span(span_id)
        if span is None:
            return False
        current = span.review_comment or ""
        text = self.window_.ask_text(tr_("Review comment"), tr_("Comment on this span:"), current)
        if text is None:
            return False
        return self._update(tr_("Review comment"), False, review_comment=text.strip() or None)

    def correct(self) -> bool:
        """Open the span in the reader and ask for the right label; the corrected span is approved."""
        span_id = self.current_span_id()
        if span_id is None:
            return False
        span = self.window_.live_span(span_id)
        if span is None:
            return False
        self.show_in_reader()
        names = [label.name for label in self.project.labels(include_retired=False)]
        names.sort(key=lambda n: n != span.label)
        label = self.window_.choose_item(
            tr_("Correct span"), tr_("Label of “{text}”:").format(text=span.text[:40]), names
        )
        if label is None:
            self.window_.show_message(tr_("Edit the span’s boundaries in the reader, then review it again"))
            return False
        changes: dict[str, Any] = {"review": "approved"}
        if label != span.label:
            changes["label"] = label
        return self._update(tr_("Correct span to {label}").format(label=label), True, **changes)

    def show_in_reader(self) -> None:
        """Open the current span's document at the span."""
        span_id = self.current_span_id()
        if span_id is not None:
            self.window_.select_span(span_id)


def install(window: MainWindow) -> None:
    """Add the review queue as a view, with View → Review queue (Ctrl+Shift+R)."""
    view = ReviewView(window)
    window.add_view(view, tr_("Review"))
    # Declared in annotator.ui.actions (Ctrl+Shift+R: the queue reached from anywhere by keyboard).
    window.add_action("show-review", lambda: (window.show_view(view), view.table.setFocus()))
