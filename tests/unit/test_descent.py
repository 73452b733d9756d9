"""Random-descent estimates without a full walk: calibrated on skewed synthetic trees.

Each tree is built in memory with known totals and category shares; over seeded runs the 95 %
intervals of files, bytes and the byte share of each category must hold the truth about 95 %
of the time (at least 85 % of 60 runs: a binomial 95 % coverage falls below that with
probability < 0.5 %)."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest

from inspector.core.content.descent import DescentEstimator
from inspector.core.survey.fsview import FsUsage


@dataclass
class _Stat:
    st_mode: int
    st_size: int
    st_ino: int = 1
    st_dev: int = 1
    st_nlink: int = 1
    st_blocks: int = 0


@dataclass
class _Entry:
    name: str
    path: str
    st: _Stat

    def stat(self, *, follow_symlinks: bool = True) -> _Stat:
        return self.st


@dataclass
class _Node:
    dirs: list[str] = field(default_factory=list)
    files: list[tuple[str, int, str]] = field(default_factory=list)  # name, size, category


class TreeFS:
    """An in-memory tree whose directory sizes grow with their entries, as ext4's do."""

    def __init__(self) -> None:
        self.nodes: dict[str, _Node] = {"/t": _Node()}
        self.category: dict[str, str] = {}
        self.listed = 0

    def mkdir(self, path: str) -> str:
        parent, _, name = path.rpartition("/")
        if path not in self.nodes:
            self.mkdir(parent) if parent not in self.nodes else None
            self.nodes[parent].dirs.append(name)
            self.nodes[path] = _Node()
        return path

    def add(self, directory: str, name: str, size: int, category: str) -> None:
        self.mkdir(directory)
        self.nodes[directory].files.append((name, size, category))
        self.category[f"{directory}/{name}"] = category

    def dir_size(self, path: str) -> int:
        n = self.nodes[path]
        return max(4096, -(-32 * (len(n.dirs) + len(n.files)) // 4096) * 4096)

    @contextmanager
    def scandir(self, path: str) -> Iterator[Iterator[_Entry]]:
        self.listed += 1
        node = self.nodes[path]
        dirs = (
            _Entry(d, f"{path}/{d}", _Stat(stat.S_IFDIR, self.dir_size(f"{path}/{d}")))
            for d in node.dirs
        )
        files = (_Entry(f, f"{path}/{f}", _Stat(stat.S_IFREG, s)) for f, s, _ in node.files)
        yield iter([*dirs, *files])

    def lstat(self, path: str) -> _Stat:
        return _Stat(stat.S_IFDIR, self.dir_size(path))

    def open_read(self, path: str) -> None:
        raise AssertionError("the estimator identifies through its classifier")

    def usage(self, path: str) -> FsUsage | None:
        return None

    def truth(self) -> tuple[int, int, int, dict[str, float]]:
        files = sum(len(n.files) for n in self.nodes.values())
        nbytes = sum(s for n in self.nodes.values() for _, s, _ in n.files)
        per: dict[str, int] = {}
        for n in self.nodes.values():
            for _, s, c in n.files:
                per[c] = per.get(c, 0) + s
        return files, nbytes, len(self.nodes), {c: b / nbytes for c, b in per.items()}


def one_huge_directory() -> TreeFS:
    """300 small folders of photos and one folder of 30,000 dataset shards."""
    fs = TreeFS()
    for i in range(300):
        for j in range(5):
            fs.add(f"/t/photos/{i:03d}", f"img{j}.jpg", 3_000_000 + 7919 * j, "image")
    for j in range(30_000):
        fs.add("/t/data/shards", f"s{j:05d}.tar", 40_000 + (j % 97) * 100, "ai-dataset")
    return fs


def deep_narrow_chains() -> TreeFS:
    """Three chains 150 folders deep with a document at each level, beside a flat folder."""
    fs = TreeFS()
    for chain in range(3):
        path = f"/t/chain{chain}"
        for depth in range(150):
            path += f"/l{depth}"
            fs.add(path, "notes.txt", 20_000 + depth * 10, "text")
    for j in range(800):
        fs.add("/t/flat", f"v{j}.mp4", 900_000 + j, "video")
    return fs


def many_empty_directories() -> TreeFS:
    """5,000 empty folders and three full ones (a wiped tree, a cache)."""
    fs = TreeFS()
    for i in range(5000):
        fs.mkdir(f"/t/cache/{i // 100:02d}/{i:04d}")
    for k, (category, size) in enumerate(
        (("image", 2_000_000), ("text", 50_000), ("ai-model", 9_000_000))
    ):
        for j in range(400):
            fs.add(f"/t/keep/{k}", f"f{j}", size + j, category)
    return fs


TREES = {
    "one huge directory": one_huge_directory,
    "deep narrow chains": deep_narrow_chains,
    "many empty directories": many_empty_directories,
}


@pytest.mark.parametrize("name", list(TREES))
def test_intervals_hold_the_truth_on_skewed_trees(name):
    fs = TREES[name]()
    files, nbytes, dirs, shares = fs.truth()
    runs = 60
    covered = {"files": 0, "bytes": 0, **dict.fromkeys(shares, 0)}
    for seed in range(runs):
        est = DescentEstimator(fs, "/t", lambda path, size: (fs.category[path], False), seed)  # type: ignore[arg-type]
        est.run(200)
        e = est.estimate()
        covered["files"] += e.files.lo <= files <= e.files.hi
        covered["bytes"] += e.bytes.lo <= nbytes <= e.bytes.hi
        found = {s.category: s.bytes_share for s in e.shares}
        for category, truth in shares.items():
            share = found.get(category)
            covered[category] += share is not None and share.lo <= truth <= share.hi
    print(name, "coverage of", runs, "runs:", covered, "truth:", files, nbytes, dirs, shares)
    for key, count in covered.items():
        assert count >= 0.85 * runs, (name, key, count)


def test_estimate_says_what_it_rests_on_and_lists_each_directory_once():
    fs = one_huge_directory()
    est = DescentEstimator(fs, "/t", lambda path, size: (fs.category[path], False), 1)  # type: ignore[arg-type]
    est.run(100)
    e = est.estimate()
    assert fs.listed == e.directories_listed <= len(fs.nodes)
    assert e.basis.startswith(
        f"estimated from {e.directories_listed:,} directories of an estimated"
    )
    assert e.files.lo <= e.files.value <= e.files.hi
