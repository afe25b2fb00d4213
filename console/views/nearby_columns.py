"""How the nearest suitable technicians read in the map panel's list."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QCoreApplication

from console.services.nearby import NearbyTechnician
from console.views.labels import clock_text, duration_text, number_text, technician_state_label, yes_no
from console.views.record_model import ALARM_COLOUR, GOOD_COLOUR, WARNING_COLOUR, Column


def _in_time(t: NearbyTechnician) -> str:
    return "—" if t.arrives_in_time is None else yes_no(t.arrives_in_time)


def _position(t: NearbyTechnician) -> str:
    if t.position_source == "home" or t.position_age is None:
        return QCoreApplication.translate("map", "home base")
    return QCoreApplication.translate("map", "%1 ago").replace("%1", duration_text(t.position_age))


def nearby_columns() -> list[Column]:
    return [
        Column(
            QCoreApplication.translate("map", "Technician"),
            lambda t: t.name,
            bold=lambda t: t.state == "free",
        ),
        Column(QCoreApplication.translate("map", "State"), lambda t: technician_state_label(t.state)),
        Column(
            QCoreApplication.translate("map", "Distance"),
            lambda t: QCoreApplication.translate("map", "%1 km").replace("%1", number_text(t.distance_km, 1)),
            numeric=True,
        ),
        Column(
            QCoreApplication.translate("map", "Travel"),
            lambda t: duration_text(timedelta(minutes=t.travel_minutes)),
            numeric=True,
        ),
        Column(QCoreApplication.translate("map", "Arrives"), lambda t: clock_text(t.eta.astimezone())),
        Column(
            QCoreApplication.translate("map", "Before the deadline"),
            _in_time,
            colour=lambda t: (
                None if t.arrives_in_time is None else (GOOD_COLOUR if t.arrives_in_time else ALARM_COLOUR)
            ),
        ),
        Column(
            QCoreApplication.translate("map", "Position"),
            _position,
            colour=lambda t: WARNING_COLOUR if t.position_source == "home" else None,
        ),
    ]
