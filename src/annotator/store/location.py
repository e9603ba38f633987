"""Where the default project lives, this installation's id, and the sample documents shipped with the app."""

from __future__ import annotations

import functools
import getpass
import hashlib
import os
import socket
import uuid
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "annotator"


def default_project_path() -> Path:
    """ANNOTATOR_DB if set, else ``annotator.db`` in the user data folder."""
    env = os.environ.get("ANNOTATOR_DB")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "annotator.db"


def installation_id() -> str:
    """A random id of this installation (this user on this machine), kept in the user data folder.

    The app records it with every source file an import fingerprints, and reads only source files
    recorded under its own id: a path that came inside a project or a set from elsewhere is a record,
    never a file to open.
    """
    return _installation_id(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))


@functools.cache
def _installation_id(folder: Path) -> str:
    path = folder / "installation-id"
    for _attempt in range(2):
        try:
            value = path.read_text(encoding="ascii").strip()
            if len(value) == 32 and all(c in "0123456789abcdef" for c in value):
                return value
        except (OSError, UnicodeDecodeError):
            pass
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue  # made meanwhile by another process: read it
        except OSError:
            break
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(uuid.uuid4().hex + "\n")
        return path.read_text(encoding="ascii").strip()
    # No writable data folder: the same id every time from who and where we are.
    try:
        who = getpass.getuser()
    except (OSError, KeyError):
        who = ""
    return hashlib.sha256(f"{socket.gethostname()}|{who}|{Path.home()}".encode()).hexdigest()[:32]


def sample_docs_path() -> Path:
    """The folder of sample documents shipped with the app."""
    return Path(str(resources.files("annotator.resources").joinpath("sample_docs")))
