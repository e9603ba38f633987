"""Links between spans: a panel listing the current document's links, and the link picker.

With a span selected in the reader, ``L`` starts a link: a picker lists the spans of the document
the link schema allows for that span's label (nearest first; arrows and Enter, type to filter), and
a click on a span in the reader picks it too; then the role is chosen (automatically when only one
fits). A link can also be made from an actor to its transfer: the picker offers the schema's
direction. The panel lists every link as ``from —role→ to``; selecting one shows its spans, its
role can be changed and Delete removes it. Every edit is an undoable command.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Link, LinkType, Span, ValidationError
from annotator.services.schema_io import (
    read_schema,
    write_schema,
)
from annotator.store.errors import NotFound
from annotator.store.project import RELOAD_KINDS, SPAN_KINDS, Change, ChangeKind, Project
from annotator.ui.accessibility import name_widgets
from annotator.ui.actions import resolve, spec, view_binding
from annotator.ui.commands import AddLinkCommand, DeleteLinkCommand, UpdateLinkCommand
from annotator.ui.editing import LINK_GONE
from annotator.ui.i18n import tr_, trn_
from annotator.ui.plain_text import plain_label, tooltip, window_title
from annotator.ui.views._link_schema import (  # the schema editor, importable from here too
    ApplySchemaCommand,
    LinkSchemaDialog,
    report_disallowed,
    show_link_schema,
)

__all__ = [
    "ApplySchemaCommand",
    "LinkOption",
    "LinkPicker",
    "LinkSchemaDialog",
    "LinksPanel",
    "allowed_roles",
    "ask_schema_path",
    "describe_link",
    "export_schema",
    "import_schema",
    "install",
    "link_candidates",
    "link_options",
    "report_disallowed",
    "short",
    "show_link_schema",
    "span_context",
    "start_link",
]

ORDER = 60
LINK_KEY = spec("link-span").shortcuts[0]  # L
LINK_KEY_FALLBACK = "Ctrl+L"
_SHORT = 40
_BREAKS = re.compile(r"[ \t\r\n\f\v]+")  # not the no-break spaces inside numbers


@dataclass(frozen=True, slots=True)
class LinkOption:
    """One way to link the source span to a candidate: a role, in the schema's direction."""

    role: str
    from_span: str
    to_span: str
    reversed: bool = False


def short(text: str, limit: int = _SHORT) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = _BREAKS.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def link_options(link_types: list[LinkType], source: Span, target: Span) -> list[LinkOption]:
    """The links the schema allows between two spans, from ``source`` first, then the reverse way."""
    if source.id == target.id or source.document_id != target.document_id:
        return []
    options = [
        LinkOption(lt.role, source.id, target.id)
        for lt in link_types
        if lt.from_label == source.label and target.label in lt.to_labels
    ]
    options += [
        LinkOption(lt.role, target.id, source.id, reversed=True)
        for lt in link_types
        if lt.from_label == target.label and source.label in lt.to_labels
    ]
    return options


def link_candidates(project: Project, source: Span) -> list[tuple[Span, list[LinkOption]]]:
    """Spans of the source's document it can be linked to (nearest first), each with its options."""
    types = project.link_types()
    existing = {(lk.from_span, lk.to_span, lk.role) for lk in project.links(source.document_id)}
    result = []
    for span in project.spans(source.document_id, statuses=("accepted", "suggested")):
        options = [o for o in link_options(types, source, span) if (o.from_span, o.to_span, o.role) not in existing]
        if options:
            result.append((span, options))
    result.sort(key=lambda item: (abs(item[0].start - source.start), item[0].sort_key))
    return result


def describe_link(project: Project, link: Link) -> str:
    """``from —role→ to`` with each span's text (and label) shortened."""
    source, target = project.span(link.from_span), project.span(link.to_span)
    return f"{short(source.text)} —{link.role}→ {short(target.text)}"


def allowed_roles(project: Project, link: Link) -> list[str]:
    """Roles the schema allows between a link's two spans, in its direction."""
    source, target = project.span(link.from_span), project.span(link.to_span)
    return [o.role for o in link_options(project.link_types(), source, target) if not o.reversed]


