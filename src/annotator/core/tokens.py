"""Tokens and sentences, shared by the CoNLL export and token-level agreement.

A token is a run of word characters (as in word snapping: letters, digits, joining hyphens,
digits joined by no-break spaces) or a single other non-space character, with what belongs to it:
an emoji's skin tone, variation selector or joined parts (👩‍👩‍👧), a flag's second letter (🇰🇵). Sentences end after
. ! ? … (with any closing quotes or brackets) followed by white space, and at every line break.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from annotator.core.offsets import is_in_word

_SENTENCE_END = frozenset(".!?…")
_CLOSERS = frozenset("\"'”’»)]")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Code-point ranges of the tokens of ``text[start:end]``."""
    end = len(text) if end is None else end
    tokens: list[tuple[int, int]] = []
    i = start
    while i < end:
        if text[i].isspace():
            i += 1
            continue
        if is_in_word(text, i):
            j = i + 1
            while j < end and is_in_word(text, j):
                j += 1
            tokens.append((i, j))
            i = j
        else:
            j = _symbol_end(text, i, end)
            tokens.append((i, j))
            i = j
    return tokens


_ZWJ = "\u200d"


def _is_regional(ch: str) -> bool:
    return "\U0001f1e6" <= ch <= "\U0001f1ff"


def _extends(ch: str) -> bool:
    """A code point that belongs to the symbol before it: a mark or variation selector, a skin tone, a tag."""
    return (
        unicodedata.category(ch)[0] == "M" or "\U0001f3fb" <= ch <= "\U0001f3ff" or "\U000e0020" <= ch <= "\U000e007f"
    )


def _symbol_end(text: str, i: int, end: int) -> int:
    """End of the symbol starting at ``i``: one character, or one emoji as people see it (a flag, a family
    joined by zero-width joiners, a skin tone, a keycap), never split into tokens of its own."""
    j = i + 1
    if _is_regional(text[i]) and j < end and _is_regional(text[j]):
        j += 1
    while j < end:
        if _extends(text[j]):
            j += 1
        elif text[j] == _ZWJ and j + 1 < end and not text[j + 1].isspace():
            j += 2
        else:
            break
    return j


def sentences(text: str, unbroken: Iterable[tuple[int, int]] = ()) -> list[list[tuple[int, int]]]:
    """The tokens of ``text`` grouped into sentences (lists of token ranges, none empty).

    ``unbroken`` are ranges (spans) no sentence break may fall inside: a sentence that would end
    inside one ("J. K. Rowling", a name across a line break) goes on to the end of the range.
    """
    result = _split_sentences(text)
    ranges = sorted(unbroken)
    if not ranges or len(result) < 2:
        return result
    merged = [result[0]]
    k = 0
    reach = -1  # the furthest end of the ranges that start before the next sentence
    for sentence in result[1:]:
        next_start = sentence[0][0]
        while k < len(ranges) and ranges[k][0] < next_start:
            reach = max(reach, ranges[k][1])
            k += 1
        if reach > merged[-1][-1][1]:  # a range starts before the break and ends after it
            merged[-1].extend(sentence)
        else:
            merged.append(sentence)
    return merged


def _split_sentences(text: str) -> list[list[tuple[int, int]]]:
    result: list[list[tuple[int, int]]] = []
    for line_start, line_end in _lines(text):
        current: list[tuple[int, int]] = []
        tokens = tokenize(text, line_start, line_end)
        for k, (s, e) in enumerate(tokens):
            current.append((s, e))
            if text[s:e] in _SENTENCE_END or (e - s == 1 and text[s] in _CLOSERS and _ends(text, tokens, k)):
                nxt = tokens[k + 1] if k + 1 < len(tokens) else None
                if nxt is None or (nxt[0] > e and text[nxt[0]] not in _CLOSERS):
                    result.append(current)
                    current = []
        if current:
            result.append(current)
    return result


def _ends(text: str, tokens: list[tuple[int, int]], k: int) -> bool:
    """Whether the closing mark at token k follows a sentence-final mark."""
    j = k - 1
    while j >= 0 and text[tokens[j][0]] in _CLOSERS and tokens[j][1] - tokens[j][0] == 1:
        j -= 1
    return j >= 0 and text[tokens[j][0] : tokens[j][1]] in _SENTENCE_END


def _lines(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out
