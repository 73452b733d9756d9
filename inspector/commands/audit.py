"""`inspector audit verify`: check the hash chain of the audit log (exit 0 intact, 1 not)."""

from __future__ import annotations

import argparse
import sys

from inspector.commands.output import print_json, stdout_console
from inspector.commands.stores import add_training, store_of

EXIT_OK, EXIT_BROKEN = 0, 1


def register(p: argparse.ArgumentParser) -> None:
    cmds = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = cmds.add_parser("verify", help="exit 0 if intact; 1 naming the first bad entry")
    v.add_argument("--json", action="store_true", help="print one JSON document")
    add_training(v)
    v.set_defaults(func=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    with store_of(args) as store:
        check = store.verify()
        path = store.shown
    head = check.head
    if args.json:
        print_json(
            {
                "schema": "inspector.audit-verify/1",
                "store": path,
                "intact": check.intact,
                "entries": check.entries,
                "problem": check.problem,
                "bad_entry": check.bad_seq,
                "head": None if head is None else {"seq": head.seq, "hash": head.hash},
                "warnings": list(check.warnings),
            }
        )
    else:
        out = stdout_console()
        if check.intact:
            where = f"; head entry {head.seq}, BLAKE3 {head.hash}" if head else ""
            out.print(
                f"audit log intact: {check.entries} entries{where}", markup=False, soft_wrap=True
            )
        for w in check.warnings:
            out.print(f"warning: {w}", markup=False, soft_wrap=True)
    if not check.intact:
        print(f"inspector: audit log NOT intact: {check.problem}", file=sys.stderr)
        return EXIT_BROKEN
    return EXIT_OK
