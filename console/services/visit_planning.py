"""The technician board: each technician's day plan, and planning or moving visits with checks.

`day_board` lays out one lane per active technician for a local day: the shift periods from the
technician's shift calendar, the visits of that day with the travel leading to each, and the free time
left in the shift. `check_visit` says whether a visit of a ticket by a technician from `start` to `end`
is acceptable, with every reason why not (`refusals`) and what is merely risky (`warnings`), so the board
can show them while a visit is dragged. `plan_visit` and `move_visit` run the same check inside their
write transaction, after locking the technician's row (PostgreSQL; SQLite's BEGIN IMMEDIATE already
admits one writer at a time), so two dispatchers can never both place overlapping visits on one
technician: the second one sees the first one's visit and is refused.

Rules shared by the board and the checks:

* A visit keeps the technician busy over its actual interval once started (an unfinished one until its
  planned duration after the start, or now if later), else over its planned interval. Cancelled visits
  take no time.
* The trip to a visit starts from the site of the technician's previous visit that starts on the same
  local day (in the zone of the technician's shift calendar, `DEFAULT_ZONE` without one); the first
  visit of the day starts from the home base. A ticket without a site needs no trip (remote work) and
  does not move the technician. Travel minutes come from a `TravelModel`, rounded up to whole minutes.
* Shift periods come from the shift calendar: a transferred working day's hours, none on a holiday,
  else the weekday's; periods that meet at midnight form one period (a night shift). Wall-clock hours
  are turned into instants as Python reads them; a time skipped or repeated by a daylight-saving switch
  takes the offset in force before the switch.

Messages are `Notice`s with `QT_TRANSLATE_NOOP("planning", ...)` templates; times in their values are
aware datetimes in the technician's zone, which the templates format.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final, NamedTuple, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import ColumnElement, Row, select, union_all
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from console.errors import QT_TRANSLATE_NOOP, ConsoleError
from console.models import Client, Site, Technician, Ticket, Visit
from console.models.base import CLOSED_STATUSES, utcnow
from console.services.access import require
from console.services.calendars import load_business_calendars, working_periods
from console.services.field_zone import FIELD_TIMEZONE
from console.services.nearby import TechnicianNotFound
from console.services.sla import BusinessCalendar
from console.services.ticket_intake import Notice
from console.services.tickets import TicketConflict, TicketNotFound, _save, enter_status, record_change
from console.services.travel import DEFAULT_TRAVEL, Point, TravelModel
from console.services.workflow import load_workflow
from console.store.database import Database

DEFAULT_ZONE: Final = FIELD_TIMEZONE
"""The zone whose local day counts for a technician without a shift calendar (the board's default)."""

FIXED_STATUSES: Final = ("on_site", "done", "cancelled")
"""Visits in these statuses are under way or over: they can no longer be moved."""

NEIGHBOUR_WINDOW: Final = timedelta(days=2)
"""How far around a visit the other visits are read: the same local day in any zone, and any trip."""

Moment = TypeVar("Moment", datetime, float)


class Period(NamedTuple):
    """A span of time [start, end) in aware UTC datetimes; a (start, end) pair wherever one is taken."""

    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class BoardVisit:
    """One visit on a lane, with what the dispatcher needs to judge it without opening the ticket.

    `deadline` is the ticket's arrival deadline until the technician arrived, then its resolution
    deadline. `travel_minutes` is the trip from the previous stop (None for a ticket without a site).
    `version` is what `move_visit` expects back.
    """

    visit_id: int
    version: int
    ticket_id: int
    ticket_number: str
    client_name: str
    site_name: str | None
    priority: str
    deadline: datetime | None
    planned_start: datetime
    planned_end: datetime
    actual_start: datetime | None
    actual_end: datetime | None
    status: str
    pinned: bool
    travel_minutes: int | None


@dataclass(frozen=True, slots=True)
class Lane:
    """A technician's day: shift periods, visits in driving order, and the free gaps inside the shift.

    `has_shift_calendar` is False for a technician without one, who has no shift periods and so no gaps
    (and cannot be given visits: the board flags the lane). Shifts and gaps are clipped to the day.
    """

    technician_id: int
    name: str
    team: str
    state: str
    has_shift_calendar: bool
    shifts: tuple[Period, ...]
    visits: tuple[BoardVisit, ...]
    gaps: tuple[Period, ...]


@dataclass(frozen=True, slots=True)
class DayBoard:
    """The lanes of local `day` in `timezone` (from `start` to `end`, UTC), ordered by team then name."""

    day: date
    timezone: str
    start: datetime
    end: datetime
    lanes: tuple[Lane, ...]


@dataclass(frozen=True, slots=True)
class VisitCheck:
    """Whether a visit may be saved: `allowed` when there are no `refusals`; `warnings` do not block.

    `travel_minutes` is the trip from the previous stop (None when the ticket has no site).
    """

    allowed: bool
    refusals: tuple[Notice, ...]
    warnings: tuple[Notice, ...]
    travel_minutes: int | None


class VisitNotFound(ConsoleError):
    def __init__(self, visit_id: int) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "Visit {visit_id} does not exist."), visit_id=visit_id)


