"""Shared pieces of the console commands: parser, project opening, tables and JSON output."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from annotator.services.samples import open_default_project
from annotator.store.postgres import is_server_address
from annotator.store.project import Project, path_and_mode

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A failure to report as one line on stderr with an exit code (2: bad usage or input)."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.partition(" ")[2]  # "annotator spans add" -> "spans add"; fail() names annotator
        raise CliError(f"{command + ': ' if command else ''}{message} (see --help)", EXIT_USAGE)

    def command_names(self) -> set[str]:
        """Names of the registered sub-commands."""
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                return set(action.choices)
        return set()


# What a terminal would act on rather than show: C0 and C1 controls (ESC starts escape sequences, BEL rings,
# CR rewrites the line, NUL…), DEL, line and paragraph separators, bidirectional embeddings and overrides.
_TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def terminal_text(value: object) -> str:
    """``value`` as one line a terminal shows as it is: line breaks and tabs become spaces, every other
    control character is written escaped (``\\x1b``), so a title cannot move the cursor, recolour the
    terminal, ring its bell or hide what comes before it. Every human-readable output goes through it."""
    text = str(value).replace("\n", " ").replace("\t", " ")
    return _TERMINAL_CONTROLS.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


def say(*fields: object, stream: Any = None) -> None:
    """Print one line of human-readable output: the fields, each through ``terminal_text``, tab-separated."""
    print("\t".join(terminal_text(f) for f in fields), file=stream or sys.stdout)


def fail(message: str, code: int) -> int:
    """Print ``annotator: message`` on stderr and return ``code``."""
    print(f"annotator: {terminal_text(message)}", file=sys.stderr)
    return code


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """The ``--db FILE`` option every command takes."""
    parser.add_argument(
        "--db",
        metavar="FILE",
        default=argparse.SUPPRESS,  # nested sub-commands must not overwrite an outer --db
        help="project file, or a team server's database: postgresql://user@host/db, 'host=… dbname=…' or "
        "service=NAME (default: $ANNOTATOR_DB, else the default project in the user data folder)",
    )


def add_json_option(parser: argparse.ArgumentParser) -> None:
    """The ``--json`` option of listing and report commands."""
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")


def add_create_option(parser: argparse.ArgumentParser) -> None:
    """``--create``: a command that writes may also make the missing folders of a new ``--db``."""
    parser.add_argument(
        "--create", action="store_true", help="create the folders of a new --db file if they are missing"
    )


def open_project(args: argparse.Namespace, *, read_only: bool = False, creates: bool = False) -> Project:
    """The project named by ``--db``, else the default one (seeded with the sample documents on first use).

    A command that only reads (``creates`` false) refuses a ``--db`` that does not exist, so that a mistyped
    path is never taken for a new, empty project. A command that writes creates the file, and its missing
    folders only with ``--create``. ``read_only`` opens an existing file without writing to it.
    """
    project = _open(args, read_only=read_only, creates=creates)
    if project.safe_mode_warning is not None:
        print(f"annotator: warning: {project.safe_mode_warning}", file=sys.stderr)
    return project


def _open(args: argparse.Namespace, *, read_only: bool, creates: bool) -> Project:
    if not getattr(args, "db", None):
        return open_default_project()
    if is_server_address(args.db):
        return Project(args.db, read_only=read_only, create=creates)  # a team project
    path, _ = path_and_mode(args.db)  # a file: URI names its file after the scheme
    if not os.path.exists(path):
        if not creates:
            raise CliError(f"no project at {path} (check --db; a command that only reads never creates one)")
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder) and not getattr(args, "create", False):
            raise CliError(f"the folder {folder} does not exist; add --create to make it")
    return Project(args.db, read_only=read_only, create_folders=getattr(args, "create", False))


SQLITE_MAX_INTEGER = 2**63 - 1
MIN_SHRUNK_WIDTH = 12  # a cut text column keeps at least this many characters


def sqlite_integer(value: str) -> int:
    """An argparse type: an integer that SQLite can store (ids and offsets), else a usage error."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {value!r}") from None
    if not -SQLITE_MAX_INTEGER <= number <= SQLITE_MAX_INTEGER:
        raise argparse.ArgumentTypeError(f"{value} is out of range for an id or an offset")
    return number


def print_json(data: Any) -> None:
    """Print ``data`` as JSON (UTF-8, not escaped)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def format_number(value: float | int | None) -> str:
    """Human-readable numbers: integers as they are, others with three decimals."""
    if value is None:
        return "–"
    if isinstance(value, int):
        return str(value)
    return f"{value:.3f}"


def print_table(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, shrink: int | None = None) -> None:
    """Print an aligned text table.

    ``shrink``: the index of a column (free text) whose cells are cut with "…" so that lines fit the
    terminal's width (``COLUMNS``, else the terminal, else 100 columns); ``--json`` gives them whole.
    """
    cells = [[terminal_text(h) for h in headers]] + [[_cell(v) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    if shrink is not None:
        others = sum(w for i, w in enumerate(widths) if i != shrink) + 2 * (len(widths) - 1)
        room = max(MIN_SHRUNK_WIDTH, shutil.get_terminal_size((100, 24)).columns - others)
        if widths[shrink] > room:
            widths[shrink] = room
            for row in cells:
                if len(row[shrink]) > room:
                    row[shrink] = row[shrink][: room - 1] + "…"
    for n, row in enumerate(cells):
        sys.stdout.write("  ".join(v.ljust(widths[i]) for i, v in enumerate(row)).rstrip() + "\n")
        if n == 0:
            sys.stdout.write("  ".join("-" * w for w in widths) + "\n")


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return ""
    return terminal_text(value)


def annotator_name(args: argparse.Namespace, project: Project | None = None) -> str:
    """``--annotator`` if given, else the project's (a team server's login), else ANNOTATOR_NAME, else the
    login name."""
    from annotator.store.project import default_annotator

    given = getattr(args, "annotator", None)
    if given:
        return str(given)
    return project.annotator if project is not None else default_annotator()
