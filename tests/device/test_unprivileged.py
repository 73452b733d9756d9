"""The desk as the officer, not root: a throw-away user scans a loop device through
inspector-helper, and forged requests to the helper are refused.

There is no polkit agent in CI, so pkexec itself is replaced by a stand-in with pkexec's
contract: a set-user-ID root program (compiled here) that starts only the helper, with the
environment cleared and PKEXEC_UID set to the real uid of its caller. What is exercised: the
client (PolkitHelper, chosen by default_privileged() because the user is not root), the
helper's checks and operations as root, the mount root, the loop ownership records and the
read-only ACL on the user's loop. polkitd's decision is tested with the real pkexec in
test_polkit.py; the authentication dialog is not (no agent, no session).
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

from inspector.core.media.drives.probe import system_disks
from inspector.core.media.mounts import mount_table
from inspector.core.media.privileged import mount_root_for
from tests.device import images
from tests.device.conftest import b3, loops_over, sh

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HELPER = os.path.join(os.path.dirname(sys.executable), "inspector-helper")
SITE = next(p for p in sys.path if p.endswith("site-packages"))
STAND_IN = r"""
#include <stdio.h>
#include <string.h>
#include <unistd.h>
int main(int argc, char **argv) {
  char uid[40];
  if (argc < 2 || strcmp(argv[1], HELPER) != 0) {
    fputs("stand-in: not the helper\n", stderr);
    return 127;
  }
  snprintf(uid, sizeof uid, "PKEXEC_UID=%u", (unsigned)getuid());
  if (setgid(0) != 0 || setuid(0) != 0) { perror("stand-in"); return 127; }
  char *env[] = {uid, "PATH=/usr/sbin:/usr/bin:/sbin:/bin", NULL};
  execve(argv[1], argv + 1, env);
  perror("stand-in");
  return 127;
}
"""


@dataclass(frozen=True)
class Officer:
    name: str
    uid: int
    home: str  # world-readable scratch directory for the officer's images and data
    python: str  # an interpreter this user can run
    pkexec: str  # the stand-in


def _usable_python(user: str) -> str | None:
    """sys.executable may live where the user cannot go (pyenv under /root)."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (sys.executable, f"/usr/bin/python{version}"):
        done = subprocess.run(
            ["runuser", "-u", user, "--", candidate, "-c", "import sys; print(sys.version[:4])"],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode == 0 and done.stdout.strip() == version:
            return candidate
    return None


@contextmanager
def throwaway_officer(tag: str, pkexec: Callable[[str], str]) -> Iterator[Officer]:
    """A user made for the test (no home, no login shell) with a world-readable scratch
    directory; `pkexec(home)` returns the pkexec it is to use. Removed at the end."""
    for tool in ("useradd", "userdel", "runuser", "setfacl"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed")
    if not os.access(HELPER, os.X_OK):
        pytest.skip("inspector-helper is not installed beside this interpreter")
    name = f"insp-{tag}{os.getpid()}"
    sh("useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", name)
    home = tempfile.mkdtemp(prefix="inspector-officer-", dir="/tmp")
    try:
        os.chmod(home, 0o755)
        uid = pwd.getpwnam(name).pw_uid
        data = os.path.join(home, "data")
        os.mkdir(data)
        os.chown(data, uid, -1)
        python = _usable_python(name)
        if python is None:
            pytest.skip(f"no Python {sys.version_info[:2]} that user {name} may run")
        check = ["runuser", "-u", name, "--", "env", f"PYTHONPATH={ROOT}:{SITE}", python]
        if subprocess.run([*check, "-c", "import inspector.cli"], check=False).returncode:
            pytest.skip(f"user {name} cannot read this checkout ({ROOT}) or its environment")
        yield Officer(name, uid, home, python, pkexec(home))
    finally:
        shutil.rmtree(home, ignore_errors=True)
        shutil.rmtree(mount_root_for(pwd.getpwnam(name).pw_uid), ignore_errors=True)
        sh("userdel", name, check=False)


def _stand_in(home: str) -> str:
    if shutil.which("gcc") is None:
        pytest.skip("gcc is not installed")
    source = os.path.join(home, "stand-in.c")
    with open(source, "w") as f:
        f.write(STAND_IN)
    pkexec = os.path.join(home, "pkexec")
    sh("gcc", "-O", f'-DHELPER="{HELPER}"', "-o", pkexec, source)
    os.chmod(pkexec, 0o4755)
    return pkexec


@pytest.fixture(scope="module")
def officer() -> Iterator[Officer]:
    with throwaway_officer("t", _stand_in) as made:
        yield made


def as_officer(
    officer: Officer, *args: str, inside: Sequence[str] = ()
) -> subprocess.CompletedProcess[str]:
    """The CLI run by the officer with its pkexec (the stand-in, or the real one `inside` a
    namespace: the command prefix that enters it)."""
    env = {
        "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
        "INSPECTOR_PKEXEC": officer.pkexec,
        "INSPECTOR_HELPER": HELPER,
        "INSPECTOR_DATA_DIR": os.path.join(officer.home, "data"),
        "PYTHONPATH": f"{ROOT}:{SITE}",
        "HOME": officer.home,
    }
    return subprocess.run(
        [*inside, "runuser", "-u", officer.name, "--", "env", "-i"]
        + [f"{k}={v}" for k, v in env.items()]
        + [officer.python, "-m", "inspector", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def helper_as_pkexec_would(officer: Officer, *request: str) -> subprocess.CompletedProcess[str]:
    """The helper started by root with pkexec's environment: what a forged request meets."""
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "PKEXEC_UID": str(officer.uid)}
    return subprocess.run([HELPER, *request], capture_output=True, text=True, env=env, timeout=60)


def test_officer_scans_a_disk_image_through_the_helper(officer: Officer):
    d = officer.home
    p1, p2, p3 = (os.path.join(d, n) for n in ("p1.ext4", "p2.vfat", "p3.luks"))
    images.make_ext4(p1, "OFFICER", size=24 * images.MB)
    images.make_vfat(p2, "DESK", size=24 * images.MB)
    images.make_luks(p3)
    gpt = os.path.join(d, "stick.img")
    images.make_gpt(gpt, [p1, p2, p3])
    os.chmod(gpt, 0o644)
    before = b3(gpt)

    out = as_officer(officer, "scan", gpt, "--json", "--budget", "3", "--seed", "1")
    assert out.returncode == 3, out.stderr  # the LUKS partition's files are unknown
    doc = json.loads(out.stdout)
    assert doc["complete"] is False
    assert [u["where"].endswith("p3") for u in doc["unsurveyed"]] == [True], doc["unsurveyed"]
    one, two, three = doc["partitions"]
    assert [one["fs_type"], two["fs_type"], three["fs_type"]] == ["ext4", "vfat", "crypto_LUKS"]
    assert one["filesystem"]["label"] == "OFFICER" and two["filesystem"]["label"] == "DESK"
    for p in (one, two):
        assert p["survey"]["files"] == images.TREE_FILES
        assert p["survey"]["bytes"] == images.TREE_BYTES
    # The officer reads what the filesystem lets any user read: ext4's lost+found is root's
    # (0700), and the scan says so instead of passing over it; FAT has no owners to stop it.
    assert one["survey"]["errors"] == 1 and two["survey"]["errors"] == 0
    assert any("lost+found: Permission denied" in w for w in doc["warnings"])
    # the LUKS partition is raw-sampled: the officer reads the loop through its read-only ACL
    assert three["raw"]["header_format"] == "luks" and three["raw"]["samples"] > 100
    assert doc["device"]["read_only"] is True
    assert b3(gpt) == before
    assert not loops_over(d), "a loop device stayed attached"
    assert os.listdir(mount_root_for(officer.uid)) == [], "a mount point stayed behind"
    assert not [m for m in mount_table() if m.mountpoint.startswith(mount_root_for(officer.uid))]


def test_a_drive_the_officer_cannot_read_is_never_reported_complete(officer: Officer):
    """A drive attached by root (as a USB disk is): the officer cannot read its node, so what
    it knows comes from udev. Where udev lists nothing (a kernel that does not split loop
    devices), the scan says the layout is unknown instead of "0 files, complete"."""
    p1 = os.path.join(officer.home, "usb-p1.ext4")
    images.make_ext4(p1, "USB", size=24 * images.MB)
    image = os.path.join(officer.home, "usb.img")
    images.make_gpt(image, [p1])
    loop = sh("losetup", "--read-only", "--partscan", "--find", "--show", image).strip()
    try:
        sh("udevadm", "settle", "--timeout=5", check=False)
        out = as_officer(officer, "scan", loop, "--json", "--budget", "0")
        doc = json.loads(out.stdout)
        if doc.get("partitions"):  # udev saw the kernel's partitions: surveyed as usual
            assert out.returncode == 0, out.stderr
            assert doc["partitions"][0]["survey"]["files"] == images.TREE_FILES
        else:
            assert out.returncode == 3, out.stderr
            assert doc["complete"] is False
            assert any("partitions and filesystems are unknown" in w for w in doc["warnings"])
    finally:
        sh("udevadm", "settle", "--timeout=5", check=False)
        sh("blockdev", "--setrw", loop, check=False)
        sh("losetup", "--detach", loop)


def test_an_image_the_officer_cannot_read_is_not_attached(officer: Officer):
    secret = os.path.join(officer.home, "secret.img")
    images.make_vfat(secret, "SECRET", size=8 * images.MB)
    os.chmod(secret, 0o600)  # root's: the helper opens images with the caller's identity
    out = as_officer(officer, "scan", secret, "--json")
    assert out.returncode == 2
    assert "cannot read it" in out.stderr and len(out.stderr.strip().splitlines()) == 1
    refused(
        helper_as_pkexec_would(officer, "attach-loop", secret, "0", "-", "partscan"),
        "you cannot read it",
    )
    assert not loops_over(officer.home)


def refused(done: subprocess.CompletedProcess[str], why: str) -> None:
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2, done.stderr
    assert len(lines) == 1 and lines[0].startswith("inspector-helper: refused:"), lines
    assert why in lines[0], lines[0]


@pytest.fixture
def attached(officer: Officer) -> Iterator[tuple[str, str]]:
    """An ext4 image on a loop the officer attached through the helper, and an empty mount
    point under its mount root; both undone at the end."""
    image = os.path.join(officer.home, "forge.img")
    images.make_ext4(image, "FORGE", size=8 * images.MB)
    os.chmod(image, 0o644)
    root = helper_as_pkexec_would(officer, "prepare").stdout.strip()
    mountpoint = os.path.join(root, "inspector-ro-forge", "p0")
    os.makedirs(mountpoint)
    for path in (os.path.dirname(mountpoint), mountpoint):
        os.chown(path, officer.uid, -1)
    done = helper_as_pkexec_would(officer, "attach-loop", image, "0", "-", "nopartscan")
    assert done.returncode == 0, done.stderr
    loop = done.stdout.strip()
    try:
        sh("blockdev", "--setro", loop)
        yield loop, mountpoint
    finally:
        sh("umount", "--lazy", mountpoint, check=False)
        helper_as_pkexec_would(officer, "set-read-only", loop, "off")
        helper_as_pkexec_would(officer, "detach-loop", loop)
        shutil.rmtree(os.path.dirname(mountpoint), ignore_errors=True)
    assert not loops_over(officer.home)


SAFE_EXT4 = "ro,noload,errors=continue,nosuid,nodev,noexec"


def test_forged_mount_requests_are_refused(officer: Officer, attached: tuple[str, str]):
    loop, mountpoint = attached
    kernel = ("mount", loop, mountpoint, "kernel:ext4")
    refused(
        helper_as_pkexec_would(officer, *kernel, "rw,noload,errors=continue,nosuid,nodev,noexec"),
        "not the read",
    )
    smuggled = f"{SAFE_EXT4},uid=0"
    refused(helper_as_pkexec_would(officer, *kernel, smuggled), "not the read-only set")
    refused(
        helper_as_pkexec_would(officer, *kernel, "ro,nosuid,nodev,noexec"), "not the read-only set"
    )
    refused(
        helper_as_pkexec_would(officer, "mount", loop, mountpoint, "kernel:auto", SAFE_EXT4),
        "not a driver",
    )
    refused(
        helper_as_pkexec_would(officer, "mount", loop, mountpoint, "fuse:/bin/sh", SAFE_EXT4),
        "not a driver",
    )
    # outside the mount root, or through a symlink planted inside it
    outside = tempfile.mkdtemp(dir=officer.home)
    os.chown(outside, officer.uid, -1)
    for where in (outside, "/mnt", f"{mountpoint}/../../../../etc"):
        refused(
            helper_as_pkexec_would(officer, "mount", loop, where, "kernel:ext4", SAFE_EXT4),
            "not a mount point under",
        )
    link = os.path.join(os.path.dirname(mountpoint), "p9")
    os.symlink("/etc", link)
    refused(
        helper_as_pkexec_would(officer, "mount", loop, link, "kernel:ext4", SAFE_EXT4),
        "without symlinks",
    )
    # the well-formed request goes through, then nothing but the read-only remount does
    done = helper_as_pkexec_would(officer, *kernel, SAFE_EXT4)
    assert done.returncode == 0, done.stderr
    refused(
        helper_as_pkexec_would(officer, "remount-bind", mountpoint, "rw,nosuid,nodev,noexec"),
        "are not",
    )
    refused(helper_as_pkexec_would(officer, "unmount", "/proc"), "not a mount point under")
    assert helper_as_pkexec_would(officer, "unmount", mountpoint).returncode == 0


def test_forged_device_requests_are_refused(officer: Officer, attached: tuple[str, str]):
    loop, _mountpoint = attached
    system = sorted(system_disks())
    if system:
        disk = f"/dev/{system[0]}"
        refused(helper_as_pkexec_would(officer, "set-read-only", disk, "on"), "running system")
        refused(
            helper_as_pkexec_would(officer, "attach-loop", disk, "0", "-", "nopartscan"),
            "running system",
        )
    refused(helper_as_pkexec_would(officer, "set-read-only", "/etc/passwd", "on"), "not a block")
    refused(helper_as_pkexec_would(officer, "set-read-only", loop, "maybe"), "neither")
    # a loop the officer did not attach through the helper: not detached, flag not cleared
    other = os.path.join(officer.home, "other.img")
    images.make_vfat(other, "OTHER", size=8 * images.MB)
    foreign = sh("losetup", "--read-only", "--find", "--show", other).strip()
    try:
        refused(helper_as_pkexec_would(officer, "detach-loop", foreign), "Inspector attached")
        refused(helper_as_pkexec_would(officer, "set-read-only", foreign, "off"), "Inspector")
    finally:
        sh("losetup", "--detach", foreign)
    refused(helper_as_pkexec_would(officer, "format", loop), "unknown request")
    refused(helper_as_pkexec_would(officer, "detach-loop", loop, "--force"), "takes 1")
    refused(
        helper_as_pkexec_would(officer, "attach-loop", "relative.img", "0", "-", "partscan"),
        "absolute",
    )
    refused(
        helper_as_pkexec_would(officer, "attach-loop", other, "-1", "-", "partscan"),
        "whole number",
    )
    # started by the officer directly (no pkexec): nothing at all
    module = ("-m", "inspector.core.media.helper", "prepare")
    direct = ["runuser", "-u", officer.name, "--", "env", f"PYTHONPATH={ROOT}:{SITE}"]
    direct += [officer.python, *module]
    done = subprocess.run(
        direct,
        capture_output=True,
        text=True,
        check=False,
    )
    refused(done, "must be started as root")
