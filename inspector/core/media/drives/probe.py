"""Build a `Drive` for one whole block device: udev properties first, sysfs and blkid to fill
what udev does not know (no udevd running, or an event that raced udev's own probing).

Also the checks that turn into warnings: capacity plausibility and the system-disk flag.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Mapping

from inspector.core.media.drives.bays import BayMap
from inspector.core.media.drives.identity import with_identity
from inspector.core.media.drives.model import Drive, Partition
from inspector.core.media.drives.sysfs import (
    SYS_CLASS_BLOCK,
    FsProbe,
    SysfsDisk,
    blkid_probe,
    partition_table,
    read_disk,
    underlying_disks,
)
from inspector.core.media.mounts import MountEntry, mount_table

# Mount points whose filesystems belong to the running system: their disks are never touched.
SYSTEM_MOUNTPOINTS = frozenset(
    {"/", "/boot", "/boot/efi", "/efi", "/usr", "/var", "/home", "/opt", "/srv", "/nix"}
)
_SYSTEM_PREFIXES = ("/boot/", "/usr/", "/var/")
# Not drives a traveler carries: RAM disks, compressed swap, device-mapper and md stacks.
_IGNORED_PREFIXES = ("ram", "zram", "dm-", "md")


def decode_udev(value: str) -> str:
    """udev's *_ENC values escape bytes as \\xNN (ID_MODEL_ENC=WD\\x20Elements)."""
    return re.sub(r"\\x([0-9a-fA-F]{2})", lambda m: chr(int(m.group(1), 16)), value).strip()


def _prop(props: Mapping[str, str], *keys: str) -> str | None:
    for key in keys:
        value = props.get(key)
        if value:
            return decode_udev(value) if key.endswith("_ENC") else value.strip()
    return None


def _partition_node(disk: str, number: int) -> str:
    return f"{disk}p{number}" if disk[-1:].isdigit() else f"{disk}{number}"


def _is_block(path: str) -> bool:
    try:
        return stat.S_ISBLK(os.stat(path).st_mode)
    except OSError:
        return False


def _udev_fs(props: Mapping[str, str] | None) -> tuple[str | None, str | None, str | None]:
    if not props:
        return None, None, None
    return (
        props.get("ID_FS_TYPE") or None,
        props.get("ID_FS_UUID") or None,
        _prop(props, "ID_FS_LABEL_ENC", "ID_FS_LABEL"),
    )


def _fs_of(
    props: Mapping[str, str] | None, node: str, offset: int | None, size: int | None
) -> tuple[str | None, str | None, str | None]:
    """(type, uuid, label) of a filesystem: udev's probe, else our own `blkid -p`."""
    if props and props.get("ID_FS_TYPE"):
        return _udev_fs(props)
    probe = blkid_probe(node, offset, size)
    if probe is None:
        return None, None, None
    return probe.fs_type, probe.uuid, probe.label


def read_partitions(
    disk: SysfsDisk,
    path: str,
    props: Mapping[str, str],
    partition_props: Mapping[int, Mapping[str, str]],
) -> tuple[str | None, tuple[Partition, ...]]:
    """(partition table type, partitions): the kernel's split if any, else the table on the
    device itself (kernels that do not split loop devices), else one filesystem on the whole
    device (number 0)."""
    pt_type = props.get("ID_PART_TABLE_TYPE") or None
    entries = [(p.number, p.start_bytes, p.size_bytes) for p in disk.partitions]
    if not entries:
        entries = [(e.number, e.start_bytes, e.size_bytes) for e in partition_table(path)]
    whole: FsProbe | None = None
    if pt_type is None or (not entries and not props.get("ID_FS_TYPE")):
        whole = blkid_probe(path)
        pt_type = pt_type or (whole.pt_type if whole else None)
    parts = []
    for number, start, size in entries:
        node = _partition_node(path, number)
        if _is_block(node):
            fs = _fs_of(partition_props.get(number), node, None, None)
        else:
            fs = _fs_of(None, path, start, size)
        parts.append(Partition(node, number, start, size, *fs))
    if not parts:
        if props.get("ID_FS_TYPE"):
            fs = _udev_fs(props)
        else:
            fs = (whole.fs_type, whole.uuid, whole.label) if whole else (None, None, None)
        if fs[0]:
            parts.append(Partition(path, 0, 0, disk.size_bytes, *fs))
            pt_type = None  # a boot sector that also looks like an MBR (exFAT, FAT) is no table
    return pt_type, tuple(parts)


def capacity_warnings(
    path: str, capacity: int, sector: int, partitions: tuple[Partition, ...]
) -> tuple[str, ...]:
    """Fake-capacity drives report more space than they have: the last block must be readable,
    and every partition must fit inside the device. Reads only."""
    notes = []
    for p in partitions:
        if p.number and p.start_bytes + p.size_bytes > capacity:
            notes.append(
                f"partition {p.number} ends at byte {p.start_bytes + p.size_bytes:,}, beyond the "
                f"device's {capacity:,} bytes (truncated image or fake capacity?)"
            )
    if capacity >= sector > 0:
        try:
            fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            return tuple(notes)  # not ours to read (no root): nothing proven either way
        try:
            got = os.pread(fd, sector, capacity - sector)
            if len(got) != sector:
                notes.append(f"last block of {path} reads short: reported capacity is suspect")
        except OSError as exc:
            notes.append(
                f"last block of {path} (byte {capacity - sector:,}) is unreadable "
                f"({exc.strerror}): reported capacity may be fake"
            )
        finally:
            os.close(fd)
    return tuple(notes)


