"""The core, store and formats layers never import Qt (they must run without a display)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import annotator

PACKAGE = Path(annotator.__file__).parent
PURE_PACKAGES = ("core", "store", "formats", "cli")


def _modules() -> list[str]:
    names = []
    for sub in PURE_PACKAGES:
        for path in sorted((PACKAGE / sub).rglob("*.py")):
            rel = path.relative_to(PACKAGE.parent).with_suffix("")
            names.append(".".join(rel.parts).removesuffix(".__init__"))
    return names


def test_pure_layers_do_not_import_qt() -> None:
    modules = _modules()
    assert len(modules) > 5
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"Qt imported by a pure layer: {result.stdout}"
