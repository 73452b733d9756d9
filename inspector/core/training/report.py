"""`inspector.training/1` JSON documents (ARCHITECTURE.md) from a TrainingRun: the CLI's edge.

The contract's keys are kept as named; additions (marked in docs/training.md) carry the
drive's identity, its scan, the truth it is graded on, and the grade's details.
"""

from __future__ import annotations

from typing import Any

from inspector.core.case.verdicts import Estimate, Totals
from inspector.core.scan.to_json import content_json, survey_json
from inspector.core.training.runner import Assessment, DriveScan, TrainingRun

TRAINING_SCHEMA = "inspector.training/1"


def _estimate(e: Estimate) -> dict[str, Any]:
    return {"estimate": round(e.value), "ci": [round(e.lo), round(e.hi)]}


def _share(e: Estimate | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {"estimate": round(e.value, 6), "ci": [round(e.lo, 6), round(e.hi, 6)]}


def drive_json(s: DriveScan) -> dict[str, Any]:
    d = s.drive
    content = s.scan.content if s.scan is not None else None
    raw = s.raw
    return {
        "serial": d.serial,
        "bay": d.bay,
        "capacity_bytes": d.capacity_bytes,
        "used_bytes": s.figures.used_bytes,
        "categories": content_json(content)["categories"] if content is not None else [],
        # additions to the contract
        "id": s.drive_id,
        "model": d.model,
        "identity": d.identity,
        "plugs": s.plugs,
        "drive_time_s": round(s.drive_time_s, 3),
        "filesystem": None
        if s.scan is None or s.scan.filesystem is None
        else {
            "type": s.scan.filesystem.type,
            "size_bytes": s.scan.filesystem.size_bytes,
            "fill_ratio": s.scan.filesystem.fill_ratio,
        },
        "survey": None if s.scan is None else survey_json(s.scan.survey),
        "content": None if content is None else content_json(content),
        "raw": None
        if raw is None
        else {
            "samples": raw.samples,
            "seed": raw.seed,
            "header_format": raw.header_format,
            "header_kind": raw.header_kind,
            "shares": [{"class": r.cls, "share": r.share, "ci": list(r.ci)} for r in raw.shares],
        },
        "ai_bytes": _estimate(s.figures.ai_bytes),
        "ai_share": _share(s.ai_share),
        "truth": {
            "ai_share": round(s.truth.ai_share, 6),
            "categories": {c: round(v, 6) for c, v in s.truth.categories},
        },
        "truth_in_interval": s.truth_in_interval,
    }


def _totals(t: Totals) -> dict[str, Any]:
    return {
        "drives": t.drives,
        "capacity_bytes": t.capacity_bytes,
        "used_bytes": t.used_bytes,
        "ai_bytes": _estimate(t.ai_bytes),
        "encrypted_bytes": _estimate(t.encrypted_bytes),
        "files": t.files,
    }


def training_json(run: TrainingRun) -> dict[str, Any]:
    a = run.assessment
    travelers = []
    for t in a.travelers:
        tot = _totals(t.totals)
        travelers.append(
            {
                "name": t.spec.name,
                "group": t.spec.group,
                "declared_bytes": t.spec.declared_bytes,
                "drives": [drive_json(s) for s in t.drives],
                "capacity_bytes": tot["capacity_bytes"],
                "used_bytes": tot["used_bytes"],
                "ai_bytes": tot["ai_bytes"],
                "verdict": t.verdict.verdict,
                "reasons": list(t.verdict.reasons),
                # additions
                "decided_in_s": round(Assessment.decided_in(t.drives), 3),
                "declaration": t.spec.declaration,
                "licence": t.spec.licence,
                "encrypted_bytes": tot["encrypted_bytes"],
                "files": tot["files"],
            }
        )
    groups = [
        {
            "name": g.spec.name,
            "travelers": list(g.travelers),
            "capacity_bytes": g.totals.capacity_bytes,
            "used_bytes": g.totals.used_bytes,
            "ai_bytes": _estimate(g.totals.ai_bytes),
            "verdict": g.verdict.verdict,
            "reasons": list(g.verdict.reasons),
            "declared_bytes": g.totals.declared_bytes,
            "encrypted_bytes": _estimate(g.totals.encrypted_bytes),
        }
        for g in a.groups
    ]
    gr = run.grade
    return {
        "schema": TRAINING_SCHEMA,
        "training": True,  # never a live case: reports and screens say TRAINING
        "scenario": run.scenario.name,
        "title": run.scenario.title,
        "seed": run.seed,
        "budget_s": run.budget_s,
        "complete": run.complete,
        "policy": {"name": run.policy.name, "version": run.policy.version, "hash": run.policy.hash},
        "travelers": travelers,
        "groups": groups,
        "grade": {
            "expected": {i.name: i.expected for i in gr.items},
            "matches": gr.matches,
            "total": gr.total,
            "items": [
                {
                    "scope": i.scope,
                    "name": i.name,
                    "answer": i.answer,
                    "expected": i.expected,
                    "correct": i.correct,
                    "explanation": i.explanation,
                }
                for i in gr.items
            ],
        },
        "truth_in_interval": _coverage(run),
    }


def _coverage(run: TrainingRun) -> dict[str, int]:
    checked = [s.truth_in_interval for s in run.scans if s.truth_in_interval is not None]
    return {"drives": len(run.scans), "checked": len(checked), "inside": sum(checked)}
