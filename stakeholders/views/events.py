"""The workspace pages of participation events."""

from stakeholders.filters import ParticipationEventFilter
from stakeholders.forms import ParticipationEventForm
from stakeholders.models import ParticipationEvent
from strategy_portal.workspace import ObjectDetailView, ObjectFormView, ObjectListView


class ParticipationEventListView(ObjectListView):
    model = ParticipationEvent
    filterset_class = ParticipationEventFilter
    columns = ("title", "kind", "start_date", "end_date")


class ParticipationEventDetailView(ObjectDetailView):
    """The event; its place in the strategy and its documents are sections of the projects app
    (projects/sections.py)."""

    model = ParticipationEvent
    fields = ("kind", "start_date", "end_date", "participant_groups", "description", "outcomes")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The count as the paper gives it ("über 60"), after the dates.
        label = ParticipationEvent._meta.get_field("participants_count").verbose_name
        context["rows"].insert(3, (label, self.object.participants_label))
        return context


class ParticipationEventFormView(ObjectFormView):
    model = ParticipationEvent
    form_class = ParticipationEventForm
