"""The case CLI end to end: one JSON document, one-line errors with exit 2, audit verify exit
codes, and a scan killed with SIGKILL that leaves a clean, verifiable database."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from inspector.core.case.store import open_store, store_path
from tests.unit.test_cli import ROOT, run


def ok_json(*args: str):
    out = run(*args, "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.fixture
def case_id(data_dir) -> int:
    doc = ok_json("case", "open", "--officer", "Ana", "--desk", "Desk 3")
    assert doc["case"]["officer"] == "Ana" and doc["case"]["training"] is False
    return doc["case"]["id"]


def test_case_flow_scan_report_verify(case_id, tmp_path):
    cid = str(case_id)
    doc = ok_json(
        "case",
        "traveler",
        cid,
        "--name",
        "Li Wei",
        "--document",
        "E1",
        "--group",
        "MH1",
        "--declared",
        "2 TB",
        "--declaration",
        "personal files",
    )
    assert doc["schema"] == "inspector.case/1"
    assert doc["travelers"][0]["declaration"]["declared_bytes"] == 2 * 10**12
    target = tmp_path / "drive"
    target.mkdir()
    (target / "a.parquet").write_bytes(b"x" * 1000)
    scan = ok_json("scan", str(target), "--budget", "0", "--case", cid, "--traveler", "Li Wei")
    assert scan["schema"] == "inspector.scan/1" and scan["case"]["state"] == "complete"
    shown = ok_json("case", "show", cid)
    [drive] = shown["travelers"][0]["drives"]
    assert drive["result_hash"] == scan["case"]["result_hash"]
    out = tmp_path / "out"
    out.mkdir()
    export = run(
        "report",
        cid,
        "--pdf",
        str(out / "r.pdf"),
        "--csv",
        str(out / "r.csv"),
        "--json",
        str(out / "r.json"),
        "--receipt",
        "Li Wei",
        str(out / "rec.pdf"),
        "--print-json",
    )
    assert export.returncode == 0, export.stderr
    exp = json.loads(export.stdout)
    assert set(exp["files"]) == {"pdf", "csv", "json", "receipt"}
    assert json.loads((out / "r.json").read_text())["case"]["id"] == case_id
    assert sorted(p.name for p in out.iterdir()) == ["r.csv", "r.json", "r.pdf", "rec.pdf"]
    verify = ok_json("audit", "verify")
    assert verify["intact"] and verify["head"]["seq"] == exp["audit_entry"]
    assert ok_json("case", "list")["cases"][0]["id"] == case_id
    assert ok_json("case", "list", "--training")["cases"] == []


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("case", "show", "99"), "no case 99"),
        (("case", "show", "abc"), "not a case id"),
        (
            ("case", "traveler", "{cid}", "--name", "X", "--declared", "lots"),
            "use a size such as 2 TB",
        ),
        (("case", "traveler", "{cid}", "--name", "Ev\u202eil"), "control character"),
        (("case", "open"), "--officer"),
        (("case", "open", "--officer", "A", "--policy", "/no/such.toml"), "policy"),
        (("scan", ".", "--case", "{cid}"), "--traveler"),
        (("scan", ".", "--case", "{cid}", "--traveler", "Nobody"), "no traveler"),
        (("scan", "/no/such", "--case", "{cid}", "--traveler", "A"), "no such file"),
        (("report", "{cid}"), "say what to export"),
        (("report", "{cid}", "--pdf", "/no/such/dir/r.pdf"), "does not exist"),
        (("hash", "/no/such/file"), "No such file"),
    ],
)
def test_bad_input_is_one_line_exit_2(case_id, args, needle):
    ok_json("case", "traveler", str(case_id), "--name", "A")
    out = run(*(a.format(cid=case_id) for a in args))
    assert out.returncode == 2, out
    assert needle in out.stderr and out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    assert out.stdout == ""


def test_duplicate_traveler_leaves_nothing(case_id):
    ok_json("case", "traveler", str(case_id), "--name", "Li")
    out = run("case", "traveler", str(case_id), "--name", "Li", "--declared", "1 TB")
    assert out.returncode == 2 and "already in case" in out.stderr
    assert len(ok_json("case", "show", str(case_id))["travelers"]) == 1


def test_audit_verify_exit_1_names_the_entry(case_id):
    db = sqlite3.connect(store_path())
    db.execute("UPDATE audit SET officer = 'Mallory' WHERE seq = 1")
    db.commit()
    db.close()
    out = run("audit", "verify", "--json")
    assert out.returncode == 1
    doc = json.loads(out.stdout)
    assert doc["intact"] is False and doc["bad_entry"] == 1
    assert "entry 1" in out.stderr and "altered" in out.stderr


def test_hash_into_case_is_audited(case_id, tmp_path):
    (tmp_path / "f").write_bytes(b"evidence")
    doc = ok_json("hash", str(tmp_path / "f"), "--case", str(case_id))
    assert doc["schema"] == "inspector.manifest/1" and doc["audit_entry"] > 1
    with open_store() as s:
        assert s.audit_entries(case_id)[-1].details()["digest"] == doc["digest"]


# The real CLI in a child process, with the survey made to hang once the scan has started,
# so SIGKILL lands mid-scan at a known point.
HANGING_SCAN = """
import sys, time
import inspector.commands.scan as scan_cmd
def hang(*args, **kwargs):
    print("scanning", flush=True)
    time.sleep(120)
scan_cmd.scan_target = hang
from inspector.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_sigkill_during_scan_leaves_a_clean_database(case_id, tmp_path):
    ok_json("case", "traveler", str(case_id), "--name", "Li")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            HANGING_SCAN,
            "scan",
            str(tmp_path),
            "--case",
            str(case_id),
            "--traveler",
            "Li",
            "--json",
        ],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": ROOT},
        cwd=ROOT,
    )
    with proc:
        try:
            assert proc.stdout.readline().strip() == b"scanning"
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with open_store() as s:
        [drive] = s.drives(case_id)
        assert drive.state == "scanning" and not drive.complete and drive.result is None
        assert s.summary(case_id).unscanned == 1
        kinds = [e.kind for e in s.audit_entries(case_id)]
        assert kinds[-3:] == ["drive attached", "scan started", "verdict"]  # now PENDING
    assert ok_json("audit", "verify")["intact"]
    # the same target scanned again is the same drive, now complete
    time.sleep(0.01)
    again = ok_json(
        "scan", str(tmp_path), "--budget", "0", "--case", str(case_id), "--traveler", "Li"
    )
    assert again["case"]["drive"] == drive.id and again["case"]["state"] == "complete"
    assert ok_json("audit", "verify")["intact"]


def test_training_cases_never_reach_live_listings_or_reports(data_dir, tmp_path):
    trained = ok_json("case", "open", "--officer", "Trainee", "--training")["case"]
    assert trained["training"] is True
    assert ok_json("case", "list")["cases"] == []  # the live store never saw it
    assert [c["id"] for c in ok_json("case", "list", "--training")["cases"]] == [trained["id"]]
    live = run("report", str(trained["id"]), "--pdf", str(tmp_path / "r.pdf"))
    assert live.returncode == 2 and f"no case {trained['id']}" in live.stderr
    assert not (tmp_path / "r.pdf").exists()  # nothing half-written
    out = run("report", str(trained["id"]), "--training", "--json", str(tmp_path / "t.json"))
    assert out.returncode == 0, out.stderr
    assert json.loads((tmp_path / "t.json").read_text())["case"]["training"] is True
