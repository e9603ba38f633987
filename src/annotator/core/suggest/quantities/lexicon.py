"""The words of the quantity recogniser: the tokeniser, and the closed classes of French and English words
(approximations, scales, units, determiners, stop words) that its grammar reads."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# A tagger reads one sentence and gives (start, end, coarse part of speech) per word, in the
# Universal Dependencies tag set (NOUN, PROPN, ADJ, VERB, AUX, ADP, DET, NUM, …), offsets into it.
Tagger = Callable[[str], Sequence[tuple[int, int, str]]]

# -- tokens ----------------------------------------------------------------------------------

_SCALE_SUFFIX = r"(?:k|m|mn|bn|tn|md|mds|Md|Mds|M|K|B)"
_TOKEN = re.compile(
    # a number in digits: thousands grouped by one separator used throughout, optional decimals,
    # optionally glued to a scale abbreviation ("2.5m", "$4.7bn")
    r"(?P<num>(?<![\w.,’'/])(?<![^\W\d_][\-‐‑])"
    r"(?:\d{1,3}(?P<sep>[ \u00a0\u202f\u2009,.’'])\d{3}(?:(?P=sep)\d{3})*(?![\d])(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:" + _SCALE_SUFFIX + r"(?![\w]))?)(?![\w]|[\-‐‑][^\W\d_]|[.,]\d)"
    # a code with digits: "19-year-old", "1990s", "3rd", "1er", "14h30", "2024-2030" stays two numbers
    r"|(?P<code>\d[\w.,]*(?:[\-‐‑/]\w+)*)"
    # an elided article or preposition: "l’", "d’", "qu’", "jusqu’"
    r"|(?P<elision>(?<![\w])(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu|presqu)[’'](?=\w))"
    # a word, with hyphens and digits inside ("nord-coréens", "F-16", "Mi-28", "COVID-19")
    r"|(?P<word>[^\W\d_][\w]*(?:[\-‐‑][\w]+)*(?:\.(?=[^\W\d_]\.))?)"
    # the English possessive
    r"|(?P<poss>[’']s(?![\w]))"
    r"|(?P<newline>\n)"
    r"|(?P<space>[^\S\n]+)"
    r"|(?P<other>.)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Token:
    """A word, number or sign of the text, with its code-point offsets."""

    start: int
    end: int
    text: str
    kind: str  # num, code, word, elision, poss, newline, other
    low: str  # lower case, apostrophes as ’

    @property
    def is_word(self) -> bool:
        return self.kind in ("word", "elision", "poss")


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text`` (white space left out, line breaks kept as tokens)."""
    tokens = []
    for match in _TOKEN.finditer(text):
        kind = "num" if match.group("num") is not None else (match.lastgroup or "other")
        if kind == "space":
            continue
        value = match.group(0)
        tokens.append(Token(match.start(), match.end(), value, kind, value.lower().replace("'", "’")))
    return tokens


# -- closed classes of words -----------------------------------------------------------------


def _phrases(*phrases: str) -> tuple[tuple[str, ...], ...]:
    """Multi-word phrases as token sequences, longest first ("plus d’" → ("plus", "d’"))."""
    seqs = set()
    for phrase in phrases:
        # an elided word is only one when a word follows it: tokenise with one, then drop it
        seqs.add(tuple(t.low for t in tokenize(phrase + "x"))[:-1] if phrase.endswith("’") else
                 tuple(t.low for t in tokenize(phrase)))  # fmt: skip
    return tuple(sorted(seqs, key=len, reverse=True))


