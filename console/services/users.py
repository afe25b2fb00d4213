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
    """The desk's own user on the single-desk database, created as a dispatcher on first use."""
    with db.transaction() as session:
        user = session.scalars(select(User).where(User.login == login)).one_or_none()
        if user is None:
            user = User(login=login, full_name=full_name or login, role="dispatcher")
            session.add(user)
            session.flush()
        return UserInfo(user.id, user.login, user.full_name, user.role)
