"""Build filesystem images with known contents, without mounting anything of the desk's.

`TREE` is what every image holds: the tests know its exact counts.
"""

from __future__ import annotations

import os
import random
import subprocess
import tempfile
import uuid

from tests.device.conftest import sh

MB = 1 << 20
# path → content; directories are implied. 4 files, 3 directories below the root.
TREE: dict[str, bytes] = {
    "readme.txt": b"hello traveler\n",
    "data/shard-00000.parquet": b"PAR1" + b"\x00" * 1000 + b"PAR1",
    "data/more/weights.safetensors": b"x" * 5000,
    "photos/holiday.jpg": b"\xff\xd8\xff" + b"j" * 2000,
}
TREE_FILES = len(TREE)
TREE_DIRS = 1 + 3  # the root + data, data/more, photos
TREE_BYTES = sum(len(v) for v in TREE.values())


def write_tree(root: str, tree: dict[str, bytes] = TREE) -> None:
    for rel, content in tree.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(content)


def _blank(path: str, size: int) -> None:
    with open(path, "wb") as f:
        f.truncate(size)


def make_ext4(
    path: str, label: str, size: int = 32 * MB, tree: dict[str, bytes] = TREE, fs: str = "ext4"
) -> None:
    with tempfile.TemporaryDirectory() as src:
        write_tree(src, tree)
        _blank(path, size)
        inodes = str(max(4096, 2 * len(tree) + 1024))
        sh(f"mkfs.{fs}", "-q", "-F", "-N", inodes, "-L", label, "-d", src, path)


def make_vfat(path: str, label: str, size: int = 32 * MB) -> None:
    _blank(path, size)
    sh("mkfs.vfat", "-n", label, path)
    with tempfile.TemporaryDirectory() as src:
        write_tree(src)
        for top in sorted(os.listdir(src)):
            sh("mcopy", "-s", "-i", path, os.path.join(src, top), "::/")


def make_xfs(path: str, label: str, size: int = 320 * MB) -> None:
    _blank(path, size)  # (xfs's smallest filesystem is 300 MB)
    sh("mkfs.xfs", "-q", "-f", "-L", label, path)
    _fill_with_fuse(path, ["mount", "-t", "xfs"])


def _fill_with_fuse(image: str, mount_cmd: list[str]) -> None:
    """Fill a freshly made image through its driver (FUSE or kernel), on a writable loop device
    used only while building (fuseblk: unmount waits until the driver has written everything)."""
    loop = sh("losetup", "--find", "--show", image).strip()
    try:
        with tempfile.TemporaryDirectory() as mnt:
            sh(*mount_cmd, loop, mnt)
            try:
                write_tree(mnt)
            finally:
                os.sync()
                subprocess.run(["umount", mnt], check=True, timeout=60)
    finally:
        sh("udevadm", "settle", "--timeout=5", check=False)
        sh("losetup", "--detach", loop)


def make_ntfs(path: str, label: str, size: int = 32 * MB) -> None:
    _blank(path, size)
    sh("mkntfs", "-q", "-F", "-f", "-L", label, path)
    _fill_with_fuse(path, ["ntfs-3g"])


def make_exfat(path: str, label: str, size: int = 32 * MB) -> None:
    _blank(path, size)
    sh("mkfs.exfat", "-L", label, path)
    _fill_with_fuse(path, ["mount.exfat-fuse"])


def make_gpt(path: str, parts: list[str], part_size: int = 24 * MB) -> list[int]:
    """A GPT image holding the given filesystem images as partitions; returns start offsets."""
    total = len(parts) * part_size + 4 * MB
    _blank(path, total)
    args = []
    for i in range(len(parts)):
        args += [f"-n{i + 1}:0:+{part_size // MB}M", f"-t{i + 1}:0700"]
    sh("sgdisk", *args, path)
    starts = []
    for line in sh("partx", "-g", "-o", "NR,START", path).splitlines():
        _number, start = (int(x) for x in line.split())
        starts.append(start * 512)
    for fs_image, start in zip(parts, starts, strict=True):
        sh(
            "dd",
            f"if={fs_image}",
            f"of={path}",
            "bs=1M",
            f"seek={start}",
            "oflag=seek_bytes",
            "conv=notrunc,fsync",
            "status=none",
        )
    return starts


def blkid_of(path: str) -> dict[str, str]:
    out = sh("blkid", "-p", "-o", "export", path)
    return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)


def make_luks(path: str, size: int = 24 * MB) -> None:
    """A LUKS1 container as blkid sees one: a valid header, then key material and ciphertext
    (random bytes are indistinguishable from it). No dm-crypt needed to build or inspect it."""

    data = bytearray(random.Random(5).randbytes(size))
    header = bytearray(592)
    header[0:6] = b"LUKS\xba\xbe"
    header[6:8] = (1).to_bytes(2, "big")
    header[8:11] = b"aes"
    header[40:43] = b"xts"
    header[72:78] = b"sha256"
    header[104:108] = (4096).to_bytes(4, "big")  # payload offset in sectors
    header[108:112] = (64).to_bytes(4, "big")  # key bytes
    header[168:204] = str(uuid.UUID(int=0x1AB5)).encode()
    data[:592] = header
    with open(path, "wb") as f:
        f.write(data)
