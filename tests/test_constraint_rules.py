"""The database itself rejects what must never be stored, whatever path the write takes: one test per rule, and
the check that every named constraint has a test.

Each test writes a bad value past the forms (queryset `.update()` or `.save()`) and expects an IntegrityError, then
writes a good value to show the test could fail. Where it can, it matches the constraint's name in the error, so the
right rule fired (SQLite and PostgreSQL both name a failed CHECK constraint; PostgreSQL also names unique ones)."""

import datetime

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone

from accounts.roles import DOMAIN_APPS
from budget.models import BudgetLine, FundingSource
from projects.models import MilestoneUpdate, ProjectLink, Reminder, Strategy
from reports.models import CommitteePaper
from stakeholders.models import Person
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


def test_database_rejects_last_budget_year_before_first():
    strategy = factories.StrategyFactory(first_budget_year=2026, last_budget_year=2030)

    with rejects("strategy_budget_years_in_order"), transaction.atomic():
        update(strategy, last_budget_year=2025)

    update(strategy, last_budget_year=2026)
    strategy.refresh_from_db()
    assert list(strategy.budget_years) == [2026]


# Rules between fields --------------------------------------------------------------------------------------------


def test_database_rejects_membership_without_person_or_organisation():
    membership = factories.MembershipFactory(organisation=None)

    with rejects("membership_has_person_or_organisation"), transaction.atomic():
        update(membership, person=None)

    update(membership, person=None, organisation=factories.OrganisationFactory())
    membership.refresh_from_db()
    assert membership.person is None
    assert membership.organisation is not None


def test_database_rejects_a_second_carry_over_of_a_year_in_force_but_not_after_an_undo():
    first = factories.CarryOverFactory()

    with rejects("carryover_once_per_origin" if connection.vendor == "postgresql" else None), transaction.atomic():
        factories.CarryOverFactory(origin=first.origin, target=first.target)

    update(first, undone_at=timezone.now())
    second = factories.CarryOverFactory(origin=first.origin, target=first.target)
    assert list(first.origin.carry_overs_out.filter(undone_at__isnull=True)) == [second]


def test_database_rejects_a_carry_over_into_its_own_line():
    carry = factories.CarryOverFactory()

    with rejects("carryover_into_another_line"), transaction.atomic():
        update(carry, target=carry.origin)

    update(carry, target=factories.BudgetLineFactory(strategy=carry.origin.strategy, year=carry.origin.year + 2))
    carry.refresh_from_db()
    assert carry.target.year == carry.origin.year + 2


def test_database_rejects_carry_over_without_origin_year():
    source = factories.FundingSourceFactory(kind=FundingSource.Kind.CARRY_OVER, origin_year=2025)

    with rejects("fundingsource_carry_over_has_origin_year"), transaction.atomic():
        update(source, origin_year=None)

    other_kind = factories.FundingSourceFactory(kind=FundingSource.Kind.PLAN, origin_year=None)
    assert other_kind.pk is not None


def test_database_rejects_finalised_committee_paper_without_finalised_at():
    paper = factories.CommitteePaperFactory()

    with rejects("committeepaper_finalised_has_date"), transaction.atomic():
        update(paper, status=CommitteePaper.Status.FINALISED)

    update(paper, status=CommitteePaper.Status.FINALISED, finalised_at=timezone.now())
    paper.refresh_from_db()
    assert paper.status == CommitteePaper.Status.FINALISED


def test_database_rejects_a_second_featured_strategy():
    featured = factories.StrategyFactory(is_featured=True)
    other = factories.StrategyFactory()

    with rejects(), transaction.atomic():
        other.is_featured = True
        other.save()

    update(featured, is_featured=False)
    update(other, is_featured=True)
    assert list(Strategy.objects.filter(is_featured=True)) == [other]


def test_database_rejects_two_persons_of_the_same_name_without_organisation():
    first = factories.PersonFactory(organisation=None)
    second = factories.PersonFactory(organisation=None)

    with rejects(), transaction.atomic():
        update(second, name=first.name)

    factories.PersonFactory(name=first.name)  # the same name at an organisation is another person
    assert Person.objects.filter(name=first.name).count() == 2


def test_database_rejects_second_budget_line_for_same_year_and_part():
    first = factories.BudgetLineFactory(year=2026, budget_part=BudgetLine.BudgetPart.RESULTS)
    second = factories.BudgetLineFactory(strategy=first.strategy, year=2027, budget_part=BudgetLine.BudgetPart.RESULTS)

    with rejects(), transaction.atomic():
        update(second, year=2026)

    factories.BudgetLineFactory(strategy=first.strategy, year=2026, budget_part=BudgetLine.BudgetPart.FINANCIAL)
    factories.BudgetLineFactory(year=2026, budget_part=BudgetLine.BudgetPart.RESULTS)  # another strategy
    assert first.strategy.budget_lines.count() == 3


