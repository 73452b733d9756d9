"""`inspector scan TARGET`: survey and identify a directory, block device or image, read-only."""

from __future__ import annotations

import argparse
import signal
from typing import Any

from rich.console import Console
from rich.table import Table

from inspector.commands import scan_case
from inspector.commands.output import print_json, progress_on_tty, seconds, stdout_console
from inspector.core.content.identify.categories import CATEGORY_LABELS
from inspector.core.scan.result import ScanResult
from inspector.core.scan.target import scan_target
from inspector.core.scan.to_json import scan_json
from inspector.core.scan.tree import DEFAULT_BUDGET_S, EXACT_BELOW, ScanOptions
from inspector.core.survey.names import display_name
from inspector.core.units import format_share, format_size

EXIT_OK, EXIT_INCOMPLETE = 0, 3
TOP_EXTENSIONS = 10
TOP_FORMATS = 12


def register(sub: Any) -> None:
    p = sub.add_parser(
        "scan",
        help="survey and identify a directory, block device or image (read-only)",
        description="Survey TARGET (counts, bytes, fill) and identify its content by sampling.",
    )
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
        show(result)
        if drive is not None:
            stdout_console().print(
                f"Recorded in case {drive.case_id} as drive {drive.id} ({drive.state}); "
                f"result BLAKE3 {drive.result_hash}",
                markup=False,
                soft_wrap=True,
            )
    return EXIT_OK if result.complete else EXIT_INCOMPLETE


def show(r: ScanResult) -> None:
    console = stdout_console()
    s = r.survey
    head = Table.grid(padding=(0, 2))
    head.add_row("Target", display_name(r.target))
    if r.device is not None:
        d = r.device
        size = format_size(d.capacity_bytes) if d.capacity_bytes is not None else "?"
        head.add_row("Device", f"{d.model or '?'}  serial {d.serial or '?'}  {size}")
    if r.filesystem is not None:
        f = r.filesystem
        head.add_row(
            "Filesystem",
            f"{f.type or '?'}  {format_size(f.used_bytes)} used of {format_size(f.size_bytes)} "
            f"({f.fill_ratio * 100:.0f} % full)",
        )
    head.add_row(
        "Contents",
        f"{s.files:,} files, {s.dirs:,} folders, {s.symlinks:,} links, {s.other:,} other — "
        f"{format_size(s.bytes)} ({format_size(s.allocated_bytes)} allocated)",
    )
    if s.errors:
        head.add_row("Unreadable", f"{s.errors:,} entries")
    head.add_row("Complete", "yes" if r.complete else "NO — partial result")
    console.print(head)

    if r.content.method != "none" and r.content.categories:
        show_content(console, r)

    if s.by_extension:
        ext_table = Table(title="Top extensions by bytes")
        ext_table.add_column("Extension")
        ext_table.add_column("Files", justify="right")
        ext_table.add_column("Bytes", justify="right")
        for e in s.by_extension[:TOP_EXTENSIONS]:
            ext_table.add_row(e.ext or "(none)", f"{e.files:,}", format_size(e.bytes))
        console.print(ext_table)
    show_raw(console, r)
    for w in r.warnings:
        console.print(f"[yellow]warning:[/yellow] {w}", markup=True)


def show_content(console: Console, r: ScanResult) -> None:
    """Categories and formats with their intervals, and the disguised files."""
    c = r.content
    if c.method == "full":
        title = f"Content — every file identified ({c.files_identified:,}), exact"
    else:
        title = f"Content — {c.samples:,} samples, seed {c.seed}, 95 % intervals"
    table = Table(title=title)
    table.add_column("Category")
    table.add_column("Share of bytes", justify="right")
    table.add_column("Bytes", justify="right")
    table.add_column("Files", justify="right")
    exact = c.method == "full"
    for cat in c.categories:
        table.add_row(
            CATEGORY_LABELS.get(cat.category, cat.category),
            format_share(cat.bytes_share, None if exact else cat.ci),
            ("" if exact else "≈ ") + format_size(cat.bytes_estimate),
            ("" if exact else "≈ ") + f"{cat.files_estimate:,}",
        )
    console.print(table)
    formats = Table(title="Formats by share of bytes")
    formats.add_column("Format")
    formats.add_column("Category")
    formats.add_column("Share of bytes", justify="right")
    for f in c.formats[:TOP_FORMATS]:
        formats.add_row(
            f.format,
            CATEGORY_LABELS.get(f.category, f.category),
            format_share(f.bytes_share, None if exact else f.ci),
        )
    console.print(formats)
    d = c.disguised
    if d.files_share > 0 or d.examples:
        share = format_share(d.files_share, None if exact else d.ci)
        console.print(f"Disguised files (name says one thing, content another): {share} of files")
        for example in d.examples:
            console.print(f"  {example}", markup=False)
    if c.method == "sampled":
        console.print(
            f"Read {format_size(c.sampled_bytes)} from {c.files_identified:,} files; "
            f"stopped on {c.stopped}; widest interval ±{(c.precision or 0) * 100:.1f} %"
            + (f"; {c.errors:,} draws unreadable" if c.errors else ""),
            markup=False,
        )


RAW_WORDS = {
    "zero": "never written (zero)",
    "high-entropy": "high entropy (encrypted, random or compressed)",
    "text": "text",
    "structured": "other data",
}


def show_raw(console: Console, r: ScanResult) -> None:
    """Raw sector sampling: of the whole device (--raw) and of partitions that don't mount."""
    found = [(display_name(r.target), r.raw)] if r.raw is not None else []
    found += [(display_name(p.path), p.raw) for p in r.partitions if p.raw is not None]
    for where, raw in found:
        header = (
            f"{raw.header_format} header ({raw.header_kind})"
            if raw.header_format
            else "no known header"
        )
        table = Table(
            title=f"Raw sampling of {where} — {raw.finding_text or header}; {header}; "
            f"{raw.samples:,} blocks of {raw.block_size // 1024} KiB "
            f"({raw.reads_per_s:,.0f} reads/s, stopped: {raw.stopped or '?'}"
            f"{f', {raw.errors:,} failed reads' if raw.errors else ''}), seed {raw.seed}, "
            "95 % intervals"
        )
        table.add_column("Blocks")
        table.add_column("Share", justify="right")
        for share in raw.shares:
            if raw.samples:
                table.add_row(
                    RAW_WORDS.get(share.cls, share.cls), format_share(share.share, share.ci)
                )
        console.print(table)
