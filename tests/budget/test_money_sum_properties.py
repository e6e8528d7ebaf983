"""Property-based tests: the money sums hold for any set of sources, allocations and expenditures."""

import datetime
from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from budget.models import BudgetLine, ExternalFunding, FundingSource
from budget.selectors import (
    budget_per_year,
    burndown,
    financing_table,
    line_state,
    project_money,
)
from tests import factories
from tests.budget.money_properties_helpers import (
    AMOUNTS,
    DB_PROPERTY,
    PLAN,
    RESULTS,
    SUMS_KEEP_TWO_PLACES,
    is_money,
    rolled_back,
)

CENTS = Decimal("0.00")

SOURCES = st.lists(st.tuples(st.sampled_from(FundingSource.Kind.values), AMOUNTS), max_size=4)
# A line is unique per strategy, year and budget part.
LINE_KEYS = st.tuples(st.integers(2026, 2028), st.sampled_from(BudgetLine.BudgetPart.values))
LINES = st.lists(st.tuples(LINE_KEYS, AMOUNTS, SOURCES), min_size=1, max_size=4, unique_by=lambda line: line[0])
# (which line, which project, amount); the indices are taken modulo the number of lines and projects.
BOOKINGS = st.lists(st.tuples(st.integers(0, 99), st.integers(0, 2), AMOUNTS), max_size=6)
# (which project, kind, status, amount)
EXTERNAL_FUNDING = st.lists(
    st.tuples(
        st.integers(0, 2),
        st.sampled_from(ExternalFunding.Kind.values),
        st.sampled_from(ExternalFunding.Status.values),
        AMOUNTS,
    ),
    max_size=6,
)


def total(amounts):
    return sum(amounts, CENTS)


def make_lines(strategy, specs):
    """Budget lines of `strategy` from (year and part, required amount, sources) specs, with their sources."""
    lines = []
    for (year, part), required, sources in specs:
        line = factories.BudgetLineFactory(strategy=strategy, year=year, budget_part=part, required_amount=required)
        for kind, amount in sources:
            origin_year = year - 1 if kind == FundingSource.Kind.CARRY_OVER else None
            factories.FundingSourceFactory(budget_line=line, kind=kind, amount=amount, origin_year=origin_year)
        line.expected_available = total(amount for _, amount in sources)
        lines.append(line)
    return lines


def shortfall(line):
    return max(line.required_amount - line.expected_available, CENTS)


# 1. The financing table -----------------------------------------------------------------------------------------


@DB_PROPERTY
@given(specs=LINES, other_sources=SOURCES)
def test_financing_table_sums_any_sources_exactly_per_line_and_in_total(db, specs, other_sources):
    with rolled_back():
        strategy = factories.StrategyFactory()
        lines = make_lines(strategy, specs)
        make_lines(factories.StrategyFactory(), [((2026, RESULTS), CENTS, other_sources)])

        with CaptureQueriesContext(connection) as queries:
            table = financing_table(strategy)

        assert len(queries) == 1
        expected = {line.pk: line for line in lines}
        assert sorted(row.pk for row in table.lines) == sorted(expected)
        for row in table.lines:
            line = expected[row.pk]
            assert is_money(row.available_amount) and is_money(row.shortfall_amount)
            assert row.available_amount == line.expected_available
            assert row.shortfall_amount == shortfall(line)
        assert is_money(table.available) and is_money(table.required) and is_money(table.shortfall)
        assert table.available == total(line.expected_available for line in lines)
        assert table.required == total(line.required_amount for line in lines)
        assert table.shortfall == total(shortfall(line) for line in lines)


# 2. Allocations and expenditures --------------------------------------------------------------------------------


def book(factory, lines, projects, bookings):
    """Create an allocation or expenditure per (line, project, amount) booking; return them."""
    return [
        factory(budget_line=lines[line % len(lines)], project=projects[project], amount=amount)
        for line, project, amount in bookings
    ]


def per_line(entries):
    sums = defaultdict(lambda: CENTS)
    for entry in entries:
        sums[entry.budget_line_id] += entry.amount
    return sums


YEAR_AMOUNTS = ("available", "required", "shortfall", "allocated", "spent")


