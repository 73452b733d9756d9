"""Verdict rules: traveler and group thresholds, interval upper bounds, plain reasons."""

from __future__ import annotations

import pytest

from inspector.core.case.policy import parse_policy
from inspector.core.case.verdicts import (
    DriveFigures,
    Estimate,
    evaluate,
    group_totals,
    sum_estimates,
    totals,
)
from tests.unit.test_policy import GOOD

TB = 10**12


def drive(capacity_tb: float, used_tb: float, ai: Estimate | None = None) -> DriveFigures:
    used = int(used_tb * TB)
    return DriveFigures(
        capacity_bytes=int(capacity_tb * TB),
        used_bytes=used,
        content_bytes=used,
        ai_bytes=ai or Estimate.exact(0),
        encrypted_bytes=Estimate.exact(0),
        files=1000,
        disguised_files=Estimate.exact(0),
    )


def test_clear_when_within_thresholds():
    p = parse_policy(GOOD)
    v = evaluate(totals([drive(2, 0.05)], declared_bytes=TB), p, "traveler")
    assert v.verdict == "clear" and v.reasons


def test_undeclared_and_capacity_refer_with_reasons():
    p = parse_policy(GOOD)
    t = totals([drive(80, 79)] * 15, declared_bytes=2 * TB)
    v = evaluate(t, p, "traveler")
    assert v.verdict == "refer"
    rules = {f.rule for f in v.findings}
    assert {"total_capacity", "undeclared_volume"} <= rules
    assert any("1.20 PB of capacity" in r for r in v.reasons)


def test_upper_bound_decides_when_policy_says_so():
    # estimate 0.9 TB is under the 1 TB threshold, but the interval reaches 1.1 TB
    ai = Estimate(0.9 * TB, 0.7 * TB, 1.1 * TB)
    t = totals([drive(2, 1.0, ai)], declared_bytes=TB)
    upper = evaluate(t, parse_policy(GOOD), "traveler")
    assert upper.verdict == "refer"
    assert "cannot be ruled out: up to 1.10 TB" in upper.reasons[0]
    assert "interval" not in upper.reasons[0]  # the rule is stated once, by the panel
    est = evaluate(
        t, parse_policy(GOOD.replace('compare = "upper"', 'compare = "estimate"')), "traveler"
    )
    assert est.verdict == "clear"


def test_split_load_trips_group_threshold():
    p = parse_policy(GOOD.replace('total_capacity = "1.2 PB"', 'total_capacity = "30 TB"'))
    members = [totals([drive(16, 0.01)], declared_bytes=TB) for _ in range(4)]
    assert all(evaluate(m, p, "traveler").verdict == "clear" for m in members)
    g = evaluate(group_totals(members), p, "group")
    assert g.verdict == "refer" and "4 drive(s) with 64.0 TB of capacity" in g.reasons[0]


def test_sum_estimates_quadrature():
    s = sum_estimates([Estimate(10, 7, 14), Estimate(20, 16, 23)])
    assert s.value == 30
    assert s.lo == pytest.approx(30 - 5)
    assert s.hi == pytest.approx(30 + 5)
