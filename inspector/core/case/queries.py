"""Queries that turn case-database rows into the frozen values of cases.py.

Each takes a Connection, so the writer uses them inside its transaction and readers use them
on their own connections.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, func, select

from inspector.core.case.records import (
    Case,
    Declaration,
    DriveIdentity,
    DriveRecord,
    GroupRecord,
    StoredVerdict,
    Traveler,
)
from inspector.core.case.schema import (
    cases,
    declarations,
    drives,
    travel_groups,
    travelers,
    verdicts,
)
from inspector.core.errors import UsageError
from inspector.core.scan.from_json import ScanDocumentError, scan_from_json
from inspector.core.survey.names import display_name


class UnknownCaseError(UsageError):
    """No case with this id in the store."""


class UnknownTravelerError(UsageError):
    """No traveler with this name in the case."""


def now() -> str:
    """UTC timestamp with a zone, second precision: what the audit log and reports show."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def case_of_row(r: Row[Any]) -> Case:
    return Case(
        id=r.id,
        officer=r.officer,
        desk=r.desk,
        opened_at=r.opened_at,
        closed_at=r.closed_at,
        policy_name=r.policy_name,
        policy_text=r.policy_text,
        policy_hash=r.policy_hash,
        training=bool(r.training),
    )


def load_case(conn: Connection, case_id: int, store_name: str = "case store") -> Case:
    row = conn.execute(select(cases).where(cases.c.id == case_id)).first()
    if row is None:
        raise UnknownCaseError(f"no case {case_id} in the {store_name} (see 'inspector case list')")
    return case_of_row(row)


def list_cases(conn: Connection, open_only: bool = False) -> list[Case]:
    query = select(cases).order_by(cases.c.id)
    if open_only:
        query = query.where(cases.c.closed_at.is_(None))
    return [case_of_row(r) for r in conn.execute(query)]


def load_travelers(conn: Connection, case_id: int) -> list[Traveler]:
    return load_travelers_where(conn, travelers.c.case_id == case_id)


def load_travelers_where(conn: Connection, where: ColumnElement[bool]) -> list[Traveler]:
    query = (
        select(travelers, declarations)
        .outerjoin(declarations, declarations.c.traveler_id == travelers.c.id)
        .where(where)
        .order_by(travelers.c.id)
    )
    out = []
    for r in conn.execute(query):
        decl = None
        if r.updated_at is not None:
            decl = Declaration(r.text, r.declared_bytes, r.licence, r.updated_at)
        out.append(
            Traveler(r.id, r.case_id, r.name, r.document, r.grp, decl, r.group_id, r.language)
        )
    return out


def peer_cases(conn: Connection, case_id: int) -> list[int]:
    """Open cases other than this one with a member in one of its groups."""
    mine = select(travelers.c.group_id).where(
        travelers.c.case_id == case_id, travelers.c.group_id.is_not(None)
    )
    query = (
        select(travelers.c.case_id)
        .join(cases, cases.c.id == travelers.c.case_id)
        .where(
            travelers.c.group_id.in_(mine),
            travelers.c.case_id != case_id,
            cases.c.closed_at.is_(None),
        )
        .distinct()
        .order_by(travelers.c.case_id)
    )
    return list(conn.execute(query).scalars())


def open_group(conn: Connection, name: str) -> int | None:
    """The open group record of this name (the newest, should there be several)."""
    query = (
        select(travel_groups.c.id)
        .where(travel_groups.c.name == name, travel_groups.c.closed_at.is_(None))
        .order_by(travel_groups.c.id.desc())
        .limit(1)
    )
    return conn.execute(query).scalar()


