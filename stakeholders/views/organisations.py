"""The workspace pages of organisations, with their persons and memberships (their projects: projects/sections.py)."""

from stakeholders.filters import OrganisationFilter
from stakeholders.forms import OrganisationForm
from stakeholders.models import Organisation
from strategy_portal.workspace import ObjectDetailView, ObjectFormView, ObjectListView


class OrganisationListView(ObjectListView):
    model = Organisation
    filterset_class = OrganisationFilter
    columns = ("name", "short_name", "category", "municipality", "is_sponsor")


class OrganisationDetailView(ObjectDetailView):
    model = Organisation
    template_name = "stakeholders/organisation_detail.html"
    fields = ("short_name", "category", "municipality", "website", "is_sponsor")

    def get_context_data(self, **kwargs):
        organisation = self.object
        return super().get_context_data(
            persons=organisation.persons.all(),
            memberships=organisation.memberships.select_related("body", "person"),
            can_add_person=self.request.user.has_perm("stakeholders.add_person"),
            **kwargs,
        )


class OrganisationFormView(ObjectFormView):
    model = Organisation
    form_class = OrganisationForm
