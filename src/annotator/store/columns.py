"""A span's columns, declared once: the fields of ``core.model.Span`` are the columns of the annotations table."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from annotator.core.model import Span, ValidationError
from annotator.store.errors import NotADatabase

SPAN_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Span))
# Column names SQL needs quoted (``end`` is a keyword); every other column is named as its field.
_QUOTED = {"end": '"end"'}
SPAN_COLUMNS = ", ".join(_QUOTED.get(name, name) for name in SPAN_FIELDS)


def span_values(span: Span) -> list[Any]:
    """A span's values in ``SPAN_COLUMNS`` order."""
    return [getattr(span, name) for name in SPAN_FIELDS]


def checked_span(row: Sequence[Any]) -> Span:
    """A Span from a row selected with ``SPAN_COLUMNS``; ValidationError if the row breaks a span's rules."""
    return Span(**dict(zip(SPAN_FIELDS, row, strict=True)))


def span_from_row(row: Sequence[Any]) -> Span:
    """A Span from a row selected with ``SPAN_COLUMNS``; NotADatabase (naming it) if the row is damaged."""
    try:
        return checked_span(row)
    except ValidationError as exc:  # a row this app would never write: the file was made or damaged elsewhere
        raise NotADatabase(f"span {row[0]} of the project is damaged: {exc}") from None
