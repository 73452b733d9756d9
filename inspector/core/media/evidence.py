"""BLAKE3 evidence hashing: files in full, manifests of what was hashed, and how long hashing a
whole drive would take (the figure that explains why the desk samples instead).

`hash_file` lets the blake3 library memory-map the file and hash it on every core, as `b3sum`
does; files that cannot be mapped (pipes, some FUSE mounts) are read in large blocks instead.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass

import blake3

from inspector.core.errors import Cancelled, InspectorError
from inspector.core.progress import CancelToken, Progress, ProgressFn, no_progress

NOMINAL_READ_BPS = 265 * 10**6  # sequential read of a large HDD (DOMAIN.md), bytes/s
BLOCK = 16 * 2**20  # read size when a file cannot be memory-mapped
MANIFEST_SCHEMA = "inspector.manifest/1"


class HashError(InspectorError):
    """A file chosen for hashing cannot be read."""


@dataclass(frozen=True, slots=True)
class FileHash:
    path: str
    size: int
    blake3: str


@dataclass(frozen=True, slots=True)
class RegionHash:
    """BLAKE3 of `length` bytes at `offset` of a file or device (a sampled region)."""

    path: str
    offset: int
    length: int
    blake3: str


@dataclass(frozen=True, slots=True)
class Manifest:
    """Hashes of chosen files and regions; `digest` seals the manifest itself."""

    files: tuple[FileHash, ...]
    regions: tuple[RegionHash, ...] = ()

    def text(self) -> str:
        """b3sum's output format for files, so `b3sum --check` can verify a saved manifest;
        regions follow as comment-like lines b3sum would not accept (`# hash  path@off+len`)."""
        lines = [f"{f.blake3}  {f.path}\n" for f in self.files]
        lines += [f"# {r.blake3}  {r.path}@{r.offset}+{r.length}\n" for r in self.regions]
        return "".join(lines)

    @property
    def digest(self) -> str:
        return blake3.blake3(self.text().encode("utf-8", "surrogateescape")).hexdigest()

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files)


def _open_flags() -> int:
    return os.O_RDONLY | getattr(os, "O_NOATIME", 0) | getattr(os, "O_NOFOLLOW", 0)


def hash_file(
    path: str,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> FileHash:
    """BLAKE3 of one whole file, read-only (no atime update where permitted, no symlink
    following). Memory-mapped and multi-threaded unless progress or cancel are asked for, in
    which case it reads in large blocks so it can report and stop between them."""
    try:
        fd = os.open(path, _open_flags())
    except PermissionError:
        try:  # O_NOATIME is refused on files we do not own: open without it
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError as exc:
            raise HashError(f"{path}: {exc.strerror}") from None
    except OSError as exc:
        raise HashError(f"{path}: {exc.strerror}") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise HashError(f"{path}: not a regular file")
    with os.fdopen(fd, "rb", buffering=0) as f:
        hasher = blake3.blake3(max_threads=blake3.blake3.AUTO)
        if progress is no_progress and cancel is None and st.st_size > 0:
            try:
                hasher.update_mmap(path)
                return FileHash(path, st.st_size, hasher.hexdigest())
            except OSError:
                hasher = blake3.blake3(max_threads=blake3.blake3.AUTO)  # fall back to reads
        done = 0
        # a small file gets a small buffer: zeroing 16 MiB costs more than hashing it
        buf = bytearray(min(BLOCK, max(st.st_size, 1 << 16)))
        view = memoryview(buf)
        while True:
            if cancel is not None and cancel.cancelled:
                raise Cancelled(f"hashing {path} cancelled")
            n = f.readinto(buf)
            if not n:
                break
            hasher.update(view[:n])
            done += n
            progress(Progress("hash", done, st.st_size, bytes_done=done, detail=path))
        return FileHash(path, done, hasher.hexdigest())


def hash_region(path: str, offset: int, length: int) -> RegionHash:
    """BLAKE3 of one region, read with pread (no seek state shared with other readers). A
    region running past the end is hashed up to the end and recorded with its real length."""
    if offset < 0 or length < 0:
        raise HashError(f"{path}: a region needs a non-negative offset and length")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        raise HashError(f"{path}: {exc.strerror}") from None
    hasher = blake3.blake3()
    done = 0
    try:
        while done < length:
            chunk = os.pread(fd, min(BLOCK, length - done), offset + done)
            if not chunk:
                break
            hasher.update(chunk)
            done += len(chunk)
    except OSError as exc:
        raise HashError(f"{path} at byte {offset + done}: {exc.strerror}") from None
    finally:
        os.close(fd)
    return RegionHash(path, offset, done, hasher.hexdigest())


def hash_files(
    paths: Iterable[str],
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> Manifest:
    return Manifest(tuple(hash_file(p, progress=progress, cancel=cancel) for p in paths))


def manifest_json(m: Manifest) -> dict[str, object]:
    return {
        "schema": MANIFEST_SCHEMA,
        "algorithm": "blake3",
        "digest": m.digest,
        "total_bytes": m.total_bytes,
        "files": [{"path": f.path, "size": f.size, "blake3": f.blake3} for f in m.files],
        "regions": [
            {"path": r.path, "offset": r.offset, "length": r.length, "blake3": r.blake3}
            for r in m.regions
        ],
    }


def full_hash_seconds(capacity_bytes: int, read_bps: float = NOMINAL_READ_BPS) -> float:
    """Time to read (and so hash) a whole drive: reading, not BLAKE3, is the limit."""
    return capacity_bytes / read_bps if read_bps > 0 else float("inf")


def format_duration(seconds: float) -> str:
    """3.7 days, 5.2 hours, 12 min, 40 s — as an officer would say it."""
    if seconds >= 2 * 86400:
        return f"{seconds / 86400:.1f} days"
    if seconds >= 2 * 3600:
        return f"{seconds / 3600:.1f} hours"
    if seconds >= 120:
        return f"{seconds / 60:.0f} min"
    return f"{seconds:.0f} s"
