"""The quantity recogniser on French and English text."""

from __future__ import annotations

import itertools

import pytest

from annotator.core.suggest import Candidate
from annotator.core.suggest.quantities import find_quantities

NBSP, NNBSP = "\u00a0", "\u202f"


def texts(text: str) -> list[str]:
    return [text[start:end] for start, end, _ in find_quantities(text)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Le déploiement de plus de 10 000 soldats nord-coréens.", "plus de 10 000 soldats"),
        (f"Plus de 10{NBSP}000 soldats ont été envoyés.", f"Plus de 10{NBSP}000 soldats"),
        (f"Environ 30{NNBSP}000 barils par voyage.", f"Environ 30{NNBSP}000 barils"),
        ("La Russie a livré un million de barils.", "un million de barils"),
        ("Elle a livré plus d’un million de barils.", "plus d’un million de barils"),
        ("Elle a livré plus d'un million de barils.", "plus d'un million de barils"),
        ("des produits pétroliers, dépassant le million de barils, en violation", "dépassant le million de barils"),
        ("Pyongyang aurait reçu jusqu’à 1,2 million de barils de pétrole.", "jusqu’à 1,2 million de barils"),
        ("Il y a des milliers de fantassins.", "des milliers de fantassins"),
        ("On compte des dizaines de missiles.", "des dizaines de missiles"),
        ("une aide de plusieurs centaines de millions de dollars", "plusieurs centaines de millions de dollars"),
        ("Ils ont expédié plusieurs millions d’obus.", "plusieurs millions d’obus"),
        ("près de 4 000 soldats auraient été tués", "près de 4 000 soldats"),
        ("au moins 43 rotations en huit mois", "au moins 43 rotations"),
        ("environ 200 pièces d’artillerie à longue portée", "environ 200 pièces d’artillerie"),
        ("deux mille obus par jour", "deux mille obus"),
        ("Les prix ont augmenté de 30 % en un an.", "30 %"),
        ("un budget de 5,5 milliards de dollars", "5,5 milliards de dollars"),
        ("More than 10,000 troops were sent to Russia.", "More than 10,000 troops"),
        ("Russia shipped 1.2 million barrels of oil products.", "1.2 million barrels"),
        ("It delivered a million barrels last year.", "a million barrels"),
        ("dozens of drones crossed the border", "dozens of drones"),
        ("tens of thousands of troops", "tens of thousands of troops"),
        ("nearly 4,000 North Korean soldiers were wounded", "nearly 4,000 North Korean soldiers"),
        ("about 200 long-range artillery pieces", "about 200 long-range artillery pieces"),
        ("at least 43 tanker voyages", "at least 43 tanker voyages"),
        ("several million rounds of ammunition", "several million rounds"),
        ("paid up to $5.5 billion for the shells", "up to $5.5 billion"),
        ("some 120 howitzers", "some 120 howitzers"),
        ("a range of 300 km", "300 km"),
    ],
)
def test_finds_the_whole_quantity(sentence: str, expected: str) -> None:
    assert texts(sentence) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "En 2024, la Russie a signé un traité.",
        "Le 12 mars 2024 à Moscou.",
        "Depuis 2021, le dirigeant a donné la priorité au plan.",
        "in 2024 after the units left",
        "in the summer of 2023",
        "Les chercheurs ont travaillé huit mois.",
        "over eight months",
        "Some of which struck cities.",
        "Analysts at several think tanks say so.",
        "un impact significatif sur le champ de bataille",
        "the 2 sides met",
        "Resolution 2397 caps deliveries.",
    ],
)
def test_dates_years_and_bare_numbers_are_not_quantities(sentence: str) -> None:
    assert texts(sentence) == []


def test_offsets_are_code_points_after_characters_outside_the_bmp() -> None:
    text = f"Le drapeau 🇰🇵 et 😀 : la Corée du Nord 🚀 a livré plus de 1{NNBSP}000 obus à la Russie."
    [candidate] = find_quantities(text)
    assert candidate == Candidate(text.index("plus"), text.index(" à la Russie"), "quantity")
    assert text[candidate.start : candidate.end] == f"plus de 1{NNBSP}000 obus"


def test_several_quantities_in_order_never_overlapping_with_the_label_given() -> None:
    text = "Russia sent more than 10,000 troops and 1.2 million barrels; la Russie a reçu 6 000 conteneurs."
    found = find_quantities(text, label="amount")
    assert [text[s:e] for s, e, _ in found] == ["more than 10,000 troops", "1.2 million barrels", "6 000 conteneurs"]
    assert {label for _, _, label in found} == {"amount"}
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_a_quantity_does_not_run_across_lines() -> None:
    assert texts("Il en reste 500\nsoldats") == []
