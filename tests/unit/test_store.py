"""The case store: entities, validation, one writer, live and training kept apart."""

from __future__ import annotations

import threading

import pytest

from inspector.core.case import audit
from inspector.core.case.queries import UnknownCaseError, UnknownTravelerError
from inspector.core.case.records import DriveIdentity
from inspector.core.case.store import DeclarationInput, open_store, store_path
from inspector.core.case.text_input import declared_volume
from inspector.core.errors import UsageError
from tests.unit.casekit import TB, sampled_scan


@pytest.fixture(autouse=True)
def _on_both_engines(store_engine):
    """Every test of the module on SQLite and on PostgreSQL (tests/unit/conftest.py): the
    live store that open_store() and the CLI open follows the engine."""
    return store_engine


def test_case_round_trip_and_policy_stored(store):
    case = store.open_case("  Officer Ana ", "Desk 3")
    again = store.case(case.id)
    assert again == case
    assert case.officer == "Officer Ana" and case.is_open and not case.training
    assert case.policy().name == case.policy_name == "default"
    assert [c.id for c in store.cases()] == [case.id]
    assert store.audit_entries(case.id)[0].kind == audit.CASE_OPENED


def test_traveler_declaration_and_duplicates(store):
    case = store.open_case("Ana")
    t = store.add_traveler(
        case.id, "Li Wei", "E123", "MH1", DeclarationInput("personal backups", 2 * TB, "LIC-1")
    )
    assert t.declaration is not None and t.declaration.declared_bytes == 2 * TB
    assert t.group_name == "MH1"
    with pytest.raises(UsageError, match="already in case"):
        store.add_traveler(case.id, "Li Wei")
    updated = store.declare(case.id, "Li Wei", DeclarationInput("more", 3 * TB))
    assert updated.declaration.declared_bytes == 3 * TB and updated.declaration.licence is None
    edits = [e for e in store.audit_entries(case.id) if e.kind == audit.DECLARATION_EDITED]
    assert edits[-1].details()["before"]["declared_bytes"] == 2 * TB
    with pytest.raises(UnknownTravelerError):
        store.declare(case.id, "Nobody", DeclarationInput("x"))


def test_unknown_case_and_closed_case(store):
    with pytest.raises(UnknownCaseError, match="no case 42"):
        store.summary(42)
    with pytest.raises(UnknownCaseError):
        store.add_traveler(42, "A")
    case = store.open_case("Ana")
    store.close_case(case.id)
    with pytest.raises(UsageError, match="closed"):
        store.add_traveler(case.id, "A")


@pytest.mark.parametrize(
    ("name", "needle"),
    [("", "empty"), ("Ev\u202eil", r"U\+202E"), ("a\x00b", r"U\+0000"), ("x" * 300, "longer")],
)
def test_hostile_names_refused_and_nothing_written(store, name, needle):
    case = store.open_case("Ana")
    before = len(store.audit_entries())
    with pytest.raises(UsageError, match=needle):
        store.add_traveler(case.id, name)
    assert store.travelers(case.id) == []
    assert len(store.audit_entries()) == before


def test_names_in_any_script_accepted(store):
    case = store.open_case("Ana")
    for name in ("李伟", "محمد عبد الله", "Nguyễn Văn An", "O'Brien-Smith"):
        assert store.add_traveler(case.id, name).name == name


@pytest.mark.parametrize(
    ("text", "needle"),
    [("lots", "use a size such as 2 TB"), ("2 EB", "impossible"), ("-3 TB", "not a size")],
)
def test_impossible_declared_volume(text, needle):
    with pytest.raises(UsageError, match=needle):
        declared_volume(text)


def test_failed_transaction_leaves_nothing_half_written(store):
    case = store.open_case("Ana")
    store.add_traveler(case.id, "A")
    n = len(store.audit_entries())
    # the traveler row would be inserted before the declaration check fails: all rolled back
    with pytest.raises(UsageError):
        store.add_traveler(case.id, "B", declaration=DeclarationInput("x\x07"))
    assert [t.name for t in store.travelers(case.id)] == ["A"]
    assert len(store.audit_entries()) == n
    assert store.verify().intact


