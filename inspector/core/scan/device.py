"""`inspector scan` of a block device or an image file: find the drive, then `scan_drive`."""

from __future__ import annotations

import dataclasses
import os

from inspector.core.errors import BadTargetError
from inspector.core.media.access import attached_image
from inspector.core.media.drives.model import Drive
from inspector.core.media.drives.sysfs import is_partition
from inspector.core.media.drives.udev import UdevBackend
from inspector.core.media.privileged import Privileged, default_privileged
from inspector.core.progress import CancelToken, ProgressFn, no_progress
from inspector.core.scan.drive import scan_drive
from inspector.core.scan.result import ScanResult
from inspector.core.scan.tree import ScanOptions

_SMALLEST_IMAGE = 512  # one sector: a loop device over less has no medium


def _only_partition(drive: Drive, path: str) -> Drive:
    """A partition given as target (/dev/sdb1): scan just that one of its drive."""
    real = os.path.realpath(path)
    keep = tuple(p for p in drive.partitions if os.path.realpath(p.path) == real)
    if not keep:
        raise BadTargetError(f"{path}: no filesystem found on this partition")
    return dataclasses.replace(drive, partitions=keep)


def scan_block_device(
    target: str,
    options: ScanOptions,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
    privileged: Privileged | None = None,
) -> ScanResult:
    priv = privileged or default_privileged()  # fails early, with the reason, when it cannot
    backend = UdevBackend(include_loop=True, privileged=lambda: priv)
    drive = backend.drive_at(target)
    if drive is None:
        raise BadTargetError(f"{target}: no medium (empty device or detached loop device)")
    if is_partition(os.path.basename(os.path.realpath(target))):
        drive = _only_partition(drive, target)
    return scan_drive(backend, drive, options, progress=progress, cancel=cancel, target=target)


def scan_image(
    target: str,
    options: ScanOptions,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
    privileged: Privileged | None = None,
) -> ScanResult:
    """Attach a disk image read-only (partition scan on), scan it as a drive, detach. An image
    without any signature (random bytes, zeros, a wiped or damaged header) is scanned too: its
    blocks are raw-sampled and the result says what they look like."""
    if not os.access(target, os.R_OK):  # the officer's own permission, not the helper's
        raise BadTargetError(f"{target}: you cannot read it (permission denied)")
    if os.path.getsize(target) < _SMALLEST_IMAGE:
        raise BadTargetError(f"{target}: {os.path.getsize(target)} bytes: too small to be a disk")
    priv = privileged or default_privileged()
    backend = UdevBackend(include_loop=True, privileged=lambda: priv)
    with attached_image(priv, target) as loop:
        drive = backend.drive_at(loop)
        if drive is None:
            raise BadTargetError(f"{target}: the loop device {loop} shows no medium")
        return scan_drive(backend, drive, options, progress=progress, cancel=cancel, target=target)
