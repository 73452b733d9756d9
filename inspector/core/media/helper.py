"""inspector-helper: the root half of a desk that runs as the officer, one checked request a run.

`PolkitHelper` (privileged.py) starts it through pkexec, which authorises the action in
packaging/org.inspector.helper.policy, clears the environment and says who asked in
PKEXEC_UID. Each run carries out one request given on the command line, after checking it:

    prepare                                   make the caller's mount root, print it
    set-read-only DEVICE on|off               off only for a read-only loop we attached
    attach-loop SOURCE OFFSET SIZE|- partscan|nopartscan
    detach-loop DEVICE                        only a loop this caller attached
    mount DEVICE MOUNTPOINT kernel:FS|fuse:PROGRAM OPTIONS
    remount-bind MOUNTPOINT OPTIONS
    unmount MOUNTPOINT

Devices: block devices that are not, and do not sit on, the system disk. Images: only files the
caller could open itself (they are opened with the caller's identity and the open descriptor is
attached, so no path is looked up again as root). Mount points: empty directories of the caller
under its private root /run/inspector/UID, walked without following symlinks; the kernel mount
targets the walked directory through /proc/self/fd, so a path swapped after the check is not
followed. Options: exactly the read-only set access.py plans for that driver, nothing added.
Anything else is refused with one line on stderr and exit status 2.
"""

from __future__ import annotations

import ctypes
import errno
import glob
import os
import pwd
import re
import shutil
import stat
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from inspector.core.errors import InspectorError
from inspector.core.media import loopdev
from inspector.core.media.access import _FUSE, _KERNEL_OPTIONS, SAFE_FLAGS, mounts_of
from inspector.core.media.drives.probe import system_disks
from inspector.core.media.drives.sysfs import SYS_CLASS_BLOCK, underlying_disks
from inspector.core.media.mounts import mount_table
from inspector.core.media.privileged import (
    MOUNT_BASE,
    AccessError,
    LocalRoot,
    get_read_only,
    mount_root_for,
    run_tool,
    settle_udev,
)

LOOP_RECORDS = os.path.join(MOUNT_BASE, ".loops")  # root-only: which caller attached which loop
SAFE_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"
REMOUNT_OPTIONS = frozenset(("ro", *SAFE_FLAGS))
_MNT_DETACH, _UMOUNT_NOFOLLOW = 2, 8
_UNMOUNT_TRIES = 10


class Refused(InspectorError):
    """A request the helper will not carry out (the message says which rule it breaks)."""


@dataclass(frozen=True, slots=True)
class Caller:
    uid: int
    gid: int
    groups: tuple[int, ...]


def caller_from(env: dict[str, str] | os._Environ[str]) -> Caller:
    """Who asked: pkexec's PKEXEC_UID; root itself when started by root without pkexec."""
    text = env.get("PKEXEC_UID", "")
    uid = int(text) if text.isdigit() else os.getuid()
    try:
        entry = pwd.getpwuid(uid)
    except KeyError:
        raise Refused(f"uid {uid} has no account on this machine") from None
    return Caller(uid, entry.pw_gid, tuple(os.getgrouplist(entry.pw_name, entry.pw_gid)))


# -- devices ----------------------------------------------------------------------------------


def checked_device(path: str) -> str:
    """The kernel's node /dev/NAME for `path`, if it is a block device off the system disk."""
    real = os.path.realpath(path) if path.startswith("/dev/") else ""
    name = real.removeprefix("/dev/")
    if not real or "/" in name or not os.path.isdir(os.path.join(SYS_CLASS_BLOCK, name)):
        raise Refused(f"{path}: not a block device")
    try:
        st = os.stat(real)
        with open(os.path.join(SYS_CLASS_BLOCK, name, "dev"), encoding="ascii") as f:
            numbers = f.read().strip()
    except OSError as exc:
        raise Refused(f"{path}: not a block device ({exc.strerror})") from None
    if not stat.S_ISBLK(st.st_mode) or numbers != f"{os.major(st.st_rdev)}:{os.minor(st.st_rdev)}":
        raise Refused(f"{path}: not a block device")
    if underlying_disks(name) & system_disks():
        raise Refused(f"{path}: on the disk of the running system; the helper never touches it")
    return real


def _loop_record(device: str) -> str:
    return os.path.join(LOOP_RECORDS, os.path.basename(device))


