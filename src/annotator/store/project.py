"""The project: one SQLite file opened through sqlite-utils, or a database on a PostgreSQL team server.

``Project(path)`` opens a file; ``Project("postgresql://…")`` (any libpq connection string, ``service=NAME``
included) opens a team project, with the same API and rules: what differs between the two databases is in
the backend (``store/backend.py``, ``store/postgres/backend.py``), which the parts run their statements through.

Every public write runs in one transaction and is committed (``synchronous=FULL``, WAL) before
the call returns, so an acknowledged edit survives an app crash and a power cut. Listeners are
told about each change after it is committed; the Qt layer turns that into signals.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

from annotator.core.model import Document as Document
from annotator.core.model import (
    Label,
    Span,
    ValidationError,
    check_label_name,
)
from annotator.core.schema import Schema, load_schema
from annotator.store import migrations, schema_check, shares
from annotator.store.backend import Backend, Row, SqliteBackend
from annotator.store.changes import RELOAD_KINDS, SPAN_KINDS, Change, ChangeKind, merge_changes
from annotator.store.columns import SPAN_COLUMNS, SPAN_FIELDS, span_from_row
from annotator.store.errors import (
    DatabaseBusy,
    EnvironmentFault,
    MissingFolder,
    NewerSchema,
    NotADatabase,
    ProjectFileGone,
    ReadOnlyDatabase,
    StoreError,
    translate_sqlite_error,
)
from annotator.store.parts.attributes import AttributesPart
from annotator.store.parts.documents import DocumentsPart
from annotator.store.parts.entities import EntitiesPart
from annotator.store.parts.labels import EXTRA_COLORS, LabelsPart
from annotator.store.parts.links import LinksPart
from annotator.store.parts.search import SearchPart
from annotator.store.parts.settings import SettingsPart
from annotator.store.parts.span_reads import SpanReadsPart
from annotator.store.parts.spans import SpansPart
from annotator.store.postgres import is_server_address
from annotator.store.records import (
    BulkWrite,
    DeletedDocument,
    DeletedSpan,
    DocumentSummary,
    EntityMerge,
    LinkEnd,
    SearchHit,
    SpanHistogram,
    default_annotator,
)

if TYPE_CHECKING:
    from annotator.store.postgres.backend import PostgresBackend

SQLITE_HEADER = b"SQLite format 3\x00"
JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")  # files SQLite keeps beside a database

@dataclass(slots=True)
class _Listeners:
    callbacks: list[Callable[[Change], None]] = field(default_factory=list)


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


class Project(
    SettingsPart,
    LabelsPart,
    DocumentsPart,
    SpansPart,
    SpanReadsPart,
    LinksPart,
    AttributesPart,
    EntitiesPart,
    SearchPart,
):
    """An annotator project file: documents, labels, spans, links, attributes and entities.

    The façade over the parts in ``store/parts/`` (one per table or concern); this class opens the file and
    owns the connection, the transactions and the listeners they all use.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        create_folders: bool = False,
        read_only: bool = False,
        timeout: float = 5.0,
        schema: Schema | None = None,
        annotator: str | None = None,
    ) -> None:
        self.read_only = read_only
        self.timeout = timeout
        self.migration_backup: Path | None = None
        self.address: str | None = None  # the team server's connection string (None for a file)
        self._annotator = annotator
        self._server: PostgresBackend | None = None
        self._listeners = _Listeners()
        self._text_cache: dict[int, str] = {}
        self._label_cache: dict[str, Label] | None = None
        self._data_version: int | None = None
        self._pending: list[Change] | None = None  # changes made in the open transaction, told at its commit
        if isinstance(path, str) and is_server_address(path):
            self._open_server(path, schema, create)
            return
        path, read_only = path_and_mode(path, read_only)
        self.path = Path(path).absolute()  # the same file after a change of working folder
        self.read_only = read_only
        # On a network share: rollback journal and an exclusive lock (see store/shares.py), and a warning.
        self.network_share = shares.network_share(self.path)
        self._db = self._connect(create=create, create_folders=create_folders)
        self._sql: Backend = SqliteBackend(self._db, str(self.path))
        self._identity = self._file_identity()  # the file this connection has open
        try:
            self._prepare(schema)
        except BaseException:
            self._db.close()
            raise
        self._data_version = self.data_version()

    # -- opening -------------------------------------------------------------------------

    def _open_server(self, address: str, schema: Schema | None, create: bool) -> None:
        from annotator.store.postgres.backend import local_folder, open_server

        self.address = address
        self.network_share = None
        self.path = local_folder(address)  # named after the database; trained models are kept there
        self._identity = None
        backend = open_server(address, read_only=self.read_only, create=create, project_schema=schema)
        self._sql = self._server = backend
        try:
            self._check_contents()
        except BaseException:
            backend.close()
            raise
        self._data_version = 0

    @property
    def server(self) -> bool:
        """Whether the project is on a team server (else in a file)."""
        return self._server is not None

    def reconnect(self, *, force: bool = False) -> bool:
        """A team project: open a new connection to the server in place of a lost one (ServerUnavailable while
        it cannot be reached); True if it did. With ``force`` a connection that still looks open is replaced
        too (after the server was lost it may be dead without knowing it yet), but never inside a transaction.
        Cached texts and labels are read again. Nothing to do for a file."""
        server = self._server
        if server is None:
            return False
        if server.connected and not (force and not server.in_transaction()):
            return False
        server.reconnect()
        self.forget_cached(labels=True, texts=True)
        return True

    def forget_cached(self, *, labels: bool = False, texts: bool = False) -> None:
        """Drop the labels and/or document texts kept in memory (another user of a team project changed them)."""
        if labels:
            self._label_cache = None
        if texts:
            self._text_cache.clear()

    def server_pids(self) -> set[int]:
        """The server process ids of this project's connections (none for a file): the writers of the changes
        a team server announces that this project made itself."""
        pid = self._server.pid() if self._server is not None else None
        return {pid} if pid else set()

    @property
    def connected(self) -> bool:
        """Whether the project's database can be reached now (a file: always; a server: its connection is
        open and unbroken)."""
        return self._server.connected if self._server is not None else True

    @property
    def location(self) -> str:
        """Where the project is, for messages: the file's path, or the server and database (no password)."""
        return self._server.name if self._server is not None else str(self.path)

    @property
    def annotator(self) -> str:
        """Whose layer this project's edits go to unless told otherwise: the name given when it was opened;
        else on a team server the login (the server lets a member write only their own layer), else the
        user's name (``ANNOTATOR_NAME``, else the login name)."""
        if self._annotator:
            return self._annotator
        if self._server is not None:
            return self._server.user
        return default_annotator()

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
        conn = self._db.conn
        wanted = "delete" if self.network_share is not None else "wal"  # WAL needs memory shared on one machine
        try:
            with self._db.ensure_autocommit_on():
                mode = conn.execute(f"PRAGMA journal_mode = {wanted.upper()}").fetchone()[0]
        except sqlite3.Error as exc:
            error = translate_sqlite_error(exc, str(self.path))
            if isinstance(error, ReadOnlyDatabase):
                # A read-only file still opens, for reading.
                conn.close()
                self.read_only = True
                self._db = self._connect_read_only()
                self._sql = SqliteBackend(self._db, str(self.path))
                return
            raise error or EnvironmentFault(f"{self.path}: {exc}") from None
        if mode.lower() != wanted and self._new_file:
            raise EnvironmentFault(f"{self.path}: the file system does not support SQLite's {wanted} journal")

    def _check_writable(self, version: int) -> None:
        # A file in WAL mode switches without writing, so a connection that may not write (opened with
        # mode=ro by someone, a read-only medium) is found only by trying: a write rolled back at once.
        conn = self._db.conn
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
        conn = self._db.conn
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
                    self.migration_backup = migrations.migrate(self._db, self.path)
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
        """Close the file (or the server connection). The project cannot be used afterwards."""
        if self._server is not None:
            self._server.close()
            return
        self._db.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions, listeners, external changes ---------------------------------------

    def transaction(self) -> contextlib.AbstractContextManager[object]:
        """One write transaction (nested calls join the outer one); committed durably on exit."""
        if self._server is not None:
            return self._server_transaction(self._server)
        return self._file_transaction()

    @contextlib.contextmanager
    def _server_transaction(self, backend: PostgresBackend) -> Iterator[object]:
        if self.read_only:
            raise ReadOnlyDatabase(f"{self.location} is open read-only: changes cannot be saved there")
        if backend.in_transaction():
            with self._savepoint_changes(), backend.transaction():
                yield backend
            return
        with self._outer_changes(), backend.transaction():
            yield backend

    @contextlib.contextmanager
    def _savepoint_changes(self) -> Iterator[None]:
        """A transaction inside another: what it told is forgotten if it rolls back to its savepoint."""
        told = len(self._pending) if self._pending is not None else 0
        try:
            yield
        except BaseException:
            if self._pending is not None:
                del self._pending[told:]  # rolled back to the savepoint: never happened
            self._label_cache = None  # labels written in it are rolled back too
            raise

    @contextlib.contextmanager
    def _outer_changes(self) -> Iterator[None]:
        """An outer transaction: the changes made inside are told once, merged, after the commit (a macro
        step: one notification); after a rollback nothing is told and the caches are dropped."""
        self._pending = []
        try:
            yield
        except BaseException:
            self._pending = None
            # A document written in the rolled-back transaction may be cached, and its id be given again.
            self._text_cache.clear()
            self._label_cache = None
            raise
        pending, self._pending = self._pending, None
        for change in merge_changes(pending):
            self._emit(change)

    @contextlib.contextmanager
    def _file_transaction(self) -> Iterator[object]:
        conn = self._db.conn
        if self.read_only:
            raise ReadOnlyDatabase(f"{self.path} is open read-only: changes cannot be saved there")
        try:
            if conn.in_transaction:
                with self._savepoint_changes(), self._db.atomic():
                    yield self._db
                return
            self.check_file()
            conn.execute("BEGIN IMMEDIATE")
            with self._outer_changes():
                try:
                    with schema_check.trusted_writes(conn):
                        yield self._db
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

    @contextlib.contextmanager
    def large_cache(self, megabytes: int = 64) -> Iterator[None]:
        """A larger page cache for one bulk write (an import of thousands of documents), then the usual one.

        Spans are keyed by random UUIDs: once their index outgrows SQLite's default 2 MB cache, every
        insert reads pages back from disk, and an import slows down per document as the project grows.
        """
        if self._server is not None:  # the server's memory is its administrator's to set
            yield
            return
        conn = self._db.conn
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

    @contextlib.contextmanager
    def bulk_write(self) -> Iterator[BulkWrite]:
        """One transaction for a merge written row by row (an annotation set), told as one RESET.

        The ``*_row`` and ``write_*`` methods called inside tell no listener; the caller sets
        ``changed`` on the object yielded when it wrote anything, and listeners are told once, after the
        commit. Labels are read again afterwards (written, or rolled back with the transaction).
        """
        bulk = BulkWrite()
        try:
            with self.large_cache(), self.transaction():
                yield bulk
        finally:
            self._label_cache = None
        if bulk.changed:
            self._emit(Change(ChangeKind.RESET))

    def _read(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
        return self._sql.read(sql, params)

    def interrupt(self) -> None:
        """Stop the statement under way on another thread: it fails, and its transaction is rolled back."""
        if self._server is not None:
            self._server.cancel()
            return
        self._db.conn.interrupt()

    def release_texts(self) -> None:
        """Forget the cached document texts (after a walk over every document, a copy of the project)."""
        self._text_cache.clear()

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

    @staticmethod
    def span_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Span:
        """A Span from a row of the annotations table selected with ``SPAN_COLUMNS``."""
        return span_from_row(row)

    def _file_identity(self) -> tuple[int, int] | None:
        if self.address is not None:
            return None
        try:
            st = self.path.stat()  # a stat, never an open(): see _connect
        except FileNotFoundError:
            return None
        return st.st_dev, st.st_ino

    def is_project_file(self, path: str | os.PathLike[str]) -> bool:
        """Whether ``path`` is this project's database or one of its journal files, by identity (links,
        hard links and other spellings of the name included), read with a stat, never an open()."""
        if self.address is not None:
            return False
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
        if self.address is not None:  # a server project has no file to lose
            return
        identity = self._file_identity()
        if identity == self._identity:
            return
        what = "moved or deleted" if identity is None else "replaced by another file"
        raise ProjectFileGone(
            f"{self.path} was {what} while it was open: nothing more is written there; "
            "save a copy of the project elsewhere"
        )

    def data_version(self) -> int:
        """SQLite's ``PRAGMA data_version``: changes when another connection commits (0 on a team server,
        whose changes are announced by notifications: see ``store/postgres/notify.py``)."""
        if self.address is not None:
            return 0
        return int(self._read("PRAGMA data_version")[0][0])

    def check_external_changes(self) -> bool:
        """Whether another connection committed since the last call; if so, drop caches and notify.

        Edits made through this connection in between do not hide it: SQLite moves ``data_version``
        only for other connections' commits, and only this method records the value it saw.

        Raises ProjectFileGone when the file itself was moved, deleted or replaced.
        """
        self.check_file()
        if self.address is not None:
            return False
        version = self.data_version()
        if version == self._data_version:
            return False
        self._data_version = version
        self._label_cache = None
        self._text_cache.clear()  # a document deleted elsewhere must read as gone, not from the cache
        for callback in list(self._listeners.callbacks):
            callback(Change(ChangeKind.EXTERNAL))
        return True


__all__ = [
    "EXTRA_COLORS",
    "JOURNAL_SUFFIXES",
    "RELOAD_KINDS",
    "SPAN_COLUMNS",
    "SPAN_FIELDS",
    "SPAN_KINDS",
    "SQLITE_HEADER",
    "BulkWrite",
    "Change",
    "ChangeKind",
    "DeletedDocument",
    "DeletedSpan",
    "Document",
    "DocumentSummary",
    "EntityMerge",
    "LinkEnd",
    "Project",
    "SearchHit",
    "SpanHistogram",
    "StoreError",
    "default_annotator",
    "merge_changes",
    "path_and_mode",
]
