"""The Qt layer: windows, panels, item models and undo commands over the pure core."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

__all__ = ["MainWindow"]


def __getattr__(name: str) -> Any:
    # Imported lazily so that `import annotator.ui.commands` does not build the whole window module.
    if name == "MainWindow":
        from annotator.ui.main_window import MainWindow

        return MainWindow
    raise AttributeError(name)
