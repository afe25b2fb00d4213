"""The queue's filter bar as the dispatcher reads it: narrow boxes and dates in the interface language."""

from __future__ import annotations

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from console.services.pick_lists import Choice, PickLists
from console.store.database import Database
from console.views.queue_filter_bar import QueueFilterBar


def test_a_narrow_searchable_box_shows_the_start_of_the_chosen_name(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    bar = QueueFilterBar(sqlite_db)
    qtbot.addWidget(bar)
    bar.show()
    line = bar.technician.lineEdit()
    assert line is not None
    assert line.text() == "Any technician" and line.cursorPosition() == 0
    bar.set_choices(PickLists(clients=[], skills=[], technicians=[Choice(7, "Konstantin Konstantinopolsky")]))
    bar.technician.setCurrentIndex(bar.technician.findData(7))
    assert line.text() == "Konstantin Konstantinopolsky" and line.cursorPosition() == 0


def test_period_dates_are_written_as_the_language_writes_them(qtbot: QtBot, sqlite_db: Database) -> None:
    bar = QueueFilterBar(sqlite_db)
    qtbot.addWidget(bar)
    bar.date_from.setDate(QDate(2026, 1, 5))
    assert bar.date_from.text() == "1/5/2026"  # en_US in the tests; a four-digit year, never "1/5/26"
