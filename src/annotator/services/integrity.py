"""Document integrity: has a document's source file changed on disk since it was imported?

A stored document's text never changes, so its spans never move. When the file it came from
changes, the app says so and offers to import the file again as a *new* document whose metadata
names the one it replaces (``previous_version``); the old document and its spans stay as they were.

The fingerprint of the file (sha256 of its bytes, size, modification time) is recorded at import
in the ``document_sources`` table. Checking is split in two so that a window can do the slow part
(reading the file) off its main thread: ``source_record`` reads the project, ``check_record`` only
reads the file.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from annotator.core.model import Document, ValidationError, text_sha256
from annotator.formats.documents import DOCUMENT_SUFFIXES, DocumentError, DocumentText, read_documents
from annotator.store.location import installation_id
from annotator.store.project import Project

# States of a source file, compared with the stored document.
UNCHANGED = "unchanged"  # the file still holds the stored text
CHANGED = "changed"  # the file now holds a different text
MISSING = "missing"  # the file is gone (moved, renamed, deleted, or its drive is not mounted)
UNREADABLE = "unreadable"  # the file is there but cannot be read as a document any more
NO_SOURCE = "no_source"  # the document was not imported from a file (or the file is unknown)
SUPERSEDED = "superseded"  # the file changed, and its new text is already in the project as another document

READ_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class FileFingerprint:
    """What a file looked like: sha256 of its bytes, its size, its modification time (ISO 8601, UTC)."""

    sha256: str
    size: int
    mtime: str


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """What the project knows about a document's source: enough to check the file without the project."""

    document_id: int
    title: str
    text_sha256: str
    path: str | None
    fingerprint: FileFingerprint | None
    recorded_here: bool = True  # an import on this machine fingerprinted the file (else it is never read)


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """The result of checking a document's source file; ``message`` says it in words for people."""

    document_id: int
    state: str
    path: str | None
    message: str
    new_text: DocumentText | None = None

    @property
    def changed(self) -> bool:
        """Whether the file now holds a different text (an import as a new version is possible)."""
        return self.state == CHANGED


def file_fingerprint(path: str | os.PathLike[str]) -> FileFingerprint:
    """Hash a file's bytes and note its size and modification time (OSError if it cannot be read)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        stat = os.fstat(fh.fileno())
        while chunk := fh.read(READ_CHUNK):
            digest.update(chunk)
    mtime = datetime.fromtimestamp(stat.st_mtime, UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")
    return FileFingerprint(digest.hexdigest(), stat.st_size, mtime)


def record_source(
    project: Project, document_id: int, path: str | os.PathLike[str], fingerprint: FileFingerprint
) -> None:
    """Store (or replace) the fingerprint of a document's source file, as recorded on this machine."""
    project.record_document_source(
        document_id, str(path), fingerprint.sha256, fingerprint.size, fingerprint.mtime, installation_id()
    )


def source_record(project: Project, document_id: int) -> SourceRecord:
    """What the project knows about the source of ``document_id`` (NotFound if there is no such document).

    Only a fingerprint an import on this machine recorded makes its file one to check; a source path that
    came with an annotation set or in a project from elsewhere is a record of where the text came from.
    """
    document = project.document(document_id)
    row = project.document_source(document_id)
    if row is not None and row[4] == installation_id():
        fingerprint = FileFingerprint(row[1], row[2], row[3])
        return SourceRecord(document_id, document.title, document.sha256, row[0], fingerprint)
    path = row[0] if row is not None else document.source_path
    return SourceRecord(document_id, document.title, document.sha256, path, None, recorded_here=False)


