"""The quantity recogniser on French and English text."""

from __future__ import annotations

import itertools
import re

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


THIN = "\u2009"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # ordinary counted nouns, found by grammar rather than a list
        ("Le parti a obtenu 1 204 sièges de conseillers.", ["1 204 sièges de conseillers"]),
        ("The board approved 37 recruits and 212 postal votes.", ["37 recruits", "212 postal votes"]),
        ("Les enquêteurs ont identifié 48 sociétés écrans.", ["48 sociétés"]),
        # every thousands separator, decimals with comma or point
        (f"Il a reçu 25{NBSP}000 doses, 25{NNBSP}000 masques et 25{THIN}000 gants.", [
            f"25{NBSP}000 doses", f"25{NNBSP}000 masques", f"25{THIN}000 gants"]),
        ("Zurich a livré 40’000 cartouches et 3.500 casques.", ["40’000 cartouches", "3.500 casques"]),
        ("The budget grew by 2.75 percent to €1.4bn.", ["2.75 percent", "€1.4bn"]),
        # spelled-out and approximate numbers
        ("Il a vu trois cent vingt-cinq camions et une cinquantaine de bus.", [
            "trois cent vingt-cinq camions", "une cinquantaine de bus"]),
        ("They counted a dozen trawlers and one hundred and forty boats.", [
            "a dozen trawlers", "one hundred and forty boats"]),
        ("Près d’un millier de pêcheurs et quelque deux cents navires.", [
            "Près d’un millier de pêcheurs", "quelque deux cents navires"]),
        # ranges and fractions
        ("Il faudrait entre 300 et 400 ingénieurs, soit 30 à 40 équipes.", [
            "entre 300 et 400 ingénieurs", "30 à 40 équipes"]),
        ("The plant needs 1,500-2,000 workers and two or three cranes.", [
            "1,500-2,000 workers", "two or three cranes"]),
        ("Un quart des navires et la moitié des équipages manquent.", [
            "Un quart des navires", "la moitié des équipages"]),
        ("Two-thirds of the engineers left; half the cranes broke.", [
            "Two-thirds of the engineers", "half the cranes"]),
        # French complements: the kind is kept, the content of a unit is not
        ("Ils ont acheté 12 chars d’assaut et 800 tonnes de farine.", ["12 chars d’assaut", "800 tonnes"]),
        # money and scaled amounts without a noun
        ("Le contrat vaut 350 M€ et plus de 2 milliards au total.", ["350 M€", "plus de 2 milliards"]),
    ],
)
def test_numbers_in_every_written_form(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Le sommet aura lieu le 14 juin à 10 h 30.",
        "The talks resumed at 3 p.m. on 2 May 2024.",
        "He served 12 years and visited Kyiv three times.",
        "Article 7 of Resolution 2231 and the 19-year-old pilot of Flight 370.",
        "The three ministers and the country’s two airports.",
        "Les deux délégations et ses quatre conseillers.",
        "Deux des trois navires et four of them were hit.",
        "The Su-35 and the T-80 and the 1990s.",
        "Plusieurs navires et quelques diplomates, many analysts.",
        "La magnitude 6,1 a été mesurée en 2023.",
    ],
)
def test_distractors_are_left_alone(sentence: str) -> None:
    assert texts(sentence) == []


def test_vague_amounts_follow_the_option() -> None:
    text = "Des centaines de drones et dozens of missiles, several thousand troops and 40 tanks."
    assert [text[s:e] for s, e, _ in find_quantities(text)] == [
        "Des centaines de drones",
        "dozens of missiles",
        "several thousand troops",
        "40 tanks",
    ]
    assert [text[s:e] for s, e, _ in find_quantities(text, vague=False)] == ["40 tanks"]


def test_a_tagger_stops_the_noun_phrase_at_a_verb_the_closed_classes_do_not_know() -> None:
    tags = {"At": "ADP", "least": "ADV", "one": "NUM", "soldier": "NOUN", "died": "VERB", ".": "PUNCT"}
    asked: list[str] = []

    def tagger(sentence: str) -> list[tuple[int, int, str]]:
        asked.append(sentence)
        return [(m.start(), m.end(), tags.get(m.group(), "X")) for m in re.finditer(r"\w+|[^\w\s]", sentence)]

    text = "At least one soldier died."
    assert texts(text) == ["At least one soldier died"]  # the rules alone cannot tell the verb
    assert [text[s:e] for s, e, _ in find_quantities(text, tagger=tagger)] == ["At least one soldier"]
    assert asked == [text]
    assert find_quantities("Nothing counted here.", tagger=tagger) == [] and asked == [text]  # no number: not asked


def test_the_label_schema_carries_the_vague_option() -> None:
    from annotator.core.schema import load_schema, parse_schema

    assert load_schema().suggest_option("quantity", "vague_amounts") is True
    data = {"labels": [{"name": "quantity", "color": "#009E73", "suggest": {"vague_amounts": False}}]}
    assert parse_schema(data).suggest_option("quantity", "vague_amounts", True) is False
