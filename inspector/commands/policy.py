"""`inspector policy show|set`: the desk policy in force; a supervisor replaces it (audited)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from inspector.commands.output import print_json, stdout_console
from inspector.commands.stores import add_db, store_of
from inspector.core.case.policy import Policy
from inspector.core.case.policy_store import active_policy, active_policy_path, save_policy
from inspector.core.case.text_input import clean_text
from inspector.core.errors import UsageError

EXIT_OK = 0


def register(p: argparse.ArgumentParser) -> None:
    cmds = p.add_subparsers(dest="policy_command", metavar="ACTION", required=True)
    s = cmds.add_parser("show", help="the policy new cases are opened under")
    s.add_argument("--json", action="store_true", help="print one JSON document")
    s.set_defaults(func=run_show)
    t = cmds.add_parser("set", help="validate FILE and make it the desk policy (audited)")
    t.add_argument("file", metavar="FILE")
    t.add_argument("--by", required=True, metavar="SUPERVISOR", help="who changes the policy")
    t.add_argument("--json", action="store_true", help="print one JSON document")
    add_db(t)
    t.set_defaults(func=run_set)


def _doc(p: Policy, source: str) -> dict[str, Any]:
    return {
        "schema": "inspector.policy/1",
        "source": source,
        "name": p.name,
        "version": p.version,
        "compare": p.compare,
        "blake3": p.hash,
        "text": p.text,
    }


def run_show(args: argparse.Namespace) -> int:
    policy = active_policy()
    if args.json:
        print_json(_doc(policy, str(active_policy_path())))
    else:
        out = stdout_console()
        out.print(f"# {active_policy_path()} (BLAKE3 {policy.hash})", markup=False, soft_wrap=True)
        out.print(policy.text, markup=False, soft_wrap=True, end="")
    return EXIT_OK


def run_set(args: argparse.Namespace) -> int:
    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{args.file}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{args.file}: not UTF-8 text") from None
    by = clean_text("supervisor", args.by)
    with store_of(args) as store:  # opened first: a change that cannot be audited is not made
        store.require_supervisor("change the policy")
        before, after = save_policy(text)
        entry = store.record_policy_change(before, after, by)
    if args.json:
        print_json(
            {
                **_doc(after, str(active_policy_path())),
                "audit_entry": entry.seq,
                "previous_blake3": before.hash,
            }
        )
    else:
        stdout_console().print(
            f"desk policy is now {after.name} {after.version} (BLAKE3 {after.hash}); "
            f"was {before.hash[:16]}…",
            markup=False,
            soft_wrap=True,
        )
    return EXIT_OK
