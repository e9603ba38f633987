"""``annotator backup``: a consistent copy of a project, taken with SQLite's online backup (of a team project: a
copy of it in a new project file)."""

from __future__ import annotations

import argparse

from annotator.cli.common import add_db_option, open_project, say
from annotator.services.copying import backup_to_file
from annotator.store.backup import backup_project

ORDER = 80


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = subparsers.add_parser("backup", help="copy the project safely, even while it is in use")
    add_db_option(backup)
    backup.add_argument("--out", required=True, metavar="COPY")
    backup.set_defaults(handler=run_backup)


def run_backup(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        target = backup_to_file(project, args.out) if project.server else backup_project(project, args.out)
    say(f"backed up to {target}")
    return 0
