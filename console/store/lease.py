"""Taking, renewing and giving back a lease: one process at a time runs a team-wide duty.

Each call is one short transaction, so a lease is decided by the database alone: two processes
asking at once get one yes between them, on SQLite (one writer at a time) as on PostgreSQL (the
row's lock, and the primary key for the first taker).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, case, delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from console.models import Lease
from console.models.base import utcnow
from console.store.database import Database


def acquire(db: Database, name: str, holder: str, ttl: timedelta, now: datetime | None = None) -> bool:
    """Take or renew the lease `name` for `holder` until `now + ttl`; False while another holds it."""
    moment = now or utcnow()
    with db.transaction() as session:
        renewed = cast(
            CursorResult[Any],
            session.execute(
                update(Lease)
                .where(Lease.name == name, or_(Lease.holder == holder, Lease.expires_at <= moment))
                .values(
                    holder=holder,
                    expires_at=moment + ttl,
                    acquired_at=case((Lease.holder == holder, Lease.acquired_at), else_=moment),
                )
                .execution_options(synchronize_session=False)
            ),
        )
        if renewed.rowcount:
            return True
        dialect = postgresql if session.connection().dialect.name == "postgresql" else sqlite
        # RETURNING, not the row count, which psycopg leaves at -1 for ON CONFLICT DO NOTHING.
        taken = session.execute(
            dialect.insert(Lease)
            .values(name=name, holder=holder, acquired_at=moment, expires_at=moment + ttl)
            .on_conflict_do_nothing(index_elements=["name"])
            .returning(Lease.name)
        )
        return taken.first() is not None


def release(db: Database, name: str, holder: str) -> None:
    """Give the lease back at once, if `holder` has it, so that another process need not wait it out."""
    with db.transaction() as session:
        session.execute(delete(Lease).where(Lease.name == name, Lease.holder == holder))


def holder_of(db: Database, name: str, now: datetime | None = None) -> str | None:
    """Who holds the lease now (None when nobody does or it has expired)."""
    moment = now or utcnow()
    with db.session() as session:
        return session.scalar(select(Lease.holder).where(Lease.name == name, Lease.expires_at > moment))
