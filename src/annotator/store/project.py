"""The project file: one SQLite database, opened through sqlite-utils.

Every public write runs in one transaction and is committed (``synchronous=FULL``, WAL) before
the call returns, so an acknowledged edit survives an app crash and a power cut. Listeners are
told about each change after it is committed; the Qt layer turns that into signals.
"""

from __future__ import annotations

import bisect
import contextlib
import enum
import json
import os
import sqlite3
import threading
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

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
from annotator.store import migrations, schema_check, shares
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
_HISTOGRAM_SQL = (
    "SELECT start / ? AS stretch, status, annotator, count(*) FROM annotations WHERE document_id = ? "
    "GROUP BY stretch, status, annotator ORDER BY stretch"
)
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


class ChangeKind(enum.StrEnum):
    """What a committed change is about (a string enum: ``ChangeKind.SPANS_ADDED == "spans_added"``)."""

    SPANS_ADDED = "spans_added"
    SPANS_UPDATED = "spans_updated"
    SPANS_DELETED = "spans_deleted"
    SPANS_CHANGED = "spans_changed"  # one step that added, deleted and updated spans (a macro step)
    DOCUMENTS_CHANGED = "documents_changed"
    LABELS_CHANGED = "labels_changed"
    LINKS_CHANGED = "links_changed"
    ENTITIES_CHANGED = "entities_changed"
    EXTERNAL = "external"  # another process changed the file: re-read what is shown
    RESET = "reset"  # a bulk write (import): re-read what is shown


SPAN_KINDS = frozenset(
    {ChangeKind.SPANS_ADDED, ChangeKind.SPANS_UPDATED, ChangeKind.SPANS_DELETED, ChangeKind.SPANS_CHANGED}
)
RELOAD_KINDS = frozenset({ChangeKind.EXTERNAL, ChangeKind.RESET})


@dataclass(frozen=True, slots=True)
class Change:
    """A committed change, as told to listeners: what changed, with the rows before and after (a delta).

    - spans_added: ``after`` holds the new spans; spans_deleted: ``before`` the deleted ones (and
      ``links_before`` the links that went with them); spans_updated: both, in the same order (an
      attribute change gives the same span twice). ``ids`` are the span ids, in that order.
    - spans_changed (a step that did several of these at once, told as one change): ``before`` and
      ``after`` side by side, None where the span did not exist (added: before is None; deleted: after is).
    - links_changed: ``links_before`` / ``links_after`` (a link absent from one side was added or deleted).
    - documents_changed: ``documents`` (and ``document_id`` when it is one) names the documents.
    - external and reset carry nothing: whoever shows project data reads it again.

    ``document_id`` is the one document every span of the change belongs to, None when several. A change
    built without its rows (``Change("spans_added", 3)``, from older callers) has ``has_rows`` False: a
    listener then reads again what it shows of that document.
    """

    kind: ChangeKind
    document_id: int | None = None
    ids: tuple[str, ...] = ()
    before: tuple[Span | None, ...] = ()  # None only in spans_changed
    after: tuple[Span | None, ...] = ()
    links_before: tuple[Link, ...] = ()
    links_after: tuple[Link, ...] = ()
    documents: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.kind, ChangeKind):
            object.__setattr__(self, "kind", ChangeKind(self.kind))
        if not self.documents and self.document_id is not None and self.kind == ChangeKind.DOCUMENTS_CHANGED:
            object.__setattr__(self, "documents", (self.document_id,))

    @property
    def has_rows(self) -> bool:
        """Whether the change carries the span rows it is about (else listeners must re-read)."""
        kind = self.kind
        if kind in SPAN_KINDS and not self.ids:
            return False
        if kind == ChangeKind.SPANS_ADDED:
            return len(self.after) == len(self.ids)
        if kind == ChangeKind.SPANS_DELETED:
            return len(self.before) == len(self.ids)
        if kind in (ChangeKind.SPANS_UPDATED, ChangeKind.SPANS_CHANGED):
            return len(self.before) == len(self.after) == len(self.ids)
        return kind not in RELOAD_KINDS

    def span_pairs(self) -> list[tuple[Span | None, Span | None]]:
        """(before, after) of every span of the change: (None, s) added, (s, None) deleted."""
        if self.kind == ChangeKind.SPANS_ADDED:
            return [(None, s) for s in self.after]
        if self.kind == ChangeKind.SPANS_DELETED:
            return [(s, None) for s in self.before]
        if self.kind in (ChangeKind.SPANS_UPDATED, ChangeKind.SPANS_CHANGED):
            return list(zip(self.before, self.after, strict=False))
        return []

    def touches_document(self, document_id: int | None) -> bool:
        """Whether the change may concern ``document_id`` (a change of several documents says which)."""
        if document_id is None:
            return False
        if self.kind in RELOAD_KINDS:
            return True
        if self.kind == ChangeKind.DOCUMENTS_CHANGED:
            return not self.documents or document_id in self.documents
        if self.document_id is not None:
            return self.document_id == document_id
        if self.kind in SPAN_KINDS and self.has_rows:
            return any(s is not None and s.document_id == document_id for s in (*self.before, *self.after))
        return True  # several documents, rows unknown: it may


def _net(pairs: Iterable[tuple[str, Any, Any]]) -> dict[str, list[Any]]:
    """Net (first before, last after) per id of a sequence of (id, before, after) row changes."""
    net: dict[str, list[Any]] = {}
    for key, before, after in pairs:
        if key in net:
            net[key][1] = after
        else:
            net[key] = [before, after]
    return net


