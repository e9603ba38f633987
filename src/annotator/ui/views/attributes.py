"""Attributes of the selected span: shown in a panel, set from the keyboard or with a combo box.

A label declares attributes with fixed values (an assessment's ``confidence``: low / medium / high,
a transfer's ``status``: reported / confirmed). With a span selected, Alt+1…9 sets the n-th value of
its label's first attribute and Alt+0 clears it; the panel has one combo box per declared attribute
and shows the span's canonical entity. Every change is one undoable SetAttributeCommand.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from annotator.store.errors import NotFound
from annotator.store.project import Change, ChangeKind, Project
from annotator.ui.commands import SetAttributeCommand
from annotator.ui.i18n import tr_, trn_
from annotator.ui.plain_text import plain_label

ORDER = 61
NONE_TEXT = "—"


def set_attribute_by_index(window, index: int) -> bool:
    """Set the first declared attribute of the selected span to its ``index``-th value (0 clears)."""
    span_id = window.reader.selected_span_id()
    if not span_id:
        window.show_message(tr_("Select a span first."))
        return False
    project: Project = window.project
    span = window.live_span(span_id)
    if span is None:
        return False
    declared = project.label(span.label).attributes
    if not declared:
        window.show_message(tr_("Label {label} has no attributes.").format(label=span.label))
        return False
    name, values = next(iter(declared.items()))
    if index == 0:
        value = None
    elif index <= len(values):
        value = values[index - 1]
    else:
        window.show_message(
            trn_("{name} has %n value(s): {values}", "", len(values)).format(name=name, values=", ".join(values))
        )
        return False
    if project.attributes(span_id).get(name) == value:
        return False
    ok = window.run_command(SetAttributeCommand(project, span_id, name, value))
    if ok:
        window.show_message(tr_("{name}: {value}").format(name=name, value=value or tr_("cleared")))
    return ok


class AttributesPanel(QWidget):
    """The selected span's label, text, entity and attributes (one combo box each)."""

    def __init__(self, window) -> None:
        super().__init__()
        self.setObjectName("attributes-view")
        self.window_ = window
        self.project: Project = window.project
        self.span_id: str | None = None
        self.heading = QLabel(objectName="attributes-span")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.entity = plain_label(name="attributes-entity")
        self.form = QFormLayout()
        self.hint = QLabel(tr_("Alt+1…9 sets the first attribute, Alt+0 clears it."))
        self.hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.entity)
        layout.addLayout(self.form)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.combos: dict[str, QComboBox] = {}
        self._shape: tuple | None = ()
        window.reader.selectedSpanChanged.connect(self.set_span)
        window.signals.changed.connect(self._changed)
        self.set_span(window.reader.selected_span_id())

    def _changed(self, change: Change) -> None:
        if self.span_id is None:
            return
        if change.kind in (
            ChangeKind.EXTERNAL,
            ChangeKind.RESET,
            ChangeKind.LABELS_CHANGED,
            ChangeKind.ENTITIES_CHANGED,
            ChangeKind.DOCUMENTS_CHANGED,
        ) or (self.span_id in change.ids):
            self.set_span(self.span_id)

    def set_span(self, span_id: object) -> None:
        """Show this span (or nothing)."""
        span = None
        if span_id:
            try:
                span = self.project.span(str(span_id))
            except NotFound:
                span = None
        declared = self.project.label(span.label).attributes if span is not None else {}
        current = self.project.attributes(span.id) if span is not None else {}
        shape = (span.id if span else None, tuple(declared.items()), tuple(sorted(set(current) - set(declared))))
        if shape == self._shape:
            # Same span, same fields: update the values in place, so a focused combo box stays.
            self._show_header(span)
            for name, combo in self.combos.items():
                combo.blockSignals(True)
                combo.setCurrentIndex(max(combo.findData(current.get(name)), 0))
                combo.blockSignals(False)
            return
        self._shape = shape
        while self.form.rowCount():
            self.form.removeRow(0)
        self.combos = {}
        self.span_id = span.id if span else None
        self._show_header(span)
        if span is None:
            return
        for name, values in declared.items():
            combo = QComboBox(objectName=f"attribute-{name}")
            combo.addItem(NONE_TEXT, None)
            for value in values:
                combo.addItem(value, value)
            if current.get(name) in values:
                combo.setCurrentIndex(values.index(current[name]) + 1)
            combo.activated.connect(lambda index, n=name, c=combo: self._chosen(n, c.itemData(index)))
            self.form.addRow(plain_label(tr_("{name}:").format(name=name)), combo)
            self.combos[name] = combo
        for name, value in current.items():
            if name not in declared:  # kept from an older schema: shown, not editable
                self.form.addRow(plain_label(tr_("{name}:").format(name=name)), plain_label(value))

    def _show_header(self, span) -> None:
        if span is None:
            self.heading.setText(tr_("No span selected."))
            self.entity.setText("")
            return
        self.heading.setText(tr_("{label}: “{text}”").format(label=span.label, text=span.text))
        if span.entity_id is not None:
            try:
                self.entity.setText(tr_("Entity: {name}").format(name=self.project.entity(span.entity_id).name))
            except NotFound:
                self.entity.setText("")
        else:
            self.entity.setText(tr_("Entity: none (E to set)") if span.label == "actor" else "")

    def _chosen(self, name: str, value: str | None) -> None:
        if self.span_id is None or self.window_.live_span(self.span_id) is None:
            return
        if self.project.attributes(self.span_id).get(name) == value:
            return
        self.window_.run_command(SetAttributeCommand(self.project, self.span_id, name, value))


def install(window) -> None:
    """Add the attributes panel and Alt+0…9."""
    panel = AttributesPanel(window)
    window.add_view(panel, tr_("Attributes"))
    for index in range(10):  # declared in annotator.ui.actions (Alt+1…9 listed as one row)
        window.add_action(f"attribute-{index}", lambda i=index: set_attribute_by_index(window, i))
