"""Fixtures of the team server tests: a project database on the session's throwaway PostgreSQL server."""

from __future__ import annotations

from typing import Any

import pytest

NOW = "2025-01-01T00:00:00.000Z"


def team_addresses(cluster: Any, database: str, passwords: dict[str, str]) -> dict[str, str]:
    """Make ``database`` a team project (``team init``) with one annotator login per name in ``passwords``;
    the administrator's address under ``"admin"`` and each annotator's under their name."""
    from annotator.store.postgres import team

    admin = cluster.conninfo(database)
    team.init_team(admin)
    addresses = {"admin": admin}
    for name, password in passwords.items():
        team.add_user(admin, name, "annotator", password)
        addresses[name] = cluster.conninfo(database, user=name, password=password)
    return addresses


@pytest.fixture
def admin_conninfo(pg_cluster, pg_database) -> str:
    """The administrator's address of a fresh, empty database."""
    return pg_cluster.conninfo(pg_database)


@pytest.fixture
def schema_db(pg_cluster, pg_database):
    """An autocommit administrator connection to a database with the project schema (no team roles)."""
    import psycopg

    from annotator.store.postgres import schema

    with psycopg.connect(pg_cluster.conninfo(pg_database)) as conn:
        schema.migrate(conn)
    with psycopg.connect(pg_cluster.conninfo(pg_database), autocommit=True) as conn:
        yield conn


def add_document(conn: Any, text: str, title: str = "doc", language: str | None = None) -> int:
    """Insert a document row; its id."""
    from annotator.core.model import text_sha256

    row = conn.execute(
        "INSERT INTO documents (title, text, sha256, language, added_at) VALUES (%s, %s, %s, %s, %s) RETURNING id",
        (title, text, text_sha256(text), language, NOW),
    ).fetchone()
    return int(row[0])


def add_label(conn: Any, name: str = "actor", color: str = "#E69F00") -> None:
    """Insert a label row."""
    conn.execute("INSERT INTO labels (name, color) VALUES (%s, %s) ON CONFLICT DO NOTHING", (name, color))


def add_span(
    conn: Any, span_id: str, document_id: int, start: int, end: int, text: str, annotator: str, label: str = "actor"
) -> None:
    """Insert a span row."""
    conn.execute(
        'INSERT INTO annotations (id, document_id, start, "end", label, text, annotator, created, updated) '
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (span_id, document_id, start, end, label, text, annotator, NOW, NOW),
    )