def list_groups(conn: Connection, open_only: bool = True) -> list[GroupRecord]:
    query = select(travel_groups).order_by(travel_groups.c.id)
    if open_only:
        query = query.where(travel_groups.c.closed_at.is_(None))
    out = []
    for r in conn.execute(query):
        members = conn.execute(
            select(travelers.c.name, travelers.c.case_id, cases.c.desk)
            .join(cases, cases.c.id == travelers.c.case_id)
            .where(travelers.c.group_id == r.id)
            .order_by(travelers.c.id)
        ).all()
        out.append(
            GroupRecord(
                r.id,
                r.name,
                r.opened_at,
                r.opened_by,
                r.closed_at,
                tuple((m.name, m.case_id, m.desk) for m in members),
            )
        )
    return out


def find_traveler(conn: Connection, case_id: int, name: str) -> Traveler:
    for t in load_travelers(conn, case_id):
        if t.name == name:
            return t
    raise UnknownTravelerError(
        f"no traveler {display_name(name)!r} in case {case_id} "
        "(add one with 'inspector case traveler')"
    )


def _drive(r: Row[Any]) -> DriveRecord:
    result = None
    if r.result_json is not None:
        try:
            result = scan_from_json(json.loads(r.result_json))
        except (ValueError, ScanDocumentError):
            result = None  # damaged record: shown unscanned; `audit verify` names it
    return DriveRecord(
        id=r.id,
        case_id=r.case_id,
        traveler_id=r.traveler_id,
        identity=DriveIdentity(
            r.identity_key, r.target, r.model, r.serial, r.wwn, r.capacity_bytes
        ),
        bay=r.bay,
        mount_options=r.mount_options,
        started_at=r.started_at,
        finished_at=r.finished_at,
        complete=bool(r.complete),
        result=result,
        result_hash=r.result_hash,
    )


def load_drives(conn: Connection, case_id: int) -> list[DriveRecord]:
    return load_drives_where(conn, drives.c.case_id == case_id)


def load_drives_where(conn: Connection, where: ColumnElement[bool]) -> list[DriveRecord]:
    query = select(drives).where(where).order_by(drives.c.id)
    return [_drive(r) for r in conn.execute(query)]


def load_drive(conn: Connection, drive_id: int) -> DriveRecord:
    row = conn.execute(select(drives).where(drives.c.id == drive_id)).first()
    if row is None:
        raise UsageError(f"no drive record {drive_id}")
    return _drive(row)


def stored_results(conn: Connection) -> list[tuple[int, int, str | None, str | None]]:
    """(drive id, case id, result JSON, result hash) of every drive: for `audit verify`."""
    query = select(drives.c.id, drives.c.case_id, drives.c.result_json, drives.c.result_hash)
    return [(r.id, r.case_id, r.result_json, r.result_hash) for r in conn.execute(query)]


Latest = dict[tuple[str, str], tuple[str, list[str]]]


def latest_verdicts(conn: Connection, case_id: int) -> Latest:
    """(scope, subject) → (verdict, reasons) as last recorded."""
    return latest_verdicts_of(conn, [case_id]).get(case_id, {})


def latest_verdicts_of(conn: Connection, case_ids: list[int]) -> dict[int, Latest]:
    """latest_verdicts of several cases, in one query (the last row of each subject only: the
    history grows with every change, and this runs on every write)."""
    last = (
        select(func.max(verdicts.c.id))
        .where(verdicts.c.case_id.in_(case_ids))
        .group_by(verdicts.c.case_id, verdicts.c.scope, verdicts.c.subject)
    )
    query = select(verdicts).where(verdicts.c.id.in_(last)).order_by(verdicts.c.id)
    latest: dict[int, Latest] = {}
    for r in conn.execute(query):
        latest.setdefault(r.case_id, {})[(r.scope, r.subject)] = (r.verdict, json.loads(r.reasons))
    return latest


def verdict_history(conn: Connection, case_id: int) -> list[StoredVerdict]:
    query = select(verdicts).where(verdicts.c.case_id == case_id).order_by(verdicts.c.id)
    return [
        StoredVerdict(r.scope, r.subject, r.verdict, tuple(json.loads(r.reasons)), r.computed_at)
        for r in conn.execute(query)
    ]
