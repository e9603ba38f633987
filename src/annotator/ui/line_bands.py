"""Room between lines in the reader: a free band above chosen lines, for the link arcs to run in.

QPlainTextEdit lays its text out itself and ignores line height and block margins, so extra room cannot be
asked for through text formats. ``BandedLayout`` is the plain-text layout with one addition: after Qt has
laid out a block, the lines that hold one of the marked positions are moved down by a band height, and the
lines after them with them. Everything in QPlainTextEdit that places text (painting, the caret, hit tests,
scrolling) reads the lines' positions and the block's rectangle from this layout, so the band is room that
no glyph, selection or span highlight enters.

Only the marked blocks cost anything: every other block keeps Qt's own layout and a lookup in a small dict,
so a long document opens and scrolls as before. The band height follows the document's font (zoom), and a
font change or resize, after which Qt lays the blocks out again, puts the bands back as the blocks are shown.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QTextBlock, QTextDocument, QTextLayout
from PySide6.QtWidgets import QPlainTextDocumentLayout, QPlainTextEdit


class BandedLayout(QPlainTextDocumentLayout):
    """QPlainTextEdit's layout with a free band above the lines that hold the marked positions."""

    def __init__(self, document: QTextDocument, band_height: Callable[[QFont], float]) -> None:
        super().__init__(document)
        self._band_height = band_height
        self._band_key: str | None = None
        self._band = 0.0
        # Block number -> block-relative UTF-16 positions whose lines get a band; an empty tuple marks a
        # block whose bands were taken away and whose lines still have to move back.
        self._marks: dict[int, tuple[int, ...]] = {}
        self._positions: frozenset[int] = frozenset()

    def band(self) -> float:
        """The band's height in pixels for the document's current font (whole pixels, so text stays sharp)."""
        font = self.document().defaultFont()
        key = font.key()
        if key != self._band_key:
            self._band_key = key
            self._band = float(math.ceil(self._band_height(font)))
        return self._band

    def positions(self) -> frozenset[int]:
        """The marked positions (UTF-16, document-absolute)."""
        return self._positions

    def set_bands(self, positions: Iterable[int]) -> bool:
        """Give a band to the lines that hold ``positions`` (UTF-16) and to no other; True if that changed."""
        wanted = frozenset(positions)
        if wanted == self._positions:
            return False
        document = self.document()
        marks: dict[int, list[int]] = {number: [] for number in self._marks}
        for position in sorted(wanted):
            block = document.findBlock(position)
            if block.isValid():
                marks.setdefault(block.blockNumber(), []).append(position - block.position())
        self._marks = {number: tuple(found) for number, found in marks.items()}
        self._positions = wanted
        # The scroll bar's range counts the lines that fit at the end of the document: count again.
        self.documentSizeChanged.emit(self.documentSize())
        return True

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:
        """The block's rectangle, with its lines moved to make room for their bands first."""
        rect = super().blockBoundingRect(block)
        if not self._marks:
            return rect
        number = block.blockNumber()
        marks = self._marks.get(number)
        if marks is None:
            return rect
        if self._place(block.layout(), marks):
            rect = super().blockBoundingRect(block)
        if not marks:
            del self._marks[number]  # moved back: Qt's own layout from now on
        return rect

    def _place(self, layout: QTextLayout, marks: tuple[int, ...]) -> bool:
        """Put the lines where they belong (as Qt stacks them, plus a band above the marked ones); True if
        any moved."""
        count = layout.lineCount()
        if count == 0:
            return False
        banded = {layout.lineForTextPosition(p).lineNumber() for p in marks}
        band = self.band() if banded else 0.0
        y = 0.0
        moved = False
        for i in range(count):
            line = layout.lineAt(i)
            if i in banded:
                y += band
            if line.y() != y:
                line.setPosition(QPointF(line.x(), y))
                moved = True
            y += line.height()
            leading = line.leading()
            if leading < 0:  # as QPlainTextDocumentLayout stacks lines
                y += math.ceil(leading)
        return moved


def install_bands(view: QPlainTextEdit, band_height: Callable[[QFont], float]) -> BandedLayout:
    """Give ``view`` a new empty document laid out by a ``BandedLayout`` (keeping its font and margin)."""
    old = view.document()
    document = QTextDocument(view)
    layout = BandedLayout(document, band_height)
    document.setDocumentLayout(layout)
    document.setDefaultFont(view.font())
    document.setDocumentMargin(old.documentMargin())
    view.setDocument(document)
    return layout
