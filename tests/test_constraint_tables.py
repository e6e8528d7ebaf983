"""The database itself rejects what must never be stored, whatever path the write takes: the rules that share a
shape, each table of cases (tests/constraint_cases.py) walked by one test, and how full_clean reports the rules.

Each test writes a bad value past the forms (queryset `.update()` or `.save()`) and expects an IntegrityError, then
writes a good value to show the test could fail. Where it can, it matches the constraint's name in the error, so the
right rule fired (SQLite and PostgreSQL both name a failed CHECK constraint; PostgreSQL also names unique ones)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from budget.models import BudgetLine, FundingSource
from projects.models import Strategy
from reports.models import CommitteePaper
from tests import factories
from tests.constraint_cases import (
    END_BEFORE_START,
    NON_NEGATIVE_AMOUNTS,
    OUT_OF_RANGE,
    UNIQUE_PER_PARENT,
    rejects,
    update,
)

pytestmark = pytest.mark.django_db


def constraint_named(model, name):
    return next(constraint for constraint in model._meta.constraints if constraint.name == name)


@pytest.mark.parametrize(
    ("constraint", "factory", "field"), NON_NEGATIVE_AMOUNTS, ids=[c[0] for c in NON_NEGATIVE_AMOUNTS]
)
def test_database_rejects_negative_amount(constraint, factory, field):
    obj = factory()

    with rejects(constraint), transaction.atomic():
        update(obj, **{field: Decimal("-0.01")})

    update(obj, **{field: Decimal("0.00")})
    obj.refresh_from_db()
    assert getattr(obj, field) == Decimal("0.00")


@pytest.mark.parametrize(
    ("constraint", "factory", "field", "bad", "good"),
    OUT_OF_RANGE,
    ids=[f"{c[2]}={c[3]}" for c in OUT_OF_RANGE],
)
def test_database_rejects_value_out_of_range(constraint, factory, field, bad, good):
    obj = factory()

    with rejects(constraint), transaction.atomic():
        update(obj, **{field: bad})

    update(obj, **{field: good})
    obj.refresh_from_db()
    assert getattr(obj, field) == good


def test_database_rejects_negative_progress():
    # A positive integer field: the column's own check rejects it before the named 0-100 rule.
    report = factories.StatusReportFactory()

    with rejects(), transaction.atomic():
        update(report, progress=-1)

    update(report, progress=0)
    report.refresh_from_db()
    assert report.progress == 0


# Dates in order --------------------------------------------------------------------------------------------------

START = datetime.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("constraint", "factory", "start_field", "end_field"), END_BEFORE_START, ids=[c[0] for c in END_BEFORE_START]
)
def test_database_rejects_end_before_start(constraint, factory, start_field, end_field):
    obj = factory(**{start_field: START})

    with rejects(constraint), transaction.atomic():
        update(obj, **{end_field: START - datetime.timedelta(days=1)})

    update(obj, **{end_field: START})  # a one-day span is fine
    obj.refresh_from_db()
    assert getattr(obj, end_field) == START


@pytest.mark.parametrize(
    ("constraint", "factory", "parent", "field"), UNIQUE_PER_PARENT, ids=[c[0] for c in UNIQUE_PER_PARENT]
)
def test_database_rejects_duplicate_under_the_same_parent(constraint, factory, parent, field):
    first = factory()
    same_parent = factory(**{parent: getattr(first, parent)})
    other_parent = factory()

    with rejects(), transaction.atomic():
        update(same_parent, **{field: getattr(first, field)})

    update(other_parent, **{field: getattr(first, field)})
    other_parent.refresh_from_db()
    assert getattr(other_parent, field) == getattr(first, field)


# full_clean: how forms and the importer see these rules ---------------------------------------------------------


def assert_full_clean_says(obj, constraint):
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    assert caught.value.messages == [str(constraint.violation_error_message)]


def test_full_clean_reports_negative_funding_source_amount():
    source = factories.FundingSourceFactory()
    source.amount = Decimal("-1.00")

    assert_full_clean_says(source, constraint_named(FundingSource, "fundingsource_amount_not_negative"))


def test_full_clean_reports_a_second_featured_strategy():
    factories.StrategyFactory(is_featured=True)
    other = factories.StrategyFactory()
    other.is_featured = True

    assert_full_clean_says(other, constraint_named(Strategy, "strategy_one_featured"))


def test_full_clean_reports_second_budget_line_for_same_year_and_part():
    first = factories.BudgetLineFactory()
    second = factories.BudgetLineFactory.build(strategy=first.strategy, year=first.year)

    assert_full_clean_says(second, constraint_named(BudgetLine, "budgetline_one_per_year_and_part"))


def test_full_clean_reports_finalised_committee_paper_without_finalised_at():
    paper = factories.CommitteePaperFactory()
    paper.status = CommitteePaper.Status.FINALISED

    assert_full_clean_says(paper, constraint_named(CommitteePaper, "committeepaper_finalised_has_date"))


def full_clean_errors(obj):
    """What full_clean reports, by field: {} for a valid object."""
    try:
        obj.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def test_full_clean_accepts_a_valid_funding_source():
    source = factories.FundingSourceFactory(kind=FundingSource.Kind.CARRY_OVER, origin_year=2025)

    assert full_clean_errors(source) == {}
