"""What the map page tells the console: it is ready, a marker was clicked.

Registered on the page's web channel as "consoleBridge"; the page's script calls these slots.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot


class MapBridge(QObject):
    """camelCase slots: the names the page's script calls."""

    page_ready = Signal()
    ticket_clicked = Signal(int)
    technician_clicked = Signal(int)

    @Slot()
    def pageReady(self) -> None:
        self.page_ready.emit()

    @Slot(int)
    def ticketClicked(self, ticket_id: int) -> None:
        self.ticket_clicked.emit(ticket_id)

    @Slot(int)
    def technicianClicked(self, technician_id: int) -> None:
        self.technician_clicked.emit(technician_id)
