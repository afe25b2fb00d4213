"""Queues are filtered, sorted and paged by the database, and say where changed tickets stand now."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from console.models import Client, Ticket
from console.models.base import OPEN_STATUSES, PRIORITIES, WAITING_STATUSES
from console.services.demo_data import build_demo_data
from console.services.queues import (
    SORT_COLUMNS,
    Queue,
    QueueFilter,
    QueueSort,
    my_queue,
    queue_by_key,
    queue_changes,
    queue_count,
    queue_counts,
    queue_page,
    skill_queues,
)
from console.services.tickets import assign_technician, change_status
from console.store.database import Database
from tests.conftest import DEMO_NOW, SMALL

ALL = 10_000


@pytest.fixture
def queues_db(db: Database) -> Database:
    """The small demo set on each backend."""
    build_demo_data(db, tickets=SMALL.tickets, seed=7, now=DEMO_NOW, size=SMALL)
    return db


def _all(db: Database, queue: Queue, flt: QueueFilter | None = None, sort: QueueSort | None = None) -> list:
    return queue_page(db, queue, flt, sort, limit=ALL).rows


def test_queues_hold_what_their_names_say(queues_db: Database) -> None:
    open_rows = _all(queues_db, queue_by_key("open"))
    with queues_db.session() as session:
        expected_open = session.scalar(
            select(func.count()).select_from(Ticket).where(Ticket.status.in_(OPEN_STATUSES))
        )
    assert len(open_rows) == expected_open == queue_count(queues_db, queue_by_key("open"))
    unassigned = _all(queues_db, queue_by_key("unassigned"))
    assert unassigned and all(r.technician_id is None and r.status in OPEN_STATUSES for r in unassigned)
    waiting = _all(queues_db, queue_by_key("waiting"))
    assert waiting and all(r.status in WAITING_STATUSES for r in waiting)
    at_risk = _all(queues_db, queue_by_key("at_risk"))
    assert at_risk and all(r.sla_state in ("warning", "critical", "breached") for r in at_risk)
    maintenance = _all(queues_db, queue_by_key("maintenance"))
    assert maintenance and all(r.category == "maintenance" for r in maintenance)
    deadlines = [r.resolution_due_at for r in open_rows if r.resolution_due_at is not None]
    assert deadlines == sorted(deadlines), "most urgent deadline first by default"
    by_skill = skill_queues(queues_db)
    assert len(by_skill) == 10
    for queue in by_skill:
        rows = _all(queues_db, queue)
        assert all(r.skill == queue.title for r in rows)
    assert sum(len(_all(queues_db, q)) for q in by_skill) == sum(1 for r in open_rows if r.skill is not None)


def test_my_tickets_are_the_open_ones_i_registered(queues_db: Database) -> None:
    with queues_db.transaction() as session:
        ids = session.scalars(select(Ticket.id).where(Ticket.status.in_(OPEN_STATUSES)).limit(3)).all()
        session.execute(update(Ticket).where(Ticket.id.in_(ids)).values(created_by_id=1))
        session.execute(update(Ticket).where(Ticket.id.not_in(ids)).values(created_by_id=None))
    assert sorted(r.id for r in _all(queues_db, my_queue(1))) == sorted(ids)
    assert _all(queues_db, my_queue(2)) == []


@pytest.mark.parametrize("column", SORT_COLUMNS)
def test_every_column_sorts_both_ways_with_pages_that_join_up(queues_db: Database, column: str) -> None:
    queue = queue_by_key("open")
    for descending in (False, True):
        sort = QueueSort(column, descending)
        whole = _all(queues_db, queue, sort=sort)
        pages = []
        for offset in range(0, len(whole), 25):
            page = queue_page(queues_db, queue, sort=sort, offset=offset, limit=25)
            assert page.total == len(whole)
            pages.extend(page.rows)
        assert [r.id for r in pages] == [r.id for r in whole], "pages follow one stable order"
        assert len({r.id for r in whole}) == len(whole)
        keys = {
            "number": lambda r: r.id,
            "priority": lambda r: PRIORITIES.index(r.priority),
            "age": lambda r: -r.created_at.timestamp(),
            "client": lambda r: r.client,
        }
        if column in keys:
            values = [keys[column](r) for r in whole]
            if column == "client" and queues_db.engine.dialect.name != "sqlite":
                continue  # PostgreSQL orders text by its collation, not by code point
            assert values == sorted(values, reverse=descending)
        if column == "sla":
            due = [r.resolution_due_at for r in whole]
            present = [d for d in due if d is not None]
            assert present == sorted(present, reverse=descending)
            assert due[: len(present)] == present, "tickets without a deadline go last either way"


def test_filters_narrow_the_queue_in_the_database(queues_db: Database) -> None:
    queue = queue_by_key("open")
    rows = _all(queues_db, queue)
    sample = next(r for r in rows if r.technician_id is not None and r.site_id is not None)
    checks = [
        (QueueFilter(client_id=sample.client_id), lambda r: r.client_id == sample.client_id),
        (QueueFilter(site_id=sample.site_id), lambda r: r.site_id == sample.site_id),
        (QueueFilter(priority="high"), lambda r: r.priority == "high"),
        (QueueFilter(status="assigned"), lambda r: r.status == "assigned"),
        (QueueFilter(technician_id=sample.technician_id), lambda r: r.technician_id == sample.technician_id),
        (QueueFilter(technician_id=0), lambda r: r.technician_id is None),
    ]
    for flt, expected in checks:
        got = _all(queues_db, queue, flt)
        assert got, flt
        assert [r.id for r in got] == [r.id for r in rows if expected(r)], flt
        assert queue_count(queues_db, queue, flt) == len(got)


def test_text_search_matches_every_word_in_any_column_and_any_case(queues_db: Database) -> None:
    queue = queue_by_key("open")
    rows = _all(queues_db, queue)
    sample = rows[0]
    assert [r.id for r in _all(queues_db, queue, QueueFilter(text=sample.number))] == [sample.id]
    client_word = sample.client.split()[-1]
    found = _all(queues_db, queue, QueueFilter(text=client_word.lower()))
    assert sample.id in {r.id for r in found}
    assert all(
        client_word.lower()
        in " ".join([r.number, r.title, r.client, r.site or "", r.technician or ""]).lower()
        for r in found
    )
    both = _all(queues_db, queue, QueueFilter(text=f"{client_word} {sample.number}"))
    assert [r.id for r in both] == [sample.id]
    assert _all(queues_db, queue, QueueFilter(text="100%_no such thing")) == []


def test_created_period_filters(queues_db: Database) -> None:
    queue = Queue("everything", "Everything", "all")
    newest = _all(queues_db, queue, sort=QueueSort("age"))[0]
    start = newest.created_at - timedelta(hours=1)
    ranged = _all(
        queues_db,
        queue,
        QueueFilter(period="custom", created_from=start, created_to=newest.created_at + timedelta(seconds=1)),
    )
    assert ranged and all(start <= r.created_at <= newest.created_at for r in ranged)
    assert newest.id in {r.id for r in ranged}
    assert QueueFilter(period="24h").created_range(DEMO_NOW) == (DEMO_NOW - timedelta(hours=24), None)
    today_start, _ = QueueFilter(period="today").created_range(datetime(2026, 11, 18, 23, 0, tzinfo=UTC))
    assert today_start is not None and today_start.astimezone().hour == 0
    with pytest.raises(ValueError):
        QueueFilter(period="fortnight")


def test_changes_say_who_joined_who_left_and_where_they_rank(queues_db: Database) -> None:
    unassigned = queue_by_key("unassigned")
    rows = _all(queues_db, unassigned)
    leaving, staying = rows[0], rows[1]
    with queues_db.session() as session:
        technician_id = session.scalar(
            select(Ticket.technician_id).where(Ticket.technician_id.is_not(None)).limit(1)
        )
    assign_technician(queues_db, leaving.id, technician_id, expected_version=leaving.version)

    changes = queue_changes(queues_db, unassigned, {leaving.id, staying.id})
    assert [(rank, row.id) for rank, row in changes.ranked] == [(0, staying.id)]
    assert changes.gone == {leaving.id}
    assert changes.total == len(rows) - 1

    waiting = queue_by_key("waiting")
    with queues_db.session() as session:
        version = session.get_one(Ticket, leaving.id).version
    change_status(queues_db, leaving.id, "waiting_client", expected_version=version)
    joined = queue_changes(queues_db, waiting, {leaving.id})
    expected_rank = [r.id for r in _all(queues_db, waiting)].index(leaving.id)
    assert [(rank, row.id, row.status) for rank, row in joined.ranked] == [
        (expected_rank, leaving.id, "waiting_client")
    ]
    assert queue_changes(queues_db, waiting, set()).ranked == []


def test_ranks_follow_the_sort_and_filter(queues_db: Database) -> None:
    queue = queue_by_key("open")
    sort = QueueSort("client", descending=True)
    flt = QueueFilter(priority="normal")
    rows = _all(queues_db, queue, flt, sort)
    picked = {rows[3].id, rows[-1].id}
    changes = queue_changes(queues_db, queue, picked | {rows[0].id}, flt, sort)
    assert [(rank, row.id) for rank, row in changes.ranked] == [
        (0, rows[0].id),
        (3, rows[3].id),
        (len(rows) - 1, rows[-1].id),
    ]
    assert changes.total == len(rows)


def test_counts_for_many_queues_in_one_read(queues_db: Database) -> None:
    queues = [*(queue_by_key(k) for k in ("open", "unassigned", "at_risk", "waiting", "maintenance"))]
    queues += skill_queues(queues_db)
    with queues_db.session() as session:
        client_name = session.scalars(select(Client.name).order_by(Client.id)).first()
    assert client_name is not None
    saved = Queue("saved:1", "Mine", "all", translatable=False, filter=QueueFilter(text=client_name))
    counts = queue_counts(queues_db, [*queues, saved])
    for queue in [*queues, saved]:
        assert counts[queue.key] == queue_count(queues_db, queue), queue.key
    assert counts["saved:1"] > 0
