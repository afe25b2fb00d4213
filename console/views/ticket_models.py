"""Qt models for the ticket dialog's lists: the checklist (tickable) and the history (who, when, old, new)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from console.services.tickets import HistoryEntry
from console.services.workflow import ChecklistEntry
from console.views.labels import moment_text

ModelIndex = QModelIndex | QPersistentModelIndex


class ChecklistModel(QAbstractListModel):
    """Checklist items with a tick; ticking asks (`toggled`) rather than changing the row itself,
    because the change is saved first and the list is then reloaded from the database."""

    toggled = Signal(int, bool)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[ChecklistEntry] = []

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if item.done_at is None:
                return item.text
            when = moment_text(item.done_at)
            who = f", {item.done_by}" if item.done_by else ""
            return f"{item.text} ({when}{who})"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if item.done_at is not None else Qt.CheckState.Unchecked
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.isValid() else base

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        done = Qt.CheckState(value) == Qt.CheckState.Checked
        self.toggled.emit(self._items[index.row()].item_id, done)
        return False

    def set_items(self, items: Sequence[ChecklistEntry]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def undone(self) -> list[str]:
        return [item.text for item in self._items if item.done_at is None]


class HistoryModel(QAbstractTableModel):
    """A ticket's history, newest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[HistoryEntry] = []

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("When"), self.tr("Who"), self.tr("Field"), self.tr("Old"), self.tr("New"))[section]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        entry = self._entries[index.row()]
        return (
            moment_text(entry.at),
            entry.user or self.tr("system"),
            entry.field,
            entry.old or "",
            entry.new or "",
        )[index.column()]

    def set_entries(self, entries: Sequence[HistoryEntry]) -> None:
        self.beginResetModel()
        self._entries = sorted(entries, key=lambda e: e.at, reverse=True)
        self.endResetModel()
