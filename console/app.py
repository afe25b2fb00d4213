"""Composition root: check the machine, open the database, sign in, and build the main window.

The database is the one named on the command line, else the shared server last signed in to, else
the desk's own SQLite file. The SQLite desk signs its user in by the operating system's login; a
shared server asks for a login and password (and for the database password when the keyring does
not hold it).
"""

from __future__ import annotations

import logging
import os
import sys

from console import syscheck
from console.errors import ConsoleError
from console.log_files import configure_logging, log_path

log = logging.getLogger(__name__)

EXIT_CANNOT_START = 3
EXIT_BAD_INPUT = 2
# The shared server last signed in to (without its password) and the login used there.
SERVER_SETTING = "database/server"
LOGIN_SETTING = "database/login"


def _prepare_environment() -> None:
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium refuses to run its sandbox as root (containers, CI); the console's page is local.
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--no-sandbox" not in flags:
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = f"{flags} --no-sandbox".strip()


def run_gui(
    *,
    db_url: str | None,
    login: str,
    seed_demo: bool = True,
    demo_tickets: int = 100_000,
    simulate: bool = False,
    language: str | None = None,
    close_after_s: float | None = None,
) -> int:
    """Run the console until its window closes; returns the process exit status."""
    problems = syscheck.problems()
    if problems:
        for problem in problems:
            print(f"dispatch-console: {problem}", file=sys.stderr)
        return EXIT_CANNOT_START
    log_file = configure_logging()
    _prepare_environment()

    from PySide6.QtCore import QCoreApplication, QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

    from console.services.users import local_user
    from console.store.credentials import saved_password, without_password
    from console.store.database import open_database
    from console.store.engine import default_url, parse_url
    from console.views.crash_dialog import exception_dialog_hook
    from console.views.login_dialog import LoginDialog
    from console.views.main_window import SETTINGS_APP, SETTINGS_ORG, MainWindow
    from console.views.translations import chosen_language, install_translators

    QCoreApplication.setOrganizationName(SETTINGS_ORG)
    QCoreApplication.setApplicationName(SETTINGS_APP)
    app = QApplication.instance() or QApplication(sys.argv)
    install_translators(app, language or chosen_language())

    sys.excepthook = exception_dialog_hook(log_file)
    settings = QSettings()
    note: str | None = None
    try:
        url = parse_url(db_url or str(settings.value(SERVER_SETTING, "")) or default_url())
        if url.get_backend_name() == "sqlite":
            db = open_database(url.render_as_string(hide_password=False))
            user = local_user(db, login)
            db.act_as(user.id)
        else:
            dialog = LoginDialog(
                url,
                saved_db_password=url.password or saved_password(url),
                login=str(settings.value(LOGIN_SETTING, login)),
            )
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.signed_in is None:
                return 0
            db, user, note = dialog.signed_in.db, dialog.signed_in.user, dialog.keyring_note
            settings.setValue(SERVER_SETTING, without_password(url).render_as_string(hide_password=False))
            settings.setValue(LOGIN_SETTING, user.login)
    except ConsoleError as exc:
        message = QCoreApplication.translate(exc.context, exc.template).format(**exc.params)
        print(f"dispatch-console: {message}", file=sys.stderr)
        QMessageBox.critical(None, QCoreApplication.translate("startup", "Dispatcher console"), message)
        return EXIT_BAD_INPUT
    log.info("console started on %s as %s (log %s)", db.display_url, user.login, log_path())
    window = MainWindow(
        db, user, seed_demo=seed_demo, demo_tickets=demo_tickets, simulate=simulate, schedule_maintenance=True
    )
    window.show()
    if note:
        window.statusBar().showMessage(note, 15_000)
    window.start()
    if close_after_s is not None:
        QTimer.singleShot(int(close_after_s * 1000), window.close)
    status = app.exec()
    db.dispose()
    return int(status)
