"""A console killed in the middle of registering a ticket leaves nothing of it behind.

The worker (tests/edit_worker.py, mode "stall") stops inside the save's transaction after the
ticket, its history, its change-feed entry and its audit entries were written, and is killed there.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from console.models import AuditEntry, ChangeLogEntry, Ticket, TicketHistory
from console.services.tickets import TicketDraft, create_ticket
from console.store.database import Database, open_database
from tests.services.maintenance_world import NOW, build_book

ROOT = Path(__file__).resolve().parents[2]


def _counts(url: str) -> dict[str, int]:
    db = open_database(url, migrate=False)
    try:
        with db.session() as session:
            counts = {
                model.__tablename__: int(session.scalar(select(func.count()).select_from(model)) or 0)
                for model in (Ticket, TicketHistory, ChangeLogEntry, AuditEntry)
            }
            counts["half-saved"] = int(
                session.scalar(select(func.count()).where(Ticket.title == "Half-saved ticket")) or 0
            )
            return counts
    finally:
        db.dispose()


def test_a_console_killed_mid_save_leaves_no_partial_ticket(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    book = build_book(db)
    create_ticket(db, TicketDraft(client_id=book.client, site_id=book.berlin, title="Lift 1"), now=NOW)
    before = _counts(database_url)
    marker = tmp_path / "flushed"
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.edit_worker", "stall", database_url, str(marker)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert worker.poll() is None, worker.communicate()[1]
            assert time.monotonic() < deadline, "the worker never reached the middle of its save"
            time.sleep(0.05)
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL
    after = _counts(database_url)
    assert after == before and after["half-saved"] == 0
    # The database is usable at once: the next registration goes through.
    create_ticket(db, TicketDraft(client_id=book.client, site_id=book.berlin, title="Lift 2"), now=NOW)
    assert _counts(database_url)["tickets"] == before["tickets"] + 1
