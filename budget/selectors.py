"""Reads of the strategy's money. Every page, export and report takes its figures from here."""

from dataclasses import dataclass
from decimal import Decimal

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
