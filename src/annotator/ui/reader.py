"""ReaderView: the document, read-only, with its spans painted over it, and the keys that tag and edit them.

Positions: Qt counts UTF-16 units, the store counts code points. Every conversion goes through
``to_codepoint`` / ``to_utf16`` (the document's ``Utf16Map``), nowhere else.

Keys with the reader focused (also listed by ``shortcut_descriptions``):
- a label hotkey tags the text selection (snapped to words unless snapping is off or Alt is held), or
  relabels the selected span;
- Tab / Shift+Tab select the next / previous span (Ctrl+Tab leaves the reader), Escape clears the span
  selection; a click on a highlight selects its smallest span, a click again cycles through the spans there,
  a click on a link arc's role selects the span at its other end;
- with a span selected: Delete deletes it, N or F2 edits its note, Alt+Left / Alt+Right move its start by a
  word, Alt+Shift+Left / Alt+Shift+Right move its end, Enter accepts and Backspace rejects a suggestion.
Every edit is a command from ``ui/commands.py`` run through ``command_runner`` (the window's ``run_command``).
"""

from __future__ import annotations

import html
import logging
import re
from bisect import bisect_left
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QTextCursor,
    QTextOption,
    QUndoStack,
)
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QPlainTextEdit, QToolTip, QWidget

from annotator.core.offsets import (
    Utf16Map,
)
from annotator.store.errors import NotFound, StoreError
from annotator.store.project import RELOAD_KINDS, ChangeKind
from annotator.ui.accessibility import SpanAnnouncer
from annotator.ui.commands import (
    ProjectCommand,
)
from annotator.ui.i18n import label_display, tr_
from annotator.ui.link_arcs import LinkArcs
from annotator.ui.page_marks import PageMarks
from annotator.ui.reader_edits import SpanEditing
from annotator.ui.reader_keys import ReaderKeys
from annotator.ui.span_index import DocumentSpans, SpanInfo
from annotator.ui.span_painter import SpanPainter

if TYPE_CHECKING:
    from annotator.core.model import Label
    from annotator.store.changes import Change
    from annotator.store.project import Project
    from annotator.ui.signals import ProjectSignals

log = logging.getLogger(__name__)

# After opening a document, reading the spans no paint needed yet waits this long, so that it never
# competes with the first paints and keystrokes; it then goes on a few milliseconds per idle pass.
IDLE_LOAD_DELAY_MS = 150
# Changes after which the selected span's link arcs are read again (a link added or removed, an end moved).
_CHANGES_THAT_MOVE_ARCS = frozenset(
    {
        ChangeKind.LINKS_CHANGED,
        ChangeKind.SPANS_UPDATED,
        ChangeKind.SPANS_DELETED,
        ChangeKind.SPANS_CHANGED,
        *RELOAD_KINDS,
    }
)
IDLE_LOAD_BUDGET_MS = 2.0
IDLE_LOAD_INTERVAL_MS = 2

READING_FONTS = ["Source Serif 4", "Charter", "Georgia", "Noto Serif", "DejaVu Serif", "serif"]
READING_POINT_SIZE = 13.0
DOCUMENT_MARGIN = 22.0
ZOOM_LIMITS = (6.0, 40.0)
FILTER_MODES = ("all", "mine", "one")


def reading_point_size() -> float:
    """The reader's normal size: 13 points, larger in proportion when the system's font is larger than 10."""
    system = QApplication.font().pointSizeF()
    return READING_POINT_SIZE * max(1.0, system / 10.0) if system > 0 else READING_POINT_SIZE


