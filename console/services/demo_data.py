"""A deterministic, realistic demo data set: a Moscow field-service company and two years of its work.

The same seed and the same `now` give the same rows. The set holds clients of several tiers with
chains of sites, contacts with limited authority, contracts with SLA policies, equipment with
models that fail at different rates, technicians with skills and shifts, planned maintenance,
knowledge-base articles, `tickets` closed tickets with visits, work logs, consumables, history
and feedback, and a few hundred open tickets spread over every status.

It is written with bulk inserts in one transaction and no change-feed entries: it is meant for an
empty database that no console is watching yet.
"""

from __future__ import annotations

import contextlib
import itertools
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Connection, Integer, Table, bindparam, func, select, text

from console.errors import QT_TRANSLATE_NOOP, ConsoleError
from console.models import (
    Base,
    Calendar,
    Client,
    ClientTier,
    Consumable,
    Contact,
    Contract,
    ContractService,
    Equipment,
    EquipmentModel,
    Feedback,
    Invoice,
    KnowledgeArticle,
    KnowledgeAttachment,
    MaintenancePlan,
    SharedSetting,
    Site,
    Skill,
    SlaPauseStatus,
    SlaPolicy,
    SlaTarget,
    Technician,
    Ticket,
    TicketHistory,
    User,
    Visit,
    WorkflowStatus,
    WorkLog,
    contract_equipment,
    contract_sites,
    technician_skills,
)
from console.services import demo_names as names
from console.services.calendars import (
    ALWAYS,
    OFFICE_HOURS,
    WeeklyHours,
    every_day,
    to_business_calendar,
    weekly_hours_to_json,
)
from console.services.company import SETTING_KEY as COMPANY_KEY
from console.services.company import CompanyDetails, company_json
from console.services.sla import BusinessCalendar, NoWorkingTimeError, add_business_time
from console.services.sla_retime import stored_columns
from console.services.ticket_sla import CLOCKS, SlaRules, TicketSla, TicketTimeline, evaluate
from console.store.bulk import bulk_insert
from console.store.database import Database
from console.store.engine import SQLITE_CACHE_KIB

MOSCOW = "Europe/Moscow"
TICKET_CHUNK = 5_000
BULK_CACHE_KIB = 512 * 1024
Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class DemoSize:
    """How big the data set is; the defaults are the realistic size the benchmarks use."""

    clients: int = 300
    sites: int = 1_500
    equipment: int = 8_000
    technicians: int = 120
    tickets: int = 100_000
    open_tickets: int = 400


@dataclass
class DemoSummary:
    counts: dict[str, int]
    seconds: float


class DemoDataRefused(ConsoleError):
    def __init__(self, clients: int) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "errors",
                "The database already holds {clients} clients; demo data is only written into an empty "
                "database, so nothing was changed.",
            ),
            clients=clients,
        )


# Our own company as its acts and bills print it: the demo's acts come out complete.
DEMO_COMPANY = CompanyDetails(
    name="СервисЛифт",
    legal_name="ООО «СервисЛифт»",
    tax_number="7701234567",
    registration_code="770101001",
    address="125009, Москва, ул. Тверская, д. 7",
    bank_details="р/с 40702810900000012345 в ПАО «Банк», БИК 044525225, к/с 30101810400000000225",
    vat_percent=Decimal("20"),
    signatory="Генеральный директор Петров И. С.",
)

# Targets in minutes per priority: (reaction, arrival, resolution).
POLICY_TARGETS: dict[str, dict[str, tuple[int, int | None, int]]] = {
    "Platinum 24/7": {
        "critical": (15, 120, 240),
        "high": (30, 240, 480),
        "normal": (60, 480, 1440),
        "low": (240, 1440, 4320),
    },
    "Gold extended hours": {
        "critical": (30, 180, 480),
        "high": (60, 360, 960),
        "normal": (120, 720, 2160),
        "low": (480, 2160, 5760),
    },
    "Business hours": {
        "critical": (60, 240, 960),
        "high": (120, 480, 1440),
        "normal": (240, 960, 2880),
        "low": (480, 2400, 7200),
    },
}
TIERS: tuple[tuple[str, str, bool, str], ...] = (
    (
        "Platinum",
        "Priority support around the clock, personal manager, 2-hour arrival",
        True,
        "Platinum 24/7",
    ),
    ("Gold", "Priority support 08:00-22:00 every day, personal manager", True, "Gold extended hours"),
    ("Silver", "Business-hours support, personal manager", False, "Business hours"),
    ("Standard", "Business-hours support", False, "Business hours"),
)
TIER_WEIGHTS = (0.07, 0.18, 0.35, 0.40)
PRIORITY_WEIGHTS = (("critical", 0.05), ("high", 0.2), ("normal", 0.55), ("low", 0.2))
CATEGORY_WEIGHTS = (
    ("incident", 0.7),
    ("request", 0.14),
    ("maintenance", 0.1),
    ("installation", 0.03),
    ("consultation", 0.03),
)
CHANNEL_WEIGHTS = (("phone", 0.5), ("email", 0.25), ("portal", 0.17), ("mobile", 0.08))
OPEN_STATUS_WEIGHTS = (
    ("new", 0.16),
    ("assigned", 0.12),
    ("accepted", 0.08),
    ("en_route", 0.08),
    ("on_site", 0.12),
    ("waiting_client", 0.1),
    ("waiting_parts", 0.1),
    ("contractor", 0.06),
    ("reopened", 0.04),
    ("resolved", 0.14),
)
PAUSE_STATUSES = ("waiting_client", "waiting_parts", "contractor")
# Per policy: the calendar it names, whether the site's calendar takes precedence, and which
# statuses stop which clock. Waiting for parts is the provider's problem under Platinum.
POLICY_SETTINGS: dict[str, tuple[str, bool, dict[str, tuple[str, ...]]]] = {
    "Platinum 24/7": (
        "24x7",
        False,
        {"reaction": ("waiting_client",), "arrival": ("waiting_client",), "resolution": ("waiting_client",)},
    ),
    "Gold extended hours": (
        "Extended 08:00-22:00",
        False,
        {
            "reaction": ("waiting_client",),
            "arrival": ("waiting_client",),
            "resolution": ("waiting_client", "waiting_parts"),
        },
    ),
    "Business hours": (
        "Moscow office hours",
        True,
        {"reaction": ("waiting_client",), "arrival": ("waiting_client",), "resolution": PAUSE_STATUSES},
    ),
}
CLOSED_CALENDAR = "Closed for renovation"
# The statuses an open ticket has passed through to reach its current one (after "new").
OPEN_PATHS: dict[str, tuple[str, ...]] = {
    "new": (),
    "assigned": ("assigned",),
    "accepted": ("assigned", "accepted"),
    "en_route": ("assigned", "accepted", "en_route"),
    "on_site": ("assigned", "accepted", "en_route", "on_site"),
    "waiting_client": ("assigned", "accepted", "waiting_client"),
    "waiting_parts": ("assigned", "accepted", "en_route", "on_site", "waiting_parts"),
    "contractor": ("assigned", "accepted", "en_route", "on_site", "contractor"),
    "reopened": ("assigned", "accepted", "en_route", "on_site", "resolved", "reopened"),
    "resolved": ("assigned", "accepted", "en_route", "on_site", "resolved"),
}
STAGE_BY_STATUS = {
    "new": "intake",
    "assigned": "intake",
    "accepted": "diagnostics",
    "en_route": "diagnostics",
    "on_site": "repair",
    "waiting_client": "acceptance",
    "waiting_parts": "parts",
    "contractor": "contractor",
    "reopened": "repair",
    "resolved": "acceptance",
    "closed": "done",
    "cancelled": "done",
}


