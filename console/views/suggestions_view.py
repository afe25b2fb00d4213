"""The suggested technicians for the selected ticket: ranked, explained, assigned with one key.

The list follows the selected ticket and is worked out off the GUI thread by
`suggestions.suggest_technicians` under the team's dispatch rules. Each row shows the slot the
technician could take, the drive, whether the SLA deadline holds, today's load and, in a line, why
they stand there; the selected row's reasons are listed in full with their points. Enter (or the
Assign button) plans the row's slot through `visit_planning.plan_visit`, the same check as a drop on
the technician board; a refusal is shown under the list and nothing is saved. `clock` gives "now"
(the current time by default; tests set a fixed one).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from console.services.field_zone import FIELD_TIMEZONE
from console.services.suggestions import Reason, Suggestion, SuggestionList, suggest_technicians
from console.services.visit_planning import VisitRefused, plan_visit
from console.store.database import Database
from console.views.background import run_in_background
from console.views.equipment_tab import record_table
from console.views.errors_text import error_text, notice_text, translated
from console.views.feed_bridge import FeedBridge
from console.views.labels import clock_text, day_text, percent_text
from console.views.record_model import ALARM_COLOUR, GOOD_COLOUR, Column, RecordTableModel
from console.views.selection import Selection

REFRESH_DELAY_MS = 500
MUTED = QColor("#6b7280")


class Ranked(NamedTuple):
    """A suggestion and its place in the list (1 for the best)."""

    place: int
    suggestion: Suggestion


def reason_text(reason: Reason) -> str:
    """A reason in the user's language."""
    return translated("dispatch", reason.template, reason.params)


def _points(reason: Reason) -> str:
    return f"{reason.points:+.0f}" if reason.points not in (0, float("inf")) else ""


