"""The supervisor board's figures: ticket flow, SLA compliance, times, fix quality and utilisation.

`kpi_table` gives one row per team, skill, client or technician (or one total row) for a period;
`kpi_series` gives opened and resolved tickets and resolution compliance per day or ISO week, for
small charts; `period_bounds` turns "today" or "this week" of a local calendar into UTC bounds.

Counts are computed in the database with GROUP BY, in one pass over the tickets touching the period.
Means and percentiles of times are computed in Python from durations computed in SQL and fetched as
one row of three floats per ticket created in the period (a period's tickets, not the table):
portable percentiles in SQL need window functions, which measured slower on SQLite than fetching.
Percentiles are nearest-rank: the 90th percentile of n sorted values is the one at rank ceil(0.9 n).

Results are frozen dataclasses, so the board can compute them on a worker thread. Group names of
the "nobody" groups (no technician, no skill) and of the total row are English templates marked
with QT_TRANSLATE_NOOP("kpis", ...), for the view to translate. Everything is Qt-free.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import ColumnElement, Float, Integer, and_, case, cast, func, null, or_, select
from sqlalchemy.orm import Session

from console.errors import QT_TRANSLATE_NOOP
from console.models import Client, Skill, Technician, Ticket, Visit, WorkLog
from console.models.base import OPEN_STATUSES, utcnow
from console.services.calendars import load_business_calendars
from console.services.client_overview import ClockCompliance
from console.services.field_zone import FIELD_TIMEZONE
from console.services.sla import business_time_between
from console.store.database import Database

Grouping = Literal["team", "skill", "client", "technician", "all"]
GROUPINGS: Final = ("team", "skill", "client", "technician", "all")

UNASSIGNED: Final = QT_TRANSLATE_NOOP("kpis", "Unassigned")
NO_SKILL: Final = QT_TRANSLATE_NOOP("kpis", "No skill")
ALL_TICKETS: Final = QT_TRANSLATE_NOOP("kpis", "All tickets")

_EMPTY_COUNTS: Final = (0,) * 10

SLOT_SECONDS: Final = 900
"""`kpi_series` counts tickets per 15-minute UTC slot in the database and adds the slots up into local
days or weeks: every time zone's offset is a whole number of quarter hours, so a slot never straddles
a local midnight."""


@dataclass(frozen=True, slots=True)
class TimeStats:
    """Wall-clock minutes from creation to an SLA moment over the tickets that reached it.

    `count` tickets reached the moment; `mean` and `p90` (nearest rank) are None when none did.
    """

    count: int
    mean: float | None
    p90: float | None


_NO_TIMES: Final = TimeStats(0, None, None)


@dataclass(frozen=True, slots=True)
class KpiRow:
    """One group's figures for a period; see `kpi_table` for what each counts.

    `key` is the team name, skill id, client id or technician id (None for tickets without a
    technician or skill, and for the total row); `name` is what to show.
    """

    key: int | str | None
    name: str
    opened: int
    resolved: int
    backlog: int
    reaction: ClockCompliance
    arrival: ClockCompliance
    resolution: ClockCompliance
    reaction_time: TimeStats
    arrival_time: TimeStats
    resolution_time: TimeStats
    first_time_fix: float | None
    reopen_rate: float | None
    work_minutes: int | None
    shift_minutes: float | None
    utilisation: float | None


@dataclass(frozen=True, slots=True)
class KpiPoint:
    """One day or ISO week of `kpi_series`: [start, end) in UTC, its first local `day`, and its figures.

    `resolution` is the compliance of the tickets resolved in the bucket (met / met + breached).
    """

    day: date
    start: datetime
    end: datetime
    opened: int
    resolved: int
    resolution: ClockCompliance


def _check_aware(**moments: datetime | None) -> None:
    for name, moment in moments.items():
        if moment is not None and moment.utcoffset() is None:
            raise ValueError(f"{name} must be time-zone-aware, got {moment.isoformat()}")


def _minutes_between(backend: str, start: Any, end: Any) -> ColumnElement[Any]:
    """Minutes from `start` to `end` (NULL when either is NULL), the same number on both databases."""
    if backend == "sqlite":
        return (func.julianday(end) - func.julianday(start)) * 1440.0
    return cast(func.extract("epoch", end - start), Float) / 60.0


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def kpi_table(
    db: Database,
    *,
    start: datetime,
    end: datetime,
    by: Grouping,
    now: datetime | None = None,
) -> list[KpiRow]:
    """The board's figures per group for the period [start, end) as of `now` (default: the current time).

    Tickets are grouped by their current technician ("technician"), that technician's team ("team"),
    their skill ("skill") or client ("client"); tickets without a technician or skill form a group
    with key None. "all" gives one total row, even for an empty period. Other rows come sorted by
    name, the None group last.

    * `opened`: tickets created in [start, end). Compliance and times are over these tickets.
    * Compliance per clock: met / decided, decided = met + breached by the clock's stored state
      (running, paused and clock-less tickets are not decided yet); None when nothing is decided.
    * Times: wall-clock minutes from `created_at` to `reacted_at`, `arrived_at` and `resolved_at`
      (not business time, and pauses included), over the tickets that reached the moment: their
      count, mean and nearest-rank 90th percentile (see `percentile`).
    * `resolved`: tickets whose (last) resolution falls in [start, end). First-time fix and reopen
      rate are over these tickets.
    * `backlog`: tickets open at T = min(end, now). When T is now: tickets in an open status. For a
      past T: tickets created before T that are in an open status now or finished after T, finished
      being the resolution, else the closure, else entering the final status; a reopened ticket
      counts as open since its creation (reopening clears its earlier resolution).
    * `first_time_fix`: resolved tickets with exactly one visit, done, over resolved tickets with at
      least one visit; cancelled visits do not count as visits.
    * `reopen_rate`: resolved tickets ever reopened over resolved tickets. Reopening (a move to the
      "reopened" status) increments `Ticket.reopen_count` together with its status history row, so
      the counter is read rather than the history.
    * Utilisation: work-log minutes logged in [start, end) over shift minutes in [start, T) from the
      technician's shift calendar (holidays and own days included). Shift time counts only for
      active technicians with a calendar; a team's (or the total's) ratio is the sum of those
      technicians' work over the sum of their shift time. `work_minutes` is all work logged by the
      group's technicians; `shift_minutes` and `utilisation` are None without shift time, and all
      three are None for "client" and "skill".

    Four queries plus two for shift calendars; counts are GROUP BY aggregates. Raises ValueError for
    naive datetimes, an empty period or an unknown grouping.
    """
    now = utcnow() if now is None else now
    _check_aware(start=start, end=end, now=now)
    if end <= start:
        raise ValueError(f"the period must end after it starts, got {start.isoformat()} to {end.isoformat()}")
    if by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}; expected one of {', '.join(GROUPINGS)}")
    moment = min(end, now)
    with db.session() as session:
        key: Any = {
            "team": Technician.team,
            "technician": Ticket.technician_id,
            "skill": Ticket.skill_id,
            "client": Ticket.client_id,
            "all": null(),
        }[by]
        if db.backend == "sqlite" and by in ("technician", "skill", "client"):
            # "+ 0" keeps SQLite from walking the key's index to save a sort, which reads the whole
            # table in random order (twice as slow on 100,000 tickets).
            key = key + 0
        counts = _ticket_counts(session, key, by, start, end, now)
        fixes = _first_time_fixes(session, key, by, start, end)
        times = _time_stats(session, db.backend, key, by, start, end)
        technicians = (
            session.execute(
                select(
                    Technician.id,
                    Technician.full_name,
                    Technician.team,
                    Technician.calendar_id,
                    Technician.active,
                )
            ).all()
            if by in ("team", "technician", "all")
            else []
        )
        work: dict[int, int] = {}
        shifts: dict[int, float] = {}
        if technicians:
            work = {
                technician_id: int(minutes)
                for technician_id, minutes in session.execute(
                    select(WorkLog.technician_id, func.sum(WorkLog.minutes))
                    .where(WorkLog.logged_at >= start, WorkLog.logged_at < end)
                    .group_by(WorkLog.technician_id)
                )
            }
            calendars = {t.calendar_id for t in technicians if t.active and t.calendar_id is not None}
            shifts = _shift_minutes(session, calendars, start, moment)
        names = _names(session, by, {k for k in (*counts, *times) if k is not None}, technicians)

    # Utilisation sums per group key: work of all the group's technicians, and work and shift time of
    # those with shift time.
    logged: dict[Any, int] = defaultdict(int)
    on_shift: dict[Any, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for t in technicians:
        group = {"team": t.team, "technician": t.id, "all": None}[by]
        logged[group] += work.get(t.id, 0)
        shift = shifts.get(t.calendar_id) if t.active and t.calendar_id is not None else None
        if shift:
            on_shift[group][0] += work.get(t.id, 0)
            on_shift[group][1] += shift
    keys = {*counts, *times}
    if by == "all":
        keys.add(None)
    elif by in ("team", "technician"):
        keys |= {k for k, minutes in logged.items() if minutes} | set(on_shift)
    rows = []
    for group in keys:
        figures = counts.get(group, _EMPTY_COUNTS)
        reaction_time, arrival_time, resolution_time = times.get(group, (_NO_TIMES,) * 3)
        fixed = fixes.get(group, (0, 0))
        utilisation = on_shift.get(group)
        rows.append(
            KpiRow(
                key=group,
                name=names.get(group, "") if group is not None else _nobody(by),
                opened=figures[0],
                resolved=figures[1],
                backlog=figures[2],
                reaction=ClockCompliance("reaction", figures[3], figures[4], _share(figures[4], figures[3])),
                arrival=ClockCompliance("arrival", figures[5], figures[6], _share(figures[6], figures[5])),
                resolution=ClockCompliance(
                    "resolution", figures[7], figures[8], _share(figures[8], figures[7])
                ),
                reaction_time=reaction_time,
                arrival_time=arrival_time,
                resolution_time=resolution_time,
                first_time_fix=_share(fixed[1], fixed[0]),
                reopen_rate=_share(figures[9], figures[1]),
                work_minutes=logged.get(group, 0) if by in ("team", "technician", "all") else None,
                shift_minutes=utilisation[1] if utilisation else None,
                utilisation=utilisation[0] / utilisation[1] if utilisation else None,
            )
        )
    rows.sort(key=lambda r: (r.key is None, r.name.casefold(), str(r.key)))
    return rows


def _nobody(by: str) -> str:
    return {"skill": NO_SKILL, "all": ALL_TICKETS}.get(by, UNASSIGNED)


def _ticket_counts(
    session: Session, key: Any, by: str, start: datetime, end: datetime, now: datetime
) -> dict[Any, tuple[int, ...]]:
    """Per group, in one pass over the tickets touching the period: opened, resolved, backlog, the
    decided and met counts of the three clocks, and reopened tickets."""
    moment = min(end, now)
    created = and_(Ticket.created_at >= start, Ticket.created_at < end)
    resolved = and_(Ticket.resolved_at >= start, Ticket.resolved_at < end)
    finished = func.coalesce(Ticket.resolved_at, Ticket.closed_at, Ticket.status_since, Ticket.updated_at)
    still_open: ColumnElement[bool] = Ticket.status.in_(OPEN_STATUSES)
    if moment < now:
        still_open = or_(still_open, finished > moment)
    backlog = and_(Ticket.created_at < moment, still_open)

    def count(condition: ColumnElement[bool]) -> ColumnElement[int]:
        return func.coalesce(func.sum(case((condition, 1), else_=0), type_=Integer), 0)

    sums = [count(created), count(resolved), count(backlog)]
    for state in (Ticket.reaction_state, Ticket.arrival_state, Ticket.resolution_state):
        sums.append(count(and_(created, state.in_(("met", "breached")))))
        sums.append(count(and_(created, state == "met")))
    sums.append(count(and_(resolved, Ticket.reopen_count > 0)))
    query = (
        select(key, *sums)
        .select_from(Ticket)
        .where(Ticket.created_at < end, or_(Ticket.created_at >= start, resolved, backlog))
    )
    return _grouped(session, query, key, by)


def _first_time_fixes(
    session: Session, key: Any, by: str, start: datetime, end: datetime
) -> dict[Any, tuple[int, ...]]:
    """Per group, of the tickets resolved in the period: those with a visit, and those with exactly one
    visit, done (cancelled visits left out); a pass over the visits grouped per ticket."""
    resolved = and_(Ticket.resolved_at >= start, Ticket.resolved_at < end)
    visits = (
        select(
            Visit.ticket_id.label("ticket_id"),
            func.count().label("visits"),
            func.sum(case((Visit.status == "done", 1), else_=0)).label("done"),
        )
        .join(Ticket, Ticket.id == Visit.ticket_id)
        .where(Visit.status != "cancelled", resolved)
        .group_by(Visit.ticket_id)
        .subquery()
    )
    fixed = and_(visits.c.visits == 1, visits.c.done == 1)
    query = (
        select(key, func.count(), func.sum(case((fixed, 1), else_=0), type_=Integer))
        .select_from(visits)
        .join(Ticket, Ticket.id == visits.c.ticket_id)
    )
    return _grouped(session, query, key, by)


def _grouped(session: Session, query: Any, key: Any, by: str) -> dict[Any, tuple[int, ...]]:
    """A ticket query's rows by group key: joined to the technician for teams, one row for "all"."""
    if by == "team":
        query = query.outerjoin(Technician, Technician.id == Ticket.technician_id)
    if by != "all":
        query = query.group_by(key)
    return {row[0]: tuple(int(value or 0) for value in row[1:]) for row in session.execute(query)}


