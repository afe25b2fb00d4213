"""The queue table's model: ticket rows in, cells with text, colour and sort keys out.

Rows are updated in place by ticket id, so a refresh from the change feed touches only the rows
that changed and the view keeps its selection, scroll position and sort.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from console.services.queues import QueueRow
from console.views.labels import (
    age_text,
    category_label,
    clock_label,
    duration_text,
    priority_label,
    sla_issue_label,
    sla_state_label,
    status_label,
)
from console.views.sla_icons import sla_icon

ModelIndex = QModelIndex | QPersistentModelIndex
TICKET_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CLIENT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3

COLUMNS = ("number", "sla", "priority", "client", "site", "status", "technician", "category", "age")
PRIORITY_ORDER = {"critical": 0, "high": 1, "normal": 2, "low": 3}
SLA_COLOURS = {
    "warning": QColor("#fff3c4"),
    "critical": QColor("#ffd8a8"),
    "breached": QColor("#ffc9c9"),
    "paused": QColor("#e7eef7"),
}
FAR_FUTURE = datetime.max.replace(tzinfo=UTC)


class QueueTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[QueueRow] = []
        self._index: dict[int, int] = {}
        self.now = datetime.now(UTC)

    # Qt model interface ----------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            "number": self.tr("Number"),
            "sla": self.tr("SLA left"),
            "priority": self.tr("Priority"),
            "client": self.tr("Client"),
            "site": self.tr("Site"),
            "status": self.tr("Status"),
            "technician": self.tr("Technician"),
            "category": self.tr("Category"),
            "age": self.tr("Age"),
        }
        return titles[COLUMNS[section]]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == TICKET_ID_ROLE:
            return row.id
        if role == CLIENT_ID_ROLE:
            return row.client_id
        if role == Qt.ItemDataRole.BackgroundRole and row.sla_state in SLA_COLOURS:
            return QBrush(SLA_COLOURS[row.sla_state])
        if role == Qt.ItemDataRole.DecorationRole and column == "sla":
            return sla_icon(row.sla_state)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        return None

    # Updates ---------------------------------------------------------------------------------------

    def rows(self) -> Sequence[QueueRow]:
        return self._rows

    def row_of(self, ticket_id: int) -> int | None:
        return self._index.get(ticket_id)

    def set_rows(self, rows: Sequence[QueueRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._reindex()
        self.endResetModel()

    def apply(self, rows: Iterable[QueueRow], gone: Iterable[int]) -> None:
        """Update rows that changed, append new ones, drop the ids in `gone`."""
        for ticket_id in gone:
            position = self._index.get(ticket_id)
            if position is None:
                continue
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._rows[position]
            self._reindex()
            self.endRemoveRows()
        fresh = []
        for row in rows:
            position = self._index.get(row.id)
            if position is None:
                fresh.append(row)
                continue
            self._rows[position] = row
            self.dataChanged.emit(self.index(position, 0), self.index(position, len(COLUMNS) - 1))
        if fresh:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(fresh) - 1)
            self._rows.extend(fresh)
            self._reindex(start)
            self.endInsertRows()

    def refresh_clock(self, now: datetime | None = None) -> None:
        """Re-read the time-dependent columns (SLA left, age) at `now`."""
        self.now = now or datetime.now(UTC)
        if self._rows:
            # The SLA and age cells depend on the clock; they are apart, so whole rows are announced.
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))

    # Cells -----------------------------------------------------------------------------------------

    def _reindex(self, start: int = 0) -> None:
        if start == 0:
            self._index = {}
        for position in range(start, len(self._rows)):
            self._index[self._rows[position].id] = position

    def _text(self, row: QueueRow, column: str) -> str:
        if column == "number":
            return row.number
        if column == "client":
            return row.client
        if column == "site":
            return row.site or ""
        if column == "priority":
            return priority_label(row.priority)
        if column == "category":
            return category_label(row.category)
        if column == "status":
            return status_label(row.status)
        if column == "technician":
            return row.technician or self.tr("unassigned")
        if column == "sla":
            return self._sla_text(row)
        return age_text(row.created_at, self.now)

    def _sla_text(self, row: QueueRow) -> str:
        if row.sla_issue is not None:
            return sla_issue_label(row.sla_issue)
        if row.sla_state == "paused" and row.sla_left_seconds is not None:
            left = duration_text(timedelta(seconds=row.sla_left_seconds))
            return self.tr("Paused, %1 left").replace("%1", left)
        if row.resolution_due_at is None or row.sla_state in ("none", "paused", "met"):
            return sla_state_label(row.sla_state)
        left = duration_text(row.resolution_due_at - self.now)
        # When reaction or arrival, not resolution, is what is late, say which.
        states = {"reaction": row.reaction_state, "arrival": row.arrival_state}
        urgent = next((clock for clock, state in states.items() if state == row.sla_state), None)
        if urgent is not None and row.resolution_state != row.sla_state:
            return f"{left} · {clock_label(urgent)}: {sla_state_label(row.sla_state)}"
        return left

    def _tooltip(self, row: QueueRow) -> str:
        lines = [f"{row.number}: {row.title}"]
        if row.sla_issue is not None:
            return "\n".join([*lines, sla_issue_label(row.sla_issue)])
        for clock, state, due in (
            ("reaction", row.reaction_state, row.reaction_due_at),
            ("arrival", row.arrival_state, row.arrival_due_at),
            ("resolution", row.resolution_state, row.resolution_due_at),
        ):
            if state == "none":
                continue
            when = due.astimezone().strftime("%d.%m %H:%M") if due is not None else "—"
            lines.append(f"{clock_label(clock)}: {sla_state_label(state)}, {self.tr('due')} {when}")
        if row.resolution_pause_seconds:
            paused = duration_text(timedelta(seconds=row.resolution_pause_seconds))
            lines.append(self.tr("Paused so far: %1").replace("%1", paused))
        return "\n".join(lines)

    def _sort_key(self, row: QueueRow, column: str) -> Any:
        if column == "priority":
            return PRIORITY_ORDER.get(row.priority, 9)
        if column == "sla":
            return (row.resolution_due_at or FAR_FUTURE).timestamp()
        if column == "age":
            return row.created_at.timestamp()
        if column == "number":
            return row.id
        return self._text(row, column).casefold()
