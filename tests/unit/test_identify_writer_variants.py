"""Variants real writers produce that the plain corpus does not: long npy headers, Arrow's
pre-0.15 stream framing, HDF5 user blocks past the head, pickle protocols 0/1 and compressed
pickles, jsonl with records longer than the head or with arrays, and the texts that must stay
text next to those checks."""

from __future__ import annotations

import gzip
import json
import pickle
import random
import zlib
from pathlib import Path

import h5py
import numpy as np
import pyarrow as pa
import pytest
import zstandard

from inspector.core.content.identify import Identifier, is_disguised
from inspector.core.content.identify.probe import HEAD_BYTES, LONG_RECORD_LIMIT
from inspector.core.survey.fsview import LocalFS
from tests.unit import corpus


def _identify(path: Path):
    return Identifier(LocalFS()).identify(str(path), path.stat().st_size)


def _expect(path: Path, fmt: str, category: str, note: str | None = None) -> None:
    result = _identify(path)
    assert (result.format, result.category) == (fmt, category), result
    assert not result.warning, result
    if note is not None:
        assert note in result.note, result


class Point:  # a class instance pickles as GLOBAL + REDUCE/BUILD opcodes
    def __init__(self, x: int) -> None:
        self.x = x


def test_npy_with_a_header_longer_than_4_kib(tmp_path):
    dtype = np.dtype([(f"field_{i:05d}", "<f4") for i in range(600)])  # ~17 KiB header
    for version in ((1, 0), (2, 0)):
        path = tmp_path / f"wide-{version[0]}.npy"
        with open(path, "wb") as f:
            np.lib.format.write_array(f, np.zeros(3, dtype=dtype), version=version)
        _expect(path, "npy", "ai-dataset")


def test_arrow_stream_in_pre_0_15_framing(tmp_path):
    table = pa.table({"text": ["a", "b"] * 50, "label": list(range(100))})
    path = tmp_path / "legacy.arrows"
    options = pa.ipc.IpcWriteOptions(use_legacy_format=True)
    with (
        pa.OSFile(str(path), "wb") as sink,
        pa.ipc.new_stream(sink, table.schema, options=options) as writer,
    ):
        writer.write_table(table)
    assert path.read_bytes()[:4] != b"\xff\xff\xff\xff"  # really the old framing
    _expect(path, "arrow-stream", "ai-dataset", "pre-0.15")


def test_random_binaries_are_not_legacy_arrow_streams(tmp_path):
    rng = random.Random(7)
    for i in range(300):
        path = tmp_path / f"r{i}.bin"
        length = rng.choice((8, 16, 64, 256))
        path.write_bytes(length.to_bytes(4, "little") + rng.randbytes(2000))
        assert _identify(path).format != "arrow-stream"


@pytest.mark.parametrize("userblock", [65536, 131072])
def test_hdf5_user_block_past_the_head(tmp_path, userblock):
    path = tmp_path / "far.h5"
    with h5py.File(path, "w", userblock_size=userblock) as f:
        f["x"] = np.arange(10)
    _expect(path, "hdf5", "ai-dataset", f"user block of {userblock}")
    renamed = path.rename(tmp_path / "far.bin")  # zero-filled user block: found without a name
    _expect(renamed, "hdf5", "ai-dataset")


@pytest.mark.parametrize("protocol", [0, 1])
@pytest.mark.parametrize(
    "value",
    [{"a": [0, 1, 2], "b": "text"}, [1, 2, 3], Point(3)],
    ids=["dict", "list", "instance"],
)
def test_pickle_protocols_without_proto_opcode(tmp_path, protocol, value):
    path = tmp_path / "old.pkl"
    path.write_bytes(pickle.dumps(value, protocol=protocol))
    _expect(path, "pickle", "ai-model")


def test_numpy_array_pickled_with_protocol_0(tmp_path):
    path = tmp_path / "arr.pkl"
    path.write_bytes(pickle.dumps(np.arange(1000.0), protocol=0))
    _expect(path, "pickle", "ai-model")


@pytest.mark.parametrize(
    "content",
    [
        b"(1) Introduction\nThis report covers...\n",
        b"cat notes.txt | grep x\nls -la\n",
        b"class Foo:\n    pass\n",
        b"[INFO] started\n[INFO] done.\n",
        b"(see above).",
    ],
)
def test_texts_that_start_like_pickle_opcodes_stay_text(tmp_path, content):
    path = tmp_path / "note.txt"
    path.write_bytes(content)
    result = _identify(path)
    assert result.category == "text", result


