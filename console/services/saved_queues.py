"""A dispatcher's own queues: a base queue and a filter, saved under a name in the database.

They are kept per user in the database, not in the desktop's settings, so they follow the
dispatcher to any desk of a shared installation. Relative periods ("last 24 hours") stay relative.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from console.errors import QT_TRANSLATE_NOOP, ConsoleError
from console.models import SavedQueue
from console.services.queues import Queue, QueueFilter
from console.store.database import Database

NAME_MAX = 80


class InvalidQueueName(ConsoleError):
    """The name cannot be used; nothing was saved."""


def _encode(queue: Queue, flt: QueueFilter) -> str:
    values: dict[str, Any] = asdict(flt)
    for key in ("created_from", "created_to"):
        moment = values[key]
        values[key] = moment.isoformat() if moment is not None else None
    return json.dumps({"base": queue.base, "skill_id": queue.skill_id, "filter": values}, ensure_ascii=False)


def _decode(record: SavedQueue) -> Queue:
    data = json.loads(record.filter_json)
    values = dict(data.get("filter", {}))
    for key in ("created_from", "created_to"):
        if values.get(key):
            values[key] = datetime.fromisoformat(values[key])
    known = set(QueueFilter.__dataclass_fields__)
    return Queue(
        key=f"saved:{record.id}",
        title=record.name,
        base=data.get("base", "open"),
        translatable=False,
        skill_id=data.get("skill_id"),
        user_id=record.user_id,
        filter=QueueFilter(**{k: v for k, v in values.items() if k in known}),
        saved_id=record.id,
    )


def save_queue(db: Database, user_id: int, name: str, base: Queue, flt: QueueFilter) -> Queue:
    """Save `base` narrowed by `flt` as the user's queue `name`; returns it, ready for a tab."""
    clean = name.strip()
    if not clean:
        raise InvalidQueueName(QT_TRANSLATE_NOOP("errors", "Give the queue a name."))
    if len(clean) > NAME_MAX:
        raise InvalidQueueName(
            QT_TRANSLATE_NOOP("errors", "The name is longer than {limit} characters."), limit=NAME_MAX
        )
    combined = _merge(base.filter, flt)
    try:
        with db.transaction() as session:
            position = session.scalar(
                select(func.coalesce(func.max(SavedQueue.position), 0)).where(SavedQueue.user_id == user_id)
            )
            record = SavedQueue(
                user_id=user_id,
                name=clean,
                filter_json=_encode(base, combined),
                position=int(position or 0) + 1,
            )
            session.add(record)
            session.flush()
            return _decode(record)
    except IntegrityError as exc:
        raise InvalidQueueName(
            QT_TRANSLATE_NOOP("errors", "You already have a queue named “{name}”."), name=clean
        ) from exc


def _merge(saved: QueueFilter, extra: QueueFilter) -> QueueFilter:
    """A filter on top of a saved queue's own: the newer field wins where both are set."""
    values = asdict(saved)
    for key, value in asdict(extra).items():
        if value not in (None, "", "any"):
            values[key] = value
    return QueueFilter(**values)


def saved_queues(db: Database, user_id: int) -> list[Queue]:
    """The user's queues in the order they were saved."""
    with db.session() as session:
        records = session.scalars(
            select(SavedQueue)
            .where(SavedQueue.user_id == user_id)
            .order_by(SavedQueue.position, SavedQueue.id)
        ).all()
        return [_decode(record) for record in records]


def delete_saved_queue(db: Database, user_id: int, saved_id: int) -> bool:
    """Delete one of the user's queues; False when it was not theirs or is already gone."""
    with db.transaction() as session:
        result = session.execute(
            delete(SavedQueue).where(SavedQueue.id == saved_id, SavedQueue.user_id == user_id)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]
