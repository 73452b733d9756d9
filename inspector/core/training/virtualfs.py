"""A read-only `FileSystemView` of a simulated drive: listings and bytes generated on demand.

The real survey, sampler and sniffers walk it exactly as they walk a mounted filesystem:
directory listings are produced when asked (nothing is held per file), `stat` gives apparent
size and realistic `st_blocks`, and `open_read` returns a seekable file whose bytes come from
the format generators. Writes are impossible: there is no method that could write.
"""

from __future__ import annotations

import errno
import io
import os
import stat as stat_mod
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import BinaryIO, cast

from inspector.core.survey.fsview import DirEntryLike, FsUsage, StatLike
from inspector.core.training.formats import VFile
from inspector.core.training.layout import FS_BLOCK, DrivePlan, EntryPlan

_FILE_MODE = stat_mod.S_IFREG | 0o444
_DIR_MODE = stat_mod.S_IFDIR | 0o555
# Budgets of simulated drives are in *drive time*: each read costs what a random read costs an
# 80 TB HDD in elevator order (150 IOPS, docs/DOMAIN.md). Sampling then stops where it would on
# a real drive, and at the same sample on any machine: the same seed gives the same figures.
SECONDS_PER_READ = 1 / 150
MAX_CACHED_ENTRIES = 500_000  # ~75 MB at most; beyond, listings are generated again


class _Entry:
    """A directory entry that is its own stat result (one object per listed file)."""

    __slots__ = ("name", "path", "st_blocks", "st_dev", "st_ino", "st_mode", "st_size")
    st_nlink = 1

    def __init__(self, name: str, path: str, mode: int, size: int, ino: int, dev: int) -> None:
        self.name = name
        self.path = path
        self.st_mode = mode
        self.st_size = size
        self.st_ino = ino
        self.st_dev = dev
        self.st_blocks = (size + 4095) // 4096 * 8  # 4 KiB filesystem blocks, in 512 B units

    def is_dir(self, *, follow_symlinks: bool = True) -> bool:
        return self.st_mode == _DIR_MODE

    def is_file(self, *, follow_symlinks: bool = True) -> bool:
        return self.st_mode == _FILE_MODE

    def is_symlink(self) -> bool:
        return False

    def stat(self, *, follow_symlinks: bool = True) -> _Entry:
        return self


class _Listing:
    def __init__(self, entries: Iterator[_Entry]) -> None:
        self._entries = entries

    def __enter__(self) -> Iterator[DirEntryLike]:
        return self._entries

    def __exit__(self, *exc: object) -> None:
        return None


