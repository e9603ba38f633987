"""Mentions found through the folded text are exactly those the pattern finds scanning the whole text."""

from __future__ import annotations

import pytest

from annotator.core.suggest.propagation import FoldedText, find_mentions

TEXT = (
    "Selon l’ONU, la Corée du Nord 🚀 a livré 10\u00a0000 obus à la Russie ; la RUSSIE dément. "
    "Les Russies ? Non : la russie, l’ONU et l’Onu. ΟΔΥΣΣΕΥΣ et Οδυσσευς. 🇰🇵 la  Corée\u202fdu Nord.\n"
) * 40


@pytest.mark.parametrize(
    "phrase",
    ["la Russie", "Russie", "ONU", "la Corée du Nord", "10 000 obus", "Οδυσσευς", "ΟΔΥΣΣΕΥΣ", "Corée", "introuvable"],
)
def test_folded_search_finds_what_the_pattern_finds(phrase: str) -> None:
    folded = FoldedText(TEXT)
    assert folded.usable
    assert find_mentions(TEXT, phrase, folded=folded) == find_mentions(TEXT, phrase)


def test_a_text_whose_folding_changes_length_is_searched_the_slow_way() -> None:
    text = "Die Straße und die STRASSE.\n"
    folded = FoldedText(text)
    assert not folded.usable
    assert find_mentions(text, "Straße", folded=folded) == find_mentions(text, "Straße")
