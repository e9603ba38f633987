"""What every part of ``Project`` relies on: the backend its statements run on, the transaction and the
listeners, which ``Project`` itself provides (see ``store/project.py`` and ``store/backend.py``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

from annotator.core.model import Label, Link, LinkType, Span
from annotator.store.backend import Backend, Row
from annotator.store.changes import Change

if TYPE_CHECKING:
    from annotator.store.records import DeletedSpan, DocumentSummary


class PartBase:
    """The state and plumbing a part uses; ``Project`` supplies it. A part calls other parts through ``self``."""

    path: Path
    read_only: bool
    _db: sqlite_utils.Database  # the file's connection (a file project only: the parts go through ``_sql``)
    _sql: Backend  # the database the parts' statements run on: the file, or a team server
    _text_cache: dict[int, str]
    _label_cache: dict[str, Label] | None

    timeout: float
    _LINK_COLUMNS: str

    if TYPE_CHECKING:
        # Provided by Project (opening, transactions, listeners) and by the other parts: what one part calls of
        # another, so that each part is type-checked against the others' real signatures.
        def transaction(self) -> AbstractContextManager[object]: ...
        def _read(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]: ...
        def _emit(self, change: Change) -> None: ...
        def check_file(self) -> None: ...
        @property
        def annotator(self) -> str: ...
        # documents
        def document_text(self, document_id: int) -> str: ...
        def documents(self) -> list[DocumentSummary]: ...
        # labels
        def _labels(self) -> dict[str, Label]: ...
        def label(self, name: str) -> Label: ...
        def link_types(self) -> list[LinkType]: ...
        # spans
        @staticmethod
        def _span_from_row(r: Sequence[Any]) -> Span: ...
        def span(self, span_id: str) -> Span: ...
        def spans(
            self,
            document_id: int | None = None,
            *,
            labels: Iterable[str] | None = None,
            annotators: Iterable[str] | None = None,
            statuses: Iterable[str] | None = ("suggested", "accepted", "rejected"),
            documents: Iterable[int] | None = None,
            reviews: Iterable[str] | None = None,
        ) -> list[Span]: ...
        def insert_span_row(self, span: Span) -> None: ...
        def _deleted_span_record(self, span: Span) -> DeletedSpan: ...
        def _restore_span_extras(self, record: DeletedSpan) -> list[Link]: ...
        # links and attributes
        @staticmethod
        def _link_from_row(r: Sequence[Any]) -> Link: ...
        def _insert_link(self, link: Link) -> None: ...
        def links(self, document_id: int | None = None, *, span_ids: Iterable[str] | None = None) -> list[Link]: ...
        def attributes(self, span_id: str) -> dict[str, str]: ...


__all__ = ["Iterator", "PartBase"]
