"""Shares as officers read them: whole percent, one decimal under 1 %, never a bare 0 for a
class that is present."""

from __future__ import annotations

import pytest

from inspector.core.units import format_share


@pytest.mark.parametrize(
    ("share", "ci", "text"),
    [
        (0.61, (0.58, 0.64), "61 % (58–64 %)"),
        (0.004, (0.001, 0.012), "0.4 % (0.1–1 %)"),
        (0.0003, (0.0, 0.002), "<0.1 % (0–0.2 %)"),
        (0.0, None, "0 %"),
        (1.0, (0.97, 1.0), "100 % (97–100 %)"),
    ],
)
def test_format_share(share, ci, text):
    assert format_share(share, ci) == text


def test_nearly_all_does_not_read_all():
    assert format_share(0.998, (0.996, 1.0)) == "99.8 % (99.6–100 %)"
    assert format_share(0.99999, None) == ">99.9 %"
