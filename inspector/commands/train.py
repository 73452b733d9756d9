"""`inspector train SCENARIO`: run a training scenario headless through the real pipeline."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from inspector.commands.output import print_json, progress_on_tty, seconds, stdout_console
from inspector.core.training.loader import load_scenario, shipped_scenarios
from inspector.core.training.report import training_json
from inspector.core.training.runner import TRAINING_BUDGET_S, TrainingRun, run_scenario
from inspector.core.units import format_size

EXIT_OK, EXIT_USAGE, EXIT_INCOMPLETE = 0, 2, 3
BANNER = "TRAINING — simulated drives, not a live case"


def register(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Play a training scenario: plug its simulated drives, survey and sample "
        "them with the real pipeline, total per traveler and group, judge, and grade against "
        "the scenario's expected verdicts. Nothing is recorded as a live case."
    )
    p.add_argument(
        "scenario", metavar="SCENARIO", nargs="?", help="a shipped scenario name or a .toml file"
    )
    p.add_argument("--list", action="store_true", help="list the shipped scenarios")
    p.add_argument("--json", action="store_true", help="print one inspector.training/1 document")
    p.add_argument("--seed", type=int, default=None, help="seed of content and sampling")
    p.add_argument(
        "--budget",
        type=seconds,
        default=TRAINING_BUDGET_S,
        metavar="SECONDS",
        help="content sampling budget per drive, in seconds of simulated drive time "
        f"(reads at a real HDD's pace, so runs repeat exactly; default {TRAINING_BUDGET_S:g}; "
        "0 = survey only)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.list:
        return _list(args.json)
    if not args.scenario:
        print("inspector: train needs a SCENARIO (or --list)", file=sys.stderr)
        return EXIT_USAGE
    scenario = load_scenario(args.scenario)
    with progress_on_tty(not args.json) as progress:
        result = run_scenario(scenario, seed=args.seed, budget_s=args.budget, progress=progress)
    if args.json:
        print_json(training_json(result))
    else:
        show(result)
    return EXIT_OK if result.complete else EXIT_INCOMPLETE


def _list(as_json: bool) -> int:
    from rich.table import Table

    rows = []
    for name in shipped_scenarios():
        s = load_scenario(name)
        rows.append((name, s.title, len(s.travelers), len(s.drives)))
    if as_json:
        print_json(
            {
                "schema": "inspector.scenarios/1",
                "scenarios": [
                    {"name": n, "title": t, "travelers": tr, "drives": d} for n, t, tr, d in rows
                ],
            }
        )
        return EXIT_OK
    table = Table(title="Training scenarios")
    for col in ("Scenario", "Title", "Travelers", "Drives"):
        table.add_column(col)
    for n, t, tr, d in rows:
        table.add_row(n, t, str(tr), str(d))
    stdout_console().print(table)
    return EXIT_OK


def _pct(lo: float, hi: float, value: float) -> str:
    return f"{value:.1%} ({lo:.1%}–{hi:.1%})"


def show(run: TrainingRun) -> None:
    from rich.table import Table

    console = stdout_console()
    console.print(f"[bold reverse] {BANNER} [/]")
    console.print(f"[bold]{run.scenario.title}[/]  (scenario {run.scenario.name}, seed {run.seed})")
    drives = Table(title="Drives (AI-data share of bytes, 95 % interval; truth from the scenario)")
    for col in ("Traveler", "Bay", "Serial", "Capacity", "Used", "Content", "AI share", "Truth"):
        drives.add_column(col, justify="right" if col in ("Capacity", "Used") else "left")
    for s in run.scans:
        share = s.ai_share
        if s.raw is not None:
            content = f"raw: {s.raw.header_format or 'no header'}"
        elif s.scan is not None:
            content = f"{s.scan.content.method}, {s.scan.content.samples} samples"
        else:
            content = "—"
        ai = "unknown" if share is None else _pct(share.lo, share.hi, share.value)
        inside = {True: " ✓", False: " ✗", None: ""}[s.truth_in_interval]
        drives.add_row(
            s.traveler,
            s.drive.bay or "",
            (s.drive.serial or "?") + (f" (plugged {s.plugs}×)" if s.plugs > 1 else ""),
            format_size(s.drive.capacity_bytes),
            format_size(s.figures.used_bytes),
            content,
            ai,
            f"{s.truth.ai_share:.1%}{inside}",
        )
    console.print(drives)
    verdicts = Table(title="Totals and verdicts")
    for col in ("Who", "Drives", "Capacity", "Used", "Declared", "AI data", "Verdict", "Expected"):
        verdicts.add_column(col)
    a = run.assessment
    expected = {i.name: i.expected for i in run.grade.items}
    rows = [(t.spec.name, t.totals, t.verdict, t.spec.declared_bytes) for t in a.travelers]
    rows += [
        (f"group {g.spec.name}", g.totals, g.verdict, g.totals.declared_bytes) for g in a.groups
    ]
    for (name, tot, verdict, declared), item in zip(rows, run.grade.items, strict=True):
        ai = tot.ai_bytes
        verdicts.add_row(
            name,
            str(tot.drives),
            format_size(tot.capacity_bytes),
            format_size(tot.used_bytes),
            "—" if declared is None else format_size(declared),
            f"{format_size(ai.value)} ({format_size(ai.lo)}–{format_size(ai.hi)})",
            verdict.verdict.upper(),
            expected[item.name] + (" ✓" if item.correct else " ✗"),
        )
    console.print(verdicts)
    for t in a.travelers:
        _reasons(console, t.spec.name, t.verdict.reasons)
    for g in a.groups:
        _reasons(console, f"group {g.spec.name}", g.verdict.reasons)
    console.print(
        f"Grade of the pipeline's verdicts against the expected ones: "
        f"[bold]{run.grade.matches}/{run.grade.total}[/]"
    )
    if not run.complete:
        console.print("[yellow]warning:[/yellow] incomplete run: not every drive was scanned")
    console.print(f"[bold reverse] {BANNER} [/]")


def _reasons(console: Any, who: str, reasons: tuple[str, ...]) -> None:
    console.print(f"[bold]{who}[/]")
    for r in reasons:
        console.print(f"  • {r}")
