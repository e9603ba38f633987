"""Every command of the window, declared once: its id (objectName ``action-<id>``), text, keys, menu and place,
where it applies (window, reader, table) and what runs it.

The window's menus and the reader's keys are built from these tables; Help → Keyboard shortcuts and the README's
keys table are generated from them (``markdown_keys_table``; ``tests/ui/test_actions.py`` checks the README).

To add a command: add an ``ActionSpec`` to ``WINDOW_ACTIONS`` (in menu order; ``section`` changes put a separator
between groups) whose ``handler`` names a method of ``MainWindow`` (dotted for a part of it: ``find_bar.find_next``),
or to ``READER_KEYS`` with a method of ``ReaderView``. A plug-in view declares its window actions in
``VIEW_ACTIONS`` and creates them with ``MainWindow.add_action(id, slot)`` when it is installed; keys that work
only with the focus in one view (the review queue's A/R/C/M, the transfers map's +/-) are declared in ``VIEW_KEYS``
with the view's objectName as ``where``, and the view finds them with ``view_binding``.

Texts, tips, descriptions and worded keys are marked ``QT_TR_NOOP`` (English in the tables and the README) and
translated with ``tr_`` where the actions and menus are made and where the shortcuts list shows them; menus are
found by their English name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from PySide6.QtCore import QT_TR_NOOP, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from annotator.core.model import Label
from annotator.ui.i18n import current_language, label_display, tr_

WINDOW, READER, TABLE, VIEW = "window", "reader", "table", "view"


@dataclass(frozen=True)
class ActionSpec:
    """One command: where it lives, which keys run it, what it does."""

    id: str
    text: str
    handler: str | None = None  # a method of the window (reader keys: of the reader); None: documentation only
    shortcuts: tuple[str, ...] = ()
    description: str = ""  # one line for Help → Keyboard shortcuts and the README
    menu: str | None = None  # "File", "View/show-spans" (a submenu); None: keys only
    section: int = 0  # a separator comes between two sections of one menu
    context: str = WINDOW  # window | reader | table | view: where the keys work
    where: str = ""  # view keys: the objectName of the view that takes them ("review-view")
    args: tuple[Any, ...] = ()
    kind: str = "action"  # action | submenu | dock-toggle (the views dock's own toggle action)
    checkable: bool = False
    checked: bool = False
    group: str | None = None  # checkable actions of one group exclude each other
    tip: str = ""
    attr: str | None = None  # the window attribute holding the action (default ``action_<id>``)
    keys_label: str = ""  # how the keys are written in the shortcuts list (default: the shortcuts)
    when: str = "any"  # reader keys: "span" (a span selected), "text" (text selected), "any"
    match: str | None = None  # reader keys matched by a method of the reader (label hotkeys, the note key)
    overrides: bool = True  # reader keys: taken before a window shortcut on the same key
    early: bool = False  # reader keys: taken before the text edit's own handling (Tab)
    listed_in_help: bool = True  # False: a second way to a command listed already
    values: tuple[tuple[str, str], ...] = ()  # a text made from a template: its values (``{n}``), filled in

    @property
    def object_name(self) -> str:
        """The action's objectName (fixed: tests and scripts find actions by it)."""
        return f"action-{self.id}" if self.kind != "submenu" else f"menu-{self.id}"

    @property
    def name(self) -> str:
        """The action's name as listed: its menu text without mnemonic or ellipsis."""
        return self.text.replace("&", "").rstrip("…").strip()

    @property
    def keys(self) -> str:
        """The keys as written in the shortcuts list."""
        return self.keys_label or ", ".join(self.shortcuts)

    @property
    def listed(self) -> str:
        """What the shortcuts list says it does: a window action's name, a key's description."""
        if self.context == WINDOW and not self.keys_label:
            return self.name
        return self.description or self.name  # a family of keys (Alt+1…9) is described once

    # Texts, tips, descriptions and worded keys are marked ``QT_TR_NOOP`` in the tables (English, as the README
    # says them) and translated here, where the window shows them.

    @property
    def shown_text(self) -> str:
        """The menu text in the window's language."""
        if self.values:
            return tr_(self.template).format(**dict(self.values))
        return tr_(self.text)

    @property
    def template(self) -> str:
        """The text with its ``{name}`` places, when it is made from values (the text marked for translation)."""
        text = self.text
        for name, value in self.values:
            text = text.replace(value, "{" + name + "}", 1)
        return text

    @property
    def shown_name(self) -> str:
        """``name`` in the window's language."""
        return self.shown_text.replace("&", "").rstrip("…").strip()

    @property
    def shown_keys(self) -> str:
        """``keys`` in the window's language: worded keys ("Shift+arrows", "Click on a highlight") translated,
        keys named as Qt names them in that language (« Échap », « Maj+Tab »)."""
        if self.keys_label and tr_(self.keys_label) != self.keys_label:
            return tr_(self.keys_label)
        return shown_key_names(self.keys)

    @property
    def shown_description(self) -> str:
        """The description in the window's language (the name if there is none)."""
        return tr_(self.description) if self.description else self.shown_name

    @property
    def shown_listed(self) -> str:
        """``listed`` in the window's language."""
        if self.context == WINDOW and not self.keys_label:
            return self.shown_name
        return self.shown_description


