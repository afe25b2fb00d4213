"""The reports window through its widgets: choose, show, read the table and chart, open the tickets behind a row."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QDate, QLocale
from pytestqt.qtbot import QtBot

from console.store.database import Database
from console.views.reports_window import ReportsWindow, TicketsBehindDialog
from tests.services.report_world import FIRST, LAST, ReportWorld, build_report_world


@pytest.fixture
def window(qtbot: QtBot, sqlite_db: Database) -> Iterator[tuple[ReportsWindow, ReportWorld]]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    world = build_report_world(sqlite_db)
    shown = ReportsWindow(sqlite_db, today=date(2026, 11, 20))
    qtbot.addWidget(shown)
    shown.show()
    yield shown, world
    QLocale.setDefault(before)


def _choose(window: ReportsWindow, name: str, grouping: str | None = None) -> None:
    window.kind.setCurrentIndex(window.kind.findData(name))
    if grouping is not None:
        window.grouping.setCurrentIndex(window.grouping.findData(grouping))
    window.date_from.setDate(QDate(FIRST.year, FIRST.month, FIRST.day))
    window.date_to.setDate(QDate(LAST.year, LAST.month, LAST.day))


def _cell(window: ReportsWindow, row: int, title: str) -> str:
    column = next(i for i, c in enumerate(window.model.columns) if c.title == title)
    return str(window.proxy.index(row, column).data())


def test_the_window_opens_on_last_month_and_computes_the_report_at_once(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    build_report_world(sqlite_db)
    shown = ReportsWindow(sqlite_db, today=date(2026, 11, 20))
    qtbot.addWidget(shown)
    assert shown.date_from.date() == QDate(2026, 10, 1)
    assert shown.date_to.date() == QDate(2026, 10, 31)
    with qtbot.waitSignal(shown.loaded, timeout=10_000):
        shown.show()
    assert shown.status.text() == "0 row(s)"  # nothing happened in October


def test_sla_per_client_fills_the_table_and_one_bar_item_per_clock(
    qtbot: QtBot, window: tuple[ReportsWindow, ReportWorld]
) -> None:
    shown, _ = window
    _choose(shown, "sla", "client")
    assert shown.grouping.isVisible()
    with qtbot.waitSignal(shown.loaded, timeout=10_000):
        qtbot.mouseClick(shown.compute, pg.QtCore.Qt.MouseButton.LeftButton)
    assert shown.proxy.rowCount() == 2
    assert _cell(shown, 0, "Client") == "Acme"
    assert _cell(shown, 0, "Resolution met %") == "66.7%"
    assert _cell(shown, 0, "Reaction P90, min") == "30"
    bars = [item for item in shown.chart.getPlotItem().items if isinstance(item, pg.BarGraphItem)]
    assert len(bars) == 3
    assert shown.status.text() == "2 row(s)"
    assert shown.export_xlsx.isEnabled()


def test_a_period_ending_before_it_starts_is_refused_next_to_the_dates(
    window: tuple[ReportsWindow, ReportWorld],
) -> None:
    shown, _ = window
    _choose(shown, "profitability")
    shown.date_to.setDate(QDate(2026, 11, 1))
    shown.refresh()
    assert shown.status.text() == "The period ends before it starts."
    assert shown.proxy.rowCount() == 0
    assert not shown.grouping.isVisible()


def test_sorting_by_a_figure_and_the_tickets_behind_a_row(
    qtbot: QtBot, window: tuple[ReportsWindow, ReportWorld]
) -> None:
    shown, _ = window
    _choose(shown, "profitability")
    with qtbot.waitSignal(shown.loaded, timeout=10_000):
        shown.refresh()
    assert [_cell(shown, row, "Contract") for row in range(2)] == ["C-2", "C-1"]  # the loss first
    margin = next(i for i, c in enumerate(shown.model.columns) if c.title == "Margin")
    shown.table.sortByColumn(margin, pg.QtCore.Qt.SortOrder.DescendingOrder)
    assert [_cell(shown, row, "Contract") for row in range(2)] == ["C-1", "C-2"]
    requested: list[int] = []
    shown.ticket_requested.connect(requested.append)
    shown.table.doubleClicked.emit(shown.proxy.index(1, 0))  # C-2
    qtbot.waitUntil(lambda: shown.findChild(TicketsBehindDialog) is not None, timeout=10_000)
    behind = shown.findChild(TicketsBehindDialog)
    assert behind is not None
    assert [t.number for t in behind.tickets] == ["T4", "T5", "T8"]
    behind.list.activated.emit(behind.list.model().index(0, 0))
    assert requested == [behind.tickets[0].id]


def test_export_writes_the_translated_table(
    qtbot: QtBot, window: tuple[ReportsWindow, ReportWorld], tmp_path: Path
) -> None:
    shown, _ = window
    _choose(shown, "loyalty")
    with qtbot.waitSignal(shown.loaded, timeout=10_000):
        shown.refresh()
    assert shown.model.report is not None
    shown.save(shown.model.report, tmp_path / "loyalty.csv", "csv")
    with (tmp_path / "loyalty.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[1][0] == "Acme"
    assert rows[1][-1] == "falling score, rising breaches"
    assert "Saved to" in shown.status.text()
