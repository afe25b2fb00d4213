"""The rules and weights that rank technicians for a ticket, in one place a supervisor reads and edits.

Every figure the suggestion list uses lives here, with what it means, so that a supervisor can see why
one technician is offered before another and change the balance (say, familiarity with the client
against travel time) for the whole team at once. The rules are stored in the database
(`shared_settings`, key "dispatch_rules") so every console of a team ranks alike; a missing or
partly written document falls back to the defaults field by field.

Scores are penalty points: lower is better. One point is worth about one minute of driving.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Final

from console.errors import QT_TRANSLATE_NOOP, ConsoleError
from console.services.access import require
from console.store.database import Database
from console.store.shared_settings import read_setting, write_setting

log = logging.getLogger(__name__)

SETTING_KEY: Final = "dispatch_rules"


@dataclass(frozen=True, slots=True)
class Limit:
    """The range a rule's value must stay in, and the text that explains the rule to a supervisor."""

    low: float
    high: float
    label: str
    help: str


def _rule(default: Any, low: float, high: float, label: str, help: str) -> Any:
    return field(default=default, metadata={"limit": Limit(low, high, label, help)})


def _default_tier_factors() -> dict[int, float]:
    return {1: 2.0, 2: 1.5, 3: 1.2}


@dataclass(frozen=True, slots=True)
class DispatchRules:
    """How suggestions are ranked. The skill rule is always hard: nobody without it is offered."""

    visit_minutes: int = _rule(
        60,
        15,
        600,
        QT_TRANSLATE_NOOP("dispatch_rules", "Visit length, minutes"),
        QT_TRANSLATE_NOOP("dispatch_rules", "How long a visit planned from the suggestion list lasts."),
    )
    search_days: int = _rule(
        1,
        1,
        7,
        QT_TRANSLATE_NOOP("dispatch_rules", "Days searched for a free slot"),
        QT_TRANSLATE_NOOP(
            "dispatch_rules",
            "1 looks only at the rest of today's shift; more days also offer technicians free later.",
        ),
    )
    allow_late: bool = _rule(
        True,
        0,
        1,
        QT_TRANSLATE_NOOP("dispatch_rules", "Offer technicians who would miss the deadline"),
        QT_TRANSLATE_NOOP(
            "dispatch_rules",
            "When off, a technician who cannot be on site before the SLA deadline is not offered.",
        ),
    )
    travel_points: float = _rule(
        1.0,
        0,
        100,
        QT_TRANSLATE_NOOP("dispatch_rules", "Points per minute of driving"),
        QT_TRANSLATE_NOOP(
            "dispatch_rules",
            "Driving from where the technician is, or from the end of their previous visit.",
        ),
    )
    wait_points: float = _rule(
        0.25,
        0,
        100,
        QT_TRANSLATE_NOOP("dispatch_rules", "Points per minute until the technician is free"),
        QT_TRANSLATE_NOOP(
            "dispatch_rules", "Favours whoever can set off now over someone free only later in the day."
        ),
    )
    late_points: float = _rule(
        4.0,
        0,
        1000,
        QT_TRANSLATE_NOOP("dispatch_rules", "Points per minute past the SLA deadline"),
        QT_TRANSLATE_NOOP(
            "dispatch_rules",
            "Arriving after the arrival deadline, or finishing after the resolution deadline.",
        ),
    )
    workload_points: float = _rule(
        120.0,
        0,
        10_000,
        QT_TRANSLATE_NOOP("dispatch_rules", "Points for a fully booked day"),
        QT_TRANSLATE_NOOP(
            "dispatch_rules",
            "Spreads work: a technician with half their shift booked gets half of these points.",
        ),
    )
    equipment_bonus: float = _rule(
        45.0,
        0,
        10_000,
        QT_TRANSLATE_NOOP("dispatch_rules", "Bonus for having serviced this unit"),
        QT_TRANSLATE_NOOP(
            "dispatch_rules", "Subtracted when the technician has finished a visit on the same equipment."
        ),
    )
    client_bonus: float = _rule(
        20.0,
        0,
        10_000,
        QT_TRANSLATE_NOOP("dispatch_rules", "Bonus for knowing the client"),
        QT_TRANSLATE_NOOP(
            "dispatch_rules", "Subtracted when the technician has finished a visit for this client before."
        ),
    )
    tier_factors: dict[int, float] = field(
        default_factory=_default_tier_factors,
        metadata={
            "limit": Limit(
                1,
                10,
                QT_TRANSLATE_NOOP("dispatch_rules", "Client tier factor"),
                QT_TRANSLATE_NOOP(
                    "dispatch_rules",
                    "For the client tier of this rank, the deadline points and the client bonus are "
                    "multiplied by this factor; tiers not listed count 1.",
                ),
            )
        },
    )

    def tier_factor(self, rank: int | None) -> float:
        """The factor for a client tier of `rank` (1 is the highest tier); 1 for unlisted tiers."""
        return 1.0 if rank is None else self.tier_factors.get(rank, 1.0)


