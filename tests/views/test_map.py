"""The map works offline (Leaflet from installed files) and shows hostile names as text, never as markup."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from console.models import Client, Site, Technician, Ticket, Visit, technician_skills
from console.models.base import OPEN_STATUSES
from console.services.field_positions import open_ticket_positions, report_position
from console.services.tickets import change_status
from console.store.database import Database
from console.views.feed_bridge import FeedBridge
from console.views.map_page import build_map_page
from console.views.map_tiles_dialog import MapTilesDialog, tile_settings
from console.views.map_view import MapPanel
from console.views.selection import Selection

HOSTILE = "<img src=x onerror=alert(1)>"


def _evaluate(qtbot: QtBot, panel: MapPanel, script: str) -> Any:
    box: list[Any] = []
    panel.run_js(script, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10_000)
    return box[0]


def _wait_for_script(
    qtbot: QtBot, panel: MapPanel, script: str, accept: Callable[[Any], bool], timeout: int = 10_000
) -> Any:
    """Run the script again each time its answer comes back until `accept(answer)`; the last answer.

    The answer arrives asynchronously, so this polls without nesting one wait inside another.
    """
    answers: list[Any] = []
    asked = [False]

    def accepted() -> bool:
        if answers and accept(answers[-1]):
            return True
        if not asked[0] or answers:
            answers.clear()
            asked[0] = True
            panel.run_js(script, answers.append)
        return False

    qtbot.waitUntil(accepted, timeout=timeout)
    return answers[-1]


def _map_panel(qtbot: QtBot, db: Database, feed: FeedBridge | None = None) -> MapPanel:
    panel = MapPanel(db, feed or FeedBridge(db), Selection())
    qtbot.addWidget(panel)
    panel.resize(800, 600)
    panel.show()
    panel.load()
    qtbot.waitUntil(lambda: panel.ready, timeout=30_000)
    qtbot.waitUntil(lambda: panel.loaded_once, timeout=10_000)
    return panel


def test_the_page_loads_nothing_but_tiles_from_the_network(tmp_path: object) -> None:
    page = build_map_page(tmp_path / "map.html")  # type: ignore[operator]
    html = page.read_text(encoding="utf-8")
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith(("file://", "qrc:///")) for s in sources)
    assert "cdn" not in html.lower()
    assert "tile.openstreetmap.org" in html


def test_leaflet_runs_offline_and_draws_every_technician_and_open_ticket(
    qtbot: QtBot, demo_db: Database
) -> None:
    panel = _map_panel(qtbot, demo_db)
    assert _evaluate(qtbot, panel, "typeof L") == "object"
    scale = _evaluate(
        qtbot,
        panel,
        "JSON.stringify([...document.querySelectorAll('.leaflet-control-scale-line')].map(e => e.textContent))",
    )
    assert re.fullmatch(r'\["\d+ k?m"\]', scale), f"one scale bar, in metres or kilometres: {scale}"
    with demo_db.session() as session:
        technicians = session.scalar(
            select(func.count()).select_from(Technician).where(Technician.active.is_(True))
        )
        tickets = session.scalar(
            select(func.count())
            .select_from(Ticket)
            .where(Ticket.status.in_(OPEN_STATUSES), Ticket.site_id.is_not(None))
        )
    _wait_for_script(
        qtbot,
        panel,
        "JSON.stringify(window.consoleMap.counts())",
        lambda answer: (
            json.loads(answer)["technicians"] == technicians and json.loads(answer)["tickets"] == tickets
        ),
    )


def test_a_hostile_client_name_is_shown_as_text_and_runs_nothing(qtbot: QtBot, demo_db: Database) -> None:
    with demo_db.transaction() as session:
        ticket = session.scalars(
            select(Ticket).where(Ticket.status.in_(OPEN_STATUSES), Ticket.site_id.is_not(None)).limit(1)
        ).one()
        session.get_one(Client, ticket.client_id).name = HOSTILE
        ticket_id = ticket.id
        assert session.get_one(Site, ticket.site_id).latitude
    panel = _map_panel(qtbot, demo_db)
    _evaluate(qtbot, panel, "window.alerted = false; window.alert = () => { window.alerted = true; }; true")
    assert _evaluate(qtbot, panel, f"window.consoleMap.focusTicket({ticket_id})") is True
    popup_text = _evaluate(qtbot, panel, "document.querySelector('.console-popup').textContent")
    assert HOSTILE in popup_text
    assert _evaluate(qtbot, panel, "document.querySelectorAll('.console-popup img').length") == 0
    assert _evaluate(qtbot, panel, "window.alerted") is False


def test_markers_follow_the_change_feed_one_by_one(qtbot: QtBot, live_demo_db: Database) -> None:
    feed = FeedBridge(live_demo_db)
    feed.start()
    try:
        panel = _map_panel(qtbot, live_demo_db, feed)
        counts = json.loads(_evaluate(qtbot, panel, "JSON.stringify(window.consoleMap.counts())"))
        with live_demo_db.session() as session:
            ticket = session.scalars(
                select(Ticket).where(Ticket.status.in_(OPEN_STATUSES), Ticket.site_id.is_not(None)).limit(1)
            ).one()
            technician = session.scalars(select(Technician).where(Technician.active.is_(True)).limit(1)).one()
        change_status(live_demo_db, ticket.id, "closed", expected_version=ticket.version)
        report_position(live_demo_db, technician.id, 55.7, 37.5, datetime.now(UTC), "en_route")

        expected = (counts["technicians"], counts["tickets"] - 1)
        _wait_for_script(
            qtbot,
            panel,
            "JSON.stringify(window.consoleMap.counts())",
            lambda answer: (json.loads(answer)["technicians"], json.loads(answer)["tickets"]) == expected,
        )
        _wait_for_script(
            qtbot,
            panel,
            f"JSON.stringify(window.consoleMap.position('technicians', {technician.id}))",
            lambda answer: json.loads(answer) == [55.7, 37.5],
        )
        assert not _evaluate(qtbot, panel, f"window.consoleMap.ticketColour({ticket.id})")
    finally:
        feed.stop()


def test_selecting_a_site_rings_it_with_its_name_as_text(qtbot: QtBot, demo_db: Database) -> None:
    db = demo_db
    with db.transaction() as session:
        client = session.scalars(select(Client)).first()
        assert client is not None
        site = Site(
            client_id=client.id,
            name=HOSTILE,
            address="Tverskaya 1",
            latitude=55.76,
            longitude=37.61,
            timezone="Europe/Moscow",
        )
        session.add(site)
        session.flush()
        site_id = site.id
    selection = Selection()
    panel = MapPanel(db, FeedBridge(db), selection)
    qtbot.addWidget(panel)
    panel.resize(800, 600)
    panel.show()
    panel.load()
    qtbot.waitUntil(lambda: panel.ready, timeout=30_000)
    selection.select_site(site_id)
    answer = _wait_for_script(
        qtbot,
        panel,
        "JSON.stringify(window.consoleMap.focusedSite())",
        lambda text: text not in ("null", "", None),
    )
    ring = json.loads(answer)
    assert (round(ring["lat"], 2), round(ring["lon"], 2)) == (55.76, 37.61)
    assert HOSTILE in ring["text"] and "Tverskaya 1" in ring["text"]
    assert _evaluate(qtbot, panel, "document.querySelectorAll('.console-popup img').length") == 0


def test_selection_follows_the_map_and_the_map_follows_the_selection(
    qtbot: QtBot, live_demo_db: Database
) -> None:
    db = live_demo_db
    with db.session() as session:
        ticket = session.scalars(
            select(Ticket)
            .where(Ticket.status == "new", Ticket.site_id.is_not(None), Ticket.skill_id.is_not(None))
            .order_by(Ticket.id)
            .limit(1)
        ).one()
        visit = session.scalars(
            select(Visit).where(Visit.status == "planned").order_by(Visit.planned_start).limit(1)
        ).one()
        planned_total = session.scalar(
            select(func.count()).select_from(Visit).where(Visit.technician_id == visit.technician_id)
        )
    # Whoever has the skill is on shift now, whatever the time of day the test runs at.
    with db.transaction() as session:
        for technician in session.scalars(
            select(Technician).join(technician_skills).where(technician_skills.c.skill_id == ticket.skill_id)
        ):
            technician.calendar_id = None
            technician.state = "free"
        # ... and one visit is planned for right now, so today's route has a stop.
        planned = session.get_one(Visit, visit.id)
        planned.planned_start = datetime.now(UTC)
        planned.planned_end = planned.planned_start + timedelta(hours=1)
    selection = Selection()
    panel = MapPanel(db, FeedBridge(db), selection)
    qtbot.addWidget(panel)
    panel.resize(900, 700)
    panel.show()
    panel.load()
    qtbot.waitUntil(lambda: panel.loaded_once, timeout=30_000)

    # The queue selects a ticket: the map rings it and lists who can take it, nearest first.
    with qtbot.waitSignal(panel.nearest_shown, timeout=10_000):
        selection.select_ticket(ticket.id)
    nearby = panel.nearby
    assert nearby is not None and nearby.ticket_id == ticket.id
    assert panel.nearest.rowCount() == len(nearby.technicians) > 0
    minutes = [t.travel_minutes for t in nearby.technicians]
    assert minutes == sorted(minutes)
    assert ticket.number in panel.nearest_title.text()
    drawn = _wait_for_script(
        qtbot,
        panel,
        "JSON.stringify(window.consoleMap.counts())",
        lambda answer: json.loads(answer)["nearest"] == len(nearby.technicians),
    )
    assert json.loads(drawn)["nearest"] == panel.nearest.rowCount()

    # A click on a technician's marker selects the technician everywhere, and the day's route is drawn.
    with qtbot.waitSignal(panel.route_shown, timeout=10_000):
        assert (
            _evaluate(qtbot, panel, f"window.consoleMap.click('technicians', {visit.technician_id})") is True
        )
    assert selection.technician_id == visit.technician_id
    assert panel.route is not None and visit.id in [stop.visit_id for stop in panel.route.stops]
    assert planned_total >= len(panel.route.stops)

    # A click on a ticket's marker selects that ticket in the console.
    other = next(t.id for t in open_ticket_positions(db) if t.id != ticket.id)
    with qtbot.waitSignal(selection.ticket_selected, timeout=5_000) as picked:
        assert _evaluate(qtbot, panel, f"window.consoleMap.click('tickets', {other})") is True
    assert picked.args == [other]


def test_layers_are_toggled_and_remembered(qtbot: QtBot, demo_db: Database) -> None:
    panel = _map_panel(qtbot, demo_db)
    panel.layer_boxes["technicians"].setChecked(False)
    panel.layer_boxes["sites"].setChecked(True)
    with demo_db.session() as session:
        sites = session.scalar(select(func.count()).select_from(Site))
    answer = _wait_for_script(
        qtbot,
        panel,
        "JSON.stringify(window.consoleMap.counts())",
        lambda text: json.loads(text)["sites"] == sites and not json.loads(text)["visible"]["technicians"],
    )
    assert json.loads(answer)["visible"]["sites"] is True
    again = MapPanel(demo_db, FeedBridge(demo_db), Selection())
    qtbot.addWidget(again)
    assert not again.layer_boxes["technicians"].isChecked()
    assert again.layer_boxes["sites"].isChecked()
    again.release()


def test_tiles_are_configurable_and_a_bad_address_is_refused(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = MapTilesDialog()
    qtbot.addWidget(dialog)
    dialog.url.setText("https://tiles.example.com/{z}/{x}.png")
    assert dialog.save() is False
    assert not dialog.url_error.isHidden() and "{y}" in dialog.url_error.text()
    dialog.url.setText("https://tiles.example.com/{z}/{x}/{y}.png")
    dialog.attribution.setText("Example tiles")
    assert dialog.save() is True
    assert tile_settings() == ("https://tiles.example.com/{z}/{x}/{y}.png", "Example tiles")
    page = build_map_page(tmp_path / "map.html", tiles=tile_settings()[0], attribution=tile_settings()[1])
    html = page.read_text(encoding="utf-8")
    assert "tiles.example.com" in html and "tile.openstreetmap.org" not in html