def shown_key_names(keys: str) -> str:
    """Keys as written in the tables ("Escape", "Shift+Tab", "Alt+Left, Alt+Right") in the window's language,
    as Qt's own translation names them in menus (« Échap », « Maj+Tab »); English as written."""
    if current_language() == "en":
        return keys
    native = QKeySequence.SequenceFormat.NativeText
    shown = []
    for part in keys.split(", "):
        sequence = QKeySequence(part)
        name = sequence.toString(native) if sequence.count() == 1 else ""
        if not name:  # a family of keys ("Alt+1…9"): only its modifiers are named
            name = part
            for modifier in ("Ctrl", "Shift", "Alt", "Meta"):
                name = name.replace(modifier + "+", QKeySequence(modifier + "+A").toString(native)[:-1])
        shown.append(name)
    return ", ".join(shown)


# The attribute actions' menu text, made from the value number: marked here, filled in ``shown_text``.
ATTRIBUTE_TEXT = QT_TR_NOOP("Set value {n} of the selected span's first attribute")


def _window(id: str, text: str, handler: str | None, *keys: str, **more: Any) -> ActionSpec:
    return ActionSpec(id, text, handler, tuple(keys), **more)


# The window's menus, in order. Texts and keys are part of the outside: tests and users rely on them.
WINDOW_ACTIONS: tuple[ActionSpec, ...] = (
    _window("new-project", QT_TR_NOOP("&New project…"), "new_project", "Ctrl+N", menu="File", attr="action_new",
            description=QT_TR_NOOP("Create a new project file in a window of its own")),
    _window("open-project", QT_TR_NOOP("&Open project…"), "open_project", "Ctrl+O", menu="File", attr="action_open",
            description=QT_TR_NOOP("Open another project file")),
    _window("recent", QT_TR_NOOP("Open &recent"), "settings_ctl.fill_recent_menu", menu="File", kind="submenu",
            attr="recent_menu"),
    # A project on a team server, between the project files above and the imports below.
    _window("open-team-project", QT_TR_NOOP("Open &team project…"), "team.open_team_project", menu="File",
            section=5,
            description=QT_TR_NOOP("Open a shared project on a team server (PostgreSQL)")),
    _window("import", QT_TR_NOOP("&Import files…"), "import_files_dialog", "Ctrl+I", menu="File", section=1,
            tip=QT_TR_NOOP("Import documents or annotation sets"),
            description=QT_TR_NOOP("Import documents or annotation sets")),
    _window("import-folder", QT_TR_NOOP("Import &folder…"), "import_folder_dialog", "Ctrl+Shift+I", menu="File",
            section=1,
            description=QT_TR_NOOP("Import every document and annotation set of a folder")),
    _window("export", QT_TR_NOOP("&Export…"), "export_dialog", "Ctrl+E", menu="File", section=1,
            description=QT_TR_NOOP("Export annotations")),
    _window("backup", QT_TR_NOOP("&Backup copy…"), "backup_copy_dialog", menu="File", section=2,
            description=QT_TR_NOOP("Write a consistent copy of the project")),
    _window("quit", QT_TR_NOOP("&Quit"), "close", "Ctrl+Q", menu="File", section=3,
            description=QT_TR_NOOP("Close the window")),
    _window("undo", QT_TR_NOOP("&Undo"), "undo", "Ctrl+Z", menu="Edit",
            description=QT_TR_NOOP("Undo the last edit, in any document")),
    _window("redo", QT_TR_NOOP("&Redo"), "redo", "Ctrl+Shift+Z", "Ctrl+Y", menu="Edit",
            description=QT_TR_NOOP("Redo the last undone edit")),
    _window("search", QT_TR_NOOP("Search all documents"), "focus_search", "Ctrl+Shift+F", menu="Edit", section=1,
            tip=QT_TR_NOOP("Full-text search"), description=QT_TR_NOOP("Full-text search over every document")),
    _window("preferences", QT_TR_NOOP("&Preferences…"), "show_preferences", "Ctrl+,", menu="Edit", section=2,
            description=QT_TR_NOOP("Edit the preferences")),
    _window("rename-document", QT_TR_NOOP("&Rename…"), "rename_document", "F2", menu="Document", attr="action_rename",
            description=QT_TR_NOOP("Rename the document")),
    _window("mark-done", QT_TR_NOOP("Mark &done"), "toggle_done", "Ctrl+D", menu="Document", attr="action_done",
            checkable=True, tip=QT_TR_NOOP("Mark the document done"),
            description=QT_TR_NOOP("Mark the document done, or not done")),
    _window("delete-document", QT_TR_NOOP("&Delete…"), "delete_document", menu="Document", attr="action_delete",
            description=QT_TR_NOOP("Delete the document and its spans (undoable)")),
    _window("next-document", QT_TR_NOOP("&Next document"), "next_document", "Ctrl+PgDown", menu="Document", section=1,
            description=QT_TR_NOOP("Open the next document of the list")),
    _window("previous-document", QT_TR_NOOP("&Previous document"), "previous_document", "Ctrl+PgUp", menu="Document",
            section=1, description=QT_TR_NOOP("Open the previous document of the list")),
    _window("next-span", QT_TR_NOOP("Next &span"), "next_span", "Alt+Down", menu="Document", section=1,
            description=QT_TR_NOOP("Select the next span")),
    _window("previous-span", QT_TR_NOOP("Previous s&pan"), "previous_span", "Alt+Up", menu="Document", section=1,
            description=QT_TR_NOOP("Select the previous span")),
    _window("zoom-in", QT_TR_NOOP("Zoom &in"), "zoom_in", "Ctrl++", "Ctrl+=", menu="View",
            description=QT_TR_NOOP("Larger text")),
    _window("zoom-out", QT_TR_NOOP("Zoom &out"), "zoom_out", "Ctrl+-", menu="View",
            description=QT_TR_NOOP("Smaller text")),
    _window("zoom-reset", QT_TR_NOOP("&Actual size"), "set_zoom", "Ctrl+0", menu="View", args=(0,),
            description=QT_TR_NOOP("Text at its normal size")),
    _window("show-spans", QT_TR_NOOP("Show spans &of"), None, menu="View", section=1, kind="submenu",
            attr="spans_menu"),
    _window("show-all", QT_TR_NOOP("&Everyone"), "set_annotator_filter", menu="View/show-spans", args=("all",),
            checkable=True, checked=True, group="annotator-filter", description=QT_TR_NOOP("Show everyone's spans")),
    _window("show-mine", QT_TR_NOOP("&Mine"), "set_annotator_filter", menu="View/show-spans", args=("mine",),
            checkable=True, group="annotator-filter", description=QT_TR_NOOP("Show only my spans")),
    _window("show-one", QT_TR_NOOP("&One annotator…"), "choose_annotator_filter", menu="View/show-spans",
            checkable=True,
            group="annotator-filter", description=QT_TR_NOOP("Show the spans of one annotator")),
    _window("find", QT_TR_NOOP("&Find in document…"), "find_bar.open_bar", "Ctrl+F", menu="View", section=2,
            description=QT_TR_NOOP("Find text in the document")),
    _window("find-next", QT_TR_NOOP("Find next"), "find_bar.find_next", "F3", menu="View", section=2,
            description=QT_TR_NOOP("Go to the next match")),
    _window("find-previous", QT_TR_NOOP("Find previous"), "find_bar.find_previous", "Shift+F3", menu="View", section=2,
            description=QT_TR_NOOP("Go to the previous match")),
    _window("next-pane", QT_TR_NOOP("Next &pane"), "cycle_focus", "F6", menu="View", section=3, args=(1,),
            description=QT_TR_NOOP("Move the focus to the next pane")),
    _window("previous-pane", QT_TR_NOOP("Previous pa&ne"), "cycle_focus", "Shift+F6", menu="View", section=3,
            args=(-1,),
            description=QT_TR_NOOP("Move the focus to the previous pane")),
    _window("show-reader", QT_TR_NOOP("&Reader"), "show_reader", "Ctrl+1", menu="View", section=4, checkable=True,
            checked=True, group="workspace", description=QT_TR_NOOP("Back to the reader from a workspace")),
    # Workspaces added by views (``add_workspace``) go between the reader and the views panel.
    _window("toggle-views", QT_TR_NOOP("&Views panel"), None, "Ctrl+Alt+V", menu="View", section=5, kind="dock-toggle",
            attr="action_toggle_views", description=QT_TR_NOOP("Show or hide the views panel")),
    # View → Theme (annotator.ui.appearance): the stored choice is checked when the window is made.
    _window("theme", QT_TR_NOOP("&Theme"), None, menu="View", section=6, kind="submenu", attr="theme_menu"),
    *(
        _window(f"theme-{mode}", text, "set_theme", menu="View/theme", args=(mode,), checkable=True, group="theme",
                description=description)
        for mode, text, description in (
            ("system", QT_TR_NOOP("Follow &system"), QT_TR_NOOP("Follow the system's light or dark colours")),
            ("light", QT_TR_NOOP("&Light"), QT_TR_NOOP("Dark text on a light background")),
            ("dark", QT_TR_NOOP("&Dark"), QT_TR_NOOP("Light text on a dark background")),
            ("contrast", QT_TR_NOOP("&High contrast"), QT_TR_NOOP("The strongest contrast, for low vision")),
        )
    ),
    _window("shortcuts", QT_TR_NOOP("&Keyboard shortcuts"), "show_shortcuts", "F1", menu="Help",
            description=QT_TR_NOOP("List every keyboard shortcut")),
    _window("about", QT_TR_NOOP("&About annotator"), "show_about", menu="Help",
            description=QT_TR_NOOP("Version and project file")),
)

