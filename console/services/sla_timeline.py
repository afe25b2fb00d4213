"""The open tickets' SLA spans (creation to each deadline) for the timeline, as plain rows."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from console.models import Ticket
from console.models.base import OPEN_STATUSES
from console.store.database import Database


@dataclass(frozen=True, slots=True)
class SlaSpan:
    ticket_id: int
    number: str
    priority: str
    sla_state: str
    created_at: datetime
    reaction_due_at: datetime | None
    resolution_due_at: datetime


def open_sla_spans(db: Database, ids: Collection[int] | None = None) -> list[SlaSpan]:
    """Open tickets with a resolution deadline (only those among `ids` when given), nearest deadline first."""
    query = (
        select(
            Ticket.id.label("ticket_id"),
            Ticket.number,
            Ticket.priority,
            Ticket.sla_state,
            Ticket.created_at,
            Ticket.reaction_due_at,
            Ticket.resolution_due_at,
        )
        .where(Ticket.status.in_(OPEN_STATUSES), Ticket.resolution_due_at.is_not(None))
        .order_by(Ticket.resolution_due_at, Ticket.id)
    )
    if ids is not None:
        query = query.where(Ticket.id.in_(list(ids)))
    with db.session() as session:
        return [SlaSpan(**row._asdict()) for row in session.execute(query)]