def _owned_loop(device: str, caller: Caller) -> str:
    """A whole loop device this caller attached through the helper, still holding that file."""
    real = checked_device(device)
    found = loopdev.status(real) if re.fullmatch(r"/dev/loop\d+", real) else None
    try:
        with open(_loop_record(real), encoding="ascii") as f:
            recorded = f.read().split()
    except OSError:
        recorded = []
    if (
        found is None
        or not found.read_only
        or recorded != [str(caller.uid), str(found.backing_dev), str(found.backing_ino)]
    ):
        raise Refused(f"{device}: not a read-only loop device that Inspector attached for you")
    return real


def set_read_only(caller: Caller, device: str, mode: str) -> str:
    if mode == "on":
        real = checked_device(device)
        busy = [m.mountpoint for m in mounts_of(real) if not m.read_only]
        if busy:
            raise Refused(f"{device}: mounted read-write at {busy[0]}; not touched")
        LocalRoot().set_read_only(real, True)
    elif mode == "off":
        # Only where the device stays read-only anyway: a loop attached read-only (access.py
        # clears the flag so it does not outlive the detach).
        LocalRoot().set_read_only(_owned_loop(device, caller), False)
    else:
        raise Refused(f"set-read-only: {mode!r} is neither 'on' nor 'off'")
    return ""


# -- loop devices -----------------------------------------------------------------------------


@contextmanager
def as_caller(caller: Caller) -> Iterator[None]:
    """Open files with the caller's permissions (saved set-user-ID stays root to come back)."""
    groups = os.getgroups()
    os.setgroups(list(caller.groups))
    os.setegid(caller.gid)
    os.seteuid(caller.uid)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)
        os.setgroups(groups)


def _number(text: str, what: str) -> int:
    if not text.isdigit():
        raise Refused(f"attach-loop: {what} {text!r} is not a whole number of bytes")
    return int(text)


