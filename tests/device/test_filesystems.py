"""Each filesystem family: detected (type, UUID, label), mounted read-only, surveyed exactly,
image unchanged (BLAKE3 before and after), nothing left behind."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys

import pytest

from inspector.core.media.access import kernel_filesystems, plan_mount
from inspector.core.media.drives.udev import UdevBackend
from inspector.core.media.mounts import mount_table
from inspector.core.media.privileged import get_read_only
from inspector.core.scan.drive import scan_drive
from inspector.core.scan.tree import ScanOptions
from tests.device import images
from tests.device.conftest import Loops, b3, sh

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SURVEY_ONLY = ScanOptions(budget_s=0)
BUILDERS = {
    "ext2": lambda path, label: images.make_ext4(path, label, fs="ext2"),
    "ext3": lambda path, label: images.make_ext4(path, label, fs="ext3"),
    "ext4": images.make_ext4,
    "ntfs": images.make_ntfs,
    "exfat": images.make_exfat,
    "vfat": images.make_vfat,
    "xfs": images.make_xfs,
}
EXTRA_DIRS = {"ext2": 1, "ext3": 1, "ext4": 1}  # lost+found, made by mkfs
NEEDS = {"ntfs": "ntfs-3g", "exfat": "mount.exfat-fuse", "vfat": "mkfs.vfat", "xfs": "mkfs.xfs"}


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": ROOT}
    return subprocess.run(
        [sys.executable, "-m", "inspector", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )


def build(kind: str, device_dir: str, name: str) -> str:
    tool = NEEDS.get(kind)
    if tool and not shutil.which(tool):
        pytest.skip(f"{tool} is not installed")
    if kind == "xfs" and "xfs" not in kernel_filesystems():
        pytest.skip("this kernel has no xfs driver and there is no FUSE one")
    path = os.path.join(device_dir, name)
    BUILDERS[kind](path, f"L{kind.upper()}")
    return path


@pytest.mark.parametrize("kind", ["ext2", "ext3", "ext4", "ntfs", "exfat", "vfat", "xfs"])
def test_detected_mounted_read_only_and_surveyed_exactly(kind, device_dir, loops: Loops):
    image = build(kind, device_dir, f"{kind}.img")
    expected = images.blkid_of(image)
    before = b3(image)
    loop = loops.attach(image)

    backend = UdevBackend(include_loop=True)
    drive = backend.drive_at(loop)
    assert drive is not None and drive.bus == "loop" and drive.backing_file == image
    assert [d.path for d in backend.drives() if d.path == loop] == [loop]
    assert loop not in [d.path for d in UdevBackend().drives()]  # loops only when asked
    (part,) = drive.partitions
    assert drive.partition_table is None and part.number == 0
    assert (part.fs_type, part.fs_uuid, part.fs_label) == (
        kind,
        expected["UUID"],
        f"L{kind.upper()}",
    )
    # an image is known by its file, size and filesystem UUID: /dev/loopN changes every attach
    size = os.path.getsize(image)
    assert drive.identity == f"image:{kind}.img:{size}:{expected['UUID']}"

    with backend.mount(drive) as mounted:
        (fs,) = mounted
        entry = next(m for m in mount_table() if m.mountpoint == fs.root)
        assert {"ro", "nosuid", "nodev", "noexec"} <= entry.options, entry.options
        assert get_read_only(loop), "BLKROSET must be set before mounting"
        with pytest.raises(OSError) as exc:
            open(os.path.join(fs.root, "new-file"), "wb")  # noqa: SIM115
        assert exc.value.errno in (errno.EROFS, errno.EACCES, errno.EPERM)
    assert not any(m.mountpoint == fs.root for m in mount_table())

    result = scan_drive(backend, drive, SURVEY_ONLY)
    assert result.complete, result.warnings
    assert result.partitions == ()  # one filesystem on the whole device: the top level says it
    s = result.survey
    assert (s.files, s.dirs, s.symlinks, s.bytes) == (
        images.TREE_FILES,
        images.TREE_DIRS + EXTRA_DIRS.get(kind, 0),
        0,
        images.TREE_BYTES,
    )
    assert {e.ext for e in s.by_extension} == {"txt", "parquet", "safetensors", "jpg"}
    assert result.filesystem is not None and result.filesystem.uuid == expected["UUID"]
    assert result.device is not None and result.device.read_only
    assert b3(image) == before, "the image changed"


def test_vfat_contents_agree_with_mtools(device_dir, loops: Loops):
    """vfat has no kernel driver here: whatever driver we use must see what mtools sees."""
    image = build("vfat", device_dir, "vfat-mtools.img")
    listing = sh("mdir", "-/", "-b", "-i", image, "::/")
    mtools_files = [line for line in listing.splitlines() if not line.endswith("/")]
    loop = loops.attach(image)
    backend = UdevBackend(include_loop=True)
    drive = backend.drive_at(loop)
    assert drive is not None
    result = scan_drive(backend, drive, SURVEY_ONLY)
    assert result.survey.files == len(mtools_files) == images.TREE_FILES


@pytest.mark.parametrize("kind", ["vfat", "exfat", "ntfs3"])
def test_kernel_driver_path(kind, device_dir, loops: Loops):
    if kind not in kernel_filesystems():
        pytest.skip(f"this kernel has no {kind} driver (/proc/filesystems); FUSE path tested")
    plan = plan_mount("ntfs" if kind == "ntfs3" else kind, kernel_filesystems())
    assert plan is not None and plan.driver == "kernel"
    image = build("ntfs" if kind == "ntfs3" else kind, device_dir, f"k-{kind}.img")
    before = b3(image)
    loop = loops.attach(image)
    backend = UdevBackend(include_loop=True)
    drive = backend.drive_at(loop)
    assert drive is not None
    assert scan_drive(backend, drive, SURVEY_ONLY).survey.files == images.TREE_FILES
    assert b3(image) == before


def test_gpt_image_with_two_partitions(device_dir):
    p1 = os.path.join(device_dir, "gpt-p1.ext4")
    p2 = os.path.join(device_dir, "gpt-p2.vfat")
    images.make_ext4(p1, "PARTONE", size=24 * images.MB)
    images.make_vfat(p2, "PARTTWO", size=24 * images.MB)
    gpt = os.path.join(device_dir, "gpt.img")
    starts = images.make_gpt(gpt, [p1, p2])
    uuids = [images.blkid_of(p)["UUID"] for p in (p1, p2)]
    before = b3(gpt)

    out = cli("scan", gpt, "--json", "--budget", "0")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["complete"] is True
    parts = doc["partitions"]
    assert [p["number"] for p in parts] == [1, 2]
    assert [p["start_bytes"] for p in parts] == starts
    assert [p["fs_type"] for p in parts] == ["ext4", "vfat"]
    assert [p["filesystem"]["uuid"] for p in parts] == uuids
    assert [p["filesystem"]["label"] for p in parts] == ["PARTONE", "PARTTWO"]
    for p in parts:
        assert p["survey"]["files"] == images.TREE_FILES
        assert p["survey"]["bytes"] == images.TREE_BYTES
    assert doc["survey"]["files"] == 2 * images.TREE_FILES
    assert doc["survey"]["dirs"] == 2 * images.TREE_DIRS + 1  # + ext4's lost+found
    assert doc["survey"]["bytes"] == 2 * images.TREE_BYTES
    assert doc["filesystem"]["type"] == "mixed"
    assert doc["device"]["read_only"] is True
    assert b3(gpt) == before


def test_scan_block_device_cli_and_devices_listing(device_dir, loops: Loops):
    image = os.path.join(device_dir, "cli.img")
    images.make_ext4(image, "CLIDISK")
    before = b3(image)
    loop = loops.attach(image)

    listed = json.loads(cli("devices", "--json", "--include-loop").stdout)
    mine = [d for d in listed["drives"] if d["path"] == loop]
    assert len(mine) == 1 and mine[0]["partitions"][0]["fs_label"] == "CLIDISK"
    plain = json.loads(cli("devices", "--json").stdout)
    assert loop not in [d["path"] for d in plain["drives"]]

    out = cli("scan", loop, "--json", "--budget", "0")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["target"] == loop and doc["complete"] is True
    assert doc["survey"]["files"] == images.TREE_FILES
    assert doc["filesystem"]["label"] == "CLIDISK"
    assert get_read_only(loop), "the evidence device stays read-only after the scan"
    assert b3(image) == before


def test_a_file_without_any_signature_is_raw_sampled_not_refused(device_dir):
    junk = os.path.join(device_dir, "notes.txt")
    with open(junk, "w") as f:
        f.write("just some text, not a disk\n" * 2000)
    before = b3(junk)
    out = cli("scan", junk, "--json", "--budget", "2")
    assert out.returncode == 3, out.stderr  # sampled, but what it holds is not a known layout
    doc = json.loads(out.stdout)
    assert doc["complete"] is False and doc["unsurveyed"][0]["finding"] == "unknown-data"
    assert doc["raw"]["finding"] == "unknown-data", doc["raw"]["finding_text"]
    text = next(s for s in doc["raw"]["shares"] if s["class"] == "text")
    assert text["ci"][1] == 1.0 and doc["survey"]["files"] == 0
    assert b3(junk) == before


def test_scan_into_case_keys_block_device_by_drive_identity(device_dir, loops: Loops, tmp_path):
    image = os.path.join(device_dir, "case.img")
    images.make_ext4(image, "CASEDISK")
    before = b3(image)
    loop = loops.attach(image)
    drive = UdevBackend(include_loop=True).drive_at(loop)
    assert drive is not None
    env_data = {"INSPECTOR_DATA_DIR": str(tmp_path)}
    os.environ.update(env_data)
    try:
        opened = json.loads(cli("case", "open", "--officer", "T. Est", "--json").stdout)
        case = str(opened.get("id") or opened.get("case", {}).get("id"))
        assert cli("case", "traveler", case, "--name", "Ann").returncode == 0
        out = cli("scan", loop, "--json", "--budget", "0", "--case", case, "--traveler", "Ann")
        assert out.returncode == 0, out.stderr
        shown = cli("case", "show", case, "--json").stdout
    finally:
        for key in env_data:
            os.environ.pop(key, None)
    assert drive.identity in shown  # recorded under the drive's identity, not its path
    assert b3(image) == before


def test_luks_partition_is_raw_sampled_beside_a_filesystem(device_dir):
    p1 = os.path.join(device_dir, "mix-p1.ext4")
    p2 = os.path.join(device_dir, "mix-p2.luks")
    images.make_ext4(p1, "OPEN", size=24 * images.MB)
    images.make_luks(p2)
    gpt = os.path.join(device_dir, "mix.img")
    images.make_gpt(gpt, [p1, p2])
    before = b3(gpt)

    out = cli("scan", gpt, "--json", "--budget", "5", "--seed", "3")
    assert out.returncode == 3, out.stderr  # the LUKS partition's files are unknown
    doc = json.loads(out.stdout)
    assert doc["complete"] is False
    assert [u["finding"] for u in doc["unsurveyed"]] == ["encrypted-header"]
    one, two = doc["partitions"]
    assert one["fs_type"] == "ext4" and one["raw"] is None
    assert one["survey"]["files"] == images.TREE_FILES
    assert two["fs_type"] == "crypto_LUKS" and two["survey"] is None
    raw = two["raw"]
    assert raw["header_format"] == "luks" and raw["header_kind"] == "encrypted"
    high = next(s for s in raw["shares"] if s["class"] == "high-entropy")
    assert raw["samples"] > 1000 and high["ci"][0] > 0.99  # 24 MB of ciphertext
    assert any("raw-sampled instead" in w for w in doc["warnings"])
    assert b3(gpt) == before


def test_raw_option_samples_the_whole_device(device_dir):
    image = os.path.join(device_dir, "whole.img")
    images.make_ext4(image, "WHOLE")
    out = cli("scan", image, "--json", "--budget", "5", "--raw", "--seed", "1")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["raw"]["header_format"] == "ext" and doc["raw"]["samples"] > 0
    assert doc["survey"]["files"] == images.TREE_FILES  # the filesystem is still surveyed
