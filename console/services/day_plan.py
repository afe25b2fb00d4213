"""The day-plan optimiser: one team's visits of one day re-planned by the route solver, as a proposal.

`propose_day_plan` reads the team's technicians (shift of the day, skills, home, where they are now),
their visits of the day and the open tickets nobody has planned yet, and hands them to
`route_solver.solve` as a `RoutingProblem`:

- a technician is a vehicle from where they are (home, their reported position once the day has
  begun, or the site of the visit under way) back home, within the longest stretch of their shift
  still ahead, with an hour of overtime at twice the cost of driving;
- a planned, unpinned, not started visit, and an unplanned ticket, is a job needing the ticket's
  skill, no earlier than now and the client's appointment, due by the SLA deadline (arrival while
  nobody has arrived, else resolution), allowed later at the cost of a predicted breach;
- pinned and started visits are kept exactly as they are (a pinned one is a job fixed to its
  technician and time, so the others are planned around it).

The objective follows the dispatcher's order: serve the visits already planned and the tickets due
today (a prize no drive outweighs), then avoid breaches, then drive and overtime as little as possible;
tickets due later are taken when they fit. Times are whole minutes, as the board's checks count
them, so `apply_day_plan` (one transaction, every visit checked like a drop on the board, versions
compared) accepts what was proposed unless someone changed the plan meanwhile.

`figures` measures the current plan and the proposal the same way (kilometres driven, visits planned,
predicted breaches, overtime), so the dispatcher compares like with like before applying.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.errors import QT_TRANSLATE_NOOP
from console.models import Client, Site, Skill, Technician, Ticket, Visit
from console.models.base import OPEN_STATUSES, WAITING_STATUSES, utcnow
from console.services.access import require
from console.services.calendars import load_business_calendars, working_periods
from console.services.dispatch_rules import load_rules
from console.services.field_zone import FIELD_TIMEZONE
from console.services.route_check import violations
from console.services.route_solver import solve
from console.services.routing import Job, RoutingProblem, RoutingSolution, Vehicle
from console.services.ticket_intake import Notice
from console.services.tickets import TicketConflict
from console.services.travel import DEFAULT_TRAVEL, Point, TravelModel
from console.services.visit_planning import (
    FIXED_STATUSES,
    VisitRefused,
    assign_to_technician,
    check_in_session,
    lock_technician,
    visit_deadline,
    visit_deadline_kind,
)
from console.store.database import Database

MUST_PRIZE: Final = 1_000_000
"""Leaving out a visit already planned for the day, or a ticket due by its end: more than any drive
or a hundred breaches. (PyVRP 0.14's search stalls for minutes with prizes of 10^7 next to the
prohibitive edges that keep technicians from jobs outside their skills, so no higher.)"""
BREACH_PENALTY: Final = 10_000
"""Serving a job after its SLA deadline: more than a team's whole day of driving (in minutes), less
than leaving a job out."""
LATER_PRIZE: Final = 60
"""Planning a ticket due on a later day: worth an hour of driving, so it is taken when it fits."""
OVERTIME_MINUTES: Final = 60
OVERTIME_COST: Final = 10
"""Per minute of overtime, against 1 per minute of driving: overtime is paid at a premium and comes
out of the technician's evening, so it is spent on work due today, hardly ever on work due later."""


@dataclass(frozen=True, slots=True)
class PlannedVisit:
    """One visit of a plan. `visit_id` None: a new visit for an unplanned ticket. `kept`: pinned or
    started, so not moved. `late`: the SLA deadline is predicted to be missed."""

    ticket_id: int
    number: str
    client: str
    technician_id: int
    start: datetime
    end: datetime
    travel_minutes: int
    visit_id: int | None
    version: int | None
    kept: bool
    late: bool


@dataclass(frozen=True, slots=True)
class Unplaced:
    """A ticket the plan leaves out, and why (a translatable notice)."""

    ticket_id: int
    number: str
    notice: Notice


@dataclass(frozen=True, slots=True)
class PlanFigures:
    """What a plan costs and achieves, measured the same way for the current plan and a proposal."""

    travel_km: float
    visits: int
    breaches: int
    overtime_minutes: int


