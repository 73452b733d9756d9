"""The result of scanning one target, as frozen dataclasses (JSON exists only at the edges).

Field names follow the `inspector.scan/1` contract in docs/ARCHITECTURE.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from inspector.core.raw import RawResult
from inspector.core.survey import SurveyResult

SCAN_SCHEMA = "inspector.scan/1"
CONFIDENCE = 0.95

ContentMethod = Literal["none", "sampled", "full"]


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    path: str
    model: str | None
    serial: str | None
    wwn: str | None
    bus: str | None
    capacity_bytes: int | None
    read_only: bool


@dataclass(frozen=True, slots=True)
class FilesystemInfo:
    type: str | None
    uuid: str | None
    label: str | None
    size_bytes: int
    used_bytes: int
    free_bytes: int
    fill_ratio: float


@dataclass(frozen=True, slots=True)
class CategoryShare:
    category: str
    bytes_share: float
    ci: tuple[float, float]
    bytes_estimate: int
    files_estimate: int


@dataclass(frozen=True, slots=True)
class FormatShare:
    format: str
    category: str
    bytes_share: float
    ci: tuple[float, float]


@dataclass(frozen=True, slots=True)
class DisguisedShare:
    files_share: float
    ci: tuple[float, float]
    examples: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ContentResult:
    method: ContentMethod = "none"
    samples: int = 0
    sampled_bytes: int = 0
    seed: int | None = None
    confidence: float = CONFIDENCE
    categories: tuple[CategoryShare, ...] = ()
    formats: tuple[FormatShare, ...] = ()
    disguised: DisguisedShare = field(default_factory=lambda: DisguisedShare(0.0, (0.0, 0.0)))
    # Beyond the contract's minimum: how the estimate was reached.
    file_samples: int = 0  # file-weighted draws (share of file count, disguised files)
    files_identified: int = 0  # distinct files read (a file drawn twice is read once)
    errors: int = 0  # draws that hit an unreadable file: counted here, not as a class
    precision: float | None = None  # widest half-interval among the reported shares
    stopped: str = ""  # precision | budget | exhausted | cancelled | complete


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