def expected_years(lines, allocated, spent):
    """Per year: available, required, shortfall, allocated and spent, summed in Python over the year's lines."""
    years = defaultdict(lambda: dict.fromkeys(YEAR_AMOUNTS, CENTS))
    for line in lines:
        year = years[line.year]
        year["available"] += line.expected_available
        year["required"] += line.required_amount
        year["shortfall"] += shortfall(line)
        year["allocated"] += allocated[line.pk]
        year["spent"] += spent[line.pk]
    return dict(sorted(years.items()))


def assert_amounts(actual, expected):
    for name, amount in expected.items():
        value = getattr(actual, name)
        assert is_money(value), (name, value)
        assert value == amount, name


def strategy_with_projects():
    strategy = factories.StrategyFactory()
    action_field = factories.ActionFieldFactory(strategy=strategy)
    return strategy, factories.ProjectFactory.create_batch(3, strategy=strategy, action_field=action_field)


def other_strategy_with_money(amount):
    """Rows of another strategy that no sum of the first may pick up."""
    other, (project, *_) = strategy_with_projects()
    (line,) = make_lines(other, [((2026, RESULTS), amount, [(PLAN, amount)])])
    book(factories.AllocationFactory, [line], [project], [(0, 0, amount)])
    book(factories.ExpenditureFactory, [line], [project], [(0, 0, amount)])
    for status in ExternalFunding.Status.values:
        fund(project, ExternalFunding.Kind.GRANT, status, amount)


def fund(project, kind, status, amount):
    return ExternalFunding.objects.create(project=project, kind=kind, funder="Programm", status=status, amount=amount)


@DB_PROPERTY
@given(specs=LINES, allocations=BOOKINGS, expenditures=BOOKINGS, other=AMOUNTS)
def test_budget_per_year_sums_allocations_and_expenditures_without_multiplying_rows(
    db, specs, allocations, expenditures, other
):
    with rolled_back():
        strategy, projects = strategy_with_projects()
        lines = make_lines(strategy, specs)
        allocated = per_line(book(factories.AllocationFactory, lines, projects, allocations))
        spent = per_line(book(factories.ExpenditureFactory, lines, projects, expenditures))
        other_strategy_with_money(other)

        with CaptureQueriesContext(connection) as queries:
            overview = budget_per_year(strategy)

        assert len(queries) == 1
        expected = expected_years(lines, allocated, spent)
        assert [year.year for year in overview.years] == list(expected)
        for year in overview.years:
            assert_amounts(year, expected[year.year])
        assert overview.total.year is None
        assert_amounts(overview.total, {name: total(y[name] for y in expected.values()) for name in YEAR_AMOUNTS})


@DB_PROPERTY
@given(specs=LINES, allocations=BOOKINGS, expenditures=BOOKINGS)
def test_unallocated_and_carryable_amounts_of_a_line_match_the_python_sums(db, specs, allocations, expenditures):
    with rolled_back():
        strategy, projects = strategy_with_projects()
        lines = make_lines(strategy, specs)
        booked = book(factories.AllocationFactory, lines, projects, allocations)
        allocated = per_line(booked)
        spent = per_line(book(factories.ExpenditureFactory, lines, projects, expenditures))

        for line in lines:
            with CaptureQueriesContext(connection) as queries:
                state = line_state(line.pk)
            assert len(queries) == 1
            assert is_money(state.unallocated)
            assert state.unallocated == line.expected_available - allocated[line.pk]

            # A carry-over moves what is neither allocated nor spent.
            assert is_money(state.carryable)
            assert state.carryable == line.expected_available - max(allocated[line.pk], spent[line.pk], CENTS)

        for allocation in booked:
            # Editing an allocation: the amount it replaces counts as not yet allocated.
            line = allocation.budget_line
            expected = line.expected_available - allocated[line.pk] + allocation.amount
            assert line_state(line.pk, excluding_allocation=allocation.pk).unallocated == expected


PROJECT_AMOUNTS = ("allocated", "external_approved", "external_applied", "spent")


def per_project(entries, **filters):
    sums = defaultdict(lambda: CENTS)
    for entry in entries:
        if all(getattr(entry, name) == value for name, value in filters.items()):
            sums[entry.project_id] += entry.amount
    return sums


