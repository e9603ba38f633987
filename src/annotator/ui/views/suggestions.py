"""Assisted annotation in the window: Tools menu actions that propose spans, accept or reject them.

- Tools → Suggest quantities / Propagate tagged mentions: run on every document of the project,
  stored as one undoable step ("Undo" removes what the run proposed).
- Tools → Suggest named entities (spaCy): the pipeline is loaded on first use and the texts are
  processed on a worker thread, so the window stays responsive; the results are stored as one
  undoable step when they come back. A missing spaCy or pipeline is explained, never fatal.
- Tools → Named-entity pipeline…: which installed spaCy pipeline to use (stored in the project,
  also used by ``annotator suggest``).
- Tools → Accept / Reject all suggestions of label…: one undoable step over every pending
  suggestion of the chosen label in the project.
- Tools → Propagate new tags automatically: after a span is tagged by hand, its other mentions in
  the corpus are proposed at once (a separate undo step). Off by default; remembered.

The reader draws suggestions with a dashed outline; with one selected, Enter accepts and Backspace
rejects it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction

from annotator.core.model import Span
from annotator.services.suggesting import (
    NER_MODEL_SETTING,
    SuggestReport,
    Wanted,
    collect,
    ner_candidates_by_document,
    ner_model_name,
    propagate_span,
    store_suggestions,
    suggestions,
)
from annotator.store.errors import EnvironmentFault, StoreError
from annotator.store.project import DeletedSpan, Project
from annotator.ui.commands import MacroCommand, ProjectCommand, UpdateSpanCommand
from annotator.ui.i18n import tr_, trn_
from annotator.ui.reports import nothing_new, suggest_summary
from annotator.ui.workers import WINDOW_CLOSE_WAIT_MS, Job, Relay, background_pool, wait_at_close

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

ORDER = 60
CONTROLLER_NAME = "suggestions-controller"
AUTO_PROPAGATE_KEY = "suggest/auto-propagate"
ACTION_NAMES = {
    "quantity": "action-suggest-quantities",
    "propagation": "action-propagate-mentions",
    "ner": "action-suggest-entities",
    "accept": "action-accept-suggestions",
    "reject": "action-reject-suggestions",
    "auto": "action-auto-propagate",
    "model": "action-ner-model",
}


class SuggestCommand(ProjectCommand):
    """Store suggestions (computed by ``produce``, or given); undo removes them, redo brings them back.

    A run that stores nothing makes itself obsolete, so it never sits on the undo stack.
    """

    def __init__(self, project: Project, text: str, produce: Callable[[], SuggestReport]) -> None:
        super().__init__(project, text)
        self.produce = produce
        self.report: SuggestReport | None = None
        self.records: list[DeletedSpan] = []

    def apply(self) -> None:
        if self.report is None:
            self.report = self.produce()
            if not self.report.span_ids:
                self.setObsolete(True)
        elif self.records:
            self.project.restore_spans(self.records)
            self.records = []

    def revert(self) -> None:
        assert self.report is not None
        present = [span_id for span_id in self.report.span_ids if self.project.has_span(span_id)]
        self.records = self.project.delete_spans(present)


def _still_there(project: Project, wanted: list[Wanted]) -> list[Wanted]:
    """The candidates whose document was not deleted while the worker ran."""
    present = set(project.document_ids())
    return [item for item in wanted if item[1] in present]


def _ner_work(model: str, texts: dict[int, str]) -> tuple[list[Wanted], list[str]]:
    """Load the pipeline (first time only) and find entities in the texts: runs on a worker thread."""
    from annotator.core.suggest.ner import load_model

    nlp = load_model(model)
    found, messages = ner_candidates_by_document(nlp, texts)
    return [("ner", doc_id, c) for doc_id, candidates in found.items() for c in candidates], messages


class SuggestionsController(QObject):
    """The Tools menu actions of assisted annotation for one window (see the module's docstring)."""

    nerStarted = Signal()
    nerFinished = Signal(object)  # the SuggestReport, or None when nothing could be run
    propagated = Signal(object)  # SuggestReport of an automatic propagation

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName(CONTROLLER_NAME)
        wait_at_close(window, lambda: self.wait(WINDOW_CLOSE_WAIT_MS))  # done before the window closes its project
        self.window = window
        self.project: Project = window.project
        self.pool = background_pool(self, 1)
        self._relays: set[Relay] = set()
        self._pending_spans: list[str] = []
        self.last_report: SuggestReport | None = None

        menu = window.menu("&Tools")
        menu.addSeparator()
        self.quantity_action = self._action(
            "quantity",
            tr_("Suggest &quantities"),
            tr_("Propose amounts with their unit in every document"),
            self.suggest_quantities,
        )
        self.propagate_action = self._action(
            "propagation",
            tr_("&Propagate tagged mentions"),
            tr_("Propose the other mentions of every tagged string, in every document"),
            self.propagate_mentions,
        )
        self.ner_action = self._action(
            "ner",
            tr_("Suggest named &entities (spaCy)"),
            tr_("Propose persons, organisations and places as actors (needs the spaCy extra)"),
            self.suggest_entities,
        )
        self.model_action = self._action(
            "model",
            tr_("Named-entity pipeline…"),
            tr_("Which installed spaCy pipeline finds named entities"),
            self.choose_model,
        )
        self.accept_action = self._action(
            "accept",
            tr_("&Accept all suggestions of label…"),
            tr_("Accept every pending suggestion of one label (one undo step)"),
            lambda: self.review_label(True),
        )
        self.reject_action = self._action(
            "reject",
            tr_("&Reject all suggestions of label…"),
            tr_("Reject every pending suggestion of one label (one undo step)"),
            lambda: self.review_label(False),
        )
        self.auto_action = self._action(
            "auto",
            tr_("Propagate new tags automatically"),
            tr_("After you tag a span, propose its other mentions at once"),
            None,
        )
        self.auto_action.setCheckable(True)
        self.auto_action.setChecked(bool(window.settings.value(AUTO_PROPAGATE_KEY, False, type=bool)))
        self.auto_action.toggled.connect(self.set_auto_propagate)
        for action in (self.quantity_action, self.propagate_action, self.ner_action, self.model_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.accept_action)
        menu.addAction(self.reject_action)
        menu.addAction(self.auto_action)
        window.undo_stack.indexChanged.connect(self._undo_index_changed)
        self._closing = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self._closing = True  # the project closes with the window: late results are dropped
        return False

    def _gone(self) -> bool:
        """Whether the window (and so the project) is closed or deleted."""
        return self._closing or not shiboken6.isValid(self) or not shiboken6.isValid(self.window)

    def _action(self, key: str, text: str, tip: str, slot: Callable[[], Any] | None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(ACTION_NAMES[key])
        action.setStatusTip(tip)
        action.setToolTip(tip)
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        return action

    # -- running the sources ---------------------------------------------------------------------

    def _run_sources(self, sources: Sequence[str], text: str) -> SuggestReport | None:
        def produce() -> SuggestReport:
            # Loading a spaCy pipeline for the quantity tags takes seconds: the window uses one only if loaded.
            wanted, messages = collect(self.project, sources, load_parsers=False)
            return store_suggestions(
                self.project,
                wanted,
                annotator=self.window.annotator,
                sources=sources,
                documents=len(self.project.document_ids()),
                messages=messages,
            )

        command = SuggestCommand(self.project, text, produce)
        if not self.window.run_command(command):
            return None
        return self._finish(command.report)

    def _finish(self, report: SuggestReport | None) -> SuggestReport | None:
        if report is None:
            return None
        self.last_report = report
        here = self.window.current_document_id()
        in_document = sum(1 for span in suggestions(self.project, documents=[here])) if here is not None else 0
        if report.total:
            message = trn_("{summary}; %n pending in this document. Enter accepts, Backspace rejects.", "", in_document)
            message = message.format(summary=suggest_summary(report))
        else:
            message = nothing_new(report)
        if report.messages:
            message += " — " + "; ".join(report.messages[:2])
        self.window.show_message(message)
        return report

    def suggest_quantities(self) -> SuggestReport | None:
        """Propose quantities in every document (one undo step)."""
        return self._run_sources(["quantity"], tr_("Suggest quantities"))

    def propagate_mentions(self) -> SuggestReport | None:
        """Propose other mentions of every tagged string (one undo step)."""
        return self._run_sources(["propagation"], tr_("Propagate tagged mentions"))

    def suggest_entities(self) -> bool:
        """Start named-entity suggestions on a worker thread; False if one is already running."""
        if not self.ner_action.isEnabled():
            return False
        try:
            model = ner_model_name(self.project)
            texts = {doc_id: self.project.document_text(doc_id) for doc_id in self.project.document_ids()}
        except StoreError as exc:
            self.window.show_message(tr_("Cannot read the project: {error}").format(error=exc))
            return False
        self.ner_action.setEnabled(False)
        self.window.show_message(
            trn_("Finding named entities with {model} in %n document(s)…", "", len(texts)).format(model=model), 0
        )
        relay = Relay()
        self._relays.add(relay)
        relay.finished.connect(lambda result: self._ner_done(relay, len(texts), result))
        relay.failed.connect(lambda message: self._ner_failed(relay, message))
        self.pool.start(Job(lambda: _ner_work(model, texts), relay))
        self.nerStarted.emit()
        return True

    def _ner_done(self, relay: Relay, documents: int, result: tuple[list[Wanted], list[str]]) -> None:
        self._relays.discard(relay)
        if self._gone():
            return  # the window closed while the worker ran
        self.ner_action.setEnabled(True)
        wanted, messages = result
        command = SuggestCommand(
            self.project,
            tr_("Suggest named entities"),
            lambda: store_suggestions(
                self.project,
                _still_there(self.project, wanted),
                annotator=self.window.annotator,
                sources=["ner"],
                documents=documents,
                messages=messages,
            ),
        )
        report = self._finish(command.report) if self.window.run_command(command) else None
        self.nerFinished.emit(report)

    def _ner_failed(self, relay: Relay, message: str) -> None:
        self._relays.discard(relay)
        if self._gone():
            return
        self.ner_action.setEnabled(True)
        self.window.show_message(tr_("Named-entity suggestions are not available"))
        self.window.inform(tr_("Named-entity suggestions"), message, icon="warning")
        self.nerFinished.emit(None)

    def wait(self, msecs: int = 60_000) -> bool:
        """Wait for the worker thread (tests, and closing the window)."""
        return self.pool.waitForDone(msecs)

    def choose_model(self) -> str | None:
        """Ask which installed spaCy pipeline to use; stored in the project."""
        name = self.window.ask_text(
            tr_("Named-entity pipeline"),
            tr_("Installed spaCy pipeline (package name or folder):"),
            ner_model_name(self.project),
        )
        if name is None or not name.strip():
            return None
        try:
            self.project.set_setting(NER_MODEL_SETTING, name.strip())
        except EnvironmentFault as fault:
            self.window.report_fault(fault)
            return None
        self.window.show_message(tr_("Named entities will be found with {model}").format(model=name.strip()))
        return name.strip()

    # -- accepting and rejecting ------------------------------------------------------------------

    def pending_by_label(self) -> dict[str, list[Span]]:
        """Pending suggestions of the project, by label (labels in schema order)."""
        grouped: dict[str, list[Span]] = {label.name: [] for label in self.project.labels()}
        for span in suggestions(self.project):
            grouped.setdefault(span.label, []).append(span)
        return {label: spans for label, spans in grouped.items() if spans}

    def review_label(self, accept: bool, label: str | None = None) -> bool:
        """Accept (or reject) every pending suggestion of ``label`` (asked for if None) as one undo step."""
        pending = self.pending_by_label()
        if not pending:
            self.window.show_message(tr_("There are no pending suggestions"))
            return False
        if label is None:
            choices = {f"{name} ({len(spans)})": name for name, spans in pending.items()}
            title = tr_("Accept suggestions") if accept else tr_("Reject suggestions")
            prompt = tr_("Accept every suggestion of label:") if accept else tr_("Reject every suggestion of label:")
            chosen = self.window.choose_item(title, prompt, list(choices))
            if chosen is None:
                return False
            label = choices.get(chosen, chosen)
        spans = pending.get(label, [])
        if not spans:
            self.window.show_message(tr_("There are no pending suggestions of {label}").format(label=label))
            return False
        status = "accepted" if accept else "rejected"
        one = tr_("Accept “{text}”") if accept else tr_("Reject “{text}”")
        commands: list[ProjectCommand] = [
            UpdateSpanCommand(self.project, span.id, one.format(text=span.text[:30]), status=status) for span in spans
        ]
        step = (
            trn_("Accept %n {label} suggestion(s)", "", len(spans))
            if accept
            else trn_("Reject %n {label} suggestion(s)", "", len(spans))
        )
        done = self.window.run_command(MacroCommand(self.project, step.format(label=label), commands))
        if done:
            said = (
                trn_("Accepted %n {label} suggestion(s)", "", len(spans))
                if accept
                else trn_("Rejected %n {label} suggestion(s)", "", len(spans))
            )
            self.window.show_message(said.format(label=label))
        return done

    # -- automatic propagation ------------------------------------------------------------------

    def set_auto_propagate(self, enabled: bool) -> None:
        """Turn automatic propagation of new tags on or off (remembered)."""
        self.window.settings.setValue(AUTO_PROPAGATE_KEY, bool(enabled))
        if self.auto_action.isChecked() != bool(enabled):
            self.auto_action.setChecked(bool(enabled))

    def _undo_index_changed(self, index: int) -> None:
        """A command was pushed, undone or redone: a freshly pushed hand-made tag is propagated."""
        from annotator.ui.commands import AddSpanCommand

        if self._gone():  # the window is closing: its stack empties itself on the way out
            return
        stack = self.window.undo_stack
        if not shiboken6.isValid(stack) or not self.auto_action.isChecked() or index != stack.count() or index == 0:
            return
        command = stack.command(index - 1)
        if not isinstance(command, AddSpanCommand) or getattr(command, "propagated", False) or command.span is None:
            return
        command.propagated = True  # a redo of this tag later is not a new tag
        if command.span.status == "accepted":
            self._pending_spans.append(command.span.id)
            # After the push that told us has finished: a command is never pushed from inside another.
            QTimer.singleShot(0, self._propagate_pending)

    def _propagate_pending(self) -> None:
        if self._gone():
            return
        while self._pending_spans:
            span_id = self._pending_spans.pop(0)
            try:
                span = self.project.span(span_id)
            except StoreError:
                continue
            command = SuggestCommand(
                self.project,
                tr_("Propagate “{text}”").format(text=span.text[:30]),
                lambda span=span: propagate_span(self.project, span, annotator=self.window.annotator),
            )
            if self.window.run_command(command) and command.report is not None and command.report.total:
                self.window.show_message(
                    trn_("%n other mention(s) of “{text}” proposed", "", command.report.total).format(
                        text=span.text[:30]
                    )
                )
            self.propagated.emit(command.report)


def install(window: MainWindow) -> None:
    """Add the assisted-annotation actions to the Tools menu."""
    SuggestionsController(window)
