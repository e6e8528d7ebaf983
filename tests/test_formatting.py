"""One way to write money, numbers and dates for people (strategy_portal/formatting.py); the euro's properties are
in tests/budget/test_euro_amount_properties.py."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from strategy_portal.formatting import format_date, format_euro, format_number


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (Decimal("0.00"), None, "0"),
        (Decimal("1234.50"), None, "1.234,5"),
        (Decimal("12.345"), None, "12,35"),  # half up, as the office rounds
        (Decimal("-0.001"), None, "0"),  # no "-0"
        (Decimal("1000000"), None, "1.000.000"),
        (3, 2, "3,00"),
        ("72577.5", 2, "72.577,50"),
        (None, None, ""),
        (Decimal("NaN"), None, "NaN"),  # not a TypeError (its exponent is a letter)
    ],
)
def test_numbers_are_written_the_german_way(value, places, text):
    assert format_number(value, places) == text


def test_money_and_dates_are_german_whatever_the_active_language():
    with translation.override("en"):
        assert format_euro("72577.00") == "72.577\N{NO-BREAK SPACE}€"
        assert format_date(datetime.date(2025, 5, 26)) == "26.05.2025"
    assert format_date("2025-05-26T10:00:00") == "26.05.2025"
    assert format_date(None) == ""


@pytest.mark.parametrize(
    ("amount", "table", "entered"),
    [
        (Decimal("72577.00"), "72.577", "72.577,00"),
        (Decimal("1234.5"), "1.234,50", "1.234,50"),
        (0, "0", "0,00"),
        ("12000", "12.000", "12.000,00"),
    ],
)
def test_a_table_writes_whole_euros_and_an_entered_amount_keeps_its_cents(amount, table, entered):
    assert format_euro(amount) == table + "\N{NO-BREAK SPACE}€"
    assert format_euro(amount, cents=True) == entered + "\N{NO-BREAK SPACE}€"
    assert format_euro(None, cents=True) == ""


def test_the_template_filters_write_the_same():
    rendered = Template(
        "{% load formatting %}{{ amount|euro }} | {{ share|number }} | {{ share|number:2 }} | {{ day|german_date }}"
    ).render(Context({"amount": Decimal("1234.5"), "share": Decimal("0.25"), "day": "2025-05-26"}))
    assert rendered == "1.234,50\N{NO-BREAK SPACE}€ | 0,25 | 0,25 | 26.05.2025"
