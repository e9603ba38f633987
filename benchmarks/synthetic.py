"""Synthetic corpora for the benchmarks: French-like text and spans at word boundaries.

The text has what real articles have: accents, the typographic apostrophe ’, no-break spaces
(U+00A0 and U+202F) inside numbers and before « ; : ! ? », paragraphs, and now and then an emoji outside
the Basic Multilingual Plane, so that code-point and UTF-16 offsets differ all along the document.
Everything is seeded: the same arguments give the same corpus.
"""

from __future__ import annotations

import random
import re
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from annotator.core.model import text_sha256, utc_now
from annotator.store.project import SPAN_COLUMNS, Project

LABELS = ("actor", "transfer", "quantity", "assessment")

_WORD_LIST = (
    "la Corée du Nord a livré des obus à la Russie selon les services de renseignement sud-coréens "
    "l’artillerie les munitions d’après le ministère de la Défense a déclaré qu’il était préoccupé "
    "les experts estiment que c’est un risque majeur pour la sécurité régionale et européenne "
    "Pyongyang Moscou Séoul l’Ukraine missiles balistiques conteneurs navires trains frontière "
    "été déployés soldats nord-coréens accord coopération militaire échange technologie spatiale "
    "où près très déjà même côté reçu général intérêt élève forêt naïf Noël cœur œuvre français"
)
WORDS = tuple(_WORD_LIST.split(" "))
NUMBERS = ("10\u00a0000", "1\u202f000", "3,5", "12", "200", "40\u00a0%", "2\u00a0millions")
EMOJI = ("🇰🇵", "😀", "🚀", "📦", "🛰️", "⚠️")
PUNCT = (" ;", " :", " !", " ?")

_WORD = re.compile(r"\w[\w’'-]*\w|\w")


def french_text(size: int, seed: int = 1) -> str:
    """French-like text of about ``size`` code points (never less), in paragraphs."""
    rng = random.Random(seed)
    parts: list[str] = []
    length = 0
    sentence_words = 0
    paragraph_sentences = 0
    while length < size:
        roll = rng.random()
        if roll < 0.06:
            word = rng.choice(NUMBERS)
        elif roll < 0.065:
            word = rng.choice(EMOJI)
        else:
            word = rng.choice(WORDS)
        if sentence_words == 0:
            word = word[:1].upper() + word[1:]
        piece = word if not parts or parts[-1].endswith("\n") else " " + word
        sentence_words += 1
        if sentence_words >= rng.randint(8, 24):
            piece += rng.choice(PUNCT) if rng.random() < 0.15 else "."
            sentence_words = 0
            paragraph_sentences += 1
            if paragraph_sentences >= rng.randint(3, 7):
                piece += "\n"
                paragraph_sentences = 0
        parts.append(piece)
        length += len(piece)
    return "".join(parts).rstrip(" ") + ".\n"


def word_bounds(text: str) -> list[tuple[int, int]]:
    """Code-point (start, end) of every word of ``text``."""
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


@dataclass(frozen=True)
class SpanRow:
    """A span as the benchmark inserts it (code-point offsets into its document's text)."""

    start: int
    end: int
    label: str
    text: str


def random_spans(text: str, count: int, seed: int = 2, *, overlap: float = 0.1) -> list[SpanRow]:
    """``count`` spans of 1 to 4 words at random word boundaries; about ``overlap`` of them overlap another."""
    rng = random.Random(seed)
    words = word_bounds(text)
    if not words:
        return []
    spans: list[SpanRow] = []
    # Spread the spans along the whole text, so every screen has its share.
    step = max(1, len(words) // max(1, count))
    for i in range(count):
        first = min(len(words) - 1, i * step % len(words) + rng.randrange(step))
        if spans and rng.random() < overlap:
            # Start inside the previous span's words: an overlap (or a nested span).
            first = max(0, first - rng.randint(1, 2))
        last = min(len(words) - 1, first + rng.randint(0, 3))
        start, end = words[first][0], words[last][1]
        spans.append(SpanRow(start, end, rng.choice(LABELS), text[start:end]))
    return spans


def raw_connection(project: Project) -> sqlite3.Connection:
    """The project's own SQLite connection: synthetic data is written, and the SQL floors measured, under the store
    (the application itself never does this)."""
    return project._db.conn


def insert_document(project: Project, title: str, text: str) -> int:
    """Store one document with one raw insert (the caller holds the transaction); returns its id."""
    cursor = raw_connection(project).execute(
        "INSERT INTO documents (title, source_path, text, sha256, language, added_at, metadata, done) "
        "VALUES (?, NULL, ?, ?, 'fr', ?, '{}', 0)",
        (title, text, text_sha256(text), utc_now()),
    )
    return int(cursor.lastrowid)


def span_tuples(document_id: int, spans: list[SpanRow], annotator: str = "bench") -> Iterator[tuple]:
    """Rows in ``SPAN_COLUMNS`` order for ``spans`` of one document."""
    now = utc_now()
    for span in spans:
        yield (
            str(uuid.uuid4()),
            document_id,
            span.start,
            span.end,
            span.label,
            span.text,
            annotator,
            "",
            "accepted",
            "manual",
            "unreviewed",
            None,
            None,
            None,
            now,
            now,
        )


def insert_spans(project: Project, document_id: int, spans: list[SpanRow], annotator: str = "bench") -> None:
    """Bulk-insert ``spans`` (the caller holds the transaction)."""
    raw_connection(project).executemany(
        f"INSERT INTO annotations ({SPAN_COLUMNS}) VALUES ({', '.join('?' * 16)})",
        span_tuples(document_id, spans, annotator),
    )


def build_long_document(project: Project, size: int, span_count: int, seed: int = 1) -> int:
    """One document of ``size`` code points with ``span_count`` spans, in one transaction; returns its id."""
    text = french_text(size, seed)
    spans = random_spans(text, span_count, seed + 1)
    with project.transaction():
        document_id = insert_document(project, f"Long report {seed}", text)
        insert_spans(project, document_id, spans)
    return document_id


def build_corpus(
    project: Project, documents: int, size: int = 3000, spans_per_document: int = 0, seed: int = 7
) -> None:
    """``documents`` articles of about ``size`` code points (and spans), all in one transaction."""
    rng = random.Random(seed)
    with project.transaction():
        for n in range(documents):
            text = french_text(size + rng.randrange(size // 2 + 1), seed + n)
            # A rare word in a few documents, for a search with few hits.
            if n % 1000 == 0:
                text = "Rapport Zanzibar-Kaliningrad. " + text
            document_id = insert_document(project, f"Article {n + 1}", text)
            if spans_per_document:
                insert_spans(project, document_id, random_spans(text, spans_per_document, seed + n))
