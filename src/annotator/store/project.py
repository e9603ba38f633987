"""The project file: one SQLite database, opened through sqlite-utils.

Every public write runs in one transaction and is committed (``synchronous=FULL``, WAL) before
the call returns, so an acknowledged edit survives an app crash and a power cut. Listeners are
told about each change after it is committed; the Qt layer turns that into signals.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from annotator.core.model import Document as Document
from annotator.core.model import (
    Entity,
    Label,
    Link,
    LinkType,
    Span,
    ValidationError,
    check_color,
    check_label_name,
    check_offsets,
    new_span_id,
    text_sha256,
    utc_now,
)
from annotator.core.schema import Schema, load_schema
from annotator.store import migrations
from annotator.store.errors import (
    DatabaseBusy,
    EnvironmentFault,
    LinkNotFound,
    MissingFolder,
    NewerSchema,
    NotADatabase,
    NotFound,
    ProjectFileGone,
    ReadOnlyDatabase,
    SpanNotFound,
    StoreError,
    translate_sqlite_error,
)

SQLITE_HEADER = b"SQLite format 3\x00"
JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")  # files SQLite keeps beside a database
SPAN_COLUMNS = (
    'id, document_id, start, "end", label, text, annotator, note, status, source, review, reviewer, '
    "review_comment, entity_id, created, updated"
)


def _span_values(span: Span) -> list[Any]:
    """A span's values in ``SPAN_COLUMNS`` order."""
    return [
        span.id,
        span.document_id,
        span.start,
        span.end,
        span.label,
        span.text,
        span.annotator,
        span.note,
        span.status,
        span.source,
        span.review,
        span.reviewer,
        span.review_comment,
        span.entity_id,
        span.created,
        span.updated,
    ]


@dataclass(frozen=True, slots=True)
class Change:
    """A committed change, as told to listeners.

    ``kind`` is one of: spans_added, spans_updated, spans_deleted, documents_changed, labels_changed,
    links_changed, entities_changed, external (another process changed the file), reset (bulk import).
    """

    kind: str
    document_id: int | None = None
    ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A document without its text, for lists of thousands."""

    id: int
    title: str
    sha256: str
    span_count: int
    done: bool
    added_at: str
    source_path: str | None
    language: str | None
    length: int


@dataclass(frozen=True, slots=True)
class DeletedSpan:
    """What deleting a span removed, enough to restore it exactly (undo)."""

    span: Span
    links: tuple[Link, ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class DeletedDocument:
    """What deleting a document removed, enough to restore it exactly (undo)."""

    document: Document
    spans: tuple[DeletedSpan, ...] = ()


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A full-text search result: the document and a snippet of context around the match."""

    document_id: int
    title: str
    snippet: str
    rank: float


@dataclass(slots=True)
class _Listeners:
    callbacks: list[Callable[[Change], None]] = field(default_factory=list)


def default_annotator() -> str:
    """The annotator name to use when none is given: ANNOTATOR_NAME, else the login name."""
    name = os.environ.get("ANNOTATOR_NAME")
    if name:
        return name
    try:
        import getpass

        return getpass.getuser() or "annotator"
    except (OSError, KeyError, ImportError):
        return "annotator"


def _has_foreign_header(path: Path) -> bool:
    """Whether ``path`` starts with something other than SQLite's header (only to word an error)."""
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError:
        return False
    return bool(header) and header != SQLITE_HEADER


def path_and_mode(path: str | os.PathLike[str], read_only: bool = False) -> tuple[str, bool]:
    """A plain path, or an SQLite ``file:`` URI (``file:/p/x.db?mode=ro`` opens read-only)."""
    text = os.fspath(path)
    if not text.startswith("file:"):
        return text, read_only
    parts = urllib.parse.urlsplit(text)
    mode = urllib.parse.parse_qs(parts.query).get("mode", [""])[-1]
    return urllib.parse.unquote(parts.path), read_only or mode == "ro"


