"""What content identification found on one tree, as frozen dataclasses: shares per category
and per format with their intervals, and disguised files.

Field names follow the `content` object of the `inspector.scan/1` contract (docs/ARCHITECTURE.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

CONFIDENCE = 0.95

ContentMethod = Literal["none", "sampled", "full", "estimated"]


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
    spent_s: float = 0.0  # the scan's time on its budget's clock (drive time when simulated)
