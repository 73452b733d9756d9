"""`inspector case open|show|list|traveler|declare|close`: the case record of an inspection."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from inspector.commands.output import print_json, stdout_console
from inspector.commands.stores import add_training, case_id, store_of
from inspector.core.case.policy import load_policy
from inspector.core.case.policy_store import active_policy
from inspector.core.case.records import LANGUAGES, Case, CaseSummary
from inspector.core.case.store import DeclarationInput
from inspector.core.case.text_input import declared_volume
from inspector.core.case.times import local_time
from inspector.core.errors import UsageError
from inspector.core.reports.model import case_json, summary_json
from inspector.core.survey.names import display_name
from inspector.core.units import format_size

if TYPE_CHECKING:
    from rich.text import Text

EXIT_OK = 0


def _t(value: object) -> Text:
    """A table cell from case data: escaped, and never read as rich markup."""
    from rich.text import Text  # rich only to print for people, never for --json

    return Text(display_name(str(value)))


def register(p: argparse.ArgumentParser) -> None:
    cmds = p.add_subparsers(dest="case_command", metavar="ACTION", required=True)

    o = cmds.add_parser("open", help="open a new case")
    o.add_argument("--officer", required=True, help="name of the inspecting officer")
    o.add_argument("--desk", default="", help="desk or location")
    o.add_argument(
        "--policy", metavar="FILE", help="policy TOML (default: the desk policy in force)"
    )
    _common(o, run_open)

    s = cmds.add_parser("show", help="a case with its travelers, drives and verdicts")
    s.add_argument("case", type=case_id, metavar="ID")
    _common(s, run_show)

    ls = cmds.add_parser("list", help="cases in the store")
    ls.add_argument("--open", action="store_true", help="only cases not closed")
    _common(ls, run_list)

    t = cmds.add_parser("traveler", help="add a traveler (and their declaration) to a case")
    t.add_argument("case", type=case_id, metavar="ID")
    t.add_argument("--name", required=True, help="name as in the travel document")
    t.add_argument("--document", help="travel document number")
    t.add_argument("--group", help="itinerary or party travelling together")
    t.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="en",
        help="the traveler's language: their receipt is printed in it (default en)",
    )
    _declaration_options(t)
    _common(t, run_traveler)

    d = cmds.add_parser("declare", help="set or replace a traveler's declaration")
    d.add_argument("case", type=case_id, metavar="ID")
    d.add_argument("--traveler", required=True, metavar="NAME")
    _declaration_options(d)
    _common(d, run_declare)

    c = cmds.add_parser("close", help="close a case (no more changes; reports remain possible)")
    c.add_argument("case", type=case_id, metavar="ID")
    _common(c, run_close)


def _common(p: Any, func: Any) -> None:
    p.add_argument("--json", action="store_true", help="print one JSON document")
    add_training(p)
    p.set_defaults(func=func)


def _declaration_options(p: Any) -> None:
    p.add_argument("--declaration", metavar="TEXT", help="what the traveler declares, in words")
    p.add_argument("--declared", metavar="SIZE", help='declared volume, e.g. "2 TB"')
    p.add_argument("--licence", metavar="REF", help="licence reference declared")
    p.add_argument(
        "--by", metavar="OFFICER", help="officer making the change (default: the case's)"
    )


def _declaration(args: argparse.Namespace) -> DeclarationInput | None:
    if args.declaration is None and args.declared is None and args.licence is None:
        return None
    volume = declared_volume(args.declared) if args.declared is not None else None
    return DeclarationInput(args.declaration or "", volume, args.licence)


def run_open(args: argparse.Namespace) -> int:
    policy = load_policy(args.policy) if args.policy else active_policy()
    with store_of(args) as store:
        case = store.open_case(args.officer, args.desk, policy)
    if args.json:
        print_json({"schema": "inspector.case/1", "case": case_json(case)})
    else:
        kind = "Training case" if case.training else "Case"
        stdout_console().print(
            f"{kind} {case.id} opened by {display_name(case.officer)} "
            f"(policy {display_name(case.policy_name)}, BLAKE3 {case.policy_hash[:16]}…)",
            markup=False,
            soft_wrap=True,
        )
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    with store_of(args) as store:
        summary = store.summary(args.case)
    if args.json:
        print_json(summary_json(summary))
    else:
        show(summary)
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    with store_of(args) as store:
        cases = store.cases(open_only=args.open)
    if args.json:
        print_json({"schema": "inspector.cases/1", "cases": [case_json(c) for c in cases]})
    else:
        _list(cases)
    return EXIT_OK


def run_traveler(args: argparse.Namespace) -> int:
    declaration = _declaration(args)
    with store_of(args) as store:
        store.add_traveler(
            args.case, args.name, args.document, args.group, declaration, args.by, args.lang
        )
        summary = store.summary(args.case)
    return _after_change(args, summary)


def run_declare(args: argparse.Namespace) -> int:
    declaration = _declaration(args)
    if declaration is None:
        raise UsageError("say what is declared: --declaration TEXT and/or --declared SIZE")
    with store_of(args) as store:
        store.declare(args.case, args.traveler, declaration, args.by)
        summary = store.summary(args.case)
    return _after_change(args, summary)


def run_close(args: argparse.Namespace) -> int:
    with store_of(args) as store:
        store.close_case(args.case)
        summary = store.summary(args.case)
    return _after_change(args, summary)


def _after_change(args: argparse.Namespace, summary: CaseSummary) -> int:
    if args.json:
        print_json(summary_json(summary))
    else:
        show(summary)
    return EXIT_OK


def _list(cases: list[Case]) -> None:
    from rich.table import Table

    table = Table(title="Cases")
    for col in ("ID", "Opened", "Officer", "Desk", "State", "Policy"):
        table.add_column(col)
    for c in cases:
        state = "open" if c.is_open else "closed"
        table.add_row(
            str(c.id),
            local_time(c.opened_at),
            _t(c.officer),
            _t(c.desk),
            state + (" (training)" if c.training else ""),
            _t(c.policy_name),
        )
    stdout_console().print(table)


def show(s: CaseSummary) -> None:
    from rich.table import Table

    console = stdout_console()
    c = s.case
    head = Table.grid(padding=(0, 2))
    head.add_row("Case", f"{c.id}" + (" (training)" if c.training else ""))
    head.add_row("Officer", _t(c.officer))
    head.add_row("Desk", _t(c.desk or "—"))
    closed = f", closed {local_time(c.closed_at)}" if c.closed_at else ""
    head.add_row("Opened", local_time(c.opened_at) + closed)
    head.add_row("Policy", _t(f"{c.policy_name} (BLAKE3 {c.policy_hash[:16]}…)"))
    head.add_row("Verdict", s.verdict.upper())
    for item in s.open_items:
        head.add_row("Open", _t(item))
    if s.unscanned:
        head.add_row(
            "Unscanned", f"{s.unscanned} drive(s) without a result (scanning or interrupted)"
        )
    console.print(head)
    table = Table(title="Travelers")
    for col in ("Name", "Document", "Group", "Declared", "Drives", "Capacity", "Used", "Verdict"):
        table.add_column(col)
    for t in s.travelers:
        d = t.traveler.declaration
        declared = "—"
        if d is not None:
            declared = (
                format_size(d.declared_bytes) if d.declared_bytes is not None else "text only"
            )
        table.add_row(
            _t(t.traveler.name),
            _t(t.traveler.document or "—"),
            _t(t.traveler.group_name),
            declared,
            str(t.totals.drives),
            format_size(t.totals.capacity_bytes),
            format_size(t.totals.used_bytes),
            t.verdict.verdict.upper(),
        )
    console.print(table)
    drives = [(t.traveler.name, d) for t in s.travelers for d in t.drives]
    drives += [("(unassigned)", d) for d in s.unassigned]
    if drives:
        dt = Table(title="Drives")
        for col in ("#", "Traveler", "Drive", "Bay", "State", "Result BLAKE3"):
            dt.add_column(col)
        for name, d in drives:
            who = " ".join(x for x in (d.identity.model, d.identity.serial) if x)
            dt.add_row(
                str(d.id),
                _t(name),
                _t(who or d.identity.target),
                _t(d.bay or "—"),
                d.state,
                (d.result_hash or "—")[:16],
            )
        console.print(dt)
    for who, v in [(f"{t.traveler.name} (traveler)", t.verdict) for t in s.travelers] + [
        (f"{g.name} (group)", g.verdict) for g in s.groups
    ]:
        console.print(f"{display_name(who)}: {v.verdict.upper()}", markup=False, soft_wrap=True)
        for reason in v.reasons:
            console.print(f"  - {display_name(reason)}", markup=False, soft_wrap=True)
