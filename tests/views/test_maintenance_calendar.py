"""The maintenance calendar window, through its widgets: month grid, overloaded days, week view, jobs."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pytestqt.qtbot import QtBot

from console.services.maintenance_calendar import CalendarDay
from console.store.database import Database
from console.views.maintenance_calendar_view import DAY_ROLE, MaintenanceCalendarView
from console.views.selection import Selection
from tests.services.maintenance_world import build_book, lift_plan, make_plan

NOW = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)


def test_month_shows_overloaded_days_and_the_day_lists_its_jobs(qtbot: QtBot, sqlite_db: Database) -> None:
    book = build_book(sqlite_db)
    for n in range(6):
        make_plan(
            sqlite_db, lift_plan(book, name=f"Thursday {n}", rrule="FREQ=WEEKLY;BYDAY=TH", horizon_days=40)
        )
    selection = Selection()
    view = MaintenanceCalendarView(sqlite_db, selection, clock=lambda: NOW)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.calendar is not None and "jobs" in view.status.text(), timeout=10_000)
    # December 2026 starts on a Tuesday: the grid opens on Monday 30 November, five weeks.
    assert view.model.rowCount() == 5
    thursday = view.model.index_of(date(2026, 12, 10))
    entry: CalendarDay = thursday.data(DAY_ROLE)
    assert len(entry.jobs) == 6 and entry.overloaded
    assert view.status.text().startswith("30 jobs; 5 days")

    view.grid.setCurrentIndex(thursday)
    assert view.day_title.text() == "Thursday, December 10, 2026: 6 jobs"
    assert view.jobs.rowCount() == 6
    assert view.loads.rowCount() == 1
    assert view.load_view.model().index(0, 3).data() == "133%"

    with qtbot.waitSignal(selection.ticket_selected, timeout=2_000) as signal:
        view.job_view.doubleClicked.emit(view.jobs.index(0, 0))
    assert signal.args == [view.jobs.record(0).ticket_id]

    view.week_button.click()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and view.calendar is not None, timeout=10_000)
    assert view.title.text().startswith("Week 49")
    view.findChild(type(view.week_button), "calendar_next").click()
    qtbot.waitUntil(lambda: view.title.text().startswith("Week 50"), timeout=10_000)
    qtbot.waitUntil(lambda: view.status.text().startswith("6 jobs"), timeout=10_000)
