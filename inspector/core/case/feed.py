"""Other desks' changes, as they land: the store's listeners hear them as `Change(remote=True)`.

On a post's PostgreSQL server every write transaction sends a NOTIFY at its commit
(store_base.py) and the feed LISTENs on its own connection, so a desk hears of another's drive
within milliseconds; it still looks every second, should a notification be lost while the
connection was re-made. On SQLite (several processes on one desk's file) it polls the audit
head four times a second. Either way it reads the new audit entries and tells the listeners
which cases changed and which verdicts were recorded, skipping what this store object wrote
itself (its listeners heard that at commit).
"""

from __future__ import annotations

import logging
import threading

from inspector.core.case.migrations import StoreError
from inspector.core.case.store_base import NOTIFY_CHANNEL, StoreBase, changes_of

POLL_S = 0.25  # SQLite: how often the audit head is looked at
FALLBACK_S = 1.0  # PostgreSQL: a look even without a notification
log = logging.getLogger(__name__)


class ChangeFeed:
    def __init__(self, store: StoreBase) -> None:
        self.store = store
        head = store.audit_head()
        self.last_seen = head.seq if head is not None else 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="inspector-feed", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        if self.store.location.url is None:
            while not self._stop.wait(POLL_S):
                self._look()
            return
        while not self._stop.is_set():
            try:
                self._listen()
            except Exception as exc:  # server gone: retry; the journal tells the officer
                log.info("change feed: %s", exc)
                self._stop.wait(FALLBACK_S)

    def _listen(self) -> None:
        import psycopg

        url = self.store.reader_engine.url.set(drivername="postgresql")
        conninfo = url.render_as_string(hide_password=False)
        with psycopg.connect(conninfo, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
            self._look()  # whatever landed while not listening
            while not self._stop.is_set():
                for _ in conn.notifies(timeout=FALLBACK_S, stop_after=1):
                    pass
                self._look()

    def _look(self) -> None:
        try:
            new = self.store.audit_entries(after=self.last_seen)
        except StoreError:
            return
        if not new:
            return
        self.last_seen = new[-1].seq
        mine = self.store.own_seqs
        theirs = [e for e in new if e.seq not in mine]
        mine.difference_update(e.seq for e in new)
        for change in changes_of(theirs, remote=True):
            self.store.tell(change)
