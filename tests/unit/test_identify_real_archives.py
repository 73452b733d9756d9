"""Compressed pickles as joblib writes them, false alarms seen on real files (a ZIP64 archive
from Info-ZIP, whisper.cpp ggml models), archive and data formats that Magika used to call
"text" at a low score, and the rule that a guess never overrules "this is binary"."""

from __future__ import annotations

import io
import pickle
import shutil
import struct
import subprocess
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from inspector.core.content.identify import Identifier, is_disguised
from inspector.core.content.identify.generic import MagikaAdapter
from inspector.core.content.identify.probe import Probe
from inspector.core.content.tally import disguised
from inspector.core.survey.fsview import LocalFS

joblib = pytest.importorskip("joblib", reason="joblib is in the test extra")


def _identify(path: Path):
    return Identifier(LocalFS()).identify(str(path), path.stat().st_size)


def _model() -> dict[str, object]:
    rng = np.random.default_rng(3)
    return {"coef_": rng.random((40, 12)), "classes_": ["cat", "dog"], "n_iter_": 12}


@pytest.mark.parametrize("compressor", ["zlib", "gzip", "bz2", "lzma", "xz"])
@pytest.mark.parametrize("protocol", [2, 4, 5])
def test_joblib_compressed_pickles(tmp_path, compressor, protocol):
    path = tmp_path / "classifier.pkl"
    joblib.dump(_model(), path, compress=(compressor, 3), protocol=protocol)
    result = _identify(path)
    assert (result.format, result.category) == ("pickle", "ai-model"), result
    assert not disguised("pkl", result)


def test_joblib_old_zfile_pickle_and_npy(tmp_path):
    """joblib < 0.10 wrote "ZF" + hex length + zlib, for the pickle and each array (.npy.z);
    joblib still reads (and can write) them."""
    from joblib.numpy_pickle_compat import write_zfile

    pkl = tmp_path / "model.pkl"
    with open(pkl, "wb") as f:
        write_zfile(f, pickle.dumps(_model(), protocol=2))
    array = io.BytesIO()
    np.save(array, np.arange(5000, dtype=np.float64))
    npz = tmp_path / "model.pkl_01.npy.z"
    with open(npz, "wb") as f:
        write_zfile(f, array.getvalue())
    assert (_identify(pkl).format, _identify(pkl).category) == ("pickle", "ai-model")
    assert (_identify(npz).format, _identify(npz).category) == ("npy", "ai-dataset")


@pytest.mark.parametrize(
    ("compressor", "name"),
    [
        ("zlib", "model.gz"),
        ("gzip", "model.gz"),
        ("xz", "model.xz"),
        ("lzma", "model.lzma"),
        ("bz2", "model.bz2"),
    ],
)
def test_a_payload_in_a_file_named_for_a_compressor_is_not_disguised(tmp_path, compressor, name):
    path = tmp_path / name
    joblib.dump(_model(), path, compress=(compressor, 3))
    result = _identify(path)
    assert result.format == "pickle" and result.inside, result
    assert not disguised(Path(name).suffix[1:], result)


def test_a_pickle_named_like_a_picture_is_still_disguised(tmp_path):
    path = tmp_path / "holiday.jpg"
    joblib.dump(_model(), path, compress=("gzip", 3))
    result = _identify(path)
    assert result.format == "pickle"
    assert disguised("jpg", result)
    assert is_disguised("gz", "pickle", "ai-model")  # unwrapped content under .gz: a claim broken


def test_zip64_archive_from_info_zip_is_no_bomb(tmp_path):
    """`zip -fz` marks every member's uncompressed size 0xFFFFFFFF and puts the real one in the
    zip64 extra field: a 26-byte member is not "238609294:1"."""
    zip_tool = shutil.which("zip")
    if zip_tool is None:
        pytest.skip("zip (Info-ZIP) is not installed (scripts/run-tests.sh installs it)")
    member = tmp_path / "a.txt"
    member.write_bytes(b"hello hello hello hello\n!\n")
    archive = tmp_path / "forced.zip"
    subprocess.run([zip_tool, "-q", "-fz", str(archive), member.name], cwd=tmp_path, check=True)
    data = archive.read_bytes()
    at = data.find(b"PK\x01\x02")
    assert struct.unpack_from("<I", data, at + 24)[0] == 0xFFFFFFFF  # the writer still marks it
    result = _identify(archive)
    assert (result.format, result.warning) == ("zip", False), result


