"""The load benchmark, bounded and small (the full run, 50 desks x 15 drives, is
benchmarks/bench_multidesk.py; docs/benchmarks.md has its figures)."""

from __future__ import annotations

import pytest

from benchmarks.bench_multidesk import run_load

pytestmark = pytest.mark.slow


def test_simulated_desks_against_one_server(pg_url, tmp_path):
    out = run_load(pg_url, desks=8, drives=3, group=4, work=tmp_path)
    assert out["errors"] == []
    assert out["writes"] == 8 * 3 * 2 and out["drives_stored"] == 24
    assert out["audit_intact"] and out["cases_refer"] == 8  # seed drives: every desk refers
    assert 0 < out["p50_ms"] <= out["p99_ms"] <= out["max_ms"] < 30_000