def check_record(record: SourceRecord) -> SourceStatus:
    """Compare the file named in ``record`` with the stored text (reads the file, never the project).

    Same bytes as at import: unchanged, without parsing. Other bytes: the file is read as a document
    and its text compared with the stored one, so a file saved again with the same text is unchanged.
    """

    def status(state: str, message: str, new_text: DocumentText | None = None) -> SourceStatus:
        return SourceStatus(record.document_id, state, record.path, message, new_text)

    if not record.path:
        return status(NO_SOURCE, f"“{record.title}” was not imported from a file")
    path = Path(record.path)
    if path.suffix.lower() not in DOCUMENT_SUFFIXES:
        # Imported from an annotation set (jsonl, doccano): the set is not the document's own file.
        return status(NO_SOURCE, f"“{record.title}” came from the annotation set {path.name}, not a document file")
    if not record.recorded_here:
        return status(
            NO_SOURCE,
            f"“{record.title}” names {path.name} as its source, but no import on this machine read that file: "
            "it is a record of where the text came from, and is not opened",
        )
    try:
        if not path.is_file():
            return status(MISSING, f"the source file of “{record.title}” is no longer at {path}")
        current = file_fingerprint(path)
    except OSError as exc:
        return status(UNREADABLE, f"the source file of “{record.title}” cannot be read: {exc.strerror or exc}")
    if record.fingerprint is not None and current.sha256 == record.fingerprint.sha256:
        return status(UNCHANGED, f"the source file of “{record.title}” has not changed")
    try:
        document_texts = read_documents(path)
    except DocumentError as exc:
        return status(UNREADABLE, f"the source file of “{record.title}” changed and cannot be read any more: {exc}")
    if any(text_sha256(d.text) == record.text_sha256 for d in document_texts):
        # A mailbox that received more messages still holds this one.
        return status(UNCHANGED, f"the source file of “{record.title}” was saved again with the same text")
    if len(document_texts) > 1:
        return status(UNREADABLE, f"the file {path.name} no longer holds “{record.title}”")
    document_text = document_texts[0]
    return status(
        CHANGED,
        f"the source file of “{record.title}” changed on disk since it was imported; the stored text and its "
        "spans are kept as they were",
        document_text,
    )


def resolve_status(project: Project, status: SourceStatus) -> SourceStatus:
    """A CHANGED status whose new text the project already holds becomes SUPERSEDED (nothing left to import)."""
    if not status.changed or status.new_text is None:
        return status
    existing = project.document_by_sha256(text_sha256(status.new_text.text))
    if existing is None:
        return status
    return SourceStatus(
        status.document_id,
        SUPERSEDED,
        status.path,
        f"the source file changed on disk; its new text is document {existing.id} “{existing.title}”",
        None,
    )


def check_source(project: Project, document_id: int) -> SourceStatus:
    """Whether the source file of a stored document still holds its text (see ``check_record``)."""
    return resolve_status(project, check_record(source_record(project, document_id)))


def import_new_version(project: Project, document_id: int, status: SourceStatus | None = None) -> tuple[Document, bool]:
    """Import the changed source of ``document_id`` as a new document; returns it and whether it is new.

    The new document's metadata holds ``previous_version: <id>``; the old document, its text and its
    spans are left exactly as they were. ``status`` (a CHANGED result of ``check_source``) saves reading
    the file again. ValidationError if the file has not changed, is missing or cannot be read.
    """
    if status is None or status.document_id != document_id or status.new_text is None:
        status = check_source(project, document_id)
    if not status.changed or status.new_text is None or status.path is None:
        raise ValidationError(f"nothing to import: {status.message}")
    previous = project.document(document_id)
    new_text = status.new_text
    metadata: dict[str, Any] = {**previous.metadata, **new_text.metadata, "previous_version": document_id}
    try:
        fingerprint = file_fingerprint(status.path)
    except OSError as exc:
        raise ValidationError(f"{status.path} cannot be read: {exc.strerror or exc}") from None
    with project.transaction():
        document, created = project.add_document(
            new_text.title or previous.title,
            new_text.text,
            source_path=status.path,
            language=new_text.language or previous.language,
            metadata=metadata,
        )
        if created:
            record_source(project, int(document.id or 0), status.path, fingerprint)
    return document, created


def versions(project: Project, document_id: int) -> list[int]:
    """The ids of the earlier versions of a document, newest first, following ``previous_version``."""
    chain: list[int] = []
    seen = {document_id}
    current = project.document(document_id)
    while True:
        previous = current.metadata.get("previous_version")
        if not isinstance(previous, int) or previous in seen:
            return chain
        seen.add(previous)
        chain.append(previous)
        try:
            current = project.document(previous)
        except LookupError:
            return chain
