"""Groups across desks and the verdicts they move (a part of the Store, store.py).

A group is a record of the store: travelers named in the same open group at any desk are judged
together, and a write at one desk re-judges (inside the store's write lock) the verdicts of
every open case with a member, audited in each case.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import insert, update

from inspector.core.case import audit, queries
from inspector.core.case.group_context import group_context
from inspector.core.case.records import CaseSummary, GroupRecord
from inspector.core.case.schema import travel_groups, verdicts
from inspector.core.case.store_base import StoreBase, Tx
from inspector.core.case.text_input import clean_text
from inspector.core.errors import UsageError
from inspector.core.survey.names import display_name


class GroupsMixin(StoreBase):
    def groups(self, open_only: bool = True) -> list[GroupRecord]:
        return self._read(lambda c: queries.list_groups(c, open_only))

    def _group_id(self, tx: Tx, case_id: int, name: str, officer: str) -> int:
        """The open group of this name, any desk's; opened (and audited) when there is none."""
        found = queries.open_group(tx.conn, name)
        if found is not None:
            return found
        row = tx.conn.execute(
            insert(travel_groups).values(name=name, opened_at=tx.at, opened_by=officer)
        )
        group_id = int(row.inserted_primary_key[0])  # type: ignore[index]
        tx.log(case_id, officer, audit.GROUP_OPENED, {"group": name, "group_id": group_id})
        return group_id

    def close_group(self, name: str, by: str) -> GroupRecord:
        """Close the open group of this name (the flight has gone): travelers named in it later
        start a new group. Its members' verdicts stay as they are."""
        name = clean_text("group", name)
        by = clean_text("officer", by)

        def tx_fn(tx: Tx) -> GroupRecord:
            group_id = queries.open_group(tx.conn, name)
            if group_id is None:
                raise UsageError(f"no open group {display_name(name)!r} in the {self.name}")
            tx.conn.execute(
                update(travel_groups).where(travel_groups.c.id == group_id).values(closed_at=tx.at)
            )
            tx.log(None, by, audit.GROUP_CLOSED, {"group": name, "group_id": group_id})
            return next(g for g in queries.list_groups(tx.conn, False) if g.id == group_id)

        return self._write(tx_fn)

    def _refresh_verdicts(self, tx: Tx, case_id: int, officer: str) -> CaseSummary:
        """Recompute verdicts of the case and of every open case (another desk's) that shares
        a group with it; store and audit those that changed. The store's write lock is held:
        every other desk's drives are in what this transaction reads."""
        context = group_context(tx.conn, case_id, self.name, peers=True)
        latest = queries.latest_verdicts_of(tx.conn, list(context.involved))
        summary = context.summary(case_id)
        self._refresh_case(tx, summary, latest.get(case_id, {}), officer, None)
        for other in context.involved[1:]:
            self._refresh_case(tx, context.summary(other), latest.get(other, {}), officer, case_id)
        return summary

    def _refresh_case(
        self,
        tx: Tx,
        summary: CaseSummary,
        before: queries.Latest,
        officer: str,
        origin: int | None,
    ) -> None:
        case_id = summary.case.id
        now = [("traveler", t.traveler.name, t.verdict) for t in summary.travelers]
        now += [("group", g.name, g.verdict) for g in summary.groups]
        for scope, subject, v in now:
            reasons = list(v.reasons)
            if before.get((scope, subject)) == (v.verdict, reasons):
                continue
            tx.conn.execute(
                insert(verdicts).values(
                    case_id=case_id,
                    scope=scope,
                    subject=subject,
                    verdict=v.verdict,
                    reasons=json.dumps(reasons, ensure_ascii=False),
                    computed_at=tx.at,
                )
            )
            data: dict[str, Any] = {
                "scope": scope,
                "subject": subject,
                "verdict": v.verdict,
                "reasons": reasons,
            }
            if origin is not None:
                data["after_change_in_case"] = origin  # another desk's drive moved the group
            tx.log(case_id, officer, audit.VERDICT, data)
