"""Optional parts of the main window, one module each, found at start-up.

Each module here defines ``install(window: MainWindow) -> None`` and adds what it brings: a tab in
the window's view area (``window.add_view(widget, title)``), menu actions (``window.menu(name)``),
shortcuts. A module never reaches into another one; it talks to the window through its public API:
``project``, ``undo_stack``, ``signals`` (ProjectSignals), ``annotator``, ``reader``,
``open_document(doc_id)``, ``current_document_id()``, ``select_span(span_id)``, ``show_message(text)``.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def view_modules() -> list[ModuleType]:
    """Every module of this package that has an ``install`` function, sorted by its ORDER (default 100)."""
    modules = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "install"):
            modules.append(module)
    return sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.__name__))
