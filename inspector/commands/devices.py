"""`inspector devices`: the drives attached to this machine (loop devices with --include-loop)."""

from __future__ import annotations

import argparse
import dataclasses
import os
from typing import Any

from inspector.commands.output import print_json, stdout_console
from inspector.core.media.drives.model import Drive
from inspector.core.units import format_size

DEVICES_SCHEMA = "inspector.devices/1"


def register(p: argparse.ArgumentParser) -> None:
    p.description = "List the drives attached to this machine (read-only; nothing is mounted)."
    p.add_argument("--json", action="store_true", help="print one inspector.devices/1 document")
    p.add_argument(
        "--include-loop", action="store_true", help="also list loop devices (tests, training)"
    )
    p.set_defaults(func=run)


def drive_json(d: Drive) -> dict[str, Any]:
    doc = dataclasses.asdict(d)
    doc["partitions"] = [dataclasses.asdict(p) for p in d.partitions]
    doc["warnings"] = list(d.warnings)
    return doc


def run(args: argparse.Namespace) -> int:
    from rich.table import Table

    from inspector.core.media.drives.udev import UdevBackend  # pyudev only for this command

    drives = UdevBackend(include_loop=args.include_loop).drives()
    if args.json:
        print_json({"schema": DEVICES_SCHEMA, "drives": [drive_json(d) for d in drives]})
        return 0
    console = stdout_console()
    if not drives:
        console.print("No drives attached.")
        return 0
    table = Table()
    table.add_column("Device", no_wrap=True)
    for col in ("Model", "Serial", "Bus", "Capacity", "Filesystems", "Note"):
        table.add_column(col)
    for d in drives:
        filesystems = ", ".join(
            f"{p.number}: " * bool(p.number)
            + f"{p.fs_type or 'none'}{' ' + repr(p.fs_label) if p.fs_label else ''}"
            for p in d.partitions
        )
        note = "system disk: never scanned" if d.system else "; ".join(d.warnings)
        table.add_row(
            d.path,
            d.model or (os.path.basename(d.backing_file) if d.backing_file else "?"),
            d.serial or "?",
            d.bus or "?",
            format_size(d.capacity_bytes),
            filesystems or "-",
            note,
        )
    console.print(table)
    return 0
