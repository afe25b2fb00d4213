"""Keeps a demo database alive: new tickets arrive, technicians move, tickets move through their statuses.

Every step goes through the same services a dispatcher's actions use, one transaction each, so
the change feed and the history see the simulation as they would see real work.
"""

from __future__ import annotations

import random
from datetime import datetime

from sqlalchemy import func, select

from console.models import Equipment, EquipmentModel, Site, Technician, Ticket, technician_skills
from console.models.base import utcnow
from console.services import demo_names as names
from console.services.field_positions import report_position
from console.services.tickets import TicketDraft, TicketError, assign_technician, change_status, create_ticket
from console.services.workflow import next_statuses, set_checklist_item, ticket_checklist
from console.store.database import Database

NEXT_STATUS = {"assigned": "accepted", "accepted": "en_route", "en_route": "on_site", "on_site": "resolved"}
TECHNICIAN_STATE = {"en_route": "en_route", "on_site": "on_site", "resolved": "free"}


class Simulation:
    """One `step()` is a few seconds of a busy dispatch centre."""

    def __init__(self, db: Database, seed: int | None = None) -> None:
        self.db = db
        self.rng = random.Random(seed)

    def step(self, now: datetime | None = None) -> list[str]:
        """Advance the simulation; returns a line per thing that happened."""
        moment = now or utcnow()
        events: list[str] = []
        if self.rng.random() < 0.5:
            events.append(self._new_ticket(moment))
        events.extend(self._progress_ticket(moment))
        events.extend(self._move_technicians(moment))
        return [e for e in events if e]

    def _new_ticket(self, now: datetime) -> str:
        with self.db.session() as session:
            site_count = session.scalar(select(func.count()).select_from(Site)) or 0
            if not site_count:
                return ""
            site = session.scalars(
                select(Site).order_by(Site.id).offset(self.rng.randrange(site_count)).limit(1)
            ).one()
            equipment = session.execute(
                select(Equipment.id, EquipmentModel.skill_id)
                .join(EquipmentModel, EquipmentModel.id == Equipment.model_id)
                .where(Equipment.site_id == site.id)
            ).all()
            client_id, site_id = site.client_id, site.id
        equipment_id, skill_id = self.rng.choice(equipment) if equipment else (None, None)
        skill_code = names.SKILLS[(skill_id or 1) - 1][0]
        draft = TicketDraft(
            client_id=client_id,
            site_id=site_id,
            equipment_id=equipment_id,
            skill_id=skill_id,
            title=self.rng.choice(names.FAULTS[skill_code]),
            priority=self.rng.choices(("critical", "high", "normal", "low"), weights=(1, 4, 10, 4))[0],
            channel=self.rng.choice(("phone", "email", "portal")),
        )
        ticket_id = create_ticket(self.db, draft, now=now)
        return f"new ticket {ticket_id}"

    def _progress_ticket(self, now: datetime) -> list[str]:
        with self.db.session() as session:
            candidates = session.execute(
                select(Ticket.id, Ticket.status, Ticket.version, Ticket.skill_id, Ticket.technician_id)
                .where(Ticket.status.in_(("new", *NEXT_STATUS)))
                .order_by(Ticket.updated_at)
                .limit(20)
            ).all()
        if not candidates:
            return []
        ticket_id, status, version, skill_id, technician_id = self.rng.choice(candidates)
        try:
            if status == "new":
                technician = self._technician_for(skill_id)
                if technician is None:
                    return []
                assign_technician(self.db, ticket_id, technician, expected_version=version)
                return [f"ticket {ticket_id} assigned to {technician}"]
            allowed = next_statuses(self.db, ticket_id)
            # The usual next step, unless the ticket's workflow skips it (a consultation is resolved at once).
            new_status = NEXT_STATUS[status] if NEXT_STATUS[status] in allowed else "resolved"
            if new_status not in allowed:
                return []
            if new_status == "resolved":
                version = self._complete_checklist(ticket_id, version, now)
            change_status(self.db, ticket_id, new_status, expected_version=version, now=now)
        except TicketError:
            return []
        if technician_id is not None and new_status in TECHNICIAN_STATE:
            self._set_state(technician_id, TECHNICIAN_STATE[new_status], now)
        return [f"ticket {ticket_id} {new_status}"]

    def _complete_checklist(self, ticket_id: int, version: int, now: datetime) -> int:
        """The technician records the checklist before resolving; returns the ticket's version after it."""
        for entry in ticket_checklist(self.db, ticket_id):
            if not entry.done:
                version = set_checklist_item(
                    self.db, ticket_id, entry.item_id, True, expected_version=version, now=now
                )
        return version

    def _technician_for(self, skill_id: int | None) -> int | None:
        query = select(Technician.id).where(Technician.active.is_(True), Technician.state != "off_shift")
        if skill_id is not None:
            query = query.join(technician_skills, technician_skills.c.technician_id == Technician.id).where(
                technician_skills.c.skill_id == skill_id
            )
        with self.db.session() as session:
            ids = list(session.scalars(query))
        return self.rng.choice(ids) if ids else None

    def _set_state(self, technician_id: int, state: str, now: datetime) -> None:
        with self.db.session() as session:
            technician = session.get_one(Technician, technician_id)
            lat = technician.last_latitude or technician.home_latitude
            lon = technician.last_longitude or technician.home_longitude
        report_position(self.db, technician_id, lat, lon, now, state)

    def _move_technicians(self, now: datetime) -> list[str]:
        with self.db.session() as session:
            moving = session.execute(
                select(Technician.id, Technician.last_latitude, Technician.last_longitude)
                .where(Technician.state == "en_route", Technician.last_latitude.is_not(None))
                .order_by(Technician.id)
            ).all()
        events = []
        for technician_id, lat, lon in self.rng.sample(moving, min(3, len(moving))):
            assert lat is not None and lon is not None, "the query asks for reported positions only"
            report_position(
                self.db,
                technician_id,
                lat + self.rng.uniform(-0.003, 0.003),
                lon + self.rng.uniform(-0.005, 0.005),
                now,
            )
            events.append(f"technician {technician_id} moved")
        return events
