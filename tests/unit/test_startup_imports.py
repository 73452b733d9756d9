"""Start-up: each sub-command imports only what it uses (docs/benchmarks.md has the times).

A whole `inspector` process once took 0.35-0.4 s before parsing anything, because every
sub-command and its libraries were imported up front. These run the real command line in a
child process and list what it imported; a module named here must not be among them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# What each costs a start (measured with -X importtime on this machine), and who needs it.
HEAVY = {
    "sqlalchemy": "case store (~130 ms, 81 modules)",
    "rich": "tables and progress bars for people (~50 ms)",
    "pyudev": "drive enumeration (devices, gui, block devices)",
    "psutil": "no longer used by the core",
    "PySide6": "the desk",
    "shiboken6": "the desk",
    "fpdf": "PDF reports",
    "qrcode": "receipts",
    "PIL": "reports",
    "magika": "generic types, only for files nothing else names",
    "onnxruntime": "magika's model",
    "numpy": "magika, test writers",
    "platformdirs": "where the case store lives",
    "inspector.core.case": "case store, verdicts",
    "inspector.core.reports": "reports",
    "inspector.core.training": "training scenarios (~50 ms)",
    "inspector.core.media.drives.udev": "pyudev",
    "inspector.gui": "the desk",
}
# Beyond those, what --version and hash have no use for.
SCAN = ("inspector.core.scan", "inspector.core.content", "inspector_native__mypyc")
NOT_FOR_VERSION = ("inspector.commands", "blake3", "json", "dataclasses", *SCAN)
NOT_FOR_HASH = SCAN
# A survey-only scan (timed against `du`) walks; it neither identifies nor samples nor checks
# a device's blocks.
NOT_FOR_SURVEY = (
    "inspector.core.content.identify",
    "inspector.core.content.sampling",
    "inspector.core.content.descent",
    "inspector.core.scan.estimate",
    "inspector.core.scan.outside",
    "inspector.core.survey.draws",
)

CHILD = """
import sys
from inspector.cli import main
try:
    code = main(sys.argv[2:])
except SystemExit as exc:
    code = exc.code
modules = sorted(sys.modules)  # before the report's own json import
sys.stdout.flush()
import json
with open(sys.argv[1], "w") as f:
    json.dump({"code": code, "modules": modules}, f)
"""


def imported_by(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    report = tmp_path / "modules.json"
    # -c puts the working directory first on sys.path: run from ROOT, whose `inspector` is
    # the package under test (with its compiled modules, as the installed console script).
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(report), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    doc = json.loads(report.read_text())
    assert doc["code"] in (0, None), out.stderr
    return out, set(doc["modules"])


def loaded(modules: set[str], names: tuple[str, ...] | list[str]) -> list[str]:
    return sorted(n for n in names if any(m == n or m.startswith(n + ".") for m in modules))


def test_version_imports_nothing_heavy(tmp_path):
    out, modules = imported_by(tmp_path, "--version")
    assert out.stdout.startswith("inspector ")
    assert loaded(modules, [*HEAVY, *NOT_FOR_VERSION]) == []


def test_scan_json_survey_imports_nothing_heavy(tmp_path):
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "a.txt").write_text("hello")
    out, modules = imported_by(tmp_path, "scan", str(tree), "--json", "--budget", "0")
    doc = json.loads(out.stdout)
    assert doc["schema"] == "inspector.scan/1" and doc["survey"]["files"] == 1
    assert doc["filesystem"]["type"]  # the mount table still names the filesystem
    assert loaded(modules, [*HEAVY, *NOT_FOR_SURVEY]) == []


def test_scan_json_with_sampling_imports_no_case_store_nor_rich(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    for i in range(5):
        (tree / f"{i}.txt").write_text("some words of text\n" * (i + 1))
    out, modules = imported_by(tmp_path, "scan", str(tree), "--json", "--budget", "1")
    assert json.loads(out.stdout)["content"]["method"] in ("full", "sampled")
    assert loaded(modules, ["sqlalchemy", "rich", "pyudev", "PySide6", "inspector.core.case"]) == []


@pytest.mark.parametrize("as_json", [False, True])
def test_hash_imports_nothing_heavy(tmp_path, as_json):
    f = tmp_path / "evidence.bin"
    f.write_bytes(b"abc")
    out, modules = imported_by(tmp_path, "hash", str(f), *(["--json"] if as_json else []))
    digest = "6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85"  # b3sum of abc
    assert digest in out.stdout
    assert loaded(modules, [*HEAVY, *NOT_FOR_HASH]) == []


def test_human_scan_output_still_uses_rich(tmp_path):
    """The other side of the split: output for people is still drawn (by rich)."""
    (tmp_path / "a.txt").write_text("hello")
    out, modules = imported_by(tmp_path, "scan", str(tmp_path), "--budget", "0")
    assert "Contents" in out.stdout and "rich" in modules
