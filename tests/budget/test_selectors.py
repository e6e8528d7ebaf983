from decimal import Decimal

from budget.models import FundingSource
from budget.selectors import financing_table
from tests.factories import BudgetLineFactory, FundingSourceFactory, StrategyFactory


def test_available_is_the_sum_of_sources_and_a_surplus_does_not_hide_a_shortfall(db):
    strategy = StrategyFactory()
    surplus = BudgetLineFactory(strategy=strategy, year=2026, required_amount=Decimal("100.00"))
    FundingSourceFactory(budget_line=surplus, amount=Decimal("150.10"))
    FundingSourceFactory(
        budget_line=surplus, kind=FundingSource.Kind.CARRY_OVER, origin_year=2025, amount=Decimal("0.45")
    )
    BudgetLineFactory(strategy=strategy, year=2027, required_amount=Decimal("80.00"))

    table = financing_table(strategy)

    assert [line.available_amount for line in table.lines] == [Decimal("150.55"), Decimal("0.00")]
    assert table.available == Decimal("150.55")
    assert table.required == Decimal("180.00")
    assert table.shortfall == Decimal("80.00")


def test_financing_table_takes_one_query_however_many_lines(db, django_assert_num_queries):
    strategy = StrategyFactory()
    for year in range(2026, 2036):
        FundingSourceFactory(budget_line=BudgetLineFactory(strategy=strategy, year=year))

    with django_assert_num_queries(1):
        financing_table(strategy)
