"""Project files on network shares (NFS, SMB/CIFS, sshfs…): found at open, from the mount table.

SQLite's WAL journal keeps its index in shared memory beside the file, which does not work across machines,
and network file systems' locks are often unreliable: two programs writing one project over a share can
corrupt it. So a project whose folder is on a network file system is opened in a safe mode (see
``Project``): a rollback journal instead of WAL, and ``locking_mode=EXCLUSIVE``, so that the program that
opened it keeps it to itself until it closes it (another one, here or on another machine, is told the
project is busy). It is not refused: home folders on NFS are common, and the default project lives there.
A team sharing one project works on a team server instead (``annotator team``).

Linux: the file system type of the folder's mount in ``/proc/self/mountinfo`` (the table can be injected
for tests: ``network_share(path, mount_table=TEXT)``, or ``ANNOTATOR_MOUNT_TABLE`` naming a file).
Windows: UNC paths (``\\\\server\\share``) and mapped network drives. Elsewhere nothing is detected.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

MOUNT_TABLE = Path("/proc/self/mountinfo")
MOUNT_TABLE_VARIABLE = "ANNOTATOR_MOUNT_TABLE"

# File system types (as the kernel names them) that reach another machine.
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "coda",
        "9p",  # WSL's Windows drives, VM shares
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "beegfs",
        "orangefs",
        "ocfs2",
        "gfs2",
        "davfs",
        "sshfs",
        "fuse.sshfs",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.davfs2",
        "fuse.glusterfs",
        "fuse.cephfs",
        "fuse.ceph-fuse",
        "fuse.smbnetfs",
        "fuse.gvfsd-fuse",
        "fuse.curlftpfs",
        "fuse.juicefs",
        "fuse.gcsfuse",
        "fuse.goofys",
    }
)


@dataclass(frozen=True, slots=True)
class Share:
    """The network mount a path lies on."""

    fstype: str
    mount_point: str
    source: str

    def describe(self) -> str:
        """``nfs4 share server:/export at /mnt/team``."""
        return f"{self.fstype} share {self.source} at {self.mount_point}"


@dataclass(frozen=True, slots=True)
class Mount:
    """One line of a mount table."""

    mount_point: str
    fstype: str
    source: str


def _unescape(field: str) -> str:
    # The kernel writes space, tab, newline and backslash in paths as octal escapes (\040 …).
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and len(field) >= i + 4 and all(c in "01234567" for c in field[i + 1 : i + 4]):
            out.append(chr(int(field[i + 1 : i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def parse_mount_table(text: str) -> list[Mount]:
    """Mounts of a ``/proc/self/mountinfo`` (or ``/proc/mounts``) text, in table order."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if "-" in fields[6:]:  # mountinfo: id parent dev root mount-point options [optional…] - type source …
            dash = fields.index("-", 6)
            if len(fields) < dash + 3:
                continue
            mounts.append(Mount(_unescape(fields[4]), fields[dash + 1], _unescape(fields[dash + 2])))
        elif len(fields) >= 3 and fields[1].startswith("/"):  # /proc/mounts: source mount-point type …
            mounts.append(Mount(_unescape(fields[1]), fields[2], _unescape(fields[0])))
    return mounts


def mount_of(path: str, mounts: list[Mount]) -> Mount | None:
    """The mount ``path`` lies on: the longest mount point containing it (the last mounted, if stacked)."""
    best: Mount | None = None
    for mount in mounts:
        point = mount.mount_point.rstrip("/") or "/"
        inside = point == "/" or path == point or path.startswith(point + "/")
        if inside and (best is None or len(point) >= len(best.mount_point.rstrip("/") or "/")):
            best = mount
    return best


def existing_folder(path: str | os.PathLike[str]) -> str:
    """The folder of ``path`` with links resolved as far as it exists (a file or folders yet to create)."""
    folder = Path(os.path.abspath(path)).parent
    missing: list[str] = []
    while not folder.exists() and folder != folder.parent:
        missing.insert(0, folder.name)
        folder = folder.parent
    return os.path.join(os.path.realpath(folder), *missing)


def read_mount_table() -> str | None:
    """This process's mount table (``ANNOTATOR_MOUNT_TABLE`` names another file), or None where there is none."""
    source = os.environ.get(MOUNT_TABLE_VARIABLE) or str(MOUNT_TABLE)
    for candidate in (source, "/proc/mounts") if source == str(MOUNT_TABLE) else (source,):
        try:
            return Path(candidate).read_text(encoding="utf-8", errors="surrogateescape")
        except OSError:
            continue
    return None


def network_share(path: str | os.PathLike[str], mount_table: str | None = None) -> Share | None:
    """The network share holding the folder of ``path``, or None for a local disk (or when unknown)."""
    windows = _windows_share(os.fspath(path))
    if windows is not None:
        return windows
    text = mount_table if mount_table is not None else read_mount_table()
    if text is None:
        return None
    mount = mount_of(existing_folder(path), parse_mount_table(text))
    if mount is None or mount.fstype.lower() not in NETWORK_FILESYSTEMS:
        return None
    return Share(mount.fstype, mount.mount_point, mount.source)


def _windows_share(path: str) -> Share | None:
    if path.startswith(("\\\\", "//")) and not path.startswith(("\\\\?\\", "\\\\.\\")):
        parts = [p for p in path.replace("/", "\\").split("\\") if p]
        root = "\\\\" + "\\".join(parts[:2])
        return Share("smb", root, root)
    if sys.platform != "win32":
        return None
    import ctypes

    drive = os.path.splitdrive(os.path.abspath(path))[0]
    if drive and ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == 4:  # REMOTE
        return Share("network drive", drive, drive)
    return None
