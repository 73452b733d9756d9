"""The few operations that need root, behind one small interface.

`LocalRoot` runs them in this process (the CLI or desk run as root, the device tests).
`PolkitHelper` forwards each one to inspector-helper (helper.py) through pkexec, for a desk
that runs as the officer's own user; `default_privileged()` picks between them.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import struct
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from typing import Protocol

from inspector.core.errors import InspectorError
from inspector.core.paths import helper_program

BLKROSET = 0x125D  # <linux/fs.h> _IO(0x12, 93): set a block device read-only in the kernel
BLKROGET = 0x125E
_TIMEOUT_S = 60.0
_UNMOUNT_TRIES = 10

NEEDS_ROOT = (
    "reading drives needs root (to set the device read-only, attach loop devices and mount "
    "read-only): run it with sudo, e.g. 'sudo inspector scan /dev/sdb'"
)
MOUNT_BASE = "/run/inspector"  # the helper's mount roots, one per user: /run/inspector/UID
# Tests stand in for pkexec (no polkit agent in CI); the stand-in only ever runs as the caller.
ESCALATE_ENV = "INSPECTOR_PKEXEC"
POLKIT_ACTION = "org.inspector.helper.read-only-access"  # packaging/org.inspector.helper.policy


def mount_root_for(uid: int) -> str:
    return f"{MOUNT_BASE}/{uid}"


class PrivilegeError(InspectorError):
    """The operation needs privileges this process does not have."""


class AccessError(InspectorError):
    """A drive could not be made readable read-only (the message says why)."""


class Privileged(Protocol):
    """Operations on block devices and mounts that need CAP_SYS_ADMIN."""

    @property
    def mount_root(self) -> str | None:
        """Where mount points must be made (None: anywhere, e.g. the temp dir)."""
        ...

    def set_read_only(self, device: str, read_only: bool = True) -> None: ...
    def attach_loop(
        self, source: str, *, offset: int = 0, size: int | None = None, partscan: bool = False
    ) -> str:
        """Attach `source` to a new read-only loop device; return its path."""
        ...

    def detach_loop(self, device: str) -> None: ...
    def mount(
        self, device: str, mountpoint: str, fs_type: str | None, options: str, program: str | None
    ) -> None:
        """Mount with the kernel driver `fs_type`, or run the FUSE `program` when given."""
        ...

    def remount_bind(self, mountpoint: str, options: str) -> None: ...
    def unmount(self, mountpoint: str) -> None: ...


def is_root() -> bool:
    return os.geteuid() == 0


def run_tool(
    args: list[str],
    what: str,
    pass_fds: Sequence[int] = (),
    explain: Callable[[int, str], str | None] | None = None,
) -> str:
    """Run a tool; return stdout or raise AccessError with its first line of complaint
    (or what `explain(exit status, stderr)` says instead, when it says something).

    Output goes to temporary files, not pipes: FUSE daemons fork and keep inherited pipes
    open, which would block a pipe reader until the filesystem is unmounted.
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        try:
            done = subprocess.run(
                args,
                stdout=out,
                stderr=err,
                stdin=subprocess.DEVNULL,
                timeout=_TIMEOUT_S,
                pass_fds=pass_fds,
            )
        except FileNotFoundError:
            raise AccessError(f"{what}: {args[0]} is not installed") from None
        except subprocess.TimeoutExpired:
            raise AccessError(f"{what}: {args[0]} did not finish in {_TIMEOUT_S:g} s") from None
        out.seek(0)
        err.seek(0)
        if done.returncode != 0:
            text = err.read()
            lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
            reason = explain(done.returncode, text) if explain else None
            reason = reason or (lines[0] if lines else f"exit status {done.returncode}")
            raise AccessError(f"{what}: {reason}")
        return out.read()


