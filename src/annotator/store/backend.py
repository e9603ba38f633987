"""The database under a project: what differs between the SQLite file and a PostgreSQL team server.

The parts of ``Project`` (``store/parts/``) write each statement once, in SQLite's spelling (``?``
placeholders), and run it through the project's backend, which owns the connection:

- ``SqliteBackend`` hands statements to sqlite-utils unchanged: the file is written exactly as before.
- ``PostgresBackend`` (``store/postgres/backend.py``) turns ``?`` into ``%s``, an upsert into
  ``INSERT … ON CONFLICT``, a new row's id into ``RETURNING id``, and its errors into the store's.

What cannot be one statement for both is asked of the backend as a fragment (``json_text``,
``indexed_by``, ``nocase``, ``rowid``), or a part asks ``server`` and calls the server's own function
(search, for one).
"""

from __future__ import annotations

import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from typing import Any, cast

import sqlite_utils

from annotator.store.errors import StoreError, translate_sqlite_error

Row = Sequence[Any]


class Backend(ABC):
    """What the parts need of a database; ``SqliteBackend`` and ``PostgresBackend`` provide it."""

    server: bool = False
    # The column that orders rows the way they were written (SQLite's implicit rowid; an identity on a server).
    rowid: str = "rowid"
    no_limit: int | None = -1  # LIMIT's value for "every row"

    @abstractmethod
    def read(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
        """Rows of a query (errors of the environment as store errors)."""

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement (inside the caller's transaction); returns how many rows it changed."""

    @abstractmethod
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for each of ``rows``."""

    @abstractmethod
    def insert(self, table: str, row: dict[str, Any]) -> int:
        """Insert one row (its ``id`` chosen by the database unless given); returns its id."""

    def insert_plain(self, table: str, row: dict[str, Any]) -> int:
        """``insert`` as one plain statement, for bulk imports (no per-row checks by a helper)."""
        return self.insert(table, row)

    @abstractmethod
    def upsert(self, table: str, row: dict[str, Any], pk: tuple[str, ...]) -> None:
        """Insert ``row``, or update the row with the same primary key ``pk`` with its values."""

    @abstractmethod
    def replace(self, table: str, row: dict[str, Any], pk: tuple[str, ...]) -> None:
        """Insert ``row``, replacing the row with the same primary key (``INSERT OR REPLACE``)."""

    @abstractmethod
    def replace_many(
        self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], pk: tuple[str, ...]
    ) -> None:
        """``replace`` for many rows of ``columns`` at once."""

    @abstractmethod
    def update(self, table: str, pk: str, key: Any, changes: dict[str, Any]) -> None:
        """Set ``changes`` on the row whose primary key ``pk`` is ``key``."""

    @abstractmethod
    def json_text(self, column: str, key: str) -> str:
        """A SQL expression: the member ``key`` of the JSON object in ``column``."""

    def indexed_by(self, index: str) -> str:
        """``INDEXED BY index`` where the database takes such a hint, else nothing."""
        return ""

    @abstractmethod
    def nocase(self, column: str) -> str:
        """A SQL expression ordering ``column`` with ASCII letters' case ignored."""

    def refused(self, table: str, key_column: str, key: Any, what: str) -> StoreError | None:
        """When a write that must change a row changed none: the error to raise if the row is there (a
        server's row rules hid it from this user), else None (deleted meanwhile: the caller's usual case)."""
        return None


class SqliteBackend(Backend):
    """The project file, through sqlite-utils: each call is what the parts ran before there were two."""

    def __init__(self, db: sqlite_utils.Database, path: str) -> None:
        self.db = db
        self.path = path

    def _translated(self, exc: sqlite3.Error) -> Exception:
        return translate_sqlite_error(exc, self.path) or exc

    def read(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
        try:
            return cast(list[Row], self.db.conn.execute(sql, params).fetchall())
        except sqlite3.ProgrammingError as exc:  # the project was closed under a view still on screen
            if "closed" in str(exc):
                raise StoreError(f"{self.path} is closed: {exc}") from None
            raise
        except sqlite3.Error as exc:
            error = translate_sqlite_error(exc, self.path)
            if error is None:
                raise
            raise error from None

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        return int(self.db.execute(sql, list(params)).rowcount)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.db.conn.executemany(sql, list(rows))

    def insert(self, table: str, row: dict[str, Any]) -> int:
        return int(cast(int, self.db.table(table).insert(row).last_pk))

    def insert_plain(self, table: str, row: dict[str, Any]) -> int:
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cursor = self.db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))
        return int(cursor.lastrowid or 0)

    def upsert(self, table: str, row: dict[str, Any], pk: tuple[str, ...]) -> None:
        self.db.table(table).upsert(row, pk=pk[0] if len(pk) == 1 else pk)

    def replace(self, table: str, row: dict[str, Any], pk: tuple[str, ...]) -> None:
        marks = ", ".join("?" for _ in row)
        self.db.execute(f"INSERT OR REPLACE INTO {table} ({', '.join(row)}) VALUES ({marks})", list(row.values()))

    def replace_many(
        self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], pk: tuple[str, ...]
    ) -> None:
        marks = ", ".join("?" for _ in columns)
        self.db.conn.executemany(f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) VALUES ({marks})", list(rows))

    def update(self, table: str, pk: str, key: Any, changes: dict[str, Any]) -> None:
        self.db.table(table).update(key, changes)

    def json_text(self, column: str, key: str) -> str:
        return f"json_extract({column}, '$.{key}')"

    def indexed_by(self, index: str) -> str:
        return f"INDEXED BY {index}"

    def nocase(self, column: str) -> str:
        return f"{column} COLLATE NOCASE"


__all__ = ["Backend", "Row", "SqliteBackend"]
