"""Training sessions on the desk: a scenario's simulated backend and travelers, the trainee's
verdicts and the score. Scenario loading, the simulated drives, scanning and grading are the
training core's (inspector.core.training); this module only wires them into the desk."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from inspector.core.errors import UsageError
from inspector.core.media.drives.model import Drive, DriveBackend
from inspector.core.progress import CancelToken, ProgressFn
from inspector.core.scan.tree import ScanOptions
from inspector.gui.desk import DeskState, DriveOutcome, Traveler
from inspector.gui.models.format import raw_note

if TYPE_CHECKING:
    from inspector.core.training.grading import Grade
    from inspector.core.training.scenario import Scenario


def training_budget_s() -> float:
    """The training core's sampling budget per drive (simulated drive time, not wall time):
    the desk samples exactly as `inspector train` does, so the figures agree."""
    from inspector.core.training.runner import TRAINING_BUDGET_S

    return float(TRAINING_BUDGET_S)


@dataclass
class TrainingSession:
    scenario: Scenario
    backend: DriveBackend

    @property
    def title(self) -> str:
        return self.scenario.name

    def prepare(self, state: DeskState) -> None:
        """Put the scenario's travelers on the desk and map each bay to its traveler, as an
        officer does with the bay map before the drives are plugged."""
        for t in self.scenario.travelers:
            state.add_traveler(
                Traveler(
                    name=t.name,
                    document="",
                    group=t.group or "",
                    declaration=t.declaration,
                    declared_bytes=t.declared_bytes,
                    licence=t.licence,
                )
            )
        for d in self.scenario.drives:
            if d.bay:
                state.assign_bay(d.bay, d.traveler)

    def scan(
        self,
        backend: DriveBackend,
        drive: Drive,
        options: ScanOptions,
        progress: ProgressFn,
        cancel: CancelToken,
    ) -> DriveOutcome:
        """The training core's scan of a simulated drive: survey and sampling, or raw sampling
        of a partition that cannot be mounted (LUKS); the figures come from the pipeline."""
        from inspector.core.training.backend import SimulatedBackend
        from inspector.core.training.runner import scan_simulated

        assert isinstance(backend, SimulatedBackend)
        done = scan_simulated(backend, drive, options, progress=progress, cancel=cancel)
        notes = (raw_note(done.raw),) if done.raw is not None else ()
        complete = (
            done.scan.complete if done.scan is not None else bool(done.raw and done.raw.complete)
        )
        return DriveOutcome(done.scan, done.figures, notes, complete, record=done.result)

    def grade(self, answers: dict[str, str], state: DeskState) -> Grade:
        """The trainee's answers against the scenario's expected verdicts, with the desk's
        own reasons (from the same pipeline and policy) beside each."""
        from inspector.core.training.grading import grade

        reasons: dict[str, tuple[str, ...]] = {}
        for t in state.travelers():
            reasons[t.name] = state.assess_traveler(t.name).verdict.reasons
        for g in state.groups():
            reasons[g] = state.assess_group(g).verdict.reasons
        return grade(self.scenario, answers, reasons)  # type: ignore[arg-type]

    def answer_keys(self) -> list[tuple[str, str]]:
        """(scope, name) of every verdict the trainee must give: travelers, then groups."""
        keys = [("traveler", t.name) for t in self.scenario.travelers]
        keys += [("group", g.name) for g in self.scenario.groups]
        return keys


def open_training(name: str, seed: int | None = None, speed: float = 1.0) -> TrainingSession:
    """Load scenario `name` (shipped name or path) and its simulated backend on a real clock."""
    try:
        from inspector.core.training.backend import RealClock, SimulatedBackend
        from inspector.core.training.loader import load_scenario
    except ImportError:
        raise UsageError("training scenarios are not available in this build") from None
    scenario = load_scenario(name)
    backend: Any = SimulatedBackend(scenario, clock=RealClock(speed), seed=seed)
    return TrainingSession(scenario, backend)


def shipped_scenarios() -> list[str]:
    """Names of the shipped training scenarios ([] when the training core is absent)."""
    try:
        from inspector.core.training.loader import shipped_scenarios as names
    except ImportError:
        return []
    return names()
