"""The maintenance calendar's figures: jobs per day and state, and each skill's load against shift time."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from console.models import Ticket
from console.services.maintenance_calendar import job_state, load_calendar
from console.store.database import Database
from tests.services.maintenance_world import NOW, Book, build_book, lift_plan, make_plan


@pytest.fixture
def book(db: Database) -> Book:
    return build_book(db)


def test_days_count_jobs_by_state_and_flag_a_skill_over_its_shift_time(db: Database, book: Book) -> None:
    # Six 2-hour lift jobs every Thursday; the one lifts technician works 9 h a day.
    for n in range(6):
        make_plan(db, lift_plan(book, name=f"Thursday {n}", rrule="FREQ=WEEKLY;BYDAY=TH", horizon_days=10))
    make_plan(db, lift_plan(book, name="Friday", rrule="FREQ=WEEKLY;BYDAY=FR", horizon_days=10))
    with db.transaction() as session:
        first = session.scalars(select(Ticket).where(Ticket.title == "Thursday 0")).first()
        assert first is not None
        first.status, first.technician_id = "assigned", book.technician
    calendar = load_calendar(db, date(2026, 11, 30), date(2026, 12, 6), now=NOW)
    thursday, friday, monday = (
        calendar.day(date(2026, 12, 3)),
        calendar.day(date(2026, 12, 4)),
        calendar.day(date(2026, 11, 30)),
    )
    assert thursday.counts == {"assigned": 1, "unassigned": 5}
    (lifts,) = thursday.loads
    assert (lifts.planned_minutes, lifts.capacity_minutes) == (720, 540)
    assert lifts.overloaded and thursday.overloaded == (lifts,)
    assert friday.counts == {"unassigned": 1} and not friday.overloaded
    assert friday.loads[0].share == pytest.approx(120 / 540)
    assert monday.jobs == () and monday.loads == ()


def test_job_states() -> None:
    before, after = datetime(2026, 12, 1, 8, tzinfo=UTC), datetime(2026, 12, 1, 12, tzinfo=UTC)
    now = datetime(2026, 12, 1, 10, tzinfo=UTC)
    assert job_state("new", after, None, now) == "unassigned"
    assert job_state("assigned", after, 3, now) == "assigned"
    assert job_state("on_site", before, 3, now) == "in_progress"
    assert job_state("new", before, None, now) == "overdue"
    assert job_state("closed", before, 3, now) == "done"
    assert job_state("cancelled", after, None, now) == "cancelled"
