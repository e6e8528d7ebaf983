"""Reads of the strategy's money. Every page, export and report takes its figures from here."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Generic, TypedDict, TypeVar

from django.db.models import QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear

from budget.models import MONEY, Allocation, BudgetLine, Expenditure, ExternalFunding, LineAmounts, sum_of_amounts
from budget.models import ZERO as ZERO_VALUE
from projects.models import Project, Strategy

ZERO = Decimal("0.00")


class LineBookings(LineAmounts):
    """`with_amounts`' annotations and what is allocated and spent on the line (`_sum_per_line`)."""

    allocated_amount: Decimal
    spent_amount: Decimal


class ProjectAmounts(TypedDict):
    """The annotations of `project_money_queryset`."""

    allocated_amount: Decimal
    external_approved_amount: Decimal
    external_applied_amount: Decimal
    spent_amount: Decimal


if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from budget.models import AmountedLine

    BookedLine = WithAnnotations[BudgetLine, LineBookings]
    MoneyProject = WithAnnotations[Project, ProjectAmounts]


@dataclass(frozen=True)
class FinancingTable:
    """The paper's Finanzierung table: budget lines annotated by `BudgetLineQuerySet.with_amounts`, and their sums."""

    lines: list[AmountedLine]

    @property
    def available(self) -> Decimal:
        return sum((line.available_amount for line in self.lines), ZERO)

    @property
    def required(self) -> Decimal:
        return sum((line.required_amount for line in self.lines), ZERO)

    @property
    def shortfall(self) -> Decimal:
        """Mehrbedarf over all years: the sum of each year's shortfall."""
        return sum((line.shortfall_amount for line in self.lines), ZERO)


def financing_table(strategy: Strategy) -> FinancingTable:
    """One query: every budget line of the strategy with its available amount and shortfall."""
    return FinancingTable(list(strategy.budget_lines.with_amounts().order_by("year", "budget_part")))


def financing_table_with_sources(strategy: Strategy) -> FinancingTable:
    """Two queries: the financing table, each line's funding sources prefetched (for the public page)."""
    lines = strategy.budget_lines.with_amounts().prefetch_related("sources").order_by("year", "budget_part")
    return FinancingTable(list(lines))


@dataclass(frozen=True)
class BudgetYear:
    """One fiscal year over all its budget lines: available (after carry-overs, of which `carried_in` came from the
    previous year and `carried_out` went on into the next), required, shortfall, allocated to projects, spent. In the
    totals the carry-overs cancel out: each euro is counted once, in the year that has it."""

    year: int | None  # None in the totals
    available: Decimal
    carried_in: Decimal
    carried_out: Decimal
    required: Decimal
    shortfall: Decimal
    allocated: Decimal
    spent: Decimal


@dataclass(frozen=True)
class BudgetOverview:
    """`years`: a `BudgetYear` per fiscal year, in order; `total`: their sums (its `year` is None)."""

    years: list[BudgetYear]
    total: BudgetYear


def budget_per_year(strategy: Strategy) -> BudgetOverview:
    """One query: per fiscal year the available, required, shortfall, allocated and spent amounts, and their totals.

    Allocations and expenditures are summed in correlated subqueries, one per line: joining both (and the sources)
    in one grouped query would multiply each allocation by the number of expenditures and vice versa.
    """
    lines = (
        strategy.budget_lines.with_amounts()
        .annotate(allocated_amount=_sum_per_line(Allocation), spent_amount=_sum_per_line(Expenditure))
        .order_by("year", "budget_part")
    )
    by_year: dict[int, list[BookedLine]] = {}
    for line in lines:
        by_year.setdefault(line.year, []).append(line)
    years = [_budget_year(year, year_lines) for year, year_lines in by_year.items()]
    return BudgetOverview(years, _budget_total(years))


def _sum_per_line(model: type[Allocation] | type[Expenditure]) -> Coalesce:
    return sum_of_amounts(model.objects.all(), "budget_line")


# BudgetYear's amounts and the annotation of a budget line each one sums.
LINE_AMOUNTS = {
    "available": "available_amount",
    "carried_in": "carried_in_amount",
    "carried_out": "carried_out_amount",
    "required": "required_amount",
    "shortfall": "shortfall_amount",
    "allocated": "allocated_amount",
    "spent": "spent_amount",
}


def _budget_year(year: int, lines: list[BookedLine]) -> BudgetYear:
    return BudgetYear(
        year, **{name: sum((getattr(line, field) for line in lines), ZERO) for name, field in LINE_AMOUNTS.items()}
    )