class VisitRefused(ConsoleError):
    """The visit was not saved; `refusals` say every reason, the message is the first one ("planning")."""

    context = "planning"

    def __init__(self, refusals: tuple[Notice, ...]) -> None:
        self.refusals = refusals
        super().__init__(refusals[0].template, **refusals[0].params)


@dataclass(frozen=True, slots=True)
class BookedVisit:
    """A stored visit as the planner sees it: its row, when it keeps the technician busy, where it is."""

    row: Row[*tuple[Any, ...]]
    start: datetime
    end: datetime
    point: Point | None


def _zone(tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {tz!r}; expected an IANA name such as 'Europe/Moscow'") from None


def _aware(name: str, value: datetime) -> None:
    if value.utcoffset() is None:
        raise ValueError(f"{name} must be time-zone-aware, got {value.isoformat()}")


def trip_minutes(travel: TravelModel, origin: Point, target: Point) -> int:
    """Driving minutes between two points, rounded up: a plan never counts on a shorter trip."""
    return math.ceil(travel.minutes(origin, target))


def _minutes_between(earlier: datetime, later: datetime) -> int:
    return math.ceil((later - earlier).total_seconds() / 60)


# Shift calendars ------------------------------------------------------------------------------------


def _shift_periods(calendar: BusinessCalendar, start: datetime, end: datetime) -> list[Period]:
    """The calendar's working periods that overlap [start, end), whole (not clipped), in order."""
    return [Period(begin, finish) for begin, finish in working_periods(calendar, start, end)]


# Stored visits ----------------------------------------------------------------------------------------


def booked_visits(
    session: Session, technicians: ColumnElement[bool], low: datetime, high: datetime, now: datetime
) -> list[BookedVisit]:
    """The non-cancelled visits of the technicians `technicians` selects that touch [low, high), in one
    query, ordered by technician and by when they keep the technician busy.

    A visit touches the window by its plan, by its actual times, or by being under way (started, not
    ended). Each of the three is its own index range (technician, end), since most visits lie in the
    past and an OR of them would read every visit of every technician.
    """
    touching = union_all(
        select(Visit.id).where(technicians, Visit.planned_end > low, Visit.planned_start < high),
        select(Visit.id).where(technicians, Visit.actual_end > low, Visit.actual_start < high),
        select(Visit.id).where(technicians, Visit.actual_end.is_(None), Visit.actual_start < high),
    )
    rows = session.execute(
        select(
            Visit.id,
            Visit.version,
            Visit.technician_id,
            Visit.ticket_id,
            Ticket.number,
            Client.name.label("client_name"),
            Site.name.label("site_name"),
            Site.latitude,
            Site.longitude,
            Ticket.priority,
            Ticket.arrived_at,
            Ticket.arrival_due_at,
            Ticket.resolution_due_at,
            Visit.planned_start,
            Visit.planned_end,
            Visit.actual_start,
            Visit.actual_end,
            Visit.status,
            Visit.pinned,
        )
        .join(Ticket, Ticket.id == Visit.ticket_id)
        .join(Client, Client.id == Ticket.client_id)
        .outerjoin(Site, Site.id == Ticket.site_id)
        .where(Visit.id.in_(touching), Visit.status != "cancelled")
    ).all()
    booked = []
    for row in rows:
        if row.actual_start is None:
            start, end = row.planned_start, row.planned_end
        else:
            start = row.actual_start
            end = row.actual_end or max(row.actual_start + (row.planned_end - row.planned_start), now)
        point = None if row.latitude is None else (row.latitude, row.longitude)
        booked.append(BookedVisit(row, start, end, point))
    booked.sort(key=lambda b: (b.row.technician_id, b.start, b.end, b.row.id))
    return booked


def _arrival(
    earlier: Sequence[BookedVisit],
    start: datetime,
    point: Point | None,
    zone: ZoneInfo,
    home: Point,
    travel: TravelModel,
) -> tuple[BookedVisit | None, Point, int | None]:
    """How the technician gets to a visit at `point` starting at `start`, given the visits before it.

    Returns the previous visit of the same local day (None for the day's first), the point the trip
    starts from (the last same-day site, else home) and the trip's minutes (None without a `point`).
    """
    day = start.astimezone(zone).date()
    same_day = [b for b in earlier if b.start.astimezone(zone).date() == day]
    origin = next((b.point for b in reversed(same_day) if b.point is not None), home)
    minutes = None if point is None else trip_minutes(travel, origin, point)
    return (same_day[-1] if same_day else None), origin, minutes


def visit_deadline(
    arrived_at: datetime | None, arrival_due: datetime | None, resolution_due: datetime | None
) -> datetime | None:
    """The SLA deadline the visit works against: arrival until the technician arrived, then resolution."""
    return arrival_due if arrived_at is None and arrival_due is not None else resolution_due


def visit_deadline_kind(
    arrived_at: datetime | None, arrival_due: datetime | None, resolution_due: datetime | None
) -> str | None:
    """Which clock `visit_deadline` reads: "arrival", "resolution", or None when there is no deadline."""
    if arrived_at is None and arrival_due is not None:
        return "arrival"
    return None if resolution_due is None else "resolution"


# The board ---------------------------------------------------------------------------------------------


def free_periods(
    shifts: Sequence[tuple[Moment, Moment]], busy: Sequence[tuple[Moment, Moment]]
) -> list[tuple[Moment, Moment]]:
    """The parts of `shifts` that no `busy` span covers, as (start, end) pairs.

    Spans are datetimes for the board, or plain timestamps where hundreds of technicians are ranked
    at once (float arithmetic is several times faster than datetime arithmetic).
    """
    gaps: list[tuple[Moment, Moment]] = []
    ordered = sorted(busy)
    for shift_start, shift_end in shifts:
        cursor = shift_start
        for taken_start, taken_end in ordered:
            if taken_start >= shift_end:
                break
            if taken_end <= cursor:
                continue
            if taken_start > cursor:
                gaps.append((cursor, taken_start))
            cursor = taken_end
            if cursor >= shift_end:
                break
        if cursor < shift_end:
            gaps.append((cursor, shift_end))
    return gaps


def _board_visit(booked: BookedVisit, travel_minutes: int | None) -> BoardVisit:
    row = booked.row
    return BoardVisit(
        visit_id=row.id,
        version=row.version,
        ticket_id=row.ticket_id,
        ticket_number=row.number,
        client_name=row.client_name,
        site_name=row.site_name,
        priority=row.priority,
        deadline=visit_deadline(row.arrived_at, row.arrival_due_at, row.resolution_due_at),
        planned_start=row.planned_start,
        planned_end=row.planned_end,
        actual_start=row.actual_start,
        actual_end=row.actual_end,
        status=row.status,
        pinned=row.pinned,
        travel_minutes=travel_minutes,
    )


def day_board(
    db: Database,
    day: date,
    *,
    tz: str = DEFAULT_ZONE,
    team: str | None = None,
    now: datetime | None = None,
    travel: TravelModel = DEFAULT_TRAVEL,
) -> DayBoard:
    """The board of local `day` in `tz`: a lane per active technician (of `team`, when given).

    A lane holds the technician's shift periods that day, the visits whose planned or busy interval
    touches the day (not cancelled) with the travel to each, and the gaps of the shift not taken by
    visits or travel. `now` (default: the current time) bounds visits still under way. Four queries
    whatever the number of technicians: the technicians, the shift calendars (two) and the visits.
    Raises ValueError for an unknown `tz`, a naive `now` or a malformed stored calendar.
    """
    zone = _zone(tz)
    now = utcnow() if now is None else now
    _aware("now", now)
    # Each bound is its own local midnight, so a day with a daylight-saving switch lasts 23 or 25 hours.
    day_start = datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)
    day_end = datetime.combine(day + timedelta(days=1), time(), tzinfo=zone).astimezone(UTC)
    chosen: list[ColumnElement[bool]] = [Technician.active.is_(True)]
    if team is not None:
        chosen.append(Technician.team == team)
    with db.session() as session:
        technicians = session.execute(
            select(
                Technician.id,
                Technician.full_name,
                Technician.team,
                Technician.state,
                Technician.calendar_id,
                Technician.home_latitude,
                Technician.home_longitude,
            )
            .where(*chosen)
            .order_by(Technician.team, Technician.full_name, Technician.id)
        ).all()
        calendars = load_business_calendars(
            session, {t.calendar_id for t in technicians if t.calendar_id is not None}, day
        )
        # Visits are read two days around the day so that each shown visit's previous stop is known,
        # whatever the zone of the technician's calendar.
        booked = booked_visits(
            session,
            Visit.technician_id.in_(select(Technician.id).where(*chosen)),
            day_start - NEIGHBOUR_WINDOW,
            day_end + NEIGHBOUR_WINDOW,
            now,
        )
    by_technician: dict[int, list[BookedVisit]] = defaultdict(list)
    for visit in booked:
        by_technician[visit.row.technician_id].append(visit)
    lanes = []
    for technician in technicians:
        calendar = calendars.get(technician.calendar_id) if technician.calendar_id is not None else None
        shifts = (
            [
                Period(max(p.start, day_start), min(p.end, day_end))
                for p in _shift_periods(calendar, day_start, day_end)
            ]
            if calendar is not None
            else []
        )
        zone_of_day = calendar.tzinfo if calendar is not None else _zone(DEFAULT_ZONE)
        home = (technician.home_latitude, technician.home_longitude)
        visits = by_technician[technician.id]
        shown: list[BoardVisit] = []
        busy: list[Period] = []
        for index, visit in enumerate(visits):
            row = visit.row
            touches_day = (row.planned_start < day_end and row.planned_end > day_start) or (
                visit.start < day_end and visit.end > day_start and row.actual_start is not None
            )
            if not touches_day:
                continue
            _, _, minutes = _arrival(visits[:index], visit.start, visit.point, zone_of_day, home, travel)
            shown.append(_board_visit(visit, minutes))
            busy.append(Period(visit.start - timedelta(minutes=minutes or 0), visit.end))
        lanes.append(
            Lane(
                technician_id=technician.id,
                name=technician.full_name,
                team=technician.team,
                state=technician.state,
                has_shift_calendar=technician.calendar_id is not None,
                shifts=tuple(shifts),
                visits=tuple(shown),
                gaps=tuple(Period(*gap) for gap in free_periods(shifts, busy)),
            )
        )
    return DayBoard(day, tz, day_start, day_end, tuple(lanes))


