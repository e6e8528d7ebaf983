from django.contrib import messages
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, View
from django.views.generic.detail import SingleObjectMixin

from stakeholders.filters import (
    BodyFilter,
    MeetingFilter,
    OrganisationFilter,
    ParticipationEventFilter,
    PersonFilter,
)
from stakeholders.forms import (
    BodyForm,
    MeetingForm,
    MeetingFormSet,
    MembershipFormSet,
    OrganisationForm,
    ParticipationEventForm,
    PersonForm,
)
from stakeholders.models import Body, Meeting, Organisation, ParticipationEvent, Person
from stakeholders.services import erase_person, export_personal_data
from strategy_portal.workspace import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
    WorkspaceMixin,
    workspace_url,
)

# Organisations -----------------------------------------------------------------------------------------------------


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
            led_projects=organisation.led_projects.all(),
            partner_roles=organisation.project_roles.select_related("project"),
            can_add_person=self.request.user.has_perm("stakeholders.add_person"),
            **kwargs,
        )


class OrganisationCreateView(ObjectCreateView):
    model = Organisation
    form_class = OrganisationForm


class OrganisationUpdateView(ObjectUpdateView):
    model = Organisation
    form_class = OrganisationForm


# Persons -----------------------------------------------------------------------------------------------------------

# Contact details and notes are for the office's staff (who may change persons), not for committee members.
STAFF_ONLY_FIELDS = ("email", "phone", "notes")
PERSON_FIELDS = (
    "public_function",
    "organisation",
    "public_figure",
    "consent_date",
    "consent_scope",
    *STAFF_ONLY_FIELDS,
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

    def get_queryset(self):
        return Person.objects.select_related("organisation")

    def get_context_data(self, **kwargs):
        user = self.request.user
        staff = user.has_perm("stakeholders.change_person")
        self.fields = PERSON_FIELDS if staff else tuple(f for f in PERSON_FIELDS if f not in STAFF_ONLY_FIELDS)
        context = super().get_context_data(
            memberships=self.object.memberships.select_related("body", "organisation"),
            responsible_projects=self.object.responsible_projects.all(),
            can_handle_personal_data=user.has_perm("stakeholders.export_personal_data"),
            **kwargs,
        )
        if not staff:
            hide_changes(context["history"], STAFF_ONLY_FIELDS)
        return context


def hide_changes(entries, names):
    """Drop the changes of staff-only fields from a readable history."""
    hidden = {str(Person._meta.get_field(name).verbose_name) for name in names}
    for entry in entries:
        entry.changes = [change for change in entry.changes if str(change.field) not in hidden]


class PersonCreateView(ObjectCreateView):
    model = Person
    form_class = PersonForm
    initial_from_query = ("organisation",)


class PersonUpdateView(ObjectUpdateView):
    model = Person
    form_class = PersonForm


class PersonalDataMixin(WorkspaceMixin):
    """Administrators only: changing persons is not enough, the export permission is required too."""

    model = Person
    action = "change"

    def get_permission_required(self):
        return [*super().get_permission_required(), "stakeholders.export_personal_data"]


class PersonExportView(PersonalDataMixin, SingleObjectMixin, View):
    """Everything stored about the person, history included, as a JSON download (DSGVO Art. 15)."""

    queryset = Person.objects.select_related("organisation")

    def get(self, request, *args, **kwargs):
        person = self.get_object()
        data = export_personal_data(person=person, user=request.user)
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
        return response


class PersonEraseView(PersonalDataMixin, DetailView):
    """Asks for confirmation, then anonymises the person and their history (DSGVO Art. 17)."""

    template_name = "stakeholders/person_confirm_erase.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            membership_count=self.object.memberships.count(),
            project_count=self.object.responsible_projects.count(),
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


# Bodies and meetings -----------------------------------------------------------------------------------------------


class BodyListView(ObjectListView):
    model = Body
    filterset_class = BodyFilter
    columns = ("name", "short_name", "kind")


class BodyDetailView(ObjectDetailView):
    model = Body
    template_name = "stakeholders/body_detail.html"
    fields = ("short_name", "kind", "purpose")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            memberships=self.object.memberships.select_related("person", "organisation"),
            meetings=self.object.meetings.all(),
            can_add_meeting=self.request.user.has_perm("stakeholders.add_meeting"),
            **kwargs,
        )


class BodyCreateView(ObjectCreateView):
    model = Body
    form_class = BodyForm
    inlines = (MembershipFormSet, MeetingFormSet)


class BodyUpdateView(ObjectUpdateView):
    model = Body
    form_class = BodyForm
    inlines = (MembershipFormSet, MeetingFormSet)


class MeetingListView(ObjectListView):
    model = Meeting
    filterset_class = MeetingFilter
    columns = ("date", "body", "title", "is_public", "location")

    def get_queryset(self):
        return super().get_queryset().select_related("body")


class DocumentsMixin:
    """The documents attached to the object (they live in the projects app, reached by their reverse relation)."""

    document_parameter = None

    def get_context_data(self, **kwargs):
        upload_url = f"{reverse('projects:document-create')}?{self.document_parameter}={self.object.pk}"
        return super().get_context_data(
            documents=self.object.documents.for_list(), document_upload_url=upload_url, **kwargs
        )


class MeetingDetailView(DocumentsMixin, ObjectDetailView):
    model = Meeting
    template_name = "stakeholders/meeting_detail.html"
    fields = ("body", "date", "title", "is_public", "location")
    document_parameter = "sitzung"

    def get_queryset(self):
        return Meeting.objects.select_related("body")


class MeetingCreateView(ObjectCreateView):
    model = Meeting
    form_class = MeetingForm
    initial_from_query = ("body",)


class MeetingUpdateView(ObjectUpdateView):
    model = Meeting
    form_class = MeetingForm

    def get_queryset(self):
        return Meeting.objects.select_related("body")


# Participation events ----------------------------------------------------------------------------------------------


class ParticipationEventListView(ObjectListView):
    model = ParticipationEvent
    filterset_class = ParticipationEventFilter
    columns = ("title", "kind", "start_date", "end_date")


class ParticipationEventDetailView(DocumentsMixin, ObjectDetailView):
    model = ParticipationEvent
    template_name = "stakeholders/participationevent_detail.html"
    document_parameter = "beteiligung"
    fields = ("kind", "start_date", "end_date", "participant_groups", "description", "outcomes")

    def get_queryset(self):
        # Reverse relations from the strategy (projects app): the topics, phases and findings of the event.
        return ParticipationEvent.objects.prefetch_related("action_fields", "phases", "findings")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The count as the paper gives it ("über 60"), after the dates.
        label = ParticipationEvent._meta.get_field("participants_count").verbose_name
        context["rows"].insert(3, (label, self.object.participants_label))
        return context


class ParticipationEventCreateView(ObjectCreateView):
    model = ParticipationEvent
    form_class = ParticipationEventForm


class ParticipationEventUpdateView(ObjectUpdateView):
    model = ParticipationEvent
    form_class = ParticipationEventForm
