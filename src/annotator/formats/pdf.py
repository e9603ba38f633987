"""PDF reports: the text in reading order, one paragraph per line, with the page each part comes from.

PDFium (through pypdfium2, the engine of Chrome's PDF viewer) gives every character of a page with its
Unicode value, font size and place; this module lays the page out from them:

- characters on one baseline make a row; a gutter is an upright strip of the page that no row's words
  cross, between text on both sides, so two or three columns are told apart however the file draws
  them (a report that draws its footnotes or its right column first reads the same), while a justified
  line's wide word spaces never line up into one;
- the page is read band by band from the top: rows that cross no gutter form a band read column by
  column; a row across the columns (a title, a wide figure caption) is a band of its own;
- running headers and footers are removed: lines at the top or bottom of a page whose text, digits
  aside, comes back on another page, and lines there that are only a page number;
- paragraphs are kept: a larger gap, a change of type size, or a short line ending a sentence (or one
  followed by an indented line) ends a paragraph; a paragraph cut by a column or page break (it stops
  mid-sentence and the next column starts in lower case) is joined again;
- a word hyphenated at a line end is joined (``gouverne-`` / ``ment`` → ``gouvernement``), unless the part
  after the hyphen starts with a capital or a digit (``Jean-`` / ``Pierre``) or the document writes the
  hyphenated word elsewhere (``porte-`` / ``parole``); soft hyphens are dropped everywhere;
- ligatures (ﬁ, ﬂ, ﬀ…) become their letters, and the text is NFC-normalised; rotated text (a diagonal
  watermark, a sideways margin note) is left out.

The metadata holds ``page_starts`` (the offset where each page's text starts in the stored text), the
PDF's title and author, and when the file was created. A scanned PDF without a text layer, one that
needs a password or whose author forbids copying its text, and a damaged or truncated file are refused
with the reason. Nothing in the file runs or is fetched: JavaScript, links, attachments and forms are
never looked at, only the characters drawn on the pages.
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
import math
import re
import statistics
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.metadata import AUTHOR, CREATED, PAGE_STARTS, TITLE, iso_date
from annotator.formats.documents import DocumentError, DocumentText

_PDFIUM = threading.Lock()
# A line this close to the top or bottom of its page (a fraction of the page height) may be a running
# header or footer.
MARGIN_BAND = 0.12
# A gap this many font sizes wide splits a line into parts (a footer's text and its page number).
WIDE_GAP = 4.0
# Copying text is allowed (PDF permission bit 5).
_PERMIT_COPY = 0x10
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
# What PDFium reports for a hyphen that ends a line, besides the hyphen itself.
_LINE_END_HYPHENS = {"\ufffe": "-", "\u0002": "-"}
_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:(?:page|p\.|seite|pagina|página)\s*)?(?:\d{1,6}|[ivxlcdm]{1,7})"
    r"(?:\s*(?:/|of|sur|de|von|di)\s*\d{1,4})?[-–—\s]*$",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t\r\n\f\v]+")  # not the no-break spaces, which French text needs as they are
_SENTENCE_END = re.compile(r"[.!?:…»\"”)\]]$")
_HYPHENS = ("-", "\u2010")
_WORD = re.compile(r"[^\W\d_][\w’'\-\u2010]*")
_JUNK_TITLE = re.compile(
    r"^(?:untitled|sans titre|document\d*|microsoft (?:word|powerpoint) - .*"
    r"|.*\.(?:docx?|pdf|indd|odt|rtf|pptx?|txt))$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Char:
    """One character drawn upright on a page (PDF points, origin at the bottom left)."""

    text: str
    x0: float
    x1: float
    base: float
    size: float
    spaced: bool = False  # PDFium saw a word space before it (where the file draws none)


@dataclass(slots=True)
class Line:
    """A run of characters on one baseline within one column."""

    page: int
    column: int  # index of the column run on its page, in reading order
    text: str
    x0: float
    x1: float
    base: float
    size: float
    parts: tuple[str, ...] = ()  # the text split at very wide gaps ("Rapport annuel 2024 … 3")
    run_left: float = 0.0  # the left and right edges of the column run the line is in
    run_right: float = 0.0

    @property
    def top(self) -> float:
        return self.base + self.size * 0.8

    @property
    def bottom(self) -> float:
        return self.base - self.size * 0.25


@dataclass(slots=True)
class Page:
    """A page's lines in reading order, with its bottom and top (in the direction its text runs)."""

    number: int
    bottom: float
    top: float
    lines: list[Line] = field(default_factory=list)


