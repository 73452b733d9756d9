"""Full-file hashing: same digest as BLAKE3 of the bytes (and b3sum), manifests, estimates."""

from __future__ import annotations

import os
import shutil
import subprocess

import blake3
import pytest

from inspector.core.errors import Cancelled
from inspector.core.media.evidence import (
    HashError,
    format_duration,
    full_hash_seconds,
    hash_file,
    hash_files,
    manifest_json,
)
from inspector.core.progress import CancelToken


@pytest.mark.parametrize("size", [0, 1, 1024, 3 * 2**20 + 7])
def test_hash_matches_blake3_of_the_bytes(tmp_path, size):
    data = os.urandom(size)
    path = tmp_path / "f.bin"
    path.write_bytes(data)
    expected = blake3.blake3(data).hexdigest()
    assert hash_file(str(path)).blake3 == expected
    seen = []
    assert hash_file(str(path), progress=seen.append).blake3 == expected  # block-read path
    assert hash_file(str(path)).size == size


@pytest.mark.skipif(shutil.which("b3sum") is None, reason="needs b3sum")
def test_hash_matches_b3sum_and_manifest_is_b3sum_format(tmp_path):
    for i in range(3):
        (tmp_path / f"f{i}").write_bytes(os.urandom(100_000 * (i + 1)))
    paths = [str(tmp_path / f"f{i}") for i in range(3)]
    manifest = hash_files(paths)
    (tmp_path / "m.b3").write_text(manifest.text())
    check = subprocess.run(["b3sum", "--check", str(tmp_path / "m.b3")], capture_output=True)
    assert check.returncode == 0, check.stderr
    doc = manifest_json(manifest)
    assert doc["total_bytes"] == 600_000 and len(doc["files"]) == 3
    assert doc["digest"] == blake3.blake3(manifest.text().encode()).hexdigest()


def test_unreadable_and_odd_files_are_clear_errors(tmp_path):
    with pytest.raises(HashError, match="No such file"):
        hash_file(str(tmp_path / "missing"))
    with pytest.raises(HashError, match="not a regular file"):
        hash_file(str(tmp_path))
    os.symlink("/etc/hostname", tmp_path / "link")
    with pytest.raises(HashError):  # never follows a symlink out of the evidence
        hash_file(str(tmp_path / "link"))


def test_cancel_stops_hashing(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"x" * 100)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        hash_file(str(path), cancel=token)


def test_whole_drive_estimate():
    seconds = full_hash_seconds(80 * 10**12)
    assert 3.4 * 86400 < seconds < 3.6 * 86400  # the ~3.5 days of DOMAIN.md
    assert format_duration(seconds) == "3.5 days"
    assert format_duration(5 * 3600) == "5.0 hours" and format_duration(30) == "30 s"


def test_region_hashes(tmp_path):
    from inspector.core.media.evidence import Manifest, hash_region

    data = os.urandom(50_000)
    path = tmp_path / "img"
    path.write_bytes(data)
    r = hash_region(str(path), 1000, 4096)
    assert r.blake3 == blake3.blake3(data[1000:5096]).hexdigest() and r.length == 4096
    tail = hash_region(str(path), 49_000, 4096)  # runs past the end: hashed up to it
    assert tail.length == 1000 and tail.blake3 == blake3.blake3(data[49_000:]).hexdigest()
    m = Manifest((), (r, tail))
    assert m.text().splitlines()[0] == f"# {r.blake3}  {path}@1000+4096"
    assert manifest_json(m)["regions"][1]["length"] == 1000
    with pytest.raises(HashError):
        hash_region(str(path), -1, 10)
