"""The supervisor board's KPIs on both databases, against a small world whose figures are worked out here.

The period is the week Monday 2026-11-09 00:00 to Monday 2026-11-16 00:00 UTC, looked at as of
DEMO_NOW (Wednesday 2026-11-18 11:30 UTC), so the backlog is reconstructed for a past moment.
Teams: North = Anna (shift Mon-Fri 09:00-18:00 UTC, 2,700 min a week) and Boris (no shift
calendar); South = Vera (shift Mon-Fri 09:00-13:00 UTC, 1,200 min a week).

Tickets (times after creation in minutes; states r/a/s = reaction/arrival/resolution, m = met,
b = breached, run = running, - = none; visits: d = done, x = cancelled):

    T1  Anna   Mon 09:00  r10 a60 s120     m m m       visits d        resolved Mon 11:00
    T2  Anna   Mon 10:00  r20 a90 s300     m b b       visits d d      resolved Mon 15:00
    T3  Boris  Tue 09:00  r30 a120 s240    b m m       visits d x      resolved Tue 13:00, reopened once
    T4  Vera   Tue 12:00  r5 a45 s100      m m m       no visit        resolved Tue 13:40
    T5  Vera   Wed 08:00  r40              m run run   open (accepted)
    T6  -      Thu 14:00                   b run run   open (new)
    T7  Anna   Fri 09:00  r15 a50 s4380    m m m       closed; resolved Mon 16 10:00, after the period
    T8  Boris  Fri 06 Nov (before)         - - b       visits d        resolved Mon 09 12:00
    T9  Vera   Thu 05 Nov (before)                     open (waiting_parts)
    T10 Anna   Tue 17 Nov (after)                      open (assigned)
    T11 -      Sun 10:00                   - - -       cancelled Sun 11:00

Work logged in the period: Anna 540 + 270, Boris 120, Vera 300; Anna's 1,000 minutes on Sunday
08 Nov fall before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from console.models import (
    Calendar,
    Client,
    ClientTier,
    Skill,
    Technician,
    Ticket,
    TicketHistory,
    Visit,
    WorkLog,
)
from console.models.base import OPEN_STATUSES
from console.services.calendars import every_day, weekly_hours_to_json
from console.services.client_overview import ClockCompliance
from console.services.kpis import (
    ALL_TICKETS,
    UNASSIGNED,
    KpiRow,
    TimeStats,
    kpi_series,
    kpi_table,
    percentile,
    period_bounds,
)
from console.store.database import Database
from tests.conftest import DEMO_NOW

NOW = DEMO_NOW
START = datetime(2026, 11, 9, tzinfo=UTC)
END = datetime(2026, 11, 16, tzinfo=UTC)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of November 2026, UTC."""
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


@dataclass
class World:
    anna: int
    boris: int
    vera: int
    lifts: int
    acme: int


