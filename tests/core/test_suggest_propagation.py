"""Propagation of tagged strings to their other mentions, in French and English."""

from __future__ import annotations

from annotator.core.suggest import Candidate
from annotator.core.suggest.propagation import find_mentions, is_whole_word, propagate

FRENCH = (
    "Selon l’ONU, la Russie a reçu des obus de la Corée du Nord. La Russie paie en pétrole ; "
    "les Russies d’autrefois, la russie, les États-Unis et les Etats-Unis. 10\u00a0000 soldats."
)
ENGLISH = "North Korea shipped shells to Russia. Russian engineers helped North Korea; north korea denies it."


def covered(text: str, candidates: list[Candidate]) -> list[str]:
    return [text[c.start : c.end] for c in candidates]


def test_french_mentions_are_whole_words_case_insensitive_with_accents_kept() -> None:
    found = propagate(FRENCH, [("la Russie", "actor"), ("États-Unis", "actor")])
    assert covered(FRENCH, found) == ["la Russie", "La Russie", "la russie", "États-Unis"]
    assert {c.label for c in found} == {"actor"}


def test_an_elided_article_ends_a_word_and_acronyms_keep_their_case() -> None:
    text = "Selon l’ONU et l'ONU, pas onu ni l’ONUSIDA."
    assert covered(text, propagate(text, [("ONU", "actor")])) == ["ONU", "ONU"]


def test_english_mentions_skip_longer_words() -> None:
    found = propagate(ENGLISH, [("Russia", "actor"), ("North Korea", "actor")])
    assert covered(ENGLISH, found) == ["North Korea", "Russia", "North Korea", "north korea"]


def test_case_sensitive_matching_when_asked() -> None:
    found = propagate(ENGLISH, [("North Korea", "actor")], case_sensitive=True)
    assert covered(ENGLISH, found) == ["North Korea", "North Korea"]


def test_places_covered_by_a_span_of_the_same_label_are_skipped_whatever_its_status() -> None:
    first = ENGLISH.index("North Korea")
    second = ENGLISH.index("North Korea", first + 1)
    existing = [(first, first + 11, "actor"), (second, second + 11, "actor")]
    found = propagate(ENGLISH, [("North Korea", "actor")], existing)
    assert covered(ENGLISH, found) == ["north korea"]
    # A span of another label at the same place does not hide the mention.
    found = propagate(ENGLISH, [("North Korea", "actor")], [(first, first + 11, "quantity")])
    assert covered(ENGLISH, found) == ["North Korea", "North Korea", "north korea"]


def test_longer_strings_win_over_the_shorter_ones_inside_them() -> None:
    found = propagate(FRENCH, [("Russie", "actor"), ("la Russie", "actor")])
    assert covered(FRENCH, found) == ["la Russie", "La Russie", "la russie"]


def test_white_space_inside_a_string_matches_any_white_space() -> None:
    found = propagate(FRENCH, [("10 000 soldats", "quantity")])
    assert covered(FRENCH, found) == ["10\u00a0000 soldats"]
    # A number is never split: "000 soldats" is not a whole word there.
    assert propagate(FRENCH, [("000 soldats", "quantity")]) == []


def test_offsets_are_code_points_after_emoji() -> None:
    text = "🇰🇵 la Corée du Nord 🚀 et la Corée du Nord"
    found = propagate(text, [("la Corée du Nord", "actor")])
    assert [(c.start, c.end) for c in found] == [(3, 19), (25, 41)]
    assert covered(text, found) == ["la Corée du Nord"] * 2


def test_short_or_blank_strings_are_not_propagated() -> None:
    assert propagate("a b a b", [("a", "actor"), ("  ", "actor")]) == []
    assert find_mentions("x", "") == []


def test_whole_word_follows_word_snapping() -> None:
    text = "l’ONU nord-coréen 10\u00a0000"
    assert is_whole_word(text, 2, 5)
    assert not is_whole_word(text, 6, 10)  # "nord" inside "nord-coréen"
    assert not is_whole_word(text, 21, 24)  # "000" inside "10 000"
