"""One sentence as the quantity recogniser reads it: its tokens, its language per clause, its part-of-speech
tags (when a tagger is given), and the tests on single words (spelled-out numbers, years, plurals, modifiers)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from annotator.core.suggest.quantities.lexicon import (
    _CLAUSE_MARKS,
    _EN_HINTS,
    _FR_HINTS,
    ARTICLE_NUMBERS,
    EN_INNER_MODIFIERS,
    IRREGULAR_PLURALS,
    NUMBER_WORDS,
    STOP_EN,
    STOP_FR,
    Tagger,
    Token,
)


@dataclass(slots=True)
class _Found:
    """A quantity found from token ``first`` to token ``last`` (inclusive)."""

    first: int
    last: int
    vague: bool = False
    refused: bool = False  # a vague amount while vague amounts are not quantities: skipped whole


class _Sentence:
    """The tokens of one sentence, its language and (lazily) its part-of-speech tags."""

    def __init__(
        self, text: str, tokens: list[Token], language: str | None, tagger: Tagger | Mapping[str, Tagger] | None
    ) -> None:
        self.text = text
        self.t = tokens
        self.n = len(tokens)
        self.fixed = language
        self.sentence_language = language or _guess_language(tokens)
        self.language = self.sentence_language
        self._clauses: dict[int, str] = {}
        self._tagger = tagger.get(self.sentence_language) if isinstance(tagger, Mapping) else tagger
        self._tags: dict[int, str] | None = None

    def tag(self, i: int) -> str | None:
        """The part of speech of token ``i``, when a tagger was given."""
        if self._tagger is None or i >= self.n:
            return None
        if self._tags is None:
            self._tags = {}
            if self.t:
                base = self.t[0].start
                end = self.t[-1].end
                try:
                    tags = self._tagger(self.text[base:end])
                except Exception:  # a tagger that fails leaves the rules alone
                    tags = []
                by_start = {start + base: pos for start, _end, pos in tags}
                for k, token in enumerate(self.t):
                    if token.start in by_start:
                        self._tags[k] = by_start[token.start]
        return self._tags.get(i)

    def low(self, i: int) -> str:
        return self.t[i].low if 0 <= i < self.n else ""

    def use_language_at(self, i: int) -> None:
        """Read what follows token ``i`` in the language of its clause (a sentence may quote another)."""
        if self.fixed:
            return
        first = i
        while first > 0 and self.t[first - 1].low not in _CLAUSE_MARKS:
            first -= 1
        if first not in self._clauses:
            last = i
            while last < self.n and self.t[last].low not in _CLAUSE_MARKS:
                last += 1
            clause = self.t[first:last]
            fr = sum(t.low in _FR_HINTS for t in clause)
            en = sum(t.low in _EN_HINTS for t in clause)
            self._clauses[first] = ("fr" if fr > en else "en") if fr != en else self.sentence_language
        self.language = self._clauses[first]

    def kind(self, i: int) -> str:
        return self.t[i].kind if 0 <= i < self.n else ""

    def seq(self, i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
        """The length of the first phrase that starts at token ``i``, else 0."""
        for phrase in phrases:
            if tuple(self.low(i + k) for k in range(len(phrase))) == phrase:
                return len(phrase)
        return 0

    def stop(self, i: int) -> bool:
        """Whether token ``i`` cannot be part of a noun phrase after a number."""
        if i >= self.n:
            return True
        token = self.t[i]
        if token.kind in ("newline", "other", "num", "poss"):
            return True
        if token.kind == "elision":
            return True
        # A small pipeline's tags are not reliable enough to take a noun away (it may call "chars" an
        # adjective), only to stop before a verb that the closed classes cannot name.
        stop = STOP_FR if self.language == "fr" else STOP_EN
        if self.tag(i) in ("VERB", "AUX") and not _plural_like(token.low):
            # a participle before a noun modifies it ("armoured vehicles"); any other verb ends the phrase
            following = self.t[i + 1] if i + 1 < self.n else None
            modifies = following is not None and following.is_word and following.low not in stop
            return not (token.low.endswith(("ed", "ing")) and modifies)
        return token.low in stop

    def content(self, i: int) -> bool:
        return i < self.n and self.t[i].is_word and not self.stop(i)


def _guess_language(tokens: list[Token]) -> str:
    fr = sum(t.low in _FR_HINTS for t in tokens)
    en = sum(t.low in _EN_HINTS for t in tokens)
    if fr != en:
        return "fr" if fr > en else "en"
    accented = any(any(c in "éèêàçùôîû’" for c in t.text) for t in tokens if t.kind in ("word", "elision"))
    return "fr" if accented else "en"


def _is_number_word(low: str) -> bool:
    parts = re.split(r"[\-‐‑]", low)
    return all(p in NUMBER_WORDS for p in parts) and not (len(parts) == 1 and parts[0] in ("et", "and"))


def _spelled(s: _Sentence, i: int) -> int:
    """The length of a spelled-out number at ``i`` ("deux mille cinq cents", "a hundred and twenty"), else 0."""
    k = i
    if s.low(k) in ("a", "an", "one", "un", "une") and s.low(k + 1) in ("hundred", "thousand", "cent", "mille"):
        k += 2
    elif (
        s.kind(k) == "word"
        and _is_number_word(s.low(k))
        and s.low(k) not in ARTICLE_NUMBERS
        and s.low(k) not in ("hundred", "thousand")  # English says "a hundred", "two thousand"
    ):
        k += 1
    else:
        return 0
    while k < s.n:
        low = s.low(k)
        if s.kind(k) == "word" and _is_number_word(low) and low not in ("et", "un", "une", "one", "a"):
            k += 1
        elif low in ("et", "and") and s.kind(k + 1) == "word" and _is_number_word(s.low(k + 1)):
            # "vingt et un", but not "… and a": an article after "and" starts something else
            if (low == "et" and s.low(k + 1) in ("un", "une")) or s.low(k + 1) not in ARTICLE_NUMBERS:
                k += 2
            else:
                break
        else:
            break
    return k - i


def _year_like(token: Token) -> bool:
    return token.kind == "num" and re.fullmatch(r"1[89]\d\d|20\d\d", token.text) is not None


def _plural_like(low: str) -> bool:
    """Whether an English word looks plural ("troops", "entities", "F-16s")."""
    if low in IRREGULAR_PLURALS:
        return True
    if len(low) < 3 or not low.endswith("s"):
        return False
    return not low.endswith(("ss", "us", "is", "’s", "ics")) or low.endswith("tics")


_ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ous", "ed", "ing", "ful", "less", "an", "ese", "ish", "ary", "ern", "ian",
                      "ent", "ant", "ile", "able", "ible", "ior", "ary", "est", "er")  # fmt: skip


def _modifier_like(token: Token) -> bool:
    """Whether an English word looks like a modifier before a noun (adjective, name, code)."""
    text = token.text
    return (
        text[:1].isupper()
        or any(c.isdigit() for c in text)
        or "-" in text
        or token.low.endswith(_ADJECTIVE_ENDINGS)
        or token.low in EN_INNER_MODIFIERS
    )
