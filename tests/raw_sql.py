"""The project file's own SQLite connection, for the tests that must look under the store: pragmas, the schema,
raw row counts, or a file made to misbehave (read-only, full, locked). Code under ``src/`` never does this: the
store is the only place that speaks SQL, and ``Project`` keeps its connection to itself."""

from __future__ import annotations

import sqlite3

from annotator.store.project import Project


def raw_connection(project: Project) -> sqlite3.Connection:
    """The SQLite connection ``project`` writes through (the same transactions, the same pragmas)."""
    return project._db.conn
