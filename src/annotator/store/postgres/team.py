"""Setting up a team database: what ``annotator team init|add-user|set-role|users`` do, without the CLI.

Each function opens its own connection from a libpq address, runs in one transaction and turns the
server's refusals into store errors (PermissionDenied, ServerUnavailable, ValidationError…).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.core.schema import Schema, load_schema
from annotator.store.postgres import notify, roles, schema
from annotator.store.postgres.connection import connect, load_psycopg, translate_error

if TYPE_CHECKING:
    import psycopg


@dataclass(frozen=True, slots=True)
class TeamSetup:
    """What ``init_team`` did."""

    database: str
    version_before: int
    version: int
    groups: dict[str, str]
    seeded_labels: int


@contextlib.contextmanager
def _session(conninfo: str) -> Iterator[psycopg.Connection[Any]]:
    """A connection in one transaction; psycopg errors come out as store errors."""
    psycopg = load_psycopg()
    conn = connect(conninfo)
    try:
        with conn.transaction():
            yield conn
    except psycopg.Error as exc:
        raise translate_error(exc) or exc from None
    finally:
        conn.close()


def seed_schema(conn: psycopg.Connection[Any], project_schema: Schema) -> int:
    """Write the labels and link types of a new project (in the caller's transaction); how many labels."""
    for label in project_schema.labels:
        conn.execute(
            "INSERT INTO labels (name, color, hotkey, guideline, retired, position, attributes) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s)",
            (
                label.name,
                label.color,
                label.hotkey,
                label.guideline,
                int(label.retired),
                label.position,
                json.dumps({k: list(v) for k, v in label.attributes.items()}, ensure_ascii=False),
            ),
        )
    for link_type in project_schema.link_types:
        for to_label in link_type.to_labels:
            conn.execute(
                "INSERT INTO link_types (role, from_label, to_label) VALUES (%s, %s, %s)",
                (link_type.role, link_type.from_label, to_label),
            )
    return len(project_schema.labels)


def init_team(conninfo: str, prefix: str | None = None, project_schema: Schema | None = None) -> TeamSetup:
    """Create or upgrade the project schema, its notifications and its team roles, in one transaction.

    Run by the database's owner with the right to create roles. A new project starts with the default
    labels (or ``project_schema``'s); running it again upgrades and refreshes, and keeps everything stored.
    """
    with _session(conninfo) as conn:
        before, after = schema.migrate(conn)
        seeded = seed_schema(conn, project_schema or load_schema()) if before == 0 else 0
        notify.install_notifications(conn)
        groups = roles.install_roles(conn, prefix)
        return TeamSetup(conn.info.dbname, before, after, groups, seeded)


def add_user(conninfo: str, name: str, role: str, password: str | None) -> bool:
    """Give ``name`` a role in the project (a new login role if needed: returns True then)."""
    with _session(conninfo) as conn:
        return roles.add_user(conn, name, role, password)


def set_role(conninfo: str, name: str, role: str) -> str | None:
    """Change the role of ``name``; returns the role held before."""
    with _session(conninfo) as conn:
        return roles.set_role(conn, name, role)


def team_users(conninfo: str) -> list[roles.TeamUser]:
    """Everyone with a role in the project."""
    with _session(conninfo) as conn:
        return roles.team_users(conn)
