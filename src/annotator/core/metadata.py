"""Document metadata: the keys annotator fills and reads, dates as ISO 8601, and page starts.

A document's metadata is a JSON object stored with it. The readers fill what the file says (see
``annotator.formats``); the analyst edits the descriptive keys in the window. Keys with a meaning:

- ``title``: the title as the source gives it (the document's display name may be renamed);
- ``author``: who wrote it (an e-mail's sender);
- ``date``: when it was published or sent, ISO 8601 (``2024-03-05``, or with a time when the source gives
  one: ``2024-03-05T10:15:00+01:00``);
- ``source``: the outlet (publication, site, sender);
- ``url``: the canonical address of the original;
- ``created``: when the file was made (office and PDF properties), ISO 8601;
- ``page_starts``: for paginated documents (PDF), the code-point offset where each page's text starts, in
  page order (page 1 starts at 0; a page without text starts where the next one does);
- ``attachments``: for e-mail, the attached files (``name``, ``type``, ``size`` in bytes), not imported.

Pure functions, no Qt, no SQL.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

TITLE = "title"
AUTHOR = "author"
DATE = "date"
SOURCE = "source"
URL = "url"
CREATED = "created"
PAGE_STARTS = "page_starts"
ATTACHMENTS = "attachments"

# The descriptive keys an analyst sees and edits, in the order they are shown and exported.
DESCRIPTIVE_KEYS = (TITLE, AUTHOR, DATE, SOURCE, URL)

_ISO = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?(?P<tz>Z|[+-]\d{2}:?\d{2})?)?)?)?$"
)
_PDF_DATE = re.compile(
    r"^D:(?P<y>\d{4})(?P<m>\d{2})?(?P<d>\d{2})?(?P<H>\d{2})?(?P<M>\d{2})?(?P<S>\d{2})?"
    r"(?P<tz>Z|[+-]\d{2}'?\d{2}'?)?"
)


def iso_date(value: Any) -> str | None:
    """``value`` as an ISO 8601 date or date-time, or None when it is not one annotator can read.

    Takes ISO 8601 (a year, a month, a day, with or without a time and offset), ``datetime``/``date`` values,
    PDF dates (``D:20240305101500+01'00'``) and e-mail dates (RFC 5322). A time is kept when given, to the
    second, with its offset (``Z`` for UTC); a day alone stays a day.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return _format_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    match = _ISO.match(text) or _PDF_DATE.match(text)
    if match:
        return _from_parts(match.groupdict())
    from email.utils import parsedate_to_datetime

    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return _format_datetime(parsed) if parsed is not None else None


def _from_parts(parts: Mapping[str, str | None]) -> str | None:
    year = int(parts["y"] or 0)
    month = int(parts.get("m") or 0)
    day = int(parts.get("d") or 0)
    try:
        if not month:
            return f"{year:04d}" if year >= 1 else None
        if not day:
            date(year, month, 1)
            return f"{year:04d}-{month:02d}"
        day_value = date(year, month, day)
        if parts.get("H") is None:
            return day_value.isoformat()
        hour, minute, second = int(parts["H"] or 0), int(parts.get("M") or 0), int(parts.get("S") or 0)
        moment = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    zone = (parts.get("tz") or "").replace("'", "")
    text = moment.isoformat()
    if zone == "Z":
        return text + "Z"
    if zone:
        digits = zone[1:].replace(":", "")
        if len(digits) != 4 or int(digits[:2]) > 23 or int(digits[2:]) > 59:
            return text
        return f"{text}{zone[0]}{digits[:2]}:{digits[2:]}"
    return text


def _format_datetime(moment: datetime) -> str:
    moment = moment.replace(microsecond=0)
    if moment.tzinfo is not None and moment.utcoffset() == UTC.utcoffset(None):
        return moment.replace(tzinfo=None).isoformat() + "Z"
    return moment.isoformat()


def day_of(value: Any) -> str | None:
    """The ``YYYY-MM-DD`` day a metadata date names (its first ten characters), or None."""
    iso = iso_date(value)
    return iso[:10] if iso and len(iso) >= 10 else None


def page_starts(metadata: Mapping[str, Any]) -> list[int]:
    """The page starts stored in ``metadata`` (empty for a document without pages)."""
    starts = metadata.get(PAGE_STARTS)
    if not isinstance(starts, list) or not all(isinstance(s, int) and not isinstance(s, bool) for s in starts):
        return []
    return starts


def page_of(starts: Sequence[int], offset: int) -> int | None:
    """The 1-based page holding code point ``offset``, from page starts; None without pages.

    Pages that hold no text share their start with the next page; the page given is the last of them,
    the one whose text is there.
    """
    if not starts:
        return None
    return max(1, bisect_right(starts, offset))


def with_values(metadata: Mapping[str, Any], **values: Any) -> dict[str, Any]:
    """A copy of ``metadata`` with the given keys set (strings stripped), or removed when empty or None."""
    result = dict(metadata)
    for key, value in values.items():
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "" or value == [] or value == {}:
            result.pop(key, None)
        else:
            result[key] = value
    return result


__all__ = [
    "ATTACHMENTS",
    "AUTHOR",
    "CREATED",
    "DATE",
    "DESCRIPTIVE_KEYS",
    "PAGE_STARTS",
    "SOURCE",
    "TITLE",
    "URL",
    "day_of",
    "iso_date",
    "page_of",
    "page_starts",
    "with_values",
]
