"""What the map page is sent: positions as plain JSON-ready dicts, with every label already translated.

The page shows these strings as text only; nothing here is markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication

from console.services.field_positions import SitePosition, TechnicianPosition, TicketPosition
from console.services.nearby import NearbyTechnician
from console.views.labels import (
    duration_text,
    number_text,
    priority_label,
    sla_state_label,
    technician_state_label,
)


def _epoch_ms(moment: datetime | None) -> int | None:
    return int(moment.timestamp() * 1000) if moment is not None else None


def page_labels() -> dict[str, str]:
    """The words the page puts together itself (a position's age, the scale bar's units); sent once."""
    return {
        "age": QCoreApplication.translate("map", "position %1 ago"),
        "min": QCoreApplication.translate("map", "min"),
        "hour": QCoreApplication.translate("map", "h"),
        "noPosition": QCoreApplication.translate("map", "no position reported, shown at the home base"),
        "m": QCoreApplication.translate("map", "m", "metres, on the map's scale bar"),
        "km": QCoreApplication.translate("map", "km", "kilometres, on the map's scale bar"),
    }


def technician_markers(positions: Iterable[TechnicianPosition]) -> list[dict[str, Any]]:
    """Technicians; the page works out the position's age itself, so it stays right between updates."""
    return [
        {
            "id": p.id,
            "name": p.name,
            "state": p.state,
            "stateLabel": technician_state_label(p.state),
            "reportedAt": _epoch_ms(p.reported_at),
            "lat": p.latitude,
            "lon": p.longitude,
        }
        for p in positions
    ]


def time_left_text(due_at: datetime | None, sla_state: str, now: datetime) -> str:
    if sla_state == "paused":
        return QCoreApplication.translate("map", "SLA clock paused")
    if due_at is None:
        return QCoreApplication.translate("map", "no resolution deadline")
    left = due_at - now
    if left.total_seconds() < 0:
        return QCoreApplication.translate("map", "resolution overdue by %1").replace(
            "%1", duration_text(-left)
        )
    return QCoreApplication.translate("map", "%1 left to resolve").replace("%1", duration_text(left))


def ticket_markers(positions: Iterable[TicketPosition], now: datetime) -> list[dict[str, Any]]:
    return [
        {
            "id": p.id,
            "number": p.number,
            "client": p.client,
            "site": p.site,
            "address": p.address,
            "technician": QCoreApplication.translate("map", "Technician: %1").replace("%1", p.technician)
            if p.technician
            else QCoreApplication.translate("map", "Unassigned"),
            "leftLabel": time_left_text(p.due_at, p.sla_state, now),
            "sla": p.sla_state,
            "slaLabel": sla_state_label(p.sla_state),
            "priority": p.priority,
            "priorityLabel": QCoreApplication.translate("map", "Priority: %1").replace(
                "%1", priority_label(p.priority)
            ),
            "lat": p.latitude,
            "lon": p.longitude,
        }
        for p in positions
    ]


def site_markers(sites: Iterable[SitePosition]) -> list[dict[str, Any]]:
    return [
        {
            "id": s.id,
            "name": s.name,
            "client": s.client,
            "address": s.address,
            "openLabel": QCoreApplication.translate("map", "%1 open tickets").replace(
                "%1", str(s.open_tickets)
            ),
            "lat": s.latitude,
            "lon": s.longitude,
        }
        for s in sites
    ]


def site_marker(site: SitePosition) -> dict[str, Any]:
    return site_markers([site])[0]


def nearest_label(technician: NearbyTechnician) -> str:
    """The tag next to a nearby technician on the map: name, distance and travel time."""
    return (
        QCoreApplication.translate("map", "%1: %2 km, ~%3")
        .replace("%1", technician.name)
        .replace("%2", number_text(technician.distance_km, 1))
        .replace("%3", duration_text(timedelta(minutes=technician.travel_minutes)))
    )
