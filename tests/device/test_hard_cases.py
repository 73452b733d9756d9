"""Journal that needs recovery, a drive pulled mid-scan, hot-plug through the monitor."""

from __future__ import annotations

import fcntl
import json
import os
import queue
import shutil
import tempfile
import time

import pytest

from inspector.core.media.access import kernel_filesystems
from inspector.core.media.drives.model import DriveEvent, DriveEventKind
from inspector.core.media.drives.udev import UdevBackend
from inspector.core.media.mounts import mount_table
from inspector.core.progress import Progress
from inspector.core.scan.device import scan_image
from inspector.core.scan.tree import ScanOptions
from tests.device import images
from tests.device.conftest import Loops, b3, loops_over, sh
from tests.device.test_filesystems import cli

HOTPLUG_LIMIT_S = 2.0
LOOP_CTL_ADD, LOOP_CTL_REMOVE = 0x4C80, 0x4C81


def _log_needs_recovery(kind: str, image: str) -> bool:
    if kind == "xfs":
        return "<DIRTY>" in sh("xfs_logprint", "-t", image, check=False)
    return "needs_recovery" in sh("dumpe2fs", "-h", image)


@pytest.mark.parametrize("kind", ["ext4", "xfs"])
def test_journal_needing_recovery_is_not_replayed(kind, device_dir, loops: Loops):
    if kind == "xfs" and not (shutil.which("mkfs.xfs") and "xfs" in kernel_filesystems()):
        pytest.skip("xfs needs xfsprogs and the kernel's xfs driver")
    clean = os.path.join(device_dir, f"journal-{kind}.img")
    if kind == "xfs":
        images.make_xfs(clean, "JOURNAL")
    else:
        images.make_ext4(clean, "JOURNAL")
    dirty = os.path.join(device_dir, f"journal-{kind}-dirty.img")
    # Build phase only: a writable loop and a read-write mount, copied while still mounted.
    rw = loops.attach(clean, writable=True)
    mnt = tempfile.mkdtemp(dir=device_dir)
    sh("mount", "-t", kind, rw, mnt)
    try:
        for i in range(20):
            with open(os.path.join(mnt, f"late-{i}.txt"), "w") as f:
                f.write("written after mount\n")
        sh("sync", "-f", mnt)
        shutil.copyfile(clean, dirty)
    finally:
        sh("umount", mnt)
        os.rmdir(mnt)
        loops.detach(rw)
    assert _log_needs_recovery(kind, dirty), "the copy must carry an unreplayed journal"
    before = b3(dirty)

    out = cli("scan", dirty, "--json", "--budget", "0")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["complete"] is True and doc["filesystem"]["type"] == kind
    assert doc["survey"]["files"] >= (images.TREE_FILES if kind == "ext4" else 0)
    assert b3(dirty) == before, "journal replayed or image written"
    assert _log_needs_recovery(kind, dirty)


@pytest.mark.slow
def test_drive_pulled_mid_scan_gives_partial_result_and_no_leftovers(device_dir):
    tree = {f"d{d:04d}/f{f:02d}.bin": b"z" * 10 for d in range(2000) for f in range(20)}
    image = os.path.join(device_dir, "large.img")
    images.make_ext4(image, "LARGE", size=160 * images.MB, tree=tree)
    original = b3(image)
    pulled = os.path.join(device_dir, "pulled.img")
    shutil.copyfile(image, pulled)
    seen: list[int] = []

    def pull_the_drive(p: Progress) -> None:
        if not seen and 0 < p.done < len(tree):
            seen.append(p.done)
            os.truncate(pulled, 0)  # reads of the loop device now fail with EIO

    result = scan_image(pulled, ScanOptions(budget_s=0), progress=pull_the_drive)
    assert seen, "the scan finished before the drive could be pulled: make the tree larger"
    assert result.complete is False
    assert result.survey.files < len(tree)
    assert any("disappeared" in w for w in result.warnings), result.warnings
    assert not loops_over(device_dir)
    assert not [m for m in mount_table() if "/inspector-ro-" in m.mountpoint]
    assert b3(image) == original
    # The process is healthy: the same code scans the intact original afterwards.
    again = scan_image(image, ScanOptions(budget_s=0))
    assert again.complete and again.survey.files == len(tree)
    assert b3(image) == original


