"""The audit chain: intact after real work; edits, deletions and reorderings are detected."""

from __future__ import annotations

import sqlite3

import pytest

from inspector.core.case import audit
from inspector.core.case.records import DriveIdentity
from inspector.core.case.store import DeclarationInput, open_store, store_path
from tests.unit.casekit import TB, sampled_scan


@pytest.fixture
def worked_store(data_dir):
    """A case with travelers, a declaration, a scanned drive: a dozen entries or so."""
    with open_store() as s:
        case = s.open_case("Ana", "Desk 1")
        s.add_traveler(case.id, "Li", group="G", declaration=DeclarationInput("photos", TB))
        s.add_traveler(case.id, "Chen", group="G")
        d = s.begin_drive(case.id, "Li", DriveIdentity("serial:S1", "/dev/sdb"))
        s.finish_drive(d.id, sampled_scan(TB, {"ai-dataset": (0.9, 0.85, 0.95)}))
        s.record(case.id, audit.REPORT_EXPORTED, {"report_hash": "ab" * 32})
        assert s.verify().intact
        n = len(s.audit_entries())
    assert n >= 10
    return n


def tamper(sql: str, *params) -> None:
    db = sqlite3.connect(store_path())
    db.execute(sql, params)
    db.commit()
    db.close()


def verify():
    with open_store() as s:
        return s.verify()


def test_intact_chain_verifies(worked_store):
    check = verify()
    assert check.intact and check.entries == worked_store and check.head.seq == worked_store


def test_edited_entry_is_named(worked_store):
    tamper("UPDATE audit SET data = replace(data, 'photos', 'nothing') WHERE seq = 4")
    check = verify()
    assert not check.intact and check.bad_seq == 4  # the declaration (3: the group opened)
    assert "entry 4" in check.problem and "altered" in check.problem


def test_edited_entry_with_recomputed_hash_breaks_the_next_link(worked_store):
    with open_store() as s:
        e = s.audit_entries()[3]
    data = e.data.replace("Li", "Xi")
    digest = audit.entry_hash(e.seq, e.at, e.case_id, e.officer, e.kind, data, e.prev_hash)
    tamper("UPDATE audit SET data = ?, hash = ? WHERE seq = ?", data, digest, e.seq)
    check = verify()
    assert not check.intact and check.bad_seq == e.seq + 1
    assert "out of place" in check.problem


def test_deleted_entry_is_named(worked_store):
    tamper("DELETE FROM audit WHERE seq = 5")
    check = verify()
    assert not check.intact and check.bad_seq == 5 and "entry 5 is missing" in check.problem


def test_deleted_last_entry_is_caught_by_the_anchor(worked_store):
    tamper("DELETE FROM audit WHERE seq = ?", worked_store)
    check = verify()
    assert not check.intact and check.bad_seq == worked_store and "anchor" in check.problem


def test_reordered_entries_are_detected(worked_store):
    tamper("UPDATE audit SET seq = -1 WHERE seq = 4")
    tamper("UPDATE audit SET seq = 4 WHERE seq = 6")
    tamper("UPDATE audit SET seq = 6 WHERE seq = -1")
    check = verify()
    assert not check.intact and check.bad_seq == 4 and "reordered" in check.problem


def test_edited_scan_result_is_detected(worked_store):
    tamper("UPDATE drives SET result_json = replace(result_json, '\"files\":1000', '\"files\":1')")
    check = verify()
    assert not check.intact and "stored scan result does not match" in check.problem


def test_edited_policy_is_detected(worked_store):
    tamper("UPDATE cases SET policy_text = replace(policy_text, '20 TB', '2000 TB')")
    check = verify()
    assert not check.intact and "policy does not match" in check.problem


def test_anchor_one_step_behind_is_accepted(worked_store):
    # a crash between a commit and the anchor update leaves the anchor behind: not tampering
    with open_store() as s:
        entries = s.audit_entries()
    behind = entries[-2]
    audit.anchor_path(store_path()).write_text(f'{{"seq": {behind.seq}, "hash": "{behind.hash}"}}')
    assert verify().intact


def test_anchor_never_moves_back(worked_store):
    with open_store() as s:
        entries = s.audit_entries()
    audit.write_anchor(store_path(), entries[0])  # a slow writer of another process, late
    assert audit.read_anchor(store_path()) == audit.Anchor(entries[-1].seq, entries[-1].hash)


def test_damaged_anchor_is_reported(worked_store):
    audit.anchor_path(store_path()).write_text("garbage")
    check = verify()
    assert not check.intact and "anchor" in check.problem


@pytest.mark.parametrize("field", ["at", "case_id", "officer", "kind", "data", "prev_hash", "hash"])
@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_any_field_of_any_entry_changed_is_detected(worked_store, field, where):
    seq = {"first": 1, "middle": worked_store // 2, "last": worked_store}[where]
    value = {"case_id": 99, "prev_hash": "0" * 63 + "1", "hash": "f" * 64}.get(field, "forged")
    tamper(f"UPDATE audit SET {field} = ? WHERE seq = ?", value, seq)
    check = verify()
    assert not check.intact
    assert check.bad_seq in (seq, seq + 1)
