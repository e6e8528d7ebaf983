"""Reads of the strategy's money. Every page, export and report takes its figures from here."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from budget.models import MONEY, Allocation, Expenditure
from budget.models import ZERO as ZERO_VALUE

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class FinancingTable:
    """The paper's Finanzierung table: budget lines annotated by `BudgetLineQuerySet.with_amounts`, and their sums."""

    lines: list

    @property
    def available(self):
        return sum((line.available_amount for line in self.lines), ZERO)

    @property
    def required(self):
        return sum((line.required_amount for line in self.lines), ZERO)

    @property
    def shortfall(self):
        """Mehrbedarf over all years: the sum of each year's shortfall."""
        return sum((line.shortfall_amount for line in self.lines), ZERO)


def financing_table(strategy):
    """One query: every budget line of the strategy with its available amount and shortfall."""
    return FinancingTable(list(strategy.budget_lines.with_amounts().order_by("year", "budget_part")))


def financing_table_with_sources(strategy):
    """Two queries: the financing table, each line's funding sources prefetched (for the public page)."""
    lines = strategy.budget_lines.with_amounts().prefetch_related("sources").order_by("year", "budget_part")
    return FinancingTable(list(lines))


@dataclass(frozen=True)
class BudgetYear:
    """One fiscal year over all its budget lines: available, required, shortfall, allocated to projects, spent."""

    year: int
    available: Decimal
    required: Decimal
    shortfall: Decimal
    allocated: Decimal
    spent: Decimal


@dataclass(frozen=True)
class BudgetOverview:
    """`years`: a `BudgetYear` per fiscal year, in order; `total`: their sums (its `year` is None)."""

    years: list
    total: BudgetYear


def budget_per_year(strategy):
    """One query: per fiscal year the available, required, shortfall, allocated and spent amounts, and their totals.

    Allocations and expenditures are summed in correlated subqueries, one per line: joining both (and the sources)
    in one grouped query would multiply each allocation by the number of expenditures and vice versa.
    """
    lines = (
        strategy.budget_lines.with_amounts()
        .annotate(allocated_amount=_sum_per_line(Allocation), spent_amount=_sum_per_line(Expenditure))
        .order_by("year", "budget_part")
    )
    by_year = {}
    for line in lines:
        by_year.setdefault(line.year, []).append(line)
    years = [_budget_year(year, year_lines) for year, year_lines in by_year.items()]
    return BudgetOverview(years, _budget_total(years))


def _sum_per_line(model):
    total = (
        model.objects.filter(budget_line=OuterRef("pk"))
        .order_by()
        .values("budget_line")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=MONEY), ZERO_VALUE, output_field=MONEY)


# BudgetYear's amounts and the annotation of a budget line each one sums.
LINE_AMOUNTS = {
    "available": "available_amount",
    "required": "required_amount",
    "shortfall": "shortfall_amount",
    "allocated": "allocated_amount",
    "spent": "spent_amount",
}


def _budget_year(year, lines):
    return BudgetYear(
        year, **{name: sum((getattr(line, field) for line in lines), ZERO) for name, field in LINE_AMOUNTS.items()}
    )


def _budget_total(years):
    return BudgetYear(None, **{name: sum((getattr(year, name) for year in years), ZERO) for name in LINE_AMOUNTS})
