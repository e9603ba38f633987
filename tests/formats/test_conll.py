"""CoNLL export: TOKEN TAG lines, IOB2, sentences, document starts, overlaps resolved and reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.model import Document
from annotator.core.tokens import sentences, tokenize
from annotator.services.exporting import export_project
from annotator.store.project import Project
from tests.formats.sample_sets import add, fill


@pytest.fixture
def filled(project: Project, french_doc: Document, emoji_doc: Document) -> Project:
    fill(project, french_doc, emoji_doc)
    return project


def parse(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Documents → sentences → (token, tag), checking the layout on the way."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "" and lines[-2] == ""
    documents: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        if line == "-DOCSTART- O":
            assert lines[k + 1] == ""
            documents.append([])
            k += 2
            continue
        if line == "":
            if sentence:
                documents[-1].append(sentence)
                sentence = []
        else:
            assert line.count(" ") == 1, line  # exactly one plain space, before the tag
            token, tag = line.split(" ")
            sentence.append((token, tag))
        k += 1
    return documents


def test_tokens_and_tags_match_the_documents(filled: Project, tmp_path: Path) -> None:
    out = tmp_path / "set.conll"
    report = export_project(filled, "conll", out)
    documents = parse(out)
    assert len(documents) == report.documents == 2
    for document_id, parsed in zip(filled.document_ids(), documents, strict=True):
        text = filled.document_text(document_id)
        expected = [[text[s:e] for s, e in sentence] for sentence in sentences(text)]  # as in the text
        assert [[token for token, _ in sentence] for sentence in parsed] == expected
    french = [pair for sentence in documents[0] for pair in sentence]
    tagged = [(t, tag) for t, tag in french if tag != "O"]
    assert tagged[:3] == [("la", "B-actor"), ("Corée", "I-actor"), ("du", "I-actor")]
    assert ("fourni", "I-transfer") in tagged and ("a", "B-transfer") in tagged
    assert ("d", "I-transfer") in tagged and ("’", "I-transfer") in tagged and ("artillerie", "I-transfer") in tagged
    assert ("10\u00a0000", "O") in french  # the quantity there is rejected: not exported by default
    emoji = [pair for sentence in documents[1] for pair in sentence]
    assert ("🚀", "O") in emoji
    assert ("1\u202f000", "B-quantity") in emoji and ("obus", "I-quantity") in emoji
    # Every tag is IOB2: I- only continues the same label.
    for document in documents:
        for sentence in document:
            previous = "O"
            for _, tag in sentence:
                assert tag == "O" or tag[:2] in ("B-", "I-")
                if tag.startswith("I-"):
                    assert previous[2:] == tag[2:]
                previous = tag


def test_overlaps_longest_wins_and_the_rest_is_reported(filled: Project, french_doc: Document, tmp_path: Path) -> None:
    add(filled, french_doc, "la Russie", "actor", annotator="carol")  # inside the accepted transfer
    add(filled, french_doc, "munitions d’artillerie", "transfer", annotator="carol")  # also inside it
    out = tmp_path / "set.conll"
    report = export_project(filled, "conll", out)
    overlaps = [w for w in report.warnings if "overlaps" in w]
    assert len(overlaps) == 2
    assert any("la Russie" in w for w in overlaps) and any("munitions d’artillerie" in w for w in overlaps)
    french = [pair for sentence in parse(out)[0] for pair in sentence]
    assert ("Russie", "I-transfer") in french and ("munitions", "I-transfer") in french


def test_equal_length_overlap_goes_to_the_earliest_start(project: Project, tmp_path: Path) -> None:
    text = "Alpha beta gamma.\n"
    document, _ = project.add_document("Ties", text)
    add(project, document, "beta gamma", "transfer")
    add(project, document, "Alpha beta", "actor")
    out = tmp_path / "ties.conll"
    report = export_project(project, "conll", out)
    assert out.read_text(encoding="utf-8") == ("-DOCSTART- O\n\nAlpha B-actor\nbeta I-actor\ngamma O\n. O\n\n")
    assert len(report.warnings) == 1 and "beta gamma" in report.warnings[0]


def test_a_span_whose_tokens_all_went_to_another_span_is_reported(project: Project, tmp_path: Path) -> None:
    text = "abcdef ghi.\nxy"
    document, _ = project.add_document("Inside tokens", text)
    for start, end, label in ((0, 3, "actor"), (3, 6, "transfer"), (7, 8, "quantity"), (8, 10, "actor")):
        project.add_span(document.id, start, end, label, annotator="ana")
    out = tmp_path / "inside.conll"
    report = export_project(project, "conll", out)
    assert out.read_text(encoding="utf-8") == ("-DOCSTART- O\n\nabcdef B-actor\nghi B-quantity\n. O\n\nxy O\n\n")
    left_out = [w for w in report.warnings if "left out of conll" in w]
    assert len(left_out) == 2
    assert "transfer “def” 3–6" in left_out[0] and "actor “hi” 8–10" in left_out[1]


def iob_reader_entities(path: Path, tmp_path: Path) -> list[tuple[str, str]]:
    """(label, tokens joined by a space) of every entity, as two independent readers see the file.

    nltk's ConllCorpusReader reads the columns; seqeval's ``get_entities`` reads the IOB2 tags. Both
    must agree on every sentence.
    """
    import nltk
    from nltk.corpus.reader import ConllCorpusReader
    from seqeval.metrics.sequence_labeling import get_entities

    nltk.data.path.append(str(path.parent))  # nltk reads only below its data folders
    try:
        reader = ConllCorpusReader(str(path.parent), [path.name], ("words", "pos"), separator=" ")
        found = []
        for sentence in reader.tagged_sents():
            tokens = [token for token, _ in sentence]
            for label, first, last in get_entities([tag for _, tag in sentence]):
                found.append((label, " ".join(tokens[first : last + 1])))
        return found
    finally:
        nltk.data.path.remove(str(path.parent))


def test_no_sentence_break_inside_a_span(project: Project, tmp_path: Path) -> None:
    text = "Le livre de J. K. Rowling est sorti. Puis la Corée\ndu Nord a parlé.\nFin."
    document, _ = project.add_document("Initiales", text)
    add(project, document, "J. K. Rowling", "actor")
    add(project, document, "la Corée\ndu Nord", "actor")
    out = tmp_path / "names.conll"
    report = export_project(project, "conll", out)
    assert report.warnings == [] and report.details == [] and report.spans == 2
    lines = out.read_text(encoding="utf-8").split("\n")
    at = lines.index("J B-actor")
    assert lines[at : at + 5] == ["J B-actor", ". I-actor", "K I-actor", ". I-actor", "Rowling I-actor"]
    at = lines.index("la B-actor")
    assert lines[at : at + 4] == ["la B-actor", "Corée I-actor", "du I-actor", "Nord I-actor"]
    assert lines[-4:] == ["Fin O", ". O", "", ""]  # sentences still end where no span is
    assert iob_reader_entities(out, tmp_path) == [("actor", "J . K . Rowling"), ("actor", "la Corée du Nord")]


def test_a_span_covering_part_of_a_token_is_widened_counted_and_named(project: Project, tmp_path: Path) -> None:
    text = "Les patients PWS-affected vont bien. Les cas anti-PWS aussi."
    document, _ = project.add_document("Widened", text)
    add(project, document, "PWS", "actor")
    start = text.index("anti-PWS") + 5
    project.add_span(document.id, start, start + 3, "actor")  # "PWS" inside "anti-PWS"
    add(project, document, "vont", "transfer")
    out = tmp_path / "widened.conll"
    report = export_project(project, "conll", out)
    assert report.spans == 3  # all three written, two of them wider
    [warning] = report.warnings
    assert warning.startswith("conll: 2 spans widened to whole tokens")
    assert len(report.details) == 2
    assert "“PWS” 13–16 written as “PWS-affected” 13–25" in report.details[0]
    assert "“anti-PWS”" in report.details[1]
    content = out.read_text(encoding="utf-8")
    assert "PWS-affected B-actor\nvont B-transfer\n" in content and "anti-PWS B-actor\n" in content
    assert iob_reader_entities(out, tmp_path) == [
        ("actor", "PWS-affected"),
        ("transfer", "vont"),
        ("actor", "anti-PWS"),
    ]


def test_a_span_that_loses_a_shared_token_is_counted_and_the_count_is_what_was_written(
    project: Project, tmp_path: Path
) -> None:
    text = "abcdef ghi jkl.\n"
    document, _ = project.add_document("Trimmed", text)
    project.add_span(document.id, 0, 3, "actor")  # "abc", part of the token "abcdef"
    project.add_span(document.id, 3, 10, "transfer")  # "def ghi": its first token went to "abc"
    project.add_span(document.id, 4, 6, "quantity")  # "ef", inside the transfer: overlap, left out
    out = tmp_path / "trimmed.conll"
    report = export_project(project, "conll", out)
    assert out.read_text(encoding="utf-8") == ("-DOCSTART- O\n\nabcdef B-actor\nghi B-transfer\njkl O\n. O\n\n")
    assert report.spans == 2  # three selected, one left out
    kinds = [w.split(":")[1].strip() for w in report.warnings if w.startswith("conll:")]
    assert kinds == [
        "1 span widened to whole tokens (they cover part of a token)",
        "1 span written without a token they share with an earlier span",
    ]
    assert any("“ef”" in w and "left out of conll" in w for w in report.warnings)
    assert iob_reader_entities(out, tmp_path) == [("actor", "abcdef"), ("transfer", "ghi")]


def test_every_sentence_parses_with_independent_readers(filled: Project, tmp_path: Path) -> None:
    out = tmp_path / "set.conll"
    report = export_project(filled, "conll", out)
    expected = []
    for document_id in filled.document_ids():
        text = filled.document_text(document_id)
        for span in sorted(filled.spans(document_id, statuses=("accepted",)), key=lambda s: s.start):
            expected.append((span.label, " ".join(text[a:b] for a, b in tokenize(text, span.start, span.end))))
    assert iob_reader_entities(out, tmp_path) == expected
    assert len(expected) == report.spans == 5


def test_a_label_with_spaces_is_one_field_of_its_tag(project: Project, tmp_path: Path) -> None:
    project.add_label("groupe armé")
    document, _ = project.add_document("Groupes", "Le groupe Wagner recrute.\n")
    add(project, document, "groupe Wagner", "groupe armé")
    out = tmp_path / "groupes.conll"
    report = export_project(project, "conll", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert "groupe B-groupe_armé" in lines and "Wagner I-groupe_armé" in lines
    assert all(line.count(" ") == 1 for line in lines if line)  # TOKEN TAG, one separator
    assert any("“groupe armé” written as groupe_armé" in w for w in report.warnings)
