"""What the item models share: their custom data roles and the phrases that count spans."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from annotator.store.project import SPAN_KINDS
from annotator.ui.i18n import trn_

DocumentIdRole = Qt.ItemDataRole.UserRole + 1
SpanCountRole = Qt.ItemDataRole.UserRole + 2
DoneRole = Qt.ItemDataRole.UserRole + 3
SpanIdRole = Qt.ItemDataRole.UserRole + 4
SpanRole = Qt.ItemDataRole.UserRole + 5

_Index = QModelIndex | QPersistentModelIndex
SPAN_CHANGES = tuple(SPAN_KINDS)


def histogram_width(length: int, spans: int, page: int = 64) -> int:
    """Code points per stretch of a document's span histogram, so that a stretch holds about ``page`` spans
    (a power of two between 256 and 16,384): the span table's pages are made of whole stretches."""
    width = 256
    while width < 16_384 and width * max(spans, 1) < page * max(length, 1):
        width *= 2
    return width


def fold(text: str) -> str:
    """Text for matching: case-folded, accents removed ("Corée" matches "coree")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _one_line(text: str) -> str:
    # Line breaks only: no-break spaces ("10\u00a0000") are part of what was tagged.
    return text.replace("\r", " ").replace("\n", " ").replace("\u2029", " ")


def spans_phrase(count: int) -> str:
    """ "1 span", "3 spans" (in the window's language)."""
    return trn_("%n span(s)", "", count)


def suggestions_phrase(count: int) -> str:
    """ "1 suggestion", "3 suggestions" (in the window's language)."""
    return trn_("%n suggestion(s)", "", count)


def counts_phrase(accepted: int, suggested: int) -> str:
    """ "3 spans", or "3 spans · 1 suggestion" when there are suggestions (counted apart from spans)."""
    text = spans_phrase(accepted)
    return f"{text} · {suggestions_phrase(suggested)}" if suggested else text

