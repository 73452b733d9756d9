"""Files written by the real libraries of two formats the plain corpus builds by hand: LMDB
environments (the lmdb binding) and webdataset shards (webdataset's TarWriter)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import lmdb
import numpy as np
import pytest
import webdataset

from inspector.core.content.identify import Identifier
from inspector.core.survey.fsview import LocalFS


def _identify(path: Path):
    return Identifier(LocalFS()).identify(str(path), path.stat().st_size)


@pytest.mark.parametrize("entries", [3, 2000])
@pytest.mark.parametrize("subdir", [True, False])
def test_lmdb_environment(tmp_path, entries, subdir):
    where = tmp_path / ("env" if subdir else "env.mdb")
    env = lmdb.open(str(where), map_size=64 << 20, subdir=subdir)
    with env.begin(write=True) as txn:
        for i in range(entries):
            txn.put(f"key-{i:06d}".encode(), os.urandom(200))
    env.close()
    data = where / "data.mdb" if subdir else where
    lock = where / "lock.mdb" if subdir else Path(f"{where}-lock")
    assert (_identify(data).format, _identify(data).category) == ("lmdb", "ai-dataset")
    assert _identify(lock).format == "lmdb"


def _jpeg_like(i: int) -> bytes:
    return b"\xff\xd8\xff\xe0" + i.to_bytes(4, "big") * 500


@pytest.mark.parametrize("fields", [("jpg", "cls"), ("jpg", "txt", "json"), ("npy", "seg.png")])
def test_webdataset_tarwriter_shard(tmp_path, fields):
    path = tmp_path / "shard-000000.tar"
    with webdataset.TarWriter(str(path)) as sink:
        for i in range(20):
            sample = {"__key__": f"sample{i:06d}"}
            for field in fields:
                if field == "npy":
                    buf = io.BytesIO()
                    np.save(buf, np.arange(i, i + 10))
                    sample[field] = buf.getvalue()
                elif field == "cls":
                    sample[field] = str(i % 10).encode()
                elif field == "json":
                    sample[field] = b'{"caption": "a photo"}'
                elif field == "txt":
                    sample[field] = b"a photo of a cat"
                else:
                    sample[field] = _jpeg_like(i)
            sink.write(sample)
    result = _identify(path)
    assert (result.format, result.category) == ("webdataset", "ai-dataset"), result
