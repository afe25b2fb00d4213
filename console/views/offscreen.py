"""A Qt application for headless commands that render documents (PDF reports and acts) with Qt.

Scheduled mailing runs where there is no display: the command uses Qt's offscreen platform unless
the environment chose one, and reuses the application when one already runs (the console, tests).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtGui import QGuiApplication

from console.views.translations import install_translators


@contextmanager
def gui_application(language: str | None = None) -> Iterator[QGuiApplication]:
    """The running application, or an offscreen one for the block; documents speak `language`
    (else the system locale's)."""
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        yield existing
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication([])
    install_translators(app, language)
    try:
        yield app
    finally:
        app.shutdown()
