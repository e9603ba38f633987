"""Backups: SQLite's online backup of a project, and rotating automatic copies."""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from annotator.store.errors import EnvironmentFault, translate_sqlite_error
from annotator.store.project import Project


def backup_project(project: Project, target: str | Path) -> Path:
    """Write a consistent copy of ``project`` to ``target`` (written beside it, then renamed into place)."""
    target = Path(target)
    if target.exists() and target.is_dir():
        target = target / project.path.name
    if project.is_project_file(target):
        raise EnvironmentFault("the backup cannot overwrite the project itself")
    partial: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Created exclusively under a fresh name (never through a link planted at a predictable one); the
        # copy then replaces the target's name, a link there included, and never writes through it.
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
        os.close(fd)
        partial = Path(name)
        dest = sqlite3.connect(partial)
        try:
            project._db.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        os.chmod(partial, 0o666 & ~_UMASK)  # mkstemp makes it private; a backup gets a new file's mode
        partial.replace(target)
    except sqlite3.Error as exc:
        if partial is not None:
            partial.unlink(missing_ok=True)
        raise translate_sqlite_error(exc, str(target)) or EnvironmentFault(f"backup failed: {exc}") from None
    except OSError as exc:
        if partial is not None:
            partial.unlink(missing_ok=True)
        raise EnvironmentFault(f"cannot write the backup {target}: {exc.strerror or exc}") from None
    return target


def _read_umask() -> int:
    mask = os.umask(0)  # the only way to read it; done once, at import, before any worker thread writes files
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def rotating_backup(
    project_path: str | Path, folder: str | Path, keep: int = 5, *, source: Project | None = None
) -> Path:
    """Copy the project at ``project_path`` into ``folder`` with a timestamp; keep the newest ``keep`` copies.

    Opens its own read-only connection, so it can run on a worker thread while the app works; or copies
    from ``source``, the open project, on the thread that uses it (a project on a network share is locked
    by its own connection: no other can read it).
    """
    project_path = Path(project_path)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{project_path.stem}-{stamp}.db"
    if source is not None:
        backup_project(source, target)
    else:
        with Project(project_path, read_only=True) as opened:
            backup_project(opened, target)
    # Only this project's copies: "notes-<stamp>.db", never "notes-2024-<stamp>.db" of a project named "notes-2024".
    pattern = re.compile(re.escape(project_path.stem) + r"-\d{8}T\d{12}Z\.db")
    copies = sorted(p for p in folder.glob("*.db") if pattern.fullmatch(p.name))
    for old in copies[:-keep]:
        old.unlink(missing_ok=True)
    return target
