"""Everything the verdicts of a case and of the other desks' cases sharing its groups depend
on, read in a handful of queries (not a handful per case: a drive at one desk re-judges every
member desk's case, inside the store's write lock, so this is on every write's path).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, or_, select

from inspector.core.case import queries
from inspector.core.case.records import (
    Case,
    CaseSummary,
    DriveRecord,
    Peer,
    Traveler,
    figures_of,
    summarize,
)
from inspector.core.case.schema import cases, drives, travelers
from inspector.core.case.verdicts import DriveFigures


@dataclass(frozen=True)
class GroupContext:
    involved: tuple[int, ...]  # the case, then the open cases sharing one of its groups
    cases: dict[int, Case]
    travelers: tuple[Traveler, ...]  # of the involved cases, and every member of their groups
    drives: tuple[DriveRecord, ...]
    _figures: dict[int, DriveFigures | None] = field(default_factory=dict)

    def figures(self, drive: DriveRecord) -> DriveFigures | None:
        """A drive's figures, worked out once for every case summary of this context."""
        if drive.id not in self._figures:
            self._figures[drive.id] = figures_of(drive)
        return self._figures[drive.id]

    def summary(self, case_id: int) -> CaseSummary:
        mine = [t for t in self.travelers if t.case_id == case_id]
        groups = {t.group_id for t in mine if t.group_id is not None}
        peers = [
            Peer(
                t,
                tuple(d for d in self.drives if d.traveler_id == t.id),
                self.cases[t.case_id].desk,
            )
            for t in self.travelers
            if t.case_id != case_id and t.group_id in groups
        ]
        return summarize(
            self.cases[case_id],
            mine,
            [d for d in self.drives if d.case_id == case_id],
            peers=peers,
            figures_fn=self.figures,
        )


def group_context(conn: Connection, case_id: int, store_name: str, peers: bool) -> GroupContext:
    """`peers`: also the open cases sharing a group (to re-judge them); else just this case."""
    case = queries.load_case(conn, case_id, store_name)
    involved = [case_id, *(queries.peer_cases(conn, case_id) if peers else [])]
    group_ids = select(travelers.c.group_id).where(
        travelers.c.case_id.in_(involved), travelers.c.group_id.is_not(None)
    )
    people = queries.load_travelers_where(
        conn, or_(travelers.c.case_id.in_(involved), travelers.c.group_id.in_(group_ids))
    )
    ids = [t.id for t in people]
    found = queries.load_drives_where(
        conn, or_(drives.c.case_id.in_(involved), drives.c.traveler_id.in_(ids))
    )
    case_ids = {t.case_id for t in people} - {case_id}
    others = conn.execute(select(cases).where(cases.c.id.in_(case_ids))).all() if case_ids else []
    by_id = {case_id: case, **{r.id: queries.case_of_row(r) for r in others}}
    return GroupContext(tuple(involved), by_id, tuple(people), tuple(found))
