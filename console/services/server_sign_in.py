"""Connecting to the team's shared server and signing in, as one step the login dialog can run.

The step reaches the server with the database password (typed, or remembered in the keyring),
then signs the person in with their own login and password; on a server nobody can sign in to yet
it reports that the first administrator must be chosen, and with a name given it makes them. On
any refusal the connection is closed again, so a failed attempt leaves nothing open.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import URL

from console.errors import QT_TRANSLATE_NOOP, ConsoleError
from console.services.users import UserDraft, UserInfo, create_first_admin, needs_first_admin, sign_in
from console.store.database import Database, open_database


@dataclass(frozen=True, slots=True)
class SignInRequest:
    url: URL
    db_password: str | None
    login: str
    password: str
    # The first administrator's full name, when the server has no users yet and they are being made.
    first_admin_name: str | None = None


@dataclass(frozen=True, slots=True)
class SignedIn:
    db: Database
    user: UserInfo


class FirstAdminNeeded(ConsoleError):
    """Nobody can sign in to this server yet: the person connecting chooses the administrator."""

    context = "users"

    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "users",
                "This server has no users yet. Choose the administrator's login, name and password.",
            )
        )


def connect_and_sign_in(request: SignInRequest) -> SignedIn:
    """Open the server's database and sign in; the returned database writes as the signed-in user."""
    url = request.url.set(password=request.db_password) if request.db_password else request.url
    db = open_database(url.render_as_string(hide_password=False))
    try:
        if needs_first_admin(db):
            if request.first_admin_name is None:
                raise FirstAdminNeeded()
            user = create_first_admin(
                db, UserDraft(request.login, request.first_admin_name, "admin", password=request.password)
            )
        else:
            user = sign_in(db, request.login, request.password)
    except BaseException:
        db.dispose()
        raise
    db.act_as(user.id)
    return SignedIn(db, user)