def span_context(text: str, span: Span, width: int = 36) -> str:
    """The span in its sentence's words, on one line: "…a fourni à [la Russie] des munitions…"."""
    start = max(0, span.start - width)
    end = min(len(text), span.end + width)
    before = " ".join(text[start : span.start].split("\n")[-1].split())
    after = " ".join(text[span.end : end].split("\n")[0].split())
    cut_before = start > 0 and "\n" not in text[start : span.start]
    cut_after = end < len(text) and "\n" not in text[span.end : end]
    words = [f"{'…' * cut_before}{before}", f"[{' '.join(span.text.split())}]", f"{after}{'…' * cut_after}"]
    return " ".join(word for word in words if word)

class _ListKeys(QObject):
    """Lets a filter box drive its list: arrows move, Enter picks, Escape cancels."""

    def __init__(self, line: QLineEdit, listing: QListWidget, accept, reject) -> None:
        super().__init__(line)
        self.listing = listing
        self.accept = accept
        self.reject = reject
        line.installEventFilter(self)
        listing.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown) and isinstance(
            watched, QLineEdit
        ):
            row = self.listing.currentRow()
            step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -10, Qt.Key.Key_PageDown: 10}[key]
            rows = [r for r in range(self.listing.count()) if not self.listing.item(r).isHidden()]
            if rows:
                current = rows.index(row) if row in rows else -1
                self.listing.setCurrentRow(rows[max(0, min(len(rows) - 1, current + step))])
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
            return True
        if key == Qt.Key.Key_Escape:
            self.reject()
            return True
        return False


