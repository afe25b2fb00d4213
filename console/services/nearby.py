"""Who can get to a ticket soonest, and where a technician drives during a day: plain data for the map.

`nearest_technicians` ranks the active technicians who have the ticket's skill and are on shift by the
estimated driving time to the ticket's site, and says whether each could arrive before the ticket's
deadline; it also counts who was left out and why, so the map can say "3 more are off shift".
`technician_route` lists a technician's visits of one local day in driving order with the point the
day's line starts from.

Travel times come from a `TravelModel` (straight-line estimate by default) so a road-network service
can be plugged in without changing these functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Row, and_, func, or_, select, true
from sqlalchemy.orm import Session

from console.errors import QT_TRANSLATE_NOOP, ConsoleError
from console.models import Site, Technician, Ticket, Visit, technician_skills
from console.models.base import utcnow
from console.services.calendars import load_business_calendars, working_periods
from console.services.field_zone import FIELD_TIMEZONE
from console.services.sla import BusinessCalendar
from console.services.travel import DEFAULT_TRAVEL, Point, TravelModel, haversine_km
from console.store.database import Database

STATE_RANK: Final = {"free": 0, "en_route": 1, "on_site": 2}
"""Among technicians equally far away, who is offered first: a free one before one still driving
elsewhere, and both before one busy on a site."""


@dataclass(frozen=True, slots=True)
class NearbyTechnician:
    """One candidate for a ticket: where they are, how far, and when they could be on site.

    `position_source` is "reported" (the last position the mobile app sent, `position_age` old) or
    "home" (the home base, for a technician who never reported; `position_age` is None).
    `distance_km` is the straight-line distance, `travel_minutes` the travel model's estimate, `eta`
    the arrival if they left now. `arrives_in_time` compares `eta` with the ticket's deadline (None
    when the ticket has none).
    """

    id: int
    name: str
    state: str
    latitude: float
    longitude: float
    position_source: str
    position_age: timedelta | None
    distance_km: float
    travel_minutes: float
    eta: datetime
    arrives_in_time: bool | None


@dataclass(frozen=True, slots=True)
class NearbyResult:
    """The nearest suitable technicians for a ticket, nearest first, and who was left out.

    `deadline` is the ticket's arrival deadline, else its resolution deadline, else None.
    `considered` counts the active technicians looked at; of them `excluded_skill` lack the ticket's
    skill, `excluded_shift` have it but are off shift, and the remaining `eligible` were ranked, of
    which `technicians` holds the first `limit`.
    """

    ticket_id: int
    ticket_number: str
    site_latitude: float
    site_longitude: float
    deadline: datetime | None
    technicians: tuple[NearbyTechnician, ...]
    considered: int
    eligible: int
    excluded_skill: int
    excluded_shift: int


@dataclass(frozen=True, slots=True)
class RouteStart:
    """Where a technician's day line starts: a position reported that day ("reported") or "home"."""

    latitude: float
    longitude: float
    source: str
    reported_at: datetime | None


@dataclass(frozen=True, slots=True)
class RouteStop:
    """One visit of the route, at its ticket's site (no site: no name, address or coordinates)."""

    visit_id: int
    ticket_id: int
    ticket_number: str
    site_name: str | None
    address: str | None
    latitude: float | None
    longitude: float | None
    planned_start: datetime
    planned_end: datetime
    actual_start: datetime | None
    actual_end: datetime | None
    status: str


@dataclass(frozen=True, slots=True)
class RouteResult:
    """A technician's visits of one local `day` in `timezone`, in driving order, and the line's start."""

    technician_id: int
    technician_name: str
    day: date
    timezone: str
    start: RouteStart
    stops: tuple[RouteStop, ...]


class TechnicianNotFound(ConsoleError):
    """The technician whose route was asked for does not exist (any more)."""

    def __init__(self, technician_id: int) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "Technician {technician_id} does not exist."),
            technician_id=technician_id,
        )


