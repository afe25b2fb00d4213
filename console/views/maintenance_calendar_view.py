"""The maintenance calendar window: a month or a week of planned jobs, coloured by state, with overloads.

Each day shows how many jobs it has in each state and, in red, the skills whose planned work that
day exceeds their technicians' shift time. Selecting a day lists its jobs and every skill's load
beside it; a double click on a job selects that ticket in the whole console.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
)
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.models.base import utcnow
from console.services.field_zone import FIELD_TIMEZONE
from console.services.maintenance_calendar import (
    JOB_STATES,
    CalendarDay,
    CalendarJob,
    MaintenanceCalendar,
    SkillLoad,
    load_calendar,
)
from console.store.database import Database
from console.views.background import run_in_background
from console.views.labels import clock_text, day_text, long_day_text, number_text, percent_text, status_label
from console.views.record_model import ALARM_COLOUR, Column, RecordTableModel
from console.views.selection import Selection

DAY_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_COLOURS = {
    "unassigned": QColor("#6b7280"),
    "assigned": QColor("#2563eb"),
    "in_progress": QColor("#d97706"),
    "done": QColor("#15803d"),
    "overdue": QColor("#b91c1c"),
    "cancelled": QColor("#9ca3af"),
}
ModelIndex = QModelIndex | QPersistentModelIndex
W = TypeVar("W", bound=QWidget)


FIELD_ZONE = ZoneInfo(FIELD_TIMEZONE)


def local_time(moment: datetime) -> str:
    """A job's start as the field team reads it."""
    return clock_text(moment.astimezone(FIELD_ZONE))


def state_label(state: str) -> str:
    return {
        "unassigned": QCoreApplication.translate("maintenance", "unassigned"),
        "assigned": QCoreApplication.translate("maintenance", "assigned"),
        "in_progress": QCoreApplication.translate("maintenance", "in progress"),
        "done": QCoreApplication.translate("maintenance", "done"),
        "overdue": QCoreApplication.translate("maintenance", "overdue"),
        "cancelled": QCoreApplication.translate("maintenance", "cancelled"),
    }.get(state, state)


def load_text(load: SkillLoad) -> str:
    return QCoreApplication.translate("maintenance", "{skill} {planned}/{capacity} h").format(
        skill=load.skill,
        planned=number_text(load.planned_minutes / 60),
        capacity=number_text(load.capacity_minutes / 60),
    )


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