# Window actions that plug-in views create when they are installed (``MainWindow.add_action``).
VIEW_ACTIONS: tuple[ActionSpec, ...] = (
    _window("new-from-clipboard", QT_TR_NOOP("New from &clipboard"), None, "Ctrl+Shift+V", menu="File",
            tip=QT_TR_NOOP("Make a document of the copied text (copied HTML is read as a web page)"),
            description=QT_TR_NOOP("New document from the copied text")),
    _window("document-properties", QT_TR_NOOP("&Properties…"), None, "Alt+Return", menu="Document",
            description=QT_TR_NOOP("The document's properties")),
    _window("link-span", QT_TR_NOOP("&Link selected span…"), None, "L", menu="Edit",
            description=QT_TR_NOOP("Link the selected span to another (Ctrl+L when a label's hotkey is L)")),
    _window("set-entity", QT_TR_NOOP("&Entity of selected span…"), None, "E", menu="Edit",
            description=QT_TR_NOOP(
                "Give the selected span a canonical entity (Ctrl+Shift+E when a label's hotkey is E)"
            )),
    _window("next-useful-document", QT_TR_NOOP("Ne&xt most useful document"), None, "Ctrl+Shift+N", menu="Tools",
            tip=QT_TR_NOOP("Open the unannotated document the model is least sure about"),
            description=QT_TR_NOOP("Open the document the trained suggester is least sure about")),
    _window("show-review", QT_TR_NOOP("&Review queue"), None, "Ctrl+Shift+R", menu="View",
            description=QT_TR_NOOP("Show the review queue in the views panel")),
    # A workspace's action (``add_workspace``): its text is the workspace's title, translated where it is made.
    _window("show-transfers-workspace", QT_TR_NOOP("Transfers workspace"), None, "Ctrl+3", menu="View",
            checkable=True, description=QT_TR_NOOP("Show the Transfers workspace")),
    _window("attribute-0", QT_TR_NOOP("Clear the first attribute"), None, "Alt+0",
            description=QT_TR_NOOP("Clear the selected span's first attribute")),
    *(
        _window(f"attribute-{n}", f"Set value {n} of the selected span's first attribute", None, f"Alt+{n}",
                keys_label="Alt+1…9", description=QT_TR_NOOP("Set the selected span's first attribute to value 1…9"),
                values=(("n", str(n)),))
        for n in range(1, 10)
    ),
)

