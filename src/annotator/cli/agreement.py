"""``annotator agreement``: span F1 (exact, overlap), Cohen's kappa and Krippendorff's alpha."""

from __future__ import annotations

import argparse

from annotator.cli.common import (
    add_db_option,
    add_json_option,
    format_number,
    open_project,
    print_json,
    print_table,
    say,
    sqlite_integer,
)
from annotator.services.curation import project_agreement, project_disagreements, resolve_scope

ORDER = 45

DESCRIPTION = """\
Agreement between annotators, per label and overall, over accepted spans only:
exact span F1 (same start, end and label), overlap F1 (same label, at least one shared character,
one-to-one, greedy by largest overlap), both micro-averaged; token-level Cohen's kappa (two
annotators) and Krippendorff's alpha (nominal), each token labelled with the longest span covering
it (ties: earliest start, then label name), else O.

Defaults (the same in the window): every annotator with accepted spans except "gold" (name gold
with --annotators to compare the curated layer); every label; every document where one of them
has an accepted span. With more than two annotators F1 is the mean over pairs (each pair is listed)
and kappa is given per pair.
Undefined values print as "–" (null in JSON): F1 when neither side has a span, kappa and alpha when
no token varies."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "agreement",
        help="inter-annotator agreement: exact and overlap F1, kappa, alpha; per label and overall",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_db_option(parser)
    parser.add_argument("--annotators", nargs="+", action="extend", metavar="NAME", help="annotators to compare")
    parser.add_argument("--label", action="extend", nargs="+", metavar="LABEL", help="only LABEL (repeatable)")
    parser.add_argument("--doc", action="extend", nargs="+", type=sqlite_integer, metavar="ID", help="only document ID")
    parser.add_argument(
        "--disagreements", action="store_true", help="also list the places where the annotators disagree"
    )
    add_json_option(parser)
    parser.set_defaults(handler=run_agreement)


def run_agreement(args: argparse.Namespace) -> int:
    with open_project(args, read_only=True) as project:
        scope = resolve_scope(project, args.annotators, args.label, args.doc)
        report = project_agreement(project, scope)
        places = project_disagreements(project, scope) if args.disagreements else []
        titles = {d.id: d.title for d in project.documents()} if places else {}
    if args.json:
        data = report.to_json()
        if args.disagreements:
            data["disagreements"] = [
                {
                    "document_id": d.document_id,
                    "start": d.start,
                    "end": d.end,
                    "kind": d.kind,
                    "versions": {
                        name: [
                            {"id": s.id, "start": s.start, "end": s.end, "label": s.label, "text": s.text}
                            for s in spans
                        ]
                        for name, spans in d.versions.items()
                    },
                }
                for d in places
            ]
        print_json(data)
        return 0
    names = report.annotators
    say(f"annotators: {', '.join(names)}")
    print(f"documents: {len(report.documents)}; tokens: {report.tokens}")
    print()
    headers = (
        "label",
        *(f"spans {n}" for n in names),
        "exact F1",
        "overlap F1",
        "kappa" if len(names) == 2 else "",
        "alpha",
    )
    rows = []
    for row in (*report.per_label, report.overall):
        rows.append(
            (
                row.label or "overall",
                *(row.spans[n] for n in names),
                format_number(row.exact_f1),
                format_number(row.overlap_f1),
                format_number(row.kappa) if len(names) == 2 else "",
                format_number(row.alpha),
            )
        )
    print_table(headers, rows)
    if len(names) > 2:
        print()
        print_table(
            ("pair", "exact F1", "overlap F1", "kappa"),
            [
                (
                    " – ".join(p.annotators),
                    format_number(p.exact.f1),
                    format_number(p.overlap.f1),
                    format_number(p.kappa),
                )
                for p in report.pairs
                if p.label is None
            ],
        )
    if places:
        print()
        print_table(
            ("doc", "title", "place", "kind", *names),
            [
                (d.document_id, titles[d.document_id], f"{d.start}–{d.end}", d.kind, *(d.describe(n) for n in names))
                for d in places
            ],
        )
    return 0
