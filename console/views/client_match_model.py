"""The list of clients found while the dispatcher types, each saying what matched."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from console.services.client_lookup import ClientMatch

ModelIndex = QModelIndex | QPersistentModelIndex
MATCH_ROLE = Qt.ItemDataRole.UserRole + 1


class ClientMatchModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._matches: list[ClientMatch] = []

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._matches)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        match = self._matches[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if match.matched_on == "name" and match.detail == match.client_name:
                return f"{match.client_name} · {match.tier}"
            return f"{match.client_name} · {match.tier} — {self._how(match)}: {match.detail}"
        if role == MATCH_ROLE:
            return match
        return None

    def _how(self, match: ClientMatch) -> str:
        return {
            "name": self.tr("name"),
            "tax_number": self.tr("tax number"),
            "phone": self.tr("phone"),
            "address": self.tr("site address"),
            "serial": self.tr("serial number"),
            "inventory": self.tr("inventory number"),
        }.get(match.matched_on, match.matched_on)

    def set_matches(self, matches: Sequence[ClientMatch]) -> None:
        self.beginResetModel()
        self._matches = list(matches)
        self.endResetModel()

    def match_at(self, row: int) -> ClientMatch | None:
        return self._matches[row] if 0 <= row < len(self._matches) else None
