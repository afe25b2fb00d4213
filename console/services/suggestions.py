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
from datetime import UTC, datetime, time, timedelta
from typing import Any, Final, NamedTuple
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
    booked_visits,
    free_periods,
    visit_deadline,
    visit_deadline_kind,
)
from console.store.database import Database

SLOT_STEP: Final = timedelta(minutes=5)
"""Offered start times are rounded up to this step: a dispatcher tells a client "10:45", not "10:43"."""
SLOT_STEP_SECONDS: Final = SLOT_STEP.total_seconds()


class Reason(NamedTuple):
    """One line of why a technician stands where they do: a translatable text and its points.

    Negative points are bonuses. `code` names the rule ("travel", "late", "on_time", "wait",
    "workload", "equipment", "client", "tier", "no_site", "no_slot", "no_calendar"). A named tuple,
    not a dataclass: 500 suggestions carry about 3,000 of them, and a tuple is made several times faster.
    """

    code: str
    template: str
    params: dict[str, Any]
    points: float


class Busy(NamedTuple):
    """A stretch a technician is booked for, as UTC timestamps; where (None: a ticket without a site);
    and the field day it starts on (a date ordinal), to tell same-day neighbours without time zones."""

    start: float
    end: float
    point: Point | None
    day: int


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the ranking needs to know of one technician who has the ticket's skill.

    Shifts and visits are UTC timestamps in order: ranking 500 technicians does a few thousand time
    comparisons, several times faster on floats than on datetimes.
    """

    id: int
    name: str
    state: str
    position: Point
    position_source: str
    home: Point
    shifts: tuple[tuple[float, float], ...]
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


class Basis(NamedTuple):
    """What a suggestion's reasons are worked out from when they are read (the list shows a few dozen
    of 500 at a time, so their texts are not built up front)."""

    ticket: TicketFacts
    rules: DispatchRules
    zone: ZoneInfo
    free_from: float | None
    wait: int
    margin: int | None
    equipment_visits: int
    client_visits: int
    has_calendar: bool


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One technician's place: their first free slot, its drive and lateness, the score and reasons.

    `eligible` is False for a technician with no slot within the rules' search (or, when the rules
    refuse late arrivals, none before the deadline); they are listed after the eligible ones.
    `score` is the sum of the points of `reasons`.
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
    basis: Basis

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Why the technician stands here, one reason per rule that applies."""
        return _reasons(self)


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


def _minutes(delta: timedelta) -> int:
    return math.ceil(delta.total_seconds() / 60)


class _Slot(NamedTuple):
    free_from: float
    start: float
    end: float
    travel: int | None
    origin: str


def _day(stamp: float, zone: ZoneInfo) -> int:
    return datetime.fromtimestamp(stamp, zone).toordinal()


def _first_slot(
    candidate: Candidate,
    ticket: TicketFacts,
    length: float,
    now: float,
    travel: TravelModel,
    zone: ZoneInfo,
    deadline: float | None,
) -> _Slot | None:
    """The earliest slot of `length` seconds in the candidate's free time that the visit checks accept.

    The drive starts from the previous visit of the same day, else from the reported position when the
    slot starts now, else from home; the visit must end early enough for the drive to the next visit.
    With a `deadline`, a slot that misses it does not count.
    """
    busy = candidate.busy
    gaps = free_periods(candidate.shifts, [(b.start, b.end) for b in busy]) if busy else candidate.shifts
    for gap_start, gap_end in gaps:
        if gap_end <= now:
            continue
        leave = max(gap_start, now)
        previous = None
        if busy:
            day = _day(leave, zone)
            previous = next(
                (b for b in reversed(busy) if b.end <= leave and b.point is not None and b.day == day), None
            )
        if previous is not None and previous.point is not None:
            origin, origin_kind = previous.point, "previous_visit"
        elif leave == now:
            origin, origin_kind = candidate.position, candidate.position_source
        else:
            origin, origin_kind = candidate.home, "home"
        drive = None if ticket.point is None else math.ceil(travel.minutes(origin, ticket.point))
        start = leave + (drive or 0) * 60
        start += -start % SLOT_STEP_SECONDS
        end = start + length
        if end > gap_end:
            continue
        following = next((b for b in busy if b.start >= end), None) if busy else None
        if (
            following is not None
            and following.point is not None
            and ticket.point is not None
            and following.day == _day(start, zone)
            and end + math.ceil(travel.minutes(ticket.point, following.point)) * 60 > following.start
        ):
            continue
        if deadline is not None and _late_minutes(ticket, deadline, start, end) > 0:
            continue
        return _Slot(leave, start, end, drive, origin_kind)
    return None


