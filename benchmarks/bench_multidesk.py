"""Load on a post's shared case store: D simulated desks x N drives against one PostgreSQL
server on this machine (Unix socket), every desk a real Store (its own connections, writer
thread, journal) in a thread of this process; the drives are simulated (scan results with the
seed scenario's figures), the writes and their verdict recomputation are real. Desks form
groups of G (flights): each drive re-judges its group in every member desk's case.

    python -m benchmarks.bench_multidesk [--desks 50] [--drives 15] [--group 5] [--url URL]

--pause S: each desk waits 0.5-1.5 x S between drives (as after a scan); 0 (the default) is
the worst case, every desk writing back to back. Without --url it starts a private cluster
(scripts/pg-cluster.sh) and stops it after. Prints one JSON document: p50/p99/max latency of a
write (begin or finish of a drive), total time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def run_load(url: str, desks: int, drives: int, group: int, work: Path, pause: float = 0.0) -> dict:
    from sqlalchemy import text

    from inspector.core.case.records import DeclarationInput, DriveIdentity
    from inspector.core.case.store import open_store
    from tests.multidesk.desk import SEED_CAPACITY, seed_scan
    from tests.unit.casekit import TB

    stores = [open_store(url=url, journal=work / f"journal-{i}.sqlite") for i in range(desks)]
    cases = []
    for i, store in enumerate(stores):
        case = store.open_case(f"Officer {i}", f"Desk {i}")
        store.add_traveler(case.id, f"Traveler {i}", group=f"Flight {i // group}",
                           declaration=DeclarationInput("personal files", 2 * TB))  # fmt: skip
        cases.append(case.id)
    latencies: list[float] = []
    lock = threading.Lock()
    go = threading.Barrier(desks + 1)
    errors: list[str] = []

    def desk(i: int) -> None:
        store, mine = stores[i], []
        go.wait()
        try:
            for n in range(drives):
                serial = f"L{i:03d}-{n:02d}"
                t0 = time.perf_counter()
                identity = DriveIdentity(
                    f"serial:{serial}", f"/dev/{serial}", "Model", serial, SEED_CAPACITY
                )
                d = store.begin_drive(cases[i], f"Traveler {i}", identity)
                t1 = time.perf_counter()
                store.finish_drive(d.id, seed_scan(serial))
                mine += [t1 - t0, time.perf_counter() - t1]
                if pause:  # a desk's next drive comes after its scan (random: desks drift apart)
                    time.sleep(pause * (0.5 + random.random()))
        except Exception as exc:
            errors.append(f"desk {i}: {exc}")
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=desk, args=(i,)) for i in range(desks)]
    for t in threads:
        t.start()
    go.wait()
    start = time.perf_counter()
    for t in threads:
        t.join(timeout=600)  # bounded: a stuck desk fails the run, never hangs it
    total = time.perf_counter() - start
    check = stores[0].verify()
    rows = stores[0]._read(lambda c: c.execute(text("SELECT count(*) FROM drives")).scalar())
    refer = sum(1 for s, c in zip(stores, cases, strict=True) if s.summary(c).verdict == "refer")
    for s in stores:
        s.close()
    lat = sorted(latencies)
    q = statistics.quantiles(lat, n=100, method="inclusive")
    return {
        "desks": desks,
        "drives_per_desk": drives,
        "group_size": group,
        "pause_s": pause,
        "writes": len(lat),
        "drives_stored": rows,
        "errors": errors,
        "p50_ms": round(q[49] * 1000, 1),
        "p99_ms": round(q[98] * 1000, 1),
        "max_ms": round(lat[-1] * 1000, 1),
        "total_s": round(total, 2),
        "writes_per_s": round(len(lat) / total, 1),
        "audit_intact": check.intact,
        "audit_entries": check.entries,
        "cases_refer": refer,
    }


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--desks", type=int, default=50)
    p.add_argument("--drives", type=int, default=15)
    p.add_argument("--group", type=int, default=5)
    p.add_argument("--pause", type=float, default=0.0, help="mean seconds between a desk's drives")
    p.add_argument("--url", help="a database to fill (default: a private cluster's)")
    a = p.parse_args()
    work = Path(tempfile.mkdtemp(prefix="inspector-load-"))
    os.environ["INSPECTOR_DATA_DIR"] = str(work / "data")
    cluster = None
    url = a.url
    if url is None:
        cluster = Path(tempfile.mkdtemp(prefix="inspector-pg-"))
        out = subprocess.run(["bash", str(ROOT / "scripts/pg-cluster.sh"), "start", str(cluster)],
                             check=True, capture_output=True, text=True).stdout  # fmt: skip
        base = next(x for x in out.split() if x.startswith("INSPECTOR_TEST_PG_URL=")).split("=", 1)[
            1
        ]
        url = base.strip("'")
    try:
        print(json.dumps(run_load(url, a.desks, a.drives, a.group, work, a.pause), indent=2))
    finally:
        if cluster is not None:
            subprocess.run(["bash", str(ROOT / "scripts/pg-cluster.sh"), "stop", str(cluster)])
            shutil.rmtree(cluster, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
