"""The ``annotator`` console command.

Each sub-command lives in its own module of this package and registers itself through
``register(subparsers)``; ``main`` finds them all, so a new command touches no other file.
Errors print one line on stderr: exit code 2 for bad usage or bad input, 1 for other failures.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from annotator import __version__
from annotator.cli.common import EXIT_FAILURE, EXIT_USAGE, CliError, OneLineParser, fail
from annotator.core.model import ValidationError
from annotator.store.errors import EnvironmentFault, NotFound, StoreError


def build_parser() -> OneLineParser:
    """The argument parser with every sub-command module registered."""
    parser = OneLineParser(
        prog="annotator",
        description="Tag spans of articles as actor, transfer, quantity or assessment; export annotation sets.",
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    desktop = parser.add_mutually_exclusive_group()
    desktop.add_argument(
        "--install-desktop",
        action="store_true",
        help="add annotator to the desktop's menus: entry, icon, and a file type so that projects open by "
        "double-click (under $XDG_DATA_HOME)",
    )
    desktop.add_argument("--uninstall-desktop", action="store_true", help="remove what --install-desktop wrote")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    modules = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_") or info.name == "common":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "register"):
            modules.append(module)
    for module in sorted(modules, key=lambda m: getattr(m, "ORDER", 100)):
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):  # a file name that is not UTF-8 is shown escaped, never a crash
            stream.reconfigure(errors="backslashreplace")
    for arg in argv:
        # Bytes that are not UTF-8 reach Python as lone surrogates, which SQLite cannot store. A file name
        # may hold them (the file is read through the OS); any other argument is refused.
        if not _is_utf8(arg) and not os.path.exists(arg):
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            return fail(f"argument {shown!r} is not valid UTF-8 text", EXIT_USAGE)
    parser = build_parser()
    # Bare `annotator` (or options and files only) opens the window.
    if not argv or (argv[0] not in parser.command_names() and argv[0] not in TOP_LEVEL_OPTIONS):
        if argv and not argv[0].startswith("-") and not os.path.exists(argv[0]):
            return fail(f"unknown command or file {argv[0]!r} (see annotator --help)", EXIT_USAGE)
        argv = ["gui", *argv]
    try:
        args = parser.parse_args(argv)
        if args.install_desktop or args.uninstall_desktop:
            return _desktop(install=args.install_desktop)
        handler = getattr(args, "handler", None)
        if handler is None:
            raise CliError("choose a command (see annotator --help)", EXIT_USAGE)
        return int(handler(args) or 0)
    except CliError as exc:
        return fail(str(exc), exc.code)
    except (ValidationError, NotFound) as exc:
        return fail(str(exc), EXIT_USAGE)
    except EnvironmentFault as exc:
        return fail(str(exc), EXIT_FAILURE)
    except StoreError as exc:
        return fail(str(exc), EXIT_FAILURE)
    except KeyboardInterrupt:
        return fail("interrupted", EXIT_FAILURE)
    except BrokenPipeError:
        return EXIT_FAILURE
    except OSError as exc:
        return fail(f"{exc.filename or ''}{': ' if exc.filename else ''}{exc.strerror or exc}", EXIT_FAILURE)
    except Exception as exc:  # a defect of ours: still one line, never a traceback
        return fail(f"unexpected error, please report it: {type(exc).__name__}: {exc}", EXIT_FAILURE)


TOP_LEVEL_OPTIONS = ("-h", "--help", "--version", "--install-desktop", "--uninstall-desktop")


def _desktop(*, install: bool) -> int:
    from annotator import desktop

    if install:
        written = desktop.install_desktop()
        print(
            f"installed the desktop entry, icons and project file type ({len(written)} files in {desktop.data_home()})"
        )
    else:
        removed = desktop.uninstall_desktop()
        print(f"removed {len(removed)} desktop file{'s' * (len(removed) != 1)} from {desktop.data_home()}")
    return 0


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
