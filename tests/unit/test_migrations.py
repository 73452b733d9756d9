"""Opening a database of the previous schema version: backed up, migrated, still verifiable."""

from __future__ import annotations

import sqlite3

import pytest

from inspector.core.case import audit
from inspector.core.case.migrations import StoreError, backup_path
from inspector.core.case.policy import load_policy
from inspector.core.case.schema import SCHEMA_VERSION, V1_DDL
from inspector.core.case.store import open_store, store_path

AT = "2026-01-02T03:04:05+00:00"


def make_v1_database(path):
    """A v1 database as the v1 desk wrote it: one case, a traveler, a drive, an audit chain."""
    policy = load_policy()
    db = sqlite3.connect(path)
    db.executescript(V1_DDL)
    db.execute(
        "INSERT INTO cases (id, officer, desk, opened_at, closed_at, policy_text, policy_hash) "
        "VALUES (1, 'Old Officer', 'Desk 1', ?, NULL, ?, ?)",
        (AT, policy.text, policy.hash),
    )
    db.execute(
        "INSERT INTO travelers (id, case_id, name, document, grp) "
        "VALUES (1, 1, 'Li Wei', 'E1', NULL)"
    )
    db.execute("INSERT INTO declarations VALUES (1, 'photos', 1000000000000, NULL, ?)", (AT,))
    db.execute(
        "INSERT INTO drives (id, case_id, traveler_id, identity_key, target, started_at, complete)"
        " VALUES (1, 1, 1, 'target:/old', '/old', ?, 0)",
        (AT,),
    )
    prev = audit.GENESIS
    details = [
        ("case opened", {"desk": "Desk 1", "policy_hash": policy.hash}),
        ("traveler added", {"traveler": "Li Wei"}),
        ("scan started", {"drive": 1}),
    ]
    for seq, (kind, data) in enumerate(details, 1):
        text = audit.canonical(data)
        digest = audit.entry_hash(seq, AT, 1, "Old Officer", kind, text, prev)
        db.execute(
            "INSERT INTO audit VALUES (?, ?, 1, 'Old Officer', ?, ?, ?, ?)",
            (seq, AT, kind, text, prev, digest),
        )
        prev = digest
    db.commit()
    db.close()


def test_v1_database_is_backed_up_and_migrated(data_dir):
    data_dir.mkdir(parents=True)
    path = store_path()
    make_v1_database(path)
    with open_store() as store:
        assert store.migrated_from == 1
        case = store.case(1)
        assert case.officer == "Old Officer" and case.training is False
        assert case.policy_name == "default"  # backfilled from the stored policy text
        [t] = store.travelers(1)
        assert t.declaration is not None and t.declaration.declared_bytes == 10**12
        [d] = store.drives(1)
        assert d.state == "scanning" and d.mount_options is None
        check = store.verify()
        assert check.intact, check.problem
        # and the migrated database takes new writes on the same chain
        store.add_traveler(1, "Chen")
        assert store.verify().intact
    version = (
        sqlite3.connect(path)
        .execute("SELECT value FROM meta WHERE key='schema_version'")
        .fetchone()[0]
    )
    assert int(version) == SCHEMA_VERSION
    backup = sqlite3.connect(backup_path(path, 1))
    assert backup.execute("SELECT value FROM meta").fetchone()[0] == "1"
    assert backup.execute("SELECT officer FROM cases").fetchone()[0] == "Old Officer"


def test_newer_schema_is_refused(data_dir):
    with open_store():
        pass
    db = sqlite3.connect(store_path())
    db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer than this Inspector"):
        open_store()


def test_not_a_database_is_one_clear_error(data_dir):
    data_dir.mkdir(parents=True)
    store_path().write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open case store"):
        open_store()
