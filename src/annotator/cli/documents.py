"""``annotator docs`` and ``annotator import``."""

from __future__ import annotations

import argparse

from annotator.cli.common import (
    add_create_option,
    add_db_option,
    add_json_option,
    annotator_name,
    open_project,
    print_json,
    print_table,
)
from annotator.importing import import_paths

ORDER = 10


def register(subparsers: argparse._SubParsersAction) -> None:
    docs = subparsers.add_parser("docs", help="list documents: id, title, spans, done flag, sha256 prefix")
    add_db_option(docs)
    add_json_option(docs)
    docs.set_defaults(handler=run_docs)

    imp = subparsers.add_parser(
        "import", help="import documents (.txt .md .html .docx) and annotation sets (jsonl, doccano, brat)"
    )
    add_db_option(imp)
    add_create_option(imp)
    imp.add_argument("--annotator", metavar="NAME", help="author of imported spans that name none")
    imp.add_argument(
        "--unknown-labels",
        choices=("add", "refuse"),
        default=None,
        help="labels an imported set uses that the project lacks: add them, or refuse the set (default: "
        "refuse, but a native set's own declared labels are taken into a project with no documents yet)",
    )
    add_json_option(imp)
    imp.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (recursively)")
    imp.set_defaults(handler=run_import)


def run_docs(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        docs = project.documents()
    if args.json:
        print_json(
            [
                {
                    "id": d.id,
                    "title": d.title,
                    "spans": d.span_count,
                    "done": d.done,
                    "sha256": d.sha256,
                    "source_path": d.source_path,
                    "added_at": d.added_at,
                }
                for d in docs
            ]
        )
    else:
        print_table(
            ("id", "title", "spans", "done", "sha256"),
            [(d.id, d.title, d.span_count, d.done, d.sha256[:12]) for d in docs],
        )
    return 0


def run_import(args: argparse.Namespace) -> int:
    with open_project(args, creates=True) as project:
        report = import_paths(project, args.paths, annotator=annotator_name(args), unknown_labels=args.unknown_labels)
    if args.json:
        print_json(
            {
                "documents": [{"id": i, "title": t} for i, t in dict(report.documents).items()],
                "new_documents": report.new_documents,
                "spans_added": report.spans_added,
                "spans_updated": report.spans_updated,
                "skipped": [{"path": p, "reason": r} for p, r in report.skipped],
                "conflicts": report.conflicts,
                "orphans": report.orphans,
                "warnings": report.warnings,
            }
        )
    else:
        for doc_id, title in dict(report.documents).items():  # a document several files touched, once
            print(f"{doc_id}\t{title}")
        for path, reason in report.skipped:
            print(f"skipped\t{path}\t{reason}")
        for line in report.conflicts:
            print(f"conflict\t{line}")
        for line in report.orphans:
            print(f"orphaned\t{line}")
        for line in report.warnings:
            print(f"warning\t{line}")
        print(report.summary())
    # Whatever could be read is imported and every skipped file is listed; bad input only when nothing was.
    return 2 if report.skipped and not report.documents else 0
