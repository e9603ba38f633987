"""Quantity recogniser for French and English: amounts with their unit or counted noun.

A quantity is an optional approximation ("plus de", "près de", "more than", "up to"), a number
(digits grouped by spaces, no-break spaces, commas or dots, with decimals; number words; "des
milliers", "dozens"; scale words such as million, milliard, billion) and what is counted
("soldats", "barils", "troops", "barrels", "%", "dollars"):

    plus de 10 000 soldats · un million de barils · more than 10,000 troops · 1.2 million barrels ·
    dépassant le million de barils · up to $5.5 billion · des milliers de fantassins

A number alone is not a quantity (so dates and years are never proposed), except an amount of
money written with a currency sign, or a scaled amount after an approximation ("more than 2
million"). English allows up to two modifiers before the counted noun ("4,000 North Korean
soldiers"); French puts them after it, outside the quantity ("10 000 soldats nord-coréens").
"""

from __future__ import annotations

import re
from functools import lru_cache

from annotator.core.suggest import Candidate

LABEL = "quantity"

_SP = r"[^\S\n]+"  # white space within a line, including no-break and narrow no-break spaces
_APOS = "[’']"


def _words(*words: str) -> str:
    """An alternation of phrases, longest first; a space in a phrase matches any in-line white space."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", _SP).replace("’", _APOS) for w in ordered)


# Approximations before a number. A phrase ending with an apostrophe is followed by no space.
APPROXIMATIONS_FR = (
    "plus de",
    "plus d’",
    "près de",
    "pas moins de",
    "moins de",
    "environ",
    "au moins",
    "au plus",
    "jusqu’à",
    "quelque",
    "autour de",
    "presque",
    "quasiment",
    "un peu plus de",
    "un peu moins de",
    "un peu plus d’",
    "de l’ordre de",
    "approximativement",
    "dépassant",
    "dépasse",
    "dépassé",
    "dépassent",
    "plus de la moitié de",
)
APPROXIMATIONS_EN = (
    "more than",
    "over",
    "about",
    "around",
    "nearly",
    "almost",
    "up to",
    "at least",
    "at most",
    "some",
    "roughly",
    "approximately",
    "an estimated",
    "as many as",
    "close to",
    "fewer than",
    "less than",
    "no fewer than",
    "no less than",
    "upwards of",
    "in excess of",
    "exceeding",
)

# Scale words after a number: "10 millions", "1,2 milliard", "5.5 billion".
SCALES = (
    "million",
    "millions",
    "milliard",
    "milliards",
    "mille",
    "millier",
    "milliers",
    "billion",
    "billions",
    "thousand",
    "thousands",
    "trillion",
    "trillions",
    "hundred",
    "hundreds",
    "dozen",
    "dozens",
    "centaine",
    "centaines",
    "dizaine",
    "dizaines",
)
# Number words that stand for a count on their own ("deux soldats", "three missiles").
COUNT_WORDS = (
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "quinze",
    "vingt",
    "trente",
    "quarante",
    "cinquante",
    "soixante",
    "cent",
    "deux cents",
    "trois cents",
    "plusieurs",
    "quelques",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "several",
    "a few",
    "a dozen",
    "a hundred",
    "a thousand",
)
# Articles that count only before a scale word: "un million", "a million", "le million".
SCALE_ARTICLES = ("un", "une", "a", "an", "one", "le", "la barre du", "the")
# Vague amounts: "des milliers de", "plusieurs centaines de", "dozens of", "tens of thousands of".
VAGUE_FR = ("des", "plusieurs", "quelques", "de", "les")
VAGUE_SCALES_FR = ("dizaines", "centaines", "milliers", "millions", "milliards")
VAGUE_SCALES_EN = ("dozens", "scores", "hundreds", "thousands", "millions", "billions", "tens")

# Units written as signs or short words right after the number.
SIGN_UNITS = ("%", "pour cent", "pour 100", "per cent", "percent", "$", "€", "£", "¥", "₩", "km", "km²", "kg")
CURRENCY_PREFIXES = ("US$", "$", "€", "£", "¥", "₩")

# What is counted (plural and singular); multi-word nouns first.
COUNTED_NOUNS_FR = (
    "pièces d’artillerie",
    "lance-roquettes multiples",
    "lance-roquettes",
    "soldats",
    "soldat",
    "troupes",
    "hommes",
    "militaires",
    "fantassins",
    "combattants",
    "ouvriers",
    "travailleurs",
    "obus",
    "munitions",
    "cartouches",
    "projectiles",
    "missiles",
    "missile",
    "roquettes",
    "drones",
    "pièces",
    "canons",
    "obusiers",
    "chars",
    "blindés",
    "véhicules",
    "conteneurs",
    "wagons",
    "barils",
    "baril",
    "tonnes",
    "tonne",
    "litres",
    "mètres cubes",
    "navires",
    "pétroliers",
    "cargos",
    "rotations",
    "livraisons",
    "cargaisons",
    "avions",
    "hélicoptères",
    "dollars",
    "dollar",
    "euros",
    "euro",
    "wons",
    "roubles",
    "yuans",
    "personnes",
    "civils",
    "victimes",
    "morts",
    "blessés",
    "tués",
    "prisonniers",
    "kilomètres",
    "systèmes",
    "unités",
    "bataillons",
    "brigades",
    "divisions",
)
COUNTED_NOUNS_EN = (
    "artillery pieces",
    "rocket launchers",
    "troops",
    "soldiers",
    "soldier",
    "men",
    "personnel",
    "fighters",
    "workers",
    "labourers",
    "laborers",
    "shells",
    "shell",
    "rounds",
    "munitions",
    "cartridges",
    "projectiles",
    "missiles",
    "missile",
    "rockets",
    "drones",
    "pieces",
    "guns",
    "howitzers",
    "launchers",
    "tanks",
    "vehicles",
    "containers",
    "wagons",
    "railcars",
    "barrels",
    "barrel",
    "tonnes",
    "tons",
    "tonne",
    "ton",
    "litres",
    "liters",
    "gallons",
    "cubic metres",
    "ships",
    "tankers",
    "vessels",
    "voyages",
    "trips",
    "shipments",
    "deliveries",
    "cargoes",
    "aircraft",
    "jets",
    "helicopters",
    "dollars",
    "dollar",
    "euros",
    "won",
    "roubles",
    "rubles",
    "yuan",
    "people",
    "civilians",
    "casualties",
    "dead",
    "wounded",
    "prisoners",
    "kilometres",
    "kilometers",
    "miles",
    "systems",
    "units",
    "battalions",
    "brigades",
    "divisions",
)

# Words that never stand between a number and what it counts ("in 2024 after the units").
FUNCTION_WORDS = (
    "the",
    "a",
    "an",
    "of",
    "and",
    "or",
    "in",
    "on",
    "at",
    "to",
    "for",
    "after",
    "before",
    "since",
    "with",
    "by",
    "from",
    "than",
    "as",
    "that",
    "which",
    "le",
    "la",
    "les",
    "de",
    "des",
    "du",
    "et",
    "ou",
    "en",
    "au",
    "aux",
    "à",
    "pour",
    "par",
    "sur",
    "dans",
    "avec",
    "depuis",
    "que",
    "qui",
)
PLAIN_LONG_NUMBER = re.compile(r"^\d{4,}$")  # a year, or an identifier ("resolution 2397")

# A number in digits: thousands grouped by a space, a no-break space, a narrow no-break space, a
# comma or a dot ("10 000", "10,000", "10.000"), optional decimals ("1,2", "1.2", "10,000.5").
DIGITS = r"(?<![\w.,])(?:\d{1,3}(?:(?:[ \u00a0\u202f]|[.,])\d{3})+(?![\d])(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\d])"


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    approx = rf"(?P<approx>(?:{_words(*APPROXIMATIONS_FR, *APPROXIMATIONS_EN)})(?:(?<=[’'])(?:{_SP})?|{_SP}))"
    scale = rf"(?:{_words(*SCALES)})"
    currency = rf"(?P<currency>{_words(*CURRENCY_PREFIXES)})"
    of = rf"(?:(?:of|de){_SP}|d{_APOS})"
    number = (
        rf"(?:{currency}[^\S\n]?)?(?P<digits>{DIGITS})(?:(?:{_SP}|(?<=\d))(?P<scale>{scale}|bn|m|k)(?!\w))?"
        rf"|(?P<words>(?:{_words(*SCALE_ARTICLES)}){_SP}(?P<wscale>{scale}))(?!\w)"
        rf"|(?P<vague>(?:(?:{_words(*VAGUE_FR)}){_SP}(?:{_words(*VAGUE_SCALES_FR)})"
        rf"(?:{_SP}de{_SP}(?:{_words(*VAGUE_SCALES_FR)}))*)"
        rf"|(?:(?:{_words(*VAGUE_SCALES_EN)}){_SP}of(?:{_SP}(?:thousands|millions|billions){_SP}of)*)"
        rf"|(?:(?:une|un){_SP}(?:dizaine|centaine|millier)))(?!\w)"
        rf"|(?P<count>{_words(*COUNT_WORDS)})(?:{_SP}(?P<cscale>{scale}))?(?!\w)"
    )
    nouns = _words(*COUNTED_NOUNS_FR, *COUNTED_NOUNS_EN)
    modifier = rf"(?!(?:{_words(*FUNCTION_WORDS)})(?!\w))[^\W\d_][\w’'\-]*"
    unit = (
        rf"(?P<sign>[^\S\n]?(?:{_words(*SIGN_UNITS)}))(?!\w)"
        rf"|{_SP}(?:{of})?(?P<mods>(?:{modifier}{_SP}){{0,2}}?)(?P<noun>{nouns})(?!\w)"
        rf"|(?<=[’'])(?P<noun2>{nouns})(?!\w)"
    )
    return re.compile(rf"(?<!\w)(?:{approx})?(?:{number})(?:{unit})?", re.IGNORECASE)


def _accept(match: re.Match[str]) -> bool:
    """Whether a match is a quantity: something counted, money, or a scaled amount after an approximation."""
    groups = match.groupdict()
    has_unit = bool(groups["noun"] or groups["noun2"] or groups["sign"])
    scaled = groups["scale"] or groups["wscale"] or groups["cscale"]
    if groups["words"] and groups["words"].split()[0].lower() in {"le", "la", "the"}:
        # "le million de barils" is an amount only after "dépassant", "more than"…
        return bool(groups["approx"]) and has_unit
    digits = groups["digits"] or ""
    if PLAIN_LONG_NUMBER.match(digits) and not (groups["approx"] or groups["currency"] or scaled or groups["sign"]):
        # Years and numbers of resolutions: only "1500 soldats", with the noun right after, is an amount.
        return (
            bool(groups["noun"])
            and not groups["mods"]
            and match.group(0)[len(digits) :].lstrip()[:2] not in ("de", "of")
        )
    if groups["mods"] and not digits:
        return False  # "several think tanks": modifiers only between digits and a noun
    if has_unit:
        return True
    if groups["currency"] and digits:
        return True
    return bool(groups["approx"] and scaled and (digits or groups["words"] or groups["count"]))


def find_quantities(text: str, label: str = LABEL) -> list[tuple[int, int, str]]:
    """Quantities in ``text`` as ``Candidate(start, end, label)``, in text order, never overlapping."""
    candidates: list[tuple[int, int, str]] = []
    pattern = _pattern()
    pos = 0
    while pos < len(text):
        match = pattern.search(text, pos)
        if match is None:
            break
        if _accept(match):
            start, end = match.span()
            end = _trim_end(text, start, end)
            candidates.append(Candidate(start, end, label))
            pos = end
        else:
            # Try again one character further: an approximation word may hide a number after it.
            pos = match.start() + 1
    return candidates


def _trim_end(text: str, start: int, end: int) -> int:
    """Drop trailing white space (a sign unit may be taken with the space before it)."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


__all__ = ["LABEL", "find_quantities"]
