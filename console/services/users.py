"""Who is at the console: the signed-in user as plain data."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from console.models import User
from console.store.database import Database


@dataclass(frozen=True, slots=True)
class UserInfo:
    id: int
    login: str
    full_name: str
    role: str


def local_user(db: Database, login: str, full_name: str | None = None) -> UserInfo:
    """The desk's own user, created on first use.

    On the single-desk SQLite file the desk's user owns the data and is an administrator. On a
    shared server a new user is a dispatcher, unless the team has no active administrator yet:
    then it is one, so that somebody can change the team's settings.
    """
    with db.transaction() as session:
        user = session.scalars(select(User).where(User.login == login)).one_or_none()
        owner = db.backend == "sqlite"
        if user is None:
            has_admin = session.scalar(
                select(User.id).where(User.role == "admin", User.active.is_(True)).limit(1)
            )
            role = "admin" if owner or has_admin is None else "dispatcher"
            user = User(login=login, full_name=full_name or login, role=role)
            session.add(user)
            session.flush()
        elif owner and user.role != "admin":
            user.role = "admin"
            session.flush()
        return UserInfo(user.id, user.login, user.full_name, user.role)
