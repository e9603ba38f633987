"""The transfers as a network: the filters, the graph of who supplies whom, and the monthly counts.

Canonical actors are the nodes (an actor span counts as its entity's name, else as its own text, exactly as
the table names it); each transfer with a supplier and a recipient is a directed edge from the one to the
other. Pure: no Qt.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from annotator.core.model import ValidationError
from annotator.services.transfers import (
    CONFIDENCE_LEVELS,
    NOT_ASSESSED,
    TransferRow,
)
from annotator.store.project import Project

ACTOR_LABEL = "actor"
SUPPLIER, RECIPIENT, BOTH = "supplier", "recipient", "both"
CONFIDENCES = (*CONFIDENCE_LEVELS, NOT_ASSESSED)
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
