"""Ticket queues: which open tickets a queue holds, as plain rows for the queue table.

A queue is a named condition on tickets, evaluated in the database. `queue_rows` with `ids`
answers "which of these changed tickets belong to the queue now, and how do they look", which is
how a live view refreshes only the rows the change feed names.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select, true
from sqlalchemy.orm import aliased

from console.errors import QT_TRANSLATE_NOOP
from console.models import Client, Site, Skill, Technician, Ticket
from console.models.base import OPEN_STATUSES, WAITING_STATUSES
from console.store.database import Database


@dataclass(frozen=True, slots=True)
class QueueRow:
    """What a queue table shows about one ticket."""

    id: int
    number: str
    title: str
    client_id: int
    client: str
    site_id: int | None
    site: str | None
    priority: str
    category: str
    status: str
    stage: str
    skill: str | None
    technician_id: int | None
    technician: str | None
    sla_state: str
    resolution_due_at: datetime | None
    created_at: datetime
    version: int
    reaction_state: str = "none"
    arrival_state: str = "none"
    resolution_state: str = "none"
    reaction_due_at: datetime | None = None
    arrival_due_at: datetime | None = None
    sla_left_seconds: int | None = None
    sla_issue: str | None = None
    resolution_pause_seconds: int = 0


@dataclass(frozen=True, slots=True)
class QueueDefinition:
    key: str
    title: str

    def condition(self) -> ColumnElement[bool]:
        return _CONDITIONS[self.key]()


_CONDITIONS: dict[str, Callable[[], ColumnElement[bool]]] = {
    "open": lambda: Ticket.status.in_(OPEN_STATUSES),
    "unassigned": lambda: and_(Ticket.status.in_(OPEN_STATUSES), Ticket.technician_id.is_(None)),
    "at_risk": lambda: and_(
        Ticket.status.in_(OPEN_STATUSES), Ticket.sla_state.in_(("warning", "critical", "breached"))
    ),
    "waiting": lambda: Ticket.status.in_(WAITING_STATUSES),
    "all": lambda: true(),
}

QUEUES: tuple[QueueDefinition, ...] = (
    QueueDefinition("open", QT_TRANSLATE_NOOP("queues", "All open")),
    QueueDefinition("unassigned", QT_TRANSLATE_NOOP("queues", "Unassigned")),
    QueueDefinition("at_risk", QT_TRANSLATE_NOOP("queues", "At risk")),
    QueueDefinition("waiting", QT_TRANSLATE_NOOP("queues", "Waiting")),
)


def queue_by_key(key: str) -> QueueDefinition:
    for queue in QUEUES:
        if queue.key == key:
            return queue
    raise KeyError(key)


def _rows_query(condition: ColumnElement[bool]) -> Select[*tuple[Any, ...]]:
    technician = aliased(Technician)
    return (
        select(
            Ticket.id,
            Ticket.number,
            Ticket.title,
            Ticket.client_id,
            Client.name.label("client"),
            Ticket.site_id,
            Site.address.label("site"),
            Ticket.priority,
            Ticket.category,
            Ticket.status,
            Ticket.stage,
            Skill.name.label("skill"),
            Ticket.technician_id,
            technician.full_name.label("technician"),
            Ticket.sla_state,
            Ticket.resolution_due_at,
            Ticket.created_at,
            Ticket.version,
            Ticket.reaction_state,
            Ticket.arrival_state,
            Ticket.resolution_state,
            Ticket.reaction_due_at,
            Ticket.arrival_due_at,
            Ticket.sla_left_seconds,
            Ticket.sla_issue,
            Ticket.resolution_pause_seconds,
        )
        .join(Client, Client.id == Ticket.client_id)
        .outerjoin(Site, Site.id == Ticket.site_id)
        .outerjoin(Skill, Skill.id == Ticket.skill_id)
        .outerjoin(technician, technician.id == Ticket.technician_id)
        .where(condition)
    )


def queue_rows(db: Database, queue: QueueDefinition, ids: Collection[int] | None = None) -> list[QueueRow]:
    """The queue's tickets (only those among `ids` when given), most urgent deadline first."""
    query = _rows_query(queue.condition())
    if ids is not None:
        if not ids:
            return []
        query = query.where(Ticket.id.in_(list(ids)))
    query = query.order_by(Ticket.resolution_due_at.is_(None), Ticket.resolution_due_at, Ticket.id)
    with db.session() as session:
        return [QueueRow(**row._asdict()) for row in session.execute(query)]


def queue_count(db: Database, queue: QueueDefinition) -> int:
    with db.session() as session:
        return int(
            session.execute(select(func.count()).select_from(Ticket).where(queue.condition())).scalar_one()
        )
