"""The read-only view of a filesystem that survey and content identification walk.

`LocalFS` is the real thing (os.scandir, O_RDONLY|O_NOATIME); the training mode supplies a
virtual view with the same shape, so the real survey and sniffers run on simulated drives.
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import BinaryIO, Protocol


class StatLike(Protocol):
    @property
    def st_mode(self) -> int: ...
    @property
    def st_ino(self) -> int: ...
    @property
    def st_dev(self) -> int: ...
    @property
    def st_nlink(self) -> int: ...
    @property
    def st_size(self) -> int: ...
    @property
    def st_blocks(self) -> int: ...


class DirEntryLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def path(self) -> str: ...
    def is_dir(self, *, follow_symlinks: bool = ...) -> bool: ...
    def is_file(self, *, follow_symlinks: bool = ...) -> bool: ...
    def is_symlink(self) -> bool: ...
    def stat(self, *, follow_symlinks: bool = ...) -> StatLike: ...


@dataclass(frozen=True, slots=True)
class FsUsage:
    """Space of the filesystem holding a path, as statvfs reports it (df's definitions)."""

    size_bytes: int
    used_bytes: int
    free_bytes: int
    inodes_used: int | None = None  # files, directories and the rest; None when not reported

    @property
    def fill_ratio(self) -> float:
        usable = self.used_bytes + self.free_bytes
        return self.used_bytes / usable if usable else 0.0


class FileSystemView(Protocol):
    """What the pipeline needs from a filesystem: list, stat, open read-only, usage."""

    def scandir(self, path: str) -> AbstractContextManager[Iterator[DirEntryLike]]: ...
    def lstat(self, path: str) -> StatLike: ...
    def open_read(self, path: str) -> BinaryIO: ...
    def usage(self, path: str) -> FsUsage | None: ...


_NOATIME = getattr(os, "O_NOATIME", 0)
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


_DIR_FLAGS = (
    os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
)
_CHUNK = 3000  # bytes of path opened per step; below PATH_MAX (4096)


def open_long(path: str, flags: int) -> int:
    """os.open that also reaches paths longer than PATH_MAX, one chunk of components at a time
    relative to the previous directory (trees 5,000 levels deep exist on hostile media)."""
    try:
        return os.open(path, flags)
    except OSError as exc:
        if exc.errno != errno.ENAMETOOLONG:
            raise
    parts = path.split("/")
    fd = os.open("/" if path.startswith("/") else ".", _DIR_FLAGS)
    try:
        parts = [p for p in parts if p]
        while parts:
            chunk: list[str] = []
            size = 0
            while parts and size + len(parts[0]) + 1 < _CHUNK:
                size += len(parts[0]) + 1
                chunk.append(parts.pop(0))
            if not chunk:  # one name longer than the chunk: the kernel will say why
                chunk.append(parts.pop(0))
            nxt = os.open("/".join(chunk), flags if not parts else _DIR_FLAGS, dir_fd=fd)
            os.close(fd)
            fd = nxt
        return fd
    except BaseException:
        os.close(fd)
        raise


def open_evidence_fd(path: str) -> int:
    """Open a file of the evidence read-only, not following symlinks, without touching atime;
    the caller closes the descriptor.

    O_NOATIME needs ownership or CAP_FOWNER; without it we fall back to a plain read-only open
    (on a read-only mount atime cannot change anyway).
    """
    try:
        return open_long(path, _READ_FLAGS | _NOATIME)
    except PermissionError:
        if not _NOATIME:
            raise
        return open_long(path, _READ_FLAGS)


def open_evidence(path: str) -> BinaryIO:
    """`open_evidence_fd` as an unbuffered file object."""
    return os.fdopen(open_evidence_fd(path), "rb", buffering=0)


class _DirListing:
    """os.scandir over a directory fd, opened eagerly so that errors (EACCES, ENOENT) surface
    when the listing is requested, as with os.scandir(path)."""

    def __init__(self, path: str) -> None:
        self._fd = open_long(path, _DIR_FLAGS)
        try:
            self._it = os.scandir(self._fd)
        except BaseException:
            os.close(self._fd)
            raise

    def __enter__(self) -> Iterator[DirEntryLike]:
        return self._it

    def __exit__(self, *exc: object) -> None:
        self._it.close()
        os.close(self._fd)


def fd_opener(view: FileSystemView) -> Callable[[str], int] | None:
    """How to open a file of `view` as a bare descriptor, when its files are real OS files
    (content identification then reads with os.pread); None for virtual views."""
    opener = getattr(view, "fd_opener", None)
    return opener() if callable(opener) else None


class NativeListing(Protocol):
    """A view whose directories are real OS directories, which the survey's C lister may read
    through a descriptor (survey/_listdir.c) instead of listing them with `scandir`."""

    def dir_fd(self, path: str) -> int | None:
        """A read-only descriptor of directory `path` (the caller closes it), or None when the
        view lists that directory itself (it hides entries of it)."""
        ...

    def listing_failed(self, exc: OSError) -> None:
        """Told of an I/O error part-way through a listing read through `dir_fd`."""
        ...


def native_listing(view: FileSystemView) -> NativeListing | None:
    """`view` itself when the C lister may read its directories, else None (virtual views)."""
    return view if callable(getattr(view, "dir_fd", None)) else None  # type: ignore[return-value]


class FileRun(Protocol):
    """Regular files of one directory handed over as columns rather than one entry each: a
    simulated drive lists millions of files, and an object per file cost more than the walk.
    Every file of a run has one link, the directory's device, and the extension of `name(0)`
    (the view guarantees it: names differ only before their last suffix)."""

    @property
    def count(self) -> int: ...
    @property
    def bytes(self) -> int:
        """Apparent sizes summed."""
        ...

    @property
    def blocks(self) -> int:
        """st_blocks summed (512-byte units)."""
        ...

    def name(self, i: int) -> str: ...
    def names(self) -> list[str]:
        """Every name, in listing order (for a directory small enough to keep)."""
        ...

    def sizes(self) -> list[int]:
        """Apparent sizes, in listing order."""
        ...

    def namer(self) -> Callable[[int], str]:
        """`name` detached from the run (it does not hold the run's columns): kept by draws
        whose paths are made only if used."""
        ...


class RunListing(Protocol):
    """A view that can list a directory as its other entries (directories first, as
    `scandir` orders them) followed by runs of regular files."""

    def listing_runs(self, path: str) -> tuple[list[DirEntryLike], list[FileRun]] | None:
        """The listing of `path` in that shape, or None when the view lists it by `scandir`
        only. Raises OSError as `scandir` would."""
        ...


def run_listing(view: FileSystemView) -> RunListing | None:
    """`view` itself when it can list directories as runs of files, else None."""
    return view if callable(getattr(view, "listing_runs", None)) else None  # type: ignore[return-value]


def sampling_clock(view: FileSystemView) -> Callable[[], float]:
    """The clock a sampling budget runs on: wall time, unless the view keeps its own (a
    simulated drive counts drive time, so a budget stops where it would on a real drive)."""
    clock = getattr(view, "sampling_clock", None)
    return clock() if callable(clock) else time.monotonic


class LocalFS:
    """The real filesystem, read-only."""

    def scandir(self, path: str) -> AbstractContextManager[Iterator[DirEntryLike]]:
        # Listing through a directory fd makes each entry's stat an fstatat relative to it
        # (no full path lookup per file: ~10 % faster) and reaches paths beyond PATH_MAX.
        # Entries' `path` is then just the name: callers join names to the directory.
        return _DirListing(path)

    def lstat(self, path: str) -> StatLike:
        return os.lstat(path)

    def dir_fd(self, path: str) -> int | None:
        return open_long(path, _DIR_FLAGS)

    def listing_failed(self, exc: OSError) -> None:
        pass  # counted by the walk as an unreadable directory; nothing more to tell here

    def open_read(self, path: str) -> BinaryIO:
        return open_evidence(path)

    def fd_opener(self) -> Callable[[str], int]:
        return open_evidence_fd

    def usage(self, path: str) -> FsUsage | None:
        try:
            st = os.statvfs(path)
        except OSError:
            return None
        size = st.f_blocks * st.f_frsize
        used = (st.f_blocks - st.f_bfree) * st.f_frsize
        inodes = st.f_files - st.f_ffree if st.f_files else None  # vfat/exfat report none
        return FsUsage(
            size_bytes=size,
            used_bytes=used,
            free_bytes=st.f_bavail * st.f_frsize,
            inodes_used=inodes,
        )


class RootFilteredFS(LocalFS):
    """The real filesystem with the entries of its root directory that `hide` names left out:
    for drivers that list entries the filesystem does not hold. Whoever mounts the filesystem
    knows which (media/access.py); the walk only sees a view."""

    def __init__(self, root: str, *, hide: Callable[[DirEntryLike], bool]) -> None:
        self.root = root.rstrip("/") or "/"
        self.hide = hide

    def scandir(self, path: str) -> AbstractContextManager[Iterator[DirEntryLike]]:
        listing = super().scandir(path)
        if (path.rstrip("/") or "/") != self.root:
            return listing
        return self._filtered(listing)

    def dir_fd(self, path: str) -> int | None:
        return None if (path.rstrip("/") or "/") == self.root else super().dir_fd(path)

    @contextmanager
    def _filtered(
        self, listing: AbstractContextManager[Iterator[DirEntryLike]]
    ) -> Iterator[Iterator[DirEntryLike]]:
        with listing as entries:
            yield (e for e in entries if not self.hide(e))
