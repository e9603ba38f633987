"""One name per actor: point an actor span at a canonical entity, picked or created on the spot.

With an actor span selected, ``E`` opens a picker of the project's entities, the suggestions first
(entities other spans with the same text already use), filtered as one types; a name that matches no
entity offers to create it. The choice is one undoable step (creating the entity and setting it).

The Entities panel (a tab of the views panel) lists every canonical entity across documents with the
names the documents use for it (its aliases) and every mention with its document; a mention opens in the
reader. Selecting several entities and Merge makes them one ("la Corée du Nord", "North Korea" and
"Pyongyang" one actor on the transfers map), as one undoable step.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Entity, Span
from annotator.store.errors import StoreError
from annotator.store.project import RELOAD_KINDS, SPAN_KINDS, Change, ChangeKind, Project
from annotator.ui.accessibility import name_widgets
from annotator.ui.actions import spec
from annotator.ui.commands import MacroCommand, MergeEntitiesCommand, ProjectCommand
from annotator.ui.i18n import tr_, trn_
from annotator.ui.plain_text import plain_label, window_title
from annotator.ui.views._lazy import RefreshWhenShown

ORDER = 62
ENTITY_KEY = spec("set-entity").shortcuts[0]  # E
ENTITY_KEY_FALLBACK = "Ctrl+Shift+E"  # Ctrl+E is Export
ENTITY_LABELS = ("actor",)
_CREATE = "create"
_CLEAR = "clear"


def entity_suggestions(project: Project, span: Span) -> list[Entity]:
    """Entities used by other spans with the same text (case and spacing ignored), most used first."""
    wanted = " ".join(span.text.split()).casefold()
    counts: dict[int, int] = {}
    for other in project.spans(labels=[span.label], statuses=("accepted", "suggested")):
        if other.entity_id is not None and other.id != span.id and " ".join(other.text.split()).casefold() == wanted:
            counts[other.entity_id] = counts.get(other.entity_id, 0) + 1
    by_id = {e.id: e for e in project.entities()}
    ranked = sorted(counts, key=lambda eid: (-counts[eid], by_id[eid].name.casefold()))
    return [by_id[eid] for eid in ranked if eid in by_id]


def _delete_unused_entity(project: Project, entity_id: int) -> None:
    # Undoing a creation removes the entity again if nothing uses it.
    project.delete_unused_entity(entity_id)


class SetEntityCommand(ProjectCommand):
    """Point a span at an entity (given by id, or by a name created if new), or at none."""

    def __init__(self, project: Project, span_id: str, *, entity_id: int | None = None, name: str | None = None):
        if name:
            label = tr_("Entity “{name}”").format(name=name)
        else:
            label = tr_("Clear entity") if entity_id is None else tr_("Set entity")
        super().__init__(project, label)
        self.span_id = span_id
        self.entity_id = entity_id
        self.name = name
        self.created: int | None = None
        self.made_id: int | None = None  # the id of the entity this command created, kept for redo
        self.before: Span | None = None

    def apply(self) -> None:
        entity_id = self.entity_id
        self.created = None
        if self.name is not None:
            existed = any(e.name == self.name.strip() for e in self.project.entities())
            entity_id = self.project.add_entity(self.name, entity_id=self.made_id).id
            self.created = None if existed else entity_id
            if self.created is not None:
                self.made_id = self.created
        try:
            self.before, _after = self.project.update_span(self.span_id, entity_id=entity_id)
        except BaseException:
            if self.created is not None:
                _delete_unused_entity(self.project, self.created)
            raise

    def revert(self) -> None:
        assert self.before is not None
        self.project.restore_span_state(self.before)
        if self.created is not None:
            _delete_unused_entity(self.project, self.created)


class _Keys(QObject):
    def __init__(self, picker: EntityPicker) -> None:
        super().__init__(picker)
        self.picker = picker
        picker.filter.installEventFilter(self)
        picker.listing.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        key = event.key()
        listing = self.picker.listing
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and watched is self.picker.filter:
            rows = [r for r in range(listing.count()) if not listing.item(r).isHidden()]
            if rows:
                at = rows.index(listing.currentRow()) if listing.currentRow() in rows else -1
                step = -1 if key == Qt.Key.Key_Up else 1
                listing.setCurrentRow(rows[max(0, min(len(rows) - 1, at + step))])
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.picker.choose()
            return True
        if key == Qt.Key.Key_Escape:
            self.picker.reject()
            return True
        return False


class EntityPicker(QDialog):
    """Lists entities (suggestions first); typing filters, and a new name can be created."""

    def __init__(self, window, span_id: str) -> None:
        super().__init__(window)
        self.setObjectName("entity-picker")
        self.window_ = window
        self.project: Project = window.project
        self.span = self.project.span(span_id)
        self.setWindowTitle(window_title(tr_("Entity of “{text}”").format(text=self.span.text[:40])))
        self.filter = QLineEdit(objectName="entity-picker-filter")
        self.filter.setPlaceholderText(tr_("Type a name to filter or create"))
        self.listing = QListWidget(objectName="entity-picker-list")
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                tr_("Canonical entity of {label} “{text}”:").format(label=self.span.label, text=self.span.text[:60])
            )
        )
        layout.addWidget(self.filter)
        layout.addWidget(self.listing)
        self.suggested = entity_suggestions(self.project, self.span)
        suggested_ids = {e.id for e in self.suggested}
        self.create_item = QListWidgetItem()
        self.create_item.setData(Qt.ItemDataRole.UserRole, _CREATE)
        self.listing.addItem(self.create_item)
        self.create_item.setHidden(True)
        if self.span.entity_id is not None:
            clear = QListWidgetItem(tr_("(no entity)"))
            clear.setData(Qt.ItemDataRole.UserRole, _CLEAR)
            self.listing.addItem(clear)
        for entity in [*self.suggested, *(e for e in self.project.entities() if e.id not in suggested_ids)]:
            marks = []
            if entity.id in suggested_ids:
                marks.append(tr_("suggested"))
            if entity.id == self.span.entity_id:
                marks.append(tr_("current"))
            item = QListWidgetItem(entity.name + (f"  ({', '.join(marks)})" if marks else ""))
            item.setData(Qt.ItemDataRole.UserRole, entity.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, entity.name)
            self.listing.addItem(item)
        self.filter.textChanged.connect(self._apply_filter)
        self.listing.itemActivated.connect(lambda _item: self.choose())
        self._keys = _Keys(self)
        self._apply_filter("")
        name_widgets(self)

    def _apply_filter(self, text: str) -> None:
        needle = " ".join(text.split()).casefold()
        exact = False
        first = None
        for row in range(self.listing.count()):
            item = self.listing.item(row)
            value = item.data(Qt.ItemDataRole.UserRole)
            if value == _CREATE:
                continue
            name = item.data(Qt.ItemDataRole.UserRole + 1) or item.text()
            hidden = bool(needle) and needle not in name.casefold()
            exact = exact or (isinstance(value, int) and name.casefold() == needle)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = row
        typed = " ".join(text.split())
        self.create_item.setHidden(not typed or exact)
        self.create_item.setText(tr_("Create “{name}”").format(name=typed))
        if not self.create_item.isHidden() and (first is None or not exact):
            self.listing.setCurrentItem(self.create_item)
        elif first is not None:
            self.listing.setCurrentRow(first)

    def choose(self) -> None:
        """Apply the current entry: an entity, a new one, or none."""
        item = self.listing.currentItem()
        if item is None or item.isHidden():
            return
        value = item.data(Qt.ItemDataRole.UserRole)
        if value == _CREATE:
            command = SetEntityCommand(self.project, self.span.id, name=" ".join(self.filter.text().split()))
        elif value == _CLEAR:
            command = SetEntityCommand(self.project, self.span.id, entity_id=None)
        else:
            command = SetEntityCommand(self.project, self.span.id, entity_id=int(value))
        if self.window_.run_command(command):
            entity_id = self.project.span(self.span.id).entity_id
            if entity_id is not None:
                said = tr_("“{text}” is entity {name}").format(
                    text=self.span.text[:40], name=self.project.entity(entity_id).name
                )
            else:
                said = tr_("“{text}” has no entity now").format(text=self.span.text[:40])
            self.window_.show_message(said)
        self.accept()


def start_entity(window) -> EntityPicker | None:
    """Open the entity picker for the selected span (actors only)."""
    span_id = window.reader.selected_span_id()
    if not span_id:
        window.show_message(tr_("Select an actor span first, then press E to name its entity."))
        return None
    span = window.live_span(span_id)
    if span is None:
        return None
    if span.label not in ENTITY_LABELS:
        window.show_message(
            tr_("Only {labels} spans point to an entity, not {label}.").format(
                labels=", ".join(ENTITY_LABELS), label=span.label
            )
        )
        return None
    picker = EntityPicker(window, span_id)
    picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    picker.show()
    picker.filter.setFocus()
    return picker


SPAN_ROLE = Qt.ItemDataRole.UserRole
_CONTEXT = 40
_PANEL_CHANGES = frozenset({ChangeKind.ENTITIES_CHANGED, ChangeKind.DOCUMENTS_CHANGED, *SPAN_KINDS, *RELOAD_KINDS})


class EntitiesPanel(RefreshWhenShown):
    """Every canonical entity, its aliases and its mentions across documents; merging (objectName
    ``entities-view``)."""

    def __init__(self, window) -> None:
        super().__init__()
        self.setObjectName("entities-view")
        self.window_ = window
        self.project: Project = window.project
        self.filter = QLineEdit(objectName="entities-filter")
        self.filter.setPlaceholderText(tr_("Filter entities"))
        self.filter.setClearButtonEnabled(True)
        self.listing = QListWidget(objectName="entities-list")
        self.listing.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.merge_button = QPushButton(tr_("Merge selected…"), objectName="entities-merge")
        self.merge_button.setToolTip(
            tr_("Make the selected entities one (Ctrl+click to select several); Ctrl+Z splits them")
        )
        self.merge_button.setEnabled(False)
        self.title = QLabel(tr_("Select an entity to see its names and mentions."), objectName="entities-title")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.aliases = QListWidget(objectName="entities-aliases")
        self.aliases.setMaximumWidth(260)
        self.mentions = QTableWidget(0, 3, objectName="entities-mentions")
        self.mentions.setHorizontalHeaderLabels([tr_("Mention"), tr_("Document"), tr_("Context")])
        self.mentions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mentions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.mentions.setWordWrap(False)
        self.mentions.verticalHeader().hide()
        self.mentions.horizontalHeader().setStretchLastSection(True)
        self.mentions.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(self.listing, 1)
        left_layout.addWidget(self.merge_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.title)
        row = QHBoxLayout()
        row.addWidget(self.aliases)
        row.addWidget(self.mentions, 1)
        right_layout.addLayout(row, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        self.filter.textChanged.connect(self._apply_filter)
        self.listing.itemSelectionChanged.connect(self._selection_changed)
        self.merge_button.clicked.connect(lambda _checked=False: self.merge_selected())
        self.mentions.cellActivated.connect(self._open_mention)
        self.mentions.cellDoubleClicked.connect(self._open_mention)
        window.signals.changed.connect(self._changed)

    def _changed(self, change: Change) -> None:
        if change.kind in _PANEL_CHANGES:
            self._on_change(change)

    def refresh(self) -> None:
        """Re-read the entities (keeping the selection)."""
        self._dirty = False
        selected = set(self.selected_ids())
        try:
            entities = self.project.entities()
            counts = self.project.entity_mention_counts()
        except StoreError as exc:
            self.window_.show_message(tr_("Cannot read the project: {error}").format(error=exc))
            return
        self.listing.blockSignals(True)
        self.listing.clear()
        for entity in entities:
            n = counts.get(int(entity.id or 0), 0)
            item = QListWidgetItem(f"{entity.name}  ({trn_('%n mention(s)', '', n)})")
            item.setData(Qt.ItemDataRole.UserRole, entity.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, entity.name)
            self.listing.addItem(item)
            item.setSelected(entity.id in selected)
        self.listing.blockSignals(False)
        self._apply_filter(self.filter.text())
        self._selection_changed()

    def _apply_filter(self, text: str) -> None:
        needle = " ".join(text.split()).casefold()
        for index in range(self.listing.count()):
            item = self.listing.item(index)
            item.setHidden(bool(needle) and needle not in str(item.data(Qt.ItemDataRole.UserRole + 1)).casefold())

    def selected_ids(self) -> list[int]:
        """Ids of the selected entities, in list order."""
        return [int(item.data(Qt.ItemDataRole.UserRole)) for item in self.listing.selectedItems()]

    def select_entity(self, name: str) -> bool:
        """Select the entity called ``name`` (alone)."""
        self.listing.clearSelection()
        for index in range(self.listing.count()):
            item = self.listing.item(index)
            if item.data(Qt.ItemDataRole.UserRole + 1) == name:
                item.setSelected(True)
                self.listing.setCurrentItem(item)
                return True
        return False

    def _selection_changed(self) -> None:
        ids = self.selected_ids()
        self.merge_button.setEnabled(len(ids) >= 2)
        self.aliases.clear()
        self.mentions.setRowCount(0)
        if len(ids) != 1:
            self.title.setText(
                trn_("%n entities selected: Merge makes them one.", "", len(ids))
                if ids
                else tr_("Select an entity to see its names.")
            )
            return
        entity = self.project.entity(ids[0])
        mentions = self.project.entity_mentions(ids[0])
        headers = self.project.document_headers({m.document_id for m in mentions})
        documents = len(headers)
        self.title.setText(
            tr_("{name}: {mentions} in {documents}, named:").format(
                name=entity.name,
                mentions=trn_("%n mention(s)", "", len(mentions)),
                documents=trn_("%n document(s)", "", documents),
            )
        )
        names = Counter(" ".join(m.text.split()) for m in mentions)
        for name, count in sorted(names.items(), key=lambda kv: (-kv[1], kv[0].casefold())):
            self.aliases.addItem(f"{name}  ×{count}")
        self.mentions.setRowCount(len(mentions))
        for row, span in enumerate(mentions):
            text = self.project.document_text(span.document_id)
            left = " ".join(text[max(0, span.start - _CONTEXT) : span.start].split())
            right = " ".join(text[span.end : span.end + _CONTEXT].split())
            cells = (span.text, headers[span.document_id][0], f"…{left} [{span.text}] {right}…")
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)  # item text is plain text
                item.setData(SPAN_ROLE, span.id)
                self.mentions.setItem(row, column, item)
        self.mentions.resizeColumnsToContents()

    def _open_mention(self, row: int, _column: int = 0) -> None:
        item = self.mentions.item(row, 0)
        if item is not None:
            self.window_.select_span(item.data(SPAN_ROLE))

    def merge_selected(self, keep: str | None = None) -> bool:
        """Merge the selected entities into one of them (asked, or ``keep``), as one undoable step."""
        ids = self.selected_ids()
        if len(ids) < 2:
            self.window_.show_message(tr_("Select two entities or more to merge (Ctrl+click)."))
            return False
        names = {self.project.entity(i).name: i for i in ids}
        if keep is None:
            keep = self.window_.choose_item(tr_("Merge entities"), tr_("Keep the name:"), list(names))
            if keep is None:
                return False
        if keep not in names:
            return False
        kept = names[keep]
        merges: list[ProjectCommand] = [MergeEntitiesCommand(self.project, kept, i) for i in ids if i != kept]
        others = ", ".join(tr_("“{name}”").format(name=n) for n in names if n != keep)
        step = tr_("Merge {names} into “{kept}”").format(names=others, kept=keep)
        command = merges[0] if len(merges) == 1 else MacroCommand(self.project, step, merges)
        if not self.window_.run_command(command):
            return False
        self.window_.show_message(
            tr_("{names} merged into “{kept}” (Ctrl+Z splits them again)").format(names=others, kept=keep)
        )
        self.refresh()
        self.select_entity(keep)
        return True


def _entity_shortcut(project: Project) -> str:
    taken = {(lab.hotkey or "").upper() for lab in project.labels(include_retired=False)}
    return ENTITY_KEY_FALLBACK if ENTITY_KEY in taken else ENTITY_KEY


def install(window) -> None:
    """Add Edit → Entity of selected span (E) and the Entities panel."""
    panel = EntitiesPanel(window)
    window.add_view(panel, tr_("Entities"))
    action = window.add_action("set-entity", lambda: start_entity(window))  # declared in annotator.ui.actions
    action.setShortcut(QKeySequence(_entity_shortcut(window.project)))

    def labels_changed(change: Change) -> None:
        if change.kind in (ChangeKind.LABELS_CHANGED, ChangeKind.EXTERNAL):
            action.setShortcut(QKeySequence(_entity_shortcut(window.project)))

    window.signals.changed.connect(labels_changed)
