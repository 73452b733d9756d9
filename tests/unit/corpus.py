"""A corpus of real files in every format the identifier must name, written with the formats'
own writers where a package exists (pyarrow, numpy, h5py, safetensors, gguf, zstandard,
tarfile, zipfile, sqlite3) and hand-built bytes where none does (tfrecord, MDS, LMDB, LUKS,
BitLocker, onnx, pytorch zip)."""

from __future__ import annotations

import gzip
import io
import json
import pickle
import random
import sqlite3
import struct
import tarfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import h5py
import numpy as np
import pyarrow as pa
import pyarrow.feather as feather
import pyarrow.parquet as pq
import zstandard
from gguf import GGUFWriter
from safetensors.numpy import save_file

from inspector.core.identify.checksums import masked_crc32c

rng = random.Random(11)


def _table(rows: int = 300) -> pa.Table:
    return pa.table({"text": [f"row {i} " * 4 for i in range(rows)], "label": list(range(rows))})


def parquet(path: Path) -> None:
    pq.write_table(_table(), path)


def arrow_file(path: Path) -> None:
    table = _table()
    with pa.ipc.new_file(str(path), table.schema) as writer:
        writer.write_table(table)


def feather_v2(path: Path) -> None:
    feather.write_feather(_table(), str(path))


def arrow_stream(path: Path) -> None:
    table = _table()
    with pa.ipc.new_stream(str(path), table.schema) as writer:
        writer.write_table(table)


def tfrecord_bytes(records: list[bytes]) -> bytes:
    out = bytearray()
    for data in records:
        length = struct.pack("<Q", len(data))
        out += length + struct.pack("<I", masked_crc32c(length))
        out += data + struct.pack("<I", masked_crc32c(data))
    return bytes(out)


def tfrecord(path: Path) -> None:
    path.write_bytes(tfrecord_bytes([rng.randbytes(rng.randrange(50, 3000)) for _ in range(20)]))


