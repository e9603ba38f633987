"""Installable: a wheel that runs outside the clone, and a desktop entry, icons and a file type for projects."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from annotator.store.migrations import APPLICATION_ID
from annotator.store.project import Project
from tests.processes import child_env, run_cli

ROOT = Path(__file__).resolve().parents[1]


def test_install_desktop_writes_valid_files_and_uninstall_removes_them(tmp_path: Path) -> None:
    data = tmp_path / "xdg-data"
    result = run_cli("--install-desktop", env=child_env(XDG_DATA_HOME=str(data)))
    assert result.returncode == 0, result.stderr
    entry = data / "applications" / "annotator.desktop"
    assert entry.is_file()
    for size in (16, 32, 48, 64, 128, 256):
        icon = data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "annotator.png"
        assert icon.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / "annotator.svg").is_file()
    assert (data / "mime" / "packages" / "annotator.xml").is_file()
    validator = shutil.which("desktop-file-validate")
    assert validator, "desktop-file-validate is missing: `make test` installs desktop-file-utils"
    checked = subprocess.run([validator, str(entry)], capture_output=True, text=True)
    assert checked.returncode == 0 and "error" not in checked.stdout.lower(), checked.stdout + checked.stderr
    text = entry.read_text(encoding="utf-8")
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert "%F" in exec_line and "annotator" in exec_line
    assert "MimeType=application/x-annotator-project;" in text

    result = run_cli("--uninstall-desktop", env=child_env(XDG_DATA_HOME=str(data)))
    assert result.returncode == 0, result.stderr
    assert not entry.exists()
    assert not list(data.glob("icons/hicolor/*/apps/annotator.*"))
    assert not (data / "mime" / "packages" / "annotator.xml").exists()


def test_a_project_file_is_recognised_by_the_desktop_as_an_annotator_project(tmp_path: Path) -> None:
    data = tmp_path / "xdg-data"
    assert run_cli("--install-desktop", env=child_env(XDG_DATA_HOME=str(data))).returncode == 0
    project = tmp_path / "any name.db"
    Project(project).close()
    assert int.from_bytes(project.read_bytes()[68:72], "big") == APPLICATION_ID
    plain = tmp_path / "other.db"  # another program's SQLite file is not ours
    import sqlite3

    with sqlite3.connect(plain) as conn:
        conn.execute("CREATE TABLE t (x)")
    # Qt's MIME database reads the freedesktop database under XDG_DATA_HOME: an independent reader.
    script = (
        "import sys; from PySide6.QtCore import QMimeDatabase; db = QMimeDatabase(); "
        "print(db.mimeTypeForFile(sys.argv[1]).name()); print(db.mimeTypeForFile(sys.argv[2]).name())"
    )
    found = subprocess.run(
        [sys.executable, "-c", script, str(project), str(plain)],
        capture_output=True,
        text=True,
        env=child_env(XDG_DATA_HOME=str(data)),
    )
    assert found.returncode == 0, found.stderr
    assert found.stdout.split("\n")[:2] == ["application/x-annotator-project", "application/vnd.sqlite3"]


@pytest.mark.slow
def test_the_wheel_runs_outside_the_clone(tmp_path: Path) -> None:
    """A wheel built from the tree, installed into a fresh venv, starts the CLI and an offscreen window."""
    dist = tmp_path / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = dist.glob("annotator-*.whl")
    fresh = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=True).create(fresh)
    site = next((fresh / "lib").glob("python3*/site-packages"))
    # The dependencies (PySide6, sqlite-utils…) come from the test environment; annotator only from the wheel.
    (site / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    python = fresh / "bin" / "python"
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stderr
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(QT_QPA_PLATFORM="offscreen", ANNOTATOR_DB=str(tmp_path / "default.db"))
    version = subprocess.run(
        [str(fresh / "bin" / "annotator"), "--version"], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert version.returncode == 0 and version.stdout.startswith("annotator "), version.stderr
    script = (
        "import annotator, sys; from PySide6.QtWidgets import QApplication; app = QApplication([]);"
        "from annotator.services.samples import open_default_project;"
        "from annotator.store.location import default_project_path;"
        "open_default_project().close();"
        "from annotator.ui import MainWindow; w = MainWindow(default_project_path()); w.show();"
        "print(annotator.__file__); print(w.project.documents().__len__()); print(w.menuBar().actions()[0].text())"
    )
    french = {**{k: v for k, v in env.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}, "LANG": "fr_FR.UTF-8"}
    window = subprocess.run([str(python), "-c", script], capture_output=True, text=True, cwd=tmp_path, env=french)
    assert window.returncode == 0, window.stderr
    location, documents, file_menu = window.stdout.split()[:3]
    assert file_menu == "&Fichier"  # the compiled French translation ships in the wheel
    assert str(fresh) in location and str(ROOT) not in location  # the installed copy, not the clone
    assert int(documents) >= 5  # the sample documents ship inside the package
    gui = fresh / "bin" / "annotator-gui"
    assert gui.is_file()