def _late_minutes(ticket: TicketFacts, deadline: float, start: float, end: float) -> int:
    reference = start if ticket.deadline_kind == "arrival" else end
    return max(0, math.ceil((reference - deadline) / 60))


TEXTS: Final = {
    "reported": QT_TRANSLATE_NOOP("dispatch", "{minutes} min drive from the reported position"),
    "home": QT_TRANSLATE_NOOP("dispatch", "{minutes} min drive from home"),
    "previous_visit": QT_TRANSLATE_NOOP("dispatch", "{minutes} min drive from the end of the previous visit"),
    "no_site": QT_TRANSLATE_NOOP("dispatch", "The ticket has no site: no drive counted"),
    "wait": QT_TRANSLATE_NOOP("dispatch", "Free from {start:%H:%M}"),
    "late_arrival": QT_TRANSLATE_NOOP(
        "dispatch", "Arrives {minutes} min past the arrival deadline {deadline:%H:%M}"
    ),
    "late_resolution": QT_TRANSLATE_NOOP(
        "dispatch", "Finishes {minutes} min past the resolution deadline {deadline:%H:%M}"
    ),
    "on_time_arrival": QT_TRANSLATE_NOOP("dispatch", "Arrives {minutes} min before the arrival deadline"),
    "on_time_resolution": QT_TRANSLATE_NOOP(
        "dispatch", "Finishes {minutes} min before the resolution deadline"
    ),
    "workload": QT_TRANSLATE_NOOP("dispatch", "{percent}% of today's shift booked"),
    "equipment": QT_TRANSLATE_NOOP("dispatch", "Serviced this unit {count} times"),
    "client": QT_TRANSLATE_NOOP("dispatch", "Served this client {count} times"),
    "tier": QT_TRANSLATE_NOOP("dispatch", "{tier} client: deadline and familiarity count ×{factor:g}"),
    "no_calendar": QT_TRANSLATE_NOOP("dispatch", "Has no shift calendar"),
    "no_slot_deadline": QT_TRANSLATE_NOOP("dispatch", "No free {length} min before the deadline"),
    "no_slot": QT_TRANSLATE_NOOP("dispatch", "No free {length} min in the next {days} day(s) of shifts"),
}
"""Every reason's text, marked for translation once rather than on every one of 500 scores."""


def _workload(candidate: Candidate) -> float:
    if not candidate.shift_minutes_today:
        return 0.0
    return candidate.booked_minutes_today / candidate.shift_minutes_today


class _Terms(NamedTuple):
    """The points of each rule for one slot; their sum is the score."""

    travel: float
    wait: float
    late: float
    workload: float
    equipment: float
    client: float


def _terms(
    rules: DispatchRules,
    factor: float,
    travel: int | None,
    wait: int,
    late: int,
    workload: float,
    equipment_visits: int,
    client_visits: int,
) -> _Terms:
    return _Terms(
        (travel or 0) * rules.travel_points,
        max(wait, 0) * rules.wait_points,
        late * rules.late_points * factor,
        min(workload, 1.0) * rules.workload_points,
        -rules.equipment_bonus if equipment_visits else 0.0,
        -rules.client_bonus * factor if client_visits else 0.0,
    )


def _reasons(suggestion: Suggestion) -> tuple[Reason, ...]:
    basis = suggestion.basis
    ticket, rules = basis.ticket, basis.rules
    if not suggestion.eligible:
        if not basis.has_calendar:
            return (Reason("no_calendar", TEXTS["no_calendar"], {}, math.inf),)
        if not rules.allow_late:
            return (Reason("no_slot", TEXTS["no_slot_deadline"], {"length": rules.visit_minutes}, math.inf),)
        return (
            Reason(
                "no_slot",
                TEXTS["no_slot"],
                {"length": rules.visit_minutes, "days": rules.search_days},
                math.inf,
            ),
        )
    assert basis.free_from is not None and suggestion.origin is not None
    factor = rules.tier_factor(ticket.tier_rank)
    terms = _terms(
        rules,
        factor,
        suggestion.travel_minutes,
        basis.wait,
        suggestion.late_minutes,
        suggestion.workload,
        basis.equipment_visits,
        basis.client_visits,
    )
    reasons: list[Reason] = []
    if suggestion.travel_minutes is not None:
        reasons.append(
            Reason("travel", TEXTS[suggestion.origin], {"minutes": suggestion.travel_minutes}, terms.travel)
        )
    else:
        reasons.append(Reason("no_site", TEXTS["no_site"], {}, 0.0))
    if terms.wait > 0:
        reasons.append(
            Reason(
                "wait", TEXTS["wait"], {"start": _moment(basis.free_from).astimezone(basis.zone)}, terms.wait
            )
        )
    if ticket.deadline is not None:
        kind = ticket.deadline_kind or "resolution"
        if suggestion.late_minutes > 0:
            params = {"minutes": suggestion.late_minutes, "deadline": ticket.deadline.astimezone(basis.zone)}
            reasons.append(Reason("late", TEXTS["late_" + kind], params, terms.late))
        else:
            reasons.append(Reason("on_time", TEXTS["on_time_" + kind], {"minutes": basis.margin}, 0.0))
    percent = round(suggestion.workload * 100)
    reasons.append(Reason("workload", TEXTS["workload"], {"percent": percent}, terms.workload))
    if basis.equipment_visits:
        reasons.append(
            Reason("equipment", TEXTS["equipment"], {"count": basis.equipment_visits}, terms.equipment)
        )
    if basis.client_visits:
        reasons.append(Reason("client", TEXTS["client"], {"count": basis.client_visits}, terms.client))
    if factor != 1.0 and ticket.tier_name is not None:
        reasons.append(Reason("tier", TEXTS["tier"], {"tier": ticket.tier_name, "factor": factor}, 0.0))
    return tuple(reasons)


