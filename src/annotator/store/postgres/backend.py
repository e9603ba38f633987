"""The project's statements on a PostgreSQL team server (see ``store/backend.py``).

The parts write SQLite's spelling once; here it becomes PostgreSQL's: ``?`` placeholders become ``%s``
(a literal ``%`` doubled), an empty ``IN ()`` list matches nothing, an upsert is ``INSERT … ON CONFLICT``,
a new row's id comes back with ``RETURNING id``. The connection runs in autocommit: every read sees the
latest committed state (as a file read outside a transaction does), and each write transaction of the
store is one ``BEGIN … COMMIT`` (nested ones are savepoints).

Opening a server project follows the file's rules: a newer schema is refused and left untouched, an
older one (or an empty database) is brought up to date in one transaction, by a user allowed to.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from annotator.core.schema import Schema, load_schema
from annotator.store.backend import Backend, Row
from annotator.store.errors import (
    EnvironmentFault,
    NotFound,
    PermissionDenied,
    ReadOnlyDatabase,
    ServerUnavailable,
    StoreError,
)
from annotator.store.postgres import notify, roles, schema
from annotator.store.postgres.connection import connect, describe, load_psycopg, translate_error

if TYPE_CHECKING:
    import psycopg

# Tables whose ``id`` the database picks (an identity column): the new id is read back.
_ID_TABLES = frozenset({"documents", "entities"})
_QUOTED = re.compile(r"('(?:[^']|'')*')")
_EMPTY_IN = re.compile(r"\bIN \(\s*\)")


@functools.lru_cache(maxsize=1024)
def to_postgres(sql: str) -> str:
    """A statement in SQLite's spelling (``?`` placeholders) as psycopg takes it (``%s``)."""
    pieces = _QUOTED.split(sql)
    out = []
    for n, piece in enumerate(pieces):
        piece = piece.replace("%", "%%")
        if n % 2 == 0:  # outside a string literal
            piece = _EMPTY_IN.sub("IN (NULL)", piece.replace("?", "%s"))
        out.append(piece)
    return "".join(out)