@DB_PROPERTY
@given(
    specs=LINES,
    allocations=BOOKINGS,
    expenditures=BOOKINGS,
    external=EXTERNAL_FUNDING,
    archived=st.sampled_from([None, 0, 1, 2]),
    other=AMOUNTS,
)
def test_project_money_sums_each_projects_bookings_and_external_funding_without_multiplying_rows(
    db, specs, allocations, expenditures, external, archived, other
):
    with rolled_back():
        strategy, projects = strategy_with_projects()
        lines = make_lines(strategy, specs)
        allocated = per_project(book(factories.AllocationFactory, lines, projects, allocations))
        spent = per_project(book(factories.ExpenditureFactory, lines, projects, expenditures))
        funding = [fund(projects[project], *rest) for project, *rest in external]
        approved = per_project(funding, status=ExternalFunding.Status.APPROVED)
        applied = per_project(funding, status=ExternalFunding.Status.APPLIED)
        if archived is not None:
            projects[archived].is_archived = True
            projects[archived].save()
        other_strategy_with_money(other)

        with CaptureQueriesContext(connection) as queries:
            table = project_money(strategy)

        assert len(queries) == 1
        active = [project for project in projects if not project.is_archived]
        assert [row.project.pk for row in table.rows] == [project.pk for project in active]
        expected = {
            project.pk: {
                "allocated": allocated[project.pk],
                "external_approved": approved[project.pk],
                "external_applied": applied[project.pk],
                "spent": spent[project.pk],
            }
            for project in active
        }
        for row in table.rows:
            assert_amounts(row, expected[row.project.pk])
            assert row.left == row.allocated + row.external_approved - row.spent
        assert table.total.project is None
        assert_amounts(table.total, {name: total(e[name] for e in expected.values()) for name in PROJECT_AMOUNTS})
        assert table.total.left == total(row.left for row in table.rows)


# Expenditures of a year's line may be dated in the year before or after it.
SPENT_ON = st.dates(datetime.date(2025, 11, 1), datetime.date(2029, 2, 28))


@DB_PROPERTY
@given(specs=LINES, expenditures=st.lists(st.tuples(st.integers(0, 99), AMOUNTS, SPENT_ON), max_size=8))
def test_burndown_months_add_up_to_what_the_years_lines_spent(db, specs, expenditures):
    with rolled_back():
        strategy, (project, *_) = strategy_with_projects()
        lines = make_lines(strategy, specs)
        booked = [
            factories.ExpenditureFactory(
                budget_line=lines[line % len(lines)], project=project, amount=amount, spent_on=spent_on
            )
            for line, amount, spent_on in expenditures
        ]

        for year in sorted({line.year for line in lines}):
            chart = burndown(strategy, year)
            year_lines = [line for line in lines if line.year == year]
            in_year = [entry for entry in booked if entry.budget_line.year == year]
            available = total(line.expected_available for line in year_lines)
            assert chart.available == available
            assert chart.spent == total(entry.amount for entry in in_year)
            assert chart.spent_before == total(e.amount for e in in_year if e.spent_on.year < year)
            assert chart.spent_after == total(e.amount for e in in_year if e.spent_on.year > year)
            for month in chart.months:
                in_month = [e for e in in_year if (e.spent_on.year, e.spent_on.month) == (year, month.month.month)]
                assert is_money(month.spent) and month.spent == total(e.amount for e in in_month)
                assert month.remaining == available - month.spent_to_date
            assert chart.months[-1].spent_to_date + chart.spent_after == chart.spent


@pytest.mark.xfail(
    not SUMS_KEEP_TWO_PLACES, strict=True, reason="SQLite sums through float; the selectors do not round the sums"
)
def test_the_selectors_sums_have_two_decimal_places(db):
    strategy, (project, *_) = strategy_with_projects()
    sources = [(PLAN, Decimal("0.10")), ("grant", Decimal("0.20"))]
    line, empty = make_lines(
        strategy,
        [((2026, RESULTS), Decimal("1.00"), sources), ((2027, RESULTS), Decimal("1.00"), [])],
    )
    book(factories.ExpenditureFactory, [line], [project], [(0, 0, Decimal("0.05"))])

    table = financing_table(strategy)
    overview = budget_per_year(strategy)
    amounts = [
        *(getattr(row, name) for row in table.lines for name in ("available_amount", "shortfall_amount")),
        table.available,
        table.shortfall,
        *(getattr(year, name) for year in [*overview.years, overview.total] for name in YEAR_AMOUNTS),
        line_state(line.pk).unallocated,
        line_state(line.pk).carryable,
        line_state(empty.pk).carryable,
    ]

    assert [str(amount) for amount in amounts] == [f"{amount:.2f}" for amount in amounts]
