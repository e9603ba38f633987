"""A project file holds data, never code: its schema must be exactly the one this version creates.

An SQLite file carries code of its own: triggers run on the app's writes, views run when read, and
a table's CHECK, DEFAULT or generated-column expressions run too. A project received from someone
else could reassign spans, delete them, copy notes elsewhere or make a query endless. So before
anything is read or written, every entry of ``sqlite_master`` (tables, FTS5 shadow tables, indexes,
triggers, views) is compared, by type, name, table and SQL, with what the migrations of this version
create for the file's schema version; anything added, missing or changed refuses the file (it is
left byte for byte as it was).

Connections are also hardened: ``PRAGMA trusted_schema = OFF`` (SQLite then refuses functions with
side effects and virtual tables in triggers and views), SQLite's defensive mode where the ``sqlite3``
module can set it (``Connection.setconfig``, Python 3.12 and later; on 3.11 the schema check and
``trusted_schema`` are the defence), and ``cell_size_check`` against crafted pages. The full-text
index is an FTS5 virtual table kept up to date by triggers, which SQLite runs only with a trusted
schema: the store trusts it inside its own write transactions (``trusted_writes``), on a file whose
schema was verified to be exactly ours when it was opened.
"""

from __future__ import annotations

import contextlib
import functools
import re
import sqlite3
from collections.abc import Iterator

import sqlite_utils

from annotator.store.errors import UntrustedSchema

# Tables SQLite itself makes (ANALYZE): statistics for the query planner, never run as code.
SQLITE_OWN = {
    ("table", "sqlite_stat1"): "CREATE TABLE sqlite_stat1(tbl,idx,stat)",
    ("table", "sqlite_stat4"): "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)",
}
_TOKENS = re.compile(
    r"""'(?:[^']|'')*'"""  # a string literal: kept exactly
    r'''|"(?:[^"]|"")*"'''  # quoted identifiers: "x", [x], `x`
    r"|\[[^\]]*\]"
    r"|`(?:[^`]|``)*`"
    r"|\s+"
    r"|[A-Za-z0-9_$]+"
    r"|.",
    re.DOTALL,
)

Entry = tuple[str, str]  # (type, name)


def normalise_sql(sql: str | None) -> tuple[str, ...]:
    """The tokens of a CREATE statement, with layout, keyword case and identifier quoting made irrelevant."""
    if sql is None:
        return ()
    tokens = []
    for token in _TOKENS.findall(sql):
        if token.isspace():
            continue
        if token.startswith("'"):
            tokens.append(token)
        elif token[0] == "[":
            tokens.append(token[1:-1].lower())
        elif token[0] in '"`':
            tokens.append(token[1:-1].replace(token[0] * 2, token[0]).lower())
        else:
            tokens.append(token.lower())
    return tuple(tokens)


def schema_entries(conn: sqlite3.Connection) -> dict[Entry, tuple[str, tuple[str, ...]]]:
    """Every entry of the file's schema: (type, name) -> (table, normalised SQL)."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return {(str(t), str(n)): (str(tbl).lower(), normalise_sql(sql)) for t, n, tbl, sql in rows}


@functools.cache
def expected_schema(version: int) -> dict[Entry, tuple[str, tuple[str, ...]]]:
    """What this version's migrations create, up to schema ``version`` (built once in memory)."""
    from annotator.store.migrations import apply_steps

    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        apply_steps(sqlite_utils.Database(conn), 0, version)
        return schema_entries(conn)
    finally:
        conn.close()


def _describe(entry: Entry, table: str) -> str:
    kind, name = entry
    if kind in ("trigger", "index") and table and table != name.lower():
        return f"{kind} {name!r} on {table}"
    return f"{kind} {name!r}"


def schema_differences(conn: sqlite3.Connection, version: int) -> list[str]:
    """How the file's schema differs from this version's schema ``version`` (empty: identical), code first."""
    expected = expected_schema(version)
    found = schema_entries(conn)
    problems: list[tuple[int, str]] = []
    order = {"view": 0, "trigger": 1, "table": 2, "index": 3}
    for entry, (table, sql) in found.items():
        if entry in SQLITE_OWN and sql == normalise_sql(SQLITE_OWN[entry]):
            continue
        if entry not in expected:
            problems.append((order.get(entry[0], 0), f"an extra {_describe(entry, table)}"))
        elif expected[entry] != (table, sql):
            problems.append((order.get(entry[0], 0), f"a changed {_describe(entry, table)}"))
    for entry, (table, _sql) in expected.items():
        if entry not in found:
            problems.append((order.get(entry[0], 0), f"no {_describe(entry, table)}"))
    return [text for _, text in sorted(problems, key=lambda p: p[0])]


def verify_schema(conn: sqlite3.Connection, version: int, path: str) -> None:
    """Raise UntrustedSchema unless the file's schema is exactly this version's schema ``version``."""
    problems = schema_differences(conn, version)
    if not problems:
        return
    shown = "; ".join(problems[:4]) + (f"; and {len(problems) - 4} more" if len(problems) > 4 else "")
    raise UntrustedSchema(
        f"{path} holds database code or tables that annotator does not create ({shown}); it was not opened, "
        "since a project file runs its triggers and views on your work. Ask its sender for an export "
        "(annotator export --format jsonl --status all) and import that instead"
    )


def harden(conn: sqlite3.Connection) -> None:
    """SQLite's defensive settings for a connection to a file that may come from anyone."""
    setconfig = getattr(conn, "setconfig", None)  # Python 3.12+
    if setconfig is not None:
        setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)  # type: ignore[attr-defined]
        setconfig(sqlite3.SQLITE_DBCONFIG_TRUSTED_SCHEMA, False)  # type: ignore[attr-defined]
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA cell_size_check = ON")


@contextlib.contextmanager
def trusted_writes(conn: sqlite3.Connection) -> Iterator[None]:
    """Let the verified schema's own triggers (the FTS5 index) run during one of the store's writes."""
    conn.execute("PRAGMA trusted_schema = ON")
    try:
        yield
    finally:
        conn.execute("PRAGMA trusted_schema = OFF")


__all__ = [
    "expected_schema",
    "harden",
    "normalise_sql",
    "schema_differences",
    "trusted_writes",
    "verify_schema",
]
