"""``annotator spans list|add|delete``: scripting spans without the GUI."""

from __future__ import annotations

import argparse

from annotator.cli.common import (
    CliError,
    add_create_option,
    add_db_option,
    add_json_option,
    annotator_name,
    open_project,
    print_json,
    print_table,
    sqlite_integer,
)
from annotator.core.metadata import page_of, page_starts
from annotator.core.model import STATUSES, Span

ORDER = 20


def span_to_dict(span: Span, page: int | None = None) -> dict[str, object]:
    """A span as the JSON object the CLI prints; ``page``: the page it starts on, in a paginated document."""
    return {
        "id": span.id,
        "document_id": span.document_id,
        "start": span.start,
        "end": span.end,
        "label": span.label,
        "text": span.text,
        "annotator": span.annotator,
        "note": span.note,
        "status": span.status,
        "source": span.source,
        "review": span.review,
        "reviewer": span.reviewer,
        "review_comment": span.review_comment,
        "created": span.created,
        "updated": span.updated,
        "page": page,
    }


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    spans = subparsers.add_parser("spans", help="list, add or delete spans")
    add_db_option(spans)
    sub = spans.add_subparsers(dest="spans_command", metavar="ACTION", parser_class=type(spans), required=True)

    ls = sub.add_parser("list", help="list spans")
    add_db_option(ls)
    ls.add_argument("--doc", type=sqlite_integer, action="append", metavar="ID")
    ls.add_argument("--label", action="append", metavar="L")
    ls.add_argument("--annotator", action="append", metavar="NAME")
    ls.add_argument("--status", action="append", metavar="S", help=f"{', '.join(STATUSES)} or all (default: all)")
    add_json_option(ls)
    ls.set_defaults(handler=run_list)

    add = sub.add_parser("add", help="add a span (code-point offsets)")
    add_db_option(add)
    add_create_option(add)
    add.add_argument("--doc", type=sqlite_integer, required=True, metavar="ID")
    add.add_argument("--start", type=sqlite_integer, required=True, metavar="S")
    add.add_argument("--end", type=sqlite_integer, required=True, metavar="E")
    add.add_argument("--label", required=True, metavar="L")
    add.add_argument("--note", default="", metavar="T")
    add.add_argument("--annotator", metavar="NAME")
    add_json_option(add)
    add.set_defaults(handler=run_add)

    delete = sub.add_parser("delete", help="delete spans by id")
    add_db_option(delete)
    delete.add_argument("ids", nargs="+", metavar="SPAN_UUID")
    delete.set_defaults(handler=run_delete)


def run_list(args: argparse.Namespace) -> int:
    statuses = None if not args.status or "all" in args.status else args.status
    for status in statuses or ():
        if status not in STATUSES:
            raise CliError(f"unknown status {status!r}: use {', '.join(STATUSES)} or all")
    with open_project(args) as project:
        spans = project.spans(documents=args.doc, labels=args.label, annotators=args.annotator, statuses=statuses)
        starts = {doc_id: page_starts(project.document_metadata(doc_id)) for doc_id in {s.document_id for s in spans}}
    pages = [page_of(starts[s.document_id], s.start) for s in spans]
    if args.json:
        print_json([span_to_dict(s, page) for s, page in zip(spans, pages, strict=True)])
    else:
        paginated = any(page is not None for page in pages)
        print_table(
            ("id", "doc", "start", "end", "label", "text", "annotator", "status", *(("page",) if paginated else ())),
            [
                (s.id, s.document_id, s.start, s.end, s.label, s.text, s.annotator, s.status)
                + ((page,) if paginated else ())
                for s, page in zip(spans, pages, strict=True)
            ],
            shrink=5,
        )
    return 0


def run_add(args: argparse.Namespace) -> int:
    with open_project(args, creates=True) as project:
        span = project.add_span(
            args.doc, args.start, args.end, args.label, annotator=annotator_name(args, project), note=args.note
        )
    if args.json:
        print_json(span_to_dict(span))
    else:
        print(span.id)
    return 0


def run_delete(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        missing = [sid for sid in args.ids if not project.has_span(sid)]
        if missing:
            raise CliError(f"no span with id {', '.join(missing)}; nothing was deleted")
        project.delete_spans(args.ids)
    print(f"deleted {len(args.ids)} span{'s' * (len(args.ids) != 1)}")
    return 0