APPROXIMATIONS = _phrases(
    # French
    "plus de", "plus d’", "moins de", "moins d’", "près de", "près d’", "pas moins de", "pas moins d’",
    "environ", "au moins", "au plus", "jusqu’à", "jusqu’au", "quelque", "autour de", "autour d’", "presque",
    "quasiment", "un peu plus de", "un peu plus d’", "un peu moins de", "un peu moins d’", "de l’ordre de",
    "de l’ordre d’", "approximativement", "dépassant", "à peine", "tout au plus", "bien plus de", "bien plus d’",
    "largement plus de", "près", "pas loin de", "pas loin d’", "au bas mot", "plus de la", "entre",
    # English
    "more than", "over", "under", "about", "around", "nearly", "almost", "up to", "at least", "at most", "some",
    "roughly", "approximately", "an estimated", "as many as", "as much as", "as few as", "as little as",
    "close to", "fewer than", "less than", "no fewer than", "no less than", "no more than", "upwards of",
    "in excess of", "exceeding", "just over", "just under", "well over", "well above", "barely", "between",
    "an additional", "just shy of", "estimated",
)  # fmt: skip
RANGE_OPENERS = {("entre",), ("between",)}
RANGE_JOINERS = {"à", "to", "-", "–", "—", "ou", "or", "et", "and"}

SPELLED_SCALES = {"m", "k", "mille", "hundred", "thousand", "hundreds", "thousands", "cent"}
SCALES = {
    "mille", "million", "millions", "milliard", "milliards", "billion", "billions", "trillion", "trillions",
    "thousand", "thousands", "hundred", "hundreds", "md", "mds", "mn", "bn", "tn", "m", "k",
}  # fmt: skip
PLURAL_SCALES = {"dizaines", "douzaines", "centaines", "milliers", "millions", "milliards", "dozens", "scores",
                 "hundreds", "thousands", "billions", "tens", "trillions"}  # fmt: skip
# "une douzaine", "un millier", "a dozen": approximate numbers, always quantities.
APPROXIMATE_NOUNS = {
    "dizaine", "douzaine", "quinzaine", "vingtaine", "trentaine", "quarantaine", "cinquantaine", "soixantaine",
    "centaine", "millier", "dozen",
}  # fmt: skip

NUMBER_WORDS_FR = {
    "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize", "quatorze",
    "quinze", "seize", "vingt", "vingts", "trente", "quarante", "cinquante", "soixante", "cent", "cents", "mille",
    "un", "une", "et",
}  # fmt: skip
NUMBER_WORDS_EN = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
    "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
}  # fmt: skip
NUMBER_WORDS = NUMBER_WORDS_FR | NUMBER_WORDS_EN
# Number words that are also articles: a count only inside a longer number or before a scale.
ARTICLE_NUMBERS = {"un", "une", "one", "a", "an"}

FRACTIONS = {
    "moitié", "tiers", "quart", "quarts", "cinquième", "cinquièmes", "dixième", "dixièmes",
    "half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths",
    "two-thirds", "three-quarters", "one-third", "one-quarter", "one-half", "one-fifth",
}  # fmt: skip

PERCENT = _phrases("%", "pour cent", "per cent", "percent", "pc", "‰")
CURRENCY_SIGNS = {"$", "€", "£", "¥", "₩", "₽", "₹", "₴"}
CURRENCY_CODES = {"usd", "eur", "gbp", "rub", "cny", "jpy", "chf", "uah", "krw", "us$"}

# A de-complement after these names the content, not the kind: "2 000 tonnes de munitions".
UNITS = {
    "tonne", "tonnes", "t", "kilo", "kilos", "kilogramme", "kilogrammes", "kg", "gramme", "grammes", "g", "litre",
    "litres", "l", "baril", "barils", "mètre", "mètres", "m³", "m3", "kilomètre", "kilomètres", "km", "hectare",
    "hectares", "ha", "gallon", "gallons", "conteneur", "conteneurs", "caisse", "caisses", "cargaison",
    "cargaisons", "chargement", "chargements", "wagon", "wagons", "palette", "palettes", "sac", "sacs", "boîte",
    "boîtes", "lot", "lots", "millimètres", "centimètres", "mégawatts", "gigawatts", "kilowatts", "térawattheures",
    "dollar", "dollars", "euro", "euros", "rouble", "roubles", "yuan", "yuans", "won", "wons", "franc", "francs",
    "livre", "livres", "couronne", "couronnes", "yen", "yens", "hryvnias", "millions", "milliards", "milliers",
    "centaines", "dizaines", "mètres cubes", "pour cent", "milles",
}  # fmt: skip
MULTIWORD_UNITS = _phrases("mètres cubes", "mètres carrés", "kilomètres carrés", "milles nautiques")

