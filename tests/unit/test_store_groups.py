"""Groups across desks, concurrency and the change feed: the store suite on both engines."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from sqlalchemy import make_url, text

from inspector.core.case import audit
from inspector.core.case.engine import postgres_engine
from inspector.core.case.migrations import migrate
from inspector.core.case.records import Change, DeclarationInput, DriveIdentity
from inspector.core.case.schema import SCHEMA_VERSION
from inspector.core.case.store import open_store, store_path
from inspector.core.errors import UsageError
from tests.unit.casekit import TB, sampled_scan
from tests.unit.test_migrations import make_v1_database

GROUP = "Flight to KUL"


def _drive(store, case_id, traveler, serial, used=60 * TB, capacity=80 * TB):
    d = store.begin_drive(case_id, traveler, DriveIdentity(f"serial:{serial}", f"/dev/{serial}",
                                                           capacity_bytes=capacity))  # fmt: skip
    return store.finish_drive(
        d.id, sampled_scan(used, {"image": (1.0, 0.99, 1.0)}, capacity=capacity, serial=serial)
    )


def test_a_group_spans_desks_and_is_judged_on_every_desks_drives(store):
    """Six travelers of one flight at two desks, each within the traveler thresholds (18 TB
    carried, 10 TB declared and found): together 108 TB, over the group's 100 TB."""
    one, two = store.open_case("Ana", "Desk 1"), store.open_case("Bo", "Desk 2")
    decl = DeclarationInput("personal files", 10 * TB)
    for case, names in ((one, "ABC"), (two, "DEF")):
        for name in names:
            store.add_traveler(case.id, name, group=GROUP, declaration=decl)
    [g] = store.groups()
    assert g.name == GROUP and [m[:2] for m in g.members][:4] == [
        ("A", one.id), ("B", one.id), ("C", one.id), ("D", two.id)]  # fmt: skip
    for case, names in ((one, "ABC"), (two, "DE")):
        for name in names:
            _drive(store, case.id, name, f"S{name}", used=10 * TB, capacity=18 * TB)
    s1 = store.summary(one.id)
    assert [t.verdict.verdict for t in s1.travelers] == ["clear"] * 3
    assert s1.groups[0].verdict.verdict == "pending"  # F at desk 2 has no drive yet
    _drive(store, two.id, "F", "SF", used=10 * TB, capacity=18 * TB)  # it tips the group
    for case in (one, two):
        [group] = store.summary(case.id).groups
        assert sorted(group.travelers) == list("ABCDEF") and group.totals.drives == 6
        assert group.verdict.verdict == "refer" and "108 TB" in group.verdict.reasons[0]
    assert store.summary(one.id).groups[0].elsewhere[0] == "D (case 2, desk Desk 2)"
    # desk 2's drive was judged in desk 1's case too, and the log says so
    moved = [e.details() for e in store.audit_entries(one.id) if e.kind == audit.VERDICT]
    assert moved[-1]["verdict"] == "refer" and moved[-1]["after_change_in_case"] == two.id
    assert store.verify().intact


def test_closed_group_is_not_joined_again(store):
    one, two = store.open_case("Ana"), store.open_case("Bo")
    store.add_traveler(one.id, "A", group=GROUP)
    store.close_group(GROUP, "Ana")
    store.add_traveler(two.id, "B", group=GROUP)  # the next day's flight of the same number
    assert store.summary(two.id).groups[0].travelers == ("B",)
    assert [len(g.members) for g in store.groups(open_only=False)] == [1, 1]
    with pytest.raises(UsageError, match="no open group"):
        store.close_group("Nonexistent", "Ana")


