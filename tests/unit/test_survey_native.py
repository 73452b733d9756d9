"""The survey's C directory lister (survey/_listdir.c) counts exactly what the scandir walk
counts, in the same order (so sampling draws land on the same files), on trees with the cases
that differ between the two: odd names, links, batches of 512, thousands of extensions."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest

from inspector.core.progress import CancelToken, Progress
from inspector.core.survey import walk
from inspector.core.survey.draws import PoissonTap
from inspector.core.survey.fsview import LocalFS, native_listing
from inspector.core.survey.walk import SurveyResult, survey

needs_lister = pytest.mark.skipif(
    walk._LIST_DIR is None, reason="pure-Python install: no C lister to compare"
)


class ScandirOnly(LocalFS):
    """LocalFS without the descriptor the C lister reads: every directory by scandir."""

    dir_fd = None  # type: ignore[assignment]


def odd_tree(root: Path) -> Path:
    (root / "a" / "b" / "c").mkdir(parents=True)
    (root / "empty").mkdir()
    names = [
        "plain.jpg",
        "UPPER.JPG",
        "archive.tar.gz",
        "no_extension",
        ".dotfile",
        "..two-dots",
        "trailing.",
        "x" * 251 + ".bin",  # 255 bytes, NAME_MAX
        "naïve café.txt",
        "中文.parquet",
    ]
    for i, name in enumerate(names):
        (root / "a" / name).write_bytes(b"z" * (i * 37))
    bad = os.fsencode(str(root / "a" / "b")) + b"/\xff\xfe-not-utf8.jpg"
    with open(bad, "wb") as handle:
        handle.write(b"q" * 5000)
    (root / "a" / "b" / "c" / "deep.safetensors").write_bytes(b"s" * 123_456)
    os.link(root / "a" / "plain.jpg", root / "a" / "b" / "hardlink.jpg")
    os.symlink("plain.jpg", root / "a" / "link-to-file")
    os.symlink("b", root / "a" / "link-to-dir")
    os.symlink("nowhere", root / "a" / "dangling")
    os.mkfifo(root / "a" / "fifo")
    big = root / "big"  # several batches of 512, extensions changing mid-run
    big.mkdir()
    rng = random.Random(7)
    for i in range(1500):
        ext = rng.choice(["jpg", "jpg", "jpg", "txt", "npy", ""])
        (big / (f"f{i:05d}.{ext}" if ext else f"f{i:05d}")).write_bytes(b"b" * rng.randrange(3000))
    return root


def fields(result: SurveyResult) -> tuple[object, ...]:
    return (
        result.files,
        result.dirs,
        result.symlinks,
        result.other,
        result.bytes,
        result.allocated_bytes,
        result.errors,
        result.by_extension,
        result.warnings,
        result.complete,
    )


@needs_lister
def test_the_c_lister_is_used_for_real_directories() -> None:
    assert native_listing(LocalFS()) is not None
    assert native_listing(ScandirOnly()) is None


@needs_lister
def test_c_lister_counts_what_scandir_counts(tmp_path: Path) -> None:
    root = str(odd_tree(tmp_path / "t"))
    native, scandir = survey(root, LocalFS()), survey(root, ScandirOnly())
    assert fields(native) == fields(scandir)
    assert native.files == 10 + 2 + 1 + 1500 and native.symlinks == 3 and native.other == 1
    assert native.dirs == 6  # the root, a, a/b, a/b/c, empty, big


@needs_lister
def test_c_lister_gives_sampling_the_same_files(tmp_path: Path) -> None:
    root = str(odd_tree(tmp_path / "t"))

    def draws(view: LocalFS) -> list[tuple[int, str, int, str]]:
        tap = PoissonTap(random.Random(11), 64, 4096, 1)
        survey(root, view, tap=tap)
        picked = tap.by_bytes.draws() + tap.by_files.draws()
        return [(d.ordinal, d.path, d.size, d.ext) for d in picked]

    native = draws(LocalFS())
    assert native == draws(ScandirOnly())
    assert len(native) > 64  # both streams drew (enough to compare)


@needs_lister
def test_c_lister_pools_extensions_past_the_table_limit(tmp_path: Path) -> None:
    root = tmp_path / "many"
    root.mkdir()
    for i in range(walk.MAX_EXTENSIONS + 40):
        (root / f"f.e{i}").write_bytes(b"x" * (i % 7))
    native, scandir = survey(str(root), LocalFS()), survey(str(root), ScandirOnly())
    assert fields(native) == fields(scandir)
    assert walk.OTHER_EXT in {e.ext for e in native.by_extension}


class _CancelAfter(CancelToken):
    def __init__(self, checks: int) -> None:
        super().__init__()
        self.checks = checks

    @property
    def cancelled(self) -> bool:
        self.checks -= 1
        return self.checks < 0


@needs_lister
def test_c_lister_stops_inside_a_large_directory_on_cancel(tmp_path: Path) -> None:
    root = tmp_path / "one"
    root.mkdir()
    for i in range(3000):
        (root / f"{i}.jpg").write_bytes(b"j")
    seen: list[Progress] = []
    result = survey(str(root), LocalFS(), cancel=_CancelAfter(2), progress=seen.append)
    assert result.complete is False
    assert 512 <= result.files < 3000  # stopped between batches, with the counts so far
    assert result.bytes == result.files


@needs_lister
def test_c_lister_reports_progress_within_a_directory(tmp_path: Path, monkeypatch) -> None:
    ticks = iter(range(10**6))  # a clock a second further on at every look: every check reports
    monkeypatch.setattr(time, "monotonic", lambda: float(next(ticks)))
    root = tmp_path / "one"
    root.mkdir()
    for i in range(2000):
        (root / f"{i}.jpg").write_bytes(b"jj")
    seen: list[Progress] = []
    survey(str(root), LocalFS(), progress=seen.append)
    done = [p.done for p in seen]
    assert done == sorted(done) and done[-1] == 2000
    assert any(0 < d < 2000 for d in done)  # while the directory was still being read


@needs_lister
def test_c_lister_skips_a_listing_that_cannot_be_opened(tmp_path: Path) -> None:
    root = odd_tree(tmp_path / "t")

    class Refuses(LocalFS):
        def dir_fd(self, path: str) -> int | None:
            if path.endswith("/big"):
                raise PermissionError(13, "Permission denied", path)
            return super().dir_fd(path)

    result = survey(str(root), Refuses())
    assert result.errors == 1 and result.files == 13
    assert any("cannot read" in w and "Permission denied" in w for w in result.warnings)
