"""Password hashes: argon2id with a random salt per password, as OWASP recommends for new systems.

Only the hash is stored. Its text carries the algorithm, its cost and the salt, so hashes made
with today's cost still verify after the cost is raised, and are re-made at the next sign-in.
"""

from __future__ import annotations

from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER: Final = PasswordHasher()


def hash_password(password: str) -> str:
    """A salted argon2id hash of `password`, safe to store."""
    return _HASHER.hash(password)


def password_matches(stored_hash: str, password: str) -> bool:
    """Whether `password` is the one `stored_hash` was made from (False for a damaged hash)."""
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Whether the hash was made with weaker settings than today's and should be made again."""
    return _HASHER.check_needs_rehash(stored_hash)
