"""Property-based tests: euros print the German way with half-up rounding, and an amount goes from the form to
the database without passing through float."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from budget.models import BudgetLine, FundingSource
from strategy_portal.formatting import format_euro
from strategy_portal.money import round_money
from tests import factories
from tests.budget.money_properties_helpers import AMOUNTS, DB_PROPERTY, PLAN, RESULTS, is_money, rolled_back

EURO = "\N{NO-BREAK SPACE}€"
GERMAN_EURO = re.compile(r"-?(0|[1-9]\d{0,2}(\.\d{3})*)(,\d\d)?\N{NO-BREAK SPACE}€")
THREE_DECIMALS = "Bitte sicherstellen, dass der Wert höchstens 2 Dezimalstellen enthält."
LINE_CREATE = reverse("budget:budgetline-create")


# 1. German euros, rounded half up -------------------------------------------------------------------------------


def parse_german(text):
    """The amount a German reader sees in `text`: "1.234,50 €" is 1234.50."""
    assert text.endswith(EURO), text
    return Decimal(text.removesuffix(EURO).replace(".", "").replace(",", "."))


BIG = Decimal("999999999999.99")
UP_TO_TWO_PLACES = st.integers(0, 2).flatmap(
    lambda places: st.decimals(-BIG, BIG, places=places, allow_nan=False, allow_infinity=False)
)


@given(amount=UP_TO_TWO_PLACES)
def test_a_euro_amount_reads_back_as_the_same_value_with_german_separators(amount):
    with translation.override("de"):
        text = format_euro(amount)

    assert GERMAN_EURO.fullmatch(text), text
    assert parse_german(text) == amount
    # Whole euros without cents, any other amount with exactly two places.
    assert ("," in text) == (amount != amount.to_integral_value())


@given(thousandths=st.integers(-(10**14), 10**14))
def test_a_euro_amount_is_rounded_half_up_to_the_cent_never_to_even(thousandths):
    amount = Decimal(thousandths).scaleb(-3)
    # Half a cent and more rounds away from zero, computed on integers, independent of the decimal module.
    cents = (abs(thousandths) + 5) // 10 * (1 if thousandths >= 0 else -1)

    with translation.override("de"):
        text = format_euro(amount)

    assert GERMAN_EURO.fullmatch(text), text
    assert parse_german(text) == Decimal(cents).scaleb(-2)
    assert round_money(amount) == Decimal(cents).scaleb(-2)
    assert round_money(amount).as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("0.005", "0,01"),
        ("2.675", "2,68"),
        ("0.125", "0,13"),  # banker's rounding would give 0,12
        ("0.004", "0"),
        ("-0.004", "0"),  # no "-0 €"
        ("-2.675", "-2,68"),
        ("72577", "72.577"),
        ("72577.00", "72.577"),
        ("1234.5", "1.234,50"),
        ("1234567.891", "1.234.567,89"),
    ],
)
def test_format_euro_prints_the_budget_offices_figures(amount, text):
    with translation.override("de"):
        assert format_euro(Decimal(amount)) == text + EURO


def test_round_money_refuses_a_float_that_has_already_lost_the_cent():
    with pytest.raises(TypeError):
        round_money(2.675)  # stored as 2.67499999…


# 2. From the form to the database without float -----------------------------------------------------------------


def post_line(client, strategy, amount):
    """Create a budget line of `strategy` through the workspace form, `amount` typed as required and as source."""
    data = {
        "strategy": strategy.pk,
        "year": 2026,
        "budget_part": RESULTS,
        "required_amount": amount,
        "fundingsource-TOTAL_FORMS": 1,
        "fundingsource-INITIAL_FORMS": 0,
        "fundingsource-0-kind": PLAN,
        "fundingsource-0-amount": amount,
    }
    with translation.override("de"):
        return client.post(LINE_CREATE, data)


def assert_stored_exactly(response, strategy, amount):
    assert response.status_code == 302, response.context["form"].errors
    line = BudgetLine.objects.get(strategy=strategy)
    source = line.sources.get()
    assert is_money(line.required_amount) and line.required_amount == amount
    assert is_money(source.amount) and source.amount == amount


@DB_PROPERTY
@given(amount=AMOUNTS)
def test_an_amount_typed_with_a_decimal_point_is_stored_exactly(client, editor_user, amount):
    client.force_login(editor_user)
    with rolled_back():
        strategy = factories.StrategyFactory()
        assert_stored_exactly(post_line(client, strategy, f"{amount:f}"), strategy, amount)


def test_an_amount_typed_with_a_german_decimal_comma_is_stored_exactly(client, editor_user):
    client.force_login(editor_user)
    strategy = factories.StrategyFactory()

    assert_stored_exactly(post_line(client, strategy, "1234,56"), strategy, Decimal("1234.56"))


@pytest.mark.parametrize("amount", ["0,005", "0.005", "1234.565"])
def test_an_amount_with_a_third_decimal_place_is_refused_at_the_field_not_rounded(client, editor_user, amount):
    client.force_login(editor_user)
    strategy = factories.StrategyFactory()

    response = post_line(client, strategy, amount)

    assert response.status_code == 200
    assert response.context["form"].errors["required_amount"]
    assert response.context["formsets"][0].forms[0].errors["amount"]
    assert response.context["form"].errors["required_amount"] == [THREE_DECIMALS]
    assert not BudgetLine.objects.exists()
    assert not FundingSource.objects.exists()
