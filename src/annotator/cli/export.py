"""``annotator export``: write annotation sets in jsonl, csv, brat, conll, webanno, spacy or labelstudio."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotator.cli.common import (
    EXIT_FAILURE,
    CliError,
    add_db_option,
    add_json_option,
    open_project,
    print_json,
    say,
    sqlite_integer,
)
from annotator.services.exporting import FORMATS, export_project

ORDER = 40


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = subparsers.add_parser(
        "export",
        help="export spans: jsonl (lossless), csv, brat, conll, webanno (W3C JSON-LD), spacy (.spacy DocBin), "
        "labelstudio (Label Studio JSON)",
        description=(
            "Export the project's spans. Filters can be repeated (--label actor --label transfer) or given "
            "several values (--label actor transfer); by default only accepted spans are exported, "
            "--status all exports every status."
        ),
    )
    add_db_option(export)
    export.add_argument(
        "--format", required=True, choices=FORMATS, dest="fmt", metavar="FORMAT", help=f"one of {', '.join(FORMATS)}"
    )
    export.add_argument("--out", required=True, metavar="PATH", help="output file (a folder for brat)")
    export.add_argument("--annotator", action="extend", nargs="+", metavar="NAME", help="only spans by NAME")
    export.add_argument("--label", action="extend", nargs="+", metavar="LABEL", help="only spans with LABEL")
    export.add_argument(
        "--status",
        action="extend",
        nargs="+",
        metavar="STATUS",
        help="only spans with STATUS: suggested, accepted, rejected, or all (default: accepted)",
    )
    export.add_argument("--doc", action="extend", nargs="+", type=sqlite_integer, metavar="ID", help="only document ID")
    export.add_argument(
        "--verbose", action="store_true", help="name every span a warning counts (widened, split…), one per line"
    )
    add_json_option(export)
    export.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace) -> int:
    from annotator.formats.spacy_docbin import MissingSpacy

    out = Path(args.out)
    if args.fmt != "brat" and out.is_dir():
        raise CliError(f"--out {out} is a folder: the {args.fmt} format writes one file")
    if args.fmt == "brat" and out.exists() and not out.is_dir():
        raise CliError(f"--out {out} is a file: the brat format writes a folder of .txt and .ann files")
    with open_project(args) as project:
        try:
            report = export_project(
                project,
                args.fmt,
                out,
                annotators=args.annotator,
                labels=args.label,
                statuses=args.status or ("accepted",),
                documents=args.doc,
            )
        except MissingSpacy as exc:
            raise CliError(str(exc), EXIT_FAILURE) from None
    for warning in report.warnings:
        say(f"annotator: warning: {warning}", stream=sys.stderr)
    if args.verbose:
        for detail in report.details:
            say(f"annotator: {detail}", stream=sys.stderr)
    if args.json:
        print_json(
            {
                "path": str(report.path),
                "format": args.fmt,
                "documents": report.documents,
                "spans": report.spans,
                "warnings": report.warnings,
                "details": report.details,
            }
        )
    else:
        say(report.summary())
    return 0
