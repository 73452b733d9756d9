"""Four desks, one group, one post's server: the seed case as it would arrive at an airport
(four travelers of one flight at four desks), each desk its own process."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import text

from inspector.core.case import audit
from inspector.core.case.store import open_store

pytestmark = pytest.mark.slow
SEED = ("Traveler A", "Traveler B", "Traveler C", "Traveler D")


def audit_verify(url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "inspector", "audit", "verify", "--db", url],
        capture_output=True, text=True,
    )  # fmt: skip


def test_four_desks_see_their_group_refer_within_two_seconds(pg_url, desk_factory, tmp_path):
    go, end = tmp_path / "go", tmp_path / "end"
    desks = [
        desk_factory(f"D{i}", "group", "--url", pg_url, "--desk", f"D{i}", "--traveler", name,
                     "--drives", "15", "--go", str(go), "--end", str(end))
        for i, name in enumerate(SEED, 1)
    ]  # fmt: skip
    for d in desks:
        d.until("ready")
    go.touch()  # all four write at once
    for d in desks:
        d.until("written")
    end.touch()
    events = [d.finish() for d in desks]

    told = [next(e for e in ev if e["event"] == "group-refer") for ev in events]
    tipping = min(e["t"] for e in told)  # the desk whose drive tipped it heard it at commit
    delays = [e["t"] - tipping for e in told]
    assert max(delays) < 2.0, delays
    assert sum(1 for e in told if e["remote"]) >= 3  # the others heard it from the server
    for ev in events:
        done = ev[-1]
        assert done["event"] == "done" and done["group_verdict"] == "refer"
        assert done["members"] == 4 and done["drives"] == 60

    with open_store(url=pg_url) as store:
        rows = store._read(lambda c: c.execute(text(
            "SELECT count(*), count(DISTINCT identity_key), sum(CASE WHEN complete THEN 1 END) "
            "FROM drives")).one())  # fmt: skip
        assert tuple(rows) == (60, 60, 60)  # none lost, none twice
        assert len(store.groups()) == 1 and len(store.groups()[0].members) == 4
        finished = [e for e in store.audit_entries() if e.kind == audit.SCAN_FINISHED]
        assert len(finished) == 60
        applied = store._read(
            lambda c: c.execute(text("SELECT count(*) FROM desk_actions")).scalar()
        )
        assert applied == 4 * (1 + 2 * 15)  # traveler + begin/finish of each drive, once each
        for case in store.cases():
            assert store.summary(case.id).verdict == "refer"
    check = audit_verify(pg_url)
    assert check.returncode == 0 and "audit log intact" in check.stdout, check.stderr
    print(f"delays after the tipping drive (s): {[round(x, 3) for x in delays]}")
