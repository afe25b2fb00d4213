"""Rounds of work of a reopened ticket: each piece of work goes with one resolution only."""

from __future__ import annotations

from datetime import UTC, datetime

from console.services.work_rounds import StatusChange, work_rounds


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


def test_work_up_to_a_reopening_goes_with_the_resolution_it_undid() -> None:
    rounds = work_rounds(
        [
            StatusChange(at(1), "on_site"),
            StatusChange(at(2), "resolved"),
            StatusChange(at(3), "closed"),
            StatusChange(at(10), "reopened"),
            StatusChange(at(12), "resolved"),
        ],
        current_resolution=at(12),
    )
    assert rounds.resolution_of(at(1, 12)) == at(2)
    # Written down after resolving, before the reopening: still the first round, resolved (not closed).
    assert rounds.resolution_of(at(4)) == at(2)
    assert rounds.resolution_of(at(10)) == at(2)
    assert rounds.resolution_of(at(10, 11)) == at(12)
    assert rounds.resolution_of(at(20)) == at(12)


def test_a_round_still_open_has_no_resolution_and_one_closed_unresolved_ends_at_closing() -> None:
    rounds = work_rounds(
        [StatusChange(at(2), "closed"), StatusChange(at(5), "reopened")],
        current_resolution=None,
    )
    assert rounds.resolutions == (at(2), None)
    assert rounds.resolution_of(at(6)) is None


def test_a_reopening_without_a_resolution_in_the_history_does_not_split_the_work() -> None:
    rounds = work_rounds([StatusChange(at(5), "reopened")], current_resolution=at(9))
    assert rounds.reopenings == ()
    assert rounds.resolution_of(at(1)) == rounds.resolution_of(at(8)) == at(9)
