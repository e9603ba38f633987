"""Saved web pages (.html, .htm, .mhtml): the article's main text, with its title, author, date, outlet and URL.

The page is parsed as it was saved; nothing is fetched and no script runs. The main text is found by
trafilatura, which drops menus, cookie banners, "read also" blocks, comments and footers by the structure
and density of the page rather than by a list of tag names; the metadata comes from what the page
declares (``<meta>`` tags, Open Graph, JSON-LD, ``<link rel="canonical">``), through trafilatura and htmldate.
A bare fragment with no page around it (a few paragraphs, the HTML a browser copies) is kept whole, as
there is no boilerplate to remove.

French typography survives: trafilatura folds every Unicode space into a plain one, which would turn
"10 000" (no-break space) into two words, so no-break and thin spaces are swapped for symbols the page
does not use before extraction and put back after.

A ``.mhtml`` file (a page saved by a browser in one file) is a MIME message: its HTML part is read as a
page, and its ``Snapshot-Content-Location`` is the page's address when the page names none.
"""

from __future__ import annotations

import email
import email.policy
import re
import urllib.parse
from pathlib import Path
from types import ModuleType
from typing import Any

from annotator.core.metadata import AUTHOR, DATE, SOURCE, TITLE, URL, iso_date
from annotator.formats.documents import (
    DocumentError,
    DocumentText,
    decode_text,
    normalise_newlines,
)
from annotator.formats.libraries import quiet

# Spaces that trafilatura would fold into U+0020, and that French text needs as they are.
_KEPT_SPACES = ("\u00a0", "\u202f", "\u2007", "\u2009", "\u200a")
# Stand-ins: printable symbols (trafilatura drops unprintable characters) that no news page uses
# (Tai Xuan Jing symbols); one not used by the page is taken for each kept space.
_STAND_INS = [chr(c) for c in range(0x1D306, 0x1D356)]
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
_HTML_LANG = re.compile(r"^[A-Za-z]{2,3}\b")
_PRE = re.compile(r"<pre[\s>]", re.IGNORECASE)
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|(\s*:?-+:?\s*\|)+\s*$")


def _stand_ins(text: str) -> dict[str, str]:
    """A stand-in symbol for each kept space, none of them found in ``text``."""
    free = (s for s in _STAND_INS if s not in text)
    return {space: next(free) for space in _KEPT_SPACES}


def _clean_lines(text: str, *, keep_indent: bool) -> str:
    """One paragraph per line, without blank lines or spaces at the end (or the start: ``keep_indent`` keeps
    it, for a page with preformatted blocks)."""
    lines = (line.rstrip() if keep_indent else line.strip() for line in normalise_newlines(text).split("\n"))
    return "\n".join(_table_row(line) for line in lines if line.strip() and not _TABLE_RULE.match(line))


def _table_row(line: str) -> str:
    """A table row as the extractor writes it (``| a | b |``) becomes its cells separated by tabs."""
    if not _TABLE_ROW.match(line):
        return line
    return "\t".join(cell.strip() for cell in line.strip()[1:-1].split("|"))


def _outlet(sitename: str | None, url: str | None) -> str | None:
    if sitename and sitename.strip():
        return sitename.strip()
    if url:
        host = urllib.parse.urlsplit(url).hostname or ""
        return host.removeprefix("www.") or None
    return None


_VOID_PLUGINS = re.compile(r"</?(?:embed|param)\b[^>]*>", re.IGNORECASE)