# Keys of the reader with the focus in it, in the order they are tried. Label hotkeys come from the project.
READER_KEYS: tuple[ActionSpec, ...] = (
    ActionSpec("clear-span-selection", QT_TR_NOOP("Clear the span selection"), "clear_span_selection", ("Escape",),
               context=READER, when="span", overrides=False,
               description=QT_TR_NOOP("Clear the span selection (reader)")),
    ActionSpec("delete-span", QT_TR_NOOP("Delete the span"), "delete_selected", ("Delete",), context=READER,
               when="span",
               description=QT_TR_NOOP("Delete the selected span (reader)")),
    ActionSpec("accept-suggestion", QT_TR_NOOP("Accept"), "review_selected_suggestion", ("Return", "Enter"),
               args=(True,),
               context=READER, when="span", keys_label="Enter",
               description=QT_TR_NOOP("Accept the selected suggestion and go to the next one (reader)")),
    ActionSpec("reject-suggestion", QT_TR_NOOP("Reject"), "review_selected_suggestion", ("Backspace",), args=(False,),
               context=READER, when="span",
               description=QT_TR_NOOP("Reject the selected suggestion and go to the next one (reader)")),
    ActionSpec("span-start-earlier", QT_TR_NOOP("Start a word earlier"), "move_selected_boundary", ("Alt+Left",),
               args=("start", -1), context=READER, when="span", keys_label="Alt+Left, Alt+Right",
               description=QT_TR_NOOP("Move the start of the selected span by one word (reader)")),
    ActionSpec("span-start-later", QT_TR_NOOP("Start a word later"), "move_selected_boundary", ("Alt+Right",),
               args=("start", 1), context=READER, when="span", keys_label="Alt+Left, Alt+Right",
               description=QT_TR_NOOP("Move the start of the selected span by one word (reader)")),
    ActionSpec("span-end-earlier", QT_TR_NOOP("End a word earlier"), "move_selected_boundary", ("Alt+Shift+Left",),
               args=("end", -1), context=READER, when="span", keys_label="Alt+Shift+Left, Alt+Shift+Right",
               description=QT_TR_NOOP("Move the end of the selected span by one word (reader)")),
    ActionSpec("span-end-later", QT_TR_NOOP("End a word later"), "move_selected_boundary", ("Alt+Shift+Right",),
               args=("end", 1), context=READER, when="span", keys_label="Alt+Shift+Left, Alt+Shift+Right",
               description=QT_TR_NOOP("Move the end of the selected span by one word (reader)")),
    ActionSpec("relabel-span", QT_TR_NOOP("Relabel"), "relabel_selected", context=READER, when="span",
               match="relabel_key",
               keys_label=QT_TR_NOOP("1–9 (label hotkeys)"),
               description=QT_TR_NOOP("Relabel the selected span (reader)")),
    ActionSpec("edit-note", QT_TR_NOOP("Edit the note"), "edit_note", ("F2",), context=READER, when="span",
               match="note_key", keys_label="N, F2",
               description=QT_TR_NOOP("Edit the note of the selected span (reader)")),
    ActionSpec("tag-selection", QT_TR_NOOP("Tag"), "tag_by_key", context=READER, when="text", match="tag_key",
               keys_label=QT_TR_NOOP("1–9 (label hotkeys)"), description=QT_TR_NOOP("Tag the selected text (reader)")),
    ActionSpec("tag-exactly", QT_TR_NOOP("Tag exactly"), None, context=READER,
               keys_label=QT_TR_NOOP("Alt+label hotkey"),
               description=QT_TR_NOOP("Tag the selected text exactly as selected, without snapping to words (reader)")),
    ActionSpec("select-text", QT_TR_NOOP("Select text"), None, context=READER, keys_label=QT_TR_NOOP("Shift+arrows"),
               description=QT_TR_NOOP("Select text from the keyboard (reader)")),
    ActionSpec("next-span-tab", QT_TR_NOOP("Next span"), "select_neighbour_span", ("Tab",), args=(1,), context=READER,
               early=True, overrides=False, description=QT_TR_NOOP("Select the next span (reader)")),
    ActionSpec("previous-span-tab", QT_TR_NOOP("Previous span"), "select_neighbour_span",
               ("Shift+Tab", "Backtab", "Shift+Backtab"), args=(-1,), context=READER, early=True,
               overrides=False, keys_label="Shift+Tab", description=QT_TR_NOOP("Select the previous span (reader)")),
    ActionSpec("click-highlight", QT_TR_NOOP("Click"), None, context=READER,
               keys_label=QT_TR_NOOP("Click on a highlight"),
               description=QT_TR_NOOP("Select its smallest span; click again to cycle through the spans there")),
    ActionSpec("reader-zoom-in", QT_TR_NOOP("Zoom in"), "zoom_in", ("Ctrl++", "Ctrl+=", "Ctrl+Shift++", "Ctrl+Shift+="),
               context=READER, overrides=False, listed_in_help=False, description=QT_TR_NOOP("Larger text (reader)")),
    ActionSpec("reader-zoom-out", QT_TR_NOOP("Zoom out"), "zoom_out", ("Ctrl+-", "Ctrl+Shift+-"), context=READER,
               overrides=False, listed_in_help=False, description=QT_TR_NOOP("Smaller text (reader)")),
    ActionSpec("clear-text-selection", QT_TR_NOOP("Clear the selection"), "clear_text_selection", ("Escape",),
               context=READER, when="text", overrides=False,
               description=QT_TR_NOOP("Clear the text selection (reader)")),
)