def _time_stats(
    session: Session, backend: str, key: Any, by: str, start: datetime, end: datetime
) -> dict[Any, list[TimeStats]]:
    """Per group, reaction, arrival and resolution times of the tickets created in the period."""
    query = (
        select(
            key,
            _minutes_between(backend, Ticket.created_at, Ticket.reacted_at),
            _minutes_between(backend, Ticket.created_at, Ticket.arrived_at),
            _minutes_between(backend, Ticket.created_at, Ticket.resolved_at),
        )
        .select_from(Ticket)
        .where(
            Ticket.created_at >= start,
            Ticket.created_at < end,
            or_(
                Ticket.reacted_at.is_not(None),
                Ticket.arrived_at.is_not(None),
                Ticket.resolved_at.is_not(None),
            ),
        )
    )
    if by == "team":
        query = query.outerjoin(Technician, Technician.id == Ticket.technician_id)
    durations: dict[Any, tuple[list[float], list[float], list[float]]] = {}
    for group, reaction, arrival, resolution in session.execute(query):
        lists = durations.get(group)
        if lists is None:
            lists = durations[group] = ([], [], [])
        if reaction is not None:
            lists[0].append(reaction)
        if arrival is not None:
            lists[1].append(arrival)
        if resolution is not None:
            lists[2].append(resolution)
    return {group: [_stats(values) for values in lists] for group, lists in durations.items()}


