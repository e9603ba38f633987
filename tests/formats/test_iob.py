"""IOB / CoNLL import: real files of other tools (spaCy's and doccano's test files) and the CoNLL-2003,
WNUT-2016 and BIOES layouts, checked document by document against an independent decoder (seqeval)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from seqeval.metrics.sequence_labeling import get_entities

from annotator.core.model import ValidationError
from annotator.formats import iob
from annotator.services.exporting import export_project
from annotator.services.importing import import_paths
from annotator.store.project import Project
from tests.formats.sample_sets import fill
from tests.processes import run_cli

DATA = Path(__file__).parent / "data" / "iob"


def expected_documents(path: Path) -> list[list[tuple[str, str]]]:
    """Per document, (label, covered text) of every entity: the columns split plainly (tabs, else single
    spaces), documents at -DOCSTART-, and the tags of each sentence decoded by seqeval."""
    documents: list[list[list[tuple[str, str]]]] = [[]]
    sentence: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if sentence:
                documents[-1].append(sentence)
                sentence = []
            continue
        columns = line.split("\t") if "\t" in line else [c for c in line.split(" ") if c]
        if columns[0] == "-DOCSTART-":
            if documents[-1]:
                documents.append([])
            continue
        sentence.append((columns[0], columns[-1]))
    result = []
    for document in documents:
        entities = []
        for sentence in document:
            tokens = [token for token, _ in sentence]
            # seqeval's BIOES reading wants S-/E-; BILOU's U-/L- are the same tags by other names
            for label, first, last in get_entities([tag for _, tag in sentence]):
                entities.append((label, " ".join(tokens[first : last + 1])))
        result.append(entities)
    return result


def imported_documents(project: Project) -> list[list[tuple[str, str]]]:
    return [
        [(s.label, s.text) for s in sorted(project.spans(doc_id), key=lambda s: s.start)]
        for doc_id in project.document_ids()
    ]


@pytest.mark.parametrize(
    ("name", "documents", "spans"),
    [
        ("spacy_conll_ner.conll", 1, 10),
        ("doccano_example.conll", 1, 2),
        ("doccano_trailing.conll", 1, 2),
        ("wnut16_tweets", 1, 5),
        ("conll2003_style_iob1.conll", 2, 8),
        ("bioes_french.bio", 1, 5),
        ("iob2_illformed.iob", 1, 3),
    ],
)
def test_real_files_import_span_by_span_as_an_independent_decoder_reads_them(
    project: Project, tmp_path: Path, name: str, documents: int, spans: int
) -> None:
    path = tmp_path / name
    shutil.copy(DATA / name, path)
    report = import_paths(project, [path], unknown_labels="add")
    assert report.skipped == [] and report.new_documents == documents and report.spans_added == spans
    expected = expected_documents(path)
    assert imported_documents(project) == expected
    for doc_id in project.document_ids():
        text = project.document_text(doc_id)
        assert "\t" not in text and "  " not in text  # tokens joined by one space, sentences by a line break
        for span in project.spans(doc_id):
            assert text[span.start : span.end] == span.text
    again = import_paths(project, [path], unknown_labels="add")
    assert (again.new_documents, again.spans_added, again.spans_unchanged) == (0, 0, spans)


def test_text_is_rebuilt_tokens_by_one_space_sentences_by_a_line_break(project: Project) -> None:
    import_paths(project, [DATA / "wnut16_tweets"], unknown_labels="add")
    [doc_id] = project.document_ids()
    text = project.document_text(doc_id)
    lines = text.split("\n")
    assert len(lines) == 4
    assert lines[0] == "@annotator_demo heading to New York tomorrow for the Knicks game 😍 #nba"
    assert lines[1].startswith("just watched Le Fabuleux Destin d'Amélie again")
    by_label = {s.label: s for s in project.spans(doc_id)}
    assert by_label["movie"].text == "Le Fabuleux Destin d'Amélie"
    assert by_label["geo-loc"].start == text.index("New York") and by_label["geo-loc"].text == "New York"
    assert project.document(doc_id).title == "wnut16_tweets"


def test_iob1_bioes_and_ill_formed_iob2(project: Project) -> None:
    report = import_paths(project, [DATA / "conll2003_style_iob1.conll"], unknown_labels="add")
    assert report.warnings == [
        "label 'LOC' added to the project",
        "label 'MISC' added to the project",
        "label 'ORG' added to the project",
        "label 'PER' added to the project",
    ]
    first, second = project.document_ids()
    assert [(s.label, s.text) for s in project.spans(first)][:3] == [
        ("ORG", "Airbus"),
        ("ORG", "Air France"),
        ("ORG", "KLM"),  # B- separates two adjacent entities of one label in IOB1
    ]
    assert [s.title for s in project.documents()] == ["conll2003_style_iob1 1", "conll2003_style_iob1 2"]
    assert [(s.label, s.text) for s in project.spans(second)] == [
        ("MISC", "German"),
        ("MISC", "French"),
        ("LOC", "Berlin"),
    ]
    import_paths(project, [DATA / "bioes_french.bio"], unknown_labels="add")
    third = project.document_ids()[-1]
    assert [(s.label, s.text) for s in sorted(project.spans(third), key=lambda s: s.start)] == [
        ("PER", "Emmanuel Macron"),
        ("PER", "Olaf Scholz"),
        ("LOC", "Paris"),
        ("ORG", "ONU"),
        ("ORG", "Union africaine de l’ Ouest"),
    ]
    report = import_paths(project, [DATA / "iob2_illformed.iob"], unknown_labels="add")
    assert any("1 I- tags follow O or another label (ill-formed IOB2): each read as B-" in w for w in report.warnings)
    fourth = project.document_ids()[-1]
    assert [(s.label, s.text) for s in project.spans(fourth)] == [
        ("ORG", "Le Monde"),
        ("LOC", "la Corée du Nord"),
        ("QTY", "10\u00a0000 obus"),  # a no-break space stays inside its token
    ]


def test_our_conll_export_imports_back_to_the_same_spans(
    project: Project, french_doc, emoji_doc, tmp_path: Path
) -> None:
    fill(project, french_doc, emoji_doc)
    first = tmp_path / "first.conll"
    export_project(project, "conll", first)
    with Project(tmp_path / "copy.db") as copy:
        report = import_paths(copy, [first])  # the labels are the project's own: nothing to add
        assert report.skipped == [] and report.spans_added == 5
        assert imported_documents(copy) == expected_documents(first)
        second = tmp_path / "second.conll"
        export_project(copy, "conll", second)
    assert expected_documents(second) == expected_documents(first)
    tokens = [line for line in first.read_text(encoding="utf-8").split("\n") if line]
    assert [line for line in second.read_text(encoding="utf-8").split("\n") if line] == tokens


def test_unknown_labels_are_refused_unless_added(project: Project) -> None:
    report = import_paths(project, [DATA / "doccano_example.conll"])
    [(name, reason)] = report.skipped
    assert name.endswith("doccano_example.conll") and "unknown labels LOC, PER" in reason
    assert project.document_ids() == []


def test_malformed_files_are_refused_by_line(project: Project, tmp_path: Path) -> None:
    report = import_paths(project, [DATA / "doccano_invalid.conll"], unknown_labels="add")
    [(_, reason)] = report.skipped
    assert (
        reason == "doccano_invalid.conll line 1: 'SOCCERO' is not an IOB tag "
        "(expected O or B-, I-, E-, S- followed by a label, in the last column)"
    )
    bad = tmp_path / "bad.conll"
    bad.write_text("Paris B-LOC\nest O\nbelle\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"bad\.conll line 3: expected a token and a tag"):
        iob.read(bad)
    bad.write_text("Paris B-1LOC\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"bad\.conll line 1: invalid label name .1LOC."):
        iob.read(bad)
    bad.write_text("\n\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="no token lines"):
        iob.read(bad)
    assert project.document_ids() == []


def test_a_txt_document_stays_a_document_and_suffixless_iob_is_recognised(project: Project, tmp_path: Path) -> None:
    prose = tmp_path / "note.txt"
    prose.write_text("Paris B-LOC\nLondres B-LOC\n", encoding="utf-8")  # looks like IOB, but a .txt is text
    conll_txt = tmp_path / "eng.txt"
    conll_txt.write_text("-DOCSTART- -X- O O\n\nParis NNP B-NP B-LOC\n", encoding="utf-8")
    plain = tmp_path / "README"
    plain.write_text("Une ligne de texte.\nUne autre O\n", encoding="utf-8")
    report = import_paths(project, [prose, conll_txt, plain, DATA / "wnut16_tweets"], unknown_labels="add")
    assert report.skipped == []
    titles = [d.title for d in project.documents()]
    assert len(titles) == 4
    spans = {project.document(d).title: [s.text for s in project.spans(d)] for d in project.document_ids()}
    assert spans[titles[0]] == [] and project.document_text(project.document_ids()[0]).startswith("Paris B-LOC")
    assert spans["eng"] == ["Paris"]
    assert spans[titles[2]] == []
    assert len(spans["wnut16_tweets"]) == 5


def test_looks_like_iob_only_when_unambiguous() -> None:
    assert iob.looks_like_iob(b"-DOCSTART- O\n\n")
    assert iob.looks_like_iob(b"Paris\tB-LOC\nest\tO\n")
    assert not iob.looks_like_iob(b"Paris O\nest O\n")  # no entity: could be anything
    assert not iob.looks_like_iob(b"Bonjour tout le monde.\n")
    assert not iob.looks_like_iob(b"B-52\n")
    assert not iob.looks_like_iob(b"\xff\xfeP\x00")


def test_cli_imports_a_conll_corpus(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    result = run_cli(
        "import", "--db", str(db), "--unknown-labels", "add", "--json", str(DATA / "conll2003_style_iob1.conll")
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["new_documents"], summary["spans_added"]) == (2, 8)
    refused = run_cli("import", "--db", str(tmp_path / "q.db"), str(DATA / "doccano_invalid.conll"))
    assert refused.returncode == 2 and "line 1" in (refused.stdout + refused.stderr)
    assert "Traceback" not in refused.stderr