def tar_bytes(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def tfrecord_zlib(path: Path) -> None:
    """TFRecordOptions(compression_type="ZLIB"): the record stream in one zlib stream."""
    records = [rng.randbytes(rng.randrange(50, 3000)) for _ in range(20)]
    path.write_bytes(zlib.compress(tfrecord_bytes(records)))


def webdataset_members() -> list[tuple[str, bytes]]:
    members = []
    for i in range(12):
        members.append((f"sample{i:06d}.jpg", b"\xff\xd8\xff\xe0" + rng.randbytes(600)))
        members.append((f"sample{i:06d}.cls", str(i % 3).encode()))
        members.append((f"sample{i:06d}.json", json.dumps({"i": i}).encode()))
    return members


def webdataset(path: Path) -> None:
    path.write_bytes(tar_bytes(webdataset_members()))


def webdataset_gz(path: Path) -> None:
    path.write_bytes(gzip.compress(tar_bytes(webdataset_members()), mtime=0))


def plain_tar(path: Path) -> None:
    members = [(f"src/module{i}.py", b"print('hi')\n" * 20) for i in range(6)]
    path.write_bytes(tar_bytes([*members, ("README", b"x")]))


def npy(path: Path) -> None:
    np.save(path, np.arange(3000, dtype=np.float32).reshape(100, 30))


def npz(path: Path) -> None:
    np.savez_compressed(path, a=np.arange(100), b=np.ones((5, 5)))


def hdf5(path: Path) -> None:
    with h5py.File(path, "w") as f:
        f.create_dataset("x", data=np.arange(1000))


def hdf5_userblock(path: Path) -> None:
    with h5py.File(path, "w", userblock_size=1024) as f:
        f.create_dataset("x", data=np.arange(100))


def _jsonl(n: int = 400) -> bytes:
    return "".join(
        json.dumps({"prompt": f"question {i}", "answer": "yes " * (i % 7)}) + "\n" for i in range(n)
    ).encode()


def jsonl(path: Path) -> None:
    path.write_bytes(_jsonl())


def jsonl_zst(path: Path) -> None:
    path.write_bytes(zstandard.ZstdCompressor(level=3).compress(_jsonl(3000)))


def jsonl_gz(path: Path) -> None:
    path.write_bytes(gzip.compress(_jsonl(3000), mtime=0))


def mds_shard_bytes(samples: list[bytes], config: bytes = b"") -> bytes:
    """The layout MDSWriter.encode_joint_shard writes: count, offsets, JSON config, samples."""
    n = len(samples)
    offsets = [4 + 4 * (n + 1) + len(config)]
    for s in samples:
        offsets.append(offsets[-1] + len(s))
    return struct.pack(f"<I{n + 1}I", n, *offsets) + config + b"".join(samples)


def mds(path: Path) -> None:
    """A MosaicML streaming dataset directory: index.json beside shard.00000.mds."""
    path.mkdir()
    samples = [struct.pack("<I", 9) + f"sample {i:02d}".encode()[:9] for i in range(50)]
    config = {
        "column_encodings": ["str"],
        "column_names": ["text"],
        "column_sizes": [None],
        "compression": None,
        "format": "mds",
        "hashes": [],
        "size_limit": 1 << 26,
        "version": 2,
    }
    shard = mds_shard_bytes(samples, json.dumps(config, sort_keys=True).encode())
    (path / "shard.00000.mds").write_bytes(shard)
    index = {
        "version": 2,
        "shards": [
            {
                "column_encodings": ["str"],
                "column_names": ["text"],
                "column_sizes": [None],
                "compression": None,
                "format": "mds",
                "hashes": [],
                "raw_data": {"basename": "shard.00000.mds", "bytes": len(shard), "hashes": {}},
                "samples": len(samples),
                "size_limit": 1 << 26,
                "version": 2,
                "zip_data": None,
            }
        ],
    }
    (path / "index.json").write_text(json.dumps(index, sort_keys=True))


def lmdb_bytes(pages: int = 4, page: int = 4096) -> bytes:
    """data.mdb as LMDB 0.9 writes it on 64-bit: two meta pages, then data pages."""
    out = bytearray()
    for pgno in range(2):
        header = struct.pack("<QHHHH", pgno, 0, 0x08, 0, 0)  # P_META
        meta = struct.pack("<IIQQ", 0xBEEFC0DE, 1, 0, 1 << 20)
        out += (header + meta).ljust(page, b"\0")
    for pgno in range(2, pages):
        out += (struct.pack("<QHHHH", pgno, 0, 0x02, 32, 4000) + rng.randbytes(64)).ljust(
            page, b"\0"
        )
    return bytes(out)


def lmdb(path: Path) -> None:
    path.write_bytes(lmdb_bytes())


def safetensors(path: Path) -> None:
    save_file({"w": np.ones((32, 32), np.float32), "b": np.zeros(32, np.float16)}, str(path))


def gguf(path: Path) -> None:
    writer = GGUFWriter(str(path), "llama")
    writer.add_block_count(2)
    writer.add_tensor("tok.weight", np.ones((8, 8), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def pytorch_zip(path: Path) -> None:
    """The layout torch.save (>= 1.6) writes: <name>/data.pkl, <name>/data/<n>, <name>/version."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("model/data.pkl", pickle.dumps({"weight": "storage 0"}, protocol=2))
        z.writestr("model/byteorder", "little")
        z.writestr("model/data/0", rng.randbytes(4096))
        z.writestr("model/version", "3\n")
        z.writestr("model/.data/serialization_id", "1234")


def _pb_varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _pb_field(number: int, payload: bytes | int) -> bytes:
    if isinstance(payload, int):
        return _pb_varint(number << 3) + _pb_varint(payload)
    return _pb_varint(number << 3 | 2) + _pb_varint(len(payload)) + payload


def onnx(path: Path) -> None:
    """A ModelProto as onnx serialises it: ir_version, producer, graph, opset_import."""
    node = _pb_field(1, b"x") + _pb_field(2, b"y") + _pb_field(4, b"Relu")
    graph = _pb_field(1, node) + _pb_field(2, b"g") + _pb_field(5, rng.randbytes(2000))
    model = (
        _pb_field(1, 8)
        + _pb_field(2, b"pytorch")
        + _pb_field(3, b"2.1.0")
        + _pb_field(7, graph)
        + _pb_field(8, _pb_field(2, 17))
    )
    path.write_bytes(model)


def pickle_file(path: Path) -> None:
    path.write_bytes(pickle.dumps({"weights": list(range(500)), "name": "clf"}, protocol=4))


def luks(path: Path) -> None:
    header = b"LUKS\xba\xbe\x00\x02" + struct.pack(">Q", 16384) + b"\0" * 48 + b"sha256"
    path.write_bytes(header.ljust(4096, b"\0") + rng.randbytes(60000))


def bitlocker(path: Path) -> None:
    path.write_bytes(b"\xeb\x58\x90-FVE-FS-" + b"\0" * 500 + rng.randbytes(60000))


def empty(path: Path) -> None:
    path.write_bytes(b"")


def zeros(path: Path) -> None:
    path.write_bytes(bytes(200_000))


def encrypted(path: Path) -> None:
    path.write_bytes(rng.randbytes(200_000))


def gzip_random(path: Path) -> None:
    path.write_bytes(gzip.compress(rng.randbytes(100_000), mtime=0))


def xz_text(path: Path) -> None:
    import lzma

    path.write_bytes(lzma.compress(b"plain words\n" * 5000))


def png(path: Path) -> None:
    raw = b"".join(b"\x00" + rng.randbytes(48) for _ in range(16))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def jpeg(path: Path) -> None:
    path.write_bytes(
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + rng.randbytes(5000) + b"\xff\xd9"
    )


def pdf(path: Path) -> None:
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20 + b"%%EOF\n")


def docx(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("_rels/.rels", "<Relationships/>")
        z.writestr("word/document.xml", "<w:document>hello</w:document>" * 20)


def plain_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("notes/readme.txt", "old backup\n" * 50)
        z.writestr("notes/list.csv", "a,b\n1,2\n")


def sqlite(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("create table t (x)")
    con.executemany("insert into t values (?)", [(i,) for i in range(100)])
    con.commit()
    con.close()


def elf(path: Path) -> None:
    path.write_bytes(Path("/bin/true").read_bytes())


def text(path: Path) -> None:
    path.write_text("Dear diary, today I packed my bags.\n" * 40)


def csv(path: Path) -> None:
    path.write_text(
        "date,amount,place\n" + "".join(f"2026-01-{d:02d},{d},x\n" for d in range(1, 29))
    )


# name -> (file name, writer, expected format, expected category)
CORPUS: dict[str, tuple[str, Callable[[Path], None], str, str]] = {
    "parquet": ("train.parquet", parquet, "parquet", "ai-dataset"),
    "arrow-file": ("data.arrow", arrow_file, "arrow", "ai-dataset"),
    "feather": ("data.feather", feather_v2, "arrow", "ai-dataset"),
    "arrow-stream": ("data.arrows", arrow_stream, "arrow-stream", "ai-dataset"),
    "tfrecord": ("train.tfrecord", tfrecord, "tfrecord", "ai-dataset"),
    "tfrecord-zlib": ("train-zlib.tfrecord", tfrecord_zlib, "tfrecord", "ai-dataset"),
    "webdataset": ("shard-000000.tar", webdataset, "webdataset", "ai-dataset"),
    "webdataset-gz": ("shard-000001.tar.gz", webdataset_gz, "webdataset", "ai-dataset"),
    "tar": ("src.tar", plain_tar, "tar", "archive"),
    "npy": ("emb.npy", npy, "npy", "ai-dataset"),
    "npz": ("arrays.npz", npz, "npz", "ai-dataset"),
    "hdf5": ("data.h5", hdf5, "hdf5", "ai-dataset"),
    "hdf5-userblock": ("ub.h5", hdf5_userblock, "hdf5", "ai-dataset"),
    "jsonl": ("chat.jsonl", jsonl, "jsonl", "ai-dataset"),
    "jsonl-zst": ("chat.jsonl.zst", jsonl_zst, "jsonl", "ai-dataset"),
    "jsonl-gz": ("chat.jsonl.gz", jsonl_gz, "jsonl", "ai-dataset"),
    "lmdb": ("data.mdb", lmdb, "lmdb", "ai-dataset"),
    "safetensors": ("model.safetensors", safetensors, "safetensors", "ai-model"),
    "gguf": ("model.gguf", gguf, "gguf", "ai-model"),
    "pytorch": ("model.pt", pytorch_zip, "pytorch", "ai-model"),
    "onnx": ("model.onnx", onnx, "onnx", "ai-model"),
    "pickle": ("clf.pkl", pickle_file, "pickle", "ai-model"),
    "luks": ("disk.img", luks, "luks", "encrypted"),
    "bitlocker": ("vol.img", bitlocker, "bitlocker", "encrypted"),
    "empty": ("empty.dat", empty, "empty", "empty"),
    "zeros": ("wiped.dat", zeros, "zeros", "empty"),
    "encrypted": ("container.bin", encrypted, "encrypted", "encrypted"),
    "gzip": ("blob.gz", gzip_random, "gzip", "archive"),
    "xz": ("words.xz", xz_text, "xz", "archive"),
    "png": ("photo.png", png, "png", "image"),
    "jpeg": ("photo.jpg", jpeg, "jpeg", "image"),
    "pdf": ("paper.pdf", pdf, "pdf", "document"),
    "docx": ("letter.docx", docx, "docx", "document"),
    "zip": ("backup.zip", plain_zip, "zip", "archive"),
    "sqlite": ("app.sqlite", sqlite, "sqlite", "database"),
    "elf": ("tool", elf, "elf", "executable"),
    "text": ("diary.txt", text, "text", "text"),
    "csv": ("money.csv", csv, "csv", "text"),
}


def build(root: Path) -> dict[str, Path]:
    """Write every corpus entry under `root`; returns name -> path of the file to identify."""
    root.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, (filename, writer, _fmt, _cat) in CORPUS.items():
        path = root / filename
        writer(path)
        out[name] = path / "shard.00000.mds" if path.is_dir() else path
    mds(root / "mds-dataset")
    out["mds"] = root / "mds-dataset" / "shard.00000.mds"
    out["mds-index"] = root / "mds-dataset" / "index.json"
    return out


EXPECTED = {name: (fmt, cat) for name, (_f, _w, fmt, cat) in CORPUS.items()}
EXPECTED["mds"] = ("mds", "ai-dataset")
EXPECTED["mds-index"] = ("mds", "ai-dataset")
