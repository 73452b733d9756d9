"""Drive identity and dedupe: WWN, else serial+model+capacity, else filesystem UUIDs."""

from __future__ import annotations

import dataclasses

from inspector.core.media.drives.identity import DriveRegistry, dedupe_serials, drive_identity
from inspector.core.media.drives.model import Drive, Partition

TB = 10**12


def drive(path="/dev/sdb", serial=None, wwn=None, model="WD Elements", uuids=(), capacity=TB):
    parts = tuple(
        Partition(f"{path}{i + 1}", i + 1, 0, 1, "ext4", u, None) for i, u in enumerate(uuids)
    )
    return Drive(
        identity="",
        path=path,
        model=model,
        vendor=None,
        serial=serial,
        wwn=wwn,
        bus="usb",
        port_path=None,
        bay=None,
        capacity_bytes=capacity,
        partitions=parts,
    )


def test_order_of_trust():
    assert drive_identity(drive(serial="S1", wwn="0x5000C500A1B2")) == "wwn:0x5000c500a1b2"
    assert drive_identity(drive(serial="S1")) == f"serial:WD Elements:S1:{TB}"
    assert drive_identity(drive(uuids=("b-uuid", "a-uuid"))) == "fs:a-uuid,b-uuid"
    assert drive_identity(drive()) == f"path:/dev/sdb:{TB}"


def test_placeholder_serials_are_not_identities():
    for junk in ("", "   ", "0000000000", "None", "Default String"):
        assert drive_identity(drive(serial=junk, uuids=("u1",))) == "fs:u1"


def test_same_serial_different_capacity_or_model_are_different_drives():
    a = drive_identity(drive(serial="S1"))
    assert a != drive_identity(drive(serial="S1", capacity=2 * TB))
    assert a != drive_identity(drive(serial="S1", model="Other"))


def test_duplicate_serials_present_at_once_fall_back_and_are_flagged():
    a = drive("/dev/sdb", serial="BRIDGE123", uuids=("u-a",))
    b = drive("/dev/sdc", serial="BRIDGE123", uuids=("u-b",))
    c = drive("/dev/sdd", serial="UNIQUE9")
    out = dedupe_serials([a, b, c])
    assert [d.identity for d in out] == ["fs:u-a", "fs:u-b", f"serial:WD Elements:UNIQUE9:{TB}"]
    assert all("BRIDGE123" in d.warnings[0] for d in out[:2])
    assert out[2].warnings == ()
    # Running dedupe again does not stack the warning.
    assert dedupe_serials(out)[0].warnings == out[0].warnings


def test_duplicate_serial_with_wwn_keeps_wwn():
    a = drive("/dev/sdb", serial="X", wwn="0x1")
    b = drive("/dev/sdc", serial="X", wwn="0x2")
    assert [d.identity for d in dedupe_serials([a, b])] == ["wwn:0x1", "wwn:0x2"]


def test_replug_is_the_same_drive():
    registry = DriveRegistry()
    first = dedupe_serials([drive("/dev/sdb", serial="S1")])[0]
    assert registry.observe(first) is False
    # Plugged again into another port: another device name, same drive.
    again = dedupe_serials([dataclasses.replace(first, path="/dev/sdf", identity="")])[0]
    assert registry.observe(again) is True
    assert len(registry) == 1
    assert registry.get(first.identity) == again


def test_clones_present_at_once_are_two_drives():
    a = drive("/dev/sdb", uuids=("same",))
    b = drive("/dev/sdc", uuids=("same",))
    out = dedupe_serials([a, b])
    assert [d.identity for d in out] == ["fs:same@/dev/sdb", "fs:same@/dev/sdc"]
    assert all("clone" in d.warnings[0] for d in out)
