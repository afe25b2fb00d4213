"""The shared server goes away under a working console, and comes back.

Through the real feed bridge and ticket dialog on a private PostgreSQL server: the console says
"offline" within 5 seconds, a save is refused with a plain message and the typed text stays, and
once the server is back the console is live again by itself and receives what was committed
meanwhile, and the same save goes through.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from console.models import Ticket
from console.services.tickets import TicketDraft, change_priority, create_ticket
from console.store.database import Database, open_database
from console.views.feed_bridge import LIVE, OFFLINE, FeedBridge
from console.views.ticket_dialog import TicketDialog
from tests import pg_server
from tests.services.maintenance_world import NOW, build_book

OFFLINE_WITHIN_S = 5.0


@pytest.fixture
def server() -> Iterator[pg_server.PrivateServer]:
    try:
        with pg_server.private_server() as running:
            yield running
    except RuntimeError as exc:
        if os.environ.get("CONSOLE_REQUIRE_PG") == "1":
            pytest.fail(f"PostgreSQL is required here: {exc}")
        pytest.skip(str(exc))


@pytest.fixture
def team_db(server: pg_server.PrivateServer) -> Iterator[Database]:
    db = open_database(pg_server.create_database(server.url, "team"))
    yield db
    db.dispose()


def test_offline_within_seconds_saves_refused_then_live_and_caught_up(
    qtbot: QtBot, server: pg_server.PrivateServer, team_db: Database
) -> None:
    book = build_book(team_db)
    ticket_id = create_ticket(
        team_db, TicketDraft(client_id=book.client, site_id=book.berlin, title="Lift stuck"), now=NOW
    )
    other = create_ticket(
        team_db, TicketDraft(client_id=book.client, site_id=book.berlin, title="Door"), now=NOW
    )
    feed = FeedBridge(team_db)
    states: list[tuple[float, str]] = []
    feed.state_changed.connect(lambda state: states.append((time.monotonic(), state)))
    received: list[set[int]] = []
    feed.changed.connect(lambda grouped, _changes: received.append(grouped.get("tickets", set())))
    feed.start()
    try:
        qtbot.waitUntil(lambda: feed.state == LIVE, timeout=10_000)
        dialog = TicketDialog(team_db, None, [], ticket_id)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.card is not None, timeout=10_000)

        stopped = time.monotonic()
        server.stop("fast")
        qtbot.waitUntil(lambda: feed.state == OFFLINE, timeout=int(OFFLINE_WITHIN_S * 1000))
        assert states[-1][0] - stopped < OFFLINE_WITHIN_S

        dialog.title.clear()
        qtbot.keyClicks(dialog.title, "Lift stuck on floor 3")
        dialog.save_edits()
        qtbot.waitUntil(lambda: dialog.errors["title"].isVisible(), timeout=15_000)
        assert "cannot be reached, so nothing was saved" in dialog.errors["title"].text()
        assert dialog.title.text() == "Lift stuck on floor 3"

        server.start()
        qtbot.waitUntil(lambda: feed.state == LIVE, timeout=10_000)
        writer = open_database(team_db.url.render_as_string(hide_password=False), migrate=False)
        try:
            with writer.session() as session:
                version = session.get_one(Ticket, other).version
            change_priority(writer, other, "critical", expected_version=version, now=NOW)
        finally:
            writer.dispose()
        qtbot.waitUntil(lambda: any(other in ids for ids in received), timeout=5_000)

        dialog.save_edits()
        qtbot.waitUntil(
            lambda: dialog.card is not None and dialog.card.title == "Lift stuck on floor 3", timeout=10_000
        )
        with team_db.session() as session:
            assert session.get_one(Ticket, ticket_id).title == "Lift stuck on floor 3"
    finally:
        feed.stop()


def test_a_server_that_stops_answering_is_offline_and_saves_are_refused_at_once(
    qtbot: QtBot, server: pg_server.PrivateServer, team_db: Database
) -> None:
    book = build_book(team_db)
    ticket_id = create_ticket(
        team_db, TicketDraft(client_id=book.client, site_id=book.berlin, title="Lift stuck"), now=NOW
    )
    feed = FeedBridge(team_db)
    feed.start()
    try:
        qtbot.waitUntil(lambda: feed.state == LIVE, timeout=10_000)
        dialog = TicketDialog(team_db, None, [], ticket_id)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.card is not None, timeout=10_000)

        frozen = time.monotonic()
        server.freeze()
        try:
            qtbot.waitUntil(lambda: feed.state == OFFLINE, timeout=int(OFFLINE_WITHIN_S * 1000))
            assert time.monotonic() - frozen < OFFLINE_WITHIN_S
            dialog.title.clear()
            qtbot.keyClicks(dialog.title, "Lift stuck on floor 3")
            asked = time.monotonic()
            dialog.save_edits()
            qtbot.waitUntil(lambda: dialog.errors["title"].isVisible(), timeout=2_000)
            assert time.monotonic() - asked < 2.0, "the save waited on a server that does not answer"
            assert "cannot be reached, so nothing was saved" in dialog.errors["title"].text()
        finally:
            server.thaw()
        qtbot.waitUntil(lambda: feed.state == LIVE, timeout=15_000)
        dialog.save_edits()
        qtbot.waitUntil(
            lambda: dialog.card is not None and dialog.card.title == "Lift stuck on floor 3", timeout=10_000
        )
    finally:
        feed.stop()
