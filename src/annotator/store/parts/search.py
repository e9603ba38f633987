"""Full-text search and the project's statistics."""

from __future__ import annotations

from typing import Any

from annotator.core.model import Document as Document
from annotator.store.parts.base import PartBase
from annotator.store.records import (
    SearchHit,
)


class SearchPart(PartBase):
    """Search over document texts and titles, and counts for the statistics view."""

    # -- search and statistics -----------------------------------------------------------

    def search(
        self,
        query: str,
        limit: int = 50,
        *,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
    ) -> list[SearchHit]:
        """Full-text search (FTS5) over titles and texts, best first, with a snippet of context.

        ``since`` and ``until`` (``YYYY-MM-DD``, inclusive) keep documents whose metadata ``date`` falls on
        those days or between them; ``source`` keeps documents whose metadata ``source`` is that outlet
        (ignoring case). With a filter and no query words, the matching documents are listed by date.
        """
        terms = [t for t in query.replace('"', " ").split() if t]
        filters: list[str] = []
        params: list[Any] = []
        date, outlet = self._sql.json_text("d.metadata", "date"), self._sql.json_text("d.metadata", "source")
        if since:
            filters.append(f"substr({date}, 1, 10) >= ?")
            params.append(since)
        if until:
            filters.append(f"substr({date}, 1, 10) <= ?")
            params.append(until)
        if source:
            filters.append(f"{outlet} IS NOT NULL")
        where = "".join(f" AND {f}" for f in filters)
        # SQLite's lower() folds ASCII only: the outlet is compared here, before the limit is applied.
        wanted = " ".join(source.split()).casefold() if source else None
        sql_limit = self._sql.no_limit if wanted else limit
        if not terms:
            if not filters:
                return []
            rows = self._read(
                f"""
                SELECT d.id, d.title, substr(d.text, 1, 80), 0, {outlet}
                FROM documents d WHERE 1 = 1 {where}
                ORDER BY {date} NULLS FIRST, d.id LIMIT ?
                """,
                (*params, sql_limit),
            )
            hits = [(SearchHit(r[0], r[1], " ".join(r[2].split()) + "…", r[3]), r[4]) for r in rows]
        elif self._sql.server:
            from annotator.store.postgres.search import search_documents

            rows = search_documents(self._sql, terms, where, params, sql_limit, outlet)
            hits = [(SearchHit(r[0], r[1], r[2], r[3]), r[4]) for r in rows]
        else:
            match = " ".join(f'"{t}"' for t in terms)
            rows = self._read(
                f"""
                SELECT d.id, d.title, snippet(documents_fts, 1, '[', ']', '…', 12), documents_fts.rank, {outlet}
                FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
                WHERE documents_fts MATCH ?{where} ORDER BY documents_fts.rank LIMIT ?
                """,
                (match, *params, sql_limit),
            )
            hits = [(SearchHit(r[0], r[1], r[2], r[3]), r[4]) for r in rows]
        if wanted:
            hits = [(hit, outlet) for hit, outlet in hits if " ".join(str(outlet).split()).casefold() == wanted]
        return [hit for hit, _ in hits[:limit]]

    def stats(self) -> dict[str, Any]:
        """Counts: documents, accepted spans per label, per annotator and per document, suggestions."""
        per_label = {name: 0 for name in self._labels()}
        for label, n in self._read("SELECT label, count(*) FROM annotations WHERE status = 'accepted' GROUP BY label"):
            per_label[label] = n
        per_annotator: dict[str, int] = {
            r[0]: r[1]
            for r in self._read(
                "SELECT annotator, count(*) FROM annotations WHERE status = 'accepted' "
                "GROUP BY annotator ORDER BY annotator"
            )
        }
        per_status: dict[str, int] = {
            r[0]: r[1] for r in self._read("SELECT status, count(*) FROM annotations GROUP BY status ORDER BY status")
        }
        docs = self.documents()
        return {
            "documents": len(docs),
            "documents_done": sum(d.done for d in docs),
            "spans": sum(per_label.values()),
            "per_label": per_label,
            "per_annotator": per_annotator,
            "per_status": per_status,
            "per_document": {d.id: d.span_count for d in docs},
            "links": self._read("SELECT count(*) FROM links")[0][0],
        }
