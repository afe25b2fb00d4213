"""The client panel's equipment tab: one site's units as a tree, the selected unit's repair history,
and failure statistics per model across all clients with the worst models marked."""

from __future__ import annotations

import time
from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from console.services.client_overview import SiteCard
from console.services.equipment_history import (
    EquipmentNode,
    ModelFailureStats,
    RepairEntry,
    equipment_tree,
    model_failure_stats,
    repair_history,
)
from console.store.database import Database
from console.views.background import run_in_background
from console.views.client_columns import equipment_columns, failure_columns, repair_columns
from console.views.equipment_tree_model import EquipmentTreeModel
from console.views.record_model import RecordTableModel

FAILURE_STATS_MAX_AGE_S = 600.0


def record_table(parent: QWidget, name: str, model: RecordTableModel) -> QTableView:
    """A read-only, row-selecting table over a record model, sized to its contents."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    model.modelReset.connect(view.resizeColumnsToContents)
    return view


class EquipmentTab(QWidget):
    unit_selected = Signal(int, int, str)
    """(equipment id, equipment model id, model name) of the unit picked in the tree."""
    tree_shown = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.site = QComboBox(self)
        self.site.setObjectName("equipment_site")
        self.site.setMinimumContentsLength(30)
        self.summary = QLabel(self)
        self.tree_model = EquipmentTreeModel(equipment_columns(), self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("equipment_tree")
        self.tree.setModel(self.tree_model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.header().setStretchLastSection(False)
        self.repairs = RecordTableModel(repair_columns(), self)
        self.repairs_view = record_table(self, "repair_history", self.repairs)
        self.repairs_hint = QLabel(self.tr("Select a unit to see its repair history."), self)
        self.failures = RecordTableModel(failure_columns(), self)
        self.failures_view = record_table(self, "failure_stats", self.failures)
        repairs_page = QWidget(self)
        repairs_layout = QVBoxLayout(repairs_page)
        repairs_layout.setContentsMargins(0, 0, 0, 0)
        repairs_layout.addWidget(self.repairs_hint)
        repairs_layout.addWidget(self.repairs_view)
        self.details = QTabWidget(self)
        self.details.addTab(repairs_page, self.tr("Repair history"))
        self.details.addTab(self.failures_view, self.tr("Failures by model, all clients"))
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Site"), self))
        top.addWidget(self.site, 1)
        top.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.site_id: int | None = None
        self.unit_id: int | None = None
        self.model_id: int | None = None
        self._want_unit: int | None = None
        self._failures_at = 0.0
        self._quiet = False
        self.site.currentIndexChanged.connect(self._on_site)
        self.tree.selectionModel().selectionChanged.connect(self._on_unit)

    def clear(self) -> None:
        self._quiet = True
        self.site.clear()
        self._quiet = False
        self.site_id = self.unit_id = self.model_id = self._want_unit = None
        self.tree_model.set_roots([])
        self.repairs.set_rows([])
        self.summary.clear()

    def set_sites(self, sites: Sequence[SiteCard], preferred: int | None) -> None:
        """List the client's sites and show the preferred one's units (else the one shown, else the first)."""
        keep = preferred if preferred is not None else self.site_id
        self._quiet = True
        self.site.clear()
        for card in sites:
            self.site.addItem(f"{card.name} — {card.address} ({card.equipment})", card.id)
        self._quiet = False
        at = self.site.findData(keep) if keep is not None else -1
        self.site.setCurrentIndex(max(at, 0) if sites else -1)
        chosen = self.site.currentData()
        if chosen is not None and (chosen != self.site_id or self.tree_model.unit_count() == 0):
            self.load_tree(chosen)
        elif chosen is None:
            self.tree_model.set_roots([])

    def focus_unit(self, site_id: int | None, equipment_id: int | None) -> None:
        """Show the site and select the unit once its tree is there (the selected ticket's unit)."""
        self._want_unit = equipment_id
        if site_id is not None and site_id != self.site_id and self.site.findData(site_id) >= 0:
            self.site.setCurrentIndex(self.site.findData(site_id))
        elif equipment_id is not None:
            self._select_wanted()

    def _on_site(self) -> None:
        if not self._quiet and self.site.currentData() is not None:
            self.load_tree(self.site.currentData())

    def load_tree(self, site_id: int) -> None:
        self.site_id = site_id
        db = self.db
        run_in_background(lambda: (site_id, equipment_tree(db, site_id)), self._on_tree)

    def reload(self) -> None:
        if self.site_id is not None:
            self._want_unit = self._want_unit or self.unit_id
            self.load_tree(self.site_id)

    def _on_tree(self, result: tuple[int, list[EquipmentNode]]) -> None:
        site_id, roots = result
        if site_id != self.site_id:
            return
        self.tree_model.set_roots(roots)
        self.tree.expandAll()
        for column in range(self.tree_model.columnCount()):
            self.tree.resizeColumnToContents(column)
        units = self.tree_model.unit_count()
        self.summary.setText(self.tr("%1 units").replace("%1", str(units)))
        self._select_wanted()
        self.tree_shown.emit(site_id)

    def _select_wanted(self) -> None:
        if self._want_unit is None:
            return
        index = self.tree_model.index_of(self._want_unit)
        if index.isValid():
            self._want_unit = None
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def _on_unit(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        node = self.tree_model.node(self.tree.currentIndex())
        if node is None:
            return
        self.unit_id, self.model_id = node.id, node.model_id
        self.unit_selected.emit(node.id, node.model_id, node.model)
        self.load_repairs()
        self._mark_model()

    def load_repairs(self) -> None:
        unit_id = self.unit_id
        if unit_id is None:
            return
        db = self.db
        run_in_background(lambda: (unit_id, repair_history(db, unit_id)), self._on_repairs)

    def _on_repairs(self, result: tuple[int, list[RepairEntry]]) -> None:
        unit_id, entries = result
        if unit_id != self.unit_id:
            return
        self.repairs.set_rows(entries)
        self.repairs_hint.setText(
            self.tr("No tickets on this unit yet.")
            if not entries
            else self.tr("%1 tickets on this unit, oldest first.").replace("%1", str(len(entries)))
        )
        if entries:
            QTimer.singleShot(0, self.repairs_view, self.repairs_view.scrollToBottom)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.load_failures()

    def load_failures(self, *, force: bool = False) -> None:
        """Failure statistics span every client, so they are read once and kept for ten minutes."""
        if not force and time.monotonic() - self._failures_at < FAILURE_STATS_MAX_AGE_S:
            return
        self._failures_at = time.monotonic()
        db = self.db
        run_in_background(lambda: model_failure_stats(db), self._on_failures)

    def _on_failures(self, stats: list[ModelFailureStats]) -> None:
        self.failures.set_rows(stats)
        self._mark_model()

    def _mark_model(self) -> None:
        """Select the picked unit's model among the failure statistics."""
        for row, stats in enumerate(self.failures.rows()):
            if stats.model_id == self.model_id:
                self.failures_view.selectRow(row)
                self.failures_view.scrollTo(self.failures.index(row, 0))
                return