def _stats(values: list[float]) -> TimeStats:
    if not values:
        return _NO_TIMES
    return TimeStats(len(values), sum(values) / len(values), percentile(values, 0.9))


def percentile(values: Sequence[float], share: float) -> float | None:
    """The nearest-rank percentile: the value at rank ceil(share * n) of the n sorted values (rank 1
    for share 0), so that at least `share` of the values are at or below it; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


def _shift_minutes(
    session: Session, calendar_ids: set[int], start: datetime, end: datetime
) -> dict[int, float]:
    """Working minutes of each shift calendar in [start, end); two queries for all of them."""
    if end <= start:
        return {}
    calendars = load_business_calendars(session, calendar_ids, start.date())
    return {
        calendar_id: business_time_between(calendar, start, end).total_seconds() / 60
        for calendar_id, calendar in calendars.items()
    }


def _names(session: Session, by: str, keys: set[Any], technicians: Sequence[Any]) -> dict[Any, str]:
    """Display names of the group keys."""
    if by == "team":
        return {team: team for team in {*keys, *(t.team for t in technicians)}}
    if by == "technician":
        return {t.id: t.full_name for t in technicians}
    if by == "skill":
        return {skill_id: name for skill_id, name in session.execute(select(Skill.id, Skill.name))}
    if by == "client":
        query = select(Client.id, Client.name).where(Client.id.in_(keys))
        return {client_id: name for client_id, name in session.execute(query)}
    return {}


def kpi_series(
    db: Database,
    *,
    start: datetime,
    end: datetime,
    step: Literal["day", "week"] = "day",
    now: datetime | None = None,
    tz: str = FIELD_TIMEZONE,
) -> list[KpiPoint]:
    """Opened and resolved tickets and resolution compliance per local day or ISO week of [start, end).

    Buckets are local days (or Monday-to-Sunday weeks) in `tz`, cut to the period; a bucket starting
    at or after `now` (default: the current time) is left out. `opened` counts tickets created in the
    bucket; `resolved` and `resolution` count tickets resolved in it (compliance over those whose
    resolution clock is met or breached). Two grouped queries, by 15-minute UTC slot, whatever the
    period's length. Raises ValueError for naive datetimes, an unknown step or time zone.
    """
    now = utcnow() if now is None else now
    _check_aware(start=start, end=end, now=now)
    if step not in ("day", "week"):
        raise ValueError(f"unknown step {step!r}; expected 'day' or 'week'")
    zone = _zone(tz)
    buckets: list[tuple[date, datetime, datetime]] = []
    day = start.astimezone(zone).date()
    if step == "week":
        day -= timedelta(days=day.weekday())
    while True:
        following = day + timedelta(days=7 if step == "week" else 1)
        lower = max(start, _local_midnight(day, zone))
        upper = min(end, _local_midnight(following, zone))
        if lower >= end or lower >= now:
            break
        buckets.append((day, lower, upper))
        day = following
    if not buckets:
        return []
    with db.session() as session:
        opened = _by_slot(session, db.backend, Ticket.created_at, start, buckets[-1][2], [])
        resolved = _by_slot(
            session,
            db.backend,
            Ticket.resolved_at,
            start,
            buckets[-1][2],
            [
                func.sum(case((Ticket.resolution_state.in_(("met", "breached")), 1), else_=0), type_=Integer),
                func.sum(case((Ticket.resolution_state == "met", 1), else_=0), type_=Integer),
            ],
        )
    points = []
    for day, lower, upper in buckets:
        first = int(lower.timestamp()) // SLOT_SECONDS
        last = int(upper.timestamp()) // SLOT_SECONDS
        created = sum(row[0] for slot, row in opened.items() if first <= slot < last)
        done = [row for slot, row in resolved.items() if first <= slot < last]
        decided, met = sum(row[1] for row in done), sum(row[2] for row in done)
        points.append(
            KpiPoint(
                day=day,
                start=lower,
                end=upper,
                opened=created,
                resolved=sum(row[0] for row in done),
                resolution=ClockCompliance("resolution", decided, met, _share(met, decided)),
            )
        )
    return points


def _by_slot(
    session: Session, backend: str, column: Any, start: datetime, end: datetime, extra: list[Any]
) -> dict[int, tuple[int, ...]]:
    """Tickets per 15-minute UTC slot (seconds since 1970 // 900) of `column` in [start, end), and `extra`."""
    if backend == "sqlite":
        seconds: Any = cast(func.strftime("%s", column), Integer)
        slot: Any = seconds // SLOT_SECONDS
    else:
        slot = cast(func.floor(func.extract("epoch", column) / SLOT_SECONDS), Integer)
    query = select(slot, func.count(), *extra).where(column >= start, column < end).group_by(slot)
    return {int(row[0]): tuple(int(value or 0) for value in row[1:]) for row in session.execute(query)}


def _zone(tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {tz!r}; expected an IANA name such as 'Europe/Moscow'") from None


def _local_midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)


def period_bounds(kind: Literal["today", "week"], today: date, tz: str) -> tuple[datetime, datetime]:
    """[start, end) in UTC of the local day `today` ("today") or its Monday-to-Sunday week ("week") in `tz`.

    Each bound is a local midnight, so a day with a daylight-saving switch lasts 23 or 25 hours.
    Raises ValueError for an unknown kind or time zone.
    """
    zone = _zone(tz)
    if kind == "today":
        first, days = today, 1
    elif kind == "week":
        first, days = today - timedelta(days=today.weekday()), 7
    else:
        raise ValueError(f"unknown period {kind!r}; expected 'today' or 'week'")
    return _local_midnight(first, zone), _local_midnight(first + timedelta(days=days), zone)
