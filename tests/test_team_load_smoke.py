"""Smoke run of the team load benchmark on the suite's server: two annotators and a curator writing through
``Project``, a real window watching, for a moment; its row-by-row check finds nothing lost or doubled, and does
find a row taken away or added behind it."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

psycopg = pytest.importorskip("psycopg")
pytestmark = pytest.mark.slow  # real processes and a server


def test_a_short_team_load_loses_and_doubles_nothing_and_its_check_would_say_so(pg_cluster) -> None:
    import team_load

    with pg_cluster.database(f"load_{uuid.uuid4().hex[:8]}") as db:
        # Through Project, with a real window as the other client.
        figures = team_load.load(pg_cluster, db, user_count=2, seconds=1.5, backend="project")
        assert figures["backend"] == "project"
        check = figures["check"]
        assert check["acknowledged"] > 20 and check["rows"] == check["expected"] > 0
        assert (check["lost"], check["duplicated"], figures["missing"]) == (0, 0, 0)
        assert figures["matched"] == check["acknowledged"]  # the window heard of every acknowledged edit
        assert {"tag", "relabel"} <= set(figures["per_op"])
        assert any(e["user"] == "gold" for e in figures["logs"][-1] if e["op"] == "tag")  # the curator adjudicated
        # The check is no formality: a row lost, or one no acknowledged edit explains, is found.
        with pg_cluster.admin(db) as conn:
            gone = conn.execute("DELETE FROM annotations WHERE id = (SELECT min(id) FROM annotations) RETURNING *")
            row = gone.fetchone()
            assert team_load.check(figures["admin"], figures["logs"])["lost"] == 1
            columns = [c.name for c in gone.description]
            values = dict(zip(columns, row, strict=True))
            names = ", ".join(psycopg.sql.Identifier(c).as_string(conn) for c in columns)
            insert = f"INSERT INTO annotations ({names}) VALUES ({', '.join('%s' for _ in columns)})"
            for span_id in (values["id"], "extra-" + values["id"]):
                conn.execute(insert, [*{**values, "id": span_id}.values()])
            again = team_load.check(figures["admin"], figures["logs"])
        assert (again["lost"], again["duplicated"]) == (0, 1)
