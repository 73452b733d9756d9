"""`inspector scan TARGET --case ID --traveler NAME`: record a scan into a case.

The drive is recorded as attached and its scan as started *before* reading, and completed
after: a scan killed half-way leaves the drive marked incomplete, the audit log intact.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from inspector.commands.stores import add_training, case_id, store_of
from inspector.core.errors import UsageError
from inspector.core.scan.target import classify_target

# A scan without --case imports this module for its options only: the case records (and
# pyudev, for a block device's identity) load when a scan is recorded.
if TYPE_CHECKING:
    from inspector.core.case.records import DriveIdentity, DriveRecord
    from inspector.core.scan.result import ScanResult
    from inspector.core.scan.tree import ScanOptions


def add_options(p: Any) -> None:
    p.add_argument("--case", type=case_id, metavar="ID", help="record the result in this case")
    p.add_argument("--traveler", metavar="NAME", help="the traveler carrying the drive")
    p.add_argument("--bay", metavar="BAY", help="dock bay the drive sits in")
    add_training(p)


def check_options(args: argparse.Namespace) -> None:
    if args.case is not None and not args.traveler:
        raise UsageError("--case needs --traveler NAME (whose drive is this?)")
    if args.traveler and args.case is None:
        raise UsageError("--traveler needs --case ID")


def scan_into_case(
    args: argparse.Namespace,
    options: ScanOptions,
    scan: Callable[[], ScanResult],
) -> tuple[ScanResult, DriveRecord]:
    kind = classify_target(args.target)  # a bad target fails before anything is recorded
    identity = _identity(args.target, kind)
    with store_of(args) as store:
        drive = store.begin_drive(
            args.case, args.traveler, identity, bay=args.bay, method=asdict(options)
        )
        try:
            result = scan()
        except BaseException as exc:  # recorded, then re-raised for the CLI to report
            reason = "interrupted" if isinstance(exc, KeyboardInterrupt) else str(exc)
            store.fail_drive(drive.id, reason)
            raise
        return result, store.finish_drive(drive.id, result)


def _identity(target: str, kind: str) -> DriveIdentity:
    """A block device is known by its drive identity (WWN, serial...: a re-plug on another
    port is the same drive); a folder or an image by its path."""
    from inspector.core.case.records import DriveIdentity

    if kind == "block":
        from inspector.core.media.drives.udev import UdevBackend

        drive = UdevBackend(include_loop=True).drive_at(target)
        if drive is not None:
            return DriveIdentity.of_drive(drive)
    return DriveIdentity.of_target(os.path.abspath(target))


def case_json(drive: DriveRecord) -> dict[str, Any]:
    return {
        "id": drive.case_id,
        "drive": drive.id,
        "state": drive.state,
        "result_hash": drive.result_hash,
    }