# The checks --------------------------------------------------------------------------------------------


def check_in_session(
    session: Session,
    ticket: Ticket,
    technician: Technician,
    start: datetime,
    end: datetime,
    moving: Visit | None,
    now: datetime,
    travel: TravelModel,
) -> VisitCheck:
    """The rules for a visit of `ticket` by `technician` over [start, end), as `check_visit` describes.

    `moving` is the stored visit being moved (left out of the technician's other visits). Reads the
    technician's skills, shift calendar and neighbouring visits in `session`.
    """
    refusals: list[Notice] = []
    warnings: list[Notice] = []
    who = technician.full_name
    calendar = (
        load_business_calendars(session, {technician.calendar_id}, start.date())[technician.calendar_id]
        if technician.calendar_id is not None
        else None
    )
    zone = calendar.tzinfo if calendar is not None else _zone(DEFAULT_ZONE)
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    times = {"technician": who, "start": local_start, "end": local_end}

    if end <= start:
        refusals.append(
            Notice("bad_interval", QT_TRANSLATE_NOOP("planning", "The visit must end after it starts."))
        )
    if not technician.active:
        refusals.append(
            Notice(
                "inactive",
                QT_TRANSLATE_NOOP("planning", "{technician} no longer works as a technician."),
                {"technician": who},
            )
        )
    if ticket.status in CLOSED_STATUSES:
        refusals.append(
            Notice(
                "ticket_closed",
                QT_TRANSLATE_NOOP("planning", "Ticket {number} is {status}: it needs no more visits."),
                {"number": ticket.number, "status": ticket.status},
            )
        )
    if ticket.skill is not None and ticket.skill not in technician.skills:
        refusals.append(
            Notice(
                "skill",
                QT_TRANSLATE_NOOP(
                    "planning", "{technician} lacks the skill {skill} that ticket {number} needs."
                ),
                {"technician": who, "skill": ticket.skill.name, "number": ticket.number},
            )
        )
    if moving is not None:
        if moving.status in FIXED_STATUSES:
            refusals.append(
                Notice(
                    "visit_status",
                    QT_TRANSLATE_NOOP("planning", "The visit is {status}: it can no longer be moved."),
                    {"status": moving.status},
                )
            )
        elif moving.actual_start is not None:
            refusals.append(
                Notice(
                    "visit_started",
                    QT_TRANSLATE_NOOP(
                        "planning", "The visit started at {started:%H:%M}: it can no longer be moved."
                    ),
                    {"started": moving.actual_start.astimezone(zone)},
                )
            )
        if moving.pinned:
            refusals.append(
                Notice(
                    "visit_pinned",
                    QT_TRANSLATE_NOOP(
                        "planning", "The visit is pinned to its time and technician; unpin it to move it."
                    ),
                )
            )

    if calendar is None:
        refusals.append(
            Notice(
                "no_calendar",
                QT_TRANSLATE_NOOP("planning", "{technician} has no shift calendar, so has no working hours."),
                {"technician": who},
            )
        )
    elif end > start:
        periods = _shift_periods(calendar, start, end)
        if not any(p.start <= start and end <= p.end for p in periods):
            day_periods = _shift_periods(
                calendar,
                datetime.combine(local_start.date(), time(), tzinfo=zone),
                datetime.combine(local_start.date() + timedelta(days=1), time(), tzinfo=zone),
            )
            if day_periods:
                shifts = ", ".join(
                    f"{p.start.astimezone(zone):%H:%M}-{p.end.astimezone(zone):%H:%M}" for p in day_periods
                )
                refusals.append(
                    Notice(
                        "off_shift",
                        QT_TRANSLATE_NOOP(
                            "planning",
                            "{start:%H:%M}-{end:%H:%M} is outside the shift of {technician} ({shifts}).",
                        ),
                        {**times, "shifts": shifts},
                    )
                )
            else:
                refusals.append(
                    Notice(
                        "off_shift",
                        QT_TRANSLATE_NOOP("planning", "{technician} has no shift on {start:%Y-%m-%d}."),
                        times,
                    )
                )

    site = ticket.site
    point = None if site is None else (site.latitude, site.longitude)
    if site is None:
        warnings.append(
            Notice(
                "no_site",
                QT_TRANSLATE_NOOP("planning", "Ticket {number} has no site: no travel time is counted."),
                {"number": ticket.number},
            )
        )
    others = [
        b
        for b in booked_visits(
            session,
            Visit.technician_id == technician.id,
            start - NEIGHBOUR_WINDOW,
            end + NEIGHBOUR_WINDOW,
            now,
        )
        if moving is None or b.row.id != moving.id
    ]
    home = (technician.home_latitude, technician.home_longitude)
    earlier = [b for b in others if b.start < start]
    previous, origin, minutes = _arrival(earlier, start, point, zone, home, travel)
    overlapping = [b for b in others if b.start < end and start < b.end] if end > start else []
    for other in overlapping:
        refusals.append(
            Notice(
                "overlap",
                QT_TRANSLATE_NOOP(
                    "planning",
                    "{technician} is on visit {number} from {other_start:%H:%M} to {other_end:%H:%M}.",
                ),
                {
                    **times,
                    "number": other.row.number,
                    "other_start": other.start.astimezone(zone),
                    "other_end": other.end.astimezone(zone),
                },
            )
        )
    if previous is not None and previous not in overlapping and minutes:
        earliest = previous.end + timedelta(minutes=minutes)
        if start < earliest:
            refusals.append(
                Notice(
                    "travel_overlap",
                    QT_TRANSLATE_NOOP(
                        "planning",
                        "{technician} leaves visit {number} at {other_end:%H:%M} and needs {minutes} min to "
                        "get here: the visit can start at {earliest:%H:%M} at the earliest.",
                    ),
                    {
                        **times,
                        "number": previous.row.number,
                        "other_end": previous.end.astimezone(zone),
                        "minutes": minutes,
                        "earliest": earliest.astimezone(zone),
                    },
                )
            )
    following = next((b for b in others if b.start >= end and b not in overlapping), None)
    if (
        following is not None
        and following.point is not None
        and following.start.astimezone(zone).date() == local_start.date()
    ):
        onward = trip_minutes(travel, point or origin, following.point)
        latest = following.start - timedelta(minutes=onward)
        if end > latest:
            refusals.append(
                Notice(
                    "next_unreachable",
                    QT_TRANSLATE_NOOP(
                        "planning",
                        "{technician} could not reach the next visit, {number} at {other_start:%H:%M}, in "
                        "time: the trip takes {minutes} min, so this visit must end by {latest:%H:%M}.",
                    ),
                    {
                        **times,
                        "number": following.row.number,
                        "other_start": following.start.astimezone(zone),
                        "minutes": onward,
                        "latest": latest.astimezone(zone),
                    },
                )
            )

    if ticket.arrived_at is None and ticket.arrival_due_at is not None and start > ticket.arrival_due_at:
        warnings.append(
            Notice(
                "late_arrival",
                QT_TRANSLATE_NOOP(
                    "planning",
                    "The technician arrives {minutes} min after the arrival deadline "
                    "({deadline:%Y-%m-%d %H:%M}).",
                ),
                {
                    "minutes": _minutes_between(ticket.arrival_due_at, start),
                    "deadline": ticket.arrival_due_at.astimezone(zone),
                },
            )
        )
    if ticket.resolved_at is None and ticket.resolution_due_at is not None and end > ticket.resolution_due_at:
        warnings.append(
            Notice(
                "late_resolution",
                QT_TRANSLATE_NOOP(
                    "planning",
                    "The visit ends {minutes} min after the resolution deadline ({deadline:%Y-%m-%d %H:%M}).",
                ),
                {
                    "minutes": _minutes_between(ticket.resolution_due_at, end),
                    "deadline": ticket.resolution_due_at.astimezone(zone),
                },
            )
        )
    return VisitCheck(not refusals, tuple(refusals), tuple(warnings), minutes)


