"""Numbers, amounts and dates as each interface language writes them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from console.views.labels import document_day_text, money_text, month_text, percent_text, quantity_text

ENGLISH = QLocale("en_US")
RUSSIAN = QLocale("ru_RU")


@pytest.mark.parametrize(
    ("amount", "english", "russian"),
    [
        ("12345.6", "12,345.60", "12\u00a0345,60"),
        ("0.005", "0.01", "0,01"),
        ("-1500", "-1,500.00", "-1\u00a0500,00"),
        # Beyond a double's exact cents: the amount is written to the cent as stored.
        ("98765432109876.43", "98,765,432,109,876.43", "98\u00a0765\u00a0432\u00a0109\u00a0876,43"),
    ],
)
def test_amounts_are_written_exactly_in_each_language(amount: str, english: str, russian: str) -> None:
    assert money_text(Decimal(amount), ENGLISH) == english
    assert money_text(Decimal(amount), RUSSIAN) == russian


def test_quantities_drop_needless_zeros_and_use_the_decimal_point_of_the_language() -> None:
    assert quantity_text(Decimal("2.250"), ENGLISH) == "2.25"
    assert quantity_text(Decimal("2.250"), RUSSIAN) == "2,25"
    assert quantity_text(Decimal("20.00"), RUSSIAN) == "20"


def test_percentages_follow_the_typography_of_the_language() -> None:
    assert percent_text(0.85, locale=ENGLISH) == "85%"
    assert percent_text(0.8567, 1, ENGLISH) == "85.7%"
    assert percent_text(0.8567, 1, RUSSIAN) == "85,7\u00a0%"


def test_document_dates_always_carry_the_full_year() -> None:
    assert document_day_text(date(2026, 1, 5), ENGLISH) == "1/5/2026"
    assert document_day_text(date(2026, 1, 5), RUSSIAN) == "05.01.2026"


def test_months_are_named_standalone_in_the_language(qapp: QApplication) -> None:
    november = date(2026, 11, 1)
    before = QLocale()
    try:
        QLocale.setDefault(ENGLISH)
        assert month_text(november, QLocale.FormatType.ShortFormat) == "Nov 26"
        assert month_text(november) == "November 2026"
        QLocale.setDefault(RUSSIAN)
        assert month_text(november) == "ноябрь 2026"  # not "ноября"
    finally:
        QLocale.setDefault(before)
