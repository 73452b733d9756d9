"""sysfs, blkid, partx and mount-table parsing against fixture trees (no root, no devices)."""

from __future__ import annotations

import os

import pytest

from inspector.core.media.access import partition_node, plan_mount
from inspector.core.media.drives.probe import decode_udev, is_system_mount
from inspector.core.media.drives.sysfs import (
    list_disks,
    parent_disk,
    parse_export,
    parse_partx,
    probe_from_export,
    read_disk,
    underlying_disks,
    wwn_from_wwid,
)
from inspector.core.media.mounts import parse_mount_table


def put(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text + "\n")


@pytest.fixture
def sysfs(tmp_path):
    """/sys/class/block as symlinks into a device tree, like the kernel's."""
    devices = tmp_path / "devices"
    cls = tmp_path / "class"
    cls.mkdir()
    sdb = devices / "usb1" / "block" / "sdb"
    put(sdb, "size", "1953525168")  # 1 TB in 512-byte units
    put(sdb, "queue/logical_block_size", "512")
    put(sdb, "queue/physical_block_size", "4096")
    put(sdb, "queue/rotational", "1")
    put(sdb, "removable", "0")
    put(sdb, "ro", "0")
    put(sdb, "device/model", "Elements 25A2   ")
    put(sdb, "device/vendor", "WD      ")
    put(sdb, "device/wwid", "naa.5000C500A1B2C3D4")
    for n, start, size in ((1, 2048, 1000000), (2, 1002048, 2000)):
        put(sdb / f"sdb{n}", "partition", str(n))
        put(sdb / f"sdb{n}", "start", str(start))
        put(sdb / f"sdb{n}", "size", str(size))
    os.makedirs(sdb / "slaves")
    loop = devices / "virtual" / "block" / "loop3"
    put(loop, "size", "65536")
    put(loop, "loop/backing_file", "/tmp/evidence.img")
    dm = devices / "virtual" / "block" / "dm-0"
    put(dm, "size", "100")
    os.makedirs(dm / "slaves")
    os.symlink(sdb / "sdb1", dm / "slaves" / "sdb1")
    for name, target in (
        ("sdb", sdb),
        ("sdb1", sdb / "sdb1"),
        ("sdb2", sdb / "sdb2"),
        ("loop3", loop),
        ("dm-0", dm),
    ):
        os.symlink(target, cls / name)
    return str(cls)


def test_disks_partitions_and_parents(sysfs):
    assert list_disks(sysfs) == ["dm-0", "loop3", "sdb"]
    assert parent_disk("sdb2", sysfs) == "sdb"
    assert parent_disk("sdb", sysfs) == "sdb"
    assert underlying_disks("dm-0", sysfs) == {"sdb"}  # a mapped partition's disk is protected


def test_read_disk(sysfs):
    d = read_disk("sdb", sysfs)
    assert d.size_bytes == 1953525168 * 512
    assert (d.logical_sector_size, d.physical_sector_size) == (512, 4096)
    assert d.rotational is True and d.removable is False and d.read_only is False
    assert (d.model, d.vendor, d.wwn) == ("Elements 25A2", "WD", "0x5000c500a1b2c3d4")
    assert [(p.name, p.number, p.start_bytes, p.size_bytes) for p in d.partitions] == [
        ("sdb1", 1, 2048 * 512, 1000000 * 512),
        ("sdb2", 2, 1002048 * 512, 2000 * 512),
    ]
    loop = read_disk("loop3", sysfs)
    assert loop.backing_file == "/tmp/evidence.img" and loop.partitions == ()
    assert loop.rotational is None and loop.serial is None


def test_wwid_forms():
    assert wwn_from_wwid("naa.600508b1001c") == "0x600508b1001c"
    assert wwn_from_wwid("eui.0025385b71b07e2f") == "0x0025385b71b07e2f"
    assert wwn_from_wwid("t10.ATA     Samsung SSD 860 S3Z9NB0K") is None
    assert wwn_from_wwid(None) is None


def test_blkid_export_and_partx():
    probe = probe_from_export(
        parse_export("DEVNAME=x.img\nLABEL=MY DISK\nUUID=EB7F-B93B\nTYPE=exfat\ngarbage\n")
    )
    assert (probe.fs_type, probe.uuid, probe.label, probe.pt_type) == (
        "exfat",
        "EB7F-B93B",
        "MY DISK",
        None,
    )
    entries = parse_partx(" 1  2048   40960\n 2 43008   61440\nNR START SECTORS\n")
    assert [(e.number, e.start_bytes, e.size_bytes) for e in entries] == [
        (1, 2048 * 512, 40960 * 512),
        (2, 43008 * 512, 61440 * 512),
    ]


def test_mount_table_unescapes_and_flags():
    table = parse_mount_table(
        "/dev/sdb1 /media/officer/My\\040Drive vfat rw,nosuid 0 0\n"
        "/dev/vda / ext4 ro,relatime 0 0\nbroken line\n"
    )
    assert table[0].mountpoint == "/media/officer/My Drive" and not table[0].read_only
    assert table[1].read_only
    assert is_system_mount(table[1]) and not is_system_mount(table[0])


def test_udev_encoded_values():
    assert decode_udev("WD\\x20Elements\\x2025A2  ") == "WD Elements 25A2"


def test_mount_plans():
    kernel = frozenset({"ext4", "xfs", "fuseblk"})
    ext3 = plan_mount("ext3", kernel)
    assert ext3 is not None and ext3.fs_type == "ext4"
    assert ext3.options == "ro,noload,errors=continue,nosuid,nodev,noexec"
    xfs = plan_mount("xfs", kernel)
    assert xfs is not None and xfs.options.startswith("ro,norecovery")
    ntfs = plan_mount("ntfs", kernel)
    assert ntfs is not None and (ntfs.driver, ntfs.program) == ("fuse", "ntfs-3g")
    assert ntfs.options == "ro,norecover,nosuid,nodev,noexec"
    assert plan_mount("ntfs", kernel | {"ntfs3"}).driver == "kernel"
    assert plan_mount("vfat", kernel, fuse_available=frozenset()) is None
    assert plan_mount("crypto_LUKS", kernel) is None


def test_partition_node_names():
    assert partition_node("/dev/sdb", 1) == "/dev/sdb1"
    assert partition_node("/dev/loop0", 2) == "/dev/loop0p2"
    assert partition_node("/dev/nvme0n1", 3) == "/dev/nvme0n1p3"
    assert partition_node("/dev/sdb", 0) == "/dev/sdb"