def _budget_total(years: list[BudgetYear]) -> BudgetYear:
    return BudgetYear(None, **{name: sum((getattr(year, name) for year in years), ZERO) for name in LINE_AMOUNTS})


@dataclass(frozen=True)
class LineState:
    """What a budget line has: `available` (granted + carried in − carried out), `allocated` to projects, `spent`."""

    available: Decimal
    allocated: Decimal
    spent: Decimal

    @property
    def unallocated(self) -> Decimal:
        """What may still be allocated; negative where an administrator allocated more than is available."""
        return self.available - self.allocated

    @property
    def over_allocated(self) -> Decimal:
        return self.allocated - self.available

    @property
    def committed(self) -> Decimal:
        """What the year keeps: what is allocated, or spent where more was spent than allocated."""
        return max(self.allocated, self.spent, ZERO)

    @property
    def carryable(self) -> Decimal:
        """What a carry-over would move into the next year: neither allocated nor spent."""
        return self.available - self.committed


def line_state(pk: int, *, excluding_allocation: int | None = None) -> LineState:
    """One query: the amounts of line `pk`, leaving out allocation `excluding_allocation` (the one being edited)."""
    allocations = Allocation.objects.exclude(pk=excluding_allocation) if excluding_allocation else Allocation.objects
    amounts = (
        BudgetLine.objects.with_amounts()
        .annotate(
            allocated_amount=sum_of_amounts(allocations.all(), "budget_line"),
            spent_amount=_sum_per_line(Expenditure),
        )
        .values("available_amount", "allocated_amount", "spent_amount")
        .get(pk=pk)
    )
    return LineState(amounts["available_amount"], amounts["allocated_amount"], amounts["spent_amount"])


def pair_amounts(project_id: int, line_id: int, *, excluding_expenditure: int | None = None) -> tuple[Decimal, Decimal]:
    """Two queries: what is allocated to project `project_id` on line `line_id`, and what it has spent there
    (leaving out expenditure `excluding_expenditure`, the one being edited)."""
    expenditures = Expenditure.objects.filter(project_id=project_id, budget_line_id=line_id)
    if excluding_expenditure:
        expenditures = expenditures.exclude(pk=excluding_expenditure)
    allocated = total_amount(Allocation.objects.filter(project_id=project_id, budget_line_id=line_id))
    return allocated, total_amount(expenditures)


def total_amount(bookings: QuerySet[Allocation] | QuerySet[Expenditure]) -> Decimal:
    """One query: the sum of the bookings' (allocations' or expenditures') amounts, 0.00 without any."""
    return bookings.aggregate(total=Coalesce(Sum("amount"), ZERO_VALUE, output_field=MONEY))["total"]


# Per-project money and the burn-down of a year ---------------------------------------------------------------------


# A project's row has its project; the totals row has None.
ProjectOrNone = TypeVar("ProjectOrNone", Project, None)


@dataclass(frozen=True)
class ProjectMoney(Generic[ProjectOrNone]):
    """One project's money: allocated from the district budget, external funding approved and applied for, spent.
    `project` is None in the totals row."""

    project: ProjectOrNone
    allocated: Decimal
    external_approved: Decimal
    external_applied: Decimal
    spent: Decimal

    @property
    def left(self) -> Decimal:
        """What the project may still spend: allocated + approved external funding − spent (negative if overspent)."""
        return self.allocated + self.external_approved - self.spent


@dataclass(frozen=True)
class ProjectMoneyTable:
    """`rows`: a `ProjectMoney` per non-archived project, by number; `total`: their sums."""

    rows: list[ProjectMoney[Project]]
    total: ProjectMoney[None]


PROJECT_AMOUNTS = ("allocated", "external_approved", "external_applied", "spent")


def allocated_to(project: Project) -> Decimal | None:
    """The money allocated to `project` over all years, None when nothing is (one query)."""
    return project.allocations.aggregate(total=Sum("amount"))["total"]


def project_money(strategy: Strategy) -> ProjectMoneyTable:
    """One query: every non-archived project of the strategy with its money, and the totals (for the exports)."""
    rows = money_rows(project_money_queryset(strategy))
    total = ProjectMoney(None, **{name: sum((getattr(row, name) for row in rows), ZERO) for name in PROJECT_AMOUNTS})
    return ProjectMoneyTable(rows, total)


