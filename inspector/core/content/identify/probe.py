"""Bounded, counted reads of one file of the evidence: the only way sniffers see bytes.

A probe reads the head once (HEAD_BYTES), the tail once (TAIL_BYTES) and small windows on
request; every read is capped and the total per file is capped too (READ_LIMIT; one check
may go to LONG_RECORD_LIMIT, the end of a jsonl file's first record), so no header
value on hostile media can drive a large read or allocation. Bytes come from a file handle of
`FileSystemView.open_read` (so the same sniffers run on training-mode virtual drives) or, for
real files, straight from a file descriptor: os.read/os.pread skip the ~2.4 µs a file object
costs to build, a third of identifying a small file.

The head is 16 KiB: enough for every signature and first structure the sniffers check. With
64 KiB, copying page-cache bytes took ≈ 14 % of identifying small files (docs/benchmarks.md),
so sniffers that need more (tar headers further on, a compressed block, an ISO descriptor,
HDF5 user blocks) ask for it.
"""

from __future__ import annotations

import os
from typing import BinaryIO, Final

from inspector.core.survey.fsview import FileSystemView

HEAD_BYTES: Final = 16 * 1024
# A zip's end-of-central-directory record sits within 64 KiB + 22 of the end.
TAIL_BYTES: Final = 64 * 1024 + 22
WINDOW_MAX: Final = 256 * 1024  # the largest single extra read a sniffer may ask for
READ_LIMIT: Final = 1024 * 1024  # all reads of one file together
# The one check allowed further: where the first record of a plain jsonl file ends (books and
# long documents run to megabytes a line).
LONG_RECORD_LIMIT: Final = 4 * 1024 * 1024


class Probe:
    """The bytes of one file that sniffers may look at. Never writes.

    The head is read at once (every sniffer needs it); the tail and windows on demand."""

    __slots__ = (
        "_data",
        "_fd",
        "_handle",
        "_tail",
        "bytes_read",
        "head",
        "path",
        "prefix_only",
        "read_limit",
        "size",
        "view",
    )

    def __init__(
        self, view: FileSystemView, path: str, size: int, source: BinaryIO | int | bytes
    ) -> None:
        """`source`: a freshly opened file (at offset 0), an open file descriptor, or the bytes
        themselves (a decompressed payload, a head already in memory)."""
        self.view = view
        self.path = path
        self.size = size
        self._fd = -1
        self._handle: BinaryIO | None = None
        self._data: bytes | None = None
        self._tail: bytes | None = None
        # True for a decompressed prefix whose real size is unknown: there is no tail to check.
        self.prefix_only = False
        self.read_limit = READ_LIMIT  # raised only by the jsonl record search (engine.py)
        want = HEAD_BYTES if size > HEAD_BYTES else size
        if isinstance(source, int):  # the hot path: a real file
            self._fd = source
            self.head = os.pread(source, want, 0) if want > 0 else b""
        else:
            if isinstance(source, bytes):
                self._data = source
            else:
                self._handle = source
            self.head = self._read(want, 0) if want > 0 else b""
        self.bytes_read = len(self.head)

    def _read(self, length: int, offset: int) -> bytes:
        if self._handle is not None:
            self._handle.seek(offset)
            return self._handle.read(length)
        if self._data is not None:
            return self._data[offset : offset + length]
        return os.pread(self._fd, length, offset)

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def directory(self) -> str:
        cut = self.path.rfind("/")
        return self.path[:cut] if cut > 0 else ("/" if cut == 0 else ".")

    @property
    def whole(self) -> bool:
        """True when the head holds the entire file."""
        return len(self.head) >= self.size

    @property
    def tail(self) -> bytes:
        """The last TAIL_BYTES of the file (all of it when smaller): read once, and only the
        part the head does not already hold."""
        if self._tail is None:
            start = max(0, self.size - TAIL_BYTES)
            have = len(self.head)
            if start >= have:
                self._tail = self.read_at(start, self.size - start)
            else:
                rest = self.read_at(have, self.size - have) if have < self.size else b""
                self._tail = self.head[start:] + rest
        return self._tail

    def read_at(self, offset: int, length: int) -> bytes:
        """Up to `length` bytes at `offset` (fewer at EOF or past the per-file limit)."""
        if offset < 0 or length <= 0 or offset >= self.size:
            return b""
        length = min(length, WINDOW_MAX, self.size - offset)
        if offset + length <= len(self.head):
            return self.head[offset : offset + length]
        tail = self._tail
        # A zip's central directory, say, sits in the tail already read (unless the file
        # shrank under us: then the tail is short and offsets in it would be wrong).
        if tail is not None and len(tail) == min(self.size, TAIL_BYTES):
            tail_start = self.size - len(tail)
            if offset >= tail_start:
                return tail[offset - tail_start : offset - tail_start + length]
        length = min(length, self.read_limit - self.bytes_read)
        if length <= 0:
            return b""
        data = self._read(length, offset)
        self.bytes_read += len(data)
        return data

    def read_sibling(
        self, name: str, head: int, tail: int = 0, min_size: int = 0
    ) -> tuple[int, bytes, bytes] | None:
        """(size, first `head` bytes, last `tail` bytes) of the file `name` in this file's
        directory, read through the same view; None when it is missing, unreadable or smaller
        than `min_size` (then nothing is read). For checks that name a file by its neighbour
        (ONNX external data, TF checkpoint shards, MDS shards); the bytes count in bytes_read."""
        path = self.directory + "/" + name
        try:
            size = self.view.lstat(path).st_size
            if size < min_size:
                return None
            with self.view.open_read(path) as handle:
                first = handle.read(min(size, head))
                last = b""
                if tail:
                    handle.seek(max(0, size - tail))
                    last = handle.read(tail)
        except OSError:
            return None
        self.bytes_read += len(first) + len(last)
        return size, first, last

    def window(self, length: int) -> bytes:
        """A window for entropy tests: the head, or a slice from the middle of a large file
        (headers of containers can be structured while the payload is not)."""
        if self.size <= len(self.head) or self.size < 4 * length:
            return self.head[:length]
        return self.read_at(self.size // 2, length)
