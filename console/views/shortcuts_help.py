"""The help panel listing every keyboard shortcut, read from the window's own actions so it cannot drift."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)


class ShortcutsHelp(QDialog):
    """A read-only table: what each action does and its keys, grouped by menu."""

    def __init__(
        self, groups: Iterable[tuple[str, Iterable[QAction]]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("shortcuts_help")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([self.tr("Menu"), self.tr("Action"), self.tr("Keys")])
        for menu, actions in groups:
            for action in actions:
                keys = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()]
                if not keys:
                    continue
                row = [
                    QStandardItem(menu),
                    QStandardItem(action.text().replace("&", "")),
                    QStandardItem(", ".join(keys)),
                ]
                for item in row:
                    item.setEditable(False)
                self.model.appendRow(row)
        table = QTableView(self)
        table.setObjectName("shortcuts_table")
        table.setModel(self.model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(560, 520)

    def entries(self) -> list[tuple[str, str, str]]:
        """The rows as shown (menu, action, keys)."""
        return [
            tuple(self.model.item(row, column).text() for column in range(3))  # type: ignore[misc]
            for row in range(self.model.rowCount())
        ]
