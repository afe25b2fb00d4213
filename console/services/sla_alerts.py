"""SLA alerts: the moments a ticket's clock reached a warning, its critical mark or its deadline.

They are read from the ticket history, where every SLA state change is written, so every console
sees the same alerts whichever console (or check) noticed the crossing.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Row, Select, select

from console.models import Client, Ticket, TicketHistory
from console.models.base import utcnow
from console.services.sla_retime import ALERT_STATES
from console.store.database import Database

CLOCK_FIELDS = {"sla_reaction": "reaction", "sla_arrival": "arrival", "sla_resolution": "resolution"}


@dataclass(frozen=True, slots=True)
class SlaAlert:
    history_id: int
    at: datetime
    ticket_id: int
    number: str
    client_id: int
    client: str
    priority: str
    clock: str
    state: str


def _query() -> Select[int, datetime, int, str, int, str, str, str, str | None]:
    return (
        select(
            TicketHistory.id,
            TicketHistory.at,
            Ticket.id,
            Ticket.number,
            Client.id,
            Client.name,
            Ticket.priority,
            TicketHistory.field,
            TicketHistory.new_value,
        )
        .join(Ticket, Ticket.id == TicketHistory.ticket_id)
        .join(Client, Client.id == Ticket.client_id)
        .where(TicketHistory.field.in_(list(CLOCK_FIELDS)), TicketHistory.new_value.in_(ALERT_STATES))
    )


def _alerts(rows: Iterable[Row[int, datetime, int, str, int, str, str, str, str | None]]) -> list[SlaAlert]:
    return [
        SlaAlert(hid, at, tid, number, cid, client, priority, CLOCK_FIELDS[field], state or "")
        for hid, at, tid, number, cid, client, priority, field, state in rows
    ]


def recent_alerts(
    db: Database, hours: int = 24, limit: int = 300, now: datetime | None = None
) -> list[SlaAlert]:
    """Alerts of the last `hours`, newest first."""
    since = (now or utcnow()) - timedelta(hours=hours)
    query = (
        _query().where(TicketHistory.at >= since).order_by(TicketHistory.at.desc(), TicketHistory.id.desc())
    )
    with db.session() as session:
        return _alerts(session.execute(query.limit(limit)))


def alerts_among(db: Database, history_ids: Collection[int]) -> list[SlaAlert]:
    """The alerts among newly written history rows (as the change feed names them), newest first."""
    if not history_ids:
        return []
    query = _query().where(TicketHistory.id.in_(list(history_ids)))
    with db.session() as session:
        return _alerts(session.execute(query.order_by(TicketHistory.at.desc(), TicketHistory.id.desc())))
