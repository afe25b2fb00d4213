"""The maintenance calendar: planned jobs per day by state, and each skill's load against its capacity.

A supervisor looks weeks ahead for days on which a skill has more planned work than its
technicians have shift time, and moves work before the day comes. A day's load is the planned
duration of its maintenance jobs not cancelled (the plan's duration, or the visit's when one is
planned); its capacity is the sum of the shift minutes that day of the technicians with the skill
(their calendars, holidays included). Days are counted in the field team's time zone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.models import MaintenancePlan, Skill, Technician, Ticket, Visit, technician_skills
from console.models.base import utcnow
from console.services.calendars import DayHours, clock_minutes, load_business_calendars
from console.services.field_zone import FIELD_TIMEZONE
from console.store.database import Database

# What the calendar colours: a job's state, derived from its status and whether its day has passed.
JOB_STATES = ("unassigned", "assigned", "in_progress", "done", "overdue", "cancelled")
DONE_STATUSES = ("resolved", "closed")
IN_PROGRESS = ("accepted", "en_route", "on_site", "waiting_client", "waiting_parts", "contractor", "reopened")
DEFAULT_MINUTES = 60  # a maintenance job without a plan (entered by hand) and without a visit


@dataclass(frozen=True, slots=True)
class CalendarJob:
    ticket_id: int
    number: str
    title: str
    state: str
    status: str
    skill: str
    planned_for: datetime
    minutes: int
    technician: str | None


@dataclass(frozen=True, slots=True)
class SkillLoad:
    """One skill on one day: planned minutes against shift minutes."""

    skill: str
    planned_minutes: int
    capacity_minutes: int

    @property
    def overloaded(self) -> bool:
        return self.planned_minutes > self.capacity_minutes

    @property
    def share(self) -> float:
        """Planned over capacity (above 1 when overloaded; infinite with work and no capacity)."""
        if self.capacity_minutes:
            return self.planned_minutes / self.capacity_minutes
        return float("inf") if self.planned_minutes else 0.0


@dataclass(frozen=True, slots=True)
class CalendarDay:
    day: date
    jobs: tuple[CalendarJob, ...] = ()
    loads: tuple[SkillLoad, ...] = ()

    @property
    def counts(self) -> dict[str, int]:
        found: dict[str, int] = defaultdict(int)
        for job in self.jobs:
            found[job.state] += 1
        return dict(found)

    @property
    def overloaded(self) -> tuple[SkillLoad, ...]:
        return tuple(load for load in self.loads if load.overloaded)


@dataclass(frozen=True, slots=True)
class MaintenanceCalendar:
    first: date
    last: date
    days: dict[date, CalendarDay] = field(default_factory=dict)

    def day(self, day: date) -> CalendarDay:
        return self.days.get(day) or CalendarDay(day)


def job_state(status: str, planned_for: datetime, technician_id: int | None, now: datetime) -> str:
    """The calendar's state of a job: done and cancelled as they are, late when its day has passed."""
    if status in DONE_STATUSES:
        return "done"
    if status == "cancelled":
        return "cancelled"
    if planned_for < now and status not in IN_PROGRESS:
        return "overdue"
    if status in IN_PROGRESS:
        return "in_progress"
    return "assigned" if technician_id is not None or status == "assigned" else "unassigned"


def load_calendar(
    db: Database, first: date, last: date, *, now: datetime | None = None, timezone: str = FIELD_TIMEZONE
) -> MaintenanceCalendar:
    """The maintenance jobs and skill loads of the days from `first` to `last` inclusive."""
    moment = now or utcnow()
    zone = ZoneInfo(timezone)
    start = datetime.combine(first, time(), tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), time(), tzinfo=zone)
    visit_minutes = (
        select(
            Visit.ticket_id,
            func.max(Visit.planned_end).label("end"),
            func.min(Visit.planned_start).label("start"),
        )
        .where(Visit.status != "cancelled")
        .group_by(Visit.ticket_id)
        .subquery()
    )
    query = (
        select(
            Ticket.id,
            Ticket.number,
            Ticket.title,
            Ticket.status,
            Ticket.planned_for,
            Ticket.technician_id,
            Skill.name,
            MaintenancePlan.duration_minutes,
            visit_minutes.c.start,
            visit_minutes.c.end,
            Technician.full_name,
        )
        .outerjoin(Skill, Skill.id == Ticket.skill_id)
        .outerjoin(MaintenancePlan, MaintenancePlan.id == Ticket.maintenance_plan_id)
        .outerjoin(visit_minutes, visit_minutes.c.ticket_id == Ticket.id)
        .outerjoin(Technician, Technician.id == Ticket.technician_id)
        .where(Ticket.category == "maintenance", Ticket.planned_for >= start, Ticket.planned_for < end)
        .order_by(Ticket.planned_for, Ticket.id)
    )
    jobs: dict[date, list[CalendarJob]] = defaultdict(list)
    load: dict[tuple[date, str], int] = defaultdict(int)
    with db.session() as session:
        for row in session.execute(query):
            minutes = row.duration_minutes or DEFAULT_MINUTES
            if row.start is not None and row.end is not None:
                minutes = max(int((row.end - row.start).total_seconds() // 60), 1)
            state = job_state(row.status, row.planned_for, row.technician_id, moment)
            skill = row.name or ""
            day = row.planned_for.astimezone(zone).date()
            jobs[day].append(
                CalendarJob(
                    row.id,
                    row.number,
                    row.title,
                    state,
                    row.status,
                    skill,
                    row.planned_for,
                    minutes,
                    row.full_name,
                )
            )
            if state != "cancelled":
                load[(day, skill)] += minutes
        capacity = _capacity(session, first, last, {skill for _, skill in load})
    days: dict[date, CalendarDay] = {}
    day = first
    while day <= last:
        skills = sorted({skill for (d, skill) in load if d == day})
        loads = tuple(SkillLoad(skill, load[(day, skill)], capacity.get((day, skill), 0)) for skill in skills)
        days[day] = CalendarDay(day, tuple(jobs.get(day, ())), loads)
        day += timedelta(days=1)
    return MaintenanceCalendar(first, last, days)


def _capacity(session: Session, first: date, last: date, skills: set[str]) -> dict[tuple[date, str], int]:
    """Shift minutes per (day, skill name) of the technicians with that skill."""
    if not skills:
        return {}
    rows = session.execute(
        select(Skill.name, Technician.calendar_id)
        .join(technician_skills, technician_skills.c.skill_id == Skill.id)
        .join(Technician, Technician.id == technician_skills.c.technician_id)
        .where(Skill.name.in_(skills), Technician.calendar_id.is_not(None))
    ).all()
    calendars = load_business_calendars(session, {row.calendar_id for row in rows}, first)
    hours = {calendar_id: DayHours(calendar) for calendar_id, calendar in calendars.items()}
    per_calendar: dict[tuple[int, date], int] = {}
    capacity: dict[tuple[date, str], int] = defaultdict(int)
    for row in rows:
        if row.calendar_id not in hours:
            continue
        day = first
        while day <= last:
            key = (row.calendar_id, day)
            if key not in per_calendar:
                per_calendar[key] = sum(
                    clock_minutes(b) - clock_minutes(a) for a, b in hours[row.calendar_id](day)
                )
            capacity[(day, row.name)] += per_calendar[key]
            day += timedelta(days=1)
    return dict(capacity)
