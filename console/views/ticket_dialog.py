"""One ticket opened from a queue: edit it, assign it, move it through its workflow, tick its checklist.

Each button is one action and one transaction against the version the dialog shows. When another
dispatcher saved first, the save is refused; the dialog then shows what they changed, keeps what
this dispatcher typed, and takes the new version so that saving again applies the edits on top.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.models.base import PRIORITIES
from console.services.pick_lists import Choice
from console.services.ticket_card import TicketCard, differences, ticket_card
from console.services.tickets import (
    UNSET,
    InvalidTicket,
    TicketConflict,
    assign_technician,
    change_status,
    update_ticket,
)
from console.services.workflow import hand_off, set_checklist_item
from console.store.database import Database
from console.views.background import run_in_background
from console.views.errors_text import error_text
from console.views.labels import (
    category_label,
    date_time_format,
    moment_text,
    priority_label,
    sla_state_label,
    status_label,
)
from console.views.ticket_models import ChecklistModel, HistoryModel

ERROR_STYLE = "color: #c92a2a;"
CONFLICT_STYLE = "background: #fff3c4; color: #5c3c00; padding: 6px; border: 1px solid #e0b000;"


@dataclass(frozen=True, slots=True)
class _Edits:
    """What the dispatcher typed into the editable fields."""

    title: str
    description: str
    priority: str
    planned_for: datetime | None


class TicketDialog(QDialog):
    """`saved(ticket_id)` after every action that changed the ticket."""

    saved = Signal(int)
    shown = Signal()

    def __init__(
        self,
        db: Database,
        user_id: int | None,
        technicians: list[Choice],
        ticket_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ticket_dialog")
        self.setWindowTitle(self.tr("Ticket"))
        self.db = db
        self.user_id = user_id
        self.ticket_id = ticket_id
        self.card: TicketCard | None = None
        self.errors: dict[str, QLabel] = {}

        self.header = QLabel(self.tr("Loading..."), self)
        self.header.setObjectName("ticket_header")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.conflict = QLabel(self)
        self.conflict.setObjectName("ticket_conflict")
        self.conflict.setWordWrap(True)
        self.conflict.setStyleSheet(CONFLICT_STYLE)
        self.conflict.hide()

        self.title = QLineEdit(self)
        self.title.setObjectName("ticket_title")
        self.description = QPlainTextEdit(self)
        self.description.setObjectName("ticket_description")
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(100)
        self.priority = QComboBox(self)
        self.priority.setObjectName("ticket_priority")
        for priority in PRIORITIES:
            self.priority.addItem(priority_label(priority), priority)
        self.has_visit = QCheckBox(self.tr("Planned visit:"), self)
        self.has_visit.setObjectName("ticket_has_visit")
        self.planned_for = QDateTimeEdit(self)
        self.planned_for.setObjectName("ticket_planned_for")
        self.planned_for.setCalendarPopup(True)
        self.planned_for.setDisplayFormat(date_time_format())
        self.planned_for.setEnabled(False)
        self.has_visit.toggled.connect(self.planned_for.setEnabled)
        self.save = QPushButton(self.tr("Save changes"), self)
        self.save.setObjectName("ticket_save")
        self.save.setToolTip(self.tr("Save the edited fields (Ctrl+S)"))
        self.save.clicked.connect(self.save_edits)

        self.technician = QComboBox(self)
        self.technician.setObjectName("ticket_technician")
        self.technician.setEditable(True)
        self.technician.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.technician.completer()
        assert completer is not None, "an editable combo box has a completer"
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.technician.addItem(self.tr("Unassigned"), None)
        for choice in technicians:
            self.technician.addItem(choice.name, choice.id)
        self.assign = QPushButton(self.tr("Assign"), self)
        self.assign.setObjectName("ticket_assign")
        self.assign.clicked.connect(self.assign_selected)

        self.status = QComboBox(self)
        self.status.setObjectName("ticket_status")
        self.handed_to = QLineEdit(self)
        self.handed_to.setObjectName("ticket_handed_to")
        self.handed_to.setPlaceholderText(self.tr("Department or contractor"))
        self.handed_to.hide()
        self.status_button = QPushButton(self.tr("Change status"), self)
        self.status_button.setObjectName("ticket_move")
        self.status_button.clicked.connect(self.change_status)
        self.status.currentIndexChanged.connect(self._on_status_choice)

        self.checklist = ChecklistModel(self)
        self.checklist.toggled.connect(self.tick)
        checklist_view = QListView(self)
        checklist_view.setObjectName("ticket_checklist")
        checklist_view.setModel(self.checklist)
        self.history = HistoryModel(self)
        history_view = QTableView(self)
        history_view.setObjectName("ticket_history")
        history_view.setModel(self.history)
        history_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        history_view.verticalHeader().setVisible(False)
        history_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        history_view.horizontalHeader().setStretchLastSection(True)

        details = QWidget(self)
        form = QFormLayout()
        details_layout = QVBoxLayout(details)
        details_layout.addLayout(form)
        details_layout.addStretch(1)
        self._row(form, self.tr("Title:"), self.title, "title")
        self._row(form, self.tr("Description:"), self.description, "description")
        self._row(form, self.tr("Priority:"), self.priority, "priority")
        visit = QHBoxLayout()
        visit.addWidget(self.has_visit)
        visit.addWidget(self.planned_for, 1)
        form.addRow(visit)
        self._error(form, "planned_for")
        form.addRow("", self.save)
        assign_row = QHBoxLayout()
        assign_row.addWidget(self.technician, 1)
        assign_row.addWidget(self.assign)
        form.addRow(self.tr("Technician:"), assign_row)
        self._error(form, "technician")
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.handed_to, 1)
        status_row.addWidget(self.status_button)
        form.addRow(self.tr("Next status:"), status_row)
        self._error(form, "status")
        self._error(form, "checklist")
        self.tabs = QTabWidget(self)
        self.tabs.addTab(details, self.tr("Ticket"))
        self.tabs.addTab(checklist_view, self.tr("Checklist"))
        self.tabs.addTab(history_view, self.tr("History"))
        self.form_error = QLabel(self)
        self.form_error.setObjectName("ticket_error")
        self.form_error.setStyleSheet(ERROR_STYLE)
        self.form_error.setWordWrap(True)
        self.form_error.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.conflict)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.form_error)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save_edits)
        QShortcut(QKeySequence("Ctrl+T"), self, self.focus_technician)
        QShortcut(QKeySequence("Ctrl+Shift+S"), self, self.focus_status)
        self.technician.lineEdit().returnPressed.connect(self.assign_selected)  # type: ignore[union-attr]
        self.resize(760, 640)
        self._set_enabled(False)
        self.reload()

    def _row(self, form: QFormLayout, text: str, field: QWidget, key: str) -> None:
        form.addRow(text, field)
        self._error(form, key)

    def _error(self, form: QFormLayout, key: str) -> None:
        label = QLabel(self)
        label.setObjectName(f"ticket_error_{key}")
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        self.errors[key] = label
        form.addRow("", label)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.save, self.assign, self.status_button):
            widget.setEnabled(enabled)

    def focus_technician(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.technician.setFocus()
        line = self.technician.lineEdit()
        if line is not None:
            line.selectAll()

    def focus_status(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.status.setFocus()

    # Loading ---------------------------------------------------------------------------------------

    def reload(self, *, keep_edits: bool = False) -> None:
        db, ticket_id = self.db, self.ticket_id
        run_in_background(
            lambda: ticket_card(db, ticket_id), lambda card: self._show(card, keep_edits), self._on_error
        )

    def _show(self, card: TicketCard, keep_edits: bool = False) -> None:
        """Show `card`; with `keep_edits`, fields the dispatcher changed keep what they typed."""
        edited = self._edited_fields() if keep_edits else set()
        self.card = card
        self.setWindowTitle(self.tr("Ticket %1").replace("%1", card.number))
        stage_due = (
            self.tr(", stage due %1").replace("%1", moment_text(card.stage_due_at))
            if card.stage_due_at
            else ""
        )
        handed = self.tr(", handed to %1").replace("%1", card.handed_to) if card.handed_to else ""
        lines = [
            f"{card.number} · {card.client} · {category_label(card.category)}",
            f"{card.site or ''} {('· ' + card.equipment) if card.equipment else ''}".strip(),
            self.tr("Status: %1%2%3")
            .replace("%1", status_label(card.status))
            .replace("%2", stage_due)
            .replace("%3", handed),
            self.tr("SLA: %1 · reaction %2 · arrival %3 · resolution %4")
            .replace("%1", sla_state_label(card.sla_state))
            .replace("%2", moment_text(card.reaction_due_at))
            .replace("%3", moment_text(card.arrival_due_at))
            .replace("%4", moment_text(card.resolution_due_at)),
        ]
        self.header.setText("\n".join(line for line in lines if line))
        if "title" not in edited:
            self.title.setText(card.title)
        if "description" not in edited:
            self.description.setPlainText(card.description)
        if "priority" not in edited:
            self.priority.setCurrentIndex(max(self.priority.findData(card.priority), 0))
        if "planned_for" not in edited:
            self.has_visit.setChecked(card.planned_for is not None)
            moment = card.planned_for or (datetime.now(UTC) + timedelta(hours=2)).replace(minute=0, second=0)
            self.planned_for.setDateTime(QDateTime.fromSecsSinceEpoch(int(moment.timestamp())))
        self.technician.setCurrentIndex(max(self.technician.findData(card.technician_id), 0))
        self.status.blockSignals(True)
        self.status.clear()
        for status in card.next_statuses:
            self.status.addItem(status_label(status), status)
        self.status.blockSignals(False)
        self._on_status_choice()
        self.checklist.set_items(card.checklist)
        self.history.set_entries(card.history)
        self._set_enabled(True)
        self.status_button.setEnabled(bool(card.next_statuses))
        self.shown.emit()

    def _edits(self) -> _Edits:
        planned = None
        if self.has_visit.isChecked():
            planned = datetime.fromtimestamp(self.planned_for.dateTime().toSecsSinceEpoch(), UTC)
        return _Edits(self.title.text(), self.description.toPlainText(), self.priority.currentData(), planned)

    def _edited_fields(self) -> set[str]:
        if self.card is None:
            return set()
        edits = self._edits()
        return {
            name
            for name in ("title", "description", "priority", "planned_for")
            if getattr(edits, name) != getattr(self.card, name)
        }

    def _on_status_choice(self) -> None:
        hand_offs = self.card.hand_off_statuses if self.card is not None else ()
        self.handed_to.setVisible(self.status.currentData() in hand_offs)

    # Actions ---------------------------------------------------------------------------------------

    def _run(self, key: str, work: Callable[[int], Any]) -> None:
        """Run one action against the shown version; refusals land next to the field `key`."""
        if self.card is None:
            return
        self._clear_errors()
        self._set_enabled(False)
        version = self.card.version
        run_in_background(lambda: work(version), self._on_saved, lambda exc: self._on_refused(key, exc))

    def save_edits(self) -> None:
        if self.card is None:
            return
        edits, card = self._edits(), self.card
        changes: dict[str, Any] = {
            name: getattr(edits, name) if getattr(edits, name) != getattr(card, name) else UNSET
            for name in ("title", "description", "priority", "planned_for")
        }
        if all(value is UNSET for value in changes.values()):
            return
        db, ticket_id, user_id = self.db, self.ticket_id, self.user_id
        self._run(
            "title",
            lambda version: update_ticket(
                db, ticket_id, expected_version=version, user_id=user_id, **changes
            ),
        )

    def assign_selected(self) -> None:
        if self.card is None:
            return
        technician_id = self.technician.currentData()
        if self.technician.currentText() != self.technician.itemText(self.technician.currentIndex()):
            self._refuse("technician", self.tr("Pick a technician from the list."))
            return
        if technician_id == self.card.technician_id:
            return
        db, ticket_id, user_id = self.db, self.ticket_id, self.user_id
        self._run(
            "technician",
            lambda version: assign_technician(
                db, ticket_id, technician_id, expected_version=version, user_id=user_id
            ),
        )

    def change_status(self) -> None:
        status = self.status.currentData()
        if self.card is None or status is None:
            return
        db, ticket_id, user_id = self.db, self.ticket_id, self.user_id
        if status in self.card.hand_off_statuses:
            to = self.handed_to.text()
            self._run(
                "status",
                lambda version: hand_off(db, ticket_id, to, expected_version=version, user_id=user_id),
            )
            return
        self._run(
            "status",
            lambda version: change_status(db, ticket_id, status, expected_version=version, user_id=user_id),
        )

    def tick(self, item_id: int, done: bool) -> None:
        db, ticket_id, user_id = self.db, self.ticket_id, self.user_id
        self._run(
            "checklist",
            lambda version: set_checklist_item(
                db, ticket_id, item_id, done, expected_version=version, user_id=user_id
            ),
        )

    def _on_saved(self, _version: int) -> None:
        self.conflict.hide()
        self.saved.emit(self.ticket_id)
        self.reload()

    def _on_refused(self, key: str, exc: BaseException) -> None:
        self._set_enabled(True)
        if isinstance(exc, TicketConflict):
            self._show_conflict(exc)
            return
        field = exc.field if isinstance(exc, InvalidTicket) else key
        self._refuse(field if field in self.errors else key, error_text(exc))

    def _show_conflict(self, exc: TicketConflict) -> None:
        """Say who changed what, then take their version while keeping this dispatcher's edits."""
        mine = self.card
        db, ticket_id = self.db, self.ticket_id

        def loaded(theirs: TicketCard) -> None:
            lines = [error_text(exc)]
            for entry in exc.changes:
                who = entry.user or self.tr("someone")
                lines.append(f"• {who}: {entry.field}: {entry.old or '—'} → {entry.new or '—'}")
            if mine is not None and not exc.changes:
                for name, before, after in differences(mine, theirs):
                    lines.append(f"• {name}: {before or '—'} → {after or '—'}")
            lines.append(self.tr("Your edits are kept; save again to apply them on top."))
            self.conflict.setText("\n".join(lines))
            self.conflict.show()
            self._show(theirs, keep_edits=True)

        run_in_background(lambda: ticket_card(db, ticket_id), loaded, self._on_error)

    def _clear_errors(self) -> None:
        for label in (*self.errors.values(), self.form_error):
            label.hide()

    def _refuse(self, key: str, text: str) -> None:
        label = self.errors.get(key, self.form_error)
        label.setText(text)
        label.show()

    def _on_error(self, exc: BaseException) -> None:
        self._set_enabled(self.card is not None)
        self.form_error.setText(error_text(exc))
        self.form_error.show()


def open_ticket(
    db: Database,
    user_id: int | None,
    technicians: list[Choice],
    ticket_id: int,
    parent: QWidget,
    on_saved: Callable[[int], Any],
) -> TicketDialog:
    dialog = TicketDialog(db, user_id, technicians, ticket_id, parent)
    dialog.saved.connect(on_saved)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
