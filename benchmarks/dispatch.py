"""Ranking technicians for a ticket: `dispatch.rank_500_ms` (and, with the reads, `dispatch.suggest_500_ms`).

A demo database (SQLite, 10,000 tickets) is built once with 500 technicians, every one of whom is then
given the skill of an open ticket, so all 500 are ranked. Demo technicians have shift calendars and
visits around `now`. `rank_500_ms` times `suggestions.rank` on the loaded candidates (the scoring
alone); `suggest_500_ms` times `suggest_technicians` end to end (rules, ticket, candidates, shifts,
visits, history counts and the ranking), which is what the dispatcher waits for.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select

from benchmarks.harness import Benchmark, median_ms
from console.models import Technician, Ticket, technician_skills
from console.models.base import OPEN_STATUSES
from console.services.demo_data import DemoSize, build_demo_data
from console.services.dispatch_rules import DispatchRules
from console.services.field_zone import FIELD_TIMEZONE
from console.services.suggestions import load_candidates, rank, suggest_technicians, ticket_facts
from console.store.database import Database, open_database

TECHNICIANS = 500
NOW = datetime(2026, 11, 17, 8, 0, tzinfo=UTC)


@cache
def _world() -> tuple[Database, int]:
    folder = tempfile.mkdtemp(prefix="console-bench-dispatch-")
    db = open_database(f"sqlite:///{Path(folder) / 'dispatch.db'}")
    build_demo_data(
        db,
        now=NOW,
        size=DemoSize(clients=100, sites=500, equipment=2_000, technicians=TECHNICIANS, tickets=10_000),
    )
    with db.transaction() as session:
        ticket = session.scalars(
            select(Ticket)
            .where(
                Ticket.status.in_(OPEN_STATUSES), Ticket.skill_id.is_not(None), Ticket.site_id.is_not(None)
            )
            .order_by(Ticket.id)
            .limit(1)
        ).one()
        having = set(
            session.scalars(
                select(technician_skills.c.technician_id).where(
                    technician_skills.c.skill_id == ticket.skill_id
                )
            )
        )
        rows = [
            {"technician_id": tid, "skill_id": ticket.skill_id}
            for tid in session.scalars(select(Technician.id))
            if tid not in having
        ]
        if rows:
            session.execute(insert(technician_skills), rows)
        return db, ticket.id


@cache
def _loaded() -> tuple[Any, list[Any]]:
    db, ticket_id = _world()
    with db.session() as session:
        ticket = session.get_one(Ticket, ticket_id)
        candidates = load_candidates(session, ticket, NOW, DispatchRules(), ZoneInfo(FIELD_TIMEZONE))
        facts = ticket_facts(session, ticket)
    assert len(candidates) == TECHNICIANS, len(candidates)
    return facts, candidates


def _rank_ms() -> float:
    facts, candidates = _loaded()
    rules = DispatchRules()
    return median_ms(lambda: rank(facts, candidates, rules, NOW), calls=20)


def _suggest_ms() -> float:
    db, ticket_id = _world()
    result = suggest_technicians(db, ticket_id, now=NOW)
    assert len(result.suggestions) == TECHNICIANS
    return median_ms(lambda: suggest_technicians(db, ticket_id, now=NOW), calls=10)


BENCHMARKS = [
    Benchmark("dispatch.rank_500_ms", "ms", _rank_ms),
    Benchmark("dispatch.suggest_500_ms", "ms", _suggest_ms),
]
