"""The transfers as a network: who supplies whom, drawn from the transfers table.

Canonical actors are the nodes (an actor span counts as its entity's name, else as its own text, exactly as
the table names it); each transfer with a supplier and a recipient is a directed edge from the one to the
other. This module holds what the map, the timeline, the table and the ``transfers`` command share: the
filters, the graph, the monthly counts, the writers for GraphML (one edge per transfer, read by networkx and
yEd), GEXF 1.3 (one weighted edge per pair of actors, for Gephi) and CSV of nodes and edges, and the map's
layout (ForceAtlas2, as in Gephi, from networkx), which the project keeps in its settings. Pure: no Qt.
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import math
import random
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO
from xml.etree import ElementTree as ET

from annotator.core.model import ValidationError
from annotator.services.transfers import (
    CONFIDENCE_LEVELS,
    LIST_SEPARATOR,
    NOT_ASSESSED,
    TransferRow,
    safe_cell,
)
from annotator.store.project import Project

ACTOR_LABEL = "actor"
SUPPLIER, RECIPIENT, BOTH = "supplier", "recipient", "both"
CONFIDENCES = (*CONFIDENCE_LEVELS, NOT_ASSESSED)
LAYOUT_SETTING = "transfers_map_layout"  # project setting: {"version": 1, "positions": {name: [x, y]}}
LAYOUT_VERSION = 1
LAYOUT_SPAN = 1000.0  # scene units: a fresh layout of 36 actors fits in a square of this side
GEXF_NS = "http://gexf.net/1.3"
LABEL_LIMIT = 48
_SPACES = re.compile(r"\s+")
_BREAKS = re.compile(r"[ \t\r\n\f\v]+")  # not the no-break spaces inside numbers ("10 000")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _fold(text: str) -> str:
    """Case- and spacing-blind form of a name, for matching what a person types."""
    return _SPACES.sub(" ", text).strip().casefold()


def shorten(text: str, limit: int = LABEL_LIMIT) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = _BREAKS.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# -- dates and periods -------------------------------------------------------------------------------


def month_of(date: str) -> str | None:
    """``YYYY-MM`` of an ISO 8601 date (``2024-11-21``, ``2024-11-21T08:00Z``, ``2024-11``), else None."""
    match = _DATE.match(date.strip()) if date else None
    if match is None or match.group(2) is None:
        return None
    month = int(match.group(2))
    return f"{match.group(1)}-{month:02d}" if 1 <= month <= 12 else None


def day_of(date: str) -> str | None:
    """``YYYY-MM-DD`` of an ISO 8601 date, the first of the month for ``YYYY-MM``; None if not a date."""
    month = month_of(date)
    if month is None:
        return None
    match = _DATE.match(date.strip())
    assert match is not None
    day = match.group(3)
    return f"{month}-{day}" if day else f"{month}-01"


def period_bound(text: str, *, end: bool) -> str:
    """A period's first (or, with ``end``, last) day from ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    Raises ValidationError for anything else, naming the value.
    """
    value = text.strip()
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value)
    if match is None:
        raise ValidationError(f"{text!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else (12 if end else 1)
    if not 1 <= month <= 12:
        raise ValidationError(f"{text!r} is not a date: the month must be 1 to 12")
    last = calendar.monthrange(year, month)[1]
    day = int(match.group(3)) if match.group(3) else (last if end else 1)
    if not 1 <= day <= last:
        raise ValidationError(f"{text!r} is not a date: {year}-{month:02d} has {last} days")
    return f"{year:04d}-{month:02d}-{day:02d}"


def months_between(first: str, last: str) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last`` (both included)."""
    year, month = (int(p) for p in first.split("-"))
    end_year, end_month = (int(p) for p in last.split("-"))
    months = []
    while (year, month) <= (end_year, end_month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


# -- filters -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TransferFilter:
    """What the analyst narrows the transfers to; the map, the timeline and the table share one.

    Empty fields let everything through. ``actors`` match a supplier or a recipient by canonical name or by
    the text of its mention ("Pyongyang"), ignoring case and spacing; ``what`` is free text searched in the
    transfer span; ``since``/``until`` bound the document date (``YYYY-MM-DD``, both included; a transfer
    whose document has no date is left out once a bound is set); ``confidences`` are levels of
    ``CONFIDENCES`` (a transfer's confidence is the highest an assessment about it gives).
    """

    actors: tuple[str, ...] = ()
    what: str = ""
    since: str | None = None
    until: str | None = None
    confidences: tuple[str, ...] = ()
    annotators: tuple[str, ...] = ()
    documents: tuple[int, ...] = ()

    @classmethod
    def of(
        cls,
        *,
        actors: Iterable[str] | None = None,
        what: str = "",
        since: str | None = None,
        until: str | None = None,
        confidences: Iterable[str] | None = None,
        annotators: Iterable[str] | None = None,
        documents: Iterable[int] | None = None,
    ) -> TransferFilter:
        """A filter from loose values: period bounds as ``YYYY[-MM[-DD]]``; unknown confidences refused."""
        levels = tuple(c.strip().lower() for c in confidences or () if c.strip())
        unknown = [c for c in levels if c not in CONFIDENCES]
        if unknown:
            raise ValidationError(f"unknown confidence {unknown[0]!r} (one of: {', '.join(CONFIDENCES)})")
        start = period_bound(since, end=False) if since and since.strip() else None
        stop = period_bound(until, end=True) if until and until.strip() else None
        if start and stop and start > stop:
            raise ValidationError(f"the period starts ({start}) after it ends ({stop})")
        return cls(
            actors=tuple(a.strip() for a in actors or () if a.strip()),
            what=what.strip(),
            since=start,
            until=stop,
            confidences=levels,
            annotators=tuple(a for a in annotators or () if a),
            documents=tuple(int(d) for d in documents or ()),
        )

    def is_empty(self) -> bool:
        """Whether the filter lets every transfer through."""
        return self == TransferFilter()

    def without_period(self) -> TransferFilter:
        """The same filter over all time (the timeline shows every month while a period is brushed)."""
        return replace(self, since=None, until=None)

    def accepts(self, row: TransferRow) -> bool:
        """Whether ``row`` passes every field of the filter."""
        if self.documents and row.document_id not in self.documents:
            return False
        if self.annotators and row.annotator not in self.annotators:
            return False
        if self.confidences and row.confidence not in self.confidences:
            return False
        if self.what and _fold(self.what) not in _fold(row.what):
            return False
        if self.since or self.until:
            day = day_of(row.date)
            if day is None or (self.since and day < self.since) or (self.until and day > self.until):
                return False
        if self.actors:
            names = {
                _fold(n) for n in (*row.suppliers, *row.recipients, *row.supplier_mentions, *row.recipient_mentions)
            }
            if not any(_fold(a) in names for a in self.actors):
                return False
        return True

    def resolved(self, actors: Mapping[str, ActorInfo]) -> TransferFilter:
        """The filter with each wanted actor widened to the canonical names it names: "Pyongyang" (an alias)
        finds every transfer of North Korea, however the document names it. A text that is no actor's name
        nor alias finds the actors whose names or aliases contain it ("Iran" finds "l’Iran")."""
        if not self.actors:
            return self
        names: list[str] = []
        for wanted in (_fold(a) for a in self.actors):
            exact = [n for n, info in actors.items() if wanted in {_fold(n), *(_fold(x) for x in info.aliases)}]
            names += exact or [n for n, info in actors.items() if any(wanted in _fold(x) for x in (n, *info.aliases))]
        return replace(self, actors=tuple(dict.fromkeys((*self.actors, *names))))

    def apply(self, rows: Iterable[TransferRow]) -> list[TransferRow]:
        """The rows that pass."""
        if self.is_empty():
            return list(rows)
        return [row for row in rows if self.accepts(row)]


# -- the graph ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class ActorNode:
    """A canonical actor: its name, how often the corpus mentions it, its role in the transfers shown."""

    name: str
    mentions: int = 0
    supplies: int = 0
    receives: int = 0
    aliases: tuple[str, ...] = ()
    entity_id: int | None = None

    @property
    def role(self) -> str:
        """``supplier``, ``recipient`` or ``both``."""
        if self.supplies and self.receives:
            return BOTH
        return SUPPLIER if self.supplies else RECIPIENT


@dataclass(slots=True)
class TransferEdge:
    """Every transfer (shown) from one actor to another."""

    source: str
    target: str
    rows: list[TransferRow] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def label(self) -> str:
        """What is transferred (and how much): the one transfer's, or the count and the first one's."""
        first = self.rows[0]
        what = first.what + (f" · {first.amount}" if first.amount else "")
        if self.count == 1:
            return shorten(what)
        return shorten(f"{self.count} transfers: {what}")


@dataclass(slots=True)
class TransferGraph:
    """Actors and transfers; ``unplaced`` are the transfers that lack a supplier or a recipient."""

    nodes: dict[str, ActorNode] = field(default_factory=dict)
    edges: dict[tuple[str, str], TransferEdge] = field(default_factory=dict)
    unplaced: list[TransferRow] = field(default_factory=list)

    def edge_rows(self) -> Iterable[tuple[str, str, TransferRow]]:
        """One (supplier, recipient, transfer) per transfer and pair of its parties, in table order."""
        for edge in self.edges.values():
            for row in edge.rows:
                yield edge.source, edge.target, row


@dataclass(frozen=True, slots=True)
class ActorInfo:
    """What the corpus says about one actor name: mentions, the texts used for it, its entity."""

    mentions: int
    aliases: tuple[str, ...]
    entity_id: int | None


def actor_index(project: Project, statuses: Sequence[str] | None = ("accepted",)) -> dict[str, ActorInfo]:
    """Every actor name (entity name, else span text) with its mention count and aliases, most used first."""
    entities = {e.id: e.name for e in project.entities()}
    counts: dict[str, Counter[str]] = {}
    entity_of: dict[str, int | None] = {}
    for entity_id, text in project.label_mentions(ACTOR_LABEL, statuses):
        if entity_id is not None and entity_id in entities:
            name = entities[entity_id]
            entity_of[name] = entity_id
        else:
            name = text
            entity_of.setdefault(name, None)
        counts.setdefault(name, Counter())[_BREAKS.sub(" ", text).strip()] += 1
    return {
        name: ActorInfo(
            mentions=sum(texts.values()),
            aliases=tuple(t for t, _ in sorted(texts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))),
            entity_id=entity_of.get(name),
        )
        for name, texts in counts.items()
    }


