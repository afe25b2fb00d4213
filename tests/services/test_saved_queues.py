"""A dispatcher's own queues are kept per user in the database, names checked, periods kept relative."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from console.services.queues import QueueFilter, queue_by_key, queue_count, skill_queues
from console.services.saved_queues import InvalidQueueName, delete_saved_queue, save_queue, saved_queues
from console.services.users import local_user
from console.store.database import Database


def test_saved_queues_come_back_with_their_base_and_filter(db: Database) -> None:
    me = local_user(db, "anna", "Anna").id
    other = local_user(db, "boris", "Boris").id
    flt = QueueFilter(
        text="лифт", priority="high", period="custom", created_from=datetime(2026, 11, 1, tzinfo=UTC)
    )
    saved = save_queue(db, me, "  Lifts, urgent ", queue_by_key("unassigned"), flt)
    assert saved.title == "Lifts, urgent" and saved.key == f"saved:{saved.saved_id}"
    save_queue(db, me, "Last day", queue_by_key("open"), QueueFilter(period="24h"))

    mine = saved_queues(db, me)
    assert [q.title for q in mine] == ["Lifts, urgent", "Last day"]
    assert mine[0].base == "unassigned" and mine[0].filter == flt and not mine[0].translatable
    assert mine[1].filter.period == "24h" and mine[1].filter.created_from is None
    assert saved_queues(db, other) == []
    assert queue_count(db, mine[0]) == 0  # an empty database, but the saved condition runs


def test_a_saved_skill_queue_keeps_its_skill(demo_db: Database) -> None:
    me = local_user(demo_db, "anna", "Anna").id
    skill = skill_queues(demo_db)[0]
    saved = save_queue(demo_db, me, "My skill", skill, QueueFilter(priority="normal"))
    again = saved_queues(demo_db, me)[0]
    assert again.skill_id == skill.skill_id and again.base == "skill"
    assert queue_count(demo_db, again) == queue_count(demo_db, skill, QueueFilter(priority="normal"))
    assert saved.filter == again.filter


@pytest.mark.parametrize(
    ("name", "message"),
    [("   ", "Give the queue a name."), ("x" * 81, "longer than 80"), ("Mine", "already have a queue named")],
)
def test_bad_names_are_refused_and_nothing_is_saved(db: Database, name: str, message: str) -> None:
    me = local_user(db, "anna", "Anna").id
    save_queue(db, me, "Mine", queue_by_key("open"), QueueFilter())
    with pytest.raises(InvalidQueueName, match=message):
        save_queue(db, me, name, queue_by_key("open"), QueueFilter(priority="low"))
    assert [q.title for q in saved_queues(db, me)] == ["Mine"]


def test_only_the_owner_deletes_a_queue(db: Database) -> None:
    me = local_user(db, "anna", "Anna").id
    other = local_user(db, "boris", "Boris").id
    saved = save_queue(db, me, "Mine", queue_by_key("open"), QueueFilter())
    assert saved.saved_id is not None
    assert not delete_saved_queue(db, other, saved.saved_id)
    assert delete_saved_queue(db, me, saved.saved_id)
    assert saved_queues(db, me) == []
