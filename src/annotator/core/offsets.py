"""Offsets: code points <-> UTF-16 units, word snapping and whitespace trimming.

The store counts code points; Qt counts UTF-16 units. ``Utf16Map`` converts between the two
with a table of the characters outside the Basic Multilingual Plane and a binary search, so a
conversion never rescans the text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right

from annotator.core.model import ValidationError

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

APOSTROPHES = frozenset("'’")
HYPHENS = frozenset("-‐‑")
DIGIT_JOINERS = frozenset("\u00a0\u202f")  # no-break space and narrow no-break space


class Utf16Map:
    """Converts positions in one text between code points and UTF-16 code units."""

    __slots__ = ("_astral_cp", "_astral_u16", "length", "length_utf16")

    def __init__(self, text: str) -> None:
        self._astral_cp = [m.start() for m in _ASTRAL.finditer(text)]
        # UTF-16 position of each astral character: its code-point index plus one extra unit for
        # every astral character before it.
        self._astral_u16 = [cp + i for i, cp in enumerate(self._astral_cp)]
        self.length = len(text)
        self.length_utf16 = len(text) + len(self._astral_cp)

    def to_utf16(self, cp: int) -> int:
        """UTF-16 position of code-point position ``cp`` (0 <= cp <= len(text))."""
        if not self._astral_cp:
            return cp
        return cp + bisect_left(self._astral_cp, cp)

    def to_codepoint(self, u16: int) -> int:
        """Code-point position of UTF-16 position ``u16``.

        A position inside a surrogate pair (between its two halves) is moved back to the start of
        that character, so a selection can never split one.
        """
        if not self._astral_u16:
            return u16
        before = bisect_left(self._astral_u16, u16)  # astral characters starting before u16
        if before and self._astral_u16[before - 1] + 1 == u16:
            return self._astral_cp[before - 1]
        return u16 - before

    def range_to_utf16(self, start: int, end: int) -> tuple[int, int]:
        """A code-point range as a UTF-16 range."""
        return self.to_utf16(start), self.to_utf16(end)

    def range_to_codepoints(self, start: int, end: int) -> tuple[int, int]:
        """A UTF-16 range as a code-point range; a half-covered astral character is included."""
        cp_start = self.to_codepoint(start)
        cp_end = self.to_codepoint(end)
        if self._astral_u16:
            i = bisect_right(self._astral_u16, end - 1) - 1
            if i >= 0 and self._astral_u16[i] + 1 == end:  # end falls inside a surrogate pair
                cp_end = self._astral_cp[i] + 1
        return cp_start, cp_end


def is_word_char(ch: str) -> bool:
    """A letter, a digit or a combining mark (accents typed as separate code points)."""
    if not ch:
        return False
    cat = unicodedata.category(ch)
    return cat[0] in "LN" or cat[0] == "M"


def _joins(text: str, i: int) -> bool:
    """Whether text[i] joins the word characters on both sides of it into one word."""
    ch = text[i]
    if i == 0 or i + 1 >= len(text):
        return False
    left, right = text[i - 1], text[i + 1]
    if ch in HYPHENS:
        return is_word_char(left) and is_word_char(right)
    if ch in DIGIT_JOINERS:
        return left.isdigit() and right.isdigit()
    return False


def is_in_word(text: str, i: int) -> bool:
    """Whether position ``i`` holds a character that belongs to a word."""
    return 0 <= i < len(text) and (is_word_char(text[i]) or _joins(text, i))


def word_bounds(text: str, i: int) -> tuple[int, int]:
    """The word that contains position ``i``, or (i, i) if ``text[i]`` is not in a word."""
    if not is_in_word(text, i):
        return i, i
    start = i
    while start > 0 and is_in_word(text, start - 1):
        start -= 1
    end = i + 1
    while end < len(text) and is_in_word(text, end):
        end += 1
    return start, end


def trim_whitespace(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so that it neither starts nor ends with white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a selection outwards to whole words, after trimming white space.

    A word is a run of letters, digits and joining hyphens; ’ and ' end a word (selecting "ONU"
    in "l’ONU" stays "ONU"); a no-break space between digits joins them ("10 000" is one word).
    Punctuation at the edges of the selection is kept as selected. Returns an empty range when
    the selection holds only white space.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    start, end = trim_whitespace(text, start, end)
    if start == end:
        return start, end
    if is_in_word(text, start):
        start = word_bounds(text, start)[0]
    if is_in_word(text, end - 1):
        end = word_bounds(text, end - 1)[1]
    return start, end


def next_word_boundary(text: str, pos: int, direction: int) -> int:
    """The position of the next word start (direction > 0) or previous word start (< 0).

    Used to move a span's start or end by one word.
    """
    n = len(text)
    if direction > 0:
        i = pos
        while i < n and is_in_word(text, i):
            i += 1
        while i < n and not is_in_word(text, i):
            i += 1
        # i is at the start of the next word; for an end boundary, callers use word_end_after.
        return i
    i = pos
    while i > 0 and not is_in_word(text, i - 1):
        i -= 1
    while i > 0 and is_in_word(text, i - 1):
        i -= 1
    return i


def word_end_after(text: str, pos: int) -> int:
    """The end of the first word that ends strictly after ``pos`` (or the text's end)."""
    n = len(text)
    i = pos
    while i < n and not is_in_word(text, i):
        i += 1
    while i < n and is_in_word(text, i):
        i += 1
    return i if i > pos else n


def word_end_before(text: str, pos: int) -> int:
    """The end of the word before the one that ends at or around ``pos`` (or 0)."""
    i = pos
    while i > 0 and not is_in_word(text, i - 1):
        i -= 1
    while i > 0 and is_in_word(text, i - 1):
        i -= 1
    while i > 0 and not is_in_word(text, i - 1):
        i -= 1
    return i


# -- offsets counted by other tools ------------------------------------------------------------------

CODEPOINTS = "codepoints"
UTF16 = "utf16"
AUTO = "auto"
OFFSET_MODES = (AUTO, UTF16, CODEPOINTS)


def quote_matches(covered: str, quote: str) -> bool:
    """Whether a tool's quoted text names ``covered``: equal, or equal with line breaks written as ``\\n``
    (Label Studio) or white space runs folded (brat writes fragments joined by one space)."""
    if covered == quote or covered.replace("\n", "\\n") == quote:
        return True
    return " ".join(covered.split()) == " ".join(quote.replace("\\n", "\n").split())


def _on_boundary(text: str, pos: int) -> bool:
    """Whether ``pos`` falls between words or tokens (never between two letters or digits of one word)."""
    return pos <= 0 or pos >= len(text) or not (is_word_char(text[pos - 1]) and is_word_char(text[pos]))


def _fits(text: str, spans: list[tuple[int, int]], quotes: list[str | None]) -> str | None:
    """None when every span lies on the text (and on its quote, or on word boundaries); else why not."""
    for (start, end), quote in zip(spans, quotes, strict=True):
        if start < 0 or end > len(text) or end <= start:
            return f"span {start}–{end} lies outside the text (length {len(text)})"
        if not text[start:end].strip():
            return f"span {start}–{end} covers only white space"
        if quote is not None:
            if not quote_matches(text[start:end], quote):
                return f"span {start}–{end} covers “{text[start:end]}”, not “{quote}”"
        elif not (_on_boundary(text, start) and _on_boundary(text, end)):
            return f"span {start}–{end} (“{text[start:end]}”) cuts a word"
    return None


def utf16_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
    """UTF-16 offsets read as code points; None when one falls inside a surrogate pair or past the end."""
    table = Utf16Map(text)
    converted = []
    for start, end in spans:
        if not (0 <= start <= table.length_utf16 and 0 <= end <= table.length_utf16):
            return None
        cp_start, cp_end = table.to_codepoint(start), table.to_codepoint(end)
        if table.to_utf16(cp_start) != start or table.to_utf16(cp_end) != end:
            return None  # half of a character outside the BMP: no tool writes that
        converted.append((cp_start, cp_end))
    return converted


def read_tool_offsets(
    text: str, spans: list[tuple[int, int]], quotes: list[str | None], mode: str = AUTO
) -> tuple[str, list[tuple[int, int]]]:
    """How a tool counted a document's offsets, and the spans as code points: (reading, spans).

    Web tools (doccano, older Label Studio) count in UTF-16 units, as JavaScript strings do; others count
    code points. The two differ only after a character outside the BMP. ``mode`` ``utf16`` or ``codepoints``
    says which; ``auto`` picks, for this document, the reading under which every span lies on the text and
    on its quote (when the tool gives one) or on word boundaries. The reading is ``"same"`` when both give
    the same spans. ValidationError (with why) when the reading named does not fit, when neither fits, or
    when both fit differently: a span is never stored shifted.
    """
    if mode not in OFFSET_MODES:
        raise ValueError(f"offsets must be one of {', '.join(OFFSET_MODES)}, not {mode!r}")
    as_utf16 = utf16_spans(text, spans)
    if as_utf16 == spans:
        return "same", spans
    if mode == CODEPOINTS:
        return CODEPOINTS, spans
    if mode == UTF16:
        if as_utf16 is None:
            raise ValidationError("read as UTF-16 units, a span falls inside a character or past the end")
        return UTF16, as_utf16
    why_cp = _fits(text, spans, quotes)
    why_utf16 = "a span falls inside a character or past the end" if as_utf16 is None else _fits(text, as_utf16, quotes)
    if why_cp is None and why_utf16 is None:
        raise ValidationError(
            "its offsets fit the text both as code points and as UTF-16 units, at different places: "
            "import it with --offsets codepoints or --offsets utf16"
        )
    if why_cp is None:
        return CODEPOINTS, spans
    if why_utf16 is None and as_utf16 is not None:
        return UTF16, as_utf16
    raise ValidationError(
        f"its offsets fit the text neither as code points ({why_cp}) nor as UTF-16 units ({why_utf16})"
    )