def _disk_name_of(device: str) -> str | None:
    try:
        st = os.stat(device)
    except OSError:
        return None
    if not stat.S_ISBLK(st.st_mode):
        return None
    link = f"/sys/dev/block/{os.major(st.st_rdev)}:{os.minor(st.st_rdev)}"
    return os.path.basename(os.path.realpath(link)) if os.path.exists(link) else None


def is_system_mount(entry: MountEntry) -> bool:
    mp = entry.mountpoint
    return mp in SYSTEM_MOUNTPOINTS or mp.startswith(_SYSTEM_PREFIXES)


def system_disks(
    table: list[MountEntry] | None = None,
    swaps_path: str = "/proc/swaps",
    root: str = SYS_CLASS_BLOCK,
) -> frozenset[str]:
    """Whole disks holding / or another mounted system filesystem, or active swap."""
    devices = [e.device for e in (mount_table() if table is None else table) if is_system_mount(e)]
    try:
        with open(swaps_path, encoding="utf-8") as f:
            devices += [line.split()[0] for line in f.readlines()[1:] if line.split()]
    except OSError:
        pass  # no swap table: no swap devices to protect
    disks: set[str] = set()
    for dev in devices:
        name = _disk_name_of(dev) if dev.startswith("/") else None
        if name:
            disks |= underlying_disks(name, root)
    return frozenset(disks)


def wanted(name: str, include_loop: bool) -> bool:
    if name.startswith(_IGNORED_PREFIXES):
        return False
    return include_loop or not name.startswith("loop")


def build_drive(
    name: str,
    props: Mapping[str, str],
    partition_props: Mapping[int, Mapping[str, str]],
    system: frozenset[str],
    *,
    check_capacity: bool = True,
    bays: BayMap | None = None,
) -> Drive | None:
    """The Drive for whole disk `name`, or None when it has no medium (size 0: an unattached
    loop device, an empty card reader) or is one of our own partition loop devices. `bays`
    names the bay from the drive's port (ID_PATH)."""
    disk = read_disk(name)
    if disk.size_bytes == 0:
        return None
    if disk.backing_file and disk.backing_file.startswith("/dev/"):
        return None  # a loop stacked on a block device: access.py's per-partition view
    path = props.get("DEVNAME") or f"/dev/{name}"
    if name in system:
        # The desk's own disk: never read by us, not even to probe; udev's word is enough.
        pt_type = props.get("ID_PART_TABLE_TYPE") or None
        partitions: tuple[Partition, ...] = tuple(
            Partition(
                _partition_node(path, p.number),
                p.number,
                p.start_bytes,
                p.size_bytes,
                *_udev_fs(partition_props.get(p.number)),
            )
            for p in disk.partitions
        )
    else:
        pt_type, partitions = read_partitions(disk, path, props, partition_props)
    bus = _prop(props, "ID_BUS") or (
        "loop" if name.startswith("loop") else "nvme" if name.startswith("nvme") else None
    )
    warnings: tuple[str, ...] = ()
    if check_capacity and name not in system:  # reads the last block: never the desk's disk
        warnings = capacity_warnings(path, disk.size_bytes, disk.logical_sector_size, partitions)
    layout_unknown = not partitions and name not in system and not os.access(path, os.R_OK)
    if layout_unknown:
        warnings += (
            f"cannot read {path} as this user and udev lists nothing on it: its partitions and "
            "filesystems are unknown (scan it as root, or attach its image through Inspector)",
        )
    if pt_type == "PMBR" and not partitions:
        warnings += (
            "a GPT is announced (protective MBR) but cannot be read: its partitions lie beyond "
            "the device's end or the table is damaged (truncated image, fake capacity?)",
        )
    drive = Drive(
        identity="",
        path=path,
        model=_prop(props, "ID_MODEL_ENC", "ID_MODEL") or disk.model,
        vendor=_prop(props, "ID_VENDOR_ENC", "ID_VENDOR") or disk.vendor,
        serial=_prop(props, "ID_SERIAL_SHORT") or disk.serial,
        wwn=_prop(props, "ID_WWN_WITH_EXTENSION", "ID_WWN") or disk.wwn,
        bus=bus,
        port_path=_prop(props, "ID_PATH"),
        bay=bays.bay_of(_prop(props, "ID_PATH")) if bays is not None else None,
        capacity_bytes=disk.size_bytes,
        logical_sector_size=disk.logical_sector_size,
        physical_sector_size=disk.physical_sector_size,
        rotational=disk.rotational,
        removable=disk.removable,
        partition_table=pt_type,
        partitions=partitions,
        system=name in system,
        warnings=warnings,
        backing_file=disk.backing_file,
        layout_unknown=layout_unknown,
    )
    return with_identity(drive)