@dataclass(frozen=True, slots=True)
class TechnicianDay:
    id: int
    name: str
    shift_start: datetime
    shift_end: datetime


@dataclass(frozen=True, slots=True)
class DayPlanProposal:
    """The current plan of a team's day beside the optimiser's proposal, with both plans' figures."""

    day: date
    team: str | None
    technicians: tuple[TechnicianDay, ...]
    current: tuple[PlannedVisit, ...]
    proposed: tuple[PlannedVisit, ...]
    unplaced: tuple[Unplaced, ...]
    current_figures: PlanFigures
    proposed_figures: PlanFigures
    seconds: float
    cancelled: bool
    problems: tuple[str, ...]

    @property
    def changes(self) -> tuple[PlannedVisit, ...]:
        """The proposed visits that differ from the current plan: new, or moved in time or to another."""
        now = {v.visit_id: v for v in self.current if v.visit_id is not None}
        return tuple(
            v
            for v in self.proposed
            if not v.kept
            and (
                v.visit_id is None
                or (now[v.visit_id].technician_id, now[v.visit_id].start) != (v.technician_id, v.start)
            )
        )


@dataclass(frozen=True, slots=True)
class _Work:
    """A ticket to visit (with its visit when one is planned), as the problem builder needs it."""

    ticket_id: int
    number: str
    client: str
    point: Point
    skill: str | None
    deadline: datetime | None
    deadline_kind: str | None
    appointment: datetime | None
    minutes: int
    visit_id: int | None
    version: int | None
    technician_id: int | None
    start: datetime | None
    end: datetime | None
    kept: bool
    must: bool


@dataclass(frozen=True, slots=True)
class _Crew:
    id: int
    name: str
    skills: frozenset[str]
    start_point: Point
    home: Point
    shift_start: datetime
    shift_end: datetime


def _minute_ceil(moment: datetime) -> datetime:
    extra = moment.second or moment.microsecond
    return moment.replace(second=0, microsecond=0) + (timedelta(minutes=1) if extra else timedelta())


def _late(work: _Work, start: datetime, end: datetime) -> bool:
    if work.deadline is None:
        return False
    return (start if work.deadline_kind == "arrival" else end) > work.deadline


# Reading the day -------------------------------------------------------------------------------------


