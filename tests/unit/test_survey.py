"""Survey against trees of known truth, including hostile names and shapes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from inspector.core.progress import CancelToken
from inspector.core.survey.extensions import extension_of
from inspector.core.survey.walk import survey


def _write(path: os.PathLike[str] | str, size: int) -> None:
    with open(path, "wb") as f:
        f.write(b"a" * size)


def _by_ext(result):  # type: ignore[no-untyped-def]
    return {e.ext: (e.files, e.bytes) for e in result.by_extension}


def test_counts_and_bytes_exact(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    _write(tmp_path / "one.txt", 10)
    _write(tmp_path / "a" / "two.TXT", 20)
    _write(tmp_path / "a" / "b" / "data.tar.gz", 300)
    _write(tmp_path / "a" / "b" / "shard.JSONL.zst", 7)
    _write(tmp_path / "a" / "b" / "plain.gz", 1)
    _write(tmp_path / ".hidden", 5)
    (tmp_path / "empty").write_bytes(b"")
    os.symlink("one.txt", tmp_path / "link")
    os.mkfifo(tmp_path / "fifo")
    r = survey(str(tmp_path))
    assert (r.files, r.dirs, r.symlinks, r.other) == (7, 3, 1, 1)
    assert r.bytes == 10 + 20 + 300 + 7 + 1 + 5
    assert r.errors == 0 and r.complete
    assert _by_ext(r) == {
        "txt": (2, 30),
        "tar.gz": (1, 300),
        "jsonl.zst": (1, 7),
        "gz": (1, 1),
        "": (2, 5),
    }


def test_double_extension_not_confused_by_cache(tmp_path):
    # a plain ".gz" seen first must not make the later ".tar.gz" count as "gz"
    _write(tmp_path / "a.gz", 1)
    _write(tmp_path / "b.tar.gz", 2)
    _write(tmp_path / "c.gz", 4)
    assert _by_ext(survey(str(tmp_path))) == {"gz": (2, 5), "tar.gz": (1, 2)}


@pytest.mark.parametrize(
    ("name", "ext"),
    [
        ("x.PARQUET", "parquet"),
        ("x.tar.ZST", "tar.zst"),
        (".bashrc", ""),
        ("noext", ""),
        ("weird.ext with space", ""),
        ("x.abcdefghijklmnop", ""),
        ("x.tar.gz.gz", "gz"),
        ("a.b.c.npy", "npy"),
    ],
)
def test_extension_of(name, ext):
    assert extension_of(name) == ext


def test_symlinks_not_followed_and_loops_harmless(tmp_path):
    (tmp_path / "d").mkdir()
    _write(tmp_path / "d" / "f.bin", 100)
    os.symlink("..", tmp_path / "d" / "loop")
    os.symlink(str(tmp_path / "d"), tmp_path / "dirlink")
    os.symlink("/etc/passwd", tmp_path / "outside")
    os.symlink("missing", tmp_path / "dangling")
    r = survey(str(tmp_path))
    assert (r.files, r.dirs, r.symlinks, r.bytes) == (1, 2, 4, 100)


def test_hard_links_allocated_once(tmp_path):
    data = tmp_path / "big.bin"
    _write(data, 64 * 1024)
    os.link(data, tmp_path / "again.bin")
    os.link(data, tmp_path / "third.bin")
    r = survey(str(tmp_path))
    assert r.files == 3
    assert r.bytes == 3 * 64 * 1024  # apparent bytes count every name
    assert r.allocated_bytes == os.stat(data).st_blocks * 512  # the inode once


def test_sparse_file_apparent_vs_allocated(tmp_path):
    sparse = tmp_path / "sparse.img"
    with open(sparse, "wb") as f:
        f.truncate(1 << 30)
    r = survey(str(tmp_path))
    assert r.bytes == 1 << 30
    assert r.allocated_bytes < 1 << 20


def test_undecodable_control_and_rtl_names(tmp_path):
    raw = os.fsencode(str(tmp_path)) + b"/bad\xff\xfename.txt"
    with open(raw, "wb") as f:
        f.write(b"12345")
    _write(tmp_path / "ctl\x1b[31mred\n.txt", 3)
    _write(tmp_path / "invoice\u202etxt.exe", 2)
    (tmp_path / "noperm").mkdir()
    _write(tmp_path / "noperm" / "hidden.bin", 9)
    r = survey(str(tmp_path))
    assert r.files == 3 + (0 if os.geteuid() != 0 else 1)
    assert r.bytes >= 10


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything; needs an ordinary user")
def test_permission_denied_is_counted_not_fatal(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    _write(locked / "secret.bin", 9)
    _write(tmp_path / "open.bin", 4)
    locked.chmod(0)
    try:
        r = survey(str(tmp_path))
    finally:
        locked.chmod(0o700)
    assert r.errors == 1 and r.files == 1 and r.bytes == 4
    assert any("locked" in w for w in r.warnings)


def test_permission_denied_as_other_user():
    """Root bypasses permissions, so drop to nobody in a child process to prove the path."""
    if os.geteuid() != 0:
        pytest.skip("covered by test_permission_denied_is_counted_not_fatal")
    tmp_path = Path(tempfile.mkdtemp(prefix="inspector-perm-", dir="/tmp"))
    try:
        _survey_as_nobody(tmp_path)
    finally:
        shutil.rmtree(tmp_path)


def _survey_as_nobody(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    _write(locked / "secret.bin", 9)
    _write(tmp_path / "open.bin", 4)
    locked.chmod(0)
    tmp_path.chmod(0o755)
    for parent in tmp_path.parents:
        if parent.stat().st_mode & 0o005 != 0o005:
            pytest.skip(f"{parent} is not traversable by nobody")
    code = (
        "import os,json,sys; "
        "from inspector.core.survey.walk import survey; os.setgid(65534); os.setuid(65534); "
        "r=survey(sys.argv[1]); "
        "print(json.dumps([r.files, r.bytes, r.errors, list(r.warnings)]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=os.getcwd(),
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    files, size, errors, warnings = json.loads(out.stdout)
    assert (files, size, errors) == (1, 4, 1)
    assert any("locked" in w and "Permission denied" in w for w in warnings)


def _make_deep(root: str, depth: int, leaf: bytes) -> None:
    """Build root/d/d/.../leaf.bin relative to directory fds (paths would exceed PATH_MAX)."""
    fd = os.open(root, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=fd)
            nxt = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nxt
        with open(os.open("leaf.bin", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "wb") as f:
            f.write(leaf)
    finally:
        os.close(fd)


def _remove_deep(root: str, depth: int) -> None:
    """Remove what _make_deep built, bottom-up and iteratively (rmtree recurses)."""
    fds = [os.open(root, os.O_RDONLY)]
    for _ in range(depth):
        fds.append(os.open("d", os.O_RDONLY, dir_fd=fds[-1]))
    os.unlink("leaf.bin", dir_fd=fds[-1])
    for i in range(depth, 0, -1):
        os.close(fds[i])
        os.rmdir("d", dir_fd=fds[i - 1])
    os.close(fds[0])


@pytest.mark.parametrize("depth", [1500, 5000])
def test_deep_tree_no_recursion_limit(tmp_path, depth):
    # 5000 levels: paths of 10,000 bytes, far beyond PATH_MAX; opened chunk by chunk
    _make_deep(str(tmp_path), depth, b"xyz")
    try:
        r = survey(str(tmp_path))
    finally:
        _remove_deep(str(tmp_path), depth)
    assert (r.files, r.dirs, r.bytes, r.errors) == (1, depth + 1, 3, 0)


def test_wide_directory(tmp_path):
    wide = tmp_path / "wide"
    wide.mkdir()
    for i in range(100_000):
        (wide / f"{i}.x").touch()
    r = survey(str(tmp_path))
    assert (r.files, r.dirs, r.bytes) == (100_000, 2, 0)


def test_cancel_returns_partial(tmp_path):
    for i in range(3000):
        (tmp_path / f"{i}").touch()
    token = CancelToken()
    token.cancel()
    r = survey(str(tmp_path), cancel=token)
    assert not r.complete
    assert r.files < 3000


def test_progress_and_visitor(tmp_path):
    for i in range(50):
        _write(tmp_path / f"{i}.bin", i)
    seen: list[tuple[str, int, str]] = []
    reports = []
    r = survey(
        str(tmp_path), on_file=lambda p, s, e: seen.append((p, s, e)), progress=reports.append
    )
    assert len(seen) == 50 and sum(s for _, s, _ in seen) == r.bytes
    assert reports and reports[-1].done == 50
