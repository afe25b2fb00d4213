"""What the console does with an error nobody caught: log it, and tell the user where the log is.

Without this, an exception in a Qt slot is printed to a terminal a desktop user never sees and the
console may carry on in a broken state or vanish; with it the user gets a dialog naming the error
and the log file to send to support.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def crash_box(error: BaseException, log_file: Path) -> QMessageBox:
    """The dialog for an unexpected error: its message and the log's path (selectable, to copy)."""
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("startup", "Dispatcher console"),
        QCoreApplication.translate(
            "startup", "An unexpected error occurred: %1\n\nDetails were written to the log:\n%2"
        )
        .replace("%1", str(error) or type(error).__name__)
        .replace("%2", str(log_file)),
    )
    box.setObjectName("crash_box")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return box


def exception_dialog_hook(log_file: Path) -> ExceptHook:
    """A `sys.excepthook` that logs the error with its traceback, then shows `crash_box`."""

    def show(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.critical("unexpected error", exc_info=(kind, value, tb))
        traceback.print_exception(kind, value, tb)
        crash_box(value, log_file).exec()

    return show
