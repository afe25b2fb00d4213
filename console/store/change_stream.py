"""Following the change feed as it grows: woken by PostgreSQL's NOTIFY, caught up from the change log.

The change log is the one source of truth and of order; a notification only says "look now". On
PostgreSQL a console listens on `CHANNEL` (writers notify it in the transaction that logs the
change, so the wake-up arrives when the change is committed), and between wake-ups it checks the
connection every second, so a server gone away is noticed within a few seconds. On SQLite, which
has no notifications, the log is read a few times a second. Either way, after a lost connection
the reader resumes from the last change it saw, so a console that was away gets everything it
missed, in order.
"""

from __future__ import annotations

import threading
from typing import Final

import psycopg
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from console.store.changefeed import CHANNEL, POLL_INTERVAL_S, Change, ChangeFeedReader
from console.store.engine import pg_connect_args

HEARTBEAT_S: Final = 1.0
# Even when notified, the log is read at least this often: a wake-up lost in transit costs no more.
SAFETY_READ_S: Final = 5.0


class DatabaseAway(Exception):
    """The database could not be reached; the stream resumes where it was on the next call."""


class ChangeStream:
    """Batches of committed changes, in commit order, from a point on (by default: from now)."""

    def __init__(self, engine: Engine, after_id: int | None = None) -> None:
        self._engine = engine
        self._after_id = after_id
        self._reader: ChangeFeedReader | None = None
        self._listener: psycopg.Connection[tuple[object, ...]] | None = None
        self._stopped = threading.Event()
        self._since_read = 0.0

    @property
    def last_id(self) -> int | None:
        """The id of the last change handed out (None before the first contact with the database)."""
        return self._reader.last_id if self._reader is not None else self._after_id

    def next_batch(self, wait_s: float = HEARTBEAT_S) -> list[Change]:
        """The changes committed since the last batch, waiting up to about `wait_s` for some.

        Raises DatabaseAway when the database cannot be reached (then call again to reconnect).
        """
        try:
            if self._reader is None:
                self._reader = ChangeFeedReader(self._engine, self._after_id)
            if self._engine.dialect.name != "postgresql":
                changes = self._reader.poll()
                if not changes:
                    self._stopped.wait(min(wait_s, POLL_INTERVAL_S))
                return changes
            return self._next_notified(wait_s)
        except (OperationalError, psycopg.OperationalError) as exc:
            self._drop()
            raise DatabaseAway(
                str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            ) from exc

    def _next_notified(self, wait_s: float) -> list[Change]:
        assert self._reader is not None
        if self._listener is None:
            self._listener = self._listen()
            # Listening first, then reading, leaves no gap where a change could slip by unseen.
            self._since_read = 0.0
            return self._reader.poll()
        notified = any(True for _ in self._listener.notifies(timeout=wait_s, stop_after=1))
        self._since_read += wait_s if not notified else 0.0
        if notified or self._since_read >= SAFETY_READ_S:
            self._since_read = 0.0
            return self._reader.poll()
        self._listener.execute("SELECT 1")
        return []

    def _listen(self) -> psycopg.Connection[tuple[object, ...]]:
        url = self._engine.url.set(drivername="postgresql")
        connection = psycopg.connect(
            url.render_as_string(hide_password=False), autocommit=True, **pg_connect_args()
        )
        connection.execute(f"LISTEN {CHANNEL}")
        return connection

    def _drop(self) -> None:
        self._engine.dispose()  # pooled connections may point at a server that is gone for good
        if self._listener is not None:
            try:
                self._listener.close()
            finally:
                self._listener = None

    def close(self) -> None:
        """Stop waiting and let go of the listening connection."""
        self._stopped.set()
        self._drop()
