"""Keyword-in-context rows for the example browser, and training handouts in Markdown or HTML.

A row is ``left context | span | right context``: the context stays on the span's own line (paragraph),
is at most ``width`` characters long, is cut at a word boundary and marked with "…" where cut.
Sorting by left context compares the words nearest the span first (the usual KWIC order).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from annotator.core.model import Label, ValidationError
from annotator.services.exporting import atomic_file
from annotator.store.project import Project

CONTEXT_WIDTH = 60
ELLIPSIS = "…"
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class KwicRow:
    """One span in context."""

    span_id: str
    document_id: int
    document: str
    label: str
    annotator: str
    status: str
    review: str
    start: int
    end: int
    left: str
    keyword: str
    right: str

    @property
    def left_key(self) -> tuple[str, ...]:
        """Words of the left context, nearest first, case-folded."""
        return tuple(w.casefold() for w in reversed(_WORD.findall(self.left)))

    @property
    def right_key(self) -> tuple[str, ...]:
        """Words of the right context, nearest first, case-folded."""
        return tuple(w.casefold() for w in _WORD.findall(self.right))


def context(text: str, start: int, end: int, width: int = CONTEXT_WIDTH) -> tuple[str, str]:
    """Left and right context of ``text[start:end]`` on its line, cut at word boundaries."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left_from = max(line_start, start - width)
    left = text[left_from:start]
    if left_from > line_start:
        cut = left.find(" ")
        left = ELLIPSIS + (left[cut + 1 :] if cut >= 0 else left)
    right_to = min(line_end, end + width)
    right = text[end:right_to]
    if right_to < line_end:
        cut = right.rfind(" ")
        right = (right[:cut] if cut > 0 else right) + ELLIPSIS
    return left.replace("\t", " "), right.replace("\t", " ")


def kwic_rows(
    project: Project,
    label: str,
    *,
    annotators: Iterable[str] | None = None,
    statuses: Iterable[str] | None = ("accepted",),
    width: int = CONTEXT_WIDTH,
) -> list[KwicRow]:
    """Every span of ``label`` across the corpus (filtered by annotator and status) in context."""
    titles = {d.id: d.title for d in project.documents()}
    texts: dict[int, str] = {}
    rows = []
    for span in project.spans(labels=[label], annotators=annotators, statuses=statuses):
        text = texts.get(span.document_id)
        if text is None:
            text = texts[span.document_id] = project.document_text(span.document_id)
        left, right = context(text, span.start, span.end, width)
        rows.append(
            KwicRow(
                span_id=span.id,
                document_id=span.document_id,
                document=titles.get(span.document_id, str(span.document_id)),
                label=span.label,
                annotator=span.annotator,
                status=span.status,
                review=span.review,
                start=span.start,
                end=span.end,
                left=left,
                keyword=span.text,
                right=right,
            )
        )
    return rows


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape_markdown(text: str) -> str:
    """``text`` with Markdown's special characters backslash-escaped and line breaks as spaces."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def handout_markdown(label: Label, rows: Sequence[KwicRow], title: str | None = None) -> str:
    """A Markdown handout: the label's guideline, then the examples as a table (left context right-aligned)."""
    lines = [f"# {escape_markdown(title or f'Examples of {label.name}')}", ""]
    if label.guideline:
        lines += ["## Guideline", "", escape_markdown(label.guideline), ""]
    lines += [
        f"## Examples ({len(rows)})",
        "",
        "| Left context | Span | Right context | Document |",
        "|---:|:---:|:---|:---|",
    ]
    for row in rows:
        cells = (
            escape_markdown(row.left),
            f"**{escape_markdown(row.keyword)}**",
            escape_markdown(row.right),
            escape_markdown(row.document),
        )
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def handout_html(label: Label, rows: Sequence[KwicRow], title: str | None = None) -> str:
    """A self-contained HTML handout: the guideline and a keyword-in-context table; all text escaped."""
    e = html.escape
    heading = e(title or f"Examples of {label.name}")
    body = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{heading}</title>",
        "<style>",
        "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}",
        "td{padding:.2em .5em;vertical-align:top}td.left{text-align:right}",
        f"td.span{{font-weight:bold;background:{e(label.color)}33}}td.doc{{color:#555;font-size:smaller}}",
        "</style>",
        "</head>",
        "<body>",
        f"<h1>{heading}</h1>",
    ]
    if label.guideline:
        body += ["<h2>Guideline</h2>", f"<p>{e(label.guideline)}</p>"]
    body += [f"<h2>Examples ({len(rows)})</h2>", "<table>"]
    for row in rows:
        body.append(
            f'<tr><td class="left">{e(row.left)}</td><td class="span">{e(row.keyword)}</td>'
            f'<td class="right">{e(row.right)}</td><td class="doc">{e(row.document)}</td></tr>'
        )
    body += ["</table>", "</body>", "</html>"]
    return "\n".join(body) + "\n"


def write_handout(path: str | Path, label: Label, rows: Sequence[KwicRow], fmt: str | None = None) -> Path:
    """Write a handout; the format is ``fmt`` ("md" or "html") or taken from the file's suffix."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt in ("md", "markdown"):
        content = handout_markdown(label, rows)
    elif fmt in ("html", "htm"):
        content = handout_html(label, rows)
    else:
        raise ValidationError(f"unknown handout format {fmt!r}: use .md or .html")
    # The name the user chose may be a link (written through, as exports do); the temporary file beside it
    # is created exclusively under a fresh name, so a link planted at a predictable name is never followed.
    target = path.resolve() if path.is_symlink() else path
    with atomic_file(target, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(content)
    return path
