"""`inspector scan TARGET`: survey and identify a directory, block device or image, read-only."""

from __future__ import annotations

import argparse
import signal

from inspector.commands import scan_case
from inspector.commands.output import print_json, progress_on_tty, seconds, stdout_console
from inspector.core.scan.target import scan_target
from inspector.core.scan.to_json import scan_json
from inspector.core.scan.tree import DEFAULT_BUDGET_S, EXACT_BELOW, ScanOptions

EXIT_OK, EXIT_INCOMPLETE = 0, 3


def register(p: argparse.ArgumentParser) -> None:
    p.description = "Survey TARGET (counts, bytes, fill) and identify its content by sampling."
    p.add_argument("target", metavar="TARGET", help="a directory, a block device or an image file")
    p.add_argument("--json", action="store_true", help="print one inspector.scan/1 JSON document")
    p.add_argument(
        "--budget",
        type=seconds,
        default=DEFAULT_BUDGET_S,
        metavar="SECONDS",
        help=f"time for content sampling (default {DEFAULT_BUDGET_S:g}; 0 = survey only)",
    )
    p.add_argument("--full", action="store_true", help="identify every file (exact shares)")
    p.add_argument("--raw", action="store_true", help="raw sector sampling of a device")
    p.add_argument("--seed", type=int, default=None, help="seed of the sampler (reproducible)")
    p.add_argument(
        "--exact-below",
        type=int,
        default=EXACT_BELOW,
        metavar="N",
        help=f"identify every file of a tree with at most N files (default {EXACT_BELOW}; "
        "0 = always sample)",
    )
    scan_case.add_options(p)
    p.set_defaults(func=run)


def _stop_on_signal(signum: int, _frame: object) -> None:
    # Unwind like Ctrl-C so every mount and loop device of the scan is undone.
    raise KeyboardInterrupt(f"signal {signum}")


def run(args: argparse.Namespace) -> int:
    scan_case.check_options(args)
    options = ScanOptions(
        budget_s=args.budget,
        full=args.full,
        raw=args.raw,
        seed=args.seed,
        exact_below=max(0, args.exact_below),
    )
    previous = {sig: signal.signal(sig, _stop_on_signal) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        with progress_on_tty(not args.json) as progress:
            if args.case is None:
                result, drive = scan_target(args.target, options, progress=progress), None
            else:
                result, drive = scan_case.scan_into_case(
                    args, options, lambda: scan_target(args.target, options, progress=progress)
                )
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if args.json:
        doc = scan_json(result)
        if drive is not None:
            doc["case"] = scan_case.case_json(drive)
        print_json(doc)
    else:
        from inspector.commands.scan_view import show  # rich: only to print for people

        show(result)
        if drive is not None:
            stdout_console().print(
                f"Recorded in case {drive.case_id} as drive {drive.id} ({drive.state}); "
                f"result BLAKE3 {drive.result_hash}",
                markup=False,
                soft_wrap=True,
            )
    return EXIT_OK if result.complete else EXIT_INCOMPLETE
