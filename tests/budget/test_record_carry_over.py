"""record_carry_over: a carry-over of a given amount (the importer's, and carry_over's with what is unspent), under
the lock of both lines, refused beyond what the origin can carry and into anything but a later line of its kind."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budget.models import Allocation, BudgetLine, CarryOver
from budget.selectors import line_state
from budget.services import carry_over, record_carry_over, save_allocation
from tests import factories


@pytest.fixture
def lines(seeded):
    """The seed's lines by year: 72.577 € available in 2025, nothing in the later years."""
    return {line.year: line for line in seeded.budget_lines.all()}


def refusal(**arguments):
    """The refusal's field and code."""
    with pytest.raises(ValidationError) as refused:
        record_carry_over(**arguments)
    ((field, (error,)),) = refused.value.error_dict.items()
    return field, error.code, error.message


def test_it_moves_the_amount_from_the_origin_into_the_target(lines):
    record, created = record_carry_over(origin=lines[2025], target=lines[2026], amount=Decimal("60000.50"))

    assert created
    assert (record.origin, record.target, record.amount) == (lines[2025], lines[2026], Decimal("60000.50"))
    assert line_state(lines[2025].pk).available == Decimal("12576.50")
    assert line_state(lines[2026].pk).available == Decimal("60000.50")


def test_the_same_carry_over_again_changes_nothing(lines):
    first, _created = record_carry_over(origin=lines[2025], target=lines[2026], amount=Decimal("100.00"))

    again, created = record_carry_over(origin=lines[2025], target=lines[2026], amount=Decimal("100"))

    assert not created
    assert again == first
    assert CarryOver.objects.count() == 1
    assert line_state(lines[2026].pk).available == Decimal("100.00")


def test_an_origin_carried_over_with_another_amount_is_refused(lines):
    record_carry_over(origin=lines[2025], target=lines[2026], amount=Decimal("100.00"))

    field, code, _message = refusal(origin=lines[2025], target=lines[2026], amount=Decimal("200.00"))

    assert (field, code) == ("amount", "already_carried")
    assert list(CarryOver.objects.values_list("amount", flat=True)) == [Decimal("100.00")]


def test_more_than_is_neither_allocated_nor_spent_is_refused(lines, seeded):
    project = seeded.projects.get(number=1)
    save_allocation(Allocation(project=project, budget_line=lines[2025], amount=Decimal("72000.00")))

    field, code, message = refusal(origin=lines[2025], target=lines[2026], amount=Decimal("577.01"))

    assert (field, code) == ("amount", "more_than_carryable")
    assert "577\N{NO-BREAK SPACE}€" in message
    assert not CarryOver.objects.exists()
    assert record_carry_over(origin=lines[2025], target=lines[2026], amount=Decimal("577.00"))[1]


def test_nothing_is_refused(lines):
    assert refusal(origin=lines[2025], target=lines[2026], amount=Decimal("0.00"))[:2] == ("amount", "nothing_unspent")
    assert not CarryOver.objects.exists()


@pytest.mark.parametrize("target_year", [2025, 2024])
def test_a_target_that_is_not_a_later_year_is_refused(lines, seeded, target_year):
    target = lines.get(target_year) or factories.BudgetLineFactory(strategy=seeded, year=target_year)

    field, code, _message = refusal(origin=lines[2025], target=target, amount=Decimal("1.00"))

    assert (field, code) == ("target", "not_a_later_line")
    assert not CarryOver.objects.exists()


def test_a_target_of_another_budget_part_or_strategy_is_refused(lines, seeded):
    financial = factories.BudgetLineFactory(strategy=seeded, year=2026, budget_part=BudgetLine.BudgetPart.FINANCIAL)
    elsewhere = factories.BudgetLineFactory(year=2026)

    for target in (financial, elsewhere):
        assert refusal(origin=lines[2025], target=target, amount=Decimal("1.00"))[:2] == ("target", "not_a_later_line")
    assert not CarryOver.objects.exists()


def test_carry_over_records_what_is_unspent_through_it(lines):
    record = carry_over(line=lines[2025])

    assert (record.target, record.amount) == (lines[2026], Decimal("72577.00"))
    assert record_carry_over(origin=lines[2025], target=lines[2026], amount=Decimal("72577.00")) == (record, False)
