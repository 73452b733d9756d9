"""A read-only `FileSystemView` of a simulated drive: listings and bytes generated on demand.

The real survey, sampler and sniffers walk it exactly as they walk a mounted filesystem:
directory listings are produced when asked (nothing is held per file), `stat` gives apparent
size and realistic `st_blocks`, and `open_read` returns a seekable file whose bytes come from
the format generators. Writes are impossible: there is no method that could write.
"""

from __future__ import annotations

import errno
import functools
import io
import os
import stat as stat_mod
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from itertools import repeat
from typing import BinaryIO, NamedTuple, cast

from inspector.core.survey.fsview import DirEntryLike, FileRun, FsUsage, StatLike
from inspector.core.training.drivetime import DIRENT_BYTES, DriveTime
from inspector.core.training.formats import VFile
from inspector.core.training.layout import FS_BLOCK, DirNode, DrivePlan, EntryPlan

_FILE_MODE = stat_mod.S_IFREG | 0o444
_DIR_MODE = stat_mod.S_IFDIR | 0o555
# Budgets of simulated drives are in *drive time* (drivetime.py): listings, inode reads and file
# reads cost what they cost a hard disk, so sampling stops where it would on a real drive, and at
# the same sample on any machine: the same seed gives the same figures.
MAX_CACHED_ENTRIES = 500_000  # ~75 MB at most; beyond, listings are generated again
STREAMED_LISTING = 100_000  # a directory with more entries is generated as it is iterated
CHUNK = 65_536  # files generated at a time
MAX_CACHED_NAMES = 1_000_000  # ~80 MB at most, shared by a backend's drives


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


class _FileFields(NamedTuple):
    name: str
    st_size: int
    st_blocks: int
    st_ino: int
    st_dev: int
    parent: str  # the directory's path with its trailing slash


class _FileEntry(_FileFields):
    """A regular file's directory entry, its own stat result. Listings of a drive hold millions
    of them: a named tuple made by `tuple.__new__` in C (`_new_file`, fed by `zip`) costs a
    fifth of an object with an `__init__`, and its fields are read by C accessors."""

    __slots__ = ()
    st_mode = _FILE_MODE
    st_nlink = 1

    @property
    def path(self) -> str:
        return self.parent + self.name

    def is_dir(self, *, follow_symlinks: bool = True) -> bool:
        return False

    def is_file(self, *, follow_symlinks: bool = True) -> bool:
        return True

    def is_symlink(self) -> bool:
        return False

    def stat(self, *, follow_symlinks: bool = True) -> _FileEntry:
        return self


_new_file = cast(
    Callable[[tuple[str, int, int, int, int, str]], _FileEntry],
    functools.partial(tuple.__new__, _FileEntry),
)


class NameCache:
    """File names of listed chunks, shared by the drives of one backend: the drives of one
    recipe hold the same names (only sizes and bytes differ), so 60 drives name their files
    once. Bounded: past `MAX_CACHED_NAMES` it starts again."""

    def __init__(self) -> None:
        self._names: dict[tuple[str, str, str, str, int, int], list[str]] = {}
        self._held = 0

    def names(self, entry: EntryPlan, start: int, stop: int) -> list[str]:
        if entry.disguises:
            return entry.names(start, stop)  # disguised names depend on the drive's key
        key = (entry.prefix, entry.field_spec, entry.suffix, entry.format.ext, start, stop)
        known = self._names.get(key)
        if known is None:
            known = entry.names(start, stop)
            if self._held + len(known) > MAX_CACHED_NAMES:
                self._names.clear()
                self._held = 0
            self._names[key] = known
            self._held += len(known)
        return known


