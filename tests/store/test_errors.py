"""Bad databases and a busy or full file: a clear EnvironmentFault, the file left as it was, nothing half-written."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from annotator.store.errors import (
    DatabaseBusy,
    DiskFull,
    EnvironmentFault,
    NewerSchema,
    NotADatabase,
    ReadOnlyDatabase,
)
from annotator.store.migrations import SCHEMA_VERSION
from annotator.store.project import Project
from tests.conftest import FRENCH
from tests.raw_sql import raw_connection


@pytest.fixture
def real_project(tmp_path: Path) -> Path:
    """A closed project file with a document and a span, checkpointed into the main file."""
    path = tmp_path / "real.db"
    with Project(path) as project:
        document, _ = project.add_document("Corée", FRENCH * 200)
        project.add_span(int(document.id or 0), 8, 11, "actor")
    return path


def sidecars(path: Path) -> list[Path]:
    return [p for p in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")) if p.exists()]


def assert_refused_untouched(path: Path, error: type[EnvironmentFault], match: str) -> EnvironmentFault:
    before = path.read_bytes()
    with pytest.raises(error, match=match) as info:
        Project(path)
    assert isinstance(info.value, EnvironmentFault)
    assert str(path) in str(info.value)
    assert path.read_bytes() == before
    assert sidecars(path) == []
    return info.value


def test_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("Ceci n’est pas une base SQLite.\n", encoding="utf-8")
    assert_refused_untouched(path, NotADatabase, "not an annotator project")


def test_a_binary_file_that_is_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "image.db"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    assert_refused_untouched(path, NotADatabase, "not an SQLite database")


@pytest.mark.parametrize("keep", [100, 1500, 4096 * 3])
def test_a_truncated_sqlite_file(real_project: Path, keep: int) -> None:
    data = real_project.read_bytes()
    real_project.write_bytes(data[:keep])
    assert_refused_untouched(real_project, NotADatabase, "corrupt")


def test_a_file_with_garbage_after_its_header(real_project: Path) -> None:
    data = real_project.read_bytes()
    real_project.write_bytes(data[:4096] + b"\xa5" * (len(data) - 4096))
    assert_refused_untouched(real_project, NotADatabase, "corrupt")


def test_damage_found_later_is_a_clear_fault_every_time(real_project: Path) -> None:
    # Damage a page deep inside the file: the file opens, and every use of the damaged part says so.
    data = bytearray(real_project.read_bytes())
    with sqlite3.connect(real_project) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'annotations'").fetchone()[0]
    conn.close()
    data[(root - 1) * page_size : root * page_size] = b"\xa5" * page_size
    real_project.write_bytes(bytes(data))
    with Project(real_project) as project:
        with pytest.raises(NotADatabase, match="corrupt"):
            project.spans()
        with pytest.raises(NotADatabase, match="corrupt"):
            project.add_span(1, 0, 5, "actor")
        assert project.document_text(1).startswith("Selon")  # what is intact stays readable


def test_a_database_written_by_a_newer_version(real_project: Path) -> None:
    with sqlite3.connect(real_project) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    error = assert_refused_untouched(real_project, NewerSchema, "newer version of annotator")
    assert "left untouched" in str(error)


def test_a_newer_database_in_rollback_journal_mode_is_not_switched_to_wal(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    assert_refused_untouched(path, NewerSchema, "newer version")


def test_an_sqlite_file_of_another_program(tmp_path: Path) -> None:
    path = tmp_path / "places.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    conn.commit()
    conn.close()
    assert_refused_untouched(path, NotADatabase, "another program")


def test_a_folder(tmp_path: Path) -> None:
    with pytest.raises(NotADatabase, match="folder"):
        Project(tmp_path)


def test_a_missing_file_when_creating_is_not_allowed(tmp_path: Path) -> None:
    with pytest.raises(EnvironmentFault, match="does not exist"):
        Project(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


def test_read_only_project_reads_and_refuses_writes(real_project: Path) -> None:
    before = real_project.read_bytes()
    with Project(real_project, read_only=True) as project:
        assert project.read_only
        assert [s.text for s in project.spans()] == ["ONU"]
        for write in (
            lambda: project.add_span(1, 0, 5, "actor"),
            lambda: project.add_document("x", "nouveau texte"),
            lambda: project.add_label("weapon"),
            lambda: project.set_setting("k", "v"),
        ):
            with pytest.raises(ReadOnlyDatabase, match="read-only"):
                write()
    assert real_project.read_bytes() == before


def test_sqlite_itself_refuses_writes_through_a_read_only_uri(real_project: Path) -> None:
    # Below our own check: the connection is opened with mode=ro, so even a raw write fails.
    with Project(real_project, read_only=True) as project, pytest.raises(sqlite3.OperationalError, match="readonly"):
        raw_connection(project).execute("DELETE FROM annotations")
    with Project(real_project) as project:
        assert len(project.spans()) == 1


def test_a_read_only_uri_opens_read_only(real_project: Path) -> None:
    before = real_project.read_bytes()
    with Project(f"file:{real_project}?mode=ro") as project:
        assert project.read_only and project.path == real_project
        assert [s.text for s in project.spans()] == ["ONU"]
        with pytest.raises(ReadOnlyDatabase):
            project.add_span(1, 0, 5, "actor")
    assert real_project.read_bytes() == before


def test_a_connection_that_may_not_write_is_found_at_open(real_project: Path, monkeypatch) -> None:
    # The file is already in WAL mode, so switching to WAL writes nothing and cannot tell: a connection
    # made read-only behind our back (mode=ro forced, a read-only medium) must still be seen at open.
    with Project(real_project):
        pass
    connect = sqlite3.connect

    def read_only_connect(database: str, *args, **kwargs):
        return connect(str(database).replace("mode=rwc", "mode=ro"), *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only_connect)
    with Project(real_project) as project:
        assert project.read_only
        with pytest.raises(ReadOnlyDatabase, match="read-only"):
            project.add_span(1, 0, 5, "actor")
        assert len(project.spans()) == 1


def test_a_full_disk_writes_nothing_and_the_project_goes_on(db_path: Path) -> None:
    with Project(db_path) as project:
        document, _ = project.add_document("Corée", FRENCH)
        conn = raw_connection(project)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(DiskFull, match="full"):
            project.add_document("Big", "Une très longue dépêche. " * 20_000)
        with pytest.raises(DiskFull, match="full"):
            project.add_spans(
                [
                    project.make_span(int(document.id or 0), i, i + 1, "actor", annotator="a", note="n" * 2000)
                    for i in range(150)
                ]
            )
        # Nothing of the failed writes landed, and the project is still usable.
        assert [d.title for d in project.documents()] == ["Corée"]
        assert project.spans() == []
        assert project.add_span(int(document.id or 0), 8, 11, "actor").text == "ONU"
        conn.execute("PRAGMA max_page_count = 1073741823")
        project.add_document("Big", "Une très longue dépêche. " * 20_000)
    with sqlite3.connect(db_path) as other:
        assert other.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
        assert other.execute("SELECT count(*) FROM annotations").fetchone()[0] == 1
        assert other.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_busy_database_gives_up_after_the_timeout(real_project: Path) -> None:
    blocker = sqlite3.connect(real_project, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with Project(real_project, timeout=0.2) as project:
            assert [s.text for s in project.spans()] == ["ONU"]  # reading is never blocked (WAL)
            started = time.monotonic()
            with pytest.raises(DatabaseBusy, match="busy") as info:
                project.add_span(1, 16, 21, "actor")
            waited = time.monotonic() - started
            assert isinstance(info.value, EnvironmentFault)
            assert 0.15 <= waited < 3
            assert len(project.spans()) == 1
            blocker.execute("COMMIT")
            assert project.add_span(1, 16, 21, "actor").text == FRENCH[16:21]
    finally:
        if blocker.in_transaction:
            blocker.execute("ROLLBACK")
        blocker.close()
    with sqlite3.connect(real_project) as conn:
        assert conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == 2


def test_a_project_opened_while_another_process_writes_is_writable(real_project: Path) -> None:
    import subprocess
    import sys

    holder = subprocess.Popen(
        [sys.executable, "-c", (
            "import sqlite3, sys\n"
            f"c = sqlite3.connect({str(real_project)!r}, isolation_level=None)\n"
            "c.execute('BEGIN IMMEDIATE'); print('held', flush=True); sys.stdin.read()\n"
        )],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    opened: list[Project] = []
    try:
        assert holder.stdout.readline().strip() == "held"
        # Opened on a thread: a probe that waited for the other writer would still be waiting (busy timeout
        # of 10 minutes) when the other writer is let go below, and the project would not have been opened.
        import threading

        opening = threading.Thread(target=lambda: opened.append(Project(real_project, timeout=600)))
        opening.start()
        opening.join(60)
        assert opened, "opening waited for the other process's write transaction"
        project = opened[0]
        assert not project.read_only
        assert raw_connection(project).execute("PRAGMA busy_timeout").fetchone()[0] == 600_000  # restored
    finally:
        holder.communicate("")
        for project in opened:
            project.close()


def test_a_project_opened_by_a_relative_path_survives_a_change_of_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with Project("relatif.db") as project:
        monkeypatch.chdir("/")
        document, created = project.add_document("Corée", FRENCH)
        assert created and project.path == tmp_path / "relatif.db"
    with Project(tmp_path / "relatif.db") as again:
        assert again.document(int(document.id or 0)).title == "Corée"
