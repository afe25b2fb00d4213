"""Who may do what: the rights of each role, checked by the services themselves.

A dispatcher registers and works tickets and plans technicians' days; a supervisor may also change
SLA policies and calendars, edit maintenance plans and read reports and billing; an administrator
may do everything, including the team's settings and contracts. Each guarded service checks the
acting user's role as stored in the database, inside its own transaction, so a button hidden from
a dispatcher is not the only thing standing in the way: calling the service directly is refused
too. A call without a user is the system itself (the headless commands, which run with the
database's own credentials, and the scheduler).
"""

from __future__ import annotations

from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.errors import QT_TRANSLATE_NOOP, ConsoleError
from console.models import User
from console.models.base import ROLES
from console.store.audit_trail import ACTOR_KEY

RANK: Final = {role: rank for rank, role in enumerate(ROLES)}
# Each right, and the least role that has it (a higher role has every right of a lower one).
RIGHTS: Final = {
    "tickets": "dispatcher",
    "sla_policies": "supervisor",
    "calendars": "supervisor",
    "workflows": "supervisor",
    "maintenance_plans": "supervisor",
    "reports": "supervisor",
    "billing": "supervisor",
    "audit": "supervisor",
    "settings": "admin",
    "contracts": "admin",
    "reference_data": "admin",
    "users": "admin",
}
_RIGHT_TEXTS: Final = {
    "tickets": QT_TRANSLATE_NOOP("access", "work on tickets"),
    "sla_policies": QT_TRANSLATE_NOOP("access", "change SLA policies"),
    "calendars": QT_TRANSLATE_NOOP("access", "change calendars"),
    "workflows": QT_TRANSLATE_NOOP("access", "change ticket workflows"),
    "maintenance_plans": QT_TRANSLATE_NOOP("access", "edit maintenance plans"),
    "reports": QT_TRANSLATE_NOOP("access", "read reports"),
    "billing": QT_TRANSLATE_NOOP("access", "see billing and acts"),
    "audit": QT_TRANSLATE_NOOP("access", "search the audit log"),
    "settings": QT_TRANSLATE_NOOP("access", "change the team's settings"),
    "contracts": QT_TRANSLATE_NOOP("access", "change contracts"),
    "reference_data": QT_TRANSLATE_NOOP("access", "import or change clients, sites and equipment"),
    "users": QT_TRANSLATE_NOOP("access", "manage users"),
}


class AccessDenied(ConsoleError):
    """The acting user's role lacks the right; nothing was done."""

    context = "access"

    def __init__(self, role: str, right: str) -> None:
        self.role = role
        self.right = right
        super().__init__(
            QT_TRANSLATE_NOOP("access", "Your role ({role}) may not {action}; ask a {needed}."),
            role=role,
            action=_RIGHT_TEXTS[right],
            needed=RIGHTS[right],
        )


def allows(role: str, right: str) -> bool:
    """Whether `role` has `right` (what the console uses to show or hide an action)."""
    return RANK.get(role, -1) >= RANK[RIGHTS[right]]


def require(session: Session, user_id: int | None, right: str) -> None:
    """Refuse with AccessDenied unless the user (as stored now, and active) has `right`.

    `user_id` None is the system (headless commands and the scheduler), which may do everything.
    The session's changes are audited as the user's from here on.
    """
    if right not in RIGHTS:
        raise ValueError(f"unknown right {right!r}; expected one of {', '.join(RIGHTS)}")
    if user_id is None:
        return
    session.info[ACTOR_KEY] = user_id
    found = session.execute(select(User.role, User.active).where(User.id == user_id)).one_or_none()
    role = found.role if found is not None and found.active else "none"
    if not allows(role, right):
        raise AccessDenied(role, right)
