"""The transfer graph as files: GraphML (one edge per transfer, read by networkx and yEd), GEXF 1.3 (one
weighted edge per pair of actors, for Gephi) and CSV of nodes and edges. Pure: no Qt.
"""

from __future__ import annotations

import csv
import io
import math
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from xml.etree import ElementTree as ET

from annotator.services.transfer_graph.model import (
    BOTH,
    RECIPIENT,
    SUPPLIER,
    TransferGraph,
    shorten,
)
from annotator.services.transfers import LIST_SEPARATOR, safe_cell

if TYPE_CHECKING:  # networkx is loaded when a graph file is written, not when the app starts
    import networkx as nx

GEXF_NS = "http://gexf.net/1.3"


def to_networkx(graph: TransferGraph) -> nx.MultiDiGraph[str]:
    """A networkx MultiDiGraph: one node per actor (id = its name), one edge per transfer."""
    import networkx as nx

    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(name="transfers")
    for node in graph.nodes.values():
        g.add_node(
            node.name,
            label=node.name,
            mentions=node.mentions,
            role=node.role,
            supplies=node.supplies,
            receives=node.receives,
            aliases=LIST_SEPARATOR.join(node.aliases),
        )
    keys: Counter[str] = Counter()
    for source, target, row in graph.edge_rows():
        keys[row.span_id] += 1
        key = row.span_id if keys[row.span_id] == 1 else f"{row.span_id}#{keys[row.span_id]}"
        g.add_edge(
            source,
            target,
            key=key,
            label=shorten(row.what),
            what=row.what,
            amount=row.amount,
            status=row.status,
            confidence=row.confidence,
            assessments=row.assessment_text,
            sentence=row.sentence,
            document=row.document,
            document_id=row.document_id,
            date=row.date,
            source=row.source,
            span_id=row.span_id,
            annotator=row.annotator,
        )
    return g


def graphml_text(graph: TransferGraph) -> str:
    """The graph as GraphML (directed; an edge per transfer with its fields as data)."""
    import networkx as nx

    return "\n".join(nx.generate_graphml(to_networkx(graph), encoding="utf-8", prettyprint=True)) + "\n"


ROLE_COLORS: dict[str, tuple[int, int, int]] = {
    SUPPLIER: (213, 94, 0),  # vermillion (Okabe-Ito), as on the map
    RECIPIENT: (0, 114, 178),  # blue
    BOTH: (204, 121, 167),  # reddish purple
}


def node_size(mentions: int) -> float:
    """A node's diameter on the map for its number of mentions (area grows with mentions, up to a bound)."""
    return min(110.0, 16.0 + 8.0 * math.sqrt(max(mentions, 1)))


def edge_width(count: int) -> float:
    """An edge's width for its number of transfers."""
    return 1.2 + 1.6 * math.log2(max(count, 1)) + 0.4 * min(count, 5)


