"""Truncated, corrupt and hostile files: unknown plus a warning, never an exception, never an
unbounded read. Every sniffer is fuzzed with hypothesis."""

from __future__ import annotations

import gzip
import io
import struct
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspector.core.content.identify import Identifier, engine
from inspector.core.content.identify.probe import (
    HEAD_BYTES,
    READ_LIMIT,
    TAIL_BYTES,
    WINDOW_MAX,
    Probe,
)
from inspector.core.survey.fsview import LocalFS
from tests.unit import corpus
from tests.unit.fsviews import CountingFS

# Head + tail + the per-file cap of extra reads: nothing may read more from one file.
READ_BOUND = HEAD_BYTES + TAIL_BYTES + READ_LIMIT


def _identify(view: CountingFS, path: Path):
    return Identifier(view).identify(str(path), path.stat().st_size)


def _tar_negative_size() -> bytes:
    good = corpus.tar_bytes([("a.txt", b"hello")])
    block = bytearray(good[:512])
    block[124:136] = b"\xff" * 12  # GNU base-256 with the sign bit: a negative size
    block[148:156] = b" " * 8
    block[148:155] = f"{sum(block):06o}\0".encode()
    return bytes(block) + good[512:]


def _zip_with_patched_cd(patch) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.bin", b"\0" * 100_000)
        z.writestr("b.bin", b"\0" * 100_000)
    data = bytearray(buf.getvalue())
    patch(data)
    return bytes(data)


def _claim_huge(data: bytearray) -> None:
    at = data.find(b"PK\x01\x02")
    data[at + 24 : at + 28] = struct.pack("<I", 0xFFFFFFF0)  # uncompressed size: 4 GB


def _overlap(data: bytearray) -> None:
    first = data.find(b"PK\x01\x02")
    second = data.find(b"PK\x01\x02", first + 4)
    data[second + 42 : second + 46] = data[first + 42 : first + 46]  # same local header


HOSTILE = {
    "safetensors-2^63": struct.pack("<Q", 2**63) + b'{"w":{"dtype":"F32","shape":[1]}}' * 10,
    "safetensors-offsets-past-eof": (
        struct.pack("<Q", 60) + b'{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,9999]}}  '
    ),
    "tar-negative-size": _tar_negative_size(),
    "parquet-footer-past-eof": b"PAR1" + b"x" * 100 + struct.pack("<I", 10**9) + b"PAR1",
    "parquet-no-tail-magic": b"PAR1" + bytes(range(256)),
    "zip-bomb-ratio": _zip_with_patched_cd(_claim_huge),
    "zip-bomb-overlap": _zip_with_patched_cd(_overlap),
    "zip-no-central-directory": b"PK\x03\x04" + b"\0" * 26 + b"x" * 200,
    "arrow-truncated": b"ARROW1\0\0" + b"\0" * 100,
    "npy-bad-version": b"\x93NUMPY\x09\x00" + b"\0" * 100,
    "gguf-huge-counts": b"GGUF" + struct.pack("<IQQ", 3, 2**60, 2**60) + b"\0" * 64,
    "tflite-root-past-eof": struct.pack("<I", 2**31) + b"TFL3" + b"\0" * 200,
    "tflite-vtable-past-eof": (
        struct.pack("<I", 8) + b"TFL3" + struct.pack("<i", -(2**30)) + b"\0" * 200
    ),
    "ggjt-unknown-version": b"tjgg" + struct.pack("<I", 77) + b"\1\0\0\0" * 16,
    "ggml-huge-vocabulary": b"lmgg" + struct.pack("<III", 2**31, 4096, 256) + b"\0" * 64,
    "tf-index-handles-past-eof": (
        b"\0\0\x06\x08\x01\x1a\x02\x08\x01"
        + b"\0" * 100
        + (corpus._pb_varint(2**40) + corpus._pb_varint(9)).ljust(40, b"\0")
        + corpus.TABLE_MAGIC
    ),
    "tfrecord-length-past-eof": (
        struct.pack("<Q", 2**40) + struct.pack("<I", corpus.masked_crc32c(struct.pack("<Q", 2**40)))
    )
    + b"\0" * 64,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_headers_are_unknown_with_a_warning(tmp_path, name):
    path = tmp_path / "sample.bin"
    path.write_bytes(HOSTILE[name])
    view = CountingFS()
    result = _identify(view, path)
    assert result.format == "unknown" and result.category == "unknown", result
    assert result.warning and result.note
    assert view.read_bytes[str(path)] <= READ_BOUND


def test_gzip_bomb_reads_and_inflates_only_a_prefix(tmp_path):
    path = tmp_path / "bomb.gz"
    path.write_bytes(gzip.compress(b"\0" * 50_000_000, compresslevel=9, mtime=0))
    view = CountingFS()
    result = _identify(view, path)
    assert result.format == "gzip" and result.category == "archive"
    assert view.read_bytes[str(path)] <= READ_BOUND


def test_large_file_costs_bounded_reads(tmp_path):
    """A 2 GB sparse file with a parquet head and tail: a few KiB are read, not the file."""
    path = tmp_path / "big.parquet"
    with open(path, "wb") as f:
        f.write(b"PAR1")
        f.truncate(2 * 10**9)
        f.seek(2 * 10**9 - 8)
        f.write(struct.pack("<I", 1000) + b"PAR1")
    view = CountingFS()
    assert _identify(view, path).format == "parquet"
    assert view.read_bytes[str(path)] <= HEAD_BYTES + TAIL_BYTES


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return corpus.build(tmp_path_factory.mktemp("corpus"))


@pytest.mark.parametrize("name", sorted(corpus.EXPECTED))
def test_truncated_corpus_files_never_raise(files, name, tmp_path):
    data = files[name].read_bytes()
    view = CountingFS()
    for cut in (len(data) // 2, 100, 9, 1):
        path = tmp_path / f"cut{cut}"
        path.write_bytes(data[:cut])
        result = _identify(view, path)
        assert result.category  # some verdict, no exception
        assert view.read_bytes[str(path)] <= READ_BOUND
    assert view.largest_read <= max(HEAD_BYTES, TAIL_BYTES, WINDOW_MAX)


def test_full_corpus_reads_are_bounded(files):
    view = CountingFS()
    for path in files.values():
        _identify(view, path)
    for path, n in view.read_bytes.items():
        assert n <= READ_BOUND, path


def test_tar_with_many_members_stops_early(tmp_path):
    path = tmp_path / "many.tar"
    members = [(f"d/f{i}.txt", b"x" * 600) for i in range(2000)]
    path.write_bytes(corpus.tar_bytes(members))
    view = CountingFS()
    assert _identify(view, path).format == "tar"
    assert view.read_bytes[str(path)] <= 200_000


# ---- fuzzing -----------------------------------------------------------------------------

SNIFFERS = engine.ALL_SNIFFERS
PREFIXES = [
    b"",
    b"PAR1",
    b"ARROW1\0\0",
    b"FEA1",
    b"\xff\xff\xff\xff\x10\x00\x00\x00",
    b"\x93NUMPY\x01\x00",
    b"\x93NUMPY\x02\x00",
    b"\x89HDF\r\n\x1a\n",
    b"GGUF\x01\x00\x00\x00",
    b"GGUF\x03\x00\x00\x00",
    b"LUKS\xba\xbe\x00\x02",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"\x80\x04\x95",
    b"\x80\x02\x8a\x0a",
    b"\x1f\x8b\x08\x00",
    b"\x28\xb5\x2f\xfd",
    b"\xfd7zXZ\x00",
    b"BZh9",
    b"\x08\x07\x12",
    b"\x08\x08\x3a\xff\xff\xff\xff\x0f",
    b"MZ",
    b"\xca\xfe\xba\xbe",
    b"RIFF\0\0\0\0WAVE",
    b'\x10\0\0\0\0\0\0\0{"',
    b"\x02\0\0\0\x10\0\0\0",
    b"\x1c\0\0\0TFL3",
    b"\x18\0\0\0TFL3\x0c\0",
    b"lmgg",
    b"fmgg\x01\0\0\0",
    b"tjgg\x03\0\0\0",
    b"algg\x01\0\0\0",
    b"\x08\x01\x12",
    b"\x08\x01\x12\x80\x01\x0a",
    b"\0\0\x06\x08\x01",
]


def _probe(data: bytes) -> Probe:
    return Probe(LocalFS(), "/nonexistent/shard.00000.mds", len(data), io.BytesIO(data))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=3000))
