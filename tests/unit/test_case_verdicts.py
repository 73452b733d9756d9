"""Verdicts through cases: traveler and group thresholds, interval upper bounds, recomputation
when a drive result or a declaration changes, and the policy the case was opened under."""

from __future__ import annotations

from inspector.core.case import audit
from inspector.core.case.policy import parse_policy
from inspector.core.case.records import DriveIdentity
from inspector.core.case.store import DeclarationInput
from tests.unit.casekit import TB, sampled_scan
from tests.unit.test_policy import GOOD

NONE_AI = {"image": (1.0, 0.999, 1.0), "ai-dataset": (0.0, 0.0, 0.0005)}


def scan_drive(store, case_id, traveler, serial, scan):
    d = store.begin_drive(case_id, traveler, DriveIdentity(f"serial:{serial}", f"/dev/{serial}"))
    return store.finish_drive(d.id, scan)


def verdicts(store, case_id):
    s = store.summary(case_id)
    return (
        {t.traveler.name: t.verdict.verdict for t in s.travelers},
        {g.name: g.verdict.verdict for g in s.groups},
    )


def test_declaration_change_recomputes_and_audits_the_verdict(store):
    case = store.open_case("Ana", policy=parse_policy(GOOD))
    store.add_traveler(case.id, "Li", declaration=DeclarationInput("photos", int(0.1 * TB)))
    scan_drive(store, case.id, "Li", "S1", sampled_scan(TB, NONE_AI, capacity=2 * TB))
    t, _ = verdicts(store, case.id)
    assert t["Li"] == "refer"  # 1 TB found, 0.1 TB declared
    reasons = store.summary(case.id).travelers[0].verdict.reasons
    assert any("undeclared" in r for r in reasons)
    store.declare(case.id, "Li", DeclarationInput("photos and backups", TB))
    t, _ = verdicts(store, case.id)
    assert t["Li"] == "clear"
    logged = [
        e.details()["verdict"]
        for e in store.audit_entries(case.id)
        if e.kind == audit.VERDICT and e.details()["scope"] == "traveler"
    ]
    assert logged[-2:] == ["refer", "clear"]


def test_split_load_trips_the_group_threshold_only(store):
    policy = parse_policy(GOOD.replace('total_capacity = "1.2 PB"', 'total_capacity = "50 TB"'))
    case = store.open_case("Ana", policy=policy)
    for i in range(4):
        name = f"Engineer {i}"
        store.add_traveler(
            case.id, name, group="MH319", declaration=DeclarationInput("data", int(0.05 * TB))
        )
        scan_drive(
            store, case.id, name, f"S{i}", sampled_scan(int(0.05 * TB), NONE_AI, capacity=16 * TB)
        )
    t, g = verdicts(store, case.id)
    assert set(t.values()) == {"clear"}
    assert g == {"MH319": "refer"}
    group = store.summary(case.id).groups[0]
    assert (
        group.totals.capacity_bytes == 64 * TB
        and "4 drive(s) with 64.0 TB of capacity" in (group.verdict.reasons[0])
    )
    assert store.summary(case.id).verdict == "refer"


def test_upper_end_of_the_interval_decides(store):
    # AI data estimated at 0.9 TB, interval up to 1.1 TB; the threshold is 1 TB
    ai = {"ai-dataset": (0.45, 0.35, 0.55), "image": (0.55, 0.45, 0.65)}
    scan = sampled_scan(2 * TB, ai, capacity=4 * TB)
    upper = store.open_case("Ana", policy=parse_policy(GOOD))
    estimate = store.open_case(
        "Ana", policy=parse_policy(GOOD.replace('compare = "upper"', 'compare = "estimate"'))
    )
    for case in (upper, estimate):
        store.add_traveler(case.id, "Li", declaration=DeclarationInput("data", 2 * TB))
        scan_drive(store, case.id, "Li", "S1", scan)
    up = store.summary(upper.id).travelers[0]
    assert up.verdict.verdict == "refer"
    [finding] = [f for f in up.verdict.findings if f.rule == "ai_data_licence"]
    assert finding.basis == "upper" and finding.figure > TB
    assert "cannot be ruled out: up to 1.10 TB" in finding.message and not finding.firm
    assert up.totals.ai_bytes.value < TB < up.totals.ai_bytes.hi
    assert store.summary(estimate.id).travelers[0].verdict.verdict == "clear"


def test_partial_and_missing_results(store):
    case = store.open_case("Ana", policy=parse_policy(GOOD))
    store.add_traveler(case.id, "Li", declaration=DeclarationInput("x", TB))
    store.begin_drive(case.id, "Li", DriveIdentity("serial:S9", "/dev/S9"))
    s = store.summary(case.id)
    assert s.unscanned == 1 and s.travelers[0].totals.drives == 0
    d = scan_drive(
        store, case.id, "Li", "S1", sampled_scan(TB, NONE_AI, capacity=2 * TB, complete=False)
    )
    assert d.state == "incomplete" and not d.complete
    assert store.summary(case.id).travelers[0].totals.drives == 1  # counts what it saw


def test_a_drive_whose_scan_failed_keeps_its_traveler_pending(store):
    """A refused or failed scan leaves a drive without any result: nothing is known of it, so
    its traveler (and the case) stay PENDING until it is scanned again, never CLEAR."""
    case = store.open_case("Ana", policy=parse_policy(GOOD))
    store.add_traveler(case.id, "Li", declaration=DeclarationInput("x", TB))
    ident = DriveIdentity("target:/img/stick.img", "/img/stick.img")
    d = store.begin_drive(case.id, "Li", ident)
    store.fail_drive(d.id, "polkit did not authorise it")
    s = store.summary(case.id)
    (li,) = s.travelers
    assert li.drives[0].state == "incomplete" and li.drives[0].result is None
    assert li.verdict.verdict == "pending" and s.verdict == "pending"
    assert any("could not be read" in r for r in li.verdict.reasons)
    assert any("could not be read" in item for item in s.open_items)
    # scanned again (the same drive), it is settled like any other
    again = store.begin_drive(case.id, "Li", ident)
    store.finish_drive(again.id, sampled_scan(TB // 10, NONE_AI, capacity=TB))
    s = store.summary(case.id)
    assert s.travelers[0].verdict.verdict == "clear" and not s.open_items
