"""Limits on what a received file may cost: a small file must not take minutes or gigabytes to read.

Each limit is set well above what a real document or annotation set needs and refuses, with a clear
message, only what no real file holds:

- a document's text: 50 MB (``documents.MAX_DOCUMENT_BYTES``); a ``.docx`` body (``word/document.xml``)
  unpacks to at most 4 times that, and is read as a stream, never held whole;
- XML nested ``MAX_XML_DEPTH`` levels deep (Word nests a table in a text box in a table in a few dozen);
- ``MAX_PARAGRAPHS`` paragraphs in one document (about 8,000 pages);
- JSON nested so deeply that Python's parser would run out of stack (about 1,000 levels; annotation sets
  use fewer than ten);
- ``MAX_SPANS_PER_DOCUMENT`` spans on one document of an annotation set, and no more than one for every
  character of its text (plus ``SPAN_ALLOWANCE``): the benchmark's dense document has one span per 50
  characters;
- ``MAX_SET_BYTES`` for an annotation set file, which is read whole.
"""

from __future__ import annotations

import json
from typing import Any

from annotator.core.model import ValidationError

MAX_XML_DEPTH = 200
MAX_PARAGRAPHS = 400_000
MAX_SPANS_PER_DOCUMENT = 200_000
SPAN_ALLOWANCE = 1_000
MAX_SET_BYTES = 256 * 1024 * 1024
# A JSON line is parsed with a count of its numbers once it is long enough to hold many spans: each span
# has two offsets, a few more numbers at most.
_COUNTED_LINE = 1024 * 1024
_NUMBERS_PER_SPAN = 4


class TooLarge(ValidationError):
    """A file beyond one of the limits: refused, with the limit named."""


def spans_allowed(text_length: int) -> int:
    """How many spans one document of ``text_length`` characters may carry in an annotation set."""
    return min(MAX_SPANS_PER_DOCUMENT, text_length + SPAN_ALLOWANCE)


def check_span_count(count: int, text_length: int, where: str) -> None:
    """Refuse a document with more spans than its text can carry (``where`` names it)."""
    allowed = spans_allowed(text_length)
    if count > allowed:
        raise TooLarge(
            f"{where}: {count:,} spans on a text of {text_length:,} characters; annotator reads at most "
            f"{allowed:,} (one per character, {MAX_SPANS_PER_DOCUMENT:,} at most)"
        )


def check_set_size(size: int, name: str) -> None:
    """Refuse an annotation set file larger than ``MAX_SET_BYTES``."""
    if size > MAX_SET_BYTES:
        raise TooLarge(f"{name}: {size / 1e6:,.0f} MB; annotation sets of up to {MAX_SET_BYTES // 2**20} MB are read")


class _Counter:
    def __init__(self, limit: int, where: str) -> None:
        self.left = limit
        self.where = where
        self.limit = limit

    def __call__(self, text: str) -> int:
        self.left -= 1
        if self.left < 0:
            raise TooLarge(
                f"{self.where}: more than {self.limit:,} numbers on one line: more spans than a document "
                f"can carry ({MAX_SPANS_PER_DOCUMENT:,} at most)"
            )
        return int(text)


def row_number_counter(content_length: int, where: str) -> _Counter | None:
    """For a JSON file long enough to hold a crowded document: a ``parse_int`` that refuses a row with more
    numbers than a document's spans could need (set ``left`` back to ``limit`` before each row)."""
    if content_length < _COUNTED_LINE:
        return None
    return _Counter(_NUMBERS_PER_SPAN * MAX_SPANS_PER_DOCUMENT + SPAN_ALLOWANCE, where)


def json_loads(text: str, where: str, *, several_lines: bool = False) -> Any:
    """``json.loads`` for text from a received file: ValidationError (naming ``where``) instead of a crash.

    Not JSON, nested so deeply that Python's parser would run out of stack (about 1,000 levels; annotation
    sets use fewer than ten), or so many numbers in a long line that its spans could not be stored: each is
    refused with a message, never an internal error, and the last one before the line is parsed whole.
    ``several_lines``: ``text`` is a whole file, and a syntax error names its line.
    """
    try:
        if len(text) >= _COUNTED_LINE:
            limit = _NUMBERS_PER_SPAN * MAX_SPANS_PER_DOCUMENT + SPAN_ALLOWANCE
            return json.loads(text, parse_int=_Counter(limit, where))
        return json.loads(text)
    except RecursionError:
        raise TooLarge(f"{where}: JSON nested too deeply (no annotation set nests more than a few levels)") from None
    except json.JSONDecodeError as exc:
        # The column counts code points from 1 (json counts characters of the str it was given).
        place = f" line {exc.lineno}, column {exc.colno}" if several_lines else f", column {exc.colno}"
        raise ValidationError(f"{where}{place}: not JSON ({exc.msg})") from None


__all__ = [
    "MAX_PARAGRAPHS",
    "MAX_SET_BYTES",
    "MAX_SPANS_PER_DOCUMENT",
    "MAX_XML_DEPTH",
    "TooLarge",
    "check_set_size",
    "check_span_count",
    "json_loads",
    "row_number_counter",
    "spans_allowed",
]
