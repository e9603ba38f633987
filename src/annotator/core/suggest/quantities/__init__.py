"""Quantity recogniser for French and English: an amount with what it counts, found by grammar.

A quantity is ``[approximation] number [scale] [unit | counted noun phrase]`` (the conventions are
written out in ``tests/data/quantities/README.md``):

    plus de 10 000 soldats · un million de barils · une douzaine d’usines · deux mille cinq cents
    réservistes · entre 25 000 et 30 000 combattants · les deux tiers des obus · more than 10,000
    troops · 1.2 million barrels · a dozen companies · 18 F-16 fighter jets · up to $5.5 billion · 12 %

Numbers come in every written form: digits grouped by a space, a no-break, narrow no-break or thin
space, a comma, a point or an apostrophe, with decimals; spelled-out numbers; approximate numbers
("une quarantaine", "a dozen"); scales ("1,5 million", "$4.7bn"); ranges; fractions. What is counted
is not looked up in a list of nouns: it is the noun phrase after the number, read by grammar — the
part-of-speech tags of a spaCy pipeline when one is given (``tagger``), else rules on the closed
classes of words (articles, prepositions, pronouns, auxiliaries), on plural forms (English), and on
word order (French puts adjectives after the noun, English before it). A number with nothing counted
is not a quantity (so years and dates are not), except money, a percentage, or a scaled amount ("more
than 2 million"). Dates, times, durations, ages, ordinals, multipliers, identifiers ("résolution
2397", "Su-34") and numbers after a definite article ("les deux pays") are left alone.

Vague amounts ("des centaines de drones", "dozens of drones", "several thousand soldiers") are
quantities unless ``vague=False``: the ``quantity`` label's ``vague_amounts`` option decides (see
``annotator.services.suggesting``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from annotator.core.suggest import Candidate
from annotator.core.suggest.quantities.lexicon import _NUMBER_CUES, Tagger, tokenize
from annotator.core.suggest.quantities.recogniser import _Recogniser
from annotator.core.suggest.quantities.sentence import _is_number_word, _Sentence

LABEL = "quantity"

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"»”’)]*\s+(?=[«“\"(]?[A-ZÀ-ÖØ-Þ0-9$€£])|\n")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of ``text``: split at line breaks and after . ! ? before a capital."""
    bounds = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            bounds.append((start, match.start()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def find_quantities(
    text: str,
    label: str = LABEL,
    *,
    vague: bool = True,
    language: str | None = None,
    tagger: Tagger | Mapping[str, Tagger] | None = None,
) -> list[Candidate]:
    """Quantities in ``text`` as ``Candidate(start, end, label)``, in text order, never overlapping.

    ``vague=False`` leaves out vague amounts ("des centaines de drones"). ``language`` ("fr" or
    "en") is guessed per sentence when not given. ``tagger`` gives part-of-speech tags of a
    sentence (see ``Tagger``), or one tagger per language ({"fr": …}); it is asked only about
    sentences that hold a number.
    """
    found: list[Candidate] = []
    for start, end in sentences(text):
        chunk = text[start:end]
        tokens = tokenize(chunk)
        if not any(t.kind == "num" or t.low in _NUMBER_CUES or _is_number_word(t.low) for t in tokens):
            continue
        sentence = _Sentence(chunk, tokens, language, tagger)
        recogniser = _Recogniser(sentence, vague)
        i = 0
        while i < sentence.n:
            hit = recogniser.at(i)
            if hit is None:
                i += 1
                continue
            if not hit.refused:
                first, last = tokens[hit.first], tokens[hit.last]
                found.append(Candidate(start + first.start, start + last.end, label))
            i = hit.last + 1
    return found


__all__ = ["LABEL", "Tagger", "find_quantities", "sentences", "tokenize"]
