"""The change feed: what one session commits, every reader sees, in order, and nothing that rolled back."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import time
from datetime import UTC, datetime

import pytest

from console.models import Client, ClientTier
from console.services.tickets import TicketDraft, create_ticket
from console.store.changefeed import ChangeFeedReader
from console.store.database import Database

_ranks = itertools.count(1)


def _client(db: Database, name: str = "Acme") -> int:
    with db.transaction() as session:
        tier = ClientTier(name=f"Tier {name}", rank=next(_ranks))
        session.add(tier)
        session.flush()
        client = Client(name=name, legal_name=f"{name} LLC", tier_id=tier.id)
        session.add(client)
        session.flush()
        return client.id


def test_inserts_updates_and_deletes_are_reported_in_commit_order(db: Database) -> None:
    reader = ChangeFeedReader(db.engine)
    client_id = _client(db)
    with db.transaction() as session:
        client = session.get_one(Client, client_id)
        client.phone = "+7 495 000-00-00"
    with db.transaction() as session:
        session.delete(session.get_one(Client, client_id))

    changes = reader.poll()
    client_changes = [(c.op, c.entity_id) for c in changes if c.entity == "clients"]
    assert client_changes == [("insert", client_id), ("update", client_id), ("delete", client_id)]
    assert [c.id for c in changes] == sorted(c.id for c in changes)
    assert all(c.origin == db.origin for c in changes)
    assert reader.poll() == []


def test_a_rolled_back_transaction_leaves_nothing_in_the_feed(db: Database) -> None:
    reader = ChangeFeedReader(db.engine)
    with pytest.raises(RuntimeError), db.transaction() as session:
        session.add(ClientTier(name="Ghost", rank=99))
        session.flush()
        raise RuntimeError("the user cancelled")
    assert reader.poll() == []


def test_an_unchanged_object_is_not_reported(db: Database) -> None:
    client_id = _client(db)
    reader = ChangeFeedReader(db.engine)
    with db.transaction() as session:
        client = session.get_one(Client, client_id)
        client.name = client.name
    assert reader.poll() == []


def test_a_reader_that_was_away_catches_up_on_everything(db: Database) -> None:
    reader = ChangeFeedReader(db.engine)
    ids = [_client(db, f"Client {n}") for n in range(5)]
    changes = [c for c in reader.poll() if c.entity == "clients"]
    assert [c.entity_id for c in changes] == ids


def test_a_second_process_sees_a_new_ticket_within_one_second(db: Database) -> None:
    client_id = _client(db)
    watcher = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "console",
            "watch",
            "--db",
            db.url.render_as_string(hide_password=False),
            "--count",
            "3",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert watcher.stdout is not None
        ready = json.loads(watcher.stdout.readline())
        assert ready["ready"] is True
        committed = time.time()
        ticket_id = create_ticket(
            db, TicketDraft(client_id=client_id, title="Lift stopped"), now=datetime.now(UTC)
        )
        seen = [json.loads(watcher.stdout.readline()) for _ in range(3)]
    finally:
        watcher.kill()
        watcher.wait()
    arrival = next(s for s in seen if s["entity"] == "tickets" and s["op"] == "insert")
    assert arrival["entity_id"] == ticket_id
    assert arrival["received"] - committed < 1.0
