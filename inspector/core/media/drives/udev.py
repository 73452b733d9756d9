"""The real backend: drives from udev (sysfs/blkid where udev knows nothing), hot-plug from a
netlink monitor on the block subsystem, read-only mounts through `DriveAccess`."""

from __future__ import annotations

import contextlib
import errno
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import BinaryIO, cast

import pyudev

from inspector.core.errors import BadTargetError
from inspector.core.media.access import DriveAccess
from inspector.core.media.drives.bays import BayMap
from inspector.core.media.drives.identity import DriveRegistry, dedupe_serials
from inspector.core.media.drives.model import (
    Drive,
    DriveEvent,
    DriveEventKind,
    DriveListener,
    MountedFilesystem,
    Partition,
)
from inspector.core.media.drives.probe import build_drive, system_disks, wanted
from inspector.core.media.drives.sysfs import blkid_probe, is_partition, list_disks, parent_disk
from inspector.core.media.privileged import Privileged, default_privileged, settle_udev
from inspector.core.media.rawio import Window

_MEDIA_PROBE_BYTES = 4096


def udevd_running(proc: str = "/proc") -> bool:
    """Is a udev daemon processing events? (Without it only kernel uevents arrive, and the
    udev database holds no ID_FS_* properties.)"""
    try:
        pids = [p for p in os.listdir(proc) if p.isdigit()]
    except OSError:
        return False
    for pid in pids:
        try:
            with open(os.path.join(proc, pid, "comm"), encoding="utf-8") as f:
                if f.read().strip() in ("systemd-udevd", "udevd"):
                    return True
        except OSError:
            continue
    return False


def _props(device: pyudev.Device | None) -> dict[str, str]:
    if device is None:
        return {}
    return {str(k): str(v) for k, v in device.properties.items()}


class UdevBackend:
    """Drives attached to this machine. Loop devices only with `include_loop`."""

    name = "udev"
    raw_of_mounted = True  # open_raw reads the very blocks the mounts show

    def __init__(
        self,
        *,
        include_loop: bool = False,
        privileged: Callable[[], Privileged] = default_privileged,
        bays: BayMap | None = None,
    ) -> None:
        self.include_loop = include_loop
        self.bays = bays  # port (ID_PATH) → bay label; replaced when the officer edits it
        self._privileged = privileged
        self._context = pyudev.Context()
        self.registry = DriveRegistry()  # identities seen this session (re-plug = same drive)
        self._images: dict[str, str] = {}  # loop name → image file we attached (Open image…)
        self._images_lock = threading.Lock()

    def wants(self, name: str) -> bool:
        """Shown on the desk: drives, loop devices with `include_loop`, and images we opened."""
        with self._images_lock:
            ours = name in self._images
        return ours or wanted(name, self.include_loop)

    def attach_image(self, image: str) -> Drive:
        """Attach an image file as a read-only loop device (partitions scanned) and return its
        drive; detached by `detach_images` (the desk does it on close). Needs root."""
        path = os.path.realpath(image)
        if not os.path.isfile(path):
            raise BadTargetError(f"{image}: not an image file")
        probe = blkid_probe(path)
        if probe is None or not (probe.fs_type or probe.pt_type):
            raise BadTargetError(
                f"{image}: not a disk image (no partition table or filesystem signature found)"
            )
        priv = self._privileged()
        loop = priv.attach_loop(path, partscan=True)
        try:
            priv.set_read_only(loop)
            settle_udev()  # let udev probe the partitions before we read its database
            name = os.path.basename(loop)
            with self._images_lock:
                self._images[name] = path
            drive = self.drive_named(name)
            if drive is None:
                raise BadTargetError(f"{image}: the image is empty")
        except BaseException:
            self._release(loop)
            raise
        [drive] = dedupe_serials([drive])
        self.registry.observe(drive)
        return drive

    def _release(self, loop: str) -> None:
        priv = self._privileged()
        with self._images_lock:
            self._images.pop(os.path.basename(loop), None)
        try:
            priv.set_read_only(loop, False)  # our own device: don't leave the flag behind
        finally:
            priv.detach_loop(loop)

    def detach_images(self) -> None:
        """Detach every image this backend attached (errors are not raised: closing the desk)."""
        with self._images_lock:
            names = list(self._images)
        for name in names:
            # already gone (detached by hand): nothing left to release
            with contextlib.suppress(OSError):
                self._release(f"/dev/{name}")

    def _device(self, name: str) -> pyudev.Device | None:
        try:
            return pyudev.Devices.from_name(self._context, "block", name)
        except (pyudev.DeviceNotFoundError, OSError, ValueError):
            return None

    def drive_named(self, name: str, system: frozenset[str] | None = None) -> Drive | None:
        """The Drive for whole disk `name` (e.g. "sdb"), or None if absent or without medium."""
        device = self._device(name)
        children: dict[int, Mapping[str, str]] = {}
        if device is not None:
            for child in device.children:
                props = _props(child)
                if props.get("DEVTYPE") == "partition" and props.get("PARTN", "").isdigit():
                    children[int(props["PARTN"])] = props
        return build_drive(
            name,
            _props(device),
            children,
            system_disks() if system is None else system,
            bays=self.bays,
        )

    def drives(self) -> list[Drive]:
        system = system_disks()
        found = []
        for name in list_disks():
            if not self.wants(name):
                continue
            drive = self.drive_named(name, system)
            if drive is not None:
                found.append(drive)
        found = dedupe_serials(found)
        for drive in found:
            self.registry.observe(drive)
        return found

    def drive_at(self, path: str) -> Drive | None:
        """The drive holding block device `path` (a disk, or a partition of one)."""
        name = os.path.basename(os.path.realpath(path))
        return self.drive_named(parent_disk(name)) if os.path.exists(path) else None

    def open_raw(self, drive: Drive, partition: Partition) -> BinaryIO:
        """A partition's bytes read straight from its disk (O_RDONLY, never mounted): for raw
        sampling of what cannot be mounted. Number 0 is the whole drive."""
        if drive.system:
            raise PermissionError(errno.EPERM, "the system disk is never read", drive.path)
        size = partition.size_bytes or drive.capacity_bytes
        return cast(BinaryIO, Window(drive.path, partition.start_bytes, size, direct=True))

    def present(self, drive: Drive) -> bool:
        """Is the medium still there? The node exists, has a size, and its first block reads
        (bypassing the page cache). A loop device whose image shrank below it lost its medium."""
        name = os.path.basename(drive.path)
        if not os.path.exists(drive.path) or not os.path.exists(f"/sys/class/block/{name}"):
            return False
        backing = drive.backing_file
        if backing is not None and os.path.exists(backing):  # " (deleted)": still readable
            try:
                if os.path.getsize(backing) < drive.capacity_bytes:
                    return False
            except OSError:
                return False
        return _first_block_reads(drive.path)

    def watch(self, listener: DriveListener) -> _UdevWatch:
        return _UdevWatch(self, listener)

    @contextmanager
    def mount(self, drive: Drive) -> Iterator[list[MountedFilesystem]]:
        with DriveAccess(self._privileged()).open(drive) as mounted:
            yield mounted