def check_visit(
    db: Database,
    *,
    ticket_id: int,
    technician_id: int,
    start: datetime,
    end: datetime,
    visit_id: int | None = None,
    now: datetime | None = None,
    travel: TravelModel = DEFAULT_TRAVEL,
) -> VisitCheck:
    """Whether a visit of the ticket by the technician from `start` to `end` may be saved, and why not.

    Refused: `end` not after `start`; an inactive technician; a resolved, closed or cancelled ticket; a
    technician without the ticket's skill; no shift calendar, or [start, end) not inside one shift
    period; an overlap with another of the technician's visits; a start before the previous visit's end
    plus the trip from there; an end too late to make the trip to the technician's next visit of the day.
    With `visit_id` (a move), also: a visit under way or over, a started visit, a pinned visit.
    Warned: an arrival after the arrival deadline (not yet arrived), an end after the resolution
    deadline, a ticket without a site. `now` (default: the current time) bounds visits still under way.

    Raises TicketNotFound, TechnicianNotFound or VisitNotFound for unknown ids, and ValueError for naive
    datetimes or a `visit_id` of another ticket.
    """
    moment = utcnow() if now is None else now
    for name, value in (("start", start), ("end", end), ("now", moment)):
        _aware(name, value)
    with db.session() as session:
        technician = session.get(Technician, technician_id)
        if technician is None:
            raise TechnicianNotFound(technician_id)
        ticket = session.get(Ticket, ticket_id)
        if ticket is None:
            raise TicketNotFound(ticket_id)
        moving = None
        if visit_id is not None:
            moving = session.get(Visit, visit_id)
            if moving is None:
                raise VisitNotFound(visit_id)
            if moving.ticket_id != ticket_id:
                raise ValueError(f"visit {visit_id} belongs to ticket {moving.ticket_id}, not {ticket_id}")
        return check_in_session(session, ticket, technician, start, end, moving, moment, travel)


