"""Access rules on real loop devices: exit 3 on a pulled drive, capacity plausibility, mounts
the OS already made, and loop devices handed back without a stale read-only flag."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile

import pytest

from inspector import cli
from inspector.commands import scan as scan_command
from inspector.core.media.drives.udev import UdevBackend
from inspector.core.media.privileged import get_read_only
from inspector.core.scan.drive import scan_drive
from inspector.core.scan.tree import ScanOptions
from tests.device import images
from tests.device.conftest import Loops, b3, loops_over, sh


@pytest.mark.slow
def test_cli_pulled_drive_exits_3_with_json(device_dir, monkeypatch, capsys):
    tree = {f"d{d:04d}/f{f:02d}.bin": b"z" for d in range(1500) for f in range(20)}
    image = os.path.join(device_dir, "cli-large.img")
    images.make_ext4(image, "CLIPULL", size=128 * images.MB, tree=tree)
    pulled = os.path.join(device_dir, "cli-pulled.img")
    shutil.copyfile(image, pulled)
    pulled_at: list[int] = []

    @contextlib.contextmanager
    def pulling_progress(enabled=True):
        def progress(p):
            if not pulled_at and 0 < p.done < len(tree):
                pulled_at.append(p.done)
                os.truncate(pulled, 0)

        yield progress

    monkeypatch.setattr(scan_command, "progress_on_tty", pulling_progress)
    code = cli.main(["scan", pulled, "--json", "--budget", "0"])
    out = capsys.readouterr()
    assert pulled_at, "the scan ended before the pull"
    assert code == 3, out.err
    doc = json.loads(out.out)
    assert doc["complete"] is False and doc["survey"]["files"] < len(tree)
    assert not loops_over(device_dir)


def test_partition_beyond_the_end_and_unreadable_last_block(device_dir, loops: Loops):
    p1 = os.path.join(device_dir, "cap-p1.ext4")
    images.make_ext4(p1, "CAP", size=24 * images.MB)
    dos = os.path.join(device_dir, "cap-dos.img")
    with open(dos, "wb") as f:
        f.truncate(64 * images.MB)
    table = "start=2048,size=40960\nstart=43008,size=61440\n"
    subprocess.run(["sfdisk", "-q", dos], input=table, text=True, check=True, timeout=60)
    os.truncate(dos, 40 * images.MB)  # partition 2 now ends beyond the device
    loop = loops.attach(dos)
    drive = UdevBackend(include_loop=True).drive_at(loop)
    assert drive is not None and drive.partition_table == "dos"
    assert any("partition 2 ends at byte" in w for w in drive.warnings), drive.warnings

    # A truncated GPT is not even parsed (only its protective MBR): say so.
    gpt = os.path.join(device_dir, "cap-gpt.img")
    images.make_gpt(gpt, [p1, p1])
    os.truncate(gpt, 30 * images.MB)
    loop_gpt = loops.attach(gpt)
    drive_gpt = UdevBackend(include_loop=True).drive_at(loop_gpt)
    assert drive_gpt is not None and drive_gpt.partitions == ()
    assert any("GPT" in w for w in drive_gpt.warnings), drive_gpt.warnings

    # A drive claiming more than it holds: the loop keeps its size, the medium shrinks.
    fake = os.path.join(device_dir, "cap-fake.img")
    shutil.copyfile(p1, fake)
    loop2 = loops.attach(fake)
    os.truncate(fake, 8 * images.MB)
    drive2 = UdevBackend(include_loop=True).drive_at(loop2)
    assert drive2 is not None
    assert any("unreadable" in w and "capacity may be fake" in w for w in drive2.warnings)


def test_existing_read_only_mount_is_reused(device_dir, loops: Loops):
    image = os.path.join(device_dir, "premounted.img")
    images.make_ext4(image, "PREMOUNT")
    before = b3(image)
    loop = loops.attach(image)
    mnt = tempfile.mkdtemp(dir=device_dir)
    sh("mount", "-t", "ext4", "-o", "ro,noload", loop, mnt)
    try:
        backend = UdevBackend(include_loop=True)
        drive = backend.drive_at(loop)
        result = scan_drive(backend, drive, ScanOptions(budget_s=0))
        assert result.complete and result.survey.files == images.TREE_FILES
        assert any(f"already mounted read-only at {mnt}" in w for w in result.warnings)
        assert os.path.ismount(mnt), "a mount the tool did not make is left alone"
    finally:
        sh("umount", mnt)
        os.rmdir(mnt)
    assert b3(image) == before


def test_writable_os_mount_is_reported_loudly(device_dir, loops: Loops):
    image = os.path.join(device_dir, "rw-by-os.img")
    images.make_ext4(image, "RWBYOS")
    loop = loops.attach(image, writable=True)
    mnt = tempfile.mkdtemp(dir=device_dir)
    sh("mount", "-t", "ext4", loop, mnt)
    try:
        backend = UdevBackend(include_loop=True)
        result = scan_drive(backend, backend.drive_at(loop), ScanOptions(budget_s=0))
        assert any("READ-WRITE" in w for w in result.warnings), result.warnings
        assert not get_read_only(loop), "no BLKROSET under the OS's own read-write mount"
        assert result.device is not None and result.device.read_only is False
        assert result.survey.files == images.TREE_FILES
    finally:
        sh("umount", mnt)
        os.rmdir(mnt)


def test_the_tools_own_loop_devices_are_handed_back_writable(device_dir, loops: Loops):
    p1 = os.path.join(device_dir, "own-p1.ext4")
    images.make_ext4(p1, "OWN", size=24 * images.MB)
    gpt = os.path.join(device_dir, "own.img")
    images.make_gpt(gpt, [p1, p1])
    from inspector.core.scan.device import scan_image

    result = scan_image(gpt, ScanOptions(budget_s=0))
    assert result.complete and len(result.partitions) == 2
    # BLKROSET outlives detach. The loop devices the tool used (the lowest free ones) must come
    # back writable for the next user: attach them writable and ask the kernel.
    scratch = os.path.join(device_dir, "scratch.img")
    with open(scratch, "wb") as f:
        f.truncate(images.MB)
    used = [loops.attach(scratch, writable=True) for _ in range(3)]
    assert [dev for dev in used if get_read_only(dev)] == []


def test_partitions_split_by_the_kernel_are_used_directly(device_dir, loops: Loops, capsys):
    p1 = os.path.join(device_dir, "split-p1.ext4")
    images.make_ext4(p1, "SPLIT", size=24 * images.MB)
    gpt = os.path.join(device_dir, "split.img")
    images.make_gpt(gpt, [p1, p1])
    before = b3(gpt)
    loop = loops.attach(gpt)
    sh("partx", "--add", loop)  # explicit partitions (BLKPG), as a partition-aware kernel would
    try:
        backend = UdevBackend(include_loop=True)
        drive = backend.drive_at(loop)
        assert drive is not None
        assert [p.path for p in drive.partitions] == [f"{loop}p1", f"{loop}p2"]
        with backend.mount(drive) as mounted:
            sources = {m.device for m in _mounts_at([fs.root for fs in mounted])}
            assert sources == {f"{loop}p1", f"{loop}p2"}, "no offset loops needed"
            assert not loops_over("/dev/loop")
            assert get_read_only(f"{loop}p1") and get_read_only(f"{loop}p2")
        result = scan_drive(backend, drive, ScanOptions(budget_s=0))
        assert result.survey.files == 2 * images.TREE_FILES
        # One partition as the target: only that one is mounted and surveyed.
        code = cli.main(["scan", f"{loop}p2", "--json", "--budget", "0"])
        doc = json.loads(capsys.readouterr().out)
        assert code == 0 and [p["number"] for p in doc["partitions"]] == [2]
        assert doc["survey"]["files"] == images.TREE_FILES
    finally:
        sh("udevadm", "settle", "--timeout=5", check=False)
        for n in (1, 2):
            sh("blockdev", "--setrw", f"{loop}p{n}", check=False)
        sh("partx", "--delete", loop, check=False)
    assert b3(gpt) == before


def _mounts_at(roots):
    from inspector.core.media.mounts import mount_table

    return [m for m in mount_table() if m.mountpoint in roots]


def test_cancel_and_failure_mid_scan_undo_everything(device_dir):
    from inspector.core.progress import CancelToken
    from inspector.core.scan.device import scan_image

    tree = {f"d{d:03d}/f{f:02d}.bin": b"c" for d in range(600) for f in range(20)}
    image = os.path.join(device_dir, "cancel.img")
    images.make_ext4(image, "CANCEL", size=64 * images.MB, tree=tree)
    before = b3(image)

    class CancelledMidWalk(CancelToken):
        """Cancelled from the walk's third look on (it looks every 512 entries): the walk of
        12,000 files now ends inside its first 0.1 s progress interval."""

        looks = 0

        @property
        def cancelled(self) -> bool:
            self.looks += 1
            return self.looks > 3

    result = scan_image(image, ScanOptions(budget_s=0), cancel=CancelledMidWalk())
    assert result.complete is False and 0 < result.survey.files < len(tree)
    assert not loops_over(device_dir)

    class Boom(Exception):
        pass

    def explode(p):
        raise Boom

    with pytest.raises(Boom):
        scan_image(image, ScanOptions(budget_s=0), progress=explode)
    assert not loops_over(device_dir)
    assert b3(image) == before


def test_sigterm_mid_scan_unwinds_mounts_and_loops(device_dir, monkeypatch, capsys):
    import signal

    tree = {f"d{d:03d}/f{f:02d}.bin": b"t" for d in range(600) for f in range(20)}
    image = os.path.join(device_dir, "sigterm.img")
    images.make_ext4(image, "SIGTERM", size=64 * images.MB, tree=tree)
    before = b3(image)
    handler_before = signal.getsignal(signal.SIGTERM)

    @contextlib.contextmanager
    def terminating_progress(enabled=True):
        yield lambda p: os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(scan_command, "progress_on_tty", terminating_progress)
    code = cli.main(["scan", image, "--json", "--budget", "0"])
    assert code == 130 and "interrupted" in capsys.readouterr().err
    assert not loops_over(device_dir)
    assert signal.getsignal(signal.SIGTERM) == handler_before, "the CLI restores handlers"
    assert b3(image) == before


def test_offset_loops_are_internal_not_drives(device_dir, loops: Loops):
    p1 = os.path.join(device_dir, "int-p1.ext4")
    images.make_ext4(p1, "INTERNAL", size=24 * images.MB)
    gpt = os.path.join(device_dir, "internal.img")
    images.make_gpt(gpt, [p1, p1])
    loop = loops.attach(gpt)
    backend = UdevBackend(include_loop=True)
    drive = backend.drive_at(loop)
    with backend.mount(drive) as mounted:
        assert len(mounted) == 2
        stacked = loops_over("/dev/loop")
        assert len(stacked) == 2, "attached without partscan: one offset loop per partition"
        listed = [d.path for d in backend.drives()]
        assert loop in listed and not set(stacked) & set(listed)
    assert not loops_over("/dev/loop")
