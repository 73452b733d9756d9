"""What happens on the desk without the officer asking: drives appear, scans start, results land.

The controller owns the backend watch, the bridge and the task runner. It turns hot-plug
events and worker results into DeskState changes; widgets only call its small set of actions
(rescan, full identification, cancel, assign).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Signal, Slot

from inspector.core.case.verdicts import drive_figures
from inspector.core.errors import InspectorError
from inspector.core.media.drives.bays import BayMap
from inspector.core.media.drives.model import Drive, DriveBackend, DriveEvent, DriveEventKind, Watch
from inspector.core.progress import CancelToken, Progress
from inspector.core.scan.drive import scan_drive
from inspector.core.scan.result import ScanResult
from inspector.core.scan.tree import ScanOptions
from inspector.gui.bridge import CoreBridge
from inspector.gui.desk import DeskState, DriveOutcome, DriveStatus
from inspector.gui.models.format import raw_notes
from inspector.gui.workers import TaskRunner

DEFAULT_BUDGET_S = 10.0  # per drive, automatic scan: a 15-bay dock must not wait half an hour
# Scans at once, sized by spindles, not cores: each scan is one reader on its own drive (never
# two on one spindle), and a hard disk's scan waits on seeks, not on the CPU; a 15-bay case
# of one traveler is read in parallel. 16 = the largest dock we know of.
MAX_PARALLEL_SCANS = 16
LARGER_BUDGET_FACTOR = 4
SAMPLING_STAGES = ("sampl", "identif", "content", "estimate", "raw")

ScanFn = Callable[
    [DriveBackend, Drive, ScanOptions, Callable[[Progress], None], CancelToken],
    ScanResult | DriveOutcome,
]


def scan_any_drive(
    backend: DriveBackend,
    drive: Drive,
    options: ScanOptions,
    progress: Callable[[Progress], None],
    cancel: CancelToken,
) -> ScanResult:
    """The core's scan of one drive (mount read-only, survey, sample, aggregate): the same
    function the CLI uses, for udev and simulated drives alike."""
    progress(Progress("mounting", 0))
    return scan_drive(backend, drive, options, progress=progress, cancel=cancel)


class DeskController(QObject):
    message = Signal(str)  # one line for the status bar

    def __init__(
        self,
        state: DeskState,
        backend: DriveBackend,
        *,
        budget_s: float = DEFAULT_BUDGET_S,
        seed: int | None = None,
        max_parallel: int = MAX_PARALLEL_SCANS,
        scan: ScanFn = scan_any_drive,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.backend = backend
        self.budget_s = budget_s
        self.seed = seed
        self._scan = scan
        self.max_parallel = max(1, max_parallel)
        self._queue: dict[str, tuple[Drive, float, bool]] = {}  # identity -> scan waiting, FIFO
        self.bridge = CoreBridge(self)
        self.runner = TaskRunner(self)
        self._watch: Watch | None = None
        self._stopped = False  # after stop(), late queued events must not start new threads
        self.bridge.drive_event.connect(self._on_drive_event)
        self.bridge.scan_progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.images = TaskRunner(self)  # File → Open image…: losetup and udev settle, off-GUI
        self.images.finished.connect(lambda _key, drive: self._opened(drive))
        self.images.failed.connect(
            lambda _key, text: self.message.emit(self.tr("open image: {error}").format(error=text))
        )

    def start(self) -> None:
        """Show the drives already plugged in, then follow hot-plug events."""
        for drive in self.backend.drives():
            self._plugged(drive)
        self._watch = self.backend.watch(self.bridge.on_drive_event)

    def stop(self) -> None:
        self._stopped = True
        self._queue.clear()
        if self._watch is not None:
            self._watch.stop()
            self._watch = None
        self.images.shutdown()
        self.runner.shutdown()  # scans joined before the images under them are detached
        detach = getattr(self.backend, "detach_images", None)
        if detach is not None:
            detach()

    def open_image(self, path: str) -> None:
        """Attach an evidence image read-only as a loop device; it then appears as a drive."""
        attach = getattr(self.backend, "attach_image", None)
        if attach is None:
            self.message.emit(
                self.tr("the {backend} backend cannot open images").format(
                    backend=self.backend.name
                )
            )
            return
        self.message.emit(self.tr("{path}: attaching read-only…").format(path=path))
        self.images.start(f"image:{path}", lambda _cancel: attach(path))

    def _opened(self, drive: Drive) -> None:
        if not self._stopped:
            self._plugged(drive)  # the watch may report it too: same identity, one row

    def save_bays(self, text: str) -> str:
        """The officer's edited bay map: validated, saved, applied to the drives shown.
        "" when saved, else the one-line reason (nothing changed)."""
        from inspector.core.media.drives.bays import save_bay_map

        try:
            bays = save_bay_map(text)
        except InspectorError as exc:
            return str(exc)
        self.set_bays(bays)
        self.message.emit(self.tr("bay map saved: {count} bay(s)").format(count=len(bays.rules)))
        return ""

    def set_bays(self, bays: BayMap | None) -> None:
        if hasattr(self.backend, "bays"):
            self.backend.bays = bays  # drives plugged from now on
        for row in self.state.rows():
            if not row.drive.port_path:
                continue  # no port known (simulated, loop): its bay is not ours to change
            bay = bays.bay_of(row.drive.port_path) if bays is not None else None
            if bay != row.drive.bay:
                self.state.update(row.identity, drive=replace(row.drive, bay=bay))

    # officer actions -----------------------------------------------------------
    def rescan(self, identity: str, *, larger: bool = False, full: bool = False) -> None:
        row = self.state.row(identity)
        if not row.present or row.drive.system:
            self.message.emit(
                self.tr("{path}: cannot be scanned now ({status})").format(
                    path=row.drive.path, status=row.status_text()
                )
            )
            return
        budget = row.budget_s or self.budget_s
        if larger:
            budget *= LARGER_BUDGET_FACTOR
        self._start_scan(row.drive, budget, full)

    def cancel(self, identity: str) -> None:
        if self._queue.pop(identity, None) is not None:  # never started: back to as it was
            row = self.state.row(identity)
            done = row.result is None or row.result.complete
            status = (
                (DriveStatus.DONE if done else DriveStatus.INCOMPLETE)
                if row.finished
                else (DriveStatus.DETECTED)
            )
            self.state.update(identity, status=status)
            return
        if self.runner.running(identity):
            self.runner.cancel(identity)
            path = self.state.row(identity).drive.path
            self.message.emit(self.tr("{path}: cancelling…").format(path=path))
            self._pump()

    # events ------------------------------------------------------------------------
    @Slot(object)
    def _on_drive_event(self, event: DriveEvent) -> None:
        if self._stopped:
            return
        if event.kind == DriveEventKind.REMOVED:
            self._removed(event.drive)
        else:
            self._plugged(event.drive)

    def _plugged(self, drive: Drive) -> None:
        known = drive.identity in self.state.identities()
        row = self.state.plug(drive)
        if drive.system:
            return
        if known and (row.busy or row.status == DriveStatus.QUEUED):
            return  # a change event during (or before) its scan
        if known and row.finished and (row.result is None or row.result.complete):
            # A re-plugged drive with a complete result: the same drive, not counted twice.
            self.state.update(drive.identity, status=DriveStatus.DONE)
            return
        self._start_scan(drive, row.budget_s or self.budget_s, row.full)

    def _removed(self, drive: Drive) -> None:
        if drive.identity not in self.state.identities():
            return
        # The scan is cancelled; its partial result still arrives and is kept on the row.
        self._queue.pop(drive.identity, None)
        self.runner.cancel(drive.identity)
        self.state.update(drive.identity, status=DriveStatus.REMOVED, present=False)
        self._pump()

    def _start_scan(self, drive: Drive, budget_s: float, full: bool) -> None:
        """Scan now if a slot is free (or the drive is being re-scanned), else queue it."""
        self._queue.pop(drive.identity, None)
        if self.runner.running(drive.identity):
            self._launch(drive, budget_s, full)  # a re-scan replaces the running scan
            return
        # First come, first scanned: a new drive never overtakes one already waiting.
        self._queue[drive.identity] = (drive, budget_s, full)
        self.state.update(drive.identity, status=DriveStatus.QUEUED, budget_s=budget_s)
        self._pump()

    def _pump(self) -> None:
        while self._queue and self.runner.running_count() < self.max_parallel:
            identity = next(iter(self._queue))
            self._launch(*self._queue.pop(identity))

    def _launch(self, drive: Drive, budget_s: float, full: bool) -> None:
        if self._stopped:
            return
        options = ScanOptions(budget_s=budget_s, full=full, seed=self.seed)
        progress = self.bridge.progress_for(drive.identity)
        backend, scan = self.backend, self._scan
        self.state.update(
            drive.identity,
            status=DriveStatus.MOUNTING,
            fraction=None,
            files_seen=0,
            error=None,
            budget_s=budget_s,
            full=full,
        )
        self.runner.start(
            drive.identity, lambda cancel: scan(backend, drive, options, progress, cancel)
        )

    @Slot(str, object)
    def _on_progress(self, identity: str, p: Progress) -> None:
        if self._stopped:
            return  # the desk is closing
        row = self.state.row(identity)
        if not row.busy or not self.runner.running(identity):
            return  # a late report from a cancelled task
        stage = p.stage.lower()
        if p.provisional:  # shares before the walk ends: shown as provisional, with intervals
            top = ", ".join(
                f"{c} {v:.0%} ({lo:.0%}–{hi:.0%})" for c, v, lo, hi in p.provisional[:2]
            )
            why = f" ({p.provisional_why})" if p.provisional_why else ""
            self.state.update(
                identity, provisional=self.tr("provisional{why}: {top}").format(why=why, top=top)
            )
        if stage.startswith("mount"):
            self.state.update(identity, status=DriveStatus.MOUNTING, provisional="")
        elif any(stage.startswith(s) for s in SAMPLING_STAGES):
            self.state.update(identity, status=DriveStatus.SAMPLING, fraction=p.fraction)
        else:
            self.state.update(identity, status=DriveStatus.SURVEYING, files_seen=p.done)

    @Slot(str, object)
    def _on_finished(self, identity: str, value: ScanResult | DriveOutcome) -> None:
        if self._stopped:
            return  # the desk is closing
        if isinstance(value, ScanResult):
            drive = self.state.row(identity).drive
            where = self.tr("bay {bay}").format(bay=drive.bay) if drive.bay else drive.path
            value = DriveOutcome(
                value,
                drive_figures(value, drive.capacity_bytes, where),
                raw_notes(value),  # partitions read raw (e.g. LUKS) by scan_drive
                value.complete,
            )
        found = {
            "result": value.result,
            "figures": value.figures,
            "notes": value.notes,
            "record": value.record or value.result,
        }
        if not self.state.row(identity).present:
            # keep what was read before the drive went away
            self.state.update(identity, **found, finished=True)
            return
        status = DriveStatus.DONE if value.complete else DriveStatus.INCOMPLETE
        self.state.update(identity, **found, finished=True, status=status, fraction=None)
        self._pump()

    @Slot(str, str)
    def _on_failed(self, identity: str, message: str) -> None:
        if self._stopped:
            return  # the desk is closing
        row = self.state.row(identity)
        status = DriveStatus.REMOVED if not row.present else DriveStatus.ERROR
        self.state.update(identity, status=status, error=message, fraction=None)
        self._pump()
