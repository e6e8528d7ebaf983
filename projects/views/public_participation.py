"""The public page of the participation in the strategy process: the events of the stakeholders app with their
phases, topics and findings from the strategy. It reads both apps, so it lives in the upper one."""

from django.views.generic import ListView

from stakeholders.models import ParticipationEvent


class ParticipationEventTimelineView(ListView):
    """Public: the participation events of the strategy process in date order, archived ones left out."""

    template_name = "projects/public_events.html"
    context_object_name = "events"

    def get_queryset(self):
        # Phases, topics and findings point at the event; read through their reverse relations.
        return (
            ParticipationEvent.objects.filter(is_archived=False)
            .prefetch_related("phases", "action_fields", "findings")
            .order_by("start_date", "end_date", "title")
        )
