"""``annotator copy --db SRC --to DST``: copy a whole project between a file and a team server (or two files)."""

from __future__ import annotations

import argparse
import os
import sys

from annotator.cli.common import CliError, add_json_option, open_project, print_json, say
from annotator.services.copying import DEFAULT_BATCH, CopyReport, copy_project
from annotator.store.postgres import is_server_address
from annotator.store.project import Project, path_and_mode

ORDER = 82


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    copy = subparsers.add_parser(
        "copy",
        help="copy a whole project, losslessly: a file to a team server, a server to a file, or file to file",
        description="Copy every document, span, link, attribute, entity, label and setting of the --db project "
        "into --to, a new file or an empty server database, one transaction per batch of documents. Run it "
        "again after an interruption: it carries on where it stopped.",
    )
    copy.add_argument(
        "--db",
        metavar="SRC",
        default=argparse.SUPPRESS,
        help="the project to copy: a file, postgresql://…, 'host=… dbname=…' or service=NAME (default: $ANNOTATOR_DB)",
    )
    copy.add_argument(
        "--to", required=True, metavar="DST", help="where to copy it: a new project file or an empty server database"
    )
    copy.add_argument(
        "--batch",
        type=int,
        default=DEFAULT_BATCH,
        metavar="N",
        help=f"documents per transaction (default {DEFAULT_BATCH})",
    )
    copy.add_argument("--create", action="store_true", help="create the folders of a new --to file if missing")
    add_json_option(copy)
    copy.set_defaults(handler=run_copy)


def _open_destination(args: argparse.Namespace) -> Project:
    target = str(args.to)
    if is_server_address(target):
        return Project(target)
    path, _ = path_and_mode(target)
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.exists(path) and not os.path.isdir(folder) and not args.create:
        raise CliError(f"copy: the folder {folder} does not exist; add --create to make it")
    return Project(target, create_folders=args.create)


def run_copy(args: argparse.Namespace) -> int:
    if args.batch < 1:
        raise CliError(f"copy: --batch must be at least 1, not {args.batch}")
    source_is_file = not is_server_address(getattr(args, "db", None) or "")
    with open_project(args, read_only=source_is_file) as source, _open_destination(args) as target:
        if source.location == target.location:
            raise CliError("copy: --to names the project being copied")
        show = sys.stderr.isatty() and not args.json

        def progress(done: int, total: int) -> None:
            if show:
                print(f"\rcopied {done} of {total} documents", end="", file=sys.stderr, flush=True)

        report = copy_project(source, target, batch=args.batch, progress=progress)
        if show:
            print(file=sys.stderr)
        where = target.location
    if args.json:
        print_json({"to": where, **report.as_dict()})
    else:
        say(_summary(report, where))
    return 0


def _summary(report: CopyReport, where: str) -> str:
    resumed = f" ({report.already} already copied by an interrupted run)" if report.resumed else ""
    return (
        f"copied {report.documents} documents{resumed}, {report.spans} spans, {report.links} links, "
        f"{report.attributes} attributes, {report.scores} scores, {report.entities} entities, {report.labels} "
        f"labels, {report.link_types} link types, {report.settings} settings to {where}"
    )
