"""``annotator team …`` in real child processes against the test PostgreSQL server, and ``--db`` addresses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.store.migrations import SCHEMA_VERSION
from tests.processes import child_env

psycopg = pytest.importorskip("psycopg")


def annotator(*args: str, stdin: str = "", env: dict[str, str] | None = None, cwd: Path | None = None):
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env or child_env(),
        cwd=cwd,
        timeout=120,
    )


def ok(*args: str, stdin: str = "") -> str:
    result = annotator(*args, stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def one_line_error(result, code: int, *fragments: str) -> None:
    assert result.returncode == code, (result.stdout, result.stderr)
    assert result.stderr.startswith("annotator: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


def test_a_team_server_set_up_from_the_command_line(pg_cluster, pg_database) -> None:
    admin = pg_cluster.url(pg_database)
    out = ok("team", "init", "--db", admin)
    assert f"{pg_database}: created the project (schema {SCHEMA_VERSION}," in out
    assert f"annotator = {pg_database}_annotator" in out
    assert ok("team", "users", "--db", admin).splitlines()[2:] == []  # the header only: nobody yet

    out = ok("team", "add-user", "alice", "--role", "annotator", "--db", admin, stdin="correct horse\n")
    assert "alice: annotator (created the login; password set)" in out
    assert "correct horse" not in out
    ok("team", "add-user", "carol", "--role", "curator", "--db", admin, stdin="c4rol\n")
    ok("team", "add-user", "rita", "--role", "reader", "--no-password", "--db", admin)
    assert json.loads(ok("team", "users", "--json", "--db", admin)) == [
        {"name": "alice", "role": "annotator", "can_login": True},
        {"name": "carol", "role": "curator", "can_login": True},
        {"name": "rita", "role": "reader", "can_login": True},
    ]
    # alice logs in with the password she was given, and writes her own layer only.
    with psycopg.connect(pg_cluster.conninfo(pg_database, user="alice", password="correct horse")) as conn:
        assert conn.execute("SELECT count(*) FROM labels").fetchone()[0] >= 4  # the default labels
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO labels (name, color) VALUES ('x', '#000000')")

    assert "alice: annotator -> curator" in ok("team", "set-role", "alice", "curator", "--db", admin)
    assert "rita: reader -> annotator" in ok("team", "--db", admin, "set-role", "rita", "annotator")
    roles = {u["name"]: u["role"] for u in json.loads(ok("team", "users", "--json", "--db", admin))}
    assert roles == {"alice": "curator", "carol": "curator", "rita": "annotator"}
    with psycopg.connect(pg_cluster.conninfo(pg_database, user="alice", password="correct horse")) as conn:
        conn.execute("INSERT INTO labels (name, color) VALUES ('rumour', '#000000')")  # a curator now

    assert f"the project is up to date (schema {SCHEMA_VERSION}); roles refreshed" in ok("team", "init", "--db", admin)
    assert {u["name"] for u in json.loads(ok("team", "users", "--json", "--db", admin))} == {"alice", "carol", "rita"}


def test_the_readmes_five_commands_work_for_an_administrator_who_is_no_superuser(pg_cluster) -> None:
    with pg_cluster.database("corpus", owner=("corpus_admin", "adm1n")):
        admin = pg_cluster.url("corpus", user="corpus_admin").replace("?", "?password=adm1n&")
        assert "corpus: created the project" in ok("team", "init", "--db", admin)
        ok("team", "add-user", "camille", "--role", "annotator", "--db", admin, stdin="c\n")
        ok("team", "add-user", "sam", "--role", "curator", "--db", admin, stdin="s\n")
        with psycopg.connect(pg_cluster.conninfo("corpus", user="sam", password="s"), autocommit=True) as sam:
            sam.execute("INSERT INTO documents (title, text, sha256, added_at) VALUES ('t', 'Selon l’ONU.', 'sha', '')")
        with psycopg.connect(pg_cluster.conninfo("corpus", user="camille", password="c"), autocommit=True) as camille:
            camille.execute(
                'INSERT INTO annotations (id, document_id, start, "end", label, text, annotator, created, updated) '
                "VALUES ('s', 1, 8, 11, 'actor', 'ONU', 'camille', '', '')"
            )
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                camille.execute("UPDATE annotations SET annotator = 'gold'")
        assert "up to date" in ok("team", "init", "--db", admin)


def test_team_command_errors_are_one_line(pg_cluster, pg_database) -> None:
    admin = pg_cluster.url(pg_database)
    one_line_error(annotator("team", "users", "--db", admin), 1, "team init")
    ok("team", "init", "--db", admin)
    one_line_error(
        annotator("team", "add-user", "gold", "--role", "annotator", "--db", admin, stdin="x\n"), 2, "reserved"
    )
    one_line_error(annotator("team", "add-user", "bob", "--role", "boss", "--db", admin), 2, "invalid choice")
    one_line_error(annotator("team", "add-user", "bob", "--role", "annotator", "--db", admin), 2, "no password")
    one_line_error(annotator("team", "set-role", "nobody_here", "reader", "--db", admin), 2, "no user nobody_here")
    one_line_error(annotator("team", "set-role", f"{pg_database}_curator", "reader", "--db", admin), 2, "group role")
    ok("team", "add-user", "bob", "--role", "annotator", "--db", admin, stdin="pw\n")
    one_line_error(
        annotator("team", "add-user", "bob", "--role", "curator", "--db", admin, stdin="pw\n"), 2, "set-role"
    )
    one_line_error(annotator("team", "init"), 2, "--db")
    one_line_error(annotator("team", "init", "--db", "project.db"), 2, "not a PostgreSQL server address")
    # A member may not set the team up.
    as_bob = pg_cluster.url(pg_database, user="bob").replace("?", "?password=pw&")
    one_line_error(annotator("team", "add-user", "eve", "--role", "curator", "--db", as_bob, stdin="e\n"), 1, "refused")


def test_an_unreachable_server_is_one_line_without_the_password(pg_cluster, tmp_path: Path) -> None:
    dead = f"host={tmp_path} port=1 dbname=corpus user=admin password=s3cret-word connect_timeout=2"
    result = annotator("team", "init", "--db", dead)
    one_line_error(result, 1, "cannot connect to the team server admin@")
    assert "s3cret-word" not in result.stderr


def test_the_password_is_asked_twice_on_a_terminal(monkeypatch, capsys, pg_cluster, pg_database) -> None:
    import getpass

    admin = pg_cluster.conninfo(pg_database)
    assert main(["team", "init", "--db", admin]) == 0
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    answers = iter(["first", "second"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    assert main(["team", "add-user", "dora", "--role", "reader", "--db", admin]) == 2
    assert "differ" in capsys.readouterr().err
    answers = iter(["same", "same"])
    assert main(["team", "add-user", "dora", "--role", "reader", "--db", admin]) == 0
    psycopg.connect(pg_cluster.conninfo(pg_database, user="dora", password="same")).close()


@pytest.mark.parametrize(
    "args",
    [
        ("docs", "--db", "postgresql://alice:pw@db.example.org/corpus"),
        ("spans", "--db", "service=corpus", "list"),
        ("import", "--db", "host=db.example.org dbname=corpus password=pw", "notes.txt"),
        ("copy", "--db", "postgres://alice:pw@db.example.org/corpus", "--to", "copy.db"),
    ],
)
def test_a_server_address_is_not_taken_for_a_file(args, tmp_path: Path) -> None:
    result = annotator(*args, cwd=tmp_path)
    one_line_error(result, 1, "cannot connect to the team server")
    assert "pw" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # no "postgresql:" folder, no file


@pytest.fixture
def without_psycopg(tmp_path: Path) -> dict[str, str]:
    """A child environment where importing psycopg fails, as without the team extra."""
    blocker = tmp_path / "blocker" / "psycopg"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text('raise ImportError("psycopg is not installed here")\n', encoding="utf-8")
    env = child_env()
    env["PYTHONPATH"] = f"{blocker.parent}{os.pathsep}{env['PYTHONPATH']}"
    return env


@pytest.mark.parametrize(
    "args",
    [
        ("team", "init", "--db", "postgresql://admin@db.example.org/corpus"),
        ("team", "users", "--db", "service=corpus"),
        ("docs", "--db", "postgresql://alice@db.example.org/corpus"),
        ("stats", "--db", "host=db.example.org dbname=corpus"),
    ],
)
def test_without_the_driver_every_server_address_says_what_to_install(args, without_psycopg) -> None:
    one_line_error(annotator(*args, env=without_psycopg), 2, "pip install 'annotator[team]'")


def test_without_the_driver_files_work_as_before(without_psycopg, tmp_path: Path) -> None:
    project = str(tmp_path / "p.db")
    result = annotator("labels", "add", "rumour", "--db", project, env=without_psycopg)
    assert result.returncode == 0, result.stderr
    result = annotator("labels", "list", "--db", project, env=without_psycopg)
    assert result.returncode == 0 and "rumour" in result.stdout, result.stderr


def test_a_service_name_and_a_password_file_are_all_the_command_needs(pg_cluster, pg_database, tmp_path: Path) -> None:
    admin = pg_cluster.conninfo(pg_database)
    assert main(["team", "init", "--db", admin]) == 0
    assert main(["team", "add-user", "nina", "--role", "curator", "--no-password", "--db", admin]) == 0
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("ALTER ROLE nina PASSWORD 'n1na'")
    services = tmp_path / "pg_service.conf"
    services.write_text(
        f"[corpus]\nhost={pg_cluster.base}\nport={pg_cluster.port}\ndbname={pg_database}\nuser=nina\n", encoding="utf-8"
    )
    passwords = tmp_path / "pgpass"
    passwords.write_text(f"*:*:{pg_database}:nina:n1na\n", encoding="utf-8")
    passwords.chmod(0o600)
    env = child_env(PGSERVICEFILE=str(services), PGPASSFILE=str(passwords))
    result = annotator("team", "users", "--json", "--db", "service=corpus", env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [{"name": "nina", "role": "curator", "can_login": True}]
    url = annotator("team", "users", "--json", "--db", "postgresql:///?service=corpus", env=env)
    assert url.returncode == 0 and json.loads(url.stdout) == json.loads(result.stdout)