# Saving -------------------------------------------------------------------------------------------------


def lock_technician(session: Session, technician_id: int) -> Technician:
    """The technician, row-locked on PostgreSQL so that plans for them are checked one at a time."""
    technician = session.get(Technician, technician_id, with_for_update=True)
    if technician is None:
        raise TechnicianNotFound(technician_id)
    return technician


def assign_to_technician(
    session: Session, ticket: Ticket, technician_id: int, user_id: int | None, moment: datetime
) -> None:
    """Give the ticket to the technician of its visit, as `tickets.assign_technician` does, and save it.

    A new ticket moves to "assigned" when its workflow allows; the history records the change.
    """
    if ticket.technician_id == technician_id:
        return
    old = ticket.technician_id
    ticket.technician_id = technician_id
    if ticket.status == "new":
        workflow = load_workflow(session, ticket.category)
        if workflow.allows("new", "assigned"):
            enter_status(session, ticket, workflow, "assigned", user_id, moment)
    record_change(session, ticket, "technician", old, technician_id, user_id, moment)
    _save(session, ticket, moment, user_id)


def plan_visit(
    db: Database,
    *,
    ticket_id: int,
    technician_id: int,
    start: datetime,
    end: datetime,
    user_id: int | None = None,
    now: datetime | None = None,
    travel: TravelModel = DEFAULT_TRAVEL,
) -> int:
    """Plan a visit of the ticket by the technician from `start` to `end`; returns the new visit's id.

    The check of `check_visit` runs in the write transaction, after the technician's row is locked, so
    concurrent plans for one technician are checked against each other. Refused: VisitRefused with every
    reason, nothing saved. The ticket is assigned to the technician when it is not already theirs.
    """
    moment = utcnow() if now is None else now
    for name, value in (("start", start), ("end", end), ("now", moment)):
        _aware(name, value)
    with db.transaction() as session:
        require(session, user_id, "tickets")
        technician = lock_technician(session, technician_id)
        ticket = session.get(Ticket, ticket_id, with_for_update=True)
        if ticket is None:
            raise TicketNotFound(ticket_id)
        result = check_in_session(session, ticket, technician, start, end, None, moment, travel)
        if not result.allowed:
            raise VisitRefused(result.refusals)
        visit = Visit(
            ticket_id=ticket_id,
            technician_id=technician_id,
            status="planned",
            planned_start=start,
            planned_end=end,
            travel_minutes=result.travel_minutes or 0,
        )
        session.add(visit)
        assign_to_technician(session, ticket, technician_id, user_id, moment)
        session.flush()
        return visit.id


