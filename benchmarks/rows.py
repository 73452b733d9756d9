"""The measures of `benchmarks/run`, one function per row of the table (docs/benchmarks.md).

Every row runs whole processes — what an officer or a script runs — against reference tools
measured in the same run, the sides alternating (benchmarks.measure). A reference tool that is
not installed is named as missing; a feature that has not landed says "not yet".
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import data
from benchmarks.measure import (
    BenchError,
    Sample,
    Spread,
    alternate,
    paired_ratios,
    peak_rss_mib,
    run_once,
    walls,
)

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
_script = Path(PYTHON).parent / "inspector"
INSPECTOR = [str(_script)] if _script.exists() else [PYTHON, "-m", "inspector"]


@dataclass(frozen=True)
class Plan:
    """Sizes and repeats: the full run, or `--quick` (< 3 min, for CI)."""

    quick: bool
    data: Path
    tree_files: int  # survey tree
    rss_files: int  # peak-RSS tree
    mixed_files: int  # identification
    hash_mib: int
    rounds: int  # alternating rounds of the longer measures
    startup_rounds: int
    gui_runs: int
    gui_budget_s: float
    seed_runs: int


def plan(quick: bool, data_dir: Path) -> Plan:
    if quick:
        return Plan(True, data_dir, 50_000, 50_000, 10_000, 2048, 3, 9, 1, 2.0, 1)
    return Plan(False, data_dir, 200_000, 1_000_000, 10_000, 2048, 7, 21, 3, 10.0, 3)


@dataclass
class Row:
    measure: str
    references: str
    goal: str
    figure: str = "not yet"
    met: bool | None = None  # None: no goal, or not measured
    # measured against the goal, for the chart: >= 1 meets it (goal/measured when lower is
    # better, measured/goal when higher is); one entry per goal of the row
    scores: dict[str, float] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)

    def json(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "references": self.references,
            "goal": self.goal,
            "figure": self.figure,
            "met": self.met,
            "scores": {k: round(v, 4) for k, v in self.scores.items()},
            "details": self.details,
        }


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _range(s: Spread, fmt: Callable[[float], str]) -> str:
    return f"{fmt(s.median)} ({fmt(s.low)}–{fmt(s.high)})"


def _x(value: float) -> str:
    return f"{value:.2f}×"


def _have(*tools: str) -> list[str]:
    return [t for t in tools if shutil.which(t)]


def _timed(samples: dict[str, list[Sample]]) -> dict[str, Any]:
    return {
        name: {"wall_s": Spread.of(walls(s)).json(), "cpu_s": Spread.of(_cpu(s)).json()}
        for name, s in samples.items()
    }


def _cpu(samples: list[Sample]) -> list[float]:
    return [s.cpu_s for s in samples]


def _cpu_text(samples: dict[str, list[Sample]]) -> str:
    """CPU time medians: on a loaded machine wall time waits for a core, CPU time does not."""
    return "CPU " + ", ".join(f"{k} {_ms(Spread.of(_cpu(v)).median)}" for k, v in samples.items())


def _times_text(samples: dict[str, list[Sample]]) -> str:
    return ", ".join(f"{k} {_ms(Spread.of(walls(v)).median)}" for k, v in samples.items())


def _survey_sides(tree: Path) -> dict[str, list[str]]:
    """The whole-process survey (no content sampling) and the du-like tools beside it."""
    sides = {
        "inspector": [*INSPECTOR, "scan", str(tree), "--json", "--budget", "0"],
        "du": ["du", "-s", str(tree)],
    }
    if _have("gdu"):
        sides["gdu"] = ["gdu", "--non-interactive", "--no-progress", "--summarize", str(tree)]
    return sides


def survey(p: Plan) -> Row:
    row = Row(
        f"survey {p.tree_files:,} files, whole process, warm",
        "du -s, gdu, find",
        "≤ 1.5× du",
    )
    sides = _survey_sides(data.small_files_tree(p.data, p.tree_files))
    sides["find"] = ["find", sides["du"][-1]]
    samples = alternate(sides, p.rounds)
    ratio = Spread.of(paired_ratios(samples["inspector"], samples["du"]))
    missing = "" if "gdu" in sides else "; gdu not installed"
    row.figure = f"{_range(ratio, _x)} du; {_times_text(samples)}{missing}; {_cpu_text(samples)}"
    row.met = ratio.median <= 1.5
    row.scores = {"survey vs du": 1.5 / ratio.median}
    row.details = {"files": p.tree_files, "ratio_vs_du": ratio.json(), "times": _timed(samples)}
    return row


def peak_rss(p: Plan) -> Row:
    row = Row(
        f"peak RSS, {p.rss_files:,}-file survey",
        "du, gdu (gdu: 620 MiB measured)",
        "≤ 80 MiB total",
    )
    sides = _survey_sides(data.small_files_tree(p.data, p.rss_files))
    if not os.access("/usr/bin/time", os.X_OK):
        row.figure = "GNU time not installed (Debian: time)"
        return row
    run_once(sides["inspector"])  # warm the cache
    rss: dict[str, float] = {k: 0.0 for k in sides}
    for _ in range(1 if p.quick else 2):
        for k, cmd in sides.items():
            rss[k] = max(rss[k], peak_rss_mib(cmd))
    row.figure = ", ".join(f"{k} {v:.0f} MiB" for k, v in rss.items())
    row.met = rss["inspector"] <= 80
    row.scores = {"peak RSS": 80 / rss["inspector"]}
    row.details = {"files": p.rss_files, "max_rss_mib": {k: round(v, 1) for k, v in rss.items()}}
    return row


MAGIC_SCRIPT = """
import os, sys, magic
m = magic.Magic()
for d, _, names in os.walk(sys.argv[1]):
    for n in names:
        m.from_file(os.path.join(d, n))
