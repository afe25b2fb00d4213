"""Fixtures for widget tests: a main window on a small live demo database, torn down cleanly."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from console.services.users import local_user
from console.store.database import Database
from console.views.background import wait_for_background
from console.views.main_window import MainWindow


@pytest.fixture
def open_window(qtbot: QtBot) -> Iterator[object]:
    """A factory: open_window(db, **options) shows a started main window; all are closed afterwards."""
    windows: list[MainWindow] = []

    def factory(db: Database, **options: object) -> MainWindow:
        user = local_user(db, "tester", "Test Dispatcher")
        window = MainWindow(db, user, **options)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        window.show()
        window.start()
        windows.append(window)
        return window

    yield factory
    for window in windows:
        window.close()
    assert wait_for_background(30_000)
