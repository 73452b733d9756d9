"""Longest event-loop stall of the desk while it scans a 200k-file tree.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui_stall.py [--files N] [--budget S]

A QTimer fires every 5 ms on the GUI thread and records the gap since its last tick; the scan
runs in the desk's worker thread exactly as it does for a plugged drive (through a backend that
exposes the folder as a drive). Goal: longest gap < 50 ms, i.e. the window never feels frozen.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.common import make_tree
from inspector.core.media.drives.model import Drive, DriveListener, MountedFilesystem, Partition
from inspector.core.scan.tree import directory_filesystem
from inspector.core.survey.fsview import LocalFS

TICK_MS = 5
GOAL_MS = 50.0


class OneFolderBackend:
    """The tree as one drive; `plug` is done by the benchmark (the listener is called inline)."""

    name = "folder (benchmark)"

    def __init__(self, root: Path) -> None:
        self.root = root
        self.drive = Drive(
            identity="bench:tree",
            path=str(root),
            model="benchmark tree",
            vendor=None,
            serial="BENCH",
            wwn=None,
            bus="simulated",
            port_path=None,
            bay="1",
            capacity_bytes=10**12,
            partitions=(Partition(str(root), 0, 0, 10**12, "ext4", None, None),),
        )

    def drives(self) -> list[Drive]:
        return [self.drive]

    def watch(self, listener: DriveListener) -> _NoWatch:
        return _NoWatch()

    @contextmanager
    def mount(self, drive: Drive) -> Iterator[list[MountedFilesystem]]:
        info = directory_filesystem(str(self.root))
        assert info is not None
        yield [MountedFilesystem(drive.partitions[0], LocalFS(), str(self.root), info, "ro")]


class _NoWatch:
    def stop(self) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=200_000)
    parser.add_argument("--budget", type=float, default=10.0, help="content sampling seconds")
    parser.add_argument(
        "--dir", type=Path, default=Path(tempfile.gettempdir()) / "inspector-bench-tree"
    )
    args = parser.parse_args()
    root = make_tree(args.dir, args.files)

    from PySide6.QtCore import QEventLoop, QTimer

    from inspector.gui.app import build_desk, make_app
    from inspector.gui.desk import DriveStatus

    app = make_app()
    gaps: list[float] = []
    last = [time.perf_counter()]

    where: list[tuple[float, float, str]] = []  # (gap ms, at s, drive status) of long gaps

    def tick() -> None:
        now = time.perf_counter()
        gap = (now - last[0]) * 1000
        gaps.append(gap)
        if gap > 3 * TICK_MS:
            status = window.state.row(backend.drive.identity).status_text()
            where.append((gap, now - started, status))
        last[0] = now

    backend = OneFolderBackend(root)
    window = build_desk(backend, budget_s=args.budget, seed=1)  # plugs the drive, starts a scan
    window.show()
    app.processEvents()  # the first paint of the window is not a stall of the scan
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    started = time.perf_counter()
    last[0] = started
    timer.start()
    identity = backend.drive.identity
    finished = {DriveStatus.DONE, DriveStatus.INCOMPLETE, DriveStatus.ERROR}
    loop = QEventLoop()  # the real event loop, as app.exec() runs it

    def check(changed: str) -> None:
        if changed == identity and window.state.row(identity).status in finished:
            loop.quit()

    window.state.drive_changed.connect(check)
    if window.state.row(identity).status not in finished:
        loop.exec()
    elapsed = time.perf_counter() - started
    timer.stop()
    row = window.state.row(identity)
    window.close()
    files = row.result.survey.files if row.result else 0
    gaps.sort()
    worst = gaps[-1] if gaps else float("nan")
    p99 = gaps[int(len(gaps) * 0.99)] if gaps else float("nan")
    print(
        f"scan of {files:,} files ({row.status.value}) took {elapsed:.1f} s with a "
        f"{args.budget:g} s sampling budget; event loop: {len(gaps)} ticks of {TICK_MS} ms, "
        f"median gap {statistics.median(gaps):.1f} ms, p99 {p99:.1f} ms, "
        f"longest stall {worst:.1f} ms (goal < {GOAL_MS:.0f} ms)"
    )
    for gap, at, status in sorted(where, reverse=True)[:5]:
        print(f"  gap {gap:.1f} ms at {at:.2f} s ({status})")


if __name__ == "__main__":
    main()
