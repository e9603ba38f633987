"""Desktop integration on freedesktop systems: a menu entry, the icon, and a MIME type for project files.

``annotator --install-desktop`` writes, under ``$XDG_DATA_HOME`` (default ``~/.local/share``):

- ``applications/annotator.desktop``: the menu entry, starting this installation's ``annotator-gui``;
- ``icons/hicolor/<N>x<N>/apps/annotator.png`` and ``icons/hicolor/scalable/apps/annotator.svg``;
- ``mime/packages/annotator.xml``: the type ``application/x-annotator-project``, recognised by its content
  (an SQLite file whose header carries the application id every project gets) or the ``.annotator`` suffix,
  so that a project opens in annotator by double-click.

It then refreshes the desktop's caches when their tools are installed. ``--uninstall-desktop`` removes
exactly the files it wrote. No Qt here: the icons are rendered ahead of time (``scripts/render_icons.py``).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

from annotator.store.migrations import APPLICATION_ID

APP_ID = "annotator"
MIME_TYPE = "application/x-annotator-project"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
MARKER = "X-Annotator-Installed=true"
DOCUMENT_TYPES = (
    "text/plain",
    "text/markdown",
    "text/html",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)


def data_home() -> Path:
    """``$XDG_DATA_HOME``, else ``~/.local/share``."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def gui_command() -> list[str]:
    """The command that starts this installation's window (its own ``annotator-gui``, else ``python -m``)."""
    launcher = Path(sys.executable).with_name("annotator-gui")
    if launcher.is_file() and os.access(launcher, os.X_OK):
        return [str(launcher)]
    found = shutil.which("annotator-gui")
    if found:
        return [found]
    return [sys.executable, "-m", "annotator", "gui"]


def _exec_line(command: list[str]) -> str:
    # The Exec key quotes arguments with double quotes and escapes ", `, $ and \ inside them.
    def quote(arg: str) -> str:
        if not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
            return arg
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        return f'"{escaped}"'

    return " ".join(quote(a) for a in command)


def desktop_entry(command: list[str]) -> str:
    """The text of ``annotator.desktop`` starting ``command``."""
    mime_types = ";".join((MIME_TYPE, *DOCUMENT_TYPES)) + ";"
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Name=Annotator",
            "GenericName=Span annotation",
            "GenericName[fr]=Annotation de textes",
            "Comment=Tag actors, transfers, quantities and assessments in articles",
            "Comment[fr]=Annoter acteurs, transferts, quantités et appréciations dans des articles",
            f"TryExec={command[0]}",
            f"Exec={_exec_line(command)} %F",
            f"Icon={APP_ID}",
            "Terminal=false",
            "Categories=Office;Utility;TextTools;",
            "Keywords=annotation;NLP;corpus;tagging;",
            f"MimeType={mime_types}",
            "StartupNotify=true",
            "StartupWMClass=annotator",
            MARKER,
            "",
        ]
    )


def mime_package() -> str:
    """The shared-mime-info package describing project files."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{MIME_TYPE}">
    <comment>Annotator project</comment>
    <comment xml:lang="fr">Projet Annotator</comment>
    <sub-class-of type="application/vnd.sqlite3"/>
    <icon name="{APP_ID}"/>
    <magic priority="80">
      <match type="string" value="SQLite format 3" offset="0">
        <match type="big32" value="0x{APPLICATION_ID:08x}" offset="68"/>
      </match>
    </magic>
    <glob pattern="*.annotator"/>
  </mime-type>
</mime-info>
"""


def _resource(name: str) -> bytes:
    return resources.files("annotator.resources").joinpath(name).read_bytes()


def installed_files(home: Path) -> dict[Path, bytes | None]:
    """Every file the installation writes (content None: made from the running installation)."""
    files: dict[Path, bytes | None] = {
        home / "applications" / f"{APP_ID}.desktop": None,
        home / "mime" / "packages" / f"{APP_ID}.xml": mime_package().encode(),
        home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg": _resource("annotator.svg"),
    }
    for size in ICON_SIZES:
        png = resources.files("annotator.resources").joinpath("icons", f"{size}x{size}.png").read_bytes()
        files[home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"] = png
    return files


def install_desktop(home: Path | None = None) -> list[Path]:
    """Write the desktop entry, icons and MIME type under ``home`` (default: the XDG data folder)."""
    home = home or data_home()
    written = []
    for path, content in installed_files(home).items():
        data = content if content is not None else desktop_entry(gui_command()).encode()
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.new")
        with open(temporary, "xb") as fh:  # never through a name someone planted
            fh.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
        written.append(path)
    refresh_caches(home)
    return written


def uninstall_desktop(home: Path | None = None) -> list[Path]:
    """Remove what ``install_desktop`` wrote (a desktop entry not made by us is left alone)."""
    home = home or data_home()
    removed = []
    for path in installed_files(home):
        if not path.is_file() or path.is_symlink():
            continue
        if path.suffix == ".desktop" and MARKER not in path.read_text(encoding="utf-8", errors="replace"):
            continue
        path.unlink()
        removed.append(path)
    refresh_caches(home)
    return removed


def refresh_caches(home: Path) -> None:
    """Let the desktop see the change now: MIME database, desktop database, icon cache (when installed)."""
    commands = [
        ("update-mime-database", str(home / "mime")),
        ("update-desktop-database", "-q", str(home / "applications")),
        ("gtk-update-icon-cache", "-q", "-t", "-f", str(home / "icons" / "hicolor")),
    ]
    for command in commands:
        if shutil.which(command[0]) and Path(command[-1]).is_dir():
            subprocess.run(command, capture_output=True, check=False, timeout=60)


def describe(paths: list[Path]) -> str:
    """The folders touched, for the command's one-line summary."""
    folders = sorted({str(p.parent) for p in paths})
    return ", ".join(shlex.quote(f) for f in folders)
