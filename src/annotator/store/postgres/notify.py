"""Live changes on a team server: every committed write announced on one ``LISTEN``/``NOTIFY`` channel.

Statement-level triggers (with transition tables, so a bulk import is a handful of messages, not one per
row) send, for each table and each document a statement touched, a small JSON delta::

    {"table": "annotations", "op": "update", "document_id": 12, "ids": ["…uuid…"], "count": 1, "user": "alice"}

``ids`` are the changed rows' keys as text (span and link UUIDs, document and entity ids, label names, for
``attributes`` the spans whose attributes changed); when they would not fit in a notification (8000 bytes)
``ids`` is null and ``count`` says how many: reload what ``document_id`` names (or the whole table).
``document_id`` is null for tables outside documents (labels, settings…) and for links deleted together with
their spans (the spans' own message names the document). PostgreSQL delivers notifications when, and only
if, the transaction commits, in commit order; each carries the writer's server process id, so a window can
skip its own echoes.

``ChangeListener`` holds its own connection: ``wait(timeout)`` blocks up to ``timeout`` seconds for changes,
``pending()`` reads what has arrived without blocking, and ``fileno()`` is the socket to watch (a
``QSocketNotifier`` in the window calls ``pending()`` when it becomes readable).
"""

from __future__ import annotations

import json
import select
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.store.errors import ServerUnavailable
from annotator.store.postgres.connection import connect, load_psycopg, translate_error

if TYPE_CHECKING:
    import psycopg

CHANNEL = "annotator_changes"
PAYLOAD_LIMIT = 7800  # bytes; PostgreSQL refuses payloads of 8000 bytes or more

# (table, key of a row as text, the row's document id) for every table of the project.
NOTIFIED_TABLES: tuple[tuple[str, str, str], ...] = (
    ("documents", "r.id::text", "r.id"),
    ("document_sources", "r.document_id::text", "r.document_id"),
    ("annotations", "r.id", "r.document_id"),
    ("links", "r.id", "(SELECT a.document_id FROM public.annotations a WHERE a.id = r.from_span)"),
    ("attributes", "r.span_id", "(SELECT a.document_id FROM public.annotations a WHERE a.id = r.span_id)"),
    ("labels", "r.name", "NULL::bigint"),
    ("link_types", "r.role", "NULL::bigint"),
    ("entities", "r.id::text", "NULL::bigint"),
    ("settings", "r.key", "NULL::bigint"),
)

_FUNCTION = f"""
CREATE OR REPLACE FUNCTION annotator_notify_change() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
DECLARE
    item record;
    payload jsonb;
BEGIN
    -- TG_ARGV: [0] the key of a row, [1] its document id, as SQL over the transition table "r".
    FOR item IN EXECUTE format(
        'SELECT document_id, array_agg(DISTINCT key ORDER BY key) AS ids, count(DISTINCT key) AS n '
        'FROM (SELECT %s AS key, %s AS document_id FROM %I r) changed GROUP BY document_id',
        TG_ARGV[0], TG_ARGV[1], CASE TG_OP WHEN 'DELETE' THEN 'old_rows' ELSE 'new_rows' END)
    LOOP
        payload := jsonb_build_object(
            'table', TG_TABLE_NAME, 'op', lower(TG_OP), 'document_id', item.document_id,
            'ids', to_jsonb(item.ids), 'count', item.n, 'user', current_user);
        IF octet_length(payload::text) > {PAYLOAD_LIMIT} THEN
            payload := jsonb_set(payload, '{{ids}}', 'null'::jsonb);
        END IF;
        PERFORM pg_notify('{CHANNEL}', payload::text);
    END LOOP;
    RETURN NULL;
END
$$
"""


