"""Named entities from an installed spaCy pipeline, proposed as actors (optional).

spaCy is an optional dependency (``pip install annotator[ner]``). A pipeline is loaded only when
first needed, only from an installed package or a local folder — never downloaded: a missing
spaCy or model raises ``NerUnavailable`` with a message that says what to install. The default
pipeline is ``fr_core_news_sm`` (French); any other installed spaCy pipeline can be named.

Persons, organisations, places and nationality groups (PER/PERSON, ORG, LOC, GPE, NORP) become
actor candidates. Following the labelling guideline, a place name keeps the article in front of
it ("la Russie", "le Japon", "les États-Unis").
"""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.offsets import trim_whitespace
from annotator.core.suggest import Candidate

if TYPE_CHECKING:  # spaCy is optional: loaded when a model is used, named here for the types only
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "fr_core_news_sm"
INSTALL_HINT = "pip install annotator[ner]"
ENTITY_LABELS = {"PER": "actor", "PERSON": "actor", "ORG": "actor", "LOC": "actor", "GPE": "actor", "NORP": "actor"}
PLACE_LABELS = {"LOC", "GPE"}
ARTICLES = ("la ", "le ", "les ", "La ", "Le ", "Les ", "the ", "The ")
LEADING_WORDS = {"du", "des", "de", "au", "aux", "à", "en", "Du", "Des", "De", "Au", "Aux", "En"}
_STOPWORDS = {
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "des",
            "du",
            "de",
            "et",
            "un",
            "une",
            "est",
            "que",
            "qui",
            "dans",
            "pour",
            "par",
            "sur",
            "au",
            "aux",
            "ces",
            "cette",
            "pas",
        ]
    ),
    "en": frozenset(
        [
            "the",
            "of",
            "and",
            "a",
            "an",
            "is",
            "that",
            "which",
            "in",
            "for",
            "by",
            "on",
            "to",
            "with",
            "this",
            "these",
            "was",
            "were",
            "has",
            "have",
        ]
    ),
}

_models: dict[str, Language] = {}
_lock = threading.Lock()


class NerUnavailable(RuntimeError):
    """spaCy or the named pipeline is not installed; the message says what to install."""


def spacy_available() -> bool:
    """Whether spaCy can be imported (without importing it)."""
    return importlib.util.find_spec("spacy") is not None


def model_installed(name: str) -> bool:
    """Whether ``name`` is an installed pipeline package or a local pipeline folder."""
    if Path(name).is_dir():
        return (Path(name) / "config.cfg").is_file()
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def load_model(name: str = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline ``name``, loaded once per process; raises ``NerUnavailable`` if missing.

    Only installed packages and local folders are loaded, so nothing is ever fetched from the
    network. Safe to call from a worker thread.
    """
    name = (name or DEFAULT_MODEL).strip()
    with _lock:
        if name in _models:
            return _models[name]
        if not spacy_available():
            raise NerUnavailable(f"named-entity suggestions need spaCy, which is not installed: {INSTALL_HINT}")
        if not model_installed(name):
            raise NerUnavailable(
                f"the spaCy pipeline {name!r} is not installed: {INSTALL_HINT} "
                f"(it brings {DEFAULT_MODEL}; other pipelines must be installed separately)"
            )
        import spacy

        try:
            # Only the entity recogniser (and what it needs) runs: faster, same entities.
            nlp = spacy.load(name, exclude=["lemmatizer", "morphologizer", "attribute_ruler", "parser"])
        except (OSError, ValueError, ImportError) as exc:
            raise NerUnavailable(f"the spaCy pipeline {name!r} cannot be loaded: {exc}") from None
        if "ner" not in nlp.pipe_names:
            raise NerUnavailable(f"the spaCy pipeline {name!r} has no named-entity recogniser")
        _models[name] = nlp
        return nlp


def entities_from_doc(text: str, doc: Doc, label: str = "actor") -> list[Candidate]:
    """Actor candidates from a processed spaCy ``doc`` of ``text`` (character offsets are code points)."""
    found: list[Candidate] = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        start, end = trim_whitespace(text, ent.start_char, ent.end_char)
        # spaCy keeps an elided article ("l’ONU") or trailing punctuation in some entities.
        while start < end and not (text[start].isalnum()):
            start += 1
        if end - start >= 2 and text[start + 1] in "’'" and text[start].lower() in "ldj":
            start += 2
        while end > start and not text[end - 1].isalnum():
            end -= 1
        # "du Japon", "des États-Unis": a preposition is not part of the name.
        first = text[start:end].split(" ", 1)
        if len(first) == 2 and first[0] in LEADING_WORDS:
            start += len(first[0]) + 1
        if end - start < 2 or not any(c.isupper() for c in text[start:end]):
            continue  # a name has a capital letter: this drops "qu" of "qu’il" and the like
        if ent.label_ in PLACE_LABELS:
            for article in ARTICLES:
                if text[max(0, start - len(article)) : start] == article and (
                    start - len(article) == 0 or not text[start - len(article) - 1].isalnum()
                ):
                    start -= len(article)
                    break
        found.append(Candidate(start, end, label))
    return sorted(set(found))


def guess_language(text: str) -> str | None:
    """ "fr" or "en" by counting common words, or None when the text is too short to tell."""
    words = [w.lower() for w in text.split()[:2000]]
    counts = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    best = max(counts, key=lambda lang: counts[lang])
    if counts[best] < 3 or counts[best] < 2 * min(counts.values()):
        return None
    return best


def model_language(nlp: Language) -> str | None:
    """The language code of a loaded pipeline ("fr"), or None if it does not say."""
    return getattr(nlp, "lang", None)


def find_entities(text: str, model: str | Language = DEFAULT_MODEL, label: str = "actor") -> list[Candidate]:
    """Actor candidates in ``text`` from the spaCy pipeline ``model`` (a name or a loaded pipeline)."""
    nlp = load_model(model) if isinstance(model, str) else model
    return entities_from_doc(text, nlp(text), label)


__all__ = [
    "DEFAULT_MODEL",
    "INSTALL_HINT",
    "NerUnavailable",
    "entities_from_doc",
    "find_entities",
    "guess_language",
    "load_model",
    "model_installed",
    "model_language",
    "spacy_available",
]
