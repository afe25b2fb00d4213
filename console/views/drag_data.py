"""What a drag between panels carries: a ticket from a queue, or a planned visit from the board."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData

TICKET_MIME = "application/x-dispatch-ticket"
VISIT_MIME = "application/x-dispatch-visit"


def ticket_mime(ticket_id: int) -> QMimeData:
    data = QMimeData()
    data.setData(TICKET_MIME, QByteArray(str(ticket_id).encode()))
    return data


def visit_mime(visit_id: int, version: int) -> QMimeData:
    data = QMimeData()
    data.setData(VISIT_MIME, QByteArray(f"{visit_id}:{version}".encode()))
    return data


def dropped_ticket(data: QMimeData) -> int | None:
    """The dragged ticket's id, or None when the drag carries no ticket."""
    if not data.hasFormat(TICKET_MIME):
        return None
    text = bytes(data.data(TICKET_MIME).data()).decode()
    return int(text) if text.isdigit() else None


def dropped_visit(data: QMimeData) -> tuple[int, int] | None:
    """The dragged visit's (id, version), or None when the drag carries no visit."""
    if not data.hasFormat(VISIT_MIME):
        return None
    visit, _, version = bytes(data.data(VISIT_MIME).data()).decode().partition(":")
    return (int(visit), int(version)) if visit.isdigit() and version.isdigit() else None
