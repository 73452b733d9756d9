"""The CLI contract: exit codes, one JSON document, one-line errors, no Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": ROOT}
    return subprocess.run(
        [sys.executable, "-m", "inspector", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )


def test_version_and_help():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.startswith("inspector ")
    helptext = run("--help").stdout
    assert "scan" in helptext


def test_scan_json_schema(tmp_path):
    (tmp_path / "a.txt").write_text("hello")
    (tmp_path / "sub").mkdir()
    out = run("scan", str(tmp_path), "--json", "--budget", "0")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["schema"] == "inspector.scan/1"
    assert doc["complete"] is True
    assert doc["survey"]["files"] == 1 and doc["survey"]["dirs"] == 2
    assert doc["survey"]["bytes"] == 5
    assert doc["survey"]["by_extension"] == [{"ext": "txt", "files": 1, "bytes": 5}]
    assert doc["content"]["method"] == "none"
    fs = doc["filesystem"]
    assert fs["size_bytes"] > 0 and 0 <= fs["fill_ratio"] <= 1
    for key in ("target", "elapsed_s", "device", "raw", "warnings"):
        assert key in doc


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("scan", "/no/such/path"), "no such file"),
        (("scan", "/dev/null"), "not a directory, block device or image"),
        (("scan", ".", "--budget", "soon"), "not a number"),
        (("scan",), "required"),
        (("frobnicate",), "invalid choice"),
    ],
)
def test_bad_input_one_line_exit_2(args, needle):
    out = run(*args)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], out.stderr
    assert "Traceback" not in out.stderr
    assert out.stdout == ""


def test_human_output_escapes_names(tmp_path):
    (tmp_path / "evil\u202egpj.exe").write_bytes(b"x")
    out = run("scan", str(tmp_path), "--budget", "0")
    assert out.returncode == 0
    assert "\u202e" not in out.stdout


def test_core_and_cli_do_not_import_qt():
    code = (
        "import inspector.cli, inspector.core.survey.walk, inspector.core.scan.target, sys; "
        "assert not any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def _mixed_tree(root) -> None:
    import random

    rng = random.Random(2)
    (root / "data").mkdir()
    for i in range(5):
        (root / "data" / f"part{i}.parquet").write_bytes(
            b"PAR1" + rng.randbytes(20000) + b"\x01\0\0\0PAR1"
        )
    (root / "holiday.mp4").write_bytes(rng.randbytes(30000))
    (root / "notes.txt").write_text("a diary\n" * 500)


def test_scan_full_and_sampled_json(tmp_path):
    _mixed_tree(tmp_path)
    full = json.loads(run("scan", str(tmp_path), "--json", "--full").stdout)["content"]
    assert full["method"] == "full" and full["samples"] == 7
    shares = {c["category"]: c for c in full["categories"]}
    assert shares["ai-dataset"]["bytes_estimate"] == 5 * 20012
    assert shares["encrypted"]["ci"] == [shares["encrypted"]["bytes_share"]] * 2
    assert any("holiday.mp4" in e for e in full["disguised"]["examples"])
    sample = ("--json", "--seed", "42", "--budget", "20", "--exact-below", "0")
    a = run("scan", str(tmp_path), *sample)
    b = run("scan", str(tmp_path), *sample)
    ca, cb = json.loads(a.stdout)["content"], json.loads(b.stdout)["content"]
    assert ca["method"] == "sampled" and ca["seed"] == 42
    assert ca["categories"] == cb["categories"] and ca["samples"] == cb["samples"] > 0
    for c in ca["categories"]:
        lo, hi = c["ci"]
        assert lo <= c["bytes_share"] <= hi


def test_scan_human_output_shows_intervals(tmp_path):
    _mixed_tree(tmp_path)
    out = run("scan", str(tmp_path), "--seed", "1", "--exact-below", "0")
    assert out.returncode == 0, out.stderr
    assert "AI datasets" in out.stdout and "–" in out.stdout
    assert "Formats by share of bytes" in out.stdout and "parquet" in out.stdout
    assert "holiday.mp4" in out.stdout  # a disguised example


def test_small_tree_is_identified_exactly(tmp_path):
    _mixed_tree(tmp_path)
    doc = json.loads(run("scan", str(tmp_path), "--json", "--seed", "3").stdout)
    full = json.loads(run("scan", str(tmp_path), "--json", "--full").stdout)
    assert doc["content"]["method"] == "full" and doc["content"]["samples"] == 7
    assert doc["content"]["categories"] == full["content"]["categories"]
