"""Which resolution of a reopened ticket each piece of its work belongs to, so it is billed only once.

A ticket resolved in October, reopened in November and resolved again has two rounds of work. The
October bill already charged the first round; November's must charge only the second. A round ends
when the ticket is reopened: everything logged up to that moment (including time a technician writes
down after resolving) belongs to the resolution the reopening undid, and everything after it to the
next one. A round is billed in the period of its resolution: the moment it was resolved, or closed
when it was closed without being resolved, as `billing.finished_at` reads the ticket's own columns.

The rounds come from the ticket's status history. A reopening with no resolution before it in the
history (data imported without history) does not split the work: that round goes with the next.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A ticket entering `status` at `at`."""

    at: datetime
    status: str


@dataclass(frozen=True, slots=True)
class WorkRounds:
    """The reopenings that end a round, and the resolution of each round (None: not resolved yet)."""

    reopenings: tuple[datetime, ...]
    resolutions: tuple[datetime | None, ...]

    def resolution_of(self, moment: datetime) -> datetime | None:
        """The resolution that work done at `moment` is billed with; None while its round is open."""
        return self.resolutions[bisect_left(self.reopenings, moment)]


def work_rounds(changes: Iterable[StatusChange], current_resolution: datetime | None) -> WorkRounds:
    """The rounds of a ticket with these status changes (oldest first).

    `current_resolution` ends the last round: when the ticket is resolved or closed now, the moment
    its columns give; None when it is open (or cancelled), so its last round is not billed.
    """
    reopenings: list[datetime] = []
    resolutions: list[datetime | None] = []
    resolved: datetime | None = None
    closed: datetime | None = None
    for change in changes:
        if change.status == "resolved":
            resolved = change.at
        elif change.status == "closed":
            closed = change.at
        elif change.status == "reopened" and (resolved or closed) is not None:
            reopenings.append(change.at)
            resolutions.append(resolved or closed)
            resolved = closed = None
    resolutions.append(current_resolution)
    return WorkRounds(tuple(reopenings), tuple(resolutions))
