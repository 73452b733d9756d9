"""Virtual drives: bytes are format-valid (DOMAIN.md signatures, checked independently), lazy,
consistent at any offset and deterministic; listings and stats add up to the plan."""

from __future__ import annotations

import io
import json
import math
import random
import struct
import tarfile
import zlib
from collections import Counter

import numpy as np
import pytest

from inspector.core.survey.walk import survey
from inspector.core.training import drivetime
from inspector.core.training.formats import FORMATS, VFile
from inspector.core.training.layout import plan_drive
from inspector.core.training.loader import load_scenario
from inspector.core.training.virtualfs import VirtualFS

GB = 10**9


def read(fmt: str, size: int, offset: int = 0, length: int | None = None, key: int = 42) -> bytes:
    f = VFile(fmt, size, key)
    return FORMATS[fmt].read(f, offset, size - offset if length is None else length)


def head_tail(fmt: str, size: int = GB, n: int = 65536) -> tuple[bytes, bytes]:
    return read(fmt, size, 0, n), read(fmt, size, size - n, n)


def _crc32c(data: bytes) -> int:  # bitwise reference, independent of the generator's table
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
    return crc ^ 0xFFFFFFFF


def _masked(data: bytes) -> int:
    c = _crc32c(data)
    return (((c >> 15) | (c << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def test_reference_crc32c():
    assert _crc32c(b"123456789") == 0xE3069283


def test_parquet_magic_and_footer():
    head, tail = head_tail("parquet")
    assert head[:4] == b"PAR1" and tail[-4:] == b"PAR1"
    (footer,) = struct.unpack("<I", tail[-8:-4])
    assert 0 < footer < GB - 12


def test_arrow_magic_and_footer():
    head, tail = head_tail("arrow")
    assert head[:8] == b"ARROW1\x00\x00" and tail[-6:] == b"ARROW1"
    assert 0 < struct.unpack("<i", tail[-10:-6])[0] < GB


def test_tfrecord_first_record_crcs_are_valid():
    head = read("tfrecord", GB, 0, 65536)
    (length,) = struct.unpack("<Q", head[:8])
    assert struct.unpack("<I", head[8:12])[0] == _masked(head[:8])
    data = head[12 : 12 + length]
    assert struct.unpack("<I", head[12 + length : 16 + length])[0] == _masked(data)
    nxt = head[16 + length :]
    assert struct.unpack("<I", nxt[8:12])[0] == _masked(nxt[:8])


def test_webdataset_is_a_tar_of_grouped_samples():
    shard = VFile("webdataset", GB, 7)
    view = io.BytesIO(FORMATS["webdataset"].read(shard, 0, 1 << 20))
    names = []
    with tarfile.open(fileobj=view, mode="r|") as tar:
        for member in tar:
            names.append(member.name)
            if member.name.endswith(".jpg"):
                data = tar.extractfile(member).read(3)  # type: ignore[union-attr]
                assert data == b"\xff\xd8\xff"
            if len(names) == 9:
                break
    keys = Counter(n.split(".")[0] for n in names)
    assert len(keys) == 3 and all(c == 3 for c in keys.values())
    assert {n.split(".", 1)[1] for n in names} == {"jpg", "cls", "json"}


def test_npy_header_reads_with_numpy():
    stream = io.BytesIO(read("npy", 10**6, 0, 4096))
    version = np.lib.format.read_magic(stream)
    assert version == (1, 0)
    shape, fortran, dtype = np.lib.format.read_array_header_1_0(stream)
    assert dtype == np.dtype("<f4") and not fortran and shape[0] > 0


def test_safetensors_header_ends_at_end_of_file():
    size = 5 * GB + 3
    head = read("safetensors", size, 0, 65536)
    (n,) = struct.unpack("<Q", head[:8])
    header = json.loads(head[8 : 8 + n])
    ends = [v["data_offsets"][1] for k, v in header.items() if k != "__metadata__"]
    assert 8 + n + max(ends) == size
    assert all(
        {"dtype", "shape", "data_offsets"} <= v.keys() for k, v in header.items() if k[0] != "_"
    )


def test_gguf_and_other_signatures():
    g = read("gguf", GB, 0, 64)
    assert g[:4] == b"GGUF" and struct.unpack("<I", g[4:8])[0] == 3
    assert read("hdf5", GB, 0, 8) == b"\x89HDF\r\n\x1a\n"
    jpeg_head, jpeg_tail = head_tail("jpeg", 5 * 10**6, 4)
    assert jpeg_head[:3] == b"\xff\xd8\xff" and jpeg_tail[-2:] == b"\xff\xd9"
    assert read("png", 10**6, 0, 8) == b"\x89PNG\r\n\x1a\n"
    assert read("mp4", GB, 4, 8) == b"ftypisom"
    pdf_head, pdf_tail = head_tail("pdf", 10**6, 64)
    assert pdf_head.startswith(b"%PDF-1.") and pdf_tail.rstrip().endswith(b"%%EOF")
    assert read("luks", GB, 0, 6) == b"LUKS\xba\xbe"
    assert read("mp3", 10**6, 0, 3) == b"ID3"
    for line in read("jsonl", 10**6, 0, 4096).split(b"\n")[:-1]:
        assert isinstance(json.loads(line), dict)


def test_encrypted_containers_are_high_entropy_and_incompressible():
    block = read("encrypted", 500 * GB, 123 * GB, 65536)
    n = len(block)
    entropy = -sum(c / n * math.log2(c / n) for c in Counter(block).values())
    assert entropy > 7.99
    assert len(zlib.compress(block, 9)) > 0.99 * n
    assert block[:6] != b"LUKS\xba\xbe"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_any_range_agrees_with_a_larger_read(fmt):
    size = 3 * 10**6 + 17
    whole = read(fmt, size, 0, size)
    assert len(whole) == size
    for offset, length in ((0, 1), (511, 1025), (65530, 20), (size - 70000, 70000), (size - 3, 99)):
        assert read(fmt, size, offset, length) == whole[offset : offset + length]
    assert read(fmt, size, size, 10) == b""


def test_bytes_are_deterministic_per_key():
    assert read("parquet", GB, 4096, 4096, key=1) == read("parquet", GB, 4096, 4096, key=1)
    assert read("parquet", GB, 4096, 4096, key=1) != read("parquet", GB, 4096, 4096, key=2)


def _view(scenario: str, index: int = 0, seed: int = 1) -> VirtualFS:
    s = load_scenario(scenario)
    return VirtualFS(plan_drive(s.drives[index], seed), "/mnt/x", dev=9)


def test_survey_of_an_80_tb_drive_adds_up_to_the_plan():
    view = _view("seed")
    plan = view.plan
    result = survey("/mnt/x", view)
    assert result.files == plan.files and result.bytes == plan.file_bytes
    assert result.dirs == len(plan.dirs)
    assert plan.file_bytes > 0.95 * 80 * 10**12 - 10**12
    assert result.allocated_bytes >= result.bytes
    usage = view.usage("/mnt/x")
    assert usage is not None and usage.used_bytes >= result.allocated_bytes
    assert usage.size_bytes <= 80 * 10**12
    exts = {e.ext for e in result.by_extension}
    assert exts == {"parquet", "tar", "tfrecord"}


def test_disguised_files_carry_the_claimed_extension():
    view = _view("disguised")
    result = survey("/mnt/x", view)
    assert [e.ext for e in result.by_extension] == ["mp4"]
    seen: list[str] = []
    survey("/mnt/x", view, on_file=lambda p, s, e: seen.append(p) if "family" in p else None)
    with view.open_read(seen[0]) as f:
        assert f.read(4) == b"PAR1"  # a parquet shard named .mp4


def test_paths_outside_or_unknown_are_not_found():
    view = _view("holiday")
    for bad in ("/mnt/y/DCIM", "/mnt/x/../etc/passwd", "/mnt/x/DCIM/100CANON/IMG_99999999.jpg"):
        with pytest.raises(FileNotFoundError):
            view.lstat(bad)
        with pytest.raises(FileNotFoundError):
            view.open_read(bad)
    with pytest.raises(FileNotFoundError):
        view.scandir("/mnt/x/nope")
    st = view.lstat("/mnt/x/DCIM/100CANON/0000/IMG_00000.jpg")
    assert st.st_size > 0 and st.st_blocks * 512 >= st.st_size
    with view.open_read("/mnt/x/DCIM/100CANON/0000/IMG_00000.jpg") as f:
        f.seek(-2, 2)
        assert f.read() == b"\xff\xd9"


def test_reads_are_counted_as_drive_time():
    """File reads cost a seek and half a rotation unless they continue the previous access;
    transfer at the sequential rate."""
    view = _view("holiday")
    clock = view.sampling_clock()
    assert clock() == 0
    with view.open_read("/mnt/x/DCIM/100CANON/0000/IMG_00000.jpg") as f:
        f.read(10)
        first = clock()
        f.read(10)  # continues the last read: transfer only
        second = clock() - first
        f.seek(-2, 2)
        f.read()
    assert view.reads == 3
    assert drivetime.SEEK_MIN_S + drivetime.ROTATION_S / 2 <= first <= 0.02
    assert second == pytest.approx(10 / drivetime.TRANSFER_BPS)


def test_listings_cost_drive_time_once_and_grow_with_the_entries():
    """A listing reads the directory's blocks and its inodes (two accesses, bytes per entry);
    the page cache keeps them: listing again is free. Random accesses across the drive cost
    ~9 ms, sorted ones ~5.5 ms (DOMAIN.md: 75-100 and 150-200 IOPS)."""
    view = _view("holiday")
    clock = view.sampling_clock()
    root = "/mnt/x/DCIM/100CANON/0000"
    with view.scandir(root) as entries:
        n = sum(1 for _ in entries)
    once = clock()
    expected = n * (drivetime.DIRENT_BYTES + drivetime.INODE_BYTES) / drivetime.TRANSFER_BPS
    assert once >= expected + 2 * (drivetime.SEEK_MIN_S + drivetime.ROTATION_S / 2)
    with view.scandir(root) as entries:
        list(entries)
    assert clock() == once
    drive = drivetime.DriveTime(80 * 10**12)
    rnd = random.Random(1)
    for _ in range(1000):
        drive.access(rnd.randrange(80 * 10**12), 4096)
    assert 0.008 <= drive.now() / 1000 <= 0.011
    drive = drivetime.DriveTime(80 * 10**12)
    for offset in sorted(rnd.randrange(80 * 10**12) for _ in range(2400)):
        drive.access(offset, 4096)
    assert 0.005 <= drive.now() / 2400 <= 0.0065