def _column(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def local_folder(conninfo: str) -> Path:
    """Where this machine keeps what belongs to a server project but not in it (trained models): a folder
    named after the server and the database in the user data folder; its name is the database's."""
    psycopg = load_psycopg()
    try:
        params = psycopg.conninfo.conninfo_to_dict(conninfo)
    except psycopg.ProgrammingError:
        params = {}
    server = params.get("service") or f"{params.get('host') or 'localhost'}:{params.get('port') or 5432}"
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", str(server)).strip("_") or "server"
    database = re.sub(r"[/\\\x00]", "_", str(params.get("dbname") or params.get("user") or "project"))
    return Path(platformdirs.user_data_dir("annotator", appauthor=False)) / "team" / safe / database


class PostgresBackend(Backend):
    """A project database on a PostgreSQL server, through one psycopg connection."""

    server = True
    rowid = "seq"
    no_limit = None

    def __init__(self, conn: psycopg.Connection[Any], conninfo: str) -> None:
        self.conn = conn
        self.conninfo = conninfo
        self.name = describe(conninfo)  # no password
        self.read_only = False
        self._closed_here = False
        row = conn.execute("SELECT session_user").fetchone()
        self.user = str(row[0]) if row else ""

    # -- statements --------------------------------------------------------------------------

    def _translated(self, exc: Exception) -> Exception:
        if self._closed_here:  # closed under a view still on screen, as a closed file says
            return StoreError(f"the team project {self.name} is closed")
        if isinstance(exc, load_psycopg().InterfaceError) and self.conn.closed:
            return ServerUnavailable(f"the connection to the team server {self.name} was lost")
        return translate_error(exc) or exc

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        psycopg = load_psycopg()
        try:
            yield
        except psycopg.Error as exc:
            error = self._translated(exc)
            if error is exc:
                raise
            raise error from None

    def read(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
        with self._errors():
            values = params if isinstance(params, dict) else list(params)
            return list(self.conn.execute(to_postgres(sql), values).fetchall())

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        with self._errors():
            return int(self.conn.execute(to_postgres(sql), list(params)).rowcount)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._errors(), self.conn.cursor() as cursor:
            cursor.executemany(to_postgres(sql), [list(r) for r in rows])

    def insert(self, table: str, row: dict[str, Any]) -> int:
        values = {k: v for k, v in row.items() if not (k == "id" and v is None)}
        columns = ", ".join(_column(c) for c in values)
        marks = ", ".join("%s" for _ in values)
        returning = " RETURNING id" if table in _ID_TABLES else ""
        with self._errors():
            found = self.conn.execute(
                f"INSERT INTO {table} ({columns}) VALUES ({marks}){returning}", list(values.values())
            )
            first = found.fetchone() if returning else None
            new_id = int(first[0]) if first is not None else 0
            if "id" in values and table in _ID_TABLES:
                # An id given (an undo, a copy, an imported set) leaves the identity behind: move it past.
                self.conn.execute(
                    f"SELECT setval(pg_get_serial_sequence('public.{table}', 'id'), "
                    f"greatest((SELECT max(id) FROM {table}), 1))"
                )
        return new_id

    @staticmethod
    def _upsert_sql(table: str, columns: Sequence[str], pk: tuple[str, ...]) -> str:
        others = [c for c in columns if c not in pk]
        action = (
            "DO UPDATE SET " + ", ".join(f"{_column(c)} = excluded.{_column(c)}" for c in others)
            if others
            else "DO NOTHING"
        )
        return (
            f"INSERT INTO {table} ({', '.join(_column(c) for c in columns)}) "
            f"VALUES ({', '.join('%s' for _ in columns)}) ON CONFLICT ({', '.join(_column(c) for c in pk)}) {action}"
        )

    def upsert(self, table: str, row: dict[str, Any], pk: tuple[str, ...]) -> None:
        with self._errors():
            self.conn.execute(self._upsert_sql(table, list(row), pk), list(row.values()))

    def replace(self, table: str, row: dict[str, Any], pk: tuple[str, ...]) -> None:
        self.upsert(table, row, pk)

    def replace_many(
        self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], pk: tuple[str, ...]
    ) -> None:
        with self._errors(), self.conn.cursor() as cursor:
            cursor.executemany(self._upsert_sql(table, columns, pk), [list(r) for r in rows])

    def update(self, table: str, pk: str, key: Any, changes: dict[str, Any]) -> None:
        assignments = ", ".join(f"{_column(c)} = %s" for c in changes)
        with self._errors():
            self.conn.execute(
                f"UPDATE {table} SET {assignments} WHERE {_column(pk)} = %s", [*changes.values(), key]
            )

    def json_text(self, column: str, key: str) -> str:
        return f"({column}::jsonb ->> '{key}')"

    def nocase(self, column: str) -> str:
        return f'lower({column}) COLLATE "C"'

    def refused(self, table: str, key_column: str, key: Any, what: str) -> StoreError | None:
        # Every team member reads every row: a row still there was hidden from the write by row-level security.
        if not self.read(f"SELECT 1 FROM {table} WHERE {_column(key_column)} = ?", [key]):
            return None
        return PermissionDenied(
            f"the team server refused it to your role: {what} belongs to another annotator's layer "
            f"(you are {self.user})"
        )

    # -- transactions ------------------------------------------------------------------------

    def in_transaction(self) -> bool:
        """Whether a transaction of this connection is open."""
        return bool(self.conn.info.transaction_status != load_psycopg().pq.TransactionStatus.IDLE)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction (a savepoint inside another); committed on exit, errors as store errors."""
        with self._errors(), self.conn.transaction():
            yield

    def cancel(self) -> None:
        """Stop the statement under way (from another thread)."""
        with contextlib.suppress(Exception):
            self.conn.cancel_safe()

    def close(self) -> None:
        """Close the connection."""
        self._closed_here = True
        self.conn.close()

    @property
    def connected(self) -> bool:
        """Whether the connection is open and usable (not closed, not broken by the server or the network)."""
        return not self.conn.closed and not self.conn.broken

    def pid(self) -> int | None:
        """The server process of this connection (None once it is closed)."""
        try:
            return int(self.conn.info.backend_pid) or None
        except Exception:  # a closed or broken connection has no process
            return None

    def reconnect(self) -> None:
        """Open a new connection in place of a lost one (ServerUnavailable while the server cannot be reached).

        A transaction under way when the connection was lost was rolled back by the server: nothing of it
        was acknowledged, and the caller may run it again.
        """
        conn = connect(self.conninfo, autocommit=True)
        if self.read_only:
            conn.execute("SET default_transaction_read_only = on")
        old, self.conn = self.conn, conn
        with contextlib.suppress(Exception):
            old.close()


def open_server(
    conninfo: str, *, read_only: bool = False, create: bool = True, project_schema: Schema | None = None
) -> PostgresBackend:
    """Connect to a project database, bringing an older schema (or an empty database) up to date first.

    ``create`` False: NotFound for a database with no project yet (a command that only reads makes none).

    NewerSchema for a schema this app cannot read (nothing changed); PermissionDenied when an upgrade is
    needed and this user may not make it; ServerUnavailable when the server cannot be reached.
    """
    psycopg = load_psycopg()
    conn = connect(conninfo, autocommit=True)
    try:
        backend = PostgresBackend(conn, conninfo)
        where = f"the team project {backend.name}"
        schema.check_database(conn)
        version = schema.schema_version(conn)
        schema.check_version(version, where)
        if version == 0 and not create:
            raise NotFound(
                f"{where} holds no annotator project yet (a command that only reads never creates one; "
                "annotator team init --db … sets one up)"
            )
        if version < schema.SCHEMA_VERSION:
            if read_only:
                raise ReadOnlyDatabase(f"{where} needs an upgrade (schema {version}) but is opened read-only")
            try:
                _upgrade(conn, project_schema)
            except psycopg.errors.InsufficientPrivilege:
                raise PermissionDenied(
                    f"{where} has schema {version} and needs schema {schema.SCHEMA_VERSION}: its owner must "
                    "upgrade it (annotator team init --db …); nothing was changed"
                ) from None
        if read_only:
            conn.execute("SET default_transaction_read_only = on")
            backend.read_only = True
        return backend
    except psycopg.Error as exc:
        conn.close()
        error = translate_error(exc)
        if error is None:
            raise EnvironmentFault(f"the team server refused to open the project: {exc}") from None
        raise error from None
    except BaseException:
        conn.close()
        raise


def _upgrade(conn: psycopg.Connection[Any], project_schema: Schema | None) -> None:
    """Schema steps, the first labels of a new project and the notifications, in one transaction."""
    with conn.transaction():
        before, _ = schema.migrate(conn)
        if before == 0:
            from annotator.store.postgres.team import seed_schema

            seed_schema(conn, project_schema or load_schema())
        notify.install_notifications(conn)
        has_team = conn.execute("SELECT to_regclass('public.team_roles') IS NOT NULL").fetchone()
        if has_team and has_team[0]:
            roles.install_roles(conn)  # the new tables get the team's privileges and rules


__all__ = ["PostgresBackend", "local_folder", "open_server", "to_postgres"]