class CalendarModel(QAbstractTableModel):
    """Weeks as rows, Monday to Sunday as columns; each cell holds its CalendarDay."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._first = date.today()
        self._weeks = 0
        self._calendar: MaintenanceCalendar | None = None
        self.month: int | None = None

    def show(self, first: date, weeks: int, month: int | None, calendar: MaintenanceCalendar | None) -> None:
        self.beginResetModel()
        self._first, self._weeks, self.month, self._calendar = first, weeks, month, calendar
        self.endResetModel()

    def day_at(self, index: ModelIndex) -> date:
        return self._first + timedelta(days=index.row() * 7 + index.column())

    def index_of(self, day: date) -> QModelIndex:
        offset = (day - self._first).days
        if not 0 <= offset < self._weeks * 7:
            return QModelIndex()
        return self.index(offset // 7, offset % 7)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._weeks

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return QLocale().dayName(section + 1, QLocale.FormatType.ShortFormat)
        return (self._first + timedelta(days=7 * section)).isocalendar().week

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        day = self.day_at(index)
        entry = self._calendar.day(day) if self._calendar is not None else CalendarDay(day)
        if role == DAY_ROLE:
            return entry
        if role == Qt.ItemDataRole.DisplayRole:
            return str(day.day)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{state_label(s)}: {n}" for s, n in entry.counts.items()]
            lines += [load_text(load) for load in entry.loads]
            return "\n".join(lines) or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{day_text(day)}: " + ", ".join(f"{state_label(s)} {n}" for s, n in entry.counts.items())
        return None


class DayDelegate(QStyledItemDelegate):
    """Paints a day: its number, a coloured count per job state, and its overloaded skills in red."""

    def __init__(self, model: CalendarModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.week_mode = False

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        entry: CalendarDay = index.data(DAY_ROLE)
        painter.save()
        rect: QRect = option.rect
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        background = palette.highlight() if selected else palette.base()
        painter.fillRect(rect, background)
        outside = self._model.month is not None and entry.day.month != self._model.month
        text_colour = palette.highlightedText().color() if selected else palette.text().color()
        if outside:
            text_colour = QColor("#9ca3af")
        painter.setPen(text_colour)
        inner = rect.adjusted(4, 2, -4, -2)
        font = painter.font()
        font.setBold(entry.day == date.today())
        painter.setFont(font)
        painter.drawText(inner, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft, str(entry.day.day))
        font.setBold(False)
        painter.setFont(font)
        line = painter.fontMetrics().height()
        y = inner.top() + line
        counts = entry.counts
        x = inner.left()
        for state in JOB_STATES:
            if state not in counts:
                continue
            text = str(counts[state])
            width = painter.fontMetrics().horizontalAdvance(text) + 8
            if x + width > inner.right():
                x = inner.left()
                y += line + 2
            chip = QRect(x, y, width, line)
            painter.fillRect(chip, STATE_COLOURS[state])
            painter.setPen(QColor("white"))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)
            x += width + 3
        y += line + 4
        painter.setPen(ALARM_COLOUR if not selected else text_colour)
        for load in entry.overloaded:
            if y + line > inner.bottom():
                break
            text = painter.fontMetrics().elidedText(
                load_text(load), Qt.TextElideMode.ElideRight, inner.width()
            )
            painter.drawText(QRect(inner.left(), y, inner.width(), line), Qt.AlignmentFlag.AlignLeft, text)
            y += line
        if self.week_mode:
            for job in entry.jobs:
                if y + line > inner.bottom():
                    break
                painter.setPen(text_colour if selected else STATE_COLOURS.get(job.state, text_colour))
                local = local_time(job.planned_for)
                painter.drawText(
                    QRect(inner.left(), y, inner.width(), line),
                    Qt.AlignmentFlag.AlignLeft,
                    f"{local} {job.title}",
                )
                y += line
        painter.restore()


class MaintenanceCalendarView(QWidget):
    """Month or week of maintenance jobs with the selected day's jobs and loads beside it."""

    def __init__(
        self,
        db: Database,
        selection: Selection | None = None,
        *,
        clock: Callable[[], datetime] = utcnow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("maintenance_calendar")
        self.setWindowTitle(self.tr("Maintenance calendar"))
        self._db = db
        self._selection = selection
        self._clock = clock
        self._anchor = clock().date()
        self._week = False
        self._pending = 0

        self.title = _named(QLabel(), "calendar_title")
        previous = _named(QPushButton(self.tr("\u25c0 Previous")), "calendar_previous")
        today = _named(QPushButton(self.tr("Today")), "calendar_today")
        following = _named(QPushButton(self.tr("Next \u25b6")), "calendar_next")
        self.month_button = _named(QPushButton(self.tr("Month")), "calendar_month")
        self.month_button.setCheckable(True)
        self.month_button.setChecked(True)
        self.week_button = _named(QPushButton(self.tr("Week")), "calendar_week")
        self.week_button.setCheckable(True)
        modes = QButtonGroup(self)
        modes.addButton(self.month_button)
        modes.addButton(self.week_button)
        previous.clicked.connect(lambda: self._step(-1))
        following.clicked.connect(lambda: self._step(1))
        today.clicked.connect(self._go_today)
        self.month_button.clicked.connect(lambda: self.set_week_mode(False))
        self.week_button.clicked.connect(lambda: self.set_week_mode(True))
        bar = QHBoxLayout()
        for widget in (previous, today, following):
            bar.addWidget(widget)
        bar.addSpacing(12)
        bar.addWidget(self.title, 1)
        bar.addWidget(self.month_button)
        bar.addWidget(self.week_button)

        legend = QHBoxLayout()
        for state in JOB_STATES:
            swatch = QLabel(state_label(state))
            swatch.setStyleSheet(
                f"color: white; background: {STATE_COLOURS[state].name()}; padding: 1px 6px;"
            )
            legend.addWidget(swatch)
        legend.addStretch(1)

        self.model = CalendarModel(self)
        self.grid = _named(QTableView(), "calendar_grid")
        self.grid.setModel(self.model)
        self.delegate = DayDelegate(self.model, self.grid)
        self.grid.setItemDelegate(self.delegate)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.selectionModel().currentChanged.connect(lambda current, _previous: self._show_day(current))

        self.day_title = _named(QLabel(), "day_title")
        self.jobs = RecordTableModel(
            [
                Column(self.tr("Time"), lambda j: local_time(j.planned_for)),
                Column(self.tr("Number"), lambda j: j.number),
                Column(self.tr("Job"), lambda j: j.title),
                Column(self.tr("Skill"), lambda j: j.skill),
                Column(
                    self.tr("State"),
                    lambda j: state_label(j.state),
                    colour=lambda j: STATE_COLOURS.get(j.state),
                ),
                Column(self.tr("Status"), lambda j: status_label(j.status)),
                Column(self.tr("Technician"), lambda j: j.technician or "\u2014"),
                Column(self.tr("Minutes"), lambda j: str(j.minutes), numeric=True),
            ],
            self,
        )
        self.job_view = _named(QTableView(), "day_jobs")
        self.job_view.setModel(self.jobs)
        self.job_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.job_view.horizontalHeader().setStretchLastSection(True)
        self.job_view.doubleClicked.connect(self._open_job)
        self.loads = RecordTableModel(
            [
                Column(self.tr("Skill"), lambda load: load.skill),
                Column(
                    self.tr("Planned, h"),
                    lambda load: number_text(load.planned_minutes / 60, 1),
                    numeric=True,
                ),
                Column(
                    self.tr("Shift time, h"),
                    lambda load: number_text(load.capacity_minutes / 60, 1),
                    numeric=True,
                ),
                Column(
                    self.tr("Load"),
                    lambda load: "\u221e" if load.share == float("inf") else percent_text(load.share),
                    colour=lambda load: ALARM_COLOUR if load.overloaded else None,
                    bold=lambda load: load.overloaded,
                    numeric=True,
                ),
            ],
            self,
        )
        self.load_view = _named(QTableView(), "day_loads")
        self.load_view.setModel(self.loads)
        self.load_view.horizontalHeader().setStretchLastSection(True)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.day_title)
        side_layout.addWidget(self.job_view, 3)
        side_layout.addWidget(QLabel(self.tr("Load per skill")))
        side_layout.addWidget(self.load_view, 1)
        self.status = _named(QLabel(), "calendar_status")

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.grid)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(legend)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        self.calendar: MaintenanceCalendar | None = None
        self.reload()

    def set_week_mode(self, week: bool) -> None:
        self._week = week
        self.delegate.week_mode = week
        self.week_button.setChecked(week)
        self.month_button.setChecked(not week)
        self.reload()

    def show_date(self, day: date) -> None:
        self._anchor = day
        self.reload()

    def _step(self, direction: int) -> None:
        if self._week:
            self._anchor += timedelta(days=7 * direction)
        else:
            month = self._anchor.month - 1 + direction
            self._anchor = date(self._anchor.year + month // 12, month % 12 + 1, 1)
        self.reload()

    def _go_today(self) -> None:
        self.show_date(self._clock().date())

    def _range(self) -> tuple[date, int, int | None]:
        """First Monday shown, number of weeks, and the month shown (None in week mode)."""
        if self._week:
            return self._anchor - timedelta(days=self._anchor.weekday()), 1, None
        first_of_month = self._anchor.replace(day=1)
        start = first_of_month - timedelta(days=first_of_month.weekday())
        following = date(first_of_month.year + first_of_month.month // 12, first_of_month.month % 12 + 1, 1)
        weeks = ((following - start).days + 6) // 7
        return start, weeks, first_of_month.month

    def reload(self) -> None:
        first, weeks, month = self._range()
        last = first + timedelta(days=weeks * 7 - 1)
        if self._week:
            self.title.setText(
                self.tr("Week {week}, {first} \u2013 {last}").format(
                    week=first.isocalendar().week, first=day_text(first), last=day_text(last)
                )
            )
        else:
            self.title.setText(
                QLocale().toString(QDate(self._anchor.year, self._anchor.month, 1), "MMMM yyyy")
            )
        self.model.show(first, weeks, month, self.calendar if self._covers(first, last) else None)
        self.status.setText(self.tr("Loading\u2026"))
        self._pending += 1
        ticket = self._pending
        now = self._clock()
        run_in_background(
            lambda: load_calendar(self._db, first, last, now=now),
            lambda calendar: self._on_loaded(ticket, first, weeks, month, calendar),
            self._on_failed,
        )

    def _covers(self, first: date, last: date) -> bool:
        return self.calendar is not None and self.calendar.first <= first and last <= self.calendar.last

    def _on_loaded(
        self, ticket: int, first: date, weeks: int, month: int | None, calendar: MaintenanceCalendar
    ) -> None:
        if ticket != self._pending:
            return  # a later request is on its way
        self.calendar = calendar
        self.model.show(first, weeks, month, calendar)
        jobs = sum(len(day.jobs) for day in calendar.days.values())
        overloaded = sum(1 for day in calendar.days.values() if day.overloaded)
        self.status.setText(
            self.tr("{jobs} jobs; {days} days with a skill overloaded").format(jobs=jobs, days=overloaded)
        )
        target = (
            self.model.index_of(self._anchor)
            if self.model.index_of(self._anchor).isValid()
            else self.model.index(0, 0)
        )
        self.grid.setCurrentIndex(target)
        self._show_day(target)

    def _on_failed(self, error: BaseException) -> None:
        self.status.setText(self.tr("The calendar could not be loaded: {error}").format(error=error))

    def _show_day(self, index: ModelIndex) -> None:
        if not index.isValid():
            return
        entry: CalendarDay = index.data(DAY_ROLE)
        self.day_title.setText(
            self.tr("{day}: {count} jobs").format(day=long_day_text(entry.day), count=len(entry.jobs))
        )
        self.jobs.set_rows(entry.jobs)
        self.loads.set_rows(entry.loads)

    def _open_job(self, index: QModelIndex) -> None:
        job: CalendarJob = self.jobs.record(index.row())
        if self._selection is not None:
            self._selection.select_ticket(job.ticket_id)
