"""The equipment of one site as a tree: units with the assemblies installed in them as children."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from console.services.equipment_history import EquipmentNode
from console.views.record_model import Column, column_data

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = -1


class EquipmentTreeModel(QAbstractItemModel):
    """Each node gets a number; an index's internal id is that number, so `parent()` is a lookup."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._nodes: list[EquipmentNode] = []
        self._parent: list[int] = []
        self._row: list[int] = []
        self._children: dict[int, list[int]] = {_ROOT: []}

    def set_roots(self, roots: Sequence[EquipmentNode]) -> None:
        self.beginResetModel()
        self._nodes, self._parent, self._row, self._children = [], [], [], {_ROOT: []}
        pending = deque((node, _ROOT) for node in roots)
        while pending:
            node, parent = pending.popleft()
            number = len(self._nodes)
            self._nodes.append(node)
            self._parent.append(parent)
            self._row.append(len(self._children[parent]))
            self._children[parent].append(number)
            self._children[number] = []
            pending.extend((child, number) for child in node.children)
        self.endResetModel()

    def unit_count(self) -> int:
        return len(self._nodes)

    def node(self, index: ModelIndex) -> EquipmentNode | None:
        return self._nodes[index.internalId()] if index.isValid() else None

    def index_of(self, equipment_id: int) -> QModelIndex:
        for number, node in enumerate(self._nodes):
            if node.id == equipment_id:
                return self.createIndex(self._row[number], 0, number)
        return QModelIndex()

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        owner = parent.internalId() if parent.isValid() else _ROOT
        children = self._children.get(owner, [])
        if not 0 <= row < len(children) or not 0 <= column < len(self.columns):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        owner = self._parent[index.internalId()]
        if owner == _ROOT:
            return QModelIndex()
        return self.createIndex(self._row[owner], 0, owner)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children.get(parent.internalId() if parent.isValid() else _ROOT, []))

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return column_data(self.columns[index.column()], self._nodes[index.internalId()], role)
