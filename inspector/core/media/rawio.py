"""Read-only block access for raw sampling: a window of a device opened with `O_DIRECT` where
the device allows (no page-cache pollution, no read-ahead of 128 KiB for every 4 KiB draw),
page-aligned batch buffers, and an adapter for any seekable binary stream (image files in
tests, the training backend's simulated partitions)."""

from __future__ import annotations

import errno
import io
import mmap
import os
from typing import Any, BinaryIO, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from inspector.core.media.blocks import BLOCK


@runtime_checkable
class BlockSource(Protocol):
    direct: bool

    def read_into(self, view: memoryview, offset: int) -> int: ...

    def read_bytes(self, offset: int, length: int) -> bytes: ...


class AlignedBatch:
    """`rows` page-aligned blocks (what O_DIRECT wants), viewed as a (rows, BLOCK) array."""

    def __init__(self, rows: int) -> None:
        self._map = mmap.mmap(-1, rows * BLOCK)
        self._view = memoryview(self._map)
        self.array: npt.NDArray[np.uint8] = np.frombuffer(self._map, dtype=np.uint8).reshape(
            rows, BLOCK
        )

    def row(self, index: int) -> memoryview:
        return self._view[index * BLOCK : (index + 1) * BLOCK]

    def close(self) -> None:
        del self.array
        self._view.release()
        self._map.close()


class Window(io.RawIOBase):
    """A read-only window [start, start + size) of a device: a partition seen from its disk.
    With `direct`, reads bypass the page cache where the device and alignment allow; an
    EINVAL from O_DIRECT (a filesystem without it, a misaligned partition) falls back to
    ordinary reads for good."""

    def __init__(self, path: str, start: int, size: int, *, direct: bool = False) -> None:
        super().__init__()
        self._path = path
        self.direct = False
        self._fd = -1
        if direct and hasattr(os, "O_DIRECT"):
            try:
                self._fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_DIRECT)
                self.direct = True
            except OSError:
                self._fd = -1
        if self._fd < 0:
            self._fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        self._start, self._size, self._pos = start, size, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def readinto(self, buffer: Any) -> int:
        got = self.read_bytes(self._pos, len(buffer))
        buffer[: len(got)] = got
        self._pos += len(got)
        return len(got)

    def read_into(self, view: memoryview, offset: int) -> int:
        """Read one aligned block at `offset` of the window into `view` (page-aligned)."""
        length = max(0, min(len(view), self._size - offset))
        if length < len(view):
            return self._buffered(view, offset, length)
        try:
            return os.preadv(self._fd, [view], self._start + offset)
        except OSError as exc:
            if exc.errno != errno.EINVAL or not self.direct:
                raise
        self._no_direct()
        return os.preadv(self._fd, [view], self._start + offset)

    def read_bytes(self, offset: int, length: int) -> bytes:
        """Any range (unaligned reads go through the page cache)."""
        length = max(0, min(length, self._size - offset))
        if not length:
            return b""
        if not self.direct:
            return os.pread(self._fd, length, self._start + offset)
        with open(self._path, "rb", buffering=0) as plain:
            return os.pread(plain.fileno(), length, self._start + offset)

    def _buffered(self, view: memoryview, offset: int, length: int) -> int:
        data = self.read_bytes(offset, length) if length else b""
        view[: len(data)] = data
        return len(data)

    def _no_direct(self) -> None:
        fd = os.open(self._path, os.O_RDONLY | os.O_CLOEXEC)
        os.close(self._fd)
        self._fd, self.direct = fd, False

    def close(self) -> None:
        if not self.closed:
            os.close(self._fd)
        super().close()


class _StreamSource:
    """Any seekable binary stream as a BlockSource (seek + read; not thread-shared)."""

    direct = False

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def read_bytes(self, offset: int, length: int) -> bytes:
        self._stream.seek(offset)
        return self._stream.read(length)

    def read_into(self, view: memoryview, offset: int) -> int:
        data = self.read_bytes(offset, len(view))
        view[: len(data)] = data
        return len(data)


def source_of(source: BinaryIO | BlockSource) -> BlockSource:
    if isinstance(source, BlockSource):
        return source
    return _StreamSource(source)
