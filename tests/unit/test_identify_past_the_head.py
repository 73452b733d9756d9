"""What lies past the 16 KiB head: structures sniffers must fetch themselves (an ISO 9660
volume descriptor at 32 KiB, HDF5 user blocks of 16 and 32 KiB, a zstd block larger than the
head), a tail read that takes only what the head lacks; and the tar header checksum, now summed
by Adler-32 halves, against its definition."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import h5py
import numpy as np
import pytest
import zstandard
from hypothesis import given, settings
from hypothesis import strategies as st

from inspector.core.content.identify import Identifier, archives
from inspector.core.content.identify.probe import HEAD_BYTES, TAIL_BYTES, Probe
from inspector.core.survey.fsview import LocalFS


def _identify(path: Path):
    return Identifier(LocalFS()).identify(str(path), path.stat().st_size)


def _iso_volume(boot_sector: bytes) -> bytes:
    """A system area (32 KiB) then a primary volume descriptor and its terminator."""
    system_area = boot_sector.ljust(32768, b"\0")
    primary = (b"\x01CD001\x01\x00" + b"LINUX".ljust(32) + b"EVIDENCE".ljust(32)).ljust(2048, b"\0")
    terminator = b"\xffCD001\x01".ljust(2048, b"\0")
    return system_area + primary + terminator + os.urandom(64 * 1024)


@pytest.mark.parametrize(
    "boot_sector",
    [b"", os.urandom(440) + b"\0" * 70 + b"\x55\xaa"],  # plain, and isohybrid (an MBR first)
    ids=["zero-system-area", "hybrid"],
)
def test_iso9660_descriptor_past_the_head(tmp_path, boot_sector):
    path = tmp_path / "install.bin"
    path.write_bytes(_iso_volume(boot_sector))
    result = _identify(path)
    assert (result.format, result.category) == ("iso9660", "disk-image"), result


@pytest.mark.parametrize("userblock", [16384, 32768])
def test_hdf5_after_a_text_user_block_under_any_name(tmp_path, userblock):
    """A user block holding text (what tools put there) as large as the head or larger: the
    superblock after it is sought late even when the name does not say HDF5."""
    path = tmp_path / "features.dat"
    with h5py.File(path, "w", userblock_size=userblock) as f:
        f["x"] = np.arange(1000, dtype="<f4")
    notice = b"Created by the survey pipeline; do not edit.\n" * (userblock // 46)
    with open(path, "r+b") as f:  # our own test file, not evidence
        f.write(notice[:userblock].ljust(userblock, b"\n"))
    with h5py.File(path, "r") as f:  # still a valid HDF5 file
        assert f["x"].shape == (1000,)
    result = _identify(path)
    assert (result.format, result.category) == ("hdf5", "ai-dataset"), result


def test_jsonl_zst_whose_first_block_is_larger_than_the_head(tmp_path):
    rng = random.Random(4)
    words = [f"{rng.getrandbits(40):010x}" for _ in range(4000)]  # ≈ 3:1, so a block is ~40 KiB
    lines = (json.dumps({"id": i, "text": " ".join(rng.choices(words, k=30))}) for i in range(600))
    raw = ("\n".join(lines) + "\n").encode()
    data = zstandard.ZstdCompressor(level=3).compress(raw)
    # The head alone holds no whole block: nothing comes out of it.
    assert zstandard.ZstdDecompressor().decompressobj().decompress(data[:HEAD_BYTES]) == b""
    path = tmp_path / "shard-000.bin"
    path.write_bytes(data)
    result = _identify(path)
    assert (result.format, result.category) == ("jsonl", "ai-dataset"), result


def test_tail_of_a_mid_sized_file_reads_only_what_the_head_lacks(tmp_path):
    path = tmp_path / "mid.bin"
    data = os.urandom(40 * 1024)
    path.write_bytes(data)
    with open(path, "rb") as handle:
        probe = Probe(LocalFS(), str(path), len(data), handle)
        assert probe.tail == data  # the whole file: smaller than TAIL_BYTES
        assert probe.bytes_read == len(data)
        # and windows inside the tail come from it, not from the file again
        assert probe.read_at(HEAD_BYTES + 100, 5000) == data[HEAD_BYTES + 100 : HEAD_BYTES + 5100]
        assert probe.bytes_read == len(data)


def test_tail_of_a_large_file_is_its_last_bytes(tmp_path):
    path = tmp_path / "large.bin"
    data = os.urandom(TAIL_BYTES + 3 * HEAD_BYTES)
    path.write_bytes(data)
    with open(path, "rb") as handle:
        probe = Probe(LocalFS(), str(path), len(data), handle)
        assert probe.tail == data[-TAIL_BYTES:]
        assert probe.bytes_read == HEAD_BYTES + TAIL_BYTES
        start = len(data) - 1000
        assert probe.read_at(start, 5000) == data[start:]  # capped at EOF, served from the tail
        assert probe.bytes_read == HEAD_BYTES + TAIL_BYTES


def _checksum_by_definition(block: bytes) -> int:
    """POSIX: the sum of the header's bytes with the checksum field taken as eight spaces."""
    return sum(block[:148]) + 8 * 32 + sum(block[156:512])


@settings(max_examples=300, deadline=None)
@given(
    body=st.binary(min_size=512, max_size=512),
    skew=st.sampled_from([0, 0, 1, -1, 65521, -65521]),  # off by Adler-32's modulus too
)
def test_tar_header_checksum_matches_its_definition(body, skew):
    total = max(0, _checksum_by_definition(body) + skew)
    block = body[:148] + b"%06o\0 " % total + body[156:]
    assert archives._tar_header_ok(block) == (skew == 0 or total == _checksum_by_definition(block))


def test_tar_header_checksum_at_its_largest():
    block = b"\xff" * 148 + b"%06o\0 " % (255 * 504 + 256) + b"\xff" * 356
    assert archives._tar_header_ok(block)


@pytest.mark.parametrize(
    ("field", "valid"),
    [
        (b"%06o\0 ", True),  # GNU tar
        (b"%07o\0", True),  # POSIX ustar writers
        (b" %05o\0 ", True),  # old tars pad with leading spaces
        (b"%06o  ", True),
        (b"%05o 7\0", False),  # a digit after the padding
        (b"%06ox\0", False),
        (b"        ", False),  # no digits at all
        (b"\0\0\0\0\0\0\0\0", False),
    ],
)
def test_tar_checksum_field_forms(field, valid):
    body = b"a.txt".ljust(148, b"\0") + b" " * 8 + bytes(356)
    if b"%" in field:
        field %= _checksum_by_definition(body)
    block = body[:148] + field + body[156:]
    assert len(block) == 512
    assert archives._tar_header_ok(block) == valid
