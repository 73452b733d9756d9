"""What the kernel says about a block device without udev: /sys/class/block, blkid and partx.

Used when the udev database has no properties (no udevd running, or an event seen before udev
finished probing) so that drives never show blanks. Everything here only reads.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass

SYS_CLASS_BLOCK = "/sys/class/block"
SYSFS_SECTOR = 512  # sysfs sizes and partition starts are always in 512-byte units
_TOOL_TIMEOUT_S = 10.0


@dataclass(frozen=True, slots=True)
class SysfsPartition:
    name: str  # loop0p1, sdb1
    number: int
    start_bytes: int
    size_bytes: int


@dataclass(frozen=True, slots=True)
class SysfsDisk:
    name: str  # sdb, loop0, nvme0n1
    size_bytes: int
    logical_sector_size: int
    physical_sector_size: int
    rotational: bool | None
    removable: bool | None
    read_only: bool
    model: str | None
    vendor: str | None
    serial: str | None
    wwn: str | None
    backing_file: str | None  # loop devices only
    partitions: tuple[SysfsPartition, ...]


@dataclass(frozen=True, slots=True)
class FsProbe:
    """Filesystem (or partition table) signature found by blkid."""

    fs_type: str | None
    uuid: str | None
    label: str | None
    pt_type: str | None  # gpt, dos: a partition table on the whole device


@dataclass(frozen=True, slots=True)
class TableEntry:
    """One partition as the partition table on the device says (not the kernel's view)."""

    number: int
    start_bytes: int
    size_bytes: int


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read().strip() or None
    except OSError:
        return None


def _int(path: str) -> int | None:
    text = _read(path)
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _flag(path: str) -> bool | None:
    value = _int(path)
    return None if value is None else value != 0


def is_partition(name: str, root: str = SYS_CLASS_BLOCK) -> bool:
    return os.path.exists(os.path.join(root, name, "partition"))


def list_disks(root: str = SYS_CLASS_BLOCK) -> list[str]:
    """Names of whole block devices (not partitions), sorted."""
    try:
        names = os.listdir(root)
    except OSError:
        return []
    return sorted(n for n in names if not is_partition(n, root))


def parent_disk(name: str, root: str = SYS_CLASS_BLOCK) -> str:
    """The whole disk a partition belongs to (a disk is its own parent)."""
    if not is_partition(name, root):
        return name
    real = os.path.realpath(os.path.join(root, name))
    return os.path.basename(os.path.dirname(real))


def underlying_disks(name: str, root: str = SYS_CLASS_BLOCK) -> set[str]:
    """The whole disks under a device: partition → disk, dm/md → their slaves, recursively."""
    disk = parent_disk(name, root)
    slaves_dir = os.path.join(root, disk, "slaves")
    try:
        slaves = os.listdir(slaves_dir)
    except OSError:
        slaves = []
    if not slaves:
        return {disk}
    found: set[str] = set()
    for slave in slaves:
        found |= underlying_disks(slave, root)
    return found


def read_disk(name: str, root: str = SYS_CLASS_BLOCK) -> SysfsDisk:
    base = os.path.join(root, name)
    dev = os.path.join(base, "device")
    queue = os.path.join(base, "queue")
    partitions = []
    try:
        children = sorted(os.listdir(base))
    except OSError:
        children = []
    for child in children:
        pbase = os.path.join(base, child)
        number = _int(os.path.join(pbase, "partition"))
        if number is None:
            continue
        partitions.append(
            SysfsPartition(
                name=child,
                number=number,
                start_bytes=(_int(os.path.join(pbase, "start")) or 0) * SYSFS_SECTOR,
                size_bytes=(_int(os.path.join(pbase, "size")) or 0) * SYSFS_SECTOR,
            )
        )
    serial = _read(os.path.join(dev, "serial")) or _read(os.path.join(base, "serial"))
    wwid = _read(os.path.join(dev, "wwid")) or _read(os.path.join(base, "wwid"))
    return SysfsDisk(
        name=name,
        size_bytes=(_int(os.path.join(base, "size")) or 0) * SYSFS_SECTOR,
        logical_sector_size=_int(os.path.join(queue, "logical_block_size")) or 512,
        physical_sector_size=_int(os.path.join(queue, "physical_block_size")) or 512,
        rotational=_flag(os.path.join(queue, "rotational")),
        removable=_flag(os.path.join(base, "removable")),
        read_only=bool(_flag(os.path.join(base, "ro"))),
        model=_read(os.path.join(dev, "model")),
        vendor=_read(os.path.join(dev, "vendor")),
        serial=serial,
        wwn=wwn_from_wwid(wwid),
        backing_file=_read(os.path.join(base, "loop", "backing_file")),
        partitions=tuple(sorted(partitions, key=lambda p: p.number)),
    )


def wwn_from_wwid(wwid: str | None) -> str | None:
    """`naa.5000c500a1b2c3d4` (SCSI/SATA) or `eui.…` (NVMe) → `0x5000c500a1b2c3d4`; else None.

    T10 vendor ids (`t10.ATA ...`) are not world-wide names: they embed the serial instead.
    """
    if not wwid:
        return None
    kind, _, value = wwid.partition(".")
    if kind in ("naa", "eui") and value and all(c in "0123456789abcdefABCDEF" for c in value):
        return "0x" + value.lower()
    return None


def parse_export(text: str) -> dict[str, str]:
    """KEY=value lines (blkid -o export, udevadm) into a dict; malformed lines are ignored."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip():
            out[key.strip()] = value.strip()
    return out


def probe_from_export(values: dict[str, str]) -> FsProbe:
    return FsProbe(
        fs_type=values.get("TYPE") or None,
        uuid=values.get("UUID") or None,
        label=values.get("LABEL") or None,
        pt_type=values.get("PTTYPE") or None,
    )


def tool_output(args: list[str]) -> str | None:
    """stdout of a read-only tool, or None when it is missing, fails or hangs."""
    try:
        done = subprocess.run(
            args, capture_output=True, text=True, timeout=_TOOL_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def blkid_probe(path: str, offset: int | None = None, size: int | None = None) -> FsProbe | None:
    """Low-level probe of the signatures at `path` (bypasses the blkid cache; reads only)."""
    args = ["blkid", "-p", "-o", "export"]
    if offset is not None:
        args += ["-O", str(offset)]
    if size is not None:
        args += ["-S", str(size)]
    text = tool_output([*args, path])
    return None if text is None else probe_from_export(parse_export(text))


def parse_partx(text: str, sector_size: int = SYSFS_SECTOR) -> list[TableEntry]:
    """`partx -g -o NR,START,SECTORS` output → entries (START/SECTORS in 512-byte sectors)."""
    entries = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) != 3 or not all(f.isdigit() for f in fields):
            continue
        nr, start, sectors = (int(f) for f in fields)
        entries.append(TableEntry(nr, start * sector_size, sectors * sector_size))
    return entries


def partition_table(path: str) -> list[TableEntry]:
    """Partitions as the table on the device says (libblkid via partx), for kernels that do not
    split loop devices into partitions. Empty when there is no table."""
    text = tool_output(["partx", "-g", "-b", "-o", "NR,START,SECTORS", path])
    return parse_partx(text) if text else []
