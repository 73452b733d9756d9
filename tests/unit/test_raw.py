"""Raw sector sampling on images of known make-up."""

from __future__ import annotations

import dataclasses
import errno
import io
import os
import random

import numpy as np
import pytest

from inspector.core.content.stats import wilson
from inspector.core.media.blocks import (
    BLOCK,
    CLASSES,
    classify_batch,
    classify_block,
    ext_backup_superblock,
    header_of,
)
from inspector.core.media.raw import MIN_SAMPLES, raw_sample
from inspector.core.media.raw_result import FINDING_TEXT, raw_from_json, raw_json
from inspector.core.progress import CancelToken


def test_wilson_is_honest_at_the_edges():
    lo, hi = wilson(0, 100)
    assert lo == 0.0 and 0.03 < hi < 0.04
    lo, hi = wilson(100, 100)
    assert hi == 1.0 and 0.96 < lo < 0.97
    assert wilson(0, 0) == (0.0, 1.0)


@pytest.mark.parametrize(
    ("block", "cls"),
    [
        (bytes(BLOCK), "zero"),
        (os.urandom(BLOCK), "high-entropy"),
        ((b"hello world, plain text\n" * 200)[:BLOCK], "text"),
        (bytes(range(256)) * 8 + bytes(BLOCK - 2048), "structured"),
        (b"\x00" * (BLOCK - 1) + b"\x01", "structured"),  # one written byte is written
    ],
)
def test_classify_block(block, cls):
    assert classify_block(block) == cls


def _entropy(block: bytes) -> float:
    counts = np.bincount(np.frombuffer(block, np.uint8), minlength=256)
    p = counts[counts > 0] / len(block)
    return float(-(p * np.log2(p)).sum())


def test_batch_classifier_agrees_with_the_definition():
    """The batched histogram classes each row as the plain definitions would, row by row."""
    rng = random.Random(9)
    rows = []
    for i in range(200):
        kind = i % 5
        if kind == 0:
            rows.append(bytes(BLOCK))
        elif kind == 1:
            rows.append(rng.randbytes(BLOCK))
        elif kind == 2:
            rows.append(bytes(rng.choice(b"abc def\n") for _ in range(BLOCK)))
        elif kind == 3:  # partly random: entropy around the threshold
            cut = rng.randrange(BLOCK)
            rows.append(rng.randbytes(cut) + bytes(BLOCK - cut))
        else:
            rows.append(bytes(rng.randrange(40) for _ in range(BLOCK)))
    got = classify_batch(np.frombuffer(b"".join(rows), np.uint8).reshape(len(rows), BLOCK))
    for row, cls in zip(rows, got, strict=True):
        printable = sum(1 for b in row if 32 <= b < 127 or b in (9, 10, 13)) / BLOCK
        if not any(row):
            want = "zero"
        elif _entropy(row) > 7.8:
            want = "high-entropy"
        elif printable > 0.95:
            want = "text"
        else:
            want = "structured"
        assert CLASSES[int(cls)] == want


def test_headers():
    luks2 = header_of(b"LUKS\xba\xbe\x00\x02" + bytes(100))
    assert (luks2.format, luks2.kind, luks2.note) == ("luks", "encrypted", "LUKS2")
    assert header_of(b"LUKS\xba\xbe\x00\x01" + bytes(100)).note == "LUKS1"
    assert header_of(b"\xebX\x90-FVE-FS-" + bytes(100)).kind == "encrypted"
    assert header_of(bytes(4096)) is None
    mbr = bytearray(4096)
    mbr[446 + 4] = 0x83
    mbr[510:512] = b"\x55\xaa"
    assert header_of(bytes(mbr)).format == "dos"


def test_backup_superblock_is_found_and_checked():
    image = bytearray(12 << 20)
    offset = 8193 * 1024  # group 1 of a 1 KiB-block ext4
    sb = bytearray(1024)
    sb[24:28] = (0).to_bytes(4, "little")  # log block size: 1 KiB
    sb[32:36] = (8192).to_bytes(4, "little")
    sb[56:58] = b"\x53\xef"
    sb[90:92] = (1).to_bytes(2, "little")
    image[offset : offset + 1024] = sb

    def read_at(o: int, n: int) -> bytes:
        return bytes(image[o : o + n])

    found = ext_backup_superblock(read_at, len(image))
    assert found is not None and found.format == "ext" and "8,389,632" in found.note
    image[offset + 90] = 2  # not group 1: a stray magic, not a backup
    assert ext_backup_superblock(read_at, len(image)) is None


