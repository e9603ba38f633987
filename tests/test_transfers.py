"""The transfers table, checked against a hand-made fixture built from the seed article."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.model import ValidationError
from annotator.services.importing import import_paths
from annotator.services.transfers import (
    CSV_COLUMNS,
    Assessment,
    SentenceFinder,
    TransferRow,
    document_metadata,
    export_transfers,
    metadata_with,
    safe_cell,
    transfer_rows,
)
from annotator.store.project import Project

SEED = Path(__file__).resolve().parents[1] / "sample_docs" / "coree-russie-industrie-defense.txt"
SENTENCE_1 = (
    "Outre les troupes, la Corée du Nord a fourni à la Russie des munitions d’artillerie, des missiles balistiques "
    "et des systèmes de roquettes."
)
SENTENCE_2 = (
    "En outre, depuis le mois de mars, les pétroliers nord-coréens ont acquis d’importantes quantités de produits "
    "pétroliers russes, dépassant le million de barils, en violation des sanctions de l’ONU."
)
ASSESSMENT = (
    "Les experts craignent que la demande croissante d’armement de la Corée du Nord par la Russie ne revitalise "
    "la base industrielle de défense vieillissante de Pyongyang"
)


def tag(project: Project, doc_id: int, phrase: str, label: str, *, after: str = "", **fields) -> str:
    """Tag the first ``phrase`` (after the first ``after``) of the document; returns the span id."""
    text = project.document_text(doc_id)
    start = text.index(phrase, text.index(after) if after else 0)
    return project.add_span(doc_id, start, start + len(phrase), label, expected_text=phrase, **fields).id


@pytest.fixture
def seed(project: Project) -> dict:
    """The seed article with two transfers tagged and linked by hand."""
    report = import_paths(project, [SEED])
    assert report.new_documents == 1, report.skipped
    doc_id = report.documents[0][0]
    north_korea = project.add_entity("Corée du Nord")
    ids = {
        "doc": doc_id,
        "dprk": tag(project, doc_id, "la Corée du Nord", "actor", after="Outre les troupes", entity_id=north_korea.id),
        "t1": tag(project, doc_id, "fourni à la Russie des munitions d’artillerie", "transfer"),
        "russia": tag(project, doc_id, "la Russie", "actor", after="a fourni à"),
        "assessment": tag(project, doc_id, ASSESSMENT, "assessment"),
        "tankers": tag(project, doc_id, "les pétroliers nord-coréens", "actor", entity_id=north_korea.id),
        "t2": tag(project, doc_id, "acquis d’importantes quantités de produits pétroliers russes", "transfer"),
        "barrels": tag(project, doc_id, "le million de barils", "quantity"),
    }
    project.add_link(ids["t1"], ids["dprk"], "supplier")
    project.add_link(ids["t1"], ids["russia"], "recipient")
    project.add_link(ids["assessment"], ids["t1"], "about")
    project.set_attribute(ids["assessment"], "confidence", "high")
    project.set_attribute(ids["t1"], "status", "reported")
    project.add_link(ids["t2"], ids["tankers"], "recipient")
    project.add_link(ids["t2"], ids["barrels"], "amount")
    metadata = metadata_with(project.document(doc_id).metadata, date="2024-11-21", source="Japan Times")
    project.update_document(doc_id, metadata=metadata)
    return ids


def test_rows_of_the_seed_article(project: Project, seed: dict) -> None:
    doc_id = seed["doc"]
    title = project.document(doc_id).title
    assert title  # the importer names the document; the row repeats that name
    text = project.document_text(doc_id)
    t1_start = text.index("fourni à la Russie des munitions")
    t2_start = text.index("acquis d’importantes")
    assert transfer_rows(project) == [
        TransferRow(
            span_id=seed["t1"],
            document_id=doc_id,
            start=t1_start,
            end=t1_start + len("fourni à la Russie des munitions d’artillerie"),
            what="fourni à la Russie des munitions d’artillerie",
            annotator="tester",
            suppliers=("Corée du Nord",),
            recipients=("la Russie",),
            amounts=(),
            assessments=(Assessment(seed["assessment"], ASSESSMENT, "high"),),
            attributes={"status": "reported"},
            sentence=SENTENCE_1,
            document=title,
            date="2024-11-21",
            source="Japan Times",
        ),
        TransferRow(
            span_id=seed["t2"],
            document_id=doc_id,
            start=t2_start,
            end=t2_start + len("acquis d’importantes quantités de produits pétroliers russes"),
            what="acquis d’importantes quantités de produits pétroliers russes",
            annotator="tester",
            suppliers=(),
            recipients=("Corée du Nord",),
            amounts=("le million de barils",),
            assessments=(),
            attributes={},
            sentence=SENTENCE_2,
            document=title,
            date="2024-11-21",
            source="Japan Times",
        ),
    ]


def test_rows_follow_edits_of_links_entities_and_metadata(project: Project, seed: dict) -> None:
    russia = project.add_entity("Russie")
    project.update_span(seed["russia"], entity_id=russia.id)
    project.add_link(seed["t2"], seed["russia"], "supplier")
    project.update_document(seed["doc"], metadata=metadata_with(project.document(seed["doc"]).metadata, source=""))
    first, second = transfer_rows(project)
    assert first.recipients == ("Russie",)
    assert second.suppliers == ("Russie",)
    assert (first.date, first.source) == ("2024-11-21", "")
    assert document_metadata(project, seed["doc"]) == {"date": "2024-11-21", "source": ""}
    project.delete_span(seed["assessment"])
    assert transfer_rows(project)[0].assessments == ()


def test_filters_and_rejected_links(project: Project, seed: dict) -> None:
    doc_id = seed["doc"]
    other = tag(project, doc_id, "Pyongyang", "actor", after="En retour", status="rejected", source="ner")
    project.add_link(seed["t2"], other, "supplier")
    assert transfer_rows(project)[1].suppliers == ()  # a rejected span is not a supplier
    assert transfer_rows(project, annotators=["someone else"]) == []
    assert transfer_rows(project, documents=[doc_id + 1]) == []
    suggested = tag(project, doc_id, "reçu une aide financière", "transfer", status="suggested", source="ner")
    assert [r.span_id for r in transfer_rows(project)] == [seed["t1"], seed["t2"]]
    assert [r.span_id for r in transfer_rows(project, statuses=None)] == [seed["t1"], suggested, seed["t2"]]


def test_several_suppliers_are_joined_and_entities_not_repeated(project: Project, seed: dict) -> None:
    pyongyang = tag(project, seed["doc"], "Pyongyang", "actor", after="la modernisation potentielle")
    project.update_span(pyongyang, entity_id=project.add_entity("Corée du Nord").id)
    project.add_link(seed["t1"], pyongyang, "supplier")
    russia_again = tag(project, seed["doc"], "la Russie", "actor", after="demande croissante")
    project.add_link(seed["t1"], russia_again, "recipient")
    row = transfer_rows(project)[0]
    assert row.suppliers == ("Corée du Nord",)  # two spans, one entity
    assert row.recipients == ("la Russie",)
    assert row.flat()["assessments"] == f"{ASSESSMENT} (high)"


def test_csv_export_reads_back(project: Project, seed: dict, tmp_path: Path) -> None:
    out = tmp_path / "transfers.csv"
    assert export_transfers(transfer_rows(project), out) == 2
    with out.open(encoding="utf-8-sig", newline="") as fh:
        records = list(csv.DictReader(fh))
    assert list(records[0]) == list(CSV_COLUMNS)
    assert records[0]["supplier"] == "Corée du Nord"
    assert records[0]["recipient"] == "la Russie"
    assert records[0]["what"] == "fourni à la Russie des munitions d’artillerie"
    assert records[0]["status"] == "reported"
    assert records[0]["assessments"] == f"{ASSESSMENT} (high)"
    assert records[0]["sentence"] == SENTENCE_1
    assert (records[0]["date"], records[0]["source"]) == ("2024-11-21", "Japan Times")
    assert records[1]["amount"] == "le million de barils"
    assert records[1]["supplier"] == ""
    assert records[1]["span_id"] == seed["t2"]


def test_csv_export_is_formula_safe(project: Project, seed: dict, tmp_path: Path) -> None:
    hostile = '=HYPERLINK("http://evil.example","x")'
    project.update_document(seed["doc"], metadata={"date": "+1-1", "source": hostile})
    doc, _ = project.add_document("Hostile", "@SUM(A1) -cmd a livré @armes à +Corp.\n")
    t = project.add_span(doc.id, 9, 28, "transfer", expected_text="-cmd a livré @armes").id
    supplier = project.add_span(doc.id, 0, 8, "actor", expected_text="@SUM(A1)").id
    project.add_link(t, supplier, "supplier")
    out = tmp_path / "t.csv"
    export_transfers(transfer_rows(project), out)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        records = list(csv.DictReader(fh))
    assert records[0]["source"] == "'" + hostile
    assert records[0]["date"] == "'+1-1"
    assert records[2]["what"] == "'-cmd a livré @armes"
    assert records[2]["supplier"] == "'@SUM(A1)"
    for record in records:
        for value in record.values():
            assert not value.startswith(("=", "+", "-", "@"))
    assert safe_cell("\t=1") == "'\t=1"
    assert safe_cell("Corée") == "Corée"
    assert safe_cell(None) == ""


def test_jsonl_export_keeps_lists_and_attributes(project: Project, seed: dict, tmp_path: Path) -> None:
    out = tmp_path / "transfers.jsonl"
    assert export_transfers(transfer_rows(project), out) == 2
    lines = out.read_text(encoding="utf-8").splitlines()
    first, second = (json.loads(line) for line in lines)
    assert first["supplier"] == ["Corée du Nord"]
    assert first["attributes"] == {"status": "reported"}
    assert first["assessments"] == [{"text": ASSESSMENT, "confidence": "high", "span_id": seed["assessment"]}]
    assert second["amount"] == ["le million de barils"]
    assert second["supplier"] == []
    assert "d’importantes" in lines[1]  # written as UTF-8, not escaped


def test_export_refuses_an_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="csv or jsonl"):
        export_transfers([], tmp_path / "t.xlsx")
    assert not (tmp_path / "t.xlsx").exists()


def test_sentence_finder_with_emoji_and_line_breaks() -> None:
    text = "Le drapeau 🇰🇵 et 😀 : la Corée du Nord 🚀 a livré plus de 1\u202f000 obus. Puis rien.\nTitre\n"
    finder = SentenceFinder(text)
    start = text.index("a livré")
    assert finder.around(start, start + len("a livré")) == text[: text.index(" Puis")]
    later = text.index("rien")
    assert finder.around(later, later + 4) == "Puis rien."
    both = finder.around(start, later + 4)
    assert both.startswith("Le drapeau") and both.endswith("Puis rien.")
    assert finder.around(later, text.index("Titre") + 2) == "Puis rien.\nTitre"  # across a line break
    assert finder.around(text.index("Titre"), text.index("Titre") + 5) == "Titre"
    assert SentenceFinder("   ").around(1, 2) == " "


def test_no_transfers_no_rows(project: Project, french_doc) -> None:
    project.add_span(french_doc.id, 16, 32, "actor")
    assert transfer_rows(project) == []


GOLD = SEED.parent / "gold.jsonl"


def test_the_gold_set_of_the_sample_articles_gives_transfer_rows(project: Project) -> None:
    report = import_paths(project, [SEED.parent])
    assert not report.skipped, report.skipped
    rows = transfer_rows(project, annotators=["gold"])
    assert rows, "the gold set links no transfer"
    assert any(row.suppliers and row.recipients for row in rows)
    seed_id = next(doc_id for doc_id, _title in report.documents if project.document(doc_id).source_path == str(SEED))
    assert any(row.document_id == seed_id for row in rows)
    for row in rows:
        text = project.document_text(row.document_id)
        assert text[row.start : row.end] == row.what
        assert row.what in row.sentence and row.sentence in text


@given(
    text=st.text(alphabet=st.sampled_from(list("ab .!?\n’\u00a0😀1")), min_size=1, max_size=60),
    data=st.data(),
)
def test_sentence_around_a_range_always_contains_it(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    finder = SentenceFinder(text)
    s, e = finder.bounds(start, end)
    assert 0 <= s <= start < end <= e <= len(text)
    assert finder.around(start, end) == text[s:e]
    assert "\n" not in text[s:start] and "\n" not in text[end:e]  # a sentence never reaches over a line break
