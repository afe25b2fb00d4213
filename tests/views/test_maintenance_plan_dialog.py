"""The maintenance plan editor through the real widgets, on the service book of maintenance_world (SQLite).

It is Tuesday 1 December 2026, 06:00 UTC. Plans are created, refused, edited, deleted and previewed
through the form; what was saved is read back from the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QComboBox, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.models import MaintenancePlan, Ticket
from console.services.maintenance_plans import update_plan
from console.services.plan_catalogue import load_plan
from console.store.database import Database
from console.views.background import wait_for_background
from console.views.maintenance_plan_dialog import MaintenancePlanDialog
from tests.services.maintenance_world import NOW, Book, build_book, lift_plan, make_plan

OpenDialog = Callable[..., MaintenancePlanDialog]


@pytest.fixture
def book(sqlite_db: Database) -> Book:
    return build_book(sqlite_db)


@pytest.fixture
def open_dialog(qtbot: QtBot, sqlite_db: Database) -> Iterator[OpenDialog]:
    """A factory of shown dialogs whose lists have come; all are closed and their work awaited after."""
    dialogs: list[MaintenancePlanDialog] = []

    def factory(rows: int = 0) -> MaintenancePlanDialog:
        dialog = MaintenancePlanDialog(sqlite_db, now=lambda: NOW)
        qtbot.addWidget(dialog)
        dialog.show()
        dialogs.append(dialog)
        qtbot.waitUntil(
            lambda: (
                dialog.skill.count() == 2 and dialog.unit.count() == 3 and dialog.plans.rowCount() == rows
            ),
            timeout=10_000,
        )
        return dialog

    yield factory
    for dialog in dialogs:
        dialog.close()
    assert wait_for_background(30_000)


def choose(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def jobs(db: Database, plan_id: int) -> list[Ticket]:
    with db.session() as session:
        return list(
            session.scalars(select(Ticket).where(Ticket.maintenance_plan_id == plan_id).order_by(Ticket.id))
        )


def open_plan(qtbot: QtBot, dialog: MaintenancePlanDialog, name: str) -> None:
    row = next(r for r in range(dialog.plans.rowCount()) if dialog.plans.record(r).name == name)
    dialog.table.selectRow(row)
    qtbot.waitUntil(
        lambda: dialog.name.text() == name and dialog.unit.currentData() is not None, timeout=10_000
    )


def test_a_plan_made_in_the_form_makes_its_jobs(
    qtbot: QtBot, sqlite_db: Database, book: Book, open_dialog: OpenDialog
) -> None:
    dialog = open_dialog()
    assert [dialog.site.itemText(i) for i in range(dialog.site.count())] == ["Berlin Mall", "Moscow Office"]
    dialog.name.setText("Lift B monthly")
    choose(dialog.unit, book.lift_b)
    choose(dialog.skill, book.lifts_skill)
    dialog.month_day.setValue(10)
    dialog.checklist.setPlainText("Inspect ropes\n\nTest brakes\n")

    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Saved:"), timeout=10_000)
    qtbot.waitUntil(lambda: dialog.plans.rowCount() == 1, timeout=10_000)

    with sqlite_db.session() as session:
        plan = session.scalars(select(MaintenancePlan)).one()
        assert (plan.name, plan.rrule, plan.equipment_id) == (
            "Lift B monthly",
            "FREQ=MONTHLY;BYMONTHDAY=10",
            book.lift_b,
        )
        assert plan.contract_id == book.contract and plan.checklist == ["Inspect ropes", "Test brakes"]
    made = jobs(sqlite_db, plan.id)
    assert [job.maintenance_due_on.isoformat() for job in made if job.maintenance_due_on] == [
        "2026-12-10",
        "2027-01-10",
    ]
    assert {job.equipment_id for job in made} == {book.lift_b}
    assert dialog.status.text() == "Saved: 2 jobs made, 0 moved, 0 cancelled."
    row = dialog.plans.record(0)
    assert row.serves_text == "Gen2 LIFT-B at Berlin Mall" and row.next_due.isoformat() == "2026-12-10"
    assert dialog.plan_id == plan.id and dialog.delete_button.isEnabled()


def test_a_plan_for_a_model_at_a_site(
    qtbot: QtBot, sqlite_db: Database, book: Book, open_dialog: OpenDialog
) -> None:
    dialog = open_dialog()
    dialog.name.setText("Gen2 quarterly")
    choose(dialog.target_kind, "model")
    qtbot.waitUntil(lambda: dialog.model.count() == 2, timeout=10_000)
    choose(dialog.model, book.gen2)
    choose(dialog.preset, "quarterly_first_tuesday")

    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Saved:"), timeout=10_000)

    with sqlite_db.session() as session:
        plan = session.scalars(select(MaintenancePlan)).one()
        assert (plan.equipment_id, plan.site_id, plan.equipment_model_id) == (None, book.berlin, book.gen2)
        assert plan.rrule == "FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU"
    assert {job.equipment_id for job in jobs(sqlite_db, plan.id)} == {book.lift_a, book.lift_b}


def test_a_bad_rule_is_named_next_to_the_rule_and_nothing_is_saved(
    qtbot: QtBot, sqlite_db: Database, book: Book, open_dialog: OpenDialog
) -> None:
    dialog = open_dialog()
    dialog.name.setText("Too often")
    choose(dialog.preset, "custom")
    assert dialog.custom_rule.text() == "FREQ=MONTHLY;BYMONTHDAY=1"  # starts from the preset shown before
    dialog.custom_rule.setText("FREQ=HOURLY")
    assert "not more often" in dialog.preview.text()

    dialog.save_button.click()
    error = dialog.errors["rrule"]
    qtbot.waitUntil(lambda: not error.isHidden(), timeout=10_000)

    assert error.objectName() == "error_rrule"
    assert "daily, weekly, monthly or yearly" in error.text()
    assert all(label.isHidden() for name, label in dialog.errors.items() if name != "rrule")
    assert "Nothing was saved" in dialog.status.text()
    assert dialog.name.text() == "Too often" and dialog.custom_rule.text() == "FREQ=HOURLY"
    with sqlite_db.session() as session:
        assert session.scalars(select(MaintenancePlan)).all() == []
        assert session.scalars(select(Ticket)).all() == []


def test_a_refusal_names_its_field(
    qtbot: QtBot, sqlite_db: Database, book: Book, open_dialog: OpenDialog
) -> None:
    dialog = open_dialog()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.errors["name"].isHidden(), timeout=10_000)
    assert dialog.errors["name"].text() == "Give the plan a name."

    dialog.name.setText("Long job")
    dialog.duration.setValue(90)
    dialog.has_window.setChecked(True)
    dialog.window_start.setTime(QTime(10, 0))
    dialog.window_end.setTime(QTime(11, 0))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.errors["duration"].isHidden(), timeout=10_000)
    assert dialog.errors["name"].isHidden()
    assert "window is 60 min" in dialog.errors["duration"].text()
    with sqlite_db.session() as session:
        assert session.scalars(select(MaintenancePlan)).all() == []


def test_editing_a_plan_replans_its_jobs(
    qtbot: QtBot, sqlite_db: Database, book: Book, open_dialog: OpenDialog
) -> None:
    plan_id = make_plan(sqlite_db, lift_plan(book))
    before = jobs(sqlite_db, plan_id)
    assert len(before) == 2
    dialog = open_dialog(rows=1)
    open_plan(qtbot, dialog, "Lift A monthly")
    assert dialog.preset.currentData() == "monthly" and dialog.month_day.value() == 1
    assert dialog.unit.currentData() == book.lift_a and dialog.site.currentData() == book.berlin
    assert dialog.checklist.toPlainText() == "Inspect ropes\nTest brakes"

    dialog.month_day.setValue(15)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Saved:"), timeout=10_000)

    after = jobs(sqlite_db, plan_id)
    cancelled = [job for job in after if job.status == "cancelled"]
    live = [job for job in after if job.status != "cancelled"]
    assert {job.id for job in cancelled} == {job.id for job in before}
    assert [job.maintenance_due_on.isoformat() for job in live if job.maintenance_due_on] == [
        "2026-12-15",
        "2027-01-15",
    ]
    assert dialog.status.text() == "Saved: 2 jobs made, 0 moved, 2 cancelled."
    with sqlite_db.session() as session:
        plan = session.get_one(MaintenancePlan, plan_id)
        assert (plan.rrule, plan.version) == ("FREQ=MONTHLY;BYMONTHDAY=15", 2)
    assert dialog.version == 2
    qtbot.waitUntil(lambda: dialog.plans.record(0).version == 2, timeout=10_000)
    assert dialog.plans.record(0).next_due.isoformat() == "2026-12-15"


def test_a_plan_changed_meanwhile_is_refused_and_the_input_kept(
    qtbot: QtBot, sqlite_db: Database, book: Book, open_dialog: OpenDialog
) -> None:
    plan_id = make_plan(sqlite_db, lift_plan(book))
    dialog = open_dialog(rows=1)
    open_plan(qtbot, dialog, "Lift A monthly")
    stored = load_plan(sqlite_db, plan_id)
    assert stored is not None
    update_plan(sqlite_db, plan_id, replace(stored.draft, duration_minutes=90), expected_version=1, now=NOW)

    dialog.name.setText("Lift A, renamed")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "changed by someone else" in dialog.status.text(), timeout=10_000)
    qtbot.waitUntil(lambda: "Saved meanwhile" in dialog.status.text(), timeout=10_000)
    assert f"Duration minutes: {stored.draft.duration_minutes} → 90" in dialog.status.text()

    assert dialog.name.text() == "Lift A, renamed"
    with sqlite_db.session() as session:
        assert session.get_one(MaintenancePlan, plan_id).name == "Lift A monthly"


def test_delete_asks_then_cancels_the_jobs(
    qtbot: QtBot, sqlite_db: Database, book: Book, open_dialog: OpenDialog
) -> None:
    plan_id = make_plan(sqlite_db, lift_plan(book))
    job_ids = [job.id for job in jobs(sqlite_db, plan_id)]
    dialog = open_dialog(rows=1)
    open_plan(qtbot, dialog, "Lift A monthly")

    dialog.delete_button.click()
    box = dialog.findChild(QMessageBox, "confirm_delete")
    assert box is not None and box.isVisible()
    assert "Lift A monthly" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Deleted:"), timeout=10_000)

    assert dialog.status.text() == "Deleted: 2 jobs cancelled."
    qtbot.waitUntil(lambda: dialog.plans.rowCount() == 0, timeout=10_000)
    assert dialog.plan_id is None and not dialog.delete_button.isEnabled()
    with sqlite_db.session() as session:
        assert session.get(MaintenancePlan, plan_id) is None
        statuses = session.scalars(select(Ticket.status).where(Ticket.id.in_(job_ids))).all()
    assert statuses == ["cancelled", "cancelled"]


def test_no_on_the_question_deletes_nothing(
    qtbot: QtBot, sqlite_db: Database, book: Book, open_dialog: OpenDialog
) -> None:
    plan_id = make_plan(sqlite_db, lift_plan(book))
    dialog = open_dialog(rows=1)
    open_plan(qtbot, dialog, "Lift A monthly")

    dialog.delete_button.click()
    box = dialog.findChild(QMessageBox, "confirm_delete")
    assert box is not None
    box.button(QMessageBox.StandardButton.No).click()
    qtbot.wait(200)
    assert wait_for_background(10_000)

    with sqlite_db.session() as session:
        assert session.get(MaintenancePlan, plan_id) is not None
    assert all(job.status != "cancelled" for job in jobs(sqlite_db, plan_id))


def test_the_preview_follows_the_rule_and_dates(qtbot: QtBot, book: Book, open_dialog: OpenDialog) -> None:
    dialog = open_dialog()
    assert dialog.preview.text().startswith("2026-12-01, 2027-01-01, 2027-02-01")

    dialog.month_day.setValue(15)
    assert dialog.preview.text().startswith("2026-12-15, 2027-01-15")

    choose(dialog.preset, "last_working_day")
    assert dialog.non_working_day.currentData() == "previous_working_day"
    assert dialog.preview.text().startswith("2026-12-31, 2027-01-31")

    choose(dialog.preset, "weekly")
    assert dialog.weekdays["TU"].isChecked()  # the start's weekday
    assert dialog.preview.text().startswith("2026-12-01, 2026-12-08")
    dialog.weekdays["TU"].setChecked(False)
    assert dialog.preview.text() == "Tick at least one weekday."

    dialog.weekdays["FR"].setChecked(True)
    dialog.no_end.setChecked(False)
    dialog.ends_on.setDate(dialog.starts_on.date().addDays(-1))
    assert dialog.preview.text() == "The plan ends before it starts."
    dialog.ends_on.setDate(dialog.starts_on.date().addDays(10))
    assert dialog.preview.text() == "2026-12-04, 2026-12-11 \u2026"

    choose(dialog.preset, "custom")
    assert dialog.custom_rule.text() == "FREQ=WEEKLY;BYDAY=FR"
    dialog.custom_rule.setText("FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=9")
    assert dialog.preview.text() == "The rule gives days; the plan's time window gives the hours."
