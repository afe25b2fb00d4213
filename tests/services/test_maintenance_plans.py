"""Saving, editing and deleting maintenance plans: refused when wrong, and their jobs kept true."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from console.models import MaintenancePlan, Ticket, TicketHistory, Visit
from console.services.maintenance_plans import (
    PlanConflict,
    PlanRejected,
    delete_plan,
    update_plan,
    validate,
)
from console.store.database import Database
from tests.services.maintenance_world import NOW, Book, build_book, lift_plan, make_plan


@pytest.fixture
def book(db: Database) -> Book:
    return build_book(db)


def plan_jobs(db: Database, plan_id: int) -> list[Ticket]:
    with db.session() as session:
        return list(
            session.scalars(select(Ticket).where(Ticket.maintenance_plan_id == plan_id).order_by(Ticket.id))
        )


def version_of(db: Database, plan_id: int) -> int:
    with db.session() as session:
        return session.get_one(MaintenancePlan, plan_id).version


def history(db: Database, ticket_id: int) -> list[tuple[str, str | None, str | None]]:
    with db.session() as session:
        rows = session.execute(
            select(TicketHistory.field, TicketHistory.old_value, TicketHistory.new_value)
            .where(TicketHistory.ticket_id == ticket_id)
            .order_by(TicketHistory.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"rrule": "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"}, "rrule", "no date"),
        ({"ends_on": date(2026, 11, 1)}, "ends_on", "ends before it starts"),
        ({"duration_minutes": 600}, "duration", "longer than any shift"),
        ({"duration_minutes": 0}, "duration", "some time"),
        ({"window_start": time(10, 0), "window_end": time(11, 0)}, "duration", "window is 60 min"),
        ({"window_start": time(12, 0), "window_end": time(11, 0)}, "window", "end after it starts"),
        ({"name": "  "}, "name", "name"),
        ({"equipment_id": None, "contract_id": None}, "target", "what the plan serves"),
        ({"skill_id": None}, "skill", "skill"),
        ({"horizon_days": 0}, "horizon_days", "days ahead"),
        ({"rrule": "FREQ=MINUTELY"}, "rrule", "not more often"),
    ],
)
def test_bad_plans_are_refused_naming_the_field_and_nothing_is_saved(
    db: Database, book: Book, changes: dict[str, object], field: str, words: str
) -> None:
    draft = replace(lift_plan(book), **changes)  # type: ignore[arg-type]
    with db.session() as session, pytest.raises(PlanRejected) as caught:
        validate(session, draft)
    assert caught.value.field == field
    assert words in str(caught.value)
    with pytest.raises(PlanRejected):
        make_plan(db, draft)
    with db.session() as session:
        assert session.scalars(select(MaintenancePlan)).all() == []
        assert session.scalars(select(Ticket)).all() == []


def test_editing_the_rule_moves_or_cancels_jobs_not_started_and_leaves_the_rest(
    db: Database, book: Book
) -> None:
    draft = lift_plan(book, rrule="FREQ=WEEKLY;BYDAY=TU,TH", horizon_days=20)
    plan_id = make_plan(db, draft)
    before = {j.maintenance_due_on: j for j in plan_jobs(db, plan_id)}
    assert sorted(before) == [
        date(2026, 12, 1),
        date(2026, 12, 3),
        date(2026, 12, 8),
        date(2026, 12, 10),
        date(2026, 12, 15),
        date(2026, 12, 17),
    ]
    started, assigned = before[date(2026, 12, 3)], before[date(2026, 12, 8)]
    with db.transaction() as session:
        session.get_one(Ticket, started.id).status = "on_site"
        job = session.get_one(Ticket, assigned.id)
        job.status, job.technician_id = "assigned", book.technician
        session.add(
            Visit(
                ticket_id=job.id,
                technician_id=book.technician,
                planned_start=datetime(2026, 12, 8, 9, 0, tzinfo=UTC),
                planned_end=datetime(2026, 12, 8, 11, 0, tzinfo=UTC),
            )
        )
    later = NOW + timedelta(days=1)  # Wednesday: the job of Tuesday the 1st is behind
    saved = update_plan(
        db,
        plan_id,
        replace(draft, rrule="FREQ=WEEKLY;BYDAY=TU", window_start=time(13, 0)),
        expected_version=version_of(db, plan_id),
        now=later,
    )
    after = {j.id: j for j in plan_jobs(db, plan_id)}
    # Thursdays not started are cancelled and free their occurrence; Tuesdays ahead move to 13:00.
    for day in (date(2026, 12, 10), date(2026, 12, 17)):
        cancelled = after[before[day].id]
        assert cancelled.status == "cancelled" and cancelled.maintenance_due_on is None
        assert ("maintenance_due_on", day.isoformat(), None) in history(db, cancelled.id)
    moved = after[assigned.id]
    assert moved.status == "assigned" and moved.planned_for == datetime(2026, 12, 8, 12, 0, tzinfo=UTC)
    # Its visit stays: the job is still on Tuesday the 8th, only later in the day.
    with db.session() as session:
        assert session.scalars(select(Visit.status).where(Visit.ticket_id == assigned.id)).all() == [
            "planned"
        ]
    assert after[before[date(2026, 12, 15)].id].planned_for == datetime(2026, 12, 15, 12, 0, tzinfo=UTC)
    # Started and past jobs are untouched.
    assert after[started.id].status == "on_site" and after[started.id].maintenance_due_on == date(2026, 12, 3)
    assert after[before[date(2026, 12, 1)].id].planned_for == before[date(2026, 12, 1)].planned_for
    assert (saved.moved, saved.cancelled) == (2, 2)
    # The horizon from the edit (20 days from the 2nd) adds Tuesday the 22nd.
    assert saved.created == 1
    live = sorted(
        j.maintenance_due_on for j in after.values() if j.status != "cancelled" and j.maintenance_due_on
    )
    assert live[-1] == date(2026, 12, 22)


def test_a_job_moved_to_another_day_loses_its_planned_visit(db: Database, book: Book) -> None:
    draft = lift_plan(
        book, non_working_day="keep", rrule="FREQ=MONTHLY;BYMONTHDAY=5", starts_on=date(2026, 12, 1)
    )
    plan_id = make_plan(db, draft)
    (job,) = [j for j in plan_jobs(db, plan_id) if j.maintenance_due_on == date(2026, 12, 5)]
    with db.transaction() as session:
        session.add(
            Visit(
                ticket_id=job.id,
                technician_id=book.technician,
                planned_start=datetime(2026, 12, 5, 9, 0, tzinfo=UTC),
                planned_end=datetime(2026, 12, 5, 11, 0, tzinfo=UTC),
            )
        )
    # The 5th is a Saturday: with "next working day" the job moves to Monday the 7th.
    update_plan(
        db,
        plan_id,
        replace(draft, non_working_day="next_working_day"),
        expected_version=version_of(db, plan_id),
        now=NOW,
    )
    with db.session() as session:
        moved = session.get_one(Ticket, job.id)
        assert moved.planned_for is not None and moved.planned_for.date() == date(2026, 12, 7)
        assert session.scalars(select(Visit.status).where(Visit.ticket_id == job.id)).all() == ["cancelled"]


def test_deleting_a_plan_cancels_its_future_jobs_with_a_history_entry(db: Database, book: Book) -> None:
    plan_id = make_plan(db, lift_plan(book))
    jobs = plan_jobs(db, plan_id)
    cancelled = delete_plan(db, plan_id, expected_version=version_of(db, plan_id), now=NOW)
    assert cancelled == len(jobs) == 2
    with db.session() as session:
        assert session.get(MaintenancePlan, plan_id) is None
        for job in jobs:
            stored = session.get_one(Ticket, job.id)
            assert stored.status == "cancelled"
            assert ("maintenance_plan", "Lift A monthly", None) in history(db, job.id)


def test_a_stale_edit_is_refused_and_changes_nothing(db: Database, book: Book) -> None:
    draft = lift_plan(book)
    plan_id = make_plan(db, draft)
    version = version_of(db, plan_id)
    update_plan(db, plan_id, replace(draft, name="First"), expected_version=version, now=NOW)
    with pytest.raises(PlanConflict):
        update_plan(db, plan_id, replace(draft, name="Second"), expected_version=version, now=NOW)
    with pytest.raises(PlanConflict):
        delete_plan(db, plan_id, expected_version=version, now=NOW)
    with db.session() as session:
        assert session.get_one(MaintenancePlan, plan_id).name == "First"


def test_saving_a_plan_deleted_meanwhile_says_so(db: Database, book: Book) -> None:
    draft = lift_plan(book)
    plan_id = make_plan(db, draft)
    version = version_of(db, plan_id)
    delete_plan(db, plan_id, expected_version=version, now=NOW)
    with pytest.raises(PlanConflict, match="deleted by someone else"):
        update_plan(db, plan_id, draft, expected_version=version, now=NOW)