def _read(
    session: Session, day: date, team: str | None, now: datetime, zone: ZoneInfo, visit_minutes: int
) -> tuple[list[_Crew], list[_Work], list[_Work]]:
    """The team's technicians on shift that day, the work to plan, and the visits kept as they are."""
    day_start = datetime.combine(day, time(), tzinfo=zone)
    day_end = day_start + timedelta(days=1)
    query = select(Technician).where(Technician.active.is_(True)).order_by(Technician.full_name)
    if team is not None:
        query = query.where(Technician.team == team)
    technicians = list(session.scalars(query))
    calendars = load_business_calendars(
        session, {t.calendar_id for t in technicians if t.calendar_id is not None}, day
    )
    crew: dict[int, _Crew] = {}
    for technician in technicians:
        calendar = calendars.get(technician.calendar_id) if technician.calendar_id is not None else None
        if calendar is None:
            continue
        periods = [
            (max(a, day_start, now), min(b, day_end))
            for a, b in working_periods(calendar, day_start, day_end)
        ]
        periods = [(a, b) for a, b in periods if b > a]
        if not periods:
            continue
        start, end = max(periods, key=lambda p: p[1] - p[0])
        home = (technician.home_latitude, technician.home_longitude)
        here = home
        if (
            start <= now + timedelta(minutes=1)
            and technician.last_latitude is not None
            and technician.last_longitude is not None
        ):
            here = (technician.last_latitude, technician.last_longitude)
        crew[technician.id] = _Crew(
            technician.id,
            technician.full_name,
            frozenset(str(skill.id) for skill in technician.skills),
            here,
            home,
            _minute_ceil(start),
            end,
        )

    visit_rows = session.execute(
        select(Visit, Ticket, Site.latitude, Site.longitude, Client.name)
        .join(Ticket, Ticket.id == Visit.ticket_id)
        .join(Client, Client.id == Ticket.client_id)
        .join(Site, Site.id == Ticket.site_id)
        .where(
            Visit.technician_id.in_(list(crew)),
            Visit.status != "cancelled",
            Visit.planned_start < day_end,
            Visit.planned_end > day_start,
        )
        .order_by(Visit.planned_start)
    ).all()
    work: list[_Work] = []
    kept: list[_Work] = []
    for visit, ticket, latitude, longitude, client in visit_rows:
        fixed = visit.pinned or visit.actual_start is not None or visit.status in FIXED_STATUSES
        item = _work(
            ticket, client, (latitude, longitude), visit, fixed, must=True, visit_minutes=visit_minutes
        )
        if fixed:
            kept.append(item)
            if visit.actual_start is not None and visit.actual_end is None and visit.technician_id in crew:
                busy_until = _minute_ceil(max(visit.planned_end, now))
                member = crew[visit.technician_id]
                if busy_until >= member.shift_end:
                    del crew[visit.technician_id]
                else:
                    crew[visit.technician_id] = _Crew(
                        member.id,
                        member.name,
                        member.skills,
                        (latitude, longitude),
                        member.home,
                        max(member.shift_start, busy_until),
                        member.shift_end,
                    )
        elif ticket.status not in OPEN_STATUSES:
            continue
        else:
            work.append(item)

    planned = select(Visit.ticket_id).where(Visit.status.in_(("planned", "en_route", "on_site")))
    unplanned = (
        select(Ticket, Site.latitude, Site.longitude, Client.name)
        .join(Client, Client.id == Ticket.client_id)
        .join(Site, Site.id == Ticket.site_id)
        .where(
            Ticket.status.in_([s for s in OPEN_STATUSES if s not in WAITING_STATUSES]),
            Ticket.id.not_in(planned),
            (Ticket.planned_for.is_(None)) | (Ticket.planned_for < day_end),
        )
        .order_by(Ticket.id)
    )
    if team is not None:
        # A team plans the tickets it has the skills for; the rest belong to other teams.
        skills = {int(skill) for member in crew.values() for skill in member.skills}
        unplanned = unplanned.where(Ticket.skill_id.in_(skills))
    open_rows = session.execute(unplanned).all()
    for ticket, latitude, longitude, client in open_rows:
        deadline = visit_deadline(ticket.arrived_at, ticket.arrival_due_at, ticket.resolution_due_at)
        must = deadline is not None and deadline < day_end
        work.append(
            _work(ticket, client, (latitude, longitude), None, False, must=must, visit_minutes=visit_minutes)
        )
    return list(crew.values()), work, kept


def _work(
    ticket: Ticket,
    client: str,
    point: Point,
    visit: Visit | None,
    kept: bool,
    *,
    must: bool,
    visit_minutes: int,
) -> _Work:
    deadline = visit_deadline(ticket.arrived_at, ticket.arrival_due_at, ticket.resolution_due_at)
    kind = visit_deadline_kind(ticket.arrived_at, ticket.arrival_due_at, ticket.resolution_due_at)
    minutes = visit_minutes
    if visit is not None:
        minutes = max(1, math.ceil((visit.planned_end - visit.planned_start).total_seconds() / 60))
    return _Work(
        ticket_id=ticket.id,
        number=ticket.number,
        client=client,
        point=point,
        skill=None if ticket.skill_id is None else str(ticket.skill_id),
        deadline=deadline,
        deadline_kind=kind,
        appointment=ticket.planned_for,
        minutes=minutes,
        visit_id=None if visit is None else visit.id,
        version=None if visit is None else visit.version,
        technician_id=None if visit is None else visit.technician_id,
        start=None if visit is None else (visit.actual_start or visit.planned_start),
        end=None if visit is None else (visit.actual_end or visit.planned_end),
        kept=kept,
        must=must,
    )


# The routing problem ---------------------------------------------------------------------------------


