"""Read-only access to a drive: set it read-only, attach, mount safely, and undo everything.

Order of defences (docs/read-only.md): BLKROSET on the block device before anything touches it;
images and partitions the kernel did not split are attached as read-only loop devices; every
filesystem is mounted read-only with options that stop journal replay and other writes
(`noload`, `norecovery`, `norecover`), `errors=continue` so a hostile superblock cannot panic the
desk, and `nosuid,nodev,noexec`, into a private directory created and removed here. Each step
registers its undo on an ExitStack, so the end of the scan, an error, a cancel or a vanished
drive all leave nothing behind.
"""

from __future__ import annotations

import dataclasses
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Literal

from inspector.core.errors import BadTargetError
from inspector.core.media.drives.model import Drive, FilesystemInfo, MountedFilesystem, Partition
from inspector.core.media.mounts import MountEntry, mount_table
from inspector.core.media.privileged import AccessError, Privileged
from inspector.core.survey.fsview import DirEntryLike, LocalFS, RootFilteredFS

SAFE_FLAGS = ("nosuid", "nodev", "noexec")
_EXT = ("ext2", "ext3", "ext4")

# Kernel driver options that keep a read-only mount from writing (journal replay, log recovery).
_KERNEL_OPTIONS: dict[str, str] = {
    **dict.fromkeys(_EXT, "ro,noload,errors=continue"),
    "xfs": "ro,norecovery",
    "btrfs": "ro,rescue=nologreplay",
    "vfat": "ro",
    "exfat": "ro",
    "ntfs3": "ro",
    "iso9660": "ro",
    "udf": "ro",
    "hfsplus": "ro",
    "squashfs": "ro",
    "erofs": "ro",
}
# blkid's name of the filesystem → FUSE program and its read-only options.
_FUSE: dict[str, tuple[str, str]] = {
    "ntfs": ("ntfs-3g", "ro,norecover"),
    "exfat": ("mount.exfat-fuse", "ro"),
    "vfat": ("fusefat", "ro"),
}
# blkid's name → the kernel driver that reads it (ext4 reads ext2/3 and knows `noload`).
_KERNEL_DRIVER: dict[str, tuple[str, ...]] = {
    "ext2": ("ext4", "ext2"),
    "ext3": ("ext4", "ext3"),
    "ext4": ("ext4",),
    "ntfs": ("ntfs3",),
}


@dataclass(frozen=True, slots=True)
class MountPlan:
    driver: Literal["kernel", "fuse"]
    fs_type: str | None  # kernel driver name (mount -t)
    program: str | None  # FUSE program
    options: str  # full option string, safe flags included


def kernel_filesystems(path: str = "/proc/filesystems") -> frozenset[str]:
    try:
        with open(path, encoding="ascii", errors="replace") as f:
            return frozenset(line.split()[-1] for line in f if line.split())
    except OSError:
        return frozenset()


def plan_mount(
    fs_type: str, kernel: frozenset[str], fuse_available: frozenset[str] | None = None
) -> MountPlan | None:
    """How to mount `fs_type` read-only here: kernel driver first, else FUSE, else None."""
    for driver in _KERNEL_DRIVER.get(fs_type, (fs_type,)):
        if driver in kernel and driver in _KERNEL_OPTIONS:
            options = ",".join((_KERNEL_OPTIONS[driver], *SAFE_FLAGS))
            return MountPlan("kernel", driver, None, options)
    fuse = _FUSE.get(fs_type)
    if fuse and (fuse_available is None or fuse[0] in fuse_available):
        return MountPlan("fuse", None, fuse[0], ",".join((fuse[1], *SAFE_FLAGS)))
    return None


def installed_fuse_programs() -> frozenset[str]:
    from shutil import which

    return frozenset(prog for prog, _ in _FUSE.values() if which(prog))


def partition_node(disk: str, number: int) -> str:
    """The kernel's name for partition `number` of `disk` (sdb → sdb1, loop0 → loop0p1)."""
    if number == 0:
        return disk
    return f"{disk}p{number}" if disk[-1:].isdigit() else f"{disk}{number}"


def is_block_device(path: str) -> bool:
    try:
        return stat.S_ISBLK(os.stat(path).st_mode)
    except OSError:
        return False


