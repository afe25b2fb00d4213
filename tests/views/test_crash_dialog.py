"""An error nobody caught is logged with its traceback and shown with the log's path; the log rotates."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from console.log_files import LOG_BACKUPS, LOG_BYTES, configure_logging, log_path
from console.views.crash_dialog import exception_dialog_hook


@pytest.fixture
def console_log() -> Iterator[Path]:
    root = logging.getLogger()
    before = list(root.handlers)
    path = configure_logging()
    yield path
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


def test_an_uncaught_error_is_logged_and_shown_with_the_log_path(
    qtbot: QtBot, console_log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shown: list[str] = []

    def read_and_close() -> None:
        box = next(
            w for w in QApplication.topLevelWidgets() if w.objectName() == "crash_box" and w.isVisible()
        )
        assert isinstance(box, QMessageBox)
        shown.append(box.text())
        box.accept()

    QTimer.singleShot(200, read_and_close)
    try:
        raise RuntimeError("the map page could not be built")
    except RuntimeError as error:
        exception_dialog_hook(console_log)(RuntimeError, error, error.__traceback__)
    assert shown and "the map page could not be built" in shown[0] and str(console_log) in shown[0]
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = console_log.read_text(encoding="utf-8")
    assert "unexpected error" in logged and "Traceback" in logged and "could not be built" in logged
    assert "RuntimeError" in capsys.readouterr().err


def test_the_log_is_in_the_platform_folder_and_rotates(console_log: Path) -> None:
    assert console_log == log_path() and console_log.name == "console.log"
    handlers = [
        h for h in logging.getLogger().handlers if isinstance(h, logging.handlers.RotatingFileHandler)
    ]
    assert len(handlers) == 1, "configuring twice must not log every line twice"
    configure_logging()
    assert (
        len([h for h in logging.getLogger().handlers if isinstance(h, logging.handlers.RotatingFileHandler)])
        == 1
    )
    handler = handlers[0]
    assert (handler.maxBytes, handler.backupCount) == (LOG_BYTES, LOG_BACKUPS)
    line = "x" * 1000
    for _ in range(LOG_BYTES // 1000 + 50):
        logging.getLogger("console.test").info(line)
    handler.flush()
    assert console_log.with_name("console.log.1").exists()
    assert console_log.stat().st_size < LOG_BYTES
