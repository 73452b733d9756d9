"""A filesystem view for tests that counts every byte read and can fail chosen files."""

from __future__ import annotations

from collections import Counter
from typing import BinaryIO

from inspector.core.survey.fsview import LocalFS


class _CountingHandle:
    def __init__(self, inner: BinaryIO, owner: CountingFS, path: str) -> None:
        self.inner = inner
        self.owner = owner
        self.path = path

    def read(self, n: int = -1) -> bytes:
        assert n is not None and n >= 0, "unbounded read() of evidence"
        self.owner.largest_read = max(self.owner.largest_read, n)
        data = self.inner.read(n)
        self.owner.read_bytes[self.path] += len(data)
        return data

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.inner.seek(offset, whence)

    def close(self) -> None:
        self.inner.close()

    def __enter__(self) -> _CountingHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class CountingFS(LocalFS):
    """LocalFS that counts bytes read and opens per path, and the largest single read.

    Reads go through counted file handles: no bare-descriptor fast path (the two paths share
    every bound in Probe; test_identify_fd_path checks they read the same bytes)."""

    def __init__(self, fail: set[str] | None = None) -> None:
        self.read_bytes: Counter[str] = Counter()
        self.opens: Counter[str] = Counter()
        self.largest_read = 0
        self.fail = fail or set()

    def fd_opener(self) -> None:  # type: ignore[override]
        return None

    def open_read(self, path: str) -> BinaryIO:
        self.opens[path] += 1
        if path in self.fail:
            raise PermissionError(13, "Permission denied", path)
        return _CountingHandle(super().open_read(path), self, path)  # type: ignore[return-value]
