"""Accessible names and descriptions: what a screen reader says for each interactive widget.

``name_widgets(root)`` walks a window or dialog and gives every interactive widget that has none an
accessible name and description: the widgets of the app from the table below (by objectName), the parts Qt
adds itself (table headers and corner buttons, the clear button of a line edit, a combo box's popup list,
the tool bar's overflow button) from what they are. A name or description set where the widget is made is
kept. ``interactive_widgets`` and ``missing_names`` are what the tests walk.

The reader also announces the span under the text cursor (``ReaderView._announce_span``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QGraphicsView,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from annotator.store.errors import StoreError
from annotator.ui.i18n import label_display

if TYPE_CHECKING:
    from annotator.ui.reader import ReaderView
    from annotator.ui.span_index import SpanInfo

CONTEXT = "Accessibility"

# objectName → (name, description); None keeps what the widget says already (its text, its tooltip).
NAMES: dict[str, tuple[str | None, str | None]] = {
    "document-list": (None, QT_TRANSLATE_NOOP("Accessibility", "The project's documents; Enter opens the chosen one")),
    "document-filter": (
        QT_TRANSLATE_NOOP("Accessibility", "Filter documents"),
        QT_TRANSLATE_NOOP("Accessibility", "Shows only the documents whose title contains this text"),
    ),
    "search-results": (None, QT_TRANSLATE_NOOP("Accessibility", "Passages that match the search; Enter opens one")),
    "search-box": (
        QT_TRANSLATE_NOOP("Accessibility", "Search all documents"),
        QT_TRANSLATE_NOOP("Accessibility", "Full-text search over every document of the project"),
    ),
    "find-box": (
        QT_TRANSLATE_NOOP("Accessibility", "Find in document"),
        QT_TRANSLATE_NOOP("Accessibility", "Finds this text in the document shown in the reader"),
    ),
    "annotation-table": (
        None,
        QT_TRANSLATE_NOOP("Accessibility", "One row per span; Enter shows the span in the reader"),
    ),
    # Transfers workspace
    "transfers-filter-actor": (
        QT_TRANSLATE_NOOP("Accessibility", "Actor"),
        QT_TRANSLATE_NOOP("Accessibility", "Shows only the transfers of this actor"),
    ),
    "transfers-filter-confidence": (
        QT_TRANSLATE_NOOP("Accessibility", "Confidence"),
        QT_TRANSLATE_NOOP("Accessibility", "Shows only the transfers assessed with this confidence"),
    ),
    "transfers-filter-annotator": (
        QT_TRANSLATE_NOOP("Accessibility", "Annotator"),
        QT_TRANSLATE_NOOP("Accessibility", "Shows only the transfers tagged by this annotator"),
    ),
    "transfers-filter-document": (
        QT_TRANSLATE_NOOP("Accessibility", "Document"),
        QT_TRANSLATE_NOOP("Accessibility", "Shows only the transfers of this document"),
    ),
    "transfers-filter-what": (
        QT_TRANSLATE_NOOP("Accessibility", "What is transferred"),
        QT_TRANSLATE_NOOP("Accessibility", "Shows only the transfers whose text contains this"),
    ),
    "transfers-filter-since": (
        QT_TRANSLATE_NOOP("Accessibility", "Since"),
        QT_TRANSLATE_NOOP("Accessibility", "Shows only the transfers dated on or after this day (YYYY-MM-DD)"),
    ),
    "transfers-filter-until": (
        QT_TRANSLATE_NOOP("Accessibility", "Until"),
        QT_TRANSLATE_NOOP("Accessibility", "Shows only the transfers dated on or before this day (YYYY-MM-DD)"),
    ),
    "transfers-filter-clear": (None, QT_TRANSLATE_NOOP("Accessibility", "Removes every filter of the workspace")),
    "transfers-filter": (
        QT_TRANSLATE_NOOP("Accessibility", "Filter transfers"),
        QT_TRANSLATE_NOOP(
            "Accessibility", "Shows only the transfers whose supplier, recipient, what or document match"
        ),
    ),
    "transfers-export-csv": (None, QT_TRANSLATE_NOOP("Accessibility", "Saves the transfers shown as a CSV file")),
    "transfers-export-jsonl": (None, QT_TRANSLATE_NOOP("Accessibility", "Saves the transfers shown as a JSONL file")),
    "transfers-table": (
        QT_TRANSLATE_NOOP("Accessibility", "Transfers"),
        QT_TRANSLATE_NOOP("Accessibility", "Who supplies what to whom, one row per transfer; Enter opens its sentence"),
    ),
    "transfers-timeline-stack": (
        QT_TRANSLATE_NOOP("Accessibility", "Timeline bars"),
        QT_TRANSLATE_NOOP("Accessibility", "What the timeline's bars are stacked by"),
    ),
    "transfers-timeline": (
        QT_TRANSLATE_NOOP("Accessibility", "Timeline"),
        QT_TRANSLATE_NOOP("Accessibility", "Transfers per month; arrow keys choose a month, Enter filters on it"),
    ),
    "transfers-edge-list": (QT_TRANSLATE_NOOP("Accessibility", "Transfers between the chosen actors"), None),
    "transfers-node-aliases": (
        QT_TRANSLATE_NOOP("Accessibility", "Names of the chosen actor"),
        QT_TRANSLATE_NOOP("Accessibility", "The names under which the chosen actor appears"),
    ),
    "transfers-map": (
        QT_TRANSLATE_NOOP("Accessibility", "Transfers map"),
        QT_TRANSLATE_NOOP("Accessibility", "Actors as nodes and transfers as arrows; Tab moves between actors"),
    ),
    "transfers-back": (None, QT_TRANSLATE_NOOP("Accessibility", "Goes back to the reader")),
    "transfers-export": (None, QT_TRANSLATE_NOOP("Accessibility", "Saves the map or the timeline as a file")),
    # Views
    "statistics-labels": (
        QT_TRANSLATE_NOOP("Accessibility", "Spans per label"),
        QT_TRANSLATE_NOOP("Accessibility", "Bar chart of the number of spans of each label"),
    ),
    "statistics-annotators": (
        QT_TRANSLATE_NOOP("Accessibility", "Spans per annotator"),
        QT_TRANSLATE_NOOP("Accessibility", "Bar chart of the number of spans of each annotator"),
    ),
    "statistics-documents": (
        QT_TRANSLATE_NOOP("Accessibility", "Spans per document"),
        QT_TRANSLATE_NOOP("Accessibility", "Bar chart of the number of spans of each document"),
    ),
    "agreement-annotators": (
        QT_TRANSLATE_NOOP("Accessibility", "Annotators to compare"),
        QT_TRANSLATE_NOOP("Accessibility", "Check the annotators whose spans are compared"),
    ),
    "agreement-labels": (
        QT_TRANSLATE_NOOP("Accessibility", "Labels to compare"),
        QT_TRANSLATE_NOOP("Accessibility", "Check the labels the agreement is computed on"),
    ),
    "agreement-current-document": (
        None,
        QT_TRANSLATE_NOOP("Accessibility", "Compares only the document in the reader"),
    ),
    "agreement-compute": (
        None,
        QT_TRANSLATE_NOOP("Accessibility", "Computes the agreement between the chosen annotators"),
    ),
    "agreement-disagreements": (
        QT_TRANSLATE_NOOP("Accessibility", "Disagreements"),
        QT_TRANSLATE_NOOP("Accessibility", "Where the annotators differ; Enter shows the passage"),
    ),
    "agreement-table": (
        QT_TRANSLATE_NOOP("Accessibility", "Agreement"),
        QT_TRANSLATE_NOOP("Accessibility", "F1, kappa and alpha overall and per label"),
    ),
    "examples-label": (
        QT_TRANSLATE_NOOP("Accessibility", "Label"),
        QT_TRANSLATE_NOOP("Accessibility", "The label whose examples are listed"),
    ),
    "examples-annotator": (
        QT_TRANSLATE_NOOP("Accessibility", "Annotator"),
        QT_TRANSLATE_NOOP("Accessibility", "Lists only the examples of this annotator"),
    ),
    "examples-status": (
        QT_TRANSLATE_NOOP("Accessibility", "Status"),
        QT_TRANSLATE_NOOP("Accessibility", "Lists only the examples with this status"),
    ),
    "examples-export": (None, QT_TRANSLATE_NOOP("Accessibility", "Saves the examples as a printable handout")),
    "examples-table": (
        QT_TRANSLATE_NOOP("Accessibility", "Examples"),
        QT_TRANSLATE_NOOP("Accessibility", "Each example in its context; Enter shows it in the reader"),
    ),
    "review-label": (
        QT_TRANSLATE_NOOP("Accessibility", "Label"),
        QT_TRANSLATE_NOOP("Accessibility", "Reviews only this label"),
    ),
    "review-annotator": (
        QT_TRANSLATE_NOOP("Accessibility", "Annotator"),
        QT_TRANSLATE_NOOP("Accessibility", "Reviews only the spans of this annotator"),
    ),
    "review-status": (
        QT_TRANSLATE_NOOP("Accessibility", "Status"),
        QT_TRANSLATE_NOOP("Accessibility", "Reviews only the spans with this status"),
    ),
    "review-state": (
        QT_TRANSLATE_NOOP("Accessibility", "Review state"),
        QT_TRANSLATE_NOOP("Accessibility", "Lists only the spans in this review state"),
    ),
    "review-table": (
        QT_TRANSLATE_NOOP("Accessibility", "Spans to review"),
        QT_TRANSLATE_NOOP("Accessibility", "A for approve, R for reject, C to correct, M to comment"),
    ),
    "review-approve": (None, QT_TRANSLATE_NOOP("Accessibility", "Approves the chosen span")),
    "review-reject": (None, QT_TRANSLATE_NOOP("Accessibility", "Rejects the chosen span")),
    "review-correct": (None, QT_TRANSLATE_NOOP("Accessibility", "Corrects the chosen span in the reader")),
    "review-comment": (None, QT_TRANSLATE_NOOP("Accessibility", "Writes a review comment on the chosen span")),
    "entities-aliases": (
        QT_TRANSLATE_NOOP("Accessibility", "Names of the entity"),
        QT_TRANSLATE_NOOP("Accessibility", "The names under which the chosen entity appears"),
    ),
    "entities-mentions": (
        QT_TRANSLATE_NOOP("Accessibility", "Mentions"),
        QT_TRANSLATE_NOOP("Accessibility", "Where the chosen entity is mentioned; Enter shows the passage"),
    ),
    "entities-filter": (
        QT_TRANSLATE_NOOP("Accessibility", "Filter entities"),
        QT_TRANSLATE_NOOP("Accessibility", "Shows only the entities whose name contains this text"),
    ),
    "entities-list": (
        QT_TRANSLATE_NOOP("Accessibility", "Entities"),
        QT_TRANSLATE_NOOP("Accessibility", "The actors of the project, one entry per entity"),
    ),
    "link-new": (None, QT_TRANSLATE_NOOP("Accessibility", "Links the selected span to another span")),
    "links-list": (
        QT_TRANSLATE_NOOP("Accessibility", "Links"),
        QT_TRANSLATE_NOOP("Accessibility", "The links of the selected span; Enter shows the other span"),
    ),
    "link-role": (QT_TRANSLATE_NOOP("Accessibility", "Role"), None),
    "link-delete": (None, QT_TRANSLATE_NOOP("Accessibility", "Deletes the chosen link")),
    # Dialogs
    "preferences-annotator": (None, QT_TRANSLATE_NOOP("Accessibility", "The annotator name your new spans carry")),
    "preferences-snap": (
        None,
        QT_TRANSLATE_NOOP("Accessibility", "Selections grow to whole words before they are tagged"),
    ),
    "preferences-ner-model": (None, QT_TRANSLATE_NOOP("Accessibility", "The spaCy model that proposes named entities")),
    "preferences-language": (None, QT_TRANSLATE_NOOP("Accessibility", "The language of the menus and dialogs")),
    "document-title": (None, QT_TRANSLATE_NOOP("Accessibility", "The document's title as the lists show it")),
    "document-author": (None, QT_TRANSLATE_NOOP("Accessibility", "Who wrote the document")),
    "document-date": (None, QT_TRANSLATE_NOOP("Accessibility", "When it was published, as YYYY-MM-DD")),
    "document-source": (None, QT_TRANSLATE_NOOP("Accessibility", "The publication or outlet")),
    "document-url": (None, QT_TRANSLATE_NOOP("Accessibility", "Where the document can be found on the web")),
    "export-format": (
        QT_TRANSLATE_NOOP("Accessibility", "Format"),
        QT_TRANSLATE_NOOP("Accessibility", "The file format the annotations are written in"),
    ),
    "export-path": (
        QT_TRANSLATE_NOOP("Accessibility", "Export to"),
        QT_TRANSLATE_NOOP("Accessibility", "The file (or, for brat, the folder) to write"),
    ),
    "export-browse": (None, QT_TRANSLATE_NOOP("Accessibility", "Chooses where to write the export")),
    "export-status-suggested": (None, QT_TRANSLATE_NOOP("Accessibility", "Exports the suggestions not yet accepted")),
    "export-status-accepted": (None, QT_TRANSLATE_NOOP("Accessibility", "Exports the accepted annotations")),
    "export-status-rejected": (None, QT_TRANSLATE_NOOP("Accessibility", "Exports the rejected suggestions")),
    "export-annotators": (None, QT_TRANSLATE_NOOP("Accessibility", "Exports only the spans of the checked annotators")),
    "export-labels": (None, QT_TRANSLATE_NOOP("Accessibility", "Exports only the spans of the checked labels")),
    "export-documents": (None, QT_TRANSLATE_NOOP("Accessibility", "Exports only the checked documents")),
    "export-current-document": (None, QT_TRANSLATE_NOOP("Accessibility", "Exports only the document in the reader")),
    "export-run": (None, QT_TRANSLATE_NOOP("Accessibility", "Writes the export")),
    "shortcuts-filter": (
        QT_TRANSLATE_NOOP("Accessibility", "Filter shortcuts"),
        QT_TRANSLATE_NOOP("Accessibility", "Shows only the shortcuts whose keys or action contain this text"),
    ),
    "shortcuts-table": (
        QT_TRANSLATE_NOOP("Accessibility", "Keyboard shortcuts"),
        QT_TRANSLATE_NOOP("Accessibility", "The keys of the window and what they do"),
    ),
    "link-picker-filter": (
        QT_TRANSLATE_NOOP("Accessibility", "Filter spans"),
        QT_TRANSLATE_NOOP("Accessibility", "Type to narrow the list; Enter links to the chosen span"),
    ),
    "link-picker-list": (
        QT_TRANSLATE_NOOP("Accessibility", "Spans to link to"),
        QT_TRANSLATE_NOOP("Accessibility", "The spans the selected one can be linked to, then the link's roles"),
    ),
    "entity-picker-filter": (
        QT_TRANSLATE_NOOP("Accessibility", "Entity name"),
        QT_TRANSLATE_NOOP("Accessibility", "Type a name to filter the entities or to create one"),
    ),
    "entity-picker-list": (
        QT_TRANSLATE_NOOP("Accessibility", "Entities"),
        QT_TRANSLATE_NOOP("Accessibility", "Enter gives the selected span the chosen entity"),
    ),
    "view-tabs": (
        QT_TRANSLATE_NOOP("Accessibility", "Views"),
        QT_TRANSLATE_NOOP("Accessibility", "The views of the project: review, agreement, examples, statistics…"),
    ),
}

# The parts Qt adds to widgets, by their objectName.
_QT_PARTS: dict[str, tuple[str, str]] = {
    "qt_tableview_cornerbutton": (
        QT_TRANSLATE_NOOP("Accessibility", "Select all"),
        QT_TRANSLATE_NOOP("Accessibility", "Selects every row of the table"),
    ),
    "qt_toolbar_ext_button": (
        QT_TRANSLATE_NOOP("Accessibility", "More tools"),
        QT_TRANSLATE_NOOP("Accessibility", "Shows the tools that do not fit in the tool bar"),
    ),
    "qt_menubar_ext_button": (
        QT_TRANSLATE_NOOP("Accessibility", "More menus"),
        QT_TRANSLATE_NOOP("Accessibility", "Shows the menus that do not fit in the menu bar"),
    ),
    "ScrollLeftButton": (
        QT_TRANSLATE_NOOP("Accessibility", "Scroll left"),
        QT_TRANSLATE_NOOP("Accessibility", "Shows the tabs further left"),
    ),
    "ScrollRightButton": (
        QT_TRANSLATE_NOOP("Accessibility", "Scroll right"),
        QT_TRANSLATE_NOOP("Accessibility", "Shows the tabs further right"),
    ),
}

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QAbstractItemView,
    QComboBox,
    QAbstractSpinBox,
    QPlainTextEdit,
    QTextEdit,
    QAbstractSlider,
    QTabBar,
    QGraphicsView,
)


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def accessible_text(widget: QWidget) -> tuple[str, str]:
    """What a screen reader hears for ``widget``: its accessible name and description."""
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None:
        return "", ""
    name = interface.text(QAccessible.Text.Name).strip()
    description = interface.text(QAccessible.Text.Description).strip()
    if isinstance(widget, QTabBar):  # its interface speaks of the current tab; the bar's own words are these
        name, description = name or widget.accessibleName(), description or widget.accessibleDescription()
    return name, description


def interactive_widgets(root: QWidget) -> list[QWidget]:
    """The widgets under ``root`` that take input (scroll bars apart: they belong to their view)."""
    return [w for w in root.findChildren(QWidget) if isinstance(w, INTERACTIVE) and not isinstance(w, QScrollBar)]


def missing_names(root: QWidget) -> list[str]:
    """The interactive widgets under ``root`` that lack an accessible name or description, by path."""
    missing = []
    for widget in interactive_widgets(root):
        name, description = accessible_text(widget)
        if not name or not description:
            missing.append(f"{_path(widget, root)} (name {name!r}, description {description!r})")
    return missing


def _path(widget: QWidget, root: QWidget) -> str:
    parts = []
    current: QWidget | None = widget
    while current is not None and current is not root:
        parts.append(current.objectName() or type(current).__name__)
        current = current.parentWidget()
    return "/".join(reversed(parts))


def name_widgets(root: QWidget) -> None:
    """Give every interactive widget under ``root`` (and ``root``) an accessible name and description."""
    for widget in [root, *interactive_widgets(root)]:
        _name(widget)


def _name(widget: QWidget) -> None:
    name, description = accessible_text(widget)
    if isinstance(widget, QComboBox):
        name = widget.accessibleName()  # its interface says the current choice, not what the box is for
    if not (name and description):
        _name_from_table(widget, name, description)
    # Said on the widget itself too (what Qt would compute: a button's text, a tooltip), so that the name
    # stays whatever reads it.
    name, description = accessible_text(widget)
    if not widget.accessibleName() and name and not isinstance(widget, (QComboBox, QTabBar)):
        widget.setAccessibleName(name)
    if not widget.accessibleDescription() and description and not isinstance(widget, QTabBar):
        widget.setAccessibleDescription(description)


def _name_from_table(widget: QWidget, name: str, description: str) -> None:
    key = widget.objectName()
    entry = NAMES.get(key) or _QT_PARTS.get(key) or _part_of(widget)
    if entry is None:
        return
    new_name, new_description = entry
    if not name:
        widget.setAccessibleName(_t(new_name) if new_name else _fallback_name(widget))
    if not description and new_description:
        widget.setAccessibleDescription(_t(new_description))
    elif not description:
        # The widget's own words: a tooltip or placeholder says what it is for.
        tip = widget.toolTip() if widget.toolTip() and "<" not in widget.toolTip() else ""
        widget.setAccessibleDescription(tip or _fallback_name(widget))


def _fallback_name(widget: QWidget) -> str:
    if isinstance(widget, QLineEdit) and widget.placeholderText():
        return widget.placeholderText()
    if isinstance(widget, QAbstractButton) and widget.text():
        return widget.text().replace("&", "")
    return widget.toolTip()


def _part_of(widget: QWidget) -> tuple[str | None, str | None] | None:
    """Names for the parts Qt makes without objectName: headers, clear buttons, a combo box's popup."""
    parent = widget.parentWidget()
    if isinstance(widget, QHeaderView):
        if widget.orientation() == Qt.Orientation.Horizontal:
            return (
                QT_TRANSLATE_NOOP("Accessibility", "Column headers"),
                QT_TRANSLATE_NOOP("Accessibility", "Click a column header to sort the rows by that column"),
            )
        return (
            QT_TRANSLATE_NOOP("Accessibility", "Row headers"),
            QT_TRANSLATE_NOOP("Accessibility", "Click a row header to select the row"),
        )
    if isinstance(widget, QAbstractButton) and isinstance(parent, QLineEdit):
        return (
            QT_TRANSLATE_NOOP("Accessibility", "Clear"),
            QT_TRANSLATE_NOOP("Accessibility", "Clears the text of the field"),
        )
    if isinstance(widget, QAbstractItemView) and parent is not None and isinstance(parent.parentWidget(), QComboBox):
        return (
            QT_TRANSLATE_NOOP("Accessibility", "Choices"),
            QT_TRANSLATE_NOOP("Accessibility", "The choices of the list"),
        )
    if isinstance(widget, QLineEdit) and isinstance(parent, QComboBox):
        return (None, QT_TRANSLATE_NOOP("Accessibility", "Type to choose"))
    if isinstance(widget, QAbstractButton) and isinstance(parent, QDialogButtonBox):
        role = parent.buttonRole(widget)
        if role in (QDialogButtonBox.ButtonRole.RejectRole, QDialogButtonBox.ButtonRole.DestructiveRole):
            return (None, QT_TRANSLATE_NOOP("Accessibility", "Closes the dialog without changing anything"))
        return (None, QT_TRANSLATE_NOOP("Accessibility", "Confirms and closes the dialog"))
    if isinstance(widget, QTabBar):
        return (
            QT_TRANSLATE_NOOP("Accessibility", "Tabs"),
            QT_TRANSLATE_NOOP("Accessibility", "Ctrl+Tab moves to the next tab"),
        )
    return None