def test_zip64_extra_field_still_exposes_a_real_bomb(tmp_path):
    """Sizes taken from the zip64 extra field are checked like any others."""
    import zipfile

    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("zeros.bin", bytes(4 << 20))
    data = bytearray(archive.read_bytes())
    at = data.find(b"PK\x01\x02")
    n_len, x_len = struct.unpack_from("<HH", data, at + 28)
    assert x_len == 0
    extra = struct.pack("<HHQ", 1, 8, 40 << 30)  # claims 40 GiB from a few KiB
    data[at + 24 : at + 28] = b"\xff\xff\xff\xff"
    data[at + 30 : at + 32] = struct.pack("<H", len(extra))
    cd_end = at + 46 + n_len
    data[cd_end:cd_end] = extra
    eocd = data.rfind(b"PK\x05\x06")
    struct.pack_into("<I", data, eocd + 12, struct.unpack_from("<I", data, eocd + 12)[0] + 12)
    archive.write_bytes(bytes(data))
    result = _identify(archive)
    assert result.warning and "bomb" in result.note, result


def _silero_vad_ggml() -> bytes:
    """The header whisper.cpp's convert-silero-vad-to-ggml.py writes: the 'ggml' magic, the
    model type as a length-prefixed string, its version, then architecture numbers and
    tensors."""
    head = struct.pack("<i", 0x67676D6C) + struct.pack("<i", 10) + b"silero-16k"
    head += struct.pack("<3i", 5, 1, 2) + struct.pack("<3i", 512, 64, 4)
    for pair in ((129, 128), (128, 64), (64, 64), (64, 128)):
        head += struct.pack("<3i", *pair, 3)
    head += struct.pack("<4i", 128, 128, 128, 1)
    name = b"_model.encoder.0.reparam_conv.weight"
    tensor = struct.pack("<3i", 3, len(name), 1) + struct.pack("<3i", 3, 129, 128) + name
    return head + tensor + np.zeros(129 * 128 * 3, dtype=np.float16).tobytes()


def _whisper_ggml(n_vocab: int = 51865) -> bytes:
    """convert-pt-to-ggml.py's header: 'ggml', eleven hyperparameters, the mel filters."""
    hparams = (n_vocab, 1500, 384, 6, 4, 448, 384, 6, 4, 80, 1)
    mel = struct.pack("<2i", 80, 201) + np.zeros(80 * 201, dtype=np.float32).tobytes()
    return struct.pack("<i", 0x67676D6C) + struct.pack("<11i", *hparams) + mel


@pytest.mark.parametrize(
    ("build", "note"),
    [
        (_silero_vad_ggml, "ggml silero-16k"),
        (_whisper_ggml, "ggml"),
        (lambda: _whisper_ggml(1), "ggml"),
    ],
)
def test_whisper_cpp_ggml_models_are_models(tmp_path, build, note):
    path = tmp_path / "ggml-model.bin"
    path.write_bytes(build())
    result = _identify(path)
    assert (result.format, result.category, result.warning) == ("ggml", "ai-model", False), result
    assert result.note == note


def test_ggml_magic_with_garbage_after_it_is_still_suspect(tmp_path):
    path = tmp_path / "odd.bin"
    path.write_bytes(struct.pack("<i", 0x67676D6C) + b"\xff\xff\xff\x7f" * 8 + bytes(100))
    assert _identify(path).warning


def test_files_magika_called_text_at_a_low_score(tmp_path):
    """Real writers of formats that used to come out "text": pyarrow's ORC, arj, sox's VOC."""
    import pyarrow as pa
    import pyarrow.orc as orc

    table = pa.table({"id": list(range(500)), "label": ["cat", "dog"] * 250})
    path = tmp_path / "train.orc"
    orc.write_table(table, str(path))
    assert (_identify(path).format, _identify(path).category) == ("orc", "ai-dataset")
    arj = shutil.which("arj")
    if arj is None:
        pytest.skip("arj is not installed (scripts/run-tests.sh installs it)")
    source = tmp_path / "notes.txt"
    source.write_text("packed with arj\n" * 200)
    subprocess.run(
        [arj, "a", "-y", "-i", str(tmp_path / "notes.arj"), str(source)],
        check=True,
        capture_output=True,
    )
    result = _identify(tmp_path / "notes.arj")
    assert (result.format, result.category) == ("arj", "archive"), result


