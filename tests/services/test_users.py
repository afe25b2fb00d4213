"""Signing in and managing users: salted hashes only, one refusal for every wrong sign-in, a team
that always keeps an administrator, and stale edits refused. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from console.models import User
from console.services.access import AccessDenied
from console.services.users import (
    SignInRefused,
    UserConflict,
    UserDraft,
    UserRejected,
    change_own_password,
    create_first_admin,
    list_users,
    needs_first_admin,
    save_user,
    sign_in,
)
from console.store.database import Database


def _admin(db: Database) -> int:
    return create_first_admin(db, UserDraft("root.admin", "Root Admin", "admin", password="s3cret-pass")).id


def test_the_first_administrator_of_an_empty_server_then_nobody_else(db: Database) -> None:
    assert needs_first_admin(db)
    admin = create_first_admin(db, UserDraft("olga", "Olga Admin", "dispatcher", password="long enough"))
    assert admin.role == "admin"
    assert not needs_first_admin(db)
    with pytest.raises(UserRejected) as refused:
        create_first_admin(db, UserDraft("mallory", "Mallory", "admin", password="long enough"))
    assert refused.value.field == "login"
    assert sign_in(db, "olga", "long enough") == admin


def test_only_a_salted_argon2_hash_is_stored(db: Database) -> None:
    admin = _admin(db)
    for login in ("ivan", "petr"):
        save_user(db, UserDraft(login, login.title(), "dispatcher", password="same password"), user_id=admin)
    with db.session() as session:
        rows = session.execute(select(User.login, User.password_hash).where(User.login.in_(["ivan", "petr"])))
        hashes = {login: password_hash for login, password_hash in rows}
    assert all(
        h is not None and h.startswith("$argon2id$") and "same password" not in h for h in hashes.values()
    )
    assert hashes["ivan"] != hashes["petr"]


@pytest.mark.parametrize(
    ("login", "password"), [("ivan", "wrong password"), ("nobody", "same password"), ("ivan", "")]
)
def test_a_wrong_sign_in_gets_one_message_whatever_was_wrong(db: Database, login: str, password: str) -> None:
    admin = _admin(db)
    save_user(db, UserDraft("ivan", "Ivan", "dispatcher", password="same password"), user_id=admin)
    with pytest.raises(SignInRefused) as refused:
        sign_in(db, login, password)
    assert str(refused.value) == "The login or the password is wrong."


def test_a_disabled_user_cannot_sign_in(db: Database) -> None:
    admin = _admin(db)
    ivan = save_user(db, UserDraft("ivan", "Ivan", "dispatcher", password="same password"), user_id=admin)
    assert sign_in(db, " ivan ", "same password").id == ivan.id
    save_user(
        db,
        UserDraft("ivan", "Ivan", "dispatcher", active=False),
        user_id=admin,
        record_id=ivan.id,
        expected_version=ivan.version,
    )
    with pytest.raises(SignInRefused):
        sign_in(db, "ivan", "same password")


@pytest.mark.parametrize(
    ("draft", "field"),
    [
        (UserDraft("a b", "Name", "dispatcher", password="long enough"), "login"),
        (UserDraft("ok", " ", "dispatcher", password="long enough"), "full_name"),
        (UserDraft("ok", "Name", "owner", password="long enough"), "role"),
        (UserDraft("ok", "Name", "dispatcher", password="short"), "password"),
        (UserDraft("ok", "Name", "dispatcher"), "password"),
        (UserDraft("root.admin", "Name", "dispatcher", password="long enough"), "login"),
    ],
)
def test_bad_user_input_is_refused_naming_its_field(db: Database, draft: UserDraft, field: str) -> None:
    admin = _admin(db)
    before = list_users(db, admin)
    with pytest.raises(UserRejected) as refused:
        save_user(db, draft, user_id=admin)
    assert refused.value.field == field
    assert list_users(db, admin) == before


def test_the_team_keeps_an_active_administrator(db: Database) -> None:
    admin = _admin(db)
    me = next(u for u in list_users(db, admin) if u.id == admin)
    for draft in (
        UserDraft(me.login, me.full_name, "supervisor"),
        UserDraft(me.login, me.full_name, "admin", active=False),
    ):
        with pytest.raises(UserRejected, match="without an active administrator"):
            save_user(db, draft, user_id=admin, record_id=admin, expected_version=me.version)
    assert next(u for u in list_users(db, admin) if u.id == admin) == me


def test_a_stale_user_edit_is_refused(db: Database) -> None:
    admin = _admin(db)
    ivan = save_user(db, UserDraft("ivan", "Ivan", "dispatcher", password="same password"), user_id=admin)
    save_user(
        db,
        UserDraft("ivan", "Ivan I.", "dispatcher"),
        user_id=admin,
        record_id=ivan.id,
        expected_version=ivan.version,
    )
    with pytest.raises(UserConflict):
        save_user(
            db,
            UserDraft("ivan", "Ivan", "supervisor"),
            user_id=admin,
            record_id=ivan.id,
            expected_version=ivan.version,
        )


def test_only_administrators_manage_users(db: Database) -> None:
    admin = _admin(db)
    boss = save_user(db, UserDraft("boss", "Boss", "supervisor", password="long enough"), user_id=admin)
    with pytest.raises(AccessDenied):
        save_user(db, UserDraft("eve", "Eve", "admin", password="long enough"), user_id=boss.id)
    with pytest.raises(AccessDenied):
        list_users(db, boss.id)
    assert [u.login for u in list_users(db, admin)] == ["boss", "root.admin"]


def test_a_user_changes_their_own_password(db: Database) -> None:
    admin = _admin(db)
    with pytest.raises(UserRejected) as refused:
        change_own_password(db, admin, "not it", "new password")
    assert refused.value.field == "current"
    change_own_password(db, admin, "s3cret-pass", "new password")
    with pytest.raises(SignInRefused):
        sign_in(db, "root.admin", "s3cret-pass")
    assert sign_in(db, "root.admin", "new password").id == admin
