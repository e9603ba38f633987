"""Whether a window can be shown at all, decided before Qt is loaded.

Qt aborts the process (exit 134, raw messages) when its platform plugin finds no display; this module
says so in one line instead. It imports nothing from Qt, so the check costs nothing and cannot abort.
"""

from __future__ import annotations

import os
import sys

HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay")


def missing_display(environ: dict[str, str] | None = None, platform: str | None = None) -> str | None:
    """A one-line explanation when no display is available for the window, else None."""
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux") and "bsd" not in platform:
        return None  # Windows and macOS always have a screen session for a desktop app
    requested = (env.get("QT_QPA_PLATFORM") or "").split(":")[0].strip().lower()
    if requested in HEADLESS_PLATFORMS:
        return None
    if requested.startswith("wayland"):
        has_display = bool(env.get("WAYLAND_DISPLAY"))
    elif requested.startswith("xcb"):
        has_display = bool(env.get("DISPLAY"))
    else:
        has_display = bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
    if has_display:
        return None
    return (
        "the window needs a display, and neither DISPLAY nor WAYLAND_DISPLAY is set; "
        "use the command line instead (annotator --help: import, docs, spans, export, …), "
        "or QT_QPA_PLATFORM=offscreen to run the window without a screen"
    )
