"""Cancel tokens and progress callbacks shared by every long-running core task.

Core code never knows who listens: the CLI draws a progress bar, the GUI re-emits a Qt signal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass


class CancelToken:
    """Thread-safe flag checked by long loops; `cancel()` may be called from any thread."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


@dataclass(frozen=True, slots=True)
class Progress:
    """A snapshot of a task's progress. `fraction` is None when the total is unknown."""

    stage: str
    done: int
    total: int | None = None
    bytes_done: int = 0
    detail: str = ""
    # a provisional content estimate while the scan runs: (category, share, lo, hi) of bytes;
    # `detail` then says why it is provisional and what it rests on
    provisional: tuple[tuple[str, float, float, float], ...] = ()
    provisional_why: str = ""  # why the shares above are not final yet ("the walk is running")

    @property
    def fraction(self) -> float | None:
        if not self.total:
            return None
        return min(1.0, self.done / self.total)


ProgressFn = Callable[[Progress], None]


def no_progress(_: Progress) -> None:
    """Default progress sink."""
