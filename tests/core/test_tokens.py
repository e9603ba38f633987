"""Tokens and sentences as the CoNLL export and token-level agreement see them."""

from __future__ import annotations

import pytest

from annotator.core.tokens import sentences, tokenize


def words(text: str) -> list[str]:
    return [text[s:e] for s, e in tokenize(text)]


def test_words_apostrophes_numbers_and_punctuation() -> None:
    text = "Selon l’ONU, plus de 10\u00a0000 soldats nord-coréens ; « très inquiétant »…"
    assert words(text) == [
        "Selon", "l", "’", "ONU", ",", "plus", "de", "10\u00a0000", "soldats", "nord-coréens", ";",
        "«", "très", "inquiétant", "»", "…",
    ]  # fmt: skip


def test_a_decomposed_accent_stays_in_its_word() -> None:
    assert words("Core\u0301e du Nord") == ["Core\u0301e", "du", "Nord"]  # é typed as e + U+0301


@pytest.mark.parametrize(
    "emoji",
    [
        "🇰🇵",
        "👩\u200d👩\u200d👧",
        "👍🏽",
        "❤\ufe0f",
        "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
        "1\ufe0f\u20e3",
    ],
    ids=["flag", "zwj-family", "skin-tone", "variation-selector", "subdivision-flag", "keycap"],
)
def test_an_emoji_as_people_see_it_is_one_token(emoji: str) -> None:
    text = f"avant {emoji} après"
    assert words(text) == ["avant", emoji, "après"]
    start = text.index(emoji)
    assert tokenize(text)[1] == (start, start + len(emoji))  # code points, whatever the UTF-16 length


def test_two_flags_side_by_side_are_two_tokens() -> None:
    assert words("🇰🇵🇷🇺") == ["🇰🇵", "🇷🇺"]


def test_sentences_end_at_final_marks_and_line_breaks() -> None:
    text = "La Corée livre. « Vraiment ? » dit-il.\nNouvelle ligne"
    got = [[text[s:e] for s, e in sentence] for sentence in sentences(text)]
    assert got == [["La", "Corée", "livre", "."], ["«", "Vraiment", "?", "»"], ["dit-il", "."], ["Nouvelle", "ligne"]]
