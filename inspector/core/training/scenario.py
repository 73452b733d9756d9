"""Training scenarios: what instructors write (TOML), as frozen dataclasses.

loader.py reads and validates them (one-line errors naming file, key and line);
docs/training.md explains every key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from inspector.core.errors import InspectorError

VerdictKind = Literal["clear", "refer"]
EventKind = Literal["plug", "pull"]
VERDICTS: tuple[VerdictKind, ...] = ("clear", "refer")
FILESYSTEMS = ("ext4", "xfs", "exfat", "ntfs", "btrfs")


class ScenarioError(InspectorError):
    """A scenario file is missing, unreadable or invalid (exit 2, one line)."""


@dataclass(frozen=True, slots=True)
class ContentSpec:
    """One kind of file on a drive: a format, its share of the drive's used bytes, file sizes."""

    format: str
    share: float  # of the used bytes of the drive
    size: int  # typical file size, bytes
    spread: float  # sizes vary uniformly within size × (1 ± spread)
    directory: str  # where the files live, relative to the filesystem root
    name: str  # file name stem template with one {i} field, e.g. "part-{i:05d}"
    disguise: str | None  # extension files get instead of the format's own (e.g. "mp4")
    disguise_share: float  # of this entry's files that carry the disguise
    per_dir: int  # files per sub-directory when there are more than this


@dataclass(frozen=True, slots=True)
class Recipe:
    name: str
    content: tuple[ContentSpec, ...]


@dataclass(frozen=True, slots=True)
class DriveSpec:
    id: str  # unique in the scenario; the timeline refers to drives by it
    traveler: str
    model: str
    vendor: str | None
    serial: str
    bay: str | None
    capacity: int  # bytes the drive reports (the label)
    real_capacity: int | None  # counterfeit drive: what it really holds (its filesystem size)
    fill: float  # share of the filesystem in use
    filesystem: str
    encrypted: bool  # a LUKS partition: no mountable filesystem, raw header readable
    recipe: Recipe
    duplicate_serial: bool  # this serial is shared with another drive on purpose


@dataclass(frozen=True, slots=True)
class TravelerSpec:
    name: str
    group: str | None
    declaration: str
    declared_bytes: int | None
    licence: str | None
    expected: VerdictKind
    explanation: str
    bays: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GroupSpec:
    name: str
    expected: VerdictKind
    explanation: str


@dataclass(frozen=True, slots=True)
class Event:
    at: float  # seconds after the start of the scenario
    kind: EventKind
    drive: str  # DriveSpec.id


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    title: str
    description: str
    seed: int
    source: str
    travelers: tuple[TravelerSpec, ...]
    groups: tuple[GroupSpec, ...]
    drives: tuple[DriveSpec, ...]
    timeline: tuple[Event, ...]  # sorted by time

    @property
    def duration(self) -> float:
        return self.timeline[-1].at if self.timeline else 0.0

    def drive(self, drive_id: str) -> DriveSpec:
        return next(d for d in self.drives if d.id == drive_id)

    def drives_of(self, traveler: str) -> tuple[DriveSpec, ...]:
        return tuple(d for d in self.drives if d.traveler == traveler)

    def members(self, group: str) -> tuple[TravelerSpec, ...]:
        return tuple(t for t in self.travelers if t.group == group)