TIME_UNITS = {
    "an", "ans", "année", "années", "mois", "semaine", "semaines", "jour", "jours", "journée", "journées", "heure",
    "heures", "h", "minute", "minutes", "min", "seconde", "secondes", "décennie", "décennies", "siècle", "siècles",
    "nuit", "nuits", "soir", "soirs", "matin", "matins", "trimestre", "trimestres", "semestre", "semestres",
    "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "hr", "hrs", "mins",
    "second", "seconds", "decade", "decades", "century", "centuries", "night", "nights", "weekend", "weekends",
    "gmt", "utc", "a.m", "p.m", "am", "pm", "o’clock", "année-lumière",
}  # fmt: skip
MULTIPLIERS = {"fois", "reprises", "times", "fold"}
MONTHS = {
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
    "décembre", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
# Nouns that name a thing by its number: "article 5", "résolution 2397", "n° 4", "Flight 752".
DESIGNATORS = {
    "article", "articles", "résolution", "resolution", "décret", "decree", "loi", "n", "no", "nº", "n°", "numéro",
    "number", "page", "pages", "chapitre", "chapter", "paragraphe", "paragraph", "section", "alinéa", "point",
    "vol", "flight", "route", "ligne", "line", "étape", "phase", "niveau", "level", "saison", "season", "tome",
    "volume", "annexe", "annex", "figure", "tableau", "table", "catégorie", "category", "zone", "secteur",
    "sector", "bloc", "block", "réacteur", "reactor", "usine", "factory", "unité", "unit", "brigade", "régiment",
    "regiment", "division", "corps", "armée", "army", "groupe", "group", "bataillon", "battalion", "magnitude",
    "force", "classe", "class", "type", "modèle", "model", "version", "série", "series", "rang", "rank", "numéros",
    "pièce", "salle", "room", "porte", "gate", "quai", "platform", "terminal", "plan", "programme", "program",
    "tranche", "option", "lot", "scénario", "scenario", "round", "tour", "match", "semaine", "week", "jour", "day",
    "édition", "edition", "an", "année", "year", "covid", "g", "mh", "f",
}  # fmt: skip
DETERMINERS = {
    "le", "la", "les", "l’", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "notre", "nos",
    "votre", "vos", "mon", "ma", "mes", "des", "aux", "au", "du",
    "the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "your", "my", "whose", "’s",
}  # fmt: skip
STOP_FR = {
    "le", "la", "les", "l’", "un", "une", "des", "du", "de", "d’", "au", "aux", "à", "en", "dans", "par", "pour",
    "sur", "sous", "avec", "sans", "chez", "vers", "depuis", "pendant", "lors", "après", "avant", "entre", "contre",
    "selon", "dont", "soit", "et", "ou", "mais", "ni", "car", "donc", "que", "qu’", "qui", "quoi", "où", "se", "s’",
    "ne", "n’", "pas", "il", "elle", "ils", "elles", "on", "nous", "vous", "y", "ce", "cet", "cette", "ces", "son",
    "sa", "ses", "leur", "leurs", "notre", "nos", "votre", "vos", "mon", "ma", "mes", "lui", "eux", "a", "ai", "as",
    "avons", "avez", "ont", "avait", "avaient", "aura", "auront", "aurait", "auraient", "est", "sont", "était",
    "étaient", "sera", "seront", "serait", "seraient", "été", "être", "avoir", "fut", "furent", "soient", "ait",
    "aient", "chacun", "chacune", "environ", "chaque", "plus", "moins", "très", "aussi", "encore", "déjà",
    "seulement", "jusqu’", "puis", "ainsi", "alors", "tous", "toutes", "tout", "toute", "autant", "fin", "début",
    "mi", "ici", "là", "ailleurs", "c’", "j’", "m’", "t’", "lorsqu’", "puisqu’", "presqu’", "quand", "comme", "si",
    "même",
}  # fmt: skip
STOP_EN = {
    "the", "a", "an", "of", "and", "or", "but", "nor", "in", "on", "at", "to", "for", "from", "by", "with",
    "without", "after", "before", "since", "during", "into", "onto", "over", "under", "than", "as", "that",
    "which", "who", "whom", "whose", "this", "these", "those", "it", "its", "they", "them", "their", "he", "she",
    "his", "her", "we", "our", "you", "your", "i", "is", "are", "was", "were", "be", "been", "being", "has", "have",
    "had", "will", "would", "can", "could", "may", "might", "must", "shall", "should", "do", "does", "did", "not",
    "no", "per", "each", "every", "last", "next", "ago", "apiece", "respectively", "also", "still", "now", "only",
    "already", "just", "so", "then", "there", "here", "when", "while", "where", "if", "about", "around", "near",
    "across", "through", "between", "against", "toward", "towards", "within", "outside", "inside", "off", "out",
    "up", "down", "including", "according", "said", "says", "both", "all", "such", "because", "though", "although",
    "whether", "via", "until", "till", "upon", "among", "amid", "’s", "more", "less", "fewer", "most", "least",
    "some", "any", "many", "much", "other", "another", "what", "how", "why", "too", "very", "again", "later",
    "earlier", "yet", "ever", "never",
}  # fmt: skip
# Words that may stand between an English number and its noun although they are closed-class.
EN_INNER_MODIFIERS = {"more", "other", "additional", "extra", "fewer", "less"}
# French adjectives that go before the noun ("5 000 nouveaux soldats").
PRENOMINAL_FR = {
    "autres", "nouveaux", "nouvelles", "nouveau", "nouvel", "nouvelle", "anciens", "anciennes", "ancien",
    "jeunes", "jeune", "petits", "petites", "grands", "grandes", "gros", "grosses", "vieux", "vieilles",
    "premiers", "premières", "derniers", "dernières", "principaux", "principales", "véritables", "simples",
    "seuls", "seules", "bons", "bonnes", "mauvais", "hauts", "hautes", "longs", "longues", "courtes", "courts",
    "faux", "vrais", "millions", "milliers",
}  # fmt: skip
# English plurals without -s.
IRREGULAR_PLURALS = {
    "men", "women", "children", "people", "personnel", "police", "staff", "aircraft", "feet", "teeth", "geese",
    "dead", "wounded", "injured", "missing", "displaced", "killed", "mice", "servicemen", "servicewomen",
    "policemen", "fishermen", "gunmen", "militiamen", "crew", "livestock", "cattle", "sheep", "deer", "fish",
    "spacecraft", "watercraft", "hovercraft", "series", "species", "headquarters", "offspring",
}  # fmt: skip
_NUMBER_CUES = NUMBER_WORDS | SCALES | PLURAL_SCALES | APPROXIMATE_NOUNS | FRACTIONS | {"dozen", "dozens"}
_CLAUSE_MARKS = {",", ";", ":", "(", ")", "—", "–", "«", "»", "“", "”"}
_FR_HINTS = {"le", "la", "les", "des", "du", "de", "et", "est", "sont", "une", "dans", "pour", "par", "sur", "au",
             "aux", "qui", "que", "ont", "été", "selon", "depuis", "en", "ne", "pas", "d’", "l’", "à"}  # fmt: skip
_EN_HINTS = {"the", "of", "and", "is", "are", "was", "were", "in", "to", "for", "by", "on", "with", "that", "has",
             "have", "had", "from", "at", "said", "says", "an", "be", "been", "this", "which", "will"}  # fmt: skip
