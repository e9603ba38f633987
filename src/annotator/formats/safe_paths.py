"""Links inside a received folder: followed only while they stay inside it.

A folder someone sends (an archive unpacked, a shared drive) may hold symbolic links that lead out
of it, to ``~/.ssh/id_rsa`` say: importing the folder must not turn the analyst's own files into
documents. A link is followed when its target lies inside the folder being imported; one that
leads elsewhere, dangles or loops is passed over and named in the import report.
"""

from __future__ import annotations

from pathlib import Path

from annotator.formats.documents import readable_name


def link_leaving(path: Path, root: Path) -> str | None:
    """Why ``path`` must not be followed (a link out of ``root``, dangling or looping), or None if it may be.

    ``root`` itself may be a link the user named: what counts is where it leads.
    """
    if not _is_link(path):
        return None
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "a link that leads nowhere (or to itself): not followed"
    base = root.resolve()
    if target == base or target.is_relative_to(base):
        return None
    return f"a link that leads outside the imported folder (to {readable_name(str(target))}): not followed"


def _is_link(path: Path) -> bool:
    try:
        return path.is_symlink()
    except OSError:
        return False


__all__ = ["link_leaving"]