class ReaderView(ReaderKeys, SpanEditing, QPlainTextEdit):
    """The reader: shows one document and its spans; tags, selects and edits spans from mouse and keyboard."""

    selectedSpanChanged = Signal(object)
    spanGone = Signal(str)  # an edit was asked of a span that another window or program deleted

    def __init__(
        self,
        project: Project,
        signals: ProjectSignals,
        undo_stack: QUndoStack,
        annotator: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setAccessibleName("Document")
        self.setAccessibleDescription(tr_("The document text; select text and press a label key to tag it"))
        self.project = project
        self.signals = signals
        self.undo_stack = undo_stack
        self.annotator = annotator
        self.command_runner: Callable[[ProjectCommand], Any] = self._push_on_stack

        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setCursorWidth(2)
        font = QFont()
        font.setFamilies(READING_FONTS)
        font.setPointSizeF(reading_point_size())
        font.setStyleHint(QFont.StyleHint.Serif)
        self.setFont(font)
        self.document().setDocumentMargin(DOCUMENT_MARGIN)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)

        self._doc_id: int | None = None
        self._text = ""
        self._map = Utf16Map("")
        self.spans = DocumentSpans(project, None)
        self.span_painter = SpanPainter(self)
        self.link_arcs = LinkArcs(self)
        self.page_marks = PageMarks(self)
        self._selected: str | None = None
        self._snap = True
        self._filter: tuple[str, str | None] = ("all", None)
        self._hotkeys: dict[str, str] = {}
        self._moving_cursor = False
        self._press_pos: QPoint | None = None
        self._find_query = ""
        self._find_matches: list[tuple[int, int]] = []
        self._find_starts: list[int] = []
        self._current_match: int | None = None
        self._note_dialog: QInputDialog | None = None

        # Reads a large document's spans that no paint has needed yet, one chunk per pass with a short pause
        # between passes, so that next/previous span need not wait and an edit never waits for more than one
        # pass (tests run it with qtbot.waitUntil or call ``spans.ensure_complete()``).
        self.load_timer = QTimer(self)
        self.load_timer.setObjectName("reader-load-timer")
        self.load_timer.setSingleShot(True)
        # A pause between passes, so that an edit or a paint never waits for more than one pass.
        self.load_timer.setInterval(IDLE_LOAD_INTERVAL_MS)
        self.load_timer.timeout.connect(self._complete_load)

        self.reload_labels()
        self.selectionChanged.connect(self._text_selection_changed)
        self.announcer = SpanAnnouncer(self)  # a screen reader hears the label of the span under the cursor
        if signals is not None:
            signals.changed.connect(self._on_change)

    # -- positions: the one place where UTF-16 and code points meet ------------------------------------

    def offset_map(self) -> Utf16Map:
        """The code point <-> UTF-16 table of the shown text."""
        return self._map

    def to_utf16(self, codepoint: int) -> int:
        """Qt position of code-point position ``codepoint``."""
        return self._map.to_utf16(codepoint)

    def to_codepoint(self, utf16: int) -> int:
        """Code-point position of Qt position ``utf16``."""
        return self._map.to_codepoint(utf16)

    # -- document ----------------------------------------------------------------------------------------

    def set_document(self, doc_id: int | None) -> None:
        """Show document ``doc_id`` (None: nothing) with its spans."""
        self._set_selected(None, scroll=False)
        self._doc_id = doc_id
        self._text = self.project.document_text(doc_id) if doc_id is not None else ""
        self._map = Utf16Map(self._text)
        # Spans are read by range as painting reaches them; the idle timer reads the rest.
        self.spans = DocumentSpans(self.project, doc_id, length=len(self._text))
        self.page_marks.load(self.project.document_metadata(doc_id) if doc_id is not None else {})
        self._moving_cursor = True
        try:
            # Qt turns "\r\n" into one paragraph break; a space keeps every position where the store has it.
            self.setPlainText(self._text.replace("\r", " ") if "\r" in self._text else self._text)
        finally:
            self._moving_cursor = False
        self._compute_find_matches()
        self._continue_loading(IDLE_LOAD_DELAY_MS)

    def _continue_loading(self, delay_ms: int = IDLE_LOAD_INTERVAL_MS) -> None:
        if not self.spans.complete:
            self.load_timer.start(delay_ms)

    def _complete_load(self) -> None:
        try:
            self.spans.load_more(IDLE_LOAD_BUDGET_MS)
        except StoreError as exc:
            log.warning("cannot read the project: %s", exc)
            return
        self._continue_loading()

    def reload(self) -> None:
        """Read the document's spans again (after another process changed the file), keeping the view."""
        if self._doc_id is None:
            return
        try:
            text = self.project.document_text(self._doc_id)
        except NotFound:
            self.set_document(None)
            return
        if text != self._text:
            selected = self._selected
            self.set_document(self._doc_id)
            if selected is not None:
                self.select_span(selected)
            return
        self.reload_labels()
        self.spans.reload()
        self._continue_loading()
        if self._selected is not None:
            self._reload_selected()
        self.viewport().update()

    def visible_range(self) -> tuple[int, int]:
        """The code-point range of the text on screen (whole paragraphs), (0, 0) when nothing is shown."""
        if self._doc_id is None:
            return (0, 0)
        blocks = self.span_painter.visible_blocks()
        if not blocks:
            return (0, 0)
        return blocks[0].start, max(blocks[-1].end, blocks[-1].start + 1)

    def document_id(self) -> int | None:
        """The id of the shown document, if any."""
        return self._doc_id

    def text(self) -> str:
        """The shown text, as stored (code points)."""
        return self._text

    def reload_labels(self) -> None:
        """Read label colours and hotkeys again (retired labels keep their colour but lose their hotkey)."""
        labels = self.project.labels(include_retired=True)
        self.span_painter.set_label_colors({label.name: label.color for label in labels})
        self._hotkeys = {label.hotkey.lower(): label.name for label in labels if label.hotkey and not label.retired}

    def hotkeys(self) -> dict[str, str]:
        """Label name by hotkey (lower case), for the labels that are not retired."""
        return dict(self._hotkeys)

    # -- typography ---------------------------------------------------------------------------------------

    def zoom_in(self, steps: int = 1) -> None:
        """Larger text."""
        self._zoom(steps)

    def zoom_out(self, steps: int = 1) -> None:
        """Smaller text."""
        self._zoom(-steps)

    def _zoom(self, steps: int) -> None:
        font = self.font()
        size = font.pointSizeF() if font.pointSizeF() > 0 else READING_POINT_SIZE
        font.setPointSizeF(max(ZOOM_LIMITS[0], min(ZOOM_LIMITS[1], size + steps)))
        self.setFont(font)

    # -- what is shown -------------------------------------------------------------------------------------

    def set_annotator_filter(self, mode: str, name: str | None = None) -> None:
        """Draw everyone's spans ("all"), mine ("mine") or one annotator's ("one", name).

        With "all", spans of other annotators than ``self.annotator`` are drawn with a lighter fill and a
        dotted underline, so one's own work stands out.
        """
        if mode not in FILTER_MODES:
            raise ValueError(f"unknown annotator filter {mode!r}: expected one of {', '.join(FILTER_MODES)}")
        self._filter = (mode, name if mode == "one" else None)
        if self._selected is not None:
            info = self.spans.get(self._selected)
            if info is not None and not self.is_shown(info):
                self._set_selected(None, scroll=False)
        self.viewport().update()

    def annotator_filter(self) -> tuple[str, str | None]:
        """The current filter (mode, name)."""
        return self._filter

    def is_shown(self, info: SpanInfo) -> bool:
        """Whether the annotator filter lets ``info`` be drawn."""
        mode, name = self._filter
        if mode == "mine":
            return info.annotator == self.annotator
        if mode == "one":
            return info.annotator == name
        return True

    def shown_spans_at(self, codepoint: int) -> list[SpanInfo]:
        """The drawn spans containing ``codepoint``, smallest first."""
        found = [info for info in self.spans.touching(codepoint, codepoint + 1) if self.is_shown(info)]
        found.sort(key=lambda s: (s.end - s.start, s.start, s.id))
        return found

    # -- span selection ------------------------------------------------------------------------------------

    def selected_span_id(self) -> str | None:
        """The selected span's id, if any."""
        return self._selected

    def select_span(self, span_id: str | None) -> None:
        """Select span ``span_id`` of the shown document (None: no span) and scroll to it."""
        if span_id is None:
            self._set_selected(None, scroll=False)
            return
        if self.spans.get(span_id) is None:
            try:
                span = self.project.span(span_id)
            except NotFound:
                return
            if span.document_id != self._doc_id or span.status == "rejected":
                return
            self.spans.ensure_span(span.start, span.end)  # not read yet: its chunk is read now
            if self.spans.get(span_id) is None:
                self.spans.reload()  # the index is behind the file (a change not told yet)
                self._continue_loading()
                self.spans.ensure_span(span.start, span.end)
        self._set_selected(span_id, scroll=True)

    def _reload_selected(self) -> None:
        """After a reload: read the selected span's range again, or drop the selection if it is gone."""
        try:
            span = self.project.span(self._selected) if self._selected is not None else None
        except StoreError:  # gone (NotFound) or unreadable: either way nothing to keep selected
            span = None
        if span is not None and span.document_id == self._doc_id:
            self.spans.ensure_span(span.start, span.end)
        if self.spans.get(self._selected) is None:
            self._set_selected(None, scroll=False)

    def _set_selected(self, span_id: str | None, *, scroll: bool) -> None:
        previous = self._selected
        info = self.spans.get(span_id)
        if scroll and info is not None:
            cursor = self.textCursor()
            self._moving_cursor = True
            try:
                cursor.setPosition(self.to_utf16(info.start))
                self.setTextCursor(cursor)
            finally:
                self._moving_cursor = False
            self._scroll_into_view(info)
        if previous == span_id:
            return
        self._selected = span_id
        for old in (self.spans.get(previous), info):
            if old is not None:
                self.update_range(old.start, old.end)
        if self.link_arcs.refresh():
            self.viewport().update()  # arcs reach across lines: the whole view
        self.selectedSpanChanged.emit(span_id)

    def _scroll_into_view(self, info: SpanInfo) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.to_utf16(info.start))
        rect = self.cursorRect(cursor)
        if not self.viewport().rect().contains(rect):
            self._moving_cursor = True
            try:
                current = self.textCursor()
                self.setTextCursor(cursor)
                self.centerCursor()
                self.setTextCursor(current)
            finally:
                self._moving_cursor = False
        self.ensureCursorVisible()

    def _text_selection_changed(self) -> None:
        # A text selection made by the user replaces the span selection (a hotkey then tags, not relabels).
        if not self._moving_cursor and self._selected is not None and self.textCursor().hasSelection():
            self._set_selected(None, scroll=False)

    def select_neighbour_span(self, step: int) -> bool:
        """Select the next (step > 0) or previous drawn span in text order; False at either end."""
        index = self.spans.ensure_complete()
        current = self.spans.get(self._selected)
        entry: tuple[int, int, str] | None
        if current is not None:
            here = (current.start, current.end, current.id)
            entry = index.next_after(here) if step > 0 else index.previous_before(here)
        else:
            position = self.to_codepoint(self.textCursor().position())
            if step > 0:
                entry = index.first_starting_at_or_after(position)
            else:
                entry = index.previous_before((position, -1, ""))
        while entry is not None and not self.is_shown(self.spans.get(entry[2])):
            entry = index.next_after(entry) if step > 0 else index.previous_before(entry)
        if entry is None:
            return False
        self._set_selected(entry[2], scroll=True)
        return True

    # -- keys (what each does: annotator.ui.reader_keys and the action table) ------------------------------

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and self._takes_key(event):
            event.accept()
            return True
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and self._run_key(event, early=True):
            return True  # Tab and Shift+Tab move between spans, not the focus
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # What each key does is declared in ``annotator.ui.actions.READER_KEYS``.
        if not self._run_key(event):
            super().keyPressEvent(event)

    # -- mouse ---------------------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press_pos = event.position().toPoint() if event.button() == Qt.MouseButton.LeftButton else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self._press_pos is None:
            return
        pos = event.position().toPoint()
        moved = (pos - self._press_pos).manhattanLength() >= QApplication.startDragDistance()
        self._press_pos = None
        if moved or self.textCursor().hasSelection():
            return
        self.click_at(pos)

    def codepoint_at(self, pos: QPoint) -> int | None:
        """The code point drawn under viewport point ``pos`` (None between lines' ends and the margin)."""
        block = self.cursorForPosition(pos).block()
        if not block.isValid():
            return None
        origin = self.blockBoundingGeometry(block).translated(self.contentOffset()).topLeft()
        x, y = pos.x() - origin.x(), pos.y() - origin.y()
        layout = block.layout()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if line.y() <= y < line.y() + line.height():
                if x < line.x() - 1 or x > line.x() + max(line.naturalTextWidth(), line.horizontalAdvance()) + 1:
                    return None
                u16 = line.xToCursor(x, line.CursorPosition.CursorOnCharacter)
                if u16 >= block.length() - 1 + (0 if block.next().isValid() else 1):
                    return None
                return self.to_codepoint(block.position() + u16)
        return None

    def click_at(self, pos: QPoint) -> str | None:
        """What a click at viewport point ``pos`` does: select the smallest span there, or cycle, or the span a
        link arc's role names; returns it."""
        linked = self.link_arcs.span_at(QPointF(pos))
        if linked is not None:
            self.select_span(linked)
            return self._selected
        codepoint = self.codepoint_at(pos)
        found = self.shown_spans_at(codepoint) if codepoint is not None else []
        if not found:
            self._set_selected(None, scroll=False)
            return None
        ids = [info.id for info in found]
        chosen = ids[(ids.index(self._selected) + 1) % len(ids)] if self._selected in ids else ids[0]
        self._set_selected(chosen, scroll=False)
        return chosen

    # -- context menu ------------------------------------------------------------------------------------

    def context_menu_for(self, pos: QPoint) -> QMenu:
        """The menu for a right click at viewport point ``pos``: tag the selection, or act on the span there."""
        menu = self.createStandardContextMenu()
        menu.setObjectName("reader-menu")
        labels = [label for label in self.project.labels(include_retired=False)]
        if self.textCursor().hasSelection() and labels:
            menu.addSeparator()
            tag_menu = menu.addMenu(tr_("Tag selection as"))
            for label in labels:
                action = tag_menu.addAction(self._label_text(label))
                action.triggered.connect(lambda _checked=False, name=label.name: self.tag_selection(name))
            return menu
        codepoint = self.codepoint_at(pos)
        found = self.shown_spans_at(codepoint) if codepoint is not None else []
        if not found:
            return menu
        target = self._selected if self._selected in [info.id for info in found] else found[0].id
        self._set_selected(target, scroll=False)
        info = self.spans.get(target)
        assert info is not None
        menu.addSeparator()
        relabel = menu.addMenu(tr_("Relabel as"))
        for label in labels:
            action = relabel.addAction(self._label_text(label))
            action.setEnabled(label.name != info.label)
            action.triggered.connect(lambda _checked=False, name=label.name: self.relabel_selected(name))
        menu.addAction(tr_("Edit note…"), self.edit_note)
        if info.status == "suggested":
            menu.addAction(tr_("Accept suggestion"), lambda: self.review_selected_suggestion(True))
            menu.addAction(tr_("Reject suggestion"), lambda: self.review_selected_suggestion(False))
        menu.addAction(tr_("Delete span"), self.delete_selected)
        return menu

    @staticmethod
    def _label_text(label: Label) -> str:
        shown = label_display(label.name)
        return f"{shown}\t{label.hotkey}" if label.hotkey else shown

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu_for(event.pos())
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        menu.popup(event.globalPos())

    # -- tooltips ------------------------------------------------------------------------------------------

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, pos: QPoint) -> str:
        """The tooltip for viewport point ``pos``: label, note, annotator (and status) of each span there."""
        codepoint = self.codepoint_at(pos)
        if codepoint is None:
            return ""
        page = self.page_marks.page_at(codepoint)
        parts = [f"<i>{html.escape(tr_('page {page}').format(page=page))}</i>"] if page is not None else []
        for info in self.shown_spans_at(codepoint):
            try:
                span = self.project.span(info.id)
            except NotFound:
                continue
            line = f"<b>{html.escape(span.label)}</b>"
            if span.status != "accepted":
                line += f" <i>({html.escape(tr_(span.status))})</i>"
            line += f" · {html.escape(span.annotator)}"
            if span.note:
                line += f"<br>{html.escape(span.note)}"
            parts.append(line)
        return "<hr>".join(parts)

    # -- find in document ----------------------------------------------------------------------------------

    def find_text(self, query: str) -> int:
        """Highlight every match of ``query`` (case-insensitive) and go to the first after the cursor; the count."""
        self._find_query = query
        self._compute_find_matches()
        self.viewport().update()
        if self._find_matches:
            self._go_to_match(self._match_after(self.to_codepoint(self.textCursor().selectionStart()), inclusive=True))
        return len(self._find_matches)

    def _compute_find_matches(self) -> None:
        self._current_match = None
        if not self._find_query:
            self._find_matches, self._find_starts = [], []
            return
        pattern = re.compile(re.escape(self._find_query), re.IGNORECASE)
        self._find_matches = [(m.start(), m.end()) for m in pattern.finditer(self._text) if m.end() > m.start()]
        self._find_starts = [start for start, _ in self._find_matches]

    def find_matches(self) -> list[tuple[int, int]]:
        """The code-point ranges of the current matches."""
        return list(self._find_matches)

    def has_find_matches(self) -> bool:
        """Whether a find is showing matches."""
        return bool(self._find_matches)

    def find_matches_between(self, start: int, end: int) -> list[tuple[int, int, bool]]:
        """Matches touching [start, end), each with whether it is the current one (for painting)."""
        if not self._find_matches:
            return []
        i = max(0, bisect_left(self._find_starts, start) - 1)
        found = []
        while i < len(self._find_matches) and self._find_matches[i][0] < max(end, start + 1):
            match = self._find_matches[i]
            if match[1] > start:
                found.append((match[0], match[1], i == self._current_match))
            i += 1
        return found

    def _match_after(self, position: int, *, inclusive: bool = False) -> int:
        index = bisect_left(self._find_starts, position if inclusive else position + 1)
        return index % len(self._find_matches)

    def _go_to_match(self, index: int) -> None:
        previous = self._current_match
        self._current_match = index
        start, end = self._find_matches[index]
        cursor = self.textCursor()
        cursor.setPosition(self.to_utf16(start))
        cursor.setPosition(self.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        if previous is not None and previous < len(self._find_matches):
            self.update_range(*self._find_matches[previous])
        self.update_range(start, end)

    def find_next(self) -> bool:
        """Go to the next match (wrapping around); False if there is none."""
        if not self._find_matches:
            return False
        if self._current_match is not None:
            self._go_to_match((self._current_match + 1) % len(self._find_matches))
        else:
            self._go_to_match(self._match_after(self.to_codepoint(self.textCursor().position()), inclusive=True))
        return True

    def find_previous(self) -> bool:
        """Go to the previous match (wrapping around); False if there is none."""
        if not self._find_matches:
            return False
        if self._current_match is not None:
            self._go_to_match((self._current_match - 1) % len(self._find_matches))
        else:
            position = self.to_codepoint(self.textCursor().selectionStart())
            self._go_to_match((bisect_left(self._find_starts, position) - 1) % len(self._find_matches))
        return True

    def find_match_at(self, position: int) -> bool:
        """Make the match that starts at (or first after) code point ``position`` the current one."""
        if not self._find_matches:
            return False
        self._go_to_match(self._match_after(position, inclusive=True))
        return True

    # -- changes and painting ------------------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        try:
            if change.kind == ChangeKind.LABELS_CHANGED or change.kind in RELOAD_KINDS:
                self.reload_labels()
            dirty = self.spans.apply(change)
        except StoreError as exc:
            log.warning("cannot read the project: %s", exc)
            return
        if self._selected is not None and self.spans.get(self._selected) is None:
            self._reload_selected()
        if self._selected is not None and change.kind in _CHANGES_THAT_MOVE_ARCS and self.link_arcs.refresh():
            self.viewport().update()
        if dirty is None:
            self._continue_loading()
            self.span_painter.invalidate()
            self.viewport().update()
            return
        for start, end in dirty:
            self.span_painter.forget(start, end)
            self.update_range(start, end)

    def update_range(self, start: int, end: int) -> None:
        """Repaint the on-screen rows that show code points [start, end) (nothing if they are off screen)."""
        rect: QRect | None = self.span_painter.rect_for_range(start, end)
        if rect is not None:
            self.viewport().update(rect)

    def paintEvent(self, event: QPaintEvent) -> None:
        plan = self.span_painter.plan(event.rect())
        decorated = plan.has_decorations()
        if decorated:
            painter = QPainter(self.viewport())
            try:
                self.span_painter.draw_under(painter, plan)
            finally:
                painter.end()
        super().paintEvent(event)
        if decorated or self.link_arcs.arcs or self.page_marks.starts:
            painter = QPainter(self.viewport())
            try:
                self.span_painter.draw_over(painter, plan)
                self.link_arcs.draw(painter)
                self.page_marks.draw(painter, event.rect())
            finally:
                painter.end()
