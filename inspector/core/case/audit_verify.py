"""`audit verify`: the chain itself, then the case data it vouches for.

An intact chain proves the log; the stored scan results and policies are then checked against
the hashes the log recorded, so editing a result in the database is caught too.
"""

from __future__ import annotations

from pathlib import Path

import blake3
from sqlalchemy import Connection, select

from inspector.core.case import audit
from inspector.core.case.audit import AuditCheck
from inspector.core.case.queries import stored_results
from inspector.core.case.schema import cases


def _hash(text: str) -> str:
    return blake3.blake3(text.encode("utf-8", "surrogatepass")).hexdigest()


def verify_store(conn: Connection, db_path: Path | None) -> AuditCheck:
    """`conn` must not have read yet: the anchor file is read first, so that the chain snapshot
    taken after it (one read transaction for everything below) is never behind it. The anchor
    row in the database (moved in each write's own transaction) is checked too; a server store
    (`db_path` None) has only that one."""
    anchor = audit.read_anchor(db_path) if db_path is not None else None
    if conn.dialect.name == "postgresql":  # one snapshot for the chain and the anchor row
        conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
    row_anchor = audit.db_anchor(conn)
    chain = audit.entries(conn)
    if db_path is None:
        check = audit.verify_entries(chain, row_anchor)
        if row_anchor is None and chain:
            check = audit.AuditCheck(
                False, len(chain), chain[-1], "the audit anchor row is missing from the database"
            )
    else:
        check = audit.verify_entries(chain, anchor)
        if check.intact and row_anchor is not None:
            in_db = audit.verify_entries(chain, row_anchor)
            if not in_db.intact:
                problem = f"{in_db.problem} (the anchor kept in the database)"
                return audit.AuditCheck(False, in_db.entries, in_db.head, problem, in_db.bad_seq)
    if not check.intact:
        return check

    def bad(problem: str, seq: int | None = None) -> AuditCheck:
        return AuditCheck(False, check.entries, check.head, problem, seq, check.warnings)

    finished: dict[int, audit.AuditEntry] = {}  # drive id → last "scan finished" entry
    opened: dict[int, audit.AuditEntry] = {}  # case id → "case opened" entry
    for e in chain:
        details = e.details()
        if e.kind == audit.SCAN_FINISHED and isinstance(details.get("drive"), int):
            finished[details["drive"]] = e
        elif e.kind == audit.CASE_OPENED and e.case_id is not None:
            opened[e.case_id] = e
    for drive_id, case_id, text, stored_hash in stored_results(conn):
        if text is None:
            continue
        entry = finished.get(drive_id)
        if entry is None:
            return bad(
                f"drive {drive_id} of case {case_id} has a scan result that no audit entry records"
            )
        audited = entry.details().get("result_hash")
        if _hash(text) != audited or stored_hash != audited:
            return bad(
                f"drive {drive_id} of case {case_id}: its stored scan result does not "
                f"match the hash recorded in entry {entry.seq}",
                entry.seq,
            )
    for row in conn.execute(select(cases.c.id, cases.c.policy_text, cases.c.policy_hash)):
        entry = opened.get(row.id)
        if entry is None:
            return bad(f"case {row.id} has no 'case opened' entry in the audit log")
        audited = entry.details().get("policy_hash")
        if _hash(row.policy_text) != audited or row.policy_hash != audited:
            return bad(
                f"case {row.id}: its stored policy does not match the hash recorded in "
                f"entry {entry.seq}",
                entry.seq,
            )
    return check
