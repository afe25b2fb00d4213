"""The map works offline (Leaflet from installed files) and shows hostile names as text, never as markup."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from console.models import Client, Site, Technician, Ticket
from console.models.base import OPEN_STATUSES
from console.services.field_positions import report_position
from console.services.tickets import change_status
from console.store.database import Database
from console.views.feed_bridge import FeedBridge
from console.views.map_page import build_map_page
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
    assert sources and all(s.startswith("file://") for s in sources)
    assert "cdn" not in html.lower()
    assert "tile.openstreetmap.org" in html


def test_leaflet_runs_offline_and_draws_every_technician_and_open_ticket(
    qtbot: QtBot, demo_db: Database
) -> None:
    panel = _map_panel(qtbot, demo_db)
    assert _evaluate(qtbot, panel, "typeof L") == "object"
    with demo_db.session() as session:
        technicians = session.scalar(
            select(func.count()).select_from(Technician).where(Technician.active.is_(True))
        )
        tickets = session.scalar(
            select(func.count())
            .select_from(Ticket)
            .where(Ticket.status.in_(OPEN_STATUSES), Ticket.site_id.is_not(None))
        )
    qtbot.waitUntil(
        lambda: (
            json.loads(_evaluate(qtbot, panel, "JSON.stringify(window.consoleMap.counts())"))
            == {"technicians": technicians, "tickets": tickets}
        ),
        timeout=10_000,
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

        expected = [counts["technicians"], counts["tickets"] - 1]
        _wait_for_script(
            qtbot,
            panel,
            "JSON.stringify(Object.values(window.consoleMap.counts()))",
            lambda answer: json.loads(answer) == expected,
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
