"""A report's content, gathered once from the store, and its JSON form (inspector.report/1).

The report hash is the BLAKE3 of the JSON file's bytes: `b3sum report.json` gives the figure
printed on the PDF and encoded in the receipt's QR code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import blake3

from inspector.core.case import audit
from inspector.core.case.audit import AuditEntry
from inspector.core.case.queries import now
from inspector.core.case.records import (
    Case,
    CaseSummary,
    Declaration,
    DriveRecord,
    GroupSummary,
    TravelerSummary,
)
from inspector.core.case.verdicts import Estimate, Totals, Verdict
from inspector.core.media.evidence import NOMINAL_READ_BPS, full_hash_seconds
from inspector.core.scan.to_json import scan_json

if TYPE_CHECKING:
    from inspector.core.case.store import Store

REPORT_SCHEMA = "inspector.report/1"
CASE_SCHEMA = "inspector.case/1"


@dataclass(frozen=True, slots=True)
class CaseReport:
    summary: CaseSummary
    entries: tuple[AuditEntry, ...]  # this case's audit entries
    chain_head: AuditEntry | None  # head of the whole chain when the report was made
    chain_intact: bool
    chain_problem: str | None
    generated_at: str
    store: str  # "live" or "training"

    @property
    def drives(self) -> tuple[tuple[str | None, DriveRecord], ...]:
        """(traveler name, drive) of every drive; None for drives nobody carries (last)."""
        carried = [(t.traveler.name, d) for t in self.summary.travelers for d in t.drives]
        return (*carried, *((None, d) for d in self.summary.unassigned))

    @property
    def provisional(self) -> bool:
        return bool(self.summary.open_items)

    def method_of(self, drive_id: int) -> dict[str, Any]:
        """The scan options recorded when this drive's (last) scan started."""
        method: dict[str, Any] = {}
        for e in self.entries:
            details = e.details()
            if e.kind == audit.SCAN_STARTED and details.get("drive") == drive_id:
                method = dict(details.get("method") or {})
        return method


def gather(store: Store, case_id: int) -> CaseReport:
    summary = store.summary(case_id)
    check = store.verify()
    return CaseReport(
        summary=summary,
        entries=tuple(store.audit_entries(case_id)),
        chain_head=check.head,
        chain_intact=check.intact,
        chain_problem=check.problem,
        generated_at=now(),
        store="training" if store.training else "live",
    )


def drive_capacity(d: DriveRecord) -> int | None:
    if d.identity.capacity_bytes:
        return d.identity.capacity_bytes
    r = d.result
    if r is not None and r.device is not None and r.device.capacity_bytes:
        return r.device.capacity_bytes
    if r is not None and r.device is None:
        return r.survey.bytes  # a folder: its data, never the desk's own disk around it
    if r is not None and r.filesystem is not None:
        return r.filesystem.size_bytes
    return None


def estimate_json(e: Estimate) -> dict[str, Any]:
    return {"estimate": round(e.value), "ci": [round(e.lo), round(e.hi)]}


def totals_json(t: Totals) -> dict[str, Any]:
    return {
        "drives": t.drives,
        "capacity_bytes": t.capacity_bytes,
        "used_bytes": t.used_bytes,
        "content_bytes": t.content_bytes,
        "files": t.files,
        "ai_bytes": estimate_json(t.ai_bytes),
        "encrypted_bytes": estimate_json(t.encrypted_bytes),
        "disguised_files": estimate_json(t.disguised_files),
        "declared_bytes": t.declared_bytes,
        "licence": t.licence,
    }


def verdict_json(v: Verdict) -> dict[str, Any]:
    return {
        "verdict": v.verdict,
        "reasons": list(v.reasons),
        "findings": [
            {"rule": f.rule, "figure": f.figure, "threshold": f.threshold, "basis": f.basis}
            for f in v.findings
        ],
    }


def drive_json(r: CaseReport, traveler: str | None, d: DriveRecord) -> dict[str, Any]:
    capacity = drive_capacity(d)
    i = d.identity
    return {
        "id": d.id,
        "traveler": traveler,
        "identity": {
            "key": i.key,
            "target": i.target,
            "model": i.model,
            "serial": i.serial,
            "wwn": i.wwn,
            "capacity_bytes": capacity,
        },
        "bay": d.bay,
        "mount_options": d.mount_options,
        "started_at": d.started_at,
        "finished_at": d.finished_at,
        "state": d.state,
        "complete": d.complete,
        "result_hash": d.result_hash,
        "method": r.method_of(d.id),
        "full_hash_estimate_s": None if capacity is None else round(full_hash_seconds(capacity)),
        "scan": None if d.result is None else scan_json(d.result),
    }


