"""SLA deadlines of a ticket from its contract's policy: the calendar, the targets, when each clock is due."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.models import Calendar, CalendarDay, Contract, SlaPolicy, SlaTarget, Ticket
from console.services.calendars import CalendarDayRule, to_business_calendar
from console.services.sla import BusinessCalendar, add_business_time


def policy_calendar(session: Session, policy: SlaPolicy) -> BusinessCalendar:
    """The calendar the policy's clocks run on; a policy without one runs around the clock."""
    if policy.calendar_id is None:
        return BusinessCalendar.twenty_four_seven("UTC")
    calendar = session.get_one(Calendar, policy.calendar_id)
    days = session.scalars(select(CalendarDay).where(CalendarDay.calendar_id == calendar.id))
    return to_business_calendar(
        calendar.timezone, calendar.weekly_hours, (CalendarDayRule(d.day, d.kind, d.hours) for d in days)
    )


def apply_deadlines(session: Session, ticket: Ticket, start: datetime) -> None:
    """Set the ticket's reaction, arrival and resolution deadlines counted from `start`.

    A ticket without a contract, or under a contract without an SLA policy, gets no deadlines and
    the SLA state "none", which the queue shows as such rather than as a silent 24x7 clock.
    """
    contract = session.get(Contract, ticket.contract_id) if ticket.contract_id else None
    policy = session.get(SlaPolicy, contract.sla_policy_id) if contract and contract.sla_policy_id else None
    target = (
        session.scalars(
            select(SlaTarget).where(SlaTarget.policy_id == policy.id, SlaTarget.priority == ticket.priority)
        ).one_or_none()
        if policy
        else None
    )
    if policy is None or target is None:
        ticket.reaction_due_at = ticket.arrival_due_at = ticket.resolution_due_at = None
        ticket.sla_state = "none"
        return
    calendar = policy_calendar(session, policy)
    ticket.reaction_due_at = add_business_time(calendar, start, timedelta(minutes=target.reaction_minutes))
    ticket.arrival_due_at = (
        add_business_time(calendar, start, timedelta(minutes=target.arrival_minutes))
        if target.arrival_minutes
        else None
    )
    ticket.resolution_due_at = add_business_time(
        calendar, start, timedelta(minutes=target.resolution_minutes)
    )
    ticket.sla_state = "running"
