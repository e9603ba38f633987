"""Offsets and tokens on French text and emoji: code points <-> UTF-16, word snapping, trimming, word moves."""

from __future__ import annotations

import pytest

from annotator.core.offsets import (
    Utf16Map,
    is_in_word,
    next_word_boundary,
    snap_to_words,
    trim_whitespace,
    word_bounds,
    word_end_after,
    word_end_before,
)
from annotator.core.tokens import sentences, tokenize

FRENCH = "Selon l’ONU, la Corée du Nord a livré plus de 10\u00a0000 obus ; c’est « grave ».\n"
EMOJI = "Le drapeau 🇰🇵 et 😀 : la Corée du Nord 🚀 a livré 1\u202f000 obus.\n"


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# -- Utf16Map ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "abc", FRENCH, EMOJI, "😀", "😀😀x", "x\U0010ffff"])
def test_every_position_round_trips(text: str) -> None:
    offsets = Utf16Map(text)
    assert offsets.length == len(text)
    assert offsets.length_utf16 == utf16_length(text)
    for cp in range(len(text) + 1):
        u16 = offsets.to_utf16(cp)
        assert u16 == utf16_length(text[:cp])
        assert offsets.to_codepoint(u16) == cp


def test_positions_after_emoji_and_flags() -> None:
    offsets = Utf16Map(EMOJI)
    start = EMOJI.index("la Corée")
    assert offsets.to_utf16(start) == start + 3  # a flag is two astral characters, then 😀
    rocket_after = EMOJI.index("a livré")
    assert offsets.to_utf16(rocket_after) == rocket_after + 4
    assert offsets.range_to_utf16(start, start + 8) == (start + 3, start + 11)
    assert offsets.range_to_codepoints(start + 3, start + 11) == (start, start + 8)


def test_a_position_inside_a_surrogate_pair_never_splits_the_character() -> None:
    text = "a😀b"
    offsets = Utf16Map(text)
    assert offsets.to_codepoint(2) == 1  # between the halves: back to the start of 😀
    assert offsets.range_to_codepoints(2, 3) == (1, 2)  # half-covered: the whole emoji
    assert offsets.range_to_codepoints(0, 2) == (0, 2)
    assert text[slice(*offsets.range_to_codepoints(1, 2))] == "😀"


# -- words -------------------------------------------------------------------------------------------------


def test_apostrophes_end_words_and_hyphens_join_them() -> None:
    onu = FRENCH.index("ONU")
    assert word_bounds(FRENCH, onu + 1) == (onu, onu + 3)
    assert word_bounds(FRENCH, onu - 2) == (onu - 2, onu - 1)  # the "l" of "l’ONU"
    assert not is_in_word(FRENCH, onu - 1)  # ’
    text = "les soldats nord-coréens"
    start = text.index("nord")
    assert word_bounds(text, start) == (start, len(text))
    assert word_bounds(text, text.index(" ")) == (3, 3)


def test_no_break_spaces_join_digits_only() -> None:
    number = FRENCH.index("10\u00a0000")
    assert word_bounds(FRENCH, number + 4) == (number, number + 6)
    assert word_bounds(EMOJI, EMOJI.index("000")) == (EMOJI.index("1\u202f000"), EMOJI.index("1\u202f000") + 5)
    text = "Corée\u00a0du Nord"
    assert word_bounds(text, 0) == (0, 5)  # a no-break space between letters separates


def test_snap_to_words() -> None:
    onu = FRENCH.index("ONU")
    assert snap_to_words(FRENCH, onu + 1, onu + 2) == (onu, onu + 3)
    assert FRENCH[slice(*snap_to_words(FRENCH, onu, onu + 3))] == "ONU"
    start = FRENCH.index("Corée")
    assert FRENCH[slice(*snap_to_words(FRENCH, start - 2, start + 2))] == "la Corée"
    assert FRENCH[slice(*snap_to_words(FRENCH, start - 1, start + 7))] == "Corée du"  # white space trimmed first
    empty = snap_to_words(FRENCH, 5, 6)  # only a space: an empty range
    assert empty[0] == empty[1]
    assert snap_to_words(FRENCH, -4, 10_000) == (0, len(FRENCH.rstrip()))
    guillemet = FRENCH.index("« grave »")
    assert FRENCH[slice(*snap_to_words(FRENCH, guillemet, guillemet + 4))] == "« grave"  # punctuation kept
    assert EMOJI[slice(*snap_to_words(EMOJI, EMOJI.index("Corée") + 1, EMOJI.index("Corée") + 2))] == "Corée"


def test_trim_whitespace() -> None:
    text = "  \u00a0mot\n "
    assert trim_whitespace(text, 0, len(text)) == (3, 6)
    assert trim_whitespace(text, 0, 2) == (2, 2)


def test_word_moves() -> None:
    text = "la Corée du Nord, vite."
    # Start moves to the next or previous word start.
    assert next_word_boundary(text, 0, 1) == 3
    assert next_word_boundary(text, 3, 1) == 9
    assert next_word_boundary(text, 9, -1) == 3
    assert next_word_boundary(text, 3, -1) == 0
    assert next_word_boundary(text, 0, -1) == 0
    assert next_word_boundary(text, 18, 1) == len(text)
    # End moves to the next or previous word end.
    assert word_end_after(text, 8) == 11
    assert word_end_after(text, 11) == 16
    assert word_end_after(text, 22) == len(text)
    assert word_end_before(text, 16) == 11
    assert word_end_before(text, 11) == 8
    assert word_end_before(text, 2) == 0
    nb = "plus de 10\u00a0000 obus"
    assert word_end_after(nb, 7) == nb.index(" obus")  # "10 000" is one word


# -- tokens ------------------------------------------------------------------------------------------------


def test_tokens_follow_word_snapping() -> None:
    tokens = [FRENCH[s:e] for s, e in tokenize(FRENCH)]
    assert tokens[:6] == ["Selon", "l", "’", "ONU", ",", "la"]
    assert "10\u00a0000" in tokens
    assert "c" in tokens and "est" in tokens and "«" in tokens
    emoji_tokens = [EMOJI[s:e] for s, e in tokenize(EMOJI)]
    assert "😀" in emoji_tokens and "1\u202f000" in emoji_tokens
    assert tokenize("a b", 1, 3) == [(2, 3)]


def test_sentences_split_at_end_marks_and_lines() -> None:
    text = "Première phrase. Deuxième ! « Troisième ? » Quatrième\nCinquième"
    found = sentences(text)
    firsts = [text[s[0][0] : s[0][1]] for s in found]
    assert firsts == ["Première", "Deuxième", "«", "Quatrième", "Cinquième"]
    assert all(found)
    assert sentences("") == []
