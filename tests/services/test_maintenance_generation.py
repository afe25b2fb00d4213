"""Generating maintenance jobs on real SQLite and PostgreSQL: once per occurrence, whatever happens."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError

from console.models import Equipment, MaintenancePlan, Ticket, TicketHistory
from console.services.maintenance_generation import generate, start_without_window
from console.services.queues import MAINTENANCE_LEAD, queue_by_key, queue_rows
from console.store.database import Database
from tests.services.maintenance_world import NOW, Book, add_plans, build_book, lift_plan, make_plan


@pytest.fixture
def book(db: Database) -> Book:
    return build_book(db)


def jobs(db: Database, **where: object) -> list[Ticket]:
    with db.session() as session:
        query = select(Ticket).where(Ticket.maintenance_due_on.is_not(None))
        for name, value in where.items():
            query = query.where(getattr(Ticket, name) == value)
        return list(session.scalars(query.order_by(Ticket.maintenance_due_on, Ticket.id)))


def count_jobs(db: Database) -> int:
    with db.session() as session:
        return (
            session.scalar(
                select(func.count()).select_from(Ticket).where(Ticket.maintenance_plan_id.is_not(None))
            )
            or 0
        )


def weekdays_between(first: date, last: date, weekday: int) -> int:
    return sum(1 for n in range((last - first).days + 1) if (first + timedelta(days=n)).weekday() == weekday)


def test_a_new_plan_gets_its_jobs_with_time_sla_and_checklist(db: Database, book: Book) -> None:
    plan_id = make_plan(db, lift_plan(book))
    made = jobs(db, maintenance_plan_id=plan_id)
    # Horizon 60 days from 1 December: 1 December, and 1 January (a holiday, so moved to Monday the 4th).
    assert [(j.maintenance_due_on, j.planned_for.date()) for j in made if j.planned_for] == [
        (date(2026, 12, 1), date(2026, 12, 1)),
        (date(2027, 1, 1), date(2027, 1, 4)),
    ]
    first = made[0]
    assert first.category == "maintenance" and first.channel == "planned" and first.status == "new"
    assert first.priority == "low" and first.skill_id == book.lifts_skill
    assert (
        first.contract_id == book.contract
        and first.site_id == book.berlin
        and first.equipment_id == book.lift_a
    )
    assert first.number == f"{NOW.year}-{first.id:06d}"
    assert first.description == "- Inspect ropes\n- Test brakes"
    # No window: 09:00 Berlin time (08:00 UTC in winter), the site being open by then.
    assert first.planned_for == datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    # Clocks run from the planned start on the site's hours: no reaction clock, arrival 4 h later.
    assert first.reaction_due_at is None
    assert first.arrival_due_at == datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    # 16 business hours: 8 h on the 1st (09:00-17:00), 8 h on the 2nd (08:00-16:00 Berlin).
    assert first.resolution_due_at == datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
    assert first.sla_state == "running" and first.sla_issue is None
    with db.session() as session:
        history = session.scalars(
            select(TicketHistory.field).where(TicketHistory.ticket_id == first.id)
        ).all()
    assert history == ["status"]


def test_running_again_makes_nothing_even_with_the_progress_marks_wound_back(
    db: Database, book: Book
) -> None:
    add_plans(db, book, 5)
    until = date(2027, 2, 28)
    first = generate(db, until, now=NOW)
    assert first.created == count_jobs(db) > 0
    assert generate(db, until, now=NOW).created == 0
    with db.transaction() as session:
        session.execute(update(MaintenancePlan).values(generated_until=None))
    assert generate(db, until, now=NOW + timedelta(hours=1)).created == 0
    assert count_jobs(db) == first.created


def test_the_database_refuses_a_second_job_for_one_occurrence(db: Database, book: Book) -> None:
    plan_id = make_plan(db, lift_plan(book))
    original = jobs(db, maintenance_plan_id=plan_id)[0]
    copy = {
        column.name: getattr(original, column.key)
        for column in Ticket.__table__.columns
        if column.name not in ("id", "number")
    }
    with pytest.raises(IntegrityError), db.transaction() as session:
        session.execute(insert(Ticket).values(number="DUPLICATE", **copy))


def test_one_job_per_unit_for_a_model_and_one_per_site_for_a_contract(db: Database, book: Book) -> None:
    model_plan = make_plan(
        db,
        lift_plan(
            book, name="Gen2 lifts", equipment_id=None, site_id=book.berlin, equipment_model_id=book.gen2
        ),
    )
    contract_plan = make_plan(
        db, lift_plan(book, name="Site walk", equipment_id=None, rrule="FREQ=MONTHLY;BYMONTHDAY=15")
    )
    by_unit = jobs(db, maintenance_plan_id=model_plan)
    assert sorted({j.equipment_id for j in by_unit}) == sorted([book.lift_a, book.lift_b])
    assert len(by_unit) == 4
    assert {j.title for j in by_unit} == {"Gen2 lifts: LIFT-A", "Gen2 lifts: LIFT-B"}
    by_site = jobs(db, maintenance_plan_id=contract_plan)
    assert sorted(j.site_id for j in by_site) == sorted([book.berlin, book.moscow] * 2)
    assert all(j.equipment_id is None for j in by_site)
    # The Moscow site has no calendar: every day is a working day, and 09:00 local is the start.
    moscow = next(j for j in by_site if j.site_id == book.moscow)
    assert moscow.planned_for == datetime(2026, 12, 15, 6, 0, tzinfo=UTC)


def test_a_run_stopped_between_batches_is_finished_by_the_next_without_doubles(
    db: Database, book: Book
) -> None:
    add_plans(db, book, 12)
    until = date(2027, 1, 31)

    class Stop(Exception):
        pass

    def stop_after_two(_created: int) -> None:
        calls.append(_created)
        if len(calls) == 2:
            raise Stop

    calls: list[int] = []
    with pytest.raises(Stop):
        generate(db, until, now=NOW, batch_size=3, after_batch=stop_after_two)
    partial = count_jobs(db)
    assert 0 < partial == calls[-1]
    rest = generate(db, until, now=NOW, batch_size=3)
    assert rest.plans == 6
    expected = sum(weekdays_between(date(2026, 12, 1), until, n % 5) for n in range(12))
    assert count_jobs(db) == partial + rest.created == expected


def test_window_start_on_daylight_saving_switch_days(db: Database, book: Book) -> None:
    plan_id = make_plan(
        db,
        lift_plan(
            book,
            rrule="FREQ=YEARLY;BYMONTH=3,10;BYMONTHDAY=-1",
            starts_on=date(2027, 3, 1),
            non_working_day="keep",
            window_start=time(2, 30),
            window_end=time(6, 0),
            horizon_days=400,
        ),
        now=NOW,
    )
    made = {j.maintenance_due_on: j.planned_for for j in jobs(db, maintenance_plan_id=plan_id)}
    # 28 March 2027 is not the last day; 31 March: 02:30 CEST. 31 October 2027 is the autumn switch
    # itself (02:30 happens twice): the first, summer-time one is taken.
    assert made[date(2027, 3, 31)] == datetime(2027, 3, 31, 0, 30, tzinfo=UTC)
    assert made[date(2027, 10, 31)] == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)


def test_a_time_skipped_by_the_spring_switch_moves_forward_by_the_gap(db: Database, book: Book) -> None:
    plan_id = make_plan(
        db,
        lift_plan(
            book,
            rrule="FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=28",
            starts_on=date(2027, 3, 1),
            non_working_day="keep",
            window_start=time(2, 30),
            horizon_days=200,
        ),
    )
    (job,) = jobs(db, maintenance_plan_id=plan_id)
    assert job.planned_for == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)  # 03:30 summer time


def test_a_plan_gated_on_the_previous_job_waits_for_it(db: Database, book: Book) -> None:
    plan_id = make_plan(db, lift_plan(book, rrule="FREQ=WEEKLY;BYDAY=TU", after_previous_done=True))
    (first,) = jobs(db, maintenance_plan_id=plan_id)
    assert first.maintenance_due_on == date(2026, 12, 1)
    later = NOW + timedelta(days=10)
    assert generate(db, now=later).created == 0
    with db.transaction() as session:
        job = session.get_one(Ticket, first.id)
        job.status, job.resolved_at = "resolved", datetime(2026, 12, 9, 12, 0, tzinfo=UTC)
    assert generate(db, now=later).created == 1
    # Done on Wednesday the 9th: the Tuesday the 8th passed while waiting; the next is the 15th.
    assert [j.maintenance_due_on for j in jobs(db, maintenance_plan_id=plan_id)] == [
        date(2026, 12, 1),
        date(2026, 12, 15),
    ]


def test_units_out_of_service_get_no_jobs(db: Database, book: Book) -> None:
    with db.transaction() as session:
        session.get_one(Equipment, book.lift_a).decommissioned_on = date(2026, 12, 20)
    plan_id = make_plan(db, lift_plan(book))
    assert [j.maintenance_due_on for j in jobs(db, maintenance_plan_id=plan_id)] == [date(2026, 12, 1)]


def test_jobs_weeks_ahead_wait_in_the_maintenance_queue_and_join_the_others_a_week_before(
    db: Database, book: Book
) -> None:
    today = datetime.now(UTC).date()
    plan_id = make_plan(
        db,
        lift_plan(book, rrule="FREQ=DAILY", starts_on=today, non_working_day="keep", horizon_days=20),
        now=datetime.now(UTC),
    )
    made = jobs(db, maintenance_plan_id=plan_id)
    near = {j.id for j in made if j.planned_for and j.planned_for < datetime.now(UTC) + MAINTENANCE_LEAD}
    assert 0 < len(near) < len(made)
    in_open = {row.id for row in queue_rows(db, queue_by_key("open"))}
    in_unassigned = {row.id for row in queue_rows(db, queue_by_key("unassigned"))}
    in_maintenance = {row.id for row in queue_rows(db, queue_by_key("maintenance"))}
    assert in_maintenance == {j.id for j in made}
    assert in_open == in_unassigned == near


def test_a_job_without_a_window_starts_at_nine_or_when_the_site_opens() -> None:
    assert start_without_window((("00:00", "24:00"),)) == time(9, 0)
    assert start_without_window((("08:00", "17:00"),)) == time(9, 0)
    assert start_without_window((("11:00", "20:00"),)) == time(11, 0)
    assert start_without_window((("06:00", "08:30"), ("10:00", "18:00"))) == time(10, 0)
    assert start_without_window(()) == time(9, 0)
