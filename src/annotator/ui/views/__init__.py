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
from collections.abc import Callable
from types import ModuleType


def load_view_modules(on_error: Callable[[str, BaseException], None] | None = None) -> list[ModuleType]:
    """Every module of this package that has an ``install`` function, sorted by its ORDER (default 100); a
    module that fails to import is passed to ``on_error`` (its name, the error) and left out, or raises."""
    modules = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        try:
            module = importlib.import_module(f"{__name__}.{info.name}")
        except Exception as exc:
            if on_error is None:
                raise
            on_error(info.name, exc)
            continue
        if hasattr(module, "install"):
            modules.append(module)
    return sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.__name__))


def view_modules() -> list[ModuleType]:
    """Every module of this package that has an ``install`` function (the first import error raises)."""
    return load_view_modules()