def mounts_of(device: str, table: list[MountEntry] | None = None) -> list[MountEntry]:
    """Mounts of a block device, matched by device number (names can differ: /dev/disk/...)."""
    try:
        rdev = os.stat(device).st_rdev
    except OSError:
        return []
    found = []
    for entry in mount_table() if table is None else table:
        if not entry.device.startswith("/"):
            continue
        try:
            st = os.stat(entry.device)
        except OSError:
            continue
        if stat.S_ISBLK(st.st_mode) and st.st_rdev == rdev:
            found.append(entry)
    return found


def _entry_at(mountpoint: str) -> MountEntry | None:
    found = None
    for entry in mount_table():
        if entry.mountpoint == mountpoint:
            found = entry  # the last one is on top
    return found


def filesystem_info(partition: Partition, root: str) -> FilesystemInfo | None:
    usage = LocalFS().usage(root)
    if usage is None:
        return None
    return FilesystemInfo(
        type=partition.fs_type,
        uuid=partition.fs_uuid,
        label=partition.fs_label,
        size_bytes=usage.size_bytes,
        used_bytes=usage.used_bytes,
        free_bytes=usage.free_bytes,
        fill_ratio=round(usage.fill_ratio, 6),
    )


def fusefat_volume_label(label: str) -> Callable[[DirEntryLike], bool]:
    """fusefat lists a FAT volume-label entry as an empty file in the root directory (a known
    bug of fusefat 0.1): this names exactly that entry, for the view to hide, so counts match
    the filesystem's contents."""
    wanted = label.strip().upper()

    def is_label(entry: DirEntryLike) -> bool:
        if entry.name.upper() != wanted or not entry.is_file(follow_symlinks=False):
            return False
        return entry.stat(follow_symlinks=False).st_size == 0

    return is_label


class MountFailed(AccessError):
    """The mount program refused the filesystem (as opposed to a failure of our own steps)."""


class MountedList(list[MountedFilesystem]):
    """The filesystems of a drive that mounted, and why the others did not: `failures` maps a
    partition number to the mount's one-line complaint. A mount that fails is a finding about
    the evidence (damaged superblock, unsupported feature), not the end of the scan: the
    partition is raw-sampled instead."""

    def __init__(self) -> None:
        super().__init__()
        self.failures: dict[int, str] = {}


