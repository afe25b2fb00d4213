"""Reading and writing the team's settings documents (`shared_settings`), one versioned row per key.

Every team setting (dispatch rules, company details) is saved the same way: the row is locked, its
version must still be the one the editor read (0 for a setting never saved), and the first save of
a key racing another console's first save is a conflict too, through the key's uniqueness.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from console.models import SharedSetting
from console.models.base import utcnow
from console.store.database import Database


def read_setting(session: Session, key: str) -> tuple[str, int] | None:
    """The stored document of `key` and its version, or None when it was never saved."""
    row = session.get(SharedSetting, key)
    return None if row is None else (row.value, row.version)


def write_setting(
    db: Database,
    key: str,
    value: str,
    *,
    expected_version: int,
    user_id: int | None,
    conflict: Callable[[], Exception],
    check: Callable[[Session], None],
) -> int:
    """Store `value` under `key` in one transaction and return the new version.

    `check(session)` runs first in that transaction (the caller's access check) and may refuse.
    Raises `conflict()` when the stored version is no longer `expected_version`; nothing is saved.
    """
    try:
        with db.transaction() as session:
            check(session)
            row = session.get(SharedSetting, key, with_for_update=True)
            if (0 if row is None else row.version) != expected_version:
                raise conflict()
            if row is None:
                row = SharedSetting(key=key, value=value, updated_by_id=user_id)
                session.add(row)
            else:
                row.value = value
                row.updated_at = utcnow()
                row.updated_by_id = user_id
            session.flush()
            return row.version
    except IntegrityError as exc:  # another console saved the first version at the same moment
        raise conflict() from exc
