"""A document from what was copied: HTML read as a web page, else plain text.

A browser or a word processor puts the copied part as HTML beside its plain text: the HTML is read as
a saved page (main text, title, author, date, outlet, address; a fragment kept whole), so a copied article
keeps its metadata; plain text is taken as it is. The title is the page's, else the first line.
"""

from __future__ import annotations

import re

from annotator.core.metadata import URL
from annotator.formats.documents import DocumentError, DocumentText, _check_text, normalise_newlines

NAME = "clipboard"


def _first_line(text: str) -> str:
    for line in text.split("\n"):
        if line.strip():
            return re.sub(r"[ \t]+", " ", line.strip(" \t"))[:80]  # no-break spaces stay
    return "Pasted text"


def read_clipboard(text: str | None, html: str | None = None, url: str | None = None) -> DocumentText:
    """What the clipboard holds as a document; DocumentError if it holds no text.

    ``url`` is the address the copy came from, when the clipboard says (browsers do).
    """
    if html and html.strip():
        from annotator.formats.webpage import read_html_string

        try:
            page = read_html_string(normalise_newlines(html).replace("\x00", ""), NAME, url=url or None)
        except DocumentError:
            page = None
        if page is not None and page.text.strip():
            metadata = dict(page.metadata)
            title = str(metadata.get("title") or "") or _first_line(page.text)
            return DocumentText(title[:200], page.text, metadata, page.language)
    if not text or not text.strip():
        raise DocumentError("the clipboard holds no text")
    body = _check_text(text, NAME).strip("\n")
    return DocumentText(_first_line(body), body, {URL: url} if url else {})


__all__ = ["read_clipboard"]
