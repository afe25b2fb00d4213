"""Reports against the small world of report_world.py, every figure worked out by hand there and here."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from console.services.equipment_report import equipment_report, repeat_failures_report
from console.services.loyalty_report import CONTRACT_ENDING, FALLING_SCORE, RISING_BREACHES
from console.services.profitability_report import profitability_report
from console.services.report_catalogue import REPORTS, build_report
from console.services.report_export import write_csv, write_xlsx
from console.services.report_table import period_bounds
from console.services.report_tickets import tickets_behind
from console.services.sla_report import sla_report
from console.store.database import Database
from tests.services.report_world import FIRST, LAST, ReportWorld, at, build_report_world


@pytest.fixture
def world(db: Database) -> ReportWorld:
    return build_report_world(db)


def test_the_period_is_local_days_of_the_field_zone() -> None:
    assert period_bounds(FIRST, LAST) == (at(8, 21), at(15, 21))
    with pytest.raises(ValueError, match="ends"):
        period_bounds(LAST, FIRST)


def test_sla_by_client(db: Database, world: ReportWorld) -> None:
    report = sla_report(db, FIRST, LAST, "client")
    acme, beta = report.rows  # worst resolution compliance first
    assert (acme.key, beta.key) == (world.acme, world.beta)
    # Acme: T1, T2, T3 and the cancelled T7 (T6 was created before the period).
    assert acme.values["name"] == "Acme"
    assert acme.values["tickets"] == 4
    assert (acme.values["reaction_decided"], acme.values["reaction_met"]) == (3, pytest.approx(2 / 3))
    assert (acme.values["reaction_mean"], acme.values["reaction_p90"]) == (
        pytest.approx(20),
        pytest.approx(30),
    )
    assert (acme.values["arrival_decided"], acme.values["arrival_met"]) == (3, pytest.approx(2 / 3))
    assert (acme.values["arrival_mean"], acme.values["arrival_p90"]) == (
        pytest.approx(90),
        pytest.approx(120),
    )
    assert (acme.values["resolution_decided"], acme.values["resolution_met"]) == (3, pytest.approx(2 / 3))
    assert (acme.values["resolution_mean"], acme.values["resolution_p90"]) == (
        pytest.approx(220),
        pytest.approx(300),
    )
    # Beta: T4 (uncovered: no clock decided, but its times count), T5 (paused an hour: wall-clock
    # minutes still count the pause), the cancelled T8.
    assert beta.values["tickets"] == 3
    assert (beta.values["reaction_decided"], beta.values["reaction_met"]) == (1, 1.0)
    assert (beta.values["reaction_mean"], beta.values["reaction_p90"]) == (
        pytest.approx(22.5),
        pytest.approx(40),
    )
    assert (beta.values["arrival_decided"], beta.values["arrival_met"]) == (0, None)
    assert (beta.values["arrival_mean"], beta.values["arrival_p90"]) == (pytest.approx(45), pytest.approx(45))
    assert (beta.values["resolution_mean"], beta.values["resolution_p90"]) == (
        pytest.approx(350),
        pytest.approx(600),
    )


def test_sla_by_category_and_technician(db: Database, world: ReportWorld) -> None:
    by_category = {row.key: row.values for row in sla_report(db, FIRST, LAST, "category").rows}
    assert by_category["incident"]["tickets"] == 6
    assert by_category["request"]["tickets"] == 1
    assert by_category["request"]["resolution_met"] == 1.0
    by_technician = {row.key: row.values for row in sla_report(db, FIRST, LAST, "technician").rows}
    # Anna: T1, T2, T5; Boris: T3, T4; nobody: T7, T8.
    assert {k: v["tickets"] for k, v in by_technician.items()} == {world.anna: 3, world.boris: 2, None: 2}
    assert by_technician[None]["name"] == "(none)"
    assert by_technician[world.boris]["reaction_met"] == 0.0  # T3 breached, T4 has no clock


def _behind(db: Database, name: str, key: object, by: str | None = None) -> list[str]:
    report = build_report(db, name, FIRST, LAST, by)
    row = next(row for row in report.rows if row.key == key)
    return [ticket.number for ticket in tickets_behind(db, report, row)]


def test_the_tickets_behind_a_row(db: Database, world: ReportWorld) -> None:
    assert _behind(db, "sla", world.acme, "client") == ["T1", "T3", "T2", "T7"]
    assert _behind(db, "sla", None, "technician") == ["T7", "T8"]
    assert _behind(db, "sla", "request", "category") == ["T5"]
    assert _behind(db, "equipment", world.lift) == ["T1", "T3", "T2"]
    assert _behind(db, "repeat_failures", world.u1) == ["T1", "T2"]
    assert _behind(db, "profitability", world.c2) == ["T4", "T5", "T8"]
    assert _behind(db, "technicians", world.boris) == ["T3", "T4"]  # resolved by Boris in the period
    assert _behind(db, "technicians", world.anna) == ["T1", "T2", "T5"]


def test_failures_per_model(db: Database, world: ReportWorld) -> None:
    rows = {row.key: row.values for row in equipment_report(db, FIRST, LAST).rows}
    lift = rows[world.lift]
    # U1, U2 all week and U4 one day (15 unit-days); T1, T2, T3 (T6 before, T7 cancelled).
    assert (lift["units"], lift["failures"], lift["failures_per_unit"]) == (3, 3, 1.0)
    assert lift["mtbf_days"] == pytest.approx(15 / 3)
    # 120 min + 60 min of Anna at 1000/h, 90 min of Boris at 1200/h, 2 x 350.50 consumed.
    assert lift["repair_cost"] == Decimal("5501.00")
    chiller = rows[world.chiller]
    # U3 installed 11 November: five days; T4 (T8 cancelled); 45 min of Boris and 1 x 500.
    assert (chiller["units"], chiller["failures"], chiller["mtbf_days"]) == (1, 1, pytest.approx(5.0))
    assert chiller["repair_cost"] == Decimal("1400.00")


def test_units_that_keep_failing(db: Database, world: ReportWorld) -> None:
    report = repeat_failures_report(db, FIRST, LAST)
    assert [row.key for row in report.rows] == [world.u1]
    assert report.rows[0].values["failures"] == 2
    assert report.rows[0].values["last_failure"] == date(2026, 11, 11)
    assert report.rows[0].values["repair_cost"] == Decimal("3000.00")
    assert report.rows[0].values["model"] == "Otis Gen2"


def test_profitability_loss_making_first(db: Database, world: ReportWorld) -> None:
    c2, c1 = profitability_report(db, FIRST, LAST).rows
    assert (c2.key, c1.key) == (world.c2, world.c1)
    # C-2 runs 4 of November's 30 days: 12000 x 4 / 30 = 1600. T4 is billed: 2 units x 1200, one
    # trip at 1000, 500 of consumables; the cancelled T8 is not.
    assert c2.values["subscription"] == Decimal("1600.00")
    assert c2.values["billed_work"] == Decimal("3900.00")
    assert c2.values["revenue"] == Decimal("5500.00")
    # Boris 45 min (900) and Anna 480 min (8000); T4's visit, 60 min of Boris (1200); 500 consumed.
    assert (c2.values["labour"], c2.values["travel"], c2.values["consumables"]) == (
        Decimal("8900.00"),
        Decimal("1200.00"),
        Decimal("500.00"),
    )
    assert c2.values["margin"] == Decimal("-5100.00")
    # C-1: 30000 x 7 / 30 = 7000; labour 2000 + 1000 + 1800 + T6's 500 logged in the period;
    # travel 500 + 400 (the cancelled visit left out); consumables 701.
    assert c1.values["revenue"] == Decimal("7000.00")
    assert c1.values["cost"] == Decimal("6901.00")
    assert c1.values["margin"] == Decimal("99.00")
    assert c1.values["margin_share"] == pytest.approx(99 / 7000)


def test_catalogue_refuses_unknown_names_and_groupings(db: Database) -> None:
    assert set(REPORTS) == {"sla", "equipment", "repeat_failures", "technicians", "loyalty", "profitability"}
    with pytest.raises(ValueError, match="unknown report"):
        build_report(db, "weather", FIRST, LAST)
    with pytest.raises(ValueError, match="cannot be grouped"):
        build_report(db, "equipment", FIRST, LAST, "client")


def test_exports_hold_the_figures(db: Database, world: ReportWorld, tmp_path: Path) -> None:
    report = build_report(db, "profitability", FIRST, LAST)
    write_csv(report, tmp_path / "r.csv")
    with (tmp_path / "r.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][0] == "Contract"
    assert [r[0] for r in rows[1:]] == ["C-2", "C-1"]
    assert rows[1][rows[0].index("Margin")] == "-5100.00"
    write_xlsx(report, tmp_path / "r.xlsx")
    sheet = load_workbook(tmp_path / "r.xlsx").active
    assert sheet is not None
    assert sheet["A1"].value == "Contract profitability"
    headings = [cell.value for cell in sheet[4]]
    assert sheet.cell(row=5, column=headings.index("Margin") + 1).value == -5100.0
    assert sheet.cell(row=6, column=headings.index("Margin %") + 1).value == pytest.approx(99 / 7000)


def test_technicians(db: Database, world: ReportWorld) -> None:
    anna, boris = build_report(db, "technicians", FIRST, LAST).rows
    assert (anna.key, boris.key) == (world.anna, world.boris)
    # Anna resolved T1, T2, T5 and logged 120 + 60 + 480 + T6's 30 minutes; Boris T3, T4: 90 + 45.
    assert (anna.values["resolved"], anna.values["hours"]) == (3, pytest.approx(11.5))
    assert (boris.values["resolved"], boris.values["hours"]) == (2, pytest.approx(2.25))
    # Of tickets with a visit, fixed on one done visit (T3's cancelled visit does not count).
    assert (anna.values["first_time_fix"], boris.values["first_time_fix"]) == (1.0, 1.0)
    assert (anna.values["reopen_rate"], boris.values["reopen_rate"]) == (0.0, 0.5)
    # Feedback received in the period: Anna 5 and 3, Boris 4 and 2 (T6's, a week earlier, is not).
    assert (anna.values["feedback"], anna.values["feedback_count"]) == (pytest.approx(4.0), 2)
    assert (boris.values["feedback"], boris.values["feedback_count"]) == (pytest.approx(3.0), 2)
    assert anna.values["utilisation"] is None  # no shift calendar


def test_loyalty_flags_the_clients_at_risk(db: Database, world: ReportWorld, tmp_path: Path) -> None:
    report = build_report(db, "loyalty", FIRST, LAST)
    acme, beta = report.rows
    # Acme: 5, 3, 4 now against 5 the week before; T2 and T3 breached now, none before.
    assert acme.values["score"] == pytest.approx(4.0)
    assert acme.values["score_before"] == pytest.approx(5.0)
    assert acme.values["trend"] == pytest.approx(-1.0)
    assert (acme.values["breaches"], acme.values["breaches_before"]) == (2, 0)
    assert acme.values["flags"] == (FALLING_SCORE, RISING_BREACHES)
    # Beta: one score, nothing to compare with; C-2 ends 31 December with nothing after it.
    assert (beta.values["score"], beta.values["trend"]) == (pytest.approx(2.0), None)
    assert beta.values["contract_ends"] == date(2026, 12, 31)
    assert beta.values["flags"] == (CONTRACT_ENDING,)
    write_csv(report, tmp_path / "loyalty.csv", translate=str.upper)
    with (tmp_path / "loyalty.csv").open(encoding="utf-8-sig", newline="") as handle:
        heading, first_row, _ = list(csv.reader(handle, delimiter=";"))
    assert first_row[heading.index("CHURN RISK")] == "FALLING SCORE, RISING BREACHES"
