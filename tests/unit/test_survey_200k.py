"""A 200k-file tree: the survey's counts equal what find and stat say."""

from __future__ import annotations

import os
import subprocess

import pytest

from inspector.core.survey.walk import survey


@pytest.mark.slow
def test_200k_tree_matches_find(tmp_path):
    root = tmp_path / "tree"
    for a in range(100):
        for b in range(20):
            d = root / f"{a}" / f"{b}"
            d.mkdir(parents=True)
            for c in range(100):
                with open(d / f"f{c}.{('bin', 'txt', 'parquet')[c % 3]}", "wb") as f:
                    f.write(b"z" * ((a * 7 + b * 3 + c) % 97))
    files = int(
        subprocess.run(
            ["sh", "-c", f"find '{root}' -type f | wc -l"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    dirs = int(
        subprocess.run(
            ["sh", "-c", f"find '{root}' -type d | wc -l"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    size_out = subprocess.run(
        ["find", str(root), "-type", "f", "-printf", "%s\n"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    total = sum(int(x) for x in size_out.split())
    r = survey(str(root))
    assert files == 200_000
    assert (r.files, r.dirs, r.bytes) == (files, dirs, total)
    assert sum(e.files for e in r.by_extension) == files
    assert os.path.isdir(root)
