"""The simulated `DriveBackend`: a scenario's drives appear and disappear on its timeline.

Time comes from a clock: `ManualClock` for tests and the headless runner (fast-forward with
`advance`), `RealClock` for the GUI (the timeline plays in real time, optionally faster).
With a manual clock, events are delivered synchronously by `advance`/`poll`; with a real
clock, `watch` starts a background thread that polls, as the udev monitor does.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO, Protocol, cast

from inspector.core.errors import InspectorError
from inspector.core.media.drives.model import (
    Drive,
    DriveEvent,
    DriveEventKind,
    DriveListener,
    FilesystemInfo,
    MountedFilesystem,
    Partition,
)
from inspector.core.training.formats import VFile, luks_header, mix, random_range
from inspector.core.training.layout import PARTITION_START, DrivePlan, plan_drive
from inspector.core.training.scenario import DriveSpec, Event, Scenario
from inspector.core.training.virtualfs import NameCache, VirtualFile, VirtualFS

BUS = "simulated"
POLL_S = 0.1
MOUNT_OPTIONS = "ro,nosuid,nodev,noexec (simulated)"


class DriveGone(InspectorError):
    """The drive is not plugged in (any more)."""

    exit_code = 3


class Clock(Protocol):
    def now(self) -> float: ...


class ManualClock:
    """Scenario time that moves only when told to (tests, headless runs)."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        self._now += max(0.0, seconds)


class RealClock:
    """Scenario time = wall time since creation × `speed` (the GUI's classroom replay)."""

    def __init__(self, speed: float = 1.0) -> None:
        self._start = time.monotonic()
        self.speed = speed

    def now(self) -> float:
        return (time.monotonic() - self._start) * self.speed


def drive_of(spec: DriveSpec, scenario: Scenario, index: int) -> Drive:
    """The `Drive` a backend would report for `spec` (identity stable across re-plugs)."""
    wwn = f"0x5000c5{mix(scenario.seed, *spec.id.encode(), *scenario.name.encode()):016x}"[:18]
    if spec.encrypted:
        fs_type, uuid, label = "crypto_LUKS", _uuid(spec, 1), None
    else:
        fs_type, uuid, label = spec.filesystem, _uuid(spec, 2), spec.id[:16]
    size = (spec.real_capacity or spec.capacity) - PARTITION_START
    path = f"/dev/sim{index}"
    return Drive(
        identity=f"wwn-{wwn}",
        path=path,
        model=spec.model,
        vendor=spec.vendor,
        serial=spec.serial,
        wwn=wwn,
        bus=BUS,
        port_path=f"simulated-bay-{spec.bay}" if spec.bay else None,
        bay=spec.bay,
        capacity_bytes=spec.capacity,
        rotational=True,
        removable=False,
        partition_table="gpt",
        partitions=(Partition(f"{path}p1", 1, PARTITION_START, size, fs_type, uuid, label),),
    )


def _uuid(spec: DriveSpec, salt: int) -> str:
    h = f"{mix(salt, *spec.id.encode()):016x}{mix(salt + 7, *spec.id.encode()):016x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


class _Watch:
    def __init__(self, backend: SimulatedBackend, listener: DriveListener) -> None:
        self._backend = backend
        self._listener = listener
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start_thread(self) -> None:
        self._thread = threading.Thread(target=self._run, name="simulated-drives", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(POLL_S):
            self._backend.poll()

    def stop(self) -> None:
        self._stop.set()
        self._backend._remove_listener(self._listener)
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=2)