class DriveAccess:
    """Mounts one drive's filesystems read-only; `open()` yields them and undoes everything."""

    def __init__(self, priv: Privileged, *, run_dir: str | None = None) -> None:
        self.priv = priv
        self.run_dir = run_dir if run_dir is not None else priv.mount_root
        self.kernel = kernel_filesystems()
        self.fuse = installed_fuse_programs()

    @contextmanager
    def open(self, drive: Drive) -> Iterator[MountedList]:
        if drive.system:
            raise BadTargetError(
                f"{drive.path}: holds the running system's filesystems; it is never mounted "
                "or scanned"
            )
        with ExitStack() as stack:
            existing = {p.path: mounts_of(self._node(drive, p)) for p in drive.partitions}
            if not any(not m.read_only for ms in existing.values() for m in ms):
                # Not while the OS has it mounted read-write: its writes would start failing.
                self.priv.set_read_only(drive.path)
            private = tempfile.mkdtemp(prefix="inspector-ro-", dir=self.run_dir)
            stack.callback(os.rmdir, private)
            mounted = MountedList()
            for partition in drive.partitions:
                reuse = next(iter(existing.get(partition.path, [])), None)
                try:
                    fs = self._mount_partition(stack, drive, partition, private, reuse)
                except MountFailed as exc:
                    mounted.failures[partition.number] = str(exc)
                    continue
                if fs is not None:
                    mounted.append(fs)
            yield mounted

    def _node(self, drive: Drive, partition: Partition) -> str:
        return partition_node(drive.path, partition.number)

    def _mount_partition(
        self,
        stack: ExitStack,
        drive: Drive,
        partition: Partition,
        private: str,
        reuse: MountEntry | None,
    ) -> MountedFilesystem | None:
        where = f"{drive.path} partition {partition.number}" if partition.number else drive.path
        if reuse is not None:
            if reuse.read_only:
                note = f"{where}: already mounted read-only at {reuse.mountpoint}; reused"
            else:
                note = (
                    f"WARNING: {where} is mounted READ-WRITE at {reuse.mountpoint} by the "
                    "operating system: the drive may have changed before inspection; surveyed "
                    "through that mount, device not set read-only"
                )
            options = ",".join(sorted(reuse.options))
            mounted = self._mounted(partition, reuse.mountpoint, f"existing:{options}", (note,))
            return dataclasses.replace(mounted, device_read_only=reuse.read_only)
        plan = plan_mount(partition.fs_type, self.kernel, self.fuse) if partition.fs_type else None
        if plan is None:
            return None  # scan_drive reports partitions that were not mounted
        device = self._partition_device(stack, drive, partition)
        mountpoint = os.path.join(private, f"p{partition.number}")
        os.mkdir(mountpoint, 0o700)
        stack.callback(os.rmdir, mountpoint)
        try:
            self.priv.mount(device, mountpoint, plan.fs_type, plan.options, plan.program)
        except AccessError as exc:
            raise MountFailed(str(exc)) from None
        stack.callback(self.priv.unmount, mountpoint)
        options = self._enforce_read_only(mountpoint, where)
        view = (
            RootFilteredFS(mountpoint, hide=fusefat_volume_label(partition.fs_label))
            if plan.program == "fusefat" and partition.fs_label
            else LocalFS()
        )
        return self._mounted(partition, mountpoint, f"{plan.driver}:{options}", view=view)

    def _partition_device(self, stack: ExitStack, drive: Drive, partition: Partition) -> str:
        """The block device holding `partition`, read-only; an offset loop device when the
        kernel did not split the drive into partitions."""
        if partition.number == 0:
            return drive.path
        node = partition_node(drive.path, partition.number)
        if is_block_device(node):
            self.priv.set_read_only(node)
            return node
        loop = self.priv.attach_loop(
            drive.path, offset=partition.start_bytes, size=partition.size_bytes
        )
        stack.callback(self._release_loop, loop)
        self.priv.set_read_only(loop)
        return loop

    def _release_loop(self, loop: str) -> None:
        """Detach a loop device of our own. Its BLKROSET flag would outlive the detach and make
        the next user's loop silently read-only: clear it first (the loop itself was attached
        read-only, so the device stays read-only until it is gone)."""
        try:
            self.priv.set_read_only(loop, False)
        finally:
            self.priv.detach_loop(loop)

    def _enforce_read_only(self, mountpoint: str, where: str) -> str:
        entry = _entry_at(mountpoint)
        if entry is None:
            raise AccessError(f"{where}: mounted, but the mount is not in the mount table")
        missing = [flag for flag in SAFE_FLAGS if flag not in entry.options]
        if missing or not entry.read_only:
            # FUSE drivers may drop noexec & co.: a read-only bind remount re-applies them.
            self.priv.remount_bind(mountpoint, ",".join(("ro", *SAFE_FLAGS)))
            entry = _entry_at(mountpoint)
            if entry is None or not entry.read_only:
                raise AccessError(f"{where}: the kernel did not keep the mount read-only")
        return ",".join(sorted(entry.options))

    def _mounted(
        self,
        partition: Partition,
        root: str,
        options: str,
        warnings: tuple[str, ...] = (),
        view: LocalFS | None = None,
    ) -> MountedFilesystem:
        info = filesystem_info(partition, root)
        return MountedFilesystem(
            partition=partition,
            view=view or LocalFS(),
            root=root,
            filesystem=info
            or FilesystemInfo(partition.fs_type, partition.fs_uuid, partition.fs_label, 0, 0, 0, 0),
            mount_options=options,
            warnings=warnings,
        )


@contextmanager
def attached_image(priv: Privileged, image: str) -> Iterator[str]:
    """Attach an image file as a read-only loop device (partition scan on); detach on exit."""
    loop = priv.attach_loop(image, partscan=True)
    try:
        priv.set_read_only(loop)
        yield loop
    finally:
        try:
            priv.set_read_only(loop, False)  # our own device: don't leave the flag behind
        finally:
            priv.detach_loop(loop)