@pytest.fixture
def world(db: Database) -> World:
    with db.transaction() as session:
        full = Calendar(
            name="Full day",
            timezone="UTC",
            weekly_hours=weekly_hours_to_json(every_day("09:00", "18:00", range(5))),
        )
        half = Calendar(
            name="Mornings",
            timezone="UTC",
            weekly_hours=weekly_hours_to_json(every_day("09:00", "13:00", range(5))),
        )
        lifts = Skill(code="lifts", name="Lifts")
        tier = ClientTier(name="Gold", rank=1, grants="", priority_support=False)
        session.add_all([full, half, lifts, tier])
        session.flush()
        acme = Client(name="Acme", legal_name="Acme LLC", tier_id=tier.id)
        session.add(acme)

        def technician(name: str, team: str, calendar: Calendar | None) -> Technician:
            made = Technician(
                full_name=name,
                team=team,
                home_latitude=55.75,
                home_longitude=37.62,
                calendar_id=calendar.id if calendar else None,
            )
            session.add(made)
            return made

        anna, boris, vera = (
            technician("Anna", "North", full),
            technician("Boris", "North", None),
            technician("Vera", "South", half),
        )
        session.flush()

        def ticket(
            number: str,
            created: datetime,
            who: Technician | None,
            status: str,
            states: str = "none none none",
            reacted: int | None = None,
            arrived: int | None = None,
            resolved: int | None = None,
            **fields: object,
        ) -> Ticket:
            reaction, arrival, resolution = states.split()
            made = Ticket(
                number=number,
                client_id=acme.id,
                title=number,
                category="incident",
                priority="normal",
                channel="phone",
                skill_id=lifts.id,
                technician_id=who.id if who else None,
                status=status,
                created_at=created,
                reacted_at=created + timedelta(minutes=reacted) if reacted is not None else None,
                arrived_at=created + timedelta(minutes=arrived) if arrived is not None else None,
                resolved_at=created + timedelta(minutes=resolved) if resolved is not None else None,
                reaction_state=reaction,
                arrival_state=arrival,
                resolution_state=resolution,
                **fields,
            )
            session.add(made)
            session.flush()
            return made

        def visits(made: Ticket, who: Technician, *statuses: str) -> None:
            for status in statuses:
                session.add(
                    Visit(
                        ticket_id=made.id,
                        technician_id=who.id,
                        status=status,
                        planned_start=made.created_at,
                        planned_end=made.created_at + timedelta(hours=1),
                    )
                )

        t1 = ticket("T1", at(9, 9), anna, "closed", "met met met", 10, 60, 120, closed_at=at(10, 9))
        visits(t1, anna, "done")
        t2 = ticket("T2", at(9, 10), anna, "resolved", "met breached breached", 20, 90, 300)
        visits(t2, anna, "done", "done")
        t3 = ticket("T3", at(10, 9), boris, "resolved", "breached met met", 30, 120, 240, reopen_count=1)
        visits(t3, boris, "done", "cancelled")
        session.add_all(
            [
                TicketHistory(
                    ticket_id=t3.id, at=at(10, 11), field="status", old_value="new", new_value="resolved"
                ),
                TicketHistory(
                    ticket_id=t3.id, at=at(10, 12), field="status", old_value="resolved", new_value="reopened"
                ),
                TicketHistory(
                    ticket_id=t3.id, at=at(10, 13), field="status", old_value="reopened", new_value="resolved"
                ),
            ]
        )
        ticket("T4", at(10, 12), vera, "resolved", "met met met", 5, 45, 100)
        ticket("T5", at(11, 8), vera, "accepted", "met running running", 40)
        ticket("T6", at(12, 14), None, "new", "breached running running")
        ticket("T7", at(13, 9), anna, "closed", "met met met", 15, 50, 4380, closed_at=at(16, 12))
        t8 = ticket("T8", at(6, 10), boris, "closed", "none none breached", resolved=3 * 1440 + 120)
        visits(t8, boris, "done")
        ticket("T9", at(5, 10), vera, "waiting_parts")
        ticket("T10", at(17, 10), anna, "assigned")
        ticket("T11", at(15, 10), None, "cancelled", status_since=at(15, 11))
        for who, minutes, logged_at in (
            (anna, 540, at(9, 18)),
            (anna, 270, at(13, 17)),
            (anna, 1000, at(8, 12)),
            (boris, 120, at(10, 13)),
            (vera, 300, at(10, 13)),
        ):
            session.add(WorkLog(ticket_id=t1.id, technician_id=who.id, minutes=minutes, logged_at=logged_at))
    return World(anna.id, boris.id, vera.id, lifts.id, acme.id)


def _table(db: Database, by: str, **period: datetime) -> list[KpiRow]:
    return kpi_table(db, start=period.get("start", START), end=period.get("end", END), by=by, now=NOW)  # type: ignore[arg-type]