@dataclass(frozen=True, slots=True)
class StoredRules:
    """The rules in force and the version of the stored document (0: never saved, defaults)."""

    rules: DispatchRules
    version: int


class RulesRejected(ConsoleError):
    """A rule's value is out of its range; `field` names the rule so the editor can point at it."""

    context = "dispatch_rules"

    def __init__(self, name: str, template: str, **params: Any) -> None:
        self.field = name
        super().__init__(template, **params)


class RulesConflict(ConsoleError):
    """Someone else saved the rules since the caller read them."""

    context = "dispatch_rules"

    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "dispatch_rules",
                "The dispatch rules were changed by someone else since you opened them; reload them "
                "and make your change again.",
            )
        )


def limit(name: str) -> Limit:
    """The range and explanation of the rule called `name`."""
    for f in fields(DispatchRules):
        if f.name == name:
            return f.metadata["limit"]  # type: ignore[no-any-return]
    raise KeyError(name)


def rule_names() -> tuple[str, ...]:
    """The names of every rule, in the order the editor shows them."""
    return tuple(f.name for f in fields(DispatchRules))


def validate(rules: DispatchRules) -> None:
    """Raise RulesRejected naming the first rule outside its range."""
    for f in fields(DispatchRules):
        bounds: Limit = f.metadata["limit"]
        value = getattr(rules, f.name)
        if f.name == "tier_factors":
            for rank, factor in value.items():
                if not isinstance(rank, int) or isinstance(rank, bool) or rank < 1:
                    raise RulesRejected(
                        f.name,
                        QT_TRANSLATE_NOOP(
                            "dispatch_rules", "A client tier rank must be 1 or more, not {rank}."
                        ),
                        rank=rank,
                    )
                _check_number(f.name, bounds, factor)
            continue
        if f.type in ("bool", bool):
            if not isinstance(value, bool):
                raise RulesRejected(
                    f.name,
                    QT_TRANSLATE_NOOP("dispatch_rules", "{rule} must be on or off."),
                    rule=bounds.label,
                )
            continue
        _check_number(f.name, bounds, value)
        if f.type in ("int", int) and value != int(value):
            raise RulesRejected(
                f.name,
                QT_TRANSLATE_NOOP("dispatch_rules", "{rule} must be a whole number."),
                rule=bounds.label,
            )


def _check_number(name: str, bounds: Limit, value: Any) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not bounds.low <= value <= bounds.high
    ):
        raise RulesRejected(
            name,
            QT_TRANSLATE_NOOP("dispatch_rules", "{rule} must be between {low:g} and {high:g}, not {value}."),
            rule=bounds.label,
            low=bounds.low,
            high=bounds.high,
            value=value,
        )


def _to_json(rules: DispatchRules) -> str:
    document = asdict(rules)
    document["tier_factors"] = {str(rank): factor for rank, factor in rules.tier_factors.items()}
    return json.dumps(document, sort_keys=True)


def _from_json(text: str) -> DispatchRules:
    """The stored rules, each missing or invalid one replaced by its default (and logged)."""
    defaults = DispatchRules()
    try:
        document = json.loads(text)
    except ValueError:
        log.warning("stored dispatch rules are not JSON; using the defaults")
        return defaults
    if not isinstance(document, dict):
        log.warning("stored dispatch rules are not a JSON object; using the defaults")
        return defaults
    rules = defaults
    for name in rule_names():
        if name not in document:
            continue
        value = document[name]
        if name == "tier_factors":
            try:
                value = {int(rank): factor for rank, factor in value.items()}
            except (AttributeError, TypeError, ValueError):
                log.warning("stored dispatch rule %s is malformed; using its default", name)
                continue
        candidate = replace(rules, **{name: value})
        try:
            validate(candidate)
        except RulesRejected:
            log.warning("stored dispatch rule %s=%r is out of range; using its default", name, value)
            continue
        rules = candidate
    return rules


def load_rules(db: Database) -> StoredRules:
    """The team's dispatch rules, or the defaults (version 0) when none were ever saved."""
    with db.session() as session:
        stored = read_setting(session, SETTING_KEY)
    if stored is None:
        return StoredRules(DispatchRules(), 0)
    return StoredRules(_from_json(stored[0]), stored[1])


def save_rules(
    db: Database, rules: DispatchRules, *, expected_version: int, user_id: int | None = None
) -> int:
    """Store the rules for the whole team (administrators); returns the new version.

    RulesRejected when a value is out of range, RulesConflict when the stored version is no longer
    `expected_version` (0 meaning "never saved"); nothing is saved in either case.
    """
    validate(rules)
    return write_setting(
        db,
        SETTING_KEY,
        _to_json(rules),
        expected_version=expected_version,
        user_id=user_id,
        conflict=RulesConflict,
        check=lambda session: require(session, user_id, "settings"),
    )
