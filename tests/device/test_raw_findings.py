"""No drive that holds data is ever reported as empty: targets without a mountable filesystem
are raw-sampled (as image file and as read-only loop device), data outside a mounted
filesystem is reported, and a drive truncated while it is sampled gives a partial result."""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import tempfile
from collections.abc import Iterator

import numpy as np
import pytest

from inspector import cli as inspector_cli
from inspector.commands import scan as scan_command
from inspector.core.media.blocks import BLOCK, CLASSES, classify_batch
from inspector.core.media.mounts import mount_table
from inspector.core.progress import Progress
from tests.device import images
from tests.device.conftest import Loops, b3, loops_over, sh
from tests.device.test_filesystems import cli

MB = images.MB
SIZE = 32 * MB


def census(path: str, start: int = 0, size: int | None = None) -> dict[str, float]:
    """The true class shares of every block of [start, start + size) of an image."""
    size = (os.path.getsize(path) - start) if size is None else size
    counts = np.zeros(len(CLASSES), dtype=np.int64)
    with open(path, "rb") as f:
        f.seek(start)
        left = size // BLOCK
        while left:
            n = min(left, 1024)
            data = f.read(n * BLOCK)
            rows = np.frombuffer(data, np.uint8).reshape(n, BLOCK)
            counts += np.bincount(classify_batch(rows), minlength=len(CLASSES))
            left -= n
    total = int(counts.sum())
    return {c: int(counts[i]) / total for i, c in enumerate(CLASSES)}