def merge_changes(changes: Sequence[Change]) -> list[Change]:
    """The changes of one transaction as few notifications: at most one per kind, spans and links by net effect.

    A span added then deleted in the same step is not told at all; updated twice, it is told once with
    its first ``before`` and last ``after``.
    """
    if any(c.kind in RELOAD_KINDS for c in changes):
        external = any(c.kind == ChangeKind.EXTERNAL for c in changes)
        return [Change(ChangeKind.EXTERNAL if external else ChangeKind.RESET)]
    span_rows: list[tuple[str, Span | None, Span | None]] = []
    link_rows: list[tuple[str, Link | None, Link | None]] = []
    link_docs: set[int | None] = set()
    documents: list[int] = []
    whole_documents = False
    passed: list[Change] = []  # changes without rows: told as they are
    flags: list[ChangeKind] = []
    for change in changes:
        kind = change.kind
        if kind in SPAN_KINDS:
            if not change.has_rows:
                passed.append(change)
                continue
            span_rows.extend((s.id if s is not None else t.id, s, t) for s, t in change.span_pairs())  # type: ignore[union-attr]
            if change.links_before or change.links_after:
                link_docs.add(change.document_id)
            link_rows.extend((lk.id, lk, None) for lk in change.links_before)
            link_rows.extend((lk.id, None, lk) for lk in change.links_after)
        elif kind == ChangeKind.LINKS_CHANGED:
            if not (change.links_before or change.links_after):
                passed.append(change)
                continue
            link_docs.add(change.document_id)
            link_rows.extend((lk.id, lk, None) for lk in change.links_before)
            link_rows.extend((lk.id, None, lk) for lk in change.links_after)
        elif kind == ChangeKind.DOCUMENTS_CHANGED:
            if change.documents:
                documents.extend(d for d in change.documents if d not in documents)
            else:
                whole_documents = True
        elif kind not in flags:
            flags.append(kind)
    merged: list[Change] = []
    # Every span change of the step in one notification: listeners read the file in its state after the
    # whole step, so they must hear of the whole step at once.
    pairs = [(b, a) for b, a in _net(span_rows).values() if not (b is None and a is None)]
    if pairs:
        added = all(b is None for b, _ in pairs)
        deleted = all(a is None for _, a in pairs)
        updated = all(b is not None and a is not None for b, a in pairs)
        kind = (
            ChangeKind.SPANS_ADDED
            if added
            else ChangeKind.SPANS_DELETED
            if deleted
            else ChangeKind.SPANS_UPDATED
            if updated
            else ChangeKind.SPANS_CHANGED
        )
        rows = [a if a is not None else b for b, a in pairs]
        docs = {row.document_id for row in rows if row is not None}
        merged.append(
            Change(
                kind,
                docs.pop() if len(docs) == 1 else None,
                tuple(row.id for row in rows if row is not None),
                before=tuple(b for b, _ in pairs) if kind != ChangeKind.SPANS_ADDED else (),
                after=tuple(a for _, a in pairs) if kind != ChangeKind.SPANS_DELETED else (),
            )
        )
    links = [(b, a) for b, a in _net(link_rows).values() if not (b is None and a is None)]
    if links:
        merged.append(
            Change(
                ChangeKind.LINKS_CHANGED,
                link_docs.pop() if len(link_docs) == 1 else None,
                tuple((a or b).id for b, a in links),
                links_before=tuple(b for b, _ in links if b is not None),
                links_after=tuple(a for _, a in links if a is not None),
            )
        )
    if whole_documents or documents:
        merged.append(
            Change(
                ChangeKind.DOCUMENTS_CHANGED,
                documents[0] if len(documents) == 1 and not whole_documents else None,
                documents=() if whole_documents else tuple(documents),
            )
        )
    merged.extend(Change(kind) for kind in flags)
    merged.extend(passed)
    return merged


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
class SpanHistogram:
    """How a document's spans are spread over its text (see ``Project.span_histogram``).

    ``rows``: (stretch, status, annotator, spans) for each stretch of ``width`` code points (by start) that
    has spans, in text order.
    """

    width: int
    rows: tuple[tuple[int, str, str, int], ...]

    def total(self, status: str, annotator: str | None = None) -> int:
        """Spans with ``status`` (of ``annotator`` only, if given)."""
        return sum(n for _, st, who, n in self.rows if st == status and annotator in (None, who))

    def listed(self, annotator: str | None = None) -> list[tuple[int, int]]:
        """(first code point of the stretch, spans starting in it that are not rejected), of ``annotator``
        only if given, for the stretches that have some."""
        found: dict[int, int] = {}
        for stretch, status, who, n in self.rows:
            if status != "rejected" and annotator in (None, who):
                found[stretch] = found.get(stretch, 0) + n
        return [(stretch * self.width, n) for stretch, n in found.items()]


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
    source: tuple[Any, ...] | None = None  # its document_sources row, if an import recorded its file


@dataclass(frozen=True, slots=True)
class EntityMerge:
    """What merging one canonical entity into another changed, enough to undo it exactly."""

    kept: Entity
    merged: Entity
    # The spans that pointed to the merged entity, each with its ``updated`` time before the merge.
    spans: tuple[tuple[str, str], ...] = ()
    documents: tuple[int, ...] = ()  # the documents of those spans


class LinkEnd(NamedTuple):
    """A link seen from one of its spans: the role, which way it points, and the span at the other end."""

    span_id: str
    outgoing: int  # 1: the link goes from ``span_id`` to the other span; 0: it comes from it
    role: str
    other_id: str
    other_text: str
    other_entity_id: int | None
    other_status: str
    other_start: int
    other_end: int
    other_label: str

    @property
    def other_sort_key(self) -> tuple[int, int, str, str]:
        """The other span's text order (start, end, label, id), as ``Span.sort_key``."""
        return (self.other_start, self.other_end, self.other_label, self.other_id)


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


