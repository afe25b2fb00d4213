"""The supervisor board: KPIs per team, skill, client or technician for a period, trends, predicted breaches.

Figures come from the Qt-free `kpis` and `breach_forecast` services, computed in the database on a
worker thread. The board refreshes itself every minute and shortly after the change feed reports
changed tickets or visits; a click on a predicted breach selects its ticket in the whole console.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from console.services.breach_forecast import BreachForecast, predicted_breaches
from console.services.client_overview import ClockCompliance
from console.services.field_zone import FIELD_TIMEZONE
from console.services.kpis import KpiPoint, KpiRow, TimeStats, kpi_series, kpi_table, period_bounds
from console.store.database import Database
from console.views.background import run_in_background
from console.views.date_axis import LocalDateAxis
from console.views.equipment_tab import record_table
from console.views.errors_text import translated
from console.views.feed_bridge import FeedBridge
from console.views.labels import clock_text, date_format, duration_text, moment_text, percent_text
from console.views.record_model import ALARM_COLOUR, WARNING_COLOUR, Column, RecordTableModel
from console.views.selection import Selection

REFRESH_MS = 60_000
CHANGES_DELAY_MS = 5_000
COMPLIANCE_TARGET = 0.9


def _share(value: float | None) -> str:
    return percent_text(value) if value is not None else "—"


def _group_name(row: KpiRow) -> str:
    """A group's name; the rows without a group ("All tickets", "Unassigned") are named in English
    by the service, marked for translation in its context."""
    return row.name if row.key is not None else QCoreApplication.translate("kpis", row.name)


def _compliance(clock: ClockCompliance) -> str:
    return f"{_share(clock.share_met)} ({clock.met}/{clock.decided})" if clock.decided else "—"


def _low(clock: ClockCompliance) -> Any:
    return WARNING_COLOUR if clock.share_met is not None and clock.share_met < COMPLIANCE_TARGET else None


def _times(stats: TimeStats) -> str:
    if stats.mean is None or stats.p90 is None:
        return "—"
    mean = duration_text(timedelta(minutes=stats.mean))
    p90 = duration_text(timedelta(minutes=stats.p90))
    return f"{mean} / {p90}"


def kpi_columns() -> list[Column]:
    return [
        Column(QCoreApplication.translate("supervisor", "Group"), _group_name, bold=lambda r: True),
        Column(QCoreApplication.translate("supervisor", "Opened"), lambda r: str(r.opened), numeric=True),
        Column(QCoreApplication.translate("supervisor", "Resolved"), lambda r: str(r.resolved), numeric=True),
        Column(QCoreApplication.translate("supervisor", "Backlog"), lambda r: str(r.backlog), numeric=True),
        Column(
            QCoreApplication.translate("supervisor", "Reaction met"),
            lambda r: _compliance(r.reaction),
            colour=lambda r: _low(r.reaction),
        ),
        Column(
            QCoreApplication.translate("supervisor", "Arrival met"),
            lambda r: _compliance(r.arrival),
            colour=lambda r: _low(r.arrival),
        ),
        Column(
            QCoreApplication.translate("supervisor", "Resolution met"),
            lambda r: _compliance(r.resolution),
            colour=lambda r: _low(r.resolution),
        ),
        Column(
            QCoreApplication.translate("supervisor", "Reaction mean / p90"), lambda r: _times(r.reaction_time)
        ),
        Column(
            QCoreApplication.translate("supervisor", "Arrival mean / p90"), lambda r: _times(r.arrival_time)
        ),
        Column(
            QCoreApplication.translate("supervisor", "Resolution mean / p90"),
            lambda r: _times(r.resolution_time),
        ),
        Column(
            QCoreApplication.translate("supervisor", "First-time fix"),
            lambda r: _share(r.first_time_fix),
            numeric=True,
        ),
        Column(
            QCoreApplication.translate("supervisor", "Reopened"),
            lambda r: _share(r.reopen_rate),
            numeric=True,
        ),
        Column(
            QCoreApplication.translate("supervisor", "Utilisation"),
            lambda r: _share(r.utilisation),
            numeric=True,
        ),
    ]


def forecast_columns() -> list[Column]:
    def slack(f: BreachForecast) -> str:
        minutes = f.slack.total_seconds() / 60
        text = duration_text(f.slack)
        return (
            QCoreApplication.translate("supervisor", "late by %1").replace("%1", text.lstrip("-"))
            if minutes < 0
            else text
        )

    return [
        Column(
            QCoreApplication.translate("supervisor", "Ticket"),
            lambda f: f.number,
            bold=lambda f: f.slack.total_seconds() < 0,
        ),
        Column(QCoreApplication.translate("supervisor", "Client"), lambda f: f.client),
        Column(
            QCoreApplication.translate("supervisor", "Technician"),
            lambda f: f.technician or QCoreApplication.translate("supervisor", "unassigned"),
        ),
        Column(
            QCoreApplication.translate("supervisor", "Deadline"),
            lambda f: (
                (
                    QCoreApplication.translate("supervisor", "Arrival")
                    if f.kind == "arrival"
                    else QCoreApplication.translate("supervisor", "Resolution")
                )
                + " "
                + moment_text(f.deadline)
            ),
        ),
        Column(
            QCoreApplication.translate("supervisor", "Predicted finish"),
            lambda f: moment_text(f.predicted_finish),
        ),
        Column(
            QCoreApplication.translate("supervisor", "Slack"),
            slack,
            colour=lambda f: ALARM_COLOUR if f.slack.total_seconds() < 0 else WARNING_COLOUR,
            numeric=True,
        ),
        Column(
            QCoreApplication.translate("supervisor", "Suggested action"),
            lambda f: translated("forecast", f.action.template, dict(f.action.params)),
            tooltip=lambda f: (
                QCoreApplication.translate("supervisor", "travel %1 min, work %2 min, waiting %3 min")
                .replace("%1", f"{f.travel_minutes:.0f}")
                .replace("%2", f"{f.work_minutes:.0f}")
                .replace("%3", f"{f.waiting_minutes:.0f}")
            ),
        ),
    ]


class SupervisorBoard(QWidget):
    loaded = Signal()

    def __init__(self, db: Database, feed: FeedBridge, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("supervisor_board")
        self.db = db
        self.selection = selection
        self.zone = ZoneInfo(FIELD_TIMEZONE)
        self._generation = 0
        self.period = QComboBox(self)
        self.period.setObjectName("kpi_period")
        for key, text in (
            ("today", self.tr("Today")),
            ("week", self.tr("This week")),
            ("30d", self.tr("Last 30 days")),
            ("custom", self.tr("Period…")),
        ):
            self.period.addItem(text, key)
        today = datetime.now(self.zone).date()
        self.date_from = QDateEdit(QDate(today.year, today.month, 1), self)
        self.date_to = QDateEdit(QDate(today.year, today.month, today.day), self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_format())
            edit.hide()
            edit.dateChanged.connect(self.load)
        self.group = QComboBox(self)
        self.group.setObjectName("kpi_group")
        for key, text in (
            ("all", self.tr("All")),
            ("team", self.tr("Per team")),
            ("skill", self.tr("Per skill")),
            ("client", self.tr("Per client")),
            ("technician", self.tr("Per technician")),
        ):
            self.group.addItem(text, key)
        self.status = QLabel(self)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 0)
        for widget in (self.period, self.date_from, self.date_to, self.group):
            bar.addWidget(widget)
        bar.addWidget(self.status, 1)

        self.kpis = RecordTableModel(kpi_columns(), self)
        self.kpi_view = record_table(self, "kpi_table", self.kpis)
        self.chart = pg.PlotWidget(axisItems={"bottom": LocalDateAxis()})
        self.chart.setObjectName("kpi_chart")
        self.chart.setBackground("w")
        self.chart.setMaximumHeight(160)
        self.chart.setMouseEnabled(x=False, y=False)
        self.chart.addLegend(offset=(5, 5))
        self.opened_bars = pg.BarGraphItem(x=[], height=[], width=1, brush="#74c0fc", name=self.tr("opened"))
        self.resolved_bars = pg.BarGraphItem(
            x=[], height=[], width=1, brush="#8ce99a", name=self.tr("resolved")
        )
        self.chart.addItem(self.opened_bars)
        self.chart.addItem(self.resolved_bars)
        self.compliance_chart = pg.PlotWidget(axisItems={"bottom": LocalDateAxis()})
        self.compliance_chart.setObjectName("compliance_chart")
        self.compliance_chart.setBackground("w")
        self.compliance_chart.setMaximumHeight(160)
        self.compliance_chart.setMouseEnabled(x=False, y=False)
        self.compliance_chart.setYRange(0, 100, padding=0.05)
        self.compliance_chart.setTitle(self.tr("Resolution SLA met, %"), size="9pt")
        self.compliance_curve = pg.PlotDataItem(
            x=[], y=[], pen=pg.mkPen("#2f9e44"), symbol="o", symbolSize=5, symbolBrush="#2f9e44"
        )
        self.compliance_chart.addItem(self.compliance_curve)
        target = pg.InfiniteLine(
            pos=COMPLIANCE_TARGET * 100, angle=0, pen=pg.mkPen("#adb5bd", style=Qt.PenStyle.DashLine)
        )
        self.compliance_chart.addItem(target)
        charts = QWidget(self)
        charts_layout = QHBoxLayout(charts)
        charts_layout.setContentsMargins(0, 0, 0, 0)
        charts_layout.addWidget(self.chart, 3)
        charts_layout.addWidget(self.compliance_chart, 2)
        self.forecasts = RecordTableModel(forecast_columns(), self)
        self.forecast_view = record_table(self, "breach_forecast", self.forecasts)
        self.forecast_title = QLabel(self.tr("Predicted to breach"), self)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.forecast_title)
        lower_layout.addWidget(self.forecast_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.kpi_view)
        splitter.addWidget(charts)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.load)
        self._changes = QTimer(self)
        self._changes.setSingleShot(True)
        self._changes.setInterval(CHANGES_DELAY_MS)
        self._changes.timeout.connect(self.load)
        self.period.currentIndexChanged.connect(self._on_period)
        self.group.currentIndexChanged.connect(self.load)
        self.forecast_view.clicked.connect(self._on_forecast)
        feed.changed.connect(self._on_changes)

    def start(self) -> None:
        self.load()
        self._timer.start()

    def shutdown(self) -> None:
        self._timer.stop()
        self._changes.stop()

    def bounds(self) -> tuple[datetime, datetime]:
        """The chosen period as [start, end) in UTC, local days in the board's time zone."""
        kind = self.period.currentData()
        today = datetime.now(self.zone).date()
        if kind in ("today", "week"):
            return period_bounds(kind, today, FIELD_TIMEZONE)
        if kind == "30d":
            return period_bounds("today", today - timedelta(days=29), FIELD_TIMEZONE)[0], period_bounds(
                "today", today, FIELD_TIMEZONE
            )[1]
        first, last = (
            date(d.year(), d.month(), d.day()) for d in (self.date_from.date(), self.date_to.date())
        )
        return period_bounds("today", first, FIELD_TIMEZONE)[0], period_bounds("today", last, FIELD_TIMEZONE)[
            1
        ]

    def _on_period(self) -> None:
        custom = self.period.currentData() == "custom"
        self.date_from.setVisible(custom)
        self.date_to.setVisible(custom)
        self.load()

    def load(self) -> None:
        self._generation += 1
        generation, db, by = self._generation, self.db, self.group.currentData()
        start, end = self.bounds()
        if end <= start:
            self.status.setText(self.tr("The period ends before it starts."))
            return
        step: Literal["day", "week"] = "day" if end - start <= timedelta(days=62) else "week"
        self.status.setText(self.tr("Computing…"))

        def work() -> tuple[int, list[KpiRow], list[KpiPoint], list[BreachForecast]]:
            return (
                generation,
                kpi_table(db, start=start, end=end, by=by),
                kpi_series(db, start=start, end=end, step=step, tz=FIELD_TIMEZONE),
                predicted_breaches(db),
            )

        run_in_background(work, self._on_loaded)

    def _on_loaded(self, result: tuple[int, list[KpiRow], list[KpiPoint], list[BreachForecast]]) -> None:
        generation, rows, points, forecasts = result
        if generation != self._generation:
            return
        self.kpis.set_rows(rows)
        self.forecasts.set_rows(forecasts)
        late = sum(1 for f in forecasts if f.slack.total_seconds() < 0)
        self.forecast_title.setText(
            self.tr("Predicted to breach: %1 of %2 at risk")
            .replace("%1", str(late))
            .replace("%2", str(len(forecasts)))
        )
        width = (points[0].end - points[0].start).total_seconds() * 0.4 if points else 1
        self.opened_bars.setOpts(
            x=[p.start.timestamp() + width / 2 for p in points],
            height=[p.opened for p in points],
            width=width,
        )
        self.resolved_bars.setOpts(
            x=[p.start.timestamp() + width * 1.5 for p in points],
            height=[p.resolved for p in points],
            width=width,
        )
        measured = [p for p in points if p.resolution.share_met is not None]
        self.compliance_curve.setData(
            x=[p.start.timestamp() + width for p in measured],
            y=[(p.resolution.share_met or 0.0) * 100 for p in measured],
        )
        if points:
            self.compliance_chart.setXRange(
                points[0].start.timestamp(), points[-1].end.timestamp(), padding=0.02
            )
            self.chart.setXRange(points[0].start.timestamp(), points[-1].end.timestamp(), padding=0.02)
            self.chart.setYRange(
                0, max([p.opened for p in points] + [p.resolved for p in points] + [1]) * 1.1
            )
        self.status.setText(self.tr("Updated %1").replace("%1", clock_text(datetime.now(UTC).astimezone())))
        self.loaded.emit()

    def _on_forecast(self, index: QModelIndex) -> None:
        forecast: BreachForecast = self.forecasts.record(index.row())
        self.selection.select_ticket(forecast.ticket_id)

    def _on_changes(self, by_entity: dict[str, set[int]], _changes: list[object]) -> None:
        if {"tickets", "visits"} & by_entity.keys() and not self._changes.isActive():
            self._changes.start()
