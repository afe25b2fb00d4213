"""Registering tickets and changing them, one transaction per action, with history and version checks.

Every change writes a history row (who, when, field, old, new) and bumps the ticket's version;
a save against a stale version is refused with `TicketConflict`, so two dispatchers never
silently overwrite each other.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from console.errors import QT_TRANSLATE_NOOP, ConsoleError
from console.models import (
    Contract,
    Equipment,
    Technician,
    Ticket,
    TicketHistory,
    contract_equipment,
    contract_sites,
)
from console.models.base import CATEGORIES, CHANNELS, PRIORITIES, TICKET_STATUSES, utcnow
from console.services.sla_retime import retime
from console.store.database import Database

TITLE_MAX = 200


class TicketError(ConsoleError):
    """A ticket action was refused; nothing was saved."""


class TicketNotFound(TicketError):
    def __init__(self, ticket_id: int) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "Ticket {ticket_id} does not exist."), ticket_id=ticket_id
        )


class TicketConflict(TicketError):
    def __init__(self, number: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "errors",
                "Ticket {number} was changed by someone else since you opened it; reload it and apply your "
                "change again.",
            ),
            number=number,
        )


class InvalidTicket(TicketError):
    def __init__(self, field: str, template: str, **params: object) -> None:
        self.field = field
        super().__init__(template, **params)


@dataclass(frozen=True, slots=True)
class TicketDraft:
    """What the dispatcher entered for a new ticket."""

    client_id: int
    title: str
    category: str = "incident"
    priority: str = "normal"
    channel: str = "phone"
    site_id: int | None = None
    contact_id: int | None = None
    equipment_id: int | None = None
    skill_id: int | None = None
    description: str = ""


def _validate(draft: TicketDraft) -> None:
    if not draft.title.strip():
        raise InvalidTicket("title", QT_TRANSLATE_NOOP("errors", "Describe the problem in the title."))
    if len(draft.title) > TITLE_MAX:
        raise InvalidTicket(
            "title",
            QT_TRANSLATE_NOOP("errors", "The title is longer than {limit} characters."),
            limit=TITLE_MAX,
        )
    for field, value, allowed in (
        ("category", draft.category, CATEGORIES),
        ("priority", draft.priority, PRIORITIES),
        ("channel", draft.channel, CHANNELS),
    ):
        if value not in allowed:
            raise InvalidTicket(
                field, QT_TRANSLATE_NOOP("errors", "Unknown {what}: {value}."), what=field, value=value
            )


def _contract_for(session: Session, draft: TicketDraft, at: datetime) -> tuple[int | None, bool]:
    """The active contract covering the ticket, and whether the work is billable on top of it."""
    query = select(Contract.id).where(
        Contract.client_id == draft.client_id,
        Contract.status == "active",
        Contract.starts_on <= at.date(),
        (Contract.ends_on.is_(None)) | (Contract.ends_on >= at.date()),
    )
    if draft.site_id is not None:
        query = query.join(contract_sites, contract_sites.c.contract_id == Contract.id).where(
            contract_sites.c.site_id == draft.site_id
        )
    contract_id = session.scalars(query.order_by(Contract.starts_on.desc())).first()
    if contract_id is None:
        return None, True
    if draft.equipment_id is not None:
        covered = session.execute(
            select(contract_equipment.c.equipment_id).where(
                contract_equipment.c.contract_id == contract_id,
                contract_equipment.c.equipment_id == draft.equipment_id,
            )
        ).first()
        if covered is None:
            return contract_id, True
    return contract_id, False


def create_ticket(
    db: Database, draft: TicketDraft, *, user_id: int | None = None, now: datetime | None = None
) -> int:
    """Register a ticket and return its id; its SLA deadlines come from the covering contract."""
    _validate(draft)
    created = now or utcnow()
    with db.transaction() as session:
        skill_id = draft.skill_id
        if skill_id is None and draft.equipment_id is not None:
            equipment = session.get(Equipment, draft.equipment_id)
            skill_id = equipment.model.skill_id if equipment else None
        contract_id, billable = _contract_for(session, draft, created)
        ticket = Ticket(
            number=f"new-{uuid.uuid4().hex[:18]}",
            client_id=draft.client_id,
            site_id=draft.site_id,
            contact_id=draft.contact_id,
            equipment_id=draft.equipment_id,
            contract_id=contract_id,
            category=draft.category,
            priority=draft.priority,
            skill_id=skill_id,
            channel=draft.channel,
            status="new",
            stage="intake",
            title=draft.title.strip(),
            description=draft.description,
            billable=billable,
            created_by_id=user_id,
            created_at=created,
            updated_at=created,
        )
        session.add(ticket)
        session.flush()
        ticket.number = f"{created.year}-{ticket.id:06d}"
        session.add(
            TicketHistory(ticket_id=ticket.id, at=created, user_id=user_id, field="status", new_value="new")
        )
        retime(session, [ticket.id], now=created, user_id=user_id)
        return ticket.id


def _load(session: Session, ticket_id: int, expected_version: int) -> Ticket:
    ticket = session.get(Ticket, ticket_id)
    if ticket is None:
        raise TicketNotFound(ticket_id)
    if ticket.version != expected_version:
        raise TicketConflict(ticket.number)
    return ticket


def _record(
    session: Session,
    ticket: Ticket,
    field: str,
    old: object,
    new: object,
    user_id: int | None,
    at: datetime,
) -> None:
    session.add(
        TicketHistory(
            ticket_id=ticket.id,
            at=at,
            user_id=user_id,
            field=field,
            old_value=None if old is None else str(old),
            new_value=None if new is None else str(new),
        )
    )


def _save(session: Session, ticket: Ticket, at: datetime, user_id: int | None) -> int:
    """Flush the ticket (refusing a stale version), then bring its SLA clocks up to date."""
    try:
        session.flush()
    except StaleDataError as exc:
        raise TicketConflict(ticket.number) from exc
    retime(session, [ticket.id], now=at, user_id=user_id)
    return ticket.version


def assign_technician(
    db: Database,
    ticket_id: int,
    technician_id: int | None,
    *,
    expected_version: int,
    user_id: int | None = None,
    now: datetime | None = None,
) -> int:
    """Assign (or with None, unassign) a technician; returns the ticket's new version."""
    moment = now or utcnow()
    with db.transaction() as session:
        ticket = _load(session, ticket_id, expected_version)
        if technician_id is not None and session.get(Technician, technician_id) is None:
            raise InvalidTicket(
                "technician", QT_TRANSLATE_NOOP("errors", "Technician {id} does not exist."), id=technician_id
            )
        old = ticket.technician_id
        ticket.technician_id = technician_id
        if technician_id is not None and ticket.status == "new":
            _record(session, ticket, "status", ticket.status, "assigned", user_id, moment)
            ticket.status = "assigned"
        _record(session, ticket, "technician", old, technician_id, user_id, moment)
        return _save(session, ticket, moment, user_id)


