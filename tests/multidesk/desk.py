"""A simulated desk, run as its own process by the multi-desk tests: a real Store on the post's
server, the real feed and journal; only the drives are simulated (scan results with the seed
scenario's figures: 80 TB drives nearly full of AI training shards).

    python -m tests.multidesk.desk MODE --url URL [options]   (one JSON line per event, stdout)
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path

from inspector.core.case.records import Change, DeclarationInput, DriveIdentity
from inspector.core.case.store import open_store
from tests.unit.casekit import TB, sampled_scan

SEED_CAPACITY = 80 * TB
SEED_USED = 78 * TB


def say(**event: object) -> None:
    sys.stdout.write(json.dumps({"t": time.time(), **event}) + "\n")
    sys.stdout.flush()


def seed_scan(serial: str):
    return sampled_scan(
        SEED_USED, {"ai-dataset": (0.96, 0.94, 0.98)}, capacity=SEED_CAPACITY, serial=serial
    )


def wait_for(path: Path, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > end:
            raise SystemExit(f"desk: {path} never appeared")
        time.sleep(0.01)


def drive(store, case_id: int, traveler: str, serial: str) -> int:
    d = store.begin_drive(
        case_id, traveler, DriveIdentity(f"serial:{serial}", f"/dev/{serial}", "Model", serial,
                                         capacity_bytes=SEED_CAPACITY),
    )  # fmt: skip
    done = store.finish_drive(d.id, seed_scan(serial))
    return done.id


def run_group(a: argparse.Namespace) -> None:
    """Open a case for one seed traveler, wait for the go, write its drives; report the
    moment this desk is told its group is REFER (its own write or another desk's, via the feed)."""
    store = open_store(url=a.url)
    case = store.open_case(f"Officer {a.desk}", a.desk)
    seen = threading.Event()

    def heard(change: Change) -> None:
        refer = change.case_id == case.id and ("group", a.group, "refer") in change.verdicts
        if refer and not seen.is_set():
            seen.set()
            say(event="group-refer", remote=change.remote, desk=a.desk)

    store.add_listener(heard)
    store.watch()
    store.add_traveler(case.id, a.traveler, group=a.group,
                       declaration=DeclarationInput("personal files", 2 * TB))  # fmt: skip
    say(event="ready", case=case.id)
    wait_for(Path(a.go))
    for i in range(a.drives):
        serial = f"{a.desk}-{i:02d}"
        t0 = time.time()
        drive_id = drive(store, case.id, a.traveler, serial)
        say(event="drive", serial=serial, id=drive_id, latency=time.time() - t0)
        time.sleep(a.pause)
    say(event="written")
    wait_for(Path(a.end))  # every desk has written: the group is settled
    seen.wait(10)
    s = store.summary(case.id)
    group = next(g for g in s.groups if g.name == a.group)
    say(event="done", group_verdict=group.verdict.verdict, members=len(group.travelers),
        drives=group.totals.drives)  # fmt: skip
    store.close()


def run_drives(a: argparse.Namespace) -> None:
    """Write drives one after another, saying each once the store acknowledged it."""
    store = open_store(url=a.url)
    for i in range(a.drives):
        serial = f"{a.desk}-{i:03d}"
        say(event="ack", serial=serial, id=drive(store, a.case, a.traveler, serial))
    store.close()


def run_offline(a: argparse.Namespace) -> None:
    """Begin a drive online, then (once the parent stopped the server) finish it and scan more:
    journaled. Then wait to be killed."""
    store = open_store(url=a.url)
    d = store.begin_drive(a.case, a.traveler, DriveIdentity("serial:MID", "/dev/mid", "Model",
                                                            "MID", SEED_CAPACITY))  # fmt: skip
    say(event="begun", id=d.id)
    wait_for(Path(a.go))
    store.finish_drive(d.id, seed_scan("MID"))
    for i in range(a.drives):
        serial = f"OFF-{i}"
        p = store.begin_drive(a.case, a.traveler, DriveIdentity(f"serial:{serial}", f"/dev/{i}"))
        store.finish_drive(p.id, seed_scan(serial))
    say(event="journaled", waiting=store.offline_waiting())
    time.sleep(3600)


def run_replay(a: argparse.Namespace) -> None:
    """A desk started again: its journal replays; report once nothing waits."""
    store = open_store(url=a.url)
    assert store.journal is not None
    end = time.monotonic() + 30
    while store.journal.waiting() and time.monotonic() < end:
        time.sleep(0.1)
    say(event="replayed", waiting=store.journal.waiting(), refused=store.journal.refused())
    store.close()


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["group", "drives", "offline", "replay"])
    p.add_argument("--url", required=True)
    p.add_argument("--desk", default="D1")
    p.add_argument("--traveler", default="Traveler A")
    p.add_argument("--group", default="Flight to KUL")
    p.add_argument("--case", type=int, default=1)
    p.add_argument("--drives", type=int, default=15)
    p.add_argument("--pause", type=float, default=0.0)
    p.add_argument("--go", default="")
    p.add_argument("--end", default="")
    a = p.parse_args()
    {"group": run_group, "drives": run_drives, "offline": run_offline, "replay": run_replay}[
        a.mode
    ](a)


if __name__ == "__main__":
    main()
