"""Office documents: OpenDocument text (.odt), and the core properties of Word files (.docx).

An ``.odt`` is a zip of XML, read as such (no macro, link or embedded object is opened): every heading,
paragraph and list item is one line of the text, in document order, tables cell by cell, text boxes where
they stand; footnotes follow the text, each on its line; the table of contents, tracked deletions and
comments are left out. Runs of spaces (``text:s``), tabs and line breaks are kept. Each part is read with a
size limit, so a zip bomb stops there.

Both formats give their core properties as metadata: ``title``, ``author`` (the initial creator) and
``created`` (ISO 8601).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from annotator.core.metadata import AUTHOR, CREATED, TITLE, iso_date
from annotator.formats.documents import (
    _ZIP_ERRORS,
    DocumentError,
    DocumentText,
    _check_text,
    _read_member,
    read_docx,
)

# The most XML one part of an office file may unpack to (the file itself is at most MAX_DOCUMENT_BYTES).
MAX_PART_BYTES = 64 * 1024 * 1024
ODT_MIMETYPES = ("application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text-template")

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_DCTERMS = "{http://purl.org/dc/terms/}"

# Elements whose content is not part of the reading text.
_SKIPPED = {
    f"{_TEXT}tracked-changes",
    f"{_TEXT}table-of-content",
    f"{_TEXT}alphabetical-index",
    f"{_TEXT}illustration-index",
    f"{_TEXT}bibliography",
    f"{_TEXT}sequence-decls",
    f"{_TEXT}variable-decls",
    f"{_TEXT}user-field-decls",
    f"{_OFFICE}annotation",
    f"{_OFFICE}annotation-end",
    f"{_OFFICE}forms",
    f"{_TEXT}note-citation",
}
_BLOCKS = {f"{_TEXT}p", f"{_TEXT}h"}


def _open_zip(data: bytes, name: str, kind: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS:
        raise DocumentError(f"{name}: not a readable {kind} file (damaged or truncated)") from None


def _member(archive: zipfile.ZipFile, member: str, name: str, *, required: bool = True) -> bytes | None:
    """A part of the archive, refused when it unpacks (or says it unpacks) to more than ``MAX_PART_BYTES``."""
    try:
        info = archive.getinfo(member)
    except KeyError:
        if required:
            raise DocumentError(f"{name}: the file has no {member} (damaged?)") from None
        return None
    if info.file_size > MAX_PART_BYTES:
        raise DocumentError(f"{name}: {member} would unpack to {info.file_size // (1024 * 1024)} MB (a zip bomb?)")
    try:
        data = _read_member(archive, member, MAX_PART_BYTES)
    except _ZIP_ERRORS:
        raise DocumentError(f"{name}: {member} cannot be unpacked (damaged, or encrypted with a password)") from None
    if data is None:
        raise DocumentError(f"{name}: {member} unpacks to more than {MAX_PART_BYTES // (1024 * 1024)} MB (a zip bomb?)")
    return data


def _xml(data: bytes, name: str, member: str) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise DocumentError(f"{name}: {member} is damaged ({exc})") from None


class _OdtText:
    """Walks an OpenDocument body in document order, one line per paragraph or heading."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.notes: list[str] = []

    def block(self, element: ElementTree.Element) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIPPED:
                continue
            if tag in _BLOCKS:
                self.lines.append(self.inline(child))
            else:  # lists, sections, tables and their cells, frames: their paragraphs, in order
                self.block(child)

    def inline(self, element: ElementTree.Element) -> str:
        parts = [element.text or ""]
        for child in element:
            tag = child.tag
            if tag == f"{_TEXT}s":
                parts.append(" " * int(child.get(f"{_TEXT}c", "1") or 1))
            elif tag == f"{_TEXT}tab":
                parts.append("\t")
            elif tag == f"{_TEXT}line-break":
                parts.append("\n")
            elif tag == f"{_TEXT}note":
                body = child.find(f"{_TEXT}note-body")
                if body is not None:
                    note = _OdtText()
                    note.block(body)
                    citation = child.find(f"{_TEXT}note-citation")
                    mark = (citation.text or "").strip() if citation is not None else ""
                    self.notes.append(f"{mark} {' '.join(note.lines)}".strip())
            elif tag in _SKIPPED:
                pass
            elif tag == f"{_DRAW}frame" or tag == f"{_DRAW}text-box":
                inner = _OdtText()
                inner.block(child)
                self.notes.extend(inner.notes)
                if inner.lines:
                    parts.append("\n".join(inner.lines))
            else:
                parts.append(self.inline(child))
            parts.append(child.tail or "")
        return "".join(parts)


def _odf_properties(meta: ElementTree.Element | None) -> dict[str, Any]:
    if meta is None:
        return {}
    found: dict[str, Any] = {}
    title = meta.find(f".//{_DC}title")
    author = meta.find(f".//{_META}initial-creator")
    if author is None or not (author.text or "").strip():
        author = meta.find(f".//{_DC}creator")
    created = meta.find(f".//{_META}creation-date")
    if title is not None and (title.text or "").strip():
        found[TITLE] = " ".join((title.text or "").split())
    if author is not None and (author.text or "").strip():
        found[AUTHOR] = " ".join((author.text or "").split())
    if created is not None and iso_date(created.text):
        found[CREATED] = iso_date(created.text)
    return found


def read_odt(data: bytes, name: str) -> DocumentText:
    """An OpenDocument text (``.odt``): its text, one paragraph per line, and its properties."""
    archive = _open_zip(data, name, ".odt")
    mimetype = (_member(archive, "mimetype", name, required=False) or b"").decode("ascii", "replace").strip()
    if mimetype and mimetype not in ODT_MIMETYPES:
        raise DocumentError(f"{name}: an OpenDocument file, but not a text document ({mimetype})")
    manifest = _member(archive, "META-INF/manifest.xml", name, required=False) or b""
    if b"encryption-data" in manifest:
        raise DocumentError(f"{name}: the document is encrypted with a password; save an unprotected copy")
    root = _xml(_member(archive, "content.xml", name) or b"", name, "content.xml")
    body = root.find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        raise DocumentError(f"{name}: the document has no text body")
    walker = _OdtText()
    walker.block(body)
    lines = walker.lines + walker.notes
    text = _check_text("\n".join(lines).strip("\n"), name)
    meta_data = _member(archive, "meta.xml", name, required=False)
    try:
        metadata = _odf_properties(ElementTree.fromstring(meta_data) if meta_data else None)
    except ElementTree.ParseError:
        metadata = {}  # the properties are optional
    return DocumentText(title=str(metadata.get(TITLE) or Path(name).stem)[:200], text=text, metadata=metadata)


def read_docx_document(data: bytes, name: str) -> DocumentText:
    """A Word ``.docx``: the text as ``read_docx`` gives it, with its title, author and creation date."""
    document = read_docx(data, name)
    metadata = dict(document.metadata)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        core = _read_member(archive, "docProps/core.xml", 1024 * 1024)
        root = ElementTree.fromstring(core) if core else None
    except (*_ZIP_ERRORS, ElementTree.ParseError):
        root = None  # the properties are optional
    if root is not None:
        title = root.find(f"{_DC}title")
        created = root.find(f"{_DCTERMS}created")
        if title is not None and (title.text or "").strip():
            metadata[TITLE] = " ".join((title.text or "").split())
        if created is not None and iso_date((created.text or "").strip()):
            metadata[CREATED] = iso_date((created.text or "").strip())
    return DocumentText(document.title, document.text, metadata, document.language)


__all__ = ["read_docx_document", "read_odt"]
