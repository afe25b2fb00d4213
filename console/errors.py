"""Errors the user must read, kept translatable without importing Qt.

`QT_TRANSLATE_NOOP` marks a message for Qt's `lupdate` and returns it unchanged; the views translate
`error.template` in `error.context` and fill in `error.params`. `str(error)` is the English text,
which the command line prints.
"""

from __future__ import annotations

from typing import Any


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark `text` for translation in `context`; translation happens where it is shown."""
    return text


class ConsoleError(Exception):
    """An error with a message meant for the dispatcher, not a traceback."""

    context = "errors"

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))
