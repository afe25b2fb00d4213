"""The audit log for supervisors: who changed what, when, from which value to which.

The filters (a period of local days, the kind of record, who, text in the values) go to
services.audit_log on the thread pool; an answer to a search older than the latest is dropped. The
log cannot be changed, so nothing in the table can be edited. A long value (an insert is the whole
record as JSON) is cut short in its cell and shown whole, laid out, in its tooltip.
"""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime
from functools import partial
from typing import Any, Final

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.services import audit_log
from console.services.audit_log import AuditQuery, AuditRecord, actors, audited_entities, search_audit
from console.services.users import UserInfo
from console.store.database import Database
from console.views.background import run_in_background
from console.views.equipment_tab import record_table
from console.views.errors_text import error_text
from console.views.field_errors import ERROR_STYLE
from console.views.labels import date_format
from console.views.record_model import Column, ModelIndex, RecordTableModel

SORT_ROLE: Final = Qt.ItemDataRole.UserRole + 2
CELL_CHARS: Final = 160
"""How much of a value a cell holds; the tooltip has the rest."""
WIDEST_COLUMN: Final = 360
MOMENT: Final = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(\+00:00|Z)")


def entity_label(entity: str) -> str:
    """An audited table as the kind of record people know, in the user's language."""
    return {
        "tickets": QCoreApplication.translate("AuditWindow", "Ticket"),
        "contracts": QCoreApplication.translate("AuditWindow", "Contract"),
        "contract_services": QCoreApplication.translate("AuditWindow", "Contract service"),
        "sla_policies": QCoreApplication.translate("AuditWindow", "SLA policy"),
        "sla_targets": QCoreApplication.translate("AuditWindow", "SLA target"),
        "sla_pause_statuses": QCoreApplication.translate("AuditWindow", "SLA pause status"),
        "calendars": QCoreApplication.translate("AuditWindow", "Calendar"),
        "calendar_days": QCoreApplication.translate("AuditWindow", "Calendar day"),
        "maintenance_plans": QCoreApplication.translate("AuditWindow", "Maintenance plan"),
        "users": QCoreApplication.translate("AuditWindow", "User"),
        "shared_settings": QCoreApplication.translate("AuditWindow", "Team setting"),
        "clients": QCoreApplication.translate("AuditWindow", "Client"),
        "contacts": QCoreApplication.translate("AuditWindow", "Contact"),
        "sites": QCoreApplication.translate("AuditWindow", "Site"),
        "equipment": QCoreApplication.translate("AuditWindow", "Equipment"),
        "technicians": QCoreApplication.translate("AuditWindow", "Technician"),
        "category_workflows": QCoreApplication.translate("AuditWindow", "Ticket workflow"),
        "workflow_statuses": QCoreApplication.translate("AuditWindow", "Workflow status"),
        "workflow_transitions": QCoreApplication.translate("AuditWindow", "Workflow transition"),
        "checklist_items": QCoreApplication.translate("AuditWindow", "Checklist item"),
    }.get(entity, entity)


