"""The result of scanning one target, as frozen dataclasses (JSON exists only at the edges).

Field names follow the `inspector.scan/1` contract in docs/ARCHITECTURE.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: a folder scan must not import the device code to start
    from inspector.core.content.result import ContentResult
    from inspector.core.media.drives.model import DeviceInfo, FilesystemInfo
    from inspector.core.media.raw_result import RawResult
    from inspector.core.scan.outside import OutsideCheck
    from inspector.core.survey.walk import SurveyResult

SCAN_SCHEMA = "inspector.scan/1"


@dataclass(frozen=True, slots=True)
class PartitionResult:
    path: str
    number: int
    start_bytes: int
    size_bytes: int
    fs_type: str | None
    filesystem: FilesystemInfo | None
    survey: SurveyResult | None
    content: ContentResult | None
    raw: RawResult | None = None


@dataclass(frozen=True, slots=True)
class ScanResult:
    target: str
    complete: bool
    elapsed_s: float
    survey: SurveyResult
    content: ContentResult
    device: DeviceInfo | None = None
    filesystem: FilesystemInfo | None = None
    partitions: tuple[PartitionResult, ...] = ()
    raw: RawResult | None = None
    warnings: tuple[str, ...] = ()
    # Beyond the first version of the contract:
    removed: bool = False  # the drive went away during the scan: a partial result, never zero
    outside: tuple[OutsideCheck, ...] = ()  # mounted filesystems against their raw blocks

    @property
    def unsurveyed(self) -> tuple[Unsurveyed, ...]:
        """Areas that hold data no filesystem walk could count (ciphertext, a filesystem that
        would not mount, a container): their files are unknown, not zero."""
        if self.partitions:
            areas = [(p.path, p.raw) for p in self.partitions if p.survey is None]
        elif self.filesystem is None:
            areas = [(self.target, self.raw)]
        else:
            areas = []
        return tuple(
            Unsurveyed(where, raw.size_bytes if raw else None, raw.finding if raw else None)
            for where, raw in areas
            if raw is None or raw.finding not in SURVEYED_FINDINGS
        )

    @property
    def unsurveyed_bytes(self) -> int | None:
        """Bytes of the unsurveyed areas whose size is known; None when none is known."""
        known = [u.size_bytes for u in self.unsurveyed if u.size_bytes is not None]
        return sum(known) if known else None


# Raw findings that leave nothing uncounted: never written, or a filesystem that was surveyed.
SURVEYED_FINDINGS = frozenset({"blank", "filesystem", "partition-table"})


@dataclass(frozen=True, slots=True)
class Unsurveyed:
    """Part of a target whose files could not be counted: size None when not even sampled."""

    where: str
    size_bytes: int | None
    finding: str | None