def nearest_technicians(
    db: Database,
    ticket_id: int,
    *,
    now: datetime | None = None,
    limit: int = 5,
    travel: TravelModel = DEFAULT_TRAVEL,
) -> NearbyResult | None:
    """The `limit` suitable technicians who could reach the ticket's site soonest; None without a site.

    Suitable means active, holding the ticket's skill (anyone, when the ticket names none) and on shift
    at `now` (default: the current time): not in the "off_shift" state and, for a technician with a
    shift calendar, inside its working hours. A technician is placed at the last reported position,
    else at the home base. They are ranked by travel minutes, then free before en route before on
    site, then by name. The estimate assumes leaving now: the time to finish a current job is not
    known here.

    Five queries at most, whatever the number of technicians: the ticket, the technicians counted by
    skill, state and calendar, the calendars in use (two), and the suitable technicians; each shift
    calendar is evaluated once.
    Returns None when the ticket does not exist or has no site. Raises ValueError for a naive `now`,
    a negative `limit` or a malformed stored calendar.
    """
    now = utcnow() if now is None else now
    if now.utcoffset() is None:
        raise ValueError(f"now must be time-zone-aware, got {now.isoformat()}")
    if limit < 0:
        raise ValueError(f"limit must not be negative, got {limit}")
    with db.session() as session:
        ticket = session.execute(
            select(
                Ticket.number,
                Ticket.skill_id,
                Ticket.arrival_due_at,
                Ticket.resolution_due_at,
                Site.latitude,
                Site.longitude,
            )
            .join(Site, Site.id == Ticket.site_id)
            .where(Ticket.id == ticket_id)
        ).one_or_none()
        if ticket is None:
            return None
        number, skill_id, arrival_due, resolution_due, site_lat, site_lon = ticket
        # Who is left out and why is counted by groups in the database; only the suitable technicians'
        # rows are fetched. With a skill, the link table is outer-joined on it: at most one row per
        # technician, since (technician_id, skill_id) is its key.
        link = technician_skills.c.technician_id
        skill_join = and_(link == Technician.id, technician_skills.c.skill_id == skill_id)
        off_state = Technician.state == "off_shift"
        if skill_id is None:
            groups = select(off_state, Technician.calendar_id, true(), func.count()).group_by(
                off_state, Technician.calendar_id
            )
        else:
            skilled = link.is_not(None)
            groups = (
                select(off_state, Technician.calendar_id, skilled, func.count())
                .outerjoin(technician_skills, skill_join)
                .group_by(off_state, Technician.calendar_id, skilled)
            )
        groups = groups.where(Technician.active.is_(True))
        counts = session.execute(groups).all()
        shifts = {
            calendar for off, calendar, skilled, _ in counts if skilled and not off and calendar is not None
        }
        working = _working_now(session, shifts, now)
        query = select(
            Technician.id,
            Technician.full_name,
            Technician.state,
            Technician.last_latitude,
            Technician.last_longitude,
            Technician.last_position_at,
            Technician.home_latitude,
            Technician.home_longitude,
        ).where(
            Technician.active.is_(True),
            ~off_state,
            or_(
                Technician.calendar_id.is_(None),
                Technician.calendar_id.in_([calendar for calendar, works in working.items() if works]),
            ),
        )
        if skill_id is not None:
            query = query.join(technician_skills, skill_join)
        suitable = session.execute(query).all()

    excluded_skill = sum(count for _, _, skilled, count in counts if not skilled)
    excluded_shift = sum(
        count
        for off, calendar, skilled, count in counts
        if skilled and (off or (calendar is not None and not working[calendar]))
    )
    deadline = arrival_due if arrival_due is not None else resolution_due
    site = (site_lat, site_lon)
    ranked = sorted(
        (
            travel.minutes(_position(t)[0], site),
            STATE_RANK.get(t.state, len(STATE_RANK)),
            t.full_name,
            t.id,
            t,
        )
        for t in suitable
    )
    # Only the technicians shown are built in full; the others are just counted.
    nearest = tuple(_candidate(t, minutes, site, now, deadline) for minutes, _, _, _, t in ranked[:limit])
    return NearbyResult(
        ticket_id=ticket_id,
        ticket_number=number,
        site_latitude=site_lat,
        site_longitude=site_lon,
        deadline=deadline,
        technicians=nearest,
        considered=sum(count for _, _, _, count in counts),
        eligible=len(ranked),
        excluded_skill=excluded_skill,
        excluded_shift=excluded_shift,
    )


