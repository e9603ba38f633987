"""Rich Text Format (.rtf): the text, one paragraph per line, and the document's properties.

RTF is a stream of control words and groups; this reader keeps what a reader sees and drops the rest:
paragraphs (``\\par``) become lines, line breaks, tabs and table cells (a tab between cells, a row per
line) are kept; font, colour and style tables, pictures, embedded objects, headers, footers, footnotes,
comments, field instructions (a field's shown result stays) and generated list numbers are left out.
Characters are decoded as the file says: ``\\uN`` Unicode escapes (with their ``\\ucN`` fallbacks skipped,
surrogate pairs joined), and ``\\'hh`` bytes in the code page of the current font (``\\fcharset``) or of
the document (``\\ansicpgN``). The ``\\info`` group gives ``title``, ``author`` and ``created``.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

from annotator.core.metadata import AUTHOR, CREATED, TITLE
from annotator.formats.documents import DocumentError, DocumentText, _check_text

_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z'])|([{}])|[\r\n]+|([^\\{}\r\n]+)"
)
# Destinations whose content is not the document's text.
_SKIP = {
    b"fonttbl",
    b"colortbl",
    b"stylesheet",
    b"listtable",
    b"listoverridetable",
    b"revtbl",
    b"rsidtbl",
    b"generator",
    b"pict",
    b"object",
    b"header",
    b"headerl",
    b"headerr",
    b"headerf",
    b"footer",
    b"footerl",
    b"footerr",
    b"footerf",
    b"footnote",
    b"annotation",
    b"atnid",
    b"atnauthor",
    b"fldinst",
    b"xe",
    b"tc",
    b"bkmkstart",
    b"bkmkend",
    b"themedata",
    b"colorschememapping",
    b"latentstyles",
    b"datastore",
    b"pntext",
    b"pntxta",
    b"pntxtb",
    b"listtext",
    b"shp",
    b"shpinst",
    b"nonshppict",
    b"shppict",
    b"mmathPr",
    b"xmlnstbl",
    b"pgdsctbl",
    b"filetbl",
    b"template",
    b"userprops",
    b"docvar",
    b"xmlopen",
    b"wgrffmtfilter",
    b"operator",
}
_INFO_FIELDS = {b"title": TITLE, b"author": AUTHOR}
# Control words that still count inside a dropped group: the font table's code pages and the \info fields.
_READ_WHEN_SKIPPING = {
    b"f",
    b"fcharset",
    b"title",
    b"author",
    b"creatim",
    b"yr",
    b"mo",
    b"dy",
    b"hr",
    b"min",
    b"u",
    b"uc",
}
_CHARACTERS = {
    b"par": "\n",
    b"line": "\n",
    b"sect": "\n",
    b"page": "\n",
    b"row": "\n",
    b"tab": "\t",
    b"cell": "\t",
    b"emdash": "\u2014",
    b"endash": "\u2013",
    b"bullet": "\u2022",
    b"lquote": "\u2018",
    b"rquote": "\u2019",
    b"ldblquote": "\u201c",
    b"rdblquote": "\u201d",
    b"emspace": "\u2003",
    b"enspace": "\u2002",
    b"qmspace": "\u2005",
    b"zwj": "\u200d",
    b"zwnj": "\u200c",
    b"ltrmark": "",
    b"rtlmark": "",
}
_SYMBOLS = {b"~": "\u00a0", b"_": "\u2011", b"-": "", b"{": "{", b"}": "}", b"\\": "\\", b"\n": "\n", b"\r": "\n"}
# \fcharset numbers -> Python codecs.
_CHARSETS = {
    0: "cp1252",
    2: "cp1252",
    77: "mac_roman",
    128: "cp932",
    129: "cp949",
    130: "johab",
    134: "gbk",
    136: "cp950",
    161: "cp1253",
    162: "cp1254",
    163: "cp1258",
    177: "cp1255",
    178: "cp1256",
    186: "cp1257",
    204: "cp1251",
    222: "cp874",
    238: "cp1250",
    255: "cp437",
}


class _State:
    __slots__ = ("font", "info", "skip", "uc")

    def __init__(self, skip: bool = False, uc: int = 1, font: int | None = None, info: str | None = None) -> None:
        self.skip = skip
        self.uc = uc
        self.font = font
        self.info = info

    def copy(self) -> _State:
        return _State(self.skip, self.uc, self.font, self.info)


def _codec(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "cp1252"


def read_rtf(data: bytes, name: str) -> DocumentText:
    """An RTF file: its text and properties; DocumentError if it is not RTF."""
    if not data.lstrip().startswith(b"{\\rtf"):
        raise DocumentError(f"{name}: not an RTF file (it must start with {{\\rtf)")
    document_codec = "cp1252"
    fonts: dict[int, str] = {}
    out: list[str] = []
    info: dict[str, list[str]] = {}
    created: dict[str, int] = {}
    pending: bytearray = bytearray()  # \'hh bytes, decoded together (a double-byte code page needs pairs)
    stack: list[_State] = []
    state = _State()
    skip_next = 0  # fallback characters still to skip after a \uN
    star = False  # the group started with \*: an optional destination
    in_fonttbl_font: int | None = None
    font_depth = -1

    def target() -> list[str]:
        return info.setdefault(state.info, []) if state.info else out

    def flush() -> None:
        if pending:
            codec = fonts.get(state.font, document_codec) if state.font is not None else document_codec
            target().append(bytes(pending).decode(codec, errors="replace"))
            pending.clear()

    depth = 0
    for match in _TOKEN.finditer(data):
        word, number, hexbyte, symbol, brace, text = match.groups()
        if hexbyte is not None:
            if skip_next:
                skip_next -= 1
                continue
            if not state.skip or state.info:
                pending.append(int(hexbyte, 16))
            continue
        if brace == b"{":
            flush()
            stack.append(state)
            state = state.copy()
            depth += 1
            star = False
            continue
        if brace == b"}":
            flush()
            if depth == font_depth:
                font_depth = -1
            state = stack.pop() if stack else _State()
            depth -= 1
            skip_next = 0
            continue
        if word is not None:
            flush()
            value = int(number) if number is not None else None
            optional, star = star, False
            if state.skip and word not in _READ_WHEN_SKIPPING:
                continue
            if word == b"ansicpg" and value:
                document_codec = _codec(f"cp{value}")
            elif word == b"mac":
                document_codec = "mac_roman"
            elif word in (b"pc", b"pca"):
                document_codec = "cp437" if word == b"pc" else "cp850"
            elif word == b"uc" and value is not None:
                state.uc = max(0, value)
            elif word == b"u" and value is not None:
                if not state.skip or state.info:
                    target().append(chr(value + 65536 if value < 0 else value))
                skip_next = state.uc
            elif word == b"f" and value is not None:
                if font_depth != -1:
                    in_fonttbl_font = value
                else:
                    state.font = value
            elif word == b"fcharset" and value is not None and in_fonttbl_font is not None:
                fonts[in_fonttbl_font] = _CHARSETS.get(value, document_codec)
            elif word == b"fonttbl":
                state.skip = True
                font_depth = depth
            elif word == b"info":
                state.skip = True
            elif word in _INFO_FIELDS and stack and stack[-1].skip:
                state.info = _INFO_FIELDS[word]
            elif word == b"creatim":
                state.info = "created"
            elif word in (b"yr", b"mo", b"dy", b"hr", b"min") and state.info == "created" and value is not None:
                created[word.decode()] = value
            elif word in _SKIP or optional:
                state.skip = True
            elif word == b"cell":
                if not state.skip:
                    # A cell's last paragraph mark ends the cell, not a line: cells of a row share one line.
                    while out and out[-1] == "\n":
                        out.pop()
                    out.append("\t")
            elif word in _CHARACTERS:
                if not state.skip:
                    out.append(_CHARACTERS[word])
            elif word == b"bin" and value:
                state.skip = True  # binary data follows: its group is dropped
            continue
        if symbol is not None:
            flush()
            if symbol == b"*":
                star = True
                continue
            if skip_next:
                skip_next -= 1
                continue
            if not state.skip and symbol in _SYMBOLS:
                out.append(_SYMBOLS[symbol])
            continue
        if text is not None:
            flush()
            chunk = text
            if skip_next:
                dropped = min(skip_next, len(chunk))
                chunk = chunk[dropped:]
                skip_next -= dropped
            if chunk and (not state.skip or state.info):
                codec = fonts.get(state.font, document_codec) if state.font is not None else document_codec
                target().append(chunk.decode(codec, errors="replace"))
    flush()
    joined = "".join(out)
    # \uN gives UTF-16 units: a character beyond the BMP comes as a surrogate pair.
    joined = joined.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    # Spaces at a line's ends come from control-word delimiters; indents are paragraph properties, not spaces.
    lines = [line.rstrip(" \t").lstrip(" ") for line in joined.replace("\r", "").split("\n")]
    text = _check_text("\n".join(lines).strip("\n"), name)
    metadata: dict[str, Any] = {}
    for key in (TITLE, AUTHOR):
        words = " ".join("".join(info.get(key, [])).split())
        if words:
            metadata[key] = words
    if "yr" in created:
        try:
            from datetime import datetime

            moment = datetime(
                created["yr"], created.get("mo", 1), created.get("dy", 1), created.get("hr", 0), created.get("min", 0)
            )
            metadata[CREATED] = moment.isoformat()
        except ValueError:
            pass
    return DocumentText(title=str(metadata.get(TITLE) or Path(name).stem)[:200], text=text, metadata=metadata)


__all__ = ["read_rtf"]