class LinkPicker(QDialog):
    """Chooses the target of a new link (from the list or by a click in the reader), then its role."""

    linked = Signal(object)  # the AddLinkCommand that ran

    def __init__(self, window, source_id: str) -> None:
        super().__init__(window)
        self.setObjectName("link-picker")
        self.window_ = window
        self.project: Project = window.project
        self.source = self.project.span(source_id)
        self.target: Span | None = None
        self.options: list[LinkOption] = []
        self.setWindowTitle(window_title(tr_("Link “{text}” to…").format(text=short(self.source.text))))
        self.prompt = plain_label(
            tr_("Link {label} “{text}” to (or click a span in the text):").format(
                label=self.source.label, text=short(self.source.text)
            )
        )
        self.filter = QLineEdit(objectName="link-picker-filter")
        self.filter.setPlaceholderText(tr_("Type to filter"))
        self.listing = QListWidget(objectName="link-picker-list")
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.filter)
        layout.addWidget(self.listing)
        self.candidates = {span.id: (span, options) for span, options in link_candidates(self.project, self.source)}
        text = self.project.document_text(self.source.document_id)
        names = [
            tr_("{label}: {text}").format(label=span.label, text=short(span.text, 60))
            for span, _options in self.candidates.values()
        ]
        for (span, _options), name in zip(self.candidates.values(), names, strict=True):
            if names.count(name) > 1:  # the same words twice ("actor: la Russie"): told apart by line and context
                line = text.count(chr(10), 0, span.start) + 1
                name += tr_(" — line {line}: {context}").format(line=line, context=span_context(text, span))
            item = QListWidgetItem(name)
            item.setToolTip(tooltip(span_context(text, span, 160)))
            item.setData(Qt.ItemDataRole.UserRole, span.id)
            self.listing.addItem(item)
        if self.listing.count():
            self.listing.setCurrentRow(0)
        self.filter.textChanged.connect(self._apply_filter)
        self.listing.itemActivated.connect(lambda _item: self.choose())
        self._keys = _ListKeys(self.filter, self.listing, self.choose, self.reject)
        window.reader.selectedSpanChanged.connect(self._reader_selected)
        self._listening = True
        self.finished.connect(self._disconnect)
        self.setModal(False)
        name_widgets(self)

    @property
    def stage(self) -> str:
        """``target`` while choosing the span, ``role`` while choosing the role."""
        return "target" if self.target is None else "role"

    def _disconnect(self) -> None:
        if self._listening:
            self._listening = False
            self.window_.reader.selectedSpanChanged.disconnect(self._reader_selected)

    def _apply_filter(self, text: str) -> None:
        needle = text.casefold().strip()
        first = None
        for row in range(self.listing.count()):
            item = self.listing.item(row)
            hidden = bool(needle) and needle not in item.text().casefold()
            item.setHidden(hidden)
            if not hidden and first is None:
                first = row
        if first is not None:
            self.listing.setCurrentRow(first)

    def _reader_selected(self, span_id: object) -> None:
        if self.stage != "target" or not span_id or span_id == self.source.id:
            return
        if span_id in self.candidates:
            self.choose_target(str(span_id))
        else:
            self.window_.show_message(tr_("That span cannot be linked to the selected one (see the link schema)."))

    def choose(self) -> None:
        """Take the current list entry: a target span, or (second stage) a role."""
        item = self.listing.currentItem()
        if item is None or item.isHidden():
            return
        value = item.data(Qt.ItemDataRole.UserRole)
        if self.stage == "target":
            self.choose_target(value)
        else:
            self.finish(self.options[int(value)])

    def _still_allowed(self, target_id: str) -> list[LinkOption] | None:
        """The options between the source and ``target_id`` as they are now, read again from the file (the list
        was made when the picker opened; either span may have been relabelled or deleted since); None, said
        in the status bar, with the picker closed, when there is none any more."""
        source = self.window_.live_span(self.source.id)
        target = self.window_.live_span(target_id) if source is not None else None
        options: list[LinkOption] = []
        if source is not None and target is not None and target.status in ("accepted", "suggested"):
            existing = {(lk.from_span, lk.to_span, lk.role) for lk in self.project.links(span_ids=[source.id])}
            options = [
                o
                for o in link_options(self.project.link_types(), source, target)
                if (o.from_span, o.to_span, o.role) not in existing
            ]
            if not options:
                said = tr_("{label} “{text}” cannot be linked to {other} “{other_text}” any more: see the link schema")
                self.window_.show_message(
                    said.format(
                        label=target.label, text=short(target.text), other=source.label, other_text=short(source.text)
                    )
                )
        if not options:
            self._disconnect()
            self.reject()
            return None
        assert source is not None and target is not None
        self.source, self.target = source, target
        return options

    def choose_target(self, span_id: str) -> None:
        """Target chosen: link at once when one role fits, else list the roles."""
        options = self._still_allowed(span_id)
        if options is None:
            return
        self.options = options
        if len(self.options) == 1:
            self.finish(self.options[0])
            return
        self.prompt.setText(tr_("Role of “{text}”:").format(text=short(self.target.text)))
        self.filter.clear()
        self.listing.clear()
        for index, option in enumerate(self.options):
            src = self.source if not option.reversed else self.target
            dst = self.target if not option.reversed else self.source
            item = QListWidgetItem(f"{option.role} ({src.label} → {dst.label})")
            item.setData(Qt.ItemDataRole.UserRole, index)
            self.listing.addItem(item)
        self.listing.setCurrentRow(0)
        # After a click in the reader the main window has the keys: give them back for the role.
        if not self.isActiveWindow():
            self.activateWindow()
        self.filter.setFocus()

    def finish(self, option: LinkOption) -> None:
        """Create the link through the window's undo stack, then close."""
        assert self.target is not None
        still = self._still_allowed(self.target.id)
        if still is None:
            return
        if option not in still:
            self.window_.show_message(
                tr_("The link schema no longer allows {role} here: choose again (L)").format(role=option.role)
            )
            self._disconnect()
            self.reject()
            return
        command = AddLinkCommand(
            self.project, option.from_span, option.to_span, option.role, annotator=self.window_.annotator
        )
        self._disconnect()
        ok = self.window_.run_command(command)
        if ok:
            self.window_.show_message(tr_("Linked: {link}").format(link=describe_link(self.project, command.link)))
            self.linked.emit(command)
        self.accept()
        # Back on the span the link started from, ready for the next link.
        self.window_.select_span(self.source.id)


