"""The one place core callbacks become Qt signals.

Backends call their hot-plug listener from their own thread and scan code calls `progress`
from a worker thread. Widgets must only be touched on the GUI thread, so every such callback
goes through this object: it lives on the GUI thread, and a signal emitted from another thread
is queued to it (Qt's AutoConnection does that for receivers on the GUI thread).
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, Signal

from inspector.core.media.drives.model import DriveEvent
from inspector.core.progress import Progress, ProgressFn

PROGRESS_INTERVAL_S = 0.1  # at most ten progress updates a second per task: the queue stays short


class CoreBridge(QObject):
    drive_event = Signal(object)  # DriveEvent
    scan_progress = Signal(str, object)  # task key, Progress

    def on_drive_event(self, event: DriveEvent) -> None:
        """The backend's hot-plug listener; safe to call from any thread."""
        self.drive_event.emit(event)

    def progress_for(self, key: str) -> ProgressFn:
        """A progress callback for task `key` that forwards at most every PROGRESS_INTERVAL_S,
        and always on a change of stage (so "surveying" → "sampling" is never lost)."""
        lock = threading.Lock()
        last = {"at": 0.0, "stage": ""}

        def report(p: Progress) -> None:
            now = time.monotonic()
            with lock:
                if p.stage == last["stage"] and now - float(last["at"]) < PROGRESS_INTERVAL_S:
                    return
                last["at"], last["stage"] = now, p.stage
            self.scan_progress.emit(key, p)

        return report
