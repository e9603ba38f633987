"""A project file on a network share: detected from the mount table, opened in safe mode, said so."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.store import shares
from annotator.store.project import Project
from tests.processes import child_env, run_cli
from tests.raw_sql import raw_connection

MOUNTINFO = r"""22 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw,errors=remount-ro
25 22 0:23 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
28 22 0:26 / /tmp rw,nosuid,nodev shared:14 - tmpfs tmpfs rw,size=8G
101 22 0:52 / /home rw,relatime shared:60 - nfs4 files.example.org:/export/home rw,vers=4.2,hard,proto=tcp
102 101 0:53 / /home/alice/scratch rw,relatime shared:61 - ext4 /dev/sdb1 rw
103 22 0:54 / /mnt/team\040share rw,relatime shared:62 - cifs //nas.example.org/team rw,vers=3.1.1
104 22 0:55 / /media/remote rw,nosuid,nodev,relatime shared:63 - fuse.sshfs alice@host.example.org:/data rw
105 22 0:56 / /mnt/c rw,noatime - 9p drvfs rw,aname=drvfs;path=C:\
106 22 0:57 / /mnt/usb rw,relatime shared:64 - vfat /dev/sdc1 rw
"""


@pytest.mark.parametrize(
    ("path", "fstype", "mount_point"),
    [
        ("/home/alice/projects/corpus.db", "nfs4", "/home"),
        ("/home/corpus.db", "nfs4", "/home"),
        ("/mnt/team share/annotations/corpus.db", "cifs", "/mnt/team share"),
        ("/media/remote/corpus.db", "fuse.sshfs", "/media/remote"),
        ("/mnt/c/Users/alice/corpus.db", "9p", "/mnt/c"),
    ],
)
def test_network_file_systems_are_found_for_the_files_folder(path: str, fstype: str, mount_point: str) -> None:
    share = shares.network_share(path, mount_table=MOUNTINFO)
    assert share is not None
    assert (share.fstype, share.mount_point) == (fstype, mount_point)


@pytest.mark.parametrize(
    "path",
    [
        "/var/lib/corpus.db",  # the root disk
        "/tmp/corpus.db",
        "/home/alice/scratch/corpus.db",  # a local disk mounted inside the NFS home
        "/mnt/usb/corpus.db",
        "/homework/corpus.db",  # /home is not a prefix of /homework
        "/mnt/team/corpus.db",  # nor is "/mnt/team share" of /mnt/team
    ],
)
def test_local_file_systems_are_not_network_shares(path: str) -> None:
    assert shares.network_share(path, mount_table=MOUNTINFO) is None


def test_the_classic_mounts_table_is_read_too_and_the_last_stacked_mount_wins() -> None:
    mounts = "/dev/sda1 / ext4 rw 0 0\nserver:/export /data nfs rw 0 0\n/dev/sdb1 /data ext4 rw 0 0\n"
    assert shares.network_share("/data/x.db", mount_table=mounts) is None
    mounts = "/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 /data ext4 rw 0 0\nserver:/export /data nfs rw 0 0\n"
    assert shares.network_share("/data/x.db", mount_table=mounts) == shares.Share("nfs", "/data", "server:/export")


def test_a_garbled_mount_table_is_read_as_far_as_it_makes_sense() -> None:
    text = "garbage\n\n1 2 3\n99 22 0:50 / /mnt/we\\089ird rw - nfs srv:/x rw\n7 1 0:1 / /broken rw -\n"
    share = shares.network_share("/mnt/we\\089ird/p.db", mount_table=text)
    assert share is not None and share.mount_point == "/mnt/we\\089ird"


def test_windows_unc_paths_are_shares() -> None:
    share = shares.network_share(r"\\nas\team\corpus.db", mount_table="")
    assert share == shares.Share("smb", r"\\nas\team", r"\\nas\team")
    assert shares.network_share(r"\\?\C:\corpus.db", mount_table="") is None


def test_the_folder_of_a_file_yet_to_create_has_its_existing_part_resolved(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    folder = shares.existing_folder(tmp_path / "link" / "new" / "deeper" / "p.db")
    assert folder == str((tmp_path / "real").resolve() / "new" / "deeper")


def test_this_machines_own_mount_table_is_read(tmp_path: Path) -> None:
    text = shares.read_mount_table()
    if text is None:
        pytest.skip("no mount table on this system")
    assert shares.mount_of(shares.existing_folder(tmp_path / "p.db"), shares.parse_mount_table(text)) is not None


# -- the project file in safe mode -------------------------------------------------------------------


@pytest.fixture
def on_share(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder the (injected) mount table puts on an NFS server; the project path inside it."""
    folder = tmp_path / "share"
    folder.mkdir()
    table = tmp_path / "mountinfo"
    table.write_text(
        f"22 1 259:2 / / rw - ext4 /dev/root rw\n99 22 0:50 / {folder} rw - nfs4 files.example.org:/team rw\n",
        encoding="utf-8",
    )
    monkeypatch.setenv(shares.MOUNT_TABLE_VARIABLE, str(table))
    return folder / "project.db"


