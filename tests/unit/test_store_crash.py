"""Crashes and concurrency against the real SQLite file: writers in several processes, and a
writer killed with SIGKILL at arbitrary moments. The database must open cleanly and the audit
chain verify every time."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from inspector.core.case.store import open_store, store_path
from tests.unit.test_cli import ROOT

WRITER = """
import sys
from inspector.core.case.records import DriveIdentity
from inspector.core.case.store import open_store
from tests.unit.casekit import TB, sampled_scan
case_id, tag, rounds = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
with open_store() as s:
    for i in range(rounds):
        name = f"{tag}-{i}"
        s.add_traveler(case_id, name, group="G")
        d = s.begin_drive(case_id, name, DriveIdentity(f"serial:{name}", "/dev/x"))
        s.finish_drive(d.id, sampled_scan(TB, {"image": (1.0, 0.99, 1.0)}, serial=name))
        print(i, flush=True)
"""


def start_writer(case_id: int, tag: str, rounds: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(case_id), tag, str(rounds)],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": ROOT},
        cwd=ROOT,
    )


@pytest.fixture
def case_id(data_dir) -> int:
    with open_store() as s:
        return s.open_case("Ana").id


def test_writers_in_two_processes_keep_one_chain(case_id):
    procs = [start_writer(case_id, tag, 4) for tag in ("a", "b")]
    for p in procs:
        with p:
            p.communicate(timeout=120)
        assert p.returncode == 0
    with open_store() as s:
        assert len(s.travelers(case_id)) == 8
        assert all(d.complete for d in s.drives(case_id))
        check = s.verify()
        assert check.intact, check.problem


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.15])
def test_sigkill_of_a_writer_at_any_moment(case_id, delay):
    with start_writer(case_id, f"k{delay}", 1000) as p:
        assert p.stdout is not None
        p.stdout.readline()  # at least one round committed
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=30)
    assert sqlite3.connect(store_path()).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with open_store() as s:
        check = s.verify()
        assert check.intact, check.problem
        drives = s.drives(case_id)
        assert drives and all(d.complete or d.state == "scanning" for d in drives)
        s.add_traveler(case_id, f"after-{delay}")  # and it takes writes again
        assert s.verify().intact
