"""The agreement view: metrics per label and overall, the disagreements, and adjudication.

Choose annotators and labels (by default those of ``annotator agreement``); the table shows exact F1,
overlap F1, kappa (two annotators) and alpha. Activating a disagreement opens the document at that
place and shows every annotator's version side by side (one read-only pane each). From there the
adjudicator keeps one version, all of them, or writes a new one from the reader's selection; the
result goes into the curated layer (annotator ``gold``, source ``curation``) as one undoable step.
See ``annotator.core.agreement`` and ``annotator.services.curation`` for the definitions.
"""

from __future__ import annotations

import itertools
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TR_NOOP, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotator.core.agreement import AgreementReport, Disagreement
from annotator.core.model import ValidationError
from annotator.services.curation import (
    AdjudicationPlan,
    adjudicated_flags,
    default_annotators,
    plan_adjudication,
    project_agreement,
    project_disagreements,
    resolve_scope,
)
from annotator.store.errors import NotFound
from annotator.store.project import SPAN_KINDS, Change, ChangeKind, Project
from annotator.ui.commands import AddSpanCommand, DeleteSpansCommand, MacroCommand, ProjectCommand
from annotator.ui.i18n import number, tr_, trn_
from annotator.ui.plain_text import make_plain

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

ORDER = 84
CONTEXT = 80
MAX_ROWS = 5000
STALE = QT_TR_NOOP(" — the project has changed since: Compute again to update")
GONE_DOCUMENT = QT_TR_NOOP("The document of this disagreement was deleted since: Compute again")
# The kinds of disagreement ``core.agreement`` finds, shown in the window's language.
KINDS = (QT_TR_NOOP("missing"), QT_TR_NOOP("label"), QT_TR_NOOP("boundary"), QT_TR_NOOP("mixed"))


def format_value(value: float | None) -> str:
    """Three decimals, or "–" when undefined."""
    return "–" if value is None else f"{value:.3f}"


def describe(place: Disagreement, name: str) -> str:
    """One annotator's version of a disagreement: ``label “text”; …``, or "(nothing)" (label names are data)."""
    spans = place.versions.get(name, ())
    separator = tr_("; ")  # French puts a no-break space before a semicolon
    shown = separator.join(tr_("{label} “{text}”").format(label=s.label, text=s.text) for s in spans)
    return shown or tr_("(nothing)")


def adjudication_command(project: Project, plan: AdjudicationPlan, text: str) -> MacroCommand:
    """One undoable step: remove the earlier gold spans of the place, add the chosen ones."""
    commands: list[ProjectCommand] = []
    if plan.remove:
        commands.append(DeleteSpansCommand(project, list(plan.remove)))
    for new in plan.add:
        commands.append(AddSpanCommand(project, new.document_id, new.start, new.end, new.label, **new.fields()))
    return MacroCommand(project, text, commands)


def _checklist(name: str) -> QListWidget:
    widget = QListWidget()
    widget.setObjectName(name)
    widget.setMaximumHeight(110)
    return widget