def test_database_rejects_all_priority_weights_zero():
    strategy = factories.StrategyFactory()

    with rejects("strategy_weights_not_all_zero"), transaction.atomic():
        update(strategy, weight_subject=0, weight_resources=0, weight_partners=0)

    update(strategy, weight_subject=0, weight_resources=0, weight_partners=1)
    strategy.refresh_from_db()
    assert strategy.weight_partners == 1


def test_database_rejects_overlap_with_no_or_two_other_sides():
    link = factories.ProjectLinkFactory()
    initiative = factories.ExternalInitiativeFactory(strategy=link.project.strategy)

    with rejects("projectlink_exactly_one_target"), transaction.atomic():
        update(link, external_initiative=initiative)
    with rejects("projectlink_exactly_one_target"), transaction.atomic():
        update(link, linked_project=None)

    update(link, linked_project=None, external_initiative=initiative)
    link.refresh_from_db()
    assert link.target == initiative


def test_database_rejects_project_overlapping_with_itself():
    link = factories.ProjectLinkFactory()

    with rejects("projectlink_not_with_itself"), transaction.atomic():
        update(link, linked_project=link.project)

    other = factories.ProjectFactory(strategy=link.project.strategy)
    update(link, linked_project=other)
    link.refresh_from_db()
    assert link.linked_project == other


def test_database_rejects_the_same_initiative_overlap_twice():
    initiative = factories.ExternalInitiativeFactory()
    project = factories.ProjectFactory(strategy=initiative.strategy)
    ProjectLink.objects.create(project=project, external_initiative=initiative, kind=ProjectLink.Kind.SYNERGY)

    with rejects(), transaction.atomic():
        ProjectLink.objects.create(project=project, external_initiative=initiative, kind=ProjectLink.Kind.DUPLICATE)

    other = factories.ProjectFactory(strategy=initiative.strategy)
    ProjectLink.objects.create(project=other, external_initiative=initiative, kind=ProjectLink.Kind.DUPLICATE)
    assert initiative.project_links.count() == 2


PERIOD = datetime.date(2026, 1, 1)


def test_database_rejects_a_second_reminder_per_project_kind_and_period():
    project = factories.ProjectFactory()
    reminder = {"kind": Reminder.Kind.REPORT_DUE, "project": project, "period_start": PERIOD}
    Reminder.objects.create(**reminder)

    with rejects(), transaction.atomic():
        Reminder.objects.create(**reminder)

    Reminder.objects.create(**reminder | {"kind": Reminder.Kind.REPORT_OVERDUE})
    Reminder.objects.create(**reminder | {"period_start": datetime.date(2026, 4, 1)})
    assert project.reminders.count() == 3


def test_database_rejects_a_second_reminder_per_milestone_kind_and_period():
    milestone = factories.MilestoneFactory()
    reminder = {"kind": Reminder.Kind.MILESTONE_OVERDUE, "project": milestone.project, "period_start": PERIOD}
    Reminder.objects.create(**reminder, milestone=milestone)

    with rejects(), transaction.atomic():
        Reminder.objects.create(**reminder, milestone=milestone)

    Reminder.objects.create(**reminder, milestone=factories.MilestoneFactory(project=milestone.project))
    assert milestone.project.reminders.count() == 2


def test_database_rejects_a_milestone_reported_twice_in_one_status_report():
    milestone = factories.MilestoneFactory()
    report = factories.StatusReportFactory(project=milestone.project)
    MilestoneUpdate.objects.create(status_report=report, milestone=milestone, done_on=PERIOD)

    with rejects(), transaction.atomic():
        MilestoneUpdate.objects.create(status_report=report, milestone=milestone, done_on=PERIOD)

    later = factories.StatusReportFactory(project=milestone.project)
    MilestoneUpdate.objects.create(status_report=later, milestone=milestone, done_on=PERIOD)
    assert milestone.updates.count() == 2


# Every named constraint has a test above ------------------------------------------------------------------------

COVERED_ELSEWHERE_IN_THIS_MODULE = {
    "strategy_budget_years_in_order",
    "membership_has_person_or_organisation",
    "fundingsource_carry_over_has_origin_year",
    "committeepaper_finalised_has_date",
    "strategy_one_featured",
    "budgetline_one_per_year_and_part",
    "person_unique_name_without_organisation",
    "document_exactly_one_parent",  # tests/projects/test_documents.py
    "strategy_weights_not_all_zero",
    "projectlink_exactly_one_target",
    "projectlink_not_with_itself",
    "projectlink_unique_initiative",
    "reminder_once_per_project_and_period",
    "reminder_once_per_milestone_and_period",
    "milestoneupdate_once_per_report",
    "carryover_once_per_origin",
    "carryover_into_another_line",
}


def test_every_named_constraint_has_a_test():
    declared = {
        constraint.name
        for app_label in DOMAIN_APPS
        for model in apps.get_app_config(app_label).get_models()
        for constraint in model._meta.constraints
    }
    covered = {case[0] for case in NON_NEGATIVE_AMOUNTS + OUT_OF_RANGE + END_BEFORE_START + UNIQUE_PER_PARENT}

    assert declared == covered | COVERED_ELSEWHERE_IN_THIS_MODULE
