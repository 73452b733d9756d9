"""`inspector scan` for people: the result as rich tables (`--json` never imports this)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from inspector.commands.output import stdout_console
from inspector.core.content.identify.categories import CATEGORY_LABELS
from inspector.core.content.result import FormatShare
from inspector.core.scan.result import ScanResult
from inspector.core.survey.names import display_name
from inspector.core.units import format_share, format_size

TOP_EXTENSIONS = 10
TOP_FORMATS = 12


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
    counted = (
        f"{s.files:,} files, {s.dirs:,} folders, {s.symlinks:,} links, {s.other:,} other — "
        f"{format_size(s.bytes)} ({format_size(s.allocated_bytes)} allocated)"
    )
    if r.unsurveyed:
        # never a bare "0 files" over ciphertext: what no walk could count is unknown
        known = r.unsurveyed_bytes or 0
        gap = f"files in {format_size(known)} unknown (no readable filesystem: see raw sampling)"
        counted = gap if not (s.files or s.dirs) else f"{counted}; {gap}"
    if s.estimated:  # not walked to the end: estimates, with what they rest on
        head.add_row("Contents", _estimated_contents(r), style="yellow")
    else:
        head.add_row("Contents", counted)
    if s.errors:
        head.add_row("Unreadable", f"{s.errors:,} entries")
    head.add_row("Complete", _completeness(r))
    if r.content.method != "none":
        head.add_row("Decided in", _decided_in(r))
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


def _estimated_contents(r: ScanResult) -> str:
    """Files, folders and bytes of a tree not walked to the end: estimates with their 95 %
    intervals, and what they rest on ("estimated from N directories of an estimated M")."""
    figures = {name: (value, lo, hi) for name, value, lo, hi in r.survey.estimated}
    parts = []
    for name, label in (("files", "files"), ("dirs", "folders")):
        if name in figures:
            value, lo, hi = figures[name]
            parts.append(f"≈ {value:,.0f} {label} ({lo:,.0f}–{hi:,.0f})")
    text = ", ".join(parts)
    if "bytes" in figures:
        value, lo, hi = figures["bytes"]
        text += f" — ≈ {format_size(value)} ({format_size(lo)}–{format_size(hi)})"
    return f"{text}; {r.survey.basis}, 95 % intervals (survey not finished)"


def _decided_in(r: ScanResult) -> str:
    """The scan's time on its budget's clock: drive time on a simulated drive."""
    c = r.content
    how = {
        "estimated": "random descents, no full walk",
        "sampled": "one walk and a sample",
        "full": "every file identified",
    }.get(c.method, c.method)
    stop = f", stopped on {c.stopped}" if c.stopped else ""
    return f"{c.spent_s:,.1f} s ({how}{stop})"


def show_content(console: Console, r: ScanResult) -> None:
    """Categories and formats with their intervals, and the disguised files."""
    c = r.content
    if c.method == "full":
        title = f"Content — every file identified ({c.files_identified:,}), exact"
    elif c.method == "estimated":
        title = (
            f"Content — {c.samples:,} random descents, seed {c.seed}, 95 % intervals "
            "(estimated without a full walk)"
        )
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
    if c.formats:
        show_formats(console, c.formats, exact)
    d = c.disguised
    if d.files_share > 0 or d.examples or not exact:  # sampled: 0 % has an upper end
        share = format_share(d.files_share, None if exact else d.ci)
        console.print(f"Disguised files (name says one thing, content another): {share} of files")
        for example in d.examples:
            console.print(f"  {example}", markup=False)
    if c.method in ("sampled", "estimated"):
        console.print(
            f"Read {format_size(c.sampled_bytes)} from {c.files_identified:,} files; "
            f"stopped on {c.stopped}; widest interval ±{(c.precision or 0) * 100:.1f} %"
            + (f"; {c.errors:,} draws unreadable" if c.errors else ""),
            markup=False,
        )


def show_formats(console: Console, formats: tuple[FormatShare, ...], exact: bool) -> None:
    table = Table(title="Formats by share of bytes")
    table.add_column("Format")
    table.add_column("Category")
    table.add_column("Share of bytes", justify="right")
    for f in formats[:TOP_FORMATS]:
        table.add_row(
            f.format,
            CATEGORY_LABELS.get(f.category, f.category),
            format_share(f.bytes_share, None if exact else f.ci),
        )
    console.print(table)


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


def _completeness(r: ScanResult) -> str:
    if r.complete:
        return "yes"
    if r.unsurveyed and not r.removed:
        return "NO — part of the drive has no readable filesystem (its files are unknown)"
    return "NO — partial result"
