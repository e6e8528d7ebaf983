"""The workspace pages of external funding of projects (grants, partners' co-financing)."""

from budget.filters import ExternalFundingFilter
from budget.forms import ExternalFundingForm
from budget.models import ExternalFunding
from strategy_portal.workspace import ObjectDetailView, ObjectFormView, ObjectListView


class ExternalFundingListView(ObjectListView):
    model = ExternalFunding
    queryset = ExternalFunding.objects.select_related("project")
    filterset_class = ExternalFundingFilter
    columns = ("funder", "project", "kind", "amount", "status", "applied_on", "decided_on")


class ExternalFundingDetailView(ObjectDetailView):
    model = ExternalFunding
    queryset = ExternalFunding.objects.select_related("project", "organisation")
    fields = ("project", "kind", "funder", "organisation", "amount", "status", "applied_on", "decided_on", "note")


class ExternalFundingFormView(ObjectFormView):
    model = ExternalFunding
    form_class = ExternalFundingForm
    initial_from_query = ("project",)  # a link from the project's money
