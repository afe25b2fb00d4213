"""Which technician should take a ticket: a ranked list with the reasons for every place.

`suggest_technicians` reads the ticket and every active technician who has its skill (the hard rule;
the others are only counted), then `rank` finds each one's first free slot (on shift, not overlapping
their visits, with the drive from where they are or from their previous visit, and the drive on to
their next one), and scores it with the team's `DispatchRules`: driving, waiting, lateness against the
SLA deadline (weighed by the client's tier), today's workload, and bonuses for having serviced the unit
or the client before. Each score is the sum of its reasons' points, so the list explains itself.

The slot a suggestion offers is one `visit_planning.plan_visit` accepts, so "assign" plans exactly
what was shown, under the same checks as a drop on the technician board.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any, Final
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.errors import QT_TRANSLATE_NOOP
from console.models import Client, ClientTier, Site, Skill, Technician, Ticket, Visit, technician_skills
from console.models.base import CLOSED_STATUSES, utcnow
from console.services.calendars import load_business_calendars, working_periods
from console.services.dispatch_rules import DispatchRules, load_rules
from console.services.field_zone import FIELD_TIMEZONE
from console.services.sla import BusinessCalendar
from console.services.tickets import TicketNotFound
from console.services.travel import DEFAULT_TRAVEL, Point, TravelModel
from console.services.visit_planning import (
    BookedVisit,
    Period,
    booked_visits,
    free_periods,
    visit_deadline,
)
from console.store.database import Database

SLOT_STEP: Final = timedelta(minutes=5)
"""Offered start times are rounded up to this step: a dispatcher tells a client "10:45", not "10:43"."""


@dataclass(frozen=True, slots=True)
class Reason:
    """One line of why a technician stands where they do: a translatable text and its points.

    Negative points are bonuses. `code` names the rule ("travel", "late", "on_time", "wait",
    "workload", "equipment", "client", "tier", "no_site", "no_slot", "no_calendar").
    """

    code: str
    template: str
    params: dict[str, Any]
    points: float


@dataclass(frozen=True, slots=True)
class Busy:
    """A stretch a technician is already booked for, and where (None: a ticket without a site)."""

    start: datetime
    end: datetime
    point: Point | None


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the ranking needs to know of one technician who has the ticket's skill."""

    id: int
    name: str
    state: str
    position: Point
    position_source: str
    home: Point
    shifts: tuple[Period, ...]
    busy: tuple[Busy, ...]
    booked_minutes_today: int
    shift_minutes_today: int
    equipment_visits: int
    client_visits: int
    has_calendar: bool