def read_html_string(
    source: str, name: str, *, url: str | None = None, fallback_title: str | None = None
) -> DocumentText:
    """A page already decoded to text: its main text and metadata (``url``: where it was saved from)."""
    import trafilatura

    swaps = _stand_ins(source)
    protected = source
    for space, stand_in in swaps.items():
        protected = protected.replace(space, stand_in)
    # Entities are decoded by the parser, after the swap above: written as entities, they are swapped here.
    for entity, space in (("&nbsp;", "\u00a0"), ("&#160;", "\u00a0"), ("&#xa0;", "\u00a0"), ("&#xA0;", "\u00a0")):
        protected = protected.replace(entity, swaps[space])
    protected = re.sub(r"&#(x[0-9a-fA-F]+|\d+);", lambda m: _entity_swap(m, swaps), protected)
    # <embed> and <param> have no end tag and no text; the extractor's parser would let one swallow the rest.
    protected = _VOID_PLUGINS.sub("", protected)
    try:
        with quiet("trafilatura", "htmldate", "courlan", "justext", "readability"):
            extracted = _extract(trafilatura, protected, url)
    except (ValueError, TypeError, AttributeError) as exc:  # lxml's view of a page it cannot parse
        raise DocumentError(f"{name}: not a readable web page ({exc})") from None

    def restore(value: Any) -> str | None:
        if not isinstance(value, str):
            return None
        for space, stand_in in swaps.items():
            value = value.replace(stand_in, space)
        return value.strip() or None

    keep_indent = _PRE.search(source) is not None
    text = _clean_lines(restore(getattr(extracted, "text", None)) or "", keep_indent=keep_indent)
    # What the page holds outside scripts, menus, headers, footers and asides: a page with nothing there has no
    # article (the extractor would offer its menu); a fragment the extractor passes over is kept whole.
    whole, whole_title = _whole_text(source)
    if not whole.strip():
        raise DocumentError(f"{name}: the page holds no text (only scripts, menus or page furniture)")
    if not text:
        text, fallback_title = whole, fallback_title or whole_title
    metadata: dict[str, Any] = {}
    title = restore(getattr(extracted, "title", None)) or fallback_title
    page_url = restore(getattr(extracted, "url", None)) or url
    values = {
        TITLE: title,
        AUTHOR: restore(getattr(extracted, "author", None)),
        DATE: iso_date(getattr(extracted, "date", None)),
        SOURCE: _outlet(restore(getattr(extracted, "sitename", None)), page_url),
        URL: page_url,
    }
    metadata.update({key: value for key, value in values.items() if value})
    language = None
    lang = re.search(r"<html[^>]*\blang=[\"']?([A-Za-z-]+)", source[:4096], re.IGNORECASE)
    if lang and _HTML_LANG.match(lang.group(1)):
        language = _HTML_LANG.match(lang.group(1)).group(0).lower()  # type: ignore[union-attr]
    return DocumentText(title=(title or Path(name).stem)[:200], text=text, metadata=metadata, language=language)


def _extract(trafilatura: ModuleType, source: str, url: str | None) -> Any:
    """trafilatura's reading of a page: main text without boilerplate (precision first), and metadata."""
    return trafilatura.bare_extraction(
        source,
        url=url,
        with_metadata=True,
        include_comments=False,
        favor_precision=True,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
        deduplicate=False,
        date_extraction_params={"extensive_search": True, "original_date": True, "outputformat": "%Y-%m-%d"},
    )


def _whole_text(source: str) -> tuple[str, str | None]:
    """Every paragraph of a page outside scripts, styles and navigation, and its ``<title>``."""
    from annotator.formats.documents import _ArticleExtractor

    parser = _ArticleExtractor()
    parser.feed(source)
    parser.close()
    title = " ".join("".join(parser.title).split()) or None
    return "\n".join(parser.blocks), title


def _entity_swap(match: re.Match[str], swaps: dict[str, str]) -> str:
    ref = match.group(1)
    try:
        char = chr(int(ref[1:], 16) if ref[0] in "xX" else int(ref))
    except (ValueError, OverflowError):
        return match.group(0)
    return swaps.get(char, match.group(0))


def _decode_page(data: bytes, name: str) -> tuple[str, str]:
    """The page's text and encoding: its declared charset if it decodes, else as any text file."""
    from annotator.formats.documents import _charset_from_html

    declared = _charset_from_html(data)
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass
    return decode_text(data, name)


def read_webpage(data: bytes, name: str) -> DocumentText:
    """A saved ``.html``/``.htm`` page: its main text and metadata."""
    source, encoding = _decode_page(data, name)
    saved_from = _SAVED_FROM.search(data[:2048])
    url = saved_from.group(1).decode("ascii", "replace") if saved_from else None
    document = read_html_string(normalise_newlines(source), name, url=url)
    return DocumentText(document.title, document.text, {"encoding": encoding, **document.metadata}, document.language)


def read_mhtml(data: bytes, name: str) -> DocumentText:
    """A page saved as ``.mhtml`` (MIME HTML): its HTML part read as a page."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    if message.get_content_maintype() != "multipart" and message.get_content_type() != "text/html":
        raise DocumentError(f"{name}: not an MHTML page (no HTML part)")
    location = str(message.get("Snapshot-Content-Location") or "").strip() or None
    html_part = None
    for part in message.walk():
        if part.get_content_type() == "text/html":
            if location and str(part.get("Content-Location") or "").strip() == location:
                html_part = part
                break
            html_part = html_part or part
    if html_part is None:
        raise DocumentError(f"{name}: not an MHTML page (no HTML part)")
    try:
        source = html_part.get_content()
    except (LookupError, ValueError) as exc:
        raise DocumentError(f"{name}: the page inside cannot be decoded ({exc})") from None
    if isinstance(source, bytes):
        source, _ = decode_text(source, name)
    subject = str(message.get("Subject") or "").strip() or None
    document = read_html_string(normalise_newlines(source), name, url=location, fallback_title=subject)
    return DocumentText(document.title, document.text, document.metadata, document.language)


__all__ = ["read_html_string", "read_mhtml", "read_webpage"]
