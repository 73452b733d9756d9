"""Device tests: real loop devices on image files the tests build in a temporary directory.

Safety: images are built with mkfs/mtools directly on files (FUSE drivers on the file itself
where a filesystem must be filled); loop devices are attached read-only, except one writable
loop used only while *building* the journal-recovery image. Every loop device is detached, its
BLKROSET flag reset, and every mount undone, even when a test fails; a session fixture asserts
that `losetup -a` and /proc/mounts show nothing the tests made.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator

import blake3
import pytest

from inspector.core.media.mounts import mount_table

TOOLS = ("losetup", "blkid", "mkfs.ext4", "sgdisk", "partx", "blockdev")


def _skip_reason() -> str | None:
    if os.geteuid() != 0:
        return "device tests need root (loop devices, mounts)"
    if not os.path.exists("/dev/loop-control"):
        return "no loop device support (/dev/loop-control missing)"
    missing = [t for t in TOOLS if shutil.which(t) is None]
    return f"missing tools: {', '.join(missing)}" if missing else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = _skip_reason()
    for item in items:
        if "tests/device/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.device)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


def sh(*args: str, check: bool = True) -> str:
    done = subprocess.run(args, capture_output=True, text=True, timeout=120)
    if check and done.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def b3(path: str) -> str:
    h = blake3.blake3()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def loops_over(directory: str) -> list[str]:
    """Loop devices whose backing file lies in `directory`, and loop devices stacked on loop
    devices (the tool's per-partition offset loops; nothing else on a test machine makes them)."""
    out = sh("losetup", "--list", "--noheadings", "--output", "NAME,BACK-FILE", check=False)
    found = []
    for line in out.splitlines():
        fields = line.split(None, 1)
        if len(fields) != 2:
            continue
        backing = fields[1].strip()
        if backing.startswith(directory) or backing.startswith("/dev/loop"):
            found.append(fields[0])
    return found


def our_mounts(directory: str) -> list[str]:
    """Mounts the tests or the tool made: under the test directory or a private inspector dir."""
    return [
        f"{m.device} {m.mountpoint}"
        for m in mount_table()
        if m.mountpoint.startswith(directory) or "/inspector-ro-" in m.mountpoint
    ]


@pytest.fixture(scope="session")
def device_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The directory holding every image; at the end nothing may still use it."""
    path = str(tmp_path_factory.mktemp("device"))
    yield path
    leftover_mounts = our_mounts(path)
    leftover_loops = loops_over(path)
    for mp in reversed(leftover_mounts):  # clean up anyway, then fail loudly
        sh("umount", "--lazy", mp.split()[1], check=False)
    for loop in leftover_loops:
        sh("blockdev", "--setrw", loop, check=False)
        sh("losetup", "--detach", loop, check=False)
    assert not leftover_mounts, f"mounts left behind: {leftover_mounts}"
    assert not leftover_loops, f"loop devices left behind: {leftover_loops}"


@pytest.fixture(autouse=True)
def _nothing_left_per_test(device_dir: str) -> Iterator[None]:
    yield
    assert not [m for m in mount_table() if "/inspector-ro-" in m.mountpoint], "tool left a mount"
    assert not [d for d in os.listdir("/tmp") if d.startswith("inspector-ro-")], "private dir left"


class Loops:
    """Loop devices a test attaches itself; detached and reset (BLKROSET off) at the end."""

    def __init__(self) -> None:
        self.devices: list[str] = []

    def attach(self, image: str, *, writable: bool = False) -> str:
        args = ["losetup", "--find", "--show"] + ([] if writable else ["--read-only"])
        dev = sh(*args, image).strip()
        self.devices.append(dev)
        return dev

    def detach(self, dev: str) -> None:
        sh("udevadm", "settle", "--timeout=5", check=False)
        sh("blockdev", "--setrw", dev, check=False)
        sh("losetup", "--detach", dev)
        self.devices.remove(dev)

    def close(self) -> None:
        for dev in list(self.devices):
            try:
                self.detach(dev)
            except AssertionError:
                time.sleep(0.5)
                sh("losetup", "--detach", dev, check=False)


@pytest.fixture
def loops() -> Iterator[Loops]:
    made = Loops()
    try:
        yield made
    finally:
        made.close()
