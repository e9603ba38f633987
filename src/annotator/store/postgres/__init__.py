"""A project on a PostgreSQL server, for a team sharing one live project.

``Project("postgresql://…")`` (any libpq connection string, ``service=NAME`` included) opens it with the
file's API; what differs is here:

- ``backend``: ``PostgresBackend``, which the store's parts run their statements through (``?`` → ``%s``,
  ``ON CONFLICT`` for upserts, ``RETURNING id``, errors as store errors), and ``open_server`` (the file's
  schema rules: a newer schema refused, an older one upgraded in one transaction).
- ``schema``: the same tables, columns, checks, indexes and triggers as the SQLite file, as numbered steps
  that keep the same version numbers as ``store.migrations``; the integrity rules live in the database
  (offsets cover their text, text frozen once annotated) and search folds accents (``unaccent`` in a text
  search configuration).
- ``roles``: reader / annotator / curator group roles and row-level security, so that the server itself
  refuses an annotator's write to another layer, whatever program sends it.
- ``notify``: every committed write is announced on one ``LISTEN``/``NOTIFY`` channel as a small JSON delta;
  ``ChangeListener`` receives them (a socket to watch, for a Qt socket notifier).
- ``connection``: libpq connection strings and service names, driver checks, error translation.
- ``search``: full-text search with the same query rules as the SQLite file.
- ``team``: what ``annotator team init|add-user|set-role|users`` do.

Nothing here imports psycopg at import time: without the ``team`` extra the rest of the app works, and
``load_psycopg`` says what to install.
"""

from __future__ import annotations

import os
import re
from typing import NoReturn

from annotator.store.errors import DriverMissing, ServerProjectUnsupported

SERVER_SCHEMES = ("postgresql://", "postgres://")

# libpq connection keywords: a "key=value …" string starting with one of these names a server, not a file.
CONNINFO_KEYWORDS = frozenset(
    {
        "host",
        "hostaddr",
        "port",
        "dbname",
        "user",
        "password",
        "passfile",
        "service",
        "sslmode",
        "sslrootcert",
        "sslcert",
        "sslkey",
        "connect_timeout",
        "application_name",
        "options",
        "target_session_attrs",
        "gssencmode",
        "krbsrvname",
        "require_auth",
        "channel_binding",
        "sslcompression",
        "sslcrl",
        "sslpassword",
        "client_encoding",
        "keepalives",
    }
)
_KEYWORD = re.compile(r"^\s*([a-z_]+)\s*=")

MISSING_DRIVER = (
    "a team server needs the PostgreSQL driver psycopg 3: install it with pip install 'annotator[team]' "
    "(or pip install 'psycopg[binary]')"
)


def is_server_address(value: str | os.PathLike[str] | None) -> bool:
    """Whether ``value`` names a PostgreSQL server (a ``postgresql://`` URI or a libpq ``key=value`` string,
    ``service=NAME`` included) rather than a project file. An existing file of that name stays a file."""
    if value is None or isinstance(value, os.PathLike):
        return False
    text = str(value)
    if text.startswith(SERVER_SCHEMES):
        return True
    match = _KEYWORD.match(text)
    return bool(match and match.group(1) in CONNINFO_KEYWORDS and not os.path.exists(text))


def refuse_server_project(address: str) -> NoReturn:
    """Where a team project cannot be opened yet (the window), say what works with a server today (or what
    to install).

    Never repeats ``address``: a connection string may hold a password.
    """
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise DriverMissing(MISSING_DRIVER) from None
    raise ServerProjectUnsupported(
        "this --db names a PostgreSQL team server: the window does not open a team project yet; every other "
        "command does, and 'annotator team init|add-user|set-role|users --db …' set the server up"
    )