class AgreementView(QWidget):
    """Choose, compute, list, compare and adjudicate."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.setObjectName("agreement-view")
        self.window_ = window
        self.project: Project = window.project
        self.report: AgreementReport | None = None
        self.places: list[Disagreement] = []
        self._dirty = True
        self.annotator_list = _checklist("agreement-annotators")
        self.label_list = _checklist("agreement-labels")
        self.current_only = QCheckBox(tr_("Only the document in the reader"), objectName="agreement-current-document")
        self.compute_button = QPushButton(tr_("&Compute"), objectName="agreement-compute")
        self.compute_button.clicked.connect(self.compute)
        self.message = QLabel(objectName="agreement-message")
        self.message.setWordWrap(True)
        choose = QHBoxLayout()
        for caption, widget in ((tr_("Annotators"), self.annotator_list), (tr_("Labels"), self.label_list)):
            column = QVBoxLayout()
            column.addWidget(QLabel(caption))
            column.addWidget(widget)
            choose.addLayout(column)
        side = QVBoxLayout()
        side.addWidget(self.current_only)
        side.addWidget(self.compute_button)
        side.addWidget(self.message)
        side.addStretch(1)
        choose.addLayout(side, 1)
        self.table = QTableWidget(objectName="agreement-table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.disagreements = QTableWidget(objectName="agreement-disagreements")
        self.disagreements.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.disagreements.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.disagreements.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.disagreements.verticalHeader().hide()
        self.disagreements.horizontalHeader().setStretchLastSection(True)
        self.disagreements.itemActivated.connect(lambda item: self.open_disagreement(item.row()))
        self.disagreements.currentCellChanged.connect(lambda row, *_: self.show_versions(row))
        self.versions = QWidget(objectName="agreement-versions")
        self.versions_layout = QHBoxLayout(self.versions)
        self.versions_layout.setContentsMargins(0, 0, 0, 0)
        self.adjudicate_bar = QHBoxLayout()
        self.keep_all_button = QPushButton(tr_("Keep &all"), objectName="adjudicate-keep-all")
        self.keep_all_button.clicked.connect(lambda: self.adjudicate(self.current_annotators()))
        self.new_button = QPushButton(tr_("&New version from the reader's selection…"), objectName="adjudicate-new")
        self.new_button.clicked.connect(self.adjudicate_new)
        self.keep_buttons: list[QPushButton] = []
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.versions, 1)
        bottom_layout.addLayout(self.adjudicate_bar)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.disagreements)
        splitter.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(splitter, 1)
        window.signals.changed.connect(self._on_change)
        make_plain(self)
        self.fill_choices()

    # -- choices -------------------------------------------------------------------------------------

    def fill_choices(self) -> None:
        """List the annotators and labels; those listed before keep their check, new ones get the default."""
        defaults = set(default_annotators(self.project))
        self._fill(self.annotator_list, self.project.annotators(), defaults)
        labels = [label.name for label in self.project.labels()]
        self._fill(self.label_list, labels, set(labels))

    def _fill(self, widget: QListWidget, items: list[str], default: set[str]) -> None:
        before = {widget.item(i).text(): widget.item(i).checkState() for i in range(widget.count())}
        widget.clear()
        for name in items:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            state = Qt.CheckState.Checked if name in default else Qt.CheckState.Unchecked
            item.setCheckState(before.get(name, state))
            widget.addItem(item)

    @staticmethod
    def _checked(widget: QListWidget) -> list[str]:
        return [
            widget.item(i).text() for i in range(widget.count()) if widget.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_choice(self, annotators: list[str] | None = None, labels: list[str] | None = None) -> None:
        """Check exactly these annotators and/or labels."""
        for widget, wanted in ((self.annotator_list, annotators), (self.label_list, labels)):
            if wanted is None:
                continue
            for i in range(widget.count()):
                item = widget.item(i)
                item.setCheckState(Qt.CheckState.Checked if item.text() in wanted else Qt.CheckState.Unchecked)

    def current_annotators(self) -> list[str]:
        """The annotators of the last computation."""
        return list(self.report.annotators) if self.report else []

    # -- computing -----------------------------------------------------------------------------------

    def compute(self) -> bool:
        """Compute the agreement of the checked annotators on the checked labels."""
        self._dirty = False
        names = self._checked(self.annotator_list)
        labels = self._checked(self.label_list)
        try:
            if not labels:
                raise ValidationError(tr_("choose at least one label"))
            documents = None
            if self.current_only.isChecked():
                current = self.window_.current_document_id()
                if current is None:
                    raise ValidationError(tr_("no document is open in the reader"))
                documents = [current]
            scope = resolve_scope(self.project, names or None, labels, documents)
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self.report = project_agreement(self.project, scope)
                self.places = project_disagreements(self.project, scope)
            finally:
                QApplication.restoreOverrideCursor()
        except ValidationError as exc:
            self.report = None
            self.places = []
            self.message.setText(str(exc))
            self._show_report()
            return False
        self.message.setText(
            tr_("{documents}, {tokens}; {disagreements}").format(
                documents=trn_("%Ln document(s)", "", len(scope.documents)),
                tokens=trn_("%Ln token(s)", "", self.report.tokens),
                disagreements=trn_("%Ln disagreement(s)", "", len(self.places)),
            )
        )
        self._show_report()
        return True

    def _show_report(self) -> None:
        report = self.report
        self.table.clear()
        self.disagreements.clear()
        self.table.setRowCount(0)
        self.disagreements.setRowCount(0)
        self._build_keep_buttons()
        self._clear_versions()
        if report is None:
            return
        names = list(report.annotators)
        headers = [
            tr_("Label"),
            *(tr_("Spans {name}").format(name=n) for n in names),
            tr_("Exact F1"),
            tr_("Overlap F1"),
        ]
        headers.append(tr_("Kappa") if len(names) == 2 else tr_("Kappa (per pair)"))
        headers.append(tr_("Alpha"))
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        rows = [*report.per_label, report.overall]
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = [
                row.label or tr_("overall"),
                *(str(row.spans[n]) for n in names),
                format_value(row.exact_f1),
                format_value(row.overlap_f1),
                format_value(row.kappa),
                format_value(row.alpha),
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if row.label is None:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        titles = {d.id: d.title for d in self.project.documents()}
        headers = [tr_("Document"), tr_("Place"), tr_("Kind"), tr_("Adjudicated"), *names]
        self.disagreements.setColumnCount(len(headers))
        self.disagreements.setHorizontalHeaderLabels(headers)
        if len(self.places) > MAX_ROWS:
            self.message.setText(self.message.text() + tr_(" (the first {n} are listed)").format(n=number(MAX_ROWS)))
            self.places = self.places[:MAX_ROWS]
        self.disagreements.setRowCount(len(self.places))
        flags = adjudicated_flags(self.project, self.places)
        for r, place in enumerate(self.places):
            values = [
                titles.get(place.document_id, str(place.document_id)),
                f"{place.start}–{place.end}",
                tr_(place.kind) if place.kind in KINDS else place.kind,
                tr_("yes") if flags[r] else "",
                *(describe(place, n) for n in names),
            ]
            for c, value in enumerate(values):
                self.disagreements.setItem(r, c, QTableWidgetItem(value))

    # -- one disagreement ------------------------------------------------------------------------------

    def _clear_versions(self) -> None:
        while self.versions_layout.count():
            widget = self.versions_layout.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.setParent(None)  # gone from findChild at once, not at the next event loop turn
                widget.deleteLater()

    def _build_keep_buttons(self) -> None:
        while self.adjudicate_bar.count():
            item = self.adjudicate_bar.takeAt(0)
            widget = item.widget()
            if widget is not None and widget not in (self.keep_all_button, self.new_button):
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.keep_buttons = []
        for name in self.current_annotators():
            button = QPushButton(tr_("Keep {name}").format(name=name), objectName=f"adjudicate-keep-{name}")
            button.clicked.connect(lambda _checked=False, n=name: self.adjudicate([n]))
            self.keep_buttons.append(button)
            self.adjudicate_bar.addWidget(button)
        self.adjudicate_bar.addWidget(self.keep_all_button)
        self.adjudicate_bar.addWidget(self.new_button)
        self.adjudicate_bar.addStretch(1)
        self._enable_adjudication(False)

    def _enable_adjudication(self, enabled: bool) -> None:
        for button in [*self.keep_buttons, self.keep_all_button, self.new_button]:
            button.setEnabled(enabled)

    def current_disagreement(self) -> Disagreement | None:
        """The disagreement of the current row, if any."""
        row = self.disagreements.currentRow()
        return self.places[row] if 0 <= row < len(self.places) else None

    def show_versions(self, row: int) -> None:
        """Show every annotator's version of disagreement ``row`` side by side, in context."""
        self._clear_versions()
        if not 0 <= row < len(self.places):
            self._enable_adjudication(False)
            return
        place = self.places[row]
        try:
            text = self.project.document_text(place.document_id)
        except NotFound:  # the list is as computed: its document was deleted since
            self._enable_adjudication(False)
            self.window_.show_message(tr_(GONE_DOCUMENT))
            return
        low = max(0, place.start - CONTEXT)
        high = min(len(text), place.end + CONTEXT)
        for name in self.current_annotators():
            pane = QTextBrowser(objectName=f"agreement-version-{name}")
            pane.setReadOnly(True)
            pane.setOpenLinks(False)
            pane.setHtml(
                f"<p><b>{escape(name)}</b>: {escape(describe(place, name))}</p>"
                + _marked(text, low, high, place.versions[name])
            )
            self.versions_layout.addWidget(pane)
        self._enable_adjudication(True)

    def open_disagreement(self, row: int) -> None:
        """Open the document at the disagreement (its first span selected) and show the versions."""
        if not 0 <= row < len(self.places):
            return
        self.disagreements.setCurrentCell(row, 0)
        place = self.places[row]
        first = next((spans[0] for spans in place.versions.values() if spans), None)
        if first is not None:
            self.window_.select_span(first.id)
        self.show_versions(row)

    def _adjudicate(self, keep: list[str], new: list[tuple[int, int, str]], text: str) -> bool:
        place = self.current_disagreement()
        if place is None:
            return False
        row = self.disagreements.currentRow()
        try:
            self.project.document(place.document_id)
            plan = plan_adjudication(self.project, place, keep=keep, new=new)
        except NotFound:
            self.window_.show_message(tr_(GONE_DOCUMENT))
            return False
        except ValidationError as exc:
            self.window_.show_message(str(exc))
            return False
        if not self.window_.run_command(adjudication_command(self.project, plan, text)):
            return False
        item = self.disagreements.item(row, 3)
        if item is not None:
            item.setText(tr_("yes") if plan.add else "")
        self.window_.show_message(trn_("{step}: %n span(s) in the gold layer", "", len(plan.add)).format(step=text))
        if row + 1 < len(self.places):
            self.disagreements.setCurrentCell(row + 1, 0)
        return True

    def adjudicate(self, keep: list[str]) -> bool:
        """Write the versions of ``keep`` into the gold layer (undoable)."""
        if not keep:
            return False
        names = tr_(" and ").join(keep)
        return self._adjudicate(keep, [], tr_("Adjudicate: keep {names}").format(names=names))

    def adjudicate_new(self) -> bool:
        """Write a new version: the reader's selection with a label chosen now."""
        place = self.current_disagreement()
        if place is None:
            return False
        selection = self.window_.reader.selection_codepoints()
        if selection is None or self.window_.current_document_id() != place.document_id:
            self.window_.show_message(tr_("Select the right text in the reader first (in the disagreement’s document)"))
            return False
        labels = [label.name for label in self.project.labels(include_retired=False)]
        label = self.window_.choose_item(tr_("New version"), tr_("Label of the selected text:"), labels)
        if label is None:
            return False
        return self._adjudicate([], [(selection[0], selection[1], label)], tr_("Adjudicate: new version"))

    # -- refresh --------------------------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if change.kind in SPAN_KINDS or change.kind in (
            ChangeKind.RESET,
            ChangeKind.EXTERNAL,
            ChangeKind.LABELS_CHANGED,
        ):
            self._dirty = True
            if self.report is not None and not self.message.text().endswith(tr_(STALE)):
                self.message.setText(self.message.text() + tr_(STALE))
            if not self.isVisible():
                return  # hidden: nothing computed; showing it fills the choices again
            listed = [self.annotator_list.item(i).text() for i in range(self.annotator_list.count())]
            if (
                change.kind in (ChangeKind.RESET, ChangeKind.EXTERNAL, ChangeKind.LABELS_CHANGED)
                or listed != self.project.annotators()
            ):
                self.fill_choices()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.fill_choices()
            if self.report is None:
                self.compute()


def _marked(text: str, low: int, high: int, spans: tuple[Any, ...]) -> str:
    """HTML of ``text[low:high]`` with ``spans`` marked (labels as superscripts)."""
    bounds = sorted({low, high, *(max(low, s.start) for s in spans), *(min(high, s.end) for s in spans)})
    parts = ["…" if low else ""]
    for a, b in itertools.pairwise(bounds):
        piece = escape(text[a:b]).replace("\n", "<br>")
        covering = [s for s in spans if s.start <= a and b <= s.end]
        if covering:
            labels = ", ".join(sorted({s.label for s in covering}))
            piece = f"<span style='background:#ffe08a'>{piece}</span><sup>{escape(labels)}</sup>"
        parts.append(piece)
    parts.append("…" if high < len(text) else "")
    return "<p>" + "".join(parts) + "</p>"


def install(window: MainWindow) -> None:
    """Add the agreement view, with View → Agreement."""
    view = AgreementView(window)
    window.add_view(view, tr_("Agreement"))
    action = window.menu("&View").addAction(tr_("&Agreement and adjudication"))
    action.setObjectName("action-show-agreement")
    action.triggered.connect(lambda: (window.show_view(view), view.compute()))
