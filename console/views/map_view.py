"""The technician map panel: Leaflet in a QWebEngineView, fed with data pushed from Python.

The page is built once from local files (see map_page.py); technicians and open tickets are sent
to it as JSON through `runJavaScript`, never as markup. When the change feed names moved
technicians or changed tickets, only those are fetched and their markers moved, recoloured or
removed (changes arriving close together are gathered for a moment first).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs
import shiboken6
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QCloseEvent
from PySide6.QtWebEngineCore import QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QVBoxLayout, QWidget

from console.services.field_positions import (
    SitePosition,
    TechnicianPosition,
    TicketPosition,
    open_ticket_positions,
    site_position,
    technician_positions,
)
from console.store.database import Database
from console.store.engine import APP_NAME
from console.views.background import run_in_background
from console.views.feed_bridge import FeedBridge
from console.views.labels import duration_text, sla_state_label, technician_state_label
from console.views.map_page import build_map_page
from console.views.selection import Selection

REFRESH_DELAY_MS = 300


class MapPanel(QWidget):
    def __init__(self, db: Database, feed: FeedBridge, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("map_panel")
        self.db = db
        self.ready = False
        self.loaded_once = False
        self.released = False
        self.view = QWebEngineView(self)
        self.view.setObjectName("map_view")
        settings = self.view.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, True)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self._pending_technicians: set[int] = set()
        self._pending_tickets: set[int] = set()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh_pending)
        self.view.loadFinished.connect(self._on_page_loaded)
        feed.changed.connect(self._on_changes)
        selection.ticket_selected.connect(self.focus_ticket)
        selection.site_selected.connect(self.focus_site)

    def load(self) -> None:
        page = build_map_page(
            Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "map" / "map.html"
        )
        self.view.load(QUrl.fromLocalFile(str(page)))

    def release(self) -> None:
        """Destroy the web view now: a page that outlives Qt's web profile crashes the process at exit."""
        if self.released:
            return
        self.released = True
        self.ready = False
        self._refresh_timer.stop()
        self.view.stop()
        shiboken6.delete(self.view)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.release()
        super().closeEvent(event)

    def run_js(self, script: str, callback: Callable[[Any], None] | None = None) -> None:
        if not self.ready:
            return
        if callback is None:
            self.view.page().runJavaScript(script)
        else:
            self.view.page().runJavaScript(script, 0, callback)

    def focus_ticket(self, ticket_id: int) -> None:
        self.run_js(f"window.consoleMap.focusTicket({int(ticket_id)});")

    def focus_site(self, site_id: int) -> None:
        """Centre on the site and ring it, with its name, client and address in a popup."""
        if self.ready:
            db = self.db
            run_in_background(lambda: site_position(db, site_id), self._show_site)

    def _show_site(self, site: SitePosition | None) -> None:
        if site is None:
            return
        data = {
            "name": site.name,
            "client": site.client,
            "address": site.address,
            "lat": site.latitude,
            "lon": site.longitude,
        }
        self.run_js(f"window.consoleMap.focusSite({json.dumps(data)});")

    def _on_page_loaded(self, ok: bool) -> None:
        self.ready = ok and not self.released
        if self.ready:
            db = self.db
            run_in_background(lambda: technician_positions(db), self._set_technicians)
            run_in_background(lambda: open_ticket_positions(db), self._set_tickets)

    def _technician_data(self, positions: list[TechnicianPosition]) -> list[dict[str, Any]]:
        now = datetime.now(UTC)
        return [
            {
                "id": p.id,
                "name": p.name,
                "state": p.state,
                "stateLabel": technician_state_label(p.state),
                "ageLabel": self.tr("position %1 ago").replace("%1", duration_text(now - p.reported_at))
                if p.reported_at
                else self.tr("no position reported"),
                "lat": p.latitude,
                "lon": p.longitude,
            }
            for p in positions
        ]

    def _ticket_data(self, positions: list[TicketPosition]) -> list[dict[str, Any]]:
        return [
            {
                "id": p.id,
                "number": p.number,
                "client": p.client,
                "address": p.address,
                "sla": p.sla_state,
                "slaLabel": sla_state_label(p.sla_state),
                "lat": p.latitude,
                "lon": p.longitude,
            }
            for p in positions
        ]

    def _set_technicians(self, positions: list[TechnicianPosition]) -> None:
        self.run_js(f"window.consoleMap.setTechnicians({json.dumps(self._technician_data(positions))});")

    def _set_tickets(self, positions: list[TicketPosition]) -> None:
        self.run_js(f"window.consoleMap.setTickets({json.dumps(self._ticket_data(positions))});")
        self.loaded_once = True

    def _update_technicians(self, result: tuple[set[int], list[TechnicianPosition]]) -> None:
        wanted, positions = result
        gone = sorted(wanted - {p.id for p in positions})
        data = json.dumps(self._technician_data(positions))
        self.run_js(f"window.consoleMap.updateTechnicians({data}, {json.dumps(gone)});")

    def _update_tickets(self, result: tuple[set[int], list[TicketPosition]]) -> None:
        wanted, positions = result
        gone = sorted(wanted - {p.id for p in positions})
        data = json.dumps(self._ticket_data(positions))
        self.run_js(f"window.consoleMap.updateTickets({data}, {json.dumps(gone)});")

    def _on_changes(self, by_entity: dict[str, set[int]], _changes: list[object]) -> None:
        if not self.ready:
            return
        self._pending_technicians |= by_entity.get("technicians", set())
        self._pending_tickets |= by_entity.get("tickets", set())
        if self._pending_technicians or self._pending_tickets:
            self._refresh_timer.start()

    def _refresh_pending(self) -> None:
        db = self.db
        technicians, self._pending_technicians = self._pending_technicians, set()
        tickets, self._pending_tickets = self._pending_tickets, set()
        if technicians:
            run_in_background(
                lambda: (technicians, technician_positions(db, technicians)), self._update_technicians
            )
        if tickets:
            run_in_background(lambda: (tickets, open_ticket_positions(db, tickets)), self._update_tickets)