def _wait(events: queue.Queue[tuple[float, DriveEvent]], path: str, kind: DriveEventKind):
    deadline = time.monotonic() + HOTPLUG_LIMIT_S
    others = []
    while (left := deadline - time.monotonic()) > 0:
        try:
            at, event = events.get(timeout=left)
        except queue.Empty:
            break
        if event.drive.path == path and event.kind == kind:
            return at, event
        others.append(f"{event.kind.value} {event.drive.path}")
    raise AssertionError(
        f"no {kind.value} event for {path} within {HOTPLUG_LIMIT_S} s (saw: {others or 'none'})"
    )


def test_hotplug_add_remove_and_replug(device_dir, loops: Loops):
    image = os.path.join(device_dir, "hotplug.img")
    images.make_ext4(image, "HOTPLUG")
    before = b3(image)
    backend = UdevBackend(include_loop=True)
    events: queue.Queue[tuple[float, DriveEvent]] = queue.Queue()
    watch = backend.watch(lambda e: events.put((time.monotonic(), e)))
    try:
        plugged = time.monotonic()
        loop = loops.attach(image)
        at, added = _wait(events, loop, DriveEventKind.ADDED)
        print(f"hot-plug ({watch.source} events): added after {at - plugged:.3f} s")
        (part,) = added.drive.partitions
        assert (part.fs_type, part.fs_label) == ("ext4", "HOTPLUG")
        assert added.seen_before is False
        identity = added.drive.identity

        unplugged = time.monotonic()
        loops.detach(loop)
        at, removed = _wait(events, loop, DriveEventKind.REMOVED)
        print(f"hot-plug: removed after {at - unplugged:.3f} s")
        assert removed.drive.identity == identity

        loop = loops.attach(image)  # the same drive plugged in again
        _, again = _wait(events, loop, DriveEventKind.ADDED)  # (kernel may pick another loop)
        assert again.drive.identity == identity and again.seen_before is True
        loops.detach(loop)
        _wait(events, loop, DriveEventKind.REMOVED)
        assert not watch.errors, watch.errors
    finally:
        watch.stop()
    assert b3(image) == before


def test_hotplug_of_a_loop_device_created_and_deleted(device_dir, loops: Loops):
    """LOOP_CTL_ADD/REMOVE make the kernel send add/remove (not change) events."""
    image = os.path.join(device_dir, "ctl.img")
    images.make_ext4(image, "CTLADD")
    backend = UdevBackend(include_loop=True)
    events: queue.Queue[tuple[float, DriveEvent]] = queue.Queue()
    watch = backend.watch(lambda e: events.put((time.monotonic(), e)))
    ctl = os.open("/dev/loop-control", os.O_RDWR)
    number = next(n for n in range(240, 256) if not os.path.exists(f"/sys/class/block/loop{n}"))
    path = f"/dev/loop{number}"
    try:
        fcntl.ioctl(ctl, LOOP_CTL_ADD, number)
        try:
            sh("losetup", "--read-only", path, image)
            loops.devices.append(path)
            _, added = _wait(events, path, DriveEventKind.ADDED)
            assert added.drive.partitions[0].fs_label == "CTLADD"
            loops.detach(path)
            _wait(events, path, DriveEventKind.REMOVED)
        finally:
            sh("udevadm", "settle", "--timeout=5", check=False)
            for _ in range(20):  # udev may still hold the fresh device open for a moment
                try:
                    fcntl.ioctl(ctl, LOOP_CTL_REMOVE, number)
                    break
                except OSError:
                    time.sleep(0.1)
        time.sleep(0.3)  # let the remove event pass through the monitor
        assert not watch.errors, watch.errors
    finally:
        os.close(ctl)
        watch.stop()


def test_hotplug_of_a_partitioned_drive_lists_its_filesystems(device_dir, loops: Loops):
    p1 = os.path.join(device_dir, "hp-p1.ext4")
    p2 = os.path.join(device_dir, "hp-p2.vfat")
    images.make_ext4(p1, "HPONE", size=24 * images.MB)
    images.make_vfat(p2, "HPTWO", size=24 * images.MB)
    gpt = os.path.join(device_dir, "hp-gpt.img")
    images.make_gpt(gpt, [p1, p2])
    events: queue.Queue[tuple[float, DriveEvent]] = queue.Queue()
    watch = UdevBackend(include_loop=True).watch(lambda e: events.put((time.monotonic(), e)))
    try:
        loop = loops.attach(gpt)
        _, added = _wait(events, loop, DriveEventKind.ADDED)
        assert added.drive.partition_table == "gpt"
        assert [(p.number, p.fs_type, p.fs_label) for p in added.drive.partitions] == [
            (1, "ext4", "HPONE"),
            (2, "vfat", "HPTWO"),
        ]
        loops.detach(loop)
        _wait(events, loop, DriveEventKind.REMOVED)
    finally:
        watch.stop()
