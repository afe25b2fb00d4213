"""What the small hand-built planning worlds of the service tests share: a client, a shift, two skills."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from console.models import Calendar, Client, ClientTier, Skill
from console.services.calendars import every_day, weekly_hours_to_json


@dataclass
class Basics:
    shift: Calendar
    lifts: Skill
    hvac: Skill
    client: Client


def add_basics(session: Session) -> Basics:
    """A Gold (rank 1) client "Acme", a Mon-Fri 09:00-18:00 Moscow shift calendar and the skills
    lifts and HVAC, flushed so that their ids are known."""
    tier = ClientTier(name="Gold", rank=1)
    shift = Calendar(
        name="Shift",
        timezone="Europe/Moscow",
        weekly_hours=weekly_hours_to_json(every_day("09:00", "18:00", range(5))),
    )
    lifts, hvac = Skill(code="lifts", name="Lifts"), Skill(code="hvac", name="HVAC")
    session.add_all([tier, shift, lifts, hvac])
    session.flush()
    client = Client(name="Acme", legal_name="Acme LLC", tier_id=tier.id)
    session.add(client)
    session.flush()
    return Basics(shift, lifts, hvac, client)
