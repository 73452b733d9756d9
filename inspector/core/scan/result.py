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
