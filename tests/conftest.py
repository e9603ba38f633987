"""Shared fixtures. Every test runs with its own data folders, so none touches a real user project."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FRENCH = (
    "Selon l’ONU, la Corée du Nord a fourni à la Russie des munitions d’artillerie.\n"
    "Plus de 10\u00a0000 soldats nord-coréens sont déployés ; les experts estiment que c’est un risque.\n"
)
EMOJI = "Le drapeau 🇰🇵 et 😀 : la Corée du Nord 🚀 a livré plus de 1\u202f000 obus à la Russie.\n"


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("ANNOTATOR_DB", str(home / "default.db"))
    monkeypatch.setenv("ANNOTATOR_NAME", "tester")
    # The window follows the system's language: tests speak English unless one asks for French.
    monkeypatch.setenv("LANG", "C.UTF-8")
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    yield
    i18n = sys.modules.get("annotator.ui.i18n")
    if i18n is not None and i18n.current_language() != "en":
        i18n.install_translators("en")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Path of a project file that does not exist yet."""
    return tmp_path / "project.db"


@pytest.fixture
def project(db_path: Path):
    """A fresh project with the default labels."""
    from annotator.store.project import Project

    with Project(db_path) as p:
        yield p


@pytest.fixture
def french_doc(project):
    """A French document with ’, no-break spaces and accents, stored in ``project``."""
    document, _ = project.add_document("Corée", FRENCH)
    return document


@pytest.fixture
def emoji_doc(project):
    """A document with characters outside the BMP before the words to tag."""
    document, _ = project.add_document("Emoji", EMOJI)
    return document


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Any outgoing connection attempt is recorded and refused (importers must fetch nothing)."""
    import socket

    attempts: list[object] = []
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            attempts.append(address)
            raise OSError("network access is not allowed while importing")
        real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **k: guarded(socket.socket(), address))
    return attempts
@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL server for the whole session (``tests/pgcluster.py``), stopped at the end."""
    import subprocess

    pytest.importorskip("psycopg", reason="the team extra (psycopg) is not installed")
    from tests.pgcluster import Cluster, server_bindir

    bindir = server_bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL server installed (make test installs it as root; else apt-get install postgresql)")
    cluster = Cluster(bindir)
    try:
        cluster.start()
    except subprocess.CalledProcessError as exc:
        log = cluster.server_log()
        cluster.stop()
        pytest.fail(f"the test PostgreSQL server did not start: {exc.stderr or exc}\n{log}")
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_database(pg_cluster) -> str:
    """A fresh, empty UTF-8 database on the test server (dropped afterwards with the roles made meanwhile)."""
    import uuid

    with pg_cluster.database(f"project_{uuid.uuid4().hex[:10]}") as name:
        yield name
