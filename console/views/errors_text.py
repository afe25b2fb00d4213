"""Refusals and notices from the services, translated for the dispatcher."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from console.errors import ConsoleError
from console.services.ticket_intake import Notice
from console.store.errors import ConnectionLost, is_connection_lost


def translated(context: str, template: str, params: dict[str, Any]) -> str:
    """A service's message template in the user's language, with its values filled in."""
    return QCoreApplication.translate(context, template).format(**params)


def error_text(exc: BaseException) -> str:
    """What to show for a refused action: the service's message, a lost database said plainly, or
    the exception's text."""
    if is_connection_lost(exc):
        exc = ConnectionLost()
    if isinstance(exc, ConsoleError):
        return translated(exc.context, exc.template, exc.params)
    return str(exc)


def notice_text(notice: Notice, context: str = "intake") -> str:
    """A notice from the services' rules (intake by default, "planning" for visits), translated."""
    return translated(context, notice.template, dict(notice.params))
