"""Propagation: once a string is tagged with a label, propose its other mentions with that label.

A mention is a whole-word occurrence: it must not cut a word in two under the project's word
snapping rules (so "ONU" is found in "l’ONU", "Russie" is not found in "Russies", and "10 000"
is never split). White space inside a tagged string matches any white space ("10 000" with a
plain space finds "10 000" with a no-break space). Matching ignores case by default — accents are
always kept, so "Etats-Unis" never matches "États-Unis" — except for strings holding an acronym
("ONU", "UN"), which match case-sensitively.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from annotator.core.intervals import IntervalIndex
from annotator.core.offsets import is_in_word
from annotator.core.suggest import Candidate

MIN_LENGTH = 2


def mention_pattern(phrase: str, *, case_sensitive: bool | None = None) -> re.Pattern[str] | None:
    """A pattern for the mentions of ``phrase``; None for a phrase too short or blank to propagate.

    ``case_sensitive=None`` (the default) ignores case except in acronyms: "the UN panel" finds
    "The UN panel" but never "the un panel".
    """
    words = phrase.split()
    if not words or len(phrase.strip()) < MIN_LENGTH:
        return None
    if case_sensitive:
        return re.compile(r"\s+".join(re.escape(w) for w in words))
    parts = [f"(?-i:{re.escape(w)})" if case_sensitive is None and _is_acronym(w) else re.escape(w) for w in words]
    return re.compile(r"\s+".join(parts), re.IGNORECASE)


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def is_whole_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` begins and ends at word boundaries (word snapping would not grow it)."""
    if start > 0 and is_in_word(text, start) and is_in_word(text, start - 1):
        return False
    return not (end < len(text) and is_in_word(text, end - 1) and is_in_word(text, end))


class FoldedText:
    """A text case-folded and encoded as UTF-8, to find where a word may occur with a byte search.

    Finding one name in a long document after every tag (auto-propagation) must not cost a regular
    expression over megabytes: a byte search of the folded text finds the few places where the phrase's
    first word occurs, and the phrase's pattern is tried there only. Made once per document text.
    """

    STEP = 4096  # code points between two known byte offsets

    def __init__(self, text: str) -> None:
        folded = text.casefold()
        # Folding that changes lengths (ß → ss) would move positions: such a text is searched the slow way.
        self.usable = len(folded) == len(text)
        self.data = folded.encode("utf-8") if self.usable else b""
        self.marks: list[int] = []  # byte offset of code point k * STEP
        if self.usable:
            offset = 0
            for k in range(0, len(folded), self.STEP):
                self.marks.append(offset)
                offset += len(folded[k : k + self.STEP].encode("utf-8"))

    def positions(self, word: str) -> list[int]:
        """Code-point positions where ``word`` occurs, folded (a superset of its case-insensitive matches)."""
        needle = word.casefold().encode("utf-8")
        if not needle:
            return []
        data, marks, found = self.data, self.marks, []
        at = data.find(needle)
        while at != -1:
            k = bisect_right(marks, at) - 1
            found.append(k * self.STEP + len(data[marks[k] : at].decode("utf-8")))
            at = data.find(needle, at + 1)
        return found


def find_mentions(
    text: str, phrase: str, *, case_sensitive: bool | None = None, folded: FoldedText | None = None
) -> list[tuple[int, int]]:
    """Whole-word mentions of ``phrase`` in ``text`` as (start, end), in text order.

    With ``folded`` (the same text folded), the pattern is tried only where the first word occurs.
    """
    pattern = mention_pattern(phrase, case_sensitive=case_sensitive)
    if pattern is None:
        return []
    if folded is None or not folded.usable or len(phrase.split()[0].casefold()) != len(phrase.split()[0]):
        return [m.span() for m in pattern.finditer(text) if is_whole_word(text, *m.span())]
    found: list[tuple[int, int]] = []
    reached = 0
    for position in folded.positions(phrase.split()[0]):
        if position < reached:
            continue  # inside the previous match, as a scan from left to right would skip it
        match = pattern.match(text, position)
        if match is not None and match.end() > match.start():
            reached = match.end()
            if is_whole_word(text, *match.span()):
                found.append(match.span())
    return found


def propagate(
    text: str,
    seeds: Iterable[tuple[str, str]],
    existing: Iterable[tuple[int, int, str]] = (),
    *,
    case_sensitive: bool | None = None,
) -> list[Candidate]:
    """Mentions in ``text`` of each (phrase, label) seed, as candidates with the seed's label.

    A mention is skipped where a span of the same label (any status, in ``existing``) overlaps
    it, so tagged places, pending suggestions and rejected ones are left alone. Longer seeds go
    first: with "la Russie" and "Russie" both tagged, "la Russie" is proposed, not the "Russie"
    inside it. Returns candidates in text order.
    """
    taken: dict[str, IntervalIndex] = {}
    for n, (start, end, label) in enumerate(existing):
        taken.setdefault(label, IntervalIndex()).add(start, end, f"e{n}")
    unique = sorted(set(seeds), key=lambda seed: (-len(seed[0]), seed[0], seed[1]))
    found: list[Candidate] = []
    for phrase, label in unique:
        ranges = taken.setdefault(label, IntervalIndex())
        for start, end in find_mentions(text, phrase, case_sensitive=case_sensitive):
            if ranges.overlapping(start, end):
                continue
            ranges.add(start, end, f"c{len(found)}")
            found.append(Candidate(start, end, label))
    return sorted(found)


__all__ = ["MIN_LENGTH", "FoldedText", "find_mentions", "is_whole_word", "mention_pattern", "propagate"]
