"""TensorFlow Lite, Keras v3 archives, legacy GGML (llama.cpp before GGUF), TensorFlow
SavedModel and checkpoints: named by structure, also renamed, and not confused with what
resembles them (plain zips, ONNX models, browser LevelDB tables, text, random bytes)."""

from __future__ import annotations

import io
import shutil
import struct
import zipfile
from pathlib import Path

import numpy as np
import pytest

from inspector.core.content.identify import Identifier, ai_models, is_disguised
from inspector.core.content.identify.probe import HEAD_BYTES, Probe
from inspector.core.survey.fsview import LocalFS
from tests.unit import corpus
from tests.unit.fsviews import CountingFS

MODEL = "ai-model"


def _identify(path: Path):
    # No Magika: what is not named structurally lands on the same verdict everywhere.
    return Identifier(LocalFS(), use_magika=False).identify(str(path), path.stat().st_size)


def _expect(path: Path, fmt: str, category: str, note: str | None = None) -> None:
    result = _identify(path)
    assert (result.format, result.category) == (fmt, category), result
    assert not result.warning, result
    if note is not None:
        assert result.note == note, result


def _expect_suspect(path: Path) -> None:
    result = _identify(path)
    assert (result.format, result.category, result.warning) == ("unknown", "unknown", True)
    assert result.note, result


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _probe(data: bytes) -> Probe:
    return Probe(LocalFS(), "/nonexistent/sample", len(data), data)


# ---- TensorFlow Lite -----------------------------------------------------------------------


def test_tflite(tmp_path):
    _expect(_write(tmp_path, "model.tflite", corpus.tflite_bytes()), "tflite", MODEL)


def test_tflite_from_the_flatbuffers_builder(tmp_path):
    """The flatbuffers library's own builder (what TFLite's generated code calls): its layout,
    not ours, with the vtable slots it chooses."""
    flatbuffers = pytest.importorskip("flatbuffers")
    builder = flatbuffers.Builder(0)
    builder.StartObject(0)
    subgraph = builder.EndObject()
    builder.StartVector(4, 1, 4)
    builder.PrependUOffsetTRelative(subgraph)
    subgraphs = builder.EndVector()
    description = builder.CreateString("TOCO Converted.")
    builder.StartObject(8)
    builder.PrependUint32Slot(0, 3, 0)
    builder.PrependUOffsetTRelativeSlot(2, subgraphs, 0)
    builder.PrependUOffsetTRelativeSlot(3, description, 0)
    builder.Finish(builder.EndObject(), file_identifier=b"TFL3")
    _expect(_write(tmp_path, "built.tflite", bytes(builder.Output())), "tflite", MODEL)


def test_tflite_with_its_vtable_after_the_table(tmp_path):
    """A negative vtable offset (vtable after the table) is valid FlatBuffers."""
    # root table at 8 (soffset, version, subgraphs, padding), its vtable at 28, the subgraphs
    # vector at 40 ([count, offset]) and one empty subgraph table at 48 with its vtable at 52
    table = struct.pack("<iII", 8 - 28, 3, 40 - 16) + bytes(8)
    vtable = struct.pack("<5H", 10, 12, 4, 0, 8) + bytes(2)
    tail = struct.pack("<II", 1, 4) + struct.pack("<iHH", -4, 4, 4)
    data = struct.pack("<I", 8) + b"TFL3" + table + vtable + tail
    _expect(_write(tmp_path, "after.tflite", data), "tflite", MODEL)


def test_tflite_identifier_with_a_root_offset_past_the_end_is_not_tflite(tmp_path):
    rng = np.random.default_rng(5)
    data = struct.pack("<I", 10**9) + b"TFL3" + rng.bytes(5000)
    _expect_suspect(_write(tmp_path, "random.tflite", data))


@pytest.mark.parametrize(
    "patch",
    [
        lambda d: d[:4] + struct.pack("<I", 0xFFFF) + d[8:],  # identifier broken: not looked at
        lambda d: d[:24] + struct.pack("<i", -(10**6)) + d[28:],  # vtable outside the file
        lambda d: d[:28] + struct.pack("<I", 2) + d[32:],  # schema version 2
        lambda d: d[:32] + struct.pack("<I", 10**8) + d[36:],  # subgraphs past the end
    ],
    ids=["no-identifier", "vtable-outside", "version-2", "subgraphs-outside"],
)
def test_broken_tflite_is_not_tflite(tmp_path, patch):
    data = patch(corpus.tflite_bytes())
    result = _identify(_write(tmp_path, "broken.tflite", data))
    if data[4:8] == b"TFL3":
        assert (result.format, result.category, result.warning) == ("unknown", "unknown", True)
    else:
        assert (result.format, result.category) == ("unknown", "unknown"), result