class SpanAnnouncer(QObject):
    """Tells a screen reader which spans are under the reader's text cursor (or which span is selected).

    The reader's accessible description becomes "actor: “la Corée du Nord”" (several spans joined by "; ",
    a suggestion said as such) whenever the cursor moves onto other spans; setting it sends Qt's
    DescriptionChanged accessibility event. Off spans, it is the reader's usual description again.
    """

    def __init__(self, reader: ReaderView) -> None:
        super().__init__(reader)
        self.reader = reader
        self.resting = reader.accessibleDescription()
        self.spoken = ""
        reader.cursorPositionChanged.connect(self.update)
        reader.selectedSpanChanged.connect(self.update)

    def update(self, *_args: object) -> None:
        """Describe the spans under the cursor now."""
        reader = self.reader
        try:
            spans = self.spans_here()
        except StoreError:  # an unreadable project must not break moving the cursor
            spans = []
        text = "; ".join(self.describe(info) for info in spans)
        if text == self.spoken:
            return
        self.spoken = text
        reader.setAccessibleDescription(text or self.resting)

    def spans_here(self) -> list[SpanInfo]:
        """The selected span, else the drawn spans at the cursor (smallest first)."""
        reader = self.reader
        selected = reader.spans.get(reader.selected_span_id()) if reader.selected_span_id() else None
        if selected is not None:
            return [selected]
        if reader.document_id() is None:
            return []
        return reader.shown_spans_at(reader.to_codepoint(reader.textCursor().position()))

    def describe(self, info: SpanInfo) -> str:
        """One span as spoken: its label and text."""
        text = self.reader.text()[info.start : info.end]
        if len(text) > 80:
            text = text[:79] + "…"
        template = (
            QT_TRANSLATE_NOOP("Accessibility", "suggested %1: “%2”")
            if info.status == "suggested"
            else QT_TRANSLATE_NOOP("Accessibility", "%1: “%2”")
        )
        return _t(template).replace("%1", label_display(info.label)).replace("%2", text)
