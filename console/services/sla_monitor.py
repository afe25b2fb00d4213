"""The SLA clocks move on by themselves: find the tickets whose clock crossed a threshold and re-time them.

Each ticket stores when its next warning, critical mark or deadline falls (`sla_next_check_at`),
so a check touches only the tickets that are due, not every open ticket. Several consoles may run
checks at once: on PostgreSQL each takes the due tickets no other console has locked, so every
state change is recorded once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from console.models import Ticket
from console.models.base import utcnow
from console.services.sla_retime import SlaTransition, retime
from console.store.database import Database

BATCH = 5_000


def any_due(db: Database, now: datetime | None = None) -> bool:
    """Whether any ticket waits for a check (cheap, and takes no write lock)."""
    moment = now or utcnow()
    with db.session() as session:
        due = select(Ticket.id).where(Ticket.sla_next_check_at <= moment).limit(1)
        return session.scalar(due) is not None


def advance_clocks(db: Database, now: datetime | None = None) -> list[SlaTransition]:
    """Re-time the tickets whose clocks have reached a threshold by `now`; returns the state changes."""
    moment = now or utcnow()
    if not any_due(db, moment):
        return []
    with db.transaction() as session:
        ids = list(
            session.scalars(
                select(Ticket.id)
                .where(Ticket.sla_next_check_at <= moment)
                .order_by(Ticket.id)
                .limit(BATCH)
                .with_for_update(skip_locked=True)
            )
        )
        return retime(session, ids, now=moment)
