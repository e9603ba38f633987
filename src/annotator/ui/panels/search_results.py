"""Project-wide search results: one row per document, its title and the matching context in bold."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QListWidget, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from annotator.ui.i18n import tr_

_MATCH = re.compile(r"\[([^\]]*)\]")
PADDING = 6


def _loose(fragment: str) -> str:
    """A pattern for ``fragment`` where any run of whitespace matches any run (snippets fold line breaks)."""
    return r"\s+".join(re.escape(word) for word in fragment.split())


def snippet_occurrence(text: str, snippet: str) -> int | None:
    """Where, in ``text``, the first ``[match]`` of a search ``snippet`` is: its code-point offset, or None.

    The snippet is a stretch of the text with its matches in brackets and ``…`` where it was cut, so the
    words around the first match find the occurrence it shows (not merely the first in the document).
    """
    mark = _MATCH.search(snippet)
    if mark is None or not mark.group(1).strip():
        return None
    before = snippet[: mark.start()].split("…")[-1].replace("[", "").replace("]", "")
    after = snippet[mark.end() :].split("…")[0].replace("[", "").replace("]", "")
    lead, term, tail = _loose(before), f"(?P<term>{_loose(mark.group(1))})", _loose(after)
    gap = r"\s*"
    for parts in ((lead, term, tail), (lead, term), (term, tail), (term,)):
        found = re.search(gap.join(part for part in parts if part), text)
        if found is not None:
            return found.start("term")
    return None


def snippet_html(title: str, snippet: str) -> str:
    """The row as HTML: the title, then the snippet with its ``[match]`` marks shown in bold."""
    escaped = html.escape(" ".join(snippet.split()), quote=False)
    context = _MATCH.sub(lambda m: f"<b>{m.group(1)}</b>", escaped)
    return f"<div style='font-weight:600'>{html.escape(title, quote=False)}</div><div>{context}</div>"


class SearchResultDelegate(QStyledItemDelegate):
    """Draws the row's HTML (item role ``Qt.UserRole + 2``) wrapped to the list's width."""

    HTML_ROLE = Qt.ItemDataRole.UserRole + 2
    SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 3  # the snippet as the search gave it, ``[match]`` marks and all

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(str(index.data(self.HTML_ROLE) or html.escape(str(index.data() or ""))))
        document.setTextWidth(max(50, option.rect.width() - 2 * PADDING))
        return document

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        width = option.widget.viewport().width() if option.widget is not None else 240
        opt = QStyleOptionViewItem(option)
        opt.rect.setWidth(width)
        document = self._document(opt, index)
        return QSize(width, int(document.size().height()) + 2 * PADDING)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        document = self._document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.left() + PADDING, option.rect.top() + PADDING)
        painter.setClipRect(QRectF(0, 0, option.rect.width() - PADDING, option.rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()


class SearchResultList(QListWidget):
    """The list of search hits (objectName ``search-results``); rows re-wrap when the width changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search-results")
        self.setItemDelegate(SearchResultDelegate(self))
        self.setAlternatingRowColors(True)
        self.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setAccessibleName(tr_("Search results"))

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # heights depend on the width
