"""Documents: stored texts, their titles, sources and metadata."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from annotator.core.model import Document as Document
from annotator.core.model import (
    ValidationError,
    text_sha256,
    utc_now,
)
from annotator.store.changes import Change, ChangeKind
from annotator.store.errors import (
    NotFound,
)
from annotator.store.parts.base import PartBase
from annotator.store.records import (
    DeletedDocument,
    DocumentSummary,
    stored_metadata,
)


class DocumentsPart(PartBase):
    """Documents, their texts and metadata, and the recorded source files."""

    # -- documents -----------------------------------------------------------------------

    @staticmethod
    def _document_from_row(r: Sequence[Any]) -> Document:
        return Document(
            id=r[0],
            title=r[1],
            source_path=r[2],
            text=r[3],
            sha256=r[4],
            language=r[5],
            added_at=r[6],
            metadata=stored_metadata(r[0], r[7]),
            done=bool(r[8]),
        )

    _DOC_COLUMNS = "id, title, source_path, text, sha256, language, added_at, metadata, done"

    def add_document(
        self,
        title: str,
        text: str,
        *,
        source_path: str | None = None,
        language: str | None = None,
        metadata: dict[str, Any] | None = None,
        document_id: int | None = None,
    ) -> tuple[Document, bool]:
        """Store a document; returns it and whether it is new (same text, same sha256: not duplicated)."""
        if not text:
            raise ValidationError(f"{title or 'document'}: the text is empty")
        with self.transaction():
            document, created = self._add_document(title, text, source_path, language, metadata, document_id)
        if created:
            self._emit(Change(ChangeKind.DOCUMENTS_CHANGED, document.id))
        return document, created

    def _add_document(
        self,
        title: str,
        text: str,
        source_path: str | None,
        language: str | None,
        metadata: dict[str, Any] | None,
        document_id: int | None = None,
        added_at: str | None = None,
        done: bool = False,
        unique_title: bool = True,
    ) -> tuple[Document, bool]:
        sha = text_sha256(text)
        existing = self.document_by_sha256(sha)
        if existing is not None:
            return existing, False
        row = {
            "title": self.unique_title(title) if unique_title else (title or "untitled"),
            "source_path": source_path,
            "text": text,
            "sha256": sha,
            "language": language,
            "added_at": added_at or utc_now(),
            "metadata": json.dumps(metadata or {}, ensure_ascii=False, sort_keys=True),
            "done": int(done),
        }
        if document_id is not None:
            row["id"] = document_id
        new_id = self._sql.insert("documents", row)
        self._text_cache[new_id] = text
        return self.document(new_id), True

    def insert_document_row(
        self,
        *,
        title: str,
        text: str,
        source_path: str | None,
        language: str | None,
        added_at: str,
        metadata: dict[str, Any],
        done: bool,
        document_id: int | None = None,
    ) -> int:
        """Write a new document as given, inside the caller's transaction (set import); returns its id.

        ``document_id`` is kept when no document has it. The caller has checked that the text is new.
        """
        if document_id is not None and self._read("SELECT 1 FROM documents WHERE id = ?", (document_id,)):
            document_id = None
        # One plain INSERT: an import of 25,000 documents pays for the rows, not for a helper's checks on each.
        return self._sql.insert_plain(
            "documents",
            {
                "id": document_id,
                "title": title,
                "source_path": source_path,
                "text": text,
                "sha256": text_sha256(text),
                "language": language,
                "added_at": added_at,
                "metadata": json.dumps(metadata, ensure_ascii=False, sort_keys=True),
                "done": int(done),
            },
        )

    def document(self, document_id: int) -> Document:
        """One document with its text; NotFound if there is none."""
        cached = self._text_cache.get(document_id)
        columns = self._DOC_COLUMNS if cached is None else self._DOC_COLUMNS.replace("text", "NULL")
        rows = self._read(f"SELECT {columns} FROM documents WHERE id = ?", (document_id,))
        if not rows:
            raise NotFound(f"no document with id {document_id}")
        if cached is not None:  # a document's text never changes: not read (megabytes) again
            return self._document_from_row((*rows[0][:3], cached, *rows[0][4:]))
        document = self._document_from_row(rows[0])
        self._text_cache[document_id] = document.text
        return document

    def has_documents(self) -> bool:
        """Whether the project holds any document."""
        return bool(self._read("SELECT 1 FROM documents LIMIT 1"))

    def has_document(self, document_id: int) -> bool:
        """Whether a document with this id is stored."""
        return bool(self._read("SELECT 1 FROM documents WHERE id = ?", (document_id,)))

    def document_text(self, document_id: int) -> str:
        """The stored text of a document (cached: a document's text never changes)."""
        text = self._text_cache.get(document_id)
        if text is None:
            rows = self._read("SELECT text FROM documents WHERE id = ?", (document_id,))
            if not rows:
                raise NotFound(f"no document with id {document_id}")
            text = rows[0][0]
            self._text_cache[document_id] = text
        return text

    def unique_title(self, title: str) -> str:
        """``title`` if no document has it yet, else ``title (N)`` with the first free N from 2.

        A title is only a display name (documents are their text): two documents with one title are two
        documents, and each gets a name of its own so that people can tell them apart.
        """
        title = title if title.strip() else "untitled"
        prefix = f"{title} ("
        # The titles "<title> (…)" are one range of the title index (BINARY collation orders by UTF-8 bytes).
        rows = self._read(
            "SELECT title FROM documents WHERE title = ? OR (title >= ? AND title < ?)",
            (title, prefix, prefix + "\U0010ffff"),
        )
        taken = {r[0] for r in rows}
        if title not in taken:
            return title
        numbers = {int(t[len(prefix) : -1]) for t in taken if t.endswith(")") and t[len(prefix) : -1].isdigit()}
        n = 2
        while n in numbers:
            n += 1
        return f"{title} ({n})"

    def document_ids_with_title(self, title: str) -> list[int]:
        """Ids of the documents shown under ``title`` (by index)."""
        return [r[0] for r in self._read("SELECT id FROM documents WHERE title = ? ORDER BY id", (title,))]

    def document_id_by_sha256(self, sha256: str) -> int | None:
        """The id of the document whose text has this sha256 (its identity), if any; the text is not read."""
        rows = self._read("SELECT id FROM documents WHERE sha256 = ?", (sha256,))
        return int(rows[0][0]) if rows else None

    def document_ids_with_source(self, source_path: str) -> list[tuple[int, str]]:
        """(id, sha256) of the documents imported from ``source_path`` (by index), oldest first."""
        rows = self._read("SELECT id, sha256 FROM documents WHERE source_path = ? ORDER BY id", (source_path,))
        return [(int(r[0]), r[1]) for r in rows]

    def document_title(self, document_id: int) -> str:
        """The title of a document (without reading its text)."""
        rows = self._read("SELECT title FROM documents WHERE id = ?", (document_id,))
        if not rows:
            raise NotFound(f"no document with id {document_id}")
        return str(rows[0][0])

    def document_by_sha256(self, sha256: str) -> Document | None:
        """The document whose text has this sha256, if any."""
        rows = self._read(f"SELECT {self._DOC_COLUMNS} FROM documents WHERE sha256 = ?", (sha256,))
        return self._document_from_row(rows[0]) if rows else None

    _SUMMARY_SELECT = """
        SELECT d.id, d.title, d.sha256, d.done, d.added_at, d.source_path, d.language, length(d.text),
               (SELECT count(*) FROM annotations a WHERE a.document_id = d.id AND a.status = 'accepted')
        FROM documents d
        """

    @staticmethod
    def _summary_from_row(r: Any) -> DocumentSummary:
        return DocumentSummary(
            id=r[0],
            title=r[1],
            sha256=r[2],
            done=bool(r[3]),
            added_at=r[4],
            source_path=r[5],
            language=r[6],
            length=r[7],
            span_count=r[8],
        )

    def documents(self) -> list[DocumentSummary]:
        """Every document without its text, in id order, with its number of accepted spans."""
        return [self._summary_from_row(r) for r in self._read(self._SUMMARY_SELECT + " ORDER BY d.id")]

    def document_summary(self, document_id: int) -> DocumentSummary | None:
        """One document's summary (as ``documents`` lists it), or None if there is no such document."""
        rows = self._read(self._SUMMARY_SELECT + " WHERE d.id = ?", (document_id,))
        return self._summary_from_row(rows[0]) if rows else None

    def documents_with_words(self, words: Sequence[str]) -> list[int] | None:
        """Ids of the documents whose text has ``words`` one after the other (full-text index, accents and case
        ignored, punctuation between them allowed): the documents where a phrase of these words may occur.

        None when the index cannot tell (no words, or no full-text index): then any document may.
        """
        terms = [w for w in words if w]
        if not terms:
            return None
        if self._sql.server:
            from annotator.store.postgres.search import documents_with_words

            return documents_with_words(self._sql, terms)
        phrase = " ".join(terms).replace('"', " ")
        try:
            rows = self._db.conn.execute(
                "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid",
                (f'text : "{phrase}"',),
            ).fetchall()
        except sqlite3.Error:
            return None
        return [r[0] for r in rows]
    def document_metadata(self, document_id: int) -> dict[str, Any]:
        """A document's metadata without reading its text; NotFound if there is no such document."""
        rows = self._read("SELECT metadata FROM documents WHERE id = ?", (document_id,))
        if not rows:
            raise NotFound(f"no document with id {document_id}")
        metadata: dict[str, Any] = json.loads(rows[0][0] or "{}")
        return metadata

    def documents_metadata(self) -> dict[int, dict[str, Any]]:
        """Every document's metadata by id (texts are not read)."""
        return {r[0]: json.loads(r[1] or "{}") for r in self._read("SELECT id, metadata FROM documents ORDER BY id")}

    def document_headers(self, document_ids: Iterable[int] | None = None) -> dict[int, tuple[str, str, dict[str, Any]]]:
        """Title, sha256 and metadata of every document (or of those given), without reading their texts."""
        sql = "SELECT id, title, sha256, metadata FROM documents"
        params: list[Any] = []
        if document_ids is not None:
            ids = list(document_ids)
            sql += f" WHERE id IN ({', '.join('?' for _ in ids)})"
            params = ids
        result: dict[int, tuple[str, str, dict[str, Any]]] = {}
        for r in self._read(sql + " ORDER BY id", params):
            try:
                metadata = json.loads(r[3] or "{}")
            except ValueError:
                metadata = {}
            result[int(r[0])] = (r[1], r[2], metadata if isinstance(metadata, dict) else {})
        return result

    def document_ids(self) -> list[int]:
        """Ids of all documents, ascending."""
        return [r[0] for r in self._read("SELECT id FROM documents ORDER BY id")]

    def record_document_source(
        self, document_id: int, path: str, sha256: str, size: int, mtime: str, machine: str
    ) -> None:
        """Store (or replace) the fingerprint of a document's source file, as read on ``machine``."""
        with self.transaction():
            values = (document_id, path, sha256, size, mtime, utc_now(), machine)
            self._sql.replace("document_sources", self._source_row(values), ("document_id",))

    def document_source(self, document_id: int) -> tuple[str, str, int, str, str | None] | None:
        """(path, sha256, size, mtime, machine) of a document's recorded source file, or None."""
        rows = self._read(
            "SELECT path, sha256, size, mtime, machine FROM document_sources WHERE document_id = ?", (document_id,)
        )
        return (rows[0][0], rows[0][1], rows[0][2], rows[0][3], rows[0][4]) if rows else None

    def document_source_row(self, document_id: int) -> tuple[Any, ...] | None:
        """The recorded source of a document as stored: (document_id, path, sha256, size, mtime, recorded,
        machine), or None; what ``write_document_source_row`` writes back (a copy of the project)."""
        rows = self._read(f"SELECT {self._SOURCE_COLUMNS} FROM document_sources WHERE document_id = ?", [document_id])
        return tuple(rows[0]) if rows else None

    def write_document_source_row(self, row: Sequence[Any]) -> None:
        """Store a row of ``document_source_row`` as it is, inside the caller's transaction."""
        self._sql.replace("document_sources", self._source_row(row), ("document_id",))

    def update_document(
        self,
        document_id: int,
        *,
        title: str | None = None,
        done: bool | None = None,
        metadata: dict[str, Any] | None = None,
        language: str | None = None,
    ) -> Document:
        """Rename a document, mark it done, or replace its metadata (its text never changes)."""
        self.document(document_id)
        changes: dict[str, Any] = {}
        if title is not None:
            if not title.strip():
                raise ValidationError("a document title cannot be empty")
            changes["title"] = title
        if done is not None:
            changes["done"] = int(done)
        if metadata is not None:
            changes["metadata"] = json.dumps(metadata, ensure_ascii=False, sort_keys=True)
        if language is not None:
            changes["language"] = language
        if changes:
            with self.transaction():
                self._sql.update("documents", "id", document_id, changes)
            self._emit(Change(ChangeKind.DOCUMENTS_CHANGED, document_id))
        return self.document(document_id)

    _SOURCE_COLUMNS = "document_id, path, sha256, size, mtime, recorded, machine"

    def _source_row(self, values: Sequence[Any]) -> dict[str, Any]:
        return dict(zip([c.strip() for c in self._SOURCE_COLUMNS.split(",")], values, strict=True))

    def delete_document(self, document_id: int) -> DeletedDocument:
        """Delete a document with its spans, links and attributes; returns what is needed to restore it."""
        document = self.document(document_id)
        spans = tuple(self._deleted_span_record(s) for s in self.spans(document_id, statuses=None))
        sources = self._read(
            f"SELECT {self._SOURCE_COLUMNS} FROM document_sources WHERE document_id = ?", [document_id]
        )
        with self.transaction():
            self._sql.execute("DELETE FROM documents WHERE id = ?", [document_id])
        self._text_cache.pop(document_id, None)
        self._emit(Change(ChangeKind.DOCUMENTS_CHANGED, document_id))
        return DeletedDocument(document, spans, tuple(sources[0]) if sources else None)

    def restore_document(self, deleted: DeletedDocument) -> Document:
        """Undo ``delete_document``: the document comes back with the same id, spans, links and attributes."""
        doc = deleted.document
        with self.transaction():
            restored, created = self._add_document(
                doc.title,
                doc.text,
                doc.source_path,
                doc.language,
                doc.metadata,
                doc.id,
                doc.added_at,
                doc.done,
                unique_title=False,  # undoing a deletion gives the document back as it was
            )
            if not created:
                raise ValidationError(f"document {doc.title!r} is already in the project (id {restored.id})")
            for record in deleted.spans:
                self.insert_span_row(record.span)
            for record in deleted.spans:
                self._restore_span_extras(record)
            if deleted.source is not None:  # the source file stays tracked as it was
                self._sql.replace("document_sources", self._source_row(deleted.source), ("document_id",))
        self._emit(Change(ChangeKind.DOCUMENTS_CHANGED, restored.id))
        return restored
