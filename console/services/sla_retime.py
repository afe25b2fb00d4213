"""Keeping every ticket's stored SLA state true: after a change to the ticket, its rules, or the clock.

`retime` works out the clocks of the given tickets (see ticket_sla.py) from their status
history and the rules that apply now, stores each clock's state, deadline and pause on the ticket,
and writes every change of state or deadline into the ticket's history. It runs inside the
caller's transaction, so a status change, a priority change, a policy or calendar edit and the
re-timing it causes commit together. Rules and calendars are loaded once per call, so re-timing
thousands of tickets after a calendar change costs one pass over their histories.

Which rules apply: the contract's SLA policy and its targets for the ticket's priority, on the
site's calendar when the policy says so and the site has one, else the policy's calendar, else
around the clock. A ticket without an active contract, under a contract without a policy or a
target for its priority, for equipment the contract does not cover, or at a site whose calendar
has no working time gets no clock and a stated reason (`sla_issue`), never a silent 24x7 clock.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, insert, or_, select, update
from sqlalchemy.orm import Session

from console.models import (
    Calendar,
    CalendarDay,
    Contract,
    Site,
    SlaPauseStatus,
    SlaPolicy,
    SlaTarget,
    Ticket,
    TicketHistory,
)
from console.models.base import OPEN_STATUSES, utcnow
from console.services.calendars import CalendarDayRule, to_business_calendar
from console.services.sla import BusinessCalendar, NoWorkingTimeError
from console.services.ticket_sla import CLOCKS, SlaRules, TicketSla, TicketTimeline, evaluate
from console.store import audit_trail, changefeed

CHUNK = 2_000
ALERT_STATES = ("warning", "critical", "breached")


@dataclass(frozen=True, slots=True)
class SlaTransition:
    """A clock of a ticket that changed state (the supervisor's alerts are made of these)."""

    ticket_id: int
    number: str
    clock: str
    old: str
    new: str


class Rulebook:
    """Policies, targets, pause statuses and calendars, each loaded once and shared by all tickets."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.policies = {p.id: p for p in session.scalars(select(SlaPolicy))}
        self.targets: dict[tuple[int, str], SlaTarget] = {
            (t.policy_id, t.priority): t for t in session.scalars(select(SlaTarget))
        }
        self.pauses: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for row in session.scalars(select(SlaPauseStatus)):
            self.pauses[row.policy_id][row.clock].add(row.status)
        self._calendars: dict[int | None, BusinessCalendar] = {}
        self.contracts: dict[int, Contract] = {}
        self.site_calendar: dict[int, int | None] = {}

    def load_for(self, tickets: Sequence[Any]) -> None:
        contract_ids = {t.contract_id for t in tickets if t.contract_id} - set(self.contracts)
        for chunk in _chunks(contract_ids):
            for contract in self.session.scalars(select(Contract).where(Contract.id.in_(chunk))):
                self.contracts[contract.id] = contract
        site_ids = {t.site_id for t in tickets if t.site_id} - set(self.site_calendar)
        for chunk in _chunks(site_ids):
            for site_id, calendar_id in self.session.execute(
                select(Site.id, Site.calendar_id).where(Site.id.in_(chunk))
            ):
                self.site_calendar[site_id] = calendar_id

    def calendar(self, calendar_id: int | None) -> BusinessCalendar:
        if calendar_id not in self._calendars:
            if calendar_id is None:
                self._calendars[None] = BusinessCalendar.twenty_four_seven("UTC")
            else:
                stored = self.session.get_one(Calendar, calendar_id)
                days = self.session.scalars(select(CalendarDay).where(CalendarDay.calendar_id == calendar_id))
                self._calendars[calendar_id] = to_business_calendar(
                    stored.timezone,
                    stored.weekly_hours,
                    (CalendarDayRule(d.day, d.kind, d.hours) for d in days),
                    stored.holiday_country,
                )
        return self._calendars[calendar_id]

    def in_force(self, contract_id: int, day: date) -> bool:
        """Whether the (loaded) contract is active and runs on `day`."""
        contract = self.contracts[contract_id]
        return (
            contract.status == "active"
            and contract.starts_on <= day
            and (contract.ends_on is None or contract.ends_on >= day)
        )

    def rules_for(self, ticket: Any) -> SlaRules | str:
        """The ticket's SLA rules, or the reason it has none."""
        contract = self.contracts.get(ticket.contract_id) if ticket.contract_id else None
        if contract is None:
            return "no_contract"
        if not self.in_force(ticket.contract_id, clock_start(ticket).date()):
            return "contract_inactive"
        if ticket.billable:
            return "uncovered_equipment"
        policy = self.policies.get(contract.sla_policy_id) if contract.sla_policy_id else None
        if policy is None:
            return "no_policy"
        target = self.targets.get((policy.id, ticket.priority))
        if target is None:
            return "no_target"
        site_calendar = self.site_calendar.get(ticket.site_id) if ticket.site_id else None
        calendar_id = site_calendar if policy.use_site_calendar and site_calendar else policy.calendar_id
        minutes = {
            "reaction": None if _planned_job(ticket) else target.reaction_minutes,
            "arrival": target.arrival_minutes,
            "resolution": target.resolution_minutes,
        }
        return SlaRules(
            calendar=self.calendar(calendar_id),
            targets={k: timedelta(minutes=v) if v else None for k, v in minutes.items()},
            pause_statuses={clock: frozenset(s) for clock, s in self.pauses[policy.id].items()},
            warning_ratio=policy.warning_ratio,
            critical_ratio=policy.critical_ratio,
        )


def _planned_job(ticket: Any) -> bool:
    return ticket.maintenance_due_on is not None and ticket.planned_for is not None


def clock_start(ticket: Any) -> datetime:
    """When the ticket's SLA clocks start: its creation, or a planned maintenance job's planned start.

    A maintenance job is made weeks ahead of its day; its clocks run from the time it is planned
    for, and it has no reaction clock (nobody called).
    """
    return cast(datetime, ticket.planned_for) if _planned_job(ticket) else cast(datetime, ticket.created_at)


def evaluate_ticket(
    rulebook: Rulebook, ticket: Any, changes: Sequence[tuple[datetime, str]], now: datetime
) -> TicketSla | str:
    """The ticket's clocks at `now` from its status changes, or the reason it has no SLA."""
    rules = rulebook.rules_for(ticket)
    if isinstance(rules, str):
        return rules
    return evaluate_with(
        rules, TicketTimeline(clock_start(ticket), changes, ticket.reacted_at, ticket.arrived_at), now
    )


def evaluate_with(rules: SlaRules, timeline: TicketTimeline, now: datetime) -> TicketSla | str:
    """The clocks of a timeline under rules already found, or "no_working_hours" when they cannot run."""
    try:
        return evaluate(rules, timeline, now)
    except NoWorkingTimeError:
        return "no_working_hours"


def _chunks(ids: Iterable[int], size: int = CHUNK) -> Iterable[list[int]]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def status_changes(session: Session, ticket_ids: Collection[int]) -> dict[int, list[tuple[datetime, str]]]:
    """Each ticket's status changes from its history, in order: what the SLA clocks pause on."""
    changes: dict[int, list[tuple[datetime, str]]] = defaultdict(list)
    for chunk in _chunks(ticket_ids):
        rows = session.execute(
            select(TicketHistory.ticket_id, TicketHistory.at, TicketHistory.new_value)
            .where(TicketHistory.ticket_id.in_(chunk), TicketHistory.field == "status")
            .order_by(TicketHistory.ticket_id, TicketHistory.at, TicketHistory.id)
        )
        for ticket_id, at, status in rows:
            changes[ticket_id].append((at, status or ""))
    return changes


def _text(value: object) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).isoformat() if isinstance(value, datetime) else str(value)


