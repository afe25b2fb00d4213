"""Where technicians, open tickets and sites are: the plain data the map draws."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select

from console.models import Client, Site, Technician, Ticket
from console.models.base import OPEN_STATUSES
from console.services.position_import import PositionReading, record_positions
from console.store.database import Database


@dataclass(frozen=True, slots=True)
class TechnicianPosition:
    id: int
    name: str
    state: str
    latitude: float
    longitude: float
    reported_at: datetime | None


@dataclass(frozen=True, slots=True)
class TicketPosition:
    id: int
    number: str
    client: str
    site: str
    address: str
    technician: str | None
    priority: str
    sla_state: str
    due_at: datetime | None
    """The resolution deadline (None when the ticket has no SLA)."""
    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class SitePosition:
    id: int
    name: str
    client: str
    address: str
    latitude: float
    longitude: float
    open_tickets: int


def _site_query() -> Select[Any]:
    open_tickets = (
        select(func.count())
        .where(Ticket.site_id == Site.id, Ticket.status.in_(OPEN_STATUSES))
        .correlate(Site)
        .scalar_subquery()
    )
    return (
        select(Site.id, Site.name, Client.name, Site.address, Site.latitude, Site.longitude, open_tickets)
        .join(Client, Client.id == Site.client_id)
        .order_by(Site.id)
    )


def site_position(db: Database, site_id: int) -> SitePosition | None:
    """Where a site is, to show it on the map; None when it no longer exists."""
    with db.session() as session:
        row = session.execute(_site_query().where(Site.id == site_id)).one_or_none()
    return SitePosition(*row) if row is not None else None


def site_positions(db: Database) -> list[SitePosition]:
    """Every site, with its count of open tickets, for the map's sites layer."""
    with db.session() as session:
        return [SitePosition(*row) for row in session.execute(_site_query())]


def technician_positions(db: Database, ids: Collection[int] | None = None) -> list[TechnicianPosition]:
    """Active technicians (only those among `ids` when given) at their last reported position.

    A technician who never reported a position is shown at the home base.
    """
    query = select(
        Technician.id,
        Technician.full_name,
        Technician.state,
        Technician.last_latitude,
        Technician.last_longitude,
        Technician.home_latitude,
        Technician.home_longitude,
        Technician.last_position_at,
    ).where(Technician.active.is_(True))
    if ids is not None:
        query = query.where(Technician.id.in_(list(ids)))
    with db.session() as session:
        return [
            TechnicianPosition(
                tid, name, state, lat if lat is not None else hlat, lon if lon is not None else hlon, at
            )
            for tid, name, state, lat, lon, hlat, hlon, at in session.execute(query.order_by(Technician.id))
        ]


def open_ticket_positions(db: Database, ids: Collection[int] | None = None) -> list[TicketPosition]:
    """Open tickets with a site (only those among `ids` when given), at the site's coordinates."""
    query = (
        select(
            Ticket.id,
            Ticket.number,
            Client.name.label("client"),
            Site.name.label("site"),
            Site.address,
            Technician.full_name.label("technician"),
            Ticket.priority,
            Ticket.sla_state,
            Ticket.resolution_due_at.label("due_at"),
            Site.latitude,
            Site.longitude,
        )
        .join(Site, Site.id == Ticket.site_id)
        .join(Client, Client.id == Ticket.client_id)
        .outerjoin(Technician, Technician.id == Ticket.technician_id)
        .where(Ticket.status.in_(OPEN_STATUSES))
        .order_by(Ticket.id)
    )
    if ids is not None:
        query = query.where(Ticket.id.in_(list(ids)))
    with db.session() as session:
        return [TicketPosition(**row._asdict()) for row in session.execute(query)]


def report_position(
    db: Database,
    technician_id: int,
    latitude: float,
    longitude: float,
    at: datetime,
    state: str | None = None,
    source: str = "app",
) -> None:
    """Record a technician's reported position (and state, when it changed) as the mobile app would.

    The report goes into the position log; it moves the technician only when it is newer than the
    position the map shows (see `record_positions`).
    """
    record_positions(db, [PositionReading(technician_id, at, latitude, longitude, state)], source)