def case_json(c: Case) -> dict[str, Any]:
    return {
        "id": c.id,
        "officer": c.officer,
        "desk": c.desk,
        "opened_at": c.opened_at,
        "closed_at": c.closed_at,
        "training": c.training,
        "policy": {"name": c.policy_name, "blake3": c.policy_hash},
    }


def _drive_brief(d: DriveRecord) -> dict[str, Any]:
    return {
        "id": d.id,
        "identity": d.identity.key,
        "target": d.identity.target,
        "bay": d.bay,
        "state": d.state,
        "capacity_bytes": drive_capacity(d),
        "result_hash": d.result_hash,
    }


def summary_json(s: CaseSummary) -> dict[str, Any]:
    """A case at a glance (inspector.case/1): travelers, groups, drives, verdicts; no scans.
    `verdict` is "pending" while `open_items` lists what is still unknown."""
    return {
        "schema": CASE_SCHEMA,
        "case": case_json(s.case),
        "verdict": s.verdict,
        "provisional": bool(s.open_items),
        "open_items": list(s.open_items),
        "unscanned_drives": s.unscanned,
        "travelers": [traveler_json(t, [_drive_brief(d) for d in t.drives]) for t in s.travelers],
        "unassigned_drives": [_drive_brief(d) for d in s.unassigned],
        "groups": [group_json(g) for g in s.groups],
    }


def traveler_json(t: TravelerSummary, drives: list[Any]) -> dict[str, Any]:
    """One traveler in the case summary and the report: the two differ only in how much of each
    drive they carry (the report lists drives in full elsewhere)."""
    return {
        "name": t.traveler.name,
        "document": t.traveler.document,
        "group": t.traveler.group,
        "declaration": declaration_json(t.traveler.declaration),
        "totals": totals_json(t.totals),
        **verdict_json(t.verdict),
        "drives": drives,
    }


def group_json(g: GroupSummary) -> dict[str, Any]:
    return {
        "name": g.name,
        "travelers": list(g.travelers),
        "totals": totals_json(g.totals),
        **verdict_json(g.verdict),
    }


def declaration_json(d: Declaration | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {
        "text": d.text,
        "declared_bytes": d.declared_bytes,
        "licence": d.licence,
        "updated_at": d.updated_at,
    }


def entry_json(e: AuditEntry) -> dict[str, Any]:
    return {
        "seq": e.seq,
        "at": e.at,
        "officer": e.officer,
        "kind": e.kind,
        "details": e.details(),
        "prev_hash": e.prev_hash,
        "hash": e.hash,
    }


def report_json(r: CaseReport) -> dict[str, Any]:
    s = r.summary
    c = s.case
    head = r.chain_head
    return {
        "schema": REPORT_SCHEMA,
        "generated_at": r.generated_at,
        "store": r.store,
        "case": {
            **case_json(c),
            "policy": {"name": c.policy_name, "blake3": c.policy_hash, "text": c.policy_text},
        },
        "verdict": s.verdict,
        "provisional": bool(s.open_items),
        "open_items": list(s.open_items),
        "unscanned_drives": s.unscanned,
        "travelers": [traveler_json(t, [d.id for d in t.drives]) for t in s.travelers],
        "unassigned_drives": [d.id for d in s.unassigned],
        "groups": [group_json(g) for g in s.groups],
        "drives": [drive_json(r, t, d) for t, d in r.drives],
        "hashing": {"nominal_read_bytes_per_s": NOMINAL_READ_BPS},
        "audit": {
            "intact": r.chain_intact,
            "problem": r.chain_problem,
            "chain_head": None if head is None else {"seq": head.seq, "hash": head.hash},
            "entries": [entry_json(e) for e in r.entries],
        },
    }


def report_bytes(doc: dict[str, Any]) -> tuple[bytes, str]:
    """The JSON report file's exact bytes and their BLAKE3 (the report hash)."""
    data = (json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode(
        "utf-8",
        "backslashreplace",  # a lone surrogate (undecodable name) becomes a JSON \\u escape
    )
    return data, blake3.blake3(data).hexdigest()