@dataclass(frozen=True, slots=True)
class TicketFacts:
    """The ticket as the ranking sees it."""

    id: int
    number: str
    point: Point | None
    deadline: datetime | None
    deadline_kind: str | None
    tier_rank: int | None
    tier_name: str | None


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One technician's place: their first free slot, its drive and lateness, the score and reasons.

    `eligible` is False for a technician with no slot within the rules' search (or, when the rules
    refuse late arrivals, none before the deadline); they are listed after the eligible ones.
    """

    technician_id: int
    name: str
    state: str
    eligible: bool
    score: float
    start: datetime | None
    end: datetime | None
    travel_minutes: int | None
    origin: str | None
    late_minutes: int
    workload: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class SuggestionList:
    """The ranked technicians for a ticket, and how many were left out for lacking the skill."""

    ticket_id: int
    number: str
    skill: str | None
    deadline: datetime | None
    deadline_kind: str | None
    closed: bool
    suggestions: tuple[Suggestion, ...]
    lacking_skill: int
    rules_version: int


def _ceil_step(moment: datetime) -> datetime:
    stamp = moment.timestamp()
    step = SLOT_STEP.total_seconds()
    return datetime.fromtimestamp(math.ceil(stamp / step) * step, tz=moment.tzinfo)


def _minutes(delta: timedelta) -> int:
    return math.ceil(delta.total_seconds() / 60)


@dataclass(frozen=True, slots=True)
class _Slot:
    free_from: datetime
    start: datetime
    end: datetime
    travel: int | None
    origin: str


def _first_slot(
    candidate: Candidate,
    ticket: TicketFacts,
    length: timedelta,
    now: datetime,
    travel: TravelModel,
    zone: ZoneInfo,
    *,
    deadline_only: bool,
) -> _Slot | None:
    """The earliest slot of `length` in the candidate's free time that the visit checks would accept.

    The drive starts from the previous visit of the same day, else from the reported position when the
    slot starts now, else from home; the visit must end early enough for the drive to the next visit.
    With `deadline_only`, a slot that misses the ticket's deadline does not count.
    """
    busy = candidate.busy
    gaps = free_periods(candidate.shifts, [Period(b.start, b.end) for b in busy])
    for gap in gaps:
        if gap.end <= now:
            continue
        leave = max(gap.start, now)
        day = leave.astimezone(zone).date()
        previous = next(
            (
                b
                for b in reversed(busy)
                if b.end <= leave and b.point is not None and b.start.astimezone(zone).date() == day
            ),
            None,
        )
        if previous is not None:
            origin, origin_kind = previous.point, "previous_visit"
        elif leave == now:
            origin, origin_kind = candidate.position, candidate.position_source
        else:
            origin, origin_kind = candidate.home, "home"
        assert origin is not None
        drive = None if ticket.point is None else math.ceil(travel.minutes(origin, ticket.point))
        start = _ceil_step(leave + timedelta(minutes=drive or 0))
        end = start + length
        if end > gap.end:
            continue
        following = next((b for b in busy if b.start >= end), None)
        if (
            following is not None
            and following.point is not None
            and ticket.point is not None
            and following.start.astimezone(zone).date() == start.astimezone(zone).date()
            and end + timedelta(minutes=math.ceil(travel.minutes(ticket.point, following.point)))
            > following.start
        ):
            continue
        if deadline_only and _late_minutes(ticket, start, end) > 0:
            continue
        return _Slot(leave, start, end, drive, origin_kind)
    return None


def _late_minutes(ticket: TicketFacts, start: datetime, end: datetime) -> int:
    if ticket.deadline is None:
        return 0
    reference = start if ticket.deadline_kind == "arrival" else end
    return max(0, _minutes(reference - ticket.deadline))


def _score(
    candidate: Candidate, ticket: TicketFacts, slot: _Slot, rules: DispatchRules, now: datetime
) -> tuple[list[Reason], int, float]:
    reasons: list[Reason] = []
    if slot.travel is not None:
        reasons.append(
            Reason(
                "travel",
                {
                    "position": QT_TRANSLATE_NOOP(
                        "dispatch", "{minutes} min drive from the reported position"
                    ),
                    "home": QT_TRANSLATE_NOOP("dispatch", "{minutes} min drive from home"),
                    "previous_visit": QT_TRANSLATE_NOOP(
                        "dispatch", "{minutes} min drive from the end of the previous visit"
                    ),
                }["position" if slot.origin == "reported" else slot.origin],
                {"minutes": slot.travel},
                slot.travel * rules.travel_points,
            )
        )
    else:
        reasons.append(
            Reason(
                "no_site", QT_TRANSLATE_NOOP("dispatch", "The ticket has no site: no drive counted"), {}, 0.0
            )
        )
    wait = _minutes(slot.free_from - now)
    if wait > 0:
        reasons.append(
            Reason(
                "wait",
                QT_TRANSLATE_NOOP("dispatch", "Free from {start:%H:%M}"),
                {"start": slot.free_from},
                wait * rules.wait_points,
            )
        )
    late = _late_minutes(ticket, slot.start, slot.end)
    factor = rules.tier_factor(ticket.tier_rank)
    if ticket.deadline is not None:
        kind = ticket.deadline_kind or "resolution"
        if late > 0:
            reasons.append(
                Reason(
                    "late",
                    QT_TRANSLATE_NOOP("dispatch", "{minutes} min past the {kind} deadline {deadline:%H:%M}")
                    if kind == "arrival"
                    else QT_TRANSLATE_NOOP(
                        "dispatch", "Finishes {minutes} min past the {kind} deadline {deadline:%H:%M}"
                    ),
                    {"minutes": late, "kind": kind, "deadline": ticket.deadline},
                    late * rules.late_points * factor,
                )
            )
        else:
            reference = slot.start if kind == "arrival" else slot.end
            reasons.append(
                Reason(
                    "on_time",
                    QT_TRANSLATE_NOOP("dispatch", "{minutes} min before the {kind} deadline"),
                    {"minutes": _minutes(ticket.deadline - reference), "kind": kind},
                    0.0,
                )
            )
    workload = (
        candidate.booked_minutes_today / candidate.shift_minutes_today
        if candidate.shift_minutes_today
        else 0.0
    )
    reasons.append(
        Reason(
            "workload",
            QT_TRANSLATE_NOOP("dispatch", "{percent}% of today's shift booked"),
            {"percent": round(workload * 100)},
            min(workload, 1.0) * rules.workload_points,
        )
    )
    if candidate.equipment_visits:
        reasons.append(
            Reason(
                "equipment",
                QT_TRANSLATE_NOOP("dispatch", "Serviced this unit {count} times"),
                {"count": candidate.equipment_visits},
                -rules.equipment_bonus,
            )
        )
    if candidate.client_visits:
        reasons.append(
            Reason(
                "client",
                QT_TRANSLATE_NOOP("dispatch", "Served this client {count} times"),
                {"count": candidate.client_visits},
                -rules.client_bonus * factor,
            )
        )
    if factor != 1.0 and ticket.tier_name is not None:
        reasons.append(
            Reason(
                "tier",
                QT_TRANSLATE_NOOP("dispatch", "{tier} client: deadline and familiarity count ×{factor:g}"),
                {"tier": ticket.tier_name, "factor": factor},
                0.0,
            )
        )
    return reasons, late, workload


def rank(
    ticket: TicketFacts,
    candidates: Iterable[Candidate],
    rules: DispatchRules,
    now: datetime,
    *,
    travel: TravelModel = DEFAULT_TRAVEL,
    tz: str = FIELD_TIMEZONE,
) -> list[Suggestion]:
    """The candidates ranked: eligible ones by score (then name), then the rest with their reason."""
    zone = ZoneInfo(tz)
    length = timedelta(minutes=rules.visit_minutes)
    eligible: list[Suggestion] = []
    others: list[Suggestion] = []
    for candidate in candidates:
        slot = _first_slot(candidate, ticket, length, now, travel, zone, deadline_only=not rules.allow_late)
        if slot is None:
            others.append(_unplaced(candidate, rules))
            continue
        reasons, late, workload = _score(candidate, ticket, slot, rules, now)
        eligible.append(
            Suggestion(
                technician_id=candidate.id,
                name=candidate.name,
                state=candidate.state,
                eligible=True,
                score=round(sum(r.points for r in reasons), 1),
                start=slot.start,
                end=slot.end,
                travel_minutes=slot.travel,
                origin=slot.origin,
                late_minutes=late,
                workload=workload,
                reasons=tuple(reasons),
            )
        )
    eligible.sort(key=lambda s: (s.score, s.start, s.name, s.technician_id))
    others.sort(key=lambda s: (s.name, s.technician_id))
    return eligible + others


def _unplaced(candidate: Candidate, rules: DispatchRules) -> Suggestion:
    if not candidate.has_calendar:
        reason = Reason("no_calendar", QT_TRANSLATE_NOOP("dispatch", "Has no shift calendar"), {}, math.inf)
    elif not rules.allow_late:
        reason = Reason(
            "no_slot",
            QT_TRANSLATE_NOOP("dispatch", "No free {length} min before the deadline"),
            {"length": rules.visit_minutes},
            math.inf,
        )
    else:
        reason = Reason(
            "no_slot",
            QT_TRANSLATE_NOOP("dispatch", "No free {length} min in the next {days} day(s) of shifts"),
            {"length": rules.visit_minutes, "days": rules.search_days},
            math.inf,
        )
    workload = (
        candidate.booked_minutes_today / candidate.shift_minutes_today
        if candidate.shift_minutes_today
        else 0.0
    )
    return Suggestion(
        technician_id=candidate.id,
        name=candidate.name,
        state=candidate.state,
        eligible=False,
        score=math.inf,
        start=None,
        end=None,
        travel_minutes=None,
        origin=None,
        late_minutes=0,
        workload=workload,
        reasons=(reason,),
    )


# Reading the database ---------------------------------------------------------------------------------


def _visit_counts(session: Session, column: Any, value: int | None, ticket_id: int) -> dict[int, int]:
    """Per technician, the finished visits on other tickets whose `column` equals `value`."""
    if value is None:
        return {}
    rows = session.execute(
        select(Visit.technician_id, func.count(func.distinct(Visit.ticket_id)))
        .join(Ticket, Ticket.id == Visit.ticket_id)
        .where(column == value, Visit.status == "done", Ticket.id != ticket_id)
        .group_by(Visit.technician_id)
    ).all()
    return {technician_id: count for technician_id, count in rows}


def _shift_minutes(periods: Sequence[tuple[datetime, datetime]]) -> int:
    return sum(_minutes(end - start) for start, end in periods)


def _candidates(
    session: Session,
    ticket: Ticket,
    now: datetime,
    rules: DispatchRules,
    zone: ZoneInfo,
) -> list[Candidate]:
    query = select(
        Technician.id,
        Technician.full_name,
        Technician.state,
        Technician.home_latitude,
        Technician.home_longitude,
        Technician.last_latitude,
        Technician.last_longitude,
        Technician.calendar_id,
    ).where(Technician.active.is_(True))
    if ticket.skill_id is not None:
        query = query.join(technician_skills, technician_skills.c.technician_id == Technician.id).where(
            technician_skills.c.skill_id == ticket.skill_id
        )
    technicians = session.execute(query).all()
    if not technicians:
        return []
    today = now.astimezone(zone).date()
    day_start = datetime.combine(today, time(), tzinfo=zone)
    day_end = day_start + timedelta(days=1)
    horizon = day_start + timedelta(days=rules.search_days)
    calendar_ids = {t.calendar_id for t in technicians if t.calendar_id is not None}
    calendars = load_business_calendars(session, calendar_ids, today)
    shifts: dict[int, tuple[Period, ...]] = {}
    shift_today: dict[int, int] = {}
    for calendar_id, calendar in calendars.items():
        shifts[calendar_id] = tuple(Period(a, b) for a, b in working_periods(calendar, now, horizon))
        shift_today[calendar_id] = _shift_minutes(_clipped(calendar, day_start, day_end))
    ids = [t.id for t in technicians]
    booked: dict[int, list[BookedVisit]] = {}
    for visit in booked_visits(session, Visit.technician_id.in_(ids), day_start, horizon, now):
        booked.setdefault(visit.row.technician_id, []).append(visit)
    equipment = _visit_counts(session, Ticket.equipment_id, ticket.equipment_id, ticket.id)
    client = _visit_counts(session, Ticket.client_id, ticket.client_id, ticket.id)
    result = []
    for t in technicians:
        mine = booked.get(t.id, [])
        today_minutes = sum(
            _minutes(min(v.end, day_end) - max(v.start, day_start)) for v in mine if v.start < day_end
        )
        reported = t.last_latitude is not None
        result.append(
            Candidate(
                id=t.id,
                name=t.full_name,
                state=t.state,
                position=(t.last_latitude, t.last_longitude)
                if reported
                else (t.home_latitude, t.home_longitude),
                position_source="reported" if reported else "home",
                home=(t.home_latitude, t.home_longitude),
                shifts=shifts.get(t.calendar_id, ()) if t.calendar_id is not None else (),
                busy=tuple(Busy(v.start, v.end, v.point) for v in mine),
                booked_minutes_today=today_minutes,
                shift_minutes_today=shift_today.get(t.calendar_id, 0) if t.calendar_id is not None else 0,
                equipment_visits=equipment.get(t.id, 0),
                client_visits=client.get(t.id, 0),
                has_calendar=t.calendar_id is not None,
            )
        )
    return result


def _clipped(calendar: BusinessCalendar, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    return [(max(a, start), min(b, end)) for a, b in working_periods(calendar, start, end)]


def _lacking_skill(session: Session, skill_id: int | None) -> int:
    if skill_id is None:
        return 0
    having = select(technician_skills.c.technician_id).where(technician_skills.c.skill_id == skill_id)
    return (
        session.scalar(
            select(func.count())
            .select_from(Technician)
            .where(Technician.active.is_(True), Technician.id.not_in(having))
        )
        or 0
    )


def ticket_facts(session: Session, ticket: Ticket) -> TicketFacts:
    """The ticket's site point, SLA deadline and client tier, as the ranking needs them."""
    point = None
    if ticket.site_id is not None:
        site = session.execute(select(Site.latitude, Site.longitude).where(Site.id == ticket.site_id)).one()
        point = (site.latitude, site.longitude)
    tier = session.execute(
        select(ClientTier.rank, ClientTier.name)
        .join(Client, Client.tier_id == ClientTier.id)
        .where(Client.id == ticket.client_id)
    ).one_or_none()
    deadline = visit_deadline(ticket.arrived_at, ticket.arrival_due_at, ticket.resolution_due_at)
    if deadline is None:
        kind = None
    elif ticket.arrived_at is None and ticket.arrival_due_at is not None:
        kind = "arrival"
    else:
        kind = "resolution"
    return TicketFacts(
        id=ticket.id,
        number=ticket.number,
        point=point,
        deadline=deadline,
        deadline_kind=kind,
        tier_rank=None if tier is None else tier.rank,
        tier_name=None if tier is None else tier.name,
    )


