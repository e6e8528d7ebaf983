"""The workspace pages of bodies (with their memberships and meetings) and of meetings."""

from stakeholders.filters import BodyFilter, MeetingFilter
from stakeholders.forms import BodyForm, MeetingForm, MeetingFormSet, MembershipFormSet
from stakeholders.models import Body, Meeting
from strategy_portal.workspace import ObjectDetailView, ObjectFormView, ObjectListView


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


class BodyFormView(ObjectFormView):
    model = Body
    form_class = BodyForm
    inlines = (MembershipFormSet, MeetingFormSet)


class MeetingListView(ObjectListView):
    model = Meeting
    filterset_class = MeetingFilter
    columns = ("date", "body", "title", "is_public", "location")

    def get_queryset(self):
        return super().get_queryset().select_related("body")


class MeetingDetailView(ObjectDetailView):
    """The meeting; its documents are a section of the projects app (projects/sections.py)."""

    model = Meeting
    fields = ("body", "date", "start_time", "title", "is_public", "location")

    def get_queryset(self):
        return Meeting.objects.select_related("body")


class MeetingFormView(ObjectFormView):
    model = Meeting
    form_class = MeetingForm
    initial_from_query = ("body",)

    def get_queryset(self):
        return Meeting.objects.select_related("body")