def _pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def _person(rng: random.Random) -> str:
    first = rng.choice(names.FIRST_NAMES)
    last = rng.choice(names.LAST_NAMES)
    if first.endswith("а") or first.endswith("я"):
        last = last + "а"
    return f"{last} {first}"


def _phone(rng: random.Random) -> str:
    return f"+7 (9{rng.randint(10, 99)}) {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"


@dataclass
class _SiteInfo:
    id: int
    client_id: int
    kind: str
    district: str
    lat: float
    lon: float
    calendar: str
    equipment: list[int] = field(default_factory=list)
    covered: set[int] = field(default_factory=set)
    contract_id: int | None = None


@dataclass
class _Policy:
    id: int
    calendar: str
    use_site_calendar: bool
    targets: dict[str, tuple[int, int | None, int]]
    pauses: dict[str, frozenset[str]]


class _Builder:
    """Generates the rows table by table, in foreign-key order, remembering what later tables need."""

    def __init__(self, connection: Connection, rng: random.Random, now: datetime, size: DemoSize) -> None:
        self.connection = connection
        self.rng = rng
        self.now = now
        self.size = size
        self.counts: dict[str, int] = {}
        self.skill_ids: dict[str, int] = {}
        self.calendar_ids: dict[str, int] = {}
        self.calendars: dict[str, BusinessCalendar] = {}
        self.policies: dict[str, _Policy] = {}
        self.tier_policy: dict[int, str] = {}
        self.manager_ids: list[int] = []
        self.dispatcher_ids: list[int] = []
        self.client_tier: dict[int, int] = {}
        self.client_contacts: dict[int, list[int]] = {}
        self.sites: list[_SiteInfo] = []
        self.site_weights: list[float] = []
        self.models: list[tuple[int, str, float]] = []
        self.equipment_model: dict[int, int] = {}
        self.contract_of_client: dict[int, tuple[int, str, str]] = {}
        self.contract_fee: dict[int, Decimal] = {}
        self.technicians_by_skill: dict[str, list[tuple[int, str]]] = {}
        self.technician_home: dict[int, tuple[float, float]] = {}
        self.plan_of_equipment: dict[int, int] = {}
        self._open_by_technician: dict[int, list[tuple[str, _SiteInfo]]] = {}
        self._rules_cache: dict[tuple[str, str, str], SlaRules] = {}

    def insert(self, table: Table | type[Base], rows: list[dict[str, Any]], *, bulk: bool = False) -> None:
        if not rows:
            return
        target = table if isinstance(table, Table) else cast(Table, table.__table__)
        if bulk:
            bulk_insert(self.connection, target, rows)
        else:
            self.connection.execute(target.insert(), rows)
        self.counts[target.name] = self.counts.get(target.name, 0) + len(rows)

    # Reference data -------------------------------------------------------------------------------

    def reference(self) -> None:
        rng = self.rng
        self.insert(Skill, [{"id": i, "code": c, "name": n} for i, (c, n) in enumerate(names.SKILLS, 1)])
        self.skill_ids = {code: i for i, (code, _) in enumerate(names.SKILLS, 1)}

        people: list[tuple[str, str, str]] = [("admin", "Администратор системы", "admin")]
        for role, count in (("supervisor", 4), ("dispatcher", 14)):
            people.extend((f"{role[:4]}{len(people) + n + 1:02d}", _person(rng), role) for n in range(count))
        people.extend((f"acct{len(people) + n + 1:02d}", _person(rng), "supervisor") for n in range(8))
        # The console may already have signed its local user in; keep that row, add the rest after it.
        existing = {login: uid for login, uid in self.connection.execute(select(User.login, User.id))}
        next_id = max(existing.values(), default=0) + 1
        users: list[dict[str, Any]] = []
        for login, full_name, role in people:
            uid = existing.get(login)
            if uid is None:
                uid, next_id = next_id, next_id + 1
                users.append(
                    {
                        "id": uid,
                        "login": login,
                        "full_name": full_name,
                        "role": role,
                        "email": f"{login}@service.example",
                        "active": True,
                        "created_at": self.now,
                        "version": 1,
                    }
                )
            if login.startswith(("supe", "acct")):
                self.manager_ids.append(uid)
            elif login.startswith("disp"):
                self.dispatcher_ids.append(uid)
        self.insert(User, users)

        calendar_specs: list[tuple[str, WeeklyHours, bool]] = [
            ("Moscow office hours", OFFICE_HOURS, True),
            ("24x7", ALWAYS, False),
            ("Extended 08:00-22:00", every_day("08:00", "22:00"), True),
            ("Retail 10:00-22:00", every_day("10:00", "22:00"), False),
            ("Technician day shift Mon-Fri", every_day("08:00", "20:00", range(5)), True),
            ("Technician shift Tue-Sat", every_day("09:00", "21:00", range(1, 6)), True),
            (CLOSED_CALENDAR, {weekday: [] for weekday in range(7)}, False),
        ]
        calendars: list[dict[str, Any]] = []
        for cid, (name, hours, production) in enumerate(calendar_specs, 1):
            stored = weekly_hours_to_json(hours)
            country = "RU" if production else None
            calendars.append(
                {
                    "id": cid,
                    "name": name,
                    "timezone": MOSCOW,
                    "weekly_hours": stored,
                    "holiday_country": country,
                    "version": 1,
                }
            )
            self.calendar_ids[name] = cid
            # The same conversion the console uses, so demo deadlines are the ones it would compute.
            self.calendars[name] = to_business_calendar(MOSCOW, stored, (), country, today=self.now.date())
        self.insert(Calendar, calendars)

        policies: list[dict[str, Any]] = []
        targets: list[dict[str, Any]] = []
        pauses: list[dict[str, Any]] = []
        for pid, (name, per_priority) in enumerate(POLICY_TARGETS.items(), 1):
            cal, use_site_calendar, clock_pauses = POLICY_SETTINGS[name]
            policies.append(
                {
                    "id": pid,
                    "name": name,
                    "calendar_id": self.calendar_ids[cal],
                    "warning_ratio": 0.75,
                    "critical_ratio": 0.9,
                    "use_site_calendar": use_site_calendar,
                    "version": 1,
                }
            )
            for priority, (reaction, arrival, resolution) in per_priority.items():
                targets.append(
                    {
                        "policy_id": pid,
                        "priority": priority,
                        "reaction_minutes": reaction,
                        "arrival_minutes": arrival,
                        "resolution_minutes": resolution,
                    }
                )
            pauses.extend(
                {"policy_id": pid, "clock": clock, "status": status}
                for clock, statuses in clock_pauses.items()
                for status in statuses
            )
            self.policies[name] = _Policy(
                pid,
                cal,
                use_site_calendar,
                per_priority,
                {clock: frozenset(statuses) for clock, statuses in clock_pauses.items()},
            )
        self.insert(SlaPolicy, policies)
        self.insert(SlaTarget, targets)
        self.insert(SlaPauseStatus, pauses)

        tiers: list[dict[str, Any]] = []
        for tid, (tier_name, grants, priority_support, policy_name) in enumerate(TIERS, 1):
            tiers.append(
                {
                    "id": tid,
                    "name": tier_name,
                    "rank": tid,
                    "grants": grants,
                    "priority_support": priority_support,
                }
            )
            self.tier_policy[tid] = policy_name
        self.insert(ClientTier, tiers)

        models: list[dict[str, Any]] = []
        mid = 0
        for skill, groups in names.EQUIPMENT_MODELS.items():
            for kind, manufacturer, model_names in groups:
                for model_name in model_names:
                    mid += 1
                    failure_rate = rng.lognormvariate(0, 0.6)
                    models.append(
                        {
                            "id": mid,
                            "manufacturer": manufacturer,
                            "name": model_name,
                            "kind": kind,
                            "skill_id": self.skill_ids[skill],
                            "service_interval_days": 30 if skill == "elevators" else 90,
                        }
                    )
                    self.models.append((mid, skill, failure_rate))
        self.insert(EquipmentModel, models)

    # Clients, sites, contacts ----------------------------------------------------------------------

    def clients_and_sites(self) -> None:
        rng, size = self.rng, self.size
        clients: list[dict[str, Any]] = []
        kinds: dict[int, tuple[str, str]] = {}
        used_names: set[str] = set()
        for cid in range(1, size.clients + 1):
            kind = rng.choice(names.COMPANY_KINDS)
            base = rng.choice(names.COMPANY_WORDS)
            name = base if base not in used_names else f"{base}-{cid}"
            used_names.add(name)
            tier_id = rng.choices(range(1, 5), weights=TIER_WEIGHTS)[0]
            legal = f"{rng.choice(names.LEGAL_FORMS)} «{name}»"
            clients.append(
                {
                    "id": cid,
                    "name": f"{name} ({kind[0]})",
                    "legal_name": legal,
                    "tax_number": f"77{cid:04d}{rng.randint(1000, 9999)}",
                    "tier_id": tier_id,
                    "manager_id": rng.choice(self.manager_ids) if tier_id <= 3 else None,
                    "phone": f"+7 (495) {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",
                    "email": f"service@client{cid}.example",
                    "address": f"Москва, {rng.choice(names.STREETS)}, д. {rng.randint(1, 120)}",
                    "created_at": self.now - timedelta(days=rng.randint(800, 2500)),
                    "version": 1,
                }
            )
            kinds[cid] = kind
            self.client_tier[cid] = tier_id
        self.insert(Client, clients)

        # Chains: a few clients own many sites (Pareto), every client at least one.
        weights = [rng.paretovariate(1.3) for _ in range(size.clients)]
        extra = size.sites - size.clients
        shares = [w / sum(weights) for w in weights]
        per_client = [1 + int(extra * s) for s in shares]
        per_client[0] += size.sites - sum(per_client)
        sites: list[dict[str, Any]] = []
        sid = 0
        for cid, count in enumerate(per_client, 1):
            site_kind = kinds[cid][1]
            for n in range(count):
                sid += 1
                district, clat, clon = rng.choice(names.DISTRICTS)
                lat = clat + rng.gauss(0, 0.025)
                lon = clon + rng.gauss(0, 0.04)
                calendar = (
                    "Retail 10:00-22:00"
                    if site_kind in ("магазин", "аптека", "кофейня", "ТЦ")
                    else ("Moscow office hours" if site_kind in ("отделение", "корпус") else "24x7")
                )
                if rng.random() < 0.004:
                    calendar = CLOSED_CALENDAR
                address = f"Москва, {rng.choice(names.STREETS)}, д. {rng.randint(1, 150)}"
                sites.append(
                    {
                        "id": sid,
                        "client_id": cid,
                        "name": f"{site_kind.capitalize()} №{n + 1}",
                        "address": address,
                        "territory": district,
                        "latitude": round(lat, 6),
                        "longitude": round(lon, 6),
                        "timezone": MOSCOW,
                        "calendar_id": self.calendar_ids[calendar],
                        "access_notes": rng.choice(("", "", "Вход со двора", "Пропуск заказывать за сутки")),
                        "version": 1,
                    }
                )
                self.sites.append(_SiteInfo(sid, cid, site_kind, district, lat, lon, calendar))
                self.site_weights.append(1.0 + (4 - self.client_tier[cid]) * 0.3)
        self.insert(Site, sites)

        contacts: list[dict[str, Any]] = []
        by_client: dict[int, list[_SiteInfo]] = {}
        for site in self.sites:
            by_client.setdefault(site.client_id, []).append(site)

        def contact(cid: int, scope: str, position: str, **extra: Any) -> None:
            contacts.append(
                {
                    "id": len(contacts) + 1,
                    "client_id": cid,
                    "full_name": _person(rng),
                    "position": position,
                    "phone": _phone(rng),
                    "mobile": _phone(rng) if rng.random() < 0.5 else None,
                    "email": f"c{len(contacts) + 1}@client{cid}.example",
                    "scope": scope,
                    "site_id": extra.get("site_id"),
                    "territory": extra.get("territory"),
                    "may_request": True,
                    "may_approve": extra.get("may_approve", False),
                    "version": 1,
                }
            )
            self.client_contacts.setdefault(cid, []).append(len(contacts))

        for cid, client_sites in by_client.items():
            contact(cid, "client", rng.choice(names.POSITIONS_HEAD), may_approve=True)
            if len(client_sites) > 3:
                for territory in sorted({s.district for s in client_sites}):
                    contact(
                        cid,
                        "territory",
                        rng.choice(names.POSITIONS_TERRITORY),
                        territory=territory,
                        may_approve=rng.random() < 0.6,
                    )
            for site in client_sites:
                contact(cid, "site", rng.choice(names.POSITIONS_SITE), site_id=site.id)
        self.insert(Contact, contacts)

    # Equipment, contracts, technicians, plans, knowledge base -------------------------------------

    def equipment_and_contracts(self) -> None:
        rng, size = self.rng, self.size
        models_by_skill: dict[str, list[int]] = {}
        for mid, skill, _ in self.models:
            models_by_skill.setdefault(skill, []).append(mid)
        rows: list[dict[str, Any]] = []
        serial = itertools.count(100_000)
        site_cycle = itertools.cycle(self.sites)
        while len(rows) < size.equipment:
            site = next(site_cycle) if len(rows) < len(self.sites) else rng.choice(self.sites)
            skills = names.SITE_SKILLS[site.kind]
            skill = skills[min(int(rng.expovariate(0.8)), len(skills) - 1)]
            model_id = rng.choice(models_by_skill[skill])
            eid = len(rows) + 1
            parent = None
            if skill in ("elevators", "hvac") and site.equipment and rng.random() < 0.25:
                parent = site.equipment[-1]
            rows.append(
                {
                    "id": eid,
                    "site_id": site.id,
                    "model_id": model_id,
                    "parent_id": parent,
                    "serial_number": f"SN{next(serial)}",
                    "inventory_number": f"ИНВ-{site.client_id:03d}-{eid:05d}",
                    "installed_on": (self.now - timedelta(days=rng.randint(200, 3650))).date(),
                    "decommissioned_on": None,
                    "version": 1,
                }
            )
            site.equipment.append(eid)
            self.equipment_model[eid] = model_id
        self.insert(Equipment, rows)

        contracts: list[dict[str, Any]] = []
        covered_sites: list[dict[str, Any]] = []
        covered_equipment: list[dict[str, Any]] = []
        services: list[dict[str, Any]] = []
        by_client: dict[int, list[_SiteInfo]] = {}
        for site in self.sites:
            by_client.setdefault(site.client_id, []).append(site)
        today = self.now.date()
        for cid, client_sites in by_client.items():
            tier = self.client_tier[cid]
            policy = self.tier_policy[tier]
            unit = rng.choices(("hours", "units", "points"), weights=(0.6, 0.25, 0.15))[0]
            starts = today - timedelta(days=rng.randint(800, 1400))
            roll = rng.random()
            ends: date | None = today + timedelta(days=rng.randint(5, 700))
            status = "active"
            if roll < 0.04:
                status = "suspended"
            elif roll < 0.1:
                ends = None
            if rng.random() < 0.03:
                policy = ""  # time-and-materials contract: no SLA promised
            number = f"ДС-{starts.year}/{cid:04d}"
            fee = Decimal(rng.randrange(40_000, 900_000, 5_000)) * (5 - tier) / 2
            contracts.append(
                {
                    "id": cid,
                    "client_id": cid,
                    "number": number,
                    "starts_on": starts,
                    "ends_on": ends,
                    "status": status,
                    "subscription_fee": fee.quantize(Decimal("0.01")),
                    "billing_unit": unit,
                    "unit_price": Decimal({"hours": 3500, "units": 1200, "points": 450}[unit]),
                    "trip_price": Decimal(1500 + 500 * (cid % 4)),
                    "sla_policy_id": self.policies[policy].id if policy else None,
                    "version": 1,
                }
            )
            self.contract_of_client[cid] = (cid, policy, status)
            self.contract_fee[cid] = fee.quantize(Decimal("0.01"))
            for site in client_sites:
                if rng.random() < 0.96:
                    covered_sites.append({"contract_id": cid, "site_id": site.id})
                    site.contract_id = cid
                    for eid in site.equipment:
                        if rng.random() < 0.92:
                            covered_equipment.append({"contract_id": cid, "equipment_id": eid})
                            site.covered.add(eid)
            categories = ["incident", "request", "maintenance"]
            if rng.random() < 0.3:
                categories.append("installation")
            if rng.random() < 0.7:
                categories.append("consultation")
            services.extend({"contract_id": cid, "category": c} for c in categories)
        self.insert(Contract, contracts)
        self.insert(contract_sites, covered_sites)
        self.insert(contract_equipment, covered_equipment)
        self.insert(ContractService, services)

    def technicians(self) -> None:
        rng = self.rng
        rows: list[dict[str, Any]] = []
        skills: list[dict[str, Any]] = []
        skill_codes = [code for code, _ in names.SKILLS]
        shift_calendars = ("Technician day shift Mon-Fri", "Technician shift Tue-Sat", "24x7")
        for tid in range(1, self.size.technicians + 1):
            district, clat, clon = names.DISTRICTS[(tid - 1) % len(names.DISTRICTS)]
            home = (round(clat + rng.gauss(0, 0.02), 6), round(clon + rng.gauss(0, 0.03), 6))
            calendar = rng.choices(shift_calendars, weights=(0.6, 0.3, 0.1))[0]
            rows.append(
                {
                    "id": tid,
                    "full_name": _person(rng),
                    "phone": _phone(rng),
                    "team": district,
                    "home_latitude": home[0],
                    "home_longitude": home[1],
                    "last_latitude": None,
                    "last_longitude": None,
                    "last_position_at": None,
                    "state": "off_shift",
                    "calendar_id": self.calendar_ids[calendar],
                    "cost_rate": Decimal(rng.randrange(900, 1800, 50)),
                    "active": True,
                    "version": 1,
                }
            )
            self.technician_home[tid] = home
            primary = skill_codes[(tid - 1) % len(skill_codes)]
            own = {primary, *rng.sample(skill_codes, rng.choice((0, 1, 1, 2)))}
            for code in sorted(own):
                skills.append({"technician_id": tid, "skill_id": self.skill_ids[code]})
                self.technicians_by_skill.setdefault(code, []).append((tid, district))
        self.insert(Technician, rows)
        self.insert(technician_skills, skills)

    def plans_and_knowledge(self) -> None:
        rng = self.rng
        plans: list[dict[str, Any]] = []
        model_skill = {mid: skill for mid, skill, _ in self.models}
        for site in self.sites:
            if site.contract_id is None:
                continue
            for eid in site.equipment:
                skill = model_skill[self.equipment_model[eid]]
                if eid not in site.covered or skill not in ("elevators", "hvac", "fire_safety"):
                    continue
                rule = {
                    "elevators": f"FREQ=MONTHLY;BYMONTHDAY={rng.randint(1, 28)}",
                    "hvac": "FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU",
                    "fire_safety": "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR",
                }[skill]
                pid = len(plans) + 1
                plans.append(
                    {
                        "id": pid,
                        "name": f"ППР {names.SKILLS[self.skill_ids[skill] - 1][1]} #{eid}",
                        "contract_id": site.contract_id,
                        "site_id": site.id,
                        "equipment_id": eid,
                        "equipment_model_id": None,
                        "rrule": rule,
                        "starts_on": (self.now - timedelta(days=rng.randint(200, 700))).date(),
                        "ends_on": None,
                        "duration_minutes": {"elevators": 120, "hvac": 180, "fire_safety": 90}[skill],
                        "skill_id": self.skill_ids[skill],
                        "checklist": ["Внешний осмотр", "Проверка узлов", "Запись в журнал"],
                        "window_start": None,
                        "window_end": None,
                        "after_previous_done": skill == "hvac",
                        "non_working_day": "next_working_day",
                        "horizon_days": 60,
                        # Jobs before today are in the history above; the generator makes the rest.
                        "generated_until": (self.now - timedelta(days=1)).date(),
                        "active": True,
                        "notes": "",
                        "updated_at": self.now,
                        "version": 1,
                    }
                )
                self.plan_of_equipment[eid] = pid
        self.insert(MaintenancePlan, plans)

        articles: list[dict[str, Any]] = []
        attachments: list[dict[str, Any]] = []
        for mid, skill, _ in self.models:
            for title in ("Руководство по эксплуатации", "Типовые неисправности", "Схема подключения")[
                : rng.randint(1, 3)
            ]:
                aid = len(articles) + 1
                articles.append(
                    {
                        "id": aid,
                        "equipment_model_id": mid,
                        "title": title,
                        "body": f"{title}. " + " ".join(names.FAULTS[skill]),
                        "updated_at": self.now - timedelta(days=rng.randint(1, 600)),
                        "version": 1,
                    }
                )
                attachments.append(
                    {
                        "article_id": aid,
                        "file_name": f"model-{mid}-{aid}.pdf",
                        "media_type": "application/pdf",
                        "location": f"kb/model-{mid}/{aid}.pdf",
                    }
                )
        self.insert(KnowledgeArticle, articles)
        self.insert(KnowledgeAttachment, attachments)

    # Tickets --------------------------------------------------------------------------------------

    def invoices(self) -> None:
        """Monthly subscription invoices for the last half year: most paid on time, some late or unpaid.

        A suspended contract is usually suspended for non-payment, so its last invoices stay unpaid.
        """
        rng = self.rng
        rows: list[dict[str, Any]] = []
        this_month = self.now.date().replace(day=1)
        for cid, (contract_id, _policy, status) in self.contract_of_client.items():
            debtor = status == "suspended" or rng.random() < 0.08
            for back in range(6, -1, -1):
                year, month = divmod(this_month.year * 12 + this_month.month - 1 - back, 12)
                issued = date(year, month + 1, 1)
                due = issued + timedelta(days=15)
                amount = self.contract_fee[cid]
                unpaid = (debtor and back < 3) or due >= self.now.date() or rng.random() < 0.02
                partly = unpaid and rng.random() < 0.2
                rows.append(
                    {
                        "client_id": cid,
                        "contract_id": contract_id,
                        "number": f"СЧ-{year}{month + 1:02d}/{cid:04d}",
                        "issued_on": issued,
                        "due_on": due,
                        "amount": amount,
                        "paid_amount": (amount / 2).quantize(Decimal("0.01"))
                        if partly
                        else (Decimal(0) if unpaid else amount),
                        "paid_on": None if unpaid else due - timedelta(days=rng.randint(0, 12)),
                        "version": 1,
                    }
                )
        self.insert(Invoice, rows)

    # Team settings ---------------------------------------------------------------------------------

    def company(self) -> None:
        """Our company's details, stored as the console stores them; details saved before are kept."""
        if self.connection.execute(select(SharedSetting.key).where(SharedSetting.key == COMPANY_KEY)).first():
            return
        self.insert(
            SharedSetting,
            [{"key": COMPANY_KEY, "value": company_json(DEMO_COMPANY), "updated_at": self.now, "version": 1}],
        )

    def _site_and_equipment(self) -> tuple[_SiteInfo, int | None, str]:
        rng = self.rng
        site = rng.choices(self.sites, cum_weights=self._site_cum)[0]
        if site.equipment and rng.random() < 0.88:
            weights = [self._model_rate[self.equipment_model[e]] for e in site.equipment]
            eid = rng.choices(site.equipment, weights=weights)[0]
            return site, eid, self._model_skill[self.equipment_model[eid]]
        return site, None, rng.choice(names.SITE_SKILLS[site.kind])

    def _technician(self, skill: str, district: str) -> int:
        pool = (
            self.technicians_by_skill.get(skill)
            or self.technicians_by_skill[next(iter(self.technicians_by_skill))]
        )
        local = [t for t, d in pool if d == district]
        if local and self.rng.random() < 0.7:
            return self.rng.choice(local)
        return self.rng.choice(pool)[0]

    def _created_at(self, days_back_min: float, days_back_max: float) -> datetime:
        rng = self.rng
        moment = self.now - timedelta(days=rng.uniform(days_back_min, days_back_max))
        hour = min(23, max(0, int(rng.gauss(13, 3.5))))
        return moment.replace(hour=hour, minute=rng.randint(0, 59), second=rng.randint(0, 59), microsecond=0)

    def tickets(self, progress: Progress) -> None:
        self._site_cum = list(itertools.accumulate(self.site_weights))
        self._model_rate = {mid: rate for mid, _, rate in self.models}
        self._model_skill = {mid: skill for mid, skill, _ in self.models}
        self._seq = itertools.count(1)
        # How long an open ticket may stay in its status, as the category workflows (seeded by the
        # migrations) say; its stage deadline counts from its last status change.
        self._deadlines: dict[tuple[str, str], int | None] = {
            (category, status): minutes
            for category, status, minutes in self.connection.execute(
                select(WorkflowStatus.category, WorkflowStatus.status, WorkflowStatus.deadline_minutes)
            )
        }
        self._ids = {
            name: itertools.count(1) for name in ("history", "visit", "work_log", "consumable", "feedback")
        }
        total = self.size.tickets
        # Older tickets first, so numbers grow with time.
        offsets = sorted((self.rng.uniform(3, 730) for _ in range(total)), reverse=True)
        done = 0
        for chunk_start in range(0, total, TICKET_CHUNK):
            batch = _Batch()
            for back in offsets[chunk_start : chunk_start + TICKET_CHUNK]:
                self._closed_ticket(batch, back)
            batch.write(self)
            done += len(offsets[chunk_start : chunk_start + TICKET_CHUNK])
            progress("tickets", done / max(total, 1))
        batch = _Batch()
        for _ in range(self.size.open_tickets):
            self._open_ticket(batch)
        batch.write(self)
        self._place_technicians()

    def _base_ticket(
        self, created: datetime, category: str | None = None
    ) -> tuple[dict[str, Any], _SiteInfo]:
        rng = self.rng
        site, eid, skill = self._site_and_equipment()
        category = category or _pick(rng, CATEGORY_WEIGHTS)
        if category == "maintenance" and eid is None and site.equipment:
            eid = rng.choice(site.equipment)
            skill = self._model_skill[self.equipment_model[eid]]
        priority = _pick(rng, PRIORITY_WEIGHTS) if category != "maintenance" else "low"
        covered = site.contract_id is not None and (eid is None or eid in site.covered)
        seq = next(self._seq)
        title = (
            rng.choice(names.FAULTS[skill])
            if category == "incident"
            else {
                "request": "Заявка на работы",
                "maintenance": "Плановое ТО",
                "installation": "Монтаж оборудования",
                "consultation": "Консультация",
            }.get(category, "Заявка")
        )
        contacts = self.client_contacts.get(site.client_id, [])
        row = {
            "id": seq,
            "number": f"{created.year}-{seq:06d}",
            "client_id": site.client_id,
            "site_id": site.id,
            "contact_id": rng.choice(contacts) if contacts and category != "maintenance" else None,
            "equipment_id": eid,
            "contract_id": site.contract_id,
            "maintenance_plan_id": self.plan_of_equipment.get(eid)
            if category == "maintenance" and eid
            else None,
            "category": category,
            "priority": priority,
            "skill_id": self.skill_ids[skill],
            "channel": "planned" if category == "maintenance" else _pick(rng, CHANNEL_WEIGHTS),
            "title": title,
            "description": f"{title}. Объект: {site.kind} {site.district}.",
            "billable": not covered,
            "created_by_id": rng.choice(self.dispatcher_ids),
            "created_at": created,
            "updated_at": created,
            "status_since": created,
            "stage_due_at": None,
            "planned_for": None,
            "reopen_count": 0,
            "version": 1,
        }
        return row, site

    def _rules(self, row: dict[str, Any], site: _SiteInfo) -> SlaRules | str:
        """The ticket's SLA rules, chosen as the live console chooses them (see sla_retime), or why none."""
        if row["contract_id"] is None:
            return "no_contract"
        _, policy_name, status = self.contract_of_client[site.client_id]
        if status != "active":
            return "contract_inactive"
        if row["billable"]:
            return "uncovered_equipment"
        if not policy_name:
            return "no_policy"
        policy = self.policies[policy_name]
        calendar = site.calendar if policy.use_site_calendar else policy.calendar
        key = (policy_name, calendar, row["priority"])
        if key not in self._rules_cache:
            reaction, arrival, resolution = policy.targets[row["priority"]]
            self._rules_cache[key] = SlaRules(
                calendar=self.calendars[calendar],
                targets={
                    "reaction": timedelta(minutes=reaction),
                    "arrival": timedelta(minutes=arrival) if arrival else None,
                    "resolution": timedelta(minutes=resolution),
                },
                pause_statuses=policy.pauses,
            )
        return self._rules_cache[key]

    def _closed_ticket(self, batch: _Batch, days_back: float) -> None:
        rng = self.rng
        created = self._created_at(days_back, days_back)
        row, site = self._base_ticket(created)
        rules = self._rules(row, site)
        due: dict[str, datetime | None] = dict.fromkeys(CLOCKS)
        if isinstance(rules, SlaRules):
            try:
                for clock in CLOCKS:
                    target = rules.targets[clock]
                    due[clock] = add_business_time(rules.calendar, created, target) if target else None
            except NoWorkingTimeError:
                rules = "no_working_hours"
        skill = names.SKILLS[row["skill_id"] - 1][0]
        technician = self._technician(skill, site.district)
        due_reaction = due["reaction"] or created + timedelta(hours=2)
        due_resolution = due["resolution"] or created + timedelta(hours=rng.uniform(4, 72))
        late = rng.random() < 0.09
        reacted = created + (due_reaction - created) * rng.uniform(0.1, 1.3 if late else 0.95)
        spread = (due_resolution - created).total_seconds()
        share = rng.uniform(1.02, 1.8) if late else rng.uniform(0.2, 0.97)
        resolved = max(created + timedelta(seconds=spread * share), reacted + timedelta(minutes=20))
        cancelled = rng.random() < 0.03
        arrived = None if cancelled else reacted + (resolved - reacted) * rng.uniform(0.15, 0.6)
        closed = resolved + timedelta(hours=rng.uniform(1, 48))

        def state(clock: str, met: datetime | None) -> str:
            deadline = due[clock]
            if isinstance(rules, str) or deadline is None or met is None:
                return "none"
            return "met" if met <= deadline else "breached"

        row.update(
            status="cancelled" if cancelled else "closed",
            stage="done",
            technician_id=technician,
            reacted_at=reacted,
            arrived_at=arrived,
            resolved_at=None if cancelled else resolved,
            closed_at=closed,
            updated_at=closed,
            status_since=closed,
            paused_since=None,
            reaction_due_at=due["reaction"],
            arrival_due_at=due["arrival"],
            resolution_due_at=due["resolution"],
            reaction_state=state("reaction", reacted),
            arrival_state=state("arrival", arrived),
            resolution_state=state("resolution", None if cancelled else resolved),
            reaction_pause_seconds=0,
            arrival_pause_seconds=0,
            resolution_pause_seconds=0,
            sla_left_seconds=None,
            sla_next_check_at=None,
            sla_issue=rules if isinstance(rules, str) else None,
            reopen_count=1 if rng.random() < 0.03 else 0,
        )
        row["sla_state"] = row["resolution_state"]
        batch.tickets.append(row)
        actor = row["created_by_id"]
        batch.history(self, row["id"], created, actor, "status", None, "new")
        batch.history(self, row["id"], reacted, actor, "technician", None, str(technician))
        if cancelled:
            batch.history(self, row["id"], closed, actor, "status", "new", "cancelled")
            return
        batch.history(self, row["id"], resolved, None, "status", "new", "resolved")
        batch.history(self, row["id"], closed, actor, "status", "resolved", "closed")
        self._visit_and_work(batch, row, technician, arrived or reacted, resolved, done=True)
        if rng.random() < 0.35:
            satisfaction = 4.6 - (1.2 if late else 0) - (0.4 if row["reopen_count"] else 0)
            batch.feedback.append(
                {
                    "id": next(self._ids["feedback"]),
                    "ticket_id": row["id"],
                    "client_id": row["client_id"],
                    "contact_id": row["contact_id"],
                    "score": max(1, min(5, round(rng.gauss(satisfaction, 0.8)))),
                    "comment": rng.choice(names.FEEDBACK_COMMENTS),
                    "received_at": closed + timedelta(hours=rng.uniform(1, 72)),
                }
            )

    def _visit_and_work(
        self,
        batch: _Batch,
        row: dict[str, Any],
        technician: int,
        start: datetime,
        end: datetime,
        *,
        done: bool,
    ) -> None:
        rng = self.rng
        travel = rng.randint(10, 80)
        work_minutes = max(20, int(rng.gauss(90, 45)))
        planned_start = start - timedelta(minutes=rng.randint(0, 40))
        visit_id = next(self._ids["visit"])
        batch.visits.append(
            {
                "id": visit_id,
                "ticket_id": row["id"],
                "technician_id": technician,
                "status": "done" if done else "planned",
                "planned_start": planned_start,
                "planned_end": planned_start + timedelta(minutes=work_minutes),
                "actual_start": start if done else None,
                "actual_end": min(end, start + timedelta(minutes=work_minutes)) if done else None,
                "travel_minutes": travel,
                "pinned": False,
                "version": 1,
            }
        )
        if not done:
            return
        log_id = next(self._ids["work_log"])
        batch.work_logs.append(
            {
                "id": log_id,
                "ticket_id": row["id"],
                "visit_id": visit_id,
                "technician_id": technician,
                "logged_at": end,
                "minutes": work_minutes,
                "units": Decimal(max(1, round(work_minutes / 60))),
                "description": rng.choice(names.WORK_DONE),
            }
        )
        if rng.random() < 0.3:
            for item, cost in rng.sample(names.CONSUMABLES, rng.randint(1, 2)):
                batch.consumables.append(
                    {
                        "id": next(self._ids["consumable"]),
                        "work_log_id": log_id,
                        "name": item,
                        "quantity": Decimal(rng.randint(1, 3)),
                        "unit_cost": Decimal(str(cost)),
                    }
                )

    def _open_ticket(self, batch: _Batch) -> None:
        """An open ticket part-way along its path, with the status history and SLA state that go with it."""
        rng = self.rng
        status = _pick(rng, OPEN_STATUS_WEIGHTS)
        category = "maintenance" if rng.random() < 0.08 else None
        row, site = self._base_ticket(self.now, category)
        # Open jobs of the maintenance plans are made by the generator; these are one-off service requests.
        row["maintenance_plan_id"] = None
        rules = self._rules(row, site)
        # Ages and reaction times in proportion to the ticket's own targets, so that most open
        # tickets are on track, some in warning and a few breached, as on a normal day.
        targets = rules.targets if isinstance(rules, SlaRules) else {}
        reaction = (targets.get("reaction") or timedelta(hours=1)).total_seconds()
        arrival = (targets.get("arrival") or timedelta(hours=4)).total_seconds()
        resolution = (targets.get("resolution") or timedelta(hours=24)).total_seconds()
        steps = OPEN_PATHS[status]
        before_arrival = "on_site" not in steps
        horizon = reaction if status == "new" else (arrival if before_arrival else resolution)
        age = horizon * rng.uniform(0.05, 1.15)
        created = (self.now - timedelta(seconds=age)).replace(microsecond=0)
        row.update(created_at=created, number=f"{created.year}-{row['id']:06d}")
        # Anchor the first reaction and the arrival near their targets; later steps follow at random.
        anchors = {
            "assigned": reaction * rng.uniform(0.05, 0.4),
            "accepted": reaction * rng.uniform(0.4, 1.1),
            "en_route": arrival * rng.uniform(0.3, 0.6),
            "on_site": arrival * rng.uniform(0.6, 1.05),
        }
        offsets: list[float] = []
        for step in steps:
            floor = offsets[-1] if offsets else 0.0
            wanted = anchors.get(step, rng.uniform(floor, age))
            offsets.append(min(max(wanted, floor + 1), age * 0.99))
        moments = [created + timedelta(seconds=offset) for offset in offsets]
        changes = [(created, "new"), *zip(moments, steps, strict=True)]
        reached = {step: at for at, step in changes}
        skill = names.SKILLS[row["skill_id"] - 1][0]
        technician = None if status == "new" else self._technician(skill, site.district)
        row.update(
            status=status,
            stage=STAGE_BY_STATUS[status],
            technician_id=technician,
            reacted_at=reached.get("accepted"),
            arrived_at=reached.get("on_site"),
            resolved_at=reached.get("resolved") if status == "resolved" else None,
            closed_at=None,
            reopen_count=1 if status == "reopened" else 0,
            updated_at=changes[-1][0],
            status_since=changes[-1][0],
        )
        minutes = self._deadlines.get((row["category"], status))
        if minutes is not None:
            row["stage_due_at"] = row["status_since"] + timedelta(minutes=minutes)
        result: TicketSla | str = rules if isinstance(rules, str) else "no_working_hours"
        if isinstance(rules, SlaRules):
            timeline = TicketTimeline(created, changes, row["reacted_at"], row["arrived_at"])
            with contextlib.suppress(NoWorkingTimeError):
                result = evaluate(rules, timeline, self.now)
        row.update(stored_columns(result))
        if category == "maintenance":
            row["planned_for"] = self.now + timedelta(days=rng.randint(0, 20))
        batch.tickets.append(row)
        actor = row["created_by_id"]
        previous: str | None = None
        for at, new in changes:
            batch.history(self, row["id"], at, actor, "status", previous, new)
            previous = new
        if technician is not None:
            batch.history(self, row["id"], reached["assigned"], actor, "technician", None, str(technician))
            arrived = row["arrived_at"]
            start = arrived or (self.now + timedelta(minutes=rng.randint(20, 240)))
            self._visit_and_work(batch, row, technician, start, start + timedelta(hours=1), done=False)
            if arrived is not None and status != "resolved":
                batch.visits[-1].update(status="on_site", actual_start=arrived)
        self._open_by_technician.setdefault(technician or 0, []).append((status, site))

    def _place_technicians(self) -> None:
        """Give every technician a state and a last position consistent with their open tickets."""
        rng = self.rng
        updates: list[dict[str, Any]] = []
        shift_calendars = {cid: name for name, cid in self.calendar_ids.items()}
        rows = self.connection.execute(select(Technician.id, Technician.calendar_id)).all()
        for tid, calendar_id in rows:
            calendar = self.calendars[shift_calendars[calendar_id]] if calendar_id else self.calendars["24x7"]
            on_shift = add_business_time(calendar, self.now, timedelta(0)) == self.now
            work = self._open_by_technician.get(tid, [])
            home_lat, home_lon = self.technician_home[tid]
            lat, lon, state = home_lat, home_lon, "off_shift"
            if on_shift:
                state = "free"
                active = [site for status, site in work if status in ("on_site", "en_route")]
                if active:
                    site = active[0]
                    on_site = any(status == "on_site" for status, _ in work)
                    state = "on_site" if on_site else "en_route"
                    share = 1.0 if on_site else rng.uniform(0.3, 0.8)
                    lat = home_lat + (site.lat - home_lat) * share
                    lon = home_lon + (site.lon - home_lon) * share
                else:
                    lat += rng.gauss(0, 0.01)
                    lon += rng.gauss(0, 0.015)
            age = (
                timedelta(minutes=rng.expovariate(1 / 6)) if on_shift else timedelta(hours=rng.uniform(2, 14))
            )
            updates.append(
                {
                    "tid": tid,
                    "lat": round(lat, 6),
                    "lon": round(lon, 6),
                    "at": self.now - age,
                    "state": state,
                }
            )
        table = cast(Table, Technician.__table__)
        statement = (
            table.update()
            .where(table.c.id == bindparam("tid"))
            .values(
                last_latitude=bindparam("lat"),
                last_longitude=bindparam("lon"),
                last_position_at=bindparam("at", type_=table.c.last_position_at.type),
                state=bindparam("state"),
            )
        )
        self.connection.execute(statement, updates)