class VirtualFile(io.RawIOBase):
    """A seekable, read-only file whose bytes are generated for the range read."""

    def __init__(
        self, vfile: VFile, read: object, on_read: Callable[[], None] | None = None
    ) -> None:
        super().__init__()
        self._vfile = vfile
        self._read = read
        self._pos = 0
        self._on_read = on_read

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: self._vfile.size}[whence]
        if base + offset < 0:
            raise OSError(errno.EINVAL, "negative seek position")
        self._pos = base + offset
        return self._pos

    def tell(self) -> int:
        return self._pos

    def read(self, size: int | None = -1) -> bytes:
        if self.closed:
            raise ValueError("read of closed file")
        remaining = max(0, self._vfile.size - self._pos)
        n = remaining if size is None or size < 0 else min(size, remaining)
        if n == 0:
            return b""
        data: bytes = self._read(self._vfile, self._pos, n)  # type: ignore[operator]
        if self._on_read is not None:
            self._on_read()
        self._pos += len(data)
        return data

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class VirtualFS:
    """The filesystem of one simulated drive, mounted (read-only) at `root`."""

    def __init__(self, plan: DrivePlan, root: str, dev: int) -> None:
        self.plan = plan
        self.root = root.rstrip("/") or "/"
        self.dev = dev
        # Listings are kept while the drive is mounted: the sampler walks the tree a second
        # time to map its draws, and rebuilding 80,000 entries costs more than keeping them.
        self._listings: dict[str, list[_Entry]] = {}
        self._cached_entries = 0
        self.reads = 0  # reads served: the drive time they would cost drives the sampler's clock

    def _relative(self, path: str) -> str:
        root = self.root
        if path == root or path == root + "/":
            return ""
        prefix = root if root.endswith("/") else root + "/"
        if not path.startswith(prefix):
            raise FileNotFoundError(errno.ENOENT, "not on this drive", path)
        rel = path[len(prefix) :].strip("/")
        if "//" in rel or any(p in (".", "..") for p in rel.split("/")):
            raise FileNotFoundError(errno.ENOENT, "no such file", path)
        return rel

    def _file(self, path: str) -> tuple[EntryPlan, int]:
        rel = self._relative(path)
        parent, _, name = rel.rpartition("/")
        node = self.plan.dirs.get(parent)
        if node is not None:
            for entry, start, stop in node.files:
                i = entry.index_of(name)
                if i is not None and start <= i < stop:
                    return entry, i
        raise FileNotFoundError(errno.ENOENT, "no such file", path)

    def scandir(self, path: str) -> AbstractContextManager[Iterator[DirEntryLike]]:
        rel = self._relative(path)
        node = self.plan.dirs.get(rel)
        if node is None:
            raise FileNotFoundError(errno.ENOENT, "no such directory", path)
        cached = self._listings.get(path)
        if cached is not None:
            return _Listing(iter(cached))
        entries = list(self._entries(path.rstrip("/") or "/", rel))
        if self._cached_entries + len(entries) <= MAX_CACHED_ENTRIES:
            self._listings[path] = entries
            self._cached_entries += len(entries)
        return _Listing(iter(entries))

    def _entries(self, path: str, rel: str) -> Iterator[_Entry]:
        node = self.plan.dirs[rel]
        prefix = path if path.endswith("/") else path + "/"
        dev = self.dev
        for name in node.dirs:
            child = self.plan.dirs[f"{rel}/{name}" if rel else name]
            yield _Entry(name, prefix + name, _DIR_MODE, FS_BLOCK, child.ino, dev)
        for entry, start, stop in node.files:
            base = ((entry.index + 1) << 40) + start
            for n, (name, size) in enumerate(entry.listing(start, stop)):
                yield _Entry(name, prefix + name, _FILE_MODE, size, base + n, dev)

    def lstat(self, path: str) -> StatLike:
        rel = self._relative(path)
        node = self.plan.dirs.get(rel)
        name = rel.rpartition("/")[2] or "/"
        if node is not None:
            return _Entry(name, path, _DIR_MODE, FS_BLOCK, node.ino, self.dev)
        entry, i = self._file(path)
        return _Entry(
            name, path, _FILE_MODE, entry.file_size(i), ((entry.index + 1) << 40) + i, self.dev
        )

    def open_read(self, path: str) -> BinaryIO:
        entry, i = self._file(path)
        vfile = entry.vfile(i)
        # unbuffered: a buffer would generate bytes nobody asked for (the sniffers' reads are
        # already large and few)
        return cast(BinaryIO, VirtualFile(vfile, entry.format.read, self._count_read))

    def _count_read(self) -> None:
        self.reads += 1

    def drive_seconds(self, seconds_per_read: float) -> Callable[[], float]:
        """A clock of simulated drive time: the reads served so far, at a real drive's cost
        each. Sampling budgets run on it, so a training run stops at the same sample whatever
        the machine (same seed, same JSON) and as a desk would on a real drive."""
        return lambda: self.reads * seconds_per_read

    def sampling_clock(self) -> Callable[[], float]:
        return self.drive_seconds(SECONDS_PER_READ)

    def usage(self, path: str) -> FsUsage | None:
        used = self.plan.used_bytes
        size = self.plan.fs_size
        return FsUsage(size_bytes=size, used_bytes=used, free_bytes=size - used)