def _position(technician: Row[*tuple[Any, ...]]) -> tuple[Point, str]:
    """The technician's last reported position ("reported"), else the home base ("home")."""
    if technician.last_latitude is not None and technician.last_longitude is not None:
        return (technician.last_latitude, technician.last_longitude), "reported"
    return (technician.home_latitude, technician.home_longitude), "home"


def _candidate(
    technician: Row[*tuple[Any, ...]],
    minutes: float,
    site: Point,
    now: datetime,
    deadline: datetime | None,
) -> NearbyTechnician:
    """A ranked technician in full: position, distance, age of the position and arrival if leaving now."""
    position, source = _position(technician)
    eta = now + timedelta(minutes=minutes)
    return NearbyTechnician(
        id=technician.id,
        name=technician.full_name,
        state=technician.state,
        latitude=position[0],
        longitude=position[1],
        position_source=source,
        position_age=now - technician.last_position_at if source == "reported" else None,
        distance_km=haversine_km(position, site),
        travel_minutes=minutes,
        eta=eta,
        arrives_in_time=None if deadline is None else eta <= deadline,
    )


_INSTANT = timedelta(microseconds=1)


def _working_now(session: Session, calendar_ids: set[int], now: datetime) -> dict[int, bool]:
    """Whether each shift calendar is inside its working hours at `now`; two queries for all of them."""
    calendars = load_business_calendars(session, calendar_ids, now.date())
    return {calendar_id: _works_at(calendar, now) for calendar_id, calendar in calendars.items()}


def _works_at(calendar: BusinessCalendar, moment: datetime) -> bool:
    """Whether `moment` falls inside one of the calendar's working periods (half-open: a shift ending
    at 18:00 is over at 18:00)."""
    return any(begin <= moment < end for begin, end in working_periods(calendar, moment, moment + _INSTANT))


def technician_route(db: Database, technician_id: int, day: date, *, tz: str = FIELD_TIMEZONE) -> RouteResult:
    """The technician's visits planned to start on local `day` in `tz`, in the order they are driven.

    Cancelled visits are left out. Stops are ordered by their actual start, else their planned start
    (a visit started early comes first). The line starts at the position the technician reported on
    that day (for today: where they are now), else at the home base. Raises TechnicianNotFound for an
    unknown technician and ValueError for an unknown time zone.
    """
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {tz!r}; expected an IANA name such as 'Europe/Moscow'") from None
    # Each bound is its own local midnight, so a day with a daylight-saving switch lasts 23 or 25 hours.
    day_start = datetime.combine(day, time(), tzinfo=zone)
    day_end = datetime.combine(day + timedelta(days=1), time(), tzinfo=zone)
    with db.session() as session:
        technician = session.execute(
            select(
                Technician.full_name,
                Technician.last_latitude,
                Technician.last_longitude,
                Technician.last_position_at,
                Technician.home_latitude,
                Technician.home_longitude,
            ).where(Technician.id == technician_id)
        ).one_or_none()
        if technician is None:
            raise TechnicianNotFound(technician_id)
        rows = session.execute(
            select(
                Visit.id.label("visit_id"),
                Visit.ticket_id,
                Ticket.number.label("ticket_number"),
                Site.name.label("site_name"),
                Site.address,
                Site.latitude,
                Site.longitude,
                Visit.planned_start,
                Visit.planned_end,
                Visit.actual_start,
                Visit.actual_end,
                Visit.status,
            )
            .join(Ticket, Ticket.id == Visit.ticket_id)
            .outerjoin(Site, Site.id == Ticket.site_id)
            .where(
                Visit.technician_id == technician_id,
                Visit.status != "cancelled",
                Visit.planned_start >= day_start,
                Visit.planned_start < day_end,
            )
        ).all()
    name, last_lat, last_lon, reported_at, home_lat, home_lon = technician
    if (
        last_lat is not None
        and last_lon is not None
        and reported_at is not None
        and day_start <= reported_at < day_end
    ):
        start = RouteStart(last_lat, last_lon, "reported", reported_at)
    else:
        start = RouteStart(home_lat, home_lon, "home", None)
    stops = sorted(
        (RouteStop(**row._asdict()) for row in rows),
        key=lambda s: (s.actual_start or s.planned_start, s.planned_start, s.visit_id),
    )
    return RouteResult(technician_id, name, day, tz, start, tuple(stops))
