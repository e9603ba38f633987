"""User text shown as text, never as markup: names and sentences come from documents anyone may have written."""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` exactly: escaped, inside markup so Qt never guesses it is plain text
    (a plain "A &amp; B" would show the entity; a name like "<b>x</b>" would turn bold)."""
    lines = [html.escape(line, quote=False) for line in text.split("\n")]
    return "<qt><p style='white-space:pre-wrap'>" + "<br>".join(lines) + "</p></qt>"
