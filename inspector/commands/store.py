"""`inspector store setup|groups|close-group`: a customs post's shared case store."""

from __future__ import annotations

import argparse

from inspector.commands.output import print_json, stdout_console
from inspector.commands.stores import add_db, store_of
from inspector.core.survey.names import display_name

EXIT_OK = 0


def register(p: argparse.ArgumentParser) -> None:
    cmds = p.add_subparsers(dest="store_command", metavar="ACTION", required=True)
    s = cmds.add_parser(
        "setup", help="make a PostgreSQL server a post's store: database, schema, roles, logins"
    )
    s.add_argument(
        "--db", required=True, metavar="URL",
        help="a superuser's URL naming the database, e.g. postgresql+psycopg://postgres@/inspector",
    )  # fmt: skip
    s.add_argument(
        "--login", action="append", default=[], metavar="NAME:ROLE",
        help="a desk's own login role: officer, supervisor or auditor (repeatable)",
    )  # fmt: skip
    s.add_argument("--json", action="store_true", help="print one JSON document")
    s.set_defaults(func=run_setup)

    g = cmds.add_parser("groups", help="open groups (flights, parties) and their members")
    g.add_argument("--all", action="store_true", help="closed groups too")
    g.add_argument("--json", action="store_true", help="print one JSON document")
    add_db(g)
    g.set_defaults(func=run_groups)

    c = cmds.add_parser("close-group", help="close a group (its flight has gone)")
    c.add_argument("name", metavar="GROUP")
    c.add_argument("--by", required=True, metavar="OFFICER")
    c.add_argument("--json", action="store_true", help="print one JSON document")
    add_db(c)
    c.set_defaults(func=run_close_group)


def run_setup(args: argparse.Namespace) -> int:
    from inspector.core.case.server_setup import parse_login, setup_server

    logins = [parse_login(x) for x in args.login]
    result = setup_server(args.db, logins)
    if args.json:
        print_json(
            {
                "schema": "inspector.store-setup/1",
                "database": result.database,
                "created": result.created,
                "migrated_from": result.migrated_from,
                "logins": [
                    {"name": x.name, "role": x.role, "password": x.password} for x in result.logins
                ],
            }
        )
        return EXIT_OK
    out = stdout_console()
    made = "created" if result.created else "already there"
    out.print(f"database {result.database}: {made}; schema ready; roles granted", markup=False)
    for x in result.logins:
        out.print(
            f"desk login {x.name} ({x.role}), password {x.password} (shown once: put it in "
            f"that desk's [store] url)",
            markup=False,
            soft_wrap=True,
        )
    return EXIT_OK


def _group_doc(g) -> dict:  # type: ignore[no-untyped-def]
    return {
        "name": g.name,
        "opened_at": g.opened_at,
        "opened_by": g.opened_by,
        "closed_at": g.closed_at,
        "members": [{"traveler": t, "case": c, "desk": d} for t, c, d in g.members],
    }


def run_groups(args: argparse.Namespace) -> int:
    with store_of(args) as store:
        groups = store.groups(open_only=not args.all)
    if args.json:
        print_json({"schema": "inspector.groups/1", "groups": [_group_doc(g) for g in groups]})
        return EXIT_OK
    out = stdout_console()
    for g in groups:
        state = f"closed {g.closed_at}" if g.closed_at else "open"
        out.print(f"{display_name(g.name)} ({state})", markup=False, soft_wrap=True)
        for t, c, d in g.members:
            desk = f", desk {display_name(d)}" if d else ""
            out.print(f"  - {display_name(t)} (case {c}{desk})", markup=False, soft_wrap=True)
    return EXIT_OK


def run_close_group(args: argparse.Namespace) -> int:
    with store_of(args) as store:
        g = store.close_group(args.name, args.by)
    if args.json:
        print_json({"schema": "inspector.groups/1", "groups": [_group_doc(g)]})
    else:
        stdout_console().print(f"group {display_name(g.name)} closed", markup=False)
    return EXIT_OK