@dataclass
class _Batch:
    tickets: list[dict[str, Any]] = field(default_factory=list)
    histories: list[dict[str, Any]] = field(default_factory=list)
    visits: list[dict[str, Any]] = field(default_factory=list)
    work_logs: list[dict[str, Any]] = field(default_factory=list)
    consumables: list[dict[str, Any]] = field(default_factory=list)
    feedback: list[dict[str, Any]] = field(default_factory=list)

    def history(
        self,
        builder: _Builder,
        ticket_id: int,
        at: datetime,
        user: int | None,
        what: str,
        old: str | None,
        new: str,
    ) -> None:
        self.histories.append(
            {
                "id": next(builder._ids["history"]),
                "ticket_id": ticket_id,
                "at": at,
                "user_id": user,
                "field": what,
                "old_value": old,
                "new_value": new,
            }
        )

    def write(self, builder: _Builder) -> None:
        for entity, rows in (
            (Ticket, self.tickets),
            (TicketHistory, self.histories),
            (Visit, self.visits),
            (WorkLog, self.work_logs),
            (Consumable, self.consumables),
            (Feedback, self.feedback),
        ):
            builder.insert(entity, rows, bulk=True)


def _reset_sequences(connection: Connection) -> None:
    """After inserts with explicit ids, move PostgreSQL's id sequences past them."""
    if connection.dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        key = table.c.get("id")
        if key is not None and key.primary_key and key.autoincrement and isinstance(key.type, Integer):
            connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                )
            )


