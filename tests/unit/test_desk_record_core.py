"""[desk-record] in the core: PENDING outcomes, reassignment audited, unassigned drives in the
case, loop-image identity, bay maps from udev's ID_PATH, findings-first reasons, evidence paths
on the drive, folder capacity, local times. Each test fails on the code before the change."""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import subprocess
from datetime import timedelta, timezone
from pathlib import Path

import pytest

from inspector.core import reports
from inspector.core.case import audit
from inspector.core.case.policy import parse_policy
from inspector.core.case.records import DriveIdentity
from inspector.core.case.schema import SCHEMA_VERSION, V1_DDL, V2_DRIVES_DDL
from inspector.core.case.store import DeclarationInput, open_store, store_path
from inspector.core.case.times import local_time
from inspector.core.case.verdicts import drive_figures, evaluate, totals
from inspector.core.content.result import DisguisedShare
from inspector.core.media.drives.bays import BayMapError, load_bay_map, parse_bay_map
from inspector.core.media.drives.identity import drive_identity
from inspector.core.media.drives.model import Drive, Partition
from inspector.core.media.raw_result import RawResult, RawShare
from inspector.core.scan.drive import on_drive_path
from inspector.core.scan.result import PartitionResult
from inspector.core.survey.walk import SurveyResult
from tests.unit.casekit import TB, sampled_scan
from tests.unit.test_policy import GOOD

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_BAYS = ROOT / "resources" / "bays" / "example-15-bay-sas.toml"