def project_money_queryset(strategy: Strategy) -> QuerySet[MoneyProject]:
    """The strategy's non-archived projects by number, each with its amounts annotated as `<amount>_amount`.

    Each amount is a correlated subquery of its own: summing allocations, external funding and expenditures over
    joins in one grouped query would count each allocation once per expenditure and vice versa.
    """
    approved = ExternalFunding.objects.filter(status=ExternalFunding.Status.APPROVED)
    applied = ExternalFunding.objects.filter(status=ExternalFunding.Status.APPLIED)
    return (
        strategy.projects.active()
        .annotate(
            allocated_amount=_sum_per_project(Allocation.objects.all()),
            external_approved_amount=_sum_per_project(approved),
            external_applied_amount=_sum_per_project(applied),
            spent_amount=_sum_per_project(Expenditure.objects.all()),
        )
        .order_by("number")
    )


def money_rows(projects: Iterable[MoneyProject]) -> list[ProjectMoney[Project]]:
    """A `ProjectMoney` per project of `project_money_queryset` (or a page of it)."""
    return [
        ProjectMoney(project, **{name: getattr(project, f"{name}_amount") for name in PROJECT_AMOUNTS})
        for project in projects
    ]


def project_money_total(strategy: Strategy) -> ProjectMoney[None]:
    """One query: the sums over all of the strategy's non-archived projects, added up in the database (a page of
    the table shows only some projects, its totals row all of them)."""
    sums = (
        project_money_queryset(strategy)
        .order_by()
        .aggregate(
            **{name: Coalesce(Sum(f"{name}_amount"), ZERO_VALUE, output_field=MONEY) for name in PROJECT_AMOUNTS}
        )
    )
    return ProjectMoney(None, **sums)


def _sum_per_project(
    queryset: QuerySet[Allocation] | QuerySet[ExternalFunding] | QuerySet[Expenditure],
) -> Coalesce:
    return sum_of_amounts(queryset, "project")


@dataclass(frozen=True)
class BurndownMonth:
    """`month`: its first day; `spent` in the month, `spent_to_date` up to its end, `remaining` = available − that."""

    month: datetime.date
    spent: Decimal
    spent_to_date: Decimal
    remaining: Decimal


@dataclass(frozen=True)
class Burndown:
    """How a fiscal year's money is spent month by month, over all the year's budget lines of a strategy.

    `lines`: the year's budget lines with `available_amount`, `allocated_amount` and `spent_amount`. Expenditures are
    booked on a line of the year but may be dated outside it (an invoice paid in January for December's work):
    `spent_before` is counted before January, `spent_after` after December, so the months add up to the lines.
    """

    year: int
    lines: list[BookedLine]
    spent_before: Decimal
    months: list[BurndownMonth]
    spent_after: Decimal

    @property
    def available(self) -> Decimal:
        return sum((line.available_amount for line in self.lines), ZERO)

    @property
    def allocated(self) -> Decimal:
        return sum((line.allocated_amount for line in self.lines), ZERO)

    @property
    def unallocated(self) -> Decimal:
        return self.available - self.allocated

    @property
    def spent(self) -> Decimal:
        return sum((line.spent_amount for line in self.lines), ZERO)

    @property
    def remaining(self) -> Decimal:
        return self.available - self.spent


def burndown(strategy: Strategy, year: int) -> Burndown:
    """Two queries: the strategy's budget lines of `year` with their amounts, and their expenditures summed per
    calendar month."""
    lines = list(
        strategy.budget_lines.filter(year=year)
        .with_amounts()
        .annotate(allocated_amount=_sum_per_line(Allocation), spent_amount=_sum_per_line(Expenditure))
        .order_by("budget_part")
    )
    monthly = (
        Expenditure.objects.filter(budget_line__strategy=strategy, budget_line__year=year)
        .annotate(spent_year=ExtractYear("spent_on"), spent_month=ExtractMonth("spent_on"))
        .order_by()
        .values("spent_year", "spent_month")
        .annotate(total=Sum("amount"))
    )
    by_month = {(row["spent_year"], row["spent_month"]): row["total"] for row in monthly}
    before = sum((total for (spent_year, _m), total in by_month.items() if spent_year < year), ZERO)
    after = sum((total for (spent_year, _m), total in by_month.items() if spent_year > year), ZERO)
    available = sum((line.available_amount for line in lines), ZERO)
    months: list[BurndownMonth] = []
    to_date = before
    for month in range(1, 13):
        spent = by_month.get((year, month), ZERO)
        to_date += spent
        months.append(BurndownMonth(datetime.date(year, month, 1), spent, to_date, available - to_date))
    return Burndown(year, lines, before, months, after)
