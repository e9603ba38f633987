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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from annotator.core.suggest import Candidate

LABEL = "quantity"

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


# -- the grammar -----------------------------------------------------------------------------


@dataclass(slots=True)
class _Found:
    """A quantity found from token ``first`` to token ``last`` (inclusive)."""

    first: int
    last: int
    vague: bool = False
    refused: bool = False  # a vague amount while vague amounts are not quantities: skipped whole


class _Sentence:
    """The tokens of one sentence, its language and (lazily) its part-of-speech tags."""

    def __init__(
        self, text: str, tokens: list[Token], language: str | None, tagger: Tagger | Mapping[str, Tagger] | None
    ) -> None:
        self.text = text
        self.t = tokens
        self.n = len(tokens)
        self.fixed = language
        self.sentence_language = language or _guess_language(tokens)
        self.language = self.sentence_language
        self._clauses: dict[int, str] = {}
        self._tagger = tagger.get(self.sentence_language) if isinstance(tagger, Mapping) else tagger
        self._tags: dict[int, str] | None = None

    def tag(self, i: int) -> str | None:
        """The part of speech of token ``i``, when a tagger was given."""
        if self._tagger is None or i >= self.n:
            return None
        if self._tags is None:
            self._tags = {}
            if self.t:
                base = self.t[0].start
                end = self.t[-1].end
                try:
                    tags = self._tagger(self.text[base:end])
                except Exception:  # a tagger that fails leaves the rules alone
                    tags = []
                by_start = {start + base: pos for start, _end, pos in tags}
                for k, token in enumerate(self.t):
                    if token.start in by_start:
                        self._tags[k] = by_start[token.start]
        return self._tags.get(i)

    def low(self, i: int) -> str:
        return self.t[i].low if 0 <= i < self.n else ""

    def use_language_at(self, i: int) -> None:
        """Read what follows token ``i`` in the language of its clause (a sentence may quote another)."""
        if self.fixed:
            return
        first = i
        while first > 0 and self.t[first - 1].low not in _CLAUSE_MARKS:
            first -= 1
        if first not in self._clauses:
            last = i
            while last < self.n and self.t[last].low not in _CLAUSE_MARKS:
                last += 1
            clause = self.t[first:last]
            fr = sum(t.low in _FR_HINTS for t in clause)
            en = sum(t.low in _EN_HINTS for t in clause)
            self._clauses[first] = ("fr" if fr > en else "en") if fr != en else self.sentence_language
        self.language = self._clauses[first]

    def kind(self, i: int) -> str:
        return self.t[i].kind if 0 <= i < self.n else ""

    def seq(self, i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
        """The length of the first phrase that starts at token ``i``, else 0."""
        for phrase in phrases:
            if tuple(self.low(i + k) for k in range(len(phrase))) == phrase:
                return len(phrase)
        return 0

    def stop(self, i: int) -> bool:
        """Whether token ``i`` cannot be part of a noun phrase after a number."""
        if i >= self.n:
            return True
        token = self.t[i]
        if token.kind in ("newline", "other", "num", "poss"):
            return True
        if token.kind == "elision":
            return True
        # A small pipeline's tags are not reliable enough to take a noun away (it may call "chars" an
        # adjective), only to stop before a verb that the closed classes cannot name.
        stop = STOP_FR if self.language == "fr" else STOP_EN
        if self.tag(i) in ("VERB", "AUX") and not _plural_like(token.low):
            # a participle before a noun modifies it ("armoured vehicles"); any other verb ends the phrase
            following = self.t[i + 1] if i + 1 < self.n else None
            modifies = following is not None and following.is_word and following.low not in stop
            return not (token.low.endswith(("ed", "ing")) and modifies)
        return token.low in stop

    def content(self, i: int) -> bool:
        return i < self.n and self.t[i].is_word and not self.stop(i)


def _guess_language(tokens: list[Token]) -> str:
    fr = sum(t.low in _FR_HINTS for t in tokens)
    en = sum(t.low in _EN_HINTS for t in tokens)
    if fr != en:
        return "fr" if fr > en else "en"
    accented = any(any(c in "éèêàçùôîû’" for c in t.text) for t in tokens if t.kind in ("word", "elision"))
    return "fr" if accented else "en"


def _is_number_word(low: str) -> bool:
    parts = re.split(r"[\-‐‑]", low)
    return all(p in NUMBER_WORDS for p in parts) and not (len(parts) == 1 and parts[0] in ("et", "and"))


def _spelled(s: _Sentence, i: int) -> int:
    """The length of a spelled-out number at ``i`` ("deux mille cinq cents", "a hundred and twenty"), else 0."""
    k = i
    if s.low(k) in ("a", "an", "one", "un", "une") and s.low(k + 1) in ("hundred", "thousand", "cent", "mille"):
        k += 2
    elif (
        s.kind(k) == "word"
        and _is_number_word(s.low(k))
        and s.low(k) not in ARTICLE_NUMBERS
        and s.low(k) not in ("hundred", "thousand")  # English says "a hundred", "two thousand"
    ):
        k += 1
    else:
        return 0
    while k < s.n:
        low = s.low(k)
        if s.kind(k) == "word" and _is_number_word(low) and low not in ("et", "un", "une", "one", "a"):
            k += 1
        elif low in ("et", "and") and s.kind(k + 1) == "word" and _is_number_word(s.low(k + 1)):
            # "vingt et un", but not "… and a": an article after "and" starts something else
            if (low == "et" and s.low(k + 1) in ("un", "une")) or s.low(k + 1) not in ARTICLE_NUMBERS:
                k += 2
            else:
                break
        else:
            break
    return k - i


def _year_like(token: Token) -> bool:
    return token.kind == "num" and re.fullmatch(r"1[89]\d\d|20\d\d", token.text) is not None


class _Recogniser:
    """Finds the quantities of one sentence."""

    def __init__(self, s: _Sentence, vague: bool) -> None:
        self.s = s
        self.vague = vague

    # -- the number ------------------------------------------------------------------------

    def number(self, i: int) -> tuple[int, dict] | None:
        """A number core at ``i``: (index after it, facts about it), else None."""
        s = self.s
        facts: dict = {"scaled": False, "currency": False, "percent": False, "vague": False, "fraction": False}
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

    def _after_digits(self, k: int, facts: dict) -> tuple[int, dict]:
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

    def _after_scale(self, k: int, facts: dict) -> tuple[int, dict]:
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

    def counted(self, k: int, facts: dict) -> int | None:
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

    def _unit(self, k: int, facts: dict) -> int | None:
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

    def _range(self, k: int, after: int, facts: dict, opened: bool) -> tuple[int, dict] | None:
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
        merged = dict(facts)
        for key in ("scaled", "currency", "spelled"):
            merged[key] = facts.get(key) or second_facts.get(key)
        merged["digits"] = second_facts.get("digits", facts.get("digits"))
        return end, merged

    def _context_allows(self, k: int, after: int, facts: dict) -> bool:
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

    def _not_an_amount(self, k: int, after: int, facts: dict) -> bool:
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


def _plural_like(low: str) -> bool:
    """Whether an English word looks plural ("troops", "entities", "F-16s")."""
    if low in IRREGULAR_PLURALS:
        return True
    if len(low) < 3 or not low.endswith("s"):
        return False
    return not low.endswith(("ss", "us", "is", "’s", "ics")) or low.endswith("tics")


_ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ous", "ed", "ing", "ful", "less", "an", "ese", "ish", "ary", "ern", "ian",
                      "ent", "ant", "ile", "able", "ible", "ior", "ary", "est", "er")  # fmt: skip


def _modifier_like(token: Token) -> bool:
    """Whether an English word looks like a modifier before a noun (adjective, name, code)."""
    text = token.text
    return (
        text[:1].isupper()
        or any(c.isdigit() for c in text)
        or "-" in text
        or token.low.endswith(_ADJECTIVE_ENDINGS)
        or token.low in EN_INNER_MODIFIERS
    )


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