class LinksPanel(QWidget):
    """The links of the text on screen and of the selected span; selectable, role editable, deletable.

    What it lists follows the reader: the links whose spans touch the visible lines, and every link of
    the selected span, read through the span and link indexes (so a long document costs what is on
    screen). Hidden, it computes nothing: it is brought up to date when shown. A change updates it only
    when it concerns a link or a span it lists.
    """

    SCROLL_DELAY_MS = 40

    def __init__(self, window) -> None:
        super().__init__()
        self.setObjectName("links-view")
        self.window_ = window
        self.project: Project = window.project
        self.document_id: int | None = None
        self._shown_links: dict[str, tuple[str, str]] = {}
        self._range: tuple[int, int] = (0, 0)
        self._dirty = True
        self.refreshes = 0  # how often the list was read (tests look at it)
        self.listing = QListWidget(objectName="links-list")
        self.role = QComboBox(objectName="link-role")
        self.role.setToolTip(tr_("Role of the selected link (only roles the link schema allows)"))
        self.delete_button = QPushButton(tr_("Delete link"), objectName="link-delete")
        self.new_button = QPushButton(tr_("New link… (L)"), objectName="link-new")
        self.scope = QLabel(tr_("Links of the text on screen and of the selected span"), objectName="links-scope")
        self.scope.setEnabled(False)
        self.listing.installEventFilter(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr_("Role:")))
        row.addWidget(self.role, 1)
        row.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.new_button)
        layout.addWidget(self.scope)
        layout.addWidget(self.listing, 1)
        layout.addLayout(row)
        self.listing.currentItemChanged.connect(self._current_changed)
        self.listing.itemActivated.connect(self._show_link)
        self.listing.itemClicked.connect(self._show_link)
        self.role.activated.connect(self._role_chosen)
        self.delete_button.clicked.connect(self.delete_current)
        self.new_button.clicked.connect(lambda: start_link(window))
        # Scrolling the reader changes the lines on screen: the list follows once the scrolling pauses.
        self.scroll_timer = QTimer(self)
        self.scroll_timer.setSingleShot(True)
        self.scroll_timer.setInterval(self.SCROLL_DELAY_MS)
        self.scroll_timer.timeout.connect(self._follow_reader)
        window.reader.verticalScrollBar().valueChanged.connect(self._reader_scrolled)
        window.signals.changed.connect(self._changed)
        window.documentOpened.connect(self.set_document)
        window.reader.selectedSpanChanged.connect(self._selection_changed)
        self.document_id = window.current_document_id()

    # -- when to read -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def _stale(self) -> None:
        """Read again now if shown, else when shown."""
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def set_document(self, document_id: int | None) -> None:
        """Show the links of this document."""
        self.document_id = document_id
        self._stale()

    def _reader_scrolled(self, _value: int) -> None:
        if self.isVisible():
            self.scroll_timer.start()
        else:
            self._dirty = True

    def _follow_reader(self) -> None:
        if self.isVisible() and self.window_.reader.visible_range() != self._range:
            self.refresh()

    def _selection_changed(self, span_id: object) -> None:
        if not self.isVisible():
            self._dirty = True
            return
        listed = any(span_id in ends for ends in self._shown_links.values())
        if span_id and not listed and self.project.links(span_ids=[str(span_id)]):
            self.refresh()  # a span whose links are off screen: list them too
        else:
            self._mark_links_of(span_id)

    def _changed(self, change: Change) -> None:
        kind = change.kind
        if kind == ChangeKind.SPANS_DELETED and change.links_before and change.touches_document(self.document_id):
            gone = len(change.links_before)
            self.window_.show_message(
                trn_("%n link(s) of the deleted span went with it (undo brings [it|them] back)", "", gone)
            )
        if kind in RELOAD_KINDS or kind == ChangeKind.LABELS_CHANGED:
            self._stale()
        elif kind == ChangeKind.DOCUMENTS_CHANGED and change.touches_document(self.document_id):
            if self.document_id is not None and self.project.document_summary(self.document_id) is None:
                self.document_id = None
            self._stale()
        elif kind == ChangeKind.LINKS_CHANGED and change.touches_document(self.document_id):
            self._stale()
        elif kind in SPAN_KINDS and change.touches_document(self.document_id):
            if not change.has_rows or change.links_before or change.links_after:
                self._stale()
                return
            # A span edit matters only for the links listed with it (their texts and labels are shown).
            shown = {end for ends in self._shown_links.values() for end in ends}
            if shown.intersection(change.ids):
                self._stale()

    # -- the list -------------------------------------------------------------------------------

    def _mark_links_of(self, span_id: object) -> None:
        """Bold the links that touch the span selected in the reader."""
        for row in range(self.listing.count()):
            item = self.listing.item(row)
            ends = item.data(Qt.ItemDataRole.UserRole + 1) or ()
            font = item.font()
            font.setBold(bool(span_id) and span_id in ends)
            item.setFont(font)

    def current_link_id(self) -> str | None:
        """Id of the selected link, if any."""
        item = self.listing.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def refresh(self) -> None:
        """Read the links of the text on screen and of the selected span again, keeping the selection."""
        self._dirty = False
        self.refreshes += 1
        reader = self.window_.reader
        keep = self.current_link_id()
        found: dict[str, tuple[Link, Span, Span]] = {}
        if self.document_id is not None and reader.document_id() == self.document_id:
            self._range = reader.visible_range()
            for entry in self.project.links_near(self.document_id, *self._range):
                found[entry[0].id] = entry
            selected = reader.selected_span_id()
            if selected is not None:
                for entry in self.project.links_of_spans([selected]):
                    found[entry[0].id] = entry
        links = sorted(found.values(), key=lambda e: (e[1].sort_key, e[0].role, e[2].sort_key, e[0].id))
        allowed = {(lt.role, lt.from_label, to) for lt in self.project.link_types() for to in lt.to_labels}
        self.listing.blockSignals(True)
        self.listing.clear()
        self._shown_links = {link.id: (link.from_span, link.to_span) for link, _, _ in links}
        for link, source, target in links:
            text = f"{short(source.text)} —{link.role}→ {short(target.text)}"
            tip = tr_("{label} “{text}” —{role}→ {target_label} “{target_text}”").format(
                label=source.label, text=source.text, role=link.role, target_label=target.label, target_text=target.text
            )
            if (link.role, source.label, target.label) not in allowed:
                # Relabelled spans or an edited schema can leave a link the schema no longer allows.
                text += "  ⚠ " + tr_("not in the link schema")
                tip += "\n" + tr_("The link schema has no role '{role}' from {source} to {target}.").format(
                    role=link.role, source=source.label, target=target.label
                )
            if link.note:  # brat notes on relations and events come in as link notes
                text += "  ✎"
                tip += "\n" + tr_("Note: {note}").format(note=link.note)
            item = QListWidgetItem(text)
            item.setToolTip(tooltip(tip))
            item.setData(Qt.ItemDataRole.UserRole, link.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, (link.from_span, link.to_span))
            self.listing.addItem(item)
            if link.id == keep:
                self.listing.setCurrentItem(item)
        self.listing.blockSignals(False)
        self._mark_links_of(reader.selected_span_id())
        self._current_changed()

    def _live_link(self, link_id: str) -> Link | None:
        """The link read again from the file; None, said in the status bar, if it was deleted elsewhere (the
        window then catches up with the file)."""
        try:
            return self.project.link(link_id)
        except NotFound:
            self.window_.poll_external_changes()
            self.window_.show_message(tr_(LINK_GONE))
            return None

    def _current_changed(self, *_args: object) -> None:
        link_id = self.current_link_id()
        link = self._live_link(link_id) if link_id is not None else None
        if link_id is not None and link is None:
            return  # gone: the catching up re-listed the links
        self.role.blockSignals(True)
        self.role.clear()
        if link is not None:
            roles = allowed_roles(self.project, link)
            if link.role not in roles:
                roles.insert(0, link.role)
            self.role.addItems(roles)
            self.role.setCurrentText(link.role)
        self.role.setEnabled(link is not None and self.role.count() > 1)
        self.delete_button.setEnabled(link is not None)
        self.role.blockSignals(False)

    def _show_link(self, item: QListWidgetItem) -> None:
        link = self._live_link(item.data(Qt.ItemDataRole.UserRole))
        if link is None:
            return
        # Both ends scrolled to (they are in one document), the link's source left selected.
        self.window_.select_span(link.to_span)
        self.window_.select_span(link.from_span)
        self.window_.show_message(describe_link(self.project, link))

    def _role_chosen(self, index: int) -> None:
        link_id = self.current_link_id()
        role = self.role.itemText(index)
        link = self._live_link(link_id) if link_id is not None else None
        if link is None or not role or role == link.role:
            return
        self.window_.run_command(UpdateLinkCommand(self.project, link_id, role=role))

    def delete_current(self) -> None:
        """Delete the selected link (undoable)."""
        link_id = self.current_link_id()
        if link_id is not None:
            row = self.listing.currentRow()
            self.window_.run_command(DeleteLinkCommand(self.project, link_id))
            if self.listing.count():
                self.listing.setCurrentRow(min(row, self.listing.count() - 1))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.listing and event.type() == QEvent.Type.KeyPress:
            # Delete or Backspace, with any modifier (declared in the action table)
            item = view_binding(self.objectName(), event, ignoring=Qt.KeyboardModifier.KeyboardModifierMask)
            if item is not None and item.handler is not None:
                resolve(self, item.handler)(*item.args)
                return True
        return super().eventFilter(watched, event)