def client_count(db: Database) -> int:
    with db.session() as session:
        return int(session.execute(select(func.count()).select_from(Client)).scalar_one())


def build_demo_data(
    db: Database,
    *,
    tickets: int = DemoSize.tickets,
    seed: int = 1,
    now: datetime | None = None,
    size: DemoSize | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill an empty database with the demo set; refuses (changing nothing) if it holds clients."""
    started = time.perf_counter()
    existing = client_count(db)
    if existing:
        raise DemoDataRefused(existing)
    chosen = size or DemoSize()
    chosen = DemoSize(**{**chosen.__dict__, "tickets": tickets})
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    report = progress or (lambda _stage, _share: None)
    with db.engine.execution_options(sqlite_begin="IMMEDIATE").begin() as connection:
        if connection.dialect.name == "sqlite":
            # The history's indexes take rows in no particular order; with a small page cache every
            # insert becomes a disk write. The connection goes back to the pool's size afterwards.
            connection.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
        builder = _Builder(connection, random.Random(seed), moment, chosen)
        report("reference", 0.0)
        builder.reference()
        builder.clients_and_sites()
        report("equipment", 0.0)
        builder.equipment_and_contracts()
        builder.technicians()
        builder.plans_and_knowledge()
        builder.tickets(report)
        builder.invoices()
        builder.company()
        _reset_sequences(connection)
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    report("done", 1.0)
    return DemoSummary(counts=dict(builder.counts), seconds=time.perf_counter() - started)