def _text_of(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


# -- 2. PENDING ------------------------------------------------------------------------------


def test_a_traveler_without_drives_is_pending_everywhere_and_never_no_further_action(
    store, tmp_path
):
    case = store.open_case("Ana")
    store.add_traveler(case.id, "Li", declaration=DeclarationInput("photos", TB))
    s = store.summary(case.id)
    [t] = s.travelers
    assert t.verdict.verdict == "pending" and t.verdict.reasons == ("no drive recorded yet",)
    assert s.groups[0].verdict.verdict == "pending"
    assert s.verdict == "pending"
    assert reports.summary_json(s)["verdict"] == "pending"
    report = reports.gather(store, case.id)
    _, digest = reports.report_bytes(reports.report_json(report))
    receipt = tmp_path / "receipt.pdf"
    reports.write_receipt(report, "Li", digest, receipt)
    text = _text_of(receipt)
    assert "no further action" not in text and "outcome pending" in text
    csv_rows = reports.csv_text(report).splitlines()
    assert any(r.startswith("traveler,") and ",pending," in r for r in csv_rows)


def test_a_drive_still_scanning_keeps_its_traveler_pending_with_findings_so_far(store):
    case = store.open_case("Ana")
    store.add_traveler(case.id, "Li", declaration=DeclarationInput("photos", TB))
    done = store.begin_drive(case.id, "Li", DriveIdentity("serial:S1", "/dev/sdb"))
    store.finish_drive(done.id, sampled_scan(TB, {"image": (1.0, 0.99, 1.0)}))
    assert store.summary(case.id).travelers[0].verdict.verdict == "clear"
    store.begin_drive(case.id, "Li", DriveIdentity("serial:S2", "/dev/sdc"))
    t = store.summary(case.id).travelers[0]
    assert t.verdict.verdict == "pending" and t.verdict.reasons[0] == "1 drive(s) still scanning"


# -- 1 and 3. reassignment, unassigned drives ---------------------------------------------------


def test_reassign_and_unassign_are_audited_and_move_the_verdicts(store):
    case = store.open_case("Ana")
    for name in ("A", "B"):
        store.add_traveler(case.id, name, declaration=DeclarationInput("photos", 10 * TB))
    d = store.begin_drive(case.id, "A", DriveIdentity("serial:S1", "/dev/sdb", capacity_bytes=TB))
    store.finish_drive(d.id, sampled_scan(TB // 2, {"image": (1.0, 0.99, 1.0)}, capacity=TB))
    store.add_traveler(case.id, "C", declaration=DeclarationInput("", None))
    store.assign_drive(case.id, "serial:S1", "C")
    s = store.summary(case.id)
    by = {t.traveler.name: t for t in s.travelers}
    assert [x.id for x in by["C"].drives] == [d.id] and not by["A"].drives
    assert by["A"].verdict.verdict == "pending"  # lost its only drive
    assert by["C"].verdict.verdict == "refer"  # 500 GB found, nothing declared
    store.assign_drive(case.id, "serial:S1", None)
    s = store.summary(case.id)
    assert [x.id for x in s.unassigned] == [d.id] and s.verdict == "pending"
    assert "1 drive(s) not assigned to a traveler" in s.open_items
    kinds = [(e.kind, e.details()) for e in store.audit_entries(case.id)]
    moves = [k for k in kinds if k[0] in (audit.DRIVE_ASSIGNED, audit.DRIVE_UNASSIGNED)]
    assert [(k, v["from"], v["to"]) for k, v in moves] == [
        (audit.DRIVE_ASSIGNED, "A", "C"),
        (audit.DRIVE_UNASSIGNED, "C", None),
    ]
    assert store.verify().intact
    doc = reports.summary_json(s)
    assert [x["id"] for x in doc["unassigned_drives"]] == [d.id] and doc["provisional"]


def test_report_lists_unassigned_drives_and_marks_a_scanning_case_provisional(store, tmp_path):
    case = store.open_case("Ana")
    store.add_traveler(case.id, "Traveler A", declaration=DeclarationInput("photos", TB))
    d = store.begin_drive(case.id, "Traveler A", DriveIdentity("serial:S1", "/dev/sdb"))
    store.finish_drive(d.id, sampled_scan(TB // 2, {"image": (1.0, 0.99, 1.0)}))
    loose = store.begin_drive(case.id, None, DriveIdentity("serial:S9", "/dev/sdz", "Loose"))
    report = reports.gather(store, case.id)
    data, digest = reports.report_bytes(reports.report_json(report))
    doc = json.loads(data)
    assert doc["verdict"] == "pending" and doc["provisional"] is True
    assert doc["unassigned_drives"] == [loose.id]
    assert [x["traveler"] for x in doc["drives"]] == ["Traveler A", None]
    pdf = tmp_path / "r.pdf"
    reports.write_pdf(report, digest, pdf)
    text = _text_of(pdf)
    assert "PROVISIONAL" in text and "still scanning" in text
    assert "Unassigned drives" in text and "Loose" in text
    assert "Traveler Traveler A" not in text
    csv = reports.csv_text(report)
    assert any(line.startswith("drive,1,,,,") for line in csv.splitlines())  # no traveler


def test_pdf_id_column_keeps_a_three_digit_drive_id_on_one_line(store, store_engine, tmp_path):
    if store_engine != "sqlite":
        pytest.skip("plants a drive id through the SQLite file (the PDF is the same either way)")
    case = store.open_case("Ana")
    store.add_traveler(case.id, "A", declaration=DeclarationInput("photos", TB))
    other = store.open_case("Bo")  # drive ids as a long-running desk reaches them
    with sqlite3.connect(store_path()) as db:
        db.execute(
            "INSERT INTO drives (id, case_id, identity_key, target, started_at, complete) "
            "VALUES (100, ?, 'serial:old', '/dev/old', '2026-01-01T00:00:00+00:00', 1)",
            (other.id,),
        )
    d = store.begin_drive(case.id, "A", DriveIdentity("serial:S1", "/dev/sdb"))
    assert d.id == 101
    store.finish_drive(d.id, sampled_scan(TB // 2, {"image": (1.0, 0.99, 1.0)}))
    report = reports.gather(store, case.id)
    pdf = tmp_path / "r.pdf"
    reports.write_pdf(report, "0" * 64, pdf)
    rows = [line.split() for line in _text_of(pdf).splitlines() if line.strip()]
    assert sum(1 for r in rows if r[0] == "101") >= 2  # drives and method tables
    assert not any(r[0] in ("10", "1") and len(r) == 1 for r in rows)


# -- schema v3 -------------------------------------------------------------------------------


def test_v2_database_migrates_to_nullable_traveler_keeping_drive_ids(data_dir):
    data_dir.mkdir(parents=True)
    path = store_path()
    db = sqlite3.connect(path)
    db.executescript(V1_DDL.replace("CREATE TABLE drives", "CREATE TABLE drives_v1"))
    db.execute("DROP TABLE drives_v1")
    db.executescript(V2_DRIVES_DDL)
    policy = parse_policy(GOOD)
    db.execute("ALTER TABLE cases ADD COLUMN training BOOLEAN NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE cases ADD COLUMN policy_name TEXT NOT NULL DEFAULT ''")
    db.execute("UPDATE meta SET value = '2'")
    db.execute(
        "INSERT INTO cases (id, officer, desk, opened_at, policy_text, policy_hash) "
        "VALUES (1, 'Old', 'D', '2026-01-01T00:00:00+00:00', ?, ?)",
        (policy.text, policy.hash),
    )
    db.execute("INSERT INTO travelers (id, case_id, name) VALUES (1, 1, 'Li')")
    db.execute(
        "INSERT INTO drives (id, case_id, traveler_id, identity_key, target, started_at, "
        "complete) VALUES (7, 1, 1, 'serial:S1', '/dev/sdb', '2026-01-01T00:00:00+00:00', 0)"
    )
    db.commit()
    db.close()
    with open_store() as store:
        assert store.migrated_from == 2
        [d] = store.drives(1)
        assert d.id == 7 and d.traveler_id == 1
        store.assign_drive(1, "serial:S1", None)  # NULL now allowed
        assert store.drives(1)[0].traveler_id is None
    version = sqlite3.connect(path).execute("SELECT value FROM meta").fetchone()[0]
    assert int(version) == SCHEMA_VERSION >= 3  # and on through every later step


# -- 4. loop devices -------------------------------------------------------------------------


def _loop(path: str, uuid: str | None, label: str | None) -> Drive:
    part = Partition(path, 0, 0, 64 * 10**6, "ext4", uuid, label)
    return Drive("", path, None, None, None, None, "loop", None, None, 64 * 10**6,
                 partitions=(part,), backing_file="/srv/images/evidence.img")  # fmt: skip


def test_an_image_is_one_drive_whatever_loop_device_holds_it():
    a = _loop("/dev/loop3", "1b2c-uuid", "VAULT")
    b = dataclasses.replace(a, path="/dev/loop7")
    assert drive_identity(a) == drive_identity(b) == "image:evidence.img:64000000:1b2c-uuid"
    no_uuid = _loop("/dev/loop3", None, "VAULT")
    assert drive_identity(no_uuid) == "image:evidence.img:64000000:VAULT"
    ident = DriveIdentity.of_drive(dataclasses.replace(a, identity=drive_identity(a)))
    assert ident.target == "/srv/images/evidence.img" and "loop" not in ident.key


# -- 5. bay maps from udev properties ------------------------------------------------------------


def test_example_bay_map_names_all_fifteen_bays_from_sas_phys():
    bays = load_bay_map(EXAMPLE_BAYS)
    assert len(bays.rules) == 15
    port = "pci-0000:03:00.0-sas-exp0x500605b0000272bf-phy{}-lun-0"
    assert [bays.bay_of(port.format(n)) for n in (0, 1, 4, 5, 11, 14)] == [
        "A01", "A02", "A05", "B01", "C02", "C05",
    ]  # fmt: skip
    assert bays.bay_of("pci-0000:00:14.0-usb-0:2:1.0-scsi-0:0:0:0") is None
    assert bays.bay_of(None) is None


@pytest.mark.parametrize(
    "text",
    [
        "[[bay]]\nlabel = 'A01'\n",
        "[[bay]]\nport = '*'\nlabel = ''\n",
        "[[bay]]\nport = 'x'\nlabel = 'A'\n[[bay]]\nport = 'y'\nlabel = 'A'\n",
        "bay = 3",
        "[[bay]\n",
    ],
)
def test_a_bad_bay_map_is_one_clear_error(text):
    with pytest.raises(BayMapError, match="bay map"):
        parse_bay_map(text, "bay map")


def test_build_drive_labels_the_bay_from_fake_udev_properties(tmp_path, monkeypatch):
    from inspector.core.media.drives import probe, sysfs

    root = tmp_path / "class"
    disk = tmp_path / "devices" / "sdq"
    disk.mkdir(parents=True)
    (disk / "size").write_text("2000000\n")
    root.mkdir()
    os.symlink(disk, root / "sdq")
    monkeypatch.setattr(probe, "read_disk", lambda name: sysfs.read_disk(name, str(root)))
    monkeypatch.setattr(probe, "blkid_probe", lambda *a, **k: None)
    monkeypatch.setattr(probe, "partition_table", lambda path: [])
    props = {
        "DEVNAME": "/dev/inspector-test-sdq",
        "ID_PATH": "pci-0000:03:00.0-sas-exp0x500605b0000272bf-phy7-lun-0",
        "ID_SERIAL_SHORT": "ZL0ABC12",
        "ID_MODEL": "ST8000",
        "ID_FS_TYPE": "ext4",
        "ID_FS_UUID": "u-1",
    }
    drive = probe.build_drive(
        "sdq", props, {}, frozenset(), check_capacity=False, bays=load_bay_map(EXAMPLE_BAYS)
    )
    assert drive is not None and drive.bay == "B03" and drive.port_path == props["ID_PATH"]
    plain = probe.build_drive("sdq", props, {}, frozenset(), check_capacity=False)
    assert plain is not None and plain.bay is None  # no map: no guessed bay


# -- 7. reasons --------------------------------------------------------------------------------


def _luks_scan():
    raw = RawResult(
        8 * TB, 4096, 4000, 1, "LUKS2", "encrypted",
        (RawShare("high-entropy", 0.98, (0.97, 0.99)), RawShare("zero", 0.02, (0.01, 0.03))),
        1.0, True,
    )  # fmt: skip
    base = sampled_scan(TB, {}, capacity=8 * TB)
    empty = SurveyResult("/", 0, 0, 0, 0, 0, 0, 0, ())
    part = PartitionResult("/dev/sdb2", 2, 0, 8 * TB, "crypto_LUKS", None, None, None, raw)
    return dataclasses.replace(base, survey=empty, filesystem=None, partitions=(part,))


def test_a_luks_courier_is_referred_on_the_encrypted_partition_first():
    policy = parse_policy(GOOD)
    f = drive_figures(_luks_scan(), 8 * TB, "bay A03")
    v = evaluate(totals([f], declared_bytes=0), policy, "traveler")
    assert v.verdict == "refer"
    assert v.reasons[0].startswith("LUKS2 encrypted partition 2 on bay A03 (8.00 TB)"), v.reasons
    assert not any("compared:" in r for r in v.reasons)
    firm = [x.firm for x in v.findings]
    assert firm == sorted(firm, reverse=True)  # what is shown before what may be


def test_a_reason_never_reads_as_under_its_own_threshold():
    policy = parse_policy(GOOD.replace('compare = "estimate"', 'compare = "upper"'))
    scan = sampled_scan(TB // 10, {"image": (1.0, 0.99, 1.0)}, files=1000)
    dis = DisguisedShare(0.0, (0.0, 0.0104))
    scan = dataclasses.replace(scan, content=dataclasses.replace(scan.content, disguised=dis))
    v = evaluate(totals([drive_figures(scan)], declared_bytes=TB), policy, "traveler")
    [msg] = [r for r in v.reasons if "disguised" in r]
    assert "up to 1.04 %" in msg and "0 % (0–1 %)" not in msg


# -- 9. evidence paths, folder capacity ----------------------------------------------------------


def test_evidence_paths_name_the_partition_and_the_path_on_the_drive():
    root = "/tmp/inspector-ro-x1y2/p2"
    assert on_drive_path(f"{root}/vault/a.bin", root, 2) == "partition 2:/vault/a.bin"
    assert on_drive_path("/tmp/inspector-ro-x1y2/p0/a.bin", "/tmp/inspector-ro-x1y2/p0/", 0) == (
        "/a.bin"
    )
    assert on_drive_path("/elsewhere/a.bin", root, 2) == "/elsewhere/a.bin"


def test_a_folder_is_credited_with_its_data_not_the_desks_disk():
    scan = sampled_scan(5 * 10**9, {"image": (1.0, 0.99, 1.0)}, capacity=271 * 10**9)
    folder = dataclasses.replace(scan, device=None)  # a directory: filesystem is the host's
    f = drive_figures(folder)
    assert f.capacity_bytes == f.used_bytes == 5 * 10**9
    from inspector.core.case.records import DriveRecord
    from inspector.core.reports.model import drive_capacity

    record = DriveRecord(1, 1, 1, DriveIdentity.of_target("/data"), None, None, "", None, True,
                         folder, None)  # fmt: skip
    assert drive_capacity(record) == 5 * 10**9


# -- 10. local time ------------------------------------------------------------------------------


def test_times_are_shown_in_the_desks_zone_with_the_offset():
    kl = timezone(timedelta(hours=8))
    assert local_time("2026-12-02T12:58:42+00:00", kl) == "2026-12-02 20:58:42 UTC+08:00"
    assert local_time("not a time") == "not a time" and local_time(None) == "—"
