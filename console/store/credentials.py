"""The shared server's database password, kept in the operating system's keyring, never in a file.

The console's settings remember the server's address without its password; the password lives in
the keyring (Windows Credential Manager, the Secret Service of a Linux desktop, the macOS Keychain)
under the address. Where no keyring works (a bare server session, a locked store), nothing is
remembered and the console asks each time instead of writing the password anywhere else.
"""

from __future__ import annotations

import logging
from typing import Final

import keyring
from keyring.errors import KeyringError
from sqlalchemy import URL

SERVICE: Final = "dispatch-console"

log = logging.getLogger(__name__)


def account(url: URL) -> str:
    """The keyring entry's name for the server and database of `url`: user@host:port/database."""
    return f"{url.username or ''}@{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


def without_password(url: URL) -> URL:
    """`url` as it may be written to the settings."""
    return url.set(password=None)


def saved_password(url: URL) -> str | None:
    """The remembered database password of `url`, or None (none saved, or no usable keyring)."""
    try:
        return keyring.get_password(SERVICE, account(url))
    except KeyringError as exc:
        log.info("no keyring to read the database password from: %s", exc)
        return None


def remember_password(url: URL, password: str) -> bool:
    """Keep the password in the keyring; False when no keyring could take it (nothing was stored)."""
    try:
        keyring.set_password(SERVICE, account(url), password)
    except KeyringError as exc:
        log.warning("the keyring refused the database password: %s", exc)
        return False
    return True


def forget_password(url: URL) -> None:
    """Remove a remembered password (a wrong one, or at the user's wish); nothing if none is kept."""
    try:
        keyring.delete_password(SERVICE, account(url))
    except KeyringError:
        log.info("no database password to forget for %s", account(url))