def build_graph(rows: Iterable[TransferRow], actors: Mapping[str, ActorInfo] | None = None) -> TransferGraph:
    """The graph of ``rows``: a node per supplier or recipient, an edge per pair with its transfers."""
    actors = actors or {}
    graph = TransferGraph()

    def node(name: str, mention: str | None) -> ActorNode:
        found = graph.nodes.get(name)
        if found is None:
            info = actors.get(name)
            found = ActorNode(
                name,
                mentions=info.mentions if info else 0,
                aliases=info.aliases if info else ((mention,) if mention else ()),
                entity_id=info.entity_id if info else None,
            )
            graph.nodes[name] = found
        return found

    for row in rows:
        if not row.suppliers or not row.recipients:  # no edge to draw: listed apart, its party not a node
            graph.unplaced.append(row)
            continue
        for index, name in enumerate(row.suppliers):
            node(name, row.supplier_mentions[index] if index < len(row.supplier_mentions) else None).supplies += 1
        for index, name in enumerate(row.recipients):
            node(name, row.recipient_mentions[index] if index < len(row.recipient_mentions) else None).receives += 1
        for source in row.suppliers:
            for target in row.recipients:
                edge = graph.edges.get((source, target))
                if edge is None:
                    edge = graph.edges[(source, target)] = TransferEdge(source, target)
                edge.rows.append(row)
    for found in graph.nodes.values():
        if not found.mentions:  # linked only through spans not counted (suggestions): each link mentions it
            found.mentions = found.supplies + found.receives
    return graph