class _Places:
    """Distinct points and the integer matrices between them (minutes, rounded up; metres)."""

    def __init__(self) -> None:
        self.points: list[Point] = []
        self._index: dict[Point, int] = {}

    def __call__(self, point: Point) -> int:
        if point not in self._index:
            self._index[point] = len(self.points)
            self.points.append(point)
        return self._index[point]

    def matrices(self, travel: TravelModel) -> tuple[list[list[int]], list[list[int]]]:
        minutes = travel.matrix(self.points)
        durations = [[math.ceil(m) for m in row] for row in minutes]
        distances = [[round(travel.distance_km(a, b) * 1000) for b in self.points] for a in self.points]
        return distances, durations


def _problem(
    crew: Sequence[_Crew],
    work: Sequence[_Work],
    kept: Sequence[_Work],
    origin: datetime,
    now: datetime,
    horizon: datetime,
    travel: TravelModel,
) -> RoutingProblem:
    places = _Places()

    def at(moment: datetime) -> int:
        return math.ceil((moment - origin).total_seconds() / 60)

    vehicles = [
        Vehicle(
            key=member.id,
            start=places(member.start_point),
            end=places(member.home),
            shift_start=at(member.shift_start),
            shift_end=at(member.shift_end),
            skills=member.skills,
            max_overtime=OVERTIME_MINUTES,
            overtime_cost=OVERTIME_COST,
        )
        for member in crew
    ]
    crew_ids = {member.id for member in crew}
    jobs: list[Job] = []
    for item in kept:
        if item.start is None or item.technician_id not in crew_ids or item.start < now:
            continue
        jobs.append(
            Job(
                key=("kept", item.visit_id),
                place=places(item.point),
                service=item.minutes,
                earliest=at(item.start),
                latest=at(item.start),
                required=False,
                prize=MUST_PRIZE,
                vehicles=frozenset({item.technician_id}),
            )
        )
    last = at(horizon)
    for item in work:
        earliest = at(max(now, item.appointment or now))
        latest = last
        late_latest = None
        if item.deadline is not None:
            due = at(item.deadline) - (item.minutes if item.deadline_kind == "resolution" else 0)
            if due >= earliest:
                latest, late_latest = due, last
        jobs.append(
            Job(
                key=(item.ticket_id, item.visit_id),
                place=places(item.point),
                service=item.minutes,
                earliest=earliest,
                latest=max(latest, earliest),
                skills=frozenset() if item.skill is None else frozenset({item.skill}),
                required=False,
                prize=MUST_PRIZE if item.must else LATER_PRIZE,
                late_latest=late_latest,
                late_penalty=BREACH_PENALTY if late_latest is not None else 0,
            )
        )
    distances, durations = places.matrices(travel)
    return RoutingProblem(distances, durations, jobs, vehicles, distance_cost=0, duration_cost=1)


# Figures -----------------------------------------------------------------------------------------------


def figures(
    plan: Sequence[PlannedVisit],
    crew: Sequence[TechnicianDay],
    starts: dict[int, Point],
    homes: dict[int, Point],
    points: dict[int, Point],
    pending_due: int,
    travel: TravelModel,
) -> PlanFigures:
    """Kilometres from each technician's start through their visits back home, visits, breaches (late
    visits plus `pending_due` tickets due today left unplanned) and minutes past the shifts' ends."""
    by_technician: dict[int, list[PlannedVisit]] = defaultdict(list)
    for visit in plan:
        by_technician[visit.technician_id].append(visit)
    km = 0.0
    overtime = 0
    shifts = {member.id: member for member in crew}
    for technician_id, visits in by_technician.items():
        visits.sort(key=lambda v: v.start)
        here = starts.get(technician_id)
        for visit in visits:
            point = points[visit.ticket_id]
            if here is not None:
                km += travel.distance_km(here, point)
            here = point
        home = homes.get(technician_id)
        if here is not None and home is not None:
            km += travel.distance_km(here, home)
            member = shifts.get(technician_id)
            if member is not None:
                back = visits[-1].end + timedelta(minutes=math.ceil(travel.minutes(here, home)))
                overtime += max(0, math.ceil((back - member.shift_end).total_seconds() / 60))
    breaches = sum(1 for v in plan if v.late) + pending_due
    return PlanFigures(round(km, 1), len(plan), breaches, overtime)