def test_large_zlib_compressed_pickle_is_named_from_its_prefix(tmp_path):
    """joblib compress=N writes a zlib stream; its pickle is longer than the decoded prefix."""
    blob = pickle.dumps({"weights": np.random.default_rng(1).random(50_000)}, protocol=4)
    path = tmp_path / "model.joblib"
    path.write_bytes(zlib.compress(blob, 3))
    _expect(path, "pickle", "ai-model", "zlib")


def _long_records(count: int = 4, size: int = 200_000) -> bytes:
    rows = [json.dumps({"id": i, "text": "lorem ipsum " * (size // 12)}) for i in range(count)]
    return ("\n".join(rows) + "\n").encode()


def test_jsonl_with_records_longer_than_the_head(tmp_path):
    data = _long_records()
    plain = tmp_path / "books.jsonl"
    plain.write_bytes(data)
    _expect(plain, "jsonl", "ai-dataset", "long records")
    gz = tmp_path / "books.jsonl.gz"
    gz.write_bytes(gzip.compress(data, mtime=0))
    _expect(gz, "jsonl", "ai-dataset", "gzip")
    zst = tmp_path / "books.jsonl.zst"
    zst.write_bytes(zstandard.ZstdCompressor(level=3).compress(data))
    _expect(zst, "jsonl", "ai-dataset", "zstd")


def test_jsonl_of_books_with_records_over_a_mebibyte(tmp_path):
    data = _long_records(count=3, size=1_500_000)
    path = tmp_path / "books.jsonl"
    path.write_bytes(data)
    _expect(path, "jsonl", "ai-dataset", "long records")


def test_large_minified_json_reads_a_bounded_prefix(tmp_path):
    doc = json.dumps([{"id": i, "text": "x" * 100} for i in range(80_000)]).encode()
    assert b"\n" not in doc and len(doc) > 2 * LONG_RECORD_LIMIT
    path = tmp_path / "dump.json"
    path.write_bytes(doc)
    identifier = Identifier(LocalFS())
    assert identifier.identify(str(path), len(doc)).format == "json"
    assert HEAD_BYTES < identifier.bytes_read <= LONG_RECORD_LIMIT


def test_one_long_json_document_stays_json(tmp_path):
    doc = json.dumps({"rows": [{"id": i, "text": "x" * 100} for i in range(3000)]}).encode()
    assert b"\n" not in doc and len(doc) > 200_000
    path = tmp_path / "export.json"
    path.write_bytes(doc)
    result = _identify(path)
    assert result.format == "json", result
    gz = tmp_path / "export.json.gz"
    gz.write_bytes(gzip.compress(doc, mtime=0))
    assert _identify(gz).format == "gzip"


def test_jsonl_of_arrays_and_pretty_json(tmp_path):
    tokens = tmp_path / "tokens.jsonl"
    tokens.write_text("".join(json.dumps(list(range(i, i + 20))) + "\n" for i in range(50)))
    _expect(tokens, "jsonl", "ai-dataset")
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps([{"a": 1}, {"b": 2}], indent=2))
    assert _identify(pretty).format == "json"


def _onnx_model(doc_string: bytes = b"") -> bytes:
    node = corpus._pb_field(1, b"x") + corpus._pb_field(2, b"y") + corpus._pb_field(4, b"Relu")
    graph = corpus._pb_field(1, node) + corpus._pb_field(2, b"g")
    return (
        corpus._pb_field(1, 8)
        + corpus._pb_field(2, b"pytorch")
        + (corpus._pb_field(6, doc_string) if doc_string else b"")
        + corpus._pb_field(7, graph)
        + corpus._pb_field(8, corpus._pb_field(2, 17))
    )


def test_onnx_with_a_doc_string_longer_than_the_head(tmp_path):
    path = tmp_path / "documented.onnx"
    path.write_bytes(_onnx_model(doc_string=b"A model card. " * 10_000))  # 140 KB before the graph
    result = Identifier(LocalFS(), use_magika=False).identify(str(path), path.stat().st_size)
    assert (result.format, result.category) == ("onnx", "ai-model"), result  # structurally


def test_onnx_external_data_is_named_by_its_model(tmp_path):
    weights = np.random.default_rng(3).random(100_000).astype("<f4").tobytes()
    (tmp_path / "model.onnx").write_bytes(_onnx_model())
    data = tmp_path / "model.onnx.data"
    data.write_bytes(weights)
    _expect(data, "onnx", "ai-model", "external data")
    (tmp_path / "model.onnx").write_bytes(b"not a model at all")  # the model must be ONNX
    assert _identify(data).format != "onnx"
    lonely = tmp_path / "other.onnx.data"  # and must be there
    lonely.write_bytes(weights)
    assert _identify(lonely).format != "onnx"


def test_mds_index_named_json_is_not_disguised():
    assert not is_disguised("json", "mds", "ai-dataset")
    assert is_disguised("json", "safetensors", "ai-model")


@pytest.mark.parametrize(
    ("head", "fmt", "category"),
    [
        (b"age-encryption.org/v1\n-> X25519 abc\n--- xyz\n", "age", "encrypted"),
        (b"-----BEGIN PGP MESSAGE-----\n\nhQEMA+abc\n", "pgp", "encrypted"),
        (b"$ANSIBLE_VAULT;1.1;AES256\n6162636465\n", "ansible-vault", "encrypted"),
        (b"encrcdsa\x00\x00\x00\x02", "encrypted-dmg", "encrypted"),
        (b"\xff\x06\x00\x00sNaPpY\x00\x00", "snappy", "archive"),
        (b"LZIP\x01\x0c", "lzip", "archive"),
    ],
)
def test_encrypted_messages_and_other_compressors_by_header(tmp_path, head, fmt, category):
    path = tmp_path / "blob"
    path.write_bytes(head + random.Random(5).randbytes(5000))
    _expect(path, fmt, category)


@pytest.mark.parametrize(
    ("content", "fmt"),
    [
        ("name,amount\nAnna,12\nBo,7\n".encode("utf-16"), "csv"),  # BOM + UTF-16LE
        ("Dear diary,\ntoday we flew home.\n".encode("utf-16-be").join([b"\xfe\xff", b""]), "text"),
        ('{"a": 1}\n{"a": 2}\n'.encode("utf-16"), "jsonl"),
        ("Café au lait, crème brûlée.\nÀ bientôt.\n".encode("latin-1"), "text"),
        ("Prénom;Montant\nRené;12\nZoë;7\n".encode("cp1252"), "csv"),
    ],
)
def test_utf16_and_8_bit_text(tmp_path, content, fmt):
    path = tmp_path / "export.txt"
    path.write_bytes(content)
    result = Identifier(LocalFS(), use_magika=False).identify(str(path), len(content))
    assert (result.format, result.category) == (fmt, "ai-dataset" if fmt == "jsonl" else "text")


@pytest.mark.parametrize("seed", range(20))
def test_nul_free_binaries_are_not_text(tmp_path, seed):
    rng = random.Random(seed)
    path = tmp_path / "blob.bin"
    path.write_bytes(bytes(rng.randrange(1, 256) for _ in range(rng.choice((64, 300, 4000)))))
    assert _identify(path).category != "text"


@pytest.mark.parametrize(
    ("head", "fmt", "category"),
    [
        (b"\xde\x12\x04\x95\x00\x00\x00\x00\x05\x00\x00\x00", "gettext", "executable"),
        (b"\x95\x04\x12\xde\x00\x00\x00\x00\x00\x00\x00\x05", "gettext", "executable"),
        (b".snd\x00\x00\x00\x18\x00\x00\x10\x00\x00\x00\x00\x02", "au", "audio"),
        (b"FORM\x00\x00\x10\x00AIFFCOMM", "aiff", "audio"),
        (b"RIFX\x00\x00\x10\x00WAVEfmt ", "wav", "audio"),
    ],
)
def test_more_signatures(tmp_path, head, fmt, category):
    path = tmp_path / "file"
    path.write_bytes(head + bytes(range(256)) * 8)
    _expect(path, fmt, category)


def test_raw_deflate_is_compressed_and_brotli_named_noise_stays_encrypted(tmp_path):
    noise = random.Random(9).randbytes(200_000)
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    raw = tmp_path / "member.deflate"
    raw.write_bytes(packer.compress(noise) + packer.flush())
    _expect(raw, "deflate", "archive")
    renamed = tmp_path / "volume.br"  # an encrypted volume renamed must not leave "encrypted"
    renamed.write_bytes(noise)
    result = _identify(renamed)
    assert (result.format, result.category) == ("encrypted", "encrypted"), result
    assert "brotli" in result.note
