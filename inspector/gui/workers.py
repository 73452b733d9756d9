"""Long work off the GUI thread: one QObject worker per task, each on its own QThread.

Every long task (scan of a drive, later hashing and reports) goes through `TaskRunner.start`,
which reports success or failure uniformly (`finished(key, value)` / `failed(key, message)`),
so widgets never create threads and never see an exception. Cancel goes through the task's
CancelToken; the core loop checks it and returns a partial result.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from inspector.core.errors import InspectorError
from inspector.core.progress import CancelToken

log = logging.getLogger(__name__)


class Worker(QObject):
    """Runs `job(cancel)` once on the thread it was moved to."""

    finished = Signal(str, object)  # key, the job's return value
    failed = Signal(str, str)  # key, one line for the officer
    done = Signal()  # either way: the thread may stop

    def __init__(self, key: str, job: Callable[[CancelToken], Any], cancel: CancelToken) -> None:
        super().__init__()
        self.key = key
        self._job = job
        self.cancel = cancel

    @Slot()
    def run(self) -> None:
        try:
            value = self._job(self.cancel)
        except InspectorError as exc:
            self.failed.emit(self.key, str(exc))
        except OSError as exc:  # the drive went away, an I/O error: a row state, not a crash
            self.failed.emit(self.key, f"read error: {exc.strerror or exc}")
        except Exception as exc:  # a bug must not kill the desk: show it in the row, log it
            log.exception("task %s failed", self.key)
            self.failed.emit(self.key, f"internal error: {type(exc).__name__}: {exc}")
        else:
            self.finished.emit(self.key, value)
        finally:
            self.done.emit()


@dataclass
class _Task:
    thread: QThread
    worker: Worker


class TaskRunner(QObject):
    """Starts, cancels and reaps workers. Results are re-emitted on the GUI thread."""

    finished = Signal(str, object)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: dict[str, _Task] = {}
        self._retired: list[_Task] = []  # cancelled tasks still winding down

    def running(self, key: str) -> bool:
        return key in self._tasks

    def running_count(self) -> int:
        return len(self._tasks)

    def active(self) -> int:
        return len(self._tasks) + len(self._retired)

    def start(self, key: str, job: Callable[[CancelToken], Any]) -> CancelToken:
        """Run `job` for `key`; a task already running under that key is cancelled first."""
        self.cancel(key)
        cancel = CancelToken()
        worker = Worker(key, job, cancel)
        thread = QThread()
        thread.setObjectName(f"task:{key}")
        worker.moveToThread(thread)
        task = _Task(thread, worker)
        thread.started.connect(worker.run)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        worker.done.connect(thread.quit)
        thread.finished.connect(self._reap)
        self._tasks[key] = task
        thread.start()
        return cancel

    def cancel(self, key: str) -> None:
        task = self._tasks.pop(key, None)
        if task is not None:
            task.worker.cancel.cancel()
            self._retired.append(task)

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Cancel everything and wait for the threads (window close, end of a test)."""
        for key in list(self._tasks):
            self.cancel(key)
        for task in self._retired:
            task.worker.cancel.cancel()
            task.thread.quit()
            if not task.thread.wait(timeout_ms):
                log.warning("task %s did not stop in time", task.worker.key)
        self._retired.clear()

    @Slot(str, object)
    def _on_finished(self, key: str, value: object) -> None:
        if self._is_current(key):
            self._retire(key)
            self.finished.emit(key, value)

    @Slot(str, str)
    def _on_failed(self, key: str, message: str) -> None:
        if self._is_current(key):
            self._retire(key)
            self.failed.emit(key, message)

    def _retire(self, key: str) -> None:
        """The job returned: its slot is free now (listeners may start the next task at
        once), while its thread winds down in `_retired` until `_reap`."""
        task = self._tasks.pop(key, None)
        if task is not None:
            self._retired.append(task)

    def _is_current(self, key: str) -> bool:
        """Results of a task replaced by a newer one under the same key are dropped;
        a cancelled task's partial result still counts (it is the last word for its key)."""
        sender = self.sender()
        task = self._tasks.get(key)
        if task is not None:
            return task.worker is sender
        return not any(t.worker.key == key for t in self._tasks.values())

    @Slot()
    def _reap(self) -> None:
        for key, task in list(self._tasks.items()):
            if task.thread.isFinished():
                del self._tasks[key]
        self._retired = [t for t in self._retired if not t.thread.isFinished()]
