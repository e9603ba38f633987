"""Re-anchoring: where a quoted span sits in another version of its text, told by the context around it.

Pure functions on strings; the set merge uses them for a document that came back with another text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

CONTEXT = 40  # code points of left and right context used to re-anchor a span


def contexts(text: str, start: int, end: int) -> tuple[str, str]:
    """The ``CONTEXT`` code points left and right of ``text[start:end]``."""
    return text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _context_score(text: str, pos: int, length: int, left: str, right: str) -> int:
    """How many code points of context ``left``/``right`` the occurrence at ``pos`` shares."""
    return _common_suffix(text[max(0, pos - len(left)) : pos], left) + _common_prefix(
        text[pos + length : pos + length + len(right)], right
    )


def reanchor(
    text: str,
    quote: str,
    left: str,
    right: str,
    hint: int | None = None,
    rivals: Sequence[tuple[str, str]] = (),
) -> int | None:
    """Where ``quote`` sits in ``text``: the occurrence whose context best matches ``left``/``right``.

    ``rivals`` are the contexts of the set's other occurrences of the same quote: the place chosen must
    match the annotated occurrence better than any of them, or it is another mention of the same words.
    Returns the start offset, or None when the quote is absent, two places match equally well, or the
    best place belongs to a rival (a guess could store the span at the wrong place).
    """
    if not quote:
        return None
    found = [m.start() for m in re.finditer(re.escape(quote), text)]
    if not found:
        return None
    scored = sorted(((_context_score(text, pos, len(quote), left, right), pos) for pos in found), reverse=True)
    best_score, best = scored[0]
    if len(scored) > 1 and scored[1][0] == best_score:
        tied = [pos for score, pos in scored if score == best_score]
        if hint is None or best_score == 0 or hint not in tied:
            return None
        best = hint
    if any(_context_score(text, best, len(quote), *rival) >= best_score for rival in rivals):
        return None
    return best
