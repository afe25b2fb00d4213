"""Changing what the SLA clocks run on: calendars, holiday lists, policies, a contract's policy.

Each change is one transaction that also re-times every open ticket it affects, so nobody ever
sees a ticket whose deadline was worked out under rules that no longer hold. Edits are checked
first (a calendar must make sense, a target must be positive) and refused whole with a message;
a stale edit (someone else saved first) is refused too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from console.errors import QT_TRANSLATE_NOOP, ConsoleError
from console.models import Calendar, CalendarDay, Contract, SlaPauseStatus, SlaPolicy, SlaTarget
from console.models.base import PRIORITIES, TICKET_STATUSES, utcnow
from console.services.access import require
from console.services.calendars import (
    CalendarDayRule,
    to_business_calendar,
    weekly_hours_from_json,
    weekly_hours_to_json,
)
from console.services.sla_retime import (
    SlaTransition,
    open_tickets_of_contract,
    open_tickets_under_policy,
    open_tickets_using_calendar,
    retime,
)
from console.services.ticket_sla import CLOCKS
from console.store.database import Database

Period = tuple[str, str]
T = TypeVar("T")


class RulesError(ConsoleError):
    """An SLA rule edit was refused; nothing was saved."""

    def __init__(self, field: str, template: str, **params: object) -> None:
        self.field = field
        super().__init__(template, **params)


class RulesConflict(ConsoleError):
    def __init__(self, what: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "errors", "{what} was changed by someone else since you opened it; reload it and edit again."
            ),
            what=what,
        )


@dataclass(frozen=True)
class Retimed:
    """What an edit did to open tickets: how many were re-timed and which clocks changed state."""

    tickets: int
    transitions: Sequence[SlaTransition] = field(default_factory=tuple)


@dataclass(frozen=True)
class TargetEdit:
    """Minutes of business time for one priority; arrival None means no site visit is promised."""

    reaction: int
    arrival: int | None
    resolution: int


_MISSING: dict[type[Any], tuple[str, str]] = {
    Calendar: ("calendar", QT_TRANSLATE_NOOP("errors", "Calendar {id} does not exist.")),
    SlaPolicy: ("policy", QT_TRANSLATE_NOOP("errors", "SLA policy {id} does not exist.")),
    Contract: ("contract", QT_TRANSLATE_NOOP("errors", "Contract {id} does not exist.")),
}


def _existing(session: Session, model: type[T], record_id: int) -> T:
    found = session.get(model, record_id)
    if found is None:
        field, template = _MISSING[model]
        raise RulesError(field, template, id=record_id)
    return found


def _flush(session: Session, what: str) -> None:
    try:
        session.flush()
    except StaleDataError as exc:
        raise RulesConflict(what) from exc


def _check_version(current: int, expected: int, what: str) -> None:
    if current != expected:
        raise RulesConflict(what)


def update_calendar(
    db: Database,
    calendar_id: int,
    *,
    expected_version: int,
    weekly_hours: Mapping[int, Sequence[Period]] | None = None,
    holidays: Iterable[date] | None = None,
    working_days: Mapping[date, Sequence[Period]] | None = None,
    holiday_country: str | None = None,
    user_id: int | None = None,
    now: datetime | None = None,
) -> Retimed:
    """Change a calendar's weekly hours, its own holidays and working days, or its holiday country.

    `holidays` and `working_days` replace the calendar's own days when either is given; they come
    on top of the public holidays of `holiday_country` (an ISO code; "" for none; None keeps it).
    Every open ticket whose clocks run on this calendar is re-timed in the same transaction.
    """
    moment = now or utcnow()
    with db.transaction() as session:
        require(session, user_id, "calendars")
        calendar = _existing(session, Calendar, calendar_id)
        _check_version(calendar.version, expected_version, calendar.name)
        days = list(session.scalars(select(CalendarDay).where(CalendarDay.calendar_id == calendar_id)))
        new_holidays = set(holidays) if holidays is not None else {d.day for d in days if d.kind == "holiday"}
        new_working = (
            {day: list(periods) for day, periods in working_days.items()}
            if working_days is not None
            else {d.day: [(a, b) for a, b in d.hours or ()] for d in days if d.kind == "working"}
        )
        hours = weekly_hours if weekly_hours is not None else weekly_hours_from_json(calendar.weekly_hours)
        both = sorted(new_holidays & set(new_working))
        if both:
            raise RulesError(
                "calendar",
                QT_TRANSLATE_NOOP("errors", "{day} cannot be both a holiday and a working day."),
                day=both[0].isoformat(),
            )
        country = calendar.holiday_country if holiday_country is None else (holiday_country.upper() or None)
        own = [CalendarDayRule(day, "holiday") for day in new_holidays]
        own += [CalendarDayRule(day, "working", periods) for day, periods in new_working.items()]
        try:
            to_business_calendar(calendar.timezone, weekly_hours_to_json(hours), own, country, moment.date())
        except ValueError as exc:
            raise RulesError(
                "calendar",
                QT_TRANSLATE_NOOP("errors", "The calendar is not valid: {reason}"),
                reason=str(exc),
            ) from exc
        calendar.weekly_hours = weekly_hours_to_json(hours)
        calendar.holiday_country = country
        if holidays is not None or working_days is not None:
            session.execute(delete(CalendarDay).where(CalendarDay.calendar_id == calendar_id))
            session.add_all(
                CalendarDay(calendar_id=calendar_id, day=day, kind="holiday", name="Holiday")
                for day in sorted(new_holidays)
            )
            session.add_all(
                CalendarDay(
                    calendar_id=calendar_id,
                    day=day,
                    kind="working",
                    hours=[list(p) for p in periods],
                    name="Working day",
                )
                for day, periods in sorted(new_working.items())
            )
        if not session.is_modified(calendar):
            # An edit of the days alone is still an edit of the calendar.
            flag_modified(calendar, "weekly_hours")
        _flush(session, calendar.name)
        ids = open_tickets_using_calendar(session, calendar_id)
        return Retimed(len(ids), retime(session, ids, now=moment, user_id=user_id))


def _validate_targets(targets: Mapping[str, TargetEdit]) -> None:
    for priority, target in targets.items():
        if priority not in PRIORITIES:
            raise RulesError(
                "targets", QT_TRANSLATE_NOOP("errors", "Unknown priority: {value}."), value=priority
            )
        minutes = (target.reaction, target.resolution) + (
            (target.arrival,) if target.arrival is not None else ()
        )
        if any(m <= 0 for m in minutes):
            raise RulesError(
                "targets",
                QT_TRANSLATE_NOOP("errors", "Targets for {priority} must be positive numbers of minutes."),
                priority=priority,
            )
        if target.resolution < target.reaction:
            raise RulesError(
                "targets",
                QT_TRANSLATE_NOOP("errors", "For {priority}, resolution cannot come before reaction."),
                priority=priority,
            )


def update_policy(
    db: Database,
    policy_id: int,
    *,
    expected_version: int,
    targets: Mapping[str, TargetEdit] | None = None,
    pause_statuses: Mapping[str, Iterable[str]] | None = None,
    warning_ratio: float | None = None,
    critical_ratio: float | None = None,
    use_site_calendar: bool | None = None,
    calendar_id: int | None = None,
    user_id: int | None = None,
    now: datetime | None = None,
) -> Retimed:
    """Change an SLA policy; its open tickets are re-timed from their history in the same transaction."""
    moment = now or utcnow()
    if targets is not None:
        _validate_targets(targets)
    if pause_statuses is not None:
        for clock, statuses in pause_statuses.items():
            unknown = [s for s in statuses if s not in TICKET_STATUSES]
            if clock not in CLOCKS or unknown:
                raise RulesError(
                    "pause_statuses",
                    QT_TRANSLATE_NOOP("errors", "Unknown clock or status in the pause list: {value}."),
                    value=", ".join([clock, *unknown]),
                )
    with db.transaction() as session:
        require(session, user_id, "sla_policies")
        policy = _existing(session, SlaPolicy, policy_id)
        _check_version(policy.version, expected_version, policy.name)
        warning = policy.warning_ratio if warning_ratio is None else warning_ratio
        critical = policy.critical_ratio if critical_ratio is None else critical_ratio
        if not 0 < warning < critical < 1:
            raise RulesError(
                "thresholds",
                QT_TRANSLATE_NOOP(
                    "errors",
                    "Warning thresholds must satisfy 0 < warning < critical < 100 %; got {w} and {c}.",
                ),
                w=f"{warning:.0%}",
                c=f"{critical:.0%}",
            )
        policy.warning_ratio, policy.critical_ratio = warning, critical
        if use_site_calendar is not None:
            policy.use_site_calendar = use_site_calendar
        if calendar_id is not None:
            policy.calendar_id = _existing(session, Calendar, calendar_id).id
        if targets is not None:
            session.execute(delete(SlaTarget).where(SlaTarget.policy_id == policy_id))
            session.add_all(
                SlaTarget(
                    policy_id=policy_id,
                    priority=priority,
                    reaction_minutes=t.reaction,
                    arrival_minutes=t.arrival,
                    resolution_minutes=t.resolution,
                )
                for priority, t in targets.items()
            )
        if pause_statuses is not None:
            session.execute(delete(SlaPauseStatus).where(SlaPauseStatus.policy_id == policy_id))
            session.add_all(
                SlaPauseStatus(policy_id=policy_id, clock=clock, status=status)
                for clock, statuses in pause_statuses.items()
                for status in sorted(set(statuses))
            )
        if not session.is_modified(policy):
            flag_modified(policy, "warning_ratio")  # targets or pauses alone are still an edit of the policy
        _flush(session, policy.name)
        ids = open_tickets_under_policy(session, policy_id)
        return Retimed(len(ids), retime(session, ids, now=moment, user_id=user_id))


def set_contract_policy(
    db: Database,
    contract_id: int,
    policy_id: int | None,
    *,
    expected_version: int,
    user_id: int | None = None,
    now: datetime | None = None,
) -> Retimed:
    """Put a contract under another SLA policy (or none); its open tickets are re-timed from their history."""
    moment = now or utcnow()
    with db.transaction() as session:
        require(session, user_id, "contracts")
        contract = _existing(session, Contract, contract_id)
        _check_version(contract.version, expected_version, contract.number)
        contract.sla_policy_id = None if policy_id is None else _existing(session, SlaPolicy, policy_id).id
        _flush(session, contract.number)
        ids = open_tickets_of_contract(session, contract_id)
        return Retimed(len(ids), retime(session, ids, now=moment, user_id=user_id))