def test_every_sniffer_survives_random_bytes(prefix, body):
    data = prefix + body
    for sniffer in SNIFFERS:
        result = sniffer(_probe(data))  # no exception may escape a sniffer itself
        assert result is None or result.category


@settings(max_examples=150, deadline=None)
@given(body=st.binary(min_size=512, max_size=2048), kind=st.sampled_from(["tar", "zip"]))
def test_corrupted_containers_survive(body, kind):
    if kind == "tar":
        data = corpus.tar_bytes([("a.jpg", body[:100]), ("a.cls", b"1")])
        data = data[:200] + body[:100] + data[300:]
    else:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("x/data.pkl", body)
        raw = buf.getvalue()
        cut = len(raw) - 40
        data = raw[:cut] + body[:40] + raw[cut + 40 :]
    for sniffer in SNIFFERS:
        sniffer(_probe(data))


def test_zip64_offsets_are_not_mistaken_for_overlap(tmp_path):
    """Above 4 GB every central-directory offset reads 0xFFFFFFFF (the real one is in the
    zip64 extra field): that is no bomb."""

    def big_offsets(data: bytearray) -> None:
        at = data.find(b"PK\x01\x02")
        while at >= 0:
            data[at + 42 : at + 46] = b"\xff\xff\xff\xff"
            at = data.find(b"PK\x01\x02", at + 4)

    path = tmp_path / "big.zip"
    path.write_bytes(_zip_with_patched_cd(big_offsets))
    result = _identify(CountingFS(), path)
    assert (result.format, result.warning) == ("zip", False)


def test_zip_with_prepended_data_is_read_from_its_end_record(tmp_path):
    """Offsets relative to the archive's own start (data was prepended): the directory is found
    just before the end record."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("model/data.pkl", b"\x80\x02}q\x00.")
        z.writestr("model/version", b"3")
    prefix = io.BytesIO()
    with zipfile.ZipFile(prefix, "w") as z:
        z.writestr("readme.txt", "x" * 3000)
    path = tmp_path / "joined.zip"
    path.write_bytes(prefix.getvalue()[:-22] + buf.getvalue())  # first archive without its end
    assert _identify(CountingFS(), path).format == "pytorch"
