"""Search on the server: accent and case folding for French and English, the same hits as the file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from annotator.store.location import sample_docs_path
from annotator.store.postgres.search import search
from annotator.store.project import Project
from tests.conftest import FRENCH
from tests.store.postgres.conftest import add_document

pytest.importorskip("psycopg")

WORD = re.compile(r"\w+(?:[-’']\w+)*")


def sample_texts() -> list[tuple[str, str]]:
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(sample_docs_path().glob("*.txt"))]


def test_every_word_of_the_sample_articles_finds_the_same_documents_as_in_a_file(schema_db, tmp_path: Path) -> None:
    texts = sample_texts()
    assert len(texts) >= 4
    with Project(tmp_path / "file.db") as project:
        for title, text in texts:
            document, _ = project.add_document(title, text)
            assert add_document(schema_db, text, title) == document.id
        words = sorted({w for _, text in texts for w in WORD.findall(text)})
        # Numbers with a decimal point ("1.2 million") are one token on the server, two in the file: words only.
        words = [w for w in words if any(c.isalpha() for c in w)]
        assert len(words) > 500
        for word in words:
            in_file = sorted(hit.document_id for hit in project.search(word))
            on_server = sorted(hit.document_id for hit in search(schema_db, word))
            assert on_server == in_file, word
            folded = word.upper() if word.islower() else word.lower()
            assert sorted(hit.document_id for hit in search(schema_db, folded)) == in_file, folded


def test_accents_and_case_are_folded_in_french_and_english(schema_db) -> None:
    fr = add_document(schema_db, FRENCH, "Corée")
    en = add_document(schema_db, "The naïve café owner met Zoë at the Élysée; OEUVRE and Œuvre.\n", "café")
    assert [h.document_id for h in search(schema_db, "coree")] == [fr]
    assert [h.document_id for h in search(schema_db, "CORÉE")] == [fr]
    assert [h.document_id for h in search(schema_db, "deployes")] == [fr]  # "déployés"
    assert [h.document_id for h in search(schema_db, "onu")] == [fr]  # "l’ONU": the apostrophe splits words
    assert [h.document_id for h in search(schema_db, "nord-coreens")] == [fr]
    assert [h.document_id for h in search(schema_db, "naive cafe")] == [en]
    assert [h.document_id for h in search(schema_db, "elysee zoe")] == [en]
    assert [h.document_id for h in search(schema_db, "oeuvre")] == [en]
    assert search(schema_db, "coree cafe") == []  # every word must occur
    assert search(schema_db, ' " ') == []
    hit = search(schema_db, "Corée")[0]
    assert "[Corée]" in hit.snippet and hit.title == "Corée"


def test_titles_are_searched_and_the_index_follows_a_new_title(schema_db) -> None:
    doc = add_document(schema_db, "Nothing to see here.\n", "Pétrole contre obus")
    assert [h.document_id for h in search(schema_db, "petrole")] == [doc]
    schema_db.execute("UPDATE documents SET title = 'Sanctions' WHERE id = %s", (doc,))
    assert search(schema_db, "petrole") == []
    assert [h.document_id for h in search(schema_db, "sanctions")] == [doc]


def test_marking_a_document_done_does_not_reindex_it(schema_db) -> None:
    doc = add_document(schema_db, FRENCH, "Corée")
    version = "SELECT xmin::text FROM documents_search WHERE document_id = %s"
    before = schema_db.execute(version, (doc,)).fetchone()
    schema_db.execute("UPDATE documents SET done = 1 WHERE id = %s", (doc,))
    assert schema_db.execute(version, (doc,)).fetchone() == before
    schema_db.execute("UPDATE documents SET title = 'Autre' WHERE id = %s", (doc,))
    assert schema_db.execute(version, (doc,)).fetchone() != before