def start_link(window) -> LinkPicker | None:
    """Open the link picker for the span selected in the reader (a message when there is none)."""
    span_id = window.reader.selected_span_id()
    if not span_id:
        window.show_message(tr_("Select a span first, then press L to link it."))
        return None
    if window.live_span(span_id) is None:
        return None
    existing = window.findChild(LinkPicker, "link-picker")
    if existing is not None:
        existing.reject()
        existing.deleteLater()
    picker = LinkPicker(window, span_id)
    if not picker.candidates:
        window.show_message(tr_("No span of this document can be linked to the selected one (see the link schema)."))
        picker.deleteLater()
        return None
    picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    # Keyboard users land back in the reader, on the linked span, when the picker closes.
    picker.finished.connect(lambda _result: (window.activateWindow(), window.reader.setFocus()))
    picker.show()
    picker.filter.setFocus()
    return picker


def ask_schema_path(parent: QWidget, saving: bool) -> str | None:
    """Ask for a schema file (a file dialog); None when cancelled."""
    if saving:
        path, _ = QFileDialog.getSaveFileName(parent, tr_("Export schema"), "schema.toml", "TOML (*.toml)")
    else:
        path, _ = QFileDialog.getOpenFileName(parent, tr_("Import schema"), "", "TOML (*.toml)")
    return path or None


