"""OParl meetings of the bodies, and their places as Location objects: public meetings only."""

from django.shortcuts import get_object_or_404

from oparl.serializers import deleted, location_data, meeting_data, url
from oparl.views.base import ListView, OParlResponse, OParlView
from stakeholders.models import Meeting
from strategy_portal import publication
from strategy_portal.publication import Audience


class MeetingListView(ListView):
    serialiser = staticmethod(meeting_data)

    def queryset(self):
        return Meeting.objects.filter(publication.meeting_q(Audience.PUBLIC)).select_related("body")


class MeetingView(OParlView):
    def get(self, request, pk):
        meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
        return OParlResponse(meeting_data(request, meeting))


class LocationView(OParlView):
    def get(self, request, pk):
        meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
        if not publication.may_show_meeting(meeting, Audience.PUBLIC) or not meeting.location:
            return OParlResponse(deleted(url(request, "location", pk), "Location", meeting))
        return OParlResponse(location_data(request, meeting))
