"""What every part of ``Project`` relies on: the backend its statements run on, the transaction and the
listeners, which ``Project`` itself provides (see ``store/project.py`` and ``store/backend.py``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

from annotator.core.model import Label
from annotator.store.backend import Backend, Row
from annotator.store.changes import Change


class PartBase:
    """The state and plumbing a part uses; ``Project`` supplies it. A part calls other parts through ``self``."""

    path: Path
    read_only: bool
    _db: sqlite_utils.Database  # the file's connection (a file project only: the parts go through ``_sql``)
    _sql: Backend  # the database the parts' statements run on: the file, or a team server
    _text_cache: dict[int, str]
    _label_cache: dict[str, Label] | None

    if TYPE_CHECKING:
        # Provided by Project (opening, transactions, listeners) and by the other parts.
        def transaction(self) -> AbstractContextManager[object]: ...
        def _read(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]: ...
        def _emit(self, change: Change) -> None: ...
        def __getattr__(self, name: str) -> Any: ...


__all__ = ["Iterator", "PartBase"]