def propose_day_plan(
    db: Database,
    day: date,
    *,
    team: str | None = None,
    seconds: float = 10.0,
    now: datetime | None = None,
    travel: TravelModel = DEFAULT_TRAVEL,
    tz: str = FIELD_TIMEZONE,
    should_stop: Callable[[], bool] | None = None,
    progress: Callable[[float], None] | None = None,
    seed: int = 0,
) -> DayPlanProposal:
    """Re-plan the team's day (all teams when `team` is None) within `seconds`; nothing is saved.

    `should_stop()` returning True ends the search early with the best plan so far (`cancelled`);
    `progress(fraction)` reports how much of the time has gone.
    """
    moment = _minute_ceil(utcnow() if now is None else now)
    zone = ZoneInfo(tz)
    day_start = datetime.combine(day, time(), tzinfo=zone)
    visit_minutes = load_rules(db).rules.visit_minutes
    with db.session() as session:
        crew, work, kept = _read(session, day, team, moment, zone, visit_minutes)
        skill_names = {skill_id: name for skill_id, name in session.execute(select(Skill.id, Skill.name))}
    horizon = max((member.shift_end for member in crew), default=day_start) + timedelta(
        minutes=OVERTIME_MINUTES
    )
    problem = _problem(crew, work, kept, day_start, moment, horizon, travel)
    solution = solve(problem, seconds, seed=seed, should_stop=should_stop, progress=progress)
    technicians = tuple(TechnicianDay(m.id, m.name, m.shift_start, m.shift_end) for m in crew)
    starts = {m.id: m.start_point for m in crew}
    homes = {m.id: m.home for m in crew}
    points = {item.ticket_id: item.point for item in (*work, *kept)}

    current = [
        _as_planned(item)
        for item in (*kept, *work)
        if item.start is not None and item.technician_id is not None
    ]
    due_today = [item for item in work if item.visit_id is None and item.must]
    proposed = _proposal(solution, problem, work, kept, day_start)
    planned_tickets = {v.ticket_id for v in proposed}
    proposed.extend(
        _as_planned(item)
        for item in work
        if item.visit_id is not None and item.ticket_id not in planned_tickets
    )
    unplaced = tuple(
        Unplaced(item.ticket_id, item.number, _why(item, crew, skill_names))
        for item in work
        if item.ticket_id not in planned_tickets and (item.must or item.visit_id is not None)
    )
    return DayPlanProposal(
        day=day,
        team=team,
        technicians=technicians,
        current=tuple(sorted(current, key=lambda v: (v.technician_id, v.start))),
        proposed=tuple(sorted(proposed, key=lambda v: (v.technician_id, v.start))),
        unplaced=unplaced,
        current_figures=figures(current, technicians, starts, homes, points, len(due_today), travel),
        proposed_figures=figures(
            proposed,
            technicians,
            starts,
            homes,
            points,
            sum(1 for item in due_today if item.ticket_id not in planned_tickets),
            travel,
        ),
        seconds=solution.seconds,
        cancelled=solution.cancelled,
        problems=tuple(violations(problem, solution)),
    )


def _as_planned(item: _Work) -> PlannedVisit:
    assert item.start is not None and item.end is not None and item.technician_id is not None
    return PlannedVisit(
        ticket_id=item.ticket_id,
        number=item.number,
        client=item.client,
        technician_id=item.technician_id,
        start=item.start,
        end=item.end,
        travel_minutes=0,
        visit_id=item.visit_id,
        version=item.version,
        kept=item.kept,
        late=_late(item, item.start, item.end),
    )


