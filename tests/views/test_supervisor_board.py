"""The supervisor board through the real widget: the KPI table, the trend chart and predicted breaches."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.services.breach_forecast import predicted_breaches
from console.services.kpis import kpi_series, kpi_table
from console.store.database import Database
from console.views.background import wait_for_background
from console.views.feed_bridge import FeedBridge
from console.views.selection import Selection
from console.views.supervisor_board import SupervisorBoard


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
