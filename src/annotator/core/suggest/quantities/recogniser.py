"""The grammar of a quantity: ``[approximation] number [scale] [unit | counted noun phrase]`` read token by
token in one sentence (see the package's docstring for the conventions)."""

from __future__ import annotations

import re
from typing import TypedDict

from annotator.core.suggest.quantities.lexicon import (
    _SCALE_SUFFIX,
    APPROXIMATE_NOUNS,
    APPROXIMATIONS,
    ARTICLE_NUMBERS,
    CURRENCY_CODES,
    CURRENCY_SIGNS,
    DESIGNATORS,
    DETERMINERS,
    EN_INNER_MODIFIERS,
    FRACTIONS,
    IRREGULAR_PLURALS,
    MONTHS,
    MULTIPLIERS,
    MULTIWORD_UNITS,
    PERCENT,
    PLURAL_SCALES,
    PRENOMINAL_FR,
    RANGE_JOINERS,
    RANGE_OPENERS,
    SCALES,
    SPELLED_SCALES,
    TIME_UNITS,
    UNITS,
    Token,
)
from annotator.core.suggest.quantities.sentence import (
    _Found,
    _is_number_word,
    _modifier_like,
    _plural_like,
    _Sentence,
    _spelled,
    _year_like,
)


class _Facts(TypedDict, total=False):
    """What the grammar learnt about a number core on the way (read with ``.get``: a fact not seen is absent)."""

    scaled: bool  # "5 millions", "un million", "2 Md$"
    currency: bool  # "$", "€", "USD" before or after the number
    percent: bool
    vague: bool  # "des centaines", "dozens of"
    fraction: bool  # "un tiers", "half"
    approximate: bool  # "une dizaine"
    spelled: bool  # "trois", "twenty"
    article_scale: bool  # "le million": a scale after an article
    digits: Token | None  # the token written in digits


