"""External funding of projects (grants, partners' co-financing): its form and its list filter."""

import django_filters
from django import forms

from budget.filters import project_id_filter
from budget.models import ExternalFunding
from projects.filters import ProjectSearchFilter
from stakeholders.filters import OrganisationSearchFilter
from strategy_portal.forms import SearchableSelect, date_widgets

DECIDED_BEFORE_APPLIED = next(
    constraint.violation_error_message
    for constraint in ExternalFunding._meta.constraints
    if constraint.name == "externalfunding_decided_on_not_before_applied_on"
)


class ExternalFundingForm(forms.ModelForm):
    class Meta:
        model = ExternalFunding
        fields = ["project", "kind", "funder", "organisation", "amount", "status", "applied_on", "decided_on", "note"]
        widgets = {
            "project": SearchableSelect,
            "organisation": SearchableSelect,
            **date_widgets("applied_on", "decided_on"),
        }

    def clean(self):
        cleaned = super().clean()
        applied_on, decided_on = cleaned.get("applied_on"), cleaned.get("decided_on")
        # At the field rather than as the database rule's message above the form.
        if applied_on and decided_on and decided_on < applied_on:
            self.add_error("decided_on", DECIDED_BEFORE_APPLIED)
        return cleaned


class ExternalFundingFilter(django_filters.FilterSet):
    project = ProjectSearchFilter()
    project_id = project_id_filter()
    organisation = OrganisationSearchFilter()

    class Meta:
        model = ExternalFunding
        fields = ["status", "kind", "project", "organisation", "project_id"]