# -- the timeline ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Timeline:
    """Transfers per month of their document's date, split into stacks (confidence levels or actor pairs)."""

    months: list[str] = field(default_factory=list)
    stacks: list[str] = field(default_factory=list)
    counts: dict[str, list[int]] = field(default_factory=dict)  # stack -> one count per month
    undated: int = 0

    @property
    def total(self) -> int:
        return sum(sum(c) for c in self.counts.values())


OTHER_PAIRS = "other pairs"
NO_PAIR = "supplier or recipient missing"


def pair_name(row: TransferRow) -> str:
    """``supplier → recipient`` of a transfer (its first of each), or ``NO_PAIR``."""
    if not row.suppliers or not row.recipients:
        return NO_PAIR
    return f"{row.suppliers[0]} → {row.recipients[0]}"


def timeline(rows: Iterable[TransferRow], stack_by: str = "confidence", max_pairs: int = 6) -> Timeline:
    """Count ``rows`` per month, stacked ``by`` ``confidence`` or ``pair`` (the ``max_pairs`` busiest pairs,
    the rest together); months without transfers between the first and the last are there with zeros."""
    if stack_by not in ("confidence", "pair"):
        raise ValidationError(f"a timeline stacks by confidence or pair, not {stack_by!r}")
    result = Timeline()
    dated: list[tuple[str, str]] = []
    for row in rows:
        month = month_of(row.date)
        if month is None:
            result.undated += 1
            continue
        dated.append((month, row.confidence if stack_by == "confidence" else pair_name(row)))
    if not dated:
        return result
    result.months = months_between(min(m for m, _ in dated), max(m for m, _ in dated))
    if stack_by == "confidence":
        present = {s for _, s in dated}
        result.stacks = [c for c in CONFIDENCES if c in present]
    else:
        totals = Counter(s for _, s in dated)
        busiest = [p for p, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))]
        keep = [p for p in busiest if p != NO_PAIR][:max_pairs]
        rest = [p for p in busiest if p not in keep]
        result.stacks = keep + ([OTHER_PAIRS] if any(p != NO_PAIR for p in rest) else [])
        result.stacks += [NO_PAIR] if NO_PAIR in totals else []
        dated = [(m, s if s in keep or s == NO_PAIR else OTHER_PAIRS) for m, s in dated]
    index = {m: i for i, m in enumerate(result.months)}
    result.counts = {s: [0] * len(result.months) for s in result.stacks}
    for month, stack in dated:
        result.counts[stack][index[month]] += 1
    return result


