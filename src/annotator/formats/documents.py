"""Read documents into plain text: .txt, .md and .docx here; the other kinds through their own modules.

Line endings become ``\\n`` here, once; the text returned is what every offset refers to.
Nothing is fetched from the network and no script runs: HTML is parsed, never rendered, and .docx is
read as the zip of XML it is. ``read_documents`` dispatches a file to the reader of its kind
(``READERS``); a reader may return several documents (a mailbox holds one per message).
"""

from __future__ import annotations

import codecs
import html
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

DOCUMENT_SUFFIXES = (
    ".txt",
    ".md",
    ".markdown",
    ".html",
    ".htm",
    ".mhtml",
    ".mht",
    ".docx",
    ".pdf",
    ".eml",
    ".mbox",
    ".odt",
    ".rtf",
)
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


class DocumentError(ValueError):
    """A file that cannot be read as a document; the message says why."""


def readable_name(name: str) -> str:
    """A file name or path as text that can be stored and shown.

    Bytes of a name that are not UTF-8 reach Python as lone surrogates, which SQLite refuses: they become
    U+FFFD REPLACEMENT CHARACTER.
    """
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


@dataclass(frozen=True, slots=True)
class DocumentText:
    """A document read from a file: its title, normalised text and metadata."""

    title: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    language: str | None = None


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode file bytes; returns (text, encoding). UTF-8 (BOM or not), UTF-16/32 with BOM, else detected."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DocumentError(
                    f"{name}: starts with a {encoding} mark but is not valid {encoding} ({exc.reason})"
                ) from None
    if b"\x00" in data[:8192]:
        unmarked = _utf16_without_mark(data)
        if unmarked is not None:
            return unmarked
        raise DocumentError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    mended = data.decode("utf-8", errors="replace")
    bad = mended.count("\ufffd")
    if len(_NON_ASCII.findall(mended)) - bad >= max(bad, 1):
        # Mostly well-formed UTF-8 (accents written as two bytes) with a few broken bytes: a damaged file
        # or a cut, not another encoding. Guessing one would turn every accent into garbage.
        raise DocumentError(
            f"{name}: not valid UTF-8 at byte {first_bad} ({bad} broken sequence{'s' * (bad != 1)} in text "
            "that is otherwise UTF-8): the file looks damaged; repair it or save it as UTF-8 again"
        )
    from annotator.formats.encodings import legacy_reading

    reading, rivals = legacy_reading(data)
    if reading is None and rivals:
        raise DocumentError(
            f"{name}: the text encoding is uncertain (it could be {' or '.join(rivals[:2])}); "
            "save it as UTF-8 and import again"
        )
    if reading is None:
        raise DocumentError(f"{name}: the text encoding could not be recognised; save it as UTF-8 and import again")
    return reading.text, reading.encoding