def export_schema(window, path: str | None = None) -> bool:
    """Write the project's label and link schema to a TOML file."""
    path = path or ask_schema_path(window, True)
    if not path:
        return False
    try:
        write_schema(window.project, path)
    except OSError as exc:
        window.show_message(tr_("Cannot write the schema: {error}").format(error=exc.strerror or exc))
        return False
    window.show_message(tr_("Schema exported."))
    return True


def import_schema(window, path: str | None = None) -> bool:
    """Apply a schema TOML file to the project (one undoable step)."""
    path = path or ask_schema_path(window, False)
    if not path:
        return False
    try:
        schema = read_schema(path, window.project)
    except OSError as exc:
        window.show_message(tr_("Cannot read the schema: {error}").format(error=exc.strerror or exc))
        return False
    except ValidationError as exc:
        window.show_message(str(exc))
        return False
    command = ApplySchemaCommand(window.project, schema, tr_("Import schema"))
    if not window.run_command(command):
        return False
    report_disallowed(window, command.report)
    if not command.report.disallowed_links:
        window.show_message(
            trn_("Schema imported: %n label(s) added, {updated} updated.", "", len(command.report.labels_added)).format(
                updated=len(command.report.labels_updated)
            )
        )
    return True


def _link_shortcut(project: Project) -> str:
    # A label whose hotkey is L keeps its key; linking moves to Ctrl+L.
    taken = {(lab.hotkey or "").upper() for lab in project.labels(include_retired=False)}
    return LINK_KEY_FALLBACK if LINK_KEY in taken else LINK_KEY


def install(window) -> None:
    """Add the links panel, and Edit → Link selected span (L)."""
    panel = LinksPanel(window)
    window.add_view(panel, tr_("Links"))
    action = window.add_action("link-span", lambda: start_link(window))  # declared in annotator.ui.actions
    action.setShortcut(QKeySequence(_link_shortcut(window.project)))
    tools = window.menu("&Tools")
    for text, name, slot in (
        (tr_("Link &schema…"), "action-link-schema", lambda: show_link_schema(window)),
        (tr_("&Export label and link schema…"), "action-export-schema", lambda: export_schema(window)),
        (tr_("&Import label and link schema…"), "action-import-schema", lambda: import_schema(window)),
    ):
        tool = QAction(text, window)
        tool.setObjectName(name)
        tool.triggered.connect(slot)
        tools.addAction(tool)

    def labels_changed(change: Change) -> None:
        if change.kind in (ChangeKind.LABELS_CHANGED, ChangeKind.EXTERNAL):
            action.setShortcut(QKeySequence(_link_shortcut(window.project)))

    window.signals.changed.connect(labels_changed)
