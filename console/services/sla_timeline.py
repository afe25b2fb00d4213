"""The open tickets' SLA spans for the timeline: creation to each deadline, thresholds and pauses.

Everything a lane shows is read from stored facts, so thousands of tickets load in one pass: the
deadlines and states from the ticket; the warning and critical thresholds already crossed from the
ticket's history (the SLA clock writes a history row when the resolution clock changes state) and
the next one from `sla_next_check_at` (the moment the clock next changes state); pauses from the
status changes in the history, in the statuses the ticket's SLA policy pauses the resolution clock
on (a pause still running ends at None). A ticket whose resolution clock is paused has no deadline
(it moves with the pause); its lane ends now, and `left_seconds` says what is left when it resumes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from console.models import Client, Contract, Skill, SlaPauseStatus, Technician, Ticket, TicketHistory
from console.models.base import OPEN_STATUSES
from console.services.sla_retime import status_changes
from console.store.database import Database

Pause = tuple[datetime, datetime | None]

THRESHOLD_STATES = ("warning", "critical")


@dataclass(frozen=True, slots=True)
class SlaSpan:
    ticket_id: int
    number: str
    client_id: int
    client: str
    priority: str
    skill: str | None
    technician: str | None
    sla_state: str
    created_at: datetime
    reaction_due_at: datetime | None
    arrival_due_at: datetime | None
    resolution_due_at: datetime | None
    """None while the resolution clock is paused."""
    left_seconds: int | None
    """Business time left on the resolution clock as last evaluated (exact while paused)."""
    thresholds: tuple[datetime, ...]
    """Warning and critical moments of the resolution clock: those crossed and the next one."""
    pauses: tuple[Pause, ...]
    """Intervals the resolution clock stood still; the last one may still run (end None)."""

    def bar_end(self, now: datetime) -> datetime:
        """Where the lane's bar ends: the deadline, or now while the clock is paused."""
        return self.resolution_due_at if self.resolution_due_at is not None else max(now, self.created_at)

    def sort_key(self) -> tuple[int, float, int]:
        """Nearest deadline first; paused tickets after, least time left first."""
        if self.resolution_due_at is not None:
            return (0, self.resolution_due_at.timestamp(), self.ticket_id)
        return (1, float(self.left_seconds or 0), self.ticket_id)


def _crossed(session: Session, ids: list[int]) -> dict[int, list[datetime]]:
    crossed: dict[int, list[datetime]] = defaultdict(list)
    rows = session.execute(
        select(TicketHistory.ticket_id, TicketHistory.at).where(
            TicketHistory.ticket_id.in_(ids),
            TicketHistory.field == "sla_resolution",
            TicketHistory.new_value.in_(THRESHOLD_STATES),
        )
    )
    for ticket_id, at in rows:
        crossed[ticket_id].append(at)
    return crossed


def _pauses(changes: list[tuple[datetime, str]], statuses: frozenset[str]) -> tuple[Pause, ...]:
    pauses: list[Pause] = []
    since: datetime | None = None
    for at, status in changes:
        if status in statuses and since is None:
            since = at
        elif status not in statuses and since is not None:
            pauses.append((since, at))
            since = None
    if since is not None:
        pauses.append((since, None))
    return tuple(pauses)


def open_sla_spans(db: Database, ids: Collection[int] | None = None) -> list[SlaSpan]:
    """Open tickets with a resolution clock (only those among `ids` when given), nearest deadline first."""
    query = (
        select(
            Ticket.id,
            Ticket.number,
            Ticket.client_id,
            Client.name,
            Ticket.priority,
            Skill.name,
            Technician.full_name,
            Ticket.sla_state,
            Ticket.created_at,
            Ticket.reaction_due_at,
            Ticket.arrival_due_at,
            Ticket.resolution_due_at,
            Ticket.sla_left_seconds,
            Ticket.sla_next_check_at,
            Contract.sla_policy_id,
        )
        .join(Client, Client.id == Ticket.client_id)
        .outerjoin(Skill, Skill.id == Ticket.skill_id)
        .outerjoin(Technician, Technician.id == Ticket.technician_id)
        .outerjoin(Contract, Contract.id == Ticket.contract_id)
        .where(
            Ticket.status.in_(OPEN_STATUSES),
            or_(Ticket.resolution_due_at.is_not(None), Ticket.resolution_state == "paused"),
        )
    )
    if ids is not None:
        query = query.where(Ticket.id.in_(list(ids)))
    with db.session() as session:
        rows = session.execute(query).all()
        wanted = [row[0] for row in rows]
        pause_statuses: dict[int, set[str]] = defaultdict(set)
        for policy_id, status in session.execute(
            select(SlaPauseStatus.policy_id, SlaPauseStatus.status).where(
                SlaPauseStatus.clock == "resolution"
            )
        ):
            pause_statuses[policy_id].add(status)
        changes = status_changes(session, wanted)
        crossed: dict[int, list[datetime]] = defaultdict(list)
        for start in range(0, len(wanted), 500):
            for ticket_id, moments in _crossed(session, wanted[start : start + 500]).items():
                crossed[ticket_id].extend(moments)
    spans = []
    for (
        ticket_id,
        number,
        client_id,
        client,
        priority,
        skill,
        technician,
        state,
        created_at,
        reaction_due,
        arrival_due,
        resolution_due,
        left,
        next_check,
        policy_id,
    ) in rows:
        thresholds = sorted(crossed.get(ticket_id, []))
        if next_check is not None and resolution_due is not None and next_check < resolution_due:
            thresholds.append(next_check)
        statuses = frozenset(pause_statuses.get(policy_id, ())) if policy_id is not None else frozenset()
        spans.append(
            SlaSpan(
                ticket_id=ticket_id,
                number=number,
                client_id=client_id,
                client=client,
                priority=priority,
                skill=skill,
                technician=technician,
                sla_state=state,
                created_at=created_at,
                reaction_due_at=reaction_due,
                arrival_due_at=arrival_due,
                resolution_due_at=resolution_due,
                left_seconds=left,
                thresholds=tuple(thresholds),
                pauses=_pauses(changes.get(ticket_id, []), statuses),
            )
        )
    return sorted(spans, key=SlaSpan.sort_key)
