"""The client panel on a very large client: 2,000 equipment units on 40 sites and 5,000 tickets.

The database is the 20,000-ticket demo plus that client, built once per run. Each sample shows
another client first (so nothing of the large one is on screen), then the large one, and times
through the real panel, offscreen: `client_panel.first_screen_ms` until the header and contracts
are shown (the hop to the thread pool and back included), and `client_panel.filled_ms` until the
sites, contacts and recent tickets are shown too.
"""

from __future__ import annotations

import atexit
import os
import random
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from benchmarks.harness import Benchmark
from console.models import (
    Client,
    ClientTier,
    Contact,
    Contract,
    EquipmentModel,
    Feedback,
    Invoice,
    Site,
    SlaPolicy,
    Ticket,
    contract_equipment,
    contract_sites,
)
from console.models.equipment import Equipment
from console.services.demo_data import build_demo_data
from console.store.database import Database, open_database

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SITES = 40
UNITS = 2_000
TICKETS = 5_000
SAMPLES = 15


def _large_client(db: Database) -> int:
    """Add the large client in one transaction; its id."""
    rng = random.Random(5)
    now = datetime.now(UTC).replace(microsecond=0)
    today = now.date()
    with db.transaction() as session:
        tier = session.scalars(select(ClientTier).order_by(ClientTier.rank)).first()
        policy = session.scalars(select(SlaPolicy)).first()
        models = session.scalars(select(EquipmentModel.id)).all()
        assert tier is not None and policy is not None
        client = Client(name="Гигант (сеть гипермаркетов)", legal_name="ПАО «Гигант»", tier_id=tier.id)
        session.add(client)
        session.flush()
        sites = [
            Site(
                client_id=client.id,
                name=f"Гипермаркет №{n}",
                address=f"Москва, ул. Широкая, д. {n}",
                territory="СВАО",
                latitude=55.6 + rng.random() * 0.3,
                longitude=37.4 + rng.random() * 0.4,
                timezone="Europe/Moscow",
            )
            for n in range(1, SITES + 1)
        ]
        session.add_all(sites)
        session.flush()
        session.add_all(
            Contact(client_id=client.id, full_name=f"Директор №{s.id}", scope="site", site_id=s.id)
            for s in sites
        )
        contract = Contract(
            client_id=client.id,
            number="ДС-ГИГАНТ",
            starts_on=today - timedelta(days=1500),
            ends_on=today + timedelta(days=200),
            subscription_fee=Decimal("2500000.00"),
            billing_unit="hours",
            unit_price=Decimal("3500.00"),
            sla_policy_id=policy.id,
        )
        session.add(contract)
        session.flush()
        connection = session.connection()
        first_unit = (session.scalars(select(Equipment.id).order_by(Equipment.id.desc())).first() or 0) + 1
        units = []
        for n in range(UNITS):
            site = sites[n % SITES]
            parent = first_unit + n - SITES if n >= SITES and rng.random() < 0.2 else None
            units.append(
                {
                    "id": first_unit + n,
                    "site_id": site.id,
                    "model_id": rng.choice(models),
                    "parent_id": parent,
                    "serial_number": f"GIG-{n:05d}",
                    "inventory_number": f"ИНВ-Г-{n:05d}",
                    "installed_on": today - timedelta(days=rng.randint(100, 3000)),
                    "version": 1,
                }
            )
        connection.execute(insert(Equipment), units)
        connection.execute(
            insert(contract_sites), [{"contract_id": contract.id, "site_id": s.id} for s in sites]
        )
        connection.execute(
            insert(contract_equipment), [{"contract_id": contract.id, "equipment_id": u["id"]} for u in units]
        )
        tickets = []
        for n in range(TICKETS):
            unit = units[rng.randrange(UNITS)]
            created = now - timedelta(minutes=rng.randint(60, 3 * 365 * 24 * 60))
            done = n >= 40
            tickets.append(
                {
                    "number": f"G-{n:06d}",
                    "client_id": client.id,
                    "site_id": unit["site_id"],
                    "equipment_id": unit["id"],
                    "contract_id": contract.id,
                    "category": "incident",
                    "priority": rng.choice(("high", "normal", "low")),
                    "channel": "phone",
                    "status": "closed" if done else "new",
                    "stage": "done" if done else "intake",
                    "title": "Не работает оборудование",
                    "description": "",
                    "billable": False,
                    "created_at": created,
                    "updated_at": created,
                    "resolved_at": created + timedelta(hours=rng.randint(1, 30)) if done else None,
                    "reaction_state": rng.choice(("met", "met", "met", "breached")),
                    "arrival_state": rng.choice(("met", "met", "breached")),
                    "resolution_state": rng.choice(("met", "met", "met", "breached")),
                    "sla_state": "met",
                    "version": 1,
                }
            )
        connection.execute(insert(Ticket), tickets)
        ticket_ids = session.scalars(select(Ticket.id).where(Ticket.client_id == client.id)).all()
        connection.execute(
            insert(Feedback),
            [
                {
                    "ticket_id": tid,
                    "client_id": client.id,
                    "score": rng.randint(2, 5),
                    "comment": "",
                    "received_at": now - timedelta(days=rng.randint(0, 365)),
                }
                for tid in ticket_ids[::5]
            ],
        )
        connection.execute(
            insert(Invoice),
            [
                {
                    "client_id": client.id,
                    "contract_id": contract.id,
                    "number": f"СЧ-ГИГ-{m:03d}",
                    "issued_on": today - timedelta(days=30 * m + 15),
                    "due_on": today - timedelta(days=30 * m),
                    "amount": Decimal("2500000.00"),
                    "paid_amount": Decimal("0.00") if m < 2 else Decimal("2500000.00"),
                    "version": 1,
                }
                for m in range(36)
            ],
        )
        return client.id


