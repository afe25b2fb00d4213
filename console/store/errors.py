"""What can be wrong with the database a console is pointed at, in words the user can act on."""

from __future__ import annotations

from console.errors import QT_TRANSLATE_NOOP, ConsoleError


class DatabaseError(ConsoleError):
    """The database cannot be used; nothing was changed."""


class InvalidDatabaseUrl(DatabaseError):
    def __init__(self, url: str, reason: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "errors", "'{url}' is not a database address the console understands: {reason}"
            ),
            url=url,
            reason=reason,
        )


class DatabaseUnavailable(DatabaseError):
    def __init__(self, url: str, reason: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "Cannot open the database {url}: {reason}"), url=url, reason=reason
        )


class NotADatabase(DatabaseError):
    def __init__(self, path: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "errors",
                "{path} is not an SQLite database (the file exists but has another format); "
                "it was left untouched. Choose another file or move this one away.",
            ),
            path=path,
        )


class ForeignDatabase(DatabaseError):
    def __init__(self, url: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "errors",
                "The database {url} already holds tables that do not belong to the dispatcher console; "
                "it was left untouched. Point the console at an empty database or its own.",
            ),
            url=url,
        )


class SchemaTooNew(DatabaseError):
    def __init__(self, url: str, found: str, known: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "errors",
                "The database {url} was written by a newer version of the console (schema {found}); "
                "this version knows schemas up to {known}. Install the newer console; the database "
                "was left untouched.",
            ),
            url=url,
            found=found,
            known=known,
        )


class MigrationFailed(DatabaseError):
    def __init__(self, url: str, reason: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "errors",
                "The database {url} could not be upgraded to this console's schema: {reason}. "
                "Nothing was changed; the console cannot use it until this is fixed.",
            ),
            url=url,
            reason=reason,
        )
