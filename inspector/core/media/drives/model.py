"""What the pipeline knows about a drive, and the interface every drive backend provides.

The GUI and CLI get a backend injected: the udev backend for real block devices (and loop
devices in tests), the simulated backend for training scenarios.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from inspector.core.survey.fsview import FileSystemView


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    """The device a scan read (`device` of inspector.scan/1)."""

    path: str
    model: str | None
    serial: str | None
    wwn: str | None
    bus: str | None
    capacity_bytes: int | None
    read_only: bool


@dataclass(frozen=True, slots=True)
class FilesystemInfo:
    """A filesystem's identity and usage (`filesystem` of inspector.scan/1)."""

    type: str | None
    uuid: str | None
    label: str | None
    size_bytes: int
    used_bytes: int
    free_bytes: int
    fill_ratio: float


@dataclass(frozen=True, slots=True)
class Partition:
    path: str  # /dev/sdb1 (or a simulated path); the kernel's name even where the kernel did
    # not split the drive (no such node: access.py then attaches the partition at its offset)
    number: int  # 1-based; 0 = a filesystem on the whole device
    start_bytes: int
    size_bytes: int
    fs_type: str | None  # ext4, vfat, exfat, ntfs, crypto_LUKS, ... (blkid names)
    fs_uuid: str | None
    fs_label: str | None


@dataclass(frozen=True, slots=True)
class Drive:
    """One physical drive as plugged in. `identity` is stable across re-plugs."""

    identity: str  # WWN, else serial+model+capacity, else filesystem UUIDs
    path: str  # /dev/sdb
    model: str | None
    vendor: str | None
    serial: str | None
    wwn: str | None
    bus: str | None  # usb, ata, nvme, scsi, loop, simulated
    port_path: str | None  # physical port (udev ID_PATH); maps to a bay
    bay: str | None
    capacity_bytes: int
    logical_sector_size: int = 512
    physical_sector_size: int = 512
    rotational: bool | None = None
    removable: bool | None = None
    partition_table: str | None = None  # gpt, dos, None
    partitions: tuple[Partition, ...] = ()
    system: bool = False  # holds / or a mounted system filesystem: never mounted or scanned
    warnings: tuple[str, ...] = ()
    backing_file: str | None = None  # loop devices: the image file behind them
    # This process could not read the device and udev did not list what is on it: its layout
    # is unknown, so no scan of it is complete (a desk run as the officer, a device udev did
    # not split into partitions).
    layout_unknown: bool = False


class DriveEventKind(enum.Enum):
    ADDED = "added"
    CHANGED = "changed"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class DriveEvent:
    kind: DriveEventKind
    drive: Drive
    seen_before: bool = False  # ADDED for an identity already seen this session: a re-plug


@dataclass(frozen=True, slots=True)
class MountedFilesystem:
    """A filesystem of a drive made readable (read-only) for the survey and the sampler."""

    partition: Partition
    view: FileSystemView
    root: str
    filesystem: FilesystemInfo
    mount_options: str  # as applied, for the audit log
    warnings: tuple[str, ...] = ()  # e.g. "mounted read-write by the OS" (goes into the report)
    device_read_only: bool = True  # False only when the OS holds it mounted read-write


class Watch(Protocol):
    def stop(self) -> None: ...


DriveListener = Callable[[DriveEvent], None]


class DriveBackend(Protocol):
    """Enumerate drives, watch for hot-plug, and mount a drive's filesystems read-only.

    A backend may also offer `present(drive) -> bool` (scan_drive.ChecksPresence): after a
    media error, scan_drive asks it whether the drive vanished or one entry is just unreadable.
    Without it, media errors (EIO, ENOTCONN, ...) are taken as a vanished drive.
    """

    name: str  # "udev", "simulated": shown in the status line

    def drives(self) -> list[Drive]: ...

    def watch(self, listener: DriveListener) -> Watch:
        """Call `listener` (from a background thread) on every add/change/remove."""
        ...

    def mount(self, drive: Drive) -> AbstractContextManager[list[MountedFilesystem]]:
        """Make every mountable filesystem of `drive` readable, read-only; undo on exit
        (also when the body raises or the drive disappears)."""
        ...