def field_label(field: str) -> str:
    """A changed column as a person names it ("resolution_due_at": "Resolution due")."""
    known = {
        "title": QCoreApplication.translate("AuditWindow", "Title"),
        "description": QCoreApplication.translate("AuditWindow", "Description"),
        "priority": QCoreApplication.translate("AuditWindow", "Priority"),
        "status": QCoreApplication.translate("AuditWindow", "Status"),
        "technician_id": QCoreApplication.translate("AuditWindow", "Technician"),
        "site_id": QCoreApplication.translate("AuditWindow", "Site"),
        "contact_id": QCoreApplication.translate("AuditWindow", "Contact"),
        "equipment_id": QCoreApplication.translate("AuditWindow", "Equipment"),
        "skill_id": QCoreApplication.translate("AuditWindow", "Skill"),
        "planned_for": QCoreApplication.translate("AuditWindow", "Planned visit"),
        "reaction_due_at": QCoreApplication.translate("AuditWindow", "Reaction due"),
        "arrival_due_at": QCoreApplication.translate("AuditWindow", "Arrival due"),
        "resolution_due_at": QCoreApplication.translate("AuditWindow", "Resolution due"),
        "sla_reaction": QCoreApplication.translate("AuditWindow", "Reaction clock"),
        "sla_arrival": QCoreApplication.translate("AuditWindow", "Arrival clock"),
        "sla_resolution": QCoreApplication.translate("AuditWindow", "Resolution clock"),
        "role": QCoreApplication.translate("AuditWindow", "Role"),
        "active": QCoreApplication.translate("AuditWindow", "Active"),
        "password_hash": QCoreApplication.translate("AuditWindow", "Password"),
        "full_name": QCoreApplication.translate("AuditWindow", "Full name"),
        "warning_ratio": QCoreApplication.translate("AuditWindow", "Warning threshold"),
        "critical_ratio": QCoreApplication.translate("AuditWindow", "Critical threshold"),
    }
    return known.get(field) or field.removesuffix("_id").replace("_", " ").capitalize()


def change_label(record: AuditRecord) -> str:
    """What happened: the record created or deleted, or the field changed."""
    if record.op == "insert":
        return QCoreApplication.translate("AuditWindow", "created")
    if record.op == "delete":
        return QCoreApplication.translate("AuditWindow", "deleted")
    return field_label(record.field or "")


def moment_text(moment: datetime, format_type: QLocale.FormatType = QLocale.FormatType.ShortFormat) -> str:
    """A UTC moment in local time, as the user's locale writes it."""
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    return QLocale().toString(local, format_type)


def cell_value(value: str | None) -> str:
    """A value on one line, cut short for its cell; a stored moment in local time."""
    if value is None:
        return ""
    if MOMENT.fullmatch(value):
        return moment_text(datetime.fromisoformat(value))
    line = " ".join(value.split())
    return line if len(line) <= CELL_CHARS else line[: CELL_CHARS - 1] + "…"


def tooltip_value(value: str | None) -> str | None:
    """The whole value for a tooltip: JSON one field a line, escaped so that markup shows as typed."""
    if value is None:
        return None
    try:
        parsed = json.loads(value)
    except ValueError:
        parsed = None
    whole = json.dumps(parsed, ensure_ascii=False, indent=1) if isinstance(parsed, dict | list) else value
    return f"<p style='white-space:pre-wrap'>{html.escape(whole)}</p>"


def local_day_start(day: QDate) -> datetime:
    """The UTC moment the local day `day` begins."""
    return datetime(day.year(), day.month(), day.day()).astimezone().astimezone(UTC)


class AuditTableModel(RecordTableModel):
    """Audit rows; the proxy sorts "When" by the moment itself and the other columns by their text."""

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == SORT_ROLE and index.isValid():
            if index.column() == 0:
                return self.record(index.row()).at.timestamp()
            role = Qt.ItemDataRole.DisplayRole
        return super().data(index, role)