def test_text_with_tfl3_at_offset_4_is_text(tmp_path):
    path = _write(tmp_path, "notes.txt", b"See TFL3 files in the models folder.\n")
    _expect(path, "text", "text")


# ---- Keras v3 archives -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weights", "assets"),
    [("model.weights.h5", False), ("model.weights.npz", False), ("model.weights.h5", True)],
)
def test_keras_archive(tmp_path, weights, assets):
    path = _write(tmp_path, "classifier.keras", corpus.keras_bytes(weights, assets))
    _expect(path, "keras", MODEL, "keras v3 archive")


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    "members",
    [
        {"config.json": b"{}"},
        {"config.json": b"{}", "metadata.json": b"{}"},  # no weights
        {"config.json": b"{}", "model.weights.h5": b"x"},  # no metadata
        {"app/config.json": b"{}", "app/metadata.json": b"{}", "app/model.weights.h5": b"x"},
    ],
    ids=["config-only", "no-weights", "no-metadata", "in-a-folder"],
)
def test_zips_that_are_not_keras_archives(tmp_path, members):
    _expect(_write(tmp_path, "bundle.zip", _zip(members)), "zip", "archive")


# ---- legacy GGML -----------------------------------------------------------------------------

LLAMA_7B = (32000, 4096, 256, 32, 32, 128, 2)
WHISPER_BASE = (51865, 1500, 512, 8, 6, 448, 512, 8, 6, 80, 1)


@pytest.mark.parametrize(
    ("magic", "version", "hparams", "note"),
    [
        (b"tjgg", 3, LLAMA_7B, "ggjt v3"),
        (b"tjgg", 1, LLAMA_7B, "ggjt v1"),
        (b"fmgg", 1, LLAMA_7B, "ggmf v1"),
        (b"fmgg", 101, (50277, 2560, 32, 0), "ggmf v101"),  # rwkv.cpp: n_vocab, n_embed, n_layer
        (b"lmgg", None, LLAMA_7B, "ggml"),  # unversioned (alpaca, gpt4all of early 2023)
        (b"lmgg", None, WHISPER_BASE, "ggml"),  # whisper.cpp
        (b"algg", 1, (8, 16), "ggla LoRA adapter"),  # rank, alpha
        (b"algg", 1, (2, 27, 0), "ggla LoRA adapter"),  # later: first tensor's n_dims, name
    ],
)
def test_legacy_ggml(tmp_path, magic, version, hparams, note):
    path = _write(tmp_path, "ggml-model.bin", corpus.ggml_bytes(magic, version, hparams))
    _expect(path, "ggml", MODEL, note)


def test_ggla_magic_is_the_u32_written_little_endian():
    assert struct.pack("<I", 0x67676C61) == b"algg"
    assert struct.pack("<I", 0x67676A74) == b"tjgg"
    assert struct.pack("<I", 0x67676D66) == b"fmgg"
    assert struct.pack("<I", 0x67676D6C) == b"lmgg"


@pytest.mark.parametrize(
    ("magic", "version", "hparams"),
    [
        (b"tjgg", 9, LLAMA_7B),  # unknown ggjt version
        (b"fmgg", 2, LLAMA_7B),  # ggmf had version 1 only (and rwkv.cpp's 100-101)
        (b"tjgg", 3, (0, 4096, 256)),  # no vocabulary
        (b"tjgg", 3, (32000, 0, 256)),  # no embedding
        (b"lmgg", None, (20_000_000, 4096, 256)),  # a vocabulary of 20 million
        (b"algg", 1, (0, 16)),  # rank 0
    ],
)
def test_implausible_ggml_headers_are_suspect(tmp_path, magic, version, hparams):
    _expect_suspect(_write(tmp_path, "model.bin", corpus.ggml_bytes(magic, version, hparams)))


def test_text_starting_with_a_ggml_magic_is_text(tmp_path):
    _expect(_write(tmp_path, "words.txt", b"algg and lmgg are not words.\n" * 3), "text", "text")


# ---- TensorFlow SavedModel -------------------------------------------------------------------


def test_savedmodel(tmp_path):
    _expect(_write(tmp_path, "saved_model.pb", corpus.savedmodel_bytes()), "tf-savedmodel", MODEL)


