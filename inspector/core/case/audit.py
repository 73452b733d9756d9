"""The hash-chained audit log: every step of every case, each entry sealed with the BLAKE3 of
its content and of the entry before it.

Entries live in the case database (table `audit`), written in the same transaction as the change
they record, so a change and its entry commit together or not at all. Editing, deleting or
reordering an entry breaks the chain; deleting entries from the end is caught by the anchor, a
small file beside the database holding the last sequence number and hash, and (schema v4) a
row in the database itself, moved in the same transaction as the entries it vouches for.

One chain per store, on SQLite and on a post's PostgreSQL server alike: every write transaction
holds the store's write lock from its first statement (engine.py), so concurrent desks append
one after the other and each entry follows the head its own transaction read
(docs/multi-desk.md says why per store, not per case).
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import blake3
from sqlalchemy import Connection, insert, select, update

from inspector.core.case.schema import audit, audit_anchor

GENESIS = "0" * 64  # prev_hash of the first entry

# What gets logged (kind → when)
CASE_OPENED = "case opened"
CASE_CLOSED = "case closed"
TRAVELER_ADDED = "traveler added"
DECLARATION_EDITED = "declaration edited"
DRIVE_ATTACHED = "drive attached"
DRIVE_ASSIGNED = "drive assigned"  # moved to another traveler (or first given one)
DRIVE_UNASSIGNED = "drive unassigned"
SCAN_STARTED = "scan started"
SCAN_FINISHED = "scan finished"
VERDICT = "verdict"
FILES_HASHED = "files hashed"
REPORT_EXPORTED = "report exported"
POLICY_EDITED = "policy edited"
GROUP_OPENED = "group opened"
GROUP_CLOSED = "group closed"


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: str
    case_id: int | None
    officer: str
    kind: str
    data: str  # canonical JSON of the details
    prev_hash: str
    hash: str

    def details(self) -> dict[str, Any]:
        try:
            value = json.loads(self.data)
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}


@dataclass(frozen=True, slots=True)
class Anchor:
    seq: int
    hash: str


@dataclass(frozen=True, slots=True)
class AuditCheck:
    """Outcome of verifying the chain. `problem` names the first bad entry when not intact."""

    intact: bool
    entries: int
    head: AuditEntry | None
    problem: str | None = None
    bad_seq: int | None = None
    warnings: tuple[str, ...] = ()


def canonical(data: Mapping[str, Any]) -> str:
    """Sorted, compact, ASCII JSON: one text per value, and storable even when a path from the
    evidence holds undecodable bytes (lone surrogates become \\u escapes)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def entry_hash(
    seq: int, at: str, case_id: int | None, officer: str, kind: str, data: str, prev_hash: str
) -> str:
    sealed = json.dumps(
        [seq, at, case_id, officer, kind, data, prev_hash],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return blake3.blake3(sealed.encode("utf-8", "surrogatepass")).hexdigest()


def append(
    conn: Connection,
    *,
    at: str,
    case_id: int | None,
    officer: str,
    kind: str,
    data: Mapping[str, Any],
    after: AuditEntry | None = None,
) -> AuditEntry:
    """Append one entry inside the caller's (write-locked) transaction; `after`: the entry this
    transaction appended last (the head, known without asking again)."""
    if after is not None:
        seq, prev = after.seq + 1, after.hash
    else:
        last = conn.execute(select(audit.c.seq, audit.c.hash).order_by(audit.c.seq.desc()).limit(1))
        row = last.first()
        seq, prev = (row.seq + 1, row.hash) if row is not None else (1, GENESIS)
    text = canonical(data)
    digest = entry_hash(seq, at, case_id, officer, kind, text, prev)
    entry = AuditEntry(seq, at, case_id, officer, kind, text, prev, digest)
    conn.execute(
        insert(audit).values(
            seq=seq,
            at=at,
            case_id=case_id,
            officer=officer,
            kind=kind,
            data=text,
            prev_hash=prev,
            hash=digest,
        )
    )
    return entry


def move_db_anchor(conn: Connection, entry: AuditEntry) -> None:
    """The anchor row follows the head in the same transaction (schema v4)."""
    moved = conn.execute(
        update(audit_anchor).where(audit_anchor.c.id == 1).values(seq=entry.seq, hash=entry.hash)
    )
    if moved.rowcount == 0:
        conn.execute(insert(audit_anchor).values(id=1, seq=entry.seq, hash=entry.hash))


def db_anchor(conn: Connection) -> Anchor | None:
    row = conn.execute(select(audit_anchor.c.seq, audit_anchor.c.hash)).first()
    return None if row is None else Anchor(int(row.seq), str(row.hash))


def entries(conn: Connection, case_id: int | None = None, after: int = 0) -> list[AuditEntry]:
    query = select(audit).order_by(audit.c.seq)
    if case_id is not None:
        query = query.where(audit.c.case_id == case_id)
    if after:
        query = query.where(audit.c.seq > after)
    return [
        AuditEntry(r.seq, r.at, r.case_id, r.officer, r.kind, r.data, r.prev_hash, r.hash)
        for r in conn.execute(query)
    ]


def head(conn: Connection) -> AuditEntry | None:
    row = conn.execute(select(audit).order_by(audit.c.seq.desc()).limit(1)).first()
    if row is None:
        return None
    return AuditEntry(
        row.seq, row.at, row.case_id, row.officer, row.kind, row.data, row.prev_hash, row.hash
    )


def _label(e: AuditEntry) -> str:
    case = f", case {e.case_id}" if e.case_id is not None else ""
    return f"entry {e.seq} ({e.kind}{case}, {e.at})"


def verify_entries(chain: Sequence[AuditEntry], anchor: Anchor | None) -> AuditCheck:
    """Walk the chain in sequence order; report the first altered, missing or misplaced entry."""
    prev_hash = GENESIS
    by_hash = {e.hash: e for e in chain}
    for expected_seq, e in enumerate(chain, 1):
        if e.seq != expected_seq:
            return _broken(
                chain,
                e,
                f"entry {expected_seq} is missing (the log jumps to {_label(e)})",
                expected_seq,
            )
        if e.prev_hash != prev_hash:
            if e.prev_hash in by_hash and by_hash[e.prev_hash].seq != expected_seq - 1:
                why = f"it follows entry {by_hash[e.prev_hash].seq}: entries were reordered"
            else:
                why = "it does not follow the entry before it: an entry was altered or removed"
            return _broken(chain, e, f"{_label(e)} is out of place: {why}", e.seq)
        again = entry_hash(e.seq, e.at, e.case_id, e.officer, e.kind, e.data, e.prev_hash)
        if again != e.hash:
            return _broken(
                chain, e, f"{_label(e)} was altered: its content does not match its hash", e.seq
            )
        prev_hash = e.hash
    last = chain[-1] if chain else None
    warnings: list[str] = []
    if anchor is not None and anchor.seq < 1:
        return AuditCheck(False, len(chain), last, "the anchor file is damaged or unreadable")
    if anchor is None:
        if last is not None:
            warnings.append("no anchor file: removal of entries from the end cannot be detected")
    elif last is None or anchor.seq > last.seq:
        first_missing = 1 if last is None else last.seq + 1
        return AuditCheck(
            False,
            len(chain),
            last,
            f"entry {first_missing} is missing: the log ends at entry "
            f"{0 if last is None else last.seq} but the anchor records entry {anchor.seq}",
            first_missing,
        )
    elif chain[anchor.seq - 1].hash != anchor.hash:
        e = chain[anchor.seq - 1]
        return AuditCheck(
            False, len(chain), last, f"{_label(e)} was altered: it does not match the anchor", e.seq
        )
    return AuditCheck(True, len(chain), last, warnings=tuple(warnings))


def _broken(chain: Sequence[AuditEntry], e: AuditEntry, problem: str, seq: int) -> AuditCheck:
    return AuditCheck(False, len(chain), chain[-1] if chain else None, problem, seq)


def anchor_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".audit-head")


def read_anchor(db_path: Path) -> Anchor | None:
    try:
        doc = json.loads(anchor_path(db_path).read_text(encoding="utf-8"))
        return Anchor(int(doc["seq"]), str(doc["hash"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return Anchor(-1, "")  # unreadable anchor: verification reports it


def write_anchor(db_path: Path, entry: AuditEntry) -> None:
    """Move the anchor forward to `entry`, atomically (written after the entry's transaction
    committed: a crash in between leaves the anchor one step behind, which verification
    accepts). A lock file orders writers of several processes, and the anchor never moves back
    (a slower process must not hide the entries another appended after its own)."""
    path = anchor_path(db_path)
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        current = read_anchor(db_path)
        if current is not None and current.seq >= entry.seq:
            return
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump({"seq": entry.seq, "hash": entry.hash}, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
