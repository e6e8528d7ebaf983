"""The database itself rejects what must never be stored, whatever path the write takes.

Each test writes a bad value past the forms (queryset `.update()` or `.save()`) and expects an IntegrityError, then
writes a good value to show the test could fail. Where it can, it matches the constraint's name in the error, so the
right rule fired (SQLite and PostgreSQL both name a failed CHECK constraint; PostgreSQL also names unique ones).
"""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.roles import DOMAIN_APPS
from budget.models import BudgetLine, FundingSource
from projects.models import MilestoneUpdate, ProjectLink, Reminder, Strategy
from reports.models import CommitteePaper
from stakeholders.models import Person
from tests import factories

pytestmark = pytest.mark.django_db


def rejects(constraint_name=None):
    """Expect the write in the block to fail in the database (and roll back only that write)."""
    return pytest.raises(IntegrityError, match=constraint_name)


def update(obj, **values):
    type(obj).objects.filter(pk=obj.pk).update(**values)


def constraint_named(model, name):
    return next(constraint for constraint in model._meta.constraints if constraint.name == name)


# Amounts ---------------------------------------------------------------------------------------------------------

NON_NEGATIVE_AMOUNTS = [
    ("budgetline_required_amount_not_negative", factories.BudgetLineFactory, "required_amount"),
    ("fundingsource_amount_not_negative", factories.FundingSourceFactory, "amount"),
    ("allocation_amount_not_negative", factories.AllocationFactory, "amount"),
    ("expenditure_amount_not_negative", factories.ExpenditureFactory, "amount"),
    ("externalfunding_amount_not_negative", factories.ExternalFundingFactory, "amount"),
    ("project_required_amount_not_negative", factories.ProjectFactory, "required_amount"),
    ("strategy_annual_project_budget_not_negative", factories.StrategyFactory, "annual_project_budget"),
]


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


# Ranges ----------------------------------------------------------------------------------------------------------

OUT_OF_RANGE = [
    # constraint, factory, field, rejected value, accepted value at the same edge
    ("statusreport_progress_0_to_100", factories.StatusReportFactory, "progress", 101, 100),
    ("project_priority_subject_1_to_5", factories.ProjectFactory, "priority_subject", 0, 1),
    ("project_priority_subject_1_to_5", factories.ProjectFactory, "priority_subject", 6, 5),
    ("project_priority_resources_1_to_5", factories.ProjectFactory, "priority_resources", 0, 1),
    ("project_priority_resources_1_to_5", factories.ProjectFactory, "priority_resources", 6, 5),
    ("project_priority_partners_1_to_5", factories.ProjectFactory, "priority_partners", 0, 1),
    ("project_priority_partners_1_to_5", factories.ProjectFactory, "priority_partners", 6, 5),
    ("budgetline_year_plausible", factories.BudgetLineFactory, "year", 1999, 2000),
    ("budgetline_year_plausible", factories.BudgetLineFactory, "year", 2101, 2100),
    ("strategicgoal_number_positive", factories.StrategicGoalFactory, "number", 0, 1),
    ("strategy_weights_0_to_10", factories.StrategyFactory, "weight_subject", 11, 10),
    ("strategy_weights_0_to_10", factories.StrategyFactory, "weight_resources", 11, 10),
    ("strategy_weights_0_to_10", factories.StrategyFactory, "weight_partners", 11, 10),
]


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


def test_database_rejects_last_budget_year_before_first():
    strategy = factories.StrategyFactory(first_budget_year=2026, last_budget_year=2030)

    with rejects("strategy_budget_years_in_order"), transaction.atomic():
        update(strategy, last_budget_year=2025)

    update(strategy, last_budget_year=2026)
    strategy.refresh_from_db()
    assert list(strategy.budget_years) == [2026]


# Dates in order --------------------------------------------------------------------------------------------------

START = datetime.date(2026, 3, 1)
END_BEFORE_START = [
    ("project_planned_end_not_before_planned_start", factories.ProjectFactory, "planned_start", "planned_end"),
    (
        "participationevent_end_date_not_before_start_date",
        factories.ParticipationEventFactory,
        "start_date",
        "end_date",
    ),
    ("membership_end_date_not_before_start_date", factories.MembershipFactory, "start_date", "end_date"),
    ("phase_end_date_not_before_start_date", factories.PhaseFactory, "start_date", "end_date"),
    (
        "externalfunding_decided_on_not_before_applied_on",
        factories.ExternalFundingFactory,
        "applied_on",
        "decided_on",
    ),
]


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


# Rules between fields --------------------------------------------------------------------------------------------


def test_database_rejects_membership_without_person_or_organisation():
    membership = factories.MembershipFactory(organisation=None)

    with rejects("membership_has_person_or_organisation"), transaction.atomic():
        update(membership, person=None)

    update(membership, person=None, organisation=factories.OrganisationFactory())
    membership.refresh_from_db()
    assert membership.person is None
    assert membership.organisation is not None


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


# Unique within a parent ------------------------------------------------------------------------------------------

UNIQUE_PER_PARENT = [
    # constraint, factory, parent field, field that must differ under one parent
    ("phase_unique_number", factories.PhaseFactory, "strategy", "number"),
    ("strategicgoal_unique_number", factories.StrategicGoalFactory, "strategy", "number"),
    ("actionfield_unique_number", factories.ActionFieldFactory, "strategy", "number"),
    ("actionfield_unique_slug", factories.ActionFieldFactory, "strategy", "slug"),
    ("focusarea_unique_number", factories.FocusAreaFactory, "action_field", "number"),
    ("project_unique_number", factories.ProjectFactory, "strategy", "number"),
    ("project_unique_slug", factories.ProjectFactory, "strategy", "slug"),
    ("projectpartner_unique", factories.ProjectPartnerFactory, "project", "organisation"),
    ("milestone_unique_title", factories.MilestoneFactory, "project", "title"),
    ("statusreport_one_per_project_and_day", factories.StatusReportFactory, "project", "reported_on"),
    ("indicator_unique_name", factories.IndicatorFactory, "project", "name"),
    ("measurement_one_per_day", factories.MeasurementFactory, "indicator", "measured_on"),
    ("finding_unique_number", factories.FindingFactory, "strategy", "number"),
    ("externalinitiative_unique_title", factories.ExternalInitiativeFactory, "strategy", "title"),
    ("person_unique_name_per_organisation", factories.PersonFactory, "organisation", "name"),
    ("meeting_one_per_body_and_day", factories.MeetingFactory, "body", "date"),
    ("consultation_unique_position", factories.ConsultationFactory, "paper", "position"),
    ("paperattachment_unique_number", factories.PaperAttachmentFactory, "paper", "number"),
    ("projectlink_unique_project", factories.ProjectLinkFactory, "project", "linked_project"),
]


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
