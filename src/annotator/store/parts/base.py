"""What every part of ``Project`` relies on: the connection, the transaction and the listeners, which
``Project`` itself provides (see ``store/project.py``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

from annotator.core.model import Label
from annotator.store.changes import Change


class PartBase:
    """The state and plumbing a part uses; ``Project`` supplies it. A part calls other parts through ``self``."""

    path: Path
    read_only: bool
    db: sqlite_utils.Database
    _text_cache: dict[int, str]
    _label_cache: dict[str, Label] | None

    if TYPE_CHECKING:
        # Provided by Project (opening, transactions, listeners) and by the other parts.
        def transaction(self) -> AbstractContextManager[sqlite_utils.Database]: ...
        def _read(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]: ...
        def _emit(self, change: Change) -> None: ...
        def __getattr__(self, name: str) -> Any: ...


__all__ = ["Iterator", "PartBase"]
