"""Disk images kept as files: raw filesystems (ext2/3/4, FAT, exFAT, NTFS, XFS, btrfs,
squashfs), whole drives (an MBR or GPT partition table), VirtualBox VDI, and the images whose
marks lie past the head (ISO 9660, fixed VHD, DMG). Container formats with a magic at byte 0
(qcow2, vmdk, vhdx, dynamic vhd) are in `generic`'s magic table.

These run late (after the text check): none of these images is text, and a text file never
pays for them. Each mark is checked with the fields around it, as the tools that mount them
would (a stray 0x55AA or 0xEF53 in a binary is not a filesystem).
"""

from __future__ import annotations

from typing import Final

from inspector.core.content.identify.binary import u16le, u32le
from inspector.core.content.identify.model import Identification, found
from inspector.core.content.identify.probe import Probe

_VDI_SIGNATURE: Final = b"\x7f\x10\xda\xbe"  # 0xbeda107f at 64, after the "<<< ... >>>" banner
_EXT_SUPERBLOCK: Final = 1024
_EXT_INCOMPAT_EXT4: Final = 0x40 | 0x80 | 0x200  # extents, 64bit, flex_bg
_EXT_RO_COMPAT_EXT4: Final = 0x8 | 0x400  # huge_file, metadata_csum
_EXT_COMPAT_JOURNAL: Final = 0x4
_BTRFS_MAGIC_AT: Final = 65536 + 64
_SECTOR_SIZES: Final = (512, 1024, 2048, 4096)


def _ext(head: bytes) -> str | None:
    sb = _EXT_SUPERBLOCK
    if len(head) < sb + 104 or head[sb + 56 : sb + 58] != b"\x53\xef":
        return None
    inodes, blocks, log_block = u32le(head, sb), u32le(head, sb + 4), u32le(head, sb + 24)
    revision, state = u32le(head, sb + 76), u16le(head, sb + 58)
    if not inodes or not blocks or log_block > 6 or revision > 1 or not 1 <= state <= 7:
        return None
    compat, incompat, ro_compat = (u32le(head, sb + at) for at in (92, 96, 100))
    if incompat & _EXT_INCOMPAT_EXT4 or ro_compat & _EXT_RO_COMPAT_EXT4:
        return "ext4"
    return "ext3" if compat & _EXT_COMPAT_JOURNAL else "ext2"


def _boot_sector(head: bytes) -> Identification | None:
    """NTFS, exFAT and FAT volume boot records (ending in 0x55AA)."""
    if len(head) < 512 or head[510:512] != b"\x55\xaa":
        return None
    oem = head[3:11]
    if oem == b"NTFS    ":
        return found("ntfs")
    if oem == b"EXFAT   ":
        return found("exfat")
    if head[0] not in (0xEB, 0xE9) or u16le(head, 11) not in _SECTOR_SIZES:
        return None
    per_cluster, reserved, fats = head[13], u16le(head, 14), head[16]
    if per_cluster & (per_cluster - 1) or not per_cluster or not reserved or fats not in (1, 2):
        return None
    if head[82:87] == b"FAT32":
        return found("vfat", "FAT32")
    if head[54:57] == b"FAT":
        return found("vfat", head[54:59].decode("ascii", "replace").strip())
    return None


def _partition_table(p: Probe) -> Identification | None:
    """A whole drive: a GPT header in sector 1 (512- or 4096-byte sectors), else an MBR whose
    four entries are well formed and at least one lies within the file."""
    head = p.head
    if head[512:520] == b"EFI PART" or head[4096:4104] == b"EFI PART":
        return found("partitioned-disk", "GPT")
    if len(head) < 512 or head[510:512] != b"\x55\xaa":
        return None
    used = 0
    for at in range(446, 510, 16):
        status, kind = head[at], head[at + 4]
        start, sectors = u32le(head, at + 8), u32le(head, at + 12)
        if status not in (0, 0x80):
            return None
        if kind:
            if not start or not sectors:
                return None
            used += start * 512 < p.size
    return found("partitioned-disk", "MBR") if used else None


def sniff_disk_image(p: Probe) -> Identification | None:
    """Disk and filesystem images (see the module doc); ISO first: a hybrid ISO has an MBR."""
    if p.size < 1024:
        return None
    if p.read_at(32769, 5) == b"CD001":
        return found("iso9660")
    head = p.head
    if head[64:68] == _VDI_SIGNATURE and head.startswith(b"<<< "):
        return found("vdi")
    fs = _ext(head)
    if fs is not None:
        return found(fs)
    if head.startswith(b"XFSB"):
        return found("xfs")
    if head.startswith(b"hsqs") and p.size >= 96:
        return found("squashfs")
    volume = _boot_sector(head)
    if volume is not None:
        return volume
    table = _partition_table(p)
    if table is not None:
        return table
    if p.size > _BTRFS_MAGIC_AT + 8 and p.read_at(_BTRFS_MAGIC_AT, 8) == b"_BHRfS_M":
        return found("btrfs")
    tail = p.tail
    if tail[-512:-504] == b"conectix":  # a fixed VHD: the raw disk, then a 512-byte footer
        return found("vhd", "fixed")
    if tail[-512:-508] == b"koly":
        return found("dmg")
    return None
