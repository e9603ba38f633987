"""Schema migrations: numbered steps, the version kept in ``PRAGMA user_version``.

Each step is a list of SQL statements that takes the schema from version N-1 to N. All pending
steps run in one transaction; an existing project is copied to a backup file first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

Statement = str | Callable[[sqlite3.Connection], None]


def _allow_model_source(conn: sqlite3.Connection) -> None:
    """Let spans come from a trained model (source 'model').

    SQLite cannot alter a CHECK constraint; widening one changes nothing stored, so the table's
    definition is edited in place, as SQLite documents for such changes (writable_schema, then the
    schema cookie is bumped so every connection reads the new definition).
    """
    old = "'quantity', 'propagation', 'ner', 'curation'"
    new = "'quantity', 'propagation', 'ner', 'model', 'curation'"
    (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'annotations'").fetchone()
    if new in sql:
        return
    if old not in sql:
        raise sqlite3.DatabaseError("the annotations table has an unexpected definition; not upgraded")
    cookie = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    try:
        conn.execute(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'annotations'", [sql.replace(old, new)]
        )
        conn.execute(f"PRAGMA schema_version = {int(cookie) + 1}")
    finally:
        conn.execute("PRAGMA writable_schema = OFF")


SCHEMA_STEPS: list[list[Statement]] = [
    # 1: the first schema
    [
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL,
            source_path TEXT,
            text TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            language TEXT,
            added_at TEXT NOT NULL,
            metadata TEXT NOT NULL DEFAULT '{}',
            done INTEGER NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE labels (
            name TEXT PRIMARY KEY,
            color TEXT NOT NULL,
            hotkey TEXT,
            guideline TEXT NOT NULL DEFAULT '',
            retired INTEGER NOT NULL DEFAULT 0,
            position INTEGER NOT NULL DEFAULT 0,
            attributes TEXT NOT NULL DEFAULT '{}'
        )
        """,
        """
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            label TEXT,
            created TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE annotations (
            id TEXT PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL REFERENCES labels(name) ON UPDATE CASCADE,
            text TEXT NOT NULL,
            annotator TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'accepted' CHECK (status IN ('suggested', 'accepted', 'rejected')),
            source TEXT NOT NULL DEFAULT 'manual'
                CHECK (source IN ('manual', 'import', 'quantity', 'propagation', 'ner', 'curation')),
            review TEXT NOT NULL DEFAULT 'unreviewed' CHECK (review IN ('unreviewed', 'approved', 'rejected')),
            reviewer TEXT,
            review_comment TEXT,
            entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            CHECK (start >= 0 AND "end" > start AND length(text) = "end" - start)
        )
        """,
        'CREATE INDEX annotations_by_document ON annotations (document_id, start, "end")',
        "CREATE INDEX annotations_by_label ON annotations (label)",
        "CREATE INDEX annotations_by_annotator ON annotations (annotator)",
        "CREATE INDEX annotations_by_entity ON annotations (entity_id)",
        """
        CREATE TABLE links (
            id TEXT PRIMARY KEY,
            from_span TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
            to_span TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            annotator TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            CHECK (from_span <> to_span)
        )
        """,
        "CREATE INDEX links_from ON links (from_span)",
        "CREATE INDEX links_to ON links (to_span)",
        """
        CREATE TABLE attributes (
            span_id TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (span_id, name)
        )
        """,
        """
        CREATE TABLE link_types (
            role TEXT NOT NULL,
            from_label TEXT NOT NULL REFERENCES labels(name) ON UPDATE CASCADE,
            to_label TEXT NOT NULL REFERENCES labels(name) ON UPDATE CASCADE,
            PRIMARY KEY (role, from_label, to_label)
        )
        """,
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )
        """,
    ],
    # 2: the fingerprint of a document's source file when it was imported (sha256 of its bytes, size,
    # modification time), so the app can tell when the file changed on disk since; in a table of its
    # own, so recording it never rewrites a document row (nor re-indexes its text).
    [
        """
        CREATE TABLE document_sources (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime TEXT NOT NULL,
            recorded TEXT NOT NULL
        )
        """,
        # Offsets point into the stored text: once a document carries spans, its text is frozen in
        # the file itself, whatever program writes to it.
        """
        CREATE TRIGGER documents_text_frozen BEFORE UPDATE OF text ON documents
        WHEN old.text IS NOT new.text AND EXISTS (SELECT 1 FROM annotations WHERE document_id = old.id)
        BEGIN
            SELECT RAISE(ABORT, 'the text of an annotated document never changes; import it as a new document');
        END
        """,
    ],
    # 3: a covering index, so a document's spans are read from the index alone (20,000 spans: ~60 ms -> ~12 ms);
    # and the full-text index is refreshed only when a title or text changes, not when a document is marked done.
    [
        "CREATE INDEX annotations_by_document_covering ON annotations "
        '(document_id, start, "end", status, label, annotator, id)',
        'DROP TRIGGER IF EXISTS "documents_au"',
        """
        CREATE TRIGGER "documents_au" AFTER UPDATE OF "title", "text" ON "documents" BEGIN
          INSERT INTO "documents_fts" ("documents_fts", rowid, "title", "text")
            VALUES('delete', old.rowid, old."title", old."text");
          INSERT INTO "documents_fts" (rowid, "title", "text") VALUES (new.rowid, new."title", new."text");
        END
        """,
    ],
    # 4: which installation recorded a source fingerprint (a random id kept in the user's data folder, never in
    # the project): the app reads only source files an import on this machine recorded, never a path that came
    # with an annotation set or a project from elsewhere.
    ["ALTER TABLE document_sources ADD COLUMN machine TEXT"],
    # 5: a document is found by its content (sha256, already unique) or, for a re-imported set, by its source
    # path; titles are display names, made unique when a new document's title is taken, which needs the title
    # looked up by index (an import of 25,000 documents must not scan the table for each). A link, like a span,
    # carries a note (brat writes AnnotatorNotes on relations and events).
    [
        "CREATE INDEX documents_by_source_path ON documents (source_path)",
        "CREATE INDEX documents_by_title ON documents (title)",
        "ALTER TABLE links ADD COLUMN note TEXT NOT NULL DEFAULT ''",
    ],
    # 6: suggestions from a model trained on the project's own annotations: the source 'model', and the
    # model's confidence in each span it proposed (a table of its own: one row per scored span, gone with it).
    [
        _allow_model_source,
        """
        CREATE TABLE span_scores (
            span_id TEXT PRIMARY KEY REFERENCES annotations(id) ON DELETE CASCADE,
            score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
            model TEXT NOT NULL
        )
        """,
    ],
]

SCHEMA_VERSION = len(SCHEMA_STEPS)

# SQLite's header field for the application (offset 68): "ANNT". Desktops recognise project files by it.
APPLICATION_ID = 0x414E4E54


def mark_application_id(conn: sqlite3.Connection, busy_timeout_ms: int) -> None:
    """Write the application id into the file's header, once (a header field, not part of the schema).

    Never waits for another writer: a busy file is marked at a later opening.
    """
    if conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID:
        return
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")


def schema_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the file (0 for a new, empty file)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def backup_before_migration(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the project (SQLite online backup) next to it before it is upgraded."""
    target = path.with_name(f"{path.name}.v{version}.bak")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.v{version}.{n}.bak")
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    return target


def apply_steps(db: sqlite_utils.Database, current: int, target: int) -> None:
    """Run the steps that take the schema from version ``current`` to ``target`` (the caller's transaction)."""
    conn = db.conn
    for number, step in enumerate(SCHEMA_STEPS[current:target], start=current + 1):
        for statement in step:
            if callable(statement):
                statement(conn)
            else:
                conn.execute(statement)
        if number == 1:
            # The full-text index (with its triggers) belongs to the first schema; later steps may refine it.
            db.table("documents").enable_fts(
                ["title", "text"],
                fts_version="FTS5",
                create_triggers=True,
                tokenize="unicode61 remove_diacritics 2",
            )


def migrate(db: sqlite_utils.Database, path: Path | None) -> Path | None:
    """Bring the schema up to SCHEMA_VERSION in one transaction; return the backup's path if one was made."""
    conn = db.conn
    current = schema_version(conn)
    if current >= SCHEMA_VERSION:
        return None
    backup = None
    if current > 0 and path is not None:
        backup = backup_before_migration(conn, path, current)
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Re-read inside the write lock: another process may have migrated meanwhile.
        current = schema_version(conn)
        apply_steps(db, current, SCHEMA_VERSION)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return backup
