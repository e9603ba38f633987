"""A mistyped --db is never taken for a new project, and the window without a display says so in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.ui.display import missing_display
from tests.processes import child_env, run_cli

READ_COMMANDS = [
    ["docs"],
    ["spans", "list"],
    ["stats"],
    ["search", "Corée"],
    ["export", "--format", "jsonl", "--out", "{out}"],
    ["agreement"],
    ["labels", "list"],
    ["backup", "--out", "{out}"],
]


def assert_one_line(result, code: int, fragment: str) -> None:
    assert result.returncode == code, (result.stdout, result.stderr)
    assert result.stderr.startswith("annotator: ") and result.stderr.count("\n") == 1, result.stderr
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_read_commands_refuse_a_missing_project(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "nonexistent" / "dir" / "x.db"
    args = [a.replace("{out}", str(tmp_path / "out.x")) for a in command]
    result = run_cli(*args[:1], "--db", str(db), *args[1:])
    assert_one_line(result, 2, "no project at")
    assert not (tmp_path / "nonexistent").exists()
    missing_here = tmp_path / "typo.db"  # the folder exists: still refused, still nothing created
    result = run_cli(*args[:1], "--db", str(missing_here), *args[1:])
    assert_one_line(result, 2, "no project at")
    assert not missing_here.exists()


def test_write_commands_create_the_file_but_not_missing_folders(tmp_path: Path) -> None:
    nested = tmp_path / "new" / "folder" / "p.db"
    result = run_cli("import", "--db", str(nested), str(Path(__file__)))
    assert_one_line(result, 2, "does not exist; add --create")
    assert not (tmp_path / "new").exists()
    result = run_cli("labels", "--db", str(nested), "add", "weather")
    assert_one_line(result, 2, "--create")
    assert not (tmp_path / "new").exists()

    result = run_cli("labels", "--db", str(nested), "add", "weather", "--create")
    assert result.returncode == 0, result.stderr
    assert nested.exists()
    plain = tmp_path / "plain.db"  # an existing folder: a command that writes creates the project
    assert run_cli("spans", "--db", str(plain), "add", "--doc", "1", "--start", "0", "--end", "1",
                   "--label", "actor").returncode == 2  # no document 1, but the project now exists
    assert plain.exists()


def test_the_window_without_a_display_says_so_in_one_line(tmp_path: Path) -> None:
    env = child_env()
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    result = run_cli("--db", str(tmp_path / "p.db"), env=env)
    assert_one_line(result, 1, "needs a display")
    assert "annotator --help" in result.stderr
    assert not (tmp_path / "p.db").exists()


@pytest.mark.parametrize(
    ("environ", "needs"),
    [
        ({}, True),
        ({"DISPLAY": ":0"}, False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, False),
        ({"QT_QPA_PLATFORM": "offscreen"}, False),
        ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, True),
        ({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"}, True),
    ],
)
def test_missing_display_rules(environ: dict[str, str], needs: bool) -> None:
    assert (missing_display(environ, "linux") is not None) is needs
    assert missing_display({}, "win32") is None
