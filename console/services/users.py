"""Who is at the console: signing in, the desk's own user, and the administrators' user list.

On the single-desk SQLite file the desk's user is signed in automatically (`local_user`). A shared
server asks for a login and password (`sign_in`); only salted argon2id hashes are stored
(passwords.py). A server with no passwords yet lets the first person to connect choose the
administrator's (`create_first_admin`). Administrators add users, change roles, reset passwords
and disable accounts (`save_user`); the team always keeps an active administrator, and a user is
disabled rather than deleted so that the audit log keeps naming them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import select, text
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from console.errors import QT_TRANSLATE_NOOP, ConsoleError
from console.models import User
from console.models.base import ROLES
from console.services.access import require
from console.services.passwords import hash_password, needs_rehash, password_matches
from console.store.database import Database

MIN_PASSWORD: Final = 8
LOGIN_PATTERN: Final = re.compile(r"[A-Za-z0-9._@-]{2,64}")
FULL_NAME_MAX: Final = 200


@dataclass(frozen=True, slots=True)
class UserInfo:
    id: int
    login: str
    full_name: str
    role: str


@dataclass(frozen=True, slots=True)
class UserRecord:
    """A user as the administrators' list shows it."""

    id: int
    login: str
    full_name: str
    role: str
    email: str | None
    phone: str | None
    active: bool
    has_password: bool
    version: int


@dataclass(frozen=True, slots=True)
class UserDraft:
    """A user as an administrator edits it; `password` None keeps the current one."""

    login: str
    full_name: str
    role: str
    email: str | None = None
    phone: str | None = None
    active: bool = True
    password: str | None = None


class SignInRefused(ConsoleError):
    """Wrong login or password, or a disabled account: one message, so logins cannot be probed."""

    context = "users"

    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("users", "The login or the password is wrong."))


class UserRejected(ConsoleError):
    """A user's field cannot be saved; `field` names it so that a form can point at it."""

    context = "users"

    def __init__(self, name: str, template: str, **params: Any) -> None:
        self.field = name
        super().__init__(template, **params)


class UserConflict(ConsoleError):
    """The user was changed by someone else since the caller read it."""

    context = "users"

    def __init__(self, login: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "users",
                "User {login} was changed by someone else since you opened it; reload and make your "
                "change again.",
            ),
            login=login,
        )


def _info(user: User) -> UserInfo:
    return UserInfo(user.id, user.login, user.full_name, user.role)


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
        return _info(user)


def sign_in(db: Database, login: str, password: str) -> UserInfo:
    """The active user with this login and password; SignInRefused otherwise.

    A hash made with weaker settings than today's is made again, in the same transaction.
    """
    with db.transaction() as session:
        user = session.scalars(select(User).where(User.login == login.strip())).one_or_none()
        if (
            user is None
            or not user.active
            or user.password_hash is None
            or not password_matches(user.password_hash, password)
        ):
            raise SignInRefused()
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        return _info(user)


def needs_first_admin(db: Database) -> bool:
    """Whether nobody can sign in to this database yet (no active user has a password)."""
    with db.session() as session:
        return (
            session.scalar(
                select(User.id).where(User.active.is_(True), User.password_hash.is_not(None)).limit(1)
            )
            is None
        )


def _lock_users(session: Session) -> None:
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        session.execute(text("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE"))


def create_first_admin(db: Database, draft: UserDraft) -> UserInfo:
    """Make the first administrator of a database nobody can sign in to yet.

    Refused once anyone can sign in: from then on only an administrator adds users.
    """
    with db.transaction() as session:
        _lock_users(session)
        taken = session.scalar(
            select(User.id).where(User.active.is_(True), User.password_hash.is_not(None)).limit(1)
        )
        if taken is not None:
            raise UserRejected(
                "login",
                QT_TRANSLATE_NOOP("users", "This database already has users; sign in as one of them."),
            )
        _check(draft, new=True)
        user = session.scalars(select(User).where(User.login == draft.login.strip())).one_or_none()
        if user is None:
            user = User(login=draft.login.strip(), full_name=draft.full_name.strip(), role="admin")
            session.add(user)
        _apply(user, UserDraft(**{**_fields(draft), "role": "admin", "active": True}))
        session.flush()
        return _info(user)


def list_users(db: Database, user_id: int | None) -> list[UserRecord]:
    """Every user, active ones first, by name (administrators only)."""
    with db.session() as session:
        require(session, user_id, "users")
        users = session.scalars(select(User).order_by(User.active.desc(), User.full_name, User.login))
        return [
            UserRecord(
                u.id,
                u.login,
                u.full_name,
                u.role,
                u.email,
                u.phone,
                u.active,
                u.password_hash is not None,
                u.version,
            )
            for u in users
        ]