def read_pdf(data: bytes, name: str) -> DocumentText:
    """A PDF file: its text in reading order, page starts and properties; DocumentError with the reason."""
    if b"%PDF-" not in data[:1024]:
        raise DocumentError(f"{name}: not a PDF file")
    if b"%%EOF" not in data[-2048:]:
        raise DocumentError(f"{name}: the PDF is truncated (its end is missing); download or copy it again")
    info, pages, unmapped, total = _read_pages(data, name)
    if total == 0:
        raise DocumentError(
            f"{name}: the PDF has no text layer (scanned pages?); run text recognition (OCR) on it first"
        )
    if unmapped > max(20, total // 3):
        raise DocumentError(f"{name}: the PDF's fonts do not say which letters they draw; its text cannot be read")
    _drop_running_lines(pages)
    text, starts = _assemble(pages)
    if not text.strip():
        raise DocumentError(f"{name}: the PDF holds no text besides its page headers and numbers")
    metadata: dict[str, Any] = {PAGE_STARTS: starts}
    title = info.get("Title")
    if title and _JUNK_TITLE.match(title):
        title = None
    created = iso_date(info.get("CreationDate"))
    if title:
        metadata[TITLE] = title
    if info.get("Author"):
        metadata[AUTHOR] = info["Author"]
    if created:
        metadata[CREATED] = created
    shown_title = title or _title_from_first_page(pages) or Path(name).stem
    return DocumentText(title=shown_title[:200], text=text, metadata=metadata)


# -- characters ----------------------------------------------------------------------------------------------


def _read_pages(data: bytes, name: str) -> tuple[dict[str, str], list[Page], int, int]:
    """The information dictionary, each page laid out, how many characters had no Unicode value, and how many
    characters were read."""
    # PDFium is not thread-safe, and the window checks source files on a worker thread while it imports.
    with _PDFIUM:
        return _read_pages_locked(data, name)


def _read_pages_locked(data: bytes, name: str) -> tuple[dict[str, str], list[Page], int, int]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise DocumentError(
                f"{name}: the PDF is encrypted and needs a password; save an unprotected copy"
            ) from None
        raise DocumentError(f"{name}: the PDF is damaged and cannot be read ({_reason(exc)})") from None
    try:
        if raw.FPDF_GetSecurityHandlerRevision(document) != -1 and not (
            raw.FPDF_GetDocPermissions(document) & _PERMIT_COPY
        ):
            raise DocumentError(
                f"{name}: the PDF's author does not allow copying its text (an encrypted, protected file)"
            )
        info = {key: " ".join(str(value).split()) for key, value in document.get_metadata_dict().items() if value}
        pages: list[Page] = []
        unmapped = total = 0
        for index in range(len(document)):
            page = document[index]
            try:
                cropbox = tuple(float(v) for v in page.get_cropbox())
                textpage = page.get_textpage()
                try:
                    chars, missing, bottom, top = _characters(textpage, raw, cropbox)  # type: ignore[arg-type]
                finally:
                    textpage.close()
            finally:
                page.close()
            unmapped += missing
            total += len(chars)
            pages.append(Page(index + 1, bottom, top, _layout(chars, index + 1)))
    except pdfium.PdfiumError as exc:
        raise DocumentError(f"{name}: the PDF is damaged and cannot be read ({_reason(exc)})") from None
    finally:
        document.close()
    if not pages:
        raise DocumentError(f"{name}: the PDF has no pages")
    return info, pages, unmapped, total


def _characters(
    textpage: Any, raw: Any, cropbox: tuple[float, float, float, float]
) -> tuple[list[Char], int, float, float]:
    """The page's characters in the direction most of its text runs (PDFium's own spaces and line breaks
    left out, rotated text dropped), how many lack Unicode, and the page's bottom and top that way.

    A page turned by the file (``/Rotate``) has its text drawn at a quarter turn in page space: the
    characters are turned back so that lines run left to right.
    """
    count = raw.FPDFText_CountChars(textpage)
    box = raw.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    found: list[tuple[str, float, float, float, float, float, float, float, bool]] = []
    missing = 0
    spaced = False
    for i in range(count):
        if raw.FPDFText_IsGenerated(textpage, i):
            spaced = spaced or raw.FPDFText_GetUnicode(textpage, i) == 0x20
            continue
        code = raw.FPDFText_GetUnicode(textpage, i)
        text = _LINE_END_HYPHENS.get(chr(code)) if code in (0xFFFE, 0x2) else chr(code) if code else ""
        if not text:
            missing += 1
            continue
        if 0xD800 <= code < 0xDC00 and i + 1 < count:  # a character beyond the BMP comes as a surrogate pair
            low = raw.FPDFText_GetUnicode(textpage, i + 1)
            text = chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
        elif 0xDC00 <= code < 0xE000:
            continue
        if unicodedata.category(text[0]) in ("Cc", "Cs", "Co") and not text.isspace():
            missing += 1
            continue
        raw.FPDFText_GetCharOrigin(textpage, i, x, y)
        raw.FPDFText_GetLooseCharBox(textpage, i, box)
        if raw.FPDFText_HasUnicodeMapError(textpage, i):
            missing += 1
        angle = float(raw.FPDFText_GetCharAngle(textpage, i))
        found.append((text, angle, float(x.value), float(y.value), box.left, box.bottom, box.right, box.top, spaced))
        spaced = False
    if not found:
        return [], missing, cropbox[1], cropbox[3]
    quarters = Counter(round(item[1] / (math.pi / 2)) % 4 for item in found)
    turn = quarters.most_common(1)[0][0] * math.pi / 2
    # PDFium measures a character's angle clockwise: its text runs along (cos, -sin); turn that onto +x.
    cos, sin = math.cos(turn), math.sin(turn)

    def turned(px: float, py: float) -> tuple[float, float]:
        return px * cos - py * sin, px * sin + py * cos

    chars: list[Char] = []
    for text, angle, ox, oy, left, bottom, right, top, was_spaced in found:
        offset = (angle - turn) % (2 * math.pi)
        if 0.02 < offset < 2 * math.pi - 0.02:
            continue  # turned against the page's text: a watermark or a sideways note
        corners = [turned(cx, cy) for cx in (left, right) for cy in (bottom, top)]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        # The type size as drawn: the loose box spans the font's ascent to descent, scaled as on the page
        # (a file may set a 1-point font and scale it up, which the font size alone would not say).
        size = (max(ys) - min(ys)) or 1.0
        chars.append(Char(_LIGATURES.get(text, text), min(xs), max(xs), turned(ox, oy)[1], size, was_spaced))
    page_corners = [turned(cx, cy) for cx in (cropbox[0], cropbox[2]) for cy in (cropbox[1], cropbox[3])]
    return chars, missing, min(c[1] for c in page_corners), max(c[1] for c in page_corners)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return text[:100] if text else type(exc).__name__


# -- layout --------------------------------------------------------------------------------------------------


def _rows(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped by baseline, top row first, each row left to right."""
    ordered = sorted(chars, key=lambda c: (-c.base, c.x0))
    rows: list[list[Char]] = []
    for char in ordered:
        if rows and abs(rows[-1][0].base - char.base) <= 0.2 * max(rows[-1][0].size, char.size):
            rows[-1].append(char)
        else:
            rows.append([char])
    for row in rows:
        row.sort(key=lambda c: c.x0)
    return rows


def _attach_marks(parts: list[list[Char]]) -> list[list[Char]]:
    """A few small raised or lowered characters (a footnote call, an exponent) join the line they touch."""
    sizes = [statistics.median(c.size for c in part) for part in parts]
    kept = list(range(len(parts)))
    for n, part in enumerate(parts):
        if len(part) > 4 or len(parts) == 1:
            continue
        best: int | None = None
        for other in (n - 1, n + 1):
            if 0 <= other < len(parts) and other in kept and len(parts[other]) > len(part):
                distance = abs(parts[other][0].base - part[0].base)
                near = sizes[n] < 0.9 * sizes[other] and distance < 0.6 * sizes[other]
                if near and (best is None or distance < abs(parts[best][0].base - part[0].base)):
                    best = other
        if best is not None:
            parts[best] = sorted(parts[best] + part, key=lambda c: c.x0)
            kept.remove(n)
    return [parts[n] for n in kept]


def _words(row: list[Char]) -> list[tuple[float, float]]:
    """The x-extents of a row's words (runs of characters without a space or a wide gap)."""
    spans: list[tuple[float, float]] = []
    for char in row:
        if char.text.isspace():
            continue
        if spans and char.x0 - spans[-1][1] < 0.25 * char.size:
            spans[-1] = (spans[-1][0], max(spans[-1][1], char.x1))
        else:
            spans.append((char.x0, char.x1))
    return spans


def _gutters(rows: list[list[Char]], words: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Upright strips no row's words cross, with text on both sides: the gaps between columns."""
    extents = [span for spans in words for span in spans]
    if len(rows) < 4 or not extents:
        return []
    left = min(a for a, _ in extents)
    right = max(b for _, b in extents)
    width = math.ceil(right - left) + 1
    if width <= 2:
        return []
    coverage = [0] * width
    for spans in words:
        for a, b in spans:
            for x in range(int(a - left), min(width, math.ceil(b - left) + 1)):
                coverage[x] += 1
    # A title, the authors, a wide caption may cross the gutter: rows are page-wide, so two columns with
    # aligned baselines make one row each, and a few rows across are a large share of them.
    allowed = len(rows) // 6
    narrowest = 0.2 * (right - left)  # a column, not a margin of bullets or line numbers
    size = statistics.median(c.size for row in rows for c in row)
    gutters: list[tuple[float, float]] = []
    start: int | None = None
    for x in range(width + 1):
        free = x < width and coverage[x] <= allowed
        if free and start is None:
            start = x
        elif not free and start is not None:
            if start * 1.0 >= narrowest and width - x >= narrowest and x - start >= max(6.0, 0.8 * size):
                a, b = left + start, left + x
                both_sides = (
                    sum(1 for spans in words if spans and spans[0][0] < a) >= 3
                    and sum(1 for spans in words if spans and spans[-1][1] > b) >= 3
                )
                if both_sides:
                    gutters.append((a, b))
            start = None
    return gutters


def _layout(chars: list[Char], page: int) -> list[Line]:
    """A page's lines in reading order: bands from the top, and within a band column by column."""
    if not chars:
        return []
    rows = _rows(chars)
    words = [_words(row) for row in rows]
    gutters = _gutters(rows, words)
    cuts = [(a + b) / 2 for a, b in gutters]
    runs: list[list[list[Char]]] = []  # in reading order: each run a column of a band, or rows across
    band: list[list[list[Char]]] = []  # rows of the current band, each split into columns
    spanning: list[list[Char]] = []

    def flush_band() -> None:
        for column in range(len(cuts) + 1):
            runs.append([parts[column] for parts in band if parts[column]])
        band.clear()

    for row, spans in zip(rows, words, strict=True):
        if not cuts or any(a < cut < b for a, b in spans for cut in cuts):  # a word across the gap
            if band:
                flush_band()
            spanning.append(row)
            continue
        if spanning:
            runs.append(spanning)
            spanning = []
        parts: list[list[Char]] = [[] for _ in range(len(cuts) + 1)]
        for char in row:
            parts[bisect.bisect(cuts, (char.x0 + char.x1) / 2)].append(char)
        band.append(parts)
    if band:
        flush_band()
    if spanning:
        runs.append(spanning)
    lines: list[Line] = []
    for column, run in enumerate(runs):
        for part in _attach_marks(run):
            line = _line(part, page, column)
            if line is not None:
                lines.append(line)
    return lines


def _line(chars: list[Char], page: int, column: int) -> Line | None:
    """The text of a run of characters on one baseline: spaces where the gaps are, duplicates dropped."""
    pieces: list[str] = []
    parts: list[str] = []
    previous: Char | None = None
    for char in chars:
        if previous is not None:
            if char.text == previous.text and abs(char.x0 - previous.x0) < 0.1 * char.size:
                continue  # drawn twice (fake bold)
            gap = char.x0 - previous.x1
            if gap > WIDE_GAP * max(char.size, previous.size):
                parts.append("".join(pieces))
                pieces = []
            em = max(char.size, previous.size)
            if (gap > 0.2 * em or (char.spaced and gap > 0.05 * em)) and not (
                char.text.isspace() or previous.text.isspace()
            ):
                pieces.append(" ")
        pieces.append(char.text)
        previous = char
    parts.append("".join(pieces))
    text = _SPACES.sub(" ", " ".join(parts)).strip(" ")
    # A soft hyphen ending the line marks a word cut there; anywhere else it is invisible and dropped.
    soft = text.endswith("\u00ad")
    text = unicodedata.normalize("NFC", text.replace("\u00ad", "").strip()) + ("\u00ad" if soft else "")
    if not text.strip("\u00ad"):
        return None
    visible = [c for c in chars if not c.text.isspace()]
    size = statistics.median(c.size for c in visible) if visible else chars[0].size
    return Line(
        page,
        column,
        text,
        min(c.x0 for c in visible or chars),
        max(c.x1 for c in visible or chars),
        statistics.median(c.base for c in visible or chars),
        size,
        tuple(_SPACES.sub(" ", part).strip(" ") for part in parts if part.strip()),
    )


# -- running headers and footers -----------------------------------------------------------------------------


def _signature(text: str) -> str:
    """A line's text with its numbers blanked, to match a header across pages ("Page 3" ~ "Page 4")."""
    return re.sub(r"\d+", "#", text.casefold())


def _in_margin(line: Line, page: Page) -> bool:
    band = (page.top - page.bottom) * MARGIN_BAND
    return line.bottom >= page.top - band or line.top <= page.bottom + band


def _drop_running_lines(pages: list[Page]) -> None:
    """Remove running headers, footers and page numbers from every page."""
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_signature(part) for line in page.lines if _in_margin(line, page) for part in line.parts})

    def running(part: str) -> bool:
        return seen[_signature(part)] >= 2 or _PAGE_NUMBER.match(part) is not None

    for page in pages:
        candidates = [_in_margin(line, page) and all(running(p) for p in line.parts) for line in page.lines]
        body = [line for line, candidate in zip(page.lines, candidates, strict=True) if not candidate]
        # A running header or footer stands apart from the text: a line at the usual line spacing from the
        # page's text is text (a body that starts high on the page, and reads the same on two pages, stays).
        page.lines = [
            line
            for line, candidate in zip(page.lines, candidates, strict=True)
            if not (candidate and _stands_apart(line, body))
        ]


def _stands_apart(line: Line, body: list[Line]) -> bool:
    """Whether no line of ``body`` (anywhere across the page) is within one and a half line heights of it."""
    return all(abs(other.base - line.base) >= 1.5 * max(other.size, line.size) for other in body)


# -- paragraphs ----------------------------------------------------------------------------------------------


def _assemble(pages: list[Page]) -> tuple[str, list[int]]:
    """The text, one paragraph per line, and the offset where each page starts."""
    paragraphs: list[list[Line]] = []
    for page in pages:
        runs: dict[int, list[Line]] = {}
        for line in page.lines:
            runs.setdefault(line.column, []).append(line)
        for lines in runs.values():
            left = min(line.x0 for line in lines)
            right = max(line.x1 for line in lines)
            for line in lines:
                line.run_left, line.run_right = left, right
            steps = [a.base - b.base for a, b in itertools.pairwise(lines) if a.base > b.base]
            leading = statistics.median(steps) if steps else None
            for n, line in enumerate(lines):
                if n == 0:
                    previous = paragraphs[-1][-1] if paragraphs else None
                    if previous is not None and _continues(previous, line):
                        paragraphs[-1].append(line)
                    else:
                        paragraphs.append([line])
                    continue
                # The right edge around these lines (an indented quotation or abstract has its own).
                near_right = max(other.x1 for other in lines[max(0, n - 3) : n + 2])
                if _starts_paragraph(lines[n - 1], line, left, near_right, leading):
                    paragraphs.append([line])
                else:
                    paragraphs[-1].append(line)
    vocabulary = _vocabulary(paragraphs)
    starts: list[int | None] = [None] * len(pages)
    parts: list[str] = []
    offset = 0
    for number, paragraph in enumerate(paragraphs):
        if number:
            parts.append("\n")
            offset += 1
        joined = ""
        for n, line in enumerate(paragraph):
            piece = line.text
            if n:
                joined, piece = _join(joined, piece, vocabulary)
            if starts[line.page - 1] is None:
                starts[line.page - 1] = offset + len(joined)
            joined += piece
        joined = joined.removesuffix("\u00ad")
        parts.append(joined)
        offset += len(joined)
    text = "".join(parts)
    # A page without text starts where the next page's text does (or at the end).
    filled: list[int] = []
    following = len(text)
    for start in reversed(starts):
        following = following if start is None else start
        filled.append(following)
    filled.reverse()
    return text, filled


def _starts_paragraph(before: Line, line: Line, left: float, right: float, leading: float | None) -> bool:
    """Whether ``line`` starts a new paragraph after ``before`` in one column run spanning ``left``…``right``."""
    em = max(line.size, before.size, 1.0)
    if abs(line.size - before.size) > 0.15 * em:
        return True  # a heading and its text
    step = before.base - line.base
    if step <= 0 or step > (1.4 * leading if leading else 2.0 * em):
        return True
    ends_sentence = bool(_SENTENCE_END.search(before.text))
    indented = line.x0 > left + 0.6 * em and line.x0 > before.x0 + 0.6 * em
    # The line before stopped although the next line's first word would have fitted after it: it ended
    # there on purpose (justified or ragged, a line inside a paragraph is as full as the words allow).
    first_word = line.text.split(" ", 1)[0]
    char_width = (line.x1 - line.x0) / max(1, len(line.text))
    room = before.x1 + 0.3 * em + len(first_word) * char_width < right
    opens = line.text[:1].isupper() or line.text[:1].isdigit() or line.text[:1] in "•–—-*«\"“("
    short = before.x1 < right - 2.0 * em
    return (ends_sentence and (short or indented)) or (room and (ends_sentence or opens))


def _continues(previous: Line, line: Line) -> bool:
    """Whether a new column carries on the paragraph the previous one ended (cut by a column or page), or a
    line right below it in the same type (a title wider than a column, wrapped)."""
    if _SENTENCE_END.search(previous.text) or abs(line.size - previous.size) > 0.15 * max(line.size, 1.0):
        return False
    step = previous.base - line.base
    if line.page == previous.page and 0 < step <= 1.5 * line.size and abs(line.x0 - previous.x0) < line.size:
        return True
    first = line.text[:1]
    ends_hyphen = previous.text.endswith(_HYPHENS) and len(previous.text) > 1 and previous.text[-2].isalpha()
    if first.islower() or (ends_hyphen and first.isalpha()) or previous.text.endswith("\u00ad"):
        return True
    # A justified line that fills its column, then a line that is not indented: the paragraph goes on
    # ("… tandis que" / "Washington envisage …").
    em = max(line.size, 1.0)
    full = previous.x1 >= previous.run_right - 0.5 * em and previous.x0 <= previous.run_left + 0.5 * em
    indented = line.x0 > line.run_left + 0.6 * em
    return full and not indented and len(previous.text) > 20


def _vocabulary(paragraphs: list[list[Line]]) -> set[str]:
    """The hyphenated words the document writes inside its lines (``porte-parole``), lower case."""
    words: set[str] = set()
    for paragraph in paragraphs:
        for line in paragraph:
            for word in _WORD.findall(line.text[:-1] if line.text.endswith(_HYPHENS) else line.text):
                if "-" in word or "\u2010" in word:
                    words.add(word.casefold().replace("\u2010", "-").strip("-"))
    return words


def _join(joined: str, piece: str, vocabulary: set[str]) -> tuple[str, str]:
    """Join the next line of a paragraph to the text so far: a space, or a hyphenated word made whole."""
    if joined.endswith("\u00ad"):
        return joined[:-1], piece
    if joined.endswith(_HYPHENS) and len(joined) > 1 and joined[-2].isalpha() and piece[:1].isalpha():
        if piece[:1].isupper():
            return joined, piece  # Jean-Pierre, anti-OTAN: the hyphen belongs to the word
        head = _WORD.findall(joined[:-1])
        tail = _WORD.findall(piece)
        if head and tail and f"{head[-1]}-{tail[0]}".casefold() in vocabulary:
            return joined, piece  # porte-parole, written so elsewhere in the document
        return joined[:-1], piece
    if not joined or joined.endswith(" "):
        return joined, piece
    return joined + " ", piece


def _title_from_first_page(pages: list[Page]) -> str | None:
    """The largest text near the top of the first page with text: the report's title."""
    for page in pages:
        if not page.lines:
            continue
        candidates = page.lines[:15]
        biggest = max(line.size for line in candidates)
        title = " ".join(line.text for line in candidates if line.size >= biggest - 0.5)
        return title[:200].strip() or None
    return None


__all__ = ["read_pdf"]
