"""``annotator gui``: open the window."""

from __future__ import annotations

import argparse

from annotator.cli.common import add_db_option

ORDER = 0


def register(subparsers: argparse._SubParsersAction) -> None:
    gui = subparsers.add_parser("gui", help="open the window (on FILES if given)")
    add_db_option(gui)
    gui.add_argument("--annotator", metavar="NAME", help="your name on the spans you make")
    gui.add_argument("files", nargs="*", metavar="FILES", help="documents or annotation sets to import and open")
    gui.set_defaults(handler=run_gui)


def run_gui(args: argparse.Namespace) -> int:
    from annotator.ui.app import run_app

    return run_app(db_path=getattr(args, "db", None), annotator=args.annotator, files=args.files)
