"""The queue table's model: one window of a database-sorted queue, with text, colour and live updates.

The database filters, sorts and pages the queue; the model holds the first pages in that order and
the queue's total. Updates from the change feed come with each changed ticket's rank, so rows move,
appear and leave in place (one layout change per batch) and the view keeps its selection, scroll
position and sort.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from console.services.queues import SORT_COLUMNS, QueueChanges, QueueRow, QueueSort
from console.views.drag_data import TICKET_MIME, ticket_mime
from console.views.labels import (
    age_text,
    category_label,
    clock_label,
    duration_text,
    moment_text,
    priority_label,
    sla_issue_label,
    sla_state_label,
    status_label,
)
from console.views.sla_icons import sla_icon

ModelIndex = QModelIndex | QPersistentModelIndex
TICKET_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CLIENT_ID_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = SORT_COLUMNS
SLA_COLOURS = {
    "warning": QColor("#fff3c4"),
    "critical": QColor("#ffd8a8"),
    "breached": QColor("#ffc9c9"),
    "paused": QColor("#e7eef7"),
}
SLA_BRUSHES = {state: QBrush(colour) for state, colour in SLA_COLOURS.items()}
SLA_COLUMN = COLUMNS.index("sla")


class QueueTableModel(QAbstractTableModel):
    """Rows of one queue in the database's order; `total` is the whole queue, the rows a prefix of it."""

    sort_requested = Signal(object)
    more_wanted = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[QueueRow] = []
        self._index: dict[int, int] = {}
        self.total = 0
        self.order = QueueSort()
        self.fetching = False
        self.now = datetime.now(UTC)
        self._text_cache: dict[int, tuple[str, ...]] = {}

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

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [TICKET_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """A dragged row carries its ticket, to be dropped on a technician's lane of the board."""
        valid = [index for index in indexes if index.isValid()]
        return ticket_mime(self._rows[valid[0].row()].id) if valid else QMimeData()

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts(row)[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            return SLA_BRUSHES.get(row.sla_state)
        if role == Qt.ItemDataRole.DecorationRole:
            return sla_icon(row.sla_state) if index.column() == SLA_COLUMN else None
        if role == TICKET_ID_ROLE:
            return row.id
        if role == CLIENT_ID_ROLE:
            return row.client_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        return None

    def _texts(self, row: QueueRow) -> tuple[str, ...]:
        """The row's cell texts, kept until the row or the clock changes (painting asks for them often)."""
        texts = self._text_cache.get(row.id)
        if texts is None:
            texts = tuple(self._text(row, column) for column in COLUMNS)
            self._text_cache[row.id] = texts
        return texts

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The view's header asks for an order; the database sorts, so the tab is asked to reload."""
        wanted = QueueSort(COLUMNS[column], order == Qt.SortOrder.DescendingOrder)
        if wanted != self.order:
            self.order = wanted
            self.sort_requested.emit(wanted)

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self.total and not self.fetching

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self.fetching = True
            self.more_wanted.emit()

    # Updates ---------------------------------------------------------------------------------------

    def rows(self) -> Sequence[QueueRow]:
        return self._rows

    def row_of(self, ticket_id: int) -> int | None:
        return self._index.get(ticket_id)

    def set_rows(self, rows: Sequence[QueueRow], total: int | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._text_cache.clear()
        self.total = len(self._rows) if total is None else total
        self.fetching = False
        self._reindex()
        self.endResetModel()

    def append_page(self, rows: Sequence[QueueRow], total: int) -> None:
        """Add the next page; tickets that moved into the window meanwhile are not added twice."""
        self.fetching = False
        self.total = total
        fresh = [row for row in rows if row.id not in self._index]
        if fresh:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(fresh) - 1)
            self._rows.extend(fresh)
            self._reindex(start)
            self.endInsertRows()

    def apply(self, changes: QueueChanges) -> None:
        """Bring the window up to date with changed tickets: update, move, insert or drop their rows.

        Unchanged rows keep their relative order; each changed row goes to its rank. While only a
        prefix of the queue is loaded, changed rows ranked past the prefix leave it.
        """
        complete = len(self._rows) >= self.total
        self.total = changes.total
        ranked = {row.id: rank for rank, row in changes.ranked}
        changed = {row.id: row for _, row in changes.ranked}
        for ticket_id in (*changed, *changes.gone):
            self._text_cache.pop(ticket_id, None)
        leaving = [i for i in changes.gone if i in self._index]
        self._remove(leaving)
        for ticket_id, row in changed.items():
            position = self._index.get(ticket_id)
            if position is not None:
                self._rows[position] = row
        steady = [row for row in self._rows if row.id not in changed]
        movers = sorted(changed.values(), key=lambda row: ranked[row.id])
        order: list[QueueRow] = []
        next_steady = next_mover = 0
        while next_steady < len(steady) or next_mover < len(movers):
            if next_mover < len(movers) and ranked[movers[next_mover].id] <= len(order):
                order.append(movers[next_mover])
                next_mover += 1
            elif next_steady < len(steady):
                order.append(steady[next_steady])
                next_steady += 1
            elif complete:
                order.append(movers[next_mover])
                next_mover += 1
            else:
                break
        kept = {row.id for row in order}
        self._remove([i for i in changed if i in self._index and i not in kept])
        fresh = [row for row in order if row.id not in self._index]
        if fresh:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(fresh) - 1)
            self._rows.extend(fresh)
            self._reindex(start)
            self.endInsertRows()
        if [row.id for row in self._rows] != [row.id for row in order]:
            self._reorder(order)
        positions = [self._index[i] for i in changed if i in self._index]
        if positions:
            # One notice spanning the changed rows costs the view less than one per row.
            self.dataChanged.emit(self.index(min(positions), 0), self.index(max(positions), len(COLUMNS) - 1))

    def _remove(self, ticket_ids: Sequence[int]) -> None:
        for position in sorted((self._index[i] for i in ticket_ids), reverse=True):
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._rows[position]
            self.endRemoveRows()
        if ticket_ids:
            self._reindex()

    def _reorder(self, order: list[QueueRow]) -> None:
        self.layoutAboutToBeChanged.emit()
        was_at = {position: ticket_id for ticket_id, position in self._index.items()}
        self._rows = order
        self._reindex()
        persistent = self.persistentIndexList()
        moved = [self.index(self._index[was_at[index.row()]], index.column()) for index in persistent]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def refresh_clock(self, now: datetime | None = None) -> None:
        """Re-read the time-dependent columns (SLA left, age) at `now`."""
        self.now = now or datetime.now(UTC)
        self._text_cache.clear()
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
            when = moment_text(due)
            lines.append(f"{clock_label(clock)}: {sla_state_label(state)}, {self.tr('due')} {when}")
        if row.resolution_pause_seconds:
            paused = duration_text(timedelta(seconds=row.resolution_pause_seconds))
            lines.append(self.tr("Paused so far: %1").replace("%1", paused))
        return "\n".join(lines)
