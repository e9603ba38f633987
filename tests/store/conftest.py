"""The store's tests run on both backends: each test taking ``project`` runs once on a SQLite file and once on
a database of the session's throwaway PostgreSQL server (``tests/pgcluster.py``).

A test about the file itself (its pragmas, its bytes, a second sqlite3 connection) is marked ``file_only``.
The server variant is skipped, saying why, only when no PostgreSQL server is installed (``make test``
installs one).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

BACKENDS = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "store_backend" not in metafunc.fixturenames:
        return
    file_only = metafunc.definition.get_closest_marker("file_only") is not None
    metafunc.parametrize("store_backend", ["sqlite"] if file_only else list(BACKENDS), indirect=True)


@pytest.fixture
def store_backend(request: pytest.FixtureRequest) -> str:
    """Which database the test's project is in: ``sqlite`` or ``postgresql``."""
    return str(request.param)


@pytest.fixture
def project_address(store_backend: str, db_path: Path, request: pytest.FixtureRequest) -> str:
    """Where the test's project is: a file path, or the connection string of a fresh server database."""
    if store_backend == "sqlite":
        return str(db_path)
    cluster = request.getfixturevalue("pg_cluster")
    return str(cluster.conninfo(request.getfixturevalue("pg_database")))


@pytest.fixture
def project(project_address: str) -> Iterator[object]:
    """A fresh project with the default labels, on the test's backend."""
    from annotator.store.project import Project

    # On a server the layer is the login's unless given: the tests write as ANNOTATOR_NAME, as on a file.
    with Project(project_address, annotator=os.environ["ANNOTATOR_NAME"]) as p:
        yield p


@pytest.fixture
def reopen(project_address: str) -> object:
    """Open the test's project again (a second connection, as another program would)."""
    from annotator.store.project import Project

    def open_again() -> Project:
        return Project(project_address, annotator=os.environ["ANNOTATOR_NAME"])

    return open_again