def attach_loop(caller: Caller, source: str, offset: str, size: str, scan: str) -> str:
    if scan not in ("partscan", "nopartscan"):
        raise Refused(f"attach-loop: {scan!r} is neither 'partscan' nor 'nopartscan'")
    start = _number(offset, "offset")
    length = None if size == "-" else _number(size, "size")
    _ensure_base()
    if source.startswith("/dev/"):
        fd = os.open(checked_device(source), os.O_RDONLY | os.O_CLOEXEC)
    elif os.path.isabs(source):
        try:
            with as_caller(caller):
                fd = os.open(source, os.O_RDONLY | os.O_CLOEXEC)
        except OSError as exc:
            raise Refused(f"{source}: you cannot read it ({exc.strerror})") from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise Refused(f"{source}: neither an image file nor a block device")
    else:
        raise Refused(f"{source}: not an absolute path")
    try:
        loop = loopdev.attach_read_only(fd, offset=start, size=length, partscan=scan == "partscan")
    except OSError as exc:
        raise AccessError(f"{source}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    try:
        found = loopdev.status(loop)
        if found is None or not found.read_only:
            raise AccessError(f"{source}: the kernel did not attach {loop} read-only")
        _write_record(loop, f"{caller.uid} {found.backing_dev} {found.backing_ino}\n")
        if not source.startswith("/dev/"):
            _share_read(loop, caller, grant=True)
    except BaseException:
        LocalRoot().detach_loop(loop)  # a loop nobody may detach must not stay behind
        raise
    return loop


def _write_record(loop: str, text: str) -> None:
    record = _loop_record(loop)
    with open(record + ".new", "w", encoding="ascii") as f:
        f.write(text)
    os.replace(record + ".new", record)


def _share_read(loop: str, caller: Caller, *, grant: bool) -> None:
    """Let the caller read a loop of an image it can read anyway (an ACL entry, r only), so
    probing, raw sampling and hashing work as for root; taken back before the detach."""
    if caller.uid == 0:
        return
    # After udev has handled the attach: its chmod of the node would clear the ACL's mask.
    settle_udev()
    entry = ["-m", f"u:{caller.uid}:r"] if grant else ["-x", f"u:{caller.uid}"]
    nodes = [loop, *sorted(glob.glob(f"{glob.escape(loop)}p[0-9]*"))]
    run_tool(["setfacl", *entry, *nodes], f"{loop}: cannot {'share' if grant else 'unshare'}")


def detach_loop(caller: Caller, device: str) -> str:
    real = _owned_loop(device, caller)
    _share_read(real, caller, grant=False)
    LocalRoot().detach_loop(real)
    os.unlink(_loop_record(real))
    return ""


# -- mounts -----------------------------------------------------------------------------------


def _ensure_dir(path: str, uid: int, gid: int, mode: int) -> None:
    try:
        os.mkdir(path, mode)
        os.chown(path, uid, gid)
        os.chmod(path, mode)
    except FileExistsError:
        pass
    st = os.lstat(path)
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != uid or stat.S_IMODE(st.st_mode) != mode:
        raise Refused(f"{path}: exists, but not as a directory of uid {uid} with mode {mode:o}")


def _ensure_base() -> None:
    _ensure_dir(MOUNT_BASE, 0, 0, 0o755)
    _ensure_dir(LOOP_RECORDS, 0, 0, 0o700)


def prepare(caller: Caller) -> str:
    _ensure_base()
    root = mount_root_for(caller.uid)
    _ensure_dir(root, caller.uid, caller.gid, 0o700)
    return root


def _open_mountpoint(caller: Caller, path: str, *, mounted: bool, empty: bool = True) -> int:
    """An O_PATH descriptor of `path`, walked from the caller's mount root without following a
    symlink; every directory on the way is the caller's (the mounted one may be anyone's)."""
    root = mount_root_for(caller.uid)
    if os.path.normpath(path) != path or not path.startswith(root + "/"):
        raise Refused(f"{path}: not a mount point under Inspector's mount root {root}")
    flags = os.O_PATH | os.O_NOFOLLOW | os.O_DIRECTORY | os.O_CLOEXEC
    try:
        fd = os.open(root, flags)
    except OSError as exc:
        raise Refused(f"{root}: no mount root ({exc.strerror})") from None
    parts = path[len(root) + 1 :].split("/")
    try:
        if os.fstat(fd).st_uid != caller.uid:
            raise Refused(f"{root}: not your mount root")
        for i, part in enumerate(parts):
            try:
                step = os.open(part, flags, dir_fd=fd)
            except OSError as exc:
                why = f"{path}: not a directory path without symlinks ({exc.strerror})"
                raise Refused(why) from None
            os.close(fd)
            fd = step
            last = i == len(parts) - 1
            if not (last and mounted) and os.fstat(fd).st_uid != caller.uid:
                raise Refused(f"{path}: not your directory")
        is_mount = any(entry.mountpoint == path for entry in mount_table())
        if is_mount != mounted:
            raise Refused(f"{path}: {'not' if mounted else 'already'} a mount point")
        if not mounted and empty and os.listdir(f"/proc/self/fd/{fd}"):
            raise Refused(f"{path}: not an empty directory")
        return fd
    except BaseException:
        os.close(fd)
        raise


def _planned_options(driver: str) -> tuple[list[str], str]:
    """The command that mounts with `driver` ("kernel:FS" or "fuse:PROGRAM") and the only
    option string access.py plans for it."""
    kind, _, name = driver.partition(":")
    if kind == "kernel" and name in _KERNEL_OPTIONS:
        return ["mount", "--no-canonicalize", "-t", name], f"{_KERNEL_OPTIONS[name]}"
    fuse = {program: options for program, options in _FUSE.values()}
    if kind == "fuse" and name in fuse:
        program = shutil.which(name, path=SAFE_PATH)
        if program is None:
            raise AccessError(f"{name} is not installed")
        return [program], fuse[name]
    raise Refused(f"mount: {driver!r} is not a driver Inspector mounts with")


def mount(caller: Caller, device: str, mountpoint: str, driver: str, options: str) -> str:
    command, planned = _planned_options(driver)
    wanted = frozenset((*planned.split(","), *SAFE_FLAGS))
    if frozenset(options.split(",")) != wanted or len(options.split(",")) != len(wanted):
        raise Refused(f"mount: options {options!r} are not the read-only set {','.join(wanted)}")
    real = checked_device(device)
    if not get_read_only(real):
        raise Refused(f"{device}: not set read-only; it is not mounted")
    fd = _open_mountpoint(caller, mountpoint, mounted=False)
    before = {(e.device, e.mountpoint) for e in mount_table()}
    try:
        # The kernel mount goes to the walked directory itself; FUSE programs want a path
        # (they resolve it once more), so for them the check after the mount is the guard.
        target = f"/proc/self/fd/{fd}" if command[0] == "mount" else mountpoint
        # A FUSE mount made by root serves root alone unless allow_other; only the caller can
        # reach it anyway, through its 0700 mount root.
        extra = ",allow_other" if command[0] != "mount" and caller.uid != 0 else ""
        run_tool([*command, "-o", options + extra, real, target], f"{device}: cannot mount", (fd,))
    finally:
        os.close(fd)
    _check_new_mounts(before, real, mountpoint)
    return ""


def _check_new_mounts(before: set[tuple[str, str]], device: str, mountpoint: str) -> None:
    """The new mount of `device` is at `mountpoint` and nowhere else; a stray one is undone."""
    new = [e for e in mount_table() if (e.device, e.mountpoint) not in before]
    stray = [e.mountpoint for e in new if e.mountpoint != mountpoint and e.device == device]
    for where in stray:
        _umount2(where.encode(), _MNT_DETACH | _UMOUNT_NOFOLLOW)
    if stray or not any(e.mountpoint == mountpoint for e in new):
        raise Refused(f"{device}: the mount did not land at {mountpoint}; undone")


def remount_bind(caller: Caller, mountpoint: str, options: str) -> str:
    if frozenset(options.split(",")) != REMOUNT_OPTIONS or len(options.split(",")) != 4:
        raise Refused(f"remount-bind: options {options!r} are not {','.join(REMOUNT_OPTIONS)}")
    fd = _open_mountpoint(caller, mountpoint, mounted=True)
    try:
        run_tool(
            ["mount", "--no-canonicalize", "-o", f"remount,bind,{options}", f"/proc/self/fd/{fd}"],
            f"{mountpoint}: cannot re-apply {options}",
            (fd,),
        )
    finally:
        os.close(fd)
    return ""


def _umount2(target: bytes, flags: int) -> int:
    """umount2(2); 0 or the errno. (An open descriptor on the mount would keep it busy, so the
    walked parent is named through /proc/self/fd and the last step is not followed.)"""
    libc = ctypes.CDLL(None, use_errno=True)
    return 0 if libc.umount2(target, flags) == 0 else ctypes.get_errno()


def unmount(caller: Caller, mountpoint: str) -> str:
    os.close(_open_mountpoint(caller, mountpoint, mounted=True))
    parent = _open_mountpoint(caller, os.path.dirname(mountpoint), mounted=False, empty=False)
    target = f"/proc/self/fd/{parent}/{os.path.basename(mountpoint)}".encode()
    try:
        error = 0
        for attempt in range(_UNMOUNT_TRIES):
            error = _umount2(target, _UMOUNT_NOFOLLOW)
            if error != errno.EBUSY:
                break
            time.sleep(0.05 * (attempt + 1))
        if error == errno.EBUSY:  # busy to the end: detach it lazily, nothing stays behind
            error = _umount2(target, _UMOUNT_NOFOLLOW | _MNT_DETACH)
    finally:
        os.close(parent)
    if error:
        raise AccessError(f"{mountpoint}: cannot unmount: {os.strerror(error)}")
    return ""


OPERATIONS: dict[str, Callable[..., str]] = {
    "prepare": prepare,
    "set-read-only": set_read_only,
    "attach-loop": attach_loop,
    "detach-loop": detach_loop,
    "mount": mount,
    "remount-bind": remount_bind,
    "unmount": unmount,
}


def handle(argv: Sequence[str], caller: Caller) -> str:
    """Carry out one request; its output (a loop device, the mount root) or ''."""
    if not argv or argv[0] not in OPERATIONS:
        raise Refused(f"unknown request {' '.join(argv)!r}")
    operation = OPERATIONS[argv[0]]
    arity = operation.__code__.co_argcount - 1
    if len(argv) - 1 != arity:
        raise Refused(f"{argv[0]}: takes {arity} arguments, not {len(argv) - 1}")
    if any("\0" in arg or "\n" in arg for arg in argv):
        raise Refused("arguments with NUL or newline characters are refused")
    return operation(caller, *argv[1:])


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ["PATH"] = SAFE_PATH  # the tools it runs come from the system, whoever asked
    try:
        if os.geteuid() != 0:
            raise Refused("inspector-helper must be started as root (through pkexec)")
        caller = caller_from(os.environ)
        output = handle(args, caller)
    except Refused as exc:
        print(f"inspector-helper: refused: {exc}", file=sys.stderr)
        return 2
    except (AccessError, OSError) as exc:
        print(f"inspector-helper: {exc}", file=sys.stderr)
        return 1
    if output:
        print(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
