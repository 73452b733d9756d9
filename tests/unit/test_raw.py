"""Raw sector sampling on images of known make-up."""

from __future__ import annotations

import io
import os
import random

import pytest

from inspector.core.content.stats import wilson
from inspector.core.media.raw import BLOCK, classify_block, header_of, raw_sample


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
    ],
)
def test_classify_block(block, cls):
    assert classify_block(block) == cls


def test_headers():
    assert header_of(b"LUKS\xba\xbe\x00\x02" + bytes(100)) == ("luks", "encrypted")
    assert header_of(b"\xebX\x90-FVE-FS-" + bytes(100)) == ("bitlocker", "encrypted")
    assert header_of(bytes(4096)) is None


def test_shares_contain_truth():
    rng = random.Random(3)
    blocks = 20_000
    truth_random = 0.3
    image = bytearray(blocks * BLOCK)
    for i in rng.sample(range(blocks), int(blocks * truth_random)):
        image[i * BLOCK : (i + 1) * BLOCK] = rng.randbytes(BLOCK)
    image[:8] = b"LUKS\xba\xbe\x00\x02"
    result = raw_sample(io.BytesIO(bytes(image)), len(image), samples=2000, seed=11)
    assert result.samples == 2000 and result.complete
    assert result.header_format == "luks" and result.header_kind == "encrypted"
    high = result.share("high-entropy")
    assert high.ci[0] <= truth_random <= high.ci[1]
    zero = result.share("zero")
    assert zero.ci[0] <= 1 - truth_random <= zero.ci[1]
    again = raw_sample(io.BytesIO(bytes(image)), len(image), samples=2000, seed=11)
    assert again.shares == result.shares


def test_budget_zero_stops_early():
    data = io.BytesIO(bytes(BLOCK * 1000))
    result = raw_sample(data, BLOCK * 1000, samples=500, budget_s=0.0, seed=1)
    assert not result.complete and result.samples == 0