@cache
def _world() -> tuple[Database, int, int]:
    folder = tempfile.TemporaryDirectory(prefix="console-bench-client-")
    atexit.register(folder.cleanup)
    db = open_database(f"sqlite:///{Path(folder.name) / 'client.db'}")
    atexit.register(db.dispose)
    build_demo_data(db, tickets=20_000, seed=3)
    large = _large_client(db)
    with db.session() as session:
        other = session.scalars(select(Client.id).where(Client.id != large).order_by(Client.id)).first()
    assert other is not None
    return db, large, other


class _Desk:
    def __init__(self) -> None:
        from PySide6.QtWidgets import QApplication

        from console.views.client_panel import ClientPanel
        from console.views.feed_bridge import FeedBridge
        from console.views.selection import Selection

        self.app = QApplication.instance() or QApplication([])
        self.db, self.large, self.other = _world()
        self.panel = ClientPanel(self.db, FeedBridge(self.db), Selection())
        self.panel.resize(900, 800)
        self.panel.show()
        self.first: list[float] = []
        self.filled: list[float] = []
        self.panel.first_screen_shown.connect(lambda _id: self.first.append(time.perf_counter()))
        self.panel.filled.connect(lambda _id: self.filled.append(time.perf_counter()))

    def _wait(self, done: Callable[[], bool], timeout_s: float = 30) -> None:
        deadline = time.perf_counter() + timeout_s
        while not done():
            if time.perf_counter() > deadline:
                raise TimeoutError("the client panel did not answer in time")
            self.app.processEvents()
            time.sleep(0.0005)

    def sample(self) -> tuple[float, float]:
        """(first screen, filled) in milliseconds for the large client, after another one was shown."""
        self.filled.clear()
        self.panel.show_client(self.other)
        self._wait(lambda: bool(self.filled))
        self.first.clear()
        self.filled.clear()
        started = time.perf_counter()
        self.panel.show_client(self.large)
        self._wait(lambda: bool(self.first) and bool(self.filled))
        return (self.first[0] - started) * 1000, (self.filled[0] - started) * 1000


@cache
def _desk() -> _Desk:
    return _Desk()


def _median_of(pick: Callable[[tuple[float, float]], float]) -> float:
    desk = _desk()
    samples: list[Any] = sorted(pick(desk.sample()) for _ in range(SAMPLES))
    return float(samples[len(samples) // 2])


BENCHMARKS: list[Benchmark] = [
    Benchmark(name="client_panel.first_screen_ms", unit="ms", measure=lambda: _median_of(lambda s: s[0])),
    Benchmark(name="client_panel.filled_ms", unit="ms", measure=lambda: _median_of(lambda s: s[1])),
]
