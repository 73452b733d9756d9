"""A corpus of real files in every format the identifier must name, written with the formats'
own writers where a package exists (pyarrow, numpy, h5py, safetensors, gguf, zstandard,
tarfile, zipfile, sqlite3) and hand-built bytes where none does (tfrecord, MDS, LMDB, LUKS,
BitLocker, onnx, pytorch zip, tflite, keras, legacy ggml, TF SavedModel and checkpoint index)."""

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

from inspector.core.content.identify.checksums import masked_crc32c

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


def tflite_bytes(version: int = 3, description: bytes = b"converted model") -> bytes:
    """A TFLite FlatBuffer laid out as flatc's builder does: root offset, "TFL3", the root
    Model's vtable, the table (version, subgraphs, description, buffers), then the vectors."""
    vtable = struct.pack("<7H", 14, 20, 4, 0, 8, 12, 16)  # version, -, subgraphs, desc, buffers
    root = 8 + len(vtable) + 2  # 4-aligned
    table_at, fields = root, 5
    after = table_at + 4 * fields
    subgraph_vt_at = after + 8  # subgraphs: [count, offset] then the subgraph's vtable and table
    subgraph_at = subgraph_vt_at + 4
    desc_at = subgraph_at + 4
    buffers_at = desc_at + 4 + len(description) + (-len(description) % 4)
    out = bytearray(struct.pack("<I", root) + b"TFL3" + vtable + b"\0\0")
    out += struct.pack("<iI", table_at - 8, version)
    out += struct.pack("<I", after - (table_at + 8))  # uoffsets are relative to themselves
    out += struct.pack("<I", desc_at - (table_at + 12))
    out += struct.pack("<I", buffers_at - (table_at + 16))
    out += struct.pack("<II", 1, subgraph_at - (after + 4))
    out += struct.pack("<HH", 4, 4) + struct.pack("<i", subgraph_at - subgraph_vt_at)
    out += struct.pack("<I", len(description)) + description + b"\0" * (-len(description) % 4)
    out += struct.pack("<I", 1) + struct.pack("<I", 4) + bytes(rng.randbytes(64))
    return bytes(out)


def tflite(path: Path) -> None:
    path.write_bytes(tflite_bytes())


def keras_bytes(weights: str = "model.weights.h5", assets: bool = False) -> bytes:
    """What keras.saving.save_model writes: metadata.json, config.json, the weights."""
    buf = io.BytesIO()
    h5 = io.BytesIO()
    with h5py.File(h5, "w") as f:
        f.create_dataset("layers/dense/vars/0", data=np.ones((4, 2), np.float32))
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("metadata.json", json.dumps({"keras_version": "3.6.0", "date_saved": "x"}))
        z.writestr("config.json", json.dumps({"module": "keras", "class_name": "Sequential"}))
        z.writestr(weights, h5.getvalue() if weights.endswith(".h5") else b"PK\5\6" + bytes(18))
        if assets:
            z.writestr("assets/vocab.txt", "a\nb\n")
    return buf.getvalue()


def keras(path: Path) -> None:
    path.write_bytes(keras_bytes())


def ggml_bytes(magic: bytes = b"tjgg", version: int | None = 3, hparams: tuple = ()) -> bytes:
    """A llama.cpp model before GGUF: magic, version (not for plain 'ggml'), hyperparameters
    (n_vocab, n_embd, n_mult, n_head, n_layer, n_rot, ftype), then the vocabulary."""
    hparams = hparams or (32000, 4096, 256, 32, 32, 128, 2)
    out = magic + (struct.pack("<I", version) if version is not None else b"")
    out += struct.pack(f"<{len(hparams)}I", *hparams)
    for token in (b"<unk>", b"<s>", b"</s>", b"the"):
        out += struct.pack("<I", len(token)) + token + struct.pack("<f", 0.0)
    return out + rng.randbytes(4000)


def ggml(path: Path) -> None:
    path.write_bytes(ggml_bytes())


def savedmodel_bytes(tags: tuple[bytes, ...] = (b"serve",), op_list_size: int = 300) -> bytes:
    """saved_model.pb as TF 2 writes it: schema version 1, one meta graph per tag whose
    MetaInfoDef holds stripped_op_list, tags, tensorflow_version and git version."""
    op = _pb_field(1, b"VarHandleOp") + _pb_field(5, b"x" * op_list_size)
    graphs = b""
    for tag in tags:
        info = (
            _pb_field(2, _pb_field(1, op))
            + _pb_field(4, tag)
            + _pb_field(5, b"2.15.0")
            + _pb_field(6, b"v2.15.0-rc1-8-g6887368d6d4")
            + _pb_field(7, 1)
        )
        node = _pb_field(1, b"serving_default_x") + _pb_field(2, b"Placeholder")
        graph_def = _pb_field(1, node) + _pb_field(4, _pb_field(1, 1645))
        graphs += _pb_field(2, _pb_field(1, info) + _pb_field(2, graph_def) + _pb_field(7, b"\n\0"))
    return _pb_field(1, 1) + graphs


def savedmodel(path: Path) -> None:
    path.write_bytes(savedmodel_bytes())


TABLE_MAGIC = struct.pack("<Q", 0xDB4775248B80FB57)


def _table_block(entries: list[tuple[bytes, bytes]]) -> bytes:
    """A block of TF's (LevelDB's) table format: entries without prefix sharing, one restart
    point, and the 5-byte trailer (no compression, masked crc32c)."""
    out = b""
    for key, value in entries:
        out += _pb_varint(0) + _pb_varint(len(key)) + _pb_varint(len(value)) + key + value
    out += struct.pack("<II", 0, 1)
    return out + b"\0" + struct.pack("<I", masked_crc32c(out + b"\0"))


def tf_index_bytes(tensors: tuple[str, ...] = ("dense/bias", "dense/kernel")) -> bytes:
    """`<prefix>.index` as BundleWriter::Finish writes it: the empty key with a
    BundleHeaderProto (num_shards 1, version {producer 1}), one BundleEntryProto per tensor,
    then the metaindex block, the index block and the 48-byte footer."""
    header = _pb_field(1, 1) + _pb_field(3, _pb_field(1, 1))
    entries = [(b"", header)]
    offset = 0
    for name in tensors:
        entry = _pb_field(1, 1) + _pb_field(2, _pb_field(2, _pb_field(1, 4)))
        entry += _pb_field(4, offset) + _pb_field(5, 16)
        entries.append((name.encode(), entry))
        offset += 16
    data = _table_block(entries)
    meta = _table_block([])
    index = _table_block(
        [(tensors[-1].encode() + b"\0", _pb_varint(0) + _pb_varint(len(data) - 5))]
    )
    handles = _pb_varint(len(data)) + _pb_varint(len(meta) - 5)
    handles += _pb_varint(len(data) + len(meta)) + _pb_varint(len(index) - 5)
    return data + meta + index + handles.ljust(40, b"\0") + TABLE_MAGIC


def tf_index(path: Path) -> None:
    path.write_bytes(tf_index_bytes())


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
    "tflite": ("model.tflite", tflite, "tflite", "ai-model"),
    "keras": ("model.keras", keras, "keras", "ai-model"),
    "ggml": ("ggml-model-q4_0.bin", ggml, "ggml", "ai-model"),
    "tf-savedmodel": ("saved_model.pb", savedmodel, "tf-savedmodel", "ai-model"),
    "tf-checkpoint": ("variables.index", tf_index, "tf-checkpoint", "ai-model"),
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
