"""``annotator labels list|add|edit|retire``."""

from __future__ import annotations

import argparse

from annotator.cli.common import (
    add_create_option,
    add_db_option,
    add_json_option,
    open_project,
    print_json,
    print_table,
)

ORDER = 30


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    labels = subparsers.add_parser("labels", help="list and edit the label schema")
    add_db_option(labels)
    sub = labels.add_subparsers(dest="labels_command", metavar="ACTION", parser_class=type(labels), required=True)

    ls = sub.add_parser("list", help="list labels")
    add_db_option(ls)
    add_json_option(ls)
    ls.set_defaults(handler=run_list)

    add = sub.add_parser("add", help="add a label")
    add_db_option(add)
    add_create_option(add)
    add.add_argument("name", metavar="NAME")
    add.add_argument("--color", metavar="#RRGGBB")
    add.add_argument("--hotkey", metavar="K")
    add.add_argument("--guideline", default="", metavar="TEXT")
    add.set_defaults(handler=run_add)

    edit = sub.add_parser("edit", help="rename, recolour, re-key or re-describe a label")
    add_db_option(edit)
    edit.add_argument("name", metavar="NAME")
    edit.add_argument("--rename", "--new-name", "--name", dest="rename", metavar="NEW_NAME", help="new name")
    edit.add_argument("--color", metavar="#RRGGBB")
    edit.add_argument("--hotkey", metavar="K")
    edit.add_argument("--guideline", metavar="TEXT")
    edit.set_defaults(handler=run_edit)

    retire = sub.add_parser("retire", help="retire a label (its spans stay)")
    add_db_option(retire)
    retire.add_argument("name", metavar="NAME")
    retire.add_argument("--undo", action="store_true", help="bring a retired label back")
    retire.set_defaults(handler=run_retire)


def run_list(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        labels = project.labels()
        counts = project.stats()["per_label"]
    if args.json:
        print_json(
            [
                {
                    "name": lab.name,
                    "color": lab.color,
                    "hotkey": lab.hotkey,
                    "guideline": lab.guideline,
                    "retired": lab.retired,
                    "spans": counts.get(lab.name, 0),
                    "attributes": {k: list(v) for k, v in lab.attributes.items()},
                }
                for lab in labels
            ]
        )
    else:
        print_table(
            ("name", "color", "hotkey", "spans", "retired", "guideline"),
            [
                (lab.name, lab.color, lab.hotkey or "", counts.get(lab.name, 0), lab.retired, lab.guideline)
                for lab in labels
            ],
        )
    return 0


def run_add(args: argparse.Namespace) -> int:
    with open_project(args, creates=True) as project:
        label = project.add_label(args.name, color=args.color, hotkey=args.hotkey, guideline=args.guideline)
    print(f"added label {label.name} ({label.color})")
    return 0


def run_edit(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        label = project.edit_label(
            args.name, new_name=args.rename, color=args.color, hotkey=args.hotkey, guideline=args.guideline
        )
    print(f"label {label.name}: {label.color}, hotkey {label.hotkey or '-'}")
    return 0


def run_retire(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        label = project.retire_label(args.name, retired=not args.undo)
    print(f"label {label.name} {'retired' if label.retired else 'in use again'}")
    return 0
