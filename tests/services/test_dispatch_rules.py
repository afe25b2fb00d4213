"""The team's dispatch rules: stored for everyone, versioned, refused when out of range."""

from __future__ import annotations

from dataclasses import replace

import pytest

from console.models import SharedSetting
from console.services.dispatch_rules import (
    SETTING_KEY,
    DispatchRules,
    RulesConflict,
    RulesRejected,
    limit,
    load_rules,
    rule_names,
    save_rules,
)
from console.store.database import Database


def test_defaults_until_saved_then_what_was_saved(db: Database) -> None:
    assert load_rules(db).version == 0
    assert load_rules(db).rules == DispatchRules()
    changed = replace(DispatchRules(), travel_points=2.5, tier_factors={1: 3.0}, allow_late=False)
    assert save_rules(db, changed, expected_version=0) == 1
    stored = load_rules(db)
    assert stored.version == 1 and stored.rules == changed
    assert stored.rules.tier_factor(1) == 3.0 and stored.rules.tier_factor(2) == 1.0
    assert save_rules(db, DispatchRules(), expected_version=1) == 2


def test_a_stale_save_is_refused_and_keeps_the_other_change(db: Database) -> None:
    save_rules(db, replace(DispatchRules(), visit_minutes=90), expected_version=0)
    with pytest.raises(RulesConflict):
        save_rules(db, replace(DispatchRules(), visit_minutes=30), expected_version=0)
    assert load_rules(db).rules.visit_minutes == 90


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("visit_minutes", 5),
        ("visit_minutes", 90.5),
        ("travel_points", -1.0),
        ("late_points", float("nan")),
        ("search_days", 8),
        ("allow_late", 1),
        ("tier_factors", {0: 2.0}),
        ("tier_factors", {1: 20.0}),
    ],
)
def test_out_of_range_values_are_refused_naming_the_rule(db: Database, name: str, value: object) -> None:
    with pytest.raises(RulesRejected) as refused:
        save_rules(db, replace(DispatchRules(), **{name: value}), expected_version=0)
    assert refused.value.field == name
    assert load_rules(db).version == 0


def test_every_rule_explains_itself() -> None:
    for name in rule_names():
        assert limit(name).label and limit(name).help


def test_a_damaged_stored_document_falls_back_rule_by_rule(db: Database) -> None:
    with db.transaction() as session:
        session.add(SharedSetting(key=SETTING_KEY, value='{"travel_points": 3, "late_points": -5, "x": 1}'))
    rules = load_rules(db).rules
    assert rules.travel_points == 3
    assert rules.late_points == DispatchRules().late_points
    with db.transaction() as session:
        session.get_one(SharedSetting, SETTING_KEY).value = "not json"
    assert load_rules(db).rules == DispatchRules()
