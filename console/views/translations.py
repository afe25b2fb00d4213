"""The interface language: the console's own translations and Qt's, by the system locale or by choice.

The choice (View → Language) is kept in QSettings and applies from the next start, like the
system locale it overrides; dates, times and numbers then follow the chosen language too.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from console.resource_files import resource_dir

LANGUAGE_SETTING: Final = "ui/language"
LANGUAGES: Final = ("en", "ru")
"""The languages the console speaks; "" in the setting means the system's."""


def chosen_language() -> str | None:
    """The language picked in the settings, or None to follow the system locale."""
    value = str(QSettings().value(LANGUAGE_SETTING, "") or "")
    return value if value in LANGUAGES else None


def choose_language(language: str | None) -> None:
    """Keep `language` (None: the system's) for the next start."""
    QSettings().setValue(LANGUAGE_SETTING, language or "")


def install_translators(app: QCoreApplication, language: str | None = None) -> list[QTranslator]:
    """Install translators for `language` (e.g. "ru"), else the system locale; returns those installed."""
    locale = QLocale(language) if language else QLocale.system()
    if language:
        QLocale.setDefault(locale)
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