def _first_block_reads(path: str) -> bool:
    import mmap

    flags = os.O_RDONLY | os.O_CLOEXEC | getattr(os, "O_DIRECT", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return False
    try:
        buf = mmap.mmap(-1, _MEDIA_PROBE_BYTES)  # page-aligned, as O_DIRECT wants
        try:
            return os.preadv(fd, [buf], 0) > 0
        finally:
            buf.close()
    except OSError:
        return False
    finally:
        os.close(fd)


class _UdevWatch:
    """Netlink monitor in a background thread: add/change/remove of whole disks as DriveEvents.

    Loop devices send `change` on attach/detach of an existing device and `add`/`remove` when
    the device itself is created or deleted (LOOP_CTL_ADD/REMOVE): both are handled by
    re-reading the disk and comparing with what was known.
    """

    def __init__(self, backend: UdevBackend, listener: DriveListener) -> None:
        self.backend = backend
        self.listener = listener
        self.errors: list[str] = []  # listener or probe failures, kept for diagnosis
        self._lock = threading.Lock()
        source = "udev" if udevd_running() else "kernel"
        monitor = pyudev.Monitor.from_netlink(backend._context, source=source)
        monitor.filter_by("block")
        # Subscribe before taking the snapshot: an event in between is queued, not lost.
        monitor.start()
        self.source = source
        self._known: dict[str, Drive] = {os.path.basename(d.path): d for d in backend.drives()}
        self._observer = pyudev.MonitorObserver(
            monitor, callback=self._on_event, name="inspector-udev-watch", daemon=True
        )
        self._observer.start()

    def stop(self) -> None:
        self._observer.stop()

    def _on_event(self, device: pyudev.Device) -> None:
        try:
            self._handle(device)
        except Exception as exc:  # the monitor thread must survive one bad event
            self.errors.append(f"{device.sys_name} {device.action}: {type(exc).__name__}: {exc}")

    def _handle(self, device: pyudev.Device) -> None:
        name = str(device.sys_name)
        if device.properties.get("DEVTYPE") == "partition" or is_partition(name):
            parent = device.find_parent("block", "disk")
            name = str(parent.sys_name) if parent is not None else parent_disk(name)
        if not self.backend.wants(name):
            return
        gone = device.action == "remove" and device.properties.get("DEVTYPE") == "disk"
        drive = None if gone else self.backend.drive_named(name)
        with self._lock:
            before = self._known.get(name)
            if drive is None:
                if before is None:
                    return
                del self._known[name]
                event = DriveEvent(DriveEventKind.REMOVED, before)
            else:
                others = [d for n, d in self._known.items() if n != name]
                drive = dedupe_serials([*others, drive])[-1]
                if drive == before:
                    return
                self._known[name] = drive
                seen = self.backend.registry.observe(drive)
                kind = DriveEventKind.ADDED if before is None else DriveEventKind.CHANGED
                event = DriveEvent(kind, drive, seen_before=seen)
        self.listener(event)
