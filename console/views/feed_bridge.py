"""The change feed as Qt signals: one place where database changes become GUI events.

A thread polls the change log a few times a second and emits `changed` with the batch, on the GUI
thread. When the database cannot be reached it reports "reconnecting" and keeps trying; since it
remembers the last change it saw, a reconnected console catches up on everything it missed.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict

from PySide6.QtCore import QObject, QThread, Signal
from sqlalchemy.exc import SQLAlchemyError

from console.store.changefeed import POLL_INTERVAL_S, Change, ChangeFeedReader
from console.store.database import Database

log = logging.getLogger(__name__)

LIVE = "live"
RECONNECTING = "reconnecting"


def group_by_entity(changes: list[Change]) -> dict[str, set[int]]:
    """The changed row ids per table, e.g. {"tickets": {12, 15}}."""
    grouped: dict[str, set[int]] = defaultdict(set)
    for change in changes:
        grouped[change.entity].add(change.entity_id)
    return dict(grouped)


class _PollThread(QThread):
    batch = Signal(list)
    state = Signal(str)

    def __init__(self, db: Database, interval_s: float) -> None:
        super().__init__()
        self._db = db
        self._interval = interval_s
        self._stopping = threading.Event()
        self.reader: ChangeFeedReader | None = None

    def run(self) -> None:
        current = ""
        while not self._stopping.is_set():
            try:
                if self.reader is None:
                    self.reader = ChangeFeedReader(self._db.engine)
                changes = self.reader.poll()
            except SQLAlchemyError as exc:
                # Drop pooled connections: they may point at a server or file that is gone for good.
                self._db.engine.dispose()
                if current != RECONNECTING:
                    log.warning("change feed lost the database: %s", exc)
                    current = RECONNECTING
                    self.state.emit(current)
                self._stopping.wait(min(2.0, self._interval * 5))
                continue
            if current != LIVE:
                current = LIVE
                self.state.emit(current)
            if changes:
                self.batch.emit(changes)
            self._stopping.wait(self._interval)

    def stop(self) -> None:
        self._stopping.set()
        self.wait()


class FeedBridge(QObject):
    """Emits `changed({entity: ids}, [Change])` per committed batch and `state_changed` on live or loss."""

    changed = Signal(dict, list)
    state_changed = Signal(str)

    def __init__(
        self, db: Database, interval_s: float = POLL_INTERVAL_S, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.state = RECONNECTING
        self._thread = _PollThread(db, interval_s)
        self._thread.batch.connect(self._on_batch)
        self._thread.state.connect(self._on_state)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._thread.stop()

    def _on_batch(self, changes: list[Change]) -> None:
        self.changed.emit(group_by_entity(changes), changes)

    def _on_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)