def _proposal(
    solution: RoutingSolution,
    problem: RoutingProblem,
    work: Sequence[_Work],
    kept: Sequence[_Work],
    origin: datetime,
) -> list[PlannedVisit]:
    by_key: dict[Hashable, _Work] = {(item.ticket_id, item.visit_id): item for item in work}
    jobs = {job.key: job for job in problem.jobs}
    places = {v.key: v.start for v in problem.vehicles}
    proposed = [
        _as_planned(item) for item in kept if item.start is not None and item.technician_id is not None
    ]
    for route in solution.routes:
        here = places[route.vehicle]
        for stop in route.stops:
            job = jobs[stop.job]
            drive = problem.duration[here][job.place]
            here = job.place
            item = by_key.get(stop.job)
            if item is None:
                continue
            start = origin + timedelta(minutes=stop.start)
            end = start + timedelta(minutes=item.minutes)
            assert isinstance(route.vehicle, int)
            proposed.append(
                PlannedVisit(
                    ticket_id=item.ticket_id,
                    number=item.number,
                    client=item.client,
                    technician_id=route.vehicle,
                    start=start,
                    end=end,
                    travel_minutes=drive,
                    visit_id=item.visit_id,
                    version=item.version,
                    kept=False,
                    late=_late(item, start, end),
                )
            )
    return proposed


def _why(item: _Work, crew: Sequence[_Crew], skill_names: dict[int, str]) -> Notice:
    if item.skill is not None and not any(item.skill in member.skills for member in crew):
        return Notice(
            "no_skill",
            QT_TRANSLATE_NOOP("day_plan", "Nobody on shift in the team has the skill {skill}."),
            {"skill": skill_names.get(int(item.skill), item.skill)},
        )
    longest = max((m.shift_end - m.shift_start for m in crew), default=timedelta())
    if timedelta(minutes=item.minutes) > longest:
        return Notice(
            "too_long",
            QT_TRANSLATE_NOOP("day_plan", "The visit takes {minutes} min, longer than any shift left today."),
            {"minutes": item.minutes},
        )
    if item.visit_id is not None:
        return Notice(
            "left_as_is",
            QT_TRANSLATE_NOOP("day_plan", "Could not be fitted in again; the visit stays where it is."),
            {},
        )
    return Notice(
        "no_room",
        QT_TRANSLATE_NOOP("day_plan", "No room left in the shifts of the technicians with the skill."),
        {},
    )


# Applying --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AppliedPlan:
    moved: int
    created: int


def apply_day_plan(
    db: Database,
    proposal: DayPlanProposal,
    *,
    user_id: int | None = None,
    now: datetime | None = None,
    travel: TravelModel = DEFAULT_TRAVEL,
) -> AppliedPlan:
    """Save the proposal's changes in one transaction, or nothing.

    Each moved visit must still be at the version the proposal read (TicketConflict otherwise, naming
    its ticket); every changed or new visit is then checked like a drop on the technician board
    against the plan as it now stands (VisitRefused with every reason otherwise).
    """
    moment = utcnow() if now is None else now
    changes = proposal.changes
    moved = created = 0
    with db.transaction() as session:
        require(session, user_id, "tickets")
        for technician_id in sorted({v.technician_id for v in changes}):
            lock_technician(session, technician_id)
        touched: list[tuple[Visit, Ticket, Technician]] = []
        for change in changes:
            ticket = session.get_one(Ticket, change.ticket_id, with_for_update=True)
            technician = session.get_one(Technician, change.technician_id)
            if change.visit_id is not None:
                visit = session.get(Visit, change.visit_id, with_for_update=True)
                if visit is None or visit.version != change.version:
                    raise TicketConflict(change.number)
                visit.technician_id = change.technician_id
                visit.planned_start, visit.planned_end = change.start, change.end
                visit.travel_minutes = change.travel_minutes
                moved += 1
            else:
                visit = Visit(
                    ticket_id=change.ticket_id,
                    technician_id=change.technician_id,
                    status="planned",
                    planned_start=change.start,
                    planned_end=change.end,
                    travel_minutes=change.travel_minutes,
                )
                session.add(visit)
                created += 1
            assign_to_technician(session, ticket, change.technician_id, user_id, moment)
            touched.append((visit, ticket, technician))
        session.flush()
        refusals: list[Notice] = []
        for visit, ticket, technician in touched:
            result = check_in_session(
                session, ticket, technician, visit.planned_start, visit.planned_end, visit, moment, travel
            )
            refusals.extend(
                Notice(n.code, n.template, {**n.params, "number": n.params.get("number", ticket.number)})
                for n in result.refusals
            )
        if refusals:
            raise VisitRefused(tuple(refusals))
    return AppliedPlan(moved, created)
