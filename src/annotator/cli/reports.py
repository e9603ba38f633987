"""``annotator search`` and ``annotator stats``."""

from __future__ import annotations

import argparse
import calendar

from annotator.cli.common import (
    CliError,
    add_db_option,
    add_json_option,
    open_project,
    print_json,
    print_table,
    sqlite_integer,
)
from annotator.core.metadata import day_of, iso_date

ORDER = 40


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    search = subparsers.add_parser("search", help="full-text search over documents, with context")
    add_db_option(search)
    add_json_option(search)
    search.add_argument("--limit", type=sqlite_integer, default=50, metavar="N")
    search.add_argument(
        "--since", type=_first_day, metavar="DATE", help="documents dated on or after DATE (YYYY-MM-DD, YYYY-MM, YYYY)"
    )
    search.add_argument(
        "--until", type=_last_day, metavar="DATE", help="documents dated on or before DATE (YYYY-MM-DD, YYYY-MM, YYYY)"
    )
    search.add_argument("--source", metavar="OUTLET", help="documents from this outlet (metadata source)")
    search.add_argument("query", nargs="*", metavar="QUERY", help="words to find (optional with a filter)")
    search.set_defaults(handler=run_search)

    stats = subparsers.add_parser("stats", help="documents, spans per label, per annotator and per document")
    add_db_option(stats)
    add_json_option(stats)
    stats.set_defaults(handler=run_stats)


def _day(value: str, last: bool) -> str:
    """A date as ``YYYY-MM-DD``; a year or a month stands for its first (or ``last``) day."""
    iso = iso_date(value)
    if iso is not None and len(iso) in (4, 7):
        if len(iso) == 4:
            return f"{iso}-12-31" if last else f"{iso}-01-01"
        year, month = int(iso[:4]), int(iso[5:7])
        return f"{iso}-{calendar.monthrange(year, month)[1]:02d}" if last else f"{iso}-01"
    day = day_of(value)
    if day is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: use YYYY-MM-DD")
    return day


def _first_day(value: str) -> str:
    return _day(value, last=False)


def _last_day(value: str) -> str:
    return _day(value, last=True)


def run_search(args: argparse.Namespace) -> int:
    if not args.query and not (args.since or args.until or args.source):
        raise CliError("search: give words to find, or --since, --until or --source (see --help)")
    with open_project(args) as project:
        hits = project.search(
            " ".join(args.query), limit=args.limit, since=args.since, until=args.until, source=args.source
        )
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
