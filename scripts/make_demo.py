"""Regenerate resources/demo/: a few MB of real sample files in the formats Inspector reads.

Run with the test extras installed: python scripts/make_demo.py. Deterministic (seeded).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import struct
import tarfile
import zipfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import zstandard
from safetensors.numpy import save_file

OUT = Path(__file__).resolve().parent.parent / "resources" / "demo"
rng = random.Random(7)
nrng = np.random.default_rng(7)


def png(width: int, height: int) -> bytes:
    import zlib

    raw = b"".join(
        b"\x00" + bytes(rng.randrange(256) for _ in range(width * 3)) for _ in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    ds = OUT / "datasets"
    ds.mkdir(exist_ok=True)
    table = pa.table(
        {"text": [f"sample {i} " * 8 for i in range(6000)], "label": nrng.integers(0, 10, 6000)}
    )
    pq.write_table(table, ds / "train-00000-of-00002.parquet")
    pq.write_table(table.slice(0, 3000), ds / "train-00001-of-00002.parquet")
    np.save(ds / "embeddings.npy", nrng.standard_normal((256, 128)).astype(np.float32))
    lines = "".join(json.dumps({"prompt": f"q{i}", "answer": f"a{i}"}) + "\n" for i in range(4000))
    (ds / "chat.jsonl").write_text(lines)
    (ds / "chat-2.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(lines.encode()))
    buf = io.BytesIO()  # a webdataset shard: samples grouped by key, several extensions each
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for i in range(40):
            for ext, data in (
                ("png", png(16, 16)),
                ("txt", f"caption {i}".encode()),
                ("cls", str(i % 5).encode()),
            ):
                info = tarfile.TarInfo(f"{i:06d}.{ext}")
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    (ds / "shard-000000.tar").write_bytes(buf.getvalue())

    models = OUT / "models"
    models.mkdir(exist_ok=True)
    save_file(
        {"layer.0.weight": nrng.standard_normal((256, 256)).astype(np.float32)},
        str(models / "model.safetensors"),
    )
    gguf = b"GGUF" + struct.pack("<IQQ", 3, 0, 0)
    (models / "tiny.gguf").write_bytes(gguf + bytes(4096))

    photos = OUT / "photos"
    photos.mkdir(exist_ok=True)
    for i in range(5):
        (photos / f"holiday_{i}.png").write_bytes(png(64, 48))

    docs = OUT / "documents"
    docs.mkdir(exist_ok=True)
    (docs / "notes.txt").write_text("Packing list: chargers, adapters, drives.\n" * 20)
    (docs / "expenses.csv").write_text(
        "date,amount\n" + "".join(f"2026-01-{d:02d},{d * 3}\n" for d in range(1, 29))
    )
    with zipfile.ZipFile(docs / "backup.zip", "w") as z:
        z.writestr("readme.txt", "old backup\n" * 50)
    (docs / "log.gz").write_bytes(gzip.compress(b"log line\n" * 500, mtime=0))

    secret = OUT / "vault"
    secret.mkdir(exist_ok=True)
    (secret / "container.bin").write_bytes(rng.randbytes(512 * 1024))
    # a disguised file: a parquet shard named as a video
    (secret / "holiday_video.mp4").write_bytes((ds / "train-00001-of-00002.parquet").read_bytes())
    (OUT / "empty.dat").write_bytes(b"")
    total = sum(f.stat().st_size for f in OUT.rglob("*") if f.is_file())
    print(f"demo written to {OUT}: {total:,} bytes")


if __name__ == "__main__":
    os.umask(0o022)
    main()
