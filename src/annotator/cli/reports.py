"""``annotator search`` and ``annotator stats``."""

from __future__ import annotations

import argparse

from annotator.cli.common import add_db_option, add_json_option, open_project, print_json, print_table, sqlite_integer

ORDER = 40


def register(subparsers: argparse._SubParsersAction) -> None:
    search = subparsers.add_parser("search", help="full-text search over documents, with context")
    add_db_option(search)
    add_json_option(search)
    search.add_argument("--limit", type=sqlite_integer, default=50, metavar="N")
    search.add_argument("query", nargs="+", metavar="QUERY")
    search.set_defaults(handler=run_search)

    stats = subparsers.add_parser("stats", help="documents, spans per label, per annotator and per document")
    add_db_option(stats)
    add_json_option(stats)
    stats.set_defaults(handler=run_stats)


def run_search(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        hits = project.search(" ".join(args.query), limit=args.limit)
    if args.json:
        print_json([{"document_id": h.document_id, "title": h.title, "snippet": h.snippet} for h in hits])
    else:
        print_table(("id", "title", "context"), [(h.document_id, h.title, h.snippet) for h in hits])
    return 0


def run_stats(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        stats = project.stats()
        titles = {d.id: d.title for d in project.documents()}
    if args.json:
        stats["per_document"] = {str(k): v for k, v in stats["per_document"].items()}
        print_json(stats)
        return 0
    print(f"documents: {stats['documents']} ({stats['documents_done']} done)")
    print(f"spans: {stats['spans']} accepted; links: {stats['links']}")
    print()
    print_table(("label", "spans"), sorted(stats["per_label"].items(), key=lambda kv: -kv[1]))
    print()
    print_table(("annotator", "spans"), stats["per_annotator"].items())
    print()
    print_table(("doc", "title", "spans"), [(i, titles[i], n) for i, n in stats["per_document"].items()])
    return 0
