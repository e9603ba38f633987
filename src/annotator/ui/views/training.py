"""A suggester that learns from the team's annotations, in the window (Tools menu).

- Tools → Train suggester…: a dialog (``train-dialog``) that trains a model from the project's
  accepted spans on a background thread, with a progress bar, Cancel, and the held-out scores per
  label; the previous model stays in use until the new one is complete (``annotator.services.training``).
- Tools → Suggest from model: the trained model proposes spans (source ``model``, with its confidence)
  in every document, computed on a background thread and stored as one undoable step.
- Tools → Next most useful document (Ctrl+Shift+N): opens the unannotated document on which the
  model is least certain, with the reason in the status bar (active learning).
- Retraining while annotating: with "retrain after every N accepted spans" set in the dialog (a
  project setting), the model is retrained in the background once N more spans were accepted since
  the last training; the window is never blocked.

Workers never touch the project: what they need is read on the window's thread before they start,
and what they produce is stored on it when they finish.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QT_TR_NOOP, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.suggest import spanmodel
from annotator.services import training
from annotator.services.suggesting import Scores, store_suggestions
from annotator.store.errors import EnvironmentFault, StoreError
from annotator.store.project import Change, ChangeKind, Project
from annotator.ui.actions import spec as action_spec
from annotator.ui.i18n import tr_, trn_
from annotator.ui.reports import nothing_new, suggest_summary
from annotator.ui.workers import WINDOW_CLOSE_WAIT_MS, wait_at_close

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

ORDER = 61
CONTROLLER_NAME = "training-controller"
ACTION_NAMES = {
    "train": "action-train-suggester",
    "suggest": "action-suggest-model",
    "useful": "action-next-useful-document",
}
USEFUL_SHORTCUT = action_spec("next-useful-document").shortcuts[0]
# New or changed spans (a step of several edits too), or another program's: there may be more to learn from.
RETRAIN_CHANGES = frozenset(
    {ChangeKind.SPANS_ADDED, ChangeKind.SPANS_UPDATED, ChangeKind.SPANS_CHANGED, ChangeKind.EXTERNAL}
)


class BackgroundJob(QObject):
    """Runs ``work(progress, cancel)`` on a thread of its own and reports back on the window's thread."""

    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, work: Callable[[Callable[[int, int], None], threading.Event], Any], parent: QObject) -> None:
        super().__init__(parent)
        self.work = work
        self.cancel_event = threading.Event()
        self.thread = threading.Thread(target=self._run, name="annotator-training", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self.cancel_event.set()

    def running(self) -> bool:
        return self.thread.is_alive()

    def _run(self) -> None:
        try:
            result = self.work(self._progress, self.cancel_event)
        except spanmodel.Cancelled:
            self._emit(self.cancelled)
        except Exception as exc:  # a background job must never take the window down: reported instead
            self._emit(self.failed, str(exc) or type(exc).__name__)
        else:
            self._emit(self.finished, result)

    def _progress(self, done: int, total: int) -> None:
        self._emit(self.progressed, done, total)

    def _emit(self, signal: Any, *args: Any) -> None:
        if shiboken6.isValid(self):
            signal.emit(*args)


class TrainDialog(QDialog):
    """Tools → Train suggester…: choose what to learn, train in the background, see the scores."""

    def __init__(self, controller: TrainingController) -> None:
        super().__init__(controller.window)
        self.setObjectName("train-dialog")
        self.setWindowTitle(tr_("Train suggester"))
        self.controller = controller
        project = controller.project

        self.base = QComboBox(objectName="train-base")
        self.base.setEditable(True)
        self.labels = QLineEdit(objectName="train-labels")
        self.labels.setPlaceholderText(tr_("every label with accepted spans"))
        self.annotators = QLineEdit(objectName="train-annotators")
        self.annotators.setPlaceholderText(tr_("gold, else everyone"))
        self.retrain = QSpinBox(objectName="train-retrain-every")
        self.retrain.setRange(0, 10_000)
        self.retrain.setSpecialValueText(tr_("never"))
        self.retrain.setSuffix(tr_(" accepted spans"))
        self.retrain.setValue(training.retrain_every(project))
        self.retrain.valueChanged.connect(self._set_retrain)

        form = QFormLayout()
        form.addRow(tr_("Start from"), self.base)
        form.addRow(tr_("Labels"), self.labels)
        form.addRow(tr_("Annotators"), self.annotators)
        form.addRow(tr_("Retrain after every"), self.retrain)

        self.progress = QProgressBar(objectName="train-progress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel(objectName="train-status")
        self.status.setWordWrap(True)
        self.scores = QTableWidget(0, 6, objectName="train-scores")
        self.scores.setHorizontalHeaderLabels([tr_(title) for title in SCORE_COLUMNS])
        self.scores.verticalHeader().hide()
        self.scores.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

        self.start_button = QPushButton(tr_("&Train"), objectName="train-start")
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(tr_("&Cancel training"), objectName="train-cancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(self.start_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        row.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.scores)
        layout.addLayout(row)
        self.resize(560, 420)
        self._fill_bases()
        self.show_model(training.current_model(project.path))
        controller.trainingStarted.connect(self._started)
        controller.trainingProgress.connect(self._progressed)
        controller.trainingFinished.connect(self._finished)
        controller.trainingFailed.connect(self._failed)
        controller.trainingCancelled.connect(self._cancelled)

    def _fill_bases(self) -> None:
        from annotator.core.suggest.grammar import PIPELINES
        from annotator.core.suggest.ner import model_installed

        try:
            default = training.default_base(self.controller.project)
        except StoreError:
            default = "blank:fr"
        choices = [default]
        for names in PIPELINES.values():
            choices += [name for name in names if model_installed(name)]
        choices += ["blank:fr", "blank:en"]
        self.base.addItems(list(dict.fromkeys(choices)))

    def _set_retrain(self, value: int) -> None:
        try:
            self.controller.project.set_setting(training.RETRAIN_SETTING, str(int(value)))
        except EnvironmentFault as fault:
            self.controller.window.report_fault(fault)

    @staticmethod
    def _names(field: QLineEdit) -> list[str] | None:
        names = [n.strip() for n in field.text().replace(";", ",").replace(" ", ",").split(",") if n.strip()]
        return names or None

    def start(self) -> bool:
        """Start a training with the dialog's choices; False (with the reason shown) if it cannot start."""
        return self.controller.start_training(
            labels=self._names(self.labels),
            annotators=self._names(self.annotators),
            base=self.base.currentText().strip() or None,
        )

    def cancel(self) -> None:
        self.controller.cancel_training()
        self.status.setText(tr_("Cancelling…"))

    def show_model(self, model: training.TrainedModel | None) -> None:
        """Show a model's held-out scores (or say there is none)."""
        self.scores.setRowCount(0)
        if model is None:
            self.status.setText(tr_("No model trained yet for this project."))
            return
        meta = model.meta
        rows = [*meta.get("scores", {}).values(), meta.get("overall", {})]
        self.scores.setRowCount(len(rows))
        for r, score in enumerate(rows):
            cells = [
                tr_("overall") if score.get("label") == "overall" else str(score.get("label", "")),
                *(_number(score.get(key)) for key in ("precision", "recall", "f1")),
                str(score.get("support", "")),
                str(score.get("predicted", "")),
            ]
            for c, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.scores.setItem(r, c, item)
        self.scores.resizeColumnsToContents()
        texts = meta.get("texts", {})
        self.status.setText(
            tr_("Model {name}: base {base}, {learnt}, {held} held out; scores on the held-out sentences.").format(
                name=model.name,
                base=meta.get("base"),
                learnt=trn_("%n sentence(s) learnt", "", int(texts.get("train", 0))),
                held=texts.get("eval", 0),
            )
        )

    def _started(self, what: str) -> None:
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.status.setText(what)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.status.setText(tr_("Training: epoch {done} of {total}…").format(done=done, total=total))

    def _idle(self) -> None:
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)

    def _finished(self, model: training.TrainedModel) -> None:
        self._idle()
        self.progress.setValue(1)
        self.show_model(model)

    def _failed(self, message: str) -> None:
        self._idle()
        self.progress.setValue(0)
        self.status.setText(
            tr_("Training failed: {error}. The previous model, if any, is still in use.").format(error=message)
        )

    def _cancelled(self) -> None:
        self._idle()
        self.progress.setValue(0)
        self.status.setText(tr_("Training cancelled. The previous model, if any, is still in use."))


SCORE_COLUMNS = (
    QT_TR_NOOP("label"),
    QT_TR_NOOP("precision"),
    QT_TR_NOOP("recall"),
    QT_TR_NOOP("F1"),
    QT_TR_NOOP("gold"),
    QT_TR_NOOP("predicted"),
)


def useful_reason(found: training.UsefulDocument) -> str:
    """Why a document is the next most useful, in the window's language: “title”: how unsure the model is."""
    how = found.uncertainty
    if not how.unsure:
        why = tr_("the model is least sure here (uncertainty {value})").format(value=f"{how.value:.3f}")
    else:
        why = trn_(
            "the model is unsure about %n span(s) here (confidence {low}–{high}; uncertainty {value})", "", how.unsure
        )
        why = why.format(low=f"{how.lowest:.3f}", high=f"{how.highest:.3f}", value=f"{how.value:.3f}")
    return tr_("“{title}”: {why}").format(title=found.title, why=why)


def _number(value: Any) -> str:
    return "–" if value is None else f"{float(value):.3f}"


class TrainingController(QObject):
    """The Tools menu actions of the learning suggester for one window (see the module's docstring)."""

    trainingStarted = Signal(str)
    trainingProgress = Signal(int, int)
    trainingFinished = Signal(object)  # TrainedModel
    trainingFailed = Signal(str)
    trainingCancelled = Signal()
    suggestFinished = Signal(object)  # SuggestReport, or None
    usefulFound = Signal(object)  # UsefulDocument, or None

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName(CONTROLLER_NAME)
        wait_at_close(window, lambda: self.wait(WINDOW_CLOSE_WAIT_MS / 1000))  # seconds: done before closing
        self.window = window
        self.project: Project = window.project
        self.dialog: TrainDialog | None = None
        self.job: BackgroundJob | None = None  # the training running, if any
        self.helpers: set[BackgroundJob] = set()  # suggestion and ranking jobs
        self.retrain_delay_ms = 3000
        self._retrain_timer = QTimer(self)
        self._retrain_timer.setSingleShot(True)
        self._retrain_timer.timeout.connect(self.retrain_if_due)

        menu = window.menu("&Tools")
        menu.addSeparator()
        self.train_action = self._action(
            "train", tr_("&Train suggester…"), tr_("Learn a suggester from the accepted spans")
        )
        self.train_action.triggered.connect(lambda _checked=False: self.show_dialog())
        self.suggest_action = self._action(
            "suggest", tr_("Suggest from &model"), tr_("Propose spans with the model trained on this project")
        )
        self.suggest_action.triggered.connect(lambda _checked=False: self.suggest_from_model())
        for action in (self.train_action, self.suggest_action):
            menu.addAction(action)
        # Declared in annotator.ui.actions (its key is listed in Help and the README).
        self.useful_action = window.add_action("next-useful-document", self.next_useful_document)
        window.signals.changed.connect(self._on_change)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.shutdown()  # the project closes with the window: a running training is stopped
        return False

    def _action(self, key: str, text: str, tip: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(ACTION_NAMES[key])
        action.setStatusTip(tip)
        action.setToolTip(tip)
        return action

    def _gone(self) -> bool:
        return not shiboken6.isValid(self) or not shiboken6.isValid(self.window)

    # -- training ----------------------------------------------------------------------------

    def show_dialog(self) -> TrainDialog:
        """Tools → Train suggester… (non-blocking)."""
        if self.dialog is None or not shiboken6.isValid(self.dialog):
            self.dialog = TrainDialog(self)
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def training(self) -> bool:
        """Whether a training is running."""
        return self.job is not None and self.job.running()

    def start_training(
        self,
        labels: list[str] | None = None,
        annotators: list[str] | None = None,
        base: str | None = None,
        *,
        quiet: bool = False,
    ) -> bool:
        """Read the training data here, then train on a background thread; False if it cannot start."""
        if self.training():
            self._say(tr_("A training is already running"), quiet)
            return False
        try:
            job = training.prepare(self.project, labels, annotators, base)
        except (spanmodel.TrainingError, spanmodel.TrainingUnavailable, StoreError) as exc:
            self._say(tr_("Cannot train a suggester: {error}").format(error=exc), quiet)
            self.trainingFailed.emit(str(exc))
            return False
        background = BackgroundJob(lambda progress, cancel: training.run(job, progress=progress, cancel=cancel), self)
        background.progressed.connect(self.trainingProgress)
        background.finished.connect(lambda model: self._trained(background, model, quiet))
        background.failed.connect(lambda message: self._training_failed(background, message, quiet))
        background.cancelled.connect(lambda: self._training_cancelled(background))
        self.job = background
        what = tr_("Training on {sentences} of {documents} ({labels}; base {base})…").format(
            sentences=trn_("%n sentence(s)", "", len(job.texts)),
            documents=trn_("%n document(s)", "", job.documents),
            labels=", ".join(job.labels),
            base=job.base,
        )
        self.trainingStarted.emit(what)
        if not quiet:
            self.window.show_message(what, 0)
        background.start()
        return True

    def cancel_training(self) -> None:
        """Ask the running training to stop; the previous model stays."""
        if self.job is not None:
            self.job.cancel()

    def _done(self, background: BackgroundJob) -> bool:
        if self.job is background:
            self.job = None
        background.deleteLater()
        return not self._gone()

    def _trained(self, background: BackgroundJob, model: training.TrainedModel, quiet: bool) -> None:
        if not self._done(background):
            return
        overall = model.meta.get("overall", {}).get("f1")
        f1 = "–" if overall is None else f"{overall:.3f}"
        said = (
            tr_("Retrained suggester {name}: held-out F1 {f1}. Tools → Suggest from model proposes spans with it.")
            if quiet
            else tr_("Trained suggester {name}: held-out F1 {f1}. Tools → Suggest from model proposes spans with it.")
        )
        self.window.show_message(said.format(name=model.name, f1=f1))
        self.trainingFinished.emit(model)

    def _training_failed(self, background: BackgroundJob, message: str, quiet: bool) -> None:
        if not self._done(background):
            return
        self._say(tr_("Training failed: {error}").format(error=message), quiet)
        if not quiet and (self.dialog is None or not self.dialog.isVisible()):
            self.window.inform(
                tr_("Train suggester"), tr_("Training failed: {error}").format(error=message), icon="warning"
            )
        self.trainingFailed.emit(message)

    def _training_cancelled(self, background: BackgroundJob) -> None:
        if not self._done(background):
            return
        self.window.show_message(tr_("Training cancelled; the previous model is kept"))
        self.trainingCancelled.emit()

    def _say(self, text: str, quiet: bool) -> None:
        if not self._gone():
            self.window.show_message(text)
        if not quiet and self.dialog is not None and shiboken6.isValid(self.dialog) and self.dialog.isVisible():
            self.dialog.status.setText(text)

    # -- retraining while annotating -----------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if change.kind in RETRAIN_CHANGES and training.retrain_every(self.project):
            self._retrain_timer.start(self.retrain_delay_ms)

    def retrain_if_due(self) -> bool:
        """Start a quiet background training if enough spans were accepted since the last one."""
        if self._gone() or self.training():
            return False
        try:
            if not training.retrain_due(self.project):
                return False
        except StoreError:
            return False
        return self.start_training(quiet=True)

    # -- using the model ------------------------------------------------------------------------

    def _helper(self, work: Callable[[], Any], done: Callable[[Any], None], failed: Callable[[str], None]) -> None:
        background = BackgroundJob(lambda progress, cancel: work(), self)
        self.helpers.add(background)

        def finish(result: Any) -> None:
            self.helpers.discard(background)
            background.deleteLater()
            if not self._gone():
                done(result)

        def fail(message: str) -> None:
            self.helpers.discard(background)
            background.deleteLater()
            if not self._gone():
                failed(message)

        background.finished.connect(finish)
        background.failed.connect(fail)
        background.start()

    def suggest_from_model(self) -> bool:
        """Propose spans with the trained model in every document (worker thread, then one undo step)."""
        try:
            model = training.current_model(self.project.path)
            texts = {doc_id: self.project.document_text(doc_id) for doc_id in self.project.document_ids()}
        except StoreError as exc:
            self.window.show_message(tr_("Cannot read the project: {error}").format(error=exc))
            return False
        if model is None:
            self.window.show_message(tr_("No model yet: Tools → Train suggester… learns one from the accepted spans"))
            self.suggestFinished.emit(None)
            return False
        self.suggest_action.setEnabled(False)
        self.window.show_message(
            trn_("Suggesting with model {name} in %n document(s)…", "", len(texts)).format(name=model.name), 0
        )

        def work() -> tuple[str, Scores, list[tuple[str, int, Any]]]:
            _, nlp = training.load_model(self.project.path)
            from annotator.core.suggest import Candidate

            scores: Scores = {}
            wanted = []
            for doc_id, spans in training.predict_texts(nlp, texts).items():
                for start, end, label, p in spans:
                    wanted.append(("model", doc_id, Candidate(start, end, label)))
                    scores[(doc_id, start, end, label)] = p
            return model.name, scores, wanted

        self._helper(work, lambda result: self._store_model_suggestions(len(texts), *result), self._suggest_failed)
        return True

    def _store_model_suggestions(self, documents: int, name: str, scores: Scores, wanted: list) -> None:
        from annotator.ui.views.suggestions import SuggestCommand

        self.suggest_action.setEnabled(True)
        present = set(self.project.document_ids())
        wanted = [item for item in wanted if item[1] in present]
        command = SuggestCommand(
            self.project,
            tr_("Suggest from model"),
            lambda: store_suggestions(
                self.project,
                wanted,
                annotator=self.window.annotator,
                sources=["model"],
                documents=documents,
                scores=scores,
                model=name,
            ),
        )
        report = command.report if self.window.run_command(command) else None
        if report is not None:
            self.window.show_message(
                tr_("{summary}. Enter accepts, Backspace rejects.").format(summary=suggest_summary(report))
                if report.total
                else nothing_new(report)
            )
        self.suggestFinished.emit(report)

    def _suggest_failed(self, message: str) -> None:
        self.suggest_action.setEnabled(True)
        self.window.show_message(tr_("Suggestions from the model failed: {error}").format(error=message))
        self.suggestFinished.emit(None)

    def next_useful_document(self) -> bool:
        """Rank the unannotated documents by the model's uncertainty (worker thread) and open the first."""
        try:
            model = training.current_model(self.project.path)
            documents = training.unannotated_documents(self.project)
        except StoreError as exc:
            self.window.show_message(tr_("Cannot read the project: {error}").format(error=exc))
            return False
        if model is None:
            self.window.show_message(tr_("No model yet: Tools → Train suggester… learns one from the accepted spans"))
            self.usefulFound.emit(None)
            return False
        if not documents:
            self.window.show_message(tr_("Every document is annotated or marked done"))
            self.usefulFound.emit(None)
            return False
        self.useful_action.setEnabled(False)
        self.window.show_message(
            trn_("Looking for the most useful of %n unannotated document(s)…", "", len(documents)), 0
        )

        def work() -> training.UsefulDocument | None:
            _, nlp = training.load_model(self.project.path)
            return training.most_useful(nlp, documents)

        self._helper(work, self._open_useful, self._useful_failed)
        return True

    def _open_useful(self, found: training.UsefulDocument | None) -> None:
        self.useful_action.setEnabled(True)
        if found is not None and self.window.open_document(found.document_id):
            self.window.show_message(tr_("Next most useful document: {reason}").format(reason=useful_reason(found)), 0)
        self.usefulFound.emit(found)

    def _useful_failed(self, message: str) -> None:
        self.useful_action.setEnabled(True)
        self.window.show_message(tr_("Cannot rank the documents: {error}").format(error=message))
        self.usefulFound.emit(None)

    # -- tests and closing ------------------------------------------------------------------------

    def wait(self, timeout: float = 60.0) -> bool:
        """Wait for the background threads (tests, closing); True if none is left running."""
        jobs = [j for j in [self.job, *self.helpers] if j is not None]
        for job in jobs:
            job.thread.join(timeout)
        return not any(job.running() for job in jobs)

    def shutdown(self) -> None:
        """Stop a running training (its results are dropped; the previous model stays)."""
        self._retrain_timer.stop()
        if self.job is not None and shiboken6.isValid(self.job):
            self.job.cancel()


def install(window: MainWindow) -> QWidget | None:
    """Add the learning-suggester actions to the Tools menu."""
    TrainingController(window)
    return None