def suggest_technicians(
    db: Database,
    ticket_id: int,
    *,
    now: datetime | None = None,
    rules: DispatchRules | None = None,
    travel: TravelModel = DEFAULT_TRAVEL,
    tz: str = FIELD_TIMEZONE,
) -> SuggestionList:
    """The technicians for the ticket, best first, with the slot each could take and why.

    `rules` default to the team's stored dispatch rules. A resolved, closed or cancelled ticket gets
    an empty list with `closed` set. Raises TicketNotFound for an unknown ticket.
    """
    moment = utcnow() if now is None else now
    stored = load_rules(db)
    in_force = stored.rules if rules is None else rules
    zone = ZoneInfo(tz)
    with db.session() as session:
        ticket = session.get(Ticket, ticket_id)
        if ticket is None:
            raise TicketNotFound(ticket_id)
        facts = ticket_facts(session, ticket)
        skill = None if ticket.skill_id is None else session.get_one(Skill, ticket.skill_id).name
        closed = ticket.status in CLOSED_STATUSES
        candidates = [] if closed else _candidates(session, ticket, moment, in_force, zone)
        lacking = 0 if closed else _lacking_skill(session, ticket.skill_id)
    return SuggestionList(
        ticket_id=ticket_id,
        number=facts.number,
        skill=skill,
        deadline=facts.deadline,
        deadline_kind=facts.deadline_kind,
        closed=closed,
        suggestions=tuple(rank(facts, candidates, in_force, moment, travel=travel, tz=tz)),
        lacking_skill=lacking,
        rules_version=stored.version,
    )