def test_tf1_savedmodel_with_two_meta_graphs(tmp_path):
    path = _write(tmp_path, "saved_model.pb", corpus.savedmodel_bytes((b"train", b"serve")))
    _expect(path, "tf-savedmodel", MODEL, "tag train")


def test_savedmodel_whose_tags_lie_past_the_head(tmp_path):
    """A large stripped_op_list (100 KB) puts the tags beyond the 64 KiB head."""
    data = corpus.savedmodel_bytes(op_list_size=100_000)
    assert data.find(b"serve") > 65536
    _expect(_write(tmp_path, "saved_model.pb", data), "tf-savedmodel", MODEL, "tag serve")


def _onnx_ir_version_1() -> bytes:
    """An ONNX ModelProto of IR version 1: field 1 = 1, then producer_name as field 2, like
    SavedModel's schema version and meta graph."""
    node = corpus._pb_field(1, b"x") + corpus._pb_field(2, b"y") + corpus._pb_field(4, b"Relu")
    graph = corpus._pb_field(1, node) + corpus._pb_field(2, b"g")
    return (
        corpus._pb_field(1, 1)
        + corpus._pb_field(2, b"onnx-caffe2")
        + corpus._pb_field(3, b"0.1")
        + corpus._pb_field(7, graph)
    )


def test_savedmodel_and_onnx_are_told_apart_both_ways(tmp_path):
    onnx = _onnx_ir_version_1()
    saved = corpus.savedmodel_bytes()
    assert onnx[:3] == saved[:3] == b"\x08\x01\x12"  # the same first bytes
    _expect(_write(tmp_path, "old.onnx", onnx), "onnx", MODEL)
    _expect(_write(tmp_path, "saved_model.pb", saved), "tf-savedmodel", MODEL)
    assert ai_models.sniff_tf_savedmodel(_probe(onnx)) is None
    assert ai_models.sniff_onnx(_probe(saved)) is None
    for corpus_onnx in (tmp_path / "model.onnx",):
        corpus.onnx(corpus_onnx)
        assert ai_models.sniff_tf_savedmodel(_probe(corpus_onnx.read_bytes())) is None
        _expect(corpus_onnx, "onnx", MODEL)


def _savedmodel_of(meta_graph: bytes) -> bytes:
    return corpus._pb_field(1, 1) + corpus._pb_field(2, meta_graph)


@pytest.mark.parametrize(
    "data",
    [
        _savedmodel_of(corpus._pb_field(2, b"graph only")),
        _savedmodel_of(corpus._pb_field(1, corpus._pb_field(9, b"?"))),
        _savedmodel_of(corpus._pb_field(1, corpus._pb_field(5, b"2.15.0"))),
        corpus.savedmodel_bytes()[:-40],  # cut: the meta graph claims more than the file has
    ],
    ids=["no-meta-info", "unknown-field", "no-tags", "truncated"],
)
def test_protobufs_that_are_not_savedmodels(tmp_path, data):
    assert ai_models.sniff_tf_savedmodel(_probe(data)) is None
    result = _identify(_write(tmp_path, "saved_model.pb", data))
    assert (result.format, result.category) == ("unknown", "unknown"), result


# ---- TensorFlow checkpoints ------------------------------------------------------------------


def test_checkpoint_index(tmp_path):
    path = _write(tmp_path, "model.ckpt-1000.index", corpus.tf_index_bytes())
    _expect(path, "tf-checkpoint", MODEL, "index")


def test_large_checkpoint_index_reads_its_head_and_footer_only(tmp_path):
    names = tuple(f"layer_{i:05d}/kernel/.ATTRIBUTES/VARIABLE_VALUE" for i in range(3000))
    path = _write(tmp_path, "variables.index", corpus.tf_index_bytes(names))
    assert path.stat().st_size > 2 * HEAD_BYTES
    view = CountingFS()
    result = Identifier(view, use_magika=False).identify(str(path), path.stat().st_size)
    assert (result.format, result.category, result.note) == ("tf-checkpoint", MODEL, "index")
    assert view.read_bytes[str(path)] == HEAD_BYTES + 48


def test_file_ending_in_the_table_magic_but_too_short_is_not_a_checkpoint(tmp_path):
    header = b"\0\0\x06" + corpus._pb_field(1, 1) + corpus._pb_field(3, corpus._pb_field(1, 1))
    data = header + corpus.TABLE_MAGIC  # 17 bytes: no room for a 48-byte footer
    assert ai_models.sniff_tf_checkpoint(_probe(data)) is None
    result = _identify(_write(tmp_path, "x.index", data))
    assert (result.format, result.category) == ("unknown", "unknown"), result