def _moment(stamp: float) -> datetime:
    return datetime.fromtimestamp(stamp, UTC)


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
    length = rules.visit_minutes * 60.0
    clock = now.timestamp()
    deadline = None if ticket.deadline is None else ticket.deadline.timestamp()
    required = None if rules.allow_late else deadline
    factor = rules.tier_factor(ticket.tier_rank)
    eligible: list[Suggestion] = []
    others: list[Suggestion] = []
    for candidate in candidates:
        workload = _workload(candidate)
        slot = _first_slot(candidate, ticket, length, clock, travel, zone, required)
        if slot is None:
            others.append(_unplaced(candidate, ticket, rules, zone, workload))
            continue
        late = margin = 0
        if deadline is not None:
            late = _late_minutes(ticket, deadline, slot.start, slot.end)
            reference = slot.start if ticket.deadline_kind == "arrival" else slot.end
            margin = math.floor((deadline - reference) / 60)
        wait = math.ceil((slot.free_from - clock) / 60)
        terms = _terms(
            rules,
            factor,
            slot.travel,
            wait,
            late,
            workload,
            candidate.equipment_visits,
            candidate.client_visits,
        )
        eligible.append(
            Suggestion(
                technician_id=candidate.id,
                name=candidate.name,
                state=candidate.state,
                eligible=True,
                score=round(sum(terms), 1),
                start=_moment(slot.start),
                end=_moment(slot.end),
                travel_minutes=slot.travel,
                origin=slot.origin,
                late_minutes=late,
                workload=workload,
                basis=Basis(
                    ticket,
                    rules,
                    zone,
                    slot.free_from,
                    wait,
                    margin,
                    candidate.equipment_visits,
                    candidate.client_visits,
                    candidate.has_calendar,
                ),
            )
        )
    eligible.sort(key=lambda s: (s.score, s.start, s.name, s.technician_id))
    others.sort(key=lambda s: (s.name, s.technician_id))
    return eligible + others


def _unplaced(
    candidate: Candidate, ticket: TicketFacts, rules: DispatchRules, zone: ZoneInfo, workload: float
) -> Suggestion:
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
        basis=Basis(
            ticket,
            rules,
            zone,
            None,
            0,
            None,
            candidate.equipment_visits,
            candidate.client_visits,
            candidate.has_calendar,
        ),
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


def load_candidates(
    session: Session,
    ticket: Ticket,
    now: datetime,
    rules: DispatchRules,
    zone: ZoneInfo,
) -> list[Candidate]:
    """Every active technician with the ticket's skill, with their shifts over the rules' search days,
    visits, today's load and past visits on the ticket's equipment and client; a fixed number of queries."""
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
    shifts: dict[int, tuple[tuple[float, float], ...]] = {}
    shift_today: dict[int, int] = {}
    for calendar_id, calendar in calendars.items():
        shifts[calendar_id] = tuple(
            (a.timestamp(), b.timestamp()) for a, b in working_periods(calendar, now, horizon)
        )
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
                busy=tuple(
                    Busy(
                        v.start.timestamp(), v.end.timestamp(), v.point, v.start.astimezone(zone).toordinal()
                    )
                    for v in mine
                ),
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
    kind = visit_deadline_kind(ticket.arrived_at, ticket.arrival_due_at, ticket.resolution_due_at)
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
        candidates = [] if closed else load_candidates(session, ticket, moment, in_force, zone)
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
