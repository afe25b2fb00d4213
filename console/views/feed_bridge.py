"""The change feed as Qt signals: one place where database changes become GUI events.

A thread follows the change stream (NOTIFY-driven on PostgreSQL, polled on SQLite) and emits
`changed` with each batch, on the GUI thread. When the database cannot be reached it reports
"offline" within seconds and keeps trying every second; since the stream remembers the last change
it saw, a reconnected console catches up on everything it missed, in order.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from console.store.change_stream import ChangeStream, DatabaseAway
from console.store.changefeed import Change
from console.store.database import Database

log = logging.getLogger(__name__)

LIVE = "live"
OFFLINE = "offline"
RETRY_S = 1.0
# No answer from the database for this long (it is asked at least every second) counts as offline.
SILENCE_S = 3.5
WATCHDOG_MS = 500


def group_by_entity(changes: list[Change]) -> dict[str, set[int]]:
    """The changed row ids per table, e.g. {"tickets": {12, 15}}."""
    grouped: dict[str, set[int]] = defaultdict(set)
    for change in changes:
        grouped[change.entity].add(change.entity_id)
    return dict(grouped)


class _FeedThread(QThread):
    batch = Signal(list)
    state = Signal(str)

    def __init__(self, db: Database) -> None:
        super().__init__()
        self._stream = ChangeStream(db.engine)
        self._stopping = threading.Event()
        self.last_contact = 0.0
        """When the database last answered (time.monotonic()); read by the bridge's watchdog."""

    def run(self) -> None:
        current = ""
        while not self._stopping.is_set():
            try:
                changes = self._stream.next_batch()
            except DatabaseAway as exc:
                if current != OFFLINE:
                    log.warning("change feed lost the database: %s", exc)
                    current = OFFLINE
                    self.state.emit(current)
                self._stopping.wait(RETRY_S)
                continue
            self.last_contact = time.monotonic()
            if current != LIVE:
                current = LIVE
                self.state.emit(current)
            if changes:
                self.batch.emit(changes)

    def stop(self) -> None:
        self._stopping.set()
        self._stream.close()
        self.wait()


class FeedBridge(QObject):
    """Emits `changed({entity: ids}, [Change])` per committed batch and `state_changed` on live or loss."""

    changed = Signal(dict, list)
    state_changed = Signal(str)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = OFFLINE
        self._db = db
        self._reported = OFFLINE
        self._thread = _FeedThread(db)
        self._thread.batch.connect(self._on_batch)
        self._thread.state.connect(self._on_state)
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(WATCHDOG_MS)
        self._watchdog.timeout.connect(self._judge)

    def start(self) -> None:
        self._thread.start()
        self._watchdog.start()

    def stop(self) -> None:
        self._watchdog.stop()
        self._thread.stop()

    def _on_batch(self, changes: list[Change]) -> None:
        self.changed.emit(group_by_entity(changes), changes)

    def _on_state(self, state: str) -> None:
        self._reported = state
        self._judge()

    def _judge(self) -> None:
        """Live only while the thread says so and the database answered lately.

        A server that hangs (or a network that drops packets) leaves the thread waiting for an answer
        instead of failing; the watchdog calls that offline too. Writes through `db` are refused at
        once while offline, so no save hangs on a database that does not answer.
        """
        fresh = time.monotonic() - self._thread.last_contact < SILENCE_S
        state = LIVE if self._reported == LIVE and fresh else OFFLINE
        if state == self.state:
            return
        self.state = state
        self._db.reachable = state == LIVE
        self.state_changed.emit(state)