def notification_statements() -> list[str]:
    """SQL that (re)creates the notification function and every table's triggers (idempotent)."""
    statements = [_FUNCTION]
    for table, key, document in NOTIFIED_TABLES:
        args = f"{_sql_string(key)}, {_sql_string(document)}"
        for op, referencing in (
            ("insert", "REFERENCING NEW TABLE AS new_rows"),
            ("update", "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"),
            ("delete", "REFERENCING OLD TABLE AS old_rows"),
        ):
            name = f"annotator_notify_{op}"
            statements.append(f"DROP TRIGGER IF EXISTS {name} ON public.{table}")
            statements.append(
                f"CREATE TRIGGER {name} AFTER {op.upper()} ON public.{table} {referencing} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION annotator_notify_change({args})"
            )
    return statements


def install_notifications(conn: psycopg.Connection[Any]) -> None:
    """Create or refresh the notification triggers on every project table (in the caller's transaction)."""
    for statement in notification_statements():
        conn.execute(statement)


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True, slots=True)
class ChangeEvent:
    """One committed change announced by the server."""

    table: str
    op: str  # insert, update or delete
    document_id: int | None
    ids: tuple[str, ...] | None  # None: too many to list; reload the document (or the table)
    count: int
    user: str  # the database user who wrote it
    pid: int  # the server process of the writing connection (compare with your own to skip echoes)

    @classmethod
    def from_payload(cls, payload: str, pid: int) -> ChangeEvent:
        """Parse a notification's JSON payload."""
        data = json.loads(payload)
        ids = data.get("ids")
        document = data.get("document_id")
        return cls(
            table=str(data["table"]),
            op=str(data["op"]),
            document_id=None if document is None else int(document),
            ids=None if ids is None else tuple(str(i) for i in ids),
            count=int(data.get("count", 0)),
            user=str(data.get("user", "")),
            pid=int(pid),
        )


class ChangeListener:
    """Listens to a project's change channel on a connection of its own."""

    def __init__(self, conninfo: str, channel: str = CHANNEL) -> None:
        pg = load_psycopg()
        self.channel = channel
        self.conn: psycopg.Connection[Any] = connect(conninfo, autocommit=True)
        try:
            self.conn.execute(pg.sql.SQL("LISTEN {}").format(pg.sql.Identifier(channel)))
        except pg.Error as exc:
            self.conn.close()
            raise translate_error(exc) or exc from None

    def fileno(self) -> int:
        """The connection's socket: readable when notifications (or a disconnection) arrive."""
        return self.conn.fileno()

    def wait(self, timeout: float) -> list[ChangeEvent]:
        """Changes that arrive within ``timeout`` seconds (returns as soon as some have), else []."""
        events = self.pending()
        if events:
            return events
        try:
            ready, _, _ = select.select([self.conn.fileno()], [], [], max(0.0, timeout))
        except (OSError, ValueError) as exc:  # a closed socket
            raise ServerUnavailable(f"the team server connection is closed: {exc}") from None
        events = self.pending() if ready else []
        if not events:
            self._check_alive()
        return events

    def _check_alive(self) -> None:
        """Raise ServerUnavailable if the connection is gone. A wait that ends with no notification may have
        been woken by the server's goodbye, which psycopg can read without raising (or not yet have seen):
        one round trip tells."""
        psycopg = load_psycopg()
        if self.conn.closed or self.conn.broken:
            raise ServerUnavailable("the team server connection was lost (closed by the server)")
        try:
            self.conn.execute("SELECT 1")
        except psycopg.Error as exc:
            raise ServerUnavailable(f"the team server connection was lost: {exc}") from None

    def pending(self) -> list[ChangeEvent]:
        """Every change already received, without blocking."""
        psycopg = load_psycopg()
        events = []
        try:
            for notify in self.conn.notifies(timeout=0.0):
                if notify.channel == self.channel:
                    events.append(ChangeEvent.from_payload(notify.payload, notify.pid))
        except psycopg.Error as exc:
            raise ServerUnavailable(f"the team server connection was lost: {exc}") from None
        return events

    def close(self) -> None:
        """Stop listening and close the connection."""
        self.conn.close()

    def __enter__(self) -> ChangeListener:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
