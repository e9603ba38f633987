"""Errors of the project store, split by whose fault they are.

``EnvironmentFault``: the machine or the file is in the way (locked, full, read-only, not a
database, written by a newer app). The user can act on it; nothing we stored is at risk.
``InputError`` (``ValidationError`` of the core): the request itself is wrong (bad offsets,
unknown label). Anything else escaping the store is our bug.
"""

from __future__ import annotations

import sqlite3

from annotator.core.model import ValidationError

InputError = ValidationError


class StoreError(Exception):
    """Base of every error the store raises on purpose."""


class EnvironmentFault(StoreError):
    """The environment prevents the operation; the file is left as it was."""


class NotADatabase(EnvironmentFault):
    """The file is not an SQLite database, or it is corrupt."""


class UntrustedSchema(NotADatabase):
    """The file holds tables, triggers, views or indexes this version of the app does not create."""


class NewerSchema(EnvironmentFault):
    """The file was written by a newer version of the app."""


class DatabaseBusy(EnvironmentFault):
    """Another process kept the database locked past the timeout."""


class ReadOnlyDatabase(EnvironmentFault):
    """The file (or its folder) cannot be written."""


class DiskFull(EnvironmentFault):
    """The disk, or the database's size limit, is full."""


class ProjectFileGone(EnvironmentFault):
    """The file at the project's path is no longer the one open: moved, deleted or replaced meanwhile."""


class MissingFolder(EnvironmentFault):
    """The project's folder does not exist and creating folders was not asked for."""


class DriverMissing(StoreError):
    """An optional driver the operation needs is not installed (psycopg, for a team server)."""


class ServerProjectUnsupported(StoreError, InputError):
    """A team server address where this part of the app opens only project files (for now)."""


class ServerUnavailable(EnvironmentFault):
    """The database server cannot be reached, or refused the connection (address, login, TLS)."""


class PermissionDenied(EnvironmentFault):
    """The database server refused the operation to this user's role; nothing was written."""


class NotFound(StoreError, LookupError):
    """A document, span, label or link that does not exist."""


class SpanNotFound(NotFound):
    """A span that does not exist (any more): another window or program may have deleted it."""


class LinkNotFound(NotFound):
    """A link that does not exist (any more): deleted elsewhere, or with one of its spans."""


def translate_sqlite_error(exc: sqlite3.Error, path: str) -> StoreError | None:
    """The store error that an sqlite3 error stands for, or None if it is not an environment fault."""
    message = str(exc).lower()
    code = getattr(exc, "sqlite_errorcode", None)
    # "could not decode": text that is not UTF-8 where we only ever write UTF-8, i.e. a damaged page.
    if (
        "file is not a database" in message
        or "malformed" in message
        or "could not decode" in message
        or code in (11, 26)
    ):
        return NotADatabase(f"{path} is not a readable annotator project (not an SQLite database, or corrupt)")
    if "locked" in message or "busy" in message or code in (5, 6):
        return DatabaseBusy(f"{path} is busy: another program kept it locked; try again in a moment")
    if "readonly" in message or "read-only" in message or code == 8:
        return ReadOnlyDatabase(f"{path} is read-only: changes cannot be saved there")
    if "full" in message or code == 13:
        return DiskFull(f"{path}: the disk is full; nothing was written")
    if "unable to open" in message or code == 14:
        return EnvironmentFault(f"{path} cannot be opened: {exc}")
    if "disk i/o" in message or code == 10:
        return EnvironmentFault(f"{path}: disk I/O error: {exc}")
    return None
