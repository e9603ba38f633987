"""Tokens and sentences, shared by the CoNLL export and token-level agreement.

A token is a run of word characters (as in word snapping: letters, digits, joining hyphens,
digits joined by no-break spaces) or a single other non-space character. Sentences end after
. ! ? … (with any closing quotes or brackets) followed by white space, and at every line break.
"""

from __future__ import annotations

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
            tokens.append((i, i + 1))
            i += 1
    return tokens


def sentences(text: str) -> list[list[tuple[int, int]]]:
    """The tokens of ``text`` grouped into sentences (lists of token ranges, none empty)."""
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
