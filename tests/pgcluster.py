"""A throwaway PostgreSQL cluster for the tests: initdb and pg_ctl in a temporary folder.

The server listens on a Unix socket in that folder (and on 127.0.0.1 with TLS, a certificate made here, for
the ``sslmode`` tests), on a free port. The cluster superuser ``postgres`` logs in without a password over
the socket (the test's administrator); everyone else authenticates with SCRAM passwords, as on a real team
server. PostgreSQL refuses to run as root: as root, the cluster runs as the unprivileged user ``nobody``.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ADMIN = "postgres"
UNPRIVILEGED_USER = "nobody"


def server_bindir() -> Path | None:
    """The folder of initdb/pg_ctl/postgres: $PG_BINDIR, pg_config's, the newest Debian one, else PATH."""
    candidates: list[Path] = []
    if os.environ.get("PG_BINDIR"):
        candidates.append(Path(os.environ["PG_BINDIR"]))
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.CalledProcessError):
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=True).stdout
            candidates.append(Path(out.strip()))
    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True)
    candidates.extend(Path(p) for p in debian)
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(os.path.realpath(initdb)).parent)
    for folder in candidates:
        if all((folder / tool).exists() for tool in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Cluster:
    """One running PostgreSQL server for the test session."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        # Short: a Unix socket path must fit in 107 bytes.
        self.base = Path(tempfile.mkdtemp(prefix="annpg-"))
        self.data = self.base / "data"
        self.log = self.base / "server.log"
        self.port = free_port()
        self.tls = False
        self._as_user: dict[str, Any] = {}
        if os.geteuid() == 0:
            entry = pwd.getpwnam(UNPRIVILEGED_USER)
            os.chown(self.base, entry.pw_uid, entry.pw_gid)
            self._as_user = {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}
        os.chmod(self.base, 0o755)  # tests (root or not) reach the socket; the data folder stays 0700

    # -- running the server ------------------------------------------------------------------

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "TZ": "UTC"}
        env.pop("PGDATA", None)
        return subprocess.run(
            [str(a) for a in args], capture_output=True, text=True, check=True, cwd=self.base, env=env, **self._as_user
        )

    def start(self) -> None:
        """initdb, configure, pg_ctl start (waits until the server accepts connections)."""
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            ADMIN,
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--auth=trust",  # pg_hba.conf is written below
            "--no-sync",
            "--no-instructions",
        )
        self.tls = self._make_certificate()
        settings = [
            f"port = {self.port}",
            f"unix_socket_directories = '{self.base}'",
            "listen_addresses = '127.0.0.1'",
            "fsync = off",
            "synchronous_commit = off",
            "full_page_writes = off",
            "shared_buffers = 32MB",
            "max_connections = 60",
            "password_encryption = 'scram-sha-256'",
            "log_min_messages = warning",
        ]
        if self.tls:
            settings += ["ssl = on", "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'"]
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("\n".join(settings) + "\n")
        (self.data / "pg_hba.conf").write_text(
            f"local all {ADMIN} trust\nlocal all all scram-sha-256\nhost all all 127.0.0.1/32 scram-sha-256\n",
            encoding="utf-8",
        )
        self.pg_ctl("-t", "60", "start")

    def pg_ctl(self, *args: str) -> None:
        """Run pg_ctl on this server's data folder and log, waiting until it is done (start, stop…)."""
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", *args)

    def _make_certificate(self) -> bool:
        openssl = shutil.which("openssl")
        if not openssl:
            return False
        try:
            self._run(
                openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-days", "2", "-subj", "/CN=localhost", "-keyout", str(self.data / "server.key"),
                "-out", str(self.data / "server.crt"),
            )  # fmt: skip
        except subprocess.CalledProcessError:
            return False
        (self.data / "server.key").chmod(0o600)
        return True

    def stop(self) -> None:
        """Stop the server at once and delete its folder."""
        with contextlib.suppress(subprocess.CalledProcessError, OSError):
            self.pg_ctl("-m", "immediate", "stop")
        shutil.rmtree(self.base, ignore_errors=True)

    def server_log(self) -> str:
        """The server's log (for failure messages)."""
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    # -- addresses ---------------------------------------------------------------------------

    def conninfo(self, dbname: str = "postgres", user: str = ADMIN, **extra: str) -> str:
        """A libpq key=value string over the Unix socket."""
        parts = {"host": str(self.base), "port": str(self.port), "dbname": dbname, "user": user, **extra}
        return " ".join(f"{k}={_quote(v)}" for k, v in parts.items())

    def url(self, dbname: str = "postgres", user: str = ADMIN) -> str:
        """The same address as a postgresql:// URI (the socket folder as host parameter)."""
        from urllib.parse import quote

        where = f"host={quote(str(self.base))}&port={self.port}"
        return f"postgresql://{quote(user, safe='')}@/{quote(dbname, safe='')}?{where}"

    def tcp_conninfo(self, dbname: str, user: str, **extra: str) -> str:
        """An address over TCP on 127.0.0.1 (where TLS applies)."""
        parts = {"host": "127.0.0.1", "port": str(self.port), "dbname": dbname, "user": user, **extra}
        return " ".join(f"{k}={_quote(v)}" for k, v in parts.items())

    # -- administration ----------------------------------------------------------------------

    def admin(self, dbname: str = "postgres") -> Any:
        """An autocommit superuser connection."""
        import psycopg

        return psycopg.connect(self.conninfo(dbname), autocommit=True)

    def roles(self) -> set[str]:
        """Names of every role in the cluster."""
        with self.admin() as conn:
            return {r[0] for r in conn.execute("SELECT rolname FROM pg_roles").fetchall()}

    @contextlib.contextmanager
    def database(self, name: str, owner: tuple[str, str] | None = None) -> Iterator[str]:
        """A fresh UTF-8 database (dropped afterwards, with every role created meanwhile).

        ``owner``: (name, password) of a login role that may create roles, made to own it, as on a real
        server whose project administrator is no superuser.
        """
        from psycopg import sql

        before = self.roles()
        with self.admin() as conn:
            statement = sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(sql.Identifier(name))
            if owner is not None:
                conn.execute(
                    sql.SQL("CREATE ROLE {} LOGIN CREATEROLE PASSWORD {}").format(
                        sql.Identifier(owner[0]), sql.Literal(owner[1])
                    )
                )
                statement = sql.SQL("{} OWNER {}").format(statement, sql.Identifier(owner[0]))
            conn.execute(statement)
        try:
            yield name
        finally:
            with self.admin() as conn:
                conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
                for role in sorted(self.roles() - before):
                    conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


def _quote(value: str) -> str:
    if value and all(c not in value for c in " '\\"):
        return value
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


class NoServerPrograms(RuntimeError):
    """No PostgreSQL server programs (initdb, pg_ctl) on this machine."""


@contextlib.contextmanager
def throwaway_cluster() -> Iterator[Cluster]:
    """A server of its own for a script (the benchmarks), stopped and deleted at the end; NoServerPrograms when
    no PostgreSQL server programs are installed (``make test`` installs them)."""
    bindir = server_bindir()
    if bindir is None:
        raise NoServerPrograms("no PostgreSQL server programs found (make test installs them)")
    cluster = Cluster(bindir)
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()