class AuditWindow(QDialog):
    """Filters above, the matching log rows (newest first) below, and how many there are."""

    def __init__(self, db: Database, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audit_window")
        self.setWindowTitle(self.tr("Audit log"))
        self.db = db
        self.user = user
        self._generation = 0

        today = QDate.currentDate()
        self.date_from = self._date_edit("audit_from", today.addDays(-7))
        self.date_to = self._date_edit("audit_to", today)
        self.entity = QComboBox()
        self.entity.setObjectName("audit_entity")
        self.entity.addItem(self.tr("All"), None)
        for label, entity in sorted((entity_label(e), e) for e in audited_entities()):
            self.entity.addItem(label, entity)
        self.actor = QComboBox()
        self.actor.setObjectName("audit_actor")
        self.actor.addItem(self.tr("Anyone"), None)
        self.actor.setMinimumContentsLength(18)
        self.search_text = QLineEdit()
        self.search_text.setObjectName("audit_text")
        self.search_text.setPlaceholderText(self.tr("Text in the old or new value or the field"))
        self.search_text.setClearButtonEnabled(True)
        self.search_button = QPushButton(self.tr("&Search"))
        self.search_button.setObjectName("audit_search")
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.search)
        filters = QHBoxLayout()
        for label, editor in (
            (self.tr("&From"), self.date_from),
            (self.tr("&to"), self.date_to),
            (self.tr("&Kind"), self.entity),
            (self.tr("&Who"), self.actor),
        ):
            filters.addWidget(self._buddy(label, editor))
            filters.addWidget(editor)
        filters.addWidget(self.search_text, 1)
        filters.addWidget(self.search_button)

        self.model = AuditTableModel(self._columns(), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = record_table(self, "audit_table", self.model)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.model.modelReset.connect(self._narrow_columns)
        self.status = QLabel()
        self.status.setObjectName("audit_status")
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.resize(1200, 640)
        db, actor = self.db, self.user.id
        run_in_background(lambda: actors(db, user_id=actor), self._on_actors)
        self.search()

    def _date_edit(self, name: str, day: QDate) -> QDateEdit:
        edit = QDateEdit(day)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(date_format())
        return edit

    def _buddy(self, text: str, editor: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(editor)
        return label

    def _columns(self) -> list[Column]:
        return [
            Column(
                self.tr("When"),
                lambda r: moment_text(r.at),
                tooltip=lambda r: moment_text(r.at, QLocale.FormatType.LongFormat),
            ),
            Column(self.tr("Who"), lambda r: r.actor if r.actor is not None else self.tr("System")),
            Column(self.tr("What"), lambda r: f"{entity_label(r.entity)} {r.record}"),
            Column(self.tr("Change"), change_label),
            Column(self.tr("Old value"), lambda r: cell_value(r.old), tooltip=lambda r: tooltip_value(r.old)),
            Column(self.tr("New value"), lambda r: cell_value(r.new), tooltip=lambda r: tooltip_value(r.new)),
        ]

    def _narrow_columns(self) -> None:
        """Columns fit their contents, but no value column takes the whole window."""
        for column in range(self.model.columnCount()):
            if self.table.columnWidth(column) > WIDEST_COLUMN:
                self.table.setColumnWidth(column, WIDEST_COLUMN)

    def _on_actors(self, found: list[tuple[int, str]]) -> None:
        for actor_id, name in found:
            self.actor.addItem(name, actor_id)

    # Searching -------------------------------------------------------------------------------------

    def query(self) -> AuditQuery:
        """The filters as a query: the local days from "from" to "to" inclusive, one more than the limit."""
        return AuditQuery(
            since=local_day_start(self.date_from.date()),
            until=local_day_start(self.date_to.date().addDays(1)),
            entity=self.entity.currentData(),
            actor_id=self.actor.currentData(),
            text=self.search_text.text().strip() or None,
            limit=audit_log.SEARCH_LIMIT + 1,
        )

    def search(self) -> None:
        """Search the log off the GUI thread; any answer to an earlier search is dropped."""
        self._generation += 1
        generation, db, actor, query = self._generation, self.db, self.user.id, self.query()
        if self.date_to.date() < self.date_from.date():
            self.model.set_rows([])
            self._say(self.tr("The period ends before it starts."), error=True)
            return
        self._say(self.tr("Searching…"))
        run_in_background(
            lambda: (generation, search_audit(db, query, user_id=actor)),
            self._on_found,
            partial(self._on_failed, generation),
        )

    def _on_found(self, answer: tuple[int, list[AuditRecord]]) -> None:
        generation, found = answer
        if generation != self._generation:
            return
        limit = audit_log.SEARCH_LIMIT
        self.model.set_rows(found[:limit])
        if len(found) > limit:
            shown = QLocale().toString(limit)
            self._say(self.tr("More than %1 entries (showing the newest %1)").replace("%1", shown))
        elif found:
            self._say(self.tr("%Ln entry(s)", "", len(found)))
        else:
            self._say(self.tr("Nothing in the log matches."))

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._say(error_text(exc), error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(text)