SLA_FIELDS = (
    "reaction_state",
    "arrival_state",
    "resolution_state",
    "reaction_due_at",
    "arrival_due_at",
    "resolution_due_at",
    "reaction_pause_seconds",
    "arrival_pause_seconds",
    "resolution_pause_seconds",
    "sla_state",
    "sla_issue",
    "sla_left_seconds",
    "sla_next_check_at",
    "paused_since",
)
# Changes of these are written into the ticket's history; the rest follow from them.
HISTORY_FIELDS = {
    "reaction_state": "sla_reaction",
    "arrival_state": "sla_arrival",
    "resolution_state": "sla_resolution",
    "reaction_due_at": "reaction_due_at",
    "arrival_due_at": "arrival_due_at",
    "resolution_due_at": "resolution_due_at",
    "sla_issue": "sla_issue",
}
_FACT_COLUMNS = (
    Ticket.id,
    Ticket.number,
    Ticket.created_at,
    Ticket.status,
    Ticket.priority,
    Ticket.contract_id,
    Ticket.site_id,
    Ticket.billable,
    Ticket.reacted_at,
    Ticket.arrived_at,
    Ticket.planned_for,
    Ticket.maintenance_due_on,
    *(getattr(Ticket, name) for name in SLA_FIELDS),
)


def stored_columns(result: TicketSla | str) -> dict[str, object]:
    """The ticket's SLA columns for an evaluation, or for a reason there is no SLA."""
    if isinstance(result, str):
        values: dict[str, object] = {f"{clock}_state": "none" for clock in CLOCKS}
        values |= {f"{clock}_due_at": None for clock in CLOCKS}
        values |= {f"{clock}_pause_seconds": 0 for clock in CLOCKS}
        return values | {
            "sla_state": "none",
            "sla_issue": result,
            "sla_left_seconds": None,
            "sla_next_check_at": None,
            "paused_since": None,
        }
    values = {}
    for clock in CLOCKS:
        state = result.clocks[clock]
        values[f"{clock}_state"] = state.state
        values[f"{clock}_due_at"] = state.due_at
        values[f"{clock}_pause_seconds"] = int(state.paused.total_seconds())
    resolution = result.clocks["resolution"]
    left = resolution.left if resolution.met_at is None else None
    return values | {
        "sla_state": result.state,
        "sla_issue": None,
        "sla_left_seconds": None if left is None else int(left.total_seconds()),
        "sla_next_check_at": result.next_check_at,
        "paused_since": resolution.paused_since,
    }


