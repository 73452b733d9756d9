"""A desk killed mid-write, the post's server restarted mid-scan: nothing lost, nothing twice,
the chain verifies, the offline journal replays exactly once."""

from __future__ import annotations

import os
import signal
import uuid

import pytest
from sqlalchemy import text

from inspector.core.case import audit
from inspector.core.case.records import DriveIdentity
from inspector.core.case.store import open_store
from inspector.core.case.store_base import Action
from tests.multidesk.test_desks import audit_verify
from tests.unit.casekit import TB, sampled_scan

pytestmark = pytest.mark.slow


def _case(url: str) -> int:
    with open_store(url=url) as store:
        case = store.open_case("Ana", "D1")
        store.add_traveler(case.id, "Traveler A", group="Flight to KUL")
        return case.id


def _drives(url: str) -> list[tuple[str, bool, bool]]:
    with open_store(url=url) as store:
        rows = store._read(lambda c: c.execute(text(
            "SELECT identity_key, complete, finished_at IS NOT NULL FROM drives ORDER BY id"
        )).all())  # fmt: skip
    return [tuple(r) for r in rows]


def test_desk_killed_mid_write_loses_nothing_acknowledged(pg_url, desk_factory):
    case_id = _case(pg_url)
    desk = desk_factory("D1", "drives", "--url", pg_url, "--case", str(case_id), "--drives", "500")
    acked = [desk.until("ack")["serial"] for _ in range(8)]
    os.kill(desk.proc.pid, signal.SIGKILL)  # mid-write: it writes without a pause
    desk.proc.wait()
    acked += [e["serial"] for e in desk.events if e["event"] == "ack" and e["serial"] not in acked]
    rows = _drives(pg_url)
    keys = [k for k, _, _ in rows]
    assert len(keys) == len(set(keys))  # nothing twice
    for serial in acked:  # everything the desk was told is stored, complete
        assert (f"serial:{serial}", True, True) in rows
    unfinished = [r for r in rows if not r[2]]
    assert len(rows) - len(acked) <= 1 and len(unfinished) <= 1  # at most the one in flight
    check = audit_verify(pg_url)
    assert check.returncode == 0, check.stderr
    with open_store(url=pg_url) as store:  # the killed desk's lock went with its connection
        store.record(case_id, audit.REPORT_EXPORTED, {"after": "kill -9"})
        assert store.verify().intact


def test_server_restart_mid_scan_journal_replays_exactly_once(
    pg_url, pg_server, desk_factory, tmp_path
):
    case_id = _case(pg_url)
    go = tmp_path / "go"
    args = ("--url", pg_url, "--case", str(case_id))
    desk = desk_factory("D1", "offline", *args, "--drives", "3", "--go", str(go))
    begun = desk.until("begun")["id"]
    pg_server.stop()  # the server goes down while drive MID is being scanned
    try:
        go.touch()
        journaled = desk.until("journaled", timeout=120)
        assert journaled["waiting"] == 1 + 2 * 3  # finish of MID, then begin+finish of 3 more
        os.kill(desk.proc.pid, signal.SIGKILL)  # and the desk dies with its journal waiting
        desk.proc.wait()
    finally:
        pg_server.start_again()
    again = desk_factory("D1", "replay", "--url", pg_url).finish()[-1]  # same data dir: journal
    assert again["waiting"] == 0 and again["refused"] == []
    rows = _drives(pg_url)
    assert sorted(k for k, _, _ in rows) == [
        "serial:MID",
        "serial:OFF-0",
        "serial:OFF-1",
        "serial:OFF-2",
    ]
    assert all(complete for _, complete, _ in rows)
    with open_store(url=pg_url) as store:
        assert store.drive(begun).identity.key == "serial:MID" and store.drive(begun).complete
        finished = [e for e in store.audit_entries() if e.kind == audit.SCAN_FINISHED]
        assert len(finished) == 4
        assert sum(1 for e in finished if "offline_at" in e.details()) == 4
    third = desk_factory("D1", "replay", "--url", pg_url).finish()[-1]  # nothing to do again
    assert third["waiting"] == 0 and _drives(pg_url) == rows
    check = audit_verify(pg_url)
    assert check.returncode == 0 and "intact" in check.stdout, check.stderr


def test_replay_of_an_action_the_server_already_has_applies_nothing(pg_url):
    """The desk died after the server committed, before it marked the action done."""
    case_id = _case(pg_url)
    with open_store(url=pg_url) as store:
        assert store.journal is not None
        action = Action(uuid.uuid4().hex, "begin_drive", "2026-01-01T00:00:00+00:00", "D1")
        named = {"case_id": case_id, "traveler": "Traveler A",
                 "identity": DriveIdentity("serial:X", "/dev/x", capacity_bytes=TB)}  # fmt: skip
        fn = type(store).begin_drive.__wrapped__
        first = store.submit(store.journal._apply, fn, action, named).result()
        store.journal._keep(action, named)  # still "waiting" in the journal, as after a crash
        assert store.journal.waiting() == 1
        assert store.submit(store.journal.replay).result() == 1
        assert store.journal.waiting() == 0
        assert [d.id for d in store.drives(case_id)] == [first.id]
        store.finish_drive(
            first.id, sampled_scan(TB // 2, {"image": (1.0, 0.99, 1.0)}, capacity=TB, serial="X")
        )
        assert store.verify().intact


def test_an_action_the_server_refuses_on_replay_is_kept_refused_not_dropped(pg_url):
    """A traveler added offline to a case another desk closed meanwhile: refused, with why."""
    case_id = _case(pg_url)
    with open_store(url=pg_url) as store:
        assert store.journal is not None
        store.close_case(case_id)
        action = Action(uuid.uuid4().hex, "add_traveler", "2026-01-01T00:00:00+00:00", "D1")
        store.journal._keep(action, {"case_id": case_id, "name": "Late"})
        assert store.offline_waiting() == 1
        assert store.submit(store.journal.replay).result() == 0
        assert store.journal.waiting() == 0
        [(method, why)] = store.journal.refused()
        assert method == "add_traveler" and "closed" in why
        assert [t.name for t in store.travelers(case_id)] == ["Traveler A"]
        assert store.verify().intact