def test_writes_from_many_threads_are_serialized(store):
    case = store.open_case("Ana")
    errors: list[BaseException] = []

    def add(i: int) -> None:
        try:
            store.add_traveler(case.id, f"T{i}", group="G")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=add, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(store.travelers(case.id)) == 12
    check = store.verify()
    assert check.intact, check.problem


def test_submit_returns_a_future_and_nested_writes_do_not_deadlock(store):
    case = store.open_case("Ana")
    future = store.submit(store.add_traveler, case.id, "Li")
    assert future.result(timeout=10).name == "Li"
    failing = store.submit(store.add_traveler, case.id, "Li")
    assert isinstance(failing.exception(timeout=10), UsageError)


def test_same_drive_identity_is_the_same_drive(store):
    case = store.open_case("Ana")
    store.add_traveler(case.id, "A")
    ident = DriveIdentity("wwn:0x5000", "/dev/sdb", serial="S1", capacity_bytes=80 * TB)
    first = store.begin_drive(case.id, "A", ident, bay="3", mount_options="ro,noload")
    assert first.state == "scanning" and not first.complete
    done = store.finish_drive(first.id, sampled_scan(TB, {"image": (1.0, 0.99, 1.0)}))
    assert done.state == "complete" and done.result is not None and done.result_hash
    again = store.begin_drive(case.id, "A", ident)
    assert again.id == first.id and again.result is None
    assert len(store.drives(case.id)) == 1
    attached = [e for e in store.audit_entries(case.id) if e.kind == audit.DRIVE_ATTACHED]
    assert attached[0].details()["mount_options"] == "ro,noload"
    assert attached[1].details()["rescan"] is True


def test_training_store_is_a_separate_file(data_dir):
    with open_store() as live, open_store(training=True) as training:
        assert live.path != training.path == store_path(training=True)
        c = training.open_case("Trainer")
        assert c.training
        assert live.cases() == []
        assert [x.id for x in training.cases()] == [c.id]
        assert not live.open_case("Ana").training


def test_listeners_hear_each_commit_and_verdict_history_is_kept(store):
    heard = []
    unsubscribe = store.add_listener(heard.append)
    case = store.open_case("Ana")
    store.add_traveler(case.id, "Li", declaration=DeclarationInput("photos", TB))
    assert heard[0].case_id == case.id and heard[0].kinds == (audit.CASE_OPENED,)
    assert heard[1].kinds[:2] == (audit.TRAVELER_ADDED, audit.DECLARATION_EDITED)
    assert audit.VERDICT in heard[1].kinds
    history = store.verdicts(case.id)
    assert {(v.scope, v.subject, v.verdict) for v in history} == {
        ("traveler", "Li", "pending"),  # no drive yet: never CLEAR
        ("group", "(no group)", "pending"),
    }
    unsubscribe()
    store.close_case(case.id)
    assert len(heard) == 2


def test_a_failing_listener_does_not_fail_the_write(store, caplog):
    def broken(_change):
        raise RuntimeError("listener bug")

    store.add_listener(broken)
    case = store.open_case("Ana")
    assert store.case(case.id).officer == "Ana"
    assert "store listener failed" in caplog.text


def test_a_scan_finishes_once_even_after_the_case_closed(store):
    case = store.open_case("Ana")
    store.add_traveler(case.id, "A")
    d = store.begin_drive(case.id, "A", DriveIdentity("serial:S1", "/dev/sdb"))
    store.close_case(case.id)
    done = store.finish_drive(d.id, sampled_scan(TB, {"image": (1.0, 0.99, 1.0)}))
    assert done.complete
    with pytest.raises(UsageError, match="not being scanned"):
        store.finish_drive(d.id, sampled_scan(TB, {"image": (1.0, 0.99, 1.0)}))
    with pytest.raises(UsageError, match="not being scanned"):
        store.fail_drive(d.id, "late")
    assert store.verify().intact
