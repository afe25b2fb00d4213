"""The one object the panels talk through: what the dispatcher has selected.

Panels never reach into each other's widgets; they announce a selection here and listen here.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Selection(QObject):
    ticket_selected = Signal(int)
    client_selected = Signal(int)
    site_selected = Signal(int)
    technician_selected = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ticket_id: int | None = None
        self.client_id: int | None = None
        self.technician_id: int | None = None

    def select_ticket(self, ticket_id: int, client_id: int | None = None) -> None:
        if ticket_id != self.ticket_id:
            self.ticket_id = ticket_id
            self.ticket_selected.emit(ticket_id)
        if client_id is not None:
            self.select_client(client_id)

    def select_site(self, site_id: int) -> None:
        """Show the site (on the map); repeated so that a second click finds it again."""
        self.site_selected.emit(site_id)

    def select_technician(self, technician_id: int) -> None:
        if technician_id != self.technician_id:
            self.technician_id = technician_id
            self.technician_selected.emit(technician_id)

    def select_client(self, client_id: int) -> None:
        if client_id != self.client_id:
            self.client_id = client_id
            self.client_selected.emit(client_id)
