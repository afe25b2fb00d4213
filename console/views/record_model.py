"""A read-only table of frozen records (the services' dataclasses), one row per record.

The client panel shows a dozen small lists of different records; each is described by its columns
(a title and how to render a record in it) instead of a model class per list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

ModelIndex = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1

WARNING_COLOUR = QColor("#b45309")
ALARM_COLOUR = QColor("#b91c1c")
GOOD_COLOUR = QColor("#15803d")


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its title, the record's text in it, and optional colour, emphasis and tooltip."""

    title: str
    text: Callable[[Any], str]
    colour: Callable[[Any], QColor | None] | None = None
    bold: Callable[[Any], bool] | None = None
    tooltip: Callable[[Any], str | None] | None = None
    numeric: bool = False


class RecordTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def record(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        return column_data(self.columns[index.column()], record, role)


def column_data(column: Column, record: Any, role: int) -> Any:
    """What a view asks of a cell in `role`, for tables and trees alike."""
    if role == Qt.ItemDataRole.DisplayRole:
        return column.text(record)
    if role == RECORD_ROLE:
        return record
    if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
        colour = column.colour(record)
        return QBrush(colour) if colour is not None else None
    if role == Qt.ItemDataRole.FontRole and column.bold is not None and column.bold(record):
        font = QFont()
        font.setBold(True)
        return font
    if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
        return column.tooltip(record)
    if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return None
