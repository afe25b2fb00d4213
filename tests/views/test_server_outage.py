"""The shared server goes away under a working console, and comes back.

Through the real feed bridge and ticket dialog on a private PostgreSQL server: the console says
"offline" within 5 seconds, a save is refused with a plain message and the typed text stays, and
once the server is back the console is live again by itself and receives what was committed
meanwhile, and the same save goes through.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from pytestqt.qtbot import QtBot

from console.models import Ticket
from console.services.tickets import TicketDraft, change_priority, create_ticket
from console.store.database import Database, open_database
from console.views.feed_bridge import LIVE, OFFLINE, FeedBridge
from console.views.ticket_dialog import TicketDialog
from tests import pg_server
from tests.services.maintenance_world import NOW, Book, build_book

OFFLINE_WITHIN_S = 5.0


@dataclass
class Desk:
    """A console's feed and an open ticket dialog on a private server, and the server itself."""

    server: pg_server.PrivateServer
    db: Database
    feed: FeedBridge
    dialog: TicketDialog
    book: Book


@pytest.fixture
def desk(qtbot: QtBot, private_pg: pg_server.PrivateServer) -> Iterator[Desk]:
    db = open_database(pg_server.create_database(private_pg.url, "team"))
    book = build_book(db)
    ticket_id = create_ticket(
        db, TicketDraft(client_id=book.client, site_id=book.berlin, title="Lift stuck"), now=NOW
    )
    feed = FeedBridge(db)
    feed.start()
    try:
        qtbot.waitUntil(lambda: feed.state == LIVE, timeout=10_000)
        dialog = TicketDialog(db, None, [], ticket_id)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.card is not None, timeout=10_000)
        yield Desk(private_pg, db, feed, dialog, book)
    finally:
        feed.stop()
        db.dispose()


def _retitle(qtbot: QtBot, dialog: TicketDialog) -> None:
    dialog.title.clear()
    qtbot.keyClicks(dialog.title, "Lift stuck on floor 3")
    dialog.save_edits()


def _saved_after_all(qtbot: QtBot, desk: Desk) -> None:
    desk.dialog.save_edits()
    qtbot.waitUntil(
        lambda: desk.dialog.card is not None and desk.dialog.card.title == "Lift stuck on floor 3",
        timeout=10_000,
    )
    with desk.db.session() as session:
        assert session.get_one(Ticket, desk.dialog.ticket_id).title == "Lift stuck on floor 3"


def test_offline_within_seconds_saves_refused_then_live_and_caught_up(qtbot: QtBot, desk: Desk) -> None:
    other = create_ticket(
        desk.db, TicketDraft(client_id=desk.book.client, site_id=desk.book.berlin, title="Door"), now=NOW
    )
    received: list[set[int]] = []
    desk.feed.changed.connect(lambda grouped, _changes: received.append(grouped.get("tickets", set())))

    stopped = time.monotonic()
    desk.server.stop("fast")
    qtbot.waitUntil(lambda: desk.feed.state == OFFLINE, timeout=int(OFFLINE_WITHIN_S * 1000))
    assert time.monotonic() - stopped < OFFLINE_WITHIN_S
    _retitle(qtbot, desk.dialog)
    qtbot.waitUntil(lambda: desk.dialog.errors["title"].isVisible(), timeout=15_000)
    assert "cannot be reached, so nothing was saved" in desk.dialog.errors["title"].text()
    assert desk.dialog.title.text() == "Lift stuck on floor 3"

    desk.server.start()
    qtbot.waitUntil(lambda: desk.feed.state == LIVE, timeout=10_000)
    writer = open_database(desk.db.url.render_as_string(hide_password=False), migrate=False)
    try:
        with writer.session() as session:
            version = session.get_one(Ticket, other).version
        change_priority(writer, other, "critical", expected_version=version, now=NOW)
    finally:
        writer.dispose()
    qtbot.waitUntil(lambda: any(other in ids for ids in received), timeout=5_000)
    _saved_after_all(qtbot, desk)


def test_a_server_that_stops_answering_is_offline_and_saves_are_refused_at_once(
    qtbot: QtBot, desk: Desk
) -> None:
    frozen = time.monotonic()
    desk.server.freeze()
    try:
        qtbot.waitUntil(lambda: desk.feed.state == OFFLINE, timeout=int(OFFLINE_WITHIN_S * 1000))
        assert time.monotonic() - frozen < OFFLINE_WITHIN_S
        asked = time.monotonic()
        _retitle(qtbot, desk.dialog)
        qtbot.waitUntil(lambda: desk.dialog.errors["title"].isVisible(), timeout=2_000)
        assert time.monotonic() - asked < 2.0, "the save waited on a server that does not answer"
        assert "cannot be reached, so nothing was saved" in desk.dialog.errors["title"].text()
    finally:
        desk.server.thaw()
    qtbot.waitUntil(lambda: desk.feed.state == LIVE, timeout=15_000)
    _saved_after_all(qtbot, desk)