def test_matlab_avro_and_onnx_tensor_files_are_not_text(tmp_path):
    """scipy's MAT-files, fastavro's containers, onnx's serialised TensorProto (the `.pb`
    test inputs of the ONNX model zoo): named where a mark says what they are, never text."""
    scipy_io = pytest.importorskip("scipy.io", reason="scipy is in the test extra")
    fastavro = pytest.importorskip("fastavro", reason="fastavro is in the test extra")
    numpy_helper = pytest.importorskip("onnx.numpy_helper", reason="onnx is in the test extra")
    rng = np.random.default_rng(5)
    expected = {}
    for name, options in (("v5.mat", {}), ("zipped.mat", {"do_compression": True})):
        scipy_io.savemat(tmp_path / name, {"x": rng.random((40, 40))}, **options)
        expected[name] = ("matlab", "ai-dataset")
    scipy_io.savemat(tmp_path / "v4.mat", {"x": rng.random((40, 40))}, format="4")
    expected["v4.mat"] = None  # MAT v4 has no mark at all
    schema = {"type": "record", "name": "Row", "fields": [{"name": "id", "type": "int"}]}
    for codec in ("null", "deflate"):
        with open(tmp_path / f"rows-{codec}.avro", "wb") as f:
            fastavro.writer(f, schema, [{"id": i} for i in range(300)], codec=codec)
        expected[f"rows-{codec}.avro"] = ("avro", "ai-dataset")
    tensor = numpy_helper.from_array(rng.random((1, 3, 16, 16)).astype(np.float32), "input")
    (tmp_path / "input_0.pb").write_bytes(tensor.SerializeToString())
    expected["input_0.pb"] = None
    for name, want in expected.items():
        result = _identify(tmp_path / name)
        assert result.category != "text", (name, result)
        if want is not None:
            assert (result.format, result.category) == want, (name, result)


def _rar14() -> bytes:
    """A RAR 1.4 archive header ("RE~^", header size 7, flags) and one file header — no tool
    that writes this 1990s format is installable (RARLAB's rar is non-free)."""
    name = b"readme.txt"
    member = struct.pack("<IIHHBBB", 12, 12, 0x1234, 0x5678, 0, 1, len(name)) + name
    return b"RE~^" + struct.pack("<HB", 7, 0) + member + b"hello world!"


def _ace() -> bytes:
    """An ACE archive's main header: CRC16, size, type 0, flags, "**ACE**" at 7 (no free tool
    writes ACE; unace only extracts)."""
    body = b"\x00" + struct.pack("<H", 0x9000) + b"**ACE**" + bytes([20, 20, 2]) + bytes(20)
    return struct.pack("<HH", 0xABCD, len(body)) + body + bytes(64)


@pytest.mark.parametrize(
    ("name", "build", "fmt"), [("old.rar", _rar14, "rar"), ("x.ace", _ace, "ace")]
)
def test_archives_without_an_installable_writer(tmp_path, name, build, fmt):
    path = tmp_path / name
    path.write_bytes(build())
    result = _identify(path)
    assert (result.format, result.category) == (fmt, "archive"), result


class _FakeMagika:
    def __init__(self, label: str, group: str, score: float) -> None:
        self.answer = SimpleNamespace(
            ok=True, score=score, output=SimpleNamespace(label=label, group=group)
        )

    def identify_bytes(self, _data: bytes) -> SimpleNamespace:
        return self.answer


@pytest.mark.parametrize(
    ("label", "group", "score", "expected"),
    [
        ("txt", "text", 0.11, None),
        ("txt", "text", 0.5, None),
        ("python", "code", 0.6, None),
        ("txt", "text", 0.97, "text"),
        ("wasm", "executable", 0.8, None),
    ],
)
def test_a_low_confidence_magika_answer_never_overrules_binary(label, group, score, expected):
    adapter = MagikaAdapter()
    adapter._magika = _FakeMagika(label, group, score)
    head = bytes(range(256)) * 4
    result = adapter.identify(Probe(LocalFS(), "x", len(head), head))
    assert (result.category if result else None) == expected