def test_total_row_has_the_figures_worked_out_by_hand(db: Database, world: World) -> None:
    (row,) = _table(db, "all")
    assert (row.key, row.name) == (None, ALL_TICKETS)
    # Created in the period: T1-T7 and T11; resolved in it: T1-T4 and T8 (T7 only afterwards);
    # open at its end: T5, T6, T9 and T7 (resolved later).
    assert (row.opened, row.resolved, row.backlog) == (8, 5, 4)
    # Reaction: met T1 T2 T4 T5 T7, breached T3 T6; arrival: met T1 T3 T4 T7, breached T2;
    # resolution: the same as arrival. T8's breach counts nowhere: it was created before the period.
    assert row.reaction == ClockCompliance("reaction", 7, 5, pytest.approx(5 / 7))
    assert row.arrival == ClockCompliance("arrival", 5, 4, 0.8)
    assert row.resolution == ClockCompliance("resolution", 5, 4, 0.8)
    # Reaction minutes 5 10 15 20 30 40: mean 20, p90 at rank ceil(5.4) = 6 -> 40.
    assert row.reaction_time == TimeStats(6, pytest.approx(20.0), pytest.approx(40.0))
    # Arrival minutes 45 50 60 90 120: mean 73, p90 at rank ceil(4.5) = 5 -> 120.
    assert row.arrival_time == TimeStats(5, pytest.approx(73.0), pytest.approx(120.0))
    # Resolution minutes 100 120 240 300 4380: mean 1028, p90 -> 4380.
    assert row.resolution_time == TimeStats(5, pytest.approx(1028.0), pytest.approx(4380.0))
    # Resolved with a visit: T1 (one, done), T2 (two), T3 (one done, one cancelled), T8 (one done);
    # T4 had none. Reopened: T3 of five.
    assert row.first_time_fix == 0.75
    assert row.reopen_rate == 0.2
    # Anna 810 of 2,700 shift minutes, Vera 300 of 1,200; Boris has no shift calendar.
    assert row.work_minutes == 810 + 120 + 300
    assert row.shift_minutes == pytest.approx(3900.0)
    assert row.utilisation == pytest.approx(1110 / 3900)


def test_teams(db: Database, world: World) -> None:
    north, south, nobody = _table(db, "team")
    assert (north.key, south.key, nobody.key, nobody.name) == ("North", "South", None, UNASSIGNED)
    # North: T1 T2 T3 T7 opened, T1 T2 T3 T8 resolved, T7 open at the end.
    assert (north.opened, north.resolved, north.backlog) == (4, 4, 1)
    assert [c.share_met for c in (north.reaction, north.arrival, north.resolution)] == [0.75, 0.75, 0.75]
    # Reaction 10 15 20 30: mean 18.75, p90 at rank ceil(3.6) = 4 -> 30.
    assert north.reaction_time == TimeStats(4, pytest.approx(18.75), pytest.approx(30.0))
    assert (north.first_time_fix, north.reopen_rate) == (0.75, 0.25)
    # Boris's work counts in the team's work, not in its utilisation (he has no shift time).
    assert (north.work_minutes, north.shift_minutes) == (930, pytest.approx(2700.0))
    assert north.utilisation == pytest.approx(0.3)
    # South: T4 T5 opened, T4 resolved, T5 and T9 open; T4 had no visit.
    assert (south.opened, south.resolved, south.backlog) == (2, 1, 2)
    assert (south.reaction.share_met, south.arrival.decided, south.resolution.share_met) == (1.0, 1, 1.0)
    assert (south.first_time_fix, south.reopen_rate, south.utilisation) == (None, 0.0, pytest.approx(0.25))
    # Nobody's: T6 and T11 opened, T6 open; only T6's reaction is decided.
    assert (nobody.opened, nobody.resolved, nobody.backlog) == (2, 0, 1)
    assert nobody.reaction == ClockCompliance("reaction", 1, 0, 0.0)
    assert nobody.arrival == ClockCompliance("arrival", 0, 0, None)
    assert (nobody.reaction_time, nobody.first_time_fix, nobody.reopen_rate) == (
        TimeStats(0, None, None),
        None,
        None,
    )
    assert (nobody.shift_minutes, nobody.utilisation) == (None, None)