def settle_udev() -> None:
    """Let udevd finish probing a device before we detach it (it holds it open meanwhile)."""
    if shutil.which("udevadm"):
        subprocess.run(
            ["udevadm", "settle", "--timeout=5"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )


def get_read_only(device: str) -> bool:
    fd = os.open(device, os.O_RDONLY | os.O_CLOEXEC)
    try:
        out = fcntl.ioctl(fd, BLKROGET, struct.pack("i", 0))
    finally:
        os.close(fd)
    return bool(struct.unpack("i", out)[0])


class LocalRoot:
    """Privileged operations done directly by this (root) process."""

    mount_root: str | None = None

    def __init__(self) -> None:
        if not is_root():
            raise PrivilegeError(NEEDS_ROOT)

    def set_read_only(self, device: str, read_only: bool = True) -> None:
        try:
            fd = os.open(device, os.O_RDONLY | os.O_CLOEXEC)
        except OSError as exc:
            raise AccessError(f"{device}: cannot open: {exc.strerror}") from None
        try:
            fcntl.ioctl(fd, BLKROSET, struct.pack("i", 1 if read_only else 0))
        except OSError as exc:
            raise AccessError(
                f"{device}: cannot set read-only (BLKROSET): {exc.strerror}"
            ) from None
        finally:
            os.close(fd)
        # (Clearing is not checked: a loop attached read-only stays read-only regardless.)
        if read_only and not get_read_only(device):
            raise AccessError(f"{device}: the kernel did not keep the read-only flag")

    def attach_loop(
        self, source: str, *, offset: int = 0, size: int | None = None, partscan: bool = False
    ) -> str:
        args = ["losetup", "--read-only", "--find", "--show"]
        if partscan:
            args.append("--partscan")
        if offset:
            args += ["--offset", str(offset)]
        if size is not None:
            args += ["--sizelimit", str(size)]
        what = f"{source}: cannot attach a read-only loop device"
        device = run_tool([*args, source], what).strip()
        if not device.startswith("/dev/loop"):
            raise AccessError(f"{source}: losetup returned no loop device")
        return device

    def detach_loop(self, device: str) -> None:
        settle_udev()
        run_tool(["losetup", "--detach", device], f"{device}: cannot detach")

    def mount(
        self, device: str, mountpoint: str, fs_type: str | None, options: str, program: str | None
    ) -> None:
        if program is not None:
            args = [program, "-o", options, device, mountpoint]
        else:
            args = ["mount", "-t", fs_type or "auto", "-o", options, device, mountpoint]
        run_tool(args, f"{device}: cannot mount read-only")

    def remount_bind(self, mountpoint: str, options: str) -> None:
        run_tool(
            ["mount", "-o", f"remount,bind,{options}", mountpoint],
            f"{mountpoint}: cannot re-apply {options}",
        )

    def unmount(self, mountpoint: str) -> None:
        """Unmount; a busy mount is retried, then detached lazily so nothing is left behind."""
        last: AccessError | None = None
        for attempt in range(_UNMOUNT_TRIES):
            try:
                run_tool(["umount", mountpoint], f"{mountpoint}: cannot unmount")
                return
            except AccessError as exc:
                last = exc
                time.sleep(0.05 * (attempt + 1))
        try:
            run_tool(["umount", "--lazy", mountpoint], f"{mountpoint}: cannot unmount")
        except AccessError:
            if last is None:
                raise
            raise last from None


def _pkexec_said(status: int, stderr: str) -> str | None:
    """pkexec's own refusals (exit 126/127, pkexec(1)) in the officer's words; the helper
    never exits with these, and its own complaints pass through as they are."""
    if status == 126:
        return "the authentication dialog was dismissed; nothing was done"
    if status == 127 and "Not authorized" in stderr:
        return (
            f"polkit did not authorise {POLKIT_ACTION} for this user; nothing was done "
            "(ask an administrator for a polkit rule, or run it with sudo)"
        )
    return None


class PolkitHelper:
    """Privileged operations forwarded, one request per run, to inspector-helper through
    pkexec: polkit asks for authorisation (packaging/org.inspector.helper.policy), the helper
    checks each request and refuses anything but read-only work on non-system devices."""

    def __init__(self, helper: str, escalate: str = "pkexec") -> None:
        self.helper = helper
        self.escalate = escalate
        self._root = mount_root_for(os.getuid())

    def _call(self, what: str, *request: str) -> str:
        return run_tool([self.escalate, self.helper, *request], what, explain=_pkexec_said).strip()

    @property
    def mount_root(self) -> str:
        if not os.path.isdir(self._root):
            self._call("cannot make the mount root", "prepare")
        return self._root

    def set_read_only(self, device: str, read_only: bool = True) -> None:
        state = "on" if read_only else "off"
        self._call(f"{device}: cannot set read-only {state}", "set-read-only", device, state)

    def attach_loop(
        self, source: str, *, offset: int = 0, size: int | None = None, partscan: bool = False
    ) -> str:
        device = self._call(
            f"{source}: cannot attach a read-only loop device",
            "attach-loop",
            source,
            str(offset),
            "-" if size is None else str(size),
            "partscan" if partscan else "nopartscan",
        )
        if not device.startswith("/dev/loop"):
            raise AccessError(f"{source}: the helper returned no loop device")
        return device

    def detach_loop(self, device: str) -> None:
        settle_udev()
        self._call(f"{device}: cannot detach", "detach-loop", device)

    def mount(
        self, device: str, mountpoint: str, fs_type: str | None, options: str, program: str | None
    ) -> None:
        driver = f"fuse:{program}" if program is not None else f"kernel:{fs_type or 'auto'}"
        what = f"{device}: cannot mount read-only"
        self._call(what, "mount", device, mountpoint, driver, options)

    def remount_bind(self, mountpoint: str, options: str) -> None:
        what = f"{mountpoint}: cannot re-apply {options}"
        self._call(what, "remount-bind", mountpoint, options)

    def unmount(self, mountpoint: str) -> None:
        self._call(f"{mountpoint}: cannot unmount", "unmount", mountpoint)


def default_privileged() -> Privileged:
    """LocalRoot for root; otherwise the polkit helper, when it and pkexec are installed."""
    if is_root():
        return LocalRoot()
    escalate = os.environ.get(ESCALATE_ENV) or "pkexec"
    helper = helper_program()
    if helper is None or shutil.which(escalate) is None:
        missing = "inspector-helper" if helper is None else escalate
        raise PrivilegeError(f"{NEEDS_ROOT} (or install {missing} to read them as yourself)")
    return PolkitHelper(helper, escalate)