class _Run:
    """A chunk of one content entry's files as a `FileRun`: sizes computed in numpy, names
    made only for the files a draw lands on (the entry's files are not disguised)."""

    __slots__ = ("_names", "_sizes", "blocks", "bytes", "count", "entry", "first")

    def __init__(self, entry: EntryPlan, start: int, stop: int, names: NameCache) -> None:
        self.entry = entry
        self._names = names
        self.first = start
        self.count = stop - start
        self._sizes = sizes = entry.size_array(start, stop)
        self.bytes = int(sizes.sum())
        self.blocks = int(((sizes + 4095) // 4096).sum()) * 8  # 4 KiB blocks, in 512 B units

    def name(self, i: int) -> str:
        return self.entry.plain_name(self.first + i)

    def names(self) -> list[str]:
        return self._names.names(self.entry, self.first, self.first + self.count)

    def sizes(self) -> list[int]:
        sizes: list[int] = self._sizes.tolist()
        return sizes

    def namer(self) -> Callable[[int], str]:
        return functools.partial(_name_in_entry, self.entry, self.first)


def _name_in_entry(entry: EntryPlan, first: int, i: int) -> str:
    return entry.plain_name(first + i)


class _Listing:
    def __init__(self, entries: Iterator[DirEntryLike]) -> None:
        self._entries = entries

    def __enter__(self) -> Iterator[DirEntryLike]:
        return self._entries

    def __exit__(self, *exc: object) -> None:
        return None


class VirtualFile(io.RawIOBase):
    """A seekable, read-only file whose bytes are generated for the range read."""

    def __init__(
        self, vfile: VFile, read: object, on_read: Callable[[int, int], None] | None = None
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
        if whence == os.SEEK_SET:
            base = 0
        elif whence == os.SEEK_CUR:
            base = self._pos
        elif whence == os.SEEK_END:
            base = self._vfile.size
        else:
            raise ValueError(f"invalid whence ({whence})")
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
            self._on_read(self._pos, len(data))
        self._pos += len(data)
        return data

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class VirtualFS:
    """The filesystem of one simulated drive, mounted (read-only) at `root`."""

    def __init__(
        self,
        plan: DrivePlan,
        root: str,
        dev: int,
        drive: DriveTime | None = None,
        names: NameCache | None = None,
    ) -> None:
        self.plan = plan
        self.root = root.rstrip("/") or "/"
        self.dev = dev
        # Listings are kept while the drive is mounted (random descents come back to the
        # directories near the root); the drive is charged for the first listing only.
        self._listings: dict[str, list[DirEntryLike]] = {}
        self._listed: set[str] = set()  # directories whose metadata is in the page cache
        self._cached_entries = 0
        self.reads = 0  # file reads served
        self.drive = drive if drive is not None else DriveTime(plan.fs_size)
        self.names = names if names is not None else NameCache()

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
        self._charge_listing(rel, node)
        cached = self._listings.get(path)
        if cached is not None:
            return _Listing(iter(cached))
        if node.entries > STREAMED_LISTING:  # millions of entries: never all in memory
            return _Listing(self._entries(path.rstrip("/") or "/", rel))
        entries = list(self._entries(path.rstrip("/") or "/", rel))
        if self._cached_entries + len(entries) <= MAX_CACHED_ENTRIES:
            self._listings[path] = entries
            self._cached_entries += len(entries)
        return _Listing(iter(entries))

    def listing_runs(self, path: str) -> tuple[list[DirEntryLike], list[FileRun]] | None:
        """The listing as the walk and the descents count it: directories, then runs of
        files (`FileRun`), the same order and figures as `scandir`. A directory holding
        disguised files is listed by scandir (their names vary within a run)."""
        rel = self._relative(path)
        node = self.plan.dirs.get(rel)
        if node is None:
            raise FileNotFoundError(errno.ENOENT, "no such directory", path)
        if any(entry.disguises for entry, _, _ in node.files):
            return None
        self._charge_listing(rel, node)
        runs: list[FileRun] = [
            _Run(entry, chunk, min(stop, chunk + CHUNK), self.names)
            for entry, start, stop in node.files
            for chunk in range(start, stop, CHUNK)
        ]
        return self._dir_entries(path.rstrip("/") or "/", rel, node), runs

    def _charge_listing(self, rel: str, node: DirNode) -> None:
        """The drive is charged for a directory's first listing (then it is in the cache)."""
        if rel not in self._listed:
            self._listed.add(rel)
            self.drive.list_directory(self.plan.position_of(node), node.entries)

    def _dir_entries(self, path: str, rel: str, node: DirNode) -> list[DirEntryLike]:
        prefix = path if path.endswith("/") else path + "/"
        out: list[DirEntryLike] = []
        for name in node.dirs:
            child = self.plan.dirs[f"{rel}/{name}" if rel else name]
            out.append(
                _Entry(name, prefix + name, _DIR_MODE, _dir_size(child), child.ino, self.dev)
            )
        return out

    def _entries(self, path: str, rel: str) -> Iterator[DirEntryLike]:
        node = self.plan.dirs[rel]
        prefix = path if path.endswith("/") else path + "/"
        dev = self.dev
        yield from self._dir_entries(path, rel, node)
        for entry, start, stop in node.files:
            for chunk in range(start, stop, CHUNK):  # bounded memory in huge directories
                end = min(stop, chunk + CHUNK)
                array = entry.size_array(chunk, end)
                sizes = array.tolist()
                blocks = ((array + 4095) // 4096 * 8).tolist()  # 4 KiB blocks, in 512 B units
                base = ((entry.index + 1) << 40) + chunk
                inodes = range(base, base + end - chunk)
                names = self.names.names(entry, chunk, end)
                yield from map(
                    _new_file, zip(names, sizes, blocks, inodes, repeat(dev), repeat(prefix))
                )

    def lstat(self, path: str) -> StatLike:
        rel = self._relative(path)
        node = self.plan.dirs.get(rel)
        name = rel.rpartition("/")[2] or "/"
        if node is not None:
            return _Entry(name, path, _DIR_MODE, _dir_size(node), node.ino, self.dev)
        entry, i = self._file(path)
        if rel.rpartition("/")[0] not in self._listed:  # its inode is not in the page cache
            self.drive.stat(entry.position(i))
        return _Entry(
            name, path, _FILE_MODE, entry.file_size(i), ((entry.index + 1) << 40) + i, self.dev
        )

    def open_read(self, path: str) -> BinaryIO:
        entry, i = self._file(path)
        vfile = entry.vfile(i)
        start = entry.position(i)

        def charge(offset: int, nbytes: int) -> None:
            self.reads += 1
            self.drive.access(start + offset, nbytes)

        # unbuffered: a buffer would generate bytes nobody asked for (the sniffers' reads are
        # already large and few)
        return cast(BinaryIO, VirtualFile(vfile, entry.format.read, charge))

    def sampling_clock(self) -> Callable[[], float]:
        """Simulated drive time: budgets and progress of a training scan run on it, so a run
        stops at the same sample whatever the machine (same seed, same JSON) and where a desk
        would stop on a real drive."""
        return self.drive.now

    def usage(self, path: str) -> FsUsage | None:
        used = self.plan.used_bytes
        size = self.plan.fs_size
        inodes = self.plan.files + len(self.plan.dirs)
        return FsUsage(size_bytes=size, used_bytes=used, free_bytes=size - used, inodes_used=inodes)


def _dir_size(node: DirNode) -> int:
    """A directory's st_size as ext4 reports it: its entry blocks (it grows with the entries,
    which is what random descents weigh their choice of branch by)."""
    return max(FS_BLOCK, -(-node.entries * DIRENT_BYTES // FS_BLOCK) * FS_BLOCK)
