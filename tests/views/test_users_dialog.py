"""The administrators' user list through its widgets: adding, refusals under their fields, stale edits."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from console.services.users import UserDraft, UserInfo, list_users, local_user, save_user, sign_in
from console.store.database import Database
from console.views import users_dialog
from console.views.background import wait_for_background
from console.views.main_window import MainWindow
from console.views.users_dialog import UsersDialog

OpenDialog = Callable[[Database], UsersDialog]


@pytest.fixture
def open_dialog(qtbot: QtBot) -> Iterator[OpenDialog]:
    """A factory: open_dialog(db) shows the dialog to the database's administrator once its list is in."""
    dialogs: list[UsersDialog] = []

    def factory(db: Database) -> UsersDialog:
        admin = local_user(db, "root.admin", "Root Admin")
        assert admin.role == "admin"
        dialog = UsersDialog(db, admin)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.form_box.isEnabled() and dialog.model.rowCount() > 0, timeout=10_000)
        dialogs.append(dialog)
        return dialog

    yield factory
    for dialog in dialogs:
        dialog.close()
    assert wait_for_background(30_000)


def _type_new_user(qtbot: QtBot, dialog: UsersDialog, password: str, repeat: str) -> None:
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    assert dialog.record_id is None and dialog.login.text() == ""
    qtbot.keyClicks(dialog.login, "boris")
    qtbot.keyClicks(dialog.full_name, "Boris Petrov")
    qtbot.keyClicks(dialog.role, "Supervisor")
    qtbot.keyClicks(dialog.email, "boris@example.com")
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClicks(dialog.repeat, repeat)


def _logins(dialog: UsersDialog) -> list[str]:
    return [record.login for record in dialog.model.rows()]


def _selected_login(dialog: UsersDialog) -> str:
    return str(dialog.model.record(dialog.table.currentIndex().row()).login)


def test_an_added_user_is_listed_selected_and_can_sign_in(
    qtbot: QtBot, db: Database, open_dialog: OpenDialog
) -> None:
    dialog = open_dialog(db)
    assert dialog.windowTitle() == "Users"
    assert _logins(dialog) == ["root.admin"]
    assert [dialog.role.itemText(i) for i in range(dialog.role.count())] == [
        "Dispatcher",
        "Supervisor",
        "Administrator",
    ]
    _type_new_user(qtbot, dialog, "correct horse", "correct horse")
    assert dialog.role.currentData() == "supervisor"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "boris" in _logins(dialog) and dialog.record_id is not None, timeout=10_000)
    assert _selected_login(dialog) == "boris"
    assert dialog.form_box.title() == "User boris"
    assert dialog.message.text() == "User boris saved."
    assert dialog.password.text() == "" and dialog.repeat.text() == ""
    row = dialog.table.currentIndex().row()
    shown = [dialog.model.index(row, column).data() for column in range(dialog.model.columnCount())]
    assert shown == ["boris", "Boris Petrov", "Supervisor", "yes", "set"]
    assert sign_in(db, "boris", "correct horse") == UserInfo(
        dialog.record_id, "boris", "Boris Petrov", "supervisor"
    )


def test_a_short_password_is_refused_under_its_field_and_nothing_is_saved(
    qtbot: QtBot, sqlite_db: Database, open_dialog: OpenDialog
) -> None:
    dialog = open_dialog(sqlite_db)
    _type_new_user(qtbot, dialog, "short", "short")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = dialog.errors["password"]
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert error.text() == "A password needs at least 8 characters."
    assert error.objectName() == "error_password"
    assert not dialog.errors["login"].isVisible() and not dialog.errors["repeat"].isVisible()
    assert dialog.login.text() == "boris" and dialog.password.text() == "short"
    assert dialog.save_button.isEnabled()
    assert [u.login for u in list_users(sqlite_db, dialog.user.id)] == ["root.admin"]


def test_a_repeat_that_differs_is_refused_without_asking_the_service(
    qtbot: QtBot, sqlite_db: Database, open_dialog: OpenDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog(sqlite_db)
    calls: list[UserDraft] = []
    monkeypatch.setattr(users_dialog, "save_user", lambda _db, draft, **_kw: calls.append(draft))
    _type_new_user(qtbot, dialog, "correct horse", "correct hose")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["repeat"].isVisible()
    assert dialog.errors["repeat"].text() == "The two passwords differ; type the same one twice."
    assert wait_for_background(10_000)
    assert calls == []
    assert dialog.repeat.text() == "correct hose"
    assert [u.login for u in list_users(sqlite_db, dialog.user.id)] == ["root.admin"]


def test_a_save_over_someone_elses_change_shows_the_conflict_and_keeps_the_input(
    qtbot: QtBot, db: Database, open_dialog: OpenDialog
) -> None:
    admin = local_user(db, "root.admin", "Root Admin")
    boris = save_user(
        db, UserDraft("boris", "Boris Petrov", "dispatcher", password="correct horse"), user_id=admin.id
    )
    dialog = open_dialog(db)
    dialog.table.setCurrentIndex(dialog.model.index(_logins(dialog).index("boris"), 0))
    assert dialog.record_id == boris.id and dialog.full_name.text() == "Boris Petrov"
    assert not dialog.reload_button.isVisible()
    save_user(
        db,
        UserDraft("boris", "Boris Petrov-Vodkin", "dispatcher"),
        user_id=admin.id,
        record_id=boris.id,
        expected_version=boris.version,
    )
    dialog.full_name.clear()
    qtbot.keyClicks(dialog.full_name, "Boris Ivanov")
    qtbot.keyClicks(dialog.phone, "+7 900 000 00 00")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.reload_button.isVisible, timeout=10_000)
    assert dialog.message.text() == (
        "User boris was changed by someone else since you opened it; reload and make your change again."
    )
    assert dialog.full_name.text() == "Boris Ivanov" and dialog.phone.text() == "+7 900 000 00 00"
    assert next(u for u in list_users(db, admin.id) if u.login == "boris").full_name == "Boris Petrov-Vodkin"

    qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.full_name.text() == "Boris Petrov-Vodkin", timeout=10_000)
    assert _selected_login(dialog) == "boris" and not dialog.reload_button.isVisible()
    assert dialog.message.text() == ""


def test_only_an_administrators_window_has_the_users_action(
    qtbot: QtBot, sqlite_db: Database, open_window: Callable[..., MainWindow]
) -> None:
    def users_action(window: MainWindow) -> QAction | None:
        found = [a for a in window.menus["settings"].actions() if a.text() == "&Users..."]
        assert len(found) == 1
        return found[0] if found[0].isVisible() and found[0].isEnabled() else None

    dispatcher = open_window(sqlite_db, "dispatcher", seed_demo=False, with_map=False)
    assert users_action(dispatcher) is None
    admin = open_window(sqlite_db, "admin", seed_demo=False, with_map=False)
    action = users_action(admin)
    assert action is not None
    action.trigger()
    qtbot.waitUntil(lambda: admin.findChild(UsersDialog) is not None, timeout=5_000)
    dialog = admin.findChild(UsersDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=10_000)
    dialog.close()