def test_technicians(db: Database, world: World) -> None:
    rows = {row.key: row for row in _table(db, "technician")}
    assert list(rows) == [world.anna, world.boris, world.vera, None]
    anna, boris, vera = rows[world.anna], rows[world.boris], rows[world.vera]
    assert (anna.name, anna.opened, anna.resolved, anna.backlog) == ("Anna", 3, 2, 1)
    assert (anna.first_time_fix, anna.utilisation) == (0.5, pytest.approx(0.3))
    # Boris: T3 opened; T3 and T8 resolved, both fixed at the first visit; no shift calendar.
    assert (boris.opened, boris.resolved, boris.first_time_fix, boris.reopen_rate) == (1, 2, 1.0, 0.5)
    assert (boris.work_minutes, boris.shift_minutes, boris.utilisation) == (120, None, None)
    assert (vera.work_minutes, vera.shift_minutes, vera.utilisation) == (300, pytest.approx(1200.0), 0.25)


def test_skills_and_clients_have_no_utilisation(db: Database, world: World) -> None:
    (skill,) = _table(db, "skill")
    (client,) = _table(db, "client")
    assert (skill.key, skill.name, skill.opened) == (world.lifts, "Lifts", 8)
    assert (client.key, client.name, client.backlog) == (world.acme, "Acme", 4)
    assert (skill.work_minutes, skill.utilisation, client.shift_minutes, client.utilisation) == (None,) * 4


def test_a_period_reaching_past_now_counts_the_open_tickets_and_shift_time_until_now(
    db: Database, world: World
) -> None:
    start, end = datetime(2026, 11, 16, tzinfo=UTC), datetime(2026, 11, 23, tzinfo=UTC)
    (row,) = _table(db, "all", start=start, end=end)
    # Open now: T5, T6, T9 and T10 (T7 is closed); T10 is the only one created in the period and T7
    # the only one resolved in it.
    assert (row.opened, row.resolved, row.backlog) == (1, 1, 4)
    anna = next(r for r in _table(db, "technician", start=start, end=end) if r.key == world.anna)
    # Monday and Tuesday 9 hours each, Wednesday 09:00-11:30: 1,230 minutes.
    assert anna.shift_minutes == pytest.approx(1230.0)


def test_an_empty_period_still_has_a_total_row(db: Database, world: World) -> None:
    (row,) = _table(db, "all", start=datetime(2025, 1, 1, tzinfo=UTC), end=datetime(2025, 1, 2, tzinfo=UTC))
    assert (row.opened, row.resolved, row.backlog, row.reaction.share_met) == (0, 0, 0, None)
    assert row.reaction_time == TimeStats(0, None, None)


def test_bad_arguments_are_refused(db: Database) -> None:
    with pytest.raises(ValueError, match="grouping"):
        kpi_table(db, start=START, end=END, by="site", now=NOW)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="end after"):
        kpi_table(db, start=END, end=START, by="all", now=NOW)
    with pytest.raises(ValueError, match="aware"):
        kpi_table(db, start=START.replace(tzinfo=None), end=END, by="all", now=NOW)


def test_percentile_is_nearest_rank() -> None:
    assert percentile([40, 5, 30, 10, 20, 15], 0.9) == 40
    assert percentile(list(range(1, 11)), 0.9) == 9
    assert percentile(list(range(1, 12)), 0.9) == 10
    assert percentile([1, 2, 3, 4], 0.5) == 2
    assert percentile([7], 0.9) == 7
    assert percentile([3, 1], 0.0) == 1
    assert percentile([], 0.9) is None


def test_daily_and_weekly_series(db: Database, world: World) -> None:
    days = kpi_series(db, start=START, end=END, step="day", now=NOW, tz="UTC")
    assert [p.day for p in days] == [date(2026, 11, d) for d in range(9, 16)]
    assert (days[0].start, days[0].end) == (START, at(10, 0))
    assert [p.opened for p in days] == [2, 2, 1, 1, 1, 0, 1]
    assert [p.resolved for p in days] == [3, 2, 0, 0, 0, 0, 0]
    # Monday resolved T1 (met), T2 and T8 (breached); Tuesday T3 and T4 (met).
    assert days[0].resolution == ClockCompliance("resolution", 3, 1, pytest.approx(1 / 3))
    assert days[1].resolution == ClockCompliance("resolution", 2, 2, 1.0)
    assert days[2].resolution == ClockCompliance("resolution", 0, 0, None)
    # Weeks in Moscow: the period starts on Monday 03:00 local, in the week of Monday 9 November, and
    # ends on Monday 03:00, in the next week; each week is cut to the period.
    weeks = kpi_series(db, start=START, end=END, step="week", now=NOW, tz="Europe/Moscow")
    assert [(p.day, p.start, p.end) for p in weeks] == [
        (date(2026, 11, 9), START, at(15, 21)),
        (date(2026, 11, 16), at(15, 21), END),
    ]
    assert [(p.opened, p.resolved) for p in weeks] == [(8, 5), (0, 0)]
    assert weeks[0].resolution == ClockCompliance("resolution", 5, 3, 0.6)