def change_status(
    db: Database,
    ticket_id: int,
    status: str,
    *,
    expected_version: int,
    user_id: int | None = None,
    now: datetime | None = None,
) -> int:
    """Move a ticket to `status`, stamping the SLA moments it marks; returns the ticket's new version.

    Reopening a resolved or closed ticket resumes its resolution clock where it stopped.
    """
    if status not in TICKET_STATUSES:
        raise InvalidTicket("status", QT_TRANSLATE_NOOP("errors", "Unknown status: {value}."), value=status)
    moment = now or utcnow()
    with db.transaction() as session:
        ticket = _load(session, ticket_id, expected_version)
        if moment < ticket.created_at:
            raise InvalidTicket(
                "status",
                QT_TRANSLATE_NOOP(
                    "errors", "A status cannot change before the ticket was created ({created})."
                ),
                created=ticket.created_at.isoformat(),
            )
        _record(session, ticket, "status", ticket.status, status, user_id, moment)
        ticket.status = status
        if status == "resolved":
            ticket.resolved_at = moment
            ticket.stage = "acceptance"
        elif status == "closed":
            ticket.closed_at = moment
            ticket.stage = "done"
        elif status == "reopened":
            ticket.reopen_count += 1
            ticket.resolved_at = None
            ticket.closed_at = None
            ticket.stage = "repair"
        if status in ("accepted", "en_route", "on_site") and ticket.reacted_at is None:
            ticket.reacted_at = moment
        if status == "on_site" and ticket.arrived_at is None:
            ticket.arrived_at = moment
        return _save(session, ticket, moment, user_id)


def change_priority(
    db: Database,
    ticket_id: int,
    priority: str,
    *,
    expected_version: int,
    user_id: int | None = None,
    now: datetime | None = None,
) -> int:
    """Change the priority; the SLA targets change with it and the deadlines are re-timed from the history."""
    if priority not in PRIORITIES:
        raise InvalidTicket(
            "priority", QT_TRANSLATE_NOOP("errors", "Unknown priority: {value}."), value=priority
        )
    moment = now or utcnow()
    with db.transaction() as session:
        ticket = _load(session, ticket_id, expected_version)
        _record(session, ticket, "priority", ticket.priority, priority, user_id, moment)
        ticket.priority = priority
        return _save(session, ticket, moment, user_id)
