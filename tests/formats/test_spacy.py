"""spaCy DocBin export, read back with spaCy: text kept exactly, spans in doc.spans and doc.ents."""

from __future__ import annotations

import builtins
from pathlib import Path

import pytest
import spacy

from annotator.core.model import Document
from annotator.formats.spacy_docbin import MissingSpacy, segments
from annotator.services.exporting import export_project
from annotator.store.project import Project
from tests.formats.sample_sets import add, fill


@pytest.fixture
def filled(project: Project, french_doc: Document, emoji_doc: Document) -> dict[str, str]:
    return fill(project, french_doc, emoji_doc)


def read_back(path: Path) -> list:
    from spacy.tokens import DocBin

    return list(DocBin().from_disk(path).get_docs(spacy.blank("xx").vocab))


def test_docbin_read_back_by_spacy_keeps_text_and_offsets(
    project: Project, filled: dict[str, str], tmp_path: Path
) -> None:
    french_id = project.document_ids()[0]
    add(project, project.document(french_id), "la Russie", "actor", annotator="carol")  # overlaps the transfer
    out = tmp_path / "set.spacy"
    report = export_project(project, "spacy", out)
    docs = read_back(out)
    assert len(docs) == 2 == report.documents
    for doc, document_id in zip(docs, project.document_ids(), strict=True):
        assert doc.text == project.document_text(document_id)
        assert doc.user_data["document_id"] == document_id
        expected = {(s.start, s.end, s.label, s.id) for s in project.spans(document_id, statuses=["accepted"])}
        got = {(s.start_char, s.end_char, s.label_, s.id_) for s in doc.spans["sc"]}
        assert got == expected
        for span in doc.spans["sc"]:
            assert span.text == doc.text[span.start_char : span.end_char]
    french = docs[0]
    # doc.ents: no overlaps, the longer transfer kept over "la Russie".
    assert [(e.text, e.label_) for e in french.ents] == [
        ("la Corée du Nord", "actor"),
        ("a fourni à la Russie des munitions d’artillerie", "transfer"),
        ("les experts estiment que c’est un risque", "assessment"),
    ]
    emoji = docs[1]
    assert [(e.text, e.start_char) for e in emoji.ents] == [
        ("la Corée du Nord", emoji.text.index("la Corée")),
        ("1\u202f000 obus", emoji.text.index("1\u202f000")),
    ]
    assert [s.kb_id_ for s in french.spans["sc"] if s.kb_id_] == ["Corée du Nord"]
    assert any("links" in w and "1 attributes" in w for w in report.warnings)


def test_spans_off_word_boundaries_keep_exact_offsets(project: Project, tmp_path: Path) -> None:
    text = "Les  drones\u00a0Shahed-136 arrivent.\n\nFin."
    document, _ = project.add_document("Mots", text)
    project.add_span(document.id, 5, 9, "transfer")  # "dron": inside a word
    project.add_span(document.id, 12, 18, "transfer")  # "Shahed": before the hyphen
    out = tmp_path / "set.spacy"
    export_project(project, "spacy", out)
    [doc] = read_back(out)
    assert doc.text == text
    assert [(s.start_char, s.end_char, s.text) for s in doc.spans["sc"]] == [(5, 9, "dron"), (12, 18, "Shahed")]
    words, spaces = segments(text, [5, 9])
    assert "".join(w + (" " if sp else "") for w, sp in zip(words, spaces, strict=True)) == text


def test_clear_error_without_spacy(project: Project, filled: dict[str, str], tmp_path: Path, monkeypatch) -> None:
    real_import = builtins.__import__

    def no_spacy(name, *args, **kwargs):
        if name == "spacy" or name.startswith("spacy."):
            raise ImportError("No module named 'spacy'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_spacy)
    with pytest.raises(MissingSpacy, match=r"pip install 'annotator\[spacy\]'"):
        export_project(project, "spacy", tmp_path / "set.spacy")
    assert not (tmp_path / "set.spacy").exists()