def move_visit(
    db: Database,
    *,
    visit_id: int,
    technician_id: int,
    start: datetime,
    end: datetime,
    expected_version: int,
    user_id: int | None = None,
    now: datetime | None = None,
    travel: TravelModel = DEFAULT_TRAVEL,
) -> None:
    """Move a planned visit to the technician (the same or another) from `start` to `end`.

    Checked like `plan_visit`, in the write transaction; a visit under way, over, started or pinned is
    refused too (VisitRefused, nothing saved). A visit changed since `expected_version` is refused with
    TicketConflict (naming its ticket). The ticket follows the visit to its technician.
    """
    moment = utcnow() if now is None else now
    for name, value in (("start", start), ("end", end), ("now", moment)):
        _aware(name, value)
    with db.transaction() as session:
        require(session, user_id, "tickets")
        technician = lock_technician(session, technician_id)
        visit = session.get(Visit, visit_id, with_for_update=True)
        if visit is None:
            raise VisitNotFound(visit_id)
        ticket = session.get_one(Ticket, visit.ticket_id, with_for_update=True)
        if visit.version != expected_version:
            raise TicketConflict(ticket.number)
        result = check_in_session(session, ticket, technician, start, end, visit, moment, travel)
        if not result.allowed:
            raise VisitRefused(result.refusals)
        visit.technician_id = technician_id
        visit.planned_start = start
        visit.planned_end = end
        visit.travel_minutes = result.travel_minutes or 0
        try:
            assign_to_technician(session, ticket, technician_id, user_id, moment)
            session.flush()
        except StaleDataError as exc:
            raise TicketConflict(ticket.number) from exc


