"""Which legacy 8-bit encoding a text file that is not UTF-8 was saved in.

A detector (charset-normalizer) is asked first. On a long text it recognises the language and is right;
on a short one ("Côte d’Ivoire", a title, a caption) it recognises none and its first guess is often
another script altogether (cp1125, Cyrillic, for that French name). There, the readings of the likely
encodings are compared by the accented letters of their words: in real writing the letters of a word, and
most words of a text, belong to one language ("très" is French; "trčs" mixes a Czech letter into a
French word). The reading that one language explains best wins; the detector's order breaks ties.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

# Letters beyond ASCII that each language writes (lower case). Greek and Cyrillic are told by script.
_LANGUAGE_LETTERS = {
    "fr": "àâæçéèêëîïôœùûüÿ",
    "de": "äöüß",
    "es": "áéíóúñü",
    "pt": "áâãàçéêíóôõú",
    "it": "àèéìíîòóù",
    "nl": "áéëïóöü",
    "nordic": "åäöæøéáíóúýþð",
    "hu": "áéíóöőúüű",
    "pl": "ąćęłńóśźż",
    "cs-sk": "áäčďéěíĺľňóôŕřšťúůýž",
    "ro": "ăâîșşțţ",
    "hr-sl": "čćđšž",
    "tr": "çğıöşüâî",
    "baltic": "ąčęėįšųūžāēģīķļņõäöü",
}
_LETTER_SETS = {name: frozenset(letters) for name, letters in _LANGUAGE_LETTERS.items()}
# Likely encodings of Western and Central European text, asked even when the detector did not list them.
_LATIN_CANDIDATES = ("cp1252", "cp1250")
_WORD = re.compile(r"\w+")
_CJK_ENCODINGS = ("cp932", "shift_jis", "euc_jp", "cp949", "euc_kr", "gb2312", "gbk", "gb18030", "big5", "cp950")


@dataclass(frozen=True, slots=True)
class Reading:
    """One way of decoding the bytes."""

    encoding: str
    text: str


def _languages(word: str) -> frozenset[str]:
    """The languages whose letters account for every letter of ``word`` beyond ASCII (empty: none does)."""
    letters = {ch for ch in word.lower() if ord(ch) > 127 and unicodedata.category(ch)[0] == "L"}
    if not letters:
        return frozenset()
    scripts = {unicodedata.name(ch, "").split(" ")[0] for ch in letters}
    if scripts in ({"GREEK"}, {"CYRILLIC"}):
        # A Greek or Cyrillic word has no Latin letters ("Cфte" is French read in a Cyrillic code page).
        return frozenset() if any(ch.isascii() and ch.isalpha() for ch in word) else frozenset(scripts)
    return frozenset(name for name, known in _LETTER_SETS.items() if letters <= known)


def plausibility(text: str) -> float:
    """How well one language explains the words of ``text`` that have letters beyond ASCII, from 0 to 1,
    less a penalty for symbols glued to letters (``£odzi``: cp1252's reading of a Polish Ł)."""
    words = [w for w in _WORD.findall(text) if any(ord(ch) > 127 for ch in w)]
    glued = sum(
        1
        for m in re.finditer(r"[^\x00-\x7f]", text)
        if unicodedata.category(m.group())[0] in "SN" and _touches_letter(text, m.start())
    )
    if not words:
        return 0.0 - glued
    counts: Counter[str] = Counter()
    for word in words:
        counts.update(_languages(word))
    explained = counts.most_common(1)[0][1] if counts else 0
    return explained / len(words) - glued / len(words)


def _touches_letter(text: str, i: int) -> bool:
    return any(0 <= j < len(text) and text[j].isalpha() for j in (i - 1, i + 1))


def legacy_reading(data: bytes) -> tuple[Reading | None, list[str]]:
    """The most plausible reading of ``data`` (not UTF-8), or None with the rival encodings if it is a guess."""
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(data) if m.encoding and m.chaos <= 0.2]
    if matches and matches[0].coherence > 0:
        return Reading(matches[0].encoding, str(matches[0])), []  # a language was recognised
    readings = [Reading(m.encoding, str(m)) for m in matches]
    for encoding in _LATIN_CANDIDATES:
        if all(r.encoding != encoding for r in readings):
            with contextlib.suppress(UnicodeDecodeError):  # a byte this code page leaves undefined
                readings.append(Reading(encoding, data.decode(encoding)))
    if not readings:
        return None, []
    # Ties go to cp1252 (French, the app's daily case: "très" reads as French or, in cp1250, as Czech),
    # then to the detector's order.
    scores = {r.encoding: plausibility(r.text) for r in readings}
    best = max(readings, key=lambda r: (scores[r.encoding], r.encoding == "cp1252"))  # max keeps the first of equals
    if scores[best.encoding] > 0.5:
        return best, []
    # No language explains it: a multibyte guess between rivals that read differently is refused.
    rivals = [r.encoding for r in readings if r.text != best.text]
    if best.encoding in _CJK_ENCODINGS or any(r in _CJK_ENCODINGS for r in rivals):
        return None, [best.encoding, *rivals]
    return best, []
