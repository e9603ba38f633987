"""The map's layout: ForceAtlas2 (as in Gephi, from networkx) for a fresh picture, new actors placed beside
the ones they trade with, and the positions the project keeps in its settings. Pure: no Qt.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Mapping

from annotator.services.transfer_graph.model import TransferGraph
from annotator.store.project import Project

LAYOUT_SETTING = "transfers_map_layout"  # project setting: {"version": 1, "positions": {name: [x, y]}}
LAYOUT_VERSION = 1
LAYOUT_SPAN = 1000.0  # scene units: a fresh layout of 36 actors fits in a square of this side


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

    g: nx.Graph[str] = nx.Graph()
    g.add_nodes_from(names)
    for (source, target), edge in graph.edges.items():
        if source == target:
            continue
        weight = g.edges[source, target]["weight"] + edge.count if g.has_edge(source, target) else edge.count
        g.add_edge(source, target, weight=math.log2(1 + weight))
    if len(names) <= 40:
        spring = nx.spring_layout(g, seed=seed, weight="weight", iterations=200)
        raw = {name: (float(p[0]), float(p[1])) for name, p in spring.items()}
    else:
        # ForceAtlas2 as Gephi runs it, with numpy alone; fewer rounds for large graphs keep the first
        # opening of a big map within seconds, and the result is cached in the project.
        rounds = 100 if len(names) <= 200 else 60
        atlas = nx.forceatlas2_layout(
            g, seed=seed, weight="weight", max_iter=rounds, scaling_ratio=2.0, strong_gravity=False
        )
        raw = {name: (float(p[0]), float(p[1])) for name, p in atlas.items()}
    return _scaled(raw)


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
    # ``known`` may come from JSON (lists): made pairs again here.
    positions: Positions = {name: (known[name][0], known[name][1]) for name in graph.nodes if name in known}
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