def test_series_stop_at_now(db: Database, world: World) -> None:
    days = kpi_series(db, start=at(16, 0), end=at(23, 0), now=NOW, tz="UTC")
    assert [p.day for p in days] == [date(2026, 11, 16), date(2026, 11, 17), date(2026, 11, 18)]
    assert [(p.opened, p.resolved) for p in days] == [(0, 1), (1, 0), (0, 0)]


def test_period_bounds() -> None:
    wednesday = date(2026, 11, 18)
    assert period_bounds("today", wednesday, "Europe/Moscow") == (at(17, 21), at(18, 21))
    assert period_bounds("week", wednesday, "Europe/Moscow") == (at(15, 21), at(22, 21))
    # The day summer time ends in Berlin lasts 25 hours.
    start, end = period_bounds("today", date(2026, 10, 25), "Europe/Berlin")
    assert end - start == timedelta(hours=25)
    with pytest.raises(ValueError, match="period"):
        period_bounds("month", wednesday, "UTC")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="time zone"):
        period_bounds("today", wednesday, "Mars/Olympus")


def test_demo_total_row_matches_a_count_in_python(demo_db: Database) -> None:
    start, end = DEMO_NOW - timedelta(days=60), DEMO_NOW
    (row,) = kpi_table(demo_db, start=start, end=end, by="all", now=DEMO_NOW)
    with demo_db.session() as session:
        tickets = session.scalars(select(Ticket)).all()
        visits = session.execute(select(Visit.ticket_id, Visit.status)).all()
    created = [t for t in tickets if start <= t.created_at < end]
    resolved = [t for t in tickets if t.resolved_at is not None and start <= t.resolved_at < end]
    assert row.opened == len(created) > 0
    assert row.resolved == len(resolved) > 0
    assert row.backlog == sum(t.status in OPEN_STATUSES for t in tickets) > 0
    for clock in ("reaction", "arrival", "resolution"):
        states = [getattr(t, f"{clock}_state") for t in created]
        decided = sum(s in ("met", "breached") for s in states)
        assert getattr(row, clock) == ClockCompliance(
            clock, decided, states.count("met"), states.count("met") / decided if decided else None
        )
    minutes = [(t.resolved_at - t.created_at).total_seconds() / 60 for t in created if t.resolved_at]
    assert row.resolution_time == TimeStats(
        len(minutes), pytest.approx(sum(minutes) / len(minutes)), pytest.approx(percentile(minutes, 0.9))
    )
    per_ticket: dict[int, list[str]] = {}
    for ticket_id, status in visits:
        if status != "cancelled":
            per_ticket.setdefault(ticket_id, []).append(status)
    visited = [per_ticket[t.id] for t in resolved if t.id in per_ticket]
    assert row.first_time_fix == pytest.approx(sum(v == ["done"] for v in visited) / len(visited))
    assert row.reopen_rate == pytest.approx(sum(t.reopen_count > 0 for t in resolved) / len(resolved))
    teams = _rows_sum(kpi_table(demo_db, start=start, end=end, by="team", now=DEMO_NOW))
    assert teams == (row.opened, row.resolved, row.backlog)


def _rows_sum(rows: list[KpiRow]) -> tuple[int, int, int]:
    return sum(r.opened for r in rows), sum(r.resolved for r in rows), sum(r.backlog for r in rows)