class _Recogniser:
    """Finds the quantities of one sentence."""

    def __init__(self, s: _Sentence, vague: bool) -> None:
        self.s = s
        self.vague = vague

    # -- the number ------------------------------------------------------------------------

    def number(self, i: int) -> tuple[int, _Facts] | None:
        """A number core at ``i``: (index after it, facts about it), else None."""
        s = self.s
        facts: _Facts = {"scaled": False, "currency": False, "percent": False, "vague": False, "fraction": False}
        k = i
        # currency in front: "$", "US$", "€", "USD"
        if s.low(k) in CURRENCY_SIGNS or s.low(k) in CURRENCY_CODES:
            if s.kind(k + 1) == "num":
                facts["currency"] = True
                k += 1
        elif s.low(k) == "us" and s.low(k + 1) == "$" and s.kind(k + 2) == "num":
            facts["currency"] = True
            k += 2
        if s.kind(k) == "num":
            facts["digits"] = s.t[k]
            k += 1
            if re.search(_SCALE_SUFFIX + "$", s.t[k - 1].text) and not s.t[k - 1].text[-1].isdigit():
                facts["scaled"] = True
            return self._after_digits(k, facts)
        if s.kind(k) != "word" or facts["currency"]:
            return None
        low = s.low(k)
        # fractions: "la moitié", "un tiers", "les deux tiers", "two-thirds", "half", "nine out of ten"
        fraction = self._fraction(k)
        if fraction:
            facts["fraction"] = True
            return k + fraction, facts
        # approximate numbers: "une douzaine", "un millier", "a dozen", "three dozen"
        if low in ("un", "une", "a") and s.low(k + 1) in APPROXIMATE_NOUNS:
            facts["approximate"] = True
            return k + 2, facts
        # vague amounts: "des centaines (de milliers)", "plusieurs milliers", "hundreds of", "several thousand"
        vague = self._vague(k)
        if vague:
            facts["vague"] = True
            return vague, facts
        # "un million", "a million", "le million" (the last only after an approximation)
        if low in ("un", "une", "a", "an", "one", "le", "the") and s.low(k + 1) in SCALES - SPELLED_SCALES:
            facts["scaled"] = True
            facts["article_scale"] = low in ("le", "the")
            return self._after_scale(k + 2, facts)
        spelled = _spelled(s, k)
        if spelled:
            facts["spelled"] = True
            k += spelled
            if s.low(k) in APPROXIMATE_NOUNS:  # "three dozen"
                k += 1
            elif s.low(k) in SCALES - {"m", "k", "mille", "hundred", "thousand"}:
                facts["scaled"] = True
                return self._after_scale(k + 1, facts)
            return k, facts
        return None

    def _after_digits(self, k: int, facts: _Facts) -> tuple[int, _Facts]:
        s = self.s
        low = s.low(k)
        # "1,5 million", "5.5 billion"; "m" and "k" apart from the number only before a currency ("300 M€")
        if low in SCALES and s.kind(k) == "word" and not (low in ("m", "k") and s.low(k + 1) not in CURRENCY_SIGNS):
            facts["scaled"] = True
            return self._after_scale(k + 1, facts)
        if s.low(k) in CURRENCY_SIGNS:  # "300 €"
            facts["currency"] = True
            return k + 1, facts
        if s.low(k) in APPROXIMATE_NOUNS and s.low(k) == "dozen":
            return k + 1, facts
        return k, facts

    def _after_scale(self, k: int, facts: _Facts) -> tuple[int, _Facts]:
        s = self.s
        # "300 M€", "2 Md$"
        if s.low(k) in CURRENCY_SIGNS:
            facts["currency"] = True
            return k + 1, facts
        # a chain of scales: "centaines de millions de", "hundreds of thousands of"
        return k, facts

    def _fraction(self, k: int) -> int:
        s = self.s
        low = s.low(k)
        if low in ("la", "un", "une", "a", "one") and s.low(k + 1) in FRACTIONS and low + s.low(k + 1) != "unequart":
            return 2
        if low == "les" and _is_number_word(s.low(k + 1)) and s.low(k + 2) in ("tiers", "quarts", "cinquièmes"):
            return 3
        if _is_number_word(low) and low not in ARTICLE_NUMBERS and s.low(k + 1) in FRACTIONS:
            return 2
        if low in FRACTIONS and low in ("half", "two-thirds", "three-quarters", "one-third", "one-quarter"):
            return 1
        if (
            (_is_number_word(low) or s.kind(k) == "num")
            and s.low(k + 1) == "out"
            and s.low(k + 2) == "of"
            and (_is_number_word(s.low(k + 3)) or s.kind(k + 3) == "num")
        ):
            return 4
        return 0

    def _vague(self, k: int) -> int:
        s = self.s
        low = s.low(k)
        start = k
        if low in ("des", "plusieurs", "quelques", "de") and s.low(k + 1) in PLURAL_SCALES:
            k += 2
        elif low in ("several", "many", "few") and s.low(k + 1) in ("hundred", "thousand", "million", "billion",
                                                                    "dozen"):  # fmt: skip
            return k + 2
        elif low == "a" and s.low(k + 1) == "few" and s.low(k + 2) in ("hundred", "thousand", "million", "dozen"):
            return k + 3
        elif (low in PLURAL_SCALES and s.low(k + 1) == "of") or (
            low in PLURAL_SCALES and s.low(k + 1) == "de" and low in ("dizaines", "centaines", "milliers")
        ):
            k += 1
        else:
            return 0
        # chains: "des dizaines de milliers de", "tens of thousands of"
        while s.low(k) in ("de", "d’", "of") and s.low(k + 1) in PLURAL_SCALES:
            k += 2
        return k if k > start else 0

    # -- what is counted -------------------------------------------------------------------

    def counted(self, k: int, facts: _Facts) -> int | None:
        """The index after the counted noun phrase that starts at ``k`` (after the number), else None."""
        s = self.s
        if facts.get("fraction"):
            return self._partitive(k)
        of = s.low(k) in ("de", "d’", "of")
        if s.language == "fr" or s.low(k) in ("de", "d’"):
            if facts.get("scaled") or facts.get("vague") or facts.get("approximate"):
                if not of:
                    return None
                return self._noun_fr(k + 1)
            if of:
                return None
            return self._noun_fr(k)
        if of:
            if facts.get("vague") and s.low(k - 1) in PLURAL_SCALES:
                return self._noun_en(k + 1, plural=True)
            return None
        return self._noun_en(k, plural=True)

    def _partitive(self, k: int) -> int | None:
        s = self.s
        if s.language == "fr" or s.low(k) in ("des", "du", "de", "d’"):
            if s.low(k) in ("des", "du", "d’"):
                return self._noun_fr(k + 1)
            if s.low(k) == "de" and s.low(k + 1) in ("la", "l’"):
                return self._noun_fr(k + 2)
            if s.low(k) == "de":
                return self._noun_fr(k + 1)
            return None
        if s.low(k) == "of":
            k += 1
        if s.low(k) in ("the", "its", "their", "his", "her", "our", "these", "those", "this", "that", "all"):
            k += 1
        elif s.kind(k) == "word" and s.t[k].text[:1].isupper() and s.low(k + 1) == "’s":
            k += 2
        return self._noun_en(k, plural=False)

    def _noun_fr(self, k: int) -> int | None:
        s = self.s
        m = k
        while s.low(m) in PRENOMINAL_FR and s.content(m + 1):
            m += 1
        if not s.content(m):
            return None
        head = m
        if s.low(head) in TIME_UNITS | MULTIPLIERS | MONTHS:
            return -1
        unit = s.seq(head, MULTIWORD_UNITS)
        if unit:
            return head + unit
        end = head + 1
        # "avions de combat", "obus d’artillerie": a de-complement without article names the kind
        if (
            s.low(head) not in UNITS
            and s.low(end) in ("de", "d’")
            and s.content(end + 1)
            and s.kind(end + 1) == "word"
            and s.low(end + 1) not in PLURAL_SCALES | UNITS | TIME_UNITS | MONTHS
            and s.tag(end + 1) != "VERB"
            and not s.t[end + 1].text[:1].isupper()
        ):
            end += 2
        return end

    def _noun_en(self, k: int, *, plural: bool) -> int | None:
        s = self.s
        m = k
        words: list[int] = []
        while m < s.n and len(words) < 6:
            token = s.t[m]
            inner = token.low in EN_INNER_MODIFIERS and s.content(m + 1)
            if not (token.kind == "word" and (not s.stop(m) or inner)):
                break
            words.append(m)
            if token.low in IRREGULAR_PLURALS or _plural_like(token.low):
                if plural or not words[:-1] or all(_modifier_like(s.t[w]) for w in words[:-1]):
                    break
                words.pop()
                break
            if not plural and not _modifier_like(token) and not (s.content(m + 1) and _plural_like(s.low(m + 1))):
                break
            if not plural and not _modifier_like(token):
                nxt = m + 1
                if s.content(nxt) and _plural_like(s.low(nxt)) and s.content(nxt + 1):
                    break
            m += 1
        if not words:
            return None
        last = words[-1]
        if s.low(last) in TIME_UNITS | MULTIPLIERS | MONTHS:
            return -1
        return last + 1

    # -- one quantity ----------------------------------------------------------------------

    def at(self, i: int) -> _Found | None:
        """The quantity that starts at token ``i``, else None."""
        s = self.s
        s.use_language_at(i)
        approx = s.seq(i, APPROXIMATIONS)
        candidates = [approx, 0] if approx else [0]
        for skip in candidates:
            found = self._at(i, skip)
            if found is not None:
                return found
        return None

    def _at(self, i: int, approx: int) -> _Found | None:
        s = self.s
        k = i + approx
        opener = tuple(s.low(i + n) for n in range(approx))
        if approx and opener in {("plus", "de", "la")}:
            k = i + 2  # "plus de la moitié": the article belongs to the fraction
        core = self.number(k)
        if core is None and approx and s.low(k) in ("one", "un", "une") and s.content(k + 1):
            core = (k + 1, {"spelled": True})  # "at least one tanker", "au moins un navire"
        if core is None:
            return None
        after, facts = core
        if not approx and not self._context_allows(k, after, facts):
            return None
        if facts.get("article_scale") and not approx:
            return None
        # a range: "10 000 à 15 000", "entre 25 000 et 30 000", "two or three", "3,000 to 4,000"
        ranged = self._range(k, after, facts, opener in RANGE_OPENERS)
        if ranged is not None:
            after, facts = ranged
        elif opener in RANGE_OPENERS:
            return None
        if self._not_an_amount(k, after, facts):
            return None
        end = self._unit(after, facts)
        if end is None:
            counted = self.counted(after, facts)
            if counted == -1:
                return None
            if counted is None:
                if facts.get("vague") or facts.get("fraction") or facts.get("approximate"):
                    return None
                if not (facts.get("scaled") or facts.get("currency")):
                    return None
                if facts.get("article_scale"):
                    return None
                end = after
            else:
                end = counted
        vague = bool(facts.get("vague"))
        return _Found(i, end - 1, vague, refused=vague and not self.vague)

    def _unit(self, k: int, facts: _Facts) -> int | None:
        """The index after a percent sign or word or a currency sign after the number, else None."""
        s = self.s
        if facts.get("fraction") or facts.get("vague"):
            return None
        n = s.seq(k, PERCENT)
        if n and not (s.low(k) == "pc" and s.language == "fr"):
            facts["percent"] = True
            return k + n
        if facts.get("currency"):  # "$5.5 billion", "300 M€": the sign is the unit
            return k
        return None

    def _range(self, k: int, after: int, facts: _Facts, opened: bool) -> tuple[int, _Facts] | None:
        s = self.s
        joiner = s.low(after)
        if joiner not in RANGE_JOINERS or facts.get("fraction") or facts.get("vague"):
            return None
        if joiner in ("et", "and") and not opened:
            return None
        if opened and joiner not in ("et", "and"):
            return None
        # "7,1 % à 7,4 %": each bound with its unit is a quantity of its own
        if s.seq(after, PERCENT):
            return None
        second = self.number(after + 1)
        if second is None:
            return None
        end, second_facts = second
        if second_facts.get("fraction") or second_facts.get("vague"):
            return None
        if joiner in ("-", "–", "—") and s.t[after].start - s.t[after - 1].end > 0:
            return None
        merged = facts.copy()
        merged["scaled"] = bool(facts.get("scaled") or second_facts.get("scaled"))
        merged["currency"] = bool(facts.get("currency") or second_facts.get("currency"))
        merged["spelled"] = bool(facts.get("spelled") or second_facts.get("spelled"))
        merged["digits"] = second_facts.get("digits", facts.get("digits"))
        return end, merged

    def _context_allows(self, k: int, after: int, facts: _Facts) -> bool:
        """Whether what stands before the number leaves it an amount."""
        s = self.s
        before = s.low(k - 1)
        if facts.get("fraction") or facts.get("currency"):
            return before not in ("’s",) or facts.get("currency", False)
        if before in DETERMINERS:
            return False
        if k >= 1 and s.kind(k - 1) == "word" and before in DESIGNATORS:
            return False
        if before in ("°", "º") or (before == "." and s.low(k - 2) in ("no", "n")):
            return False
        if k >= 1 and s.kind(k - 1) == "word" and before in MONTHS:
            return False
        # A capitalised word right before a number names something ("Resolution 2231", "Flight 752").
        return not (
            k >= 2
            and facts.get("digits") is not None
            and s.kind(k - 1) == "word"
            and s.t[k - 1].text[:1].isupper()
            and s.low(k - 2) not in (".", "!", "?", "\n", "«", "“", '"', ":", "—", "–")
            and s.seq(k - 1, APPROXIMATIONS) == 0
        )

    def _not_an_amount(self, k: int, after: int, facts: _Facts) -> bool:
        """Dates, times, years, partitives and other numbers that count nothing."""
        s = self.s
        nxt = s.low(after)
        digits: Token | None = facts.get("digits")
        if nxt in MONTHS and s.kind(after) == "word":
            return True
        if nxt in (":", "h") and digits is not None and s.kind(after + 1) == "num":
            return True
        if nxt.rstrip(".") in ("a", "p") and s.low(after + 1 + (nxt[-1:] != ".")).startswith("m"):
            return True  # "3 p.m."
        if nxt in ("a.m", "p.m", "am", "pm", "gmt", "utc", "h"):
            return True
        if digits is not None and not facts.get("currency") and not facts.get("scaled"):
            if re.fullmatch(r"0\d+", digits.text):
                return True  # "0400 GMT"
            if _year_like(digits) and s.low(k - 1) not in ("de", "d’", "than"):
                return True
        # partitives: "trois des cinq membres", "three of the ships", "four of them"
        if not facts.get("fraction") and not facts.get("scaled") and not facts.get("vague"):
            if nxt in ("des", "du") or (nxt == "de" and s.low(after + 1) in ("la", "l’", "ces", "ses", "leurs")):
                return not facts.get("approximate")
            if nxt == "of" and s.low(after + 1) in ("the", "them", "us", "its", "their", "these", "those", "our"):
                return not facts.get("approximate")
            if nxt == "d’" and s.low(after + 1) in ("entre",):
                return True
        return False