# Keys of the span table (handled by the table itself, ui/panels/annotation_panel.py, which reads them here).
TABLE_KEYS: tuple[ActionSpec, ...] = (
    ActionSpec("table-go-to-span", QT_TR_NOOP("Go to the span"), None, ("Return", "Enter"), context=TABLE,
               keys_label="Enter", description=QT_TR_NOOP("Go to the span (span table)")),
    ActionSpec("table-accept-suggestion", QT_TR_NOOP("Accept"), None, ("Return", "Enter"), context=TABLE,
               keys_label="Enter", description=QT_TR_NOOP("Accept the selected suggestion (span table)")),
    ActionSpec("table-reject-suggestion", QT_TR_NOOP("Reject"), None, ("Backspace",), context=TABLE,
               description=QT_TR_NOOP("Reject the selected suggestion (span table)")),
    ActionSpec("table-delete-span", QT_TR_NOOP("Delete the span"), None, ("Delete",), context=TABLE,
               description=QT_TR_NOOP("Delete the span, undoably (span table)")),
)

# Keys that work with the focus in one view (``where``: its objectName), found there by ``view_binding``; the
# handler is a method of that view (None: the view's own widget does it, listed for Help and the README).
VIEW_KEYS: tuple[ActionSpec, ...] = (
    ActionSpec("review-approve", QT_TR_NOOP("Approve"), "approve", ("A",), context=VIEW, where="review-view",
               description=QT_TR_NOOP("Approve the current span and go to the next (review queue)")),
    ActionSpec("review-reject", QT_TR_NOOP("Reject"), "reject", ("R",), context=VIEW, where="review-view",
               description=QT_TR_NOOP("Reject the current span and go to the next (review queue)")),
    ActionSpec("review-correct", QT_TR_NOOP("Correct"), "correct", ("C",), context=VIEW, where="review-view",
               description=QT_TR_NOOP("Give the current span its right label, then approve it (review queue)")),
    ActionSpec("review-comment", QT_TR_NOOP("Comment"), "comment", ("M",), context=VIEW, where="review-view",
               description=QT_TR_NOOP("Write the current span's review comment (review queue)")),
    ActionSpec("transfers-open", QT_TR_NOOP("Open in the reader"), None, ("Enter",), context=VIEW,
               where="transfers-table", description=QT_TR_NOOP("Open the transfer in the reader (transfers table)")),
    ActionSpec("transfers-link-missing", QT_TR_NOOP("Link the missing party"), "link_missing", ("L",), context=VIEW,
               where="transfers-table",
               description=QT_TR_NOOP("Link the transfer's missing supplier, recipient or amount (transfers table)")),
    ActionSpec("map-zoom-in", QT_TR_NOOP("Zoom in"), "zoom_steps", ("+", "="), args=(1,), context=VIEW,
               where="transfers-map", keys_label="+", description=QT_TR_NOOP("Zoom in (transfers map)")),
    ActionSpec("map-zoom-out", QT_TR_NOOP("Zoom out"), "zoom_steps", ("-",), args=(-1,), context=VIEW,
               where="transfers-map", description=QT_TR_NOOP("Zoom out (transfers map)")),
    ActionSpec("map-fit", QT_TR_NOOP("Fit"), "fit", ("0",), context=VIEW, where="transfers-map",
               description=QT_TR_NOOP("Show the whole map (transfers map)")),
    ActionSpec("map-mouse", QT_TR_NOOP("Wheel, drag"), None, context=VIEW, where="transfers-map",
               keys_label=QT_TR_NOOP("Wheel, drag"),
               description=QT_TR_NOOP("Zoom; pan (background) or move a node, kept in the project (transfers map)")),
    ActionSpec("links-delete-link", QT_TR_NOOP("Delete the link"), "delete_current", ("Delete", "Backspace"),
               context=VIEW, where="links-view", keys_label="Delete",
               description=QT_TR_NOOP("Delete the selected link, undoably (links view)")),
    ActionSpec("find-bar-next", QT_TR_NOOP("Next match"), "find_next", ("Return", "Enter"), context=VIEW,
               where="find-bar", keys_label="Enter", description=QT_TR_NOOP("Go to the next match (find bar)")),
    ActionSpec("find-bar-previous", QT_TR_NOOP("Previous match"), "find_previous", ("Shift+Return", "Shift+Enter"),
               context=VIEW, where="find-bar", keys_label="Shift+Enter",
               description=QT_TR_NOOP("Go to the previous match (find bar)")),
    ActionSpec("find-bar-close", QT_TR_NOOP("Close"), "close_bar", ("Escape", "Shift+Escape"), context=VIEW,
               where="find-bar", keys_label="Escape",
               description=QT_TR_NOOP("Close the find bar and go back to the text (find bar)")),
    ActionSpec("timeline-clear-period", QT_TR_NOOP("Clear the period"), "clear_period", ("Escape",), context=VIEW,
               where="transfers-timeline", description=QT_TR_NOOP("Clear the chosen period (transfers timeline)")),
)

