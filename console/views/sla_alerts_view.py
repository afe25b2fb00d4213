"""The SLA alerts panel: every clock that reached a warning, its critical mark or its deadline, newest first.

It fills from the last day's history and then from the change feed, so an alert raised by any
console appears on every console. Selecting an alert selects its ticket everywhere.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from console.services.sla_alerts import SlaAlert, alerts_among, recent_alerts
from console.store.database import Database
from console.views.background import run_in_background
from console.views.feed_bridge import FeedBridge
from console.views.labels import clock_label, moment_text, priority_label, sla_state_label
from console.views.selection import Selection
from console.views.sla_icons import sla_icon

ModelIndex = QModelIndex | QPersistentModelIndex
MAX_ALERTS = 500


class AlertsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.alerts: list[SlaAlert] = []

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.alerts)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Time"),
                self.tr("Ticket"),
                self.tr("Client"),
                self.tr("Clock"),
                self.tr("State"),
            )[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        alert = self.alerts[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                moment_text(alert.at),
                f"{alert.number} ({priority_label(alert.priority)})",
                alert.client,
                clock_label(alert.clock),
                sla_state_label(alert.state),
            )[column]
        if role == Qt.ItemDataRole.DecorationRole and column == 4:
            return sla_icon(alert.state)
        return None

    def set_alerts(self, alerts: list[SlaAlert]) -> None:
        self.beginResetModel()
        self.alerts = alerts[:MAX_ALERTS]
        self.endResetModel()

    def prepend(self, alerts: list[SlaAlert]) -> list[SlaAlert]:
        """Add alerts not shown yet at the top; returns those that were new."""
        known = {a.history_id for a in self.alerts}
        fresh = [a for a in alerts if a.history_id not in known]
        if fresh:
            self.beginInsertRows(QModelIndex(), 0, len(fresh) - 1)
            self.alerts[:0] = fresh
            self.endInsertRows()
        if len(self.alerts) > MAX_ALERTS:
            self.beginRemoveRows(QModelIndex(), MAX_ALERTS, len(self.alerts) - 1)
            del self.alerts[MAX_ALERTS:]
            self.endRemoveRows()
        return fresh


class SlaAlertsPanel(QWidget):
    """Emits `raised` with the alerts that arrived live (not those loaded at start)."""

    raised = Signal(list)

    def __init__(self, db: Database, feed: FeedBridge, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sla_alerts_panel")
        self.db = db
        self.selection = selection
        self.model = AlertsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("sla_alerts_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        feed.changed.connect(self._on_changes)

    def load(self) -> None:
        db = self.db
        run_in_background(lambda: recent_alerts(db), self.model.set_alerts)

    def _on_changes(self, by_entity: dict[str, set[int]], _changes: list[object]) -> None:
        history_ids = by_entity.get("ticket_history")
        if history_ids:
            db = self.db
            run_in_background(lambda: alerts_among(db, history_ids), self._on_new)

    def _on_new(self, alerts: list[SlaAlert]) -> None:
        fresh = self.model.prepend(alerts)
        if fresh:
            self.raised.emit(fresh)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            alert = self.model.alerts[current.row()]
            self.selection.select_ticket(alert.ticket_id, alert.client_id)