def _image(blocks: int, random_share: float, seed: int = 3) -> bytearray:
    rng = random.Random(seed)
    image = bytearray(blocks * BLOCK)
    for i in rng.sample(range(blocks), int(blocks * random_share)):
        image[i * BLOCK : (i + 1) * BLOCK] = rng.randbytes(BLOCK)
    return image


def test_shares_contain_truth_and_stop_on_precision():
    image = _image(20_000, 0.3)
    image[:8] = b"LUKS\xba\xbe\x00\x02"
    result = raw_sample(io.BytesIO(bytes(image)), len(image), seed=11)
    assert result.complete and result.stopped == "precision"
    assert MIN_SAMPLES <= result.samples < 20_000
    assert result.precision is not None and result.precision <= 0.01
    assert result.header_format == "luks" and result.finding == "encrypted-header"
    assert result.finding_text == "encrypted (LUKS2 header)"
    high = result.share("high-entropy")
    assert high.ci[0] <= 0.3 <= high.ci[1]
    zero = result.share("zero")
    assert zero.ci[0] <= 0.7 <= zero.ci[1]
    assert result.written.ci[0] <= 0.3 <= result.written.ci[1]
    again = raw_sample(io.BytesIO(bytes(image)), len(image), seed=11)
    assert again.shares == result.shares
    back = raw_from_json(raw_json(result))
    assert dataclasses.replace(back, elapsed_s=0.0, reads_per_s=0.0) == dataclasses.replace(
        result, elapsed_s=0.0, reads_per_s=0.0
    )


def test_small_device_is_read_whole_and_exact():
    image = _image(1000, 0.25)
    result = raw_sample(io.BytesIO(bytes(image)), len(image), seed=2, precision=0.0)
    assert result.samples == 1000 and result.stopped == "exhausted"
    assert result.share("high-entropy").ci == (0.25, 0.25)


@pytest.mark.parametrize(
    ("data", "finding"),
    [
        (bytes(BLOCK * 3000), "blank"),
        (random.Random(1).randbytes(BLOCK * 3000), "encrypted-no-header"),
        ((b"some log line\n" * 1000)[: BLOCK * 50] * 60, "unknown-data"),
    ],
)
def test_findings(data, finding):
    result = raw_sample(io.BytesIO(data), len(data), seed=4)
    assert result.finding == finding and result.finding_text == FINDING_TEXT[finding]


def test_budget_zero_stops_before_reading():
    data = io.BytesIO(bytes(BLOCK * 1000))
    result = raw_sample(data, BLOCK * 1000, budget_s=0.0, seed=1)
    assert result.samples == 0 and result.stopped == "budget" and not result.complete


def test_header_only():
    data = b"LUKS\xba\xbe\x00\x01" + bytes(BLOCK * 100)
    result = raw_sample(io.BytesIO(data), len(data), max_samples=0, seed=1)
    assert result.samples == 0 and result.stopped == "header-only" and result.complete
    assert result.finding == "encrypted-header"


class _Failing(io.BytesIO):
    """Reads past `good` bytes fail with EIO: a drive that went away."""

    def __init__(self, data: bytes, good: int) -> None:
        super().__init__(data)
        self.good = good

    def read(self, n: int | None = -1) -> bytes:
        if self.tell() >= self.good:
            raise OSError(errno.EIO, "Input/output error")
        return super().read(n)


def test_failed_reads_are_counted_never_classed():
    data = random.Random(2).randbytes(BLOCK * 20_000)
    result = raw_sample(_Failing(data, BLOCK * 10_000), len(data), seed=5)
    assert not result.complete and result.stopped == "errors"
    assert result.errors > 0 and result.error_kinds == ("EIO",)
    assert result.share("high-entropy").share == 1.0  # only the blocks that read


def test_cancel_discards_the_batch_in_flight():
    token = CancelToken()
    token.cancel()
    data = bytes(BLOCK * 1000)
    result = raw_sample(io.BytesIO(data), len(data), seed=1, cancel=token)
    assert result.stopped == "cancelled" and not result.complete and result.samples == 0


def test_a_drive_that_fails_every_read_is_given_up_quickly():
    """A vanished drive: a run of failed reads ends the batch, and failures stop the sample
    (a real dying drive can take seconds per failed read)."""
    data = bytes(BLOCK * 20_000)
    result = raw_sample(_Failing(data, 0), len(data), seed=5)
    assert result.samples == 0 and result.stopped == "errors" and not result.complete
    assert 0 < result.errors <= 16  # one or two batches cut short, not 64 reads each
