"""The simulated DriveBackend: timeline on a manual or real clock, identities, mount, raw."""

from __future__ import annotations

import threading
import time

import pytest

from inspector.core.media.drives.model import DriveEvent, DriveEventKind
from inspector.core.media.raw import raw_sample
from inspector.core.training.backend import DriveGone, RealClock, SimulatedBackend
from inspector.core.training.loader import load_scenario


def test_replug_timeline_on_a_manual_clock():
    b = SimulatedBackend(load_scenario("replug"))
    assert b.drives() == [] and b.next_event_at() == 0
    seen: list[DriveEvent] = []
    watch = b.watch(seen.append)
    b.advance(0)
    assert [d.serial for d in b.drives()] == ["NHA1B2C3"]
    b.advance(6)
    assert b.drives() == []
    while not b.finished:
        b.step()
    assert [(e.kind, e.drive.serial) for e in seen] == [
        (DriveEventKind.ADDED, "NHA1B2C3"),
        (DriveEventKind.REMOVED, "NHA1B2C3"),
        (DriveEventKind.ADDED, "NHA1B2C4"),
        (DriveEventKind.ADDED, "NHA1B2C3"),
    ]
    assert seen[0].drive.identity == seen[3].drive.identity  # same drive, same identity
    assert seen[0].drive.identity != seen[2].drive.identity
    assert b.clock.now() == 12
    watch.stop()
    assert b.step() == []


def test_mount_needs_the_drive_plugged_and_is_read_only():
    b = SimulatedBackend(load_scenario("holiday"))
    b.step()
    first = b.drives()[0]
    b.advance(100)
    with b.mount(first) as mounted:
        (fs,) = mounted
        assert fs.filesystem.type == "exfat" and "ro" in fs.mount_options
        assert fs.filesystem.size_bytes < first.capacity_bytes
        assert not hasattr(fs.view, "open_write")
    counterfeit = b.drives()[1]
    with b.mount(counterfeit) as (fs,):
        # reports 2 TB, its filesystem holds 64 GB
        assert counterfeit.capacity_bytes == 2 * 10**12
        assert fs.filesystem.size_bytes < 64 * 10**9
    pulled = SimulatedBackend(load_scenario("replug"))
    pulled.advance(0)
    drive = pulled.drives()[0]
    pulled.advance(6)
    with pytest.raises(DriveGone, match="not plugged in"), pulled.mount(drive):
        pass


def test_luks_drive_has_no_filesystem_and_a_readable_header():
    b = SimulatedBackend(load_scenario("encrypted-courier"))
    b.advance(10)
    luks = next(d for d in b.drives() if d.partitions[0].fs_type == "crypto_LUKS")
    with b.mount(luks) as mounted:
        assert mounted == []
    part = luks.partitions[0]
    with b.open_raw(luks, part) as raw:
        result = raw_sample(raw, part.size_bytes, max_samples=200, seed=1)
    assert result.header_format == "luks" and result.header_kind == "encrypted"
    assert result.share("high-entropy").share > 0.95


def test_duplicate_serials_are_two_drives():
    b = SimulatedBackend(load_scenario("disguised"))
    b.advance(10)
    one, two = b.drives()
    assert one.serial == two.serial and one.identity != two.identity


def test_real_clock_plays_the_timeline_in_a_background_thread():
    b = SimulatedBackend(load_scenario("replug"), clock=RealClock(speed=200.0))
    got: list[DriveEvent] = []
    done = threading.Event()

    def listener(e: DriveEvent) -> None:
        got.append(e)
        if len(got) == 4:
            done.set()

    watch = b.watch(listener)
    try:
        assert done.wait(5), got
    finally:
        watch.stop()
    assert [e.kind.value for e in got] == ["added", "removed", "added", "added"]
    with pytest.raises(TypeError):
        b.advance(1)
    time.sleep(0.05)
    assert not any(t.name == "simulated-drives" and t.is_alive() for t in threading.enumerate())


def test_scan_drive_works_on_simulated_drives():
    """The desk's generic path (scan_drive through any backend) also reads simulated drives."""
    from inspector.core.scan.drive import scan_drive
    from inspector.core.scan.tree import ScanOptions

    b = SimulatedBackend(load_scenario("replug"))
    b.advance(0)
    (drive,) = b.drives()
    assert b.present(drive)
    result = scan_drive(b, drive, ScanOptions(budget_s=0))
    plan = b.plan_of(drive)
    assert result.complete and result.survey.files == plan.files
    assert result.survey.bytes == plan.file_bytes
    assert result.device is not None and result.device.serial == "NHA1B2C3"
    b.advance(6)
    assert not b.present(drive)
