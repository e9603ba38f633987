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
    say,
)
from annotator.core.metadata import page_starts
from annotator.services.importing import import_paths, warning_kinds

ORDER = 10


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    docs = subparsers.add_parser("docs", help="list documents: id, title, spans, done flag, sha256 prefix")
    add_db_option(docs)
    add_json_option(docs)
    docs.set_defaults(handler=run_docs)

    imp = subparsers.add_parser(
        "import",
        help="import documents (.txt .md .html .htm .mhtml .docx .odt .rtf .pdf .eml .mbox) and annotation sets",
    )
    add_db_option(imp)
    add_create_option(imp)
    imp.add_argument("--annotator", metavar="NAME", help="author of imported spans that name none")
    imp.add_argument(
        "--attachments",
        action="store_true",
        help="also import the attachments of e-mail (.eml, .mbox) that are documents annotator reads",
    )
    imp.add_argument(
        "--unknown-labels",
        choices=("add", "refuse"),
        default=None,
        help="labels an imported set uses that the project lacks: add them, or refuse the set (default: "
        "refuse, but a native set's own declared labels are taken into a project with no documents yet)",
    )
    imp.add_argument(
        "--offsets",
        choices=("auto", "utf16", "codepoints"),
        default="auto",
        help="how doccano and Label Studio sets count offsets: UTF-16 units (JavaScript) or code points; "
        "auto (default) decides per document by where its spans fall, and says which it used",
    )
    imp.add_argument(
        "--verbose", action="store_true", help="print every warning, one per line (by default: one line per kind)"
    )
    add_json_option(imp)
    imp.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (recursively)")
    imp.set_defaults(handler=run_import)


def run_docs(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        docs = project.documents()
        metadata = project.documents_metadata() if args.json else {}
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
                    "pages": len(page_starts(metadata.get(d.id, {}))) or None,
                    "metadata": metadata.get(d.id, {}),
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
        report = import_paths(
            project,
            args.paths,
            annotator=annotator_name(args, project),
            unknown_labels=args.unknown_labels,
            offsets=args.offsets,
            attachments=args.attachments,
        )
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
                "notes": report.notes,
            }
        )
    else:
        for doc_id, title in dict(report.documents).items():  # a document several files touched, once
            say(doc_id, title)
        for path, reason in report.skipped:
            say("skipped", path, reason)
        for line in report.conflicts:
            say("conflict", line)
        for line in report.orphans:
            say("orphaned", line)
        if getattr(args, "verbose", False):
            for line in report.warnings:
                say("warning", line)
        else:
            for kind, count, first in warning_kinds(report.warnings):
                say("warning", first if count == 1 else f"{count} × {kind} (first: {first}; --verbose lists all)")
        for line in report.notes:
            say("note", line)
        say(report.summary())
    # Whatever could be read is imported and every skipped file is listed; bad input only when nothing was.
    return 2 if report.skipped and not report.documents else 0