def test_concurrent_desks_lose_no_update(store, store_engine):
    """Six desks (Store objects: connections and writer threads of their own) write drives
    of one group at once: every drive counts, every desk sees the same group totals."""
    url = None if store_engine == "sqlite" else __import__("os").environ["INSPECTOR_DB_URL"]
    desks = [open_store(url=url) for _ in range(6)]
    cases = [d.open_case(f"Officer {i}", f"Desk {i}") for i, d in enumerate(desks)]
    for i, (d, c) in enumerate(zip(desks, cases, strict=True)):
        d.add_traveler(c.id, f"T{i}", group=GROUP, declaration=DeclarationInput("x", 4 * TB))
    go = threading.Barrier(len(desks))
    failures = []

    def work(i):
        go.wait()
        try:
            for n in range(4):
                _drive(desks[i], cases[i].id, f"T{i}", f"S{i}-{n}", used=TB, capacity=2 * TB)
        except Exception as exc:
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(desks))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not failures
    for d, c in zip(desks, cases, strict=True):
        [g] = d.summary(c.id).groups
        assert g.totals.drives == 24 and g.totals.capacity_bytes == 48 * TB
        assert g.verdict.verdict == "clear"
    assert store.verify().intact
    seqs = [e.seq for e in store.audit_entries()]
    assert seqs == list(range(1, len(seqs) + 1))  # one chain, no gap, no fork
    for d in desks:
        d.close()


def test_feed_tells_a_desk_of_another_desks_change(store, store_engine):
    url = None if store_engine == "sqlite" else __import__("os").environ["INSPECTOR_DB_URL"]
    case = store.open_case("Ana", "Desk 1")
    store.add_traveler(case.id, "A", group=GROUP)
    heard: list[Change] = []
    store.add_listener(heard.append)
    store.watch()
    with open_store(url=url) as other:
        theirs = other.open_case("Bo", "Desk 2")
        other.add_traveler(theirs.id, "B", group=GROUP)
        t0 = time.monotonic()
        while not any(c.remote and c.case_id == case.id for c in heard):
            assert time.monotonic() - t0 < 2, heard
            time.sleep(0.01)
    mine = [c for c in heard if c.remote and c.case_id == case.id]
    assert ("group", GROUP, "pending") in mine[-1].verdicts


def test_v1_database_migrates_with_groups_per_case(data_dir):
    data_dir.mkdir(parents=True)
    make_v1_database(store_path())
    db = sqlite3.connect(store_path())
    db.execute("UPDATE travelers SET grp = 'MH1'")
    db.commit()
    db.close()
    with open_store() as store:
        assert store.migrated_from == 1
        [t] = store.travelers(1)
        assert t.group == "MH1" and t.group_id is not None
        assert [g.name for g in store.groups()] == ["MH1"]
        assert store.verify().intact
        anchor = store._read(lambda c: c.execute(text("SELECT seq FROM audit_anchor")).scalar())
        assert anchor == store.audit_head().seq


def test_v3_database_on_postgresql_migrates(pg_server, pg_url):
    """A server store of schema v3 (as the v3 tables were) migrates like a SQLite one."""
    pg_server.admin(
        "DROP TRIGGER audit_append_only ON audit",
        "ALTER TABLE travelers DROP COLUMN group_id",
        "ALTER TABLE travelers DROP COLUMN language",  # v5
        "DROP TABLE travel_groups, audit_anchor, desk_actions",
        "UPDATE meta SET value = '3' WHERE key = 'schema_version'",
        "INSERT INTO cases (officer, desk, opened_at, policy_name, policy_text, policy_hash, "
        "training) VALUES ('Old', 'Desk 1', 'x', 'default', 'p', 'h', false)",
        "INSERT INTO travelers (case_id, name, grp) VALUES (1, 'Li', 'MH1')",
        db=make_url(pg_url).database,
    )
    engine = postgres_engine(pg_url, writer=True)
    try:
        assert migrate(engine, None) == 3
        with engine.connect() as conn:
            assert conn.execute(text("SELECT value FROM meta")).scalar() == str(SCHEMA_VERSION)
            assert conn.execute(text("SELECT name FROM travel_groups")).scalars().all() == ["MH1"]
            assert conn.execute(text("SELECT group_id FROM travelers")).scalar() is not None
        assert migrate(engine, None) == SCHEMA_VERSION  # again: nothing to do
    finally:
        engine.dispose()


def test_each_server_has_its_own_offline_journal(data_dir):
    """A desk that worked offline for one post's server never replays into another's."""
    from inspector.core.case.journal import journal_path

    one, other = "postgresql://desk@pg1/post", "postgresql://desk@pg2/post"
    assert journal_path(one) == journal_path(one)
    assert journal_path(one) != journal_path(other)
    assert journal_path(one).parent == journal_path(other).parent
