"""Real files are identified through a bare descriptor (os.pread); it must see exactly what the
counted-handle path sees: the same verdicts, the same bytes, the same bounds."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from inspector.core.content.identify import Identifier
from inspector.core.content.identify.probe import HEAD_BYTES, READ_LIMIT, TAIL_BYTES, WINDOW_MAX
from inspector.core.survey.fsview import LocalFS
from tests.unit import corpus
from tests.unit.fsviews import CountingFS
from tests.unit.test_identify_bad_input import HOSTILE


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("fdpath")
    paths = list(corpus.build(root / "corpus").values())
    for name, data in HOSTILE.items():
        path = root / f"hostile-{name}"
        path.write_bytes(data)
        paths.append(path)
    return paths


def test_descriptor_path_matches_the_handle_path(files, monkeypatch):
    preads: Counter[int] = Counter()
    largest = 0
    real_pread = os.pread

    def counting_pread(fd: int, length: int, offset: int) -> bytes:
        nonlocal largest
        largest = max(largest, length)
        data = real_pread(fd, length, offset)
        preads[fd] += len(data)
        return data

    monkeypatch.setattr(os, "pread", counting_pread)
    for path in files:
        size = path.stat().st_size
        fast, counted = Identifier(LocalFS()), Identifier(CountingFS())
        preads.clear()
        assert fast.identify(str(path), size) == counted.identify(str(path), size), path.name
        assert fast.bytes_read == counted.bytes_read, path.name
        if size:
            assert sum(preads.values()) == fast.bytes_read > 0, path.name  # it read via pread
        assert fast.bytes_read <= HEAD_BYTES + TAIL_BYTES + READ_LIMIT
    assert 0 < largest <= max(HEAD_BYTES, TAIL_BYTES, WINDOW_MAX)


def test_descriptor_is_closed_after_each_file(files):
    identifier = Identifier(LocalFS())
    before = len(os.listdir("/proc/self/fd"))
    for path in files:
        identifier.identify(str(path), path.stat().st_size)
    assert len(os.listdir("/proc/self/fd")) == before


def test_unreadable_file_raises_oserror_and_leaks_nothing(tmp_path):
    missing = tmp_path / "gone.bin"
    before = len(os.listdir("/proc/self/fd"))
    with pytest.raises(OSError):
        Identifier(LocalFS()).identify(str(missing), 10)
    assert len(os.listdir("/proc/self/fd")) == before
