"""The workspace pages of persons, and their personal data for administrators: the export (DSGVO Art. 15) and the
erasure (Art. 17)."""

from django.contrib import messages
from django.http import HttpResponseRedirect, JsonResponse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, View
from django.views.generic.detail import SingleObjectMixin

from stakeholders.filters import PersonFilter
from stakeholders.forms import PersonForm
from stakeholders.models import Person
from stakeholders.personal_data import kept_mentions, kept_user_accounts, personal_data_parts
from stakeholders.services import erase_person, export_personal_data
from strategy_portal.workspace import (
    ObjectDetailView,
    ObjectFormView,
    ObjectListView,
    WorkspaceMixin,
    workspace_url,
)

PERSONAL_DATA_PERMISSION = "stakeholders.export_personal_data"  # the export and the erasure
# Contact details, notes and consent are for the office's staff only (strategy_portal/publication.py, applied by the
# workspace's list and detail views).
PERSON_FIELDS = (
    "given_name",
    "family_name",
    "public_function",
    "organisation",
    "public_figure",
    "consent_date",
    "consent_scope",
    "consent_covers_publication",
    "email",
    "phone",
    "notes",
)


class PersonListView(ObjectListView):
    model = Person
    filterset_class = PersonFilter
    columns = ("name", "public_function", "organisation", "public_figure", "consent_date")

    def get_queryset(self):
        return super().get_queryset().select_related("organisation")


class PersonDetailView(ObjectDetailView):
    model = Person
    template_name = "stakeholders/person_detail.html"
    fields = PERSON_FIELDS

    def get_queryset(self):
        return Person.objects.select_related("organisation")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            memberships=self.object.memberships.select_related("body", "organisation"),
            can_handle_personal_data=self.request.user.has_perm(PERSONAL_DATA_PERMISSION),
            **kwargs,
        )


class PersonFormView(ObjectFormView):
    model = Person
    form_class = PersonForm
    initial_from_query = ("organisation",)


class PersonExportView(WorkspaceMixin, SingleObjectMixin, View):
    """Everything stored about the person, history included, as a JSON download (DSGVO Art. 15). Administrators
    only: changing persons is not enough, the export permission is required too."""

    model = Person
    action = "change"
    queryset = Person.objects.select_related("organisation")

    def get_permission_required(self):
        return [*super().get_permission_required(), PERSONAL_DATA_PERMISSION]

    def get(self, request, *args, **kwargs):
        person = self.get_object()
        data = export_personal_data(person=person, user=request.user)
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
        return response


class PersonEraseView(WorkspaceMixin, DetailView):
    """Asks for confirmation, then anonymises the person and their history (DSGVO Art. 17). Administrators only, as
    the export."""

    model = Person
    action = "change"
    template_name = "stakeholders/person_confirm_erase.html"

    def get_permission_required(self):
        return [*super().get_permission_required(), PERSONAL_DATA_PERMISSION]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            membership_count=self.object.memberships.count(),
            kept_links=[
                *(part.kept_links(self.object) for part in personal_data_parts()),
                kept_mentions(self.object),
                *filter(None, [kept_user_accounts(self.object)]),
            ],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        person = erase_person(person=self.get_object(), user=request.user)
        messages.success(request, _("The personal data were erased; the person is now “%(name)s”.") % {"name": person})
        return HttpResponseRedirect(workspace_url(person, "detail"))

    def get_breadcrumbs(self):
        return super().get_breadcrumbs() + [
            (str(self.object), workspace_url(self.object, "detail")),
            (_("Erase personal data"), None),
        ]
