"""Training sessions on the desk: a scenario's simulated backend, its travelers, the trainee's
verdicts and the score (grading is the training core's; this module only shows it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from inspector.core.drives.model import DriveBackend
from inspector.core.errors import UsageError

if TYPE_CHECKING:
    from inspector.gui.desk import DeskState
    from inspector.gui.main_window import MainWindow


@dataclass
class TrainingSession:
    name: str
    backend: DriveBackend
    scenario: Any

    @property
    def title(self) -> str:
        return self.name

    @property
    def case_title(self) -> str:
        return f"TRAINING case: {self.name}"

    def prepare(self, state: DeskState) -> None:
        """Put the scenario's travelers and bay map on the desk before drives appear."""

    def attach(self, window: MainWindow) -> None:
        """Add the trainee's verdict panel to the window."""


def open_training(name: str, seed: int | None = None) -> TrainingSession:
    try:
        from inspector.core import training  # type: ignore[attr-defined]
    except ImportError:
        raise UsageError("training scenarios are not available in this build") from None
    raise UsageError(
        f"training scenario {name!r}: the training core has no desk adapter yet {training}"
    )
