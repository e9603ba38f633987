"""The main window: document list, reader, span table, label bar, menus, and the plug-in views.

One window shows one project. The window holds the layout; its parts of behaviour are controllers, each in its
own module: ``editing`` (every edit an undo command, refusals and faults explained), ``import_export``,
``settings_ctl`` (recent projects, zoom, layout, preferences), ``search``, ``drops``, ``views`` (plug-in views
and workspaces), ``documents``, ``annotating`` and ``status``. The menus and keys come from the action table
(``annotator.ui.actions``). The public methods below are the window's API for views, scripts and tests.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Span
from annotator.services.importing import ImportReport
from annotator.store.errors import EnvironmentFault, StoreError
from annotator.store.project import RELOAD_KINDS, Change, ChangeKind, Project, default_annotator
from annotator.ui import accessibility, appearance, i18n
from annotator.ui.actions import build_window_actions, make_action
from annotator.ui.actions import spec as action_spec
from annotator.ui.annotating import AnnotatingController
from annotator.ui.app import app_settings
from annotator.ui.documents_controller import DocumentsController
from annotator.ui.drop import DropController
from annotator.ui.editing import LINK_GONE, SAVE_COPY, SPAN_GONE, EditingController, fault_headline
from annotator.ui.find_bar import FindBar
from annotator.ui.i18n import tr_
from annotator.ui.import_export import ImportExportController
from annotator.ui.import_job import ImportJob
from annotator.ui.models import AnnotationTableModel, DocumentCounts, DocumentListModel, histogram_width
from annotator.ui.panels.annotation_panel import AnnotationPanel
from annotator.ui.panels.document_list import DocumentListPanel
from annotator.ui.panels.label_bar import LabelBar
from annotator.ui.panels.search_results import SearchResultList
from annotator.ui.plain_text import plain_label
from annotator.ui.search_controller import SearchController
from annotator.ui.signals import ProjectSignals
from annotator.ui.team_controller import TeamController
from annotator.ui.view_host import ViewHost
from annotator.ui.window_dialogs import WindowDialogs
from annotator.ui.window_settings import OPEN_WINDOWS, SettingsController
from annotator.ui.window_status import StatusController
from annotator.ui.workers import WorkerRegistry

PARALLEL_COUNT_LENGTH = 400_000  # code points from which opening counts the spans on a second connection


def _reader_class() -> type:
    from annotator.ui.reader import ReaderView

    return ReaderView


class MainWindow(QMainWindow, WindowDialogs):
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
        self.team = TeamController(self, db_path if isinstance(db_path, str) else None)  # live team work
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
        self.workers = WorkerRegistry()  # plug-ins' background workers, waited for before the project closes
        self._menus: dict[str, QMenu] = {}
        self._current_document: int | None = None
        self._closed = False
        self.editing = EditingController(self)
        self.status = StatusController(self)
        self.settings_ctl = SettingsController(self)
        self.import_export = ImportExportController(self)
        self.documents = DocumentsController(self)
        self.views = ViewHost(self)

        self._build_widgets()
        self.annotating = AnnotatingController(self)
        self.search = SearchController(self)
        self.search_box = self.search.box
        self._build_menus()
        appearance.install(self)  # View → Theme, the stored theme applied and followed
        self.status.build()
        self.team.attach()
        self.drops = DropController(self)
        self.signals.changed.connect(self._on_change)
        self.reader.selectedSpanChanged.connect(self.annotating.span_selected_in_reader)
        self.reader.spanGone.connect(self.span_gone)

        self.poll_timer = QTimer(self)
        self.poll_timer.setObjectName("external-change-timer")
        self.poll_timer.timeout.connect(self.poll_external_changes)
        if poll_interval_ms > 0 and self.team.address is None:  # a team project hears of changes, never polls
            self.poll_timer.start(poll_interval_ms)

        self.settings_ctl.restore_layout()
        if self.team.address is None:  # a team project is remembered among the team projects (no password)
            self.add_recent_project(self.project.path)
        self.status.update_title()
        self.status.update_status()
        first = self.settings_ctl.initial_document()
        if first is not None:
            self.open_document(first)
        self.views.install_views()
        accessibility.name_widgets(self)  # every widget named and described for assistive technology
        self.reader.setFocus()  # label hotkeys work from the start
        self.status.tell_project_state()

    def _build_widgets(self) -> None:
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main-splitter")
        self.splitter.addWidget(self._build_left())
        self.splitter.addWidget(self._build_centre())
        self.splitter.addWidget(self._build_right())
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

    def _build_left(self) -> QWidget:
        # Filter box, document list, project-wide search results.
        self.document_panel = DocumentListPanel(self.document_model, self)
        self.document_panel.documentChosen.connect(self.open_document)
        self.search_results = SearchResultList(self)
        self.search_heading = plain_label("", self, name="panel-heading")
        left = QWidget(self)
        left.setObjectName("left-panel")
        layout = QVBoxLayout(left)
        layout.setContentsMargins(10, 10, 6, 10)
        layout.setSpacing(6)
        layout.addWidget(plain_label(tr_("Documents"), left, name="panel-heading"))
        layout.addWidget(self.document_panel, 3)
        layout.addWidget(self.search_heading)
        layout.addWidget(self.search_results, 2)
        self.search_heading.hide()
        self.search_results.hide()
        return left

    def _build_centre(self) -> QWidget:
        # Label bar, find bar, reader.
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
        layout = QVBoxLayout(centre)
        layout.setContentsMargins(6, 10, 6, 6)
        layout.setSpacing(8)
        layout.addWidget(self.label_bar)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.reader, 1)
        return centre

    def _build_right(self) -> QWidget:
        # The span table.
        self.annotation_panel = AnnotationPanel(self.annotation_model, self)
        self.annotation_table = self.annotation_panel.table
        self.annotation_table.spanActivated.connect(self.select_span)
        self.annotation_table.spanDeleteRequested.connect(self.delete_span)
        self.annotation_table.suggestionReviewed.connect(self.review_suggestion)
        right = QWidget(self)
        right.setObjectName("right-panel")
        layout = QVBoxLayout(right)
        layout.setContentsMargins(6, 10, 10, 10)
        layout.addWidget(self.annotation_panel)
        return right

    def _build_menus(self) -> None:
        """The menus and window-wide actions, from the action table (``annotator.ui.actions``)."""
        built = build_window_actions(self, self.menu, self.view_dock.toggleViewAction)
        self.filter_group = built.groups["annotator-filter"]
        self.workspace_group = built.groups["workspace"]
        self.views.workspace_menu_anchor = built.separators["View:5"]  # workspaces go before the views panel
        self._build_toolbar()

    def add_action(self, action_id: str, slot: Callable[[], Any], *, before: QAction | None = None) -> QAction:
        """Create the declared view action ``action_id`` (``actions.VIEW_ACTIONS``), run by ``slot``, in its
        menu if it has one (before ``before`` there, else at the end)."""
        item = action_spec(action_id)
        action = make_action(self, item, slot)
        if item.menu is not None:
            self.menu(item.menu).insertAction(before, action)  # type: ignore[arg-type]
        return action

    def _build_toolbar(self) -> None:
        self.toolbar.addAction(self.action_import)
        self.editing.attach_undo_actions(self.action_undo, self.action_redo, self.toolbar)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.action_done)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addWidget(self.search_box)

    # -- public API for views and tests ------------------------------------------------------------

    def menu(self, name: str) -> QMenu:
        """The menu called ``name`` ("&File", "&Tools", …), created (before Help) if needed."""
        key = name.replace("&", "").strip().lower()
        existing = self._menus.get(key)
        if existing is not None:
            return existing
        # Translated when made; the key stays the English name: views and the action table find menus by it.
        created = QMenu(tr_(name if "&" in name else f"&{name}"), self)
        created.setObjectName(f"menu-{key}")
        help_menu = self._menus.get("help")
        if help_menu is not None:
            self.menuBar().insertMenu(help_menu.menuAction(), created)
        else:
            self.menuBar().addMenu(created)
        self._menus[key] = created
        return created

    def set_theme(self, mode: str) -> None:
        """View → Theme: use and remember the theme ``mode`` (system, light, dark, contrast)."""
        appearance.set_theme(self, mode)

    def add_view(self, widget: QWidget, title: str) -> int:
        """Add ``widget`` as a tab of the views panel; returns its tab index."""
        return self.views.add_view(widget, title)

    def show_view(self, widget: QWidget) -> None:
        """Bring the views panel forward on ``widget``'s tab, or show the workspace that holds ``widget``."""
        self.views.show_view(widget)

    def add_workspace(self, widget: QWidget, title: str, shortcut: str | None = None) -> QAction:
        """Add ``widget`` as a main view shown instead of the reader (View menu, ``shortcut``); returns its
        action."""
        return self.views.add_workspace(widget, title, shortcut)

    def current_workspace(self) -> QWidget | None:
        """The workspace shown instead of the reader, if any."""
        return self.views.current_workspace()

    def show_workspace(self, widget: QWidget) -> None:
        """Show a workspace in place of the reader; the views panel steps aside while it is shown."""
        self.views.show_workspace(widget)

    def show_reader(self) -> None:
        """Back to the reader (and the views panel as it was)."""
        self.views.show_reader()

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
            self.settings.setValue(self.settings_ctl.last_document_key(), doc_id)
        self._refresh_status()

    def show_message(self, text: str, timeout_ms: int = 8000) -> None:
        """Show ``text`` in the status bar."""
        self.statusBar().showMessage(text, timeout_ms)

    # -- editing (annotator.ui.editing) --------------------------------------------------------------

    def run_command(self, command: QUndoCommand) -> bool:
        """Run an edit and put it on the undo stack; a refused edit is explained and False returned."""
        return self.editing.run_command(command)

    def undo(self) -> bool:
        """Undo the last edit (in whichever document); a step that cannot be undone any more is skipped."""
        return self.editing.undo()

    def redo(self) -> bool:
        """Redo the last undone edit (same rules as ``undo``)."""
        return self.editing.redo()

    def live_span(self, span_id: str) -> Span | None:
        """The span read again from the file before an action on it; None (said why) if it is gone."""
        return self.editing.live_span(span_id)

    def span_gone(self, span_id: str | None = None) -> None:
        """Say that the span acted on was deleted elsewhere, and bring every panel up to date with the file."""
        self.editing.span_gone(span_id)

    def poll_external_changes(self) -> bool:
        """Pick up changes another process made to the file (what the timer calls); True if there were any."""
        return self.editing.poll_external_changes()

    def report_fault(self, fault: EnvironmentFault) -> None:
        """Explain an environment fault and offer to save a copy of the project elsewhere."""
        self.editing.report_fault(fault)

    def save_copy_elsewhere(self) -> Path | None:
        """Write a consistent copy of the project where the user chooses."""
        return self.editing.save_copy_elsewhere()

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
            if kind == ChangeKind.DOCUMENTS_CHANGED or kind in RELOAD_KINDS:
                self._follow_documents()
            if kind == ChangeKind.EXTERNAL:
                self.reader.reload()
        except StoreError as exc:
            self.show_message(tr_("Cannot read the project: {error}").format(error=exc))
        self._refresh_status()
        with contextlib.suppress(RuntimeError, AttributeError):  # the span selected stays shown in the table
            self.annotation_table.show_span(self.reader.selected_span_id())

    def _follow_documents(self) -> None:
        # The document shown was deleted: open its neighbour; none was shown: open the first one there is.
        current = self._current_document
        if current is None:
            first = self.settings_ctl.initial_document()
            if first is not None:
                self.open_document(first)
        elif self.document_model.row_of(current) is None:
            self._current_document = None
            ids = [s.id for s in self.document_model.summaries()]
            later = [i for i in ids if i > current]
            self.open_document(later[0] if later else (ids[-1] if ids else None))
        else:
            self.document_panel.select_document(current)

    def _refresh_status(self) -> None:
        self.status.update_title()
        self.status.update_status()
        self.status.update_document_actions()

    # -- documents, spans and tagging (annotator.ui.documents_controller, annotator.ui.annotating) ----------

    def rename_document(self) -> bool:
        """Rename the current document (undoable)."""
        return self.documents.rename_document()

    def delete_document(self) -> bool:
        """Delete the current document with its spans, after asking (undoable)."""
        return self.documents.delete_document()

    def toggle_done(self) -> bool:
        """Mark the current document done, or not done."""
        return self.documents.toggle_done()

    def next_document(self) -> bool:
        """Open the next document of the (filtered) list."""
        return self.documents.next_document()

    def previous_document(self) -> bool:
        """Open the previous document of the (filtered) list."""
        return self.documents.previous_document()

    def select_span(self, span_id: str) -> bool:
        """Open the span's document if needed, scroll to the span and select it."""
        return self.annotating.select_span(span_id)

    def review_suggestion(self, span_id: str, accept: bool) -> bool:
        """Accept (or reject) suggestion ``span_id`` as in the reader, then select the next suggestion."""
        return self.annotating.review_suggestion(span_id, accept)

    def delete_span(self, span_id: str) -> bool:
        """Delete one span (with its links and attributes) as an undoable edit."""
        return self.annotating.delete_span(span_id)

    def tag_with_label(self, label: str) -> bool:
        """What a label button does: tag the reader's selection, or relabel the selected span."""
        return self.annotating.tag_with_label(label)

    def next_span(self) -> bool:
        """Select the span after the selected one (or after the cursor)."""
        return self.annotating.next_span()

    def previous_span(self) -> bool:
        """Select the span before the selected one (or before the cursor)."""
        return self.annotating.previous_span()

    def set_annotator_filter(self, mode: str, name: str | None = None) -> None:
        """Show the spans of everyone ("all"), mine ("mine") or one annotator ("one", name)."""
        self.annotating.set_annotator_filter(mode, name)

    def choose_annotator_filter(self) -> None:
        """Ask which annotator's spans to show."""
        self.annotating.choose_annotator_filter()

    def set_annotator(self, name: str) -> None:
        """Make new spans under ``name`` from now on."""
        self.annotating.set_annotator(name)

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

    # -- importing, exporting, projects, settings (annotator.ui.import_export, annotator.ui.window_settings) --

    @property
    def import_job(self) -> ImportJob | None:
        """The import running, if any."""
        return self.import_export.import_job

    def import_files(self, paths: Sequence[str | Path]) -> ImportReport | None:
        """Import documents and annotation sets (files and folders) on a worker thread, with a progress dialog
        (``import-progress``); tells what was imported and skipped, and returns when the import has ended."""
        return self.import_export.import_files(paths)

    def import_files_dialog(self) -> ImportReport | None:
        """File → Import files."""
        return self.import_export.import_files_dialog()

    def import_folder_dialog(self) -> ImportReport | None:
        """File → Import folder."""
        return self.import_export.import_folder_dialog()

    def export_dialog(self) -> None:
        """File → Export."""
        self.import_export.export_dialog()

    def backup_copy_dialog(self) -> Path | None:
        """File → Backup copy: a consistent copy of the project where the user chooses."""
        return self.import_export.backup_copy_dialog()

    def new_project(self) -> MainWindow | None:
        """File → New project: a new project file in a window of its own."""
        return self.settings_ctl.new_project()

    def open_project(self) -> MainWindow | None:
        """File → Open project."""
        return self.settings_ctl.open_project()

    def open_project_window(self, path: str | Path) -> MainWindow | None:
        """Open ``path`` in a new window that replaces this one; a bad file is explained and left alone."""
        return self.settings_ctl.open_project_window(path)

    def recent_projects(self) -> list[str]:
        """Recently opened project files, newest first."""
        return self.settings_ctl.recent_projects()

    def add_recent_project(self, path: str | Path) -> None:
        """Put ``path`` first in File → Open recent."""
        self.settings_ctl.add_recent_project(path)

    @property
    def zoom_level(self) -> int:
        """Points above (or below) the reader's normal text size."""
        return self.settings_ctl.zoom_level

    def zoom_in(self) -> None:
        """Larger text in the reader (remembered)."""
        self.settings_ctl.zoom_in()

    def zoom_out(self) -> None:
        """Smaller text in the reader (remembered)."""
        self.settings_ctl.zoom_out()

    def set_zoom(self, level: int) -> None:
        """Set the reader's zoom: ``level`` points above (or below) its normal size."""
        self.settings_ctl.set_zoom(level)

    def apply_preferences(self) -> None:
        """Use the stored preferences: word snapping in the reader."""
        self.settings_ctl.apply_preferences()

    def save_layout(self) -> None:
        """Remember the window's geometry, docks and splitter positions."""
        self.settings_ctl.save_layout()

    def focus_search(self) -> None:
        """Put the focus in the project-wide search box."""
        self.search.focus_search()

    def run_search(self, query: str) -> list[Any]:
        """Full-text search over the project; the results are listed under the documents."""
        return self.search.run_search(query)

    def open_search_result(self, item: QListWidgetItem) -> None:
        """Open a search result's document at the occurrence its snippet shows (what a click on it does)."""
        self.search.open_result(item)

    _open_search_result = open_search_result  # its name before the search moved to a controller

    # -- dialogs -------------------------------------------------------------------------------

    def show_preferences(self) -> QDialog:
        """Edit → Preferences (a non-blocking dialog)."""
        from annotator.ui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self)
        dialog.open()
        return dialog

    def show_shortcuts(self) -> QDialog:
        """Help → Keyboard shortcuts (a non-blocking dialog)."""
        from annotator.ui.dialogs.shortcuts import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.open()
        return dialog

    def shortcut_descriptions(self) -> list[tuple[str, str]]:
        """Every keyboard shortcut, as (keys, what it does): the rows of Help → Keyboard shortcuts."""
        from annotator.ui.dialogs.shortcuts import shortcut_rows

        return [(keys, what) for keys, what, _ in shortcut_rows(self)]

    def show_about(self) -> None:
        """Help → About."""
        from annotator import __version__

        self.inform(
            tr_("About annotator"),
            tr_(
                "annotator {version}\n\nTag actors, transfers, quantities and assessments in articles.\nProject: {path}"
            ).format(version=__version__, path=self.project.path),
        )

    # -- drag and drop (annotator.ui.drop) --------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not self.drops.accepts(event):
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if not self.drops.drop(event):
            super().dropEvent(event)

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
            # Plug-ins' worker threads (backups, training, suggestions) finish before the project closes.
            self.workers.wait_all()
            self._closed = True
            self.team.close()
            self.signals.detach()
            self.project.close()
        if self in OPEN_WINDOWS:
            OPEN_WINDOWS.remove(self)
        super().closeEvent(event)


__all__ = ["LINK_GONE", "SAVE_COPY", "SPAN_GONE", "MainWindow", "fault_headline"]
