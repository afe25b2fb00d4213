"""Fixtures for widget tests: a main window on a small live demo database, torn down cleanly."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

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

    def factory(db: Database, role: str = "dispatcher", **options: object) -> MainWindow:
        user = replace(local_user(db, f"tester-{role}", f"Test {role.title()}"), role=role)
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