"""


def identification(p: Plan) -> Row:
    row = Row(
        f"identification, whole process, {p.mixed_files:,} files",
        "`file -b` (xargs), python-magic, magika CLI",
        "≥ 5× file",
    )
    tree = str(data.mixed_files(p.data, p.mixed_files))
    sides: dict[str, list[str]] = {
        "inspector": [*INSPECTOR, "scan", tree, "--json", "--full"],
        "file -b": ["sh", "-c", f"find '{tree}' -type f -print0 | xargs -0 file -b"],
    }
    missing = []
    try:
        import magic  # noqa: F401

        sides["python-magic"] = [PYTHON, "-c", MAGIC_SCRIPT, tree]
    except ImportError:
        missing.append("python-magic")
    if not _have("file"):
        row.figure = "file not installed"
        return row
    samples = alternate(sides, max(2, p.rounds // 2))
    # magika's CLI runs its model on every file (~4 ms each, ~45 s here): one timed run after
    # a warm one, outside the alternation, and not in the quick run (it alone would take 1/2)
    magika = shutil.which("magika", path=str(Path(PYTHON).parent)) or shutil.which("magika")
    if magika and not p.quick:
        cmd = [magika, "--recursive", "--no-colors", tree]
        samples.update(alternate({"magika (1 run)": cmd}, 1))
    elif not magika:
        missing.append("magika")
    ratio = Spread.of(paired_ratios(samples["file -b"], samples["inspector"]))
    row.figure = f"{_range(ratio, _x)} faster than file; {_times_text(samples)}" + (
        f"; not installed: {', '.join(missing)}" if missing else ""
    )
    row.met = ratio.median >= 5
    row.scores = {"identification vs file": ratio.median / 5}
    row.details = {
        "files": p.mixed_files,
        "file_over_inspector": ratio.json(),
        "times": _timed(samples),
    }
    return row


def blake3_hash(p: Plan) -> Row:
    row = Row(f"BLAKE3 {p.hash_mib // 1024} GiB cached, whole process", "b3sum", "≥ 0.95×")
    if not _have("b3sum"):
        row.figure = "b3sum not installed"
        return row
    path = str(data.big_file(p.data, p.hash_mib))
    ours = subprocess.run([*INSPECTOR, "hash", path], capture_output=True, text=True, check=True)
    ref = subprocess.run(["b3sum", path], capture_output=True, text=True, check=True)
    if ours.stdout.split()[0] != ref.stdout.split()[0]:
        raise BenchError(f"inspector hash and b3sum disagree on {path}")
    samples = alternate(
        {"inspector": [*INSPECTOR, "hash", path], "b3sum": ["b3sum", path]}, p.rounds
    )
    ratio = Spread.of(paired_ratios(samples["b3sum"], samples["inspector"]))
    t = {k: Spread.of(walls(v)).median for k, v in samples.items()}
    gbs = {k: p.hash_mib * 2**20 / v / 1e9 for k, v in t.items()}
    row.figure = (
        f"{_range(ratio, _x)} b3sum's throughput; inspector {_ms(t['inspector'])} "
        f"({gbs['inspector']:.1f} GB/s), b3sum {_ms(t['b3sum'])} ({gbs['b3sum']:.1f} GB/s); "
        + _cpu_text(samples)
    )
    row.met = ratio.median >= 0.95
    row.scores = {"hash vs b3sum": ratio.median / 0.95}
    row.details = {
        "mib": p.hash_mib,
        "b3sum_over_inspector": ratio.json(),
        "times": _timed(samples),
    }
    return row


def raw_reads(p: Plan) -> Row:
    """[media-truth]'s bench_raw.py measures this one (a read-only --direct-io=on loop device
    of a 1 GiB random image, raw sampling against fio, alternating): its JSON is taken."""
    row = Row("raw 4 KiB random reads", "fio randread QD1 direct", "≥ 0.9×")
    script = ROOT / "benchmarks" / "bench_raw.py"
    if not script.exists():
        return row  # not yet
    if os.geteuid() != 0:
        row.figure = "needs root (loop devices)"
        return row
    if not _have("fio"):
        row.figure = "fio not installed"
        return row
    cmd = [PYTHON, str(script), "--json", "--image", str(p.data / "raw-1024MiB.img")]
    cmd += ["--rounds", "2", "--seconds", "1"] if p.quick else []
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=900)
    if out.returncode != 0:
        tail = (out.stderr.strip().splitlines() or ["no output"])[-1]
        raise BenchError(f"bench_raw.py: exit {out.returncode}: {tail}")
    doc = json.loads(out.stdout)
    ratio = Spread(doc["ratio_median"], doc["ratio_min"], doc["ratio_max"])
    iops = Spread.of([r["fio_iops"] for r in doc["rounds"]]).median
    ours = Spread.of([r["ours_reads_per_s"] for r in doc["rounds"]]).median
    row.figure = (
        f"{_range(ratio, _x)} fio over {len(doc['rounds'])} rounds; raw sampling "
        f"{ours:,.0f} reads/s, fio {iops:,.0f} IOPS"
        + ("" if doc["direct_io"] else " (O_DIRECT off)")
    )
    row.met = ratio.median >= 0.9
    row.scores = {"raw reads vs fio": ratio.median / 0.9}
    row.details = doc
    return row


STALL_LINE = re.compile(r"longest stall ([0-9.]+) ms")


def gui_stall(p: Plan) -> Row:
    row = Row(f"GUI longest event-loop stall, {p.tree_files:,}-file scan", "—", "< 50 ms")
    tree = data.small_files_tree(p.data, p.tree_files)
    stalls, lines = [], []
    for _ in range(p.gui_runs):
        cmd = [
            PYTHON,
            str(ROOT / "benchmarks" / "bench_gui_stall.py"),
            "--files",
            str(p.tree_files),
        ]
        cmd += ["--dir", str(tree), "--budget", str(p.gui_budget_s)]
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=600, env=env)
        found = STALL_LINE.search(out.stdout)
        if out.returncode != 0 or not found:
            tail = (out.stderr.strip().splitlines() or ["no output"])[-1]
            raise BenchError(f"bench_gui_stall.py: exit {out.returncode}: {tail}")
        stalls.append(float(found.group(1)))
        lines.append(out.stdout.strip().splitlines()[0])
    s = Spread.of(stalls)
    spread = _range(s, lambda v: f"{v:.0f} ms")
    row.figure = f"{spread} over {len(stalls)} run(s), {p.gui_budget_s:g} s sampling"
    row.met = s.high < 50
    row.scores = {"GUI stall": 50 / s.high}
    row.details = {"stall_ms": s.json(1), "output": lines}
    return row


def seed_scenario(p: Plan) -> Row:
    row = Row("seed scenario end to end", "—", "CPU time")
    cmd = [*INSPECTOR, "train", "seed", "--json"]
    samples = [run_once(cmd) for _ in range(p.seed_runs)]
    cpu = Spread.of([s.cpu_s for s in samples])
    wall = Spread.of(walls(samples))
    row.figure = f"CPU {_range(cpu, lambda v: f'{v:.1f} s')}, wall {wall.median:.1f} s"
    row.details = {"cpu_s": cpu.json(3), "wall_s": wall.json(3), "runs": p.seed_runs}
    return row


def startup(p: Plan) -> Row:
    row = Row("start-up (`--version`, 6-file scan)", "`python -c pass`", "≤ 60 ms / ≤ 120 ms")
    demo = ROOT / "resources" / "demo"
    six = data.six_files(p.data, demo)
    # The goal is the scan a script runs (--json, what the start-up figures were taken
    # on); the same scan printed for people (rich's tables, ~50 ms more) is shown beside it.
    sides = {
        "python -c pass": [PYTHON, "-c", "pass"],
        "--version": [*INSPECTOR, "--version"],
        "6-file scan --json": [*INSPECTOR, "scan", str(six), "--json"],
        "6-file scan, tables": [*INSPECTOR, "scan", str(six)],
    }
    samples = alternate(sides, p.startup_rounds, warmup=2)
    t = {k: Spread.of(walls(v)) for k, v in samples.items()}
    ms = lambda v: f"{v * 1000:.0f} ms"  # noqa: E731
    row.figure = (
        f"--version {_range(t['--version'], ms)}, 6-file scan --json "
        f"{_range(t['6-file scan --json'], ms)} (printed as tables "
        f"{_range(t['6-file scan, tables'], ms)}); "
        f"python -c pass {_range(t['python -c pass'], ms)}; " + _cpu_text(samples)
    )
    row.met = t["--version"].median <= 0.060 and t["6-file scan --json"].median <= 0.120
    row.scores = {
        "--version": 0.060 / t["--version"].median,
        "6-file scan": 0.120 / t["6-file scan --json"].median,
    }
    row.details = {"times": _timed(samples)}
    return row


ROWS: tuple[Callable[[Plan], Row], ...] = (
    survey,
    peak_rss,
    identification,
    blake3_hash,
    raw_reads,
    gui_stall,
    seed_scenario,
    startup,
)