def _random_fill(path: str, start: int, length: int, seed: int) -> None:
    rng = random.Random(seed)
    with open(path, "r+b") as f:
        f.seek(start)
        for _ in range(length // MB):
            f.write(rng.randbytes(MB))


def make_random(path: str) -> None:
    with open(path, "wb") as f:
        f.write(random.Random(1).randbytes(SIZE))


def make_zero(path: str) -> None:
    with open(path, "wb") as f:
        f.truncate(SIZE)


def make_corrupted_ext4(path: str) -> None:
    """The primary superblock wiped: no signature at all; its backup in group 1 remains."""
    images.make_ext4(path, "WIPED", size=SIZE)
    with open(path, "r+b") as f:
        f.seek(1024)
        f.write(bytes(1024))


def make_damaged_ext4(path: str) -> None:
    """A superblock still recognised as ext4 (checksum fixed by debugfs) that no kernel
    mounts: a 512 KiB block size on a filesystem built with 1 KiB blocks."""
    images.make_ext4(path, "DAMAGED", size=SIZE)
    sh("debugfs", "-w", "-R", "ssv log_block_size 9", path)


def make_luks2(path: str) -> None:
    """A real LUKS2 header (cryptsetup, no device-mapper needed to format a file); the
    payload filled with random bytes, as ciphertext reads."""
    with open(path, "wb") as f:
        f.truncate(SIZE)
    with tempfile.NamedTemporaryFile() as key:
        key.write(os.urandom(32))
        key.flush()
        sh(
            "cryptsetup", "luksFormat", "-q", "--type", "luks2", "--pbkdf", "pbkdf2",
            "--pbkdf-force-iterations", "1000", "--key-file", key.name, path,
        )  # fmt: skip
    _random_fill(path, 16 * MB, SIZE - 16 * MB, seed=2)


def make_mbr_unknown(path: str) -> None:
    """MBR: partition 1 ext4, partition 2 of type 0xda (non-FS data) holding random bytes."""
    fs = path + ".p1"
    images.make_ext4(fs, "MBRONE", size=12 * MB)
    with open(path, "wb") as f:
        f.truncate(SIZE)
    sh("sh", "-c", f"printf 'start=2048, size=24576, type=83\\nstart=26624, type=da\\n' | "
       f"sfdisk -q {path}")  # fmt: skip
    sh("dd", f"if={fs}", f"of={path}", "bs=1M", "seek=1", "conv=notrunc", "status=none")
    os.unlink(fs)
    start = 26624 * 512
    _random_fill(path, start, SIZE - start - MB, seed=3)


BUILDERS = {
    "random": (make_random, "encrypted-no-header"),
    "zero": (make_zero, "blank"),
    "corrupted-ext4": (make_corrupted_ext4, "damaged-filesystem"),
    "damaged-ext4": (make_damaged_ext4, "damaged-filesystem"),
    "luks2": (make_luks2, "encrypted-header"),
    "mbr-unknown": (make_mbr_unknown, "encrypted-no-header"),
}


def _raw_of(doc: dict, kind: str) -> dict:
    if kind == "mbr-unknown":
        (part,) = [p for p in doc["partitions"] if p["number"] == 2]
        return part["raw"]
    return doc["raw"]


@pytest.mark.parametrize("kind", sorted(BUILDERS))
@pytest.mark.parametrize("as_", ["file", "loop"])
def test_target_without_mountable_filesystem_is_raw_sampled(kind, as_, device_dir, loops: Loops):
    if kind == "luks2" and shutil.which("cryptsetup") is None:
        pytest.skip("cryptsetup is not installed")
    build, finding = BUILDERS[kind]
    image = os.path.join(device_dir, f"raw-{kind}.img")
    if not os.path.exists(image):
        build(image)
    start, size = _region(kind)
    truth = census(image, start, size)
    before = b3(image)
    target = image if as_ == "file" else loops.attach(image)
    out = cli("scan", target, "--json", "--budget", "5", "--seed", "7")
    doc = json.loads(out.stdout)
    assert doc["removed"] is False
    if finding == "blank":  # sampled all zero: nothing there went uncounted
        assert out.returncode == 0, out.stderr
        assert doc["complete"] is True and doc["unsurveyed"] == []
    else:  # ciphertext, a damaged filesystem: its files are unknown, never "0 files, complete"
        assert out.returncode == 3, out.stderr
        assert doc["complete"] is False
        (gap,) = doc["unsurveyed"]
        assert gap["finding"] == finding and gap["size_bytes"] > 0
        assert any("unknown, not zero" in w for w in doc["warnings"])
    raw = _raw_of(doc, kind)
    assert raw["finding"] == finding, (raw["finding"], raw["finding_text"])
    assert raw["errors"] == 0 and raw["samples"] >= 2401
    for share in raw["shares"]:
        lo, hi = share["ci"]
        assert lo <= truth[share["class"]] <= hi, (share, truth)
    if kind in ("corrupted-ext4", "damaged-ext4"):
        assert raw["header_format"] == "ext"
    if kind == "corrupted-ext4":
        assert "backup superblock" in raw["header_note"]
    if kind == "damaged-ext4":
        assert any("cannot mount" in w for w in doc["warnings"]), doc["warnings"]
    if kind == "mbr-unknown":  # partition 1 is still mounted and surveyed
        assert doc["survey"]["files"] == images.TREE_FILES
    assert b3(image) == before


def _region(kind: str) -> tuple[int, int]:
    if kind == "mbr-unknown":
        start = 26624 * 512
        return start, SIZE - start
    return 0, SIZE


def test_raw_never_reduces_what_a_scan_reports(device_dir, loops: Loops):
    image = os.path.join(device_dir, "raw-mbr-unknown.img")
    if not os.path.exists(image):
        make_mbr_unknown(image)
    before = b3(image)
    plain = json.loads(cli("scan", image, "--json", "--budget", "3", "--seed", "1").stdout)
    out = cli("scan", image, "--json", "--budget", "3", "--seed", "1", "--raw")
    assert out.returncode == 3, out.stderr  # partition 2's files are unknown
    raw = json.loads(out.stdout)
    for doc in (plain, raw):
        (p2,) = [p for p in doc["partitions"] if p["number"] == 2]
        assert p2["raw"] is not None and p2["raw"]["finding"] == "encrypted-no-header"
        assert doc["survey"]["files"] == images.TREE_FILES
    assert raw["raw"] is not None and raw["raw"]["finding"] == "partition-table"
    assert not any("not surveyed" in w for w in raw["warnings"]), raw["warnings"]
    assert b3(image) == before


def _ext4_written_then(device_dir: str, name: str, loops: Loops, *, delete: bool) -> str:
    """An ext4 image filled with random files through a writable loop (build phase only):
    deleted again and cleanly unmounted (`delete`), or copied while still mounted, right
    after the fsyncs, so that the files exist only in the journal."""
    image = os.path.join(device_dir, f"{name}.img")
    images.make_ext4(image, name.upper()[:16], size=SIZE, tree={"seed.txt": b"x"})
    copy = os.path.join(device_dir, f"{name}-evidence.img")
    rw = loops.attach(image, writable=True)
    mnt = tempfile.mkdtemp(dir=device_dir)
    sh("mount", "-t", "ext4", rw, mnt)
    try:
        rng = random.Random(8)
        for i in range(13):  # ~40 % of 32 MiB
            with open(os.path.join(mnt, f"f{i}.bin"), "wb") as f:
                f.write(rng.randbytes(MB))
                # data and journal commit on the device; the metadata's home blocks stay
                # dirty in memory (a syncfs would write them too)
                os.fsync(f.fileno())
        if delete:
            sh("sync", "-f", mnt)
            for i in range(13):
                os.unlink(os.path.join(mnt, f"f{i}.bin"))
            sh("sync", "-f", mnt)
        else:
            shutil.copyfile(image, copy)
    finally:
        sh("umount", mnt)
        os.rmdir(mnt)
        loops.detach(rw)
    if delete:
        shutil.copyfile(image, copy)
    return copy


@pytest.mark.parametrize("case", ["journal", "deleted"])
def test_data_outside_the_filesystem_is_reported(case, device_dir, loops: Loops):
    image = _ext4_written_then(device_dir, f"outside-{case}", loops, delete=case == "deleted")
    if case == "journal":
        assert "needs_recovery" in sh("dumpe2fs", "-h", image)
    truth = 1.0 - census(image)["zero"]
    before = b3(image)
    out = cli("scan", image, "--json", "--budget", "5", "--seed", "3")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    (check,) = doc["outside_filesystem"]
    assert check["exceeds"] is True, check
    lo, hi = check["written_ci_bytes"]
    assert lo <= truth * check["device_bytes"] <= hi
    assert check["fs_used_bytes"] < lo
    (warning,) = [w for w in doc["warnings"] if "data outside the filesystem" in w]
    assert "written" in warning and "uses" in warning  # both figures, with the interval
    if case == "journal":
        assert check["journal"]["needs_recovery"] is True
        assert check["journal"]["logged_blocks"] > 0
        assert any(
            "the journal holds changes that a read-only mount does not show" in w
            for w in doc["warnings"]
        )
    else:
        assert check["journal"]["needs_recovery"] is False
    assert b3(image) == before


def test_a_clean_filesystem_raises_no_outside_warning(device_dir):
    image = os.path.join(device_dir, "outside-clean.img")
    images.make_ext4(image, "CLEAN", size=SIZE)
    doc = json.loads(cli("scan", image, "--json", "--budget", "3", "--seed", "3").stdout)
    (check,) = doc["outside_filesystem"]
    assert check["exceeds"] is False and doc["complete"] is True
    assert not any("outside the filesystem" in w for w in doc["warnings"])


@contextlib.contextmanager
def _truncating(image: str, stages: tuple[str, ...]) -> Iterator[object]:
    pulled: list[str] = []

    def progress(p: Progress) -> None:
        if not pulled and p.stage in stages:
            pulled.append(p.stage)
            os.truncate(image, 0)  # reads of the loop device now fail with EIO

    yield progress
    assert pulled, "the scan finished before the drive could be pulled"


@pytest.mark.parametrize("stage", ["raw", "content"])
def test_drive_truncated_while_sampling_is_partial_exit_3(stage, device_dir, monkeypatch, capsys):
    image = os.path.join(device_dir, f"pull-{stage}.img")
    if stage == "raw":
        make_random(image)
        stages: tuple[str, ...] = ("raw",)
    else:
        tree = {f"d{d:02d}/f{f:03d}.bin": os.urandom(64) for d in range(30) for f in range(100)}
        images.make_ext4(image, "PULLME", size=SIZE, tree=tree)
        stages = ("mapping draws", "content")
    with _truncating(image, stages) as progress:
        monkeypatch.setattr(
            scan_command, "progress_on_tty", lambda _on: contextlib.nullcontext(progress)
        )
        code = inspector_cli.main(["scan", image, "--json", "--budget", "20", "--seed", "5"])
    captured = capsys.readouterr()
    assert code == 3, captured.err
    assert "Traceback" not in captured.err and "internal error" not in captured.err
    doc = json.loads(captured.out)
    assert doc["complete"] is False and doc["removed"] is True
    assert any("disappeared" in w for w in doc["warnings"]), doc["warnings"]
    if stage == "raw":
        assert doc["raw"]["errors"] > 0 and doc["raw"]["complete"] is False
    assert not loops_over(device_dir)
    assert not [m for m in mount_table() if "/inspector-ro-" in m.mountpoint]