def _stored_metadata(document_id: int, raw: str | None) -> dict[str, Any]:
    """A document's metadata as stored; a value no version of the app writes (a hand-made or damaged file)
    is a store error that names the document, never a crash further on."""
    try:
        value = json.loads(raw or "{}")
    except (ValueError, RecursionError):
        value = None
    if not isinstance(value, dict):
        raise NotADatabase(f"document {document_id} has damaged metadata (not a JSON object); the project is damaged")
    return value


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
        self._pending: list[Change] | None = None  # changes made in the open transaction, told at its commit
        # On a network share: rollback journal and an exclusive lock (see store/shares.py), and a warning.
        self.network_share = shares.network_share(self.path)
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
        self._lock_exclusively(conn)
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
            schema_check.harden(conn)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.Error as exc:
            conn.close()
            raise translate_sqlite_error(exc, str(path)) or EnvironmentFault(f"{path}: {exc}") from None
        return db

    def _lock_exclusively(self, conn: sqlite3.Connection) -> None:
        # Before the first read: a WAL file then keeps its index in this process's memory, not in a shared
        # -shm file, and the lock taken is kept until the project is closed.
        if self.network_share is not None:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")

    @property
    def safe_mode_warning(self) -> str | None:
        """Why the project is open in safe mode (a network share), for the window and the CLI; else None."""
        if self.network_share is None:
            return None
        return (
            f"{self.path} is on a network share ({self.network_share.describe()}): opened in safe mode, one "
            "program at a time (rollback journal, exclusive lock); for a team, use a team server (annotator team)"
        )

    def _enable_wal(self) -> None:
        # Only once the file is known to be ours: switching to WAL rewrites the file's header, and a
        # file we refuse (another program's, a newer version's) must be left byte for byte as it was.
        conn = self.db.conn
        wanted = "delete" if self.network_share is not None else "wal"  # WAL needs memory shared on one machine
        try:
            with self.db.ensure_autocommit_on():
                mode = conn.execute(f"PRAGMA journal_mode = {wanted.upper()}").fetchone()[0]
        except sqlite3.Error as exc:
            error = translate_sqlite_error(exc, str(self.path))
            if isinstance(error, ReadOnlyDatabase):
                # A read-only file still opens, for reading.
                conn.close()
                self.read_only = True
                self.db = self._connect_read_only()
                return
            raise error or EnvironmentFault(f"{self.path}: {exc}") from None
        if mode.lower() != wanted and self._new_file:
            raise EnvironmentFault(f"{self.path}: the file system does not support SQLite's {wanted} journal")

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
        schema_check.harden(conn)
        self._lock_exclusively(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
        return sqlite_utils.Database(conn, execute_plugins=False)

    def _prepare(self, schema: Schema | None) -> None:
        conn = self.db.conn
        try:
            conn.execute("BEGIN")  # the version and the schema read from one snapshot
            try:
                version = migrations.schema_version(conn)
                if version > migrations.SCHEMA_VERSION:
                    raise NewerSchema(
                        f"{self.path} was written by a newer version of annotator (schema {version}, this app "
                        f"reads up to {migrations.SCHEMA_VERSION}); it was left untouched"
                    )
                if version == 0:
                    if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                        raise NotADatabase(
                            f"{self.path} is an SQLite database of another program, not an annotator project"
                        )
                else:
                    # Before anything else touches the file: a received project must carry no code of its own.
                    schema_check.verify_schema(conn, version, str(self.path))
                if version == migrations.SCHEMA_VERSION:
                    self._check_contents()
            finally:
                conn.execute("COMMIT")
            if not self.read_only:
                self._enable_wal()
            if not self.read_only:
                self._check_writable(version)
            if version < migrations.SCHEMA_VERSION:
                if self.read_only:
                    raise ReadOnlyDatabase(f"{self.path} needs an upgrade but is read-only")
                with schema_check.trusted_writes(conn):
                    self.migration_backup = migrations.migrate(self.db, self.path)
                if version:
                    self._check_contents()
                if version == 0:
                    self._seed_schema(schema or load_schema())
            if not self.read_only:
                migrations.mark_application_id(conn, int(self.timeout * 1000))
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc, str(self.path)) or EnvironmentFault(f"{self.path}: {exc}") from None

    def _check_contents(self) -> None:
        """Refuse a file whose labels, link types or link roles this app cannot use (a hand-made file)."""
        try:
            self._label_cache = None
            self._labels()
            self.link_types()
            for (role,) in self._read("SELECT DISTINCT role FROM links"):
                check_label_name(role)
            for (label,) in self._read("SELECT DISTINCT label FROM annotations"):  # from an index: cheap
                check_label_name(label)
        except (ValidationError, ValueError, TypeError, AttributeError, RecursionError) as exc:
            self._label_cache = None
            raise NotADatabase(f"{self.path} holds a label or link this app cannot use: {exc}") from None

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
                told = len(self._pending) if self._pending is not None else 0
                try:
                    with self.db.atomic():
                        yield self.db
                except BaseException:
                    if self._pending is not None:
                        del self._pending[told:]  # rolled back to the savepoint: never happened
                    raise
                return
            self.check_file()
            conn.execute("BEGIN IMMEDIATE")
            # Changes made inside are told once, merged, after the commit (a macro step: one notification).
            self._pending = []
            try:
                try:
                    with schema_check.trusted_writes(conn):
                        yield self.db
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            except BaseException:
                self._pending = None
                # A document written in the rolled-back transaction may be cached, and its id be given again.
                self._text_cache.clear()
                raise
            pending, self._pending = self._pending, None
            for change in merge_changes(pending):
                self._emit(change)
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

    @contextlib.contextmanager
    def large_cache(self, megabytes: int = 64) -> Iterator[None]:
        """A larger page cache for one bulk write (an import of thousands of documents), then the usual one.

        Spans are keyed by random UUIDs: once their index outgrows SQLite's default 2 MB cache, every
        insert reads pages back from disk, and an import slows down per document as the project grows.
        """
        conn = self.db.conn
        before = int(conn.execute("PRAGMA cache_size").fetchone()[0])
        wanted = -1024 * megabytes
        if before < 0 and before <= wanted:
            yield
            return
        conn.execute(f"PRAGMA cache_size = {wanted}")
        try:
            yield
        finally:
            conn.execute(f"PRAGMA cache_size = {before}")  # the pages beyond it are freed

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
        if self._pending is not None:  # inside a transaction: told after its commit
            self._pending.append(change)
            return
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
            callback(Change(ChangeKind.EXTERNAL))
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
        self._emit(Change(ChangeKind.LABELS_CHANGED))
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
        self._emit(Change(ChangeKind.LABELS_CHANGED))
        return self.label(changes.get("name", name))

    def retire_label(self, name: str, retired: bool = True) -> Label:
        """Retire a label (no new spans; existing spans stay), or bring it back."""
        self.label(name)
        with self.transaction():
            self.db["labels"].update(name, {"retired": int(retired)})
        self._label_cache = None
        self._emit(Change(ChangeKind.LABELS_CHANGED))
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
        self._emit(Change(ChangeKind.LABELS_CHANGED))

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
            metadata=_stored_metadata(r[0], r[7]),
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
        new_id = self.db["documents"].insert(row).last_pk
        self._text_cache[int(new_id)] = text
        return self.document(int(new_id)), True

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
        cursor = self.db.execute(
            "INSERT INTO documents (id, title, source_path, text, sha256, language, added_at, metadata, done) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                document_id,
                title,
                source_path,
                text,
                text_sha256(text),
                language,
                added_at,
                json.dumps(metadata, ensure_ascii=False, sort_keys=True),
                int(done),
            ],
        )
        return int(cursor.lastrowid or 0)

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

    def document_summary(self, document_id: int) -> DocumentSummary | None:
        """One document's summary (as ``documents`` lists it), or None if there is no such document."""
        rows = self._read(
            """
            SELECT d.id, d.title, d.sha256, d.done, d.added_at, d.source_path, d.language, length(d.text),
                   (SELECT count(*) FROM annotations a WHERE a.document_id = d.id AND a.status = 'accepted')
            FROM documents d WHERE d.id = ?
            """,
            (document_id,),
        )
        if not rows:
            return None
        r = rows[0]
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

    def documents_with_words(self, words: Sequence[str]) -> list[int] | None:
        """Ids of the documents whose text has ``words`` one after the other (full-text index, accents and case
        ignored, punctuation between them allowed): the documents where a phrase of these words may occur.

        None when the index cannot tell (no words, or no full-text index): then any document may.
        """
        terms = [w for w in words if w]
        if not terms:
            return None
        phrase = " ".join(terms).replace('"', " ")
        try:
            rows = self.db.conn.execute(
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
        return json.loads(rows[0][0] or "{}")

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
            self._emit(Change(ChangeKind.DOCUMENTS_CHANGED, document_id))
        return self.document(document_id)

    _SOURCE_COLUMNS = "document_id, path, sha256, size, mtime, recorded, machine"

    def delete_document(self, document_id: int) -> DeletedDocument:
        """Delete a document with its spans, links and attributes; returns what is needed to restore it."""
        document = self.document(document_id)
        spans = tuple(self._deleted_span_record(s) for s in self.spans(document_id, statuses=None))
        sources = self._read(
            f"SELECT {self._SOURCE_COLUMNS} FROM document_sources WHERE document_id = ?", [document_id]
        )
        with self.transaction():
            self.db.execute("DELETE FROM documents WHERE id = ?", [document_id])
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
                self.db.execute(
                    f"INSERT OR REPLACE INTO document_sources ({self._SOURCE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    list(deleted.source),
                )
        self._emit(Change(ChangeKind.DOCUMENTS_CHANGED, restored.id))
        return restored

    # -- spans ---------------------------------------------------------------------------

    @staticmethod
    def _span_from_row(r: sqlite3.Row | tuple) -> Span:
        try:
            return Project._checked_span(r)
        except ValidationError as exc:  # a row this app would never write: the file was made or damaged elsewhere
            raise NotADatabase(f"span {r[0]} of the project is damaged: {exc}") from None

    @staticmethod
    def _checked_span(r: sqlite3.Row | tuple) -> Span:
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
        self._emit(Change(ChangeKind.SPANS_ADDED, document_id, (span.id,), after=(span,)))
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
                    ChangeKind.SPANS_ADDED,
                    stored[0].document_id if len({s.document_id for s in stored}) == 1 else None,
                    tuple(s.id for s in stored),
                    after=tuple(stored),
                )
            )
        return stored

    def spans_at(self, document_id: int, start: int, end: int, label: str, annotator: str) -> list[Span]:
        """The spans of a document at these offsets with this label by this annotator (by index)."""
        rows = self._read(
            f'SELECT {SPAN_COLUMNS} FROM annotations WHERE document_id = ? AND start = ? AND "end" = ? '
            "AND label = ? AND annotator = ? ORDER BY created, id",
            (document_id, start, end, label, annotator),
        )
        return [self._span_from_row(r) for r in rows]

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

    # -- reads by range, for views that show part of a long document ------------------------
    # Each goes through the covering index on (document_id, start, "end", status, label, annotator, id), so its
    # cost follows what it returns, not the document's size.

    @staticmethod
    def _listed(annotator: str | None) -> tuple[str, list[Any]]:
        """The WHERE part for a document's listed spans (not rejected; of one annotator, if given)."""
        if annotator is None:
            return "document_id = ? AND status != 'rejected'", []
        return "document_id = ? AND status != 'rejected' AND annotator = ?", [annotator]

    def listed_spans_before(
        self,
        document_id: int,
        start: int,
        end: int | None,
        key: tuple[int, int, str, str],
        annotator: str | None = None,
    ) -> int:
        """How many listed spans (not rejected; of ``annotator``, if given) starting in [start, end) come before
        ``key`` = (start, end, label, id) in text order: a row's place in a page of the span table."""
        where, extra = self._listed(annotator)
        sql = (
            f"SELECT count(*) FROM annotations WHERE {where} AND start >= ? "
            'AND (start, "end", label, id) < (?, ?, ?, ?)'
        )
        params: list[Any] = [document_id, *extra, start, *key]
        if end is not None:
            sql += " AND start < ?"
            params.append(end)
        return int(self._read(sql, params)[0][0])

    def span_histogram(self, document_id: int, width: int = 4096) -> SpanHistogram:
        """How a document's spans are spread: per stretch of ``width`` code points (by start), how many spans
        each (status, annotator) has.

        One pass over the span index inside SQLite: what opening a document needs to show its span counts
        and to page its span table, without bringing the spans into Python.
        """
        rows = self._read(_HISTOGRAM_SQL, (int(width), document_id))
        return SpanHistogram(int(width), tuple((r[0], r[1], r[2], r[3]) for r in rows))

    def span_histogram_soon(self, document_id: int, width: int = 4096) -> Callable[[], SpanHistogram]:
        """Start ``span_histogram`` on a second, read-only connection in a thread; returns a function that
        waits for it and gives the result.

        Opening a long document counts its spans while the caller lays its text out: SQLite works without
        Python's lock, so the count runs on the other core. When a second connection cannot be had (the
        file replaced, moved, unreadable), the count is made on this connection when the result is asked.
        """
        result: list[SpanHistogram] = []
        try:
            self.check_file()
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
        except (StoreError, OSError):
            return lambda: self.span_histogram(document_id, width)

        def count() -> None:
            try:
                conn = sqlite3.connect(uri, uri=True, timeout=self.timeout, check_same_thread=False)
                try:
                    rows = conn.execute(_HISTOGRAM_SQL, (int(width), document_id)).fetchall()
                finally:
                    conn.close()
            except sqlite3.Error:
                return  # counted again below, on this connection
            result.append(SpanHistogram(int(width), tuple((r[0], r[1], r[2], r[3]) for r in rows)))

        worker = threading.Thread(target=count, name="span-histogram", daemon=True)
        worker.start()

        def wait() -> SpanHistogram:
            worker.join()
            return result[0] if result else self.span_histogram(document_id, width)

        return wait


    def listed_spans_starting(
        self, document_id: int, start: int, end: int | None, annotator: str | None = None
    ) -> list[Span]:
        """Listed spans (see ``listed_span_pages``) starting in [start, end) (end None: to the end), in
        (start, end, label, id) order."""
        where, extra = self._listed(annotator)
        sql = f"SELECT {SPAN_COLUMNS} FROM annotations WHERE {where} AND start >= ?"
        params: list[Any] = [document_id, *extra, start]
        if end is not None:
            sql += " AND start < ?"
            params.append(end)
        sql += ' ORDER BY start, "end", label, id'
        return [self._span_from_row(r) for r in self._read(sql, params)]

    def spans_overlapping(
        self, document_id: int, ranges: Iterable[tuple[int, int]], *, long_span: int = 2000
    ) -> list[tuple[str, int, int, str, str]]:
        """(id, start, end, label, status) of the spans (any status) sharing a position with any of ``ranges``.

        Nearby ranges are read together; spans longer than ``long_span`` are found by a second look-up, so
        that the first one stays a short walk of the index.
        """
        ordered = sorted((int(a), max(int(b), int(a) + 1)) for a, b in ranges)
        if not ordered:
            return []
        clusters: list[list[int]] = []
        for start, end in ordered:
            if clusters and start - clusters[-1][1] <= 16_384:
                clusters[-1][1] = max(clusters[-1][1], end)
            else:
                clusters.append([start, end])
        found: dict[str, tuple[str, int, int, str, str]] = {}
        columns = 'id, start, "end", label, status'
        for low, high in clusters:
            for row in self._read(
                f'SELECT {columns} FROM annotations WHERE document_id = ? AND start >= ? AND start < ? AND "end" > ?',
                (document_id, low - long_span, high, low),
            ):
                found[row[0]] = tuple(row)  # type: ignore[assignment]
        # Long spans starting further back: the narrow (document_id, start, end) index is walked from the
        # document's start, cheaply (three integers an entry), and only the long ones are read.
        for row in self._read(
            f"SELECT {columns} FROM annotations INDEXED BY annotations_by_document "
            'WHERE document_id = ? AND start < ? AND "end" > ? AND "end" - start > ?',
            (document_id, clusters[-1][1], clusters[0][0], long_span),
        ):
            found[row[0]] = tuple(row)  # type: ignore[assignment]
        starts = [start for start, _ in ordered]
        result = []
        for row in found.values():
            # Some range must start before the span ends and end after it starts.
            upto = bisect.bisect_left(starts, row[2])
            if any(ordered[i][1] > row[1] for i in range(upto - 1, -1, -1)):
                result.append(row)
        return sorted(result, key=lambda r: (r[1], r[2], r[0]))

    def entity_spans(self) -> list[tuple[str, str, int]]:
        """(text, label, entity id) of the accepted spans that point to an entity (through the entity index)."""
        return [
            (r[0], r[1], r[2])
            for r in self._read(
                "SELECT text, label, entity_id FROM annotations "
                "WHERE entity_id >= -9223372036854775808 AND status = 'accepted'"
            )
        ]

    def _links_with_spans(self, where: str, params: Sequence[Any]) -> list[tuple[Link, Span, Span]]:
        link_columns = ", ".join(f"l.{c.strip()}" for c in self._LINK_COLUMNS.split(","))
        span_columns = [c.strip() for c in SPAN_COLUMNS.split(",")]
        source = ", ".join(f"s.{c}" for c in span_columns)
        target = ", ".join(f"t.{c}" for c in span_columns)
        rows = self._read(
            f"SELECT {link_columns}, {source}, {target} FROM links l "
            f"JOIN annotations s ON s.id = l.from_span JOIN annotations t ON t.id = l.to_span WHERE {where}",
            params,
        )
        n, k = len(span_columns), self._LINK_COLUMNS.count(",") + 1
        return [
            (self._link_from_row(r[:k]), self._span_from_row(r[k : k + n]), self._span_from_row(r[k + n :]))
            for r in rows
        ]

    def links_near(
        self, document_id: int, start: int, end: int, *, long_span: int = 2000
    ) -> list[tuple[Link, Span, Span]]:
        """Links of a document with a span (at either end) that touches [start, end), each with its two spans.

        Through the span index and the link indexes: the cost follows the links of that stretch of text
        (spans longer than ``long_span`` starting before it are not looked for).
        """
        near = 'a.document_id = ? AND a.start >= ? AND a.start < ? AND a."end" > ?'
        params = [document_id, start - long_span, max(end, start + 1), start]
        return self._links_with_spans(
            f"l.id IN (SELECT l2.id FROM annotations a JOIN links l2 ON l2.from_span = a.id WHERE {near} "
            f"UNION SELECT l3.id FROM annotations a JOIN links l3 ON l3.to_span = a.id WHERE {near})",
            params + params,
        )

    def links_of_spans(self, span_ids: Iterable[str]) -> list[tuple[Link, Span, Span]]:
        """Links touching any of ``span_ids``, each with its two spans."""
        ids = list(dict.fromkeys(span_ids))
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        return self._links_with_spans(f"l.from_span IN ({marks}) OR l.to_span IN ({marks})", ids + ids)

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
        self._emit(Change(ChangeKind.SPANS_UPDATED, after.document_id, (span_id,), (before,), (after,)))
        return before, after

    def restore_span_state(self, span: Span) -> Span:
        """Put a stored span back exactly as ``span`` (undo of an update)."""
        before = self.span(span.id)
        with self.transaction():
            self.overwrite_span_row(span)
        self._emit(Change(ChangeKind.SPANS_UPDATED, span.document_id, (span.id,), (before,), (span,)))
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
                Change(
                    ChangeKind.SPANS_DELETED,
                    docs.pop() if len(docs) == 1 else None,
                    tuple(r.span.id for r in records),
                    before=tuple(r.span for r in records),
                    links_before=_unique_links(link for r in records for link in r.links),
                )
            )
        return records

    def restore_span(self, deleted: DeletedSpan) -> Span:
        """Undo ``delete_span``: the span, its links and attributes come back with the same ids."""
        return self.restore_spans([deleted])[0]

    def restore_spans(self, records: Sequence[DeletedSpan]) -> list[Span]:
        """Undo ``delete_spans``."""
        restored: list[Link] = []
        with self.transaction():
            for record in records:
                self.insert_span_row(record.span)
            for record in records:
                restored.extend(self._restore_span_extras(record))
        docs = {r.span.document_id for r in records}
        if records:
            self._emit(
                Change(
                    ChangeKind.SPANS_ADDED,
                    docs.pop() if len(docs) == 1 else None,
                    tuple(r.span.id for r in records),
                    after=tuple(r.span for r in records),
                    links_after=tuple(restored),
                )
            )
        return [r.span for r in records]

    def _restore_span_extras(self, record: DeletedSpan) -> list[Link]:
        """Put a restored span's attributes and links back; returns the links restored."""
        restored = []
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
                restored.append(link)
        return restored

    # -- links ---------------------------------------------------------------------------

    @staticmethod
    def _link_from_row(r: sqlite3.Row | tuple) -> Link:
        return Link(
            id=r[0], from_span=r[1], to_span=r[2], role=r[3], annotator=r[4], created=r[5], updated=r[6], note=r[7]
        )

    _LINK_COLUMNS = "id, from_span, to_span, role, annotator, created, updated, note"

    def _insert_link(self, link: Link) -> None:
        self.db.execute(
            f"INSERT INTO links ({self._LINK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [link.id, link.from_span, link.to_span, link.role, link.annotator, link.created, link.updated, link.note],
        )

    def insert_link_row(self, link: Link) -> None:
        """Write a link as it is, inside the caller's transaction (set import; the schema is checked there)."""
        self._insert_link(link)

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
        note: str = "",
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
            note=note,
        )
        with self.transaction():
            self._insert_link(link)
        self._emit(Change(ChangeKind.LINKS_CHANGED, self.span(from_span).document_id, (link.id,), links_after=(link,)))
        return link

    def link(self, link_id: str) -> Link:
        """One link by id."""
        rows = self._read(f"SELECT {self._LINK_COLUMNS} FROM links WHERE id = ?", (link_id,))
        if not rows:
            raise LinkNotFound(f"no link with id {link_id}")
        return self._link_from_row(rows[0])

    def find_link(self, link_id: str) -> Link | None:
        """One link by id, or None."""
        rows = self._read(f"SELECT {self._LINK_COLUMNS} FROM links WHERE id = ?", (link_id,))
        return self._link_from_row(rows[0]) if rows else None

    def link_between(self, from_span: str, to_span: str, role: str) -> Link | None:
        """The link with this role from one span to the other, if there is one (by index)."""
        rows = self._read(
            f"SELECT {self._LINK_COLUMNS} FROM links WHERE from_span = ? AND to_span = ? AND role = ? LIMIT 1",
            (from_span, to_span, role),
        )
        return self._link_from_row(rows[0]) if rows else None

    def links(self, document_id: int | None = None, *, span_ids: Iterable[str] | None = None) -> list[Link]:
        """Links of a document, or touching any of ``span_ids``, or all; in the order they were made."""
        sql = "SELECT l.id, l.from_span, l.to_span, l.role, l.annotator, l.created, l.updated, l.note FROM links l"
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

    def link_ends(self, label: str, documents: Sequence[int] | None = None) -> list[LinkEnd]:
        """Every link with a span of ``label`` at one end (in the given documents), seen from that span, with
        the other end's fields: one query, no span built, for reports over thousands of links."""
        other = 'o.id, o.text, o.entity_id, o.status, o.start, o."end", o.label'
        where = "t.label = ?"
        params: list[Any] = [label]
        if documents is not None:
            ids = list(documents)
            where += f" AND t.document_id IN ({', '.join('?' for _ in ids)})"
            params += ids
        sql = (
            f"SELECT l.from_span, 1, l.role, {other} FROM links l JOIN annotations t ON t.id = l.from_span "
            f"JOIN annotations o ON o.id = l.to_span WHERE {where} "
            f"UNION ALL SELECT l.to_span, 0, l.role, {other} FROM links l JOIN annotations t ON t.id = l.to_span "
            f"JOIN annotations o ON o.id = l.from_span WHERE {where}"
        )
        make = LinkEnd._make
        return [make(r) for r in self._read(sql, params + params)]

    def update_link(self, link_id: str, *, role: str | None = None, to_span: str | None = None) -> tuple[Link, Link]:
        """Change a link's role or target; returns (before, after)."""
        before = self.link(link_id)
        new_role = role or before.role
        new_to = to_span or before.to_span
        self.check_link(before.from_span, new_to, new_role)
        after = Link(
            before.id, before.from_span, new_to, new_role, before.annotator, before.created, utc_now(), before.note
        )
        with self.transaction():
            self.db.execute(
                "UPDATE links SET role = ?, to_span = ?, updated = ? WHERE id = ?",
                [after.role, after.to_span, after.updated, link_id],
            )
        self._emit(
            Change(
                ChangeKind.LINKS_CHANGED,
                self.span(after.from_span).document_id,
                (link_id,),
                links_before=(before,),
                links_after=(after,),
            )
        )
        return before, after

    def set_link_note(self, link_id: str, note: str) -> tuple[Link, Link]:
        """Give a link a note (empty: none); returns (before, after)."""
        before = self.link(link_id)
        after = replace(before, note=note, updated=utc_now())
        with self.transaction():
            self.db.execute("UPDATE links SET note = ?, updated = ? WHERE id = ?", [note, after.updated, link_id])
        self._emit(Change("links_changed", self.span(after.from_span).document_id, (link_id,)))
        return before, after

    def delete_link(self, link_id: str) -> Link:
        """Delete a link; returns it for undo."""
        link = self.link(link_id)
        document_id = self.span(link.from_span).document_id
        with self.transaction():
            self.db.execute("DELETE FROM links WHERE id = ?", [link_id])
        self._emit(Change(ChangeKind.LINKS_CHANGED, document_id, (link_id,), links_before=(link,)))
        return link

    def restore_link(self, link: Link) -> Link:
        """Undo ``delete_link`` (or ``update_link``, given the link before)."""
        rows = self._read(f"SELECT {self._LINK_COLUMNS} FROM links WHERE id = ?", (link.id,))
        with self.transaction():
            self.db.execute("DELETE FROM links WHERE id = ?", [link.id])
            self._insert_link(link)
        self._emit(
            Change(
                ChangeKind.LINKS_CHANGED,
                self.span(link.from_span).document_id,
                (link.id,),
                links_before=tuple(self._link_from_row(r) for r in rows),
                links_after=(link,),
            )
        )
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
        self._emit(Change(ChangeKind.SPANS_UPDATED, span.document_id, (span_id,), (span,), (span,)))
        return previous

    # -- model scores --------------------------------------------------------------------

    def set_span_scores(self, scores: dict[str, float], model: str) -> None:
        """Record a model's confidence (0–1) in spans it proposed, in one transaction (or the caller's)."""
        if not scores:
            return
        rows = [(span_id, min(1.0, max(0.0, float(score))), model) for span_id, score in scores.items()]
        with self.transaction():
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO span_scores (span_id, score, model) VALUES (?, ?, ?)", rows
            )

    def span_scores(self, document_id: int | None = None) -> dict[str, float]:
        """Span id → the confidence of the model that proposed it (of one document, or all)."""
        sql = "SELECT s.span_id, s.score FROM span_scores s"
        params: list[Any] = []
        if document_id is not None:
            sql += " JOIN annotations a ON a.id = s.span_id WHERE a.document_id = ?"
            params.append(document_id)
        return {span_id: score for span_id, score in self._read(sql, params)}

    def span_count(self, status: str = "accepted") -> int:
        """How many spans have ``status``."""
        return int(self._read("SELECT count(*) FROM annotations WHERE status = ?", (status,))[0][0])

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
        self._emit(Change(ChangeKind.ENTITIES_CHANGED))
        return self.entity(int(new_id))

    def delete_unused_entity(self, entity_id: int) -> bool:
        """Delete an entity no span points to (undo of its creation); False if it is in use or gone."""
        with self.transaction() as db:
            cursor = db.execute(
                "DELETE FROM entities WHERE id = ? AND NOT EXISTS (SELECT 1 FROM annotations WHERE entity_id = ?)",
                [entity_id, entity_id],
            )
            deleted = cursor.rowcount > 0
        if deleted:
            self._emit(Change("entities_changed"))
        return deleted

    def entity_mentions(self, entity_id: int) -> list[Span]:
        """The spans (every status but rejected) that point to an entity, in document and text order."""
        rows = self._read(
            f"SELECT {SPAN_COLUMNS} FROM annotations WHERE entity_id = ? AND status != 'rejected' "
            'ORDER BY document_id, start, "end", label, id',
            (entity_id,),
        )
        return [self._span_from_row(r) for r in rows]

    def entity_mention_counts(self) -> dict[int, int]:
        """How many spans (every status but rejected) point to each entity that has any."""
        rows = self._read(
            "SELECT entity_id, count(*) FROM annotations WHERE entity_id IS NOT NULL AND status != 'rejected' "
            "GROUP BY entity_id"
        )
        return {int(r[0]): int(r[1]) for r in rows}

    def label_mentions(
        self, label: str, statuses: Sequence[str] | None = ("accepted",)
    ) -> list[tuple[int | None, str]]:
        """(entity id, covered text) of every span of ``label`` (of the given statuses), in no set order:
        what counting an actor's mentions and names needs, without building a span for each."""
        sql = "SELECT entity_id, text FROM annotations WHERE label = ?"
        params: list[Any] = [label]
        if statuses is not None:
            sql += f" AND status IN ({', '.join('?' for _ in statuses)})"
            params += list(statuses)
        return [(r[0], r[1]) for r in self._read(sql, params)]

    def merge_entities(self, keep_id: int, merged_id: int) -> EntityMerge:
        """Point every span of entity ``merged_id`` to ``keep_id`` and delete ``merged_id``, in one step.

        "la Corée du Nord" (entity Corée du Nord) and "Pyongyang" (entity North Korea) become mentions of
        one actor. Returns what ``unmerge_entities`` needs to undo it.
        """
        if keep_id == merged_id:
            raise ValidationError("an entity cannot be merged into itself")
        kept, merged = self.entity(keep_id), self.entity(merged_id)
        now = utc_now()
        with self.transaction() as db:
            rows = self._read("SELECT id, updated, document_id FROM annotations WHERE entity_id = ?", (merged_id,))
            spans = tuple((r[0], r[1]) for r in rows)
            documents = tuple(sorted({int(r[2]) for r in rows}))
            db.execute(
                "UPDATE annotations SET entity_id = ?, updated = ? WHERE entity_id = ?", [keep_id, now, merged_id]
            )
            db.execute("DELETE FROM entities WHERE id = ?", [merged_id])
        merge = EntityMerge(kept, merged, spans, documents)
        self._emit_entity_spans(merge)
        return merge

    def unmerge_entities(self, merge: EntityMerge) -> Entity:
        """Undo ``merge_entities``: the merged entity comes back with its id, name and spans."""
        merged = merge.merged
        if self._read("SELECT 1 FROM entities WHERE id = ? OR name = ?", (merged.id, merged.name)):
            raise ValidationError(f"an entity named {merged.name!r} exists again: the merge cannot be undone")
        with self.transaction() as db:
            db.execute(
                "INSERT INTO entities (id, name, label, created) VALUES (?, ?, ?, ?)",
                [merged.id, merged.name, merged.label, merged.created],
            )
            for span_id, updated in merge.spans:
                # Only spans still on the kept entity: one re-pointed since keeps its newer choice.
                db.execute(
                    "UPDATE annotations SET entity_id = ?, updated = ? WHERE id = ? AND entity_id = ?",
                    [merged.id, updated, span_id, merge.kept.id],
                )
        self._emit_entity_spans(merge)
        return self.entity(int(merged.id))  # type: ignore[arg-type]

    def _emit_entity_spans(self, merge: EntityMerge) -> None:
        self._emit(Change("entities_changed"))
        if merge.spans:
            document = merge.documents[0] if len(merge.documents) == 1 else None
            self._emit(Change("spans_updated", document, tuple(span_id for span_id, _ in merge.spans)))

    # -- search and statistics -----------------------------------------------------------

    def search(
        self,
        query: str,
        limit: int = 50,
        *,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
    ) -> list[SearchHit]:
        """Full-text search (FTS5) over titles and texts, best first, with a snippet of context.

        ``since`` and ``until`` (``YYYY-MM-DD``, inclusive) keep documents whose metadata ``date`` falls on
        those days or between them; ``source`` keeps documents whose metadata ``source`` is that outlet
        (ignoring case). With a filter and no query words, the matching documents are listed by date.
        """
        terms = [t for t in query.replace('"', " ").split() if t]
        filters: list[str] = []
        params: list[Any] = []
        if since:
            filters.append("substr(json_extract(d.metadata, '$.date'), 1, 10) >= ?")
            params.append(since)
        if until:
            filters.append("substr(json_extract(d.metadata, '$.date'), 1, 10) <= ?")
            params.append(until)
        if source:
            filters.append("json_extract(d.metadata, '$.source') IS NOT NULL")
        where = "".join(f" AND {f}" for f in filters)
        # SQLite's lower() folds ASCII only: the outlet is compared here, before the limit is applied.
        wanted = " ".join(source.split()).casefold() if source else None
        sql_limit = -1 if wanted else limit
        if not terms:
            if not filters:
                return []
            rows = self._read(
                f"""
                SELECT d.id, d.title, substr(d.text, 1, 80), 0, json_extract(d.metadata, '$.source')
                FROM documents d WHERE 1 {where}
                ORDER BY json_extract(d.metadata, '$.date'), d.id LIMIT ?
                """,
                (*params, sql_limit),
            )
            hits = [(SearchHit(r[0], r[1], " ".join(r[2].split()) + "…", r[3]), r[4]) for r in rows]
        else:
            match = " ".join(f'"{t}"' for t in terms)
            rows = self._read(
                f"""
                SELECT d.id, d.title, snippet(documents_fts, 1, '[', ']', '…', 12), documents_fts.rank,
                       json_extract(d.metadata, '$.source')
                FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
                WHERE documents_fts MATCH ?{where} ORDER BY documents_fts.rank LIMIT ?
                """,
                (match, *params, sql_limit),
            )
            hits = [(SearchHit(r[0], r[1], r[2], r[3]), r[4]) for r in rows]
        if wanted:
            hits = [(hit, outlet) for hit, outlet in hits if " ".join(str(outlet).split()).casefold() == wanted]
        return [hit for hit, _ in hits[:limit]]

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


def _unique_links(links: Iterable[Link]) -> tuple[Link, ...]:
    """Links without repeats (a link between two deleted spans is recorded with each), in order."""
    return tuple({link.id: link for link in links}.values())


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
    "ChangeKind",
    "DeletedDocument",
    "DeletedSpan",
    "Document",
    "DocumentSummary",
    "Project",
    "SearchHit",
    "SpanHistogram",
    "StoreError",
    "default_annotator",
]
