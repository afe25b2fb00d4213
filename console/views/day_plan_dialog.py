"""Optimise a team's day: the solver's proposal beside the current plan, applied only on confirmation.

The search runs on the thread pool with a progress bar and a Cancel button (which keeps the best plan
found so far); the dialog is not modal, so the console stays in use meanwhile. The figures of both
plans (kilometres, visits, predicted breaches, overtime) are compared row by row, the visits the
proposal adds or moves are listed, and so are the tickets it cannot place, with the reason. Apply
saves every change in one transaction through `day_plan.apply_day_plan`; a plan changed meanwhile is
refused whole and says why.
"""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.services.day_plan import (
    AppliedPlan,
    DayPlanProposal,
    PlannedVisit,
    apply_day_plan,
    propose_day_plan,
)
from console.services.field_zone import FIELD_TIMEZONE
from console.services.pick_lists import team_names
from console.services.visit_planning import VisitRefused
from console.store.database import Database
from console.views.background import run_in_background
from console.views.equipment_tab import record_table
from console.views.errors_text import error_text, notice_text
from console.views.labels import clock_text
from console.views.record_model import ALARM_COLOUR, GOOD_COLOUR, Column, RecordTableModel

DEFAULT_SECONDS = 20


class _Signals(QObject):
    progress = Signal(float)
    done = Signal(object)
    failed = Signal(object)


class _Search(QRunnable):
    """One optimiser run on the pool; `stop` ends it early with the best plan so far."""

    def __init__(self, work: Any, signals: _Signals, stop: threading.Event) -> None:
        super().__init__()
        self.work = work
        self.signals = signals
        self.stop = stop

    def run(self) -> None:
        try:
            result = self.work(self.stop.is_set, self.signals.progress.emit)
        except Exception as exc:  # handed to the GUI thread, where it is shown
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class Figure(NamedTuple):
    """One row of the comparison: what is measured, now, proposed, and whether lower is better."""

    name: str
    current: float
    proposed: float
    unit: str


class Change(NamedTuple):
    visit: PlannedVisit
    before: PlannedVisit | None


