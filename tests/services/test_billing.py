"""Billing lines and totals on the hand-built book of billing_world, every figure worked out by hand."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from console.services.billing import BillingLine, client_billing, period_billing
from console.services.billing_export import write_csv, write_xlsx
from console.services.company import (
    CompanyConflict,
    CompanyDetails,
    CompanyRejected,
    load_company,
    load_stored_company,
    save_company,
)
from console.store.database import Database
from tests.services.billing_world import (
    ACME_GROSS,
    ACME_NET,
    ACME_VAT,
    COMPANY,
    FIRST,
    LAST,
    OCTOBER,
    BillingBook,
    build_billing_book,
    reopen,
    resolve_first_round,
    resolve_rework,
)


@pytest.fixture
def book(db: Database) -> BillingBook:
    return build_billing_book(db)


Row = tuple[str, str | None, str | None, Decimal, str, Decimal, Decimal]


def rows(lines: tuple[BillingLine, ...]) -> list[Row]:
    return [
        (
            line.kind,
            line.contract_number,
            line.ticket_number,
            line.quantity,
            line.unit,
            line.unit_price,
            line.amount,
        )
        for line in lines
    ]


def test_the_november_bill_of_acme_line_by_line(db: Database, book: BillingBook) -> None:
    with db.session() as session:
        bill = client_billing(session, book.acme, FIRST, LAST)
    D = Decimal  # noqa: N806 - short for the table below
    assert rows(bill.lines) == [
        # 30 of 30 days of C-HOURS: 1.0000 x 10000.00
        ("subscription", "C-HOURS", None, D("1.0000"), "month", D("10000.00"), D("10000.00")),
        # C-UNITS from the 17th: 14 of 30 days = 0.4667; 6000 x 14 / 30 = 2800.00
        ("subscription", "C-UNITS", None, D("0.4667"), "month", D("6000.00"), D("2800.00")),
        # T-1: 90 + 45 min = 135 min = 2.25 h x 3000 = 6750.00; 2 done visits (the cancelled one is not
        # a trip) x 1500 = 3000.00; the roller 2 x 350.50 = 701.00
        ("work", "C-HOURS", "T-1", D("2.25"), "hour", D("3000.00"), D("6750.00")),
        ("trip", "C-HOURS", "T-1", D("2"), "trip", D("1500.00"), D("3000.00")),
        ("consumable", "C-HOURS", "T-1", D("2.00"), "pcs", D("350.50"), D("701.00")),
        # T-5, closed on the 25th without a resolution time: 1.5 + 2.25 = 3.75 units x 800 = 3000.00;
        # one trip x 500 = 500.00
        ("work", "C-UNITS", "T-5", D("3.75"), "unit", D("800.00"), D("3000.00")),
        ("trip", "C-UNITS", "T-5", D("1"), "trip", D("500.00"), D("500.00")),
        # T-6, no contract, resolved at 23:30 Moscow time on the 30th: 50 min = 0.83 h at C-HOURS's 3000 = 2490.00
        ("work", None, "T-6", D("0.83"), "hour", D("3000.00"), D("2490.00")),
    ]
    # Not billed: T-2 (covered), T-3 (cancelled), T-4 (October), T-7 (1 December 00:00 Moscow time),
    # T-8 (reopened, not resolved again).
    assert (bill.net, bill.vat_percent, bill.vat, bill.gross) == (ACME_NET, D("20"), ACME_VAT, ACME_GROSS)
    assert bill.legal_name == "Acme LLC" and bill.tax_number == "7701234567"
    t1 = bill.lines[2]
    assert (t1.site_name, t1.equipment_label, t1.day) == (
        "Main Office",
        "Otis Gen2 #LIFT-2",
        date(2026, 11, 10),
    )
    assert t1.description == "Lift LIFT-2 door jams"
    assert bill.lines[0].description == "Subscription fee for 2026-11: 30 of 30 days"
    assert bill.lines[4].description == "Door roller"
    assert bill.lines[5].day == date(2026, 11, 25)
    assert (
        bill.lines[7].description
        == "Move a cabinet (no contract; priced at the hourly rate of contract C-HOURS)"
    )
    assert bill.lines[7].describe(lambda text: "Работа: " + text).startswith("Работа: Move a cabinet")


def test_a_period_across_two_months_prorates_each_month(db: Database, book: BillingBook) -> None:
    with db.session() as session:
        bill = client_billing(session, book.acme, date(2026, 10, 20), date(2026, 11, 19))
    subscriptions = [
        (line.contract_number, line.day, line.quantity, line.amount)
        for line in bill.lines
        if line.kind == "subscription"
    ]
    assert subscriptions == [
        # 20..31 October: 12 of 31 days = 0.3871; 10000 x 12 / 31 = 3870.967... = 3870.97
        ("C-HOURS", date(2026, 10, 20), Decimal("0.3871"), Decimal("3870.97")),
        # 1..19 November: 19 of 30 days = 0.6333; 10000 x 19 / 30 = 6333.333... = 6333.33
        ("C-HOURS", date(2026, 11, 1), Decimal("0.6333"), Decimal("6333.33")),
        # C-UNITS 17..19 November: 3 of 30 days = 0.1000; 6000 x 3 / 30 = 600.00
        ("C-UNITS", date(2026, 11, 17), Decimal("0.1000"), Decimal("600.00")),
    ]
    # T-4 (28 Oct, 60 min = 1 h x 3000) and T-1 (10 Nov) fall in this period; T-5, T-6 do not.
    assert [line.ticket_number for line in bill.lines if line.kind == "work"] == ["T-4", "T-1"]
    # 3870.97 + 6333.33 + 600.00 + 3000.00 (T-4) + 6750.00 + 3000.00 + 701.00 (T-1) = 24255.30
    assert bill.net == Decimal("24255.30")
    # VAT 20 % = 4851.06; gross 29106.36
    assert (bill.vat, bill.gross) == (Decimal("4851.06"), Decimal("29106.36"))


def test_every_client_with_something_to_bill(db: Database, book: BillingBook) -> None:
    with db.session() as session:
        bills = period_billing(session, FIRST, LAST)
    assert [bill.client_name for bill in bills] == ["Acme", "Beta", "Gamma"]
    acme, beta, gamma = bills
    assert acme.net == ACME_NET
    # Beta: C-OLD terminated on the 10th: 10 of 30 days = 0.3333; 3100 x 10 / 30 = 1033.33;
    # C-SUSP is suspended and bills nothing. VAT 206.67 (206.666), gross 1240.00.
    assert rows(beta.lines) == [
        ("subscription", "C-OLD", None, Decimal("0.3333"), "month", Decimal("3100.00"), Decimal("1033.33"))
    ]
    assert (beta.net, beta.vat, beta.gross) == (Decimal("1033.33"), Decimal("206.67"), Decimal("1240.00"))
    # Gamma: no contract at all, 30 min = 0.50 h at no known price.
    assert rows(gamma.lines) == [
        ("work", None, "G-1", Decimal("0.50"), "hour", Decimal("0.00"), Decimal("0.00"))
    ]
    assert gamma.lines[0].description == "Advice on a new terminal (no contract and no price is known)"
    assert gamma.gross == Decimal("0.00")


def test_a_client_with_nothing_to_bill_gets_an_empty_bill_and_bad_input_is_refused(
    db: Database, book: BillingBook
) -> None:
    with db.session() as session:
        empty = client_billing(session, book.gamma, date(2026, 1, 1), date(2026, 1, 31))
        assert (empty.lines, empty.net, empty.gross) == ((), Decimal("0.00"), Decimal("0.00"))
        assert period_billing(session, date(2020, 1, 1), date(2020, 1, 31)) == []
        with pytest.raises(KeyError):
            client_billing(session, 99_999, FIRST, LAST)
        with pytest.raises(ValueError, match="before it starts"):
            client_billing(session, book.acme, LAST, FIRST)


def test_vat_follows_the_company_setting(db: Database, book: BillingBook) -> None:
    stored = None
    with db.session() as session:
        stored = load_stored_company(session)
    save_company(db, replace(COMPANY, vat_percent=Decimal("0")), expected_version=stored.version)
    with db.session() as session:
        bill = client_billing(session, book.acme, FIRST, LAST)
    assert (bill.net, bill.vat, bill.gross) == (ACME_NET, Decimal("0.00"), ACME_NET)


def test_the_company_details_are_a_versioned_team_setting(db: Database) -> None:
    with db.session() as session:
        assert load_company(session) == CompanyDetails()
        assert load_company(session).vat_percent == Decimal("20")
        assert load_stored_company(session).version == 0
    first = save_company(db, COMPANY, expected_version=0, user_id=None)
    with db.session() as session:
        assert load_company(session) == COMPANY
    with pytest.raises(CompanyConflict):
        save_company(db, replace(COMPANY, name="Other"), expected_version=0)
    for wrong in (Decimal("120"), Decimal("-1"), Decimal("NaN")):
        with pytest.raises(CompanyRejected) as caught:
            save_company(db, replace(COMPANY, vat_percent=wrong), expected_version=first)
        assert caught.value.field == "vat_percent"
        assert "between 0 and 100" in str(caught.value)
    second = save_company(db, replace(COMPANY, vat_percent=Decimal("10")), expected_version=first)
    assert second == first + 1
    with db.session() as session:
        assert load_company(session).vat_percent == Decimal("10")


def test_csv_and_excel_exports_carry_every_line_and_the_totals(
    db: Database, book: BillingBook, tmp_path: Path
) -> None:
    with db.session() as session:
        bills = period_billing(session, FIRST, LAST)
    csv_path, xlsx_path = tmp_path / "billing.csv", tmp_path / "billing.xlsx"
    write_csv(bills, csv_path)
    write_xlsx(bills, xlsx_path)

    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle, delimiter=";"))
    assert len(table) == 8 + 1 + 1  # Acme's 8 lines, Beta's and Gamma's one each
    acme = [row for row in table if row["Client"] == "Acme LLC"]
    assert {row["Tax number"] for row in acme} == {"7701234567"}
    assert sum(Decimal(row["Amount"]) for row in acme) == ACME_NET
    first_work = next(row for row in acme if row["Ticket"] == "T-1" and row["Kind"] == "Work")
    assert (first_work["Date"], first_work["Quantity"], first_work["Unit price"], first_work["Amount"]) == (
        "2026-11-10",
        "2.25",
        "3000.00",
        "6750.00",
    )

    workbook = load_workbook(xlsx_path)
    sheet = workbook["Billing"]
    header = [cell.value for cell in sheet[1]]
    amount_column = header.index("Amount")
    date_column = header.index("Date")
    body = list(sheet.iter_rows(min_row=2, values_only=True))
    lines = [
        row for row in body if row[header.index("Kind")] in ("Subscription", "Work", "Trips", "Consumables")
    ]
    assert len(lines) == 10
    assert sum(Decimal(str(row[amount_column])) for row in lines) == ACME_NET + Decimal("1033.33")
    assert lines[0][date_column].date() == date(2026, 11, 1)
    bold_rows = [row for row in sheet.iter_rows(min_row=2) if row[0].font.bold]
    assert len(bold_rows) == 3 * 3  # net, VAT and gross of each client
    totals = {row[0]: row for row in workbook["Totals"].iter_rows(min_row=2, values_only=True)}
    assert Decimal(str(totals["Acme LLC"][-1])) == ACME_GROSS
    assert Decimal(str(totals["Beta JSC"][-1])) == Decimal("1240.00")


def test_a_reopened_ticket_is_billed_once_each_round_in_the_month_of_its_resolution(
    db: Database, book: BillingBook
) -> None:
    def bill(first: date, last: date) -> list[Row]:
        with db.session() as session:
            lines = client_billing(session, book.acme, first, last).lines
        return [row for row in rows(lines) if row[2] == "T-9"]

    ticket_id = resolve_first_round(db, book)
    first_round = [
        ("work", "C-HOURS", "T-9", Decimal("2.50"), "hour", Decimal("3000.00"), Decimal("7500.00")),
        ("trip", "C-HOURS", "T-9", Decimal("2"), "trip", Decimal("1500.00"), Decimal("3000.00")),
        ("consumable", "C-HOURS", "T-9", Decimal("1.00"), "pcs", Decimal("900.00"), Decimal("900.00")),
    ]
    assert bill(*OCTOBER) == first_round

    reopen(db, ticket_id)
    assert bill(*OCTOBER) == first_round, "reopening in November leaves the October bill as it was"
    assert bill(FIRST, LAST) == [], "the second round is not billed before it is resolved"

    resolve_rework(db, ticket_id)
    assert bill(*OCTOBER) == first_round
    assert bill(FIRST, LAST) == [
        ("work", "C-HOURS", "T-9", Decimal("1.00"), "hour", Decimal("3000.00"), Decimal("3000.00")),
        ("trip", "C-HOURS", "T-9", Decimal("1"), "trip", Decimal("1500.00"), Decimal("1500.00")),
    ]
    with db.session() as session:
        november = client_billing(session, book.acme, FIRST, LAST)
    assert [line.day for line in november.lines if line.ticket_number == "T-9"] == [date(2026, 11, 5)] * 2
    assert november.net == ACME_NET + Decimal("4500.00")
    # Both months in one period: the whole ticket, once.
    assert [row[3] for row in bill(OCTOBER[0], LAST) if row[0] == "work"] == [
        Decimal("2.50"),
        Decimal("1.00"),
    ]
