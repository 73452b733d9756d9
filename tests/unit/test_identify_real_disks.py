"""Disk images kept as files, written by the real tools: mkfs.* for raw filesystems, sfdisk and
sgdisk for whole drives, qemu-img for virtual disks. Each must be a disk image, and a scan of a
folder holding one must name it and offer to scan it as a drive.

The tools come from Debian (scripts/run-tests.sh installs them); a test skips, saying which,
only where one cannot be installed. Images are sparse files: nothing large is written."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from inspector.core.content.identify import Identifier
from inspector.core.content.tally import ContentTally, disguised
from inspector.core.survey.fsview import LocalFS


def _identify(path: Path):
    return Identifier(LocalFS()).identify(str(path), path.stat().st_size)


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if found is None:
        pytest.skip(f"{name} is not installed (scripts/run-tests.sh installs it)")
    return found


def _run(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True)


def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as f:
        f.truncate(size)
    return path


@pytest.mark.parametrize(
    ("tool", "args", "size_mib", "fmt"),
    [
        ("mkfs.ext4", ("-q", "-F", "-t", "ext2"), 8, "ext2"),
        ("mkfs.ext4", ("-q", "-F", "-t", "ext3"), 8, "ext3"),
        ("mkfs.ext4", ("-q", "-F", "-t", "ext4"), 8, "ext4"),
        ("mkfs.vfat", ("-F", "12"), 4, "vfat"),
        ("mkfs.vfat", ("-F", "16"), 32, "vfat"),
        ("mkfs.vfat", ("-F", "32"), 64, "vfat"),
        ("mkfs.exfat", (), 8, "exfat"),
        ("mkfs.ntfs", ("-q", "-F", "-f"), 8, "ntfs"),
        ("mkfs.xfs", ("-q", "-f"), 320, "xfs"),
        ("mkfs.btrfs", ("-q", "-f"), 128, "btrfs"),
    ],
)
def test_raw_filesystem_images(tmp_path, tool, args, size_mib, fmt):
    image = _sparse(tmp_path / "stick.img", size_mib << 20)
    _run(_tool(tool), *args, str(image))
    result = _identify(image)
    assert (result.format, result.category) == (fmt, "disk-image"), result


def test_ext4_image_with_files_in_it(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "notes.txt").write_text("hello\n" * 1000)
    image = _sparse(tmp_path / "backup.ext4", 16 << 20)
    _run(_tool("mkfs.ext4"), "-q", "-F", "-d", str(content), str(image))
    assert _identify(image).format == "ext4"


def test_squashfs_image(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.txt").write_text("squash me\n" * 100)
    image = tmp_path / "root.squashfs"
    _run(_tool("mksquashfs"), str(content), str(image), "-quiet", "-noappend")
    assert (_identify(image).format, _identify(image).category) == ("squashfs", "disk-image")


def test_whole_drive_images_with_a_partition_table(tmp_path):
    mbr = _sparse(tmp_path / "usb-stick.img", 64 << 20)
    subprocess.run(
        [_tool("sfdisk"), "-q", str(mbr)], input=b"label: dos\n,32M,c\n,,83\n", check=True
    )
    gpt = _sparse(tmp_path / "disk.raw", 64 << 20)
    _run(_tool("sgdisk"), "-n", "1:2048:+16M", "-t", "1:8300", str(gpt))
    assert (_identify(mbr).format, _identify(mbr).note) == ("partitioned-disk", "MBR")
    assert (_identify(gpt).format, _identify(gpt).note) == ("partitioned-disk", "GPT")


@pytest.mark.parametrize(
    ("fmt", "options", "expected"),
    [
        ("qcow2", (), "qcow2"),
        ("vmdk", (), "vmdk"),
        ("vmdk", ("-o", "subformat=streamOptimized"), "vmdk"),
        ("vdi", (), "vdi"),
        ("vdi", ("-o", "static=on"), "vdi"),
        ("vpc", (), "vhd"),  # dynamic VHD: a copy of the footer at 0
        ("vpc", ("-o", "subformat=fixed"), "vhd"),  # fixed VHD: the footer only at the end
        ("vhdx", (), "vhdx"),
    ],
)
def test_virtual_disks_written_by_qemu_img(tmp_path, fmt, options, expected):
    image = tmp_path / f"vm.{fmt}"
    _run(_tool("qemu-img"), "create", "-q", "-f", fmt, *options, str(image), "8M")
    result = _identify(image)
    assert (result.format, result.category) == (expected, "disk-image"), result


def test_ext4_converted_to_qcow2_stays_a_disk_image(tmp_path):
    raw = _sparse(tmp_path / "fs.raw", 8 << 20)
    _run(_tool("mkfs.ext4"), "-q", "-F", str(raw))
    qcow = tmp_path / "fs.qcow2"
    _run(_tool("qemu-img"), "convert", "-q", "-O", "qcow2", str(raw), str(qcow))
    assert _identify(qcow).format == "qcow2"


def test_a_folder_scan_names_filesystem_images_and_offers_to_scan_them(tmp_path):
    """The officer learns that a file holds a filesystem, and the command that scans it."""
    image = _sparse(tmp_path / "holiday.img", 8 << 20)
    _run(_tool("mkfs.vfat"), str(image))
    vm = tmp_path / "vm.qcow2"
    _run(_tool("qemu-img"), "create", "-q", "-f", "qcow2", str(vm), "8M")
    tally = ContentTally()
    for path in (image, vm):
        ident = _identify(path)
        tally.note_file(str(path), ident, disguised(path.suffix.lstrip("."), ident))
    warnings = tally.scan_warnings()
    assert any(
        str(image) in w and "vfat" in w and f"inspector scan {image}" in w for w in warnings
    ), warnings
    assert any(str(vm) in w and "qcow2" in w and "convert" in w for w in warnings), warnings


def test_scattered_boot_sector_bytes_are_not_a_disk(tmp_path):
    """0x55AA at 510 or 0xEF53 at 1080 alone (any binary may hold them) claim nothing."""
    data = bytearray(range(256)) * 16
    data[510:512] = b"\x55\xaa"
    data[1080:1082] = b"\x53\xef"
    path = tmp_path / "blob.bin"
    path.write_bytes(bytes(data))
    assert _identify(path).category != "disk-image"
