"""The change feed: every committed change to a tracked entity, readable incrementally by any console.

Writers append to `change_log` from a session hook, inside the transaction that made the change.
Readers ask for rows after the last id they saw. For that to be safe the ids must appear in commit
order: SQLite has one writer at a time, and on PostgreSQL writers take a transaction-scoped
advisory lock before they draw ids, so a later id is never visible before an earlier one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Engine, Table, event, func, select, text
from sqlalchemy.orm import Session

from console.models import Base, ChangeLogEntry
from console.models.base import utcnow
from console.store.bulk import RowEncoder, insert_encoded

CHANGE_LOCK_KEY = 0x0D15_0002
CHANNEL = "console_changes"  # writers NOTIFY it when they log changes (PostgreSQL)
POLL_INTERVAL_S = 0.2  # how often consoles look for new changes: the feed's latency budget is 1 s
ORIGIN_KEY = "change_origin"
_COLUMNS = ("at", "entity", "entity_id", "op", "origin")


@dataclass(frozen=True, slots=True)
class Change:
    """One committed change: which entity (its table name), which row, and what happened to it."""

    id: int
    entity: str
    entity_id: int
    op: str
    origin: str | None


def _pk(obj: Base) -> int | None:
    identity = obj.__mapper__.primary_key_from_instance(obj)
    return identity[0] if len(identity) == 1 and isinstance(identity[0], int) else None


def append(session: Session, changes: Iterable[tuple[str, int, str]]) -> None:
    """Log changes written without the ORM (bulk updates): (table name, row id, op) each."""
    origin = session.info.get(ORIGIN_KEY)
    found = list(changes)
    if not found:
        return
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHANGE_LOCK_KEY})
        # Delivered on commit (and never if the transaction rolls back); repeats in one are merged.
        connection.execute(text(f"NOTIFY {CHANNEL}"))
    encoder = RowEncoder(connection, cast(Table, ChangeLogEntry.__table__), _COLUMNS)
    at = encoder.encode([utcnow()], only=("at",))[0]
    insert_encoded(
        connection, encoder, [(at, entity, entity_id, op, origin) for entity, entity_id, op in found]
    )


def record_changes(session: Session, _flush_context: Any) -> None:
    """Session `after_flush` hook: log what this flush inserted, updated or deleted."""
    changes: list[tuple[str, int, str]] = []
    for op, objects in (("insert", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objects:
            if isinstance(obj, ChangeLogEntry) or not isinstance(obj, Base):
                continue
            if op == "update" and not session.is_modified(obj):
                continue
            entity_id = _pk(obj)
            if entity_id is not None:
                changes.append((obj.__tablename__, entity_id, op))
    append(session, changes)


def install(session_class: type[Session]) -> None:
    """Attach the change recorder to every session of `session_class`."""
    if not event.contains(session_class, "after_flush", record_changes):
        event.listen(session_class, "after_flush", record_changes)


def latest_id(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.coalesce(func.max(ChangeLogEntry.id), 0))).scalar_one())


class ChangeFeedReader:
    """Reads the change log from a point on; each `poll()` returns what was committed since the last."""

    def __init__(self, engine: Engine, after_id: int | None = None) -> None:
        self._engine = engine
        self.last_id = latest_id(engine) if after_id is None else after_id

    def poll(self, limit: int = 5000) -> list[Change]:
        """New changes in commit order; raises SQLAlchemy's OperationalError when the database is away."""
        query = (
            select(
                ChangeLogEntry.id,
                ChangeLogEntry.entity,
                ChangeLogEntry.entity_id,
                ChangeLogEntry.op,
                ChangeLogEntry.origin,
            )
            .where(ChangeLogEntry.id > self.last_id)
            .order_by(ChangeLogEntry.id)
            .limit(limit)
        )
        with self._engine.connect() as connection:
            changes = [Change(*row) for row in connection.execute(query)]
        if changes:
            self.last_id = changes[-1].id
        return changes
