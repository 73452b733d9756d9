"""One scan of one target: say what it is (folder, block device, image file) and hand it to
the scan that reads it (`tree.scan_tree`, or `device` for block devices and images)."""

from __future__ import annotations

import os
import stat
from typing import Literal

from inspector.core.errors import BadTargetError
from inspector.core.progress import CancelToken, ProgressFn, no_progress
from inspector.core.scan.result import ScanResult
from inspector.core.scan.tree import ScanOptions, directory_filesystem, scan_tree
from inspector.core.survey.fsview import LocalFS

TargetKind = Literal["directory", "block", "image"]


def classify_target(target: str) -> TargetKind:
    """Say what `target` is, or raise BadTargetError with a one-line reason."""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        raise BadTargetError(f"{target}: no such file or directory") from None
    except OSError as exc:
        raise BadTargetError(f"{target}: {exc.strerror}") from None
    if stat.S_ISDIR(st.st_mode):
        return "directory"
    if stat.S_ISBLK(st.st_mode):
        return "block"
    if stat.S_ISREG(st.st_mode):
        return "image"
    raise BadTargetError(f"{target}: not a directory, block device or image file")


def scan_target(
    target: str,
    options: ScanOptions | None = None,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> ScanResult:
    options = options or ScanOptions()
    kind = classify_target(target)
    if kind == "directory":
        return scan_tree(
            target,
            LocalFS(),
            options,
            filesystem=directory_filesystem(target),
            progress=progress,
            cancel=cancel,
        )
    from inspector.core.scan.device import scan_block_device, scan_image

    scan = scan_block_device if kind == "block" else scan_image
    return scan(target, options, progress=progress, cancel=cancel)
