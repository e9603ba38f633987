"""``annotator team init|add-user|set-role|users``: set up a project shared on a PostgreSQL server.

``--db`` is any libpq connection string or service: ``postgresql://admin@db.example.org/corpus?sslmode=verify-full``,
``"host=db.example.org dbname=corpus"``, ``service=corpus``. Passwords come from libpq's password file
(``~/.pgpass``) or service file (``~/.pg_service.conf``), or are asked for; annotator never stores one.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from annotator.cli.common import EXIT_USAGE, CliError, add_json_option, print_json, print_table
from annotator.store.errors import DriverMissing
from annotator.store.postgres import is_server_address
from annotator.store.postgres.roles import ROLES

ORDER = 95


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    team = subparsers.add_parser(
        "team", help="set up a project shared on a PostgreSQL server (preview): users and their roles"
    )
    _add_server_option(team)
    sub = team.add_subparsers(dest="team_command", metavar="ACTION", parser_class=type(team), required=True)

    init = sub.add_parser("init", help="create or upgrade the project schema and the team's roles in a database")
    _add_server_option(init)
    init.add_argument(
        "--prefix", metavar="P", help="name the group roles P_reader, P_annotator, P_curator (default: the database)"
    )
    init.set_defaults(handler=run_init)

    add = sub.add_parser("add-user", help="give someone a role (creates their login; password asked or on stdin)")
    _add_server_option(add)
    add.add_argument("name", metavar="NAME", help="their login, which is also their annotator name (their layer)")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--no-password", action="store_true", help="no password (the server authenticates them otherwise)")
    add.set_defaults(handler=run_add_user)

    set_role = sub.add_parser("set-role", help="change someone's role")
    _add_server_option(set_role)
    set_role.add_argument("name", metavar="NAME")
    set_role.add_argument("role", metavar="ROLE", choices=ROLES, help="reader, annotator or curator")
    set_role.set_defaults(handler=run_set_role)

    users = sub.add_parser("users", help="list the team: who has which role")
    _add_server_option(users)
    add_json_option(users)
    users.set_defaults(handler=run_users)


def _add_server_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="CONNINFO",
        default=argparse.SUPPRESS,
        help="the server database: postgresql://user@host/db, 'host=… dbname=…' or service=NAME",
    )


def _server(args: argparse.Namespace) -> str:
    db = getattr(args, "db", None)
    if not db:
        raise CliError("team: --db postgresql://user@host/database (or service=NAME) is required")
    if not is_server_address(db):
        raise CliError(
            f"team: {db!r} is not a PostgreSQL server address: use postgresql://user@host/database, "
            "'host=… dbname=…' or service=NAME"
        )
    try:
        from annotator.store.postgres.connection import load_psycopg

        load_psycopg()
    except DriverMissing as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    return str(db)


def run_init(args: argparse.Namespace) -> int:
    from annotator.store.postgres.team import init_team

    server = _server(args)
    setup = init_team(server, prefix=args.prefix)
    if setup.version_before == 0:
        what = f"created the project (schema {setup.version}, {setup.seeded_labels} labels)"
    elif setup.version_before < setup.version:
        what = f"upgraded the project from schema {setup.version_before} to {setup.version}"
    else:
        what = f"the project is up to date (schema {setup.version})"
    print(f"{setup.database}: {what}; roles refreshed")
    print("group roles: " + ", ".join(f"{role} = {setup.groups[role]}" for role in ROLES))
    print("next: annotator team add-user NAME --role annotator|curator|reader --db …")
    return 0


def _read_password(name: str) -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass(f"Password for {name}: ")
        if first != getpass.getpass("Again: "):
            raise CliError("team add-user: the two passwords differ; nothing was changed")
        password = first
    else:
        line = sys.stdin.readline() if sys.stdin is not None else ""
        password = line.rstrip("\r\n")
    if not password:
        raise CliError("team add-user: no password given (type one, pipe one on stdin, or use --no-password)")
    return password


def run_add_user(args: argparse.Namespace) -> int:
    from annotator.store.postgres.team import add_user

    server = _server(args)
    password = None if args.no_password else _read_password(args.name)
    created = add_user(server, args.name, args.role, password)
    state = "created the login" if created else "the login exists"
    print(f"{args.name}: {args.role} ({state}{'; password set' if password is not None else ''})")
    print(
        f"{args.name} connects with --db 'postgresql://{args.name}@HOST/DATABASE?sslmode=verify-full', the password "
        "kept in their ~/.pgpass (chmod 600) or a service in ~/.pg_service.conf: annotator never stores it"
    )
    return 0


def run_set_role(args: argparse.Namespace) -> int:
    from annotator.store.postgres.team import set_role

    server = _server(args)
    before = set_role(server, args.name, args.role)
    print(f"{args.name}: {before or 'no role'} -> {args.role}")
    return 0


def run_users(args: argparse.Namespace) -> int:
    from annotator.store.postgres.team import team_users

    users = team_users(_server(args))
    if args.json:
        print_json([{"name": u.name, "role": u.role, "can_login": u.can_login} for u in users])
    else:
        print_table(["name", "role", "login"], [(u.name, u.role, u.can_login) for u in users])
    return 0
