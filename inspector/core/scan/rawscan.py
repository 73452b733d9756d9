"""The raw half of a drive scan: sample the partitions that did not mount (and the whole
device when asked or when nothing on it is recognised), and check each mounted filesystem
against the written blocks of its device (outside.py). One reader at a time per drive."""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO, Protocol, runtime_checkable

from inspector.core.media.access import is_block_device, partition_node
from inspector.core.media.drives.model import Drive, FilesystemInfo, Partition
from inspector.core.media.raw import raw_sample
from inspector.core.media.raw_result import RawResult
from inspector.core.progress import CancelToken, ProgressFn
from inspector.core.scan.outside import OutsideCheck, compare, journal_state
from inspector.core.scan.tree import ScanOptions

OUTSIDE_BUDGET_S = 5.0  # "a few seconds" per mounted filesystem
OUTSIDE_PRECISION = 0.02


@runtime_checkable
class ReadsRaw(Protocol):
    """Optional backend capability: the raw bytes of a partition (number 0 = whole drive),
    read-only, for raw sampling of what cannot be mounted (LUKS, BitLocker, unknown).
    A backend whose raw bytes are those its mounts show sets `raw_of_mounted = True`; only then
    are mounted filesystems compared with their raw blocks."""

    def open_raw(self, drive: Drive, partition: Partition) -> BinaryIO: ...


def whole_device(drive: Drive) -> Partition:
    return Partition(drive.path, 0, 0, drive.capacity_bytes, None, None, None)


def _where(drive: Drive, number: int) -> str:
    return f"{drive.path} partition {number}" if number else drive.path


class RawSampler:
    def __init__(
        self,
        backend: ReadsRaw,
        drive: Drive,
        options: ScanOptions,
        progress: ProgressFn,
        cancel: CancelToken,
        warnings: list[str],
        on_errors: Callable[[], None],
    ) -> None:
        self.backend = backend
        self.drive = drive
        self.options = options
        self.progress = progress
        self.cancel = cancel
        self.warnings = warnings
        self.on_errors = on_errors  # failed reads: is the drive still there?

    def _sample(
        self, p: Partition, *, budget_s: float, precision: float, mounted: bool, header_only: bool
    ) -> RawResult | None:
        if self.cancel.cancelled or p.size_bytes <= 0:
            return None
        try:
            with self.backend.open_raw(self.drive, p) as source:
                result = raw_sample(
                    source,
                    p.size_bytes,
                    max_samples=0 if header_only else None,
                    budget_s=budget_s,
                    precision=precision,
                    seed=self.options.seed,
                    progress=self.progress,
                    cancel=self.cancel,
                    mounted=mounted,
                )
        except OSError as exc:
            self.warnings.append(
                f"{_where(self.drive, p.number)}: raw sampling failed: {exc.strerror or exc}"
            )
            self.on_errors()
            return None
        if result.errors:
            kinds = ", ".join(result.error_kinds)
            self.warnings.append(
                f"{_where(self.drive, p.number)}: {result.errors:,} raw reads failed ({kinds}) "
                f"of {result.samples + result.errors:,}: block shares are partial"
            )
            self.on_errors()
        return result

    def partitions(self, wanted: list[Partition], *, mounted: bool) -> dict[int, RawResult]:
        """Raw-sample each partition that could not be mounted, one after the other (one
        reader per spindle), each within the scan's budget; survey only (--budget 0) reads
        the header alone, which still says "LUKS"."""
        out: dict[int, RawResult] = {}
        header_only = self.options.budget_s <= 0 and not self.options.raw
        for p in wanted:
            result = self._sample(
                p,
                budget_s=max(self.options.budget_s, 1.0),
                precision=0.01,
                mounted=mounted and p.number == 0,
                header_only=header_only,
            )
            if result is not None:
                out[p.number] = result
        return out

    def outside(self, mounted: list[tuple[Partition, FilesystemInfo]]) -> list[OutsideCheck]:
        """Each mounted filesystem against a short raw sample of its own device."""
        checks = []
        for p, fs in mounted:
            size = p.size_bytes or self.drive.capacity_bytes
            part = Partition(p.path, p.number, p.start_bytes, size, None, None, None)
            raw = self._sample(
                part,
                budget_s=min(OUTSIDE_BUDGET_S, self.options.budget_s),
                precision=OUTSIDE_PRECISION,
                mounted=True,
                header_only=False,
            )
            if raw is None or self.cancel.cancelled:
                continue
            checks.append(compare(p.number, fs, raw, journal_state(fs.type, self._node(p))))
        return checks

    def _node(self, p: Partition) -> str:
        """A name read-only tools can open for the partition: its node, else the disk with
        the e2fsprogs `?offset=` option."""
        node = partition_node(self.drive.path, p.number)
        if p.number == 0 or is_block_device(node):
            return node
        return f"{self.drive.path}?offset={p.start_bytes}"
