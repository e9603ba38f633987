"""Span attributes and the confidence of the model that proposed a span."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from annotator.core.model import Document as Document
from annotator.core.model import (
    ValidationError,
)
from annotator.store.changes import Change, ChangeKind
from annotator.store.parts.base import PartBase


class AttributesPart(PartBase):
    """Attributes (name → value per span) and model scores."""

    # -- attributes ----------------------------------------------------------------------

    def attributes(self, span_id: str) -> dict[str, str]:
        """A span's attributes as name → value."""
        return {
            r[0]: r[1]
            for r in self._read("SELECT name, value FROM attributes WHERE span_id = ? ORDER BY name", (span_id,))
        }

    def all_attributes(self, document_id: int | None = None) -> dict[str, dict[str, str]]:
        """Attributes of every span (of one document) as span id → {name: value}."""
        sql = "SELECT t.span_id, t.name, t.value FROM attributes t"
        params: list[Any] = []
        if document_id is not None:
            sql += " JOIN annotations a ON a.id = t.span_id WHERE a.document_id = ?"
            params.append(document_id)
        result: dict[str, dict[str, str]] = {}
        for span_id, name, value in self._read(sql + " ORDER BY t.span_id, t.name", params):
            result.setdefault(span_id, {})[name] = value
        return result

    def write_attributes(self, span_id: str, attributes: dict[str, str], *, replace: bool) -> bool:
        """Write a span's attributes as given, inside the caller's transaction (set import; no listener told).

        With ``replace`` the span's other attributes are deleted. Returns whether anything changed.
        """
        ours = self.attributes(span_id)
        changed = False
        if replace:
            for name in set(ours) - set(attributes):
                self._sql.execute("DELETE FROM attributes WHERE span_id = ? AND name = ?", [span_id, name])
                changed = True
        for name, value in attributes.items():
            if ours.get(name) != value:
                row = {"span_id": span_id, "name": name, "value": value}
                self._sql.upsert("attributes", row, ("span_id", "name"))
                changed = True
        return changed

    def set_attribute(self, span_id: str, name: str, value: str | None) -> str | None:
        """Set (or, with None, clear) an attribute the span's label declares; returns the previous value."""
        span = self.span(span_id)
        declared = self.label(span.label).attributes
        if value is not None:
            if name not in declared:
                raise ValidationError(f"label {span.label!r} has no attribute {name!r}")
            if declared[name] and value not in declared[name]:
                raise ValidationError(f"{name} must be one of {', '.join(declared[name])}, not {value!r}")
        previous = self.attributes(span_id).get(name)
        with self.transaction():
            if value is None:
                deleted = self._sql.execute("DELETE FROM attributes WHERE span_id = ? AND name = ?", [span_id, name])
                if not deleted and previous is not None:
                    refusal = self._sql.refused("attributes", "span_id", span_id, f"the attributes of span {span_id}")
                    if refusal is not None:
                        raise refusal
            else:
                row = {"span_id": span_id, "name": name, "value": value}
                self._sql.upsert("attributes", row, ("span_id", "name"))
        self._emit(Change(ChangeKind.SPANS_UPDATED, span.document_id, (span_id,), (span,), (span,)))
        return previous

    # -- model scores --------------------------------------------------------------------

    def set_span_scores(self, scores: dict[str, float], model: str) -> None:
        """Record a model's confidence (0–1) in spans it proposed, in one transaction (or the caller's)."""
        if not scores:
            return
        rows = [(span_id, min(1.0, max(0.0, float(score))), model) for span_id, score in scores.items()]
        with self.transaction():
            self._sql.replace_many("span_scores", ("span_id", "score", "model"), rows, ("span_id",))

    def span_score_rows(self, document_id: int) -> list[tuple[str, float, str]]:
        """(span id, score, model) of a document's scored spans, by span id."""
        rows = self._read(
            "SELECT s.span_id, s.score, s.model FROM span_scores s JOIN annotations a ON a.id = s.span_id "
            "WHERE a.document_id = ? ORDER BY s.span_id",
            [document_id],
        )
        return [(str(r[0]), float(r[1]), str(r[2])) for r in rows]

    def write_span_score_rows(self, rows: Sequence[tuple[str, float, str]]) -> None:
        """Store rows of ``span_score_rows`` as they are, inside the caller's transaction."""
        if rows:
            self._sql.replace_many("span_scores", ("span_id", "score", "model"), rows, ("span_id",))

    def span_scores(self, document_id: int | None = None) -> dict[str, float]:
        """Span id → the confidence of the model that proposed it (of one document, or all)."""
        sql = "SELECT s.span_id, s.score FROM span_scores s"
        params: list[Any] = []
        if document_id is not None:
            sql += " JOIN annotations a ON a.id = s.span_id WHERE a.document_id = ?"
            params.append(document_id)
        return {span_id: score for span_id, score in self._read(sql, params)}

    def span_count(self, status: str = "accepted") -> int:
        """How many spans have ``status``."""
        return int(self._read("SELECT count(*) FROM annotations WHERE status = ?", (status,))[0][0])
