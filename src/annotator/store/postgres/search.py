"""Full-text search on a team server, with the file's query rules.

As in the file (FTS5): the query's words, quotes removed, must all occur (each a phrase of its own tokens),
case and accents folded, no stemming; hits come best first with a snippet of about a dozen words around
the match in ``[…]``. ``rank`` is negated so that, as in the file, a lower rank is a better hit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from annotator.store.backend import Backend, Row
from annotator.store.postgres.schema import SEARCH_CONFIG
from annotator.store.records import SearchHit

if TYPE_CHECKING:
    import psycopg

_HEADLINE = "StartSel=[, StopSel=], MaxWords=12, MinWords=6, ShortWord=0, MaxFragments=1, FragmentDelimiter=…"


def search_query(query: str) -> str | None:
    """The ``websearch_to_tsquery`` text for a user's query (every word quoted: no operators), or None."""
    terms = [t for t in query.replace('"', " ").split() if t]
    if not terms:
        return None
    return " ".join(f'"{t}"' for t in terms)


def search(conn: psycopg.Connection[Any], query: str, limit: int = 50) -> list[SearchHit]:
    """Documents matching every word of ``query``, best first."""
    text = search_query(query)
    if text is None:
        return []
    rows = conn.execute(
        f"""
        WITH q AS (SELECT websearch_to_tsquery('public.{SEARCH_CONFIG}', %(q)s) AS query)
        SELECT d.id, d.title,
               ts_headline('public.{SEARCH_CONFIG}', d.text, q.query, %(headline)s),
               -ts_rank_cd(s.search, q.query) AS rank
        FROM q, documents_search s JOIN documents d ON d.id = s.document_id
        WHERE numnode(q.query) > 0 AND s.search @@ q.query
        ORDER BY rank, d.id
        LIMIT %(limit)s
        """,
        {"q": text, "headline": _HEADLINE, "limit": limit},
    ).fetchall()
    return [SearchHit(int(r[0]), r[1], r[2], float(r[3])) for r in rows]


def documents_with_words(backend: Backend, words: Sequence[str]) -> list[int]:
    """Ids of the documents whose text has ``words`` one after the other (accents and case folded,
    punctuation between them allowed), through the search index; see ``Project.documents_with_words``."""
    rows = backend.read(
        f"SELECT document_id FROM documents_search WHERE search @@ phraseto_tsquery('public.{SEARCH_CONFIG}', ?) "
        f"AND ts_filter(search, '{{b}}') @@ phraseto_tsquery('public.{SEARCH_CONFIG}', ?) ORDER BY document_id",
        [" ".join(words), " ".join(words)],
    )
    return [int(r[0]) for r in rows]


def search_documents(
    backend: Backend, terms: Sequence[str], where: str, params: Sequence[Any], limit: int | None, outlet: str
) -> list[Row]:
    """(id, title, snippet, rank, outlet) of the documents with every one of ``terms``, best first, among
    those ``where`` keeps (a condition on ``documents d`` in the store's spelling, with ``params``)."""
    text = " ".join(f'"{t}"' for t in terms)
    return backend.read(
        f"""
        WITH q AS (SELECT websearch_to_tsquery('public.{SEARCH_CONFIG}', ?) AS query)
        SELECT d.id, d.title, ts_headline('public.{SEARCH_CONFIG}', d.text, q.query, ?),
               -ts_rank_cd(s.search, q.query) AS rank, {outlet}
        FROM q, documents_search s JOIN documents d ON d.id = s.document_id
        WHERE numnode(q.query) > 0 AND s.search @@ q.query{where}
        ORDER BY rank, d.id
        LIMIT ?
        """,
        [text, _HEADLINE, *params, limit],
    )