class Project:
    """An annotator project file: documents, labels, spans, links, attributes and entities."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        create_folders: bool = False,
        read_only: bool = False,
        timeout: float = 5.0,
        schema: Schema | None = None,
    ) -> None:
        path, read_only = path_and_mode(path, read_only)
        self.path = Path(path).absolute()  # the same file after a change of working folder
        self.read_only = read_only
        self.timeout = timeout
        self.migration_backup: Path | None = None
        self._listeners = _Listeners()
        self._text_cache: dict[int, str] = {}
        self._label_cache: dict[str, Label] | None = None
        self._data_version: int | None = None
        self.db = self._connect(create=create, create_folders=create_folders)
        self._identity = self._file_identity()  # the file this connection has open
        try:
            self._prepare(schema)
        except BaseException:
            self.db.close()
            raise
        self._data_version = self.data_version()

    # -- opening -------------------------------------------------------------------------

    def _connect(self, *, create: bool, create_folders: bool = False) -> sqlite_utils.Database:
        path = self.path
        exists = path.exists()
        if exists and path.is_dir():
            raise NotADatabase(f"{path} is a folder, not an annotator project")
        if not exists and not create:
            raise EnvironmentFault(f"{path} does not exist")
        if not exists and not path.parent.is_dir() and not create_folders:
            if path.parent.exists():
                raise MissingFolder(f"{path.parent} is not a folder; nothing was created")
            raise MissingFolder(f"the folder {path.parent} does not exist; nothing was created")
        if not exists:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise EnvironmentFault(f"cannot create the folder of {path}: {exc.strerror}") from None
        uri = f"{path.resolve().as_uri()}?mode={'ro' if self.read_only else 'rwc'}"
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=self.timeout, check_same_thread=False)
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc, str(path)) or EnvironmentFault(f"{path}: {exc}") from None
        db = sqlite_utils.Database(conn, execute_plugins=False)
        self._new_file = not exists
        try:
            # Asking SQLite, not reading the file: closing any descriptor of the file would drop every POSIX
            # lock this process holds on it, those of the project's other open connections included.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as exc:
            conn.close()
            if _has_foreign_header(path):  # safe now: SQLite refused the file, nobody here has it open
                raise NotADatabase(f"{path} is not an annotator project (not an SQLite database)") from None
            raise translate_sqlite_error(exc, str(path)) or EnvironmentFault(f"{path}: {exc}") from None
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.Error as exc:
            conn.close()
            raise translate_sqlite_error(exc, str(path)) or EnvironmentFault(f"{path}: {exc}") from None
        return db

    def _enable_wal(self) -> None:
        # Only once the file is known to be ours: switching to WAL rewrites the file's header, and a
        # file we refuse (another program's, a newer version's) must be left byte for byte as it was.
        conn = self.db.conn
        try:
            with self.db.ensure_autocommit_on():
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.Error as exc:
            error = translate_sqlite_error(exc, str(self.path))
            if isinstance(error, ReadOnlyDatabase):
                # A read-only file still opens, for reading.
                conn.close()
                self.read_only = True
                self.db = self._connect_read_only()
                return
            raise error or EnvironmentFault(f"{self.path}: {exc}") from None
        if mode.lower() != "wal" and self._new_file:
            raise EnvironmentFault(f"{self.path}: the file system does not support SQLite's WAL journal")

    def _check_writable(self, version: int) -> None:
        # A file in WAL mode switches without writing, so a connection that may not write (opened with
        # mode=ro by someone, a read-only medium) is found only by trying: a write rolled back at once.
        conn = self.db.conn
        conn.execute("PRAGMA busy_timeout = 0")  # another writer at work answers at once: the file is writable
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute(f"PRAGMA user_version = {int(version)}")
            finally:
                conn.execute("ROLLBACK")
        except sqlite3.Error as exc:
            error = translate_sqlite_error(exc, str(self.path))
            if isinstance(error, ReadOnlyDatabase):
                self.read_only = True
            elif not isinstance(error, DatabaseBusy):
                raise error or EnvironmentFault(f"{self.path}: {exc}") from None
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")

    def _connect_read_only(self) -> sqlite_utils.Database:
        uri = f"{self.path.resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=self.timeout, check_same_thread=False)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
        return sqlite_utils.Database(conn, execute_plugins=False)

    def _prepare(self, schema: Schema | None) -> None:
        conn = self.db.conn
        try:
            version = migrations.schema_version(conn)
            if version > migrations.SCHEMA_VERSION:
                raise NewerSchema(
                    f"{self.path} was written by a newer version of annotator (schema {version}, this app "
                    f"reads up to {migrations.SCHEMA_VERSION}); it was left untouched"
                )
            if version == 0:
                tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
                if tables:
                    raise NotADatabase(
                        f"{self.path} is an SQLite database of another program, not an annotator project"
                    )
            if not self.read_only:
                self._enable_wal()
            if not self.read_only:
                self._check_writable(version)
            if version < migrations.SCHEMA_VERSION:
                if self.read_only:
                    raise ReadOnlyDatabase(f"{self.path} needs an upgrade but is read-only")
                self.migration_backup = migrations.migrate(self.db, self.path)
                if version == 0:
                    self._seed_schema(schema or load_schema())
            if not self.read_only:
                migrations.mark_application_id(conn, int(self.timeout * 1000))
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc, str(self.path)) or EnvironmentFault(f"{self.path}: {exc}") from None

    def _seed_schema(self, schema: Schema) -> None:
        with self.transaction():
            for label in schema.labels:
                self._insert_label(label)
            self._write_link_types(schema.link_types)
        self._label_cache = None

    def close(self) -> None:
        """Close the file. The project cannot be used afterwards."""
        self.db.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions, listeners, external changes ---------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """One write transaction (nested calls join the outer one); committed durably on exit."""
        conn = self.db.conn
        if self.read_only:
            raise ReadOnlyDatabase(f"{self.path} is open read-only: changes cannot be saved there")
        try:
            if conn.in_transaction:
                with self.db.atomic():
                    yield self.db
                return
            self.check_file()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.IntegrityError as exc:
            raise ValidationError(f"refused by the project's integrity rules: {exc}") from None
        except sqlite3.Error as exc:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            error = translate_sqlite_error(exc, str(self.path))
            if error is None:
                raise
            raise error from None

    def _read(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        try:
            cursor = self.db.conn.execute(sql, params)
            return cursor.fetchall()
        except sqlite3.Error as exc:
            error = translate_sqlite_error(exc, str(self.path))
            if error is None:
                raise
            raise error from None

    def add_listener(self, callback: Callable[[Change], None]) -> None:
        """Call ``callback(change)`` after every committed change."""
        self._listeners.callbacks.append(callback)

    def remove_listener(self, callback: Callable[[Change], None]) -> None:
        """Stop calling ``callback``."""
        with contextlib.suppress(ValueError):
            self._listeners.callbacks.remove(callback)

    def _emit(self, change: Change) -> None:
        # ``_data_version`` is left alone: it is the value the last poll saw. Our own commits never move
        # ``PRAGMA data_version``, so reading it here would only swallow another process's commit made
        # since that poll, which the next poll must report.
        for callback in list(self._listeners.callbacks):
            callback(change)

    def notify(self, change: Change) -> None:
        """Tell listeners about a change written through ``project.db`` directly (bulk imports)."""
        self._emit(change)

    def invalidate_caches(self) -> None:
        """Forget cached labels, after labels were written through ``project.db`` directly or rolled back."""
        self._label_cache = None

    @staticmethod
    def span_from_row(row: sqlite3.Row | tuple) -> Span:
        """A Span from a row of the annotations table selected with ``SPAN_COLUMNS``."""
        return Project._span_from_row(row)

    def _file_identity(self) -> tuple[int, int] | None:
        try:
            st = self.path.stat()  # a stat, never an open(): see _connect
        except FileNotFoundError:
            return None
        return st.st_dev, st.st_ino

    def is_project_file(self, path: str | os.PathLike[str]) -> bool:
        """Whether ``path`` is this project's database or one of its journal files, by identity (links,
        hard links and other spellings of the name included), read with a stat, never an open()."""
        main = self.path
        for candidate in (main, *(main.with_name(main.name + end) for end in JOURNAL_SUFFIXES)):
            try:
                if os.path.samefile(path, candidate):
                    return True
            except OSError:
                continue
        return False

    def check_file(self) -> None:
        """Raise ProjectFileGone if the file at the project's path is no longer the one open.

        Writes made then would go to a file nobody can open again (deleted) or not to the file the path
        names (replaced); the open connection still reads everything, so a copy can be saved.
        """
        identity = self._file_identity()
        if identity == self._identity:
            return
        what = "moved or deleted" if identity is None else "replaced by another file"
        raise ProjectFileGone(
            f"{self.path} was {what} while it was open: nothing more is written there; "
            "save a copy of the project elsewhere"
        )

    def data_version(self) -> int:
        """SQLite's ``PRAGMA data_version``: changes when another connection commits."""
        return int(self._read("PRAGMA data_version")[0][0])

    def check_external_changes(self) -> bool:
        """Whether another connection committed since the last call; if so, drop caches and notify.

        Edits made through this connection in between do not hide it: SQLite moves ``data_version``
        only for other connections' commits, and only this method records the value it saw.

        Raises ProjectFileGone when the file itself was moved, deleted or replaced.
        """
        self.check_file()
        version = self.data_version()
        if version == self._data_version:
            return False
        self._data_version = version
        self._label_cache = None
        self._text_cache.clear()  # a document deleted elsewhere must read as gone, not from the cache
        for callback in list(self._listeners.callbacks):
            callback(Change("external"))
        return True

    # -- settings ------------------------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        """A project-wide setting stored in the file."""
        rows = self._read("SELECT value FROM settings WHERE key = ?", (key,))
        return rows[0][0] if rows else default

    def set_setting(self, key: str, value: str) -> None:
        """Store a project-wide setting."""
        with self.transaction():
            self.db["settings"].upsert({"key": key, "value": value}, pk="key")

    # -- labels --------------------------------------------------------------------------

    def _labels(self) -> dict[str, Label]:
        if self._label_cache is None:
            rows = self._read(
                "SELECT name, color, hotkey, guideline, retired, position, attributes FROM labels "
                "ORDER BY position, name"
            )
            self._label_cache = {
                r[0]: Label(
                    name=r[0],
                    color=r[1],
                    hotkey=r[2],
                    guideline=r[3],
                    retired=bool(r[4]),
                    position=r[5],
                    attributes={k: tuple(v) for k, v in json.loads(r[6] or "{}").items()},
                )
                for r in rows
            }
        return self._label_cache

    def labels(self, include_retired: bool = True) -> list[Label]:
        """The project's labels in display order."""
        return [lab for lab in self._labels().values() if include_retired or not lab.retired]

    def label(self, name: str) -> Label:
        """One label by name; NotFound if there is none."""
        try:
            return self._labels()[name]
        except KeyError:
            raise NotFound(f"unknown label {name!r}") from None

    def _insert_label(self, label: Label) -> None:
        self.db["labels"].insert(
            {
                "name": label.name,
                "color": label.color,
                "hotkey": label.hotkey,
                "guideline": label.guideline,
                "retired": int(label.retired),
                "position": label.position,
                "attributes": json.dumps({k: list(v) for k, v in label.attributes.items()}, ensure_ascii=False),
            }
        )

    def _check_hotkey_free(self, hotkey: str | None, owner: str | None) -> None:
        if not hotkey:
            return
        for other in self._labels().values():
            if other.hotkey == hotkey and other.name != owner and not other.retired:
                raise ValidationError(f"hotkey {hotkey!r} is already used by label {other.name!r}")

    def add_label(
        self,
        name: str,
        color: str | None = None,
        hotkey: str | None = None,
        guideline: str = "",
        attributes: dict[str, Sequence[str]] | None = None,
    ) -> Label:
        """Add a label to the schema. Without a colour, one of a colour-blind-safe palette is picked."""
        check_label_name(name)
        existing = self._labels()
        if name in existing:
            raise ValidationError(f"label {name!r} already exists")
        self._check_hotkey_free(hotkey, None)
        if color is None:
            used = {lab.color for lab in existing.values()}
            color = next((c for c in EXTRA_COLORS if c not in used), EXTRA_COLORS[len(existing) % len(EXTRA_COLORS)])
        position = max((lab.position for lab in existing.values()), default=-1) + 1
        label = Label(
            name=name,
            color=check_color(color),
            hotkey=hotkey or None,
            guideline=guideline,
            position=position,
            attributes={k: tuple(v) for k, v in (attributes or {}).items()},
        )
        with self.transaction():
            self._insert_label(label)
        self._label_cache = None
        self._emit(Change("labels_changed"))
        return label

    def edit_label(
        self,
        name: str,
        *,
        new_name: str | None = None,
        color: str | None = None,
        hotkey: str | None = None,
        guideline: str | None = None,
        attributes: dict[str, Sequence[str]] | None = None,
    ) -> Label:
        """Rename, recolour, re-key or re-describe a label; its spans follow a rename."""
        label = self.label(name)
        changes: dict[str, Any] = {}
        if new_name is not None and new_name != name:
            check_label_name(new_name)
            if new_name in self._labels():
                raise ValidationError(f"label {new_name!r} already exists")
            changes["name"] = new_name
        if color is not None:
            changes["color"] = check_color(color)
        if hotkey is not None:
            self._check_hotkey_free(hotkey or None, name)
            if hotkey and len(hotkey) != 1:
                raise ValidationError(f"hotkey must be one character, got {hotkey!r}")
            changes["hotkey"] = hotkey or None
        if guideline is not None:
            changes["guideline"] = guideline
        if attributes is not None:
            changes["attributes"] = json.dumps({k: list(v) for k, v in attributes.items()}, ensure_ascii=False)
        if not changes:
            return label
        with self.transaction():
            self.db["labels"].update(name, changes)
        self._label_cache = None
        self._emit(Change("labels_changed"))
        return self.label(changes.get("name", name))

    def retire_label(self, name: str, retired: bool = True) -> Label:
        """Retire a label (no new spans; existing spans stay), or bring it back."""
        self.label(name)
        with self.transaction():
            self.db["labels"].update(name, {"retired": int(retired)})
        self._label_cache = None
        self._emit(Change("labels_changed"))
        return self.label(name)

    def link_types(self) -> list[LinkType]:
        """The link roles the schema allows, grouped per (role, from label)."""
        grouped: dict[tuple[str, str], list[str]] = {}
        for role, from_label, to_label in self._read(
            "SELECT role, from_label, to_label FROM link_types ORDER BY rowid"
        ):
            grouped.setdefault((role, from_label), []).append(to_label)
        return [LinkType(role, frm, tuple(tos)) for (role, frm), tos in grouped.items()]

    def _write_link_types(self, link_types: Iterable[LinkType]) -> None:
        self.db.execute("DELETE FROM link_types")
        for lt in link_types:
            for to_label in lt.to_labels:
                self.db["link_types"].insert({"role": lt.role, "from_label": lt.from_label, "to_label": to_label})

    def set_link_types(self, link_types: Iterable[LinkType]) -> None:
        """Replace the link schema."""
        link_types = list(link_types)
        names = set(self._labels())
        for lt in link_types:
            unknown = {lt.from_label, *lt.to_labels} - names
            if unknown:
                raise ValidationError(f"link role {lt.role!r} names unknown labels: {', '.join(sorted(unknown))}")
        with self.transaction():
            self._write_link_types(link_types)
        self._emit(Change("labels_changed"))

    # -- documents -----------------------------------------------------------------------

    @staticmethod
    def _document_from_row(r: sqlite3.Row | tuple) -> Document:
        return Document(
            id=r[0],
            title=r[1],
            source_path=r[2],
            text=r[3],
            sha256=r[4],
            language=r[5],
            added_at=r[6],
            metadata=json.loads(r[7] or "{}"),
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
            self._emit(Change("documents_changed", document.id))
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
    ) -> tuple[Document, bool]:
        sha = text_sha256(text)
        existing = self.document_by_sha256(sha)
        if existing is not None:
            return existing, False
        row = {
            "title": title or "untitled",
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
        new_id = self.db["documents"].insert(row).last_pk
        self._text_cache[int(new_id)] = text
        return self.document(int(new_id)), True

    def document(self, document_id: int) -> Document:
        """One document with its text; NotFound if there is none."""
        rows = self._read(f"SELECT {self._DOC_COLUMNS} FROM documents WHERE id = ?", (document_id,))
        if not rows:
            raise NotFound(f"no document with id {document_id}")
        document = self._document_from_row(rows[0])
        self._text_cache[document_id] = document.text
        return document

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

    def document_by_sha256(self, sha256: str) -> Document | None:
        """The document whose text has this sha256, if any."""
        rows = self._read(f"SELECT {self._DOC_COLUMNS} FROM documents WHERE sha256 = ?", (sha256,))
        return self._document_from_row(rows[0]) if rows else None

    def documents(self) -> list[DocumentSummary]:
        """Every document without its text, in id order, with its number of accepted spans."""
        rows = self._read(
            """
            SELECT d.id, d.title, d.sha256, d.done, d.added_at, d.source_path, d.language, length(d.text),
                   (SELECT count(*) FROM annotations a WHERE a.document_id = d.id AND a.status = 'accepted')
            FROM documents d ORDER BY d.id
            """
        )
        return [
            DocumentSummary(
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
            for r in rows
        ]

    def document_ids(self) -> list[int]:
        """Ids of all documents, ascending."""
        return [r[0] for r in self._read("SELECT id FROM documents ORDER BY id")]

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
                self.db["documents"].update(document_id, changes)
            self._emit(Change("documents_changed", document_id))
        return self.document(document_id)

    def delete_document(self, document_id: int) -> DeletedDocument:
        """Delete a document with its spans, links and attributes; returns what is needed to restore it."""
        document = self.document(document_id)
        spans = tuple(self._deleted_span_record(s) for s in self.spans(document_id, statuses=None))
        with self.transaction():
            self.db.execute("DELETE FROM documents WHERE id = ?", [document_id])
        self._text_cache.pop(document_id, None)
        self._emit(Change("documents_changed", document_id))
        return DeletedDocument(document, spans)

    def restore_document(self, deleted: DeletedDocument) -> Document:
        """Undo ``delete_document``: the document comes back with the same id, spans, links and attributes."""
        doc = deleted.document
        with self.transaction():
            restored, created = self._add_document(
                doc.title, doc.text, doc.source_path, doc.language, doc.metadata, doc.id, doc.added_at, doc.done
            )
            if not created:
                raise ValidationError(f"document {doc.title!r} is already in the project (id {restored.id})")
            for record in deleted.spans:
                self.insert_span_row(record.span)
            for record in deleted.spans:
                self._restore_span_extras(record)
        self._emit(Change("documents_changed", restored.id))
        return restored

    # -- spans ---------------------------------------------------------------------------

    @staticmethod
    def _span_from_row(r: sqlite3.Row | tuple) -> Span:
        return Span(
            id=r[0],
            document_id=r[1],
            start=r[2],
            end=r[3],
            label=r[4],
            text=r[5],
            annotator=r[6],
            note=r[7],
            status=r[8],
            source=r[9],
            review=r[10],
            reviewer=r[11],
            review_comment=r[12],
            entity_id=r[13],
            created=r[14],
            updated=r[15],
        )

    def make_span(
        self,
        document_id: int,
        start: int,
        end: int,
        label: str,
        *,
        annotator: str,
        note: str = "",
        status: str = "accepted",
        source: str = "manual",
        span_id: str | None = None,
        created: str | None = None,
        updated: str | None = None,
        review: str = "unreviewed",
        reviewer: str | None = None,
        review_comment: str | None = None,
        entity_id: int | None = None,
        expected_text: str | None = None,
        allow_retired: bool = False,
    ) -> Span:
        """Build a validated span of a stored document (not stored yet)."""
        text = self.document_text(document_id)
        check_offsets(text, start, end)
        covered = text[start:end]
        if expected_text is not None and expected_text != covered:
            raise ValidationError(
                f"span {start}–{end} covers {covered!r} in document {document_id}, not {expected_text!r}"
            )
        known = self._labels()
        if label not in known:
            raise ValidationError(f"unknown label {label!r}: known labels are {', '.join(known)}")
        if known[label].retired and not allow_retired:
            raise ValidationError(f"label {label!r} is retired: no new spans can use it")
        now = utc_now()
        return Span(
            id=span_id or new_span_id(),
            document_id=document_id,
            start=start,
            end=end,
            label=label,
            text=covered,
            annotator=annotator,
            note=note or "",
            status=status,
            source=source,
            review=review,
            reviewer=reviewer,
            review_comment=review_comment,
            entity_id=entity_id,
            created=created or now,
            updated=updated or created or now,
        )

    def insert_span_row(self, span: Span) -> None:
        """Write a validated span as a new row, inside the caller's ``transaction()`` (bulk imports, undo).

        No listener is told: the caller notifies once for the whole batch.
        """
        self.db.execute(
            f"INSERT INTO annotations ({SPAN_COLUMNS}) VALUES ({', '.join('?' * len(SPAN_COLUMNS.split(',')))})",
            _span_values(span),
        )

    def overwrite_span_row(self, span: Span) -> None:
        """Replace every column of the stored span with ``span``'s values, inside the caller's ``transaction()``.

        SpanNotFound (rolling the transaction back) if the span is not stored: deleted meanwhile elsewhere.
        """
        columns = [c.strip() for c in SPAN_COLUMNS.split(",")][1:]
        cursor = self.db.execute(
            f"UPDATE annotations SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
            [*_span_values(span)[1:], span.id],
        )
        if cursor.rowcount == 0:
            raise SpanNotFound(f"no span with id {span.id}")

    def add_span(self, document_id: int, start: int, end: int, label: str, **fields: Any) -> Span:
        """Validate and store one span; durable when this returns. See ``make_span`` for the fields."""
        if not fields.get("annotator"):
            fields["annotator"] = default_annotator()
        span = self.make_span(document_id, start, end, label, **fields)
        with self.transaction():
            self.insert_span_row(span)
        self._emit(Change("spans_added", document_id, (span.id,)))
        return span

    def add_spans(self, spans: Iterable[Span]) -> list[Span]:
        """Store many ready-made spans in one transaction, each checked against its document's text."""
        stored = []
        with self.transaction():
            for span in spans:
                checked = self.make_span(
                    span.document_id,
                    span.start,
                    span.end,
                    span.label,
                    annotator=span.annotator,
                    note=span.note,
                    status=span.status,
                    source=span.source,
                    span_id=span.id,
                    created=span.created or None,
                    updated=span.updated or None,
                    review=span.review,
                    reviewer=span.reviewer,
                    review_comment=span.review_comment,
                    entity_id=span.entity_id,
                    expected_text=span.text,
                    allow_retired=True,
                )
                self.insert_span_row(checked)
                stored.append(checked)
        if stored:
            self._emit(
                Change(
                    "spans_added",
                    stored[0].document_id if len({s.document_id for s in stored}) == 1 else None,
                    tuple(s.id for s in stored),
                )
            )
        return stored

    def span(self, span_id: str) -> Span:
        """One span by id; NotFound if there is none."""
        rows = self._read(f"SELECT {SPAN_COLUMNS} FROM annotations WHERE id = ?", (span_id,))
        if not rows:
            raise SpanNotFound(f"no span with id {span_id}")
        return self._span_from_row(rows[0])

    def has_span(self, span_id: str) -> bool:
        """Whether a span with this id is stored."""
        return bool(self._read("SELECT 1 FROM annotations WHERE id = ?", (span_id,)))

    def spans(
        self,
        document_id: int | None = None,
        *,
        labels: Iterable[str] | None = None,
        annotators: Iterable[str] | None = None,
        statuses: Iterable[str] | None = ("suggested", "accepted", "rejected"),
        documents: Iterable[int] | None = None,
        reviews: Iterable[str] | None = None,
    ) -> list[Span]:
        """Spans in (document, start, end, label, id) order, filtered by any of the arguments.

        ``statuses=None`` or the default mean every status.
        """
        where: list[str] = []
        params: list[Any] = []

        def restrict(column: str, values: Iterable[Any] | None) -> None:
            if values is None:
                return
            values = list(values)
            where.append(f"{column} IN ({', '.join('?' for _ in values)})" if values else "0")
            params.extend(values)

        if document_id is not None:
            where.append("document_id = ?")
            params.append(document_id)
        restrict("document_id", documents)
        restrict("label", labels)
        restrict("annotator", annotators)
        if statuses is not None and set(statuses) != {"suggested", "accepted", "rejected"}:
            restrict("status", statuses)
        restrict("review", reviews)
        sql = f"SELECT {SPAN_COLUMNS} FROM annotations"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += ' ORDER BY document_id, start, "end", label, id'
        return [self._span_from_row(r) for r in self._read(sql, params)]

    def annotators(self, status: str | None = None) -> list[str]:
        """Names of everyone who has spans in the project (spans with ``status``, if given), sorted."""
        if status is None:
            return [r[0] for r in self._read("SELECT DISTINCT annotator FROM annotations ORDER BY annotator")]
        rows = self._read("SELECT DISTINCT annotator FROM annotations WHERE status = ? ORDER BY annotator", (status,))
        return [r[0] for r in rows]

    def update_span(self, span_id: str, **changes: Any) -> tuple[Span, Span]:
        """Change a span's label, offsets, note, status, review fields or entity; returns (before, after).

        New offsets are checked against the text and the covered text is recomputed.
        """
        allowed = {
            "label",
            "start",
            "end",
            "note",
            "status",
            "source",
            "review",
            "reviewer",
            "review_comment",
            "entity_id",
            "annotator",
            "updated",
        }
        unknown = set(changes) - allowed
        if unknown:
            raise ValidationError(f"cannot change {', '.join(sorted(unknown))} of a span")
        before = self.span(span_id)
        start = changes.get("start", before.start)
        end = changes.get("end", before.end)
        text = self.document_text(before.document_id)
        check_offsets(text, start, end)
        if "label" in changes and changes["label"] != before.label:
            label = self._labels().get(changes["label"])
            if label is None:
                raise ValidationError(f"unknown label {changes['label']!r}")
            if label.retired:
                raise ValidationError(f"label {label.name!r} is retired: no new spans can use it")
        after = before.with_changes(text=text[start:end], updated=changes.pop("updated", None) or utc_now(), **changes)
        with self.transaction():
            self.overwrite_span_row(after)
        self._emit(Change("spans_updated", after.document_id, (span_id,)))
        return before, after

    def restore_span_state(self, span: Span) -> Span:
        """Put a stored span back exactly as ``span`` (undo of an update)."""
        with self.transaction():
            self.overwrite_span_row(span)
        self._emit(Change("spans_updated", span.document_id, (span.id,)))
        return span

    def _deleted_span_record(self, span: Span) -> DeletedSpan:
        return DeletedSpan(
            span=span,
            links=tuple(self.links(span_ids=[span.id])),
            attributes=tuple(sorted(self.attributes(span.id).items())),
        )

    def delete_span(self, span_id: str) -> DeletedSpan:
        """Delete a span with its links and attributes (in one step); returns what undo needs."""
        return self.delete_spans([span_id])[0]

    def delete_spans(self, span_ids: Iterable[str]) -> list[DeletedSpan]:
        """Delete several spans in one transaction."""
        records = [self._deleted_span_record(self.span(sid)) for sid in span_ids]
        with self.transaction():
            for record in records:
                self.db.execute("DELETE FROM annotations WHERE id = ?", [record.span.id])
        docs = {r.span.document_id for r in records}
        if records:
            self._emit(
                Change("spans_deleted", docs.pop() if len(docs) == 1 else None, tuple(r.span.id for r in records))
            )
        return records

    def restore_span(self, deleted: DeletedSpan) -> Span:
        """Undo ``delete_span``: the span, its links and attributes come back with the same ids."""
        return self.restore_spans([deleted])[0]

    def restore_spans(self, records: Sequence[DeletedSpan]) -> list[Span]:
        """Undo ``delete_spans``."""
        with self.transaction():
            for record in records:
                self.insert_span_row(record.span)
            for record in records:
                self._restore_span_extras(record)
        docs = {r.span.document_id for r in records}
        if records:
            self._emit(Change("spans_added", docs.pop() if len(docs) == 1 else None, tuple(r.span.id for r in records)))
        return [r.span for r in records]

    def _restore_span_extras(self, record: DeletedSpan) -> None:
        for name, value in record.attributes:
            self.db["attributes"].upsert(
                {"span_id": record.span.id, "name": name, "value": value}, pk=("span_id", "name")
            )
        for link in record.links:
            if (
                not self._read("SELECT 1 FROM links WHERE id = ?", (link.id,))
                and self.has_span(link.from_span)
                and self.has_span(link.to_span)
            ):
                self._insert_link(link)

    # -- links ---------------------------------------------------------------------------

    @staticmethod
    def _link_from_row(r: sqlite3.Row | tuple) -> Link:
        return Link(id=r[0], from_span=r[1], to_span=r[2], role=r[3], annotator=r[4], created=r[5], updated=r[6])

    def _insert_link(self, link: Link) -> None:
        self.db.execute(
            "INSERT INTO links (id, from_span, to_span, role, annotator, created, updated) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [link.id, link.from_span, link.to_span, link.role, link.annotator, link.created, link.updated],
        )

    def check_link(self, from_span: str, to_span: str, role: str) -> None:
        """Raise unless the schema allows ``role`` from the first span's label to the second's."""
        source, target = self.span(from_span), self.span(to_span)
        if source.document_id != target.document_id:
            raise ValidationError("a link joins two spans of the same document")
        types = [lt for lt in self.link_types() if lt.role == role]
        if not types:
            raise ValidationError(f"unknown link role {role!r}")
        if not any(lt.from_label == source.label and target.label in lt.to_labels for lt in types):
            allowed = "; ".join(f"{lt.from_label} → {'/'.join(lt.to_labels)}" for lt in types)
            raise ValidationError(f"role {role!r} cannot link {source.label} → {target.label} (allowed: {allowed})")

    def add_link(
        self,
        from_span: str,
        to_span: str,
        role: str,
        *,
        annotator: str | None = None,
        link_id: str | None = None,
        created: str | None = None,
        updated: str | None = None,
    ) -> Link:
        """Link two spans of one document with a role the schema allows."""
        self.check_link(from_span, to_span, role)
        now = utc_now()
        link = Link(
            id=link_id or new_span_id(),
            from_span=from_span,
            to_span=to_span,
            role=role,
            annotator=annotator or default_annotator(),
            created=created or now,
            updated=updated or created or now,
        )
        with self.transaction():
            self._insert_link(link)
        self._emit(Change("links_changed", self.span(from_span).document_id, (link.id,)))
        return link

    def link(self, link_id: str) -> Link:
        """One link by id."""
        rows = self._read(
            "SELECT id, from_span, to_span, role, annotator, created, updated FROM links WHERE id = ?", (link_id,)
        )
        if not rows:
            raise LinkNotFound(f"no link with id {link_id}")
        return self._link_from_row(rows[0])

    def links(self, document_id: int | None = None, *, span_ids: Iterable[str] | None = None) -> list[Link]:
        """Links of a document, or touching any of ``span_ids``, or all; in the order they were made."""
        sql = "SELECT l.id, l.from_span, l.to_span, l.role, l.annotator, l.created, l.updated FROM links l"
        params: list[Any] = []
        if document_id is not None:
            sql += " JOIN annotations a ON a.id = l.from_span WHERE a.document_id = ?"
            params.append(document_id)
        elif span_ids is not None:
            ids = list(span_ids)
            marks = ", ".join("?" for _ in ids)
            sql += f" WHERE l.from_span IN ({marks}) OR l.to_span IN ({marks})"
            params.extend(ids + ids)
        sql += " ORDER BY l.created, l.rowid"
        return [self._link_from_row(r) for r in self._read(sql, params)]

    def update_link(self, link_id: str, *, role: str | None = None, to_span: str | None = None) -> tuple[Link, Link]:
        """Change a link's role or target; returns (before, after)."""
        before = self.link(link_id)
        new_role = role or before.role
        new_to = to_span or before.to_span
        self.check_link(before.from_span, new_to, new_role)
        after = Link(before.id, before.from_span, new_to, new_role, before.annotator, before.created, utc_now())
        with self.transaction():
            self.db.execute(
                "UPDATE links SET role = ?, to_span = ?, updated = ? WHERE id = ?",
                [after.role, after.to_span, after.updated, link_id],
            )
        self._emit(Change("links_changed", self.span(after.from_span).document_id, (link_id,)))
        return before, after

    def delete_link(self, link_id: str) -> Link:
        """Delete a link; returns it for undo."""
        link = self.link(link_id)
        document_id = self.span(link.from_span).document_id
        with self.transaction():
            self.db.execute("DELETE FROM links WHERE id = ?", [link_id])
        self._emit(Change("links_changed", document_id, (link_id,)))
        return link

    def restore_link(self, link: Link) -> Link:
        """Undo ``delete_link`` (or ``update_link``, given the link before)."""
        with self.transaction():
            self.db.execute("DELETE FROM links WHERE id = ?", [link.id])
            self._insert_link(link)
        self._emit(Change("links_changed", self.span(link.from_span).document_id, (link.id,)))
        return link

    # -- attributes ----------------------------------------------------------------------

    def attributes(self, span_id: str) -> dict[str, str]:
        """A span's attributes as name → value."""
        return {
            r[0]: r[1]
            for r in self._read("SELECT name, value FROM attributes WHERE span_id = ? ORDER BY name", (span_id,))
        }

    def all_attributes(self, document_id: int | None = None) -> dict[str, dict[str, str]]:
        """Attributes of every span (of one document) as span id → {name: value}."""
        sql = "SELECT t.span_id, t.name, t.value FROM attributes t"
        params: list[Any] = []
        if document_id is not None:
            sql += " JOIN annotations a ON a.id = t.span_id WHERE a.document_id = ?"
            params.append(document_id)
        result: dict[str, dict[str, str]] = {}
        for span_id, name, value in self._read(sql + " ORDER BY t.span_id, t.name", params):
            result.setdefault(span_id, {})[name] = value
        return result

    def set_attribute(self, span_id: str, name: str, value: str | None) -> str | None:
        """Set (or, with None, clear) an attribute the span's label declares; returns the previous value."""
        span = self.span(span_id)
        declared = self.label(span.label).attributes
        if value is not None:
            if name not in declared:
                raise ValidationError(f"label {span.label!r} has no attribute {name!r}")
            if declared[name] and value not in declared[name]:
                raise ValidationError(f"{name} must be one of {', '.join(declared[name])}, not {value!r}")
        previous = self.attributes(span_id).get(name)
        with self.transaction():
            if value is None:
                self.db.execute("DELETE FROM attributes WHERE span_id = ? AND name = ?", [span_id, name])
            else:
                self.db["attributes"].upsert({"span_id": span_id, "name": name, "value": value}, pk=("span_id", "name"))
        self._emit(Change("spans_updated", span.document_id, (span_id,)))
        return previous

    # -- entities ------------------------------------------------------------------------

    def entities(self) -> list[Entity]:
        """Canonical entities, by name."""
        return [
            Entity(r[0], r[1], r[2], r[3])
            for r in self._read("SELECT id, name, label, created FROM entities ORDER BY name COLLATE NOCASE")
        ]

    def entity(self, entity_id: int) -> Entity:
        """One entity by id."""
        rows = self._read("SELECT id, name, label, created FROM entities WHERE id = ?", (entity_id,))
        if not rows:
            raise NotFound(f"no entity with id {entity_id}")
        return Entity(*rows[0])

    def add_entity(self, name: str, label: str | None = "actor", *, entity_id: int | None = None) -> Entity:
        """Create a canonical entity, or return the one with that name.

        ``entity_id`` asks for that id when it is free (a redo brings an entity back as it was).
        """
        name = name.strip()
        if not name:
            raise ValidationError("an entity needs a name")
        rows = self._read("SELECT id FROM entities WHERE name = ?", (name,))
        if rows:
            return self.entity(rows[0][0])
        row: dict[str, Any] = {"name": name, "label": label, "created": utc_now()}
        if entity_id is not None and not self._read("SELECT 1 FROM entities WHERE id = ?", (entity_id,)):
            row["id"] = entity_id
        with self.transaction():
            new_id = self.db["entities"].insert(row).last_pk
        self._emit(Change("entities_changed"))
        return self.entity(int(new_id))

    # -- search and statistics -----------------------------------------------------------

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Full-text search (FTS5) over titles and texts, best first, with a snippet of context."""
        terms = [t for t in query.replace('"', " ").split() if t]
        if not terms:
            return []
        match = " ".join(f'"{t}"' for t in terms)
        rows = self._read(
            """
            SELECT d.id, d.title, snippet(documents_fts, 1, '[', ']', '…', 12), documents_fts.rank
            FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
            WHERE documents_fts MATCH ? ORDER BY documents_fts.rank LIMIT ?
            """,
            (match, limit),
        )
        return [SearchHit(r[0], r[1], r[2], r[3]) for r in rows]

    def stats(self) -> dict[str, Any]:
        """Counts: documents, accepted spans per label, per annotator and per document, suggestions."""
        per_label = {name: 0 for name in self._labels()}
        for label, n in self._read("SELECT label, count(*) FROM annotations WHERE status = 'accepted' GROUP BY label"):
            per_label[label] = n
        per_annotator = dict(
            self._read(
                "SELECT annotator, count(*) FROM annotations WHERE status = 'accepted' "
                "GROUP BY annotator ORDER BY annotator"
            )
        )
        per_status = dict(self._read("SELECT status, count(*) FROM annotations GROUP BY status ORDER BY status"))
        docs = self.documents()
        return {
            "documents": len(docs),
            "documents_done": sum(d.done for d in docs),
            "spans": sum(per_label.values()),
            "per_label": per_label,
            "per_annotator": per_annotator,
            "per_status": per_status,
            "per_document": {d.id: d.span_count for d in docs},
            "links": self._read("SELECT count(*) FROM links")[0][0],
        }


# Further colours for labels a project adds (Okabe–Ito, then Tol's muted scheme).
EXTRA_COLORS = (
    "#0072B2",
    "#D55E00",
    "#F0E442",
    "#882255",
    "#44AA99",
    "#999933",
    "#AA4499",
    "#332288",
    "#DDCC77",
    "#117733",
)

__all__ = [
    "Change",
    "DeletedDocument",
    "DeletedSpan",
    "Document",
    "DocumentSummary",
    "Project",
    "SearchHit",
    "StoreError",
    "default_annotator",
]
