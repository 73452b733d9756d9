"""Sampling memory does not grow with the number of files: a synthetic view generates its tree
on the fly, and the sampler's peak allocation is compared for 10,000 and 100,000 files."""

from __future__ import annotations

import io
import stat
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

from inspector.core.content.identify import Identifier
from inspector.core.content.sampling import SamplingOptions, survey_and_sample
from inspector.core.survey.fsview import FsUsage

PER_DIR = 1000


@dataclass(frozen=True)
class _Stat:
    st_mode: int
    st_size: int
    st_ino: int = 0
    st_dev: int = 1
    st_nlink: int = 1
    st_blocks: int = 0


@dataclass(frozen=True)
class _Entry:
    name: str
    path: str
    st: _Stat

    def is_dir(self, *, follow_symlinks: bool = True) -> bool:
        return stat.S_ISDIR(self.st.st_mode)

    def is_file(self, *, follow_symlinks: bool = True) -> bool:
        return not self.is_dir()

    def is_symlink(self) -> bool:
        return False

    def stat(self, *, follow_symlinks: bool = True) -> _Stat:
        return self.st


def _content(i: int) -> bytes:
    return b"PAR1" + bytes(40 + i % 50) + b"\x01\0\0\0PAR1" if i % 3 else b"plain text\n" * 4


class SyntheticFS:
    """/s/d<k>/f<i>: `files` files generated on demand, PER_DIR to a folder; nothing stored."""

    def __init__(self, files: int) -> None:
        self.files = files

    @contextmanager
    def scandir(self, path: str) -> Iterator[Iterator[_Entry]]:
        if path == "/s":
            dirs = (self.files + PER_DIR - 1) // PER_DIR
            yield (_Entry(f"d{k}", f"/s/d{k}", _Stat(stat.S_IFDIR, 0)) for k in range(dirs))
            return
        k = int(path.rsplit("/d", 1)[1])
        last = min(self.files, (k + 1) * PER_DIR)
        yield (
            _Entry(f"f{i}", f"{path}/f{i}", _Stat(stat.S_IFREG, len(_content(i))))
            for i in range(k * PER_DIR, last)
        )

    def lstat(self, path: str) -> _Stat:
        if path == "/s" or "/f" not in path:
            return _Stat(stat.S_IFDIR, 0)
        return _Stat(stat.S_IFREG, len(_content(int(path.rsplit("/f", 1)[1]))))

    def open_read(self, path: str) -> io.BytesIO:
        return io.BytesIO(_content(int(path.rsplit("/f", 1)[1])))

    def usage(self, path: str) -> FsUsage | None:
        return None


def _peak_sampling(files: int) -> tuple[int, int]:
    view = SyntheticFS(files)
    options = SamplingOptions(budget_s=600, seed=1, precision=0.0, max_draws=2000)
    tracemalloc.start()
    try:
        surveyed, result, _ = survey_and_sample("/s", Identifier(view), options)  # type: ignore[arg-type]
        assert surveyed.files == files
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.samples == 2000
    return peak, result.files_identified


@pytest.mark.slow
def test_sampling_memory_does_not_grow_with_the_file_count():
    small, _ = _peak_sampling(10_000)
    large, _ = _peak_sampling(100_000)
    # Ten times the files: the peak may differ by the cache of distinct files drawn, not by
    # anything per file of the tree.
    assert large < small * 1.5 + 2_000_000, (small, large)
