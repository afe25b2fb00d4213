"""Everything the ticket dialog shows about one ticket, read in one go.

The card is a snapshot at one version: the dialog edits against `version`, and when a save is
refused as stale the dialog compares this snapshot with a fresh card to show what the other
dispatcher changed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import aliased

from console.models import Client, Contact, Equipment, EquipmentModel, Site, Skill, Technician, Ticket
from console.services.tickets import HistoryEntry, TicketNotFound, ticket_history
from console.services.workflow import HAND_OFF_STAGE, ChecklistEntry, load_workflow, ticket_checklist
from console.store.database import Database


@dataclass(frozen=True, slots=True)
class TicketCard:
    id: int
    number: str
    version: int
    title: str
    description: str
    category: str
    priority: str
    channel: str
    status: str
    stage: str
    client_id: int
    client: str
    site_id: int | None
    site: str | None
    contact_id: int | None
    contact: str | None
    equipment_id: int | None
    equipment: str | None
    skill_id: int | None
    skill: str | None
    technician_id: int | None
    technician: str | None
    handed_to: str | None
    billable: bool
    created_at: datetime
    status_since: datetime | None
    stage_due_at: datetime | None
    planned_for: datetime | None
    reaction_due_at: datetime | None
    arrival_due_at: datetime | None
    resolution_due_at: datetime | None
    sla_state: str
    sla_issue: str | None
    reopen_count: int
    next_statuses: tuple[str, ...]
    # Next statuses that hand the ticket to a department or contractor (they need a name).
    hand_off_statuses: tuple[str, ...]
    checklist: tuple[ChecklistEntry, ...]
    history: tuple[HistoryEntry, ...]


# The fields a dispatcher edits or reads as "the ticket"; a stale save lists those that differ.
COMPARED = (
    "title",
    "description",
    "priority",
    "status",
    "site",
    "contact",
    "equipment",
    "skill",
    "technician",
    "handed_to",
    "planned_for",
)


def ticket_card(db: Database, ticket_id: int) -> TicketCard:
    """The ticket with its names resolved, the statuses it may move to, its checklist and history."""
    technician = aliased(Technician)
    with db.session() as session:
        row = session.execute(
            select(
                Ticket,
                Client.name,
                Site.address,
                Contact.full_name,
                EquipmentModel.name,
                Equipment.serial_number,
                Skill.name,
                technician.full_name,
            )
            .join(Client, Client.id == Ticket.client_id)
            .outerjoin(Site, Site.id == Ticket.site_id)
            .outerjoin(Contact, Contact.id == Ticket.contact_id)
            .outerjoin(Equipment, Equipment.id == Ticket.equipment_id)
            .outerjoin(EquipmentModel, EquipmentModel.id == Equipment.model_id)
            .outerjoin(Skill, Skill.id == Ticket.skill_id)
            .outerjoin(technician, technician.id == Ticket.technician_id)
            .where(Ticket.id == ticket_id)
        ).one_or_none()
        if row is None:
            raise TicketNotFound(ticket_id)
        ticket, client, site, contact, model, serial, skill, technician_name = row
        workflow = load_workflow(session, ticket.category)
        card = TicketCard(
            id=ticket.id,
            number=ticket.number,
            version=ticket.version,
            title=ticket.title,
            description=ticket.description,
            category=ticket.category,
            priority=ticket.priority,
            channel=ticket.channel,
            status=ticket.status,
            stage=ticket.stage,
            client_id=ticket.client_id,
            client=client,
            site_id=ticket.site_id,
            site=site,
            contact_id=ticket.contact_id,
            contact=contact,
            equipment_id=ticket.equipment_id,
            equipment=f"{model} {serial}" if model else None,
            skill_id=ticket.skill_id,
            skill=skill,
            technician_id=ticket.technician_id,
            technician=technician_name,
            handed_to=ticket.handed_to,
            billable=ticket.billable,
            created_at=ticket.created_at,
            status_since=ticket.status_since,
            stage_due_at=ticket.stage_due_at,
            planned_for=ticket.planned_for,
            reaction_due_at=ticket.reaction_due_at,
            arrival_due_at=ticket.arrival_due_at,
            resolution_due_at=ticket.resolution_due_at,
            sla_state=ticket.sla_state,
            sla_issue=ticket.sla_issue,
            reopen_count=ticket.reopen_count,
            next_statuses=workflow.next_statuses(ticket.status),
            hand_off_statuses=tuple(s.status for s in workflow.statuses if s.stage == HAND_OFF_STAGE),
            checklist=(),
            history=(),
        )
    return replace(
        card, checklist=tuple(ticket_checklist(db, card.id)), history=tuple(ticket_history(db, card.id))
    )


def differences(mine: TicketCard, theirs: TicketCard) -> list[tuple[str, object, object]]:
    """The compared fields that differ between two snapshots: (field, mine, theirs)."""
    return [
        (name, getattr(mine, name), getattr(theirs, name))
        for name in COMPARED
        if getattr(mine, name) != getattr(theirs, name)
    ]