class SuggestionsPanel(QWidget):
    assigned = Signal(int)
    """The id of the visit planned from the list."""

    def __init__(
        self,
        db: Database,
        feed: FeedBridge,
        selection: Selection,
        *,
        user_id: int | None = None,
        clock: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("suggestions")
        self.clock = clock or (lambda: datetime.now(UTC))
        self.db = db
        self.selection = selection
        self.user_id = user_id
        self.zone = ZoneInfo(FIELD_TIMEZONE)
        self.ticket_id: int | None = None
        self.result: SuggestionList | None = None
        self._generation = 0
        self._planned_text = ""
        self.title = QLabel(self.tr("Select a ticket to see who should take it."))
        self.title.setObjectName("suggestions_title")
        self.title.setWordWrap(True)
        self.model = RecordTableModel(self._columns(), self)
        self.table = record_table(self, "suggestions_table", self.model)
        self.table.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(self._show_reasons)
        self.table.doubleClicked.connect(self._show_on_map)
        self.reasons = QLabel()
        self.reasons.setObjectName("suggestion_reasons")
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.PlainText)
        self.message = QLabel()
        self.message.setObjectName("suggestion_message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.assign_button = QPushButton(self.tr("&Assign (Enter)"))
        self.assign_button.setObjectName("assign_suggestion")
        self.assign_button.setEnabled(False)
        self.assign_button.clicked.connect(self.assign_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.assign_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reasons)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(REFRESH_DELAY_MS)
        self._refresh.timeout.connect(self.load)
        selection.ticket_selected.connect(self.show_ticket)
        feed.changed.connect(self._on_changes)

    # Columns ---------------------------------------------------------------------------------------------

    def _columns(self) -> list[Column]:
        def s(row: Ranked) -> Suggestion:
            return row.suggestion

        return [
            Column(self.tr("#"), lambda r: str(r.place) if s(r).eligible else "—", numeric=True),
            Column(
                self.tr("Technician"),
                lambda r: s(r).name,
                bold=lambda r: r.place == 1 and s(r).eligible,
                colour=lambda r: None if s(r).eligible else MUTED,
            ),
            Column(self.tr("Score"), lambda r: f"{s(r).score:.0f}" if s(r).eligible else "—", numeric=True),
            Column(self.tr("Slot"), lambda r: self._slot_text(s(r))),
            Column(
                self.tr("Drive"),
                lambda r: (
                    "—"
                    if s(r).travel_minutes is None
                    else self.tr("%1 min").replace("%1", str(s(r).travel_minutes))
                ),
                numeric=True,
            ),
            Column(
                self.tr("Deadline"),
                lambda r: self._deadline_text(s(r)),
                colour=lambda r: self._deadline_colour(s(r)),
            ),
            Column(self.tr("Load today"), lambda r: percent_text(s(r).workload), numeric=True),
            Column(
                self.tr("Why"),
                lambda r: "; ".join(reason_text(x) for x in s(r).reasons if x.points or not s(r).eligible),
                colour=lambda r: None if s(r).eligible else MUTED,
                tooltip=lambda r: self._reasons_text(s(r)),
            ),
        ]

    def _local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def _slot_text(self, suggestion: Suggestion) -> str:
        if suggestion.start is None or suggestion.end is None:
            return "—"
        start, end = self._local(suggestion.start), self._local(suggestion.end)
        today = self.clock().astimezone(self.zone).date()
        day = "" if start.date() == today else day_text(start.date()) + " "
        return f"{day}{clock_text(start)}–{clock_text(end)}"

    def _deadline_text(self, suggestion: Suggestion) -> str:
        if not suggestion.eligible or self.result is None or self.result.deadline is None:
            return "—"
        if suggestion.late_minutes:
            return self.tr("late by %1 min").replace("%1", str(suggestion.late_minutes))
        return self.tr("in time")

    def _deadline_colour(self, suggestion: Suggestion) -> QColor | None:
        if not suggestion.eligible or self.result is None or self.result.deadline is None:
            return None
        return ALARM_COLOUR if suggestion.late_minutes else GOOD_COLOUR

    def _reasons_text(self, suggestion: Suggestion) -> str:
        lines = []
        for reason in suggestion.reasons:
            points = _points(reason)
            lines.append(
                f"{points:>5}  {reason_text(reason)}" if points else f"{'':>5}  {reason_text(reason)}"
            )
        return "\n".join(lines)

    # Loading ---------------------------------------------------------------------------------------------

    def show_ticket(self, ticket_id: int) -> None:
        if ticket_id != self.ticket_id:
            self.message.clear()
        self.ticket_id = ticket_id
        self.load()

    def load(self) -> None:
        if self.ticket_id is None:
            return
        self._generation += 1
        generation, db, ticket_id, now = self._generation, self.db, self.ticket_id, self.clock()
        run_in_background(
            lambda: (generation, suggest_technicians(db, ticket_id, now=now, tz=FIELD_TIMEZONE)),
            self._on_loaded,
            self._on_failed,
        )

    def _on_loaded(self, answer: tuple[int, SuggestionList]) -> None:
        generation, result = answer
        if generation != self._generation:
            return
        self.show_result(result)

    def _on_failed(self, exc: BaseException) -> None:
        self._say(False, error_text(exc))

    def show_result(self, result: SuggestionList) -> None:
        """Show a ranked list, keeping the selected technician selected when they are still listed."""
        kept = self.current()
        self.result = result
        self.title.setText(self._title(result))
        rows = [Ranked(place, s) for place, s in enumerate(result.suggestions, 1)]
        self.model.set_rows(rows)
        if rows:
            wanted = next(
                (
                    i
                    for i, r in enumerate(rows)
                    if kept is not None and r.suggestion.technician_id == kept.technician_id
                ),
                0,
            )
            self.table.selectRow(wanted)
        else:
            self.reasons.clear()
        self.assign_button.setEnabled(bool(rows) and rows[0].suggestion.eligible)

    def _title(self, result: SuggestionList) -> str:
        if result.closed:
            return self.tr("Ticket %1 is closed: it needs no technician.").replace("%1", result.number)
        parts = [self.tr("Ticket %1").replace("%1", result.number)]
        if result.skill:
            parts.append(self.tr("needs %1").replace("%1", result.skill))
        if result.deadline is not None:
            local = self._local(result.deadline)
            deadline = f"{day_text(local.date())} {clock_text(local)}"
            parts.append(
                (
                    self.tr("arrival by %1")
                    if result.deadline_kind == "arrival"
                    else self.tr("resolved by %1")
                ).replace("%1", deadline)
            )
        eligible = sum(1 for s in result.suggestions if s.eligible)
        parts.append(self.tr("%1 can take it").replace("%1", str(eligible)))
        if result.lacking_skill:
            parts.append(self.tr("%1 lack the skill").replace("%1", str(result.lacking_skill)))
        return " · ".join(parts)

    def current(self) -> Suggestion | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row: Ranked = self.model.record(index.row())
        return row.suggestion

    def _show_reasons(self) -> None:
        suggestion = self.current()
        self.reasons.setText("" if suggestion is None else self._reasons_text(suggestion))
        self.assign_button.setEnabled(suggestion is not None and suggestion.eligible)

    def _show_on_map(self) -> None:
        suggestion = self.current()
        if suggestion is not None:
            self.selection.select_technician(suggestion.technician_id)

    # Assigning -------------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.assign_current()
            return True
        return super().eventFilter(watched, event)

    def assign_current(self) -> None:
        """Plan the selected suggestion's slot, checked like a drop on the technician board."""
        suggestion = self.current()
        if suggestion is None or self.ticket_id is None:
            return
        if not suggestion.eligible or suggestion.start is None or suggestion.end is None:
            self._say(False, "✖ " + "; ".join(reason_text(r) for r in suggestion.reasons))
            return
        db, ticket_id, user, now = self.db, self.ticket_id, self.user_id, self.clock()
        technician, start, end = suggestion.technician_id, suggestion.start, suggestion.end
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Checking…"))
        self.assign_button.setEnabled(False)
        self._planned_text = (
            self.tr("Visit planned: %1, %2")
            .replace("%1", suggestion.name)
            .replace("%2", self._slot_text(suggestion))
        )
        run_in_background(
            lambda: plan_visit(
                db, ticket_id=ticket_id, technician_id=technician, start=start, end=end, user_id=user, now=now
            ),
            self._on_assigned,
            self._on_refused,
        )

    def _on_assigned(self, visit_id: int) -> None:
        self._say(True, "✔ " + self._planned_text)
        self.assigned.emit(visit_id)
        self.load()

    def _on_refused(self, exc: BaseException) -> None:
        if isinstance(exc, VisitRefused):
            text = "\n".join(f"✖ {notice_text(n, 'planning')}" for n in exc.refusals)
        else:
            text = "✖ " + error_text(exc)
        self._say(False, text)
        self._show_reasons()

    def _say(self, good: bool, text: str) -> None:
        self.message.setStyleSheet("color: #15803d;" if good else "color: #b91c1c;")
        self.message.setText(text)

    # Live ------------------------------------------------------------------------------------------------

    def _on_changes(self, by_entity: dict[str, set[int]], _changes: list[object]) -> None:
        if self.ticket_id is None:
            return
        if {"visits", "technicians"} & by_entity.keys() or self.ticket_id in by_entity.get("tickets", set()):
            self._refresh.start()