# Menus that end with a separator (plug-in views add their actions after it).
TRAILING_SEPARATORS = ("Document",)

LABEL_ROW = QT_TR_NOOP("Tag the selection as {name}, or relabel the selected span (reader)")


def spec(action_id: str) -> ActionSpec:
    """The declared action ``action_id`` (window, view, reader or table)."""
    for item in (*WINDOW_ACTIONS, *VIEW_ACTIONS, *READER_KEYS, *TABLE_KEYS, *VIEW_KEYS):
        if item.id == action_id:
            return item
    raise KeyError(action_id)


# -- the shortcuts list ------------------------------------------------------------------------------------


def shortcut_rows(specs: Iterable[ActionSpec]) -> list[tuple[str, str]]:
    """(keys, what they do) for the specs that have keys, each row once, in the specs' order, in the window's
    language."""
    rows: list[tuple[str, str]] = []
    for item in specs:
        if item.kind == "submenu" or not item.keys or not item.listed_in_help:
            continue
        row = (item.shown_keys, item.shown_listed)
        if row not in rows:
            rows.append(row)
    return rows


def reader_rows() -> list[tuple[str, str]]:
    """The reader's keys as listed in Help → Keyboard shortcuts."""
    return shortcut_rows(READER_KEYS)


def label_rows(labels: Iterable[Label]) -> list[tuple[str, str]]:
    """One row per label hotkey, in hotkey order (digits first, then letters), in the window's language (the
    label shown by its display name; the name itself is data)."""
    keyed = [label for label in labels if label.hotkey]
    keyed.sort(key=lambda label: (not str(label.hotkey).isdigit(), str(label.hotkey).lower()))
    return [(str(label.hotkey), tr_(LABEL_ROW).format(name=label_display(label.name))) for label in keyed]


