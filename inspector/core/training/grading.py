"""Grading: a trainee's verdicts (or the pipeline's) against the scenario's expected ones."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from inspector.core.training.scenario import Scenario, VerdictKind

Scope = Literal["traveler", "group"]


@dataclass(frozen=True, slots=True)
class GradeItem:
    scope: Scope
    name: str
    answer: VerdictKind | None  # None: not answered (counts as wrong)
    expected: VerdictKind
    correct: bool
    explanation: str  # the instructor's, from the scenario
    reasons: tuple[str, ...]  # the pipeline's reasons for its verdict, when known


@dataclass(frozen=True, slots=True)
class Grade:
    matches: int
    total: int
    items: tuple[GradeItem, ...]

    @property
    def per_traveler(self) -> tuple[GradeItem, ...]:
        return tuple(i for i in self.items if i.scope == "traveler")

    @property
    def per_group(self) -> tuple[GradeItem, ...]:
        return tuple(i for i in self.items if i.scope == "group")

    @property
    def score(self) -> float:
        return self.matches / self.total if self.total else 1.0


def grade(
    scenario: Scenario,
    answers: Mapping[str, VerdictKind],
    reasons: Mapping[str, tuple[str, ...]] | None = None,
) -> Grade:
    """Compare `answers` (traveler or group name -> "clear"/"refer") with the expected verdicts.

    Names of travelers and groups never collide (the loader refuses it), so one mapping holds
    both. `reasons` (same keys) are the pipeline's reasons, shown beside the expected answer;
    `assess(...).reasons()` provides them.
    """
    reasons = reasons or {}
    items: list[GradeItem] = []
    for scope, name, expected, explanation in [
        *(("traveler", t.name, t.expected, t.explanation) for t in scenario.travelers),
        *(("group", g.name, g.expected, g.explanation) for g in scenario.groups),
    ]:
        answer = answers.get(name)
        items.append(
            GradeItem(
                scope="traveler" if scope == "traveler" else "group",
                name=name,
                answer=answer,
                expected=expected,
                correct=answer == expected,
                explanation=explanation,
                reasons=tuple(reasons.get(name, ())),
            )
        )
    return Grade(sum(i.correct for i in items), len(items), tuple(items))
