"""The plan editor's list, choices and preview, on the service book of maintenance_world (both backends)."""

from __future__ import annotations

from datetime import date

import pytest

from console.models import MaintenancePlan
from console.services.plan_catalogue import (
    load_plan,
    models_of_site,
    plan_choices,
    plan_rows,
    preview_dates,
    sites_of_contract,
    units_of_site,
)
from console.services.recurrence import LAST_WORKING_DAY_OF_MONTH, RuleError
from console.store.database import Database
from tests.services.maintenance_world import NOW, Book, build_book, lift_plan, make_plan

TODAY = NOW.date()  # Tuesday 1 December 2026


@pytest.fixture
def book(db: Database) -> Book:
    return build_book(db)


def test_rows_say_what_each_plan_serves_and_when_it_is_next_due(db: Database, book: Book) -> None:
    unit = make_plan(db, lift_plan(book))
    model = make_plan(
        db,
        lift_plan(
            book,
            name="Gen2 quarterly",
            equipment_id=None,
            site_id=book.berlin,
            equipment_model_id=book.gen2,
            rrule="FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU",
        ),
    )
    whole = make_plan(
        db,
        lift_plan(
            book,
            name="All sites weekly",
            equipment_id=None,
            rrule="FREQ=WEEKLY;BYDAY=FR",
            skill_id=book.hvac_skill,
            duration_minutes=60,
        ),
    )
    paused = make_plan(db, lift_plan(book, name="Paused", active=False))

    rows = plan_rows(db, TODAY)

    assert [r.name for r in rows] == ["All sites weekly", "Gen2 quarterly", "Lift A monthly", "Paused"]
    by_id = {r.id: r for r in rows}
    assert by_id[unit].serves_text == "Gen2 LIFT-A at Berlin Mall"
    assert by_id[unit].serves.code == "unit"
    assert by_id[model].serves_text == "all Gen2 at Berlin Mall"
    assert by_id[whole].serves_text == "contract C-MAINT, all sites"
    assert by_id[unit].rrule == "FREQ=MONTHLY;BYMONTHDAY=1"
    assert by_id[unit].next_due == date(2026, 12, 1)  # today is a date of the rule
    assert by_id[model].next_due == date(2026, 12, 1)  # the first Tuesday of December
    assert by_id[whole].next_due == date(2026, 12, 4)
    assert by_id[paused].next_due is None and not by_id[paused].active
    assert by_id[whole].skill == "HVAC" and by_id[unit].skill == "Lifts"
    assert by_id[unit].version == 1 and by_id[unit].active
    assert plan_rows(db, date(2026, 12, 2))[2].next_due == date(2027, 1, 1)


def test_a_plan_that_is_over_has_no_next_date(db: Database, book: Book) -> None:
    make_plan(db, lift_plan(book, ends_on=date(2026, 12, 20)))
    assert plan_rows(db, date(2026, 12, 10))[0].next_due is None
    assert plan_rows(db, date(2026, 11, 10))[0].next_due == date(2026, 12, 1)


def test_choices_and_the_lists_read_on_demand(db: Database, book: Book) -> None:
    choices = plan_choices(db)
    assert [s.name for s in choices.skills] == ["HVAC", "Lifts"]
    assert [(c.id, c.name) for c in choices.contracts] == [(book.contract, "C-MAINT \u2014 Acme")]

    assert [(s.id, s.name) for s in sites_of_contract(db, book.contract)] == [
        (book.berlin, "Berlin Mall"),
        (book.moscow, "Moscow Office"),
    ]
    assert [(u.id, u.name) for u in units_of_site(db, book.berlin)] == [
        (book.lift_a, "Gen2 LIFT-A"),
        (book.lift_b, "Gen2 LIFT-B"),
        (book.escalator, "TravelMaster ESC-1"),
    ]
    models = models_of_site(db, book.berlin)
    assert [m.name for m in models] == ["Gen2", "TravelMaster"]
    assert models[0].id == book.gen2
    assert units_of_site(db, book.moscow) == [] and models_of_site(db, book.moscow) == []
    assert sites_of_contract(db, book.contract + 100) == []


def test_a_plan_opens_with_its_draft_and_where_its_target_is(db: Database, book: Book) -> None:
    draft = lift_plan(book, contract_id=None)
    plan_id = make_plan(db, draft)

    stored = load_plan(db, plan_id)

    assert stored is not None
    assert stored.draft == draft
    assert stored.version == 1
    assert stored.site_id == book.berlin  # the unit's site
    assert stored.contract_id == book.contract  # the contract covering that site
    with db.transaction() as session:
        session.delete(session.get_one(MaintenancePlan, plan_id))
    assert load_plan(db, plan_id) is None


def test_preview_gives_the_next_dates_from_today_or_the_start() -> None:
    assert preview_dates("FREQ=MONTHLY;BYMONTHDAY=15", date(2026, 1, 1), None, 3, today=TODAY) == [
        date(2026, 12, 15),
        date(2027, 1, 15),
        date(2027, 2, 15),
    ]
    assert preview_dates("FREQ=WEEKLY;BYDAY=MO", date(2027, 3, 1), None, 2, today=TODAY) == [
        date(2027, 3, 1),
        date(2027, 3, 8),
    ]
    assert preview_dates(LAST_WORKING_DAY_OF_MONTH, date(2026, 1, 1), date(2027, 2, 10), today=TODAY) == [
        date(2026, 12, 31),
        date(2027, 1, 31),
    ]
    assert preview_dates("FREQ=DAILY", date(2026, 1, 1), date(2026, 6, 1), today=TODAY) == []


@pytest.mark.parametrize(
    ("rule", "ends_on", "code"),
    [
        ("FREQ=HOURLY", None, "frequency"),
        ("nonsense", None, "syntax"),
        ("", None, "empty"),
        ("FREQ=DAILY", date(2025, 1, 1), "period"),
    ],
)
def test_preview_refuses_what_a_save_would_refuse(rule: str, ends_on: date | None, code: str) -> None:
    with pytest.raises(RuleError) as caught:
        preview_dates(rule, date(2026, 1, 1), ends_on, today=TODAY)
    assert caught.value.code == code
