"""What the post's other desks did that this desk must see: a banner over the desk.

A group of this case (a flight, a party) is judged on every desk's drives. When its verdict
changes, by this desk's write or another's (the store's feed: LISTEN/NOTIFY on the post's
server, polling on SQLite), the banner says so; a REFER stays shown in red. While the server
cannot be reached it says "offline — N actions waiting" (the journal replays them later).

The store reads run on the store's own threads (its listener is called there); only the
finished text crosses to the GUI thread, through a queued signal.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget

from inspector.core.case.records import Change
from inspector.core.units import format_size

log = logging.getLogger(__name__)
OFFLINE_CHECK_MS = 1000

REFER_STYLE = "background: #b3261e; color: white; padding: 6px; font-weight: bold;"
PENDING_STYLE = "background: #fff4ce; color: #3a2e00; padding: 6px;"
OFFLINE_STYLE = "background: #5f6368; color: white; padding: 6px; font-weight: bold;"


class PostBanner(QLabel):
    """The groups of this case as every desk's drives judge them, and the link to the post."""

    groups_changed = Signal(object)  # list of (name, verdict, members, desks, drives, bytes)

    def __init__(self, store: Any, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Post banner"))
        self.setWordWrap(True)
        self.store = store
        self.case_id = case_id
        self._groups: list[tuple[str, str, int, int, int, int]] = []
        self._waiting: int | None = None
        self._refused: list[tuple[str, str]] = []
        self.groups_changed.connect(self._on_groups)
        self._unsubscribe = store.add_listener(self._heard)
        store.watch()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._check_offline)
        self._timer.start(OFFLINE_CHECK_MS)
        self.setVisible(False)
        self._heard(Change(case_id, ("start",)))

    def stop(self) -> None:
        self._timer.stop()
        self._unsubscribe()

    def _heard(self, change: Change) -> None:
        """On a store thread: this case's groups, read again, handed to the GUI thread."""
        if change.case_id not in (self.case_id, None):
            return
        try:
            summary = self.store.summary(self.case_id)
        except Exception as exc:  # offline: the offline line says it; keep the last groups
            log.info("post banner: %s", exc)
            return
        groups = []
        for g in summary.groups:
            if not g.elsewhere:
                continue  # a group only this desk has: the traveler panel shows it
            desks = 1 + len({e.rsplit("(", 1)[-1] for e in g.elsewhere})
            groups.append(
                (g.name, g.verdict.verdict, len(g.travelers), desks, g.totals.drives,
                 g.totals.used_bytes)
            )  # fmt: skip
        self.groups_changed.emit(groups)

    @Slot(object)
    def _on_groups(self, groups: list[tuple[str, str, int, int, int, int]]) -> None:
        self._groups = groups
        self._show()

    @Slot()
    def _check_offline(self) -> None:
        waiting = self.store.offline_waiting()
        journal = getattr(self.store, "journal", None)
        refused = journal.refused() if journal is not None else []
        if waiting != self._waiting or refused != self._refused:
            self._waiting, self._refused = waiting, refused
            self._show()

    def _show(self) -> None:
        lines = []
        style = PENDING_STYLE
        if self._waiting is not None:
            lines.append(
                self.tr("offline — {n} actions waiting for the post's server").format(
                    n=self._waiting
                )
            )
            style = OFFLINE_STYLE
        if self._refused:  # replayed, and the server said no: never silently dropped
            lines.append(
                self.tr(
                    "{n} action(s) done offline were refused by the post's server: {why}"
                ).format(n=len(self._refused), why=self._refused[-1][1])
            )
            style = OFFLINE_STYLE
        for name, verdict, members, desks, drives, used in self._groups:
            words = {
                "refer": self.tr("REFER"),
                "pending": self.tr("PENDING"),
                "clear": self.tr("CLEAR"),
            }[verdict]
            lines.append(
                self.tr(
                    "Group {name}: {verdict} on every desk's drives — {members} travelers at "
                    "{desks} desks, {drives} drives, {used} found"
                ).format(
                    name=name,
                    verdict=words,
                    members=members,
                    desks=desks,
                    drives=drives,
                    used=format_size(used),
                )
            )
            if verdict == "refer" and self._waiting is None:
                style = REFER_STYLE
        self.setText("\n".join(lines))
        self.setStyleSheet(style)
        self.setVisible(bool(lines))
