"""Scan one drive of a backend: mount it read-only, survey and identify each filesystem.

No Qt here: the worker in workers.py calls this on its own thread. When the drives branch's
`inspector.core.scan_drive` is present it is used (one implementation for CLI and desk); the
fallback below mounts through the backend and runs the same `scan_tree` on every filesystem.
"""

from __future__ import annotations

from dataclasses import replace

from inspector.core.drives.model import Drive, DriveBackend
from inspector.core.errors import InspectorError
from inspector.core.progress import CancelToken, Progress, ProgressFn
from inspector.core.results import DeviceInfo, PartitionResult, ScanResult
from inspector.core.scan import ScanOptions, scan_tree
from inspector.core.survey import ExtensionStat, SurveyResult


class NothingToScan(InspectorError):
    """The drive has no filesystem the backend can mount read-only."""


def device_info(drive: Drive) -> DeviceInfo:
    return DeviceInfo(
        path=drive.path,
        model=drive.model,
        serial=drive.serial,
        wwn=drive.wwn,
        bus=drive.bus,
        capacity_bytes=drive.capacity_bytes,
        read_only=True,
    )


def scan_drive(
    backend: DriveBackend,
    drive: Drive,
    options: ScanOptions,
    progress: ProgressFn,
    cancel: CancelToken,
) -> ScanResult:
    """Mount `drive` read-only through `backend` and scan every filesystem on it."""
    try:
        from inspector.core import scan_drive as core  # type: ignore[attr-defined]
    except ImportError:
        core = None
    if core is not None:
        result: ScanResult = core.scan_drive(backend, drive, options, progress, cancel)
        return result
    progress(Progress("mounting", 0))
    with backend.mount(drive) as filesystems:
        if not filesystems:
            raise NothingToScan(f"{drive.path}: no filesystem that can be mounted read-only")
        results = []
        for fs in filesystems:
            if results and cancel.cancelled:
                break  # the first one always runs: its survey returns at once, marked incomplete
            results.append(
                scan_tree(
                    fs.root,
                    fs.view,
                    options,
                    filesystem=fs.filesystem,
                    device=device_info(drive),
                    progress=progress,
                    cancel=cancel,
                    target=fs.partition.path,
                )
            )
        if len(results) == 1:
            return replace(results[0], target=drive.path)
        parts = tuple(
            PartitionResult(
                path=fs.partition.path,
                number=fs.partition.number,
                start_bytes=fs.partition.start_bytes,
                size_bytes=fs.partition.size_bytes,
                fs_type=fs.partition.fs_type,
                filesystem=r.filesystem,
                survey=r.survey,
                content=r.content,
            )
            for fs, r in zip(filesystems, results, strict=False)
        )
        first = results[0]
        return replace(
            first,
            target=drive.path,
            complete=all(r.complete for r in results) and len(results) == len(filesystems),
            elapsed_s=sum(r.elapsed_s for r in results),
            survey=_sum_surveys(drive.path, [r.survey for r in results]),
            partitions=parts,
            warnings=tuple(w for r in results for w in r.warnings),
        )


def _sum_surveys(root: str, surveys: list[SurveyResult]) -> SurveyResult:
    by_ext: dict[str, list[int]] = {}
    for s in surveys:
        for e in s.by_extension:
            slot = by_ext.setdefault(e.ext, [0, 0])
            slot[0] += e.files
            slot[1] += e.bytes
    first = surveys[0]
    return replace(
        first,
        root=root,
        files=sum(s.files for s in surveys),
        dirs=sum(s.dirs for s in surveys),
        symlinks=sum(s.symlinks for s in surveys),
        other=sum(s.other for s in surveys),
        bytes=sum(s.bytes for s in surveys),
        allocated_bytes=sum(s.allocated_bytes for s in surveys),
        errors=sum(s.errors for s in surveys),
        by_extension=tuple(
            sorted(
                (ExtensionStat(k, n, b) for k, (n, b) in by_ext.items()),
                key=lambda e: (-e.bytes, -e.files, e.ext),
            )
        ),
        complete=all(s.complete for s in surveys),
    )
