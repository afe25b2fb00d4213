"""Registering tickets and changing them, one transaction per action, with history and version checks.

Every change writes history rows (who, when, field, old, new, and the ticket version it produced)
and bumps the ticket's version; a save against a stale version is refused with `TicketConflict`,
which carries what changed since, so two dispatchers never silently overwrite each other.

Status changes follow the ticket category's workflow (see workflow.py): only the transitions it
allows, "resolved" only with a complete checklist, "reopened" only within its reopening period;
each status sets the ticket's stage and the deadline for leaving it. New tickets and edits must
keep the category's mandatory fields filled.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from console.errors import QT_TRANSLATE_NOOP, ConsoleError
from console.models import (
    Contact,
    Equipment,
    Site,
    Skill,
    Technician,
    Ticket,
    TicketHistory,
    User,
)
from console.models.base import CATEGORIES, CHANNELS, PRIORITIES, TICKET_STATUSES, utcnow
from console.services.access import require
from console.services.sla_retime import retime
from console.services.ticket_intake import contract_cover
from console.services.workflow import HAND_OFF_STAGE, Workflow, load_workflow, missing_fields, undone_items
from console.store.database import Database

TITLE_MAX = 200
DESCRIPTION_MAX = 4000
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One row of a ticket's history as the history tab shows it; `user` is the full name, if any."""

    at: datetime
    user: str | None
    field: str
    old: str | None
    new: str | None
    version: int | None


class TicketError(ConsoleError):
    """A ticket action was refused; nothing was saved."""


class TicketNotFound(TicketError):
    def __init__(self, ticket_id: int) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "Ticket {ticket_id} does not exist."), ticket_id=ticket_id
        )


class TicketConflict(TicketError):
    """The ticket changed since the caller's version; `changes` are the history rows written since."""

    def __init__(self, number: str, changes: tuple[HistoryEntry, ...] = ()) -> None:
        self.number = number
        self.changes = changes
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


class Unset(enum.Enum):
    """The type of UNSET, which marks an `update_ticket` argument that was not given (None clears)."""

    UNSET = enum.auto()


UNSET = Unset.UNSET


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


def _check_title(title: str) -> None:
    if not title.strip():
        raise InvalidTicket("title", QT_TRANSLATE_NOOP("errors", "Describe the problem in the title."))
    if len(title) > TITLE_MAX:
        raise InvalidTicket(
            "title",
            QT_TRANSLATE_NOOP("errors", "The title is longer than {limit} characters."),
            limit=TITLE_MAX,
        )


def _check_description(description: str) -> None:
    if len(description) > DESCRIPTION_MAX:
        raise InvalidTicket(
            "description",
            QT_TRANSLATE_NOOP("errors", "The description is longer than {limit} characters."),
            limit=DESCRIPTION_MAX,
        )