# -- exports -----------------------------------------------------------------------------------------


def to_networkx(graph: TransferGraph) -> Any:
    """A networkx MultiDiGraph: one node per actor (id = its name), one edge per transfer."""
    import networkx as nx

    g = nx.MultiDiGraph(name="transfers")
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
    node_attributes = (("mentions", "integer"), ("role", "string"), ("supplies", "integer"), ("receives", "integer"))
    node_attributes += (("aliases", "string"),)
    edge_attributes = (("transfers", "integer"), ("what", "string"), ("amounts", "string"), ("documents", "string"))
    for cls, attributes in (("node", node_attributes), ("edge", edge_attributes)):
        block = ET.SubElement(g, f"{q}attributes", {"class": cls, "mode": "static"})
        for index, (title, kind) in enumerate(attributes):
            ET.SubElement(block, f"{q}attribute", {"id": f"{cls[0]}{index}", "title": title, "type": kind})
    nodes = ET.SubElement(g, f"{q}nodes", {"count": str(len(graph.nodes))})
    for node in graph.nodes.values():
        element = ET.SubElement(nodes, f"{q}node", {"id": node.name, "label": node.name})
        values = (node.mentions, node.role, node.supplies, node.receives, LIST_SEPARATOR.join(node.aliases))
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


# -- layout ------------------------------------------------------------------------------------------


Positions = dict[str, tuple[float, float]]


def compute_layout(graph: TransferGraph, seed: int = 7) -> Positions:
    """A fresh layout of every node (ForceAtlas2, undirected, weighted by transfers), scaled to LAYOUT_SPAN.

    The same graph gives the same picture (fixed seed). Nodes without edges cannot occur: every node is a
    party to a transfer.
    """
    names = sorted(graph.nodes)
    if not names:
        return {}
    if len(names) == 1:
        return {names[0]: (0.0, 0.0)}
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(names)
    for (source, target), edge in graph.edges.items():
        if source == target:
            continue
        weight = g.edges[source, target]["weight"] + edge.count if g.has_edge(source, target) else edge.count
        g.add_edge(source, target, weight=math.log2(1 + weight))
    if len(names) <= 40:
        raw = nx.spring_layout(g, seed=seed, weight="weight", iterations=200)
    else:
        # ForceAtlas2 as Gephi runs it, with numpy alone; fewer rounds for large graphs keep the first
        # opening of a big map within seconds, and the result is cached in the project.
        rounds = 100 if len(names) <= 200 else 60
        raw = nx.forceatlas2_layout(
            g, seed=seed, weight="weight", max_iter=rounds, scaling_ratio=2.0, strong_gravity=False
        )
    return _scaled({name: (float(p[0]), float(p[1])) for name, p in raw.items()})