def markdown_keys_table() -> str:
    """The README's keys table, generated from the tables above."""
    lines = ["| where | keys | does |", "|---|---|---|"]
    seen: set[tuple[str, str, str]] = set()
    for item in (*READER_KEYS, *TABLE_KEYS, *VIEW_KEYS, *WINDOW_ACTIONS, *VIEW_ACTIONS):
        if item.kind == "submenu" or not item.keys or not item.listed_in_help:
            continue
        where = {READER: "reader", TABLE: "span table", VIEW: item.where.replace("-", " ")}.get(item.context, "window")
        where += {"span": ", span selected", "text": ", text selected"}.get(item.when, "")
        if item.context == WINDOW and item.menu:
            where = f"{item.menu.split('/')[0]} menu"
        does = item.listed if item.context == WINDOW else re.sub(r" \([^()]*\)$", "", item.listed)  # "(reader)"
        if item.context == WINDOW and item.description and not item.keys_label:
            does = f"{item.name}: {item.description[0].lower()}{item.description[1:]}"
        row = (where, item.keys, does)
        if row in seen:
            continue
        seen.add(row)
        keys = " / ".join(f"`{k.strip()}`" for k in item.keys.split(", "))
        lines.append(f"| {where} | {keys} | {does} |")
    return "\n".join(lines) + "\n"


# -- building the window's actions ------------------------------------------------------------------------


def key_sequences(item: ActionSpec) -> list[QKeySequence]:
    """The spec's shortcuts as key sequences."""
    return [QKeySequence(s) for s in item.shortcuts]


def resolve(owner: object, dotted: str) -> Callable[..., Any]:
    """``owner.a.b`` for ``"a.b"``, looked up when called (tests may replace a method on the instance)."""
    target: Any = owner
    for part in dotted.split("."):
        target = getattr(target, part)
    return target


def make_action(owner: QWidget, item: ActionSpec, slot: Callable[[], Any] | None = None) -> QAction:
    """A window-wide QAction for ``item``, run by ``slot`` (default: the spec's handler on ``owner``)."""
    action = QAction(item.shown_text, owner)
    action.setObjectName(item.object_name)
    if item.shortcuts:
        action.setShortcuts(key_sequences(item))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    if item.tip:
        action.setStatusTip(tr_(item.tip))
        action.setToolTip(tr_(item.tip))
    action.setCheckable(item.checkable)
    action.setChecked(item.checked)
    if slot is None and item.handler is not None:
        handler, args = item.handler, item.args
        action.triggered.connect(lambda _checked=False: resolve(owner, handler)(*args))
    elif slot is not None:
        action.triggered.connect(lambda _checked=False: slot())
    owner.addAction(action)  # window-wide shortcuts, also with the menu bar hidden
    return action


@dataclass
class BuiltMenus:
    """What ``build_window_actions`` made: actions by id, submenus, exclusive groups, section separators."""

    actions: dict[str, QAction] = field(default_factory=dict)
    submenus: dict[str, QMenu] = field(default_factory=dict)
    groups: dict[str, QActionGroup] = field(default_factory=dict)
    separators: dict[str, QAction] = field(default_factory=dict)  # "<menu>:<section>" → its separator