def _fields(draft: UserDraft) -> dict[str, Any]:
    return {name: getattr(draft, name) for name in UserDraft.__dataclass_fields__}


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UserRejected(
            "password",
            QT_TRANSLATE_NOOP("users", "A password needs at least {count} characters."),
            count=MIN_PASSWORD,
        )


def _check(draft: UserDraft, *, new: bool) -> None:
    if not LOGIN_PATTERN.fullmatch(draft.login.strip()):
        raise UserRejected(
            "login",
            QT_TRANSLATE_NOOP("users", "A login is 2 to 64 Latin letters, digits and . _ @ - (no spaces)."),
        )
    if not draft.full_name.strip() or len(draft.full_name.strip()) > FULL_NAME_MAX:
        raise UserRejected(
            "full_name",
            QT_TRANSLATE_NOOP("users", "Give the user's full name (up to {max} characters)."),
            max=FULL_NAME_MAX,
        )
    if draft.role not in ROLES:
        raise UserRejected("role", QT_TRANSLATE_NOOP("users", "Unknown role {role}."), role=draft.role)
    if draft.password is not None:
        _check_password(draft.password)
    if new and draft.password is None:
        raise UserRejected("password", QT_TRANSLATE_NOOP("users", "Give the new user a password."))


def _apply(user: User, draft: UserDraft) -> None:
    user.login = draft.login.strip()
    user.full_name = draft.full_name.strip()
    user.role = draft.role
    user.email = (draft.email or "").strip() or None
    user.phone = (draft.phone or "").strip() or None
    user.active = draft.active
    if draft.password is not None:
        user.password_hash = hash_password(draft.password)


def save_user(
    db: Database,
    draft: UserDraft,
    *,
    user_id: int | None,
    record_id: int | None = None,
    expected_version: int = 0,
) -> UserRecord:
    """Add a user (`record_id` None) or change one at `expected_version` (administrators only).

    Refused, saving nothing: a bad field (UserRejected naming it), a login another user has, a
    change that takes away the team's last active administrator, a stale version.
    """
    with db.transaction() as session:
        require(session, user_id, "users")
        _check(draft, new=record_id is None)
        _lock_users(session)
        clash = session.scalar(select(User.id).where(User.login == draft.login.strip()))
        if clash is not None and clash != record_id:
            raise UserRejected(
                "login", QT_TRANSLATE_NOOP("users", "Login {login} is taken."), login=draft.login.strip()
            )
        if record_id is None:
            user = User(login=draft.login.strip(), full_name=draft.full_name.strip(), role=draft.role)
            session.add(user)
        else:
            found = session.get(User, record_id, with_for_update=True)
            if found is None or found.version != expected_version:
                raise UserConflict(draft.login)
            user = found
        was_admin = user.role == "admin" and bool(user.active)
        _apply(user, draft)
        try:
            session.flush()
        except StaleDataError as exc:
            raise UserConflict(draft.login) from exc
        admins = session.scalar(select(User.id).where(User.role == "admin", User.active.is_(True)).limit(1))
        if was_admin and admins is None:
            raise UserRejected(
                "role",
                QT_TRANSLATE_NOOP(
                    "users", "The team would be left without an active administrator; keep one."
                ),
            )
        return UserRecord(
            user.id,
            user.login,
            user.full_name,
            user.role,
            user.email,
            user.phone,
            user.active,
            user.password_hash is not None,
            user.version,
        )


def set_password(db: Database, login: str, password: str, *, user_id: int | None) -> None:
    """Give the user with `login` a new password (administrators, and the headless `user` command)."""
    _check_password(password)
    with db.transaction() as session:
        require(session, user_id, "users")
        user = session.scalars(select(User).where(User.login == login)).one_or_none()
        if user is None:
            raise UserRejected("login", QT_TRANSLATE_NOOP("users", "There is no user {login}."), login=login)
        user.password_hash = hash_password(password)


def change_own_password(db: Database, user_id: int, current: str, new: str) -> None:
    """Replace the signed-in user's password, given the current one."""
    _check_password(new)
    with db.transaction() as session:
        require(session, user_id, "tickets")
        user = session.get_one(User, user_id)
        if user.password_hash is None or not password_matches(user.password_hash, current):
            raise UserRejected("current", QT_TRANSLATE_NOOP("users", "The current password is wrong."))
        user.password_hash = hash_password(new)
