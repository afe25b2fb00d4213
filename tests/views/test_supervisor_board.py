"""The supervisor board through the real widget: the KPI table, the trend chart and predicted breaches."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.services.breach_forecast import predicted_breaches
from console.services.kpis import kpi_series, kpi_table
from console.store.database import Database
from console.views.background import wait_for_background
from console.views.feed_bridge import FeedBridge
from console.views.selection import Selection
from console.views.supervisor_board import SupervisorBoard
from console.views.translations import install_translators
from tests.services.test_kpis import world  # noqa: F401 - the fixed world of the KPI tests, as a fixture


@pytest.fixture
def board(qtbot: QtBot, live_demo_db: Database) -> Iterator[SupervisorBoard]:
    widget = SupervisorBoard(live_demo_db, FeedBridge(live_demo_db), Selection())
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    with qtbot.waitSignal(widget.loaded, timeout=20_000):
        widget.start()
    yield widget
    widget.shutdown()
    assert wait_for_background(30_000)


def test_the_table_shows_the_services_figures_per_team_for_the_chosen_period(
    qtbot: QtBot, board: SupervisorBoard, live_demo_db: Database
) -> None:
    with qtbot.waitSignal(board.loaded, timeout=20_000):
        board.period.setCurrentIndex(board.period.findData("30d"))
    with qtbot.waitSignal(board.loaded, timeout=20_000):
        board.group.setCurrentIndex(board.group.findData("team"))
    start, end = board.bounds()
    expected = kpi_table(live_demo_db, start=start, end=end, by="team")
    assert [r.name for r in board.kpis.rows()] == [r.name for r in expected]
    assert [r.opened for r in board.kpis.rows()] == [r.opened for r in expected]
    first = expected[0]
    assert board.kpis.index(0, 1).data() == str(first.opened)
    assert board.kpis.index(0, 3).data() == str(first.backlog)
    assert sum(board.opened_bars.opts["height"]) == sum(r.opened for r in expected)


def test_a_predicted_breach_is_listed_and_a_click_selects_its_ticket(
    qtbot: QtBot, board: SupervisorBoard, live_demo_db: Database
) -> None:
    forecasts = predicted_breaches(live_demo_db)
    assert board.forecasts.rowCount() == len(forecasts) > 0
    assert {f.number for f in board.forecasts.rows()} == {f.number for f in forecasts}
    rect = board.forecast_view.visualRect(board.forecasts.index(0, 0))
    with qtbot.waitSignal(board.selection.ticket_selected, timeout=3_000) as picked:
        qtbot.mouseClick(board.forecast_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert picked.args == [board.forecasts.record(0).ticket_id]
    assert board.forecasts.index(0, 6).data()


def test_the_compliance_trend_has_a_point_per_day_with_decided_tickets(
    qtbot: QtBot, board: SupervisorBoard, live_demo_db: Database
) -> None:
    with qtbot.waitSignal(board.loaded, timeout=20_000):
        board.period.setCurrentIndex(board.period.findData("30d"))
    start, end = board.bounds()
    points = kpi_series(live_demo_db, start=start, end=end, step="day", tz="Europe/Moscow")
    measured = [p.resolution.share_met * 100 for p in points if p.resolution.share_met is not None]
    _xs, ys = board.compliance_curve.getData()
    assert list(ys) == pytest.approx(measured)


@pytest.mark.usefixtures("world")
def test_the_board_shows_the_figures_worked_out_by_hand(qtbot: QtBot, db: Database) -> None:
    """The small fixed world of the KPI service tests, in the week of 9 to 15 November 2026."""
    widget = SupervisorBoard(db, FeedBridge(db), Selection())
    qtbot.addWidget(widget)
    widget.show()
    widget.group.blockSignals(True)
    widget.group.setCurrentIndex(widget.group.findData("team"))
    widget.group.blockSignals(False)
    widget.date_from.blockSignals(True)
    widget.date_from.setDate(QDate(2026, 11, 9))
    widget.date_from.blockSignals(False)
    widget.date_to.blockSignals(True)
    widget.date_to.setDate(QDate(2026, 11, 15))
    widget.date_to.blockSignals(False)
    with qtbot.waitSignal(widget.loaded, timeout=20_000):
        widget.period.setCurrentIndex(widget.period.findData("custom"))
    north = [widget.kpis.index(0, column).data() for column in range(widget.kpis.columnCount())]
    # North: T1 T2 T3 T7 opened, T1 T2 T3 T8 resolved, T7 open at the end; 3 of 4 clocks met each;
    # reactions of 10, 15, 20 and 30 min (mean 18.75, nearest-rank p90 30); one of four resolved
    # tickets needed a second visit, one was reopened.
    assert north[:4] == ["North", "4", "4", "1"]
    assert north[4:7] == ["75% (3/4)"] * 3
    assert north[7] == "18 min / 30 min"
    assert north[10:12] == ["75%", "25%"]
    widget.shutdown()
    assert wait_for_background(30_000)


def test_the_whole_team_and_its_shares_read_in_russian(
    qtbot: QtBot, board: SupervisorBoard, qapp: QApplication
) -> None:
    before = QLocale()
    installed = install_translators(qapp, "ru")
    try:
        assert board.group.currentData() == "all"
        with qtbot.waitSignal(board.loaded, timeout=20_000):
            board.period.setCurrentIndex(board.period.findData("30d"))  # decided clocks at any hour
        row = [board.kpis.index(0, column).data() for column in range(5)]
        assert row[0] == "Все заявки"
        assert re.fullmatch(r"\d+\u00a0% \(\d+/\d+\)", row[4]), row[4]
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
        QLocale.setDefault(before)
