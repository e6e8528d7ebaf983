"""OParl meetings of the bodies, and their places as Location objects: public meetings only."""

from django.shortcuts import get_object_or_404

from oparl.selectors import public_meetings
from oparl.serializers import deleted, location_data, meeting_data, url
from oparl.views.base import ListView, OParlView, published
from stakeholders.models import Meeting
from strategy_portal import publication
from strategy_portal.publication import Audience


class MeetingListView(ListView):
    list_name = "meeting"
    serialiser = staticmethod(meeting_data)

    def queryset(self):
        return public_meetings()


class MeetingView(OParlView):
    def get(self, request, pk):
        meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
        return published(request, meeting_data(request, meeting))


class LocationView(OParlView):
    def get(self, request, pk):
        meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
        if not publication.may_show_meeting(meeting, Audience.PUBLIC) or not meeting.location:
            return published(request, deleted(url(request, "location", pk), "Location", meeting))
        return published(request, location_data(request, meeting))
