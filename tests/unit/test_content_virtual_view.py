"""Identification and sampling read only through the FileSystemView: a virtual in-memory view
(as training mode supplies) gives the same answers as the real files would."""

from __future__ import annotations

import io
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from inspector.core.scan.tree import ScanOptions, scan_tree
from inspector.core.survey.fsview import FsUsage
from tests.unit import corpus


@dataclass(frozen=True)
class _Stat:
    st_mode: int
    st_ino: int
    st_size: int
    st_dev: int = 1
    st_nlink: int = 1

    @property
    def st_blocks(self) -> int:
        return (self.st_size + 511) // 512


@dataclass(frozen=True)
class _Entry:
    name: str
    path: str
    st: _Stat

    def is_dir(self, *, follow_symlinks: bool = True) -> bool:
        return stat.S_ISDIR(self.st.st_mode)

    def is_file(self, *, follow_symlinks: bool = True) -> bool:
        return stat.S_ISREG(self.st.st_mode)

    def is_symlink(self) -> bool:
        return False

    def stat(self, *, follow_symlinks: bool = True) -> _Stat:
        return self.st


class MemoryFS:
    """Files held in memory under "/v"; nothing on disk is touched."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.dirs = {"/v"}
        for path in files:
            parent = path.rsplit("/", 1)[0]
            while parent not in self.dirs:
                self.dirs.add(parent)
                parent = parent.rsplit("/", 1)[0]
        self.reads = 0

    def _stat(self, path: str) -> _Stat:
        if path in self.dirs:
            return _Stat(stat.S_IFDIR | 0o755, hash(path) & 0xFFFF, 0)
        if path in self.files:
            return _Stat(stat.S_IFREG | 0o644, hash(path) & 0xFFFFFF, len(self.files[path]))
        raise FileNotFoundError(2, "No such file or directory", path)

    @contextmanager
    def scandir(self, path: str) -> Iterator[Iterator[_Entry]]:
        children = sorted(
            {
                p[len(path) + 1 :].split("/")[0]
                for p in (*self.files, *self.dirs)
                if p.startswith(path + "/")
            }
        )
        yield iter(_Entry(n, f"{path}/{n}", self._stat(f"{path}/{n}")) for n in children)

    def lstat(self, path: str) -> _Stat:
        return self._stat(path)

    def open_read(self, path: str) -> io.BytesIO:
        self.reads += 1
        return io.BytesIO(self.files[path])

    def usage(self, path: str) -> FsUsage | None:
        return None


@pytest.fixture(scope="module")
def virtual(tmp_path_factory: pytest.TempPathFactory) -> tuple[MemoryFS, dict[str, int]]:
    built = corpus.build(tmp_path_factory.mktemp("corpus"))
    files: dict[str, bytes] = {}
    truth: dict[str, int] = {}
    for name, path in built.items():
        data = Path(path).read_bytes()
        where = f"/v/{path.parent.name}/{path.name}" if name.startswith("mds") else f"/v/{name}.bin"
        files[where] = data
        category = corpus.EXPECTED[name][1]
        truth[category] = truth.get(category, 0) + len(data)
    return MemoryFS(files), truth


def test_full_scan_of_a_virtual_tree(virtual):
    view, truth = virtual
    result = scan_tree("/v", view, ScanOptions(full=True))  # type: ignore[arg-type]
    got = {c.category: c.bytes_estimate for c in result.content.categories}
    assert got == truth
    assert view.reads == len(view.files)


def test_sampled_scan_of_a_virtual_tree(virtual):
    view, truth = virtual
    result = scan_tree("/v", view, ScanOptions(budget_s=30, seed=5, exact_below=0))  # type: ignore[arg-type]
    content = result.content
    assert content.method == "sampled" and content.seed == 5
    total = sum(truth.values())
    for c in content.categories:
        lo, hi = c.ci
        assert lo - 0.02 <= truth[c.category] / total <= hi + 0.02
