"""List filters of budget lines, allocations, expenditures and external funding."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from budget.models import Allocation, BudgetLine, Expenditure, ExternalFunding
from projects.filters import ProjectSearchFilter
from stakeholders.filters import OrganisationSearchFilter


class BudgetLineFilter(django_filters.FilterSet):
    class Meta:
        model = BudgetLine
        fields = ["strategy", "year", "budget_part"]


def project_id_filter() -> django_filters.NumberFilter:
    """One project by its key, for links from a project's rows (`?project_id=`); hidden, so the next filtering
    keeps it."""
    return django_filters.NumberFilter(field_name="project", widget=forms.HiddenInput)


class BookingFilter(django_filters.FilterSet):
    """Allocations and expenditures by the fiscal year of their budget line and by project."""

    year = django_filters.NumberFilter(field_name="budget_line__year", label=_("fiscal year"))
    project = ProjectSearchFilter()
    project_id = project_id_filter()


class AllocationFilter(BookingFilter):
    class Meta:
        model = Allocation
        fields = ["year", "project", "project_id"]


class ExpenditureFilter(BookingFilter):
    class Meta:
        model = Expenditure
        fields = ["year", "project", "project_id"]


class ExternalFundingFilter(django_filters.FilterSet):
    project = ProjectSearchFilter()
    project_id = project_id_filter()
    organisation = OrganisationSearchFilter()

    class Meta:
        model = ExternalFunding
        fields = ["status", "kind", "project", "organisation", "project_id"]