def gexf_text(graph: TransferGraph) -> str:
    """The graph as GEXF 1.3 for Gephi: one weighted edge per supplier → recipient pair, attributes on both.

    Valid against the published 1.3 XSD and the RELAX NG grammar alike. No ``viz:`` elements: the XSD puts
    them in the wrong namespace, so a file with them passes one schema or the other, never both; Gephi lays
    the graph out itself.
    """
    ET.register_namespace("", GEXF_NS)
    q = f"{{{GEXF_NS}}}"
    # No xsi:schemaLocation: the RELAX NG grammar does not allow it (and Gephi does not need it).
    root = ET.Element(f"{q}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, f"{q}meta", {"lastmodifieddate": datetime.now(UTC).date().isoformat()})
    ET.SubElement(meta, f"{q}creator").text = "annotator"
    ET.SubElement(meta, f"{q}description").text = "Transfers between actors: supplier → recipient"
    g = ET.SubElement(root, f"{q}graph", {"defaultedgetype": "directed", "mode": "static"})
    node_attributes = (
        ("mentions", "integer"),
        ("role", "string"),
        ("supplies", "integer"),
        ("receives", "integer"),
        ("aliases", "string"),
    )
    edge_attributes = (("transfers", "integer"), ("what", "string"), ("amounts", "string"), ("documents", "string"))
    for cls, attributes in (("node", node_attributes), ("edge", edge_attributes)):
        block = ET.SubElement(g, f"{q}attributes", {"class": cls, "mode": "static"})
        for index, (title, kind) in enumerate(attributes):
            ET.SubElement(block, f"{q}attribute", {"id": f"{cls[0]}{index}", "title": title, "type": kind})
    nodes = ET.SubElement(g, f"{q}nodes", {"count": str(len(graph.nodes))})
    for node in graph.nodes.values():
        element = ET.SubElement(nodes, f"{q}node", {"id": node.name, "label": node.name})
        values: tuple[int | str, ...] = (node.mentions, node.role, node.supplies, node.receives)
        values += (LIST_SEPARATOR.join(node.aliases),)
        _attvalues(element, q, "n", values)
    edges = ET.SubElement(g, f"{q}edges", {"count": str(len(graph.edges))})
    for index, edge in enumerate(graph.edges.values()):
        element = ET.SubElement(
            edges,
            f"{q}edge",
            {
                "id": f"e{index}",
                "source": edge.source,
                "target": edge.target,
                "weight": str(edge.count),
                "label": edge.label,
            },
        )
        values = (
            edge.count,
            LIST_SEPARATOR.join(dict.fromkeys(r.what for r in edge.rows)),
            LIST_SEPARATOR.join(dict.fromkeys(r.amount for r in edge.rows if r.amount)),
            LIST_SEPARATOR.join(dict.fromkeys(r.document for r in edge.rows)),
        )
        _attvalues(element, q, "e", values)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _attvalues(element: ET.Element, q: str, prefix: str, values: Sequence[Any]) -> None:
    block = ET.SubElement(element, f"{q}attvalues")
    for index, value in enumerate(values):
        ET.SubElement(block, f"{q}attvalue", {"for": f"{prefix}{index}", "value": str(value)})


NODE_CSV_COLUMNS = ("Id", "Label", "mentions", "role", "supplies", "receives", "aliases")
EDGE_CSV_COLUMNS = ("Source", "Target", "Type", "Weight", "Label", "what", "amounts", "documents")


def write_nodes_csv(graph: TransferGraph, out: TextIO) -> int:
    """Nodes as CSV with Gephi's spreadsheet columns (Id, Label, …); formula-safe cells."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(NODE_CSV_COLUMNS)
    for node in graph.nodes.values():
        values = (node.name, node.name, node.mentions, node.role, node.supplies, node.receives)
        writer.writerow([safe_cell(v) for v in (*values, LIST_SEPARATOR.join(node.aliases))])
    return len(graph.nodes)


def write_edges_csv(graph: TransferGraph, out: TextIO) -> int:
    """Edges as CSV with Gephi's spreadsheet columns (Source, Target, Type, Weight, Label, …)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EDGE_CSV_COLUMNS)
    for edge in graph.edges.values():
        values = (
            edge.source,
            edge.target,
            "Directed",
            edge.count,
            edge.label,
            LIST_SEPARATOR.join(dict.fromkeys(r.what for r in edge.rows)),
            LIST_SEPARATOR.join(dict.fromkeys(r.amount for r in edge.rows if r.amount)),
            LIST_SEPARATOR.join(dict.fromkeys(r.document for r in edge.rows)),
        )
        writer.writerow([safe_cell(v) for v in values])
    return len(graph.edges)


def nodes_csv_text(graph: TransferGraph) -> str:
    """``write_nodes_csv`` as a string."""
    buffer = io.StringIO()
    write_nodes_csv(graph, buffer)
    return buffer.getvalue()


def edges_csv_text(graph: TransferGraph) -> str:
    """``write_edges_csv`` as a string."""
    buffer = io.StringIO()
    write_edges_csv(graph, buffer)
    return buffer.getvalue()


def write_text_file(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` whole, or leave ``path`` as it was (a temporary file replaces it at the end)."""
    from annotator.services.exporting import atomic_file

    with atomic_file(path, "w", encoding=encoding, newline="") as handle:
        handle.write(text)
