"""A headless console for the concurrency tests, run as its own process: `python -m tests.edit_worker`.

`edits URL USER SEED COUNT OUT BARRIER`: follows the change stream like a console does (its own
copy of the shared tickets, refreshed from the changes it is told of) and makes COUNT random edits
through the ticket service, each over the version its copy shows. Every outcome is written to OUT
as a JSON line: accepted (with the version it made), conflict (the service refused a stale
version, which is what the user would be shown), offline (the database was away, nothing saved).
After its edits it waits for the file BARRIER (all consoles done), catches up and writes whether
its copy equals the database.

`stall URL MARKER`: starts registering a ticket and stops inside the transaction, after the ticket
and its history are flushed, writing MARKER so that the test can kill it there.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import event, select

from console.models import Ticket
from console.models.base import PRIORITIES
from console.services.tickets import TicketConflict, TicketDraft, create_ticket, update_ticket
from console.store.change_stream import ChangeStream, DatabaseAway
from console.store.changefeed import latest_id
from console.store.database import ConsoleSession, Database, open_database
from console.store.errors import is_connection_lost

Copy = dict[int, tuple[int, str, str]]


def _read(db: Database, ids: set[int] | None = None) -> Copy:
    query = select(Ticket.id, Ticket.version, Ticket.title, Ticket.priority)
    if ids is not None:
        query = query.where(Ticket.id.in_(ids))
    with db.session() as session:
        return {row.id: (row.version, row.title, row.priority) for row in session.execute(query)}


class Console:
    def __init__(self, db: Database, out: TextIO) -> None:
        self.db = db
        self.out = out
        self.stream = ChangeStream(db.engine)
        self.copy = _read(db)
        self.away = False

    def write(self, **line: Any) -> None:
        self.out.write(json.dumps(line) + "\n")
        self.out.flush()

    def follow(self, wait_s: float = 0.0) -> bool:
        """Apply what changed since the last look; False while the database is away."""
        try:
            changes = self.stream.next_batch(wait_s)
            changed = {c.entity_id for c in changes if c.entity == "tickets"} & set(self.copy)
            if changed:
                self.copy.update(_read(self.db, changed))
        except DatabaseAway:
            return self._lost()
        except Exception as exc:
            if not is_connection_lost(exc):
                raise
            return self._lost()
        if self.away:
            self.away = False
            self.write(event="back")
        return True

    def _lost(self) -> bool:
        if not self.away:
            self.away = True
            self.write(event="away")
        time.sleep(0.2)
        return False

    def edit(self, rng: random.Random, token: str) -> None:
        ticket_id = rng.choice(sorted(self.copy))
        version = self.copy[ticket_id][0]
        title, priority = f"Lift check {token}", rng.choice(PRIORITIES)
        try:
            made = update_ticket(
                self.db,
                ticket_id,
                expected_version=version,
                user_id=self.db.acting_user_id,
                title=title,
                priority=priority,
            )
        except TicketConflict:
            self.write(event="conflict", ticket=ticket_id, token=token, version=version)
            return
        except Exception as exc:
            if not is_connection_lost(exc):
                raise
            self.write(event="offline", ticket=ticket_id, token=token)
            time.sleep(0.5)
            return
        self.copy[ticket_id] = (made, title, priority)
        self.write(event="accepted", ticket=ticket_id, token=token, version=made)

    def catch_up(self) -> None:
        while True:
            try:
                target = latest_id(self.db.engine)
            except Exception as exc:
                if not is_connection_lost(exc):
                    raise
                time.sleep(0.2)
                continue
            while (self.stream.last_id or 0) < target:
                self.follow(0.2)
            return


def edits(url: str, user_id: int, seed: int, count: int, out_path: Path, barrier: Path) -> None:
    db = open_database(url, migrate=False)
    db.act_as(user_id)
    rng = random.Random(seed)
    with out_path.open("w", encoding="utf-8") as out:
        console = Console(db, out)
        for number in range(count):
            console.follow()
            console.edit(rng, f"u{user_id}-{number}")
        console.write(event="edits_done")
        while not barrier.exists():
            console.follow(0.2)
        console.catch_up()
        stored = _read(db)
        console.write(
            event="done",
            consistent=console.copy == stored,
            differing=sorted(i for i in stored if console.copy.get(i) != stored[i]),
        )
    db.dispose()


def stall(url: str, marker: Path) -> None:
    db = open_database(url, migrate=False)

    @event.listens_for(ConsoleSession, "after_flush")
    def _stop_here(session: Any, _context: Any) -> None:
        if any(isinstance(obj, Ticket) for obj in session.new):
            marker.write_text("flushed", encoding="utf-8")
            time.sleep(120)

    with db.session() as session:
        client_id, site_id = session.execute(select(Ticket.client_id, Ticket.site_id).limit(1)).one()
    create_ticket(db, TicketDraft(client_id=client_id, site_id=site_id, title="Half-saved ticket"))


def main(argv: list[str]) -> None:
    if argv[0] == "edits":
        edits(argv[1], int(argv[2]), int(argv[3]), int(argv[4]), Path(argv[5]), Path(argv[6]))
    elif argv[0] == "stall":
        stall(argv[1], Path(argv[2]))
    else:
        raise SystemExit(f"unknown mode {argv[0]!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