def days_board(
    db: Database,
    first_day: date,
    days: int,
    *,
    tz: str = DEFAULT_ZONE,
    team: str | None = None,
    now: datetime | None = None,
) -> DayBoard:
    """Several consecutive local days as one board: each technician's lanes joined end to end.

    A visit that crosses midnight appears once. `day` is the first day; `start` and `end` span all.
    """
    if days < 1:
        raise ValueError("a board shows at least one day")
    boards = [day_board(db, first_day + timedelta(days=n), tz=tz, team=team, now=now) for n in range(days)]
    lanes: dict[int, Lane] = {}
    for board in boards:
        for lane in board.lanes:
            known = lanes.get(lane.technician_id)
            if known is None:
                lanes[lane.technician_id] = lane
                continue
            seen = {visit.visit_id for visit in known.visits}
            lanes[lane.technician_id] = replace(
                known,
                shifts=known.shifts + lane.shifts,
                visits=known.visits + tuple(v for v in lane.visits if v.visit_id not in seen),
                gaps=known.gaps + lane.gaps,
            )
    order = {lane.technician_id: n for n, lane in enumerate(boards[0].lanes)}
    return DayBoard(
        day=first_day,
        timezone=tz,
        start=boards[0].start,
        end=boards[-1].end,
        lanes=tuple(sorted(lanes.values(), key=lambda lane: order.get(lane.technician_id, len(order)))),
    )