class SimulatedBackend:
    """Drives of a scenario, plugged and pulled on its timeline. Thread-safe."""

    name = "simulated"

    def __init__(
        self, scenario: Scenario, clock: Clock | None = None, seed: int | None = None
    ) -> None:
        self.scenario = scenario
        self.clock = clock if clock is not None else ManualClock()
        self.seed = scenario.seed if seed is None else seed
        self._drives = {s.id: drive_of(s, scenario, i) for i, s in enumerate(scenario.drives)}
        self._specs = {s.id: s for s in scenario.drives}
        self._plans: dict[str, DrivePlan] = {}
        self._names = NameCache()  # drives of one recipe share their file names
        self._lock = threading.RLock()
        self._plugged: list[str] = []  # in plug order
        self._next_event = 0
        self._listeners: list[DriveListener] = []

    # --- timeline ---------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self._next_event >= len(self.scenario.timeline)

    def next_event_at(self) -> float | None:
        timeline = self.scenario.timeline
        return timeline[self._next_event].at if not self.finished else None

    def poll(self) -> list[DriveEvent]:
        """Apply every timeline event due by the clock's time; tell listeners. Returns them."""
        now = self.clock.now()
        fired: list[tuple[DriveEvent, list[DriveListener]]] = []
        with self._lock:
            timeline = self.scenario.timeline
            while self._next_event < len(timeline) and timeline[self._next_event].at <= now:
                fired.append((self._apply(timeline[self._next_event]), list(self._listeners)))
                self._next_event += 1
        for event, listeners in fired:  # outside the lock: a listener may call back in
            for listener in listeners:
                listener(event)
        return [e for e, _ in fired]

    def advance(self, seconds: float) -> list[DriveEvent]:
        """Move a manual clock forward and deliver what fell due."""
        if not isinstance(self.clock, ManualClock):
            raise TypeError("advance() needs a ManualClock; a RealClock runs by itself")
        self.clock.advance(seconds)
        return self.poll()

    def step(self) -> list[DriveEvent]:
        """Jump a manual clock to the next timeline event and deliver it (and its peers)."""
        at = self.next_event_at()
        if at is None:
            return []
        return self.advance(max(0.0, at - self.clock.now()))

    def _apply(self, event: Event) -> DriveEvent:
        drive = self._drives[event.drive]
        if event.kind == "plug":
            self._plugged.append(event.drive)
            return DriveEvent(DriveEventKind.ADDED, drive)
        self._plugged.remove(event.drive)
        return DriveEvent(DriveEventKind.REMOVED, drive)

    # --- DriveBackend -----------------------------------------------------------------------

    def drives(self) -> list[Drive]:
        with self._lock:
            return [self._drives[i] for i in self._plugged]

    def watch(self, listener: DriveListener) -> _Watch:
        with self._lock:
            self._listeners.append(listener)
        w = _Watch(self, listener)
        if not isinstance(self.clock, ManualClock):
            w.start_thread()
        return w

    def _remove_listener(self, listener: DriveListener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def spec_of(self, drive: Drive) -> DriveSpec:
        """The scenario's description of a drive this backend reported."""
        return self._specs[self._id_of(drive)]

    def plan_of(self, drive: Drive) -> DrivePlan:
        drive_id = self._id_of(drive)
        with self._lock:
            plan = self._plans.get(drive_id)
            if plan is None:
                plan = self._plans[drive_id] = plan_drive(self._specs[drive_id], self.seed)
            return plan

    def _id_of(self, drive: Drive) -> str:
        for drive_id, known in self._drives.items():
            if known.identity == drive.identity:
                return drive_id
        raise DriveGone(f"{drive.path}: not a drive of scenario {self.scenario.name!r}")

    def present(self, drive: Drive) -> bool:
        """Is the drive plugged in now? (scan_drive asks after a media error.)"""
        try:
            drive_id = self._id_of(drive)
        except DriveGone:
            return False
        with self._lock:
            return drive_id in self._plugged

    def _check_plugged(self, drive: Drive) -> str:
        drive_id = self._id_of(drive)
        with self._lock:
            if drive_id not in self._plugged:
                raise DriveGone(f"{drive.path} (serial {drive.serial}) is not plugged in")
        return drive_id

    @contextmanager
    def mount(self, drive: Drive) -> Iterator[list[MountedFilesystem]]:
        """The drive's filesystems, read-only; a LUKS partition has none (see open_raw)."""
        drive_id = self._check_plugged(drive)
        spec = self._specs[drive_id]
        part = self._drives[drive_id].partitions[0]
        if spec.encrypted:
            yield []
            return
        plan = self.plan_of(drive)
        root = f"/run/inspector/training/{drive_id}"
        dev = 0x5100 + list(self._drives).index(drive_id)
        view = VirtualFS(plan, root, dev=dev, names=self._names)
        usage = view.usage(root)
        assert usage is not None
        info = FilesystemInfo(
            type=spec.filesystem,
            uuid=part.fs_uuid,
            label=part.fs_label,
            size_bytes=usage.size_bytes,
            used_bytes=usage.used_bytes,
            free_bytes=usage.free_bytes,
            fill_ratio=round(usage.fill_ratio, 6),
        )
        yield [MountedFilesystem(part, view, root, info, MOUNT_OPTIONS)]

    def open_raw(self, drive: Drive, partition: Partition) -> BinaryIO:
        """The raw bytes of a partition (for raw sampling of what cannot be mounted)."""
        drive_id = self._check_plugged(drive)
        key = mix(self.seed, *drive_id.encode(), 0x4A3)
        vfile = VFile("luks", partition.size_bytes, key)

        def read(f: VFile, offset: int, length: int) -> bytes:
            head = luks_header(f.key) if self._specs[drive_id].encrypted else b""
            data = bytearray(random_range(f.key, offset, length))
            if offset < len(head):
                piece = head[offset : offset + length]
                data[: len(piece)] = piece
            return bytes(data)

        return cast(BinaryIO, VirtualFile(vfile, read))
