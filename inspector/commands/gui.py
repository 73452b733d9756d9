"""`inspector gui`: the inspection desk (PySide6). Qt is imported only when the GUI starts."""

from __future__ import annotations

import argparse
import os
import sys

from inspector.commands.output import seconds
from inspector.core.errors import UsageError

EXIT_USAGE = 2
LANGUAGES = ("en", "ms", "zh_CN")  # as inspector.gui.i18n (not imported here: no Qt at start)


def register(p: argparse.ArgumentParser) -> None:
    p.description = "Open the inspection desk: live drives, travelers, totals and verdicts."
    p.add_argument("--training", metavar="SCENARIO", help="play a training scenario (simulated)")
    p.add_argument(
        "--backend",
        choices=("udev", "simulated"),
        default=None,
        help="where drives come from (default: udev; simulated with --training)",
    )
    p.add_argument(
        "--budget",
        type=seconds,
        default=None,
        metavar="SECONDS",
        help="content sampling time per drive (default 10; 2 in training)",
    )
    p.add_argument(
        "--speed",
        type=float,
        default=1.0,
        help="training: play the scenario's timeline this many times faster (default 1)",
    )
    p.add_argument(
        "--include-loop",
        action="store_true",
        help="also show loop devices (evidence images attached with losetup --read-only)",
    )
    p.add_argument(
        "--bays",
        metavar="FILE",
        default=None,
        help="bay map TOML (dock port → bay label; default: the one saved from the Bays tab)",
    )
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="the desk's language (default: View → Language's choice, else the system's)",
    )
    p.add_argument("--seed", type=int, default=None, help="seed of the sampler (reproducible)")
    p.add_argument(
        "--supervisor",
        metavar="NAME",
        default=None,
        help="a supervisor's session: the policy viewer can edit the policy (audited)",
    )
    p.add_argument(
        "--select", metavar="BAY", help="select the drive in this bay when it appears (handouts)"
    )
    p.add_argument(
        "--answer",
        action="append",
        default=[],
        metavar="NAME=VERDICT",
        help="training: pre-enter a trainee verdict (clear/refer); with --screenshot the "
        "answers are submitted and the score is shown (repeatable)",
    )
    p.add_argument("--screenshot", metavar="FILE", help="save a PNG of the window, then exit")
    p.add_argument(
        "--after",
        type=seconds,
        default=3.0,
        metavar="SECONDS",
        help="with --screenshot: wait this long first (default 3)",
    )
    p.set_defaults(func=run)


def has_display() -> bool:
    return bool(
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    )


def run(args: argparse.Namespace) -> int:
    if not has_display():
        print(
            "inspector: no display for the desk (DISPLAY/WAYLAND_DISPLAY unset); use the command "
            "line instead: 'inspector scan DIR' or 'inspector train SCENARIO'",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.backend == "simulated" and not args.training:
        raise UsageError("--backend simulated needs --training SCENARIO")
    if args.backend == "udev" and args.training:
        raise UsageError("--training plays simulated drives; leave out --backend udev")
    if args.training and (args.include_loop or args.bays):
        raise UsageError("--include-loop and --bays are for the live desk, not --training")
    if args.answer and not args.training:
        raise UsageError("--answer is for training sessions (--training SCENARIO)")
    for answer in args.answer:
        _, sep, verdict = answer.partition("=")
        if not sep or verdict not in ("clear", "refer"):
            raise UsageError(f"--answer {answer!r}: use NAME=clear or NAME=refer")
    from inspector.gui.app import run_app  # Qt loads here, never for other sub-commands

    return run_app(args)