def _scaled(raw: Mapping[str, tuple[float, float]]) -> Positions:
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    extent = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    # Room grows with the number of actors (their discs must not bury each other), from half a span for a few.
    factor = max(LAYOUT_SPAN / 2, LAYOUT_SPAN * math.sqrt(len(raw)) / 6) / extent
    return {name: ((x - cx) * factor, (y - cy) * factor) for name, (x, y) in raw.items()}


def place_new_nodes(graph: TransferGraph, known: Mapping[str, tuple[float, float]], seed: int = 7) -> Positions:
    """Positions for every node, keeping ``known`` ones where they are (the analyst may have moved them) and
    putting each new node beside the known actors it trades with (else on the edge of the picture)."""
    positions: Positions = {name: tuple(known[name]) for name in graph.nodes if name in known}  # type: ignore[misc]
    missing = sorted(name for name in graph.nodes if name not in positions)
    if not missing:
        return positions
    rng = random.Random(seed)
    neighbours: dict[str, set[str]] = {name: set() for name in missing}
    for source, target in graph.edges:
        if source in neighbours:
            neighbours[source].add(target)
        if target in neighbours:
            neighbours[target].add(source)
    if positions:
        xs = [p[0] for p in positions.values()]
        ys = [p[1] for p in positions.values()]
        cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
        radius = max(math.hypot(x - cx, y - cy) for x, y in positions.values()) + 120.0
    else:
        cx = cy = 0.0
        radius = LAYOUT_SPAN / 2
    for index, name in enumerate(missing):
        placed = [positions[n] for n in neighbours[name] if n in positions]
        if placed:
            x = sum(p[0] for p in placed) / len(placed) + rng.uniform(-60, 60)
            y = sum(p[1] for p in placed) / len(placed) + rng.uniform(-60, 60)
        else:
            angle = 2 * math.pi * index / len(missing)
            x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        positions[name] = (x, y)
    return positions


def stored_layout(project: Project) -> Positions:
    """The map's node positions kept in the project (empty when none, or unreadable)."""
    try:
        data = json.loads(project.setting(LAYOUT_SETTING) or "{}")
    except (TypeError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != LAYOUT_VERSION:
        return {}
    positions = data.get("positions")
    if not isinstance(positions, dict):
        return {}
    result: Positions = {}
    for name, point in positions.items():
        if (
            isinstance(name, str)
            and isinstance(point, list)
            and len(point) == 2
            and all(isinstance(v, int | float) and math.isfinite(v) for v in point)
        ):
            result[name] = (float(point[0]), float(point[1]))
    return result


def store_layout(project: Project, positions: Mapping[str, tuple[float, float]]) -> None:
    """Keep node positions in the project, merged over the ones kept before (a filtered map keeps the
    positions of the actors it does not show)."""
    merged = stored_layout(project)
    merged.update({name: (round(x, 1), round(y, 1)) for name, (x, y) in positions.items()})
    data = {"version": LAYOUT_VERSION, "positions": {n: [p[0], p[1]] for n, p in sorted(merged.items())}}
    project.set_setting(LAYOUT_SETTING, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def layout_for(project: Project, graph: TransferGraph, *, store: bool = True) -> tuple[Positions, bool]:
    """The positions of ``graph``'s nodes: kept ones reused, new ones placed; a fresh layout when none of
    them has a kept position. Returns (positions, whether anything was computed); the result is stored
    when ``store`` and the project can be written."""
    known = stored_layout(project)
    if any(name in known for name in graph.nodes):
        positions = place_new_nodes(graph, known)
        computed = len(positions) != sum(1 for name in graph.nodes if name in known)
    else:
        positions = compute_layout(graph)
        computed = bool(positions)
    if computed and store and not project.read_only:
        store_layout(project, positions)
    return positions, computed


def write_text_file(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` whole, or leave ``path`` as it was (a temporary file replaces it at the end)."""
    from annotator.services.exporting import atomic_file

    with atomic_file(path, "w", encoding=encoding, newline="") as handle:
        handle.write(text)