def _check_known(field: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise InvalidTicket(
            field, QT_TRANSLATE_NOOP("errors", "Unknown {what}: {value}."), what=field, value=value
        )


def _validate(draft: TicketDraft) -> None:
    _check_title(draft.title)
    _check_description(draft.description)
    _check_known("category", draft.category, CATEGORIES)
    _check_known("priority", draft.priority, PRIORITIES)
    _check_known("channel", draft.channel, CHANNELS)


MISSING_FIELD_MESSAGES = {
    "site": QT_TRANSLATE_NOOP("errors", "Choose the site: tickets of this category need one."),
    "contact": QT_TRANSLATE_NOOP("errors", "Choose who asked: tickets of this category need a contact."),
    "equipment": QT_TRANSLATE_NOOP("errors", "Choose the equipment unit: tickets of this category need one."),
    "description": QT_TRANSLATE_NOOP(
        "errors", "Describe the problem: tickets of this category need a description."
    ),
    "skill": QT_TRANSLATE_NOOP("errors", "Choose the skill: tickets of this category need one."),
}


def _require(missing: tuple[str, ...]) -> None:
    """Refuse a ticket that leaves a mandatory field empty, naming the first such field."""
    if missing:
        raise InvalidTicket(missing[0], MISSING_FIELD_MESSAGES[missing[0]])


def _contract_for(session: Session, draft: TicketDraft, at: datetime) -> tuple[int | None, bool]:
    """The active contract covering the ticket, and whether the work is billable on top of it.

    The rule is `ticket_intake.contract_cover`, the one the intake dialog shows before saving.
    """
    contract_id, covered = contract_cover(session, draft.client_id, draft.site_id, draft.equipment_id, at)
    return contract_id, not covered


def create_ticket(
    db: Database, draft: TicketDraft, *, user_id: int | None = None, now: datetime | None = None
) -> int:
    """Register a ticket and return its id; its SLA deadlines come from the covering contract.

    The category's mandatory fields must be filled; the ticket starts in "new", in the stage and
    with the deadline the category's workflow gives that status.
    """
    _validate(draft)
    created = now or utcnow()
    with db.transaction() as session:
        require(session, user_id, "tickets")
        workflow = load_workflow(session, draft.category)
        skill_id = draft.skill_id
        if skill_id is None and draft.equipment_id is not None:
            equipment = session.get(Equipment, draft.equipment_id)
            skill_id = equipment.model.skill_id if equipment else None
        _require(
            missing_fields(
                session,
                workflow,
                client_id=draft.client_id,
                site_id=draft.site_id,
                contact_id=draft.contact_id,
                equipment_id=draft.equipment_id,
                skill_id=skill_id,
                description=draft.description,
            ),
        )
        contract_id, billable = _contract_for(session, draft, created)
        first = workflow.step("new") if workflow.has("new") else None
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
            stage=first.stage if first else "intake",
            status_since=created,
            stage_due_at=first.due(created) if first else None,
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
        session.flush()
        session.add(
            TicketHistory(
                ticket_id=ticket.id,
                at=created,
                user_id=user_id,
                field="status",
                new_value="new",
                version=ticket.version,
            )
        )
        retime(session, [ticket.id], now=created, user_id=user_id)
        return ticket.id


def _history(session: Session, ticket_id: int, since_version: int | None = None) -> list[HistoryEntry]:
    query = (
        select(TicketHistory, User.full_name)
        .outerjoin(User, User.id == TicketHistory.user_id)
        .where(TicketHistory.ticket_id == ticket_id)
        .order_by(TicketHistory.id)
    )
    if since_version is not None:
        query = query.where(TicketHistory.version > since_version)
    return [
        HistoryEntry(row.at, name, row.field, row.old_value, row.new_value, row.version)
        for row, name in session.execute(query)
    ]


def ticket_history(db: Database, ticket_id: int) -> list[HistoryEntry]:
    """Every change of the ticket, oldest first, with the full name of who made it."""
    with db.session() as session:
        if session.get(Ticket, ticket_id) is None:
            raise TicketNotFound(ticket_id)
        return _history(session, ticket_id)


def _load(session: Session, ticket_id: int, expected_version: int) -> Ticket:
    """The ticket, locked for this transaction, if it still has the version the caller saw."""
    ticket = session.get(Ticket, ticket_id, with_for_update=True)
    if ticket is None:
        raise TicketNotFound(ticket_id)
    if ticket.version != expected_version:
        raise TicketConflict(ticket.number, tuple(_history(session, ticket_id, expected_version)))
    return ticket


def record_change(
    session: Session,
    ticket: Ticket,
    field: str,
    old: object,
    new: object,
    user_id: int | None,
    at: datetime,
) -> None:
    """Write a history row for a change of a loaded ticket, which the coming save turns into a new version."""
    if ticket.updated_at == at and not session.is_modified(ticket):
        flag_modified(ticket, "updated_at")  # the save bumps the version even if `at` equals the stored time
    ticket.updated_at = at
    session.add(
        TicketHistory(
            ticket_id=ticket.id,
            at=at,
            user_id=user_id,
            field=field,
            old_value=None if old is None else str(old),
            new_value=None if new is None else str(new),
            version=ticket.version + 1,
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


def enter_status(
    session: Session, ticket: Ticket, workflow: Workflow, status: str, user_id: int | None, moment: datetime
) -> None:
    """Move a loaded ticket to `status` as its workflow allows, stamping what the status marks.

    The stage and its deadline come from the workflow; leaving the hand-off status clears
    `handed_to`; resolving, closing, reopening, accepting and arriving stamp the SLA moments.
    """
    if moment < ticket.created_at:
        raise InvalidTicket(
            "status",
            QT_TRANSLATE_NOOP("errors", "A status cannot change before the ticket was created ({created})."),
            created=ticket.created_at.isoformat(),
        )
    allowed = workflow.next_statuses(ticket.status)
    if status not in allowed:
        raise InvalidTicket(
            "status",
            QT_TRANSLATE_NOOP(
                "errors", "A {category} ticket cannot go from {current} to {status}; it can go to: {allowed}."
            ),
            category=ticket.category,
            current=ticket.status,
            status=status,
            allowed=", ".join(allowed) or "-",
        )
    if status == "resolved":
        undone = undone_items(session, ticket.id, workflow)
        if undone:
            raise InvalidTicket(
                "checklist",
                QT_TRANSLATE_NOOP("errors", "Complete the checklist before resolving the ticket: {items}."),
                items="; ".join(item.text for item in undone),
            )
    if status == "reopened":
        limit = workflow.reopen_limit(ticket.resolved_at, ticket.closed_at)
        if limit is not None and moment > limit:
            raise InvalidTicket(
                "status",
                QT_TRANSLATE_NOOP(
                    "errors",
                    "Ticket {number} could be reopened until {limit}; register a new ticket for the rework.",
                ),
                number=ticket.number,
                limit=f"{limit:%Y-%m-%d %H:%M} UTC",
            )
    step = workflow.step(status)
    record_change(session, ticket, "status", ticket.status, status, user_id, moment)
    if ticket.handed_to is not None and step.stage != HAND_OFF_STAGE:
        record_change(session, ticket, "handed_to", ticket.handed_to, None, user_id, moment)
        ticket.handed_to = None
    ticket.status = status
    ticket.stage = step.stage
    ticket.status_since = moment
    ticket.stage_due_at = step.due(moment)
    if status == "resolved":
        ticket.resolved_at = moment
    elif status == "closed":
        ticket.closed_at = moment
    elif status == "reopened":
        ticket.reopen_count += 1
        ticket.resolved_at = None
        ticket.closed_at = None
    if status in ("accepted", "en_route", "on_site") and ticket.reacted_at is None:
        ticket.reacted_at = moment
    if status == "on_site" and ticket.arrived_at is None:
        ticket.arrived_at = moment


def assign_technician(
    db: Database,
    ticket_id: int,
    technician_id: int | None,
    *,
    expected_version: int,
    user_id: int | None = None,
    now: datetime | None = None,
) -> int:
    """Assign (or with None, unassign) a technician; returns the ticket's new version.

    Assigning a new ticket moves it to "assigned" when its workflow allows that move (otherwise,
    as for a consultation, only the technician changes).
    """
    moment = now or utcnow()
    with db.transaction() as session:
        require(session, user_id, "tickets")
        ticket = _load(session, ticket_id, expected_version)
        if technician_id is not None and session.get(Technician, technician_id) is None:
            raise InvalidTicket(
                "technician", QT_TRANSLATE_NOOP("errors", "Technician {id} does not exist."), id=technician_id
            )
        old = ticket.technician_id
        ticket.technician_id = technician_id
        if technician_id is not None and ticket.status == "new":
            workflow = load_workflow(session, ticket.category)
            if workflow.allows("new", "assigned"):
                enter_status(session, ticket, workflow, "assigned", user_id, moment)
        record_change(session, ticket, "technician", old, technician_id, user_id, moment)
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
    """Move a ticket to `status` as its category's workflow allows; returns the ticket's new version.

    Refused: a move the workflow does not allow, "resolved" with checklist items not done,
    "reopened" after the reopening period. Reopening a resolved or closed ticket resumes its
    resolution clock where it stopped.
    """
    if status not in TICKET_STATUSES:
        raise InvalidTicket("status", QT_TRANSLATE_NOOP("errors", "Unknown status: {value}."), value=status)
    moment = now or utcnow()
    with db.transaction() as session:
        require(session, user_id, "tickets")
        ticket = _load(session, ticket_id, expected_version)
        enter_status(session, ticket, load_workflow(session, ticket.category), status, user_id, moment)
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
        require(session, user_id, "tickets")
        ticket = _load(session, ticket_id, expected_version)
        record_change(session, ticket, "priority", ticket.priority, priority, user_id, moment)
        ticket.priority = priority
        return _save(session, ticket, moment, user_id)


def _check_reference(session: Session, ticket: Ticket, field: str, value: int) -> None:
    """Refuse a site, contact or equipment of another client, or a skill that does not exist."""
    if field == "skill":
        if session.get(Skill, value) is None:
            raise InvalidTicket(field, QT_TRANSLATE_NOOP("errors", "Skill {id} does not exist."), id=value)
        return
    owner: int | None
    if field == "site":
        site = session.get(Site, value)
        owner = site.client_id if site else None
    elif field == "contact":
        contact = session.get(Contact, value)
        owner = contact.client_id if contact else None
    else:
        equipment = session.get(Equipment, value)
        owner = equipment.site.client_id if equipment else None
    if owner != ticket.client_id:
        raise InvalidTicket(
            field,
            QT_TRANSLATE_NOOP("errors", "The ticket's client has no {what} {id}."),
            what=field,
            id=value,
        )


def update_ticket(
    db: Database,
    ticket_id: int,
    *,
    expected_version: int,
    user_id: int | None = None,
    now: datetime | None = None,
    title: str | Unset = UNSET,
    description: str | Unset = UNSET,
    priority: str | Unset = UNSET,
    site_id: int | Unset | None = UNSET,
    contact_id: int | Unset | None = UNSET,
    equipment_id: int | Unset | None = UNSET,
    skill_id: int | Unset | None = UNSET,
    planned_for: datetime | Unset | None = UNSET,
) -> int:
    """Change the given fields of a ticket (None clears one); returns the ticket's version afterwards.

    Each changed field gets a history row; a field given with its current value is no change. A
    new site or equipment may change the covering contract (and so the SLA), a new priority the
    SLA targets; the clocks are re-timed in the same transaction. Refused, saving nothing: an
    empty or too long title, a too long description, a planned visit in the past, clearing a
    field the category makes mandatory, a site, contact or equipment of another client, a stale
    version.
    """
    if not isinstance(title, Unset):
        _check_title(title)
        title = title.strip()
    if not isinstance(description, Unset):
        _check_description(description)
    if not isinstance(priority, Unset):
        _check_known("priority", priority, PRIORITIES)
    moment = now or utcnow()
    with db.transaction() as session:
        require(session, user_id, "tickets")
        ticket = _load(session, ticket_id, expected_version)
        given: dict[str, object] = {
            "title": title,
            "description": description,
            "priority": priority,
            "site_id": site_id,
            "contact_id": contact_id,
            "equipment_id": equipment_id,
            "skill_id": skill_id,
            "planned_for": planned_for,
        }
        changes = {
            name: value
            for name, value in given.items()
            if not isinstance(value, Unset) and value != getattr(ticket, name)
        }
        if not changes:
            return ticket.version
        if "planned_for" in changes and isinstance(planned_for, datetime) and planned_for < moment:
            raise InvalidTicket(
                "planned_for", QT_TRANSLATE_NOOP("errors", "A planned visit cannot be in the past.")
            )
        for field, reference in (
            ("site", site_id),
            ("contact", contact_id),
            ("equipment", equipment_id),
            ("skill", skill_id),
        ):
            if f"{field}_id" in changes and isinstance(reference, int):
                _check_reference(session, ticket, field, reference)
        workflow = load_workflow(session, ticket.category)
        missing = missing_fields(
            session,
            workflow,
            client_id=ticket.client_id,
            site_id=_given(site_id, ticket.site_id),
            contact_id=_given(contact_id, ticket.contact_id),
            equipment_id=_given(equipment_id, ticket.equipment_id),
            skill_id=_given(skill_id, ticket.skill_id),
            description=_given(description, ticket.description),
        )
        # Only what this edit empties is refused; a field that was already empty stays the caller's to fill.
        _require(tuple(f for f in missing if f in changes or f"{f}_id" in changes))
        for name, value in changes.items():
            old = getattr(ticket, name)
            record_change(
                session,
                ticket,
                name.removesuffix("_id"),
                old.isoformat() if isinstance(old, datetime) else old,
                value.isoformat() if isinstance(value, datetime) else value,
                user_id,
                moment,
            )
            setattr(ticket, name, value)
        if "site_id" in changes or "equipment_id" in changes:
            _recheck_contract(session, ticket, user_id, moment)
        return _save(session, ticket, moment, user_id)


def _given(value: T | Unset, current: T) -> T:
    """The value an `update_ticket` argument leaves the field with."""
    return current if isinstance(value, Unset) else value


def _recheck_contract(session: Session, ticket: Ticket, user_id: int | None, moment: datetime) -> None:
    """After a new site or equipment: the contract that covers the ticket now, and whether it is billable."""
    draft = TicketDraft(
        client_id=ticket.client_id,
        title=ticket.title,
        category=ticket.category,
        site_id=ticket.site_id,
        equipment_id=ticket.equipment_id,
    )
    contract_id, billable = _contract_for(session, draft, ticket.created_at)
    if contract_id != ticket.contract_id:
        record_change(session, ticket, "contract", ticket.contract_id, contract_id, user_id, moment)
        ticket.contract_id = contract_id
    if billable != ticket.billable:
        record_change(session, ticket, "billable", ticket.billable, billable, user_id, moment)
        ticket.billable = billable
