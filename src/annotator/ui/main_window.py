"""The main window: document list, reader, span table, label bar, menus, and the plug-in views.

One window shows one project. Every edit goes through ``run_command`` (an undo command from
``annotator.ui.commands`` pushed on the window's QUndoStack): a refused edit (disk full,
read-only file, busy database) is explained, with an offer to save a copy elsewhere, and the
window keeps running; everything stored before stays stored.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import pkgutil
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QEventLoop, QObject, QSignalBlocker, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Span, ValidationError
from annotator.formats.documents import DOCUMENT_SUFFIXES
from annotator.importing import SET_SUFFIXES, ImportReport
from annotator.store.backup import backup_project
from annotator.store.errors import (
    DatabaseBusy,
    DiskFull,
    EnvironmentFault,
    LinkNotFound,
    NewerSchema,
    NotADatabase,
    NotFound,
    ProjectFileGone,
    ReadOnlyDatabase,
    SpanNotFound,
    StoreError,
)
from annotator.store.project import RELOAD_KINDS, Change, ChangeKind, Project, default_annotator
from annotator.ui import accessibility, appearance, i18n
from annotator.ui.app import app_settings
from annotator.ui.commands import (
    DeleteDocumentCommand,
    DeleteSpansCommand,
    ProjectCommand,
    UpdateDocumentCommand,
    push_command,
)
from annotator.ui.find_bar import FindBar
from annotator.ui.i18n import tr_
from annotator.ui.import_job import ImportJob
from annotator.ui.models import (
    AnnotationTableModel,
    DocumentCounts,
    DocumentListModel,
    histogram_width,
    spans_phrase,
    suggestions_phrase,
)
from annotator.ui.panels.annotation_panel import AnnotationPanel
from annotator.ui.panels.document_list import DocumentListPanel
from annotator.ui.panels.label_bar import LabelBar
from annotator.ui.panels.search_results import (
    SearchResultDelegate,
    SearchResultList,
    snippet_html,
    snippet_occurrence,
)
from annotator.ui.plain_text import make_plain, plain_label, tooltip, window_title
from annotator.ui.signals import ProjectSignals

log = logging.getLogger(__name__)

SAVE_COPY = "Save a copy elsewhere…"
SPAN_GONE = "Not done: this span was deleted elsewhere"
LINK_GONE = "Not done: this link was deleted elsewhere"
RECENT_KEY = "recent/projects"
RECENT_MAX = 10
ZOOM_KEY = "view/zoom"
ZOOM_RANGE = (-6, 24)
VIEWS_HEIGHT = 230
PARALLEL_COUNT_LENGTH = 400_000  # code points from which opening counts the spans on a second connection
VIEWS_MIN_HEIGHT = 150
IMPORT_PROGRESS_DELAY_MS = 400
PROJECT_FILTER = "Annotator projects (*.db *.sqlite *.annotator);;All files (*)"
IMPORT_FILTER = (
    f"Documents and annotation sets ({' '.join(f'*{s}' for s in (*DOCUMENT_SUFFIXES, *SET_SUFFIXES))});;All files (*)"
)

# Windows opened from File → Open/New stay alive here until they are closed.
_OPEN_WINDOWS: list[MainWindow] = []


def fault_headline(fault: EnvironmentFault) -> str:
    """A one-line name for an environment fault, for the title of its message."""
    if isinstance(fault, DiskFull):
        return "The disk is full"
    if isinstance(fault, ReadOnlyDatabase):
        return "The project file is read-only"
    if isinstance(fault, DatabaseBusy):
        return "The project is busy: another program is holding it"
    if isinstance(fault, NotADatabase):
        return "The project file is damaged or is not a project"
    if isinstance(fault, NewerSchema):
        return "The project was written by a newer version of annotator"
    if isinstance(fault, ProjectFileGone):
        return "The project file was moved, deleted or replaced"
    return "The project file cannot be written"


def _recent_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _noop() -> None:
    return None


def _name_action(action: QAction, verb: str, what: str) -> None:
    """Name the undo or redo action after the edit (a title may be in it): its ``&`` shown as written, its
    tooltip plain text."""
    action.setText(f"{verb} {what.replace('&', '&&')}".strip())
    action.setToolTip(tooltip(f"{verb.replace('&', '')} {what}".strip()))


def _reader_class() -> type:
    from annotator.ui.reader import ReaderView

    return ReaderView


class MainWindow(QMainWindow):
    """The annotator window on one project file (created, with the default labels, if it does not exist)."""

    documentOpened = Signal(int)

    def __init__(
        self,
        db_path: str | Path,
        annotator: str | None = None,
        *,
        poll_interval_ms: int = 1500,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("main-window")
        self.settings = app_settings()
        i18n.apply_saved(self.settings)  # the window speaks the system's (or the chosen) language
        self.project = Project(db_path)
        try:
            self._build(annotator, poll_interval_ms)
        except BaseException:
            self.project.close()
            raise

    # -- construction ----------------------------------------------------------------------------

    def _build(self, annotator: str | None, poll_interval_ms: int) -> None:
        stored_name = str(self.settings.value("annotator/name", "") or "").strip()
        self.annotator: str = annotator or stored_name or default_annotator()
        self.poll_interval_ms = poll_interval_ms
        self.signals = ProjectSignals(self.project, self)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undo-stack")
        self.document_model = DocumentListModel(self.project, self)
        self.annotation_model = AnnotationTableModel(self.project, self)
        self.counts = DocumentCounts(self.project, self)
        self.plugin_errors: list[str] = []
        self._menus: dict[str, QMenu] = {}
        self._current_document: int | None = None
        self._closed = False
        self._saved_ok = True
        self.zoom_level = 0
        self.import_job: ImportJob | None = None

        self._build_widgets()
        self._build_menus()
        appearance.install(self)
        self._build_status_bar()
        self.signals.changed.connect(self._on_change)
        self.reader.selectedSpanChanged.connect(self._span_selected_in_reader)
        self.reader.spanGone.connect(self.span_gone)

        self.poll_timer = QTimer(self)
        self.poll_timer.setObjectName("external-change-timer")
        self.poll_timer.timeout.connect(self.poll_external_changes)
        if poll_interval_ms > 0:
            self.poll_timer.start(poll_interval_ms)

        self.setAcceptDrops(True)
        self.reader.viewport().installEventFilter(self)
        self._restore_layout()
        self.add_recent_project(self.project.path)
        self._update_title()
        self._update_status()

        first = self._initial_document()
        if first is not None:
            self.open_document(first)
        self._install_views()
        accessibility.name_widgets(self)
        self.reader.setFocus()  # label hotkeys work from the start
        if self.project.read_only:
            self.show_message(
                f"{self.project.path.name} is read-only: you can read it, but edits cannot be saved. "
                "File → Backup copy makes a copy you can work on.",
                0,
            )
        elif self.project.migration_backup is not None:
            self.show_message(f"Project upgraded; the file as it was is kept in {self.project.migration_backup}", 0)
        warning = self.project.safe_mode_warning
        if warning is not None:
            # A project on a network share: say so for as long as it is open, and why, once in full.
            indicator = plain_label("⚠ Network share: safe mode", self, name="safe-mode-indicator")
            indicator.setToolTip(tooltip(warning))
            self.statusBar().addPermanentWidget(indicator)
            if not self.project.read_only and self.project.migration_backup is None:
                self.show_message(warning, 0)

    def _build_widgets(self) -> None:
        # Left: filter box, document list, project-wide search results.
        self.document_panel = DocumentListPanel(self.document_model, self)
        self.document_panel.documentChosen.connect(self.open_document)
        self.search_results = SearchResultList(self)
        self.search_results.itemActivated.connect(self._open_search_result)
        self.search_results.itemClicked.connect(self._open_search_result)
        self.search_heading = plain_label("", self, name="panel-heading")
        left = QWidget(self)
        left.setObjectName("left-panel")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(10, 10, 6, 10)
        left_layout.setSpacing(6)
        documents_heading = plain_label(tr_("Documents"), left, name="panel-heading")
        left_layout.addWidget(documents_heading)
        left_layout.addWidget(self.document_panel, 3)
        left_layout.addWidget(self.search_heading)
        left_layout.addWidget(self.search_results, 2)
        self.search_heading.hide()
        self.search_results.hide()

        # Centre: label bar, find bar, reader.
        reader_class = _reader_class()
        self.reader = reader_class(self.project, self.signals, self.undo_stack, self.annotator, self)
        self.reader.setObjectName("reader")
        self.reader.command_runner = self.run_command
        self.label_bar = LabelBar(self)
        self.label_bar.labelClicked.connect(self.tag_with_label)
        self.label_bar.set_labels(self.project.labels(include_retired=False))
        self.find_bar = FindBar(self.reader, self)
        centre = QWidget(self)
        centre.setObjectName("centre-panel")
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(6, 10, 6, 6)
        centre_layout.setSpacing(8)
        centre_layout.addWidget(self.label_bar)
        centre_layout.addWidget(self.find_bar)
        centre_layout.addWidget(self.reader, 1)

        # Right: the span table.
        self.annotation_panel = AnnotationPanel(self.annotation_model, self)
        self.annotation_table = self.annotation_panel.table
        self.annotation_table.spanActivated.connect(self.select_span)
        self.annotation_table.spanDeleteRequested.connect(self.delete_span)
        self.annotation_table.suggestionReviewed.connect(self.review_suggestion)
        right = QWidget(self)
        right.setObjectName("right-panel")
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 10, 10, 10)
        right_layout.addWidget(self.annotation_panel)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main-splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([250, 690, 460])
        # The reader's page, and the workspaces (main views the analyst switches to) as further pages.
        self.central_stack = QStackedWidget(self)
        self.central_stack.setObjectName("central-stack")
        self.central_stack.addWidget(self.splitter)
        self.setCentralWidget(self.central_stack)
        self._workspace_actions: dict[QWidget, QAction] = {}
        self._views_shown_in_reader = False

        # Plug-in views: tabs in a dock at the bottom, shown once a view is added.
        self.view_tabs = QTabWidget(self)
        self.view_tabs.setObjectName("view-tabs")
        self.view_tabs.setDocumentMode(True)
        self.view_dock = QDockWidget(tr_("Views"), self)
        self.view_dock.setObjectName("views-dock")
        self.view_dock.setWidget(self.view_tabs)
        self.view_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.view_dock)
        self.view_dock.hide()

        # Toolbar: a few everyday actions and the project-wide search box.
        self.toolbar = QToolBar(tr_("Main"), self)
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("search-box")
        self.search_box.setPlaceholderText(tr_("Search all documents  (Ctrl+Shift+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMaximumWidth(360)
        self.search_box.setMinimumWidth(220)
        self.search_box.returnPressed.connect(lambda: self.run_search(self.search_box.text()))
        self.search_box.textChanged.connect(self._search_text_changed)
        self.search_box.installEventFilter(self)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(250)
        self.search_timer.timeout.connect(lambda: self.run_search(self.search_box.text()))

    def _action(
        self,
        name: str,
        text: str,
        slot: Any,
        shortcut: str | QKeySequence.StandardKey | Sequence[str] | None = None,
        *,
        tip: str = "",
        checkable: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(f"action-{name}")
        if shortcut is not None:
            if isinstance(shortcut, QKeySequence.StandardKey):
                action.setShortcuts(shortcut)
            elif isinstance(shortcut, str):
                action.setShortcut(QKeySequence(shortcut))
            else:
                action.setShortcuts([QKeySequence(s) for s in shortcut])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.setCheckable(checkable)
        action.triggered.connect(lambda checked=False: slot())
        self.addAction(action)  # window-wide shortcuts, also with the menu bar hidden
        return action

    def _build_menus(self) -> None:
        file_menu = self.menu("&File")
        self.action_new = self._action("new-project", tr_("&New project…"), self.new_project, "Ctrl+N")
        self.action_open = self._action("open-project", tr_("&Open project…"), self.open_project, "Ctrl+O")
        self.recent_menu = QMenu(tr_("Open &recent"), self)
        self.recent_menu.setObjectName("menu-recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.action_import = self._action(
            "import",
            tr_("&Import files…"),
            self.import_files_dialog,
            "Ctrl+I",
            tip=tr_("Import documents or annotation sets"),
        )
        self.action_import_folder = self._action(
            "import-folder", tr_("Import &folder…"), self.import_folder_dialog, "Ctrl+Shift+I"
        )
        self.action_export = self._action("export", tr_("&Export…"), self.export_dialog, "Ctrl+E")
        self.action_backup = self._action("backup", tr_("&Backup copy…"), self.backup_copy_dialog)
        self.action_quit = self._action("quit", tr_("&Quit"), self.close, "Ctrl+Q")
        file_menu.addActions([self.action_new, self.action_open])
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.action_import, self.action_import_folder, self.action_export])
        file_menu.addSeparator()
        file_menu.addAction(self.action_backup)
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)

        edit_menu = self.menu("&Edit")
        self.action_undo = self._action("undo", tr_("&Undo"), self.undo, "Ctrl+Z")
        self.action_redo = self._action("redo", tr_("&Redo"), self.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
        self.undo_stack.canUndoChanged.connect(self.action_undo.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.action_redo.setEnabled)
        self.undo_stack.undoTextChanged.connect(lambda text: _name_action(self.action_undo, tr_("&Undo"), text))
        self.undo_stack.redoTextChanged.connect(lambda text: _name_action(self.action_redo, tr_("&Redo"), text))
        self.action_undo.setEnabled(False)
        self.action_redo.setEnabled(False)
        self.action_search = self._action(
            "search", tr_("Search all documents"), self.focus_search, "Ctrl+Shift+F", tip=tr_("Full-text search")
        )
        self.action_preferences = self._action("preferences", tr_("&Preferences…"), self.show_preferences, "Ctrl+,")
        edit_menu.addActions([self.action_undo, self.action_redo])
        edit_menu.addSeparator()
        edit_menu.addAction(self.action_search)
        edit_menu.addSeparator()
        edit_menu.addAction(self.action_preferences)

        document_menu = self.menu("&Document")
        self.action_rename = self._action("rename-document", tr_("&Rename…"), self.rename_document, "F2")
        self.action_delete = self._action("delete-document", tr_("&Delete…"), self.delete_document)
        self.action_done = self._action(
            "mark-done",
            tr_("Mark &done"),
            self.toggle_done,
            "Ctrl+D",
            checkable=True,
            tip=tr_("Mark the document done"),
        )
        self.action_next_document = self._action(
            "next-document", tr_("&Next document"), self.next_document, "Ctrl+PgDown"
        )
        self.action_previous_document = self._action(
            "previous-document", tr_("&Previous document"), self.previous_document, "Ctrl+PgUp"
        )
        self.action_next_span = self._action("next-span", tr_("Next &span"), self.next_span, "Alt+Down")
        self.action_previous_span = self._action("previous-span", tr_("Previous s&pan"), self.previous_span, "Alt+Up")
        document_menu.addActions([self.action_rename, self.action_done, self.action_delete])
        document_menu.addSeparator()
        document_menu.addActions([self.action_next_document, self.action_previous_document])
        document_menu.addActions([self.action_next_span, self.action_previous_span])
        document_menu.addSeparator()

        view_menu = self.menu("&View")
        self.action_zoom_in = self._action("zoom-in", tr_("Zoom &in"), self.zoom_in, ["Ctrl++", "Ctrl+="])
        self.action_zoom_out = self._action("zoom-out", tr_("Zoom &out"), self.zoom_out, "Ctrl+-")
        self.action_zoom_reset = self._action("zoom-reset", tr_("&Actual size"), lambda: self.set_zoom(0), "Ctrl+0")
        view_menu.addActions([self.action_zoom_in, self.action_zoom_out, self.action_zoom_reset])
        view_menu.addSeparator()
        spans_menu = view_menu.addMenu(tr_("Show spans &of"))
        spans_menu.setObjectName("menu-show-spans")
        self.filter_group = QActionGroup(self)
        self.action_show_all = self._action("show-all", tr_("&Everyone"), lambda: self.set_annotator_filter("all"))
        self.action_show_mine = self._action("show-mine", tr_("&Mine"), lambda: self.set_annotator_filter("mine"))
        self.action_show_one = self._action("show-one", tr_("&One annotator…"), self.choose_annotator_filter)
        for action in (self.action_show_all, self.action_show_mine, self.action_show_one):
            action.setCheckable(True)
            self.filter_group.addAction(action)
            spans_menu.addAction(action)
        self.action_show_all.setChecked(True)
        view_menu.addSeparator()
        self.action_find = self._action("find", tr_("&Find in document…"), self.find_bar.open_bar, "Ctrl+F")
        self.action_find_next = self._action("find-next", tr_("Find next"), self.find_bar.find_next, "F3")
        self.action_find_previous = self._action(
            "find-previous", tr_("Find previous"), self.find_bar.find_previous, "Shift+F3"
        )
        view_menu.addActions([self.action_find, self.action_find_next, self.action_find_previous])
        view_menu.addSeparator()
        self.action_next_pane = self._action("next-pane", tr_("Next &pane"), lambda: self.cycle_focus(1), "F6")
        self.action_previous_pane = self._action(
            "previous-pane", tr_("Previous pa&ne"), lambda: self.cycle_focus(-1), "Shift+F6"
        )
        view_menu.addActions([self.action_next_pane, self.action_previous_pane])
        self.workspace_group = QActionGroup(self)
        self.action_show_reader = self._action(
            "show-reader", tr_("&Reader"), self.show_reader, "Ctrl+1", checkable=True
        )
        self.workspace_group.addAction(self.action_show_reader)
        self.action_show_reader.setChecked(True)
        view_menu.addSeparator()
        view_menu.addAction(self.action_show_reader)
        self._workspace_menu_anchor = view_menu.addSeparator()
        views_toggle = self.view_dock.toggleViewAction()
        views_toggle.setObjectName("action-toggle-views")
        views_toggle.setText(tr_("&Views panel"))
        views_toggle.setShortcut(QKeySequence("Ctrl+Alt+V"))  # Ctrl+Shift+V pastes a new document
        view_menu.addAction(views_toggle)

        help_menu = self.menu("&Help")
        self.action_shortcuts = self._action("shortcuts", tr_("&Keyboard shortcuts"), self.show_shortcuts, "F1")
        self.action_about = self._action("about", tr_("&About annotator"), self.show_about)
        help_menu.addActions([self.action_shortcuts, self.action_about])

        self.toolbar.addAction(self.action_import)
        # Short, fixed texts in the toolbar (the menu says what would be undone).
        for name, menu_action, slot in (("undo", self.action_undo, self.undo), ("redo", self.action_redo, self.redo)):
            button = QAction(tr_("Undo") if name == "undo" else tr_("Redo"), self)
            button.setObjectName(f"toolbar-{name}")
            button.setEnabled(False)
            button.triggered.connect(lambda _checked=False, run=slot: run())
            menu_action.enabledChanged.connect(button.setEnabled)
            # The menu action's tooltip names what would be undone ("Rename “<title>”"), as plain text.
            menu_action.changed.connect(lambda b=button, a=menu_action: b.setToolTip(a.toolTip()))
            self.toolbar.addAction(button)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.action_done)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addWidget(self.search_box)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setObjectName("status-bar")
        # Plain text: a document title is whatever its author wrote (an <img src> there is not an image).
        self.status_document = plain_label("", self, name="status-document")
        self.status_spans = plain_label("", self, name="status-spans")
        self.status_saved = plain_label("", self, name="status-saved")
        bar.addPermanentWidget(self.status_document)
        bar.addPermanentWidget(self.status_spans)
        bar.addPermanentWidget(self.status_saved)

    def _install_views(self) -> None:
        """Call ``install(window)`` of every plug-in view module; a broken one is reported, never fatal."""
        from annotator.ui import views

        try:
            modules = views.view_modules()
        except Exception:  # one module fails to import: load the others one by one
            log.exception("loading the plug-in views")
            modules = []
            for info in pkgutil.iter_modules(views.__path__):
                if info.name.startswith("_"):
                    continue
                name = f"{views.__name__}.{info.name}"
                try:
                    module = importlib.import_module(name)
                except Exception as exc:
                    self._plugin_failed(info.name, exc)
                    continue
                if hasattr(module, "install"):
                    modules.append(module)
            modules.sort(key=lambda m: (getattr(m, "ORDER", 100), m.__name__))
        for module in modules:
            try:
                module.install(self)
            except Exception as exc:
                self._plugin_failed(module.__name__.rsplit(".", 1)[-1], exc)
        if self.view_tabs.count():
            self.view_tabs.setCurrentIndex(0)

    def _plugin_failed(self, name: str, exc: BaseException) -> None:
        log.exception("the %s view could not be installed", name, exc_info=exc)
        message = f"The {name} view could not be loaded: {exc}"
        self.plugin_errors.append(message)
        self.show_message(message)

    # -- public API for views and tests ------------------------------------------------------------

    def menu(self, name: str) -> QMenu:
        """The menu called ``name`` ("&File", "&Tools", …), created (before Help) if needed."""
        key = name.replace("&", "").strip().lower()
        existing = self._menus.get(key)
        if existing is not None:
            return existing
        shown = tr_(name)  # the key stays the English name: views find menus by it
        created = QMenu(shown if "&" in shown else f"&{shown}", self)
        created.setObjectName(f"menu-{key}")
        help_menu = self._menus.get("help")
        if help_menu is not None:
            self.menuBar().insertMenu(help_menu.menuAction(), created)
        else:
            self.menuBar().addMenu(created)
        self._menus[key] = created
        return created

    def add_view(self, widget: QWidget, title: str) -> int:
        """Add ``widget`` as a tab of the views panel; returns its tab index."""
        # A view may ask for a tall minimum (charts, forms); it must not push the reader aside, so the views
        # panel can be made as short as a strip and the view scrolls or squeezes inside it.
        if widget.minimumSizeHint().height() > VIEWS_MIN_HEIGHT and widget.minimumHeight() == 0:
            widget.setMinimumHeight(VIEWS_MIN_HEIGHT)
        index = self.view_tabs.addTab(widget, title)
        if not self.view_dock.isVisible() and not self.settings.value("window/views-hidden", False, type=bool):
            self.view_dock.show()
            if not self._layout_restored:
                # The reader stays the main thing: the views start as a strip under it.
                self.resizeDocks([self.view_dock], [VIEWS_HEIGHT], Qt.Orientation.Vertical)
        return index

    def show_view(self, widget: QWidget) -> None:
        """Bring the views panel forward on ``widget``'s tab (back in the reader), or show the workspace
        that holds ``widget``."""
        index = self.view_tabs.indexOf(widget)
        if index >= 0:
            self.show_reader()
            self.view_dock.show()
            self.view_dock.raise_()
            self.view_tabs.setCurrentIndex(index)
            return
        for workspace in self._workspace_actions:
            if workspace is widget or workspace.isAncestorOf(widget):
                self.show_workspace(workspace)
                return

    def add_workspace(self, widget: QWidget, title: str, shortcut: str | None = None) -> QAction:
        """Add ``widget`` as a main view the analyst switches to instead of the reader (View menu, with
        ``shortcut``); returns its action."""
        self.central_stack.addWidget(widget)
        name = widget.objectName() or title.lower().replace(" ", "-")
        text = tr_("{title} workspace").format(title=title)
        action = self._action(f"show-{name}", text, lambda: self.show_workspace(widget), shortcut)
        action.setCheckable(True)
        self.workspace_group.addAction(action)
        self.menu("&View").insertAction(self._workspace_menu_anchor, action)
        self._workspace_actions[widget] = action
        return action

    def current_workspace(self) -> QWidget | None:
        """The workspace shown instead of the reader, if any."""
        current = self.central_stack.currentWidget()
        return None if current is self.splitter else current

    def show_workspace(self, widget: QWidget) -> None:
        """Show a workspace in place of the reader; the views panel steps aside while it is shown."""
        if widget not in self._workspace_actions:
            return
        if self.current_workspace() is None:
            self._views_shown_in_reader = self.view_dock.isVisible()
            self.view_dock.hide()
        self.central_stack.setCurrentWidget(widget)
        self._workspace_actions[widget].setChecked(True)
        widget.setFocus()

    def show_reader(self) -> None:
        """Back to the reader (and the views panel as it was)."""
        if self.current_workspace() is None:
            return
        self.central_stack.setCurrentWidget(self.splitter)
        self.action_show_reader.setChecked(True)
        if self._views_shown_in_reader:
            self.view_dock.show()
        self.reader.setFocus()

    def current_document_id(self) -> int | None:
        """The document shown in the reader, if any."""
        return self._current_document

    def open_document(self, doc_id: int | None) -> bool:
        """Show document ``doc_id`` in the reader (None: nothing); False if there is no such document."""
        if doc_id is None:
            self._show_document(None)
            return True
        try:
            if not self.project.has_document(int(doc_id)):
                self.show_message(tr_("There is no document {id}").format(id=doc_id))
                return False
        except StoreError as exc:
            self.show_message(tr_("Cannot read the project: {error}").format(error=exc))
            return False
        self._show_document(int(doc_id))
        self.documentOpened.emit(int(doc_id))
        return True

    def _show_document(self, doc_id: int | None) -> None:
        self._current_document = doc_id
        # One pass over the document's span index gives the table its pages and the status bar its counts. A
        # long document's count runs on a second connection while the reader lays the text out (a short one's
        # costs less than starting a thread).
        summary = self.document_model.summary(doc_id) if doc_id is not None else None
        width = histogram_width(summary.length, summary.span_count) if summary is not None else 1024
        histogram_soon = None
        if doc_id is not None and (summary is None or summary.length >= PARALLEL_COUNT_LENGTH):
            histogram_soon = self.project.span_histogram_soon(doc_id, width)
        self.reader.set_document(doc_id)
        if histogram_soon is not None:
            histogram = histogram_soon()
        else:
            histogram = None if doc_id is None else self.project.span_histogram(doc_id, width)
        self.annotation_model.set_document(doc_id, histogram)
        self.counts.set_document(doc_id, histogram)
        self.document_panel.select_document(doc_id)
        if doc_id is not None:
            self.settings.setValue(self._last_document_key(), doc_id)
        self._update_title()
        self._update_status()
        self._update_document_actions()

    def live_span(self, span_id: str) -> Span | None:
        """The span read again from the file before an action on it; None, with the reason in the status bar,
        if it is gone (another window or program deleted it: the window then catches up at once) or the
        project cannot be read."""
        try:
            return self.project.span(span_id)
        except NotFound:
            self.span_gone(span_id)
        except StoreError as exc:
            self.show_message(tr_("Cannot read the project: {error}").format(error=exc))
        return None

    def span_gone(self, span_id: str | None = None) -> None:
        """Say that the span acted on was deleted elsewhere, and bring every panel up to date with the file."""
        if span_id is not None and self.reader.selected_span_id() == span_id:
            self.reader.select_span(None)
        self.poll_external_changes()
        self.show_message(SPAN_GONE)

    def select_span(self, span_id: str) -> bool:
        """Open the span's document if needed, scroll to the span and select it."""
        span = self.live_span(span_id)
        if span is None:
            return False
        self.show_reader()  # a span is seen in the reader, whichever workspace asked for it
        if span.document_id != self._current_document:
            self.open_document(span.document_id)
        self.reader.select_span(span_id)
        self.annotation_table.show_span(span_id)
        return True

    def review_suggestion(self, span_id: str, accept: bool) -> bool:
        """Accept (or reject) suggestion ``span_id`` as in the reader, then select the next suggestion."""
        if not self.select_span(span_id):
            return False
        done = self.reader.review_selected_suggestion(accept)
        self._update_status()
        return done

    def delete_span(self, span_id: str) -> bool:
        """Delete one span (with its links and attributes) as an undoable edit."""
        span = self.live_span(span_id)
        if span is None:
            return False
        return self.run_command(DeleteSpansCommand.of(self.project, span))

    def show_message(self, text: str, timeout_ms: int = 8000) -> None:
        """Show ``text`` in the status bar."""
        self.statusBar().showMessage(text, timeout_ms)

    def run_command(self, command: QUndoCommand) -> bool:
        """Run an edit and put it on the undo stack; a refused edit is explained and False returned."""
        try:
            if isinstance(command, ProjectCommand):
                push_command(self.undo_stack, command)
            else:
                self.undo_stack.push(command)
        except EnvironmentFault as fault:
            self.report_fault(fault)
            return False
        except SpanNotFound:  # deleted elsewhere since the window last looked
            self.span_gone()
            return False
        except NotFound as exc:
            self.poll_external_changes()
            gone = LINK_GONE if isinstance(exc, LinkNotFound) else f"Not done: {exc}; it was deleted elsewhere"
            self.show_message(gone)
            return False
        except (ValidationError, StoreError) as exc:
            self.inform("The change was not made", str(exc), icon="warning")
            return False
        except Exception as exc:  # our bug: say so, keep the window and the stored work
            log.exception("edit failed")
            self.inform("The change was not made", f"Unexpected error: {exc}", icon="critical")
            return False
        self._set_saved(True)
        return True

    def poll_external_changes(self) -> bool:
        """Pick up changes another process made to the file (what the timer calls); True if there were any."""
        if self._closed:
            return False
        try:
            return self.project.check_external_changes()
        except ProjectFileGone as fault:
            if self._saved_ok:  # once, not at every tick of the timer
                self.report_fault(fault)
            return False
        except StoreError as exc:
            self.show_message(tr_("Cannot read the project: {error}").format(error=exc))
            return False

    # -- messages and questions (one place, so that tests can answer them) ----------------------------

    def ask(
        self, title: str, text: str, buttons: Sequence[str], *, icon: str = "question", informative: str = ""
    ) -> str | None:
        """Ask with a message box; returns the text of the chosen button (None: dismissed)."""
        box = QMessageBox(self)
        box.setIcon(_ICONS.get(icon, QMessageBox.Icon.Question))
        box.setWindowTitle(title)
        box.setText(text)
        if informative:
            box.setInformativeText(informative)
        make_plain(box)
        made = [box.addButton(label, QMessageBox.ButtonRole.AcceptRole) for label in buttons]
        if made:
            box.setDefaultButton(made[0])
        self._run_modal(box.exec)
        clicked = box.clickedButton()
        for label, button in zip(buttons, made, strict=True):
            if clicked is button:
                return label
        return None

    def inform(self, title: str, text: str, *, icon: str = "information", details: str = "") -> None:
        """Tell the user something that needs attention (a message box)."""
        box = QMessageBox(self)
        box.setIcon(_ICONS.get(icon, QMessageBox.Icon.Information))
        box.setWindowTitle(title)
        box.setText(text)
        if details:
            box.setDetailedText(details)
        make_plain(box)
        self._run_modal(box.exec)

    def _run_modal(self, show: Callable[..., Any], *args: Any) -> Any:
        """Run a modal dialog to its end, then make sure the window has the keyboard again.

        Some platforms (the offscreen one among them) leave no window active when a modal dialog closes,
        and the window's shortcuts (undo, find, link…) would then be dead until the next click.
        """
        try:
            return show(*args)
        finally:
            if QApplication.activeWindow() is None and self.isVisible():
                self.activateWindow()
                # Activation is an event of the window system: take it now, so that the next key press finds
                # the window active (user input waits for the next turn of the event loop as usual).
                QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    def confirm(self, title: str, text: str, action: str) -> bool:
        """Ask before doing something; True if the user chose ``action``."""
        return self.ask(title, text, [action, "Cancel"], icon="warning") == action

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        """A line of text from the user (None: cancelled)."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle(window_title(title))
        dialog.setLabelText(label)
        dialog.setTextValue(text)
        make_plain(dialog)
        ok = self._run_modal(dialog.exec) == QDialog.DialogCode.Accepted
        value = dialog.textValue()
        dialog.deleteLater()
        return value if ok else None

    def choose_item(self, title: str, label: str, items: Sequence[str]) -> str | None:
        """One of ``items`` (None: cancelled)."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle(window_title(title))
        dialog.setLabelText(label)
        dialog.setComboBoxItems(list(items))
        dialog.setComboBoxEditable(False)
        make_plain(dialog)
        ok = self._run_modal(dialog.exec) == QDialog.DialogCode.Accepted
        value = dialog.textValue()
        dialog.deleteLater()
        return value if ok else None

    def choose_open_path(self, title: str, file_filter: str = PROJECT_FILTER) -> Path | None:
        """An existing file (None: cancelled)."""
        path, _ = self._run_modal(QFileDialog.getOpenFileName, self, title, str(self.project.path.parent), file_filter)
        return Path(path) if path else None

    def choose_save_path(self, title: str, suggested: str, file_filter: str = PROJECT_FILTER) -> Path | None:
        """A file to write (None: cancelled)."""
        start = str(Path.home() / suggested)
        path, _ = self._run_modal(QFileDialog.getSaveFileName, self, title, start, file_filter)
        return Path(path) if path else None

    def choose_import_paths(self) -> list[Path]:
        """Files to import (empty: cancelled)."""
        paths, _ = self._run_modal(QFileDialog.getOpenFileNames, self, "Import files", str(Path.home()), IMPORT_FILTER)
        return [Path(p) for p in paths]

    def choose_folder(self, title: str) -> Path | None:
        """A folder (None: cancelled)."""
        path = self._run_modal(QFileDialog.getExistingDirectory, self, title, str(Path.home()))
        return Path(path) if path else None

    # -- faults ----------------------------------------------------------------------------------

    def report_fault(self, fault: EnvironmentFault) -> None:
        """Explain an environment fault and offer to save a copy of the project elsewhere."""
        self._set_saved(False, str(fault))
        headline = fault_headline(fault)
        self.show_message(f"Not saved: {fault}", 0)
        answer = self.ask(
            headline,
            f"{headline}. The last change was not saved.\n\n{fault}",
            [SAVE_COPY, "Close"],
            icon="critical",
            informative=(
                "Everything saved before is still in the project file. You can go on reading, save a copy "
                "of the project elsewhere, and continue there once the problem is solved."
            ),
        )
        if answer == SAVE_COPY:
            self.save_copy_elsewhere()

    def save_copy_elsewhere(self) -> Path | None:
        """Write a consistent copy of the project where the user chooses."""
        target = self.choose_save_path("Save a copy of the project", f"{self.project.path.stem}-copy.db")
        if target is None:
            return None
        try:
            written = backup_project(self.project, target)
        except EnvironmentFault as fault:
            self.inform("The copy could not be written", str(fault), icon="critical")
            return None
        self.show_message(tr_("Copy saved to {path}").format(path=written))
        self.inform("Copy saved", f"A copy of the project was saved to\n{written}\n\nOpen it with File → Open project.")
        return written

    def _set_saved(self, ok: bool, problem: str = "") -> None:
        self._saved_ok = ok
        state = (ok, problem, self.project.read_only)
        if state == getattr(self, "_saved_shown", None):
            return  # said already: no restyling of the status bar at every edit
        self._saved_shown = state
        if self.project.read_only:
            self.status_saved.setText(tr_("Read-only"))
            self.status_saved.setToolTip(tooltip(f"{self.project.path} is open read-only: edits cannot be saved"))
        elif ok:
            self.status_saved.setText(tr_("Saved"))
            self.status_saved.setToolTip(tooltip(f"Every edit is saved at once to {self.project.path}"))
        else:
            self.status_saved.setText(tr_("Last change not saved"))
            self.status_saved.setToolTip(tooltip(problem))
        self.status_saved.setProperty("problem", not ok or self.project.read_only)
        self.status_saved.style().unpolish(self.status_saved)
        self.status_saved.style().polish(self.status_saved)

    # -- reacting to the project -------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if self._closed:
            return
        # Every panel takes the change as a delta (the rows it changed) and updates what it shows of them;
        # a change without rows (another program wrote to the file, a bulk import) makes them read again the
        # current document only.
        kind = change.kind
        try:
            self.document_model.on_change(change)
            self.annotation_model.on_change(change)
            self.counts.on_change(change)
            if kind == ChangeKind.LABELS_CHANGED or kind in RELOAD_KINDS:
                self.label_bar.set_labels(self.project.labels(include_retired=False))
            current = self._current_document
            documents = kind == ChangeKind.DOCUMENTS_CHANGED or kind in RELOAD_KINDS
            if current is not None and documents:
                if self.document_model.row_of(current) is None:
                    self._current_document = None
                    self.open_document(self._neighbour_of(current))
                else:
                    self.document_panel.select_document(current)
            elif current is None and documents:
                first = self._initial_document()
                if first is not None:
                    self.open_document(first)
            if kind == ChangeKind.EXTERNAL:
                self._reload_reader()
        except StoreError as exc:
            self.show_message(tr_("Cannot read the project: {error}").format(error=exc))
        self._update_title()
        self._update_status()
        self._update_document_actions()
        self._restore_span_selection()

    def _reload_reader(self) -> None:
        reload = getattr(self.reader, "reload", None)
        if callable(reload):
            reload()
        elif self._current_document is not None and self.reader.document_id() == self._current_document:
            selected = self.reader.selected_span_id()
            self.reader.set_document(self._current_document)
            if selected is not None and self.project.has_span(selected):
                self.reader.select_span(selected)

    def _restore_span_selection(self) -> None:
        with contextlib.suppress(RuntimeError, AttributeError):
            self.annotation_table.show_span(self.reader.selected_span_id())

    def _neighbour_of(self, removed: int) -> int | None:
        ids = [s.id for s in self.document_model.summaries()]
        if not ids:
            return None
        later = [i for i in ids if i > removed]
        return later[0] if later else ids[-1]

    def _initial_document(self) -> int | None:
        ids = [s.id for s in self.document_model.summaries()]
        if not ids:
            return None
        last = self.settings.value(self._last_document_key())
        with contextlib.suppress(TypeError, ValueError):
            if last is not None and int(last) in ids:
                return int(last)
        return ids[0]

    def _last_document_key(self) -> str:
        digest = re.sub(r"[^A-Za-z0-9]", "_", str(self.project.path.resolve()))[-120:]
        return f"last-document/{digest}"

    def _span_selected_in_reader(self, span_id: object) -> None:
        self.annotation_table.show_span(str(span_id) if span_id else None)
        if span_id:
            try:
                span = self.project.span(str(span_id))
            except StoreError:
                return
            note = f" — {span.note}" if span.note else ""
            status = "" if span.status == "accepted" else f" ({tr_(span.status)})"
            self.show_message(
                tr_("{label}{status}: “{text}” by {annotator}{note}").format(
                    label=span.label, status=status, text=span.text, annotator=span.annotator, note=note
                )
            )

    # -- status and title --------------------------------------------------------------------------

    def _update_title(self) -> None:
        name = self.project.path.name
        summary = self.document_model.summary(self._current_document) if self._current_document is not None else None
        self.setWindowTitle(window_title(f"{summary.title} — {name} — Annotator" if summary else f"{name} — Annotator"))

    def _update_status(self) -> None:
        summary = self.document_model.summary(self._current_document) if self._current_document is not None else None
        if summary is None:
            self.status_document.setText(tr_("No document open"))
            self.status_spans.setText(tr_("{n} documents").format(n=len(self.document_model.summaries())))
        else:
            mark = tr_("  ✓ done") if summary.done else ""
            self.status_document.setText(f"{summary.title}{mark}")
            # Counted once per document, then kept by delta (never by reading the spans again).
            who = self.annotation_model.annotator_filter()
            accepted = self.counts.total("accepted", who)
            suggested = self.counts.total("suggested", who)
            mine = self.counts.total("accepted", self.annotator) if who in (None, self.annotator) else 0
            text = tr_("{spans} ({mine} mine)").format(spans=spans_phrase(accepted), mine=mine)
            if suggested:
                text += f" · {suggestions_phrase(suggested)}"
            self.annotation_panel.show_counts(accepted, suggested)
            if self.status_spans.text() != text:
                self.status_spans.setText(text)
        self._set_saved(self._saved_ok)

    def _update_document_actions(self) -> None:
        summary = self.document_model.summary(self._current_document) if self._current_document is not None else None
        has_document = summary is not None
        for action in (self.action_rename, self.action_delete, self.action_done):
            action.setEnabled(has_document)
        with QSignalBlocker(self.action_done):
            self.action_done.setChecked(bool(summary and summary.done))

    # -- tagging and spans -------------------------------------------------------------------------

    def tag_with_label(self, label: str) -> bool:
        """What a label button does: tag the reader's selection, or relabel the selected span."""
        from annotator.ui.commands import UpdateSpanCommand

        if self._current_document is None:
            self.show_message(tr_("Open a document first"))
            return False
        selection = self.reader.selection_codepoints()
        selected_span = self.reader.selected_span_id()
        if selected_span is not None:
            span = self.live_span(selected_span)
            if span is None:
                return False
            if selection is None or tuple(selection) == (span.start, span.end):
                if span.label == label:
                    return True
                return self.run_command(
                    UpdateSpanCommand(self.project, span.id, f"Relabel “{span.text[:30]}” as {label}", label=label)
                )
        if selection is None:
            self.show_message(tr_("Select some text to tag, or a span to relabel"))
            return False
        done = bool(self.reader.tag_selection(label))
        self.reader.setFocus()
        return done

    def next_span(self) -> bool:
        """Select the span after the selected one (or after the cursor)."""
        return self._step_span(+1)

    def previous_span(self) -> bool:
        """Select the span before the selected one (or before the cursor)."""
        return self._step_span(-1)

    def _step_span(self, step: int) -> bool:
        # Through the reader's index of the document's spans (text order, the same annotator filter).
        if self._current_document is None or self.annotation_model.rowCount() == 0:
            self.show_message(tr_("This document has no spans"))
            return False
        if not self.reader.select_neighbour_span(step):
            self.show_message(tr_("No more spans in this direction"))
            return False
        self.annotation_table.show_span(self.reader.selected_span_id())
        return True

    def set_annotator_filter(self, mode: str, name: str | None = None) -> None:
        """Show the spans of everyone ("all"), mine ("mine") or one annotator ("one", name)."""
        self.reader.set_annotator_filter(mode, name)
        who = {"all": None, "mine": self.annotator, "one": name}.get(mode)
        self.annotation_model.set_annotator_filter(who)
        action = {"all": self.action_show_all, "mine": self.action_show_mine, "one": self.action_show_one}[mode]
        action.setChecked(True)
        self.show_message(
            tr_("Showing everyone's spans") if who is None else tr_("Showing the spans of {who}").format(who=who)
        )
        self._update_status()

    def choose_annotator_filter(self) -> None:
        """Ask which annotator's spans to show."""
        names = self.project.annotators()
        if not names:
            self.show_message(tr_("Nobody has made spans yet"))
            self.set_annotator_filter("all")
            return
        name = self.choose_item(tr_("Show spans of"), tr_("Annotator:"), names)
        if name is None:
            self.set_annotator_filter("all")
        else:
            self.set_annotator_filter("one", name)

    def focus_panes(self) -> list[QWidget]:
        """The panes that F6 moves the focus through, in order."""
        panes: list[QWidget] = [self.document_panel.view, self.reader, self.annotation_table]
        current_view = self.view_tabs.currentWidget()
        if self.view_dock.isVisible() and current_view is not None:
            panes.append(current_view)
        return panes

    def cycle_focus(self, step: int) -> QWidget:
        """Move the keyboard focus to the next (or previous) pane; returns the pane now focused."""
        panes = self.focus_panes()
        focused = QApplication.focusWidget()
        index = None
        for i, pane in enumerate(panes):
            if focused is not None and (pane is focused or pane.isAncestorOf(focused)):
                index = i
                break
        first_or_last = panes[0] if step > 0 else panes[-1]
        target = first_or_last if index is None else panes[(index + step) % len(panes)]
        target.setFocus(Qt.FocusReason.TabFocusReason)
        if target is self.view_tabs.currentWidget():
            target.focusNextChild()
        return target

    # -- undo and redo -------------------------------------------------------------------------

    def undo(self) -> bool:
        """Undo the last edit (in whichever document).

        If the disk or the file refuses, the fault is explained and the stack stays as it was (try again
        later). If the edit cannot be undone any more (another window deleted its span, say), it is
        skipped, with a message, so that the edits before it can still be undone.
        """
        return self._step_stack(undo=True)

    def redo(self) -> bool:
        """Redo the last undone edit (same rules as ``undo``)."""
        return self._step_stack(undo=False)

    def _step_stack(self, *, undo: bool) -> bool:
        stack = self.undo_stack
        if not (stack.canUndo() if undo else stack.canRedo()):
            return False
        command = stack.command(stack.index() - 1 if undo else stack.index())
        text = command.text()
        verb = "Undone" if undo else "Redone"
        done = True
        try:
            command.undo() if undo else command.redo()
        except EnvironmentFault as fault:
            self.report_fault(fault)
            return False
        except (ValidationError, StoreError) as exc:
            done = False
            self.inform(
                f"That edit cannot be {verb.lower()} any more",
                f"“{text}” cannot be {verb.lower()}: {exc}\n\nIt was skipped; the project is unchanged.",
                icon="warning",
            )
        # The stack's own call must not run the command a second time: shadow the method while it moves.
        name = "undo" if undo else "redo"
        setattr(command, name, _noop)
        try:
            stack.undo() if undo else stack.redo()
        finally:
            delattr(command, name)
        if done:
            self._set_saved(True)
            gone = getattr(command, "gone_parts", 0)
            if gone:
                self.poll_external_changes()  # another program deleted them: show the file as it is now
            note = f" ({gone} of its spans were deleted elsewhere and stay so)" if gone else ""
            self.show_message(f"{verb}: {text}{note}")
        return done

    # -- documents -----------------------------------------------------------------------------

    def rename_document(self) -> bool:
        """Rename the current document (undoable)."""
        summary = self._current_summary()
        if summary is None:
            return False
        title = self.ask_text(tr_("Rename document"), tr_("Title:"), summary.title)
        if title is None or not title.strip() or title.strip() == summary.title:
            return False
        return self.run_command(
            UpdateDocumentCommand(self.project, summary.id, f"Rename “{summary.title}”", title=title.strip())
        )

    def delete_document(self) -> bool:
        """Delete the current document with its spans, after asking (undoable)."""
        summary = self._current_summary()
        if summary is None:
            return False
        question = (
            f"Delete “{summary.title}” and its {spans_phrase(summary.span_count)}?\n\n"
            "You can undo this with Edit → Undo."
        )
        if not self.confirm(tr_("Delete document"), question, tr_("Delete")):
            return False
        return self.run_command(DeleteDocumentCommand(self.project, summary.id))

    def toggle_done(self) -> bool:
        """Mark the current document done, or not done."""
        summary = self._current_summary()
        if summary is None:
            self._update_document_actions()
            return False
        done = not summary.done
        text = f"Mark “{summary.title}” {'done' if done else 'not done'}"
        ok = self.run_command(UpdateDocumentCommand(self.project, summary.id, text, done=done))
        self._update_document_actions()
        return ok

    def next_document(self) -> bool:
        """Open the next document of the (filtered) list."""
        return self._step_document(+1)

    def previous_document(self) -> bool:
        """Open the previous document of the (filtered) list."""
        return self._step_document(-1)

    def _step_document(self, step: int) -> bool:
        ids = self.document_panel.visible_document_ids()
        if not ids:
            return False
        current = self._current_document
        index = ids.index(current) + step if current in ids else (0 if step > 0 else len(ids) - 1)
        if not 0 <= index < len(ids):
            self.show_message(tr_("No more documents in this direction"))
            return False
        return self.open_document(ids[index])

    def _current_summary(self) -> Any:
        if self._current_document is None:
            self.show_message(tr_("Open a document first"))
            return None
        return self.document_model.summary(self._current_document)

    # -- importing, exporting, backups -----------------------------------------------------------

    def import_files(self, paths: Sequence[str | Path]) -> ImportReport | None:
        """Import documents and annotation sets (files and folders); tells what was imported and skipped.

        The import runs on a worker thread with a progress dialog (``import-progress``, Cancel stops it
        between files) while the window keeps painting; this call returns when it has ended.
        """
        if not paths:
            return None
        if self.import_job is not None:
            self.show_message(tr_("An import is already running"))
            return None
        job = ImportJob(
            self.project.path, [Path(p) for p in paths], annotator=self.annotator, read_only=self.project.read_only
        )
        outcome: list[object] = []
        loop = QEventLoop(self)
        job.finished.connect(lambda report: (outcome.append(report), loop.quit()))
        job.failed.connect(lambda exc: (outcome.append(exc), loop.quit()))
        progress = QProgressDialog(tr_("Importing…"), tr_("Cancel"), 0, 0, self)
        progress.setObjectName("import-progress")
        progress.setWindowTitle(tr_("Import"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(IMPORT_PROGRESS_DELAY_MS)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(job.cancel)
        make_plain(progress)  # its label names the files being imported

        def advance(done: int, total: int, name: str) -> None:
            progress.setMaximum(max(total, 1))
            progress.setValue(done)
            progress.setLabelText(f"Importing {min(done + 1, total)} of {total}: {name}" if name else "Importing…")

        job.progressed.connect(advance)
        self.import_job = job
        job.start()
        try:
            if not job.done or not outcome:
                loop.exec()
        finally:
            self.import_job = None
            progress.hide()
            progress.deleteLater()
            job.deleteLater()
        if self._closed:
            return None
        self.poll_external_changes()  # what the worker wrote reaches the views the usual way
        result = outcome[0] if outcome else None
        if isinstance(result, EnvironmentFault):
            self.report_fault(result)
            return None
        if isinstance(result, (ValidationError, StoreError, OSError)):
            self.inform("Import failed", str(result), icon="warning")
            return None
        if not isinstance(result, ImportReport):
            log.error("import failed", exc_info=result if isinstance(result, BaseException) else None)
            self.inform("Import failed", f"Unexpected error, please report it: {result!r}", icon="critical")
            return None
        report = result
        summary = report.summary()
        self.show_message(" — ".join([f"Imported: {summary}", *report.notes]))
        if report.skipped or report.conflicts or report.warnings or report.orphans:
            lines = [f"{Path(path).name}: {why}" for path, why in report.skipped]
            lines += report.orphans + report.conflicts + report.warnings + report.notes
            shown = "\n".join(lines[:12]) + (f"\n… and {len(lines) - 12} more" if len(lines) > 12 else "")
            self.inform("Import", f"{summary}\n\n{shown}", icon="warning", details="\n".join(lines))
        if report.documents:
            self.open_document(report.documents[0][0])
        return report

    def import_files_dialog(self) -> ImportReport | None:
        """File → Import files."""
        return self.import_files(self.choose_import_paths())

    def import_folder_dialog(self) -> ImportReport | None:
        """File → Import folder."""
        folder = self.choose_folder(tr_("Import a folder"))
        return self.import_files([folder]) if folder is not None else None

    def export_dialog(self) -> None:
        """File → Export."""
        try:
            from annotator.ui.dialogs.export_dialog import show_export_dialog
        except ImportError as exc:
            self.inform("Export", f"Exporting is not available: {exc}", icon="warning")
            return
        show_export_dialog(self)

    def backup_copy_dialog(self) -> Path | None:
        """File → Backup copy: a consistent copy of the project where the user chooses."""
        target = self.choose_save_path(tr_("Backup copy"), f"{self.project.path.stem}-backup.db")
        if target is None:
            return None
        try:
            written = backup_project(self.project, target)
        except EnvironmentFault as fault:
            self.inform("The backup could not be written", str(fault), icon="critical")
            return None
        self.show_message(tr_("Backup written to {path}").format(path=written))
        return written

    # -- projects ------------------------------------------------------------------------------

    def new_project(self) -> MainWindow | None:
        """File → New project: a new project file in a window of its own."""
        path = self.choose_save_path(tr_("New project"), "project.db")
        if path is None:
            return None
        if path.exists():
            self.inform("New project", f"{path} already exists: use File → Open project to open it.", icon="warning")
            return None
        try:  # a folder typed into the dialog is what the user asked for
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.inform("New project", f"Cannot create the folder {path.parent}: {exc.strerror}", icon="critical")
            return None
        return self.open_project_window(path)

    def open_project(self) -> MainWindow | None:
        """File → Open project."""
        path = self.choose_open_path(tr_("Open project"))
        return self.open_project_window(path) if path is not None else None

    def open_project_window(self, path: str | Path) -> MainWindow | None:
        """Open ``path`` in a new window that replaces this one; a bad file is explained and left alone."""
        path = Path(path)
        if path.resolve() == self.project.path.resolve():
            return self
        try:
            window = MainWindow(path, annotator=self.annotator, poll_interval_ms=self.poll_interval_ms)
        except StoreError as exc:
            self.inform("Cannot open the project", f"{exc}\n\nThe file was left untouched.", icon="critical")
            return None
        _OPEN_WINDOWS.append(window)
        window.show()
        self.close()
        return window

    def recent_projects(self) -> list[str]:
        """Recently opened project files, newest first."""
        return _recent_list(self.settings.value(RECENT_KEY))

    def add_recent_project(self, path: str | Path) -> None:
        """Put ``path`` first in File → Open recent."""
        entry = str(Path(path).resolve())
        recent = [entry] + [p for p in self.recent_projects() if p != entry]
        self.settings.setValue(RECENT_KEY, recent[:RECENT_MAX])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_projects()
        for entry in recent:
            action = self.recent_menu.addAction(entry)
            action.setEnabled(Path(entry).exists())
            action.triggered.connect(lambda _checked=False, p=entry: self.open_project_window(p))
        if not recent:
            self.recent_menu.addAction(tr_("No recent projects")).setEnabled(False)

    # -- search --------------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Put the focus in the project-wide search box."""
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _search_text_changed(self, text: str) -> None:
        if not text.strip():
            self.search_timer.stop()
            self.run_search("")
        else:
            self.search_timer.start()

    def run_search(self, query: str) -> list[Any]:
        """Full-text search over the project; the results are listed under the documents."""
        self.search_timer.stop()
        self.search_results.clear()
        if not query.strip():
            self.search_results.hide()
            self.search_heading.hide()
            return []
        try:
            hits = self.project.search(query)
        except (StoreError, ValidationError) as exc:
            self.show_message(tr_("Search failed: {error}").format(error=exc))
            hits = []
        for hit in hits:
            snippet = " ".join(hit.snippet.split())
            item = QListWidgetItem(f"{hit.title}\n{snippet}")
            item.setData(Qt.ItemDataRole.UserRole, hit.document_id)
            match = re.search(r"\[([^\]]+)\]", hit.snippet)
            item.setData(Qt.ItemDataRole.UserRole + 1, match.group(1) if match else query.split()[0])
            item.setData(SearchResultDelegate.HTML_ROLE, snippet_html(hit.title, snippet))
            item.setData(SearchResultDelegate.SNIPPET_ROLE, hit.snippet)
            item.setToolTip(tooltip(f"{hit.title}\n{snippet}"))
            self.search_results.addItem(item)
        self.search_heading.setText(
            (tr_("Search — {n} result") if len(hits) == 1 else tr_("Search — {n} results")).format(n=len(hits))
        )
        self.search_heading.show()
        self.search_results.show()
        return hits

    def _open_search_result(self, item: QListWidgetItem) -> None:
        doc_id = item.data(Qt.ItemDataRole.UserRole)
        term = item.data(Qt.ItemDataRole.UserRole + 1)
        if doc_id is None or not self.open_document(int(doc_id)):
            return
        if term:
            self.find_bar.box.setText(str(term))
            self.find_bar.show()
            self.find_bar.search(str(term))
            snippet = item.data(SearchResultDelegate.SNIPPET_ROLE)
            at = snippet_occurrence(self.reader.text(), str(snippet or ""))
            if at is not None:
                self.reader.find_match_at(at)

    # -- zoom ----------------------------------------------------------------------------------

    def zoom_in(self) -> None:
        """Larger text in the reader (remembered)."""
        self.set_zoom(self.zoom_level + 1)

    def zoom_out(self) -> None:
        """Smaller text in the reader (remembered)."""
        self.set_zoom(self.zoom_level - 1)

    def set_zoom(self, level: int) -> None:
        """Set the reader's zoom: ``level`` points above (or below) its normal size."""
        level = max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], int(level)))
        font = self.reader.font()
        font.setPointSizeF(self._base_point_size + level)
        self.reader.setFont(font)
        self.zoom_level = level
        self.settings.setValue(ZOOM_KEY, level)
        self.show_message(
            tr_("Zoom {percent} %").format(percent=round(100 * font.pointSizeF() / self._base_point_size))
            if level
            else tr_("Normal size")
        )

    # -- settings ------------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        self._base_point_size = self.reader.font().pointSizeF()
        if self._base_point_size <= 0:
            self._base_point_size = 12.0
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        state = self.settings.value("window/state")
        self._layout_restored = False
        if isinstance(state, QByteArray) and not state.isEmpty():
            self._layout_restored = self.restoreState(state)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        try:
            zoom = int(self.settings.value(ZOOM_KEY, 0) or 0)
        except (TypeError, ValueError):
            zoom = 0
        if zoom:
            font = self.reader.font()
            font.setPointSizeF(self._base_point_size + max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], zoom)))
            self.reader.setFont(font)
            self.zoom_level = zoom
        self.apply_preferences()

    def apply_preferences(self) -> None:
        """Use the stored preferences: word snapping in the reader."""
        snap = self.settings.value("reader/snap_words", True, type=bool)
        setter = getattr(self.reader, "set_word_snapping", None)
        if callable(setter):
            setter(bool(snap))
        elif hasattr(self.reader, "snap_words"):
            self.reader.snap_words = bool(snap)

    def set_annotator(self, name: str) -> None:
        """Make new spans under ``name`` from now on."""
        name = name.strip()
        if not name:
            return
        self.annotator = name
        if hasattr(self.reader, "annotator"):
            self.reader.annotator = name
        if self.action_show_mine.isChecked():
            self.set_annotator_filter("mine")
        self._update_status()

    def save_layout(self) -> None:
        """Remember the window's geometry, docks and splitter positions."""
        self.show_reader()  # the docks as the reader has them, not as a workspace hid them
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.sync()

    # -- dialogs -------------------------------------------------------------------------------

    def show_preferences(self) -> Any:
        """Edit → Preferences (a non-blocking dialog)."""
        from annotator.ui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self)
        dialog.open()
        return dialog

    def show_shortcuts(self) -> Any:
        """Help → Keyboard shortcuts (a non-blocking dialog)."""
        from annotator.ui.dialogs.shortcuts import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.open()
        return dialog

    def shortcut_descriptions(self) -> list[tuple[str, str]]:
        """Every keyboard shortcut of the window, the reader and the labels, as (keys, what it does)."""
        rows: list[tuple[str, str]] = []
        seen: set[tuple[str, str]] = set()
        for action in self.findChildren(QAction):
            keys = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts() if not s.isEmpty()]
            if not keys:
                continue
            description = action.text().replace("&", "").rstrip("…").strip() or action.objectName()
            row = (", ".join(keys), description)
            if row not in seen:
                seen.add(row)
                rows.append(row)
        reader_rows = getattr(self.reader, "shortcut_descriptions", None)
        if callable(reader_rows):
            for keys, description in reader_rows():
                row = (str(keys), str(description))
                if row not in seen:
                    seen.add(row)
                    rows.append(row)
        for label in self.project.labels(include_retired=False):
            if label.hotkey:
                row = (
                    label.hotkey,
                    tr_("Tag the selection as {label}, or relabel the selected span (reader)").format(label=label.name),
                )
                if row not in seen:
                    seen.add(row)
                    rows.append(row)
        rows.append(("Enter", tr_("Go to the span (span table)")))
        return rows

    def show_about(self) -> None:
        """Help → About."""
        from annotator import __version__

        self.inform(
            tr_("About annotator"),
            tr_(
                "annotator {version}\n\nTag actors, transfers, quantities and assessments in articles.\nProject: {path}"
            ).format(version=__version__, path=self.project.path),
        )

    # -- drag and drop -----------------------------------------------------------------------------

    @staticmethod
    def _local_paths(urls: Sequence[QUrl]) -> list[Path]:
        return [Path(url.toLocalFile()) for url in urls if url.isLocalFile() and url.toLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and self._local_paths(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._local_paths(event.mimeData().urls()) if event.mimeData().hasUrls() else []
        if not paths:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        self.import_files(paths)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Files dropped on the reader are imported too (the reader itself only takes text).
        if (
            watched is self.reader.viewport()
            and event.type() == QEvent.Type.Wheel
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier  # type: ignore[attr-defined]
        ):
            # Ctrl+wheel zooms like Ctrl+plus/minus, and is remembered the same way.
            delta = event.angleDelta().y()  # type: ignore[attr-defined]
            if delta:
                self.set_zoom(self.zoom_level + (1 if delta > 0 else -1))
            return True
        drag_events = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)
        if watched is self.reader.viewport() and event.type() in drag_events:
            mime = event.mimeData()  # type: ignore[attr-defined]
            if mime.hasUrls() and self._local_paths(mime.urls()):
                if event.type() == QEvent.Type.Drop:
                    self.dropEvent(event)  # type: ignore[arg-type]
                else:
                    event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_Escape:
                self.search_box.clear()
                self.reader.setFocus()
                return True
            if key == Qt.Key.Key_Down and self.search_results.count():
                self.search_results.setFocus()
                self.search_results.setCurrentRow(0)
                return True
        return super().eventFilter(watched, event)

    # -- closing -------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed:
            self.save_layout()
            self.settings.setValue("window/views-hidden", not self.view_dock.isVisible() and self.view_tabs.count() > 0)
            # No timer (ours or a plug-in's) may reach the project once it is closed.
            for timer in self.findChildren(QTimer):
                timer.stop()
            if self.import_job is not None:  # an import under way stops between files; its loop ends
                self.import_job.cancel()
                self.import_job.wait(30)
            # Plug-in controllers with worker threads (backups, named entities) finish before the project closes.
            for child in self.findChildren(QObject):
                wait = getattr(child, "wait", None)
                if child.objectName().endswith("-controller") and callable(wait):
                    wait(10_000)
            self._closed = True
            self.signals.detach()
            self.project.close()
        if self in _OPEN_WINDOWS:
            _OPEN_WINDOWS.remove(self)
        super().closeEvent(event)


_ICONS = {
    "information": QMessageBox.Icon.Information,
    "question": QMessageBox.Icon.Question,
    "warning": QMessageBox.Icon.Warning,
    "critical": QMessageBox.Icon.Critical,
}


__all__ = ["SAVE_COPY", "MainWindow", "fault_headline"]
