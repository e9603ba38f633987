"""Suggestion sources: pure functions that propose labelled spans for the analyst to confirm.

Each source returns ``Candidate`` values (code-point offsets into the text and a label) and knows
nothing about the store; ``annotator.services.suggesting`` stores them as suggestions.

- ``quantities``: amounts with their unit or counted noun, in French and English.
- ``propagation``: other mentions of strings already tagged.
- ``ner``: named entities from an installed spaCy pipeline (optional).
- ``spanmodel``: a model trained on the project's own annotations (``model``; optional).
- ``grammar``: part-of-speech tags from an installed spaCy pipeline for the quantity recogniser.
"""

from __future__ import annotations

from typing import NamedTuple

SUGGESTION_SOURCES = ("quantity", "propagation", "ner", "model")


class Candidate(NamedTuple):
    """A proposed span: ``text[start:end]`` labelled ``label``."""

    start: int
    end: int
    label: str


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Whether two half-open ranges share at least one position."""
    return a_start < b_end and b_start < a_end


__all__ = ["SUGGESTION_SOURCES", "Candidate", "overlaps"]
