"""A folder-backed DriveBackend for GUI tests: each drive is a temp folder read through LocalFS.

Hot-plug events are sent from a background thread, as real backends do, so the bridge's
queued delivery to the GUI thread is exercised.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from inspector.core.media.drives.model import (
    Drive,
    DriveEvent,
    DriveEventKind,
    DriveListener,
    FilesystemInfo,
    MountedFilesystem,
    Partition,
)
from inspector.core.survey.fsview import FileSystemView, LocalFS


class GateFS(LocalFS):
    """LocalFS whose listings wait for `gate` — lets a test hold a scan mid-walk."""

    def __init__(self, gate: threading.Event) -> None:
        super().__init__()
        self.gate = gate

    def scandir(self, path: str):  # type: ignore[override]
        self.gate.wait(10)
        return super().scandir(path)

    def dir_fd(self, path: str) -> int | None:  # the survey's C lister lists through this
        self.gate.wait(10)
        return super().dir_fd(path)


class _Watch:
    def __init__(self, backend: FolderBackend) -> None:
        self._backend = backend

    def stop(self) -> None:
        self._backend.listener = None


class FolderBackend:
    name = "folder (test)"

    def __init__(self) -> None:
        self._drives: dict[str, tuple[Drive, Path]] = {}
        self.listener: DriveListener | None = None
        self.view: FileSystemView = LocalFS()
        self.mount_error: OSError | None = None
        self.fs_sizes: dict[str, int] = {}  # identity -> filesystem size (default: capacity)
        self.mounted = threading.Event()  # set once a mount has been handed to a scan

    @staticmethod
    def make_drive(
        folder: Path, serial: str, bay: str, capacity: int, warnings: tuple[str, ...] = ()
    ) -> Drive:
        part = Partition(str(folder), 0, 0, capacity, "ext4", None, serial)
        return Drive(
            identity=f"test:{serial}",
            path=f"/dev/test-{serial}",
            model="TestDisk 80T",
            vendor="Test",
            serial=serial,
            wwn=None,
            bus="simulated",
            port_path=None,
            bay=bay,
            capacity_bytes=capacity,
            partitions=(part,),
            warnings=warnings,
        )

    def drives(self) -> list[Drive]:
        return [d for d, _ in self._drives.values()]

    def watch(self, listener: DriveListener) -> _Watch:
        self.listener = listener
        return _Watch(self)

    def _send(self, event: DriveEvent) -> None:
        listener = self.listener
        if listener is not None:
            t = threading.Thread(target=listener, args=(event,))
            t.start()
            t.join()

    def plug(self, drive: Drive, folder: Path) -> None:
        self._drives[drive.identity] = (drive, folder)
        self._send(DriveEvent(DriveEventKind.ADDED, drive))

    def pull(self, drive: Drive) -> None:
        self._drives.pop(drive.identity, None)
        self._send(DriveEvent(DriveEventKind.REMOVED, drive))

    @contextmanager
    def mount(self, drive: Drive) -> Iterator[list[MountedFilesystem]]:
        if self.mount_error is not None:
            raise self.mount_error
        if drive.identity not in self._drives:
            raise OSError(19, "No such device")
        _, folder = self._drives[drive.identity]
        used = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        size = self.fs_sizes.get(drive.identity, drive.capacity_bytes)
        fs = FilesystemInfo("ext4", None, None, size, used, size - used, used / size)
        self.mounted.set()
        yield [MountedFilesystem(drive.partitions[0], self.view, str(folder), fs, "ro,noload")]
