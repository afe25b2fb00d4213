"""What can be wrong with the database a console is pointed at, in words the user can act on."""

from __future__ import annotations

from psycopg import OperationalError as PgOperationalError
from sqlalchemy.exc import DBAPIError, OperationalError

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


class DatabasePasswordRefused(DatabaseError):
    """The server wants a (different) password for the database user."""

    def __init__(self, user: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "The database server refused the password of its user {user}."),
            user=user,
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


class ConnectionLost(DatabaseError):
    """A save or a read failed because the database could not be reached; nothing was saved."""

    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "errors",
                "The database cannot be reached, so nothing was saved. What you typed is kept: "
                "save again when the console is back online.",
            )
        )


def is_connection_lost(exc: BaseException) -> bool:
    """Whether `exc` says the database went away (server down, network cut), not that it refused."""
    if isinstance(exc, PgOperationalError):
        return True
    if isinstance(exc, DBAPIError):
        return exc.connection_invalidated or (
            isinstance(exc, OperationalError) and "locked" not in str(exc.orig)
        )
    return False
