"""``annotator transfers``: who supplies what to whom, as a table, CSV, JSONL, GraphML or GEXF.

A read command: a ``--db`` that does not exist is refused (exit 2), never created. The filters are the
ones the Transfers workspace shares between its map, timeline and table.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from annotator.cli.common import (
    CliError,
    add_db_option,
    add_json_option,
    open_project,
    print_json,
    sqlite_integer,
)
from annotator.services.transfer_graph import (
    CONFIDENCES,
    TransferFilter,
    TransferGraph,
    actor_index,
    build_graph,
    gexf_text,
    graphml_text,
    write_text_file,
)
from annotator.services.transfers import TransferRow, transfer_rows, write_csv, write_jsonl
from annotator.store.project import Project, path_and_mode

ORDER = 45
FORMATS = ("table", "csv", "jsonl", "graphml", "gexf")
TABLE_COLUMNS = (
    ("supplier", "supplier"),
    ("recipient", "recipient"),
    ("what", "what"),
    ("amount", "amount"),
    ("confidence", "confidence"),
    ("date", "date"),
    ("document", "document"),
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "transfers",
        help="transfers (supplier, recipient, what, amount): table, csv, jsonl, graphml or gexf",
        description=(
            "List the project's transfers: who supplies what to whom, how much, when, how credible. "
            "GraphML has one edge per transfer (networkx, yEd, Cytoscape); GEXF 1.3 one weighted edge per "
            "supplier → recipient pair (Gephi). Filters combine; repeated ones (--actor A --actor B) "
            "accept any of their values."
        ),
    )
    add_db_option(parser)
    parser.add_argument(
        "--format", choices=FORMATS, default="table", dest="fmt", metavar="FORMAT", help=f"one of {', '.join(FORMATS)}"
    )
    parser.add_argument("--out", metavar="PATH", help="write to this file instead of the standard output")
    parser.add_argument(
        "--actor", action="append", metavar="A", help="only transfers with A as supplier or recipient (name or alias)"
    )
    parser.add_argument("--since", metavar="DATE", help="only documents dated DATE or later (YYYY[-MM[-DD]])")
    parser.add_argument("--until", metavar="DATE", help="only documents dated DATE or earlier (YYYY[-MM[-DD]])")
    parser.add_argument("--what", default="", metavar="TEXT", help="only transfers whose text contains TEXT")
    parser.add_argument(
        "--confidence",
        action="append",
        metavar="LEVEL",
        help=f"only transfers of this confidence: {', '.join(CONFIDENCES)}",
    )
    parser.add_argument("--annotator", action="append", metavar="NAME", help="only transfers tagged by NAME")
    parser.add_argument("--doc", action="append", type=sqlite_integer, metavar="ID", help="only document ID")
    add_json_option(parser)
    parser.set_defaults(handler=run_transfers)


def _existing_project(args: argparse.Namespace) -> Project:
    """The project named by ``--db``; this command only reads, so a missing file is refused (exit 2) and an
    empty file is not taken for a new project."""
    if getattr(args, "db", None):
        path = Path(path_and_mode(args.db)[0])
        if path.is_file() and path.stat().st_size == 0:
            raise CliError(f"{args.db} is an empty file, not an annotator project")
    return open_project(args)


def _cell(row: TransferRow, key: str) -> str:
    value = str(getattr(row, key))
    if value:
        return value
    reason = row.missing().get(key)
    return f"({reason})" if reason else ""


def _render(rows: list[TransferRow], fmt: str, graph: TransferGraph | None) -> str:
    if graph is not None:
        return graphml_text(graph) if fmt == "graphml" else gexf_text(graph)
    if fmt == "table":
        return table_text([h for h, _ in TABLE_COLUMNS], [[_cell(r, key) for _, key in TABLE_COLUMNS] for r in rows])
    buffer = io.StringIO()
    if fmt == "csv":
        write_csv(rows, buffer)
    else:
        write_jsonl(rows, buffer)
    return buffer.getvalue()


def table_text(headers: list[str], rows: list[list[str]]) -> str:
    """An aligned text table (cells on one line), as ``print_table`` prints it."""
    cells = [headers] + [[" ".join(v.split()) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(v.ljust(widths[i]) for i, v in enumerate(row)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def run_transfers(args: argparse.Namespace) -> int:
    if args.json and args.fmt not in ("table", "jsonl") and not args.out:
        raise CliError(f"--json prints the transfers as JSON: leave out --format {args.fmt}, or give --out")
    row_filter = TransferFilter.of(
        actors=args.actor,
        what=args.what,
        since=args.since,
        until=args.until,
        confidences=args.confidence,
        annotators=args.annotator,
        documents=args.doc,
    )
    out = Path(args.out) if args.out else None
    with _existing_project(args) as project:
        if out is not None:
            from annotator.services.exporting import checked_output

            out = checked_output(project, out, args.fmt)
        actors = actor_index(project)
        rows = row_filter.resolved(actors).apply(transfer_rows(project, documents=args.doc))
        if args.json and out is None:
            print_json([row.as_json() for row in rows])
            return 0
        graph = build_graph(rows, actors) if args.fmt in ("graphml", "gexf") else None
        text = _render(rows, args.fmt, graph)
    if out is None:
        sys.stdout.write(text)
        return 0
    write_text_file(out, text, encoding="utf-8-sig" if args.fmt == "csv" else "utf-8")
    summary: dict[str, object] = {"path": str(out), "format": args.fmt, "transfers": len(rows)}
    said = f"wrote {len(rows)} transfer{'s' * (len(rows) != 1)} to {out}"
    if graph is not None:
        placed = len(rows) - len(graph.unplaced)
        summary.update(on_graph=placed, actors=len(graph.nodes), pairs=len(graph.edges))
        said = (
            f"wrote {placed} of {len(rows)} transfers ({len(graph.nodes)} actors, {len(graph.edges)} pairs) to "
            f"{out}; {len(graph.unplaced)} lack a supplier or a recipient"
        )
    if args.json:
        print_json(summary)
    else:
        print(said)
    return 0


__all__ = ["FORMATS", "register", "run_transfers", "table_text"]
