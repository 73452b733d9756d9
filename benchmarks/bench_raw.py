"""Raw sampling rate (4 KiB random reads, classified) as a ratio to `fio --rw=randread --bs=4k
--iodepth=1 --direct=1` on the same read-only loop device, measured in the same run.

    sudo python benchmarks/bench_raw.py [--size-mib 1024] [--seconds 3] [--rounds 6] [--json]

The image is random data (every block must be read and classed, nothing is skipped as zero),
attached with `losetup --read-only --direct-io=on` so neither side reads from the page cache.
Rounds alternate fio and raw sampling (`raw_sample` with no precision stop, so it draws for the
whole time), so a neighbour's load drifting over time hits both alike; the ratio of each round
and their range are printed. Also prints the classifier's cost per block (no I/O). Needs root
(loop devices) and fio.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from inspector.core.media.blocks import BLOCK, classify_batch
from inspector.core.media.raw import raw_sample
from inspector.core.media.rawio import Window

GOAL = 0.9


def make_image(path: Path, size_mib: int) -> Path:
    if path.exists() and path.stat().st_size == size_mib * 2**20:
        return path
    with open(path, "wb") as f:
        for _ in range(size_mib):
            f.write(os.urandom(2**20))
    os.sync()
    return path


def attach(image: Path) -> str:
    out = subprocess.run(
        ["losetup", "--read-only", "--direct-io=on", "--find", "--show", str(image)],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


FIO = ("--name=randread", "--rw=randread", "--bs=4k", "--iodepth=1", "--direct=1", "--readonly")


def fio_iops(device: str, seconds: float) -> float:
    out = subprocess.run(
        [
            "fio",
            *FIO,
            f"--filename={device}",
            "--time_based",
            f"--runtime={seconds:g}s",
            "--output-format=json",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(json.loads(out.stdout)["jobs"][0]["read"]["iops"])


def ours(device: str, size: int, seconds: float) -> tuple[float, bool, int]:
    window = Window(device, 0, size, direct=True)
    try:
        result = raw_sample(window, size, budget_s=seconds, precision=0.0, seed=1)
    finally:
        window.close()
    return result.reads_per_s, result.direct_io, result.samples


def classifier_us_per_block(rows: int = 64, rounds: int = 200) -> float:
    batch = np.frombuffer(os.urandom(rows * BLOCK), np.uint8).reshape(rows, BLOCK)
    start = time.perf_counter()
    for _ in range(rounds):
        classify_batch(batch)
    return (time.perf_counter() - start) / (rows * rounds) * 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--seconds", type=float, default=3.0, help="per side and round")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument(
        "--image", type=Path, default=Path(tempfile.gettempdir()) / "inspector-bench-raw.img"
    )
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("bench_raw: needs root (loop devices)", file=sys.stderr)
        return 2
    if shutil.which("fio") is None:
        print("bench_raw: fio not found (Debian: apt install fio)", file=sys.stderr)
        return 2
    image = make_image(args.image, args.size_mib)
    size = image.stat().st_size
    device = attach(image)
    rounds = []
    try:
        for i in range(args.rounds):
            # alternate who goes first: a device (or host cache) speeding up or slowing down
            # during the run favours neither side
            if i % 2:
                rate, direct, samples = ours(device, size, args.seconds)
                ref = fio_iops(device, args.seconds)
            else:
                ref = fio_iops(device, args.seconds)
                rate, direct, samples = ours(device, size, args.seconds)
            rounds.append({"fio_iops": ref, "ours_reads_per_s": rate, "ratio": rate / ref})
    finally:
        subprocess.run(["losetup", "--detach", device], check=False)
    ratios = [r["ratio"] for r in rounds]
    doc = {
        "benchmark": "raw-sampling-vs-fio-randread-4k-qd1",
        "device": "loop --read-only --direct-io=on",
        "image_bytes": size,
        "seconds_per_side": args.seconds,
        "rounds": rounds,
        "ratio_min": min(ratios),
        "ratio_median": sorted(ratios)[len(ratios) // 2],
        "ratio_max": max(ratios),
        "goal": GOAL,
        "direct_io": direct,
        "samples_last_round": samples,
        "classifier_us_per_block": round(classifier_us_per_block(), 2),
    }
    if args.json:
        print(json.dumps(doc, indent=2))
    else:
        for i, r in enumerate(rounds, 1):
            print(
                f"round {i}: fio {r['fio_iops']:,.0f} IOPS, raw sampling "
                f"{r['ours_reads_per_s']:,.0f} reads/s, ratio {r['ratio']:.2f}"
            )
        print(
            f"raw sampling / fio randread 4k QD1: {min(ratios):.2f}–{max(ratios):.2f}x, median "
            f"{doc['ratio_median']:.2f}x "
            f"(goal >= {GOAL}x; O_DIRECT {'on' if direct else 'off'}); classifier "
            f"{doc['classifier_us_per_block']} us/block"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