def test_checkpoint_index_whose_handles_lie_outside_is_suspect(tmp_path):
    data = bytearray(corpus.tf_index_bytes())
    footer = len(data) - 48
    data[footer : footer + 10] = corpus._pb_varint(10**9) + corpus._pb_varint(100)
    _expect_suspect(_write(tmp_path, "variables.index", bytes(data)))


def test_leveldb_table_of_a_browser_profile_is_not_a_checkpoint(tmp_path):
    """Chrome's IndexedDB/Local Storage .ldb files share the footer magic; their keys carry
    an 8-byte sequence number, so no entry has the empty key."""
    index = corpus.tf_index_bytes()
    blocks = corpus._table_block([(b"META:https://example.org" + bytes(8), b"\x08\x01\x10\x02")])
    data = blocks + index[len(index) - 48 :]
    assert data.endswith(corpus.TABLE_MAGIC)
    result = _identify(_write(tmp_path, "000005.ldb", data))
    assert (result.format, result.category) == ("unknown", "unknown"), result


def _checkpoint(tmp_path: Path, prefix: str = "model.ckpt-1000") -> Path:
    (tmp_path / f"{prefix}.index").write_bytes(corpus.tf_index_bytes())
    shard = tmp_path / f"{prefix}.data-00000-of-00001"
    shard.write_bytes(np.random.default_rng(3).random(50_000).astype("<f4").tobytes())
    return shard


def test_checkpoint_data_shard_is_named_by_its_index(tmp_path):
    shard = _checkpoint(tmp_path)
    _expect(shard, "tf-checkpoint", MODEL, "data shard beside its index")
    variables = _checkpoint(tmp_path, "variables")  # a SavedModel's variables/
    _expect(variables, "tf-checkpoint", MODEL, "data shard beside its index")


def test_checkpoint_data_shard_needs_a_real_index(tmp_path):
    shard = _checkpoint(tmp_path)
    alone = _write(tmp_path, "other.data-00000-of-00001", shard.read_bytes())  # no other.index
    (tmp_path / "model.ckpt-1000.index").write_bytes(b"\0\0\x06" + bytes(200))  # not a table
    for path in (shard, alone):
        result = _identify(path)
        assert (result.format, result.category) == ("unknown", "unknown"), result
    bad_number = _write(tmp_path, "model.ckpt-1000.data-00001-of-00001", shard.read_bytes())
    (tmp_path / "model.ckpt-1000.index").write_bytes(corpus.tf_index_bytes())
    result = _identify(bad_number)  # shard 1 of 1 does not exist
    assert (result.format, result.category) == ("unknown", "unknown"), result


# ---- all of them -----------------------------------------------------------------------------

BUILT = {
    "tflite": (corpus.tflite_bytes, "tflite"),
    "keras": (corpus.keras_bytes, "keras"),
    "ggml": (corpus.ggml_bytes, "ggml"),
    "savedmodel": (corpus.savedmodel_bytes, "tf-savedmodel"),
    "checkpoint-index": (corpus.tf_index_bytes, "tf-checkpoint"),
}


@pytest.mark.parametrize("name", sorted(BUILT))
def test_renamed_copies_are_named_by_content(tmp_path, name):
    build, fmt = BUILT[name]
    original = _write(tmp_path, "original", build())
    for new_name in ("holiday.jpg", "notes.txt", "noextension"):
        copy = tmp_path / new_name
        shutil.copyfile(original, copy)
        _expect(copy, fmt, MODEL)
    assert is_disguised("jpg", fmt, MODEL)


@pytest.mark.parametrize(
    ("ext", "fmt", "category", "hidden"),
    [
        ("tflite", "jpeg", "image", True),
        ("keras", "pdf", "document", True),
        ("ggml", "mp4", "video", True),
        ("pb", "jpeg", "image", True),
        ("pb", "text", "text", False),  # a text-format graph saved as .pb
        ("zip", "keras", MODEL, False),  # a keras archive is a zip
        ("tflite", "tflite", MODEL, False),
        ("keras", "keras", MODEL, False),
    ],
)
def test_extension_claims(ext, fmt, category, hidden):
    assert is_disguised(ext, fmt, category) is hidden
