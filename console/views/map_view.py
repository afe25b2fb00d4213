"""The technician map panel: Leaflet in a QWebEngineView, fed with data pushed from Python.

The page is built once from local files (see map_page.py); technicians, open tickets and sites are
sent to it as JSON through `runJavaScript`, never as markup, and drawn on a canvas. When the change
feed names moved technicians or changed tickets, only those are fetched and their markers moved,
recoloured or removed (changes arriving close together are gathered for a moment first). Clicks on
markers come back through Qt's web channel and select the ticket or technician in the whole
console. A selected ticket gets its nearest suitable technicians (drawn and listed); a selected
technician gets the day's route through its visits.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import platformdirs
import shiboken6
from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from console.services.field_positions import (
    SitePosition,
    open_ticket_positions,
    site_position,
    site_positions,
    technician_positions,
)
from console.services.field_zone import FIELD_TIMEZONE
from console.services.nearby import NearbyResult, RouteResult, nearest_technicians, technician_route
from console.store.database import Database
from console.store.engine import APP_NAME
from console.views.background import run_in_background
from console.views.equipment_tab import record_table
from console.views.feed_bridge import FeedBridge
from console.views.labels import clock_text
from console.views.map_bridge import MapBridge
from console.views.map_markers import (
    nearest_label,
    page_labels,
    site_marker,
    site_markers,
    technician_markers,
    ticket_markers,
)
from console.views.map_page import build_map_page
from console.views.map_tiles_dialog import MapTilesDialog, tile_settings
from console.views.nearby_columns import nearby_columns
from console.views.record_model import RecordTableModel
from console.views.selection import Selection

REFRESH_DELAY_MS = 300
LAYERS_SHOWN_BY_DEFAULT = {"technicians": True, "tickets": True, "sites": False, "routes": True}


def _js(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


# The scripts that push markers are built on the worker thread (reading, converting and encoding
# 5,000 tickets takes tens of milliseconds); the GUI thread only hands them to the page.


def _technicians_script(db: Database, ids: set[int] | None = None) -> str:
    positions = technician_positions(db, ids)
    data = _js(technician_markers(positions))
    if ids is None:
        return f"window.consoleMap.setTechnicians({data});"
    gone = sorted(ids - {p.id for p in positions})
    return f"window.consoleMap.updateTechnicians({data}, {_js(gone)});"


def _tickets_script(db: Database, ids: set[int] | None = None) -> str:
    positions = open_ticket_positions(db, ids)
    data = _js(ticket_markers(positions, datetime.now(UTC)))
    if ids is None:
        return f"window.consoleMap.setTickets({data});"
    gone = sorted(ids - {p.id for p in positions})
    return f"window.consoleMap.updateTickets({data}, {_js(gone)});"


def _sites_script(db: Database) -> str:
    return f"window.consoleMap.setSites({_js(site_markers(site_positions(db)))});"


class MapPanel(QWidget):
    nearest_shown = Signal(int)
    """The nearest technicians of this ticket are listed and drawn."""
    route_shown = Signal(int)
    """This technician's route for today is drawn."""

    def __init__(self, db: Database, feed: FeedBridge, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("map_panel")
        self.db = db
        self.selection = selection
        self.ready = False
        self.loaded_once = False
        """Technicians and tickets have both been sent to the page at least once."""
        self._pushed: set[str] = set()
        self.released = False
        self.sites_loaded = False
        self.nearby: NearbyResult | None = None
        self.route: RouteResult | None = None
        self.view = QWebEngineView(self)
        self.view.setObjectName("map_view")
        settings = self.view.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, True)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, True)
        self.bridge = MapBridge(self)
        self.channel = QWebChannel(self.view.page())
        self.channel.registerObject("consoleBridge", self.bridge)
        self.view.page().setWebChannel(self.channel)

        self.layer_boxes: dict[str, QCheckBox] = {}
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        stored = QSettings()
        for name, text in (
            ("technicians", self.tr("Technicians")),
            ("tickets", self.tr("Tickets")),
            ("sites", self.tr("Sites")),
            ("routes", self.tr("Routes and nearest")),
        ):
            box = QCheckBox(text, self)
            box.setObjectName(f"layer_{name}")
            shown = stored.value(f"map/layer_{name}", LAYERS_SHOWN_BY_DEFAULT[name], type=bool)
            box.setChecked(bool(shown))
            box.toggled.connect(lambda on, layer=name: self.show_layer(layer, on))
            self.layer_boxes[name] = box
            bar.addWidget(box)
        bar.addStretch(1)
        tiles = QPushButton(self.tr("Tiles…"), self)
        tiles.setObjectName("map_tiles")
        tiles.setToolTip(self.tr("Where the map's background comes from"))
        tiles.clicked.connect(self.edit_tiles)
        bar.addWidget(tiles)

        self.nearest_title = QLabel(self.tr("Select a ticket to see the nearest suitable technicians."), self)
        self.nearest_title.setObjectName("nearest_title")
        self.nearest_title.setWordWrap(True)
        self.nearest = RecordTableModel(nearby_columns(), self)
        self.nearest_view = record_table(self, "nearest_technicians", self.nearest)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(4, 0, 4, 0)
        lower_layout.addWidget(self.nearest_title)
        lower_layout.addWidget(self.nearest_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        splitter.setSizes([400, 110])
        self.view.setMinimumHeight(160)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        self._pending_technicians: set[int] = set()
        self._pending_tickets: set[int] = set()
        self._visits_changed = False
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh_pending)
        self.view.loadFinished.connect(self._on_page_loaded)
        self.bridge.ticket_clicked.connect(lambda ticket_id: self.selection.select_ticket(ticket_id))
        self.bridge.technician_clicked.connect(selection.select_technician)
        self.nearest_view.clicked.connect(self._on_nearest_clicked)
        feed.changed.connect(self._on_changes)
        selection.ticket_selected.connect(self.focus_ticket)
        selection.technician_selected.connect(self.focus_technician)
        selection.site_selected.connect(self.focus_site)

    # The page ------------------------------------------------------------------------------------------

    def load(self) -> None:
        url, attribution = tile_settings()
        page = build_map_page(
            Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "map" / "map.html",
            tiles=url,
            attribution=attribution,
        )
        self.ready = False
        self.sites_loaded = False
        self.view.load(QUrl.fromLocalFile(str(page)))

    def edit_tiles(self) -> MapTilesDialog:
        dialog = MapTilesDialog(self)
        dialog.accepted.connect(self.load)
        dialog.open()
        return dialog

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

    def _on_page_loaded(self, ok: bool) -> None:
        self.ready = ok and not self.released
        if not self.ready:
            return
        db = self.db
        self.run_js(f"window.consoleMap.setLabels({_js(page_labels())});")
        for name, box in self.layer_boxes.items():
            self.run_js(f"window.consoleMap.showLayer({_js(name)}, {_js(box.isChecked())});")
        run_in_background(lambda: _technicians_script(db), self._set_technicians)
        run_in_background(lambda: _tickets_script(db), self._set_tickets)
        if self.layer_boxes["sites"].isChecked():
            self._load_sites()

    def show_layer(self, name: str, visible: bool) -> None:
        QSettings().setValue(f"map/layer_{name}", visible)
        if name == "sites" and visible and not self.sites_loaded:
            self._load_sites()
        self.run_js(f"window.consoleMap.showLayer({_js(name)}, {_js(visible)});")
        if name == "routes":
            self.run_js(f"window.consoleMap.showLayer('nearest', {_js(visible)});")

    def _load_sites(self) -> None:
        self.sites_loaded = True
        db = self.db
        run_in_background(lambda: _sites_script(db), self.run_js)

    def _set_technicians(self, script: str) -> None:
        self.run_js(script)
        self._pushed.add("technicians")
        self.loaded_once = self._pushed >= {"technicians", "tickets"}

    def _set_tickets(self, script: str) -> None:
        self.run_js(script)
        self._pushed.add("tickets")
        self.loaded_once = self._pushed >= {"technicians", "tickets"}
        if self.selection.ticket_id is not None:
            self.focus_ticket(self.selection.ticket_id)

    # Selection ----------------------------------------------------------------------------------------

    def focus_ticket(self, ticket_id: int) -> None:
        """Centre on the ticket, ring it, and find the nearest technicians who can take it."""
        self.run_js(f"window.consoleMap.focusTicket({int(ticket_id)});")
        db = self.db
        run_in_background(lambda: nearest_technicians(db, ticket_id), self._show_nearest)

    def _show_nearest(self, result: NearbyResult | None) -> None:
        if result is not None and result.ticket_id != self.selection.ticket_id:
            return
        self.nearby = result
        if result is None:
            self.nearest.set_rows([])
            self.nearest_title.setText(self.tr("The selected ticket has no site on the map."))
            self.run_js("window.consoleMap.showNearest({lat: 0, lon: 0}, []);")
            return
        self.nearest.set_rows(list(result.technicians))
        title = self.tr("Nearest suitable technicians for %1").replace("%1", result.ticket_number)
        left_out = []
        if result.excluded_shift:
            left_out.append(self.tr("%1 off shift").replace("%1", str(result.excluded_shift)))
        if result.excluded_skill:
            left_out.append(self.tr("%1 without the skill").replace("%1", str(result.excluded_skill)))
        if not result.technicians:
            title = self.tr("No technician with the skill is on shift for %1").replace(
                "%1", result.ticket_number
            )
        self.nearest_title.setText(title + (f" ({', '.join(left_out)})" if left_out else ""))
        ticket = {"lat": result.site_latitude, "lon": result.site_longitude}
        lines = [
            {"id": t.id, "lat": t.latitude, "lon": t.longitude, "label": nearest_label(t)}
            for t in result.technicians
        ]
        self.run_js(f"window.consoleMap.showNearest({_js(ticket)}, {_js(lines)});")
        self.nearest_shown.emit(result.ticket_id)

    def _on_nearest_clicked(self, index: QModelIndex) -> None:
        self.selection.select_technician(self.nearest.record(index.row()).id)

    def focus_technician(self, technician_id: int) -> None:
        """Centre on the technician and draw today's route through the planned visits."""
        self.run_js(f"window.consoleMap.focusTechnician({int(technician_id)});")
        self._load_route(technician_id)

    def _load_route(self, technician_id: int) -> None:
        db, today = self.db, datetime.now(ZoneInfo(FIELD_TIMEZONE)).date()
        run_in_background(
            lambda: technician_route(db, technician_id, today, tz=FIELD_TIMEZONE), self._show_route
        )

    def _show_route(self, route: RouteResult) -> None:
        if route.technician_id != self.selection.technician_id:
            return
        self.route = route
        points = [{"lat": route.start.latitude, "lon": route.start.longitude, "label": route.technician_name}]
        for stop in route.stops:
            if stop.latitude is None or stop.longitude is None:
                continue
            when = clock_text(stop.planned_start.astimezone())
            label = f"{when} {stop.ticket_number} {stop.site_name or ''}".strip()
            points.append({"lat": stop.latitude, "lon": stop.longitude, "label": label})
        self.run_js(f"window.consoleMap.showRoute({_js({'points': points})});")
        self.route_shown.emit(route.technician_id)

    def focus_site(self, site_id: int) -> None:
        """Centre on the site and ring it, with its name, client and address in a popup."""
        if self.ready:
            db = self.db
            run_in_background(lambda: site_position(db, site_id), self._show_site)

    def _show_site(self, site: SitePosition | None) -> None:
        if site is not None:
            self.run_js(f"window.consoleMap.focusSite({_js(site_marker(site))});")

    # Live updates -------------------------------------------------------------------------------------

    def _on_changes(self, by_entity: dict[str, set[int]], _changes: list[object]) -> None:
        if not self.ready:
            return
        self._pending_technicians |= by_entity.get("technicians", set())
        self._pending_tickets |= by_entity.get("tickets", set())
        self._visits_changed |= "visits" in by_entity
        if self._pending_technicians or self._pending_tickets or self._visits_changed:
            self._refresh_timer.start()

    def _refresh_pending(self) -> None:
        db = self.db
        technicians, self._pending_technicians = self._pending_technicians, set()
        tickets, self._pending_tickets = self._pending_tickets, set()
        visits, self._visits_changed = self._visits_changed, False
        if technicians:
            run_in_background(lambda: _technicians_script(db, technicians), self.run_js)
        if tickets:
            run_in_background(lambda: _tickets_script(db, tickets), self.run_js)
        ticket_id, technician_id = self.selection.ticket_id, self.selection.technician_id
        if ticket_id is not None and (technicians or ticket_id in tickets):
            run_in_background(lambda: nearest_technicians(db, ticket_id), self._show_nearest)
        if technician_id is not None and (visits or technician_id in technicians):
            self._load_route(technician_id)
