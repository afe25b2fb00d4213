"""The client context panel: who is calling, what their tier grants and what their contracts cover."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QFormLayout, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from console.services.client_context import ClientSummary, ContractSummary, client_summary
from console.store.database import Database
from console.views.background import run_in_background
from console.views.feed_bridge import FeedBridge
from console.views.selection import Selection

ModelIndex = QModelIndex | QPersistentModelIndex


class ContractsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ContractSummary] = []

    def set_rows(self, rows: list[ContractSummary]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Contract"), self.tr("Period"), self.tr("Status"), self.tr("SLA policy"))[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        contract = self._rows[index.row()]
        column = index.column()
        if column == 0:
            return contract.number
        if column == 1:
            end = contract.ends_on.isoformat() if contract.ends_on else self.tr("open-ended")
            return f"{contract.starts_on.isoformat()} – {end}"
        if column == 2:
            return {
                "active": self.tr("Active"),
                "suspended": self.tr("Suspended"),
                "terminated": self.tr("Terminated"),
            }.get(contract.status, contract.status)
        return contract.sla_policy or self.tr("no SLA")


class ClientPanel(QWidget):
    """Follows the selected client and shows its card; refreshes when the client's data change."""

    def __init__(self, db: Database, feed: FeedBridge, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("client_panel")
        self.db = db
        self.client_id: int | None = None
        self.summary: ClientSummary | None = None
        self.title = QLabel(self.tr("Select a ticket to see its client."), self)
        self.title.setObjectName("client_title")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (
            ("legal_name", self.tr("Legal name")),
            ("tax_number", self.tr("Tax number")),
            ("tier", self.tr("Tier")),
            ("manager", self.tr("Personal manager")),
            ("phone", self.tr("Phone")),
            ("sites", self.tr("Sites / equipment")),
            ("open_tickets", self.tr("Open tickets")),
        ):
            value = QLabel(self)
            value.setObjectName(f"client_{key}")
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(label, value)
        self.contracts = ContractsModel(self)
        self.contracts_view = QTableView(self)
        self.contracts_view.setObjectName("client_contracts")
        self.contracts_view.setModel(self.contracts)
        self.contracts_view.verticalHeader().setVisible(False)
        self.contracts_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.contracts_view.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Contracts"), self))
        layout.addWidget(self.contracts_view, 1)
        selection.client_selected.connect(self.show_client)
        feed.changed.connect(self._on_changes)

    def show_client(self, client_id: int) -> None:
        self.client_id = client_id
        db = self.db
        run_in_background(lambda: client_summary(db, client_id), self._on_summary)

    def _on_summary(self, summary: ClientSummary | None) -> None:
        if summary is None or summary.id != self.client_id:
            return
        self.summary = summary
        self.title.setText(summary.name)
        tier = summary.tier + (f" — {summary.tier_grants}" if summary.tier_grants else "")
        values = {
            "legal_name": summary.legal_name,
            "tax_number": summary.tax_number or "—",
            "tier": tier,
            "manager": summary.manager or self.tr("none"),
            "phone": summary.phone or "—",
            "sites": f"{summary.sites} / {summary.equipment}",
            "open_tickets": str(summary.open_tickets),
        }
        for key, text in values.items():
            self.fields[key].setText(text)
        self.contracts.set_rows(list(summary.contracts))

    def _on_changes(self, by_entity: dict[str, set[int]], _changes: list[object]) -> None:
        if self.client_id is None:
            return
        if (
            self.client_id in by_entity.get("clients", set())
            or "tickets" in by_entity
            or "contracts" in by_entity
        ):
            self.show_client(self.client_id)