class DayPlanDialog(QDialog):
    applied = Signal(object)
    """The AppliedPlan, after the proposal was saved."""

    def __init__(
        self,
        db: Database,
        *,
        user_id: int | None = None,
        day: date | None = None,
        team: str | None = None,
        clock: Any = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("day_plan_dialog")
        self.setWindowTitle(self.tr("Optimise a day plan"))
        self.setModal(False)
        self.db = db
        self.user_id = user_id
        self.zone = ZoneInfo(FIELD_TIMEZONE)
        self.clock = clock or (lambda: datetime.now(UTC))
        self.proposal: DayPlanProposal | None = None
        self._wanted_team = team
        self.names: dict[int, str] = {}
        self._stop = threading.Event()
        self._signals: _Signals | None = None

        chosen = day or self.clock().astimezone(self.zone).date()
        self.day = QDateEdit(QDate(chosen.year, chosen.month, chosen.day), self)
        self.day.setObjectName("plan_day")
        self.day.setCalendarPopup(True)
        self.team = QComboBox(self)
        self.team.setObjectName("plan_team")
        self.seconds = QSpinBox(self)
        self.seconds.setObjectName("plan_seconds")
        self.seconds.setRange(1, 600)
        self.seconds.setValue(DEFAULT_SECONDS)
        self.seconds.setSuffix(self.tr(" s"))
        self.optimise_button = QPushButton(self.tr("&Optimise"))
        self.optimise_button.setObjectName("optimise")
        self.optimise_button.setEnabled(False)
        self.optimise_button.clicked.connect(self.optimise)
        self.cancel_button = QPushButton(self.tr("&Cancel the search"))
        self.cancel_button.setObjectName("cancel_search")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("plan_progress")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Day")))
        controls.addWidget(self.day)
        controls.addWidget(QLabel(self.tr("Team")))
        controls.addWidget(self.team)
        controls.addWidget(QLabel(self.tr("Search for")))
        controls.addWidget(self.seconds)
        controls.addWidget(self.optimise_button)
        controls.addWidget(self.cancel_button)
        controls.addWidget(self.progress, 1)

        self.figures = RecordTableModel(self._figure_columns(), self)
        self.changes = RecordTableModel(self._change_columns(), self)
        self.unplaced = RecordTableModel(
            [
                Column(self.tr("Ticket"), lambda u: u.number),
                Column(self.tr("Why it is not planned"), lambda u: notice_text(u.notice, "day_plan")),
            ],
            self,
        )
        tabs = QTabWidget(self)
        self.changes_table = record_table(self, "plan_changes", self.changes)
        self.unplaced_table = record_table(self, "plan_unplaced", self.unplaced)
        tabs.addTab(self.changes_table, self.tr("Changes"))
        tabs.addTab(self.unplaced_table, self.tr("Not planned"))
        self.tabs = tabs
        self.summary = QLabel(
            self.tr("Choose a day and a team, then Optimise. Nothing is saved until you apply.")
        )
        self.summary.setObjectName("plan_summary")
        self.summary.setWordWrap(True)
        self.apply_button = QPushButton(self.tr("&Apply the proposal"))
        self.apply_button.setObjectName("apply_plan")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.confirm_apply)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.apply_button)
        actions.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        figures_table = record_table(self, "plan_figures", self.figures)
        rows = figures_table.verticalHeader().defaultSectionSize()
        figures_table.setFixedHeight(figures_table.horizontalHeader().sizeHint().height() + 4 * rows + 4)
        layout.addWidget(figures_table)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.summary)
        layout.addLayout(actions)
        self.resize(900, 600)
        db_ref = self.db
        run_in_background(lambda: team_names(db_ref), self._on_teams)

    # Columns ------------------------------------------------------------------------------------------

    def _figure_columns(self) -> list[Column]:
        def change(f: Figure) -> str:
            delta = f.proposed - f.current
            return "0" if abs(delta) < 0.05 else f"{delta:+.1f}".rstrip("0").rstrip(".")

        def colour(f: Figure) -> Any:
            if abs(f.proposed - f.current) < 0.05:
                return None
            better = f.proposed > f.current if f.unit == "more" else f.proposed < f.current
            return GOOD_COLOUR if better else ALARM_COLOUR

        def number(value: float) -> str:
            return f"{value:.1f}".rstrip("0").rstrip(".")

        return [
            Column(self.tr("Figure"), lambda f: f.name),
            Column(self.tr("Current plan"), lambda f: number(f.current), numeric=True),
            Column(self.tr("Proposal"), lambda f: number(f.proposed), numeric=True),
            Column(self.tr("Change"), change, colour=colour, numeric=True),
        ]

    def _change_columns(self) -> list[Column]:
        def who(c: Change) -> str:
            now = self.names.get(c.visit.technician_id, "?")
            if c.before is None or c.before.technician_id == c.visit.technician_id:
                return now
            return f"{self.names.get(c.before.technician_id, '?')} → {now}"

        def when(c: Change) -> str:
            start, end = c.visit.start.astimezone(self.zone), c.visit.end.astimezone(self.zone)
            text = f"{clock_text(start)}–{clock_text(end)}"
            if c.before is not None:
                text = f"{clock_text(c.before.start.astimezone(self.zone))} → {text}"
            return text

        return [
            Column(self.tr("Ticket"), lambda c: c.visit.number),
            Column(self.tr("Client"), lambda c: c.visit.client),
            Column(
                self.tr("Change"), lambda c: self.tr("new visit") if c.before is None else self.tr("moved")
            ),
            Column(self.tr("Technician"), who),
            Column(self.tr("Time"), when),
            Column(
                self.tr("Deadline"),
                lambda c: self.tr("missed") if c.visit.late else self.tr("in time"),
                colour=lambda c: ALARM_COLOUR if c.visit.late else GOOD_COLOUR,
            ),
        ]

    # Running ------------------------------------------------------------------------------------------

    def _on_teams(self, teams: list[str]) -> None:
        """List the teams, the wanted one chosen. A day is optimised per team: a dispatcher plans a
        district, and the whole city at once (120 technicians, 130 skill mixes) is beyond what the
        solver handles in the time a dispatcher waits."""
        for team in teams:
            self.team.addItem(team, team)
            if team == self._wanted_team:
                self.team.setCurrentIndex(self.team.count() - 1)
        self.optimise_button.setEnabled(bool(teams))

    def chosen_day(self) -> date:
        value = self.day.date()
        return date(value.year(), value.month(), value.day())

    def optimise(self) -> None:
        """Start a search with the chosen day, team and time; the dialog stays responsive."""
        self.proposal = None
        self.apply_button.setEnabled(False)
        self.optimise_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.summary.setStyleSheet("")
        self.summary.setText(self.tr("Searching…"))
        self._stop = threading.Event()
        signals = _Signals()
        signals.progress.connect(self._on_progress)
        signals.done.connect(self._on_proposal)
        signals.failed.connect(self._on_failed)
        self._signals = signals
        db, day, team, seconds, now = (
            self.db,
            self.chosen_day(),
            self.team.currentData(),
            self.seconds.value(),
            self.clock(),
        )

        def work(should_stop: Any, progress: Any) -> DayPlanProposal:
            return propose_day_plan(
                db,
                day,
                team=team,
                seconds=seconds,
                now=now,
                tz=FIELD_TIMEZONE,
                should_stop=should_stop,
                progress=progress,
            )

        QThreadPool.globalInstance().start(_Search(work, signals, self._stop))

    def cancel(self) -> None:
        """Stop the search; the best plan found so far is still shown."""
        self._stop.set()
        self.cancel_button.setEnabled(False)

    def _on_progress(self, fraction: float) -> None:
        self.progress.setValue(round(fraction * 100))

    def _on_failed(self, exc: BaseException) -> None:
        self._finished()
        self._say(False, error_text(exc))

    def _finished(self) -> None:
        self.optimise_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _on_proposal(self, proposal: DayPlanProposal) -> None:
        self._finished()
        self.progress.setValue(100)
        self.show_proposal(proposal)

    def show_proposal(self, proposal: DayPlanProposal) -> None:
        self.proposal = proposal
        self.names = {t.id: t.name for t in proposal.technicians}
        now, then = proposal.current_figures, proposal.proposed_figures
        self.figures.set_rows(
            [
                Figure(self.tr("Travel, km"), now.travel_km, then.travel_km, "less"),
                Figure(self.tr("Visits planned"), now.visits, then.visits, "more"),
                Figure(self.tr("Predicted SLA breaches"), now.breaches, then.breaches, "less"),
                Figure(self.tr("Overtime, min"), now.overtime_minutes, then.overtime_minutes, "less"),
            ]
        )
        before = {v.visit_id: v for v in proposal.current if v.visit_id is not None}
        self.changes.set_rows(
            [Change(v, before.get(v.visit_id) if v.visit_id is not None else None) for v in proposal.changes]
        )
        self.unplaced.set_rows(list(proposal.unplaced))
        self.tabs.setTabText(1, self.tr("Not planned (%1)").replace("%1", str(len(proposal.unplaced))))
        self.tabs.setTabText(0, self.tr("Changes (%1)").replace("%1", str(len(proposal.changes))))
        if not proposal.technicians:
            self._say(False, self.tr("Nobody of this team is on shift that day."))
        elif proposal.problems:
            self._say(
                False,
                self.tr("The proposal breaks the rules and cannot be applied:")
                + "\n"
                + "\n".join(proposal.problems),
            )
        else:
            text = (
                self.tr("%1 changes proposed after %2 s of search.")
                .replace("%1", str(len(proposal.changes)))
                .replace("%2", f"{proposal.seconds:.0f}")
            )
            if proposal.cancelled:
                text += " " + self.tr("The search was cancelled: this is the best plan found until then.")
            self._say(True, text)
        self.apply_button.setEnabled(bool(proposal.changes) and not proposal.problems)

    # Applying -----------------------------------------------------------------------------------------

    def confirm_apply(self) -> None:
        if self.proposal is None:
            return
        count = len(self.proposal.changes)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Apply the proposal"),
            self.tr(
                "Save %1 new and moved visits? Technicians and tickets are reassigned accordingly."
            ).replace("%1", str(count)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("confirm_apply")
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(lambda clicked: self.apply() if clicked is yes else None)
        box.open()

    def apply(self) -> None:
        """Save the proposal (all or nothing); a plan changed meanwhile is refused with the reason."""
        if self.proposal is None:
            return
        proposal, db, user, now = self.proposal, self.db, self.user_id, self.clock()
        self.apply_button.setEnabled(False)
        self._say(True, self.tr("Saving…"))
        run_in_background(
            lambda: apply_day_plan(db, proposal, user_id=user, now=now), self._on_applied, self._on_refused
        )

    def _on_applied(self, result: AppliedPlan) -> None:
        self._say(
            True,
            self.tr("Saved: %1 visits moved, %2 new.")
            .replace("%1", str(result.moved))
            .replace("%2", str(result.created)),
        )
        self.proposal = None
        self.applied.emit(result)

    def _on_refused(self, exc: BaseException) -> None:
        if isinstance(exc, VisitRefused):
            text = "\n".join(f"✖ {notice_text(n, 'planning')}" for n in exc.refusals)
        else:
            text = "✖ " + error_text(exc)
        self._say(
            False, text + "\n" + self.tr("Nothing was saved; optimise again to plan around the change.")
        )

    def _say(self, good: bool, text: str) -> None:
        self.summary.setStyleSheet("color: #15803d;" if good else "color: #b91c1c;")
        self.summary.setText(text)

    def closeEvent(self, event: Any) -> None:
        self._stop.set()
        super().closeEvent(event)