def pragma(project: Project, name: str) -> str:
    return str(raw_connection(project).execute(f"PRAGMA {name}").fetchone()[0]).lower()


def other_process_reads(path: Path) -> str:
    code = (
        "import sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1], timeout=0.2)\n"
        "try:\n    print(conn.execute('SELECT count(*) FROM documents').fetchone()[0])\n"
        "except sqlite3.OperationalError as exc:\n    print(exc)\n"
    )
    return subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True).stdout.strip()


def test_a_project_on_a_share_uses_a_rollback_journal_and_keeps_other_programs_out(on_share: Path) -> None:
    with Project(on_share) as project:
        assert project.network_share is not None and project.network_share.fstype == "nfs4"
        assert pragma(project, "journal_mode") == "delete"
        assert pragma(project, "locking_mode") == "exclusive"
        warning = project.safe_mode_warning
        assert warning is not None
        assert "network share" in warning and "nfs4" in warning and "annotator team" in warning
        project.add_document("Corée", "Selon l’ONU, la Corée du Nord.\n")
        assert other_process_reads(on_share) == "database is locked"
        assert not on_share.with_name("project.db-wal").exists()
    assert other_process_reads(on_share) == "1"  # committed, and free once closed


def test_a_wal_project_moved_onto_a_share_is_switched_to_a_rollback_journal(
    on_share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(shares.MOUNT_TABLE_VARIABLE)
    monkeypatch.setattr(shares, "MOUNT_TABLE", on_share.parent / "no-such-table")
    with Project(on_share) as local:
        assert local.network_share is None and local.safe_mode_warning is None
        assert pragma(local, "journal_mode") == "wal"
        local.add_document("t", "text one\n")
    monkeypatch.undo()
    monkeypatch.setenv(shares.MOUNT_TABLE_VARIABLE, str(on_share.parent.parent / "mountinfo"))
    with Project(on_share) as shared:
        assert pragma(shared, "journal_mode") == "delete"
        assert [d.title for d in shared.documents()] == ["t"]
    with sqlite3.connect(on_share) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # in the file's header now


def test_read_only_on_a_share_is_exclusive_too(on_share: Path) -> None:
    Project(on_share).close()
    with Project(on_share, read_only=True) as project:
        assert project.read_only
        assert pragma(project, "locking_mode") == "exclusive"
        assert project.documents() == []


def test_the_command_line_warns_in_one_line_and_works(on_share: Path) -> None:
    env = child_env()
    added = run_cli("labels", "add", "rumour", "--db", str(on_share), env=env)
    assert added.returncode == 0, added.stderr
    listed = run_cli("labels", "list", "--db", str(on_share), env=env)
    assert listed.returncode == 0 and "rumour" in listed.stdout
    lines = listed.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("annotator: warning: ") and "network share" in lines[0]


def test_local_projects_are_opened_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = tmp_path / "mountinfo"
    table.write_text("22 1 259:2 / / rw - ext4 /dev/root rw\n", encoding="utf-8")
    monkeypatch.setenv(shares.MOUNT_TABLE_VARIABLE, str(table))
    with Project(tmp_path / "p.db") as project:
        assert project.safe_mode_warning is None
        assert pragma(project, "journal_mode") == "wal"
        assert pragma(project, "locking_mode") == "normal"
    listed = run_cli("labels", "list", "--db", str(tmp_path / "p.db"), env=child_env())
    assert listed.returncode == 0 and listed.stderr == ""