def build_window_actions(
    window: QWidget,
    menu_of: Callable[[str], QMenu],
    dock_toggle: Callable[[], QAction],
    specs: Iterable[ActionSpec] = WINDOW_ACTIONS,
) -> BuiltMenus:
    """Create the window's actions and menus from ``specs``; each action is also set as ``window.<attr>``."""
    built = BuiltMenus()
    last_section: dict[str, int] = {}
    for item in specs:
        made: QObject
        if item.kind == "submenu":
            made = QMenu(item.shown_text, window)
            made.setObjectName(item.object_name)
            if item.handler is not None:
                handler = item.handler
                made.aboutToShow.connect(lambda h=handler: resolve(window, h)())
            built.submenus[item.id] = made
        elif item.kind == "dock-toggle":
            made = dock_toggle()
            made.setObjectName(item.object_name)
            made.setText(item.shown_text)
            made.setShortcuts(key_sequences(item))
        else:
            made = make_action(window, item)
            if item.group is not None:
                group = built.groups.get(item.group) or QActionGroup(window)
                built.groups[item.group] = group
                group.addAction(made)
        if not isinstance(made, QMenu):
            built.actions[item.id] = made  # type: ignore[assignment]
        setattr(window, item.attr or f"action_{item.id.replace('-', '_')}", made)
        if item.menu is None:
            continue
        top, _, sub = item.menu.partition("/")
        menu = built.submenus[sub] if sub else menu_of(top)
        if not sub and top in last_section and last_section[top] != item.section:
            built.separators[f"{top}:{item.section}"] = menu.addSeparator()
        last_section[top] = item.section
        if isinstance(made, QMenu):
            menu.addMenu(made)
        else:
            menu.addAction(made)  # type: ignore[arg-type]
    for top in TRAILING_SEPARATORS:
        menu_of(top).addSeparator()
    return built


# -- the reader's key dispatch ------------------------------------------------------------------------------

_KEYPAD = Qt.KeyboardModifier.KeypadModifier


@cache
def _reader_table() -> tuple[tuple[ActionSpec, frozenset[tuple[int, int]]], ...]:
    return tuple((item, _combos(item)) for item in READER_KEYS if item.handler is not None)


def reader_binding(
    event: QKeyEvent, state: str, matcher: Callable[[str, QKeyEvent], tuple[Any, ...] | None], *, early: bool = False
) -> tuple[ActionSpec, tuple[Any, ...]] | None:
    """The reader key ``event`` runs in ``state`` ("span": a span selected; "text": text selected, no span;
    "both": a span and text selected; "none"), with its arguments; None: not a reader key.

    ``matcher(name, event)`` answers the keys that depend on the project (label hotkeys, N for notes)."""
    combo = (int(event.key()), int((event.modifiers() & ~_KEYPAD).value))
    for item, combos in _reader_table():
        if item.early != early or not _applies(item.when, state):
            continue
        if combo in combos:
            return item, item.args
        if item.match is not None:
            args = matcher(item.match, event)
            if args is not None:
                return item, args
    return None


# -- keys of one view ------------------------------------------------------------------------------------------


def _combos(item: ActionSpec) -> frozenset[tuple[int, int]]:
    """(key, modifiers) of each of the spec's shortcuts."""
    found = set()
    for sequence in key_sequences(item):
        combination = sequence[0]
        found.add((int(combination.key().value), int(combination.keyboardModifiers().value)))
    return frozenset(found)


@cache
def _view_table(where: str) -> tuple[tuple[ActionSpec, frozenset[tuple[int, int]]], ...]:
    return tuple((item, _combos(item)) for item in (*VIEW_KEYS, *TABLE_KEYS) if (item.where or item.context) == where)


def is_key(item: ActionSpec, event: QKeyEvent, ignoring: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> bool:
    """Whether ``event`` is one of ``item``'s shortcuts, the modifiers in ``ignoring`` left aside."""
    combo = (int(event.key()), int((event.modifiers() & ~ignoring).value))
    return any(combo == (key, mods & ~int(ignoring.value)) for key, mods in _combos(item))


def view_binding(
    where: str, event: QKeyEvent, ignoring: Qt.KeyboardModifier = _KEYPAD
) -> ActionSpec | None:
    """The key of view ``where`` (its objectName; ``"table"`` for the span table) that ``event`` is, if any,
    the modifiers in ``ignoring`` left aside (the transfers map zooms with + however it is typed)."""
    combo = (int(event.key()), int((event.modifiers() & ~ignoring).value))
    for item, combos in _view_table(where):
        if any(combo == (key, mods & ~int(ignoring.value)) for key, mods in combos):
            return item
    return None


def _applies(when: str, state: str) -> bool:
    if when == "any":
        return True
    if when == "span":
        return state in ("span", "both")
    return state in ("text", "both")  # "text"


__all__ = [
    "READER",
    "READER_KEYS",
    "TABLE",
    "TABLE_KEYS",
    "VIEW",
    "VIEW_ACTIONS",
    "VIEW_KEYS",
    "WINDOW",
    "WINDOW_ACTIONS",
    "ActionSpec",
    "BuiltMenus",
    "build_window_actions",
    "is_key",
    "label_rows",
    "make_action",
    "markdown_keys_table",
    "reader_binding",
    "reader_rows",
    "shortcut_rows",
    "spec",
    "view_binding",
]