def _utf16_without_mark(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without its byte-order mark, told by the NUL bytes of its ASCII characters."""
    sample = data[:8192]
    even, odd = sample[0::2], sample[1::2]
    for nuls, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        # ASCII letters, spaces and line breaks, each with a NUL byte on the same side.
        if len(data) % 2 == 0 and nuls.count(0) >= 0.6 * len(nuls):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text:
                return text, encoding
    return None


def _check_text(text: str, name: str) -> str:
    text = normalise_newlines(text).replace("\x00", "")
    if not text.strip():
        raise DocumentError(f"{name}: the file holds no text")
    controls = sum(1 for ch in text[:10000] if ord(ch) < 32 and ch not in "\n\t\f\v")
    if controls > max(8, len(text[:10000]) // 100):
        raise DocumentError(f"{name}: looks like a binary file, not text")
    return text


def _title_from_text(text: str, fallback: str) -> str:
    for line in text.split("\n"):
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:120]
    return fallback


def headline(text: str) -> str | None:
    """The first line of a plain text when it reads as its heading, else None.

    A heading: the first non-blank line, with body text after it, short (at most 120 characters and
    two words or more), and not ending as a sentence or a list item does (``.``, ``,``, ``;``, ``:``).
    A headline's own ``?`` or ``!`` is kept ("Pourquoi Moscou paie-t-il ?").
    """
    lines = [line.strip() for line in text.split("\n")]
    filled = [line for line in lines if line]
    if len(filled) < 2:
        return None
    first = filled[0].lstrip("#").strip()
    if not first or len(first) > 120 or len(first.split()) < 2 or first[-1] in ".,;:…" or first[0] in "-*•–":
        return None
    return first


def read_plain_text(data: bytes, name: str) -> DocumentText:
    """A .txt or .md file: decoded, line endings normalised, title from its headline, else the file name."""
    text, encoding = decode_text(data, name)
    text = _check_text(text, name)
    return DocumentText(title=headline(text) or Path(name).stem, text=text, metadata={"encoding": encoding})


# -- HTML ---------------------------------------------------------------------------------

_SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "nav",
        "header",
        "footer",
        "aside",
        "noscript",
        "template",
        "iframe",
        "form",
        "button",
        "svg",
        "canvas",
        "object",
        "embed",
        "select",
        "head",
        "menu",
    }
)
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "table",
        "tr",
        "br",
        "hr",
        "figcaption",
        "dd",
        "dt",
        "dl",
        "address",
        "caption",
        "td",
        "th",
    }
)
# Elements without an end tag: a skipped one (embed) must not swallow the rest of the page.
_VOID = frozenset(
    {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "source", "track", "wbr", "embed", "param"}
)


class _ArticleExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skip_depth = 0
        self.title: list[str] = []
        self.in_title = False
        self.pre_depth = 0
        self.meta: dict[str, str] = {}

    def _flush(self) -> None:
        raw = "".join(self.current)
        self.current = []
        block = raw.strip("\n") if self.pre_depth else re.sub(r"[ \t\r\n\f]+", " ", raw).strip()
        if block:
            self.blocks.append(block)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            named = dict(attrs)
            key = named.get("name") or named.get("property")
            if (
                key
                and named.get("content")
                and key.lower()
                in ("author", "date", "description", "og:title", "article:published_time", "og:site_name")
            ):
                self.meta[key.lower()] = named["content"] or ""
        if tag == "title":
            self.in_title = True
        if tag in _SKIP_TAGS:
            if tag not in _VOID:
                self.skip_depth += 1
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag == "pre":
            self.pre_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag == "pre":
            self.pre_depth = max(0, self.pre_depth - 1)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if self.skip_depth:
            return
        self.current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def _charset_from_html(data: bytes) -> str | None:
    match = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_\-]+)", data[:4096], re.IGNORECASE)
    if match:
        try:
            return codecs.lookup(match.group(1).decode("ascii")).name
        except LookupError:
            return None
    return None


def read_html(data: bytes, name: str) -> DocumentText:
    """An HTML page: the article text with paragraphs kept; scripts, styles and navigation dropped."""
    declared = _charset_from_html(data)
    if declared and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            source, encoding = data.decode(declared), declared
        except UnicodeDecodeError:
            source, encoding = decode_text(data, name)
    else:
        source, encoding = decode_text(data, name)
    parser = _ArticleExtractor()
    parser.feed(normalise_newlines(source))
    parser.close()
    text = "\n".join(parser.blocks)
    text = _check_text(text, name)
    title = html.unescape(" ".join("".join(parser.title).split())) or parser.meta.get("og:title") or Path(name).stem
    metadata: dict[str, Any] = {"encoding": encoding}
    metadata.update({k: v for k, v in parser.meta.items() if k != "og:title"})
    return DocumentText(title=title[:200], text=text, metadata=metadata)


# -- DOCX ---------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC = "{http://purl.org/dc/elements/1.1/}"


# What a damaged, encrypted or unsupported zip raises while being read.
_ZIP_ERRORS = (zipfile.BadZipFile, KeyError, EOFError, NotImplementedError, RuntimeError, ValueError, zlib.error)


def _read_member(archive: zipfile.ZipFile, member: str, limit: int) -> bytes | None:
    """A member of a zip archive, or None if it unpacks to more than ``limit`` bytes (a zip bomb stops there)."""
    with archive.open(member) as fh:
        data = fh.read(limit + 1)
    return None if len(data) > limit else data


def _docx_paragraphs(archive: zipfile.ZipFile, name: str) -> list[str]:
    """The paragraphs of ``word/document.xml``, read as a stream by expat.

    One pass, linear in the file, and no tree: each text run goes to its innermost paragraph (a text box's
    paragraphs are lines of their own, after the paragraph that holds the box), so memory follows the text
    kept, not the file. Word writes no DOCTYPE, so none is accepted (no entity can expand or be fetched).
    Beyond the limits (``formats.limits``) of what a real document holds, a clear DocumentError: unpacked
    size, nesting depth, number of paragraphs, characters of text.
    """
    from xml.parsers import expat

    from annotator.formats.limits import MAX_PARAGRAPHS, MAX_XML_DEPTH

    limit = MAX_DOCUMENT_BYTES * 4
    text_limit = MAX_DOCUMENT_BYTES
    w = _W[1:]  # expat names an element "namespace}name"
    paragraph_tag, text_tag = f"{w}p", f"{w}t"
    others = {f"{w}tab": "\t", f"{w}br": "\n", f"{w}cr": "\n", f"{w}noBreakHyphen": "\u2011"}
    paragraphs: list[list[str]] = []
    open_paragraphs: list[int] = []
    depth = 0
    in_text = 0
    characters = 0

    def add(part: str) -> None:
        nonlocal characters
        if not open_paragraphs:
            return
        characters += len(part)
        if characters > text_limit:
            raise DocumentError(f"{name}: the document is too large (more than {text_limit:,} characters of text)")
        paragraphs[open_paragraphs[-1]].append(part)

    def start(tag: str, _attributes: Any) -> None:
        nonlocal depth, in_text
        depth += 1
        if depth > MAX_XML_DEPTH:
            raise DocumentError(
                f"{name}: the .docx content is nested more than {MAX_XML_DEPTH} levels deep; no real document is"
            )
        if tag == paragraph_tag:
            if len(paragraphs) >= MAX_PARAGRAPHS:
                raise DocumentError(f"{name}: more than {MAX_PARAGRAPHS:,} paragraphs; no real document has")
            open_paragraphs.append(len(paragraphs))
            paragraphs.append([])
        elif tag == text_tag:
            in_text += 1
        elif tag in others:
            add(others[tag])

    def end(tag: str) -> None:
        nonlocal depth, in_text
        depth -= 1
        if tag == paragraph_tag and open_paragraphs:
            open_paragraphs.pop()
        elif tag == text_tag:
            in_text -= 1

    def data(chunk: str) -> None:
        if in_text:
            add(chunk)

    def doctype(*_args: Any) -> None:
        raise DocumentError(f"{name}: the .docx content is damaged (it declares a DOCTYPE, which Word never writes)")

    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    parser.StartDoctypeDeclHandler = doctype
    parser.buffer_text = True
    read = 0
    try:
        with archive.open("word/document.xml") as stream:
            while chunk := stream.read(1 << 16):
                read += len(chunk)
                if read > limit:
                    raise DocumentError(
                        f"{name}: the document is too large (its text unpacks to more than {limit:,} bytes)"
                    )
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise DocumentError(f"{name}: the .docx content is damaged ({expat.errors.messages[exc.code]})") from None
    return ["".join(parts) for parts in paragraphs]


def read_docx(data: bytes, name: str) -> DocumentText:
    """A Word .docx file: one line per paragraph (tables included), title from its properties."""
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        paragraphs = _docx_paragraphs(archive, name)
    except DocumentError:
        raise
    except _ZIP_ERRORS:
        raise DocumentError(f"{name}: not a readable .docx file") from None
    text = "\n".join(paragraphs).strip("\n")
    text = _check_text(text, name)
    title = Path(name).stem
    metadata: dict[str, Any] = {}
    try:
        properties = _read_member(archive, "docProps/core.xml", 1024 * 1024)
        if properties is None:
            raise KeyError("docProps/core.xml")
        core = ElementTree.fromstring(properties)
        found = core.find(f"{_DC}title")
        if found is not None and found.text and found.text.strip():
            title = found.text.strip()
        creator = core.find(f"{_DC}creator")
        if creator is not None and creator.text:
            metadata["author"] = creator.text
    except (*_ZIP_ERRORS, ElementTree.ParseError):
        pass  # the properties are optional
    return DocumentText(title=title, text=text, metadata=metadata)


def sniff_kind(head: bytes) -> str | None:
    """What a file's first bytes say it is: ``docx``, ``odt``, ``rtf``, ``pdf``, ``mbox``, ``eml``, ``mhtml``,
    ``set`` (JSON), ``html``, ``text``, or None (binary)."""
    if head.startswith(b"PK\x03\x04"):
        # An OpenDocument file stores its mimetype first, uncompressed.
        return "odt" if head[30:38] == b"mimetype" and b"opendocument.text" in head[38:120] else "docx"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if head.startswith(bom):
            return "text" if bom != codecs.BOM_UTF8 else sniff_kind(head[len(bom) :])
    stripped = head.lstrip()
    mail = _sniff_mail(head)
    if mail is not None:
        return mail
    if stripped[:1] in (b"{", b"["):
        return "set"
    lowered = stripped[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered or b"<head" in lowered:
        return "html"
    if b"\x00" in head:
        return None
    return "text"


_MAIL_HEADER = re.compile(
    rb"^(?:from|to|subject|date|received|return-path|message-id|mime-version|delivered-to|reply-to|cc|"
    rb"content-type|x-[\w-]+|snapshot-content-location):[ \t]",
    re.IGNORECASE | re.MULTILINE,
)


def _sniff_mail(head: bytes) -> str | None:
    """``mbox``, ``eml`` or ``mhtml`` (a page saved as a MIME message) when the first bytes are mail headers."""
    if head.startswith(b"From ") and _MAIL_HEADER.search(head[head.find(b"\n") + 1 :][:1024]):
        return "mbox"
    first = head.split(b"\n", 1)[0]
    if not re.match(rb"^[A-Za-z][\w-]*:[ \t]", first) or len(_MAIL_HEADER.findall(head[:2048])) < 2:
        return None
    lowered = head[:4096].lower()
    if b"multipart/related" in lowered and (b"snapshot-content-location" in lowered or b"text/html" in lowered):
        return "mhtml"
    return "eml"


_KIND_OF_SUFFIX = {
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".mhtml": "mhtml",
    ".mht": "mhtml",
    ".pdf": "pdf",
    ".eml": "eml",
    ".mbox": "mbox",
    ".odt": "odt",
    ".rtf": "rtf",
    ".md": "markdown",
    ".markdown": "markdown",
}

# Readers of the kinds that have a module of their own: kind -> (module, function(data, name)).
READERS: dict[str, tuple[str, str]] = {
    "html": ("annotator.formats.webpage", "read_webpage"),
    "mhtml": ("annotator.formats.webpage", "read_mhtml"),
    "pdf": ("annotator.formats.pdf", "read_pdf"),
    "eml": ("annotator.formats.email_doc", "read_eml"),
    "mbox": ("annotator.formats.email_doc", "read_mbox"),
    "odt": ("annotator.formats.office", "read_odt"),
    "rtf": ("annotator.formats.rtf", "read_rtf"),
    "docx": ("annotator.formats.office", "read_docx_document"),
}
# Readers that can also read the documents attached to what they read (``attachments=True``).
WITH_ATTACHMENTS = frozenset({"eml", "mbox"})


def read_document(path: str | Path, kind: str | None = None) -> DocumentText:
    """Read a document file; DocumentError with a clear message if it cannot be read.

    ``kind`` (``text``, ``markdown``, ``html``, ``docx``…) is what the content was found to be; without it the
    file's suffix decides, and a suffix annotator does not read is refused. A file that holds several
    documents (a mailbox) gives its first; ``read_documents`` gives them all.
    """
    return read_documents(path, kind)[0]


def kind_of_name(name: str) -> str | None:
    """The kind of document a file name's suffix says, or None for a suffix annotator does not read."""
    suffix = Path(name).suffix.lower()
    return _KIND_OF_SUFFIX.get(suffix, "text") if suffix in DOCUMENT_SUFFIXES else None


def read_data(data: bytes, name: str, kind: str, *, attachments: bool = False) -> list[DocumentText]:
    """Read a document's bytes as ``kind``; ``attachments``: an e-mail's attached documents too."""
    if kind in READERS:
        import importlib

        module, function = READERS[kind]
        read = getattr(importlib.import_module(module), function)
        found = read(data, name, attachments=True) if attachments and kind in WITH_ATTACHMENTS else read(data, name)
        return found if isinstance(found, list) else [found]
    document = read_plain_text(data, name)
    if kind == "markdown":
        document = DocumentText(_title_from_text(document.text, Path(name).stem), document.text, document.metadata)
    return [document]


def read_documents(path: str | Path, kind: str | None = None, *, attachments: bool = False) -> list[DocumentText]:
    """Read a document file into one document, or several (a mailbox: one per message); see ``read_document``.

    ``attachments``: an e-mail's attachments that are documents annotator reads become documents too.
    """
    path = Path(path)
    name = readable_name(path.name)
    suffix = path.suffix.lower()
    if kind is None:
        if suffix not in DOCUMENT_SUFFIXES:
            raise DocumentError(f"{name}: not a document type annotator reads ({', '.join(DOCUMENT_SUFFIXES)})")
        kind = _KIND_OF_SUFFIX.get(suffix, "text")
    try:
        if not path.is_file():
            # A pipe or a device would block or never end; a folder is not a document.
            raise DocumentError(f"{name}: not a regular file")
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise DocumentError(f"{name}: larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise DocumentError(f"{name}: the file is empty")
    return read_data(data, name, kind, attachments=attachments)
