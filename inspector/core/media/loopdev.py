"""Read-only loop devices through the kernel's ioctls, on a file descriptor already open.

The privileged helper attaches exactly the file the officer's own process could open: it opens
the image with the caller's identity and hands that descriptor to LOOP_CONFIGURE, so no path
is looked up again as root (a path handed to losetup could be swapped for another file in
between). LOOP_GET_STATUS64 tells which file a loop device holds and whether it is read-only.
"""

from __future__ import annotations

import errno
import fcntl
import os
import struct
import time
from dataclasses import dataclass

LOOP_CTL_GET_FREE = 0x4C82
LOOP_CONFIGURE = 0x4C0A  # Linux >= 5.8: set the backing fd and the flags in one call
LOOP_GET_STATUS64 = 0x4C05
LO_FLAGS_READ_ONLY = 1
LO_FLAGS_PARTSCAN = 8
# struct loop_info64: device, inode, rdevice, offset, sizelimit (u64); number, encrypt_type,
# encrypt_key_size, flags (u32); file_name[64], crypt_name[64], encrypt_key[32]; init[2] (u64)
_INFO = struct.Struct("=5Q4I64s64s32s2Q")
# struct loop_config: fd, block_size (u32); info; __reserved[8] (u64)
_CONFIG = struct.Struct(f"=2I{_INFO.size}s8Q")
_TRIES = 20


class LoopError(OSError):
    """The kernel refused a loop operation (the message says which and why)."""


@dataclass(frozen=True, slots=True)
class LoopStatus:
    backing_dev: int  # st_dev of the backing file
    backing_ino: int
    read_only: bool


def status(device: str) -> LoopStatus | None:
    """What loop `device` holds, or None when it is not a loop device or holds nothing."""
    try:
        fd = os.open(device, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        raw = fcntl.ioctl(fd, LOOP_GET_STATUS64, bytes(_INFO.size))
    except OSError:
        return None  # ENXIO: unattached; ENOTTY: not a loop device
    finally:
        os.close(fd)
    fields = _INFO.unpack(raw)
    return LoopStatus(fields[0], fields[1], bool(fields[8] & LO_FLAGS_READ_ONLY))


def attach_read_only(
    backing_fd: int, *, offset: int = 0, size: int | None = None, partscan: bool = False
) -> str:
    """Attach the open file `backing_fd` to a free loop device, read-only; return its path."""
    flags = LO_FLAGS_READ_ONLY | (LO_FLAGS_PARTSCAN if partscan else 0)
    info = _INFO.pack(0, 0, 0, offset, size or 0, 0, 0, 0, flags, b"", b"", b"", 0, 0)
    config = _CONFIG.pack(backing_fd, 0, info, *([0] * 8))
    control = os.open("/dev/loop-control", os.O_RDWR | os.O_CLOEXEC)
    try:
        for _ in range(_TRIES):
            number = fcntl.ioctl(control, LOOP_CTL_GET_FREE)
            device = f"/dev/loop{number}"
            loop = _open_node(device)
            try:
                fcntl.ioctl(loop, LOOP_CONFIGURE, config)
                return device
            except OSError as exc:
                if exc.errno != errno.EBUSY:
                    why = f"cannot attach a loop device: {exc.strerror}"
                    raise LoopError(exc.errno, why) from None
                # another process took this free device first: ask for the next one
            finally:
                os.close(loop)
    finally:
        os.close(control)
    raise LoopError(errno.EBUSY, "cannot attach a loop device: every free one was taken")


def _open_node(device: str) -> int:
    """Open a loop device just created by LOOP_CTL_GET_FREE (devtmpfs may lag behind)."""
    for _ in range(_TRIES):
        try:
            return os.open(device, os.O_RDONLY | os.O_CLOEXEC)
        except FileNotFoundError:
            time.sleep(0.05)
    return os.open(device, os.O_RDONLY | os.O_CLOEXEC)
