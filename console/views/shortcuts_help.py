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
    """A read-only table: what each action does and its keys, by menu, then the keys inside the dialogs."""

    def __init__(
        self,
        groups: Iterable[tuple[str, Iterable[QAction]]],
        dialog_keys: Iterable[tuple[str, str, str]] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("shortcuts_help")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([self.tr("Where"), self.tr("Action"), self.tr("Keys")])
        for menu, actions in groups:
            for action in actions:
                keys = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()]
                if keys:
                    self._add(menu, action.text().replace("&", ""), ", ".join(keys))
        for place, what, keys_text in dialog_keys:
            self._add(place, what, keys_text)
        table = QTableView(self)
        table.setObjectName("shortcuts_table")
        table.setModel(self.model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(640, 560)

    def _add(self, place: str, action: str, keys: str) -> None:
        row = [QStandardItem(place), QStandardItem(action), QStandardItem(keys)]
        for item in row:
            item.setEditable(False)
        self.model.appendRow(row)

    def entries(self) -> list[tuple[str, str, str]]:
        """The rows as shown (where, action, keys)."""
        return [
            (self.model.item(row, 0).text(), self.model.item(row, 1).text(), self.model.item(row, 2).text())
            for row in range(self.model.rowCount())
        ]