def retime(
    session: Session, ticket_ids: Collection[int], *, now: datetime | None = None, user_id: int | None = None
) -> list[SlaTransition]:
    """Re-work and store the SLA clocks of the given tickets; returns the clocks that changed state.

    Runs in the caller's transaction and sees its unflushed changes (it flushes first). The SLA
    columns are derived data, so they are written without bumping the ticket's version: the
    clock moving on never makes a dispatcher's save collide. Every changed ticket is reported to
    the change feed, and every change of a clock's state or deadline goes into the history.
    """
    moment = now or utcnow()
    session.flush()
    rulebook = Rulebook(session)
    transitions: list[SlaTransition] = []
    for chunk in _chunks(ticket_ids):
        # Lock the rows (PostgreSQL; SQLite has one writer anyway) so that two consoles re-timing the
        # same ticket take turns and the second sees what the first stored.
        facts = session.execute(
            select(*_FACT_COLUMNS).where(Ticket.id.in_(chunk)).order_by(Ticket.id).with_for_update(of=Ticket)
        ).all()
        rulebook.load_for(facts)
        histories = status_changes(session, chunk)
        updates: list[dict[str, Any]] = []
        history: list[dict[str, Any]] = []
        for fact in facts:
            changes = histories.get(fact.id) or [(fact.created_at, "new")]
            if changes[-1][1] != fact.status:
                changes = [*changes, (moment, fact.status)]
            values = stored_columns(evaluate_ticket(rulebook, fact, changes, moment))
            current = {name: getattr(fact, name) for name in SLA_FIELDS}
            if all(current[name] == values[name] for name in SLA_FIELDS):
                continue
            updates.append({"ticket_id": fact.id, **values})
            for name, label in HISTORY_FIELDS.items():
                if current[name] != values[name]:
                    history.append(
                        {
                            "ticket_id": fact.id,
                            "at": moment,
                            "user_id": user_id,
                            "field": label,
                            "old_value": _text(current[name]),
                            "new_value": _text(values[name]),
                        }
                    )
            for clock in CLOCKS:
                old, new = current[f"{clock}_state"], values[f"{clock}_state"]
                if old != new:
                    transitions.append(SlaTransition(fact.id, fact.number, clock, str(old), str(new)))
        if updates:
            table = cast(Table, Ticket.__table__)
            statement = (
                update(table)
                .where(table.c.id == bindparam("ticket_id"))
                .values({name: bindparam(name, type_=table.c[name].type) for name in SLA_FIELDS})
            )
            session.connection().execute(statement, updates)
            changed = [int(row["ticket_id"]) for row in updates]
            changefeed.append(session, [("tickets", ticket_id, "update") for ticket_id in changed])
            _refresh_loaded(session, set(changed))
        if history:
            connection = session.connection()
            ids = (
                connection.execute(insert(TicketHistory).returning(TicketHistory.id), history).scalars().all()
            )
            changefeed.append(session, [("ticket_history", history_id, "insert") for history_id in ids])
            audit_trail.append(
                session,
                (
                    ("tickets", row["ticket_id"], "update", row["field"], row["old_value"], row["new_value"])
                    for row in history
                ),
            )
    return transitions


def _refresh_loaded(session: Session, ticket_ids: set[int]) -> None:
    """Tickets already loaded in the session must not keep the SLA values they had before."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Ticket) and obj.id in ticket_ids:
            session.expire(obj, list(SLA_FIELDS))


def open_tickets_using_calendar(session: Session, calendar_id: int) -> list[int]:
    """Open tickets whose SLA clocks run on this calendar (the site's or the policy's)."""
    query = (
        select(Ticket.id)
        .join(Contract, Contract.id == Ticket.contract_id)
        .join(SlaPolicy, SlaPolicy.id == Contract.sla_policy_id)
        .outerjoin(Site, Site.id == Ticket.site_id)
        .where(
            Ticket.status.in_(OPEN_STATUSES),
            or_(
                and_(SlaPolicy.use_site_calendar.is_(True), Site.calendar_id == calendar_id),
                and_(
                    SlaPolicy.calendar_id == calendar_id,
                    or_(SlaPolicy.use_site_calendar.is_(False), Site.calendar_id.is_(None)),
                ),
            ),
        )
    )
    return list(session.scalars(query))


def open_tickets_under_policy(session: Session, policy_id: int) -> list[int]:
    query = (
        select(Ticket.id)
        .join(Contract, Contract.id == Ticket.contract_id)
        .where(Ticket.status.in_(OPEN_STATUSES), Contract.sla_policy_id == policy_id)
    )
    return list(session.scalars(query))


def open_tickets_of_contract(session: Session, contract_id: int) -> list[int]:
    query = select(Ticket.id).where(Ticket.status.in_(OPEN_STATUSES), Ticket.contract_id == contract_id)
    return list(session.scalars(query))


__all__ = [
    "ALERT_STATES",
    "SlaTransition",
    "open_tickets_of_contract",
    "open_tickets_under_policy",
    "open_tickets_using_calendar",
    "retime",
    "stored_columns",
]
