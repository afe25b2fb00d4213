"""Loading the interface language: the console's own translations and Qt's, by locale or by choice."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from console.resource_files import resource_dir


def install_translators(app: QCoreApplication, language: str | None = None) -> list[QTranslator]:
    """Install translators for `language` (e.g. "ru"), else the system locale; returns those installed."""
    locale = QLocale(language) if language else QLocale.system()
    installed: list[QTranslator] = []
    candidates = (
        (str(resource_dir() / "translations"), "console"),
        (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), "qtbase"),
    )
    for folder, name in candidates:
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed
