"""The database constraints that share a shape, as tables of cases (tests/test_constraint_tables.py walks them,
tests/test_constraint_rules.py checks that every named constraint is among them or has a test of its own), and how
the tests expect a write to fail."""

import pytest
from django.db import IntegrityError

from tests import factories


def rejects(constraint_name=None):
    """Expect the write in the block to fail in the database (and roll back only that write)."""
    return pytest.raises(IntegrityError, match=constraint_name)


def update(obj, **values):
    type(obj).objects.filter(pk=obj.pk).update(**values)


# Amounts ---------------------------------------------------------------------------------------------------------

NON_NEGATIVE_AMOUNTS = [
    ("budgetline_required_amount_not_negative", factories.BudgetLineFactory, "required_amount"),
    ("fundingsource_amount_not_negative", factories.FundingSourceFactory, "amount"),
    ("allocation_amount_not_negative", factories.AllocationFactory, "amount"),
    ("expenditure_amount_not_negative", factories.ExpenditureFactory, "amount"),
    ("carryover_amount_not_negative", factories.CarryOverFactory, "amount"),
    ("externalfunding_amount_not_negative", factories.ExternalFundingFactory, "amount"),
    ("project_required_amount_not_negative", factories.ProjectFactory, "required_amount"),
    ("strategy_annual_project_budget_not_negative", factories.StrategyFactory, "annual_project_budget"),
]

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

# Dates in order --------------------------------------------------------------------------------------------------

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
    ("legislativeterm_end_date_not_before_start_date", factories.LegislativeTermFactory, "start_date", "end_date"),
    (
        "externalfunding_decided_on_not_before_applied_on",
        factories.ExternalFundingFactory,
        "applied_on",
        "decided_on",
    ),
]

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
