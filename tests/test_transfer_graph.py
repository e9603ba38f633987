"""The transfers as a network: filters, graph, timeline, layout kept in the project, and the GraphML, GEXF
and CSV files read back by other tools (networkx, lxml with the published GEXF 1.3 schemas, csv)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from annotator.core.model import ValidationError
from annotator.services.transfer_graph import (
    LAYOUT_SETTING,
    NO_PAIR,
    TransferFilter,
    actor_index,
    build_graph,
    compute_layout,
    edges_csv_text,
    gexf_text,
    graphml_text,
    layout_for,
    month_of,
    nodes_csv_text,
    period_bound,
    place_new_nodes,
    store_layout,
    stored_layout,
    timeline,
)
from annotator.services.transfers import transfer_rows
from annotator.store.project import Project

GEXF_SCHEMAS = Path(__file__).parent / "formats" / "gexf-1.3"


def tag(project: Project, doc_id: int, phrase: str, label: str, **fields) -> str:
    text = project.document_text(doc_id)
    start = text.index(phrase)
    return project.add_span(doc_id, start, start + len(phrase), label, expected_text=phrase, **fields).id


def transfer(project: Project, doc_id: int, what: str, supplier: str | None, recipient: str | None, **kw) -> str:
    """Tag a transfer and link its parties (actor spans tagged on the spot, with their entity if given)."""
    t = tag(project, doc_id, what, "transfer", annotator=kw.get("annotator", "tester"))
    for role, phrase in (("supplier", supplier), ("recipient", recipient)):
        if phrase:
            entity = kw.get(f"{role}_entity")
            span = tag(project, doc_id, phrase, "actor", entity_id=entity)
            project.add_link(t, span, role)
    if "amount" in kw:
        project.add_link(t, tag(project, doc_id, kw["amount"], "quantity"), "amount")
    if "confidence" in kw:
        assessment = tag(project, doc_id, kw["assessment"], "assessment")
        project.add_link(assessment, t, "about")
        project.set_attribute(assessment, "confidence", kw["confidence"])
    return t


@pytest.fixture
def corpus(project: Project) -> dict:
    """Three dated documents in two languages, an undated one, entities shared across them."""
    dprk = project.add_entity("North Korea").id
    russia = project.add_entity("Russia").id
    fr, _ = project.add_document(
        "Brève FR",
        "Selon les experts, la Corée du Nord a livré 😀 des obus à la Russie. Moscou a envoyé 1\u202f000 barils à "
        "Pyongyang.\n",
    )
    en, _ = project.add_document("EN", "North Korea shipped shells to Russia. Iran sold drones to Moscow.\n")
    late, _ = project.add_document("Late", "Russia delivered oil to North Korea.\n")
    undated, _ = project.add_document("Undated", "Someone sent <weapons> & “stuff”.\n")
    project.update_document(fr.id, metadata={"date": "2024-03-14"})
    project.update_document(en.id, metadata={"date": "2024-05-02T09:30:00Z"})
    project.update_document(late.id, metadata={"date": "2024-07"})
    ids = {
        "fr": fr.id,
        "en": en.id,
        "late": late.id,
        "undated": undated.id,
        "t1": transfer(
            project,
            fr.id,
            "a livré 😀 des obus",
            "la Corée du Nord",
            "la Russie",
            supplier_entity=dprk,
            recipient_entity=russia,
            confidence="high",
            assessment="Selon les experts",
        ),
        "t2": transfer(
            project,
            fr.id,
            "a envoyé 1\u202f000 barils",
            "Moscou",
            "Pyongyang",
            supplier_entity=russia,
            recipient_entity=dprk,
            amount="1\u202f000 barils",
        ),
        "t3": transfer(
            project,
            en.id,
            "shipped shells",
            "North Korea",
            "Russia",
            supplier_entity=dprk,
            recipient_entity=russia,
            annotator="ann",
        ),
        "t4": transfer(project, en.id, "sold drones", "Iran", "Moscow", recipient_entity=russia),
        "t5": transfer(
            project, late.id, "delivered oil", "Russia", "North Korea", supplier_entity=russia, recipient_entity=dprk
        ),
        "t6": transfer(project, undated.id, "sent <weapons> & “stuff”", "Someone", None),
    }
    return ids


def ids_of(rows) -> set[str]:
    return {r.span_id for r in rows}


def test_filters(project: Project, corpus: dict) -> None:
    rows = transfer_rows(project)
    assert len(rows) == 6

    index = actor_index(project)

    def kept(**kw) -> set[str]:
        return ids_of(TransferFilter.of(**kw).resolved(index).apply(rows))

    every = ids_of(rows)
    assert kept() == every
    # An actor by canonical name, by the text of one of its mentions, in any case.
    with_korea = {corpus[t] for t in ("t1", "t2", "t3", "t5")}
    assert kept(actors=["north korea"]) == with_korea
    assert kept(actors=["PYONGYANG"]) == with_korea
    assert ids_of(TransferFilter.of(actors=["PYONGYANG"]).apply(rows)) == {corpus["t2"]}  # not resolved: mentions
    assert kept(actors=["Iran", "Someone"]) == {corpus["t4"], corpus["t6"]}
    assert kept(what="obus") == {corpus["t1"]}
    assert kept(what="  SHIPPED   shells ") == {corpus["t3"]}
    assert kept(since="2024-04") == {corpus["t3"], corpus["t4"], corpus["t5"]}
    assert kept(until="2024-05-02") == {corpus["t1"], corpus["t2"], corpus["t3"], corpus["t4"]}
    assert kept(since="2024-05", until="2024-05") == {corpus["t3"], corpus["t4"]}
    assert kept(since="2024") == every - {corpus["t6"]}  # undated documents leave once a bound is set
    assert kept(confidences=["high"]) == {corpus["t1"]}
    assert kept(confidences=["not assessed"]) == every - {corpus["t1"]}
    assert kept(annotators=["ann"]) == {corpus["t3"]}
    assert kept(documents=[corpus["en"]]) == {corpus["t3"], corpus["t4"]}
    assert kept(actors=["Russia"], since="2024-05") == {corpus["t3"], corpus["t4"], corpus["t5"]}
    assert TransferFilter.of(since="2024-05").without_period().is_empty()


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [
        ("2024", False, "2024-01-01"),
        ("2024", True, "2024-12-31"),
        ("2024-2", True, "2024-02-29"),
        ("2023-02-28", True, "2023-02-28"),
    ],
)
def test_period_bounds(value: str, end: bool, expected: str) -> None:
    assert period_bound(value, end=end) == expected


@pytest.mark.parametrize("value", ["2024-13", "2023-02-29", "last year", "24-01-01", ""])
def test_bad_period_bounds_are_refused(value: str) -> None:
    with pytest.raises(ValidationError):
        period_bound(value, end=False)


def test_filter_refusals() -> None:
    with pytest.raises(ValidationError, match="starts"):
        TransferFilter.of(since="2024-06", until="2024-05")
    with pytest.raises(ValidationError, match="confidence"):
        TransferFilter.of(confidences=["certain"])


def test_month_of() -> None:
    assert [month_of(d) for d in ("2024-11-21", "2024-11", "2024-11-21T08:00:00+01:00", "2024", "", "nope")] == [
        "2024-11",
        "2024-11",
        "2024-11",
        None,
        None,
        None,
    ]


def test_graph_of_the_corpus(project: Project, corpus: dict) -> None:
    graph = build_graph(transfer_rows(project), actor_index(project))
    assert set(graph.nodes) == {"North Korea", "Russia", "Iran"}
    assert {(e.source, e.target): e.count for e in graph.edges.values()} == {
        ("North Korea", "Russia"): 2,
        ("Russia", "North Korea"): 2,
        ("Iran", "Russia"): 1,
    }
    korea, iran = graph.nodes["North Korea"], graph.nodes["Iran"]
    assert (korea.role, iran.role, graph.nodes["Russia"].role) == ("both", "supplier", "both")
    assert korea.mentions == 4 and korea.entity_id is not None
    assert set(korea.aliases) == {"la Corée du Nord", "Pyongyang", "North Korea"}
    assert iran.mentions == 1 and iran.aliases == ("Iran",)
    assert ids_of(graph.unplaced) == {corpus["t6"]}
    edge = graph.edges[("Russia", "North Korea")]
    assert edge.label == "2 transfers: a envoyé 1\u202f000 barils · 1\u202f000 bari…"  # cut at 48, spaces kept


def test_timeline(project: Project, corpus: dict) -> None:
    rows = transfer_rows(project)
    by_confidence = timeline(rows)
    assert by_confidence.months == ["2024-03", "2024-04", "2024-05", "2024-06", "2024-07"]
    assert by_confidence.stacks == ["high", "not assessed"]
    assert by_confidence.counts == {"high": [1, 0, 0, 0, 0], "not assessed": [1, 0, 2, 0, 1]}
    assert by_confidence.undated == 1 and by_confidence.total == 5
    by_pair = timeline(rows, "pair", max_pairs=2)
    assert by_pair.stacks == ["North Korea → Russia", "Russia → North Korea", "other pairs"]
    assert by_pair.counts["other pairs"] == [0, 0, 1, 0, 0]
    undated_only = timeline([r for r in rows if r.span_id == corpus["t6"]], "pair")
    assert (undated_only.months, undated_only.undated) == ([], 1)
    assert NO_PAIR not in by_pair.stacks
    with pytest.raises(ValidationError):
        timeline(rows, "colour")


def test_graphml_is_read_back_by_networkx_with_the_tables_nodes_and_edges(project: Project, corpus: dict) -> None:
    rows = transfer_rows(project)
    read = nx.read_graphml(io.BytesIO(graphml_text(build_graph(rows, actor_index(project))).encode("utf-8")))
    assert read.is_directed()
    placed = [r for r in rows if r.suppliers and r.recipients]
    assert set(read.nodes) == {n for r in placed for n in (*r.suppliers, *r.recipients)}
    assert sorted(read.edges()) == sorted((s, t) for r in placed for s in r.suppliers for t in r.recipients)
    by_span = {data["span_id"]: data for _s, _t, data in read.edges(data=True)}
    assert by_span[corpus["t1"]]["what"] == "a livré 😀 des obus"
    assert by_span[corpus["t1"]]["confidence"] == "high"
    assert by_span[corpus["t2"]]["amount"] == "1\u202f000 barils"
    assert read.nodes["North Korea"]["mentions"] == 4


def gexf_schemas() -> tuple[etree.XMLSchema, etree.RelaxNG]:
    return (
        etree.XMLSchema(etree.parse(str(GEXF_SCHEMAS / "gexf.xsd"))),
        etree.RelaxNG(etree.parse(str(GEXF_SCHEMAS / "gexf.rng"))),
    )


def test_gexf_validates_against_the_published_schemas(project: Project, corpus: dict) -> None:
    # A name with markup characters and quotes, and an emoji, must come out escaped and whole.
    odd = project.add_entity('Groupe "Wagner" <PMC> & Cie 😀').id
    doc, _ = project.add_document("Odd", "Wagner got tanks from Russia.\n")
    transfer(project, doc.id, "got tanks", "Russia", "Wagner", recipient_entity=odd)
    graph = build_graph(transfer_rows(project), actor_index(project))
    text = gexf_text(graph)
    document = etree.fromstring(text.encode("utf-8"))
    xsd, rng = gexf_schemas()
    assert xsd.validate(document), xsd.error_log
    assert rng.validate(document), rng.error_log
    ns = {"g": "http://gexf.net/1.3"}
    assert document.get("version") == "1.3"
    labels = {n.get("label") for n in document.iterfind(".//g:node", ns)}
    assert labels == set(graph.nodes) and 'Groupe "Wagner" <PMC> & Cie 😀' in labels
    weights = {(e.get("source"), e.get("target")): float(e.get("weight")) for e in document.iterfind(".//g:edge", ns)}
    assert weights[("North Korea", "Russia")] == 2.0
    assert document.find("g:graph", ns).get("defaultedgetype") == "directed"


def test_an_empty_graph_is_valid_gexf(project: Project) -> None:
    xsd, rng = gexf_schemas()
    document = etree.fromstring(gexf_text(build_graph([])).encode("utf-8"))
    assert xsd.validate(document) and rng.validate(document)


def test_nodes_and_edges_csv(project: Project, corpus: dict) -> None:
    evil = project.add_entity("=HYPERLINK(1)").id
    doc, _ = project.add_document("Evil", "Russia armed the cell.\n")
    transfer(project, doc.id, "armed", "Russia", "the cell", recipient_entity=evil)
    graph = build_graph(transfer_rows(project), actor_index(project))
    nodes = list(csv.DictReader(io.StringIO(nodes_csv_text(graph))))
    edges = list(csv.DictReader(io.StringIO(edges_csv_text(graph))))
    assert {n["Id"] for n in nodes} == set(graph.nodes) - {"=HYPERLINK(1)"} | {"'=HYPERLINK(1)"}
    assert {(e["Source"], e["Target"], e["Weight"]) for e in edges} >= {("North Korea", "Russia", "2")}
    assert all(e["Type"] == "Directed" for e in edges)
    assert next(n for n in nodes if n["Id"] == "Iran")["role"] == "supplier"


def test_layout_is_computed_once_then_kept_in_the_project(project: Project, corpus: dict, db_path: Path) -> None:
    graph = build_graph(transfer_rows(project), actor_index(project))
    positions, computed = layout_for(project, graph)
    assert computed and set(positions) == set(graph.nodes)
    assert positions == compute_layout(graph)  # the same graph gives the same picture
    stored = json.loads(project.setting(LAYOUT_SETTING))
    assert stored["version"] == 1 and set(stored["positions"]) == set(graph.nodes)
    # The analyst drags a node; reopening finds it there, and nothing is recomputed.
    store_layout(project, {"Iran": (123.4, -56.7)})
    with Project(db_path) as again:
        positions, computed = layout_for(again, graph)
    assert not computed and positions["Iran"] == (123.4, -56.7)
    # A new actor is placed beside the one it trades with; the others stay.
    doc, _ = project.add_document("New", "Belarus sent trucks to Iran.\n")
    transfer(project, doc.id, "sent trucks", "Belarus", "Iran")
    bigger = build_graph(transfer_rows(project), actor_index(project))
    placed = place_new_nodes(bigger, stored_layout(project))
    assert placed["Iran"] == (123.4, -56.7) and placed["North Korea"] == positions["North Korea"]
    assert abs(placed["Belarus"][0] - 123.4) <= 60 and abs(placed["Belarus"][1] + 56.7) <= 60


def test_a_damaged_layout_setting_is_ignored(project: Project, corpus: dict) -> None:
    for value in ("not json", "[]", '{"version": 1, "positions": {"Iran": ["x", 1]}}', '{"version": 99}'):
        project.set_setting(LAYOUT_SETTING, value)
        assert stored_layout(project) == {}
    graph = build_graph(transfer_rows(project))
    positions, computed = layout_for(project, graph)
    assert computed and set(positions) == set(graph.nodes)


def test_a_read_only_project_lays_out_without_storing(project: Project, corpus: dict, db_path: Path) -> None:
    project.close()
    with Project(f"file:{db_path}?mode=ro") as read_only:
        assert read_only.read_only
        positions, computed = layout_for(read_only, build_graph(transfer_rows(read_only)))
        assert computed and positions
        assert read_only.setting(LAYOUT_SETTING) is None
