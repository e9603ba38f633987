"""``annotator gui``: open the window."""

from __future__ import annotations

import argparse
from pathlib import Path

from annotator.cli.common import EXIT_FAILURE, add_create_option, add_db_option, fail
from annotator.store.postgres import is_server_address
from annotator.store.postgres.connection import load_psycopg
from annotator.store.project import path_and_mode

ORDER = 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    gui = subparsers.add_parser("gui", help="open the window (on FILES if given)")
    add_db_option(gui)
    add_create_option(gui)
    gui.add_argument("--annotator", metavar="NAME", help="your name on the spans you make")
    gui.add_argument("files", nargs="*", metavar="FILES", help="documents or annotation sets to import and open")
    gui.set_defaults(handler=run_gui)


def run_gui(args: argparse.Namespace) -> int:
    from annotator.ui.display import missing_display

    db = getattr(args, "db", None)
    server = is_server_address(db)
    if server:
        load_psycopg()  # a team project needs the driver: say what to install before any window
    problem = missing_display()
    if problem:
        return fail(problem, EXIT_FAILURE)
    if db and args.create and not server:
        path, _ = path_and_mode(db)
        Path(path).absolute().parent.mkdir(parents=True, exist_ok=True)
    from annotator.ui.app import run_app

    return run_app(db_path=db, annotator=args.annotator, files=args.files)
